"""The review desk: contributions first come, first reviewed, with a 24-hour countdown; and the terms versions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Column
from cms.admin.dashboard import DashboardItem, DashboardPanel
from cms.admin.editing import RichEditingAdminMixin
from cms.workflow.history import history_table
from cms.workflow.states import WorkflowError

from ..models import Contribution, ContributionStatus, ContributionTerms, RejectionReason
from ..services import contributions as services

PERSONAL_FIELDS = ("email", "phone", "ip_address")


class AcceptForm(forms.Form):
    column = forms.ModelChoiceField(label=gettext_lazy("Column"), queryset=Column.objects.active())
    note = forms.CharField(
        label=gettext_lazy("Note (internal)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Reason"), choices=RejectionReason.choices)
    note = forms.CharField(
        label=gettext_lazy("Note to the contributor"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QueueFilter(admin.SimpleListFilter):
    title = gettext_lazy("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("pending", _("Awaiting review")), ("overdue", _("Overdue (over 24 hours)"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.pending()
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["receipt_code", "title", "kind", "unit", "status", "countdown", "reviewer", "created_at"]
    list_filter = [QueueFilter, "status", "kind", "rejection_reason"]
    search_fields = ["receipt_code", "title", "unit", "author"]
    list_select_related = ["reviewer", "article"]
    date_hierarchy = "created_at"
    actions = ["action_claim", "action_accept", "action_reject"]
    readonly_fields = [
        "receipt_code", "kind", "title", "body_text", "unit", "author", "email", "phone", "status", "terms",
        "agreed_at", "ip_address", "reviewer", "claimed_at", "decided_at", "rejection_reason", "rejection_note",
        "article_link", "created_at", "history",
    ]  # fmt: skip

    def get_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if not self.can_see_personal_data(request):
            fields = [field for field in fields if field not in PERSONAL_FIELDS]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def can_see_personal_data(self, request) -> bool:
        return request.user.has_perm("submissions.view_contribution_personal_data")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_review_permission(self, request):
        return request.user.has_perm("submissions.review_contribution")

    @admin.display(description=gettext_lazy("review due"), ordering="created_at")
    def countdown(self, contribution):
        if contribution.status not in (ContributionStatus.RECEIVED, ContributionStatus.REVIEWING):
            return "—"
        remaining = contribution.due_at - timezone.now()
        hours = int(remaining.total_seconds() // 3600)
        if remaining.total_seconds() < 0:
            return format_html('<strong class="overdue">{}</strong>', _("%(hours)d h overdue") % {"hours": -hours or 1})
        return _("%(hours)d h %(minutes)d min left") % {"hours": hours, "minutes": remaining.seconds % 3600 // 60}

    @admin.display(description=gettext_lazy("text"))
    def body_text(self, contribution):
        return format_html('<div class="contribution-body">{}</div>', contribution.body)

    @admin.display(description=gettext_lazy("article"))
    def article_link(self, contribution):
        if not contribution.article_id:
            return "—"
        url = reverse("admin:articles_article_change", args=[contribution.article_id])
        return format_html('<a href="{}">{}</a>', url, contribution.article)

    @admin.display(description=gettext_lazy("history"))
    def history(self, item):
        return history_table(item)

    def _run(self, request, queryset, move, **kwargs):
        done = 0
        for contribution in queryset:
            try:
                move(contribution, by=request.user, **kwargs)
                done += 1
            except WorkflowError as error:
                self.message_user(request, str(error), messages.WARNING)
        if done:
            self.message_user(request, _("%(count)d contribution(s) updated.") % {"count": done}, messages.SUCCESS)

    def _form_page(self, request, queryset, form, action, title):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "objects": list(queryset),
            "form": form,
            "action": action,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/submissions/contribution_action.html", context)

    @admin.action(description=gettext_lazy("Start review"), permissions=["review"])
    def action_claim(self, request, queryset):
        self._run(request, queryset, services.claim)

    @admin.action(description=gettext_lazy("Accept (creates a draft article)"), permissions=["review"])
    def action_accept(self, request, queryset):
        form = AcceptForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._form_page(request, queryset, form, "action_accept", _("Accept contributions"))
        created = []
        for contribution in queryset:
            try:
                created.append(
                    services.accept(
                        contribution,
                        by=request.user,
                        column=form.cleaned_data["column"],
                        note=form.cleaned_data["note"],
                    )
                )
            except WorkflowError as error:
                self.message_user(request, str(error), messages.WARNING)
        for article in created:
            url = reverse("admin:articles_article_change", args=[article.pk])
            self.message_user(
                request, format_html(_('Draft article created: <a href="{}">{}</a>'), url, article.title),
                messages.SUCCESS,
            )  # fmt: skip
        return None

    @admin.action(description=gettext_lazy("Do not accept"), permissions=["review"])
    def action_reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._form_page(request, queryset, form, "action_reject", _("Do not accept contributions"))
        self._run(
            request, queryset, services.reject, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
        return None


@admin.register(ContributionTerms)
class ContributionTermsAdmin(RichEditingAdminMixin, admin.ModelAdmin):
    """Terms are versioned: editing saves a new version, earlier versions stay as contributors agreed to them."""

    list_display = ["version", "title", "created_at", "created_by"]
    readonly_fields = ["version", "created_at", "created_by"]
    fields = ["title", "body", "version", "created_at", "created_by"]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        current = ContributionTerms.current()
        return {"title": current.title, "body": current.body} if current else {}

    def save_model(self, request, obj, form, change):
        obj.pk = None
        obj.version = None
        obj.created_by = request.user
        super().save_model(request, obj, form, change)


def contributions_panel(request):
    if not request.user.has_perm("submissions.review_contribution"):
        return None
    changelist = reverse("admin:submissions_contribution_changelist")
    pending = Contribution.objects.pending().count()
    overdue = Contribution.objects.overdue().count()
    items = [
        DashboardItem(_("Contributions awaiting review"), f"{changelist}?queue=pending", pending),
        DashboardItem(_("Overdue (over 24 hours)"), f"{changelist}?queue=overdue", overdue, urgent=overdue > 0),
    ]
    return DashboardPanel(title=_("Contributions"), items=items, order=30)

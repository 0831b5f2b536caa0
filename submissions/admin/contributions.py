"""The review desk: contributions first come, first reviewed, with a 24-hour countdown; and the terms versions."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Column
from cms.admin.dashboard import DashboardItem, DashboardPanel
from cms.admin.editing import RichEditingAdminMixin
from cms.security import audit
from cms.security.models import AuditAction
from cms.workflow.admin import WorkflowActionsMixin, WorkflowForm
from cms.workflow.history import history_table

from ..models import Contribution, ContributionStatus, ContributionTerms, RejectionReason
from ..services import contributions as services

PERSONAL_FIELDS = ("email", "phone", "ip_address")


class AcceptForm(WorkflowForm):
    """采用: the column the draft article goes into; the comment is an internal note."""

    column = forms.ModelChoiceField(label=gettext_lazy("Column"), queryset=Column.objects.active())
    field_order = ["column", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = gettext_lazy("Note (internal)")


class RejectForm(WorkflowForm):
    """不采用: a reason from the list; the comment is the note the contributor reads."""

    rejection_reason = forms.ChoiceField(label=gettext_lazy("Reason"), choices=RejectionReason.choices)
    field_order = ["rejection_reason", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = gettext_lazy("Note to the contributor")


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
class ContributionAdmin(WorkflowActionsMixin, admin.ModelAdmin):
    list_display = ["receipt_code", "title", "kind", "unit", "status", "countdown", "reviewer", "created_at"]
    list_filter = [QueueFilter, "status", "kind", "rejection_reason"]
    search_fields = ["receipt_code", "title", "unit", "author"]
    list_select_related = ["reviewer", "article"]
    date_hierarchy = "created_at"
    workflow_forms = {"accept": AcceptForm, "reject": RejectForm}
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The contributor's email, phone and address shown: one audit row per view."""
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200 and self.can_see_personal_data(request):
            audit.record(AuditAction.PERSONAL_DATA_VIEW, obj=self.get_object(request, object_id), request=request)
        return response

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

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

    def perform_move(self, request, contribution, move, *, reason="", **extra):
        """Accepting and rejecting go through the desk's services (the draft article, the emails)."""
        if move.name == "accept":
            article = services.accept(contribution, by=request.user, column=extra["column"], note=reason)
            url = reverse("admin:articles_article_change", args=[article.pk])
            self.message_user(
                request, format_html(_('Draft article created: <a href="{}">{}</a>'), url, article.title),
                messages.SUCCESS,
            )  # fmt: skip
            return article
        if move.name == "reject":
            return services.reject(contribution, by=request.user, reason=extra["rejection_reason"], note=reason)
        return super().perform_move(request, contribution, move, reason=reason, **extra)


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

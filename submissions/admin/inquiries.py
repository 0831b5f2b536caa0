"""The lead desk for investment officers: masking, transitions, follow-ups, export, timer. Every unmasked view (list
page or detail) and every export is written to the audit log (``cms.security.audit``)."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.admin.dashboard import DashboardItem, DashboardPanel
from cms.workflow.admin import WorkflowActionsMixin
from cms.workflow.history import history_table

from ..models import FollowUp, Inquiry, InquiryStatus, Plan
from ..services import inquiries as services

PERSONAL_FIELDS = ("name", "phone", "email", "job_title", "ip_address", "credit_code", "message")
MASKS = {"name": services.mask_name, "phone": services.mask_phone, "email": services.mask_email}


def can_see_personal_data(request) -> bool:
    return request.user.has_perm("submissions.view_inquiry_personal_data")


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 1
    fields = ["at", "note", "next_follow_up", "by"]
    readonly_fields = ["at", "by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("first response")
    parameter_name = "response"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("waiting", _("Waiting for a first answer"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.awaiting_first_response().filter(first_response_due__lt=timezone.now())
        if self.value() == "waiting":
            return queryset.awaiting_first_response()
        return queryset


@admin.register(Inquiry)
class InquiryAdmin(WorkflowActionsMixin, admin.ModelAdmin):
    """The status moves (contacted, qualified, landed, closed) come from ``Inquiry.workflow`` as buttons and bulk
    actions; export is this desk's own action."""

    list_display = ["pk", "created_at", "kind", "topic", "company", "name", "phone", "status", "flags", "response",
                    "assignee", "next_follow_up"]  # fmt: skip
    list_filter = [OverdueFilter, "status", "kind", "topic", "is_high_value", "industry", "assignee"]
    list_select_related = ["assignee", "industry"]
    date_hierarchy = "created_at"
    inlines = [FollowUpInline]
    actions = ["action_export"]
    editable_fields = ["assignee", "next_follow_up"]

    def get_list_display(self, request):
        if can_see_personal_data(request):
            return self.list_display
        return [MASKED.get(column, column) for column in self.list_display]

    def get_search_fields(self, request):
        return ["company", "name", "phone", "email", "credit_code"] if can_see_personal_data(request) else ["company"]

    def get_fields(self, request, obj=None):
        fields = ["kind", "topic", "status", "company", "industry", "policy", "name", "job_title", "phone", "email",
                  "credit_code", "message", "plans_display", "space_area", "space_type", "headcount", "investment",
                  "timeframe", "high_value_reasons", "duplicate_of", "assignee", "next_follow_up", "created_at",
                  "first_response_due", "first_responded_at", "closed_at", "source_page", "utm", "consent_at",
                  "privacy_version", "ip_address", "history"]  # fmt: skip
        if not can_see_personal_data(request):
            fields = [MASKED.get(field, field) for field in fields if field in MASKED or field not in PERSONAL_FIELDS]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return [field for field in self.get_fields(request, obj) if field not in self.editable_fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_export_permission(self, request):
        return request.user.has_perm("submissions.export_inquiry")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200 and can_see_personal_data(request):
            services.log_detail_view(self.get_object(request, object_id), request=request)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if request.method == "GET" and changelist is not None and can_see_personal_data(request):
            services.log_list_view(changelist.result_list, request=request, filters=dict(request.GET.items()))
        return response

    def save_formset(self, request, form, formset, change):
        for follow_up in formset.save(commit=False):
            follow_up.by = request.user
            follow_up.save()
            if follow_up.next_follow_up:
                Inquiry.objects.filter(pk=follow_up.inquiry_id).update(next_follow_up=follow_up.next_follow_up)

    # -- list columns -------------------------------------------------------------------------------------------
    @admin.display(description=gettext_lazy("flags"))
    def flags(self, inquiry):
        parts = []
        if inquiry.is_high_value:
            parts.append(format_html('<strong class="flag-high">{}</strong>', _("High value")))
        if inquiry.duplicate_of_id:
            parts.append(format_html('<span class="flag-duplicate">{}</span>',
                                     _("Same as #%(number)s?") % {"number": inquiry.duplicate_of_id}))  # fmt: skip
        return format_html_join(" ", "{}", ((part,) for part in parts)) or "—"

    @admin.display(description=gettext_lazy("first response"), ordering="first_response_due")
    def response(self, inquiry):
        if inquiry.first_responded_at:
            return timezone.localtime(inquiry.first_responded_at).strftime("%m-%d %H:%M")
        if inquiry.is_overdue():
            return format_html('<strong class="overdue">{}</strong>', _("Overdue"))
        if inquiry.status == InquiryStatus.NEW:
            return _("due %(time)s") % {"time": timezone.localtime(inquiry.first_response_due).strftime("%m-%d %H:%M")}
        return "—"

    # -- detail fields (masked variants for staff without the permission) ---------------------------------------
    @admin.display(description=gettext_lazy("contact name"))
    def masked_name(self, inquiry):
        return services.mask_name(inquiry.name)

    @admin.display(description=gettext_lazy("phone"))
    def masked_phone(self, inquiry):
        return services.mask_phone(inquiry.phone)

    @admin.display(description=gettext_lazy("email"))
    def masked_email(self, inquiry):
        return services.mask_email(inquiry.email)

    @admin.display(description=gettext_lazy("plans"))
    def plans_display(self, inquiry):
        labels = dict(Plan.choices)
        return "、".join(str(labels.get(plan, plan)) for plan in inquiry.plans or []) or "—"

    @admin.display(description=gettext_lazy("why high value"))
    def high_value_reasons(self, inquiry):
        return "；".join(services.high_value_reasons(inquiry)) or "—"

    @admin.display(description=gettext_lazy("history"))
    def history(self, item):
        return history_table(item)

    # -- actions ------------------------------------------------------------------------------------------------
    @admin.action(description=gettext_lazy("Export to CSV (Excel)"), permissions=["export"])
    def action_export(self, request, queryset):
        content = services.export_csv(queryset, by=request.user)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="inquiries-{timezone.localdate():%Y%m%d}.csv"'
        return response


#: What staff without the personal-data permission see instead of each personal field (None: nothing).
MASKED = {"name": "masked_name", "phone": "masked_phone", "email": "masked_email"}


def leads_panel(request):
    if not request.user.has_perm("submissions.view_inquiry"):
        return None
    changelist = reverse("admin:submissions_inquiry_changelist")
    new = Inquiry.objects.awaiting_first_response().count()
    overdue = Inquiry.objects.awaiting_first_response().filter(first_response_due__lt=timezone.now()).count()
    return DashboardPanel(
        title=_("Business leads"),
        items=[
            DashboardItem(_("New leads"), f"{changelist}?response=waiting", new),
            DashboardItem(_("Overdue first answers"), f"{changelist}?response=overdue", overdue, urgent=overdue > 0),
        ],
        order=40,
    )

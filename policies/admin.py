from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from cms.admin.dashboard import DashboardItem, DashboardPanel
from cms.admin.editing import RichEditingAdminMixin
from cms.admin.revisions import RevisionCompareMixin
from cms.text.document_numbers import normalize_document_number
from cms.workflow.admin import WorkflowAdminMixin

from .models import Attachment, Authority, Industry, Policy, SupportType, Topic, Validity


class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {}


admin.site.register(Industry, TermAdmin)
admin.site.register(SupportType, TermAdmin)
admin.site.register(Topic, TermAdmin)


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "level", "order"]
    list_filter = ["level"]
    list_editable = ["order"]
    search_fields = ["name", "short_name"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 1
    fields = ["title", "file", "order", "original_name", "kind", "size"]
    readonly_fields = ["original_name", "kind", "size"]


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return Validity.choices

    def queryset(self, request, queryset):
        if self.value() in Validity.values:
            return queryset.with_validity().filter(validity_state=self.value())
        return queryset


@admin.register(Policy)
class PolicyAdmin(RichEditingAdminMixin, WorkflowAdminMixin, RevisionCompareMixin, VersionAdmin):
    list_display = ["title", "document_number", "level", "validity_badge", "status_badge", "issued_on", "featured"]
    list_filter = ["status", ValidityFilter, "level", "authorities", "industries", "support_types", "featured"]
    search_fields = ["title", "document_number", "document_number_key"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["authorities", "industries", "support_types", "topic", "replaced_by", "interpretations"]
    inlines = [AttachmentInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "document_number", "index_number", "authorities", "level", "region", "topic",
                           "industries", "support_types", "tags"]}),
        (_("Dates and validity"), {
            "fields": ["written_on", "issued_on", "effective_on", "expires_on", "repealed_on", "replaced_by"],
            "description": _("Validity is computed from these dates; it is never typed."),
        }),
        (_("Key measures"), {"fields": ["key_measures"]}),
        (_("Application guide"), {"fields": ["beneficiaries", "conditions", "application_start", "application_end",
                                             "handling_department", "contact_phone"]}),
        (_("Full text"), {"fields": ["body", "interpretations"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "featured", "seo_description"]}),
        (_("History"), {"fields": ["workflow_history", "created_by", "created_at", "updated_by", "updated_at"],
                        "classes": ["collapse"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).with_validity()

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = normalize_document_number(search_term)
        if key:
            queryset |= self.model.objects.with_validity().filter(document_number_key__icontains=key)
        return queryset, may_have_duplicates

    @admin.display(description=_("validity"), ordering="validity_state")
    def validity_badge(self, policy):
        return policy.validity_label

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.document_number_key:
            duplicates = Policy.objects.filter(document_number_key=obj.document_number_key).exclude(pk=obj.pk)
            for duplicate in duplicates[:3]:
                self.message_user(
                    request,
                    _("Another policy has the same document number: “%(title)s”.") % {"title": duplicate.title},
                    messages.WARNING,
                )


def policy_panel(request):
    user = request.user
    if not user.has_perm("policies.change_policy"):
        return None
    changelist = reverse("admin:policies_policy_changelist")
    expiring = Policy.objects.published().expiring_within(30).count()
    items = [
        DashboardItem(_("Expiring within 30 days"), f"{changelist}?validity=expiring", expiring, urgent=expiring > 0),
        DashboardItem(
            _("Policies awaiting review"), f"{changelist}?status__exact=in_review", Policy.objects.in_review().count()
        ),
    ]
    return DashboardPanel(title=_("Policies"), items=items, order=20)

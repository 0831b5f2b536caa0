"""The audit log in the admin: read-only for everyone, open to superusers and to the 审核 role (``view_auditentry``)."""

import json

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms.security.models import AuditEntry


class UsernameFilter(admin.SimpleListFilter):
    """By the name recorded in the row, so that entries of a deleted account can still be picked."""

    title = _("user")
    parameter_name = "username"

    def lookups(self, request, model_admin):
        names = AuditEntry.objects.exclude(username="").order_by("username").values_list("username", flat=True)
        return [(name, name) for name in names.distinct()]

    def queryset(self, request, queryset):
        return queryset.filter(username=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["when", "who", "action", "object", "detail", "ip_address"]
    list_filter = [UsernameFilter, "action", ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "username"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    actions = None
    fields = ["when", "who", "ip_address", "action", "content_type", "object_id", "object_repr", "detail", "details"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("time"), ordering="at")
    def when(self, entry):
        return timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S")

    @admin.display(description=_("user"), ordering="username")
    def who(self, entry):
        return entry.username or _("(system)")

    @admin.display(description=_("object"), ordering="object_repr")
    def object(self, entry):
        if entry.content_type_id is None:
            return entry.object_repr or "—"
        if not entry.object_id:  # a whole table: a list view, an export
            return entry.object_repr or entry.content_type.name
        return f"{entry.content_type.name}：{entry.object_repr}"

    @admin.display(description=_("details"))
    def details(self, entry):
        if not entry.data:
            return "—"
        return format_html("<pre>{}</pre>", json.dumps(entry.data, ensure_ascii=False, indent=2, sort_keys=True))

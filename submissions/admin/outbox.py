from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.admin.dashboard import DashboardItem, DashboardPanel

from ..models import OutboundEmail
from ..models.outbox import EmailStatus


class SuperuserRecordsAdmin(admin.ModelAdmin):
    """Records kept by the system (queues, logs) that contain personal data: superusers read them, nobody edits."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(SuperuserRecordsAdmin):
    """The email queue. Bodies contain personal data, so only superusers see it."""

    list_display = ["created_at", "to", "subject", "status", "attempts", "next_attempt_at", "topic"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "topic"]
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]
    actions = ["retry_now"]

    def has_retry_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=gettext_lazy("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        count = queryset.exclude(status=EmailStatus.SENT).update(
            status=EmailStatus.PENDING, next_attempt_at=timezone.now()
        )
        self.message_user(request, _("%(count)d email(s) will be retried by the next send run.") % {"count": count})


def email_panel(request):
    if not request.user.is_superuser:
        return None
    failing = OutboundEmail.objects.exclude(status=EmailStatus.SENT).filter(attempts__gt=0).count()
    url = "/admin/submissions/outboundemail/?status__exact=failed"
    return DashboardPanel(
        title=_("Email queue"),
        items=[DashboardItem(_("Emails failing or given up"), url, failing, urgent=failing > 0)],
        order=95,
    )

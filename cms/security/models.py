"""The audit log: one append-only row per action that must be accountable (``cms.security.audit`` writes them)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.workflow.states import Action


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    TRANSITION = "transition", _("Workflow move")
    APPROVE_CHANGE = "approve_change", _("Pending change approved")
    REJECT_CHANGE = "reject_change", Action.REJECT_CHANGE.label
    RESTORE = "restore", Action.RESTORE.label
    RECOVER = "recover", Action.RECOVER.label
    DELETE = "delete", _("Deleted")
    SITE_SETTINGS = "site_settings", _("Site settings changed")
    USER_CREATE = "user_create", _("Account created")
    USER_CHANGE = "user_change", _("Account changed")
    USER_DELETE = "user_delete", _("Account deleted")
    GROUP_CREATE = "group_create", _("Role created")
    GROUP_CHANGE = "group_change", _("Role renamed")
    GROUP_DELETE = "group_delete", _("Role deleted")
    MEMBERSHIP = "membership", _("Role membership changed")
    PERMISSIONS = "permissions", _("Permissions changed")
    PERSONAL_DATA_LIST = "personal_data_list", _("Personal data viewed (list)")
    PERSONAL_DATA_VIEW = "personal_data_view", _("Personal data viewed (detail)")
    EXPORT = "export", _("Personal data exported")
    PURGE = "purge", _("Expired audit entries deleted")
    BACKUP_RESTORE = "backup_restore", _("Restored from a backup")


#: The actions that show someone's personal data.
PERSONAL_DATA_ACTIONS = (AuditAction.PERSONAL_DATA_LIST, AuditAction.PERSONAL_DATA_VIEW, AuditAction.EXPORT)


class AuditEntry(models.Model):
    """Who did what to which object, when and from which address. Rows are only ever added (the admin is
    read-only; on PostgreSQL a trigger refuses changes) and deleted by ``purge_audit_log`` after the retention.

    ``username`` and ``object_repr`` are snapshots: the row still names the user and the object after either is
    deleted (the foreign keys then become empty).
    """

    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    username = models.CharField(_("username"), max_length=150, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices, editable=False)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    object_id = models.CharField(_("object ID"), max_length=64, blank=True, editable=False)
    object_repr = models.CharField(_("object"), max_length=200, blank=True, editable=False)
    detail = models.CharField(_("detail"), max_length=500, blank=True, editable=False)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        default_permissions = ("view",)  # rows are never added, changed or deleted by hand
        indexes = [
            models.Index(fields=["-at"], name="auditentry_at_idx"),
            models.Index(fields=["username", "-at"], name="auditentry_user_at_idx"),
            models.Index(fields=["action", "-at"], name="auditentry_action_at_idx"),
            models.Index(fields=["content_type", "object_id", "-at"], name="auditentry_object_at_idx"),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.at).strftime("%Y-%m-%d %H:%M:%S")
        parts = (when, self.username or "—", self.get_action_display(), self.object_repr)
        return " ".join(part for part in parts if part)

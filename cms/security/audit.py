"""The one audit log (issue 15): ``record()`` adds a row; the receivers here record what the core sees happen.

What is recorded, and where it comes from:

- every history row of every workflow (``Transition`` post_save): each ``transition()`` move, the first row of a new
  item (``record_creation``) and the rows ``record_transition`` writes for pending-change approvals and rejections,
  restores and recoveries: one audit row per history row;
- deletes of every model with a ``workflow`` (news, policies, pages, contributions, inquiries), one row per object
  whether deleted one by one or with "delete selected" (post_delete);
- site-settings saves, with the fields that changed;
- accounts and roles: users and groups added, changed or deleted, group membership, user and group permissions.
  A password change is recorded by name only: no password or hash is ever stored;
- personal data shown unmasked (lists and details) and exports: the apps that show it call ``record()``;
- the retention purge itself (``purge_expired``, ``manage.py purge_audit_log``).

The user and the address come from the current request (``AuditContextMiddleware`` keeps it in a context variable)
unless the caller passes them. What the system does by itself (a move without ``by``, a visitor's submission) is
recorded without user and without address: visitors' addresses are personal data and stay with their submissions.

A row is written in the same transaction as the action it records. If it cannot be written the action fails and is
rolled back: nothing happens without its row, and no row records what did not happen. A page of personal data is
not shown without its row either.
"""

import ipaddress
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cms.security.client_ip import client_ip
from cms.security.context import SYSTEM, current_request
from cms.security.models import AuditAction, AuditEntry
from cms.workflow.models import Transition
from cms.workflow.moves import Workflow
from cms.workflow.states import Action

__all__ = ["SYSTEM", "connect_all", "purge_expired", "record"]

#: 网络安全法 第二十一条: network logs are kept for at least six months.
MINIMUM_RETENTION_DAYS = 180


def record(action: str, *, obj=None, user=None, detail: str = "", data: dict | None = None, request=None):
    """Add one audit row and return it.

    ``obj`` is a model instance, or a model class for what concerns a table rather than one row (a list, an
    export). ``user`` and ``request`` default to the current request's; ``request=SYSTEM`` records an action of
    the system (no user, no address).
    """
    if request is None:
        request = current_request()
    if request is SYSTEM:
        request, user = None, None
    elif user is None and request is not None:
        user = _signed_in(request)
    if user is not None and not user.is_authenticated:
        user = None
    content_type, object_id, object_repr = _describe(obj)
    return _write(
        action, user=user, address=_address(request) if request is not None and user is not None else None,
        content_type=content_type, object_id=object_id, object_repr=object_repr, detail=detail, data=data,
    )  # fmt: skip


def _write(action, *, user, address, content_type, object_id, object_repr, detail, data) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action, user=user, username=user.get_username() if user is not None else "", ip_address=address,
        content_type=content_type, object_id=object_id, object_repr=Truncator(object_repr).chars(200),
        detail=Truncator(detail or "").chars(500), data=data or {},
    )  # fmt: skip


def _signed_in(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _address(request) -> str | None:
    try:
        return str(ipaddress.ip_address(client_ip(request).strip()))
    except ValueError:  # no address, or a forwarded value that is not one
        return None


def _describe(obj) -> tuple[ContentType | None, str, str]:
    if obj is None:
        return None, "", ""
    if isinstance(obj, type) and issubclass(obj, models.Model):
        return ContentType.objects.get_for_model(obj), "", str(obj._meta.verbose_name_plural)
    return ContentType.objects.get_for_model(obj), str(obj.pk), str(obj)


# -- workflow history ---------------------------------------------------------------------------------------------

#: History rows that name what happened (``Transition.action``) and have an audit action of their own.
WORKFLOW_ACTIONS = {
    Action.PUBLISH_CHANGE: AuditAction.APPROVE_CHANGE,
    Action.SCHEDULE_CHANGE: AuditAction.APPROVE_CHANGE,
    Action.REJECT_CHANGE: AuditAction.REJECT_CHANGE,
    Action.RESTORE: AuditAction.RESTORE,
    Action.RECOVER: AuditAction.RECOVER,
}


def _on_transition(sender, instance: Transition, created, raw=False, **kwargs):
    """One audit row per new history row, whoever wrote it. Models whose notes may name a private person set
    ``audit_comments = False``: the row then records the move without the note."""
    if not created or raw:
        return
    model = instance.content_type.model_class()
    item = model._base_manager.filter(pk=instance.object_id).first() if model is not None else None
    if instance.action in WORKFLOW_ACTIONS:
        action = WORKFLOW_ACTIONS[instance.action]
    else:
        action = AuditAction.TRANSITION if instance.from_status else AuditAction.CREATE
    data = {"from": instance.from_status, "to": instance.to_status, "transition": instance.pk}
    if instance.action:
        data["workflow_action"] = instance.action
    detail = str(instance)
    if instance.comment and getattr(model, "audit_comments", True):
        data["comment"] = instance.comment
        detail = f"{detail}：{instance.comment}"
    by = instance.by
    request = current_request() if by is not None else None
    _write(
        action, user=by, address=_address(request) if request is not None else None,
        content_type=instance.content_type, object_id=str(instance.object_id),
        object_repr=str(item) if item is not None else f"{instance.content_type.name} #{instance.object_id}",
        detail=detail, data=data,
    )  # fmt: skip


def _on_delete(sender, instance, origin=None, **kwargs):
    data = {"status": getattr(instance, "status", "")}
    if isinstance(origin, models.QuerySet):
        data["bulk"] = True  # "delete selected" (or another queryset delete)
    elif isinstance(origin, models.Model) and origin is not instance:
        data["cascade_from"] = f"{origin._meta.label_lower} #{origin.pk}"  # deleted with the row it belonged to
    record(AuditAction.DELETE, obj=instance, data=data)


# -- site settings, accounts and roles ----------------------------------------------------------------------------

#: Fields whose values never go into the log; a change of them is recorded by name.
SECRET_FIELDS = {"password"}
#: Fields changed by signing in or by the admin's form round trip, not by a decision of anyone.
UNTRACKED_FIELDS = {"id", "created_at", "updated_at", "last_login", "date_joined"}
_NOT_TRACKED = object()


def _values(instance) -> dict:
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name not in UNTRACKED_FIELDS:
            value = field.value_from_object(instance)
            values[field.name] = value.name if isinstance(value, FieldFile) else value
    return values


class ChangeWatch:
    """Records creation, changes (which fields, and their values unless secret) and deletion of ``model``'s rows;
    ``None`` for an action means it is not recorded."""

    def __init__(self, model, *, created=None, changed=None, deleted=None):
        self.model, self.created, self.changed, self.deleted = model, created, changed, deleted

    def connect(self):
        uid = f"audit-{self.model._meta.label_lower}"
        pre_save.connect(self.before_save, sender=self.model, weak=False, dispatch_uid=f"{uid}-pre")
        post_save.connect(self.after_save, sender=self.model, weak=False, dispatch_uid=f"{uid}-post")
        if self.deleted:
            post_delete.connect(self.after_delete, sender=self.model, weak=False, dispatch_uid=f"{uid}-delete")

    def before_save(self, sender, instance, raw=False, update_fields=None, **kwargs):
        if raw:  # loaddata, a backup restore: nothing is decided here (the m2m that follow are skipped too)
            instance._audit_loading = True
            return
        if update_fields is not None and set(update_fields) <= UNTRACKED_FIELDS:
            instance._audit_before = _NOT_TRACKED  # signing in: only last_login changes, and nothing is read
            return
        old = sender._base_manager.filter(pk=instance.pk).first() if instance.pk is not None else None
        instance._audit_before = _values(old) if old is not None else None

    def after_save(self, sender, instance, created, raw=False, **kwargs):
        before = instance.__dict__.pop("_audit_before", None)
        if raw:
            return
        if created or before is None:
            if self.created:
                public = {name: value for name, value in _values(instance).items() if name not in SECRET_FIELDS}
                record(self.created, obj=instance, data={"values": public})
            return
        if before is _NOT_TRACKED or not self.changed:
            return
        after = _values(instance)
        names = [name for name, value in after.items() if before.get(name) != value]
        if not names:
            return
        changes = {name: [before.get(name), after[name]] for name in names if name not in SECRET_FIELDS}
        labels = "、".join(str(self.model._meta.get_field(name).verbose_name) for name in names)
        record(self.changed, obj=instance, detail=labels, data={"fields": names, "changes": changes})

    def after_delete(self, sender, instance, **kwargs):
        request = current_request()
        user = _signed_in(request) if request is not None else None
        if user is not None and isinstance(instance, get_user_model()) and user.pk == instance.pk:
            request = SYSTEM  # an account deleting itself: its row is gone, the entry keeps the name only
        record(self.deleted, obj=instance, request=request)


def _label(obj) -> str:
    if isinstance(obj, Permission):
        return f"{obj.content_type.app_label}.{obj.codename}"
    if hasattr(obj, "get_username"):
        return obj.get_username()
    return str(obj)


def _related(model, pks):
    rows = model._base_manager.filter(pk__in=pks)
    return rows.select_related("content_type") if model is Permission else rows


def _relations() -> dict:
    """``{through model: (audit action, owner model, field name)}``: rows are recorded against the owner (the user
    whose roles or permissions change, the role whose permissions change), from whichever side the change is made."""
    User = get_user_model()
    return {
        User.groups.through: (AuditAction.MEMBERSHIP, User, "groups"),
        User.user_permissions.through: (AuditAction.PERMISSIONS, User, "user_permissions"),
        Group.permissions.through: (AuditAction.PERMISSIONS, Group, "permissions"),
    }


def _on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear") or getattr(instance, "_audit_loading", False):
        return
    audit_action, owner_model, field_name = _relations()[sender]
    key, template = ("added", _("Added: %(names)s")) if action == "post_add" else ("removed", _("Removed: %(names)s"))
    if not reverse:  # user.groups.add(group): the instance is the owner
        if action == "pre_clear":
            pk_set = list(getattr(instance, field_name).values_list("pk", flat=True))
        names = sorted(_label(other) for other in _related(model, pk_set or ()))
        if names:
            record(audit_action, obj=instance, detail=template % {"names": "、".join(names)}, data={key: names})
        return
    # group.user_set.add(user): one row per owner
    accessor = owner_model._meta.get_field(field_name).remote_field.get_accessor_name()
    if action == "pre_clear":
        pk_set = list(getattr(instance, accessor).values_list("pk", flat=True))
    name = _label(instance)
    for owner in _related(owner_model, pk_set or ()):
        record(audit_action, obj=owner, detail=template % {"names": name}, data={key: [name]})


def connect_all() -> None:
    """Wire the receivers (``CmsConfig.ready``). Content apps are found by their ``workflow``, never imported."""
    post_save.connect(_on_transition, sender=Transition, dispatch_uid="audit-transition")
    for model in apps.get_models():
        if isinstance(getattr(model, "workflow", None), Workflow):
            post_delete.connect(_on_delete, sender=model, dispatch_uid=f"audit-delete-{model._meta.label_lower}")
    from cms.public.models import SiteSettings

    ChangeWatch(SiteSettings, changed=AuditAction.SITE_SETTINGS).connect()
    ChangeWatch(
        get_user_model(), created=AuditAction.USER_CREATE, changed=AuditAction.USER_CHANGE,
        deleted=AuditAction.USER_DELETE,
    ).connect()  # fmt: skip
    ChangeWatch(
        Group, created=AuditAction.GROUP_CREATE, changed=AuditAction.GROUP_CHANGE, deleted=AuditAction.GROUP_DELETE
    ).connect()
    for through in _relations():
        m2m_changed.connect(_on_m2m_changed, sender=through, dispatch_uid=f"audit-m2m-{through._meta.label_lower}")


# -- retention ----------------------------------------------------------------------------------------------------


def retention_days() -> int:
    days = settings.AUDIT_RETENTION_DAYS
    if days < MINIMUM_RETENTION_DAYS:
        raise ImproperlyConfigured(f"AUDIT_RETENTION_DAYS must be at least {MINIMUM_RETENTION_DAYS}, not {days}.")
    return days


def purge_expired(*, now: datetime | None = None, dry_run: bool = False) -> tuple[int, datetime]:
    """Delete the rows older than the retention (``AUDIT_RETENTION_DAYS``); return (how many, the cut-off).

    The only path that deletes audit rows: on PostgreSQL the table's trigger lets a DELETE through only in a
    transaction that says so (``cms.audit_purge``). The purge itself is recorded when it deleted anything.
    """
    before = (now or timezone.now()) - timedelta(days=retention_days())
    expired = AuditEntry.objects.filter(at__lt=before)
    if dry_run:
        return expired.count(), before
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cms.audit_purge = 'on'")
        deleted, _by_model = expired.delete()
        if deleted:
            record(
                AuditAction.PURGE, obj=AuditEntry, request=SYSTEM, data={"deleted": deleted, "before": before},
                detail=_("%(count)d entries from before %(before)s")
                % {"count": deleted, "before": f"{timezone.localtime(before):%Y-%m-%d %H:%M}"},
            )  # fmt: skip
    return deleted, before


@checks.register(checks.Tags.security)
def check_retention(app_configs=None, **kwargs):
    days = settings.AUDIT_RETENTION_DAYS
    if days >= MINIMUM_RETENTION_DAYS:
        return []
    return [
        checks.Error(
            f"AUDIT_RETENTION_DAYS is {days}: audit logs must be kept at least {MINIMUM_RETENTION_DAYS} days.",
            hint="网络安全法 requires network logs to be kept for at least six months; set 180 or more.",
            id="cms.E001",
        )
    ]

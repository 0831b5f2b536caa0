"""Pending changes of live content (先审后发): an edit of a published item waits for review; the public keeps seeing the
row itself, the live version, until the change is published through the workflow.

- ``snapshot(item, form=None)``: the item's editable content as JSON (fields, many-to-many, tags), from a saved row
  or from an admin form about to be saved.
- ``hold(item, data, by=…)``: store (or replace) the item's pending change and submit it for review.
- ``publish_change(item, by=…, at=None)``: publish it now (the row is saved, so cache purges, the search index and
  renditions follow as for any save) or schedule it for ``at``; ``apply_due_changes()`` publishes scheduled ones.
- ``reject_change(item, by=…, reason=…)``: send it back to the editor with a reason.
- ``in_memory(item)``: the item with its pending change applied but not saved, for the editing form.

Every step leaves one history row (``Transition`` with an ``Action``) and sends ``transitioned`` after commit. Who
may publish a change is the rule for publishing the item (``<app>.publish_<model>``).
"""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from taggit.managers import TaggableManager

from cms.caching.pages import purge
from cms.caching.tags import PENDING_CHANGES
from cms.workflow.models import PendingChange, Transition
from cms.workflow.services import record_transition
from cms.workflow.states import Action, ChangeStatus, Status, WorkflowError, transitioned

#: Fields the workflow owns: never part of a change's content.
WORKFLOW_FIELDS = frozenset({"id", "status", "publish_at", "created_by", "updated_by", "created_at", "updated_at"})


# -- content as JSON ------------------------------------------------------------------------------------------------
def content_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in WORKFLOW_FIELDS
    ]


def relation_fields(model) -> list[models.Field]:
    return [field for field in model._meta.many_to_many if field.editable]


def _to_json(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(item: models.Model, form=None) -> dict:
    """The content of ``item`` as JSON: field values by name, many-to-many as lists of primary keys, tags as names.

    With ``form`` (a bound, valid ModelForm whose instance is ``item``), many-to-many values come from the form, and
    newly uploaded files are stored now under their final names (the row keeps its own until the change is
    published)."""
    data = {}
    for field in content_fields(type(item)):
        if form is not None and isinstance(field, models.FileField) and field.name in form.changed_data:
            file = getattr(item, field.attname)
            if file and not file._committed:
                file.save(file.name, file.file, save=False)
        data[field.name] = _to_json(field, field.value_from_object(item))
    for field in relation_fields(type(item)):
        if form is not None and field.name in form.cleaned_data:
            value = form.cleaned_data[field.name]
        elif item.pk is None:
            value = []
        else:
            value = getattr(item, field.name).all()
        if isinstance(field, TaggableManager):
            data[field.name] = sorted({getattr(tag, "name", tag) for tag in value})
        else:
            data[field.name] = sorted(getattr(related, "pk", related) for related in value)
    return data


def _assign(item: models.Model, data: dict) -> None:
    for field in content_fields(type(item)):
        if field.name not in data:
            continue
        value = data[field.name]
        if isinstance(field, models.FileField):
            setattr(item, field.attname, value or "")
        elif isinstance(field, models.ForeignKey):
            setattr(item, field.attname, None if value is None else field.target_field.to_python(value))
        else:
            setattr(item, field.attname, field.to_python(value))


def in_memory(item: models.Model) -> models.Model:
    """``item`` with its pending change applied to its fields (not saved); ``item.pending_relations`` holds the
    change's many-to-many values and tags for the editing form. Items without a change are returned as they are."""
    change = pending_change_of(item)
    item.pending_change = change
    if change is not None:
        _assign(item, change.data)
        item.pending_relations = {field.name: change.data.get(field.name) for field in relation_fields(type(item))}
    return item


def _apply(item: models.Model, data: dict, *, by) -> None:
    """Save ``data`` into the row: a normal save, so purges, reindexing and renditions follow."""
    _assign(item, data)
    if hasattr(item, "updated_by"):
        item.updated_by = by
    item.save()
    for field in relation_fields(type(item)):
        if field.name in data:
            getattr(item, field.name).set(data[field.name] or [])


# -- the pending change -----------------------------------------------------------------------------------------------
def pending_change_of(item: models.Model) -> PendingChange | None:
    if item.pk is None:
        return None
    return PendingChange.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk).first()


def holds_changes(item: models.Model) -> bool:
    """Whether an edit of ``item`` must wait for review: it is published (live, or scheduled and approved)."""
    if item.pk is None:
        return False
    return type(item)._base_manager.filter(pk=item.pk, status=Status.PUBLISHED).exists()


def _require_publisher(item, by) -> None:
    if not by.has_perm(type(item).publish_permission()):
        raise WorkflowError(gettext("You do not have permission to do this."))


def _record(item, *, action: str, by, comment: str = "") -> Transition:
    record = record_transition(
        item, from_status=item.status, to_status=item.status, by=by, comment=comment, action=action
    )
    transaction.on_commit(lambda: transitioned.send(sender=type(item), instance=item, transition=record, by=by))
    transaction.on_commit(lambda: purge({PENDING_CHANGES}))  # the next scheduled change may have moved
    return record


def hold(item: models.Model, data: dict, *, by, action: str = Action.SUBMIT_CHANGE, comment: str = "") -> PendingChange:
    """Store ``data`` as ``item``'s pending change (replacing an earlier one) and submit it for review."""
    content_type = ContentType.objects.get_for_model(item)
    with transaction.atomic():
        type(item)._base_manager.select_for_update().filter(pk=item.pk).first()
        change, _created = PendingChange.objects.update_or_create(
            content_type=content_type, object_id=item.pk,
            defaults={"data": data, "status": ChangeStatus.IN_REVIEW, "publish_at": None, "reason": "",
                      "updated_by": by},
            create_defaults={"data": data, "status": ChangeStatus.IN_REVIEW, "created_by": by, "updated_by": by},
        )  # fmt: skip
        _record(item, action=action, by=by, comment=comment)
    return change


def _locked_change(item) -> PendingChange:
    type(item)._base_manager.select_for_update().filter(pk=item.pk).first()
    change = (
        PendingChange.objects.select_for_update()
        .filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)
        .first()
    )
    if change is None:
        raise WorkflowError(gettext("“%(title)s” has no pending change.") % {"title": item})
    return change


def publish_change(item: models.Model, *, by, at: dt.datetime | None = None, comment: str = "") -> Transition:
    """Publish ``item``'s pending change now, or schedule it for ``at`` (a future time)."""
    _require_publisher(item, by)
    now = timezone.now()
    with transaction.atomic():
        change = _locked_change(item)
        if at is not None and at > now:
            change.publish_at, change.updated_by = at, by
            change.save(update_fields=["publish_at", "updated_by", "updated_at"])
            when = date_format(timezone.localtime(at), "Y-m-d H:i")
            note = gettext("To be published at %(time)s.") % {"time": when}
            return _record(item, action=Action.SCHEDULE_CHANGE, by=by, comment=" ".join(filter(None, [note, comment])))
        fresh = type(item)._base_manager.get(pk=item.pk)
        _apply(fresh, change.data, by=by)
        change.delete()
        return _record(fresh, action=Action.PUBLISH_CHANGE, by=by, comment=comment)


def reject_change(item: models.Model, *, by, reason: str) -> Transition:
    """Send ``item``'s pending change back to its editor with ``reason``; the live version stays as it is."""
    _require_publisher(item, by)
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(gettext("Tell the editor what to change."))
    with transaction.atomic():
        change = _locked_change(item)
        change.status, change.reason, change.publish_at, change.updated_by = ChangeStatus.SENT_BACK, reason, None, by
        change.save(update_fields=["status", "reason", "publish_at", "updated_by", "updated_at"])
        return _record(item, action=Action.REJECT_CHANGE, by=by, comment=reason)


def record_direct_change(item: models.Model, *, by, action: str = Action.PUBLISH_CHANGE, comment: str = "") -> None:
    """A publisher's save of a live item goes live at once; it is recorded like a published change, and any pending
    change it replaces is gone (its content was in the form that was saved)."""
    PendingChange.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk).delete()
    _record(item, action=action, by=by, comment=comment)


def scheduled_changes():
    """Changes a reviewer approved for a later time."""
    return PendingChange.objects.filter(status=ChangeStatus.IN_REVIEW, publish_at__isnull=False)


def due_changes(now: dt.datetime | None = None):
    return scheduled_changes().filter(publish_at__lte=now or timezone.now())


def next_due_change(now: dt.datetime) -> dt.datetime | None:
    """When the next scheduled change is published (a ``SCHEDULED_CHANGES`` provider: page lifetimes end then)."""
    upcoming = scheduled_changes().filter(publish_at__gt=now)
    return upcoming.order_by("publish_at").values_list("publish_at", flat=True).first()


def apply_due_changes(now: dt.datetime | None = None) -> int:
    """Publish every scheduled change whose time has come, as the reviewer who scheduled it. Safe to run from several
    processes at once: each change is taken by one of them."""
    published = 0
    for pk in list(due_changes(now).values_list("pk", flat=True)):
        with transaction.atomic():
            change = PendingChange.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if change is None or change.publish_at is None or change.publish_at > (now or timezone.now()):
                continue
            item = change.content_type.model_class()._base_manager.filter(pk=change.object_id).first()
            if item is None:
                change.delete()
                continue
            _apply(item, change.data, by=change.updated_by)
            change.delete()
            when = date_format(timezone.localtime(change.publish_at), "Y-m-d H:i")
            _record(item, action=Action.PUBLISH_CHANGE, by=change.updated_by,
                    comment=gettext("Published as scheduled for %(time)s.") % {"time": when})  # fmt: skip
            published += 1
    return published

"""The one way an item changes state: ``transition()``. News, policies, pages, contributions and inquiries alike.

``transition(item, move, by=…, reason=…)`` checks the permission and the reason, locks the row, checks that its
current state allows the move, applies the change with a queryset update (plus the fields the move sets), records a
``Transition`` (who, when, why) and sends ``transitioned`` once, after the transaction commits. The moves are
declared on the model (``Model.workflow``, see ``cms.workflow.moves``); side effects of a domain (the article made
from an accepted contribution, emails) stay in that domain's services, around the call.

The publishing functions below are the named entry points of ``PUBLISHING``.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from cms.workflow.models import Publishable, Transition
from cms.workflow.moves import Move
from cms.workflow.states import transitioned


def transition(item: models.Model, move: str | Move, *, by, reason: str = "", **extra) -> Transition:
    """Make ``move`` (a name or a ``Move`` of ``type(item).workflow``) on ``item`` as ``by``, with ``reason``.

    ``extra`` goes to the move's ``changes`` hook (e.g. ``at=`` for publish, ``article=`` for accepting a
    contribution). Raises the workflow's error (a ``WorkflowError``) and changes nothing when the move is refused.
    """
    model = type(item)
    workflow = model.workflow
    move = workflow[move] if isinstance(move, str) else move
    if workflow.get(move.name) != move:
        raise ValueError(f"{move.name!r} is not a move of {model._meta.label}")
    if move.changes is None and extra:
        raise TypeError(f"The move {move.name!r} takes no extra arguments, got {sorted(extra)}")
    if move.permission is not None and not move.allowed_by(by, model):
        raise workflow.error(str(workflow.denied))
    reason = (reason or "").strip()
    if move.reason_required and not reason:
        raise workflow.error(str(move.reason_missing))
    with transaction.atomic():
        locked = model._base_manager.select_for_update().get(pk=item.pk)
        if locked.status not in move.allowed_from:
            raise workflow.error(
                gettext("“%(title)s” is %(status)s; this action is not possible now.")
                % {"title": locked, "status": locked.get_status_display()}
            )
        now = timezone.now()
        changes = {"status": move.to, **_audit_fields(model, by=by, now=now)}
        if move.changes is not None:
            changes.update(move.changes(locked, by=by, now=now, reason=reason, **extra))
        model._base_manager.filter(pk=item.pk).update(**changes)
        for name, value in changes.items():
            setattr(item, name, value)
        record = record_transition(item, from_status=locked.status, to_status=move.to, by=by, comment=reason)
        transaction.on_commit(lambda: transitioned.send(sender=model, instance=item, transition=record, by=by))
    return record


def _audit_fields(model, *, by, now) -> dict:
    names = {field.name for field in model._meta.concrete_fields}
    audit = {}
    if "updated_at" in names:
        audit["updated_at"] = now
    if "updated_by" in names:
        audit["updated_by"] = by
    return audit


def submit_for_review(item: Publishable, *, by, comment: str = "") -> Transition:
    return transition(item, "submit", by=by, reason=comment)


def publish(item: Publishable, *, by, at: datetime | None = None, comment: str = "") -> Transition:
    """Publish now, or at ``at`` (or the item's own future publish time): it then appears by itself."""
    return transition(item, "publish", by=by, reason=comment, at=at)


def unpublish(item: Publishable, *, by, reason: str) -> Transition:
    return transition(item, "unpublish", by=by, reason=reason)


def send_back(item: Publishable, *, by, comment: str) -> Transition:
    return transition(item, "send_back", by=by, reason=comment)


def reopen(item: Publishable, *, by, comment: str = "") -> Transition:
    """Turn an unpublished item back into a draft so it can be edited and reviewed again."""
    return transition(item, "reopen", by=by, reason=comment)


def record_transition(
    item: models.Model, *, from_status: str, to_status: str, by, comment: str = "", action: str = ""
) -> Transition:
    """Add one row to ``item``'s history (``transition()`` does it for every move; ``action`` names what happened
    when the state stays the same: a pending change, a restore, a recovery)."""
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk, from_status=from_status,
        to_status=to_status, by=by, comment=comment, action=action,
    )  # fmt: skip


def record_creation(item: models.Model, *, by) -> Transition:
    """The first history row of a new item."""
    return record_transition(item, from_status="", to_status=item.status, by=by)

"""The publishing workflow shared by news and policies: states, the published() rule, transitions, history.

States: draft → in review → published; published → unpublished (with a reason); a reviewer can send an item
in review back to draft with a comment; an unpublished item can be reopened as a draft. Only users with the
model's ``publish_<model>`` permission publish, unpublish or send back. Every transition is one function here,
recorded as a ``Transition`` row, and announced with ``transitioned`` after the transaction commits.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from cms.workflow.models import Publishable, Transition
from cms.workflow.states import Status, WorkflowError, transitioned


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise WorkflowError(gettext("You do not have permission to do this."))


def _move(item: Publishable, *, to: str, allowed_from: set[str], by, comment: str = "", **changes) -> Transition:
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if locked.status not in allowed_from:
            raise WorkflowError(
                gettext("“%(title)s” is %(status)s; this action is not possible now.")
                % {"title": item, "status": locked.get_status_display()}
            )
        changes = {"status": to, "updated_by": by, "updated_at": timezone.now(), **changes}
        type(item).objects.filter(pk=item.pk).update(**changes)
        for field, value in changes.items():
            setattr(item, field, value)
        record = record_transition(item, from_status=locked.status, to_status=to, by=by, comment=comment)
        transaction.on_commit(lambda: transitioned.send(sender=type(item), instance=item, transition=record, by=by))
    return record


def submit_for_review(item: Publishable, *, by, comment: str = "") -> Transition:
    _require(by, item.change_permission())
    return _move(item, to=Status.IN_REVIEW, allowed_from={Status.DRAFT}, by=by, comment=comment)


def publish(item: Publishable, *, by, at: datetime | None = None, comment: str = "") -> Transition:
    """Publish now, or at ``at`` (or the item's own future publish time): it then appears by itself."""
    _require(by, item.publish_permission())
    publish_at = at or item.publish_at
    if publish_at is None or (at is None and item.status == Status.UNPUBLISHED):
        publish_at = timezone.now()
    return _move(
        item,
        to=Status.PUBLISHED,
        allowed_from={Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED},
        by=by,
        comment=comment,
        publish_at=publish_at,
    )


def unpublish(item: Publishable, *, by, reason: str) -> Transition:
    _require(by, item.publish_permission())
    if not reason.strip():
        raise WorkflowError(gettext("Give a reason for taking this item offline."))
    return _move(item, to=Status.UNPUBLISHED, allowed_from={Status.PUBLISHED}, by=by, comment=reason.strip())


def send_back(item: Publishable, *, by, comment: str) -> Transition:
    _require(by, item.publish_permission())
    if not comment.strip():
        raise WorkflowError(gettext("Tell the editor what to change."))
    return _move(item, to=Status.DRAFT, allowed_from={Status.IN_REVIEW}, by=by, comment=comment.strip())


def reopen(item: Publishable, *, by, comment: str = "") -> Transition:
    """Turn an unpublished item back into a draft so it can be edited and reviewed again."""
    _require(by, item.change_permission())
    return _move(item, to=Status.DRAFT, allowed_from={Status.UNPUBLISHED}, by=by, comment=comment)


def record_transition(item: models.Model, *, from_status: str, to_status: str, by, comment: str = "") -> Transition:
    """Add one row to ``item``'s history. Workflows outside publishing (contributions, inquiries) use this too."""
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk, from_status=from_status,
        to_status=to_status, by=by, comment=comment,
    )  # fmt: skip


def record_creation(item: models.Model, *, by) -> Transition:
    """The first history row of a new item."""
    return record_transition(item, from_status="", to_status=item.status, by=by)

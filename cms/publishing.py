"""The publishing workflow shared by news and policies: states, the published() rule, transitions, history.

States: draft → in review → published; published → unpublished (with a reason); a reviewer can send an item
in review back to draft with a comment; an unpublished item can be reopened as a draft. Only users with the
model's ``publish_<model>`` permission publish, unpublish or send back. Every transition is one function here,
recorded as a ``Transition`` row, and announced with ``transitioned`` after the transaction commits.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import TimeStampedModel

#: Sent after commit with ``instance``, ``transition`` (a Transition) and ``by`` (the user).
transitioned = Signal()


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class WorkflowError(Exception):
    """An illegal move: wrong state, missing permission or missing reason. The message is for the editor."""


class PublishableQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None):
        """Visible to the public: published, with a publish time that has come."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def scheduled(self, now: datetime | None = None):
        return self.filter(status=Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def in_review(self):
        return self.filter(status=Status.IN_REVIEW)

    def visible_to(self, user, now: datetime | None = None):
        """What ``user`` may open on the public site: staff who may change the model also see drafts (preview)."""
        if user.is_authenticated and user.is_staff and user.has_perm(self.model.change_permission()):
            return self.all()
        return self.published(now)


class Transition(models.Model):
    """One move of an item from one state to another: publishing, contributions and inquiries all record here.

    The states are stored as the item's own status codes; ``__str__`` shows them with the item's labels.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow transition")
        verbose_name_plural = _("workflow transitions")
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="transition_item_at_idx")]

    def __str__(self) -> str:
        labels = dict(self.content_type.model_class()._meta.get_field("status").choices or [])
        return f"{labels.get(self.from_status, self.from_status) or '—'} → {labels.get(self.to_status, self.to_status)}"


class Publishable(TimeStampedModel):
    """Abstract base for content that goes through the publishing workflow."""

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish time"), null=True, blank=True,
        help_text=_("Leave empty to publish at once. A future time publishes the item automatically at that time."),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    transitions = GenericRelation(Transition)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def change_permission(cls) -> str:
        return f"{cls._meta.app_label}.change_{cls._meta.model_name}"

    @classmethod
    def publish_permission(cls) -> str:
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def is_live(self, now: datetime | None = None) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (now or timezone.now())
        )

    def is_scheduled(self, now: datetime | None = None) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > (now or timezone.now())
        )


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

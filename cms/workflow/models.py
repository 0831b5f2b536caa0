"""Publishable content and its history: the ``published()`` rule, the model mixin and ``Transition`` rows."""

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.db import TimeStampedModel
from cms.workflow.moves import PUBLISHING
from cms.workflow.states import Action, ChangeStatus, Status


class PublishableQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None):
        """Visible to the public: published, with a publish time that has come."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def scheduled(self, now: datetime | None = None):
        return self.filter(status=Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def published_or_scheduled(self):
        """Live now or at its publish time: what the search index holds (visibility by time is per query)."""
        return self.filter(status=Status.PUBLISHED, publish_at__isnull=False)

    def in_review(self):
        return self.filter(status=Status.IN_REVIEW)

    def visible_to(self, user, now: datetime | None = None):
        """What ``user`` may open on the public site: staff who may change the model also see drafts (preview)."""
        if user.is_authenticated and user.is_staff and user.has_perm(self.model.change_permission()):
            return self.all()
        return self.published(now)


def published_has_time(name: str) -> models.CheckConstraint:
    """The invariant of every publishable table: a published row has a publish time (``published()`` relies on it)."""
    return models.CheckConstraint(
        condition=~models.Q(status=Status.PUBLISHED) | models.Q(publish_at__isnull=False), name=name
    )


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
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow transition")
        verbose_name_plural = _("workflow transitions")
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="transition_item_at_idx")]

    def __str__(self) -> str:
        labels = dict(self.content_type.model_class()._meta.get_field("status").choices or [])
        moved = (
            f"{labels.get(self.from_status, self.from_status) or '—'} → {labels.get(self.to_status, self.to_status)}"
        )
        return f"{self.get_action_display()}（{moved}）" if self.action else moved


class PendingChange(models.Model):
    """An edit of a live item waiting for review (Wagtail's newer draft revision): the public keeps seeing the row
    itself (the live version) until the change is published through the workflow.

    ``data`` holds the item's editable fields as the editor left them (``cms.workflow.changes`` reads and writes
    it); ``publish_at`` schedules its publication.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("changed content"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.IN_REVIEW)
    publish_at = models.DateTimeField(_("publish the change at"), null=True, blank=True)
    reason = models.TextField(_("reason for sending it back"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="pendingchange_one_per_item"),
        ]
        indexes = [models.Index(fields=["status", "publish_at"], name="pendingchange_due_idx")]

    def __str__(self) -> str:
        return str(_("Pending change of %(item)s") % {"item": self.item})


class Publishable(TimeStampedModel):
    """Abstract base for content that goes through the publishing workflow (``PUBLISHING``: news, policies, pages)."""

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
    pending_changes = GenericRelation(PendingChange)

    objects = PublishableQuerySet.as_manager()
    workflow = PUBLISHING

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

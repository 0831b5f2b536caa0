"""Contributions (投稿): what businesses send, the terms they agreed to, and the review desk's decisions."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.db import TimeStampedModel
from cms.text.richtext import RichTextField
from cms.workflow.models import Transition
from cms.workflow.moves import Move, Workflow
from cms.workflow.states import WorkflowError

REVIEW_PROMISE_HOURS = 24


class ContributionKind(models.TextChoices):
    NEWS = "news", _("Investment news")
    PLAN = "plan", _("Investment promotion plan")
    INTERPRETATION = "interpretation", _("Policy interpretation")
    ANALYSIS = "analysis", _("Industry and economic analysis")


class ContributionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    REVIEWING = "reviewing", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not accepted")


class RejectionReason(models.TextChoices):
    ADVERTISING = "advertising", _("Advertising or promotional content")
    OFF_TOPIC = "off_topic", _("Outside the portal's scope")
    UNVERIFIABLE = "unverifiable", _("Facts could not be verified")
    DUPLICATE = "duplicate", _("Already published or duplicate")
    RIGHTS = "rights", _("Copyright or personal data concerns")
    QUALITY = "quality", _("Not ready for publication")
    OTHER = "other", _("Other reason")


class ContributionTerms(models.Model):
    """One version of 投稿须知. Editing in the admin saves a new version; the newest is the one shown."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=100, default=_("Contribution terms"))
    body = RichTextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip

    class Meta:
        ordering = ["-version"]
        get_latest_by = "version"
        verbose_name = _("contribution terms")
        verbose_name_plural = _("contribution terms")

    def __str__(self) -> str:
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    def save(self, *args, **kwargs):
        if self.version is None:
            latest = ContributionTerms.objects.order_by("-version").values_list("version", flat=True).first()
            self.version = (latest or 0) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("submissions:terms")

    @classmethod
    def current(cls) -> "ContributionTerms | None":
        return cls.objects.order_by("-version").first()


class ContributionError(WorkflowError):
    """An illegal move on a contribution; the message is for the reviewer."""


def _claimed(locked, *, by, now, **_ignored) -> dict:
    return {"reviewer": by, "claimed_at": now}


def _accepted(locked, *, by, now, article, **_ignored) -> dict:
    return {"article": article, "decided_at": now, "reviewer": by}


def _rejected(locked, *, by, now, reason, rejection_reason="", **_ignored) -> dict:
    if not rejection_reason:
        raise ContributionError(_("Choose a reason."))
    return {"rejection_reason": rejection_reason, "rejection_note": reason, "decided_at": now, "reviewer": by}


PENDING = frozenset({ContributionStatus.RECEIVED, ContributionStatus.REVIEWING})

#: 已收到 → 审核中 → 已采用 (a draft article is made) → 已发布 (when that article goes live), or 不采用 with a reason.
#: The services in submissions/services/contributions.py add the article and the emails around each move.
CONTRIBUTION_WORKFLOW = Workflow(
    Move("claim", _("Start review"), frozenset({ContributionStatus.RECEIVED}), ContributionStatus.REVIEWING, "review",
         changes=_claimed),
    Move("accept", _("Accept (creates a draft article)"), PENDING, ContributionStatus.ACCEPTED, "review",
         changes=_accepted),
    Move("reject", _("Do not accept"), PENDING, ContributionStatus.REJECTED, "review", changes=_rejected),
    Move("publish", _("Published"), frozenset({ContributionStatus.ACCEPTED}), ContributionStatus.PUBLISHED, None),
    error=ContributionError,
    denied=_("Only reviewers can handle contributions."),
)  # fmt: skip


class ContributionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=[ContributionStatus.RECEIVED, ContributionStatus.REVIEWING])

    def overdue(self, now=None):
        now = now or timezone.now()
        return self.pending().filter(created_at__lt=now - timedelta(hours=REVIEW_PROMISE_HOURS))

    def purgeable(self, *, before):
        """Rejected contributions decided before ``before`` whose personal data is still stored."""
        return self.filter(status=ContributionStatus.REJECTED, decided_at__lt=before, purged_at__isnull=True)


class Contribution(TimeStampedModel):
    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=20, choices=ContributionKind.choices)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))
    unit = models.CharField(_("contributing unit"), max_length=120)
    author = models.CharField(_("author"), max_length=60)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ContributionStatus.choices, default=ContributionStatus.RECEIVED
    )
    terms = models.ForeignKey(
        ContributionTerms, verbose_name=_("terms agreed to"), on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(_("agreed at"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    idempotency_token = models.UUIDField(unique=True, editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    claimed_at = models.DateTimeField(_("review started"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason"), max_length=20, choices=RejectionReason.choices, blank=True)
    rejection_note = models.TextField(_("note to the contributor"), blank=True)
    article = models.OneToOneField(
        "articles.Article", verbose_name=_("article"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contribution",
    )  # fmt: skip
    purged_at = models.DateTimeField(_("personal data removed"), null=True, blank=True, editable=False)
    #: The email, title and day, hashed (``services.contributions.duplicate_key``): one contribution per key, even
    #: when the same piece arrives twice at once. Removed with the personal data.
    duplicate_key = models.CharField(_("duplicate key"), max_length=64, null=True, blank=True, editable=False)
    transitions = GenericRelation(Transition)

    objects = ContributionQuerySet.as_manager()
    workflow = CONTRIBUTION_WORKFLOW

    class Meta:
        ordering = ["created_at", "pk"]  # first come, first reviewed
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        permissions = [
            ("review_contribution", _("Can review contributions")),
            ("view_contribution_personal_data", _("Can see contributors' personal data")),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="contribution_queue_idx"),
            models.Index(fields=["email", "created_at"], name="contribution_email_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["duplicate_key"], name="contribution_duplicate_key_uniq")]

    def __str__(self) -> str:
        return f"{self.receipt_code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("submissions:contribution-status") + f"?code={self.receipt_code}"

    @property
    def due_at(self):
        return self.created_at + timedelta(hours=REVIEW_PROMISE_HOURS)

    def is_overdue(self, now=None) -> bool:
        pending = self.status in (ContributionStatus.RECEIVED, ContributionStatus.REVIEWING)
        return pending and (now or timezone.now()) > self.due_at

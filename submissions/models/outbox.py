from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ATTEMPTS = 8


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (gave up)")


class OutboundEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now or timezone.now())


class OutboundEmail(models.Model):
    """An email waiting in the durable queue. Written in the same transaction as the record it is about."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    topic = models.CharField(_("about"), max_length=80, blank=True, help_text=_("The record this email is about."))

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_due_idx")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    def schedule_retry(self, error: str, now=None) -> None:
        """Back off exponentially (1, 2, 4 … minutes); give up after ``MAX_ATTEMPTS``."""
        now = now or timezone.now()
        self.attempts += 1
        self.last_error = error[:2000]
        if self.attempts >= MAX_ATTEMPTS:
            self.status = EmailStatus.FAILED
        else:
            self.next_attempt_at = now + timedelta(minutes=2 ** (self.attempts - 1))

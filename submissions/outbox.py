"""The outgoing-email queue: emails are rows written with the record they are about, sent after commit and retried.

An SMTP failure never loses or blocks a submission: the row stays pending and ``manage.py send_queued_emails``
(run every minute by cron or a systemd timer) retries it with back-off. Failed rows are visible in the admin.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models.outbox import EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)


def queue_email(*, template: str, context: dict, to: str, topic: str = "") -> OutboundEmail:
    """Render ``submissions/email/<template>_subject.txt`` and ``.txt`` and queue the email.

    Call it inside the transaction that saves the record: a rollback removes the email too. A first
    attempt is made right after the commit.
    """
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"submissions/email/{template}_subject.txt", context).split())
    body = render_to_string(f"submissions/email/{template}.txt", context)
    email = OutboundEmail.objects.create(to=to, subject=subject[:200], body=body, topic=topic[:80])
    transaction.on_commit(lambda: send_email(email.pk))
    return email


def send_email(pk: int) -> bool:
    """Try to send one queued email now; on failure leave it pending for a retry. Returns whether it was sent."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True).filter(pk=pk, status=EmailStatus.PENDING).first()
        )
        if email is None:
            return False
        try:
            EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to]).send()
        except Exception as error:
            logger.warning("Email %s to %s failed: %s", email.pk, email.to, error)
            email.schedule_retry(f"{type(error).__name__}: {error}")
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        email.attempts += 1
        email.save(update_fields=["status", "sent_at", "attempts"])
        return True


def send_due_emails(*, limit: int = 100) -> tuple[int, int]:
    """Send the emails whose next attempt is due. Returns (sent, still failing)."""
    sent = failed = 0
    for pk in OutboundEmail.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        if send_email(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed

"""The outgoing-email queue: emails are rows written with the record they are about, sent by a worker, retried.

No request ever talks to the mail server: ``queue_email`` only stores a row in the transaction that saves the
record (a rollback removes it too), so a slow, hung or refusing SMTP server costs a form post nothing. The worker,
``manage.py send_queued_emails --loop`` (started beside gunicorn by ``make serve``; a systemd unit in the README),
sends what is due; a failure leaves the row pending with back-off (1, 2, 4 … minutes, ``MAX_ATTEMPTS`` attempts)
and the error shown in the admin. Several workers may run on PostgreSQL: each row is locked while it is sent and
the others skip it (``SELECT … FOR UPDATE SKIP LOCKED``).
"""

import logging
import threading

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, connections, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cms.public.links import site_url

from .models.outbox import EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)

SENT, FAILED, SKIPPED = "sent", "failed", "skipped"


def queue_email(*, template: str, context: dict, to: str, topic: str = "") -> OutboundEmail:
    """Render ``submissions/email/<template>_subject.txt`` and ``.txt`` and queue the email for the worker.

    Call it inside the transaction that saves the record: a rollback removes the email too. Nothing is sent here.
    """
    context = {"SITE_URL": site_url(), **context}  # SITE_URL, or in development the request's address
    subject = " ".join(render_to_string(f"submissions/email/{template}_subject.txt", context).split())
    body = render_to_string(f"submissions/email/{template}.txt", context)
    return OutboundEmail.objects.create(to=to, subject=subject[:200], body=body, topic=topic[:80])


def send_email(pk: int, *, now=None) -> str:
    """Send one queued email if it is still due and no other worker holds it: ``SENT``, ``FAILED`` (a retry is
    scheduled, or the email is given up after ``MAX_ATTEMPTS``) or ``SKIPPED``."""
    with transaction.atomic():
        email = OutboundEmail.objects.due(now).select_for_update(skip_locked=True).filter(pk=pk).first()
        if email is None:
            return SKIPPED
        try:
            EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to]).send()
        except Exception as error:
            logger.warning("Email %s to %s failed: %s", email.pk, email.to, error)
            email.schedule_retry(f"{type(error).__name__}: {error}")
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return FAILED
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        email.attempts += 1
        email.save(update_fields=["status", "sent_at", "attempts"])
        return SENT


def send_due_emails(*, limit: int = 100, now=None, stop: threading.Event | None = None) -> tuple[int, int]:
    """Send the emails whose next attempt is due, oldest first, until ``stop`` is set. Returns (sent, failing)."""
    outcomes = []
    for pk in OutboundEmail.objects.due(now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]:
        if stop is not None and stop.is_set():
            break
        outcomes.append(send_email(pk, now=now))
    return outcomes.count(SENT), outcomes.count(FAILED)


def run_worker(*, stop: threading.Event, interval: float = 5.0, limit: int = 100, report=None) -> None:
    """Send due emails until ``stop`` is set: a full batch is followed at once by the next, otherwise the worker
    waits ``interval`` seconds (woken early by ``stop``). A database outage is logged and waited out, never fatal.
    ``report(sent, failed)`` is called after each round that did something."""
    while not stop.is_set():
        _close_old_connections()
        try:
            sent, failed = send_due_emails(limit=limit, stop=stop)
        except DatabaseError as error:
            logger.error("Email worker: database unavailable, retrying in %s s: %s", interval, error)
            _close_old_connections()
        else:
            if (sent or failed) and report is not None:
                report(sent, failed)
            if sent + failed >= limit:
                continue
        stop.wait(interval)


def _close_old_connections() -> None:
    """What Django does around each request, for a long-running process: drop connections that are broken or past
    ``CONN_MAX_AGE``. A connection inside a transaction (a test's) is left alone."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()

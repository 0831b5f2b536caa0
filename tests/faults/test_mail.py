"""A slow, hung or refusing mail server costs a form post nothing: requests only queue, the worker sends.

Paths that queue mail, each answered within a second with an SMTP tarpit (a server that accepts and never answers)
as the real SMTP backend's host: the public forms /contribute/, /consult/ and /settle/, and the review desk's
accept and reject in the admin. The worker (``send_queued_emails``, once and ``--loop``) then meets the tarpit,
marks the attempt failed with a retry scheduled, and sends the email once the server works; two workers at once
share the queue without sending anything twice (PostgreSQL).
"""

import io
import os
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from submissions.models import Contribution, ContributionStatus, ContributionTerms, OutboundEmail
from submissions.outbox import send_due_emails
from tests.factories import ColumnFactory, ContributionFactory
from tests.security.tools import rendered_form_data

pytestmark = pytest.mark.django_db

ANSWER_WITHIN = 1.0  # seconds, for the request and whatever it runs at commit
FILLER = "云湖区持续优化营商环境，推进重点产业招商引资。" * 50


@pytest.fixture
def tarpit():
    """A local SMTP "server" that accepts connections and never says a word; counts who connected."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(32)
    server.settimeout(0.05)
    held, done = [], threading.Event()

    def serve():
        while not done.is_set():
            try:
                held.append(server.accept()[0])  # keep it open, say nothing
            except (TimeoutError, OSError):
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield SimpleNamespace(port=server.getsockname()[1], connections=held)
    done.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


def closed_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


@pytest.fixture(params=["tarpit", "refused", "working"])
def mail_server(request, settings, tarpit):
    """The mail server hung (tarpit), down (nothing listening) or fine (the in-memory backend)."""
    if request.param != "working":
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = tarpit.port if request.param == "tarpit" else closed_port()
        settings.EMAIL_TIMEOUT = 3  # what an unfixed site would wait, per email, inside the request
    return tarpit


@pytest.fixture
def terms(db):
    return ContributionTerms.objects.create(title="投稿须知", body="<p>投稿须知正文。</p>")


FORMS = {
    "/contribute/": {"title": "滨江园区招商新做法", "kind": "news", "body": FILLER, "unit": "滨江科创园",
                     "author": "赵明", "email": "zhao@example.cn", "agree": "on"},
    "/consult/": {"topic": "policy", "name": "陈晓", "phone": "13800138000", "email": "chen@example.cn",
                  "consent": "on"},
    "/settle/": {"company": "云海智能科技有限公司", "plans": ["research"], "name": "李华", "phone": "13900139000",
                 "consent": "on"},
}  # fmt: skip


def timed(callback, capture):
    """Seconds for ``callback`` and the after-commit work it queued (run as a real commit would)."""
    started = time.monotonic()
    with capture(execute=True):
        result = callback()
    return result, time.monotonic() - started


@pytest.mark.parametrize("url", list(FORMS))
def test_public_posts_answer_at_once_and_only_queue_the_email(
    client, terms, mail_server, url, django_capture_on_commit_callbacks
):
    data = {**rendered_form_data(client, url), **FORMS[url]}
    response, seconds = timed(lambda: client.post(url, data), django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()[:500]
    assert seconds < ANSWER_WITHIN
    email = OutboundEmail.objects.get()
    assert email.status == "pending" and email.attempts == 0  # stored, not tried
    assert mail_server.connections == [] and mail.outbox == []  # no request talks to the mail server


@pytest.mark.parametrize("move", ["accept", "reject"])
def test_the_review_desk_answers_at_once(
    client, reviewer, terms, mail_server, move, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(terms=terms, email="zhao@example.cn")
    client.force_login(reviewer)
    url = f"/admin/submissions/contribution/{contribution.pk}/workflow/{move}/"
    data = {"column": ColumnFactory().pk, "comment": ""} if move == "accept" else {"rejection_reason": "quality"}
    response, seconds = timed(lambda: client.post(url, data), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert seconds < ANSWER_WITHIN
    contribution.refresh_from_db()
    assert contribution.status == (ContributionStatus.ACCEPTED if move == "accept" else ContributionStatus.REJECTED)
    assert OutboundEmail.objects.get(to="zhao@example.cn").attempts == 0
    assert mail_server.connections == [] and mail.outbox == []


def queue_one(client, terms) -> OutboundEmail:
    response = client.post("/contribute/", {**rendered_form_data(client, "/contribute/"), **FORMS["/contribute/"]})
    assert response.status_code == 302 and Contribution.objects.count() == 1
    return OutboundEmail.objects.get()


def test_the_worker_meets_the_tarpit_schedules_a_retry_then_sends(client, terms, settings, tarpit):
    email = queue_one(client, terms)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", tarpit.port, 0.3
    out = io.StringIO()
    started = time.monotonic()
    call_command("send_queued_emails", stdout=out)
    assert time.monotonic() - started < 3  # bounded by EMAIL_TIMEOUT, not by the server
    assert len(tarpit.connections) == 1 and "稍后重试：1 封" in out.getvalue()
    email.refresh_from_db()
    assert email.status == "pending" and email.attempts == 1 and "timed out" in email.last_error
    assert email.next_attempt_at > timezone.now()  # backed off: not tried again at once
    call_command("send_queued_emails", stdout=io.StringIO())
    email.refresh_from_db()
    assert email.attempts == 1 and len(tarpit.connections) == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server works again
    OutboundEmail.objects.update(next_attempt_at=timezone.now())  # the retry is due
    call_command("send_queued_emails", stdout=io.StringIO())
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 2 and len(mail.outbox) == 1
    assert (
        mail.outbox[0].to == ["zhao@example.cn"] and Contribution.objects.get().receipt_code in mail.outbox[0].subject
    )


def test_the_looping_worker_sends_and_stops_on_sigterm(client, terms):
    email = queue_one(client, terms)
    assert threading.current_thread() is threading.main_thread()  # signal handlers live in the main thread
    out = io.StringIO()
    stopper = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGTERM))
    previous = signal.getsignal(signal.SIGTERM)
    stopper.start()
    try:
        call_command("send_queued_emails", "--loop", "--interval", "0.05", stdout=out)
    finally:
        stopper.cancel()
    assert signal.getsignal(signal.SIGTERM) == previous  # the command's handler is gone with it
    email.refresh_from_db()
    assert email.status == "sent" and len(mail.outbox) == 1
    assert "已发送：1 封" in out.getvalue() and "邮件发送进程已停止" in out.getvalue()


class SlowBackend(BaseEmailBackend):
    """A mail server that takes a while per message; remembers every message it was handed."""

    delivered: list = []

    def send_messages(self, email_messages):
        time.sleep(0.05)
        SlowBackend.delivered.extend(message.to[0] for message in email_messages)
        return len(email_messages)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (SKIP LOCKED) need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_email_once(settings):
    settings.EMAIL_BACKEND = "tests.faults.test_mail.SlowBackend"
    SlowBackend.delivered = []
    for index in range(12):
        OutboundEmail.objects.create(to=f"user{index}@example.cn", subject="回执", body="正文")
    start = threading.Barrier(2, timeout=30)

    def worker(_index):
        try:
            start.wait()
            return send_due_emails()
        finally:
            connection.close()  # each worker has its own connection

    with ThreadPoolExecutor(max_workers=2) as pool:
        rounds = list(pool.map(worker, range(2)))
    assert sorted(SlowBackend.delivered) == sorted(f"user{index}@example.cn" for index in range(12))
    assert sum(sent for sent, _failed in rounds) == 12 and all(sent for sent, _failed in rounds)  # shared, not doubled
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"sent"}

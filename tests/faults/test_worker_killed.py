"""A worker killed in the middle of a submission loses nothing that was acknowledged, and a resend stores it once.

The contribution's insert is held on a table lock taken by the test, so the worker is certainly in the middle of the
submission (its transaction open, nothing committed, no answer sent) when it is killed with SIGKILL, as the kernel's
OOM killer or a crash would. The visitor gets no receipt; the database has nothing half-written; gunicorn starts a
new worker; the visitor's resend with the same token stores exactly one contribution and answers with its receipt.
Runs on a throw-away PostgreSQL cluster and gunicorn (tests/faults/conftest.py), only with ``CMS_OUTAGE_TESTS=1``.
"""

import os
import signal
import threading
import time

import psycopg2
import pytest

from .live import Browser, contribution, stored
from .postgres import server_binaries

pytestmark = pytest.mark.skipif(
    not (os.environ.get("CMS_OUTAGE_TESTS") == "1" and server_binaries()),
    reason="kills a gunicorn worker on a throw-away PostgreSQL: runs in CI (CMS_OUTAGE_TESTS=1)",
)


def wait_for(condition, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_a_worker_killed_mid_submission_loses_nothing_and_the_resend_is_stored_once(stopped_server_site):
    site = stopped_server_site
    visitor = Browser(site.port)
    data = contribution(title="写到一半被中断的投稿", csrfmiddlewaretoken=visitor.csrf_token("/contribute/"))
    lock = psycopg2.connect(host="127.0.0.1", port=site.cluster.port, user="postgres", dbname="cms")
    watcher = psycopg2.connect(host="127.0.0.1", port=site.cluster.port, user="postgres", dbname="cms")
    watcher.autocommit = True
    answers = []
    try:
        with lock.cursor() as cursor:
            cursor.execute("LOCK TABLE submissions_contribution IN EXCLUSIVE MODE")  # the insert will wait here
        worker = site.worker_pids()[0]
        posting = threading.Thread(target=lambda: answers.append(_post(visitor, data)), daemon=True)
        posting.start()

        def worker_waits_on_the_lock() -> bool:
            with watcher.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'cms'"
                )
                return cursor.fetchone()[0] > 0

        wait_for(worker_waits_on_the_lock)
        os.kill(worker, signal.SIGKILL)
        posting.join(timeout=30)
    finally:
        lock.rollback()
        lock.close()
    assert answers and answers[0][0] is None, answers  # the connection dropped: no receipt was ever shown
    wait_for(lambda: bool(site.worker_pids()) and site.worker_pids()[0] != worker)  # gunicorn replaced it
    wait_for(lambda: stored(site.env, "Contribution.objects.count()") == "0")  # the killed transaction left nothing
    with watcher.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = 'cms' AND state = 'idle in transaction'")
        assert cursor.fetchone()[0] == 0
    watcher.close()

    status, _html = _post(visitor, data)  # the visitor submits again: the same form, the same token
    assert status == 302
    status, _html = _post(visitor, data)  # and, impatient, once more
    assert status == 302
    assert stored(site.env, "Contribution.objects.filter(title='写到一半被中断的投稿').count()") == "1"


def _post(browser: Browser, data: dict) -> tuple[int | None, str]:
    try:
        return browser.request("POST", "/contribute/", data)
    except (ConnectionError, OSError) as error:  # http.client.RemoteDisconnected is a ConnectionError
        return None, str(error)

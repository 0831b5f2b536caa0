"""Nothing acknowledged is lost: parallel double submits, a database outage, a failing mail server."""

import os
import shutil
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client

from submissions.models import Contribution, Inquiry
from submissions.protection import RateLimit
from tests.helpers import text_of

from .test_contributions import post_data
from .test_inquiries import consult_data

ON_POSTGRESQL = connection.vendor == "postgresql"
#: Stopping the shared PostgreSQL server is for CI (.ci/run sets this); never on a developer's machine by accident.
OUTAGE_TESTS = os.environ.get("CMS_OUTAGE_TESTS") == "1"
PARALLEL = 20


def post_in_parallel(url: str, data: dict, count: int = PARALLEL) -> list[int]:
    def post(_index):
        try:
            return Client().post(url, data).status_code
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(post, range(count)))


@pytest.mark.skipif(not ON_POSTGRESQL, reason="parallel writers need PostgreSQL (SQLite serialises them)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("form", ["consult", "contribute"])
def test_twenty_parallel_posts_with_one_token_store_one_record(form, form_timing, monkeypatch):
    from submissions.models import ContributionTerms
    from submissions.views import contributions, inquiries

    monkeypatch.setattr(inquiries, "INQUIRIES_PER_HOUR", RateLimit("inquiry", limit=1000, window=3600))
    monkeypatch.setattr(contributions, "SUBMISSIONS_PER_HOUR", RateLimit("contribution", limit=1000, window=3600))
    token = uuid.uuid4()
    if form == "consult":
        statuses = post_in_parallel("/consult/", consult_data(lambda: form_timing(token)))
        stored = Inquiry.objects.all()
    else:
        ContributionTerms.objects.create(title="投稿须知", body="<p>请投原创稿件。</p>")
        statuses = post_in_parallel("/contribute/", post_data(lambda: form_timing(token)))
        stored = Contribution.objects.all()
    assert statuses == [302] * PARALLEL  # every one of them is told the truth: received
    assert stored.count() == 1 and str(stored.get().idempotency_token) == str(token)


def pg_cluster(action: str, *extra: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, *extra]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def wait_for_postgresql() -> None:
    for _attempt in range(60):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode == 0:
            return
        time.sleep(0.5)
    raise AssertionError("PostgreSQL did not come back")


@pytest.mark.skipif(
    not (ON_POSTGRESQL and OUTAGE_TESTS and shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir()),
    reason="stops the PostgreSQL server: runs in CI (CMS_OUTAGE_TESTS=1) on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_outage_answers_503_keeps_the_input_and_loses_nothing_acknowledged(client, form_timing):
    acknowledged = []
    for index in range(3):
        response = client.post("/consult/", consult_data(form_timing, name=f"访客{index}"))
        assert response.status_code == 302
        acknowledged.append(f"访客{index}")
    during = consult_data(form_timing, name="停机时的访客", message="停机时提交的咨询内容")
    pg_cluster("stop", "-m", "immediate")
    try:
        response = client.post("/consult/", during)
        page = text_of(response)
        assert response.status_code == 503 and response["Retry-After"]
        assert "服务暂时不可用，请稍后重试" in page and "提交成功" not in page
        assert "停机时提交的咨询内容" in page and "停机时的访客" in page  # shown again, to copy or resubmit
        html = response.content.decode()
        assert f'name="token" value="{during["token"]}"' in html  # "submit again" posts the same token
        assert client.get("/consult/").status_code == 503  # the form page too: never a 500
    finally:
        pg_cluster("start")
        wait_for_postgresql()
        connection.close()
    for _attempt in range(20):
        try:
            names = set(Inquiry.objects.values_list("name", flat=True))
            break
        except OperationalError:
            connection.close()
            time.sleep(0.5)
    assert set(acknowledged) <= names and "停机时的访客" not in names
    resubmitted = client.post("/consult/", during)  # the "submit again" button, once the database is back
    assert resubmitted.status_code == 302
    assert Inquiry.objects.filter(name="停机时的访客").count() == 1

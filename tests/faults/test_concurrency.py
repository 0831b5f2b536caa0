"""Races under concurrency: one row per duplicate group, and one submission per rendering of a form.

Paths: 20 posts of the same piece at the same moment (same email and title, each from its own rendering with its
own idempotency token) on /contribute/, with a slow moment between the duplicate check and the insert (threads with
their own connections, PostgreSQL); one rendering of each public form posted twice with different tokens (the
second refused with the message, the input kept: SQLite and PostgreSQL); the same rendering posted again by the same
submission (a double click, the outage page's "submit again"), answered with the first receipt.
"""

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.db import connection
from django.test import Client

from submissions.models import Contribution, ContributionTerms, Inquiry, UsedRenderToken
from submissions.protection import RateLimit, sign_render_time
from submissions.services import contributions as contribution_services
from submissions.views import contributions as contribution_views
from submissions.views import inquiries as inquiry_views
from tests.helpers import text_of
from tests.security.tools import form_inputs, rendered_form_data

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"
PARALLEL = 20
FILLER = "云湖区持续优化营商环境，推进重点产业招商引资。" * 50
REFUSED = "此表单已提交过一次"


@pytest.fixture
def terms(db):
    return ContributionTerms.objects.create(title="投稿须知", body="<p>投稿须知正文。</p>")


def piece(**overrides):
    return {"title": "滨江园区招商新做法", "kind": "news", "body": FILLER, "unit": "滨江科创园", "author": "赵明",
            "email": "Zhao@Example.cn", "agree": "on", **overrides}  # fmt: skip


def receipt_pk(location: str) -> int:
    token = urlsplit(location).path.rstrip("/").rsplit("/", 1)[1]
    return signing.loads(token, salt=contribution_views.RECEIPT_SALT)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="parallel writers need PostgreSQL (SQLite serialises them)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_copies_at_once_store_one_contribution_and_all_get_its_receipt(monkeypatch):
    monkeypatch.setattr(contribution_views, "SUBMISSIONS_PER_HOUR", RateLimit("contribution", limit=1000, window=3600))
    check = contribution_services.find_duplicate

    def slow_check(**kwargs):  # a loaded server: time passes between the check and the insert
        found = check(**kwargs)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(contribution_services, "find_duplicate", slow_check)
    ContributionTerms.objects.create(title="投稿须知", body="<p>请投原创稿件。</p>")
    posts = [
        {**piece(email="zhao@example.cn" if index % 2 else " ZHAO@example.cn "), "website": "",
         "rendered_at": sign_render_time(time.time() - 10), "token": str(uuid.uuid4())}
        for index in range(PARALLEL)
    ]  # fmt: skip
    start = threading.Barrier(PARALLEL, timeout=30)

    def post(data):
        try:
            client = Client()
            start.wait()
            return client.post("/contribute/", data)
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        responses = list(pool.map(post, posts))
    assert [response.status_code for response in responses] == [302] * PARALLEL
    contribution = Contribution.objects.get()  # exactly one row
    assert {receipt_pk(response["Location"]) for response in responses} == {contribution.pk}
    assert sum("again=1" in response["Location"] for response in responses) == PARALLEL - 1
    assert contribution.receipt_code in text_of(Client().get(responses[0]["Location"]))


def consult(index):
    return {"topic": "policy", "name": f"访客{index}", "phone": f"1380013{index:04d}", "consent": "on"}


def settle(index):
    return {"company": f"企业{index}", "plans": ["research"], "name": f"联系人{index}", "phone": f"1390013{index:04d}",
            "consent": "on"}  # fmt: skip


def contribution(index):
    return piece(title=f"投稿{index}", email=f"writer{index}@example.cn")


FORMS = {
    "/consult/": (consult, "name", Inquiry),
    "/settle/": (settle, "company", Inquiry),
    "/contribute/": (contribution, "title", Contribution),
}


@pytest.mark.parametrize("url", list(FORMS))
def test_a_rendering_is_accepted_for_one_submission(client, terms, url):
    fields, shown, model = FORMS[url]
    rendering = rendered_form_data(client, url)
    assert client.post(url, {**rendering, **fields(1)}).status_code == 302
    again = client.post(url, {**rendering, "token": str(uuid.uuid4()), **fields(2)})
    assert again.status_code == 200 and REFUSED in text_of(again)
    inputs = form_inputs(again.content.decode())
    assert inputs[shown][1] == fields(2)[shown]  # what the visitor typed is kept
    assert inputs["rendered_at"][1] != rendering["rendered_at"]  # with a fresh rendering to send it from
    assert model.objects.count() == 1


def test_the_same_submission_sent_twice_from_one_rendering_gets_the_first_receipt(client, terms):
    rendering = rendered_form_data(client, "/contribute/")
    first = client.post("/contribute/", {**rendering, **contribution(1)})
    second = client.post("/contribute/", {**rendering, **contribution(1)})  # same token: a double click
    assert first.status_code == second.status_code == 302
    assert receipt_pk(first["Location"]) == receipt_pk(second["Location"]) == Contribution.objects.get().pk
    assert "again=1" in second["Location"]


def test_used_renderings_are_forgotten_once_no_form_that_old_is_accepted(client, terms, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from submissions.protection import MAX_FORM_AGE_SECONDS

    UsedRenderToken.objects.create(key="old", token=uuid.uuid4())
    UsedRenderToken.objects.update(used_at=timezone.now() - timedelta(seconds=MAX_FORM_AGE_SECONDS + 60))
    monkeypatch.setattr(inquiry_views, "INQUIRIES_PER_HOUR", RateLimit("inquiry", limit=1000, window=3600))
    assert client.post("/consult/", {**rendered_form_data(client, "/consult/"), **consult(1)}).status_code == 302
    assert list(UsedRenderToken.objects.values_list("key", flat=True)) != ["old"]
    assert not UsedRenderToken.objects.filter(key="old").exists()

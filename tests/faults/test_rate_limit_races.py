"""Rate limits under concurrency (PostgreSQL, threads with their own connections): 20 posts from one address sent
at once against the limit of 5 per hour store exactly 5 and refuse the rest with the 429 page.

Paths: /consult/ and /contribute/ (each post its own form rendering, idempotency token, name and email, so nothing
but the rate limit tells them apart), with validation taking a moment as on a loaded server. The limit is counted
and decided in one atomic step (``RateLimit.allow``: cache ``add`` + ``incr``), not read first and written later.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.test import Client

from submissions.models import Contribution, ContributionTerms, Inquiry
from submissions.protection import ProtectedForm
from tests.security.tools import rendered_form_data

ON_POSTGRESQL = connection.vendor == "postgresql"
PARALLEL = 20
LIMIT = 5  # INQUIRIES_PER_HOUR and SUBMISSIONS_PER_HOUR
FILLER = "云湖区持续优化营商环境，推进重点产业招商引资。" * 50


def consult(index):
    return {"topic": "policy", "name": f"访客{index}", "phone": f"1380013{index:04d}", "consent": "on"}


def contribution(index):
    return {"title": f"并发投稿{index}", "kind": "news", "body": FILLER, "unit": f"单位{index}",
            "author": f"作者{index}", "email": f"writer{index}@example.cn", "agree": "on"}  # fmt: skip


FORMS = {"/consult/": (consult, Inquiry), "/contribute/": (contribution, Contribution)}


def post_all_at_once(url: str, fields) -> list[int]:
    ready = Barrier(PARALLEL)

    def post(index):
        try:
            client = Client()
            data = {**rendered_form_data(client, url), **fields(index)}
            ready.wait(timeout=30)  # every form fetched: the posts leave together
            return client.post(url, data).status_code
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(post, range(PARALLEL)))


@pytest.mark.skipif(not ON_POSTGRESQL, reason="parallel writers need PostgreSQL (SQLite serialises them)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("url", list(FORMS))
def test_twenty_parallel_posts_from_one_address_get_exactly_the_allowance(url, monkeypatch):
    fields, model = FORMS[url]
    validate = ProtectedForm.full_clean

    def slow_validation(form):  # a loaded server: time passes between reading the count and acting on it
        validate(form)
        time.sleep(0.05)

    monkeypatch.setattr(ProtectedForm, "full_clean", slow_validation)
    ContributionTerms.objects.create(title="投稿须知", body="<p>请投原创稿件。</p>")
    statuses = post_all_at_once(url, fields)
    assert sorted(statuses) == [302] * LIMIT + [429] * (PARALLEL - LIMIT)
    assert model.objects.count() == LIMIT

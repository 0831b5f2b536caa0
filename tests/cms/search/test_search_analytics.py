"""Unique searches cannot grow anything without bound: a per-address limit (429), result pages only in each app
server's bounded copies, and analytics as one counter per normalised query and day, written in batches.

Paths that count a search: a result page rendered by the view, a result page served from the page cache, page 1
only; the counts reach the database through the flush after a request (when due), the search report, ``flush()``.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from cms.caching import pages
from cms.search import analytics
from cms.search.models import SearchLog
from cms.search.views import SEARCHES_PER_MINUTE
from tests.factories import ArticleFactory
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

UNIQUE = 300


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="云湖区人工智能产业招商推介会")


def shared_page_entries() -> int:
    """Whole pages stored in the shared cache (the local-memory cache's keys)."""
    return sum(1 for key in cache._cache if f"{pages.PREFIX}page:" in key)


def test_unique_queries_from_one_address_are_limited(client, indexed):
    statuses = [client.get("/search/", {"q": f"人工智能 {index}"}).status_code for index in range(UNIQUE)]
    allowed = SEARCHES_PER_MINUTE.limit
    assert statuses[:allowed] == [200] * allowed
    assert set(statuses[allowed:]) == {429}
    response = client.get("/search/", {"q": "人工智能 再来"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "过于频繁" in text_of(response) and response.content.decode().count("<h1") == 1
    assert "private" in response["Cache-Control"]
    other = client.get("/search/", {"q": "人工智能 再来"}, REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 200  # per address


def test_a_cached_result_page_is_not_limited(client, indexed):
    client.get("/search/", {"q": "人工智能"})
    for index in range(SEARCHES_PER_MINUTE.limit):
        client.get("/search/", {"q": f"别的 {index}"})
    response = client.get("/search/", {"q": "人工智能"})
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


def test_no_query_stream_fills_the_cache(client, indexed):
    for index in range(UNIQUE):
        address = f"10.0.{index // 200}.{index % 200 + 1}"  # many addresses: the per-address limit never applies
        assert client.get("/search/", {"q": f"人工智能 {index}"}, REMOTE_ADDR=address).status_code == 200
    assert shared_page_entries() == 0  # result pages never reach the shared cache
    assert len(pages.local_only_pages._entries._entries) <= pages.LOCAL_ONLY_PAGES
    client.get("/news/")
    assert shared_page_entries() == 1  # other pages still do
    client.get("/search/", {"q": "人工智能"})
    assert client.get("/search/", {"q": "人工智能"})["X-Page-Cache"] == "hit"  # popular queries are still cached


def test_result_pages_live_five_minutes(client, indexed):
    client.get("/search/", {"q": "人工智能"})
    response = client.get("/search/", {"q": "人工智能"})
    assert response["X-Page-Cache"] == "hit"
    (entry, _generation) = next(iter(pages.local_only_pages._entries._entries.values()))
    assert entry["expires"] - timezone.now().timestamp() <= 5 * 60


def test_one_counter_per_normalised_query_and_day(client, indexed):
    for query in ["人工智能", "人工智能  ", "  人工智能", "人工智能", "人工智能"]:  # the last ones from the page cache
        assert client.get("/search/", {"q": query}).status_code == 200
    client.get("/search/", {"q": "人工智能", "type": "news"})
    client.get("/search/", {"q": "ＡＩ 產業"})  # full-width, traditional
    client.get("/search/", {"q": "ai 产业"})
    client.get("/search/", {"q": "人工智能", "page": "2"})  # a 404 (one page of results) and never page 1
    client.get("/search/")  # no query
    assert SearchLog.objects.count() == 0  # nothing written per search
    assert analytics.flush() == 2
    today = timezone.localdate()
    rows = {(row.searched_on, row.query): (row.count, row.results) for row in SearchLog.objects.all()}
    assert rows == {(today, "人工智能"): (6, 1), (today, "ai 产业"): (2, 0)}


def test_flushes_add_up_and_days_are_separate(client, indexed):
    today = timezone.localdate()
    client.get("/search/", {"q": "人工智能"})
    analytics.flush()
    client.get("/search/", {"q": "人工智能"})
    analytics.record("人工智能", results=4, day=today - timedelta(days=1))
    analytics.flush()
    rows = {row.searched_on: (row.count, row.results) for row in SearchLog.objects.filter(query="人工智能")}
    assert rows == {today: (2, 1), today - timedelta(days=1): (1, 4)}


def test_the_counts_are_written_after_a_request_when_due(client, indexed, monkeypatch):
    client.get("/search/", {"q": "人工智能"})
    assert SearchLog.objects.count() == 0
    monkeypatch.setattr(analytics.tally, "_flush_at", 0)
    client.get("/news/")  # any request
    assert SearchLog.objects.get().count == 1


def test_a_failed_write_keeps_the_counts(client, indexed, monkeypatch):
    client.get("/search/", {"q": "人工智能"})

    def refuse(rows):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(analytics, "_upsert", refuse)
    assert analytics.flush() == 0
    monkeypatch.undo()
    client.get("/search/", {"q": "人工智能"})
    assert analytics.flush() == 1 and SearchLog.objects.get().count == 2


def test_the_report_reads_the_counts(client, editor, indexed):
    today = timezone.localdate()
    SearchLog.objects.create(query="租金补贴", searched_on=today - timedelta(days=2), count=5, results=3)
    SearchLog.objects.create(query="租金补贴", searched_on=today - timedelta(days=1), count=4, results=3)
    SearchLog.objects.create(query="不存在的词", searched_on=today, count=2, results=0)
    SearchLog.objects.create(query="很久以前", searched_on=today - timedelta(days=40), count=99, results=1)
    client.get("/search/", {"q": "人工智能"})  # not written yet: the report flushes first
    client.force_login(editor)
    response = client.get("/admin/cms/searchlog/")
    top = [(row["query"], row["times"]) for row in response.context["top"]]
    assert top == [("租金补贴", 9), ("不存在的词", 2), ("人工智能", 1)]
    assert [(row["query"], row["times"]) for row in response.context["empty"]] == [("不存在的词", 2)]


def test_the_tally_is_bounded_while_writes_fail(monkeypatch):
    monkeypatch.setattr(analytics, "MAX_ENTRIES", 50)
    for index in range(200):
        analytics.record(f"查询{index}")
    analytics.record("查询1")
    assert len(analytics.tally._entries) == 50 and analytics.tally._entries[(timezone.localdate(), "查询1")][0] == 2

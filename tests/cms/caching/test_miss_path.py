"""What a page-cache miss reuses, and that reuse never shows stale content: list-item renderings (loaded only when
not yet rendered), derived values kept in the process, an article's neighbourhood."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.caching import pages as pagecache
from cms.caching.pages import cached_value
from tests.factories import ArticleFactory, ColumnFactory
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = False  # every request renders the page: what a miss costs
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        column = ColumnFactory(name="重大项目", slug="projects")
        articles = [
            ArticleFactory(title=f"云湖区项目动态{n}", column=column, publish_at=now - timedelta(hours=n))
            for n in range(1, 4)
        ]
    return column, articles


def article_row_loads(queries) -> list[str]:
    """The queries that loaded whole article rows (a title column), not just their versions."""
    return [q["sql"] for q in queries if '"articles_article"."title"' in q["sql"]]


def test_a_list_page_loads_and_renders_only_the_items_it_has_not_rendered_yet(
    client, news, django_capture_on_commit_callbacks
):
    _column, articles = news
    client.get("/news/")  # renders and keeps every item
    with CaptureQueriesContext(connection) as warm:
        response = client.get("/news/")
    assert all(article.title in text_of(response) for article in articles)
    assert article_row_loads(warm.captured_queries) == []

    with django_capture_on_commit_callbacks(execute=True):
        articles[1].title = "云湖区项目动态（更正）"
        articles[1].save()
    with CaptureQueriesContext(connection) as changed:
        response = client.get("/news/")
    text = text_of(response)
    assert "云湖区项目动态（更正）" in text and "云湖区项目动态2" not in text
    loads = article_row_loads(changed.captured_queries)
    assert len(loads) == 1 and f"IN ({articles[1].pk})" in loads[0].replace("%s", str(articles[1].pk))


def test_list_items_show_a_renamed_column_at_once(client, news, django_capture_on_commit_callbacks):
    column, _articles = news
    client.get("/news/")
    with django_capture_on_commit_callbacks(execute=True):
        column.name = "重点项目"
        column.save()
    text = text_of(client.get("/news/"))
    assert "重点项目" in text and "重大项目" not in text


def test_a_deleted_item_never_leaves_a_hole_or_an_error(client, news, django_capture_on_commit_callbacks):
    _column, articles = news
    client.get("/news/")
    with django_capture_on_commit_callbacks(execute=True):
        articles[0].delete()
    response = client.get("/news/")
    assert response.status_code == 200
    assert articles[0].title not in text_of(response) and articles[2].title in text_of(response)


def test_cached_values_are_kept_in_the_process_until_a_purge_reaches_it(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.3
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert cached_value("answer", {"news"}, compute) == 1
    cache.delete(pagecache.PREFIX + "value:answer")  # not even the shared cache is asked while the copy is valid
    assert cached_value("answer", {"news"}, compute) == 1
    # What purge() on another app server leaves in the shared cache; this process has not been told.
    cache.set(pagecache.GENERATION_KEY, "from-another-server")
    cache.set(pagecache.PREFIX + "tag:news", "from-another-server")
    assert cached_value("answer", {"news"}, compute) == 1  # at most PAGE_CACHE_LOCAL_SECONDS old
    time.sleep(0.35)
    assert cached_value("answer", {"news"}, compute) == 2
    assert cached_value("answer", {"news"}, compute) == 2


def test_a_purge_in_this_process_reaches_its_cached_values_at_once(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    values = iter(["旧值", "新值"])
    assert cached_value("label", {"columns"}, lambda: next(values)) == "旧值"
    pagecache.purge({"columns"})
    assert cached_value("label", {"columns"}, lambda: next(values)) == "新值"


def test_an_article_page_shows_a_new_neighbour_as_soon_as_it_is_published(
    client, news, django_capture_on_commit_callbacks
):
    column, articles = news
    newest = articles[0]
    url = newest.get_absolute_url()
    first = client.get(url).content.decode()
    assert 'rel="next"' not in first and f'href="{articles[1].get_absolute_url()}" rel="prev"' in first
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    neighbour_queries = [q for q in warm.captured_queries if re.search(r'"publish_at" [<>] ', q["sql"])]
    assert neighbour_queries == []  # the neighbourhood is kept until the column or the tags change

    with django_capture_on_commit_callbacks(execute=True):
        later = ArticleFactory(
            title="云湖区最新签约项目", column=column, publish_at=timezone.now() - timedelta(minutes=1)
        )
    page = client.get(url).content.decode()
    assert f'href="{later.get_absolute_url()}" rel="next"' in page


def test_an_article_block_is_rendered_again_whenever_anything_it_shows_changes(
    client, news, django_capture_on_commit_callbacks
):
    from taggit.models import Tag

    from tests.factories import PolicyFactory

    _column, articles = news
    article = articles[0]
    with django_capture_on_commit_callbacks(execute=True):
        article.tags.set(["人工智能"])
        policy = PolicyFactory(title="云湖区人工智能产业扶持办法")
        article.interpreted_policies.set([policy])
    url = article.get_absolute_url()
    assert ">云湖区人工智能产业扶持办法</a>" in client.get(url).content.decode()

    # Each change, and the markup in the article's own block that must show it (not the head or JSON-LD).
    changes = [
        (lambda: setattr(article, "body", "<p>正文已经更新。</p>") or article.save(), '"><p>正文已经更新。</p></div>'),
        (lambda: Tag.objects.filter(name="人工智能").update(name="智能制造"), ">智能制造</a>"),
        (lambda: setattr(policy, "title", "扶持办法（修订）") or policy.save(), ">扶持办法（修订）</a>"),
        (lambda: setattr(policy, "expires_on", timezone.localdate() - timedelta(days=1)) or policy.save(), ">已失效<"),
    ]
    for change, shown in changes:
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert shown in client.get(url).content.decode(), shown

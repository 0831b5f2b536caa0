"""Who sees which article: status × publish time × anonymous/staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from cms.workflow.states import Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
CASES = [
    # status, publish_at offset, visible to the public
    (Status.PUBLISHED, timedelta(hours=-1), True),
    (Status.PUBLISHED, timedelta(0), True),
    (Status.PUBLISHED, timedelta(minutes=1), False),
    (Status.DRAFT, None, False),
    (Status.IN_REVIEW, None, False),
    (Status.UNPUBLISHED, timedelta(days=-3), False),
    (Status.DRAFT, timedelta(days=-3), False),
]


def make(status, offset, now=NOW):
    return ArticleFactory(status=status, publish_at=None if offset is None else now + offset)


@pytest.mark.parametrize("status,offset,public", CASES)
def test_published_queryset(status, offset, public):
    article = make(status, offset)
    assert (article in Article.objects.published(now=NOW)) is public


@pytest.mark.parametrize("status,offset,public", CASES)
def test_detail_page_matrix(client, editor, officer, status, offset, public):
    # Relative to the clock now, not at import: a long test run must not carry "in a minute" into the past.
    article = make(status, offset, now=timezone.now())
    url = article.get_absolute_url()
    # the real clock is a little after that; only the "publish_at == now" case is on the boundary and still public
    assert client.get(url).status_code == (200 if public else 404)
    client.force_login(officer)  # staff without news permissions: the public view
    assert client.get(url).status_code == (200 if public else 404)
    client.force_login(editor)  # editors preview everything
    response = client.get(url)
    assert response.status_code == 200
    assert ("预览" in response.content.decode()) is (not public)
    if not public:
        assert "no-cache" in response["Cache-Control"]


def test_lists_show_only_published_items(client):
    visible = ArticleFactory(title="已发布的资讯")
    ArticleFactory(title="明天发布的资讯", publish_at=timezone.now() + timedelta(days=1))
    ArticleFactory(title="草稿资讯", status=Status.DRAFT, publish_at=None)
    for url in ["/news/", visible.column.get_absolute_url(), "/"]:
        body = client.get(url).content.decode()
        assert "已发布的资讯" in body, url
        assert "明天发布的资讯" not in body and "草稿资讯" not in body, url


def test_scheduled_article_appears_by_itself(client, monkeypatch):
    article = ArticleFactory(publish_at=timezone.now() + timedelta(hours=2))
    assert client.get(article.get_absolute_url()).status_code == 404
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.title in client.get("/news/").content.decode()

"""Feeds parse and list only published items; the sitemap lists only visible items; every page has one canonical,
one description and the right structured data."""

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from cms.workflow.states import Status
from tests.factories import ArticleFactory, ColumnFactory, PolicyFactory
from tests.helpers import sitemap_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    column = ColumnFactory(name="重大项目", slug="projects")
    return {
        "live": ArticleFactory(title="已发布资讯</script><script>alert(1)</script>", column=column),
        "draft": ArticleFactory(title="草稿资讯", column=column, status=Status.DRAFT, publish_at=None),
        "future": ArticleFactory(title="明日资讯", column=column, publish_at=timezone.now() + timedelta(days=1)),
        "other": ArticleFactory(title="其他栏目资讯"),
        "policy": PolicyFactory(title="已发布政策"),
        "draft_policy": PolicyFactory(title="草稿政策", status=Status.DRAFT, publish_at=None),
    }


@pytest.mark.parametrize("url", ["/feeds/news/", "/feeds/news/atom/"])
def test_news_feeds_parse_and_hold_only_published_items(client, content, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = {entry.title for entry in feed.entries}
    assert content["live"].title in titles and "其他栏目资讯" in titles
    assert "草稿资讯" not in titles and "明日资讯" not in titles
    assert all(entry.link.startswith("https://invest.example.test/news/") for entry in feed.entries)


def test_column_feed_and_policy_feed(client, content):
    column_feed = feedparser.parse(client.get("/feeds/news/projects/").content)
    assert "其他栏目资讯" not in {entry.title for entry in column_feed.entries}
    assert client.get("/feeds/news/nope/").status_code == 404
    policy_feed = feedparser.parse(client.get("/feeds/policies/").content)
    assert not policy_feed.bozo
    titles = " ".join(entry.title for entry in policy_feed.entries)
    assert "已发布政策" in titles and "草稿政策" not in titles


def test_sitemap_lists_policies_only_when_published(client, content):
    body = sitemap_text(client)
    assert content["policy"].get_absolute_url() in body
    assert content["draft_policy"].get_absolute_url() not in body
    assert "/news/column/projects/" in body


def _public_urls(content):
    return [
        "/", "/news/", "/news/column/projects/", content["live"].get_absolute_url(), "/policies/",
        content["policy"].get_absolute_url(), "/contribute/", "/contribute/terms/", "/contribute/status/",
    ]  # fmt: skip


def test_every_public_page_has_one_canonical_and_one_description(client, content, demo_site):
    for url in _public_urls(content):
        html = client.get(url).content.decode()
        assert html.count('rel="canonical"') == 1, url
        assert html.count('<meta name="description"') == 1, url
        assert html.count("<h1") == 1, url
        assert '<html lang="zh-CN">' in html


def test_article_page_carries_news_article_json_ld_safely(client, content):
    html = client.get(content["live"].get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle" and data["headline"] == content["live"].title
    assert "<script>alert(1)</script>" not in html
    assert 'property="og:title"' in html and 'itemtype="https://schema.org/BreadcrumbList"' in html


def test_policy_page_carries_legislation_json_ld(client, content):
    html = client.get(content["policy"].get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    data = json.loads(block)
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == content["policy"].document_number
    assert data["legislationLegalForce"] == "https://schema.org/InForce"


def test_sitemap_index_splits_long_sections_into_files_that_together_list_everything(client, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = ArticleFactory.create_batch(5)
    index = client.get("/sitemap.xml").content.decode()
    news_files = re.findall(r"<loc>https?://[^/<]+(/sitemap-news\.xml[^<]*)</loc>", index)
    assert [path.replace("&amp;", "&") for path in news_files] == [
        "/sitemap-news.xml",
        "/sitemap-news.xml?p=2",
        "/sitemap-news.xml?p=3",
    ]
    listed = []
    for path in news_files:
        body = client.get(path.replace("&amp;", "&")).content.decode()
        listed += re.findall(r"<loc>https?://[^/<]+(/news/\d+/)</loc>", body)
    assert sorted(listed) == sorted(article.get_absolute_url() for article in articles)
    assert client.get("/sitemap-news.xml?p=4").status_code == 404
    assert client.get("/sitemap-news.xml?p=abc").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
    second = client.get("/sitemap-news.xml?p=2")
    assert client.get("/sitemap-news.xml?p=2").headers.get("X-Page-Cache") == "hit" and second.status_code == 200

"""Public news pages: lists, pagination, column/tag pages, the detail page and its query budgets."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from cms.workflow.states import Status
from tests.factories import ArticleFactory, ColumnFactory
from tests.helpers import count_tags, pager_links, sitemap_text, text_of

pytestmark = pytest.mark.django_db


def listed_titles(response) -> list[str]:
    """The titles of the news items a list page shows, in order."""
    return re.findall(r'class="news-item__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def column():
    return ColumnFactory(name="重大项目", slug="projects")


def test_news_list_shows_pinned_first_then_newest(client, column):
    now = timezone.now()
    old_pinned = ArticleFactory(title="置顶的旧闻", column=column, pinned=True, publish_at=now - timedelta(days=30))
    newest = ArticleFactory(title="最新资讯", column=column, publish_at=now - timedelta(minutes=5))
    older = ArticleFactory(title="较早资讯", column=column, publish_at=now - timedelta(days=2))
    response = client.get("/news/")
    assert response.status_code == 200
    titles = listed_titles(response)
    assert titles == [old_pinned.title, newest.title, older.title]
    html = response.content.decode()
    assert count_tags(html, "h1") == 1
    assert 'class="column-label"' in html and ">重大项目<" in html
    assert newest.publish_at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d") in html
    assert "点我投稿" in text_of(response) and 'href="/contribute/"' in html


def test_list_excerpt_is_the_summary_or_a_short_lead(client, column):
    long_lead = "云湖区" + "招商引资" * 80
    ArticleFactory(title="长文", column=column, body=f"<p>{long_lead}</p><p>第二段不应出现</p>")
    ArticleFactory(title="有摘要", column=column, summary="编辑写的摘要。")
    articles = {article.title: article for article in Article.objects.all()}
    assert len(articles["长文"].excerpt) <= 120 and articles["长文"].excerpt.endswith("…")
    assert articles["有摘要"].excerpt == "编辑写的摘要。"
    text = text_of(client.get("/news/"))
    assert "第二段不应出现" not in text and "编辑写的摘要。" in text


def test_pagination_twenty_per_page_and_bad_pages_are_404(client, column):
    ArticleFactory.create_batch(45, column=column)
    first = client.get("/news/")
    assert len(listed_titles(first)) == 20
    assert 'aria-current="page">1<' in first.content.decode()
    assert len(listed_titles(client.get("/news/?page=3"))) == 5
    for bad in ["4", "999999999999999999999", "abc", "-1", "0", "1.5", "%00", "'"]:
        response = client.get("/news/", {"page": bad})
        assert response.status_code == 404, bad
        assert "页面不存在" in text_of(response)


def test_the_pager_says_page_and_the_neighbours_say_article(client, column):
    """上一页/下一页 (pagination) and 上一篇/下一篇 (the article's neighbours) are two messages, not one."""
    now = timezone.now()
    articles = [ArticleFactory(column=column, publish_at=now - timedelta(hours=n + 1)) for n in range(45)]
    for url in ["/news/", column.get_absolute_url()]:
        links = pager_links(client.get(url, {"page": "2"}))
        assert links["上一页"] == "?page=1" and links["下一页"] == "?page=3", url
        assert "上一篇" not in links and "下一篇" not in links
    detail = text_of(client.get(articles[1].get_absolute_url()))
    assert "上一篇" in detail and "下一篇" in detail
    assert "上一页" not in detail and "下一页" not in detail


def test_column_and_tag_pages_have_their_name_as_h1(client, column):
    article = ArticleFactory(title="标签测试资讯", column=column)
    article.tags.set(["人工智能", "总部经济"])
    ArticleFactory(title="其他栏目资讯")
    response = client.get("/news/column/projects/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>重大项目</h1>" in html and "标签测试资讯" in html and "其他栏目资讯" not in html
    tag_url = f"/news/tag/{article.tags.get(name='人工智能').slug}/"
    response = client.get(tag_url)
    assert response.status_code == 200
    assert "<h1>人工智能</h1>" in response.content.decode()
    assert client.get("/news/column/nope/").status_code == 404
    assert client.get("/news/tag/nope/").status_code == 404


def test_inactive_column_is_not_found(client, column):
    column.is_active = False
    column.save()
    assert client.get("/news/column/projects/").status_code == 404


def test_detail_page_shows_byline_source_dates_and_tags(client, column):
    article = ArticleFactory(
        title="氢能项目签约",
        column=column,
        author="林涛",
        correspondent="王敏",
        contributing_unit="云湖区发展改革委",
        source_name="区投促办",
        source_url="https://example.cn/news/1",
        original_published_on=date(2019, 3, 5),
    )
    article.tags.set(["新能源"])
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    text = text_of(response)
    assert count_tags(html, "h1") == 1
    for fragment in ["林涛", "王敏", "云湖区发展改革委", "原文发布日期", "2019-03-05", "新能源"]:
        assert fragment in text
    assert '<a href="https://example.cn/news/1" rel="noopener noreferrer nofollow">区投促办</a>' in html
    assert 'media="print"' in html


def test_original_date_is_hidden_when_it_is_the_publish_date(client, column):
    article = ArticleFactory(column=column)
    article.original_published_on = timezone.localdate(article.publish_at)
    article.save()
    assert "原文发布日期" not in text_of(client.get(article.get_absolute_url()))


def test_previous_next_and_related(client, column):
    now = timezone.now()
    first = ArticleFactory(title="第一篇", column=column, publish_at=now - timedelta(days=3))
    middle = ArticleFactory(title="第二篇", column=column, publish_at=now - timedelta(days=2))
    last = ArticleFactory(title="第三篇", column=column, publish_at=now - timedelta(days=1))
    other = ArticleFactory(title="同标签的其他栏目资讯", publish_at=now - timedelta(days=5))
    middle.tags.set(["生物医药"])
    other.tags.set(["生物医药"])
    response = client.get(middle.get_absolute_url())
    assert response.context["previous_article"] == first
    assert response.context["next_article"] == last
    assert response.context["related"][0] == other


def test_long_article_gets_a_table_of_contents(client, column):
    body = "".join(f"<p>{n}、第{n}部分</p><p>内容。</p>" for n in ["一", "二", "三"])
    article = ArticleFactory(column=column, body=body)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<p id="section-1">一、第一部分</p>' in html
    assert 'href="#section-3"' in html
    short = ArticleFactory(column=column, body="<p>一、只有一节</p>")
    assert "section-1" not in client.get(short.get_absolute_url()).content.decode()


def test_home_shows_latest_news_with_pinned_first(client, column):
    ArticleFactory(title="普通资讯", column=column)
    ArticleFactory(title="置顶资讯", column=column, pinned=True, publish_at=timezone.now() - timedelta(days=9))
    response = client.get("/")
    titles = [article.title for article in response.context["sections"]["news"]["articles"]]
    assert titles[:2] == ["置顶资讯", "普通资讯"]
    assert count_tags(response.content.decode(), "h1") == 1


@pytest.mark.parametrize("rows", [3, 30])
def test_query_counts_do_not_grow_with_rows(client, column, django_assert_max_num_queries, rows):
    articles = ArticleFactory.create_batch(rows, column=column)
    for article in articles[:3]:
        article.tags.set(["人工智能", "招商"])
    target = articles[1]
    tag_slug = target.tags.first().slug
    client.get("/")  # warm the site-settings cache
    budgets = {"/news/": 5, "/news/column/projects/": 5, f"/news/tag/{tag_slug}/": 5, "/": 6}
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(target.get_absolute_url()).status_code == 200


def test_column_label_is_not_part_of_the_title(client, column):
    ArticleFactory(title="滨江街道举办楼宇招商对接会", column=column)
    html = client.get("/news/").content.decode()
    assert "【" not in html


def test_sitemap_lists_published_articles_only(client, column):
    live = ArticleFactory(column=column)
    draft = ArticleFactory(column=column, status=Status.DRAFT, publish_at=None)
    future = ArticleFactory(column=column, publish_at=timezone.now() + timedelta(days=1))
    body = sitemap_text(client)
    assert live.get_absolute_url() in body
    assert draft.get_absolute_url() not in body and future.get_absolute_url() not in body


def test_article_lists_the_policies_it_explains(client, column):
    from tests.factories import PolicyFactory

    article = ArticleFactory(column=column, title="租金补贴问答")
    policy = PolicyFactory(title="租金补贴细则")
    policy.interpretations.add(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert policy.get_absolute_url() in html and "有效" in html


def test_original_date_uses_the_local_calendar_day(client, column):
    # 2026-03-06 00:30 in Shanghai is 2026-03-05 16:30 UTC: the local day is what counts.
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    shanghai = ZoneInfo("Asia/Shanghai")
    article = ArticleFactory(column=column, publish_at=datetime(2026, 3, 6, 0, 30, tzinfo=shanghai))
    article.original_published_on = date(2026, 3, 6)
    assert not article.shows_original_date
    article.original_published_on = date(2026, 3, 5)
    assert article.shows_original_date

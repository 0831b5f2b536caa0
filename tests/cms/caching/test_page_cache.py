"""The page cache: hits without the database, exact invalidation, schedules, privacy, HTTP caching."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from cms.public.models import Page, SiteSettings
from cms.workflow.states import Status
from submissions.models import ContributionTerms
from tests.factories import (
    ArticleFactory,
    ColumnFactory,
    DraftArticleFactory,
    IndustryFactory,
    PageFactory,
    PolicyFactory,
    SupportTypeFactory,
)

pytestmark = pytest.mark.django_db


def is_hit(client, url, **headers) -> bool:
    return client.get(url, headers=headers).headers.get("X-Page-Cache") == "hit"


@pytest.fixture
def site(db, django_capture_on_commit_callbacks):
    """Two columns, a few articles and policies, and a static page; every public page warmed in the cache."""
    with django_capture_on_commit_callbacks(execute=True):
        projects = ColumnFactory(name="重大项目", slug="projects")
        environment = ColumnFactory(name="营商环境", slug="environment")
        ai = IndustryFactory(name="人工智能", slug="ai")
        bio = IndustryFactory(name="生物医药", slug="biomed")
        rent = SupportTypeFactory(name="租金补贴", slug="rent")
        article = ArticleFactory(title="人工智能产业园开园", column=projects)
        article.tags.set(["人工智能"])
        other = ArticleFactory(title="营商环境评价结果发布", column=environment)
        ai_policy = PolicyFactory(title="人工智能租金补贴办法", industries=[ai], support_types=[rent])
        bio_policy = PolicyFactory(title="生物医药扶持办法", industries=[bio], support_types=[rent])
        PageFactory(title="关于我们", slug="about", body="<p>云湖区投资促进中心。</p>", show_in_footer=True)
        PageFactory(title="办事指南", slug="guide", body="<p>指南。</p>")
    urls = {
        "home": "/",
        "news": "/news/",
        "projects": "/news/column/projects/",
        "environment": "/news/column/environment/",
        "tag": f"/news/tag/{article.tags.get().slug}/",
        "article": article.get_absolute_url(),
        "other": other.get_absolute_url(),
        "library": "/policies/?industry=ai&support=rent",
        "ai_policy": ai_policy.get_absolute_url(),
        "bio_policy": bio_policy.get_absolute_url(),
        "search": "/search/?q=人工智能",
        "feed": "/feeds/news/",
        "policy_feed": "/feeds/policies/",
        "sitemap": "/sitemap.xml",
        "about": "/about/",
        "guide": "/guide/",
    }
    return {"urls": urls, "article": article, "other": other, "ai_policy": ai_policy, "projects": projects}


def warm(client, urls):
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 200, url
    assert all(is_hit(client, url) for url in urls.values())


def purged_after(client, site, change, capture) -> set[str]:
    """The names of the warmed pages that miss after ``change`` ran and committed."""
    warm(client, site["urls"])
    with capture(execute=True):
        change()
    return {name for name, url in site["urls"].items() if not is_hit(client, url)}


def test_a_hit_is_served_without_the_database(client, site, django_assert_num_queries):
    warm(client, site["urls"])
    for url in site["urls"].values():
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
        assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]
        assert "Cookie" in response["Vary"] and response["ETag"] and response["Last-Modified"]
        assert "Content-Security-Policy" in response and "nonce" not in response["Content-Security-Policy"]


def test_a_page_varies_only_by_cookie_whether_rendered_or_replayed(client, site):
    """One language, so no variant per browser language: a shared cache keeps one copy per page."""
    rendered = client.get(site["urls"]["news"])
    replayed = client.get(site["urls"]["news"])
    assert replayed["X-Page-Cache"] == "hit"
    assert rendered["Vary"] == replayed["Vary"] == "Cookie"
    english = client.get(site["urls"]["article"], headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert ">首页<" in english and ">招商资讯<" in english and ">Home<" not in english


def test_publishing_an_article_purges_exactly_the_pages_that_show_it(client, site, django_capture_on_commit_callbacks):
    def publish():
        ArticleFactory(title="新材料项目签约", column=site["projects"])

    purged = purged_after(client, site, publish, django_capture_on_commit_callbacks)
    # "article" is in the same column: its page links to the new one as its neighbour and related item.
    assert purged == {"home", "news", "projects", "article", "search", "feed", "sitemap"}


def test_editing_a_live_article_purges_its_page_lists_tag_and_policies(
    client, site, django_capture_on_commit_callbacks
):
    article = site["article"]
    site["ai_policy"].interpretations.add(article)

    def edit():
        article.title = "人工智能产业园正式开园"
        article.save()

    purged = purged_after(client, site, edit, django_capture_on_commit_callbacks)
    assert purged == {"home", "news", "projects", "tag", "article", "ai_policy", "search", "feed", "sitemap"}
    assert "人工智能产业园正式开园" in client.get(site["urls"]["article"]).content.decode()


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_unpublishing_or_deleting_an_article_removes_it_everywhere(
    client, site, django_capture_on_commit_callbacks, change
):
    article = site["article"]

    def run():
        if change == "delete":
            article.delete()
        else:
            fresh = Article.objects.get(pk=article.pk)
            fresh.status = Status.UNPUBLISHED
            fresh.save()

    purged = purged_after(client, site, run, django_capture_on_commit_callbacks)
    assert {"home", "news", "projects", "tag", "article", "search", "feed", "sitemap"} <= purged
    assert "environment" not in purged and "ai_policy" not in purged and "about" not in purged
    assert client.get(site["urls"]["article"]).status_code == 404
    assert "人工智能产业园开园" not in client.get("/news/").content.decode()


def test_moving_an_article_purges_both_columns(client, site, django_capture_on_commit_callbacks):
    article = site["article"]

    def move():
        article.column = site["other"].column
        article.save()

    purged = purged_after(client, site, move, django_capture_on_commit_callbacks)
    assert {"projects", "environment", "article"} <= purged and "ai_policy" not in purged


def test_editing_a_draft_purges_nothing(client, site, django_capture_on_commit_callbacks):
    draft = DraftArticleFactory(title="草稿", column=site["projects"])

    def edit():
        draft.title = "还是草稿"
        draft.save()

    assert purged_after(client, site, edit, django_capture_on_commit_callbacks) == set()


def test_editing_a_policy_purges_policy_pages_only(client, site, django_capture_on_commit_callbacks):
    policy = site["ai_policy"]

    def edit():
        policy.title = "人工智能租金补贴办法（修订）"
        policy.save()

    purged = purged_after(client, site, edit, django_capture_on_commit_callbacks)
    assert purged == {"home", "library", "ai_policy", "search", "policy_feed", "sitemap"}


def test_site_settings_purge_every_page(client, site, django_capture_on_commit_callbacks):
    def change():
        settings_row = SiteSettings.load()
        settings_row.hotline = "021-5555 0199"
        settings_row.save()

    purged = purged_after(client, site, change, django_capture_on_commit_callbacks)
    assert purged == set(site["urls"])
    assert "021-5555 0199" in client.get("/news/").content.decode()


def test_renaming_a_column_purges_news_pages_not_policies(client, site, django_capture_on_commit_callbacks):
    def rename():
        site["projects"].name = "重点项目"
        site["projects"].save()

    purged = purged_after(client, site, rename, django_capture_on_commit_callbacks)
    assert {"home", "news", "projects", "environment", "article", "other", "search", "feed", "sitemap"} <= purged
    assert not purged & {"library", "ai_policy", "bio_policy", "about", "guide", "policy_feed"}


def test_pages_purge_themselves_and_the_footer_when_linked_there(client, site, django_capture_on_commit_callbacks):
    def edit_guide():
        Page.objects.filter(slug="guide").get().save()

    # Search results list static pages too (their titles and snippets), so they are purged with them.
    assert purged_after(client, site, edit_guide, django_capture_on_commit_callbacks) == {"guide", "sitemap", "search"}

    def edit_about():
        page = Page.objects.get(slug="about")
        page.title = "中心简介"
        page.save()

    purged = purged_after(client, site, edit_about, django_capture_on_commit_callbacks)
    assert {"about", "news", "library", "article", "guide"} <= purged
    assert "中心简介" in client.get("/guide/").content.decode()


def test_adding_a_tag_outside_a_save_purges_the_tag_pages(client, site, django_capture_on_commit_callbacks):
    purged = purged_after(client, site, lambda: site["other"].tags.add("人工智能"), django_capture_on_commit_callbacks)
    assert {"tag", "other", "news"} <= purged and "environment" in purged and "library" not in purged


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scheduled_article_appears_on_time_without_any_save(client):
    SiteSettings.load()  # created on first use, which purges every page once
    column = ColumnFactory(slug="projects")
    ArticleFactory(title="已经发布的资讯", column=column)
    ArticleFactory(title="定时发布的资讯", column=column, publish_at=timezone.now() + timedelta(seconds=2))
    assert "定时发布的资讯" not in client.get("/news/").content.decode()
    assert is_hit(client, "/news/")
    time.sleep(2.2)
    response = client.get("/news/")
    assert response.get("X-Page-Cache") != "hit" and "定时发布的资讯" in response.content.decode()


def test_scheduling_an_article_bounds_pages_already_cached(client, site, django_capture_on_commit_callbacks):
    warm(client, site["urls"])
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(column=site["projects"], publish_at=timezone.now() + timedelta(hours=1))
    assert not is_hit(client, "/news/")  # purged, so the new entry's lifetime ends at the scheduled time
    client.get("/news/")
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "hit"
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert max_age <= 60


def test_staff_never_get_cached_pages_and_never_fill_the_cache(client, site, editor):
    draft = DraftArticleFactory(title="预览中的草稿", column=site["projects"])
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    warmed = client.get("/news/")
    assert warmed.get("X-Page-Cache") != "hit" and "private" in warmed["Cache-Control"]
    assert client.get("/news/").get("X-Page-Cache") != "hit"
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/news/").get("X-Page-Cache") != "hit"  # the staff rendering was not stored


def test_forms_with_csrf_tokens_are_never_cached(client, site):
    ContributionTerms.objects.create(version=1, title="投稿须知", body="<p>请投原创稿件。</p>")
    for url in ("/consult/", "/contribute/", "/settle/"):
        first = client.get(url)
        second = client.get(url)
        assert first.status_code == 200 and second.get("X-Page-Cache") != "hit"
        assert "private" in second["Cache-Control"] or "no-cache" in second["Cache-Control"]


def test_visitors_with_pending_messages_or_odd_parameters_are_not_served_from_the_cache(client, site):
    warm(client, site["urls"])
    client.cookies["messages"] = "anything"
    assert not is_hit(client, "/news/")
    del client.cookies["messages"]
    client.get("/policies/?utm_source=wechat")
    assert not is_hit(client, "/policies/?utm_source=wechat")


def test_matching_etag_gets_a_304(client, site):
    client.get("/news/")
    etag = client.get("/news/")["ETag"]
    response = client.get("/news/", headers={"If-None-Match": etag})
    assert response.status_code == 304 and not response.content
    assert client.get("/news/", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_elder_mode_is_a_separate_variant(client, site):
    warm(client, site["urls"])
    client.cookies["elder"] = "1"
    response = client.get("/news/")
    assert response.get("X-Page-Cache") != "hit"
    assert is_hit(client, "/news/")


def test_related_policy_pages_are_purged_through_their_industry(client, site, django_capture_on_commit_callbacks):
    def publish():
        PolicyFactory(title="人工智能算力券办法", industries=[IndustryFactory(slug="ai")])

    purged = purged_after(client, site, publish, django_capture_on_commit_callbacks)
    assert "ai_policy" in purged and "bio_policy" not in purged


@pytest.mark.parametrize("move", ["publish", "unpublish"])
def test_workflow_moves_purge_the_pages_of_the_item(client, site, reviewer, django_capture_on_commit_callbacks, move):
    from cms.workflow.services import publish, unpublish

    article = site["article"] if move == "unpublish" else DraftArticleFactory(title="待发布", column=site["projects"])

    def run():
        if move == "publish":
            publish(article, by=reviewer)
        else:
            unpublish(article, by=reviewer, reason="内容需要更新")

    purged = purged_after(client, site, run, django_capture_on_commit_callbacks)
    assert {"home", "news", "projects", "search", "feed", "sitemap"} <= purged
    assert not purged & {"environment", "library", "bio_policy", "about", "guide"}
    assert ("待发布" in client.get("/news/").content.decode()) == (move == "publish")


def test_local_copies_see_a_purge_from_another_server_within_their_check_interval(client, site, settings):
    from django.core.cache import cache

    from cms.caching import pages as pagecache

    settings.PAGE_CACHE_LOCAL_SECONDS = 0.3
    warm(client, site["urls"])
    Article.objects.filter(pk=site["article"].pk).update(title="另一台服务器改的标题", updated_at=timezone.now())
    # What purge() on another app server leaves in the shared cache (this process's clock is not reset).
    cache.set(pagecache.GENERATION_KEY, "from-another-server")
    cache.set_many(
        {pagecache.PREFIX + "tag:" + tag: "from-another-server" for tag in ("news", f"article:{site['article'].pk}")}
    )
    response = client.get(site["urls"]["news"])
    assert response["X-Page-Cache"] == "hit"  # the local copy, at most PAGE_CACHE_LOCAL_SECONDS old
    time.sleep(0.35)
    response = client.get(site["urls"]["news"])
    assert response.get("X-Page-Cache") != "hit" and "另一台服务器改的标题" in response.content.decode()
    assert is_hit(client, site["urls"]["guide"])  # pages that do not show the article stay cached


def test_a_new_release_never_serves_the_old_markup(client, site, monkeypatch):
    warm(client, site["urls"])
    monkeypatch.setattr("cms.caching.pages.RELEASE", "next-release")
    monkeypatch.setattr("cms.templatetags.fragments.RELEASE", "next-release")
    assert not is_hit(client, "/news/")
    assert is_hit(client, "/news/")

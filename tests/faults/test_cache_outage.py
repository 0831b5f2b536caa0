"""Redis unreachable: the site keeps serving, uncached, and never waits on the dead server.

Paths, each with the site's Redis backend (cms.caching.redis.RedisCache) pointed at a closed port: the public pages
(home, news list, an article, search, the policy library, a static page) answer 200 and are not cached; /healthz
answers 200 "degraded" with the cache "down"; the posting forms (/consult/, /settle/, /contribute/) refuse to store
(fail closed: their rate limits cannot be counted) with a Chinese message and everything typed kept, 503; the status
look-up refuses the same way; the captcha is asked while failures cannot be counted; the sign-in lockout (django-axes,
in the database) still locks. No request takes longer than ANSWER_WITHIN. Then with a Redis of the test's own: killed
and restarted, or hung (SIGSTOP) and back with its data, caching resumes by itself, and a purge made while it was
unreachable is not lost.
"""

import time

import pytest
from django.test import override_settings

from cms.caching import pages
from submissions.models import Contribution, ContributionTerms, Inquiry
from tests.factories import ArticleFactory, PolicyFactory
from tests.helpers import text_of
from tests.redis_server import RedisServer, closed_port, needs_redis_server, redis_cache_settings
from tests.security.tools import rendered_form_data

pytestmark = pytest.mark.django_db

ANSWER_WITHIN = 1.0  # seconds: answering, not waiting on a dead server
REFUSED = "暂时无法受理提交"


@pytest.fixture
def content(demo_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="云湖区人工智能产业招商推介会")
        policy = PolicyFactory(title="云湖区人工智能产业扶持办法")
    ContributionTerms.objects.create(title="投稿须知", body="<p>请投原创稿件。</p>")
    return {"article": article, "policy": policy}


@pytest.fixture
def dead_redis():
    with override_settings(CACHES=redis_cache_settings(f"redis://127.0.0.1:{closed_port()}/0")):
        pages.clear_local_copies()
        yield
    pages.clear_local_copies()


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < ANSWER_WITHIN, f"{args[0] if args else ''} took {elapsed:.2f} s"
    return response


def public_pages(content) -> list[str]:
    return ["/", "/news/", f"/news/{content['article'].pk}/", "/search/?q=人工智能", "/policies/", "/about/"]


def test_public_pages_answer_uncached(client, content, dead_redis):
    for path in public_pages(content):
        for _attempt in range(2):
            response = timed(client.get, path)
            assert response.status_code == 200, path
            assert "X-Page-Cache" not in response, path
            assert "private" in response["Cache-Control"], path
    assert "产业招商推介会" in text_of(client.get("/search/", {"q": "人工智能"}))  # found in the database


def test_healthz_stays_200_and_reports_the_cache_down(client, dead_redis):
    response = timed(client.get, "/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


FORMS = {
    "/consult/": ({"topic": "policy", "name": "陈晓", "phone": "138 0013 8000", "message": "想了解租金补贴",
                   "consent": "on"}, Inquiry),
    "/settle/": ({"company": "云海智能科技有限公司", "plans": ["research"], "name": "李雷", "phone": "13900139000",
                  "consent": "on"}, Inquiry),
    "/contribute/": ({"title": "云湖区产业链招商的做法", "kind": "news", "body": "云湖区持续优化营商环境。" * 60,
                      "unit": "滨江科创园运营公司", "author": "赵明", "email": "zhao@example.cn", "agree": "on"},
                     Contribution),
}  # fmt: skip


@pytest.mark.parametrize("url", list(FORMS))
def test_posts_fail_closed_with_the_input_kept(client, content, dead_redis, url):
    fields, model = FORMS[url]
    hidden = timed(rendered_form_data, client, url)
    response = timed(client.post, url, {**hidden, **fields})
    assert response.status_code == 503 and response["Retry-After"]
    text = text_of(response)
    assert REFUSED in text and "请稍后" in text
    html = response.content.decode()
    for name, value in fields.items():
        if name not in {"consent", "agree", "plans", "kind", "topic"}:
            assert value in html, name  # what was typed is still in the form
    assert f'value="{hidden["token"]}"' in html  # sending it again later is the same submission
    assert model.objects.count() == 0


def test_the_captcha_is_asked_while_failures_cannot_be_counted(client, content, dead_redis):
    response = timed(client.get, "/contribute/")
    assert response.status_code == 200 and 'name="captcha"' in response.content.decode()


def test_status_lookups_fail_closed(client, content, dead_redis):
    response = timed(client.get, "/contribute/status/", {"code": "TG00000000001", "email": "zhao@example.cn"})
    assert response.status_code == 503 and "暂时无法查询" in text_of(response)


def test_sign_in_lockout_still_locks(client, editor, settings, dead_redis):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        timed(client.post, "/admin/login/?next=/admin/", {"username": editor.username, "password": "wrong"})
    locked = timed(
        client.post, "/admin/login/?next=/admin/", {"username": editor.username, "password": "pw-for-tests-only"}
    )
    assert locked.status_code == 429 and "登录已暂时锁定" in text_of(locked)


@needs_redis_server
def test_caching_resumes_when_redis_comes_back(client, content):
    server = RedisServer().start()
    try:
        with override_settings(CACHES=server.cache_settings(circuit_breaker_seconds=0.2)):
            pages.clear_local_copies()
            client.get("/news/")
            assert client.get("/news/")["X-Page-Cache"] == "hit"
            assert client.get("/healthz").json()["cache"] == "ok"

            server.kill()
            for _attempt in range(3):
                response = timed(client.get, "/news/")
                assert response.status_code == 200 and "X-Page-Cache" not in response
            assert client.get("/healthz").json() == {"status": "degraded", "database": "ok", "cache": "down"}

            server.start()  # the same port, empty
            time.sleep(0.3)  # one breaker interval: the next call tries again
            assert client.get("/news/").status_code == 200
            assert client.get("/news/")["X-Page-Cache"] == "hit"
            assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    finally:
        server.kill()
        pages.clear_local_copies()


@needs_redis_server
def test_a_purge_made_while_redis_hung_is_applied_when_it_answers_again(
    client, content, django_capture_on_commit_callbacks
):
    server = RedisServer().start()
    try:
        with override_settings(CACHES=server.cache_settings(circuit_breaker_seconds=0.2)):
            pages.clear_local_copies()
            client.get("/news/")
            assert client.get("/news/")["X-Page-Cache"] == "hit"

            server.pause()  # hung: its data (the cached /news/) stays
            with django_capture_on_commit_callbacks(execute=True):
                ArticleFactory(title="停摆期间发布的资讯")  # its purge cannot reach Redis
            response = timed(client.get, "/news/")
            assert "停摆期间发布的资讯" in text_of(response) and "X-Page-Cache" not in response

            server.resume()
            time.sleep(0.3)
            client.get("/healthz")  # any request: the purge is made again once Redis answers
            assert "停摆期间发布的资讯" in text_of(client.get("/news/"))
            assert "停摆期间发布的资讯" in text_of(client.get("/news/"))
    finally:
        server.kill()
        pages.clear_local_copies()

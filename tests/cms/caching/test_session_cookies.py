"""Session cookies and the page cache: a made-up or anonymous session is served from the cache, a signed-in editor
never is, and no cookie a visitor can forge makes a private page public.

The signed-in marker (``SIGNED_IN_COOKIE_NAME``) is set with the response to a sign-in and removed with the one to a
sign-out or a session timeout (``cms.security.accounts.SignedInCookieMiddleware``). Paths: no cookie, a made-up
session cookie (short, and shaped like a key), a visitor's real session without sign-in (the captcha), a forged
marker with and without a session cookie, a miss with a made-up session cookie (stored: the anonymous page), an
editor signed in through the sign-in page, an editor whose marker was lost, sign-out, the idle timeout.
"""

import secrets
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from cms.security.accounts import LAST_SEEN_AT
from tests.factories import ArticleFactory, ColumnFactory, DraftArticleFactory

pytestmark = pytest.mark.django_db

SESSION = settings.SESSION_COOKIE_NAME
MARKER = settings.SIGNED_IN_COOKIE_NAME
PASSWORD = "pw-for-tests-only"


@pytest.fixture
def pages(db):
    column = ColumnFactory(name="重大项目", slug="projects")
    article = ArticleFactory(title="人工智能产业园开园", column=column)
    draft = DraftArticleFactory(title="尚未发布的草稿", column=column)
    return {"news": "/news/", "article": article.get_absolute_url(), "draft": draft.get_absolute_url()}


def warm(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url


def anonymous_session() -> str:
    session = SessionStore()
    session["captcha"] = "4821"  # a visitor who opened a form with a captcha: a real session, nobody signed in
    session.save()
    return session.session_key


@pytest.mark.parametrize("cookie", ["bogus", "made-up key", "anonymous session"])
def test_a_session_cookie_without_a_sign_in_is_served_from_the_cache_without_the_database(
    client, pages, django_assert_num_queries, cookie
):
    for url in (pages["news"], pages["article"]):
        warm(client, url)
    value = {"bogus": "bogus", "made-up key": secrets.token_hex(16), "anonymous session": anonymous_session()}[cookie]
    client.cookies[SESSION] = value
    for url in (pages["news"], pages["article"]):
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
        assert "public" in response["Cache-Control"]


def test_a_miss_with_a_made_up_session_cookie_fills_the_cache_for_everyone(client, pages, django_assert_num_queries):
    client.cookies[SESSION] = secrets.token_hex(16)
    first = client.get(pages["news"])  # a miss: rendered anonymously, the dead cookie removed, the page stored
    assert first.status_code == 200 and first.cookies[SESSION].value == ""
    client.cookies[SESSION] = secrets.token_hex(16)
    with django_assert_num_queries(0):
        again = client.get(pages["news"])
    assert again["X-Page-Cache"] == "hit" and "Set-Cookie" not in again  # no cookie replayed to anyone


def test_a_forged_marker_without_a_session_changes_nothing(client, pages, django_assert_num_queries):
    warm(client, pages["news"])
    client.cookies[MARKER] = "1"
    with django_assert_num_queries(0):
        assert client.get(pages["news"])["X-Page-Cache"] == "hit"


def test_a_forged_marker_with_a_made_up_session_only_costs_a_rendering(client, pages):
    warm(client, pages["article"])
    client.cookies[SESSION] = secrets.token_hex(16)
    client.cookies[MARKER] = "1"
    response = client.get(pages["article"])
    assert response.status_code == 200 and response.get("X-Page-Cache") != "hit"
    assert "private" in response["Cache-Control"]
    assert client.cookies[MARKER].value == ""  # nobody is signed in: the marker is removed
    assert client.get(pages["draft"]).status_code == 404  # and nothing private is shown


def test_an_editor_signed_in_through_the_sign_in_page_gets_private_pages_and_previews(client, pages, editor):
    warm(client, pages["news"])
    response = client.post("/admin/login/?next=/admin/", {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302
    marker = client.cookies[MARKER]
    assert marker.value and marker["httponly"] and marker["max-age"] == settings.SESSION_COOKIE_AGE
    news = client.get(pages["news"])
    assert news.get("X-Page-Cache") != "hit" and "private" in news["Cache-Control"]
    preview = client.get(pages["draft"])
    assert preview.status_code == 200 and "尚未发布的草稿" in preview.content.decode()  # staff-only: the draft
    client.post("/admin/logout/")
    assert client.cookies[MARKER].value == ""  # removed at sign-out
    assert client.get(pages["news"])["X-Page-Cache"] == "hit"


def test_an_editor_whose_marker_was_lost_sees_public_pages_and_never_fills_the_cache(client, pages, editor, settings):
    # Without the middleware that would put the marker back: the page cache's own guard is what is tested here.
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.endswith("SignedInCookieMiddleware")]
    client.force_login(editor)  # a session cookie, no marker
    assert MARKER not in client.cookies
    rendered = client.get(pages["news"])  # a miss, rendered for the editor
    assert rendered.status_code == 200 and "private" in rendered["Cache-Control"]
    client.logout()
    assert client.get(pages["news"]).get("X-Page-Cache") != "hit"  # the editor's rendering was not stored


def test_a_timed_out_session_loses_its_marker(client, pages, editor):
    client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert client.cookies[MARKER].value
    session = client.session
    session[LAST_SEEN_AT] = int(time.time()) - settings.STAFF_IDLE_TIMEOUT - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.cookies[MARKER].value == ""

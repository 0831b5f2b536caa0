"""Database outage: a 503 page in Chinese everywhere, never a 500, whatever cookies the request carries.

Paths: public pages (home, news, policies, the forms), form posts (/consult/, /contribute/: the typed text shown and a
"submit again" form with the same token, no receipt), the admin (its own 503 page; the sign-in page too), each
without cookies, with a made-up session cookie (short, and one shaped like a real key so that it is looked up), with
a visitor's real session (a captcha) and with a signed-in editor's session; a database failure raised inside another
middleware (replaced on the way out); and a page-cache hit, which needs no database and stays a 200.

Fast tests make the connection refuse (``ensure_connection`` raises, as psycopg does when the server is gone), on
every run and either database. ``test_a_stopped_server_*`` stops a real PostgreSQL: a throw-away cluster on its own
port (tests/faults/postgres.py) serving a gunicorn, only with ``CMS_OUTAGE_TESTS=1`` (CI).
"""

import os
import re
import secrets
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connection
from django.test import Client

from submissions.models import Contribution, ContributionTerms, Inquiry
from tests.helpers import text_of

from .live import BODY, Browser, consultation, contribution, stored
from .postgres import server_binaries

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
UNAVAILABLE = "服务暂时不可用，请稍后重试"
PAGES = ["/", "/news/", "/policies/", "/consult/", "/contribute/", "/settle/", "/search/?q=%E6%8B%9B%E5%95%86"]  # 招商
ADMIN_PAGES = ["/admin/", "/admin/login/", "/admin/articles/article/"]
COOKIES = ["none", "short made-up session", "made-up session", "visitor session", "editor session"]


class Outage:
    """``start()`` cuts the database off (every new cursor is refused, as when the server is down); ``end()``."""

    def __init__(self):
        self._patch = pytest.MonkeyPatch()

    def start(self):
        self._patch.setattr(connection, "ensure_connection", self._refuse)

    def end(self):
        self._patch.undo()
        # A failed save marked the test's transaction for rollback; the refused queries never reached the database,
        # so it is intact and the test may look at it (a real outage leaves a broken connection Django discards).
        connection.needs_rollback, connection.rollback_exc = False, None

    @staticmethod
    def _refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.fixture
def outage(db):
    outage = Outage()
    yield outage
    outage.end()


@pytest.fixture
def terms(db):
    return ContributionTerms.objects.create(title="投稿须知", body="<p>请投原创稿件。</p>")


def with_cookie(client, cookie: str, editor) -> Client:
    if cookie == "short made-up session":
        client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    elif cookie == "made-up session":
        client.cookies[settings.SESSION_COOKIE_NAME] = secrets.token_hex(16)  # shaped like a key: looked up
    elif cookie == "visitor session":
        session = SessionStore()
        session["captcha"] = "1234"
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    elif cookie == "editor session":
        client.force_login(editor)
        client.cookies[settings.SIGNED_IN_COOKIE_NAME] = "1"
    return client


def assert_unavailable(response, *, admin: bool = False) -> str:
    assert response.status_code == 503, response.status_code
    assert response["Retry-After"] and "no-store" in response["Cache-Control"]
    page = text_of(response)
    assert UNAVAILABLE in page and "提交成功" not in page
    html = response.content.decode()
    assert ('id="site-name"' in html) == admin  # the admin's own page under /admin/, the site's elsewhere
    assert response["Content-Security-Policy"] and response["X-Frame-Options"] == "DENY"
    return page


def resend_form(response) -> dict[str, str]:
    html = response.content.decode()
    form = re.search(r'<form method="post" action="([^"]*)">(.*?)</form>', html, re.S)
    assert form, "no submit-again form"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form[2]))
    return {name: unescape(value) for name, value in fields.items()}


@pytest.mark.parametrize("cookie", COOKIES)
@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_answers_503_whatever_the_cookies(client, outage, editor, terms, path, cookie):
    with_cookie(client, cookie, editor)
    outage.start()
    assert_unavailable(client.get(path))


@pytest.mark.parametrize("cookie", COOKIES)
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_the_admin_answers_its_own_503_whatever_the_cookies(client, outage, editor, path, cookie):
    with_cookie(client, cookie, editor)
    outage.start()
    page = assert_unavailable(client.get(path), admin=True)
    assert "内容管理" in page  # the admin's header, with the default site name


@pytest.mark.parametrize("cookie", COOKIES)
def test_a_consultation_posted_during_an_outage_is_shown_again_with_a_resend_button(client, outage, editor, cookie):
    with_cookie(client, cookie, editor)
    data = consultation()
    outage.start()
    response = client.post("/consult/", data)
    page = assert_unavailable(response)
    assert "停机时提交的咨询内容" in page and "停机时的访客" in page and "姓名" in page  # labels, not field names
    kept = resend_form(response)
    assert all(kept[name] == data[name] for name in ("token", "rendered_at", "message", "name", "consent"))
    assert 'action="/consult/"' in response.content.decode()
    outage.end()
    assert not Inquiry.objects.exists()  # nothing stored, no receipt given


@pytest.mark.parametrize("cookie", COOKIES)
def test_a_contribution_posted_during_an_outage_is_shown_again_with_a_resend_button(
    client, outage, editor, terms, cookie
):
    with_cookie(client, cookie, editor)
    data = contribution()
    outage.start()
    response = client.post("/contribute/", data)
    page = assert_unavailable(response)
    assert "停机时的投稿" in page and BODY[:40] in page
    assert resend_form(response)["body"] == BODY
    outage.end()
    assert not Contribution.objects.exists()


def test_an_admin_form_posted_during_an_outage_is_kept_and_a_sign_in_never_echoes_the_password(client, outage, editor):
    client.force_login(editor)
    client.cookies[settings.SIGNED_IN_COOKIE_NAME] = "1"
    outage.start()
    response = client.post("/admin/articles/article/add/", {"title": "停机时写的资讯", "body": "<p>正文</p>"})
    page = assert_unavailable(response, admin=True)
    assert "停机时写的资讯" in page and resend_form(response)["title"] == "停机时写的资讯"
    outage.end()
    client.logout()
    outage.start()
    signing_in = client.post("/admin/login/", {"username": "editor-test", "password": "pw-for-tests-only"})
    assert_unavailable(signing_in, admin=True)
    assert "pw-for-tests-only" not in signing_in.content.decode()
    assert "editor-test" in text_of(signing_in)


def test_the_resend_form_works_once_the_database_is_back(client, outage):
    data = consultation(name="重新提交的访客")
    outage.start()
    kept = resend_form(client.post("/consult/", data))
    outage.end()
    resent = client.post("/consult/", kept)
    assert resent.status_code == 302
    assert Inquiry.objects.filter(name="重新提交的访客").count() == 1


def test_a_cached_page_is_still_served_during_an_outage_even_with_a_made_up_session_cookie(client, outage):
    assert client.get("/news/").status_code == 200  # stored
    outage.start()
    client.cookies[settings.SESSION_COOKIE_NAME] = secrets.token_hex(16)
    response = client.get("/news/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


class FailingMiddleware:
    """A middleware below the outage handling that asks the database itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("path", ["/news/", "/admin/"])
def test_a_failure_inside_another_middleware_is_a_503_too(settings, path):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.FailingMiddleware"]
    client = Client(raise_request_exception=False)  # as a real server: Django answers, the test does not re-raise
    response = client.get(path)
    assert_unavailable(response, admin=path.startswith("/admin/"))


class BrokenMiddleware(FailingMiddleware):
    def __call__(self, request):
        raise ValueError("a bug, not an outage")


def test_other_server_errors_stay_500(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.BrokenMiddleware"]
    response = Client(raise_request_exception=False).get("/news/")
    assert response.status_code == 500


# A real server, really stopped ------------------------------------------------------------------------------------

OUTAGE_TESTS = os.environ.get("CMS_OUTAGE_TESTS") == "1"


@pytest.mark.skipif(
    not (OUTAGE_TESTS and server_binaries()),
    reason="stops a PostgreSQL server (a throw-away one): runs in CI (CMS_OUTAGE_TESTS=1) where its binaries are",
)
def test_a_stopped_server_gives_503_pages_with_every_cookie_and_loses_nothing_typed(stopped_server_site):
    cluster, port, env = stopped_server_site.cluster, stopped_server_site.port, stopped_server_site.env
    visitor, made_up, editor = Browser(port), Browser(port), Browser(port)
    for browser in (visitor, made_up, editor):
        browser.csrf_token("/consult/")  # a CSRF cookie, as every visitor of a form has
    made_up.cookies["sessionid"] = secrets.token_hex(16)
    login = {"username": "editor", "password": "pw-for-tests-only", "csrfmiddlewaretoken": editor.csrf_token(
        "/admin/login/")}  # fmt: skip
    assert editor.request("POST", "/admin/login/", login)[0] == 302
    assert {"sessionid", "cms_signed_in"} <= editor.cookies.keys()
    browsers = {"visitor": visitor, "made-up": made_up, "editor": editor}
    posts = {}  # (browser, form) → what the visitor typed
    for name, browser in browsers.items():
        posts[name, "/consult/"] = consultation(
            name=f"停机访客{name}", message=f"停机时的咨询{name}", csrfmiddlewaretoken=browser.csrf_token("/consult/")
        )
        posts[name, "/contribute/"] = contribution(
            title=f"停机时的投稿{name}",
            email=f"{name}@example.cn",
            csrfmiddlewaretoken=browser.csrf_token("/contribute/"),
        )
    kept = {}
    cluster.stop()
    try:
        for name, browser in browsers.items():
            for path in [*PAGES, *ADMIN_PAGES]:
                status, html = browser.request("GET", path)
                assert status == 503 and UNAVAILABLE in html, (name, path, status)
            for (who, form), data in posts.items():
                if who != name:
                    continue
                status, html = browser.request("POST", form, data)
                typed = data.get("message") or data["title"]
                assert status == 503 and UNAVAILABLE in html and typed in html, (name, form, status)
                assert f'name="token" value="{data["token"]}"' in html and "提交成功" not in html
                kept[who, form] = {key: unescape(value) for key, value in re.findall(
                    r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)}  # fmt: skip
    finally:
        cluster.start()
        cluster.wait_until_ready()
    assert stored(env, "Inquiry.objects.count() + Contribution.objects.count()") == "0"  # nothing, no receipt
    for (name, form), data in kept.items():
        status, _html = browsers[name].request("POST", form, data)  # "submit again", the database back
        assert status == 302, (name, form, status)
    assert stored(env, "sorted(Inquiry.objects.values_list('name', flat=True))") == str(
        sorted(f"停机访客{name}" for name in browsers)
    )
    assert stored(env, "Contribution.objects.count()") == "3"

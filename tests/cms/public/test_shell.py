"""Every shell page renders in Chinese with one <h1>, the hotline, the footer topics and the filings."""

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django.urls import reverse
from django.views.defaults import server_error

from cms.public.models import Page, SiteSettings
from cms.workflow.states import Status
from tests.factories import PageFactory
from tests.helpers import count_tags, sitemap_text, text_of

pytestmark = pytest.mark.django_db

SHELL_URLS = ["/", "/about/", "/contact/", "/privacy/"]


@pytest.mark.parametrize("url", SHELL_URLS)
def test_shell_page_renders_with_one_h1_and_the_hotline(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert count_tags(html, "h1") == 1
    assert '<html lang="zh-CN">' in html
    assert "021-5555 0100" in html
    assert 'id="main-content"' in html and 'href="#main-content"' in html
    text = text_of(response)
    assert "招商热线" in text
    assert "沪ICP备00000000号-1" in text and "沪公网安备" in text


def test_home_renders_cleanly_without_any_content(client):
    response = client.get("/")
    assert response.status_code == 200
    text = text_of(response)
    assert count_tags(response.content.decode(), "h1") == 1
    assert "我要投稿" in text and "招商咨询" in text
    assert "欢迎" in text


def test_header_navigation_and_footer(client, demo_site):
    response = client.get("/")
    text = text_of(response)
    for label in ["首页", "联系我们", "获取园区招商政策资料"]:
        assert label in text
    assert 'aria-current="page"' in response.content.decode()


def test_unpublished_page_is_not_found(client, demo_site):
    Page.objects.filter(slug="about").update(status=Status.DRAFT, publish_at=None)
    assert client.get("/about/").status_code == 404


def test_page_body_is_sanitised_when_saved(client, db):
    page = PageFactory(
        title="测试页",
        slug="test",
        body='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:x">链</a></p>',
    )
    page.refresh_from_db()
    assert "script" not in page.body and "onclick" not in page.body and "javascript" not in page.body
    assert client.get("/test/").status_code == 200


def test_site_settings_changes_show_at_once(client, demo_site, django_capture_on_commit_callbacks):
    assert "云湖区投资促进中心" in text_of(client.get("/"))
    settings_row = SiteSettings.load()
    settings_row.site_name = "云湖区招商服务中心"
    settings_row.hotline = "400-000-0000"
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    text = text_of(client.get("/"))
    assert "云湖区招商服务中心" in text and "400-000-0000" in text


def test_site_settings_are_served_from_the_cache(client, demo_site, django_assert_num_queries):
    client.get("/")  # warms the cache of settings and footer links
    with django_assert_num_queries(1):  # the page itself (a page-cache miss); settings and footer from the cache
        client.get("/about/")


def test_not_found_page_is_chinese_in_the_site_look(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = text_of(response)
    assert "页面不存在" in text and "021-5555 0100" in text
    assert count_tags(response.content.decode(), "h1") == 1


def test_server_error_page_renders_without_a_database(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "服务器" in response.content.decode()


@pytest.mark.parametrize("code,text", [("400", "无法理解"), ("403", "没有权限"), ("500", "服务器")])
def test_error_templates_are_chinese(code, text):
    from django.template.loader import render_to_string

    html = render_to_string(f"{code}.html")
    assert text in html and count_tags(html, "h1") == 1


def test_csrf_failure_page_is_friendly(demo_site):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "表单已过期" in text_of(response)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://invest.example.test/sitemap.xml" in body


def test_sitemap_lists_published_pages_only(client, demo_site):
    Page.objects.filter(slug="about").update(status=Status.DRAFT, publish_at=None)
    body = sitemap_text(client)
    assert "/contact/" in body and "/privacy/" in body
    assert "/about/" not in body


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@override_settings(DEBUG=False)
def test_bad_host_gets_a_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_reverse_names_are_namespaced():
    assert reverse("cms:home") == "/"
    assert reverse("cms:page", kwargs={"slug": "contact"}) == "/contact/"


def test_public_pages_have_a_strict_csp_and_only_the_admin_a_looser_one(client, reviewer):
    public = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in public and "unsafe-inline" not in public
    assert "object-src 'none'" in public and "frame-ancestors 'none'" in public and "base-uri 'none'" in public
    client.force_login(reviewer)
    admin_policy = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin_policy


def test_footer_links_follow_page_changes(client, demo_site, django_capture_on_commit_callbacks):
    assert "关于我们" in text_of(client.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(slug="about").delete()
    assert "关于我们" not in text_of(client.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        PageFactory(title="投资指南", slug="guide", show_in_footer=True)
    assert 'href="/guide/"' in client.get("/").content.decode()

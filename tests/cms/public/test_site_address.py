"""Absolute links follow the address the site is reached at when ``SITE_URL`` is not set (development), and
``SITE_URL`` when it is (production requires it: tests/cms/test_settings.py).

Paths: the news and policy feeds (channel and item links), robots.txt, the sitemap, an article's share line, og:url
and JSON-LD, a policy's citation, the canonical link and breadcrumbs, the receipt email of a contribution and the
new-lead email of an inquiry (queued while the visitor's request is served), HTTPS, two addresses of one site with
the page cache on (each gets its own copies), and work outside any request (a command).
"""

import re
import time
import uuid

import pytest

from cms.public.links import DEVELOPMENT_DEFAULT, site_url
from cms.public.models import SiteSettings
from submissions.models import OutboundEmail
from submissions.protection import sign_render_time
from tests.factories import ArticleFactory, ColumnFactory, ContributionTermsFactory, PolicyFactory
from tests.submissions.test_contributions import post_data
from tests.submissions.test_inquiries import consult_data

pytestmark = pytest.mark.django_db

HOST = "portal.example.test:8080"
ORIGIN = f"http://{HOST}"


def timing() -> dict:
    """The hidden fields of a form rendered ten seconds ago."""
    return {"rendered_at": sign_render_time(time.time() - 10), "token": str(uuid.uuid4()), "website": ""}


@pytest.fixture
def development(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "portal.example.test", "other.example.test"]
    return settings


@pytest.fixture
def content(db):
    column = ColumnFactory(name="重大项目", slug="projects")
    return {"article": ArticleFactory(title="人工智能项目签约", column=column), "policy": PolicyFactory()}


def absolute_links(body: str) -> set[str]:
    """The absolute addresses in ``body``, XML namespaces and schema.org left out."""
    found = set(re.findall(r"https?://[^\s\"'<>]+", body))
    return {link for link in found if "schema.org" not in link and "w3.org" not in link}


def get(client, path, host=HOST, **extra):
    response = client.get(path, headers={"host": host}, **extra)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("path", ["/feeds/news/", "/feeds/news/atom/", "/feeds/policies/", "/feeds/policies/atom/"])
def test_feeds_link_to_the_address_they_were_fetched_from(client, development, content, path):
    links = absolute_links(get(client, path))
    assert links and all(link.startswith(ORIGIN + "/") for link in links), links
    assert f"{ORIGIN}{content['article'].get_absolute_url()}" in links or path.startswith("/feeds/policies/")


def test_robots_and_the_sitemap_name_the_address_they_were_fetched_from(client, development, content):
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in get(client, "/robots.txt")
    index = get(client, "/sitemap.xml")
    files = re.findall(r"<loc>([^<]+)</loc>", index)
    assert files and all(url.startswith(ORIGIN + "/") for url in files)
    section = get(client, files[0].removeprefix(ORIGIN).replace("&amp;", "&"))
    assert all(url.startswith(ORIGIN + "/") for url in re.findall(r"<loc>([^<]+)</loc>", section))


def test_share_cite_and_canonical_links_use_the_address_of_the_request(client, development, content):
    article, policy = content["article"], content["policy"]
    page = get(client, article.get_absolute_url())
    assert f'<span class="share__url">{ORIGIN}{article.get_absolute_url()}</span>' in page
    assert f'<meta property="og:url" content="{ORIGIN}{article.get_absolute_url()}">' in page
    assert f'"mainEntityOfPage": "{ORIGIN}{article.get_absolute_url()}"' in page
    assert f'<link rel="canonical" href="{ORIGIN}{article.get_absolute_url()}">' in page
    assert f'href="{ORIGIN}/"' in page  # breadcrumbs
    assert "127.0.0.1:8000" not in page and "invest.example.test" not in page
    assert f"{ORIGIN}{policy.get_absolute_url()}</p>" in get(client, policy.get_absolute_url())  # the citation


def test_https_requests_get_https_links(client, development, content):
    assert "Sitemap: https://portal.example.test:8080/sitemap.xml" in get(client, "/robots.txt", secure=True)


def test_each_address_gets_its_own_cached_copies(client, development, content, settings):
    assert settings.PAGE_CACHE_ENABLED
    get(client, "/feeds/news/")
    assert client.get("/feeds/news/", headers={"host": HOST})["X-Page-Cache"] == "hit"
    other = get(client, "/feeds/news/", host="other.example.test")
    assert "http://other.example.test/news/" in other and HOST not in other
    article_page = get(client, content["article"].get_absolute_url(), host="other.example.test")
    assert f"http://other.example.test{content['article'].get_absolute_url()}" in article_page  # fragment too


def test_emails_queued_during_a_request_link_to_its_address(client, development):
    ContributionTermsFactory()
    team = SiteSettings.load()
    team.contact_email = "team@example.cn"
    team.save()
    response = client.post("/contribute/", post_data(timing), headers={"host": HOST})
    assert response.status_code == 302
    receipt = OutboundEmail.objects.get(to="zhao@example.cn")
    assert f"{ORIGIN}/contribute/status/?code=" in receipt.body
    assert client.post("/consult/", consult_data(timing), headers={"host": HOST}).status_code == 302
    lead = OutboundEmail.objects.get(to="team@example.cn")
    assert f"{ORIGIN}/admin/submissions/inquiry/" in lead.body


def test_site_url_wins_when_set(client, content, settings):
    settings.SITE_URL = "https://invest.example.test"
    assert "Sitemap: https://invest.example.test/sitemap.xml" in get(client, "/robots.txt", host="localhost")


def test_outside_a_request_the_development_default_is_used(development):
    assert site_url() == DEVELOPMENT_DEFAULT == "http://127.0.0.1:8000"

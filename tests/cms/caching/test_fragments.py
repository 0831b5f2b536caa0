"""The header and footer fragments are keyed by what they show, never by the request's address; the footer's year
is part of its key."""

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import ArticleFactory, ColumnFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = False  # every request renders its page, so every one asks for the fragments
    settings.FRAGMENT_CACHE_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory.create_batch(3, column=ColumnFactory(slug="projects"))


def fragment_keys() -> set[str]:
    return {key for key in cache._cache if ":fragment:" in key}  # the test settings' LocMemCache


def test_junk_query_strings_add_no_header_fragments(client, news):
    assert client.get("/news/").status_code == 200
    before = fragment_keys()
    for number in range(50):
        response = client.get("/news/", {"junk": number})
        assert response.status_code == 200
    assert fragment_keys() == before
    # The display switch still brings the visitor back to the very address, query string included.
    assert 'href="/display/?elder=1&amp;next=/news/%3Fjunk%3D49"' in response.content.decode()


def test_holes_are_filled_per_request_and_escaped(client, news):
    first = client.get("/search/", {"q": "人工智能"}).content.decode()
    second = client.get("/search/", {"q": '"><script>x</script>'}).content.decode()
    assert 'value="人工智能"' in first
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in second and "<script>x" not in second
    assert "[[render_once:" not in first + second
    assert "next=/search/%3Fq%3D%2522%253E%253Cscript%253E" in second  # urlencoded, like the address bar


def test_the_footer_shows_the_new_year_at_once_after_new_year(client, news, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: date(2025, 12, 31))
    assert "© 2025 " in client.get("/news/").content.decode()
    assert "© 2025 " in client.get("/news/").content.decode()  # from the fragment cache
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: date(2026, 1, 1))
    html = client.get("/news/").content.decode()
    assert "© 2026 " in html and "© 2025" not in html


def test_a_hole_value_is_never_read_as_a_placeholder(client, news):
    html = client.get("/search/", {"q": "[[render_once:display_next]]"}).content.decode()
    assert 'value="[[render_once:display_next]]"' in html

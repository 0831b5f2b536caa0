"""Static pages in the publishing workflow: who sees a draft, and where a published page appears.

Paths: the page itself (/<slug>/), the footer, the sitemap and site search; publishing and unpublishing through
``transition()`` (a queryset update, no save) updates each of them after the commit.
"""

import pytest

from cms.public.models import Page
from cms.search import backend
from cms.workflow.services import transition
from tests.factories import DraftPageFactory, PageFactory
from tests.helpers import sitemap_text, text_of

pytestmark = pytest.mark.django_db


def test_a_draft_page_is_not_found_by_the_public(client):
    DraftPageFactory(slug="guide")
    assert client.get("/guide/").status_code == 404


def test_staff_preview_a_draft_page_uncached_and_unindexed(client, editor, staff_without_role):
    DraftPageFactory(title="投资指南", slug="guide")
    client.force_login(staff_without_role)  # staff, but may not edit pages
    assert client.get("/guide/").status_code == 404
    client.force_login(editor)
    response = client.get("/guide/")
    assert response.status_code == 200 and "投资指南" in text_of(response)
    assert "预览" in text_of(response) and response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]
    client.logout()
    assert client.get("/guide/").status_code == 404  # the preview was not stored for the public


def test_a_published_page_is_in_the_footer_sitemap_and_search(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageFactory(title="投资指南", slug="guide", show_in_footer=True, body="<p>企业落户办事流程。</p>")
        DraftPageFactory(title="内部草稿", slug="draft", show_in_footer=True, body="<p>企业落户草稿。</p>")
    response = client.get("/")
    assert 'href="/guide/"' in response.content.decode() and 'href="/draft/"' not in response.content.decode()
    sitemap = sitemap_text(client)
    assert "/guide/" in sitemap and "/draft/" not in sitemap
    assert [document.title for document in backend.search("企业落户").documents] == ["投资指南"]


def test_publishing_through_the_workflow_shows_it_everywhere(client, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = DraftPageFactory(title="投资指南", slug="guide", show_in_footer=True, body="<p>企业落户办事流程。</p>")
    assert 'href="/guide/"' not in client.get("/").content.decode()  # the footer is now cached without it
    with django_capture_on_commit_callbacks(execute=True):
        transition(page, "publish", by=reviewer)
    assert client.get("/guide/").status_code == 200
    assert 'href="/guide/"' in client.get("/").content.decode()
    assert "/guide/" in sitemap_text(client)
    assert backend.search("企业落户").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        transition(Page.objects.get(pk=page.pk), "unpublish", by=reviewer, reason="流程已调整")
    assert client.get("/guide/").status_code == 404
    assert 'href="/guide/"' not in client.get("/").content.decode()
    assert backend.search("企业落户").total == 0

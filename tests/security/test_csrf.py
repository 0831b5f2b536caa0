"""Every POST endpoint refuses a request without a CSRF token (403), and changes nothing."""

import pytest
from django.test import Client

from articles.models import Article
from cms.media.models import EditorImage
from cms.workflow.states import Status
from submissions.models import Contribution, Inquiry
from tests.factories import DraftArticleFactory
from tests.helpers import text_of

from .tools import form_inputs, png_bytes, rendered_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def assert_csrf_refusal(response):
    assert response.status_code == 403
    assert "表单已过期" in text_of(response)  # the friendly CSRF failure page, not some other 403


PUBLIC_POSTS = {
    "consult": ("/consult/", {"topic": "policy", "name": "陈晓", "phone": "13800138000", "consent": "on"}),
    "settle": (
        "/settle/",
        {"company": "云海", "plans": ["research"], "name": "王磊", "phone": "13900139000", "consent": "on"},
    ),
    "contribute": (
        "/contribute/",
        {
            "title": "投稿",
            "kind": "news",
            "body": "正文" * 600,
            "unit": "单位",
            "author": "作者",
            "email": "a@example.cn",
            "agree": "on",
        },
    ),
    "contribution-status": ("/contribute/status/", {"code": "TG20260101001", "email": "a@example.cn"}),
    "admin-login": ("/admin/login/", {"username": "root-test", "password": "pw-for-tests-only"}),
}


@pytest.mark.parametrize("url,fields", list(PUBLIC_POSTS.values()), ids=list(PUBLIC_POSTS))
def test_public_posts_need_the_token(csrf_client, superuser, terms, url, fields):
    hidden = rendered_form_data(csrf_client, url) if url in ("/consult/", "/settle/", "/contribute/") else {}
    assert_csrf_refusal(csrf_client.post(url, {**hidden, **fields}))
    assert Inquiry.objects.count() == 0 and Contribution.objects.count() == 0
    assert "_auth_user_id" not in csrf_client.session


def test_the_public_form_works_with_the_token(csrf_client):
    """The control for the test above: the same post with the page's token is accepted."""
    response = csrf_client.get("/consult/")
    token = form_inputs(response.content.decode())["csrfmiddlewaretoken"][1]
    hidden = rendered_form_data(csrf_client, "/consult/")
    fields = PUBLIC_POSTS["consult"][1]
    response = csrf_client.post("/consult/", {**hidden, **fields, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and Inquiry.objects.count() == 1


@pytest.fixture
def draft(db):
    return DraftArticleFactory(title="草稿资讯")


def staff_posts(draft, column_pk):
    change = f"/admin/articles/article/{draft.pk}/"
    return {
        "editor-image-upload": ("/admin/editor-images/upload/", {"alt": "图"}),
        "article-add": ("/admin/articles/article/add/", {"title": "新资讯", "column": column_pk, "body": "<p>x</p>"}),
        "article-change": (f"{change}change/", {"title": "被篡改的标题", "column": column_pk, "body": "<p>x</p>"}),
        "workflow-publish": (f"{change}workflow/publish/", {"comment": ""}),
        "bulk-action": ("/admin/articles/article/", {"action": "action_publish", "_selected_action": [draft.pk]}),
        "logout": ("/admin/logout/", {}),
    }


STAFF_POSTS = ["editor-image-upload", "article-add", "article-change", "workflow-publish", "bulk-action", "logout"]


@pytest.mark.parametrize("name", STAFF_POSTS)
def test_admin_posts_need_the_token(csrf_client, reviewer, draft, name):
    csrf_client.force_login(reviewer)
    url, data = staff_posts(draft, draft.column_id)[name]
    if name == "editor-image-upload":
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {**data, "file": SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")}
    assert_csrf_refusal(csrf_client.post(url, data))
    draft.refresh_from_db()
    assert draft.title == "草稿资讯" and draft.status == Status.DRAFT
    assert Article.objects.count() == 1 and EditorImage.objects.count() == 0
    assert csrf_client.get("/admin/").status_code == 200  # still logged in: the logout was refused too

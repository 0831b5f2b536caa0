"""Stored and reflected XSS: every rich-text field, every public form field and the search box.

Each payload goes in through the real forms (admin or public) and is looked for on the public page, in the admin
change page and list, and in the queued email. The assertion is the absence of executable markup, not an exact
rendering: rich text may strip, plain text must escape.
"""

from urllib.parse import quote

import pytest
from django.core import mail
from django.utils.html import escape

from articles.models import Article
from cms.public.models import Page
from cms.workflow.states import Status
from policies.models import Policy
from submissions.models import Contribution, Inquiry, OutboundEmail
from submissions.outbox import send_due_emails
from tests.factories import ArticleFactory, DraftArticleFactory, PolicyFactory
from tests.helpers import article_form as shared_article_form

from .tools import XSS_PAYLOADS, assert_inert, executable_markup, policy_change_data, rendered_form_data

pytestmark = pytest.mark.django_db

PAYLOADS = pytest.mark.parametrize("payload", list(XSS_PAYLOADS.values()), ids=list(XSS_PAYLOADS))
FILLER = "云湖区持续优化营商环境，推进重点产业招商引资。" * 50  # 1,100 counted characters


def article_form(column, **overrides):
    return shared_article_form(column, **{"title": "安全测试资讯", "body": "<p>正文。</p>", **overrides})


def publish_through_workflow(client, reviewer, changelist: str, pk: int) -> None:
    client.force_login(reviewer)
    response = client.post(f"{changelist}{pk}/workflow/publish/", {"comment": ""})
    assert response.status_code == 302, response.status_code
    client.logout()


def assert_email_is_plain_text(message) -> None:
    """Plain-text mail renders markup as text: no HTML part, no header split by line breaks in the input."""
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    built = message.message()
    assert built.get_content_type() == "text/plain"
    assert "\n" not in message.subject and "\r" not in message.subject


@PAYLOADS
def test_article_fields_through_the_admin(client, editor, reviewer, column, payload):
    client.force_login(editor)
    data = article_form(
        column,
        title=f"资讯标题{payload}",
        summary=f"摘要{payload}",
        author=f"记者{payload}"[:80],
        body=f"<p>导语段落。</p>{payload}<p>第二段。</p>",
    )
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    article = Article.objects.get()
    assert_inert(client.get("/admin/articles/article/"), "admin list")
    assert_inert(client.get(f"/admin/articles/article/{article.pk}/change/"), "admin change")
    assert_inert(client.get(f"/admin/articles/article/{article.pk}/history/"), "admin history")

    publish_through_workflow(client, reviewer, "/admin/articles/article/", article.pk)
    detail = assert_inert(client.get(article.get_absolute_url()), "public detail")
    assert escape(f"资讯标题{payload}") in detail  # the plain-text title is shown, escaped
    assert_inert(client.get("/news/"), "news list")
    assert_inert(client.get("/news/column/security/"), "column list")
    assert_inert(client.get("/search/", {"q": "资讯标题"}), "search results")


@PAYLOADS
def test_static_page_through_the_admin(client, editor, reviewer, payload):
    client.force_login(editor)
    data = {
        "title": f"关于{payload}"[:120],
        "slug": "xss-page",
        "body": f"<p>介绍。</p>{payload}",
        "show_in_footer": "on",
        "order": "0",
        "seo_description": f"描述{payload}",
    }
    response = client.post("/admin/cms/page/add/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert_inert(client.get("/admin/cms/page/"), "admin list")
    assert_inert(client.get("/admin/cms/page/?q=alert"), "admin search")
    publish_through_workflow(client, reviewer, "/admin/cms/page/", Page.objects.get(slug="xss-page").pk)
    page = assert_inert(client.get("/xss-page/"), "public page")
    assert escape(data["title"]) in page
    assert_inert(client.get("/"), "home with the footer link")


@PAYLOADS
def test_policy_fields_through_the_admin(client, editor, reviewer, payload):
    policy = PolicyFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    url = f"/admin/policies/policy/{policy.pk}/change/"
    data = policy_change_data(
        client,
        policy,
        title=f"扶持办法{payload}",
        body=f"<p>第一条</p>{payload}<p>第二条</p>",
        key_measures=f"措施一{payload}\n措施二",
        conditions=f"条件{payload}",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:800]
    assert Policy.objects.get().title.startswith("扶持办法")
    assert_inert(client.get("/admin/policies/policy/"), "admin list")
    assert_inert(client.get(url), "admin change")

    publish_through_workflow(client, reviewer, "/admin/policies/policy/", policy.pk)
    detail = assert_inert(client.get(policy.get_absolute_url()), "public detail")
    assert escape(f"扶持办法{payload}") in detail
    assert_inert(client.get("/policies/"), "library")
    assert_inert(client.get("/policies/", {"q": "扶持办法"}), "library keyword")
    assert_inert(client.get("/search/", {"q": "扶持办法"}), "search results")


def consult_fields(payload):
    return {
        "topic": "policy",
        "name": f"陈{payload}"[:60],
        "phone": "13800138000",
        "company": f"云海{payload}",
        "email": "",
        "industry": "",
        "policy": "",
        "message": f"留言{payload}",
        "consent": "on",
    }


def settle_fields(payload):
    return {
        "company": f"云海{payload}",
        "credit_code": "",
        "industry": "",
        "plans": ["headquarters"],
        "space_area": "",
        "space_type": "",
        "headcount": "",
        "investment": "",
        "timeframe": "",
        "name": f"王{payload}"[:60],
        "job_title": f"经理{payload}"[:60],
        "phone": "13900139000",
        "email": "",
        "consent": "on",
    }


@pytest.mark.parametrize(
    "form_url,fields", [("/consult/", consult_fields), ("/settle/", settle_fields)], ids=["consult", "settle"]
)
@PAYLOADS
def test_inquiry_form_fields(client, officer, superuser, form_url, fields, payload, django_capture_on_commit_callbacks):
    hidden = rendered_form_data(client, f"{form_url}?utm_source={quote(payload)}", Referer=f"https://x.test/{payload}")
    assert hidden["utm_source"] == payload[:100]  # the hidden field carried the value back intact

    # Reflected: an invalid phone re-displays the form with what the visitor typed.
    redisplay = client.post(form_url, {**hidden, **fields(payload), "phone": "12345"})
    assert escape(fields(payload)["company"]) in assert_inert(redisplay, "form re-displayed")
    assert Inquiry.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url, {**hidden, **fields(payload)})
    assert response.status_code == 302, response.content.decode()[:800]
    assert_inert(client.get(response["Location"]), "thanks page")
    inquiry = Inquiry.objects.get()

    client.force_login(officer)
    assert_inert(client.get("/admin/submissions/inquiry/"), "lead desk list")
    change = assert_inert(client.get(f"/admin/submissions/inquiry/{inquiry.pk}/change/"), "lead desk change")
    assert escape(fields(payload)["company"]) in change

    send_due_emails()  # the mail worker's round
    assert len(mail.outbox) == 1
    assert_email_is_plain_text(mail.outbox[0])
    queued = OutboundEmail.objects.get()
    client.force_login(superuser)
    assert_inert(client.get("/admin/submissions/outboundemail/"), "email queue list")
    assert_inert(client.get(f"/admin/submissions/outboundemail/{queued.pk}/change/"), "email queue change")


@PAYLOADS
def test_contribution_fields(client, reviewer, superuser, terms, column, payload, django_capture_on_commit_callbacks):
    hidden = rendered_form_data(client, "/contribute/")
    fields = {
        "title": f"投稿{payload}"[:100],
        "kind": "news",
        "body": f"{payload}\n{FILLER}\n{payload}",
        "unit": f"单位{payload}",
        "author": f"作者{payload}"[:60],
        "email": "writer@example.cn",
        "phone": "",
        "agree": "on",
    }

    redisplay = client.post("/contribute/", {**hidden, **fields, "email": "not-an-email"})
    assert escape(fields["unit"]) in assert_inert(redisplay, "form re-displayed")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contribute/", {**hidden, **fields})
    assert response.status_code == 302, response.content.decode()[:800]
    assert_inert(client.get(response["Location"]), "receipt page")
    contribution = Contribution.objects.get()
    status = client.get("/contribute/status/", {"code": contribution.receipt_code, "email": "writer@example.cn"})
    assert escape(fields["title"]) in assert_inert(status, "status look-up")

    send_due_emails()  # the mail worker's round
    assert len(mail.outbox) == 1
    assert_email_is_plain_text(mail.outbox[0])

    client.force_login(reviewer)
    assert_inert(client.get("/admin/submissions/contribution/"), "review desk list")
    assert_inert(client.get(f"/admin/submissions/contribution/{contribution.pk}/change/"), "review desk change")
    accept = {
        "action": "action_accept",
        "_selected_action": [contribution.pk],
        "apply": "1",
        "column": column.pk,
        "note": "",
    }
    assert_inert(client.post("/admin/submissions/contribution/", accept, follow=True), "after accepting")
    article = Article.objects.get()
    assert_inert(client.get(f"/admin/articles/article/{article.pk}/change/"), "article made from the contribution")
    publish_through_workflow(client, reviewer, "/admin/articles/article/", article.pk)
    published = assert_inert(client.get(article.get_absolute_url()), "published contribution")
    assert escape(payload) in published  # the contributor's markup is shown as text

    client.force_login(superuser)
    for queued in OutboundEmail.objects.all():
        assert_inert(client.get(f"/admin/submissions/outboundemail/{queued.pk}/change/"), "email queue change")


@PAYLOADS
def test_search_box(client, reviewer, payload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title=f"招商{payload}", body=f"<p>正文提到 alert 与 script 和 svg。</p>{payload}")
    results = assert_inert(client.get("/search/", {"q": payload}), "results for the payload")
    assert escape(payload) in results  # the query is echoed, escaped
    assert_inert(client.get("/search/", {"q": f"招商 {payload}", "type": "news"}), "results with a match")
    assert_inert(client.get("/search/", {"q": "alert"}), "highlighted snippet")
    client.force_login(reviewer)
    assert_inert(client.get("/admin/cms/searchlog/"), "search report")


FEED_PAYLOADS = ["<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>']


def feed_descriptions(xml: bytes) -> list[str]:
    """The item descriptions / Atom summaries, XML-decoded once, as a feed reader gets them."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(xml)  # noqa: S314 - our own output
    texts = [element.text or "" for element in root.iter() if element.tag.split("}")[-1] in ("description", "summary")]
    return texts


@pytest.mark.parametrize("payload", FEED_PAYLOADS, ids=["img-onerror", "a-javascript"])
def test_feed_descriptions_are_escaped_html(client, payload):
    DraftArticleFactory()  # not in the feed
    ArticleFactory(summary=f"摘要{payload}")
    for url in ("/feeds/news/", "/feeds/news/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        for description in feed_descriptions(response.content):
            assert not executable_markup(description), (url, description)

"""The editors' admin: writing, workflow buttons and bulk actions per role, history, revisions, dashboard."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from cms.workflow.states import Status
from tests.factories import ArticleFactory, ColumnFactory, DraftArticleFactory, InReviewArticleFactory
from tests.helpers import article_form as shared_article_form
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def article_form(column, **overrides):
    defaults = {"tags": "生物医药、招商推介", "author": "许宁",
                "body": "<p>推介会吸引了三十家企业。</p><script>alert(1)</script>"}  # fmt: skip
    return shared_article_form(column, **{**defaults, **overrides})


def test_editor_writes_a_draft_through_the_admin(client, editor):
    column = ColumnFactory()
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", article_form(column))
    assert response.status_code == 302, text_of(response)
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.created_by == editor and article.updated_by == editor
    assert "<script>" not in article.body and "三十家企业" in article.body
    assert sorted(article.tags.names()) == ["招商推介", "生物医药"]
    assert article.transitions.get().to_status == Status.DRAFT
    assert Version.objects.get_for_object(article).count() == 1


def test_status_cannot_be_set_through_the_form(client, editor):
    column = ColumnFactory()
    client.force_login(editor)
    client.post("/admin/articles/article/add/", article_form(column, status="published"))
    assert Article.objects.get().status == Status.DRAFT


def test_bad_input_keeps_what_the_editor_typed(client, editor):
    column = ColumnFactory()
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", article_form(column, title="", source_url="不是网址"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个字段是必填项" in html and "输入一个有效的 URL" in html
    assert "许宁" in html
    assert Article.objects.count() == 0


def test_editor_sees_submit_but_not_publish(client, editor):
    article = DraftArticleFactory()
    client.force_login(editor)
    html = client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()
    assert "提交审核" in html and f"{article.pk}/workflow/submit/" in html
    assert f"{article.pk}/workflow/publish/" not in html
    assert client.get(f"{CHANGELIST}{article.pk}/workflow/publish/").status_code == 403
    response = client.post(f"{CHANGELIST}{article.pk}/workflow/submit/", {"comment": ""})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_reviewer_publishes_and_sends_back_with_a_comment(client, reviewer):
    article = InReviewArticleFactory()
    client.force_login(reviewer)
    response = client.post(f"{CHANGELIST}{article.pk}/workflow/send_back/", {"comment": ""})
    assert response.status_code == 200  # the form asks for the reason
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    client.post(f"{CHANGELIST}{article.pk}/workflow/send_back/", {"comment": "请核实数据"})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    client.post(f"{CHANGELIST}{article.pk}/workflow/publish/", {"comment": ""})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    history = text_of(client.get(f"{CHANGELIST}{article.pk}/change/"))
    assert "请核实数据" in history and "reviewer-test" in history


def test_bulk_actions_follow_the_roles(client, editor, reviewer):
    drafts = DraftArticleFactory.create_batch(2)
    ids = [article.pk for article in drafts]
    client.force_login(editor)
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    names = [name for name, _label in actions]
    assert "action_submit" in names and "action_publish" not in names
    client.post(CHANGELIST, {"action": "action_publish", "_selected_action": ids})
    assert Article.objects.filter(status=Status.PUBLISHED).count() == 0

    client.force_login(reviewer)
    client.post(CHANGELIST, {"action": "action_publish", "_selected_action": ids})
    assert Article.objects.filter(status=Status.PUBLISHED).count() == 2
    response = client.post(CHANGELIST, {"action": "action_unpublish", "_selected_action": ids})
    assert response.status_code == 200 and "原因" in text_of(response)  # asks for the reason first
    client.post(CHANGELIST, {"action": "action_unpublish", "_selected_action": ids, "apply": "1", "comment": "过时"})
    assert Article.objects.filter(status=Status.UNPUBLISHED).count() == 2


def test_changelist_filters_and_search(client, reviewer):
    ArticleFactory(title="氢能示范应用项目签约", author="林涛")
    DraftArticleFactory(title="草稿")
    client.force_login(reviewer)
    for query in ["", "?status__exact=draft", "?q=林涛", "?pinned__exact=1"]:
        assert client.get(CHANGELIST + query).status_code == 200, query
    assert "氢能示范应用项目签约" in text_of(client.get(CHANGELIST + "?q=林涛"))


def test_preview_link_and_draft_preview(client, editor):
    article = DraftArticleFactory()
    client.force_login(editor)
    html = client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()
    assert f'href="{article.get_absolute_url()}"' in html and "预览" in html


def test_revisions_can_be_restored(client, editor):
    column = ColumnFactory()
    client.force_login(editor)
    client.post("/admin/articles/article/add/", article_form(column, title="第一版标题"))
    article = Article.objects.get()
    client.post(f"{CHANGELIST}{article.pk}/change/", article_form(column, title="第二版标题"))
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    oldest = versions.last()
    response = client.get(f"{CHANGELIST}{article.pk}/history/{oldest.pk}/")
    assert response.status_code == 200 and "第一版标题" in response.content.decode()
    client.post(f"{CHANGELIST}{article.pk}/history/{oldest.pk}/", article_form(column, title="第一版标题"))
    article.refresh_from_db()
    assert article.title == "第一版标题"


def test_dashboard_shows_my_drafts_and_review_queue(client, editor, reviewer):
    DraftArticleFactory(created_by=editor)
    InReviewArticleFactory.create_batch(2)
    client.force_login(editor)
    text = text_of(client.get("/admin/"))
    assert "我的草稿 1" in text
    client.force_login(reviewer)
    text = text_of(client.get("/admin/"))
    assert "待我审核 2" in text


def test_integrity_warnings_on_save(client, editor):
    column = ColumnFactory()
    ArticleFactory(title="云湖区举办生物医药招商推介会", column=column)
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", article_form(column), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert any(message for message in messages if "重复" in message)


def test_reviewer_url_permissions(client, editor, officer, reviewer):
    article = ArticleFactory()
    url = reverse("admin:articles_article_delete", args=[article.pk])
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    assert client.get(CHANGELIST).status_code == 403
    client.force_login(reviewer)
    assert client.get(url).status_code == 200


def test_compare_a_version_with_the_current_content(client, editor):
    column = ColumnFactory()
    client.force_login(editor)
    client.post("/admin/articles/article/add/", article_form(column, title="旧标题<b>"))
    article = Article.objects.get()
    client.post(f"{CHANGELIST}{article.pk}/change/", article_form(column, title="新标题<b>"))
    oldest = Version.objects.get_for_object(article).last()
    history = client.get(f"{CHANGELIST}{article.pk}/history/").content.decode()
    assert f"/history/{oldest.pk}/compare/" in history
    response = client.get(f"{CHANGELIST}{article.pk}/history/{oldest.pk}/compare/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>旧</del><ins>新</ins>标题&lt;b&gt;" in html

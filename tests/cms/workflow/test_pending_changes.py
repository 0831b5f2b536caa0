"""先审后发 for content already live: edits wait for review as pending changes; restore and recovery go through the
workflow. Through the admin, as the users.

Paths covered: the admin change form (editor: held; reviewer: live at once, recorded), the review screen (publish
now, schedule, send back), a scheduled change published on time by the next request with the page cache on, revision
restore of a live and of an offline item, recovery of a deleted item, inline attachments of a live policy (read-only
for editors), the changelist badge and filter, the dashboard. Public pages, search and feeds keep the live version
until the change is published.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from cms.public.models import Page
from cms.search import backend
from cms.security.models import AuditAction, AuditEntry
from cms.workflow.models import PendingChange, Transition
from cms.workflow.states import Action, ChangeStatus, Status
from policies.models import Policy
from tests.factories import ArticleFactory, PageFactory, PolicyFactory, UnpublishedArticleFactory
from tests.helpers import admin_form_data, text_of

pytestmark = pytest.mark.django_db

ITEMS = {
    "article": (ArticleFactory, "/admin/articles/article/", "title"),
    "policy": (PolicyFactory, "/admin/policies/policy/", "title"),
    "page": (PageFactory, "/admin/cms/page/", "title"),
}


def change_url(base: str, item) -> str:
    return f"{base}{item.pk}/change/"


def edit(client, base, item, **fields):
    response = client.get(change_url(base, item))
    assert response.status_code == 200
    return client.post(change_url(base, item), admin_form_data(response, **fields), follow=True)


def audited(item, action) -> int:
    """How many audit-log rows name ``item`` with ``action``."""
    content_type = ContentType.objects.get_for_model(item)
    return AuditEntry.objects.filter(content_type=content_type, object_id=item.pk, action=action).count()


def actions_of(item) -> list[str]:
    content_type = ContentType.objects.get_for_model(item)
    return list(
        Transition.objects.filter(content_type=content_type, object_id=item.pk).values_list("action", flat=True)
    )


@pytest.mark.parametrize("kind", ITEMS)
def test_an_editors_edit_of_a_live_item_waits_for_review(
    client, editor, reviewer, kind, django_capture_on_commit_callbacks
):
    factory, base, title_field = ITEMS[kind]
    with django_capture_on_commit_callbacks(execute=True):
        item = factory(title="补贴标准：每家一百万元")
    public_url = item.get_absolute_url()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, base, item, **{title_field: "补贴标准：每家一千万元"})
    assert "您的修改已保存为待审修改" in text_of(response)
    item.refresh_from_db()
    assert item.title == "补贴标准：每家一百万元" and item.status == Status.PUBLISHED
    change = PendingChange.objects.get()
    assert change.data["title"] == "补贴标准：每家一千万元" and change.status == ChangeStatus.IN_REVIEW
    assert actions_of(item)[0] == Action.SUBMIT_CHANGE

    client.logout()
    page = client.get(public_url).content.decode()
    assert "一百万元" in page and "一千万元" not in page
    assert backend.search("一千万元").total == 0

    client.force_login(editor)  # the editor continues from the pending change, not from the live version
    assert "补贴标准：每家一千万元" in client.get(change_url(base, item)).content.decode()

    client.force_login(reviewer)
    review = client.get(f"{base}{item.pk}/pending/")
    assert review.status_code == 200
    review_text = text_of(review)
    assert "一百万元" in review_text and "一千万元" in review_text and "已发布" in review_text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{base}{item.pk}/pending/", {"publish_at": "", "reason": "", "_publish": "1"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "补贴标准：每家一千万元" and not PendingChange.objects.exists()
    assert actions_of(item)[0] == Action.PUBLISH_CHANGE
    assert audited(item, AuditAction.APPROVE_CHANGE) == 1
    client.logout()
    assert "一千万元" in client.get(public_url).content.decode()
    assert backend.search("一千万元").total == 1


def test_approval_purges_the_cached_public_page(client, settings, editor, reviewer, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    article = ArticleFactory(title="开园仪式举行")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url).headers.get("X-Page-Cache") == "hit"
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, "/admin/articles/article/", article, title="开园仪式隆重举行")
    client.logout()
    assert "开园仪式隆重举行" not in client.get(url).content.decode()
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/articles/article/{article.pk}/pending/", {"_publish": "1"})
    client.logout()
    response = client.get(url)
    assert response.headers.get("X-Page-Cache") != "hit" and "开园仪式隆重举行" in response.content.decode()


def test_a_change_sent_back_keeps_the_live_version_and_tells_the_editor_why(client, editor, reviewer):
    article = ArticleFactory(title="原标题")
    client.force_login(editor)
    edit(client, "/admin/articles/article/", article, title="改过的标题")
    client.force_login(reviewer)
    pending_url = f"/admin/articles/article/{article.pk}/pending/"
    blank = client.post(pending_url, {"reason": "", "_send_back": "1"})
    assert blank.status_code == 200 and "请说明需要编辑修改的内容" in text_of(blank)
    client.post(pending_url, {"reason": "金额需与文件核对", "_send_back": "1"})
    article.refresh_from_db()
    change = PendingChange.objects.get()
    assert article.title == "原标题" and change.status == ChangeStatus.SENT_BACK
    assert actions_of(article)[0] == Action.REJECT_CHANGE
    assert audited(article, AuditAction.REJECT_CHANGE) == 1
    client.force_login(editor)
    assert "金额需与文件核对" in text_of(client.get(change_url("/admin/articles/article/", article)))
    edit(client, "/admin/articles/article/", article, title="再次修改的标题")  # saving again resubmits it
    change.refresh_from_db()
    assert change.status == ChangeStatus.IN_REVIEW and change.data["title"] == "再次修改的标题"


def test_an_editor_cannot_publish_a_change(client, editor):
    article = ArticleFactory(title="原标题")
    client.force_login(editor)
    edit(client, "/admin/articles/article/", article, title="改过的标题")
    assert client.post(f"/admin/articles/article/{article.pk}/pending/", {"_publish": "1"}).status_code == 403
    article.refresh_from_db()
    assert article.title == "原标题"


def test_a_reviewers_edit_of_a_live_item_is_public_at_once_and_recorded(client, reviewer):
    article = ArticleFactory(title="原标题")
    client.force_login(reviewer)
    edit(client, "/admin/articles/article/", article, title="审核直接修改")
    article.refresh_from_db()
    assert article.title == "审核直接修改" and not PendingChange.objects.exists()
    assert actions_of(article)[0] == Action.PUBLISH_CHANGE


def test_a_scheduled_change_appears_on_time_with_the_page_cache_on(
    client, settings, editor, reviewer, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    article = ArticleFactory(title="原标题")
    url = article.get_absolute_url()
    client.force_login(editor)
    edit(client, "/admin/articles/article/", article, title="定时生效的新标题")
    client.force_login(reviewer)
    at = timezone.localtime() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/articles/article/{article.pk}/pending/",
            {"publish_at": at.strftime("%Y-%m-%dT%H:%M"), "_publish": "1"},
        )
    assert actions_of(article)[0] == Action.SCHEDULE_CHANGE
    client.logout()
    client.get(url)
    assert "定时生效的新标题" not in client.get(url).content.decode()
    later = timezone.now() + timedelta(hours=3)
    with (
        mock.patch("cms.workflow.middleware.timezone.now", return_value=later),
        mock.patch("cms.workflow.changes.timezone.now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),  # the purge runs at commit: after this request here
    ):
        client.get(url)  # the first request after the time publishes the change
    assert "定时生效的新标题" in client.get(url).content.decode()
    article.refresh_from_db()
    assert article.title == "定时生效的新标题" and not PendingChange.objects.exists()
    assert actions_of(article)[0] == Action.PUBLISH_CHANGE


def test_restoring_a_revision_of_a_live_item_as_editor_keeps_it_live_and_unchanged(client, editor, reviewer):
    article = ArticleFactory(title="初稿")
    client.force_login(reviewer)
    edit(client, "/admin/articles/article/", article, title="第一版")  # two versions of live content
    edit(client, "/admin/articles/article/", article, title="第二版")
    versions = Version.objects.get_for_object(article)
    oldest = versions.last()
    assert versions.count() == 2
    client.force_login(editor)
    history = f"/admin/articles/article/{article.pk}/history/{oldest.pk}/"
    preview = client.get(history)
    assert preview.status_code == 200 and "第一版" in preview.content.decode()
    response = client.post(history, admin_form_data(preview), follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.title == "第二版"
    change = PendingChange.objects.get()
    assert change.data["title"] == "第一版"
    restore = Transition.objects.filter(action=Action.RESTORE).get()
    assert "恢复自" in restore.comment and restore.from_status == restore.to_status == Status.PUBLISHED
    assert audited(article, AuditAction.RESTORE) == 1


def test_restoring_a_revision_of_an_item_taken_offline_keeps_it_offline(client, reviewer):
    article = UnpublishedArticleFactory(title="下线前的标题")
    client.force_login(reviewer)
    edit(client, "/admin/articles/article/", article, title="下线后改的标题")
    oldest = Version.objects.get_for_object(article).last()
    history = f"/admin/articles/article/{article.pk}/history/{oldest.pk}/"
    client.post(history, admin_form_data(client.get(history)))
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED and article.title == "下线后改的标题"
    assert Transition.objects.filter(action=Action.RESTORE).count() == 1


def test_recovering_a_deleted_item_brings_it_back_as_an_offline_draft(
    client, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    article = ArticleFactory(title="误删的资讯")
    edit(client, "/admin/articles/article/", article, title="误删的资讯")  # a version to recover from
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert not Article.objects.exists()
    version = Version.objects.get_deleted(Article).get()
    recover = f"/admin/articles/article/recover/{version.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(recover, admin_form_data(client.get(recover)))
    recovered = Article.objects.get()
    assert recovered.status == Status.DRAFT
    assert Transition.objects.filter(action=Action.RECOVER, object_id=recovered.pk).count() == 1
    assert audited(recovered, AuditAction.RECOVER) == 1
    client.logout()
    assert client.get(recovered.get_absolute_url()).status_code == 404


def test_an_editor_cannot_change_the_attachments_of_a_live_policy(client, editor):
    policy = PolicyFactory()
    client.force_login(editor)
    html = client.get(change_url("/admin/policies/policy/", policy)).content.decode()
    assert 'name="attachments-TOTAL_FORMS"' not in html or "attachments-0-file" not in html


def test_the_list_shows_pending_changes_and_filters_on_them(client, editor, reviewer):
    changed, untouched = ArticleFactory(title="有修改的资讯"), ArticleFactory(title="没有修改的资讯")
    client.force_login(editor)
    edit(client, "/admin/articles/article/", changed, title="有修改的资讯（新）")
    client.force_login(reviewer)
    listing = text_of(client.get("/admin/articles/article/"))
    assert "已发布·有待审修改" in listing
    filtered = client.get("/admin/articles/article/?pending=yes")
    shown = [item.pk for item in filtered.context["cl"].result_list]
    assert shown == [changed.pk] and untouched.pk not in shown
    dashboard = text_of(client.get("/admin/"))
    assert "资讯的待审修改 1" in dashboard


def test_unpublishing_acts_on_the_live_version_and_the_change_waits(client, editor, reviewer):
    article = ArticleFactory(title="原标题")
    client.force_login(editor)
    edit(client, "/admin/articles/article/", article, title="新标题")
    client.force_login(reviewer)
    client.post(f"/admin/articles/article/{article.pk}/workflow/unpublish/", {"comment": "暂停公开"})
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED and article.title == "原标题"
    assert PendingChange.objects.filter(object_id=article.pk).exists()
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_models_of_every_publishable_kind_share_the_rule():
    for model in (Article, Policy, Page):
        assert model.pending_changes.field.related_model is PendingChange

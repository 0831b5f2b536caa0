"""The one audit log (issue 15): who did what to which object, when and from which address.

Paths, each tested below: a workflow move through the admin (button and bulk action), a contribution accepted, an
inquiry moved, history rows written outside ``transition()`` (creation, restore), a delete one by one and with
"delete selected", a site-settings save, accounts and roles (a user added to a role in the user form, a role's
permissions changed in the role form, from either side of the relation, a password change), an unmasked inquiry
list page, detail page and export, a contribution's personal data shown to a reviewer. Then the admin (view-only,
who sees it, filters), retention (the command and its --dry-run, the system check), the same transaction as the
action, the middleware (no database), and the trigger on PostgreSQL.
"""

import io
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory, override_settings
from django.utils import timezone

from articles.models import Article
from cms.public.models import SiteSettings
from cms.security import audit
from cms.security.context import AuditContextMiddleware, current_request
from cms.security.models import AuditAction, AuditEntry
from cms.security.roles import EDITOR, REVIEWER
from cms.workflow.services import publish, record_creation, record_transition
from cms.workflow.states import Action
from tests.factories import (
    ArticleFactory,
    ColumnFactory,
    ContributionFactory,
    DraftArticleFactory,
    InquiryFactory,
    InReviewArticleFactory,
)

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"
AUDIT = "/admin/cms/auditentry/"


def entries_of(obj):
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


def since(mark: int):
    """The rows added after ``mark`` (rows are never deleted, not even by a test: the trigger would refuse)."""
    return AuditEntry.objects.filter(pk__gt=mark)


def mark() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def no_secret_anywhere(*secrets):
    for entry in AuditEntry.objects.all():
        text = f"{entry.detail} {entry.data} {entry.object_repr}"
        for secret in secrets:
            assert secret not in text, entry


# -- workflow -----------------------------------------------------------------------------------------------------


def test_a_publish_through_the_admin_leaves_one_row_with_user_object_action_and_address(client, reviewer):
    article = InReviewArticleFactory(title="云湖区发布招商新政")
    client.force_login(reviewer)
    url = f"/admin/articles/article/{article.pk}/workflow/publish/"
    assert client.post(url, {"comment": "同意发布"}, REMOTE_ADDR=ADDRESS).status_code == 302
    entry = entries_of(article).get()
    assert (entry.user, entry.username, entry.action, entry.ip_address) == (
        reviewer, "reviewer-test", AuditAction.TRANSITION, ADDRESS
    )  # fmt: skip
    assert entry.object_repr == "云湖区发布招商新政"
    assert (entry.data["from"], entry.data["to"], entry.data["comment"]) == ("in_review", "published", "同意发布")
    assert "已发布" in entry.detail and "同意发布" in entry.detail


def test_a_bulk_publish_leaves_one_row_per_item(client, reviewer):
    articles = InReviewArticleFactory.create_batch(2)
    client.force_login(reviewer)
    client.post("/admin/articles/article/", {"action": "action_publish", "_selected_action": [a.pk for a in articles]})
    assert [entries_of(article).count() for article in articles] == [1, 1]


def test_a_contribution_accept_and_an_inquiry_move_leave_one_row_each(client, reviewer, officer):
    contribution, column = ContributionFactory(), ColumnFactory()
    client.force_login(reviewer)
    url = f"/admin/submissions/contribution/{contribution.pk}/workflow/accept/"
    client.post(url, {"column": column.pk, "comment": "采用"}, REMOTE_ADDR=ADDRESS)
    contribution.refresh_from_db()
    accepted = entries_of(contribution).filter(action=AuditAction.TRANSITION).get()
    assert (accepted.user, accepted.data["to"], accepted.ip_address) == (reviewer, "accepted", ADDRESS)
    created = entries_of(contribution.article).get()  # the draft article made from it
    assert (created.action, created.user) == (AuditAction.CREATE, reviewer)

    inquiry = InquiryFactory()
    client.force_login(officer)
    client.post(f"/admin/submissions/inquiry/{inquiry.pk}/workflow/contact/", {"comment": "已电话联系陈晓 13800138000"})
    moved = entries_of(inquiry).get()
    assert (moved.action, moved.user, moved.data["to"]) == (AuditAction.TRANSITION, officer, "contacted")
    assert "13800138000" not in f"{moved.detail} {moved.data}"  # officers' notes stay in the lead's history


def test_history_rows_written_outside_transition_leave_one_row_each(reviewer):
    article = DraftArticleFactory()
    record_creation(article, by=None)  # an import: the system, no user, no address
    created = entries_of(article).get()
    assert (created.action, created.user, created.username, created.ip_address) == (AuditAction.CREATE, None, "", None)

    record_transition(article, from_status="draft", to_status="draft", by=reviewer, action=Action.RESTORE)
    record_transition(article, from_status="draft", to_status="draft", by=reviewer, action=Action.PUBLISH_CHANGE)
    assert list(entries_of(article).order_by("pk").values_list("action", flat=True)) == [
        AuditAction.CREATE, AuditAction.RESTORE, AuditAction.APPROVE_CHANGE,
    ]  # fmt: skip
    assert entries_of(article).count() == article.transitions.count()


def test_a_move_without_a_request_has_no_address(reviewer):
    article = InReviewArticleFactory()
    publish(article, by=reviewer)
    entry = entries_of(article).get()
    assert (entry.user, entry.ip_address) == (reviewer, None)


# -- deletes ------------------------------------------------------------------------------------------------------


def test_deleting_an_article_through_the_admin_is_logged(client, reviewer):
    article = ArticleFactory(title="将被删除的资讯")
    client.force_login(reviewer)
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302 and not Article.objects.filter(pk=article.pk).exists()
    entry = entries_of(article).get(action=AuditAction.DELETE)
    assert (entry.user, entry.object_repr, entry.ip_address, entry.data["status"]) == (
        reviewer, "将被删除的资讯", ADDRESS, "published"
    )  # fmt: skip


def test_delete_selected_logs_every_item(client, reviewer):
    articles = ArticleFactory.create_batch(3)
    client.force_login(reviewer)
    data = {"action": "delete_selected", "_selected_action": [a.pk for a in articles], "post": "yes"}
    assert client.post("/admin/articles/article/", data).status_code == 302
    assert not Article.objects.exists()
    deleted = AuditEntry.objects.filter(action=AuditAction.DELETE, user=reviewer)
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(a.pk) for a in articles)
    assert all(entry.data["bulk"] for entry in deleted)


def test_deleting_an_inquiry_is_logged(client, superuser):
    inquiry = InquiryFactory()
    client.force_login(superuser)
    client.post(f"/admin/submissions/inquiry/{inquiry.pk}/delete/", {"post": "yes"})
    assert entries_of(inquiry).filter(action=AuditAction.DELETE, user=superuser).count() == 1


# -- site settings, accounts, roles -------------------------------------------------------------------------------

SETTINGS_FORM = {
    "site_name": "云湖区投资促进中心",
    "hotline": "021-5555 0100",
    "service_hours": "",
    "contact_email": "",
    "address": "",
    "icp_number": "",
    "police_number": "",
    "default_meta_description": "",
    "wechat_account": "",
}


def test_a_site_settings_change_is_logged_with_the_field_names(client, reviewer):
    SiteSettings.load()  # the singleton row exists on a running site
    client.force_login(reviewer)
    url = "/admin/cms/sitesettings/1/change/"
    client.post(url, SETTINGS_FORM)  # the first save brings the row to these values
    before = mark()
    changed = {**SETTINGS_FORM, "hotline": "021-5555 0199", "icp_number": "沪ICP备12345678号-1"}
    assert client.post(url, changed, REMOTE_ADDR=ADDRESS).status_code == 302
    entry = since(before).get(action=AuditAction.SITE_SETTINGS)
    assert sorted(entry.data["fields"]) == ["hotline", "icp_number"]
    assert entry.data["changes"]["hotline"] == ["021-5555 0100", "021-5555 0199"]
    assert (entry.user, entry.ip_address) == (reviewer, ADDRESS)
    assert "热线" in entry.detail
    client.post(url, changed)  # saved again without a change: nothing to record
    assert since(before).filter(action=AuditAction.SITE_SETTINGS).count() == 1


def test_the_settings_row_created_on_first_use_is_not_a_change():
    assert not SiteSettings.objects.exists()
    SiteSettings.load()
    assert not AuditEntry.objects.filter(action=AuditAction.SITE_SETTINGS).exists()


def user_form(user, **changes) -> dict:
    joined = timezone.localtime(user.date_joined)
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "is_active": "on", "is_staff": "on", "groups": [str(g.pk) for g in user.groups.all()],
        "user_permissions": [], "date_joined_0": joined.date().isoformat(), "date_joined_1": f"{joined:%H:%M:%S}",
        "last_login_0": "", "last_login_1": "",
    }  # fmt: skip
    return {**data, **changes}


def test_adding_a_user_to_a_role_in_the_user_form_is_logged(client, superuser, editor):
    client.force_login(superuser)
    before = mark()
    groups = [str(Group.objects.get(name=EDITOR).pk), str(Group.objects.get(name=REVIEWER).pk)]
    url = f"/admin/auth/user/{editor.pk}/change/"
    response = client.post(url, user_form(editor, groups=groups), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = since(before).get()  # the membership only: nothing else of the account changed
    assert (entry.action, entry.object_repr, entry.user, entry.ip_address) == (
        AuditAction.MEMBERSHIP, "editor-test", superuser, ADDRESS
    )  # fmt: skip
    assert entry.data == {"added": [REVIEWER]}


def test_changing_a_roles_permissions_is_logged(client, superuser):
    client.force_login(superuser)
    editors = Group.objects.get(name=EDITOR)
    kept = list(editors.permissions.values_list("pk", flat=True))
    extra = Permission.objects.get(codename="publish_article")
    before = mark()
    data = {"name": EDITOR, "permissions": [str(pk) for pk in [*kept, extra.pk]]}
    assert client.post(f"/admin/auth/group/{editors.pk}/change/", data).status_code == 302
    entry = since(before).get()
    assert (entry.action, entry.object_repr, entry.user) == (AuditAction.PERMISSIONS, EDITOR, superuser)
    assert entry.data == {"added": ["articles.publish_article"]}

    extra.group_set.remove(editors)  # from the other side of the relation: still recorded against the role
    removed = AuditEntry.objects.latest("pk")
    assert (removed.object_repr, removed.data) == (EDITOR, {"removed": ["articles.publish_article"]})


def test_accounts_are_logged_without_passwords(client, superuser, django_user_model):
    user = django_user_model.objects.create_user("new-editor", password="secret-pw-1234567")
    created = entries_of(user).get(action=AuditAction.USER_CREATE)
    assert "password" not in created.data["values"]
    user.set_password("another-secret-pw-7654321")
    user.is_staff = True
    user.save()
    changed = entries_of(user).get(action=AuditAction.USER_CHANGE)
    assert sorted(changed.data["fields"]) == ["is_staff", "password"]
    assert changed.data["changes"] == {"is_staff": [False, True]}  # the password by name only
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    user.groups.clear()  # nothing to clear: no row
    client.force_login(superuser)
    client.post(f"/admin/auth/user/{user.pk}/delete/", {"post": "yes"})
    assert entries_of(user).filter(action=AuditAction.USER_DELETE, user=superuser).count() == 1
    assert entries_of(user).filter(action=AuditAction.PERMISSIONS).count() == 1
    user_hashes = {entry.data.get("changes", {}).get("password") for entry in AuditEntry.objects.all()}
    assert user_hashes == {None}
    no_secret_anywhere("secret-pw-1234567", "another-secret-pw-7654321", "md5$", "pbkdf2")


def test_signing_in_is_not_an_account_change(client, editor):
    credentials = {"username": "editor-test", "password": "pw-for-tests-only"}
    assert client.post("/admin/login/", credentials).status_code == 302
    editor.refresh_from_db()
    assert editor.last_login is not None
    assert not entries_of(editor).filter(action=AuditAction.USER_CHANGE).exists()


def test_a_deleted_users_rows_keep_the_name(reviewer):
    article = InReviewArticleFactory()
    publish(article, by=reviewer)
    reviewer.delete()
    entry = entries_of(article).get()
    assert (entry.user, entry.username) == (None, "reviewer-test")


# -- personal data --------------------------------------------------------------------------------------------------

INQUIRIES = "/admin/submissions/inquiry/"


def test_every_unmasked_list_page_is_logged_with_its_filter(client, officer):
    lead = InquiryFactory()
    client.force_login(officer)
    for _ in range(2):
        response = client.get(INQUIRIES, {"status__exact": "new"}, REMOTE_ADDR=ADDRESS)
        assert "13800138000" in response.content.decode()
    views = AuditEntry.objects.filter(action=AuditAction.PERSONAL_DATA_LIST)
    assert views.count() == 2
    entry = views.first()
    assert (entry.user, entry.ip_address, entry.object_id) == (officer, ADDRESS, "")
    assert entry.content_type == ContentType.objects.get_for_model(lead)
    assert entry.data == {"filters": {"status__exact": "new"}, "records": 1, "ids": [lead.pk]}

    client.get(INQUIRIES, {"q": "13800138000"})
    searched = views.latest("pk")
    assert searched.data["filters"] == {"q": "1**********"} and searched.data["ids"] == [lead.pk]


def test_a_masked_list_is_not_a_personal_data_view(client, staff_without_role):
    InquiryFactory()
    staff_without_role.user_permissions.add(Permission.objects.get(codename="view_inquiry"))
    client.force_login(staff_without_role)
    assert "138****8000" in client.get(INQUIRIES).content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.PERSONAL_DATA_LIST).exists()


def test_an_unmasked_detail_view_and_an_export_are_logged_once_each(client, officer):
    lead = InquiryFactory()
    client.force_login(officer)
    client.get(f"{INQUIRIES}{lead.pk}/change/", REMOTE_ADDR=ADDRESS)
    viewed = entries_of(lead).get(action=AuditAction.PERSONAL_DATA_VIEW)
    assert (viewed.user, viewed.ip_address) == (officer, ADDRESS)

    response = client.post(INQUIRIES, {"action": "action_export", "_selected_action": [lead.pk]}, REMOTE_ADDR=ADDRESS)
    assert response["Content-Type"].startswith("text/csv")
    exported = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (exported.user, exported.ip_address, exported.data) == (officer, ADDRESS, {"records": 1, "ids": [lead.pk]})
    assert not AuditEntry.objects.filter(action=AuditAction.PERSONAL_DATA_LIST).exists()  # the POST is no list view


def test_a_contributors_personal_data_shown_to_a_reviewer_is_logged(client, reviewer):
    contribution = ContributionFactory()
    client.force_login(reviewer)
    assert "13800138000" in client.get(f"/admin/submissions/contribution/{contribution.pk}/change/").content.decode()
    assert entries_of(contribution).filter(action=AuditAction.PERSONAL_DATA_VIEW, user=reviewer).count() == 1


# -- the admin ------------------------------------------------------------------------------------------------------


@pytest.fixture
def entry(reviewer):
    return audit.record(AuditAction.DELETE, obj=reviewer, user=reviewer, detail="测试")


@pytest.mark.parametrize("role,expected", [("reviewer", 200), ("superuser", 200), ("editor", 403), ("officer", 403)])
def test_the_log_is_visible_to_reviewers_and_superusers_only(client, request, entry, role, expected):
    client.force_login(request.getfixturevalue(role))
    assert client.get(AUDIT).status_code == expected
    assert client.get(f"{AUDIT}{entry.pk}/change/").status_code == expected


@pytest.mark.parametrize("role", ["reviewer", "superuser"])
def test_nobody_adds_changes_or_deletes_rows(client, request, entry, role):
    client.force_login(request.getfixturevalue(role))
    page = client.get(f"{AUDIT}{entry.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(f"{AUDIT}add/").status_code == 403
    assert client.post(f"{AUDIT}{entry.pk}/change/", {"detail": "改过"}).status_code == 403
    assert client.post(f"{AUDIT}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(AUDIT).context["action_form"] is None  # no bulk actions, "delete selected" included
    client.post(AUDIT, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert AuditEntry.objects.get(pk=entry.pk).detail == "测试"


def test_the_list_is_chinese(client, reviewer, entry):
    client.force_login(reviewer)
    html = client.get(AUDIT).content.decode()
    assert "审计日志" in html and "已删除" in html and "reviewer-test" in html


def make_entry(at: datetime, **fields) -> AuditEntry:
    return AuditEntry.objects.create(at=at, action=fields.pop("action", AuditAction.DELETE), **fields)


def test_filters_by_user_object_and_date(client, reviewer, editor):
    article = ArticleFactory(title="按对象筛选")
    article_type = ContentType.objects.get_for_model(Article)
    march = make_entry(
        timezone.make_aware(datetime(2026, 3, 2, 23, 30)), user=editor, username="editor-test",
        content_type=article_type, object_id=str(article.pk), object_repr=str(article),
    )  # fmt: skip
    november = make_entry(timezone.make_aware(datetime(2026, 11, 20, 9, 0)), user=reviewer, username="reviewer-test")
    client.force_login(reviewer)

    def shown(**query):
        return {e.pk for e in client.get(AUDIT, query).context["cl"].result_list} & {march.pk, november.pk}

    assert shown(username="editor-test") == {march.pk}
    assert shown(username="reviewer-test") == {november.pk}
    assert shown(q="按对象筛选") == {march.pk}
    assert shown(content_type__id__exact=article_type.pk, object_id=str(article.pk)) == {march.pk}
    assert shown(action__exact=AuditAction.DELETE) == {march.pk, november.pk}
    assert shown(at__year="2026", at__month="3", at__day="2") == {march.pk}  # 23:30 in Shanghai, not UTC
    assert shown(at__year="2026", at__month="11") == {november.pk}
    html = client.get(AUDIT, {"username": "editor-test"}).content.decode()
    assert "2026-03-02 23:30:00" in html  # local time


# -- retention ----------------------------------------------------------------------------------------------------

NOW = timezone.make_aware(datetime(2026, 12, 1, 12, 0))


def test_purge_deletes_only_rows_older_than_the_retention():
    expired = make_entry(NOW - timedelta(days=365, seconds=1))
    kept = make_entry(NOW - timedelta(days=364, hours=23))
    assert audit.purge_expired(now=NOW, dry_run=True)[0] == 1
    assert AuditEntry.objects.filter(pk=expired.pk).exists()
    deleted, before = audit.purge_expired(now=NOW)
    assert (deleted, before) == (1, NOW - timedelta(days=365))
    assert not AuditEntry.objects.filter(pk=expired.pk).exists() and AuditEntry.objects.filter(pk=kept.pk).exists()
    purge = AuditEntry.objects.get(action=AuditAction.PURGE)  # the purge is itself on record
    assert (purge.data["deleted"], purge.user) == (1, None)
    assert audit.purge_expired(now=NOW)[0] == 0  # re-runnable


def test_the_purge_command_and_its_dry_run():
    now = timezone.now()  # the command runs at the real time; the rows sit far from the cut-off either way
    old = make_entry(now - timedelta(days=500))
    young = make_entry(now - timedelta(days=10))
    out = io.StringIO()
    call_command("purge_audit_log", "--dry-run", stdout=out)
    assert "1" in out.getvalue() and AuditEntry.objects.filter(pk=old.pk).exists()
    out = io.StringIO()
    call_command("purge_audit_log", stdout=out)
    assert not AuditEntry.objects.filter(pk=old.pk).exists() and AuditEntry.objects.filter(pk=young.pk).exists()
    assert "1" in out.getvalue()


@override_settings(AUDIT_RETENTION_DAYS=90)
def test_a_retention_below_six_months_is_an_error_and_purges_nothing():
    old = make_entry(NOW - timedelta(days=100))
    assert [error.id for error in audit.check_retention()] == ["cms.E001"]
    with pytest.raises(ImproperlyConfigured):
        audit.purge_expired(now=NOW)
    assert AuditEntry.objects.filter(pk=old.pk).exists()


def test_the_default_retention_is_a_year(settings):
    assert settings.AUDIT_RETENTION_DAYS == 365 and audit.check_retention() == []


# -- one transaction, the middleware, the trigger -------------------------------------------------------------------


def test_an_action_whose_row_cannot_be_written_does_not_happen(reviewer, monkeypatch):
    article = InReviewArticleFactory()

    def broken(*args, **kwargs):
        raise DatabaseError("audit table unavailable")

    monkeypatch.setattr(AuditEntry.objects, "create", broken)
    with pytest.raises(DatabaseError):
        publish(article, by=reviewer)
    article.refresh_from_db()
    assert article.status == "in_review" and not article.transitions.exists()


def test_the_middleware_keeps_the_request_without_touching_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    seen = []

    def view(request):
        seen.append(current_request())
        return "response"

    with django_assert_num_queries(0):
        assert AuditContextMiddleware(view)(request) == "response"
    assert seen == [request] and current_request() is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_the_table_refuses_changes_and_deletes_on_postgresql(reviewer):
    entry = audit.record(AuditAction.DELETE, obj=reviewer, user=reviewer)
    for statement in (
        lambda: AuditEntry.objects.filter(pk=entry.pk).update(detail="改过"),
        lambda: AuditEntry.objects.filter(pk=entry.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            statement()
    reviewer.delete()  # ON DELETE SET NULL of the user is the one change allowed
    entry.refresh_from_db()
    assert (entry.user_id, entry.username) == (None, "reviewer-test")

"""The reviewers' desk: queue, claim, accept into a draft article, reject, publication email, PII, purge."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from cms.workflow import services as publishing
from cms.workflow.states import Status
from submissions.models import Contribution, ContributionStatus
from submissions.outbox import send_due_emails
from submissions.services import contributions as services
from tests.factories import ColumnFactory, ContributionFactory
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/submissions/contribution/"


@pytest.fixture
def contribution(terms):
    body = "第一段：云湖区的招商做法。<b>不是标签</b>\n\n第二段：效果与经验。"
    return ContributionFactory(
        receipt_code="TG20261122-0001",
        kind="plan",
        title="产业链招商的做法",
        body=body,
        terms=terms,
        email="zhao@example.cn",
    )


def test_queue_is_first_come_first_reviewed_with_countdown(client, reviewer, terms):
    now = timezone.now()
    for hours, code in [(1, "TG-0002"), (30, "TG-0001")]:
        item = ContributionFactory(receipt_code=code, title=code, terms=terms, agreed_at=now)
        Contribution.objects.filter(pk=item.pk).update(created_at=now - timedelta(hours=hours))
    client.force_login(reviewer)
    response = client.get(CHANGELIST)
    codes = [item.receipt_code for item in response.context["cl"].result_list]
    assert codes == ["TG-0001", "TG-0002"]
    html = response.content.decode()
    assert 'class="overdue"' in html and "小时" in text_of(response)
    dashboard = text_of(client.get("/admin/"))
    assert "待审核投稿 2" in dashboard and "已超时（超过 24 小时） 1" in dashboard


def test_accept_creates_a_linked_draft_with_attribution(reviewer, contribution, django_capture_on_commit_callbacks):
    column = ColumnFactory()
    services.claim(contribution, by=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        article = services.accept(contribution, by=reviewer, column=column)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED and contribution.article == article
    assert article.contribution == contribution
    assert article.status == Status.DRAFT and article.column == column
    assert article.author == "赵明" and article.contributing_unit == "滨江科创园运营公司"
    assert article.body == "<p>第一段：云湖区的招商做法。&lt;b&gt;不是标签&lt;/b&gt;</p><p>第二段：效果与经验。</p>"
    history = [(t.from_status, t.to_status) for t in contribution.transitions.order_by("at", "pk")]
    assert history == [("received", "reviewing"), ("reviewing", "accepted")]


def test_publishing_the_article_emails_the_absolute_link(reviewer, contribution, django_capture_on_commit_callbacks):
    article = services.accept(contribution, by=reviewer, column=ColumnFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(Article.objects.get(pk=article.pk), by=reviewer)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PUBLISHED
    send_due_emails()  # the mail worker's round
    message = mail.outbox[-1]
    assert message.to == ["zhao@example.cn"]
    assert f"https://invest.example.test/news/{article.pk}/" in message.body
    assert article.title in message.subject


def test_rejection_is_emailed_with_the_reason(reviewer, contribution, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(contribution, by=reviewer, reason="advertising", note="请删去产品介绍后再投。")
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.REJECTED
    send_due_emails()  # the mail worker's round
    body = mail.outbox[-1].body
    assert "广告或推广内容" in body and "请删去产品介绍后再投。" in body


def test_illegal_moves_and_permissions(editor, reviewer, contribution):
    with pytest.raises(services.ContributionError):
        services.claim(contribution, by=editor)
    services.reject(contribution, by=reviewer, reason="other")
    with pytest.raises(services.ContributionError):
        services.accept(contribution, by=reviewer, column=ColumnFactory())
    with pytest.raises(services.ContributionError):
        services.reject(Contribution.objects.get(pk=contribution.pk), by=reviewer, reason="")


def test_admin_actions_accept_with_a_column(client, reviewer, contribution):
    column = ColumnFactory(name="区域招商")
    client.force_login(reviewer)
    response = client.post(CHANGELIST, {"action": "action_accept", "_selected_action": [contribution.pk]})
    assert response.status_code == 200 and "区域招商" in response.content.decode()
    client.post(
        CHANGELIST,
        {"action": "action_accept", "_selected_action": [contribution.pk], "apply": "1", "column": column.pk},
    )
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED and contribution.article.column == column


def test_personal_data_only_for_reviewers_and_superusers(client, editor, officer, reviewer, superuser, contribution):
    url = f"{CHANGELIST}{contribution.pk}/change/"
    client.force_login(reviewer)
    assert "zhao@example.cn" in client.get(url).content.decode()
    for user in (editor, officer):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(superuser)
    assert "13800138000" in client.get(url).content.decode()


def test_purge_rejected_contributions_after_retention(reviewer, contribution, settings):
    services.reject(contribution, by=reviewer, reason="other")
    Contribution.objects.filter(pk=contribution.pk).update(decided_at=timezone.now() - timedelta(days=181))
    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "1" in out.getvalue()
    contribution.refresh_from_db()
    assert contribution.email == "zhao@example.cn"
    call_command("purge_personal_data", stdout=io.StringIO())
    contribution.refresh_from_db()
    assert contribution.email.endswith("@invalid") and contribution.phone == "" and contribution.ip_address is None
    assert contribution.purged_at is not None


def test_purge_by_subject(contribution):
    call_command("purge_personal_data", "--subject", "138 0013 8000", stdout=io.StringIO())
    contribution.refresh_from_db()
    assert contribution.purged_at is not None and contribution.phone == ""


def test_terms_are_versioned_in_the_admin(client, reviewer, terms):
    client.force_login(reviewer)
    response = client.get("/admin/submissions/contributionterms/add/")
    assert response.status_code == 200 and "投稿须知正文" in response.content.decode()
    client.post("/admin/submissions/contributionterms/add/", {"title": "投稿须知", "body": "<p>新版本。</p>"})
    from submissions.models import ContributionTerms

    assert list(ContributionTerms.objects.values_list("version", flat=True)) == [2, 1]
    assert client.get(f"/admin/submissions/contributionterms/{terms.pk}/change/").status_code == 200  # view only

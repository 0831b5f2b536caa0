"""``transition()``: the one way anything changes state, for news, policies, pages, contributions and inquiries.

Paths through it, each tested here or in the module named: the publishing wrappers (test_publishing.py), the admin
buttons and bulk actions (test_admin_actions.py), the contribution desk's services (claim, accept, reject, the
contribution published with its article) and the lead desk's ``move``; a refused move and a rolled-back transaction
change nothing and announce nothing.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from articles.models import Article
from cms.public.models import Page
from cms.workflow.models import Transition
from cms.workflow.moves import PUBLISHING
from cms.workflow.services import transition
from cms.workflow.states import Status, WorkflowError, transitioned
from policies.models import Policy
from submissions.models import (
    Contribution,
    ContributionError,
    ContributionStatus,
    Inquiry,
    InquiryError,
    InquiryStatus,
    OutboundEmail,
)
from submissions.services import contributions as desk
from submissions.services import inquiries as leads
from tests.factories import (
    ArticleFactory,
    ColumnFactory,
    ContributionFactory,
    DraftArticleFactory,
    DraftPageFactory,
    InquiryFactory,
    PolicyFactory,
    ReviewingContributionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    """Every ``transitioned`` signal sent during the test, as (model, pk, from, to, by)."""
    received = []

    def listener(sender, instance, transition, by, **kwargs):
        received.append((sender, instance.pk, transition.from_status, transition.to_status, by))

    transitioned.connect(listener, dispatch_uid="test-announced")
    yield received
    transitioned.disconnect(dispatch_uid="test-announced")


def history(item) -> list[tuple]:
    return [(row.from_status, row.to_status, row.by, row.comment) for row in item.transitions.order_by("at", "pk")]


def test_an_illegal_move_is_refused_and_changes_nothing(reviewer, announced, django_capture_on_commit_callbacks):
    article = ArticleFactory()  # published
    before = Article.objects.values().get(pk=article.pk)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WorkflowError) as refused:
        transition(article, "submit", by=reviewer)
    assert "不能执行此操作" in str(refused.value)
    assert Article.objects.values().get(pk=article.pk) == before
    assert not Transition.objects.exists() and announced == []


def test_a_missing_permission_is_refused_and_changes_nothing(editor, announced, django_capture_on_commit_callbacks):
    article = DraftArticleFactory()
    before = Article.objects.values().get(pk=article.pk)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WorkflowError) as refused:
        transition(article, "publish", by=editor)
    assert str(refused.value) == "您没有执行此操作的权限。"
    assert Article.objects.values().get(pk=article.pk) == before
    assert not Transition.objects.exists() and announced == []


def test_a_blank_reason_is_refused_when_the_move_needs_one(reviewer):
    article = ArticleFactory()
    with pytest.raises(WorkflowError, match="请填写下线原因"):
        transition(article, "unpublish", by=reviewer, reason="  ")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and not Transition.objects.exists()


def test_one_transition_records_who_and_why(reviewer):
    article = ArticleFactory()
    record = transition(article, PUBLISHING["unpublish"], by=reviewer, reason="  信息已过时 ")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED and article.updated_by == reviewer
    assert list(Transition.objects.all()) == [record]
    assert (record.item, record.from_status, record.to_status, record.by, record.comment) == (
        article, Status.PUBLISHED, Status.UNPUBLISHED, reviewer, "信息已过时"
    )  # fmt: skip
    assert str(record) == "已发布 → 已下线"


def test_the_signal_is_sent_once_and_only_after_commit(reviewer, announced, django_capture_on_commit_callbacks):
    article = DraftArticleFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(article, "publish", by=reviewer)
    assert announced == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert announced == [(Article, article.pk, Status.DRAFT, Status.PUBLISHED, reviewer)]


def test_a_rolled_back_move_announces_nothing(reviewer, announced, django_capture_on_commit_callbacks):
    article = DraftArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                transition(article, "publish", by=reviewer)
                raise RuntimeError("the caller's next step failed")
        except RuntimeError:
            pass
    article = Article.objects.get(pk=article.pk)
    assert article.status == Status.DRAFT and announced == [] and not Transition.objects.exists()


def test_moves_are_checked_against_the_models_own_workflow(reviewer):
    article = DraftArticleFactory()
    with pytest.raises(KeyError):
        transition(article, "accept", by=reviewer)
    with pytest.raises(ValueError, match="not a move"):
        transition(article, Contribution.workflow["claim"], by=reviewer)
    with pytest.raises(TypeError, match="no extra arguments"):
        transition(article, "submit", by=reviewer, column=ColumnFactory())


# -- the same service for every kind of item ---------------------------------------------------------------------


def test_articles(editor, reviewer, announced, django_capture_on_commit_callbacks):
    article = DraftArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        transition(article, "submit", by=editor)
        transition(article, "publish", by=reviewer)
    article.refresh_from_db()
    assert article.is_live() and Article.objects.published().filter(pk=article.pk).exists()
    assert [row[:3] for row in history(article)] == [
        (Status.DRAFT, Status.IN_REVIEW, editor), (Status.IN_REVIEW, Status.PUBLISHED, reviewer)
    ]  # fmt: skip
    assert [entry[3] for entry in announced] == [Status.IN_REVIEW, Status.PUBLISHED]


def test_policies(editor, reviewer):
    policy = PolicyFactory(status=Status.IN_REVIEW, publish_at=None)
    with pytest.raises(WorkflowError):
        transition(policy, "send_back", by=editor, reason="请补充附件")
    transition(policy, "send_back", by=reviewer, reason="请补充附件")
    policy = Policy.objects.get(pk=policy.pk)
    assert policy.status == Status.DRAFT
    assert history(policy) == [(Status.IN_REVIEW, Status.DRAFT, reviewer, "请补充附件")]


def test_pages(editor, reviewer):
    page = DraftPageFactory()
    with pytest.raises(WorkflowError):
        transition(page, "publish", by=editor)  # editors write pages; reviewers publish them
    transition(page, "publish", by=reviewer)
    page = Page.objects.get(pk=page.pk)
    assert page.is_live() and Page.objects.published().filter(pk=page.pk).exists()
    assert history(page)[0][:3] == (Status.DRAFT, Status.PUBLISHED, reviewer)
    assert reviewer.has_perm("cms.publish_page") and not editor.has_perm("cms.publish_page")


def test_contributions(editor, reviewer, announced, django_capture_on_commit_callbacks):
    contribution = ContributionFactory()
    with pytest.raises(ContributionError, match="只有审核人员"):
        transition(contribution, "claim", by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        desk.claim(contribution, by=reviewer)
        article = desk.accept(contribution, by=reviewer, column=ColumnFactory(), note="可用")
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.status == ContributionStatus.ACCEPTED and contribution.article == article
    assert contribution.reviewer == reviewer and contribution.claimed_at and contribution.decided_at
    assert history(contribution) == [
        ("received", "reviewing", reviewer, ""), ("reviewing", "accepted", reviewer, "可用")
    ]  # fmt: skip
    assert [entry[0] for entry in announced] == [Contribution, Contribution]
    with pytest.raises(ContributionError):  # the article rolls back with a refused move
        desk.accept(contribution, by=reviewer, column=ColumnFactory())
    assert Article.objects.count() == 1


def test_contribution_rejection_needs_a_reason_from_the_list(reviewer):
    contribution = ReviewingContributionFactory()
    with pytest.raises(ContributionError, match="请选择原因"):
        desk.reject(contribution, by=reviewer, reason="", note="不适合")
    assert Contribution.objects.get(pk=contribution.pk).status == ContributionStatus.REVIEWING
    assert not OutboundEmail.objects.exists()  # the email rolls back with the refused move
    desk.reject(contribution, by=reviewer, reason="advertising", note="请删去产品介绍")
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert (contribution.rejection_reason, contribution.rejection_note) == ("advertising", "请删去产品介绍")
    assert OutboundEmail.objects.count() == 1


def test_inquiries(officer, editor, announced, django_capture_on_commit_callbacks):
    inquiry = InquiryFactory()
    with pytest.raises(InquiryError, match="没有处理咨询线索的权限"):
        transition(inquiry, "contact", by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        leads.move(inquiry, "contact", by=officer, note="已电话联系")
        transition(inquiry, "close", by=officer, reason="暂无投资计划")
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    assert inquiry.status == InquiryStatus.CLOSED and inquiry.first_responded_at and inquiry.closed_at
    assert history(inquiry) == [
        ("new", "contacted", officer, "已电话联系"), ("contacted", "closed", officer, "暂无投资计划")
    ]  # fmt: skip
    assert [entry[:2] for entry in announced] == [(Inquiry, inquiry.pk)] * 2
    content_type = ContentType.objects.get_for_model(Inquiry)
    assert Transition.objects.filter(content_type=content_type).count() == 2

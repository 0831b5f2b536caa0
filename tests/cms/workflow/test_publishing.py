"""The publishing workflow: who may move what, illegal moves, history, after-commit signal."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.workflow import services as publishing
from cms.workflow.states import Status, WorkflowError
from tests.factories import ArticleFactory, DraftArticleFactory, InReviewArticleFactory, PageFactory, PolicyFactory

pytestmark = pytest.mark.django_db


def test_editor_submits_and_reviewer_publishes(editor, reviewer):
    article = DraftArticleFactory()
    publishing.submit_for_review(article, by=editor)
    assert article.status == Status.IN_REVIEW
    with pytest.raises(WorkflowError):
        publishing.publish(article, by=editor)
    publishing.publish(article, by=reviewer)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.publish_at <= timezone.now()
    history = [(t.from_status, t.to_status, t.by) for t in article.transitions.order_by("at", "pk")]
    assert history == [(Status.DRAFT, Status.IN_REVIEW, editor), (Status.IN_REVIEW, Status.PUBLISHED, reviewer)]


def test_send_back_needs_a_comment_and_a_reviewer(editor, reviewer):
    article = InReviewArticleFactory()
    with pytest.raises(WorkflowError):
        publishing.send_back(article, by=editor, comment="请补充来源")
    with pytest.raises(WorkflowError):
        publishing.send_back(article, by=reviewer, comment="  ")
    publishing.send_back(article, by=reviewer, comment="请补充来源")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.transitions.first().comment == "请补充来源"


def test_unpublish_needs_a_reason(reviewer):
    article = DraftArticleFactory()
    publishing.publish(article, by=reviewer)
    with pytest.raises(WorkflowError):
        publishing.unpublish(article, by=reviewer, reason="")
    publishing.unpublish(article, by=reviewer, reason="信息已过时")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED


@pytest.mark.parametrize(
    "service,kwargs",
    [
        (publishing.submit_for_review, {}),
        (publishing.send_back, {"comment": "x"}),
        (publishing.reopen, {}),
    ],
)
def test_illegal_moves_from_published_are_refused(reviewer, service, kwargs):
    article = DraftArticleFactory()
    publishing.publish(article, by=reviewer)
    with pytest.raises(WorkflowError):
        service(article, by=reviewer, **kwargs)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_officer_cannot_touch_news(officer):
    with pytest.raises(WorkflowError):
        publishing.submit_for_review(DraftArticleFactory(), by=officer)


def test_transition_signal_is_sent_after_commit(reviewer, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, instance, transition, by, **kwargs):
        received.append((instance.pk, transition.to_status, by))

    publishing.transitioned.connect(listener)
    try:
        article = DraftArticleFactory()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            publishing.publish(article, by=reviewer)
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert received == [(article.pk, Status.PUBLISHED, reviewer)]
    finally:
        publishing.transitioned.disconnect(listener)


def test_scheduled_publish_keeps_the_future_time(reviewer):
    future = timezone.now() + timedelta(days=2)
    article = DraftArticleFactory(publish_at=future)
    publishing.publish(article, by=reviewer)
    article.refresh_from_db()
    assert article.publish_at == future and article.is_scheduled()


@pytest.mark.parametrize("factory", [ArticleFactory, PolicyFactory, PageFactory], ids=["article", "policy", "page"])
def test_a_published_row_always_has_a_publish_time(factory):
    """The database keeps the invariant ``published()`` relies on, whatever path writes the row."""
    item = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(item).objects.filter(pk=item.pk).update(publish_at=None)

"""The one workflow admin: change-form buttons, bulk actions and one confirmation page for every workflow model.

Paths: a change-form button (GET shows the confirmation page, POST makes the move), a bulk action without a
confirmation (publish, claim, contact), a bulk action that asks for a reason or extra input first (unpublish,
reject, accept); a blank reason shows the form again with the error and changes nothing.
"""

import pytest

from cms.public.models import Page
from cms.workflow.states import Status
from submissions.models import Contribution, ContributionStatus, Inquiry, InquiryStatus
from tests.factories import (
    ColumnFactory,
    ContributionFactory,
    DraftPageFactory,
    InquiryFactory,
    PageFactory,
    ReviewingContributionFactory,
)
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

PAGES = "/admin/cms/page/"
CONTRIBUTIONS = "/admin/submissions/contribution/"
INQUIRIES = "/admin/submissions/inquiry/"
CONFIRM = "admin/cms/workflow_confirm.html"


def action_names(client, changelist: str) -> list[str]:
    return [name for name, _label in client.get(changelist).context["action_form"].fields["action"].choices]


def templates(response) -> set[str]:
    return {template.name for template in response.templates}


def test_page_actions_follow_the_roles(client, editor, reviewer):
    client.force_login(editor)
    assert "action_submit" in action_names(client, PAGES) and "action_publish" not in action_names(client, PAGES)
    client.force_login(reviewer)
    assert {"action_submit", "action_publish", "action_unpublish", "action_send_back"} <= set(
        action_names(client, PAGES)
    )


def test_bulk_publish_of_pages_needs_no_confirmation(client, editor, reviewer):
    drafts = DraftPageFactory.create_batch(2)
    ids = [page.pk for page in drafts]
    client.force_login(editor)
    client.post(PAGES, {"action": "action_publish", "_selected_action": ids})
    assert not Page.objects.published().exists()
    client.force_login(reviewer)
    response = client.post(PAGES, {"action": "action_publish", "_selected_action": ids}, follow=True)
    assert Page.objects.published().count() == 2
    assert "发布：已处理 2 条。" in text_of(response)


def test_bulk_unpublish_of_a_page_asks_for_a_reason(client, reviewer):
    page = PageFactory(title="关于我们", slug="about")
    client.force_login(reviewer)
    asked = client.post(PAGES, {"action": "action_unpublish", "_selected_action": [page.pk]})
    assert asked.status_code == 200 and CONFIRM in templates(asked)
    assert "原因" in text_of(asked) and "关于我们" in text_of(asked)

    blank = {"action": "action_unpublish", "_selected_action": [page.pk], "apply": "1", "comment": "  "}
    again = client.post(PAGES, blank)
    assert again.status_code == 200 and CONFIRM in templates(again)
    assert "请填写下线原因。" in text_of(again)
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED and not page.transitions.exists()

    client.post(PAGES, {**blank, "comment": "内容已过时"})
    page.refresh_from_db()
    assert page.status == Status.UNPUBLISHED
    assert [(row.by, row.comment) for row in page.transitions.all()] == [(reviewer, "内容已过时")]


def test_page_change_form_buttons_and_confirmation(client, editor, reviewer):
    page = DraftPageFactory()
    change = f"{PAGES}{page.pk}/change/"
    client.force_login(editor)
    html = client.get(change).content.decode()
    assert f"{page.pk}/workflow/submit/" in html and f"{page.pk}/workflow/publish/" not in html
    assert client.post(f"{PAGES}{page.pk}/workflow/publish/", {"comment": ""}).status_code == 403
    confirm = client.get(f"{PAGES}{page.pk}/workflow/submit/")
    assert confirm.status_code == 200 and CONFIRM in templates(confirm)
    page.refresh_from_db()
    assert page.status == Status.DRAFT  # a GET changes nothing
    assert client.post(f"{PAGES}{page.pk}/workflow/submit/", {"comment": "请审核"}).status_code == 302
    client.force_login(reviewer)
    response = client.post(f"{PAGES}{page.pk}/workflow/publish/", {"comment": ""}, follow=True)
    page.refresh_from_db()
    assert page.is_live() and page.updated_by == reviewer
    assert "请审核" in text_of(response) and "reviewer-test" in text_of(response)  # the history table


def test_editor_adds_a_page_as_a_draft(client, editor):
    client.force_login(editor)
    data = {"title": "投资指南", "slug": "guide", "body": "<p>指南。</p>", "order": "0", "seo_description": ""}
    response = client.post(f"{PAGES}add/", {**data, "status": "published"})
    assert response.status_code == 302
    page = Page.objects.get(slug="guide")
    assert page.status == Status.DRAFT and page.created_by == editor  # status is never typed
    assert [(row.from_status, row.to_status) for row in page.transitions.all()] == [("", Status.DRAFT)]


def test_contribution_buttons_and_actions_are_the_declared_moves(client, reviewer):
    contribution = ContributionFactory()
    client.force_login(reviewer)
    html = client.get(f"{CONTRIBUTIONS}{contribution.pk}/change/").content.decode()
    for move in ("claim", "accept", "reject"):
        assert f"{contribution.pk}/workflow/{move}/" in html
    assert f"{contribution.pk}/workflow/publish/" not in html  # the system's move, when its article goes live
    assert {"action_claim", "action_accept", "action_reject"} <= set(action_names(client, CONTRIBUTIONS))
    assert "action_publish" not in action_names(client, CONTRIBUTIONS)

    client.post(CONTRIBUTIONS, {"action": "action_claim", "_selected_action": [contribution.pk]})
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.REVIEWING and contribution.reviewer == reviewer


def test_bulk_reject_asks_for_a_reason_from_the_list(client, reviewer):
    contribution = ReviewingContributionFactory()
    client.force_login(reviewer)
    asked = client.post(CONTRIBUTIONS, {"action": "action_reject", "_selected_action": [contribution.pk]})
    assert asked.status_code == 200 and CONFIRM in templates(asked)
    assert "广告或推广内容" in text_of(asked) and "给投稿人的说明" in text_of(asked)

    blank = {"action": "action_reject", "_selected_action": [contribution.pk], "apply": "1", "comment": "请修改"}
    again = client.post(CONTRIBUTIONS, {**blank, "rejection_reason": ""})
    assert again.status_code == 200 and CONFIRM in templates(again)
    assert "这个字段是必填项" in text_of(again) and "请修改" in again.content.decode()  # the input is kept
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.REVIEWING and not contribution.transitions.exists()

    client.post(CONTRIBUTIONS, {**blank, "rejection_reason": "advertising"})
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.REJECTED
    assert (contribution.rejection_reason, contribution.rejection_note) == ("advertising", "请修改")


def test_accept_button_asks_for_the_column(client, reviewer):
    column = ColumnFactory(name="企业风采")
    contribution = ContributionFactory()
    url = f"{CONTRIBUTIONS}{contribution.pk}/workflow/accept/"
    client.force_login(reviewer)
    asked = client.get(url)
    assert CONFIRM in templates(asked) and "企业风采" in asked.content.decode()
    again = client.post(url, {"comment": ""})
    assert again.status_code == 200 and "这个字段是必填项" in text_of(again)
    assert Contribution.objects.get(pk=contribution.pk).status == ContributionStatus.RECEIVED

    response = client.post(url, {"column": column.pk, "comment": "内部备注"}, follow=True)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED and contribution.article.column == column
    assert "已生成资讯草稿" in text_of(response)


def test_inquiry_moves_as_bulk_actions_and_buttons(client, officer):
    first, second = InquiryFactory(), InquiryFactory()
    client.force_login(officer)
    assert {"action_contact", "action_close", "action_export"} <= set(action_names(client, INQUIRIES))
    client.post(INQUIRIES, {"action": "action_contact", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == InquiryStatus.CONTACTED and first.first_responded_at is not None

    html = client.get(f"{INQUIRIES}{second.pk}/change/").content.decode()
    assert f"{second.pk}/workflow/contact/" in html and f"{second.pk}/workflow/land/" not in html
    client.post(f"{INQUIRIES}{second.pk}/workflow/close/", {"comment": "重复线索"})
    assert Inquiry.objects.get(pk=second.pk).status == InquiryStatus.CLOSED
    assert second.transitions.get().comment == "重复线索"


def test_reviewers_see_pages_awaiting_review_on_the_dashboard(client, editor, reviewer):
    DraftPageFactory(status=Status.IN_REVIEW)
    client.force_login(reviewer)
    assert "待审核的页面 1" in text_of(client.get("/admin/"))
    client.force_login(editor)
    assert "待审核的页面" not in text_of(client.get("/admin/"))

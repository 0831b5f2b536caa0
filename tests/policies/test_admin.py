"""The policy desk in the admin: filters, 文号 search, duplicate warnings, dashboard and the shared workflow."""

import importlib
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.workflow import services as publishing
from cms.workflow.states import Status, WorkflowError
from policies.models import Policy
from tests.factories import PolicyFactory
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/policies/policy/"


def test_changelist_filters_open(client, reviewer):
    PolicyFactory(title="有效政策")
    PolicyFactory(title="失效政策", expires_on=timezone.localdate() - timedelta(days=1))
    client.force_login(reviewer)
    for query in ["", "?validity=expired", "?validity=valid", "?level__exact=district", "?status__exact=published",
                  "?validity=bogus"]:  # fmt: skip
        assert client.get(CHANGELIST + query).status_code == 200, query
    text = text_of(client.get(CHANGELIST + "?validity=expired"))
    assert "失效政策" in text and "有效政策" not in text


def test_search_by_a_document_number_variant(client, reviewer):
    PolicyFactory(title="总部经济措施", document_number="云府发〔2024〕3号")
    PolicyFactory(title="其他政策", document_number="云府发〔2024〕13号")
    client.force_login(reviewer)
    text = text_of(client.get(CHANGELIST, {"q": "云府发[2024]3号"}))
    assert "总部经济措施" in text and "其他政策" not in text


def test_expiring_policies_on_the_dashboard(client, editor):
    PolicyFactory(expires_on=timezone.localdate() + timedelta(days=10))
    PolicyFactory()
    client.force_login(editor)
    assert "30 天内失效 1" in text_of(client.get("/admin/"))


def test_workflow_is_shared_with_news(editor, reviewer):
    policy = PolicyFactory(status=Status.DRAFT, publish_at=None)
    publishing.submit_for_review(policy, by=editor)
    with pytest.raises(WorkflowError):
        publishing.publish(policy, by=editor)
    publishing.publish(policy, by=reviewer)
    assert Policy.objects.published().filter(pk=policy.pk).exists()
    assert [t.to_status for t in policy.transitions.order_by("at", "pk")] == [Status.IN_REVIEW, Status.PUBLISHED]


def test_reviewer_publishes_from_the_change_form(client, reviewer):
    policy = PolicyFactory(status=Status.IN_REVIEW, publish_at=None)
    client.force_login(reviewer)
    html = client.get(f"{CHANGELIST}{policy.pk}/change/").content.decode()
    assert f"{policy.pk}/workflow/publish/" in html
    client.post(f"{CHANGELIST}{policy.pk}/workflow/publish/", {"comment": ""})
    policy.refresh_from_db()
    assert policy.status == Status.PUBLISHED


VARIANTS = ["云府发[2024]3号", "雲府發〔2024〕3号", "云府发（2024）3号", "雲府發［２０２４］03號"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_duplicate_document_number_warns_on_save(client, reviewer, variant):
    PolicyFactory(title="已有政策", document_number="云府发〔2024〕3号")
    draft = PolicyFactory(title="新录入的政策", document_number=variant, status=Status.DRAFT, publish_at=None)
    client.force_login(reviewer)
    response = client.get(f"{CHANGELIST}{draft.pk}/change/")
    form = response.context["adminform"].form
    data = {
        "title": draft.title, "document_number": draft.document_number, "index_number": "", "level": "district",
        "region": "", "topic": "", "authorities": [a.pk for a in draft.authorities.all()], "tags": "",
        "issued_on": draft.issued_on.isoformat(), "effective_on": draft.effective_on.isoformat(),
        "written_on": "", "expires_on": "", "repealed_on": "", "replaced_by": "", "key_measures": draft.key_measures,
        "beneficiaries": "", "conditions": "", "application_start": "", "application_end": "",
        "handling_department": "", "contact_phone": "", "body": draft.body, "publish_at_0": "", "publish_at_1": "",
        "seo_description": "", "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert form is not None
    response = client.post(f"{CHANGELIST}{draft.pk}/change/", data, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert any("已有政策" in message for message in messages), messages


def test_keys_stored_before_the_one_normaliser_are_recomputed():
    """Migration 0003: a key stored by the old normaliser (traditional characters kept) gets today's key."""
    from django.apps import apps

    refresh_keys = importlib.import_module("policies.migrations.0003_document_number_keys").refresh_keys
    policy = PolicyFactory(title="已有政策", document_number="雲府發〔2024〕3号")
    Policy.objects.filter(pk=policy.pk).update(document_number_key="雲府發〔2024〕3号")
    refresh_keys(apps, None)
    assert Policy.objects.get(pk=policy.pk).document_number_key == "云府发〔2024〕3号"

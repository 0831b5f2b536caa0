"""The consult form's policy list is read from the database each time the form is built.

Paths: a policy published after the form class was imported (offered, and pre-filled from its page's "ask about
this policy" link); one replaced, one repealed, one expired, a draft (none offered, none pre-filled, none accepted
when posted); a policy expiring soon (still in force: offered).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.workflow.states import Status
from submissions.forms.inquiries import ConsultForm
from submissions.models import Inquiry
from tests.factories import PolicyFactory

from .test_inquiries import consult_data

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def offered(client) -> dict[str, str]:
    """``{pk: label}`` of the policy list on /consult/."""
    html = client.get("/consult/").content.decode()
    select = re.search(r'<select name="policy"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no policy list"
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select[1]))


def preselected(client, pk) -> list[str]:
    html = client.get("/consult/", {"topic": "policy", "policy": pk}).content.decode()
    select = re.search(r'<select name="policy"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="(\d+)" selected>', select[1])


def test_a_policy_published_after_the_form_was_imported_is_offered_and_prefilled(client):
    assert ConsultForm  # the form class exists before the policy below is written or published
    policy = PolicyFactory(title="新近发布的人才政策", status=Status.DRAFT, publish_at=None)
    assert str(policy.pk) not in offered(client)
    policy.status, policy.publish_at = Status.PUBLISHED, timezone.now()  # published now, after the import
    policy.save()
    assert offered(client)[str(policy.pk)] == "新近发布的人才政策"
    assert preselected(client, policy.pk) == [str(policy.pk)]  # "咨询此政策" from its page


def test_a_policy_expiring_soon_is_still_offered(client):
    soon = PolicyFactory(title="即将到期的政策", expires_on=TODAY + timedelta(days=10))
    assert str(soon.pk) in offered(client)


@pytest.mark.parametrize("ended", ["replaced", "repealed", "expired", "draft"])
def test_a_policy_no_longer_in_force_is_not_offered_prefilled_or_accepted(client, form_timing, ended):
    current = PolicyFactory(title="现行政策")
    fields = {
        "replaced": {"replaced_by": current},
        "repealed": {"repealed_on": TODAY - timedelta(days=1)},
        "expired": {"expires_on": TODAY - timedelta(days=1)},
        "draft": {"status": Status.DRAFT, "publish_at": None},
    }[ended]
    old = PolicyFactory(title="已失效的政策", **fields)
    assert str(old.pk) not in offered(client) and str(current.pk) in offered(client)
    assert preselected(client, old.pk) == []
    response = client.post("/consult/", consult_data(form_timing, policy=old.pk))
    assert response.status_code == 200 and "policy" in response.context["form"].errors
    assert not Inquiry.objects.exists()
    accepted = client.post("/consult/", consult_data(form_timing, policy=current.pk))
    assert accepted.status_code == 302 and Inquiry.objects.get().policy == current

"""Validity is computed from the dates, at every boundary, the same in Python and in the database."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from policies.models import Policy, Validity
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
DAY = timedelta(days=1)


def state(policy) -> tuple[str, str]:
    annotated = Policy.objects.with_validity(TODAY).get(pk=policy.pk).validity_state
    return policy.validity(TODAY), annotated


@pytest.mark.parametrize(
    "effective,expires,expected",
    [
        (TODAY + DAY, None, Validity.NOT_YET_EFFECTIVE),  # day before the effective date
        (TODAY, None, Validity.VALID),  # the effective day itself
        (TODAY - DAY, None, Validity.VALID),
        (TODAY - 100 * DAY, TODAY + 31 * DAY, Validity.VALID),
        (TODAY - 100 * DAY, TODAY + 30 * DAY, Validity.EXPIRING),  # expires within 30 days
        (TODAY - 100 * DAY, TODAY + DAY, Validity.EXPIRING),
        (TODAY - 100 * DAY, TODAY, Validity.EXPIRING),  # the expiry day is still in force
        (TODAY - 100 * DAY, TODAY - DAY, Validity.EXPIRED),  # the day after expiry
    ],
)
def test_validity_at_the_boundaries(effective, expires, expected):
    policy = PolicyFactory(effective_on=effective, expires_on=expires, issued_on=effective - 5 * DAY)
    assert state(policy) == (expected, expected)


def test_repealed_wins_over_dates():
    policy = PolicyFactory(repealed_on=TODAY, expires_on=TODAY + 400 * DAY)
    assert state(policy) == (Validity.REPEALED, Validity.REPEALED)
    later = PolicyFactory(repealed_on=TODAY + DAY)
    assert state(later) == (Validity.VALID, Validity.VALID)  # a repeal announced for tomorrow


def test_replaced_wins_over_everything():
    new = PolicyFactory()
    old = PolicyFactory(replaced_by=new, repealed_on=TODAY - DAY)
    assert state(old) == (Validity.REPLACED, Validity.REPLACED)
    assert old.replacement_chain() == [new]


def test_replacement_chain_stops_on_a_loop():
    first = PolicyFactory()
    second = PolicyFactory(replaced_by=first)
    Policy.objects.filter(pk=first.pk).update(replaced_by=second)
    first.refresh_from_db()
    assert [policy.pk for policy in first.replacement_chain()] == [second.pk]


def test_expiry_before_effective_date_is_refused():
    from django.core.exceptions import ValidationError

    policy = PolicyFactory.build(effective_on=TODAY, expires_on=TODAY - DAY, issued_on=TODAY)
    with pytest.raises(ValidationError) as excinfo:
        policy.clean()
    assert "expires_on" in excinfo.value.message_dict


@pytest.mark.parametrize(
    "dates,ended",
    [
        ({}, False),
        ({"effective_on": TODAY + DAY}, False),  # not yet in force is not “no longer” valid
        ({"expires_on": TODAY + 10 * DAY}, False),  # expiring soon is still valid
        ({"expires_on": TODAY - DAY}, True),
        ({"repealed_on": TODAY}, True),
        ({"replaced": True}, True),
    ],
)
def test_no_longer_valid_means_expired_repealed_or_replaced(dates, ended):
    replaced = dates.pop("replaced", False)
    values = {"effective_on": TODAY - 100 * DAY, "issued_on": TODAY - 110 * DAY, **dates}
    policy = PolicyFactory(**values, replaced_by=PolicyFactory() if replaced else None)
    assert Policy.objects.with_validity(TODAY).get(pk=policy.pk).is_no_longer_valid is ended


@pytest.mark.parametrize(
    "field,days_from_today,banner",
    [("expires_on", -1, True), ("repealed_on", 0, True), ("effective_on", 1, False), (None, 0, False)],
)
def test_the_detail_page_warns_when_a_policy_is_no_longer_valid(client, field, days_from_today, banner):
    today = timezone.localdate()
    values = {"effective_on": today - 100 * DAY, "issued_on": today - 110 * DAY}
    if field:
        values[field] = today + days_from_today * DAY
    html = client.get(PolicyFactory(**values).get_absolute_url()).content.decode()
    assert ("本政策已不再有效" in html) is banner


def test_the_enquiry_phone_link_dials_the_number(client):
    html = client.get(PolicyFactory(contact_phone="021-5555 0123").get_absolute_url()).content.decode()
    assert 'href="tel:021-55550123">021-5555 0123</a>' in html

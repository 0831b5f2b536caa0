import pytest

from cms.text.document_numbers import normalize_document_number
from policies.models import Policy
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "variant",
    ["云府发〔2024〕3号", "云府发[2024]3号", "云府发［2024］3号", "云府发(2024)3号", "云府发（２０２４）３号",
     "云府发 〔2024〕 3 号", "云府发【2024】03号"],
)  # fmt: skip
def test_variants_normalise_to_one_key(variant):
    assert normalize_document_number(variant) == "云府发〔2024〕3号"


def test_different_numbers_stay_different():
    assert normalize_document_number("云府发〔2024〕3号") != normalize_document_number("云府发〔2024〕13号")
    assert normalize_document_number("") == ""


def test_policy_stores_the_key_and_keeps_the_original():
    policy = PolicyFactory(document_number="云府发[2024]3号")
    assert policy.document_number == "云府发[2024]3号"
    assert Policy.objects.get(document_number_key="云府发〔2024〕3号") == policy

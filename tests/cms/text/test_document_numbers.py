"""The one 文号 normaliser (cms/text/document_numbers.py). Its users, each tested where it lives: the policy
library's keyword box (tests/policies/test_library.py), the admin's duplicate warning (tests/policies/test_admin.py)
and site search (tests/cms/search/test_search.py)."""

import pytest

from cms.text.document_numbers import document_numbers_in, normalize_document_number
from policies.models import Policy
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


VARIANTS = [
    "云府发〔2024〕3号", "雲府發〔2024〕3号", "雲府發［２０２４］03號", "云府发[2024]3号", "云府发（2024）3号",
    "云府发［2024］3号", "云府发(2024)3号", "云府发（２０２４）３号", "云府发 〔2024〕 3 号", "云府发【2024】03号",
]  # fmt: skip


@pytest.mark.parametrize("variant", VARIANTS)
def test_variants_normalise_to_one_key(variant):
    assert normalize_document_number(variant) == "云府发〔2024〕3号"


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_variant_inside_text_gives_the_same_key(variant):
    assert document_numbers_in(f"根据 {variant} 文件，另见 云府发〔2024〕13号") == [
        "云府发〔2024〕3号",
        "云府发〔2024〕13号",
    ]


def test_different_numbers_stay_different():
    assert normalize_document_number("云府发〔2024〕3号") != normalize_document_number("云府发〔2024〕13号")
    assert normalize_document_number("") == ""


def test_policy_stores_the_key_and_keeps_the_original():
    policy = PolicyFactory(document_number="云府发[2024]3号")
    assert policy.document_number == "云府发[2024]3号"
    assert Policy.objects.get(document_number_key="云府发〔2024〕3号") == policy

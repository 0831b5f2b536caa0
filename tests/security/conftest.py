import pytest

from submissions.models import ContributionTerms
from tests.factories import ColumnFactory


@pytest.fixture
def terms(db):
    return ContributionTerms.objects.create(title="投稿须知", body="<p>投稿须知正文。</p>")


@pytest.fixture
def column(db):
    return ColumnFactory(name="安全测试栏目", slug="security")

import pytest

from cms.text.tags import parse_tags
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text,expected",
    [
        ("人工智能，总部经济、营商环境", ["人工智能", "总部经济", "营商环境"]),
        ("a, b;c；d", ["a", "b", "c", "d"]),
        ("  人工智能 ，，人工智能 ", ["人工智能"]),
        ("", []),
    ],
)
def test_chinese_separators(text, expected):
    assert parse_tags(text) == expected


def test_admin_tag_field_accepts_chinese_separators(client, editor):
    from taggit.forms import TagField

    assert TagField().clean("生物医药、集成电路，金融") == ["生物医药", "集成电路", "金融"]
    article = ArticleFactory()
    article.tags.set(TagField().clean("生物医药、集成电路"))
    assert sorted(article.tags.names()) == ["生物医药", "集成电路"]

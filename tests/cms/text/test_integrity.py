import pytest

from cms.text.integrity import check_text, duplicate_findings, find_likely_duplicates
from tests.factories import ArticleFactory, ColumnFactory

pytestmark = pytest.mark.django_db


def codes(title="", body=""):
    return {finding.code for finding in check_text(title=title, body_html=f"<p>{body}</p>")}


def test_clean_text_has_no_findings():
    assert codes("云湖区发布招商政策", "云湖区投资促进中心发布2026年招商政策，支持1,000家企业，9:00开放。") == set()


@pytest.mark.parametrize(
    "body,code",
    [
        ("云湖区(qū)投资促进中心发布政策。", "pinyin_artefact"),
        ("云湖区投資促进中心发布政策。", "mixed_script"),
        ("æŠ•èµ„ä¿ƒè¿› 云湖区", "mojibake"),
        ("云湖区锟斤拷招商", "mojibake"),
        ("云湖区??招商中心", "lost_characters"),
        ("企业,项目和园区", "half_width_punctuation"),
    ],
)
def test_each_problem_is_found(body, code):
    assert code in codes(body=body)


def test_numbers_times_and_urls_are_not_punctuation_problems():
    assert codes(body="共1,000家，9:00开始，详见 https://a.cn/x?y=1 网页") == set()


def test_duplicates_by_title_prefix_or_near_body():
    body = "<p>" + "云湖区举办生物医药产业招商推介会，四十余家企业参加，三家企业现场签约。" * 4 + "</p>"
    candidates = [
        (1, "【2022年云湖区招商】生物医药推介会", "<p>别的内容</p>"),
        (2, "完全不同的标题", body.replace("四十", "五十")),
        (3, "无关资讯", "<p>" + "数据中心二期项目完成主体结构封顶。" * 5 + "</p>"),
    ]
    assert find_likely_duplicates(title="生物医药推介会", body_html=body, candidates=candidates) == [1, 2]


def test_duplicate_findings_against_stored_articles():
    column = ColumnFactory()
    existing = ArticleFactory(title="云湖区举办生物医药招商推介会", column=column)
    findings = duplicate_findings(
        title="云湖区举办生物医药招商推介会", body_html="<p>新写的</p>", queryset=type(existing).objects.all()
    )
    assert findings and findings[0].code == "duplicate" and str(existing.pk) in findings[0].message
    assert (
        duplicate_findings(
            title=existing.title, body_html="", queryset=type(existing).objects.all(), exclude_pk=existing.pk
        )
        == []
    )

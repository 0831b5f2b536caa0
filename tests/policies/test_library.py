"""The public policy library: facets with counts, combined filters, malformed input, query budgets, detail page."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from cms.workflow.states import Status
from policies.models import Validity
from tests.factories import (
    ArticleFactory,
    AuthorityFactory,
    IndustryFactory,
    PolicyFactory,
    SupportTypeFactory,
)
from tests.helpers import count_tags, pager_links, text_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def library():
    district = AuthorityFactory(name="云湖区人民政府", level="district")
    city = AuthorityFactory(name="云海市人民政府", level="municipal")
    ai = IndustryFactory(name="人工智能", slug="ai")
    bio = IndustryFactory(name="生物医药", slug="biomed")
    rent = SupportTypeFactory(name="租金补贴", slug="rent")
    fund = SupportTypeFactory(name="资金扶持", slug="funding")
    return {
        "ai_rent": PolicyFactory(
            title="人工智能租金补贴办法", authorities=[district], industries=[ai], support_types=[rent]
        ),
        "ai_fund": PolicyFactory(
            title="人工智能资金扶持办法", authorities=[district], industries=[ai], support_types=[fund]
        ),
        "bio_fund": PolicyFactory(
            title="市级生物医药资助办法", level="municipal", authorities=[city], industries=[bio], support_types=[fund]
        ),
        "expired": PolicyFactory(
            title="已经失效的人工智能办法", authorities=[district], industries=[ai], support_types=[rent],
            expires_on=TODAY - timedelta(days=1),
        ),
        "draft": PolicyFactory(title="草稿政策", industries=[ai], status=Status.DRAFT, publish_at=None),
        "ai": ai, "rent": rent, "district": district,
    }  # fmt: skip


def facet(response, name):
    return {
        option.value: option for option in next(f for f in response.context["result"].facets if f.name == name).options
    }


def titles(response):
    return {policy.title for policy in response.context["result"].policies}


def test_default_shows_currently_valid_published_policies(client, library):
    response = client.get("/policies/")
    assert response.status_code == 200
    assert titles(response) == {"人工智能租金补贴办法", "人工智能资金扶持办法", "市级生物医药资助办法"}
    assert count_tags(response.content.decode(), "h1") == 1
    validity = facet(response, "validity")
    assert validity[Validity.VALID].count == 3 and validity[Validity.EXPIRED].count == 1
    assert validity[Validity.VALID].selected


def test_combined_facets_and_their_counts(client, library):
    response = client.get("/policies/", {"industry": "ai", "support": "rent"})
    assert titles(response) == {"人工智能租金补贴办法"}
    industry = facet(response, "industry")
    assert industry["ai"].count == 1 and industry["ai"].selected
    assert "biomed" not in industry  # no valid biomed policy offers rent subsidies
    support = facet(response, "support")  # counts ignore the support facet's own selection
    assert support["rent"].count == 1 and support["funding"].count == 1
    level = facet(response, "level")
    assert level["district"].count == 1 and "municipal" not in level


def test_facet_links_toggle_values_and_clear(client, library):
    response = client.get("/policies/", {"industry": "ai", "page": "1"})
    ai = facet(response, "industry")["ai"]
    assert "industry=ai" not in ai.url and "page" not in ai.url
    bio = facet(response, "industry")["biomed"]
    assert "industry=ai" in bio.url and "industry=biomed" in bio.url
    html = response.content.decode()
    assert "清除" in html


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def facet_of(response, name):
    return next(f for f in response.context["result"].facets if f.name == name)


def test_changing_or_clearing_a_facet_keeps_the_other_filters(client, library):
    params = {"q": "人工智能", "industry": "ai", "support": "rent", "sort": "effective", "page": "1"}
    response = client.get("/policies/", params)
    assert titles(response) == {"人工智能租金补贴办法"}
    kept = {"q": ["人工智能"], "sort": ["effective"]}
    support = facet_of(response, "support")
    assert query_of(support.all_url) == {**kept, "industry": ["ai"]}  # 全部: support lifted, page dropped
    assert query_of(support.clear_url) == {**kept, "industry": ["ai"]}
    funding = facet(response, "support")["funding"]
    assert query_of(funding.url) == {**kept, "industry": ["ai"], "support": ["rent", "funding"]}
    industry = facet_of(response, "industry")
    assert query_of(industry.all_url) == {**kept, "support": ["rent"]}
    validity = facet_of(response, "validity")
    assert query_of(validity.all_url) == {**kept, "industry": ["ai"], "support": ["rent"], "validity": ["all"]}
    html = response.content.decode()
    assert html.count(">全部</a>") == 6
    for link in [support.all_url, industry.all_url, validity.all_url, funding.url]:
        assert f'href="{link.replace("&", "&amp;")}"' in html
    # Following the validity 全部 link adds the expired policy and keeps the keyword and the other facets.
    assert titles(client.get(f"/policies/{validity.all_url}")) == {"人工智能租金补贴办法", "已经失效的人工智能办法"}


def test_choosing_a_validity_after_all_replaces_all(client, library):
    response = client.get("/policies/", {"validity": "all", "industry": "ai"})
    validity = facet_of(response, "validity")
    assert validity.all_selected and validity.clear_url is not None
    expired = facet(response, "validity")[Validity.EXPIRED]
    assert query_of(expired.url) == {"industry": ["ai"], "validity": ["expired"]}
    assert titles(client.get(f"/policies/{expired.url}")) == {"已经失效的人工智能办法"}
    default = client.get("/policies/", {"industry": "ai"})
    expired = facet(default, "validity")[Validity.EXPIRED]  # adds to the default (in force), keeps industry
    assert query_of(expired.url) == {"industry": ["ai"], "validity": ["valid", "expiring", "expired"]}


def test_unknown_facet_values_are_ignored_and_dropped_from_the_links(client, library):
    response = client.get("/policies/", {"industry": ["ai", "no-such"], "level": "bogus"})
    assert titles(response) == {"人工智能租金补贴办法", "人工智能资金扶持办法"}
    biomed = facet(response, "industry")["biomed"]
    assert query_of(biomed.url)["industry"] == ["ai", "biomed"]


def test_the_library_pager_keeps_the_filters(client, library):
    for _index in range(25):
        PolicyFactory(authorities=[library["district"]], industries=[library["ai"]])
    response = client.get("/policies/", {"q": "产业扶持", "industry": "ai"})
    next_url = pager_links(response)["下一页"]
    assert query_of(next_url) == {"q": ["产业扶持"], "industry": ["ai"], "page": ["2"]}
    second = client.get(f"/policies/{next_url}")
    assert len(second.context["result"].policies) == 5
    assert "第 2 页" in second.content.decode().split("<title>", 1)[1].split("</title>", 1)[0]


def test_all_validities_and_year_filter(client, library):
    response = client.get("/policies/", {"validity": "all"})
    assert "已经失效的人工智能办法" in titles(response) and "草稿政策" not in titles(response)
    year = str(library["ai_rent"].issued_on.year)
    assert facet(response, "year")[year].count == 4
    assert len(titles(client.get("/policies/", {"validity": "all", "year": year}))) == 4


def test_keyword_search_matches_title_and_normalised_document_number(client, library):
    number = library["ai_fund"].document_number  # 云府发〔2025〕N号
    variant = number.replace("〔", "[").replace("〕", "]")
    assert titles(client.get("/policies/", {"q": variant})) == {"人工智能资金扶持办法"}
    assert titles(client.get("/policies/", {"q": "生物医药"})) == {"市级生物医药资助办法"}


@pytest.mark.parametrize(
    "query",
    [
        {"industry": "no-such"},
        {"authority": "abc"},
        {"authority": "99999999999999999999"},
        {"year": "20x5"},
        {"validity": "<script>"},
        {"level": ["district", "bogus"]},
        {"sort": "'; DROP TABLE"},
        {"q": "%_\\'\"<b>" * 30},
    ],
)
def test_malformed_filters_are_ignored(client, library, query):
    response = client.get("/policies/", query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0].replace(
        "&lt;script&gt;", ""
    )


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "9" * 30])
def test_bad_pages_are_404(client, library, page):
    assert client.get("/policies/", {"page": page}).status_code == 404


@pytest.mark.parametrize("extra", [0, 40])
def test_query_counts_stay_constant(client, library, django_assert_max_num_queries, extra):
    for _index in range(extra):
        PolicyFactory(authorities=[library["district"]], industries=[library["ai"]], support_types=[library["rent"]])
    client.get("/")  # warm the site-settings cache
    with django_assert_max_num_queries(6):
        assert client.get("/policies/", {"industry": "ai", "support": "rent"}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(library["ai_rent"].get_absolute_url()).status_code == 200


def test_detail_page_metadata_banner_and_consult_link(client, library):
    new = library["ai_fund"]
    old = PolicyFactory(title="旧版人工智能办法", replaced_by=new, authorities=[library["district"]])
    interpretation = ArticleFactory(title="人工智能政策解读")
    new.interpretations.add(interpretation)
    response = client.get(old.get_absolute_url())
    text = text_of(response)
    assert "已被替代" in text and new.title in text
    assert count_tags(response.content.decode(), "h1") == 1
    response = client.get(new.get_absolute_url())
    text = text_of(response)
    for label in [
        "索引号",
        "主题分类",
        "发文机关",
        "成文日期",
        "发文字号",
        "发布日期",
        "有效性",
        "施行日期",
        "失效日期",
    ]:
        assert label in text
    assert "人工智能政策解读" in text
    assert f"?topic=policy&amp;policy={new.pk}" in response.content.decode()
    assert "引用本政策" in text


def test_draft_policy_is_hidden_from_the_public_and_previewed_for_editors(client, editor, library):
    draft = library["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_home_shows_valid_policies_and_closing_applications(client, library):
    closing = library["ai_rent"]
    closing.application_end = TODAY + timedelta(days=5)
    closing.save()
    response = client.get("/")
    text = text_of(response)
    assert "即将截止申报" in text and closing.title in text
    assert "已经失效的人工智能办法" not in text


def test_a_long_policy_gets_a_table_of_contents_and_a_short_one_none(client):
    body = "".join(f"<h2>{n}、第{n}章</h2><p>条文。</p>" for n in ["一", "二", "三"])
    html = client.get(PolicyFactory(body=body).get_absolute_url()).content.decode()
    assert '<h2 id="section-1">一、第一章</h2>' in html and 'href="#section-3"' in html
    assert 'id="toc-heading"' in html
    short = client.get(PolicyFactory(body="<h2>一、总则</h2><p>条文。</p>").get_absolute_url()).content.decode()
    assert "section-1" not in short and 'id="toc-heading"' not in short


@pytest.mark.parametrize("variant", ["雲府發〔2024〕3号", "云府发[2024]3号", "云府发（2024）3号", "云府发〔2024〕3号"])
def test_keyword_box_finds_a_policy_by_each_document_number_variant(client, variant):
    PolicyFactory(title="总部经济若干措施", document_number="云府发〔2024〕3号")
    PolicyFactory(title="另一项措施", document_number="云府发〔2024〕13号")
    assert titles(client.get("/policies/", {"q": variant})) == {"总部经济若干措施"}


def test_keyword_box_finds_a_policy_stored_with_a_traditional_document_number(client):
    PolicyFactory(title="总部经济若干措施", document_number="雲府發［2024］03號")
    assert titles(client.get("/policies/", {"q": "云府发〔2024〕3号"})) == {"总部经济若干措施"}

"""Pathological searches and malformed query strings: a visitor's URL never causes a 500.

The client does not re-raise the view's exception, so a crash shows as the 500 page the visitor would get.
"""

import pytest
from django.test import Client

from tests.factories import ArticleFactory, AuthorityFactory, IndustryFactory, PolicyFactory

pytestmark = pytest.mark.django_db

LONG = "人工智能" * 2500  # 10,000 characters
OPERATORS = "\"a\" OR 'b' AND NOT (c) & | ! <-> :* \\ ' \" % _ * ? ~ ^ {} [] ; -- /* */ ' OR 1=1 --"


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def content(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ai = IndustryFactory(name="人工智能", slug="ai")
        authority = AuthorityFactory(name="云湖区商务委员会")
        for index in range(3):
            ArticleFactory(title=f"人工智能产业动态{index}")
            PolicyFactory(title=f"人工智能扶持办法{index}", industries=[ai], authorities=[authority])


SEARCHES = {
    "ten-thousand-characters": ({"q": LONG}, {200}),
    "nul-bytes": ({"q": "人工\x00智能\x00"}, {200}),
    "only-nul": ({"q": "\x00\x00"}, {200}),
    "operators-and-quotes": ({"q": OPERATORS}, {200}),
    "tsquery-syntax": ({"q": "人工:* & !智能 | (ai <-> x)"}, {200}),
    "like-wildcards": ({"q": "%%%___\\\\"}, {200}),
    "control-characters": ({"q": "\x01\x02\x1b[31m\u202e\ufeff"}, {200}),
    "encoded-surrogate": ("q=%ED%A0%80%ED%B0%80", {200}),
    "unknown-type": ({"q": "人工智能", "type": "../../etc"}, {200}),
    "repeated-q": ("q=人工&q=智能&type=news&type=policy", {200}),
    "page-negative": ({"q": "人工智能", "page": "-1"}, {404}),
    "page-zero": ({"q": "人工智能", "page": "0"}, {404}),
    "page-text": ({"q": "人工智能", "page": "abc"}, {404}),
    "page-huge": ({"q": "人工智能", "page": "99999999999999999999"}, {404}),
    "page-beyond-results": ({"q": "人工智能", "page": "999"}, {404}),
    "page-float": ({"q": "人工智能", "page": "1.5"}, {404}),
    "page-nul": ({"q": "人工智能", "page": "\x00"}, {404}),
    "page-empty": ({"q": "人工智能", "page": ""}, {404}),
    "page-fullwidth-digit": ({"q": "人工智能", "page": "２"}, {200, 404}),
    "page-superscript-digit": ({"q": "人工智能", "page": "²"}, {404}),
    "invalid-percent-encoding": ("q=%zz%e4%b8%&page=%", {200, 404}),
    "truncated-utf8": ("q=%e4%ba", {200}),
}


def cases(table):
    return [pytest.param(params, expected, id=name) for name, (params, expected) in table.items()]


def fetch(client, path, params):
    return client.get(f"{path}?{params}") if isinstance(params, str) else client.get(path, params)


@pytest.mark.parametrize("params,expected", cases(SEARCHES))
def test_pathological_searches(visitor, content, params, expected):
    response = fetch(visitor, "/search/", params)
    assert response.status_code in expected, response.status_code


NEWS = {
    "array-syntax": ("industry[]=x&page[]=1", {200}),
    "page-nul": ("page=%00", {404}),
    "page-text": ("page=abc", {404}),
    "page-negative": ("page=-1", {404}),
    "page-huge": ("page=99999999999999999999", {404}),
    "page-last": ("page=last", {200}),
    "page-superscript-digit": ("page=%C2%B2", {404}),
    "repeated-page": ("page=1&page=2&page=1", {200, 404}),
    "invalid-percent-encoding": ("page=%zz&q=%", {404}),
    "truncated-utf8": ("year=%e4%b8&page=%e4", {404}),
    "year-text": ("year=abc&column=%00", {200}),
    "no-values": ("&&&==&=&", {200}),
}


@pytest.mark.parametrize("params,expected", cases(NEWS))
def test_malformed_news_query_strings(visitor, content, params, expected):
    response = fetch(visitor, "/news/", params)
    assert response.status_code in expected, response.status_code


POLICIES = {
    "array-syntax": ("industry[]=x&level[]=district", {200}),
    "page-nul": ("page=%00", {404}),
    "page-text": ("page=abc", {404}),
    "page-huge": ("page=99999999999999999999", {404}),
    "page-beyond-results": ("page=999999", {404}),
    "page-superscript-digit": ("page=%C2%B2", {404}),
    "year-text": ("year=abc", {200}),
    "year-huge": ("year=99999999999999999999", {200}),
    "authority-text": ("authority=abc&authority=%00&authority=-1", {200}),
    "repeated-params": ("industry=ai&industry=ai&level=district&level=district&level=x&sort=issued&sort=x", {200}),
    "unknown-sort-and-validity": ("sort=;drop table&validity=all&validity=%zz", {200}),
    "invalid-percent-encoding": ("q=%zz&industry=%", {200}),
    "truncated-utf8": ("q=%e4%ba&support=%ff%fe", {200}),
    "keyword-nul": ("q=%E4%BA%BA%00%E5%B7%A5", {200}),
    "keyword-long": (f"q={'人' * 10000}", {200}),
    "keyword-wildcards": ("q=%25%25_%5C%5C", {200}),
    "no-values": ("&&&==&=&", {200}),
}


@pytest.mark.parametrize("params,expected", cases(POLICIES))
def test_malformed_policy_query_strings(visitor, content, params, expected):
    response = fetch(visitor, "/policies/", params)
    assert response.status_code in expected, response.status_code


OTHER_URLS = {
    "consult-policy-superscript": ("/consult/?policy=%C2%B2&topic=%00", {200}),
    "consult-policy-huge": ("/consult/?policy=999999999999999999999999&utm_source=%zz", {200}),
    "tag-nul": ("/news/tag/%00/", {404}),
    "tag-long": (f"/news/tag/{'x' * 5000}/", {404}),
    "column-unknown": ("/news/column/%E4%BA%BA/", {404}),
    "policy-not-a-number": ("/policies/abc/", {404}),
    "attachment-huge-id": ("/policies/attachments/99999999999999999999/", {404}),
    "receipt-forged": ("/contribute/thanks/%00forged%3A/", {404}),
    "inquiry-thanks-forged": ("/inquiry/thanks/eyJhIjoxfQ:forged:sig/", {404}),
    "status-nul": ("/contribute/status/?code=%00&email=a%00@example.cn", {200, 404}),
    "feed-unknown-column": ("/feeds/news/%00/", {404}),
}


@pytest.mark.parametrize("url,expected", cases(OTHER_URLS))
def test_other_public_urls_with_bad_input(visitor, content, terms, url, expected):
    response = visitor.get(url)
    assert response.status_code in expected, response.status_code

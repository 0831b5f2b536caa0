"""Every address a public page links to comes from the URL map (``{% url %}``/``reverse``), none is typed in a
template or a view: mounted under ``/portal/``, the header, footer, feeds, display switch, breadcrumbs,
calls to action, pager and facets all follow."""

import re

import pytest
from django.test import override_settings

from tests.factories import ArticleFactory, ColumnFactory, ContributionTermsFactory, PageFactory, PolicyFactory

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r'(?:href|action)="(/[^"]*)"')


def addresses(response) -> set[str]:
    return {url for url in ADDRESS.findall(response.content.decode()) if not url.startswith(("/static/", "/media/"))}


@override_settings(ROOT_URLCONF="tests.cms.public.prefixed_urls")
def test_every_link_follows_the_url_map(client):
    column = ColumnFactory(name="重大项目", slug="projects")
    article = ArticleFactory(column=column, title="人工智能项目签约")
    policy = PolicyFactory(title="人工智能扶持办法", contact_phone="021-5555 0123")
    PageFactory(slug="contact", title="联系我们")
    ContributionTermsFactory()
    urls = [
        "/portal/", "/portal/news/", f"/portal/news/column/{column.slug}/", article.get_absolute_url(),
        "/portal/policies/", policy.get_absolute_url(), "/portal/search/?q=人工智能", "/portal/contact/",
        "/portal/consult/", "/portal/contribute/",
    ]  # fmt: skip
    assert article.get_absolute_url().startswith("/portal/")
    seen = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = addresses(response)
        assert {link for link in found if not link.startswith("/portal/")} == set(), url
        seen |= found
    for expected in ["/portal/feeds/news/", "/portal/feeds/policies/", "/portal/contribute/", "/portal/settle/",
                     "/portal/search/", "/portal/news/", "/portal/policies/"]:  # fmt: skip
        assert expected in seen, expected
    assert any(link.startswith("/portal/display/?elder=1") for link in seen)
    assert any(link.startswith("/portal/consult/?topic=policy") for link in seen)

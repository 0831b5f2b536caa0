"""Every public page's query budget on a page-cache miss, the same with few rows and with many (issue budgets:
home ≤ 8, lists ≤ 5, details ≤ 6, policy library with facets ≤ 8, search ≤ 4)."""

import pytest

from cms.public.models import SiteSettings
from policies.models import Attachment
from tests.factories import (
    ArticleFactory,
    ColumnFactory,
    IndustryFactory,
    PageFactory,
    PolicyFactory,
    SupportTypeFactory,
)

BUDGETS = {
    "home": 8,
    "news": 5,
    "column": 5,
    "tag": 5,
    "article": 6,
    "library": 5,
    "library_filtered": 8,
    "policy": 6,
    "search": 4,
    "page": 5,
}


@pytest.fixture
def pages(db, settings, django_capture_on_commit_callbacks, request):
    settings.PAGE_CACHE_ENABLED = False
    rows = request.param
    with django_capture_on_commit_callbacks(execute=True):
        column = ColumnFactory(slug="projects")
        ai = IndustryFactory(name="人工智能", slug="ai")
        rent = SupportTypeFactory(name="租金补贴", slug="rent")
        policies = [PolicyFactory(title=f"人工智能办法{n}", industries=[ai], support_types=[rent]) for n in range(rows)]
        articles = ArticleFactory.create_batch(rows, column=column, title="人工智能产业动态")
        for article in articles:
            article.tags.set(["人工智能", "招商"])
            article.interpreted_policies.set(policies[:3])
        policy = policies[0]
        policy.replaced_by = policies[1]
        policy.save()
        for index in range(3):
            Attachment.objects.create(policy=policy, file=f"policies/file{index}.pdf", title=f"附件{index}", size=1)
    SiteSettings.load()
    PageFactory(title="关于我们", slug="about", body="<p>简介</p>", show_in_footer=True)
    return {
        "home": "/",
        "news": "/news/",
        "column": "/news/column/projects/",
        "tag": f"/news/tag/{articles[0].tags.first().slug}/",
        "article": articles[1].get_absolute_url(),
        "library": "/policies/",
        "library_filtered": "/policies/?industry=ai&support=rent&validity=valid",
        "policy": policy.get_absolute_url(),
        "search": "/search/?q=人工智能",
        "page": "/about/",
    }


@pytest.mark.parametrize("pages", [2, 25], indirect=True)
@pytest.mark.parametrize("name", list(BUDGETS))
def test_query_budget_on_a_cache_miss(client, pages, name, django_assert_max_num_queries):
    client.get("/healthz")  # the first request of a test opens the connection; not part of any page
    for warm_up in ("/", "/news/"):  # site settings, footer links and the column menu in the data cache
        client.get(warm_up)
    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(pages[name])
    assert response.status_code == 200

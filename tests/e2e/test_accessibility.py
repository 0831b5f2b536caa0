"""Accessibility: axe-core on every public page type, forms completed with the keyboard alone, elder mode and zoom.

axe-core is the npm package pinned in tests/e2e/package.json (``make test`` installs it). The public pages send a
strict Content-Security-Policy (``script-src 'self'``) that blocks the inline script ``add_script_tag`` injects, so
the axe checks, and only they, run in a browser context created with ``bypass_csp=True``: that is how Playwright lets
test tooling into a page. Every other test here sees the page exactly as a visitor does.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from submissions.forms.credit_code import check_character
from submissions.models import Contribution, ContributionTerms, Inquiry, InquiryKind
from submissions.services.contributions import submit_contribution
from tests.factories import (
    ArticleFactory,
    AuthorityFactory,
    ColumnFactory,
    IndustryFactory,
    PolicyFactory,
    SupportTypeFactory,
)

from .conftest import ARTIFACTS

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
BLOCKING_IMPACTS = {"serious", "critical"}
PARAGRAPH = "云湖区围绕主导产业开展精准招商，为企业提供一对一专员服务和全周期的项目落地协调。"
ELDER_LINK = "长者模式（大字版）"


@pytest.fixture
def content(demo_site):
    """One of everything a public page lists or shows: news in a column with a tag, policies with facets, terms."""
    ContributionTerms.objects.create(title="投稿须知", body="<h2>一、征稿范围</h2><p>企业软文敬请绕行。</p>")
    column = ColumnFactory(name="招商动态", slug="updates")
    articles = [ArticleFactory(column=column, title=f"人工智能产业招商推介会第{n}场") for n in range(1, 4)]
    for article in articles:
        article.tags.add("人工智能")
    ai = IndustryFactory(name="人工智能", slug="ai")
    rent = SupportTypeFactory(name="租金补贴", slug="rent")
    district = AuthorityFactory(name="云湖区人民政府")
    policy = PolicyFactory(title="滨江科创园入驻企业租金补贴细则", industries=[ai], support_types=[rent],
                           authorities=[district])  # fmt: skip
    PolicyFactory(title="人工智能研发资助办法", industries=[ai], authorities=[district])
    tag = articles[0].tags.get()
    return {
        "article": articles[0].get_absolute_url(),
        "column": column.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": tag.slug}),
        "policy": policy.get_absolute_url(),
    }


def _context_page(browser, request, **options):
    """A page in a new context, closed (with a screenshot when the test failed) at the end of the test."""
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()

    def finish():
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        context.close()

    request.addfinalizer(finish)
    return page


# ---------------------------------------------------------------------------------------------------------------
# 1. axe-core on every public page type, on a phone and on a desktop
# ---------------------------------------------------------------------------------------------------------------

PAGES = {
    "home": "/",
    "news": "/news/",
    "column": "{column}",
    "tag": "{tag}",
    "news-detail": "{article}",
    "policies": "/policies/",
    "policies-two-facets": "/policies/?industry=ai&support=rent",
    "policy-detail": "{policy}",
    "search": "/search/?q=人工智能",
    "search-no-results": "/search/?q=查无此词",
    "static-page": "/about/",
    "contribute": "/contribute/",
    "contribute-with-errors": "/contribute/",
    "contribution-status": "/contribute/status/",
    "contribution-status-not-found": "/contribute/status/?code=TG20250101001&email=nobody%40example.cn",
    "consult": "/consult/",
    "consult-with-errors": "/consult/",
    "settle": "/settle/",
    "not-found": "/does-not-exist/",
    "elder-home": "/",
    "elder-news-detail": "{article}",
    "elder-policies": "/policies/",
    "elder-consult": "/consult/",
}


def _format_violations(violations) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return "\n".join(lines)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_axe_violations(browser, request, live_server, content, name, viewport):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run `make test`, or `npm install` in tests/e2e.")
    # bypass_csp: the pages' script-src 'self' would block the inline script add_script_tag injects (axe only).
    page = _context_page(browser, request, bypass_csp=True, **VIEWPORTS[viewport])
    if name.startswith("elder-"):
        page.context.add_cookies([{"name": "elder", "value": "1", "url": live_server.url}])
    response = page.goto(live_server.url + PAGES[name].format(**content))
    assert response.status == (404 if name == "not-found" else 200)
    if name.startswith("elder-"):
        assert page.evaluate("document.documentElement.classList.contains('elder')")
    if name.endswith("-with-errors"):  # the form sent empty comes back with its error messages
        page.locator(".public-form button[type=submit]").click()
        page.locator(".field__errors").first.wait_for()
    if name.startswith("search"):  # the results state and the empty state are both checked
        assert (page.locator(".search-result").count() > 0) == (name == "search")
    page.add_script_tag(path=str(AXE))
    # Only violations fail the test. axe leaves the contrast of the home page's hero (text on a gradient) as
    # "incomplete": white on #0b4f9c…#083a73 is 8:1 or more, checked by hand.
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical violations:\n" + _format_violations(blocking)


# ---------------------------------------------------------------------------------------------------------------
# 2. Every public form completed and sent with the keyboard alone, from the top of the page
# ---------------------------------------------------------------------------------------------------------------

FOCUS_STATE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    description: element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (element.name ? "[name=" + element.name + "]" : "") + " " + (element.textContent || "").trim().slice(0, 20),
    focusVisible: element.matches(":focus-visible"),
    indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
    shown: box.width > 1 && box.height > 1 && style.visibility !== "hidden",
  };
}"""


def _assert_focus_visible(page):
    state = page.evaluate(FOCUS_STATE)
    where = state["description"]
    assert state["shown"], f"keyboard focus went to an element that cannot be seen: {where}"
    assert state["focusVisible"] and state["indicator"], f"no visible focus indicator on {where}"
    return where


def _tab_to(page, selector, *, key="Tab", limit=60):
    """Press Tab (or Shift+Tab) until ``selector`` has the focus, checking the focus can be seen at every stop."""
    visited = []
    for _press in range(limit):
        page.keyboard.press(key)
        visited.append(_assert_focus_visible(page))
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} was not reached with {key}; the focus went through {visited}")


def _choose(page, value):
    """Change the focused <select> to ``value`` with the arrow keys, as a keyboard user does."""
    for _press in range(20):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"option {value!r} not reached with the arrow keys")


def _type_into(page, selector, text):
    _tab_to(page, selector)
    page.keyboard.type(text)


def _check(page, selector):
    _tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def _credit_code(first17="91310000MA1K3YJ12"):
    return first17 + check_character(first17)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keyboard_user_asks_for_a_consultation(desktop, live_server, content):
    page = desktop
    page.goto(live_server.url + "/consult/")
    _tab_to(page, "#id_topic")
    _choose(page, "land")
    _tab_to(page, "#id_industry")
    _choose(page, str(IndustryFactory(slug="ai").pk))
    _type_into(page, "#id_message", "想了解工业用地的出让方式。")
    _type_into(page, "#id_name", "陈晓")
    _type_into(page, "#id_phone", "138 0013 8000")
    _type_into(page, "#id_company", "云海智能科技有限公司")
    _check(page, "#id_consent")
    _tab_to(page, ".public-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inquiry/thanks/**")
    assert page.locator("h1").inner_text() == "谢谢，我们已收到您的申请"
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.topic, inquiry.name, inquiry.phone) == (
        InquiryKind.CONSULT,
        "land",
        "陈晓",
        "13800138000",
    )
    assert inquiry.industry.slug == "ai" and inquiry.message == "想了解工业用地的出让方式。"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keyboard_user_applies_to_move_a_company_here(desktop, live_server, content):
    page = desktop
    page.goto(live_server.url + "/settle/")
    _type_into(page, "#id_company", "云海智能科技有限公司")
    _type_into(page, "#id_credit_code", _credit_code())
    _check(page, "#id_plans_0")
    _check(page, "#id_plans_2")
    _type_into(page, "#id_space_area", "800")
    _tab_to(page, "#id_space_type")
    _choose(page, "office")
    _type_into(page, "#id_name", "李娜")
    _type_into(page, "#id_phone", "021-5555 0199")
    _check(page, "#id_consent")
    _tab_to(page, ".public-form button[type=submit]")
    page.keyboard.press("Space")
    page.wait_for_url("**/inquiry/thanks/**")
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.company, inquiry.credit_code) == (
        InquiryKind.SETTLE,
        "云海智能科技有限公司",
        _credit_code(),
    )
    assert (inquiry.plans, inquiry.space_area, inquiry.space_type) == (["research", "manufacturing"], 800, "office")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keyboard_user_reads_the_terms_and_sends_a_contribution(desktop, live_server, content):
    page = desktop
    page.goto(live_server.url + "/contribute/")
    _type_into(page, "#id_title", "产业链招商的三点做法")
    _tab_to(page, "#id_kind")
    _choose(page, "plan")
    _tab_to(page, "#id_body")
    page.keyboard.insert_text("\n\n".join([PARAGRAPH] * 30))  # typed text arrives as one input event
    assert "已计字数" in page.locator("#body-counter").inner_text()
    _type_into(page, "#id_unit", "滨江科创园运营公司")
    _type_into(page, "#id_author", "赵明")
    _type_into(page, "#id_email", "zhao@example.cn")
    _tab_to(page, "#id_agree")
    _tab_to(page, "a[data-dialog]")  # the terms link inside the checkbox's label
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible() and "企业软文敬请绕行" in dialog.inner_text()
    assert dialog.evaluate("dialog => dialog.contains(document.activeElement)")
    _assert_focus_visible(page)
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.matches('a[data-dialog]')")  # back where the reader left
    _tab_to(page, "#id_agree", key="Shift+Tab")
    page.keyboard.press("Space")
    assert page.locator("#id_agree").is_checked()
    _tab_to(page, ".public-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contribute/thanks/**")
    contribution = Contribution.objects.get()
    assert (contribution.title, contribution.kind, contribution.email) == (
        "产业链招商的三点做法",
        "plan",
        "zhao@example.cn",
    )
    assert contribution.receipt_code in page.locator(".receipt__code").inner_text()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keyboard_user_checks_the_status_of_a_contribution(desktop, live_server, content):
    contribution, _created = submit_contribution(
        data={"token": "7d0f8f6c-3c44-4c38-9d0e-2f5a3f0b7a11", "kind": "plan", "title": "产业链招商的三点做法",
              "body": PARAGRAPH * 30, "unit": "滨江科创园运营公司", "author": "赵明", "email": "zhao@example.cn"},
        terms=ContributionTerms.current(), ip_address=None,
    )  # fmt: skip
    page = desktop
    page.goto(live_server.url + "/contribute/status/")
    _type_into(page, "#id_code", contribution.receipt_code.lower())
    _type_into(page, "#id_email", "zhao@example.cn")
    _tab_to(page, ".public-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contribute/status/?code=**")
    card = page.locator(".status-card")
    assert contribution.receipt_code in card.inner_text() and "已收到" in card.inner_text()


# ---------------------------------------------------------------------------------------------------------------
# 3. Elder mode without JavaScript, and 200 % zoom
# ---------------------------------------------------------------------------------------------------------------

BODY_FONT_SIZE = "parseFloat(getComputedStyle(document.body).fontSize)"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_elder_mode_link_works_without_javascript_and_is_kept(browser, request, live_server, content):
    page = _context_page(browser, request, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/news/")
    standard = page.evaluate(BODY_FONT_SIZE)
    page.get_by_role("link", name=ELDER_LINK).click()
    page.wait_for_url("**/news/")
    assert page.evaluate(BODY_FONT_SIZE) >= 1.25 * standard
    assert {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}.get("elder") == "1"

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="招商政策").click()
    page.wait_for_url("**/policies/")
    assert page.evaluate(BODY_FONT_SIZE) >= 1.25 * standard
    page.get_by_role("link", name="滨江科创园入驻企业租金补贴细则").click()
    assert page.evaluate(BODY_FONT_SIZE) >= 1.25 * standard

    page.get_by_role("link", name="标准模式").click()
    assert page.evaluate(BODY_FONT_SIZE) == standard
    assert page.get_by_role("link", name=ELDER_LINK).is_visible()


ZOOM_PAGES = {
    "home": "/",
    "news": "/news/",
    "news-detail": "{article}",
    "policies": "/policies/",
    "consult": "/consult/",
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("display", ["standard", "elder"])
@pytest.mark.parametrize("name", list(ZOOM_PAGES))
def test_pages_reflow_at_200_percent_zoom(browser, request, live_server, content, name, display):
    # A 1280×900 screen at 200 % zoom: 640×450 CSS pixels, two device pixels each.
    page = _context_page(browser, request, viewport={"width": 640, "height": 450}, device_scale_factor=2)
    if display == "elder":
        page.context.add_cookies([{"name": "elder", "value": "1", "url": live_server.url}])
    page.goto(live_server.url + ZOOM_PAGES[name].format(**content))
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, f"horizontal scrolling at 200 % zoom: content {width[0]}px, window {width[1]}px"
    heading = page.locator("h1")
    assert heading.count() == 1 and heading.is_visible()
    box = heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width[1] + 1

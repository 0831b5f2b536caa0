"""Visitors on a phone: the policy library to a consultation, and a company sending a contribution."""

import re

import pytest

from policies.models import Attachment
from submissions.models import Contribution, ContributionTerms, Inquiry
from tests.factories import AuthorityFactory, IndustryFactory, PolicyFactory, SupportTypeFactory

PARAGRAPH = "云湖区围绕主导产业开展精准招商，为企业提供一对一专员服务和全周期的项目落地协调。"


@pytest.fixture
def library(demo_site):
    from django.core.files.base import ContentFile

    from demo.policies import _tiny_pdf

    ai = IndustryFactory(name="人工智能", slug="ai")
    rent = SupportTypeFactory(name="租金补贴", slug="rent")
    district = AuthorityFactory(name="云湖区人民政府")
    target = PolicyFactory(title="滨江科创园入驻企业租金补贴细则", industries=[ai], support_types=[rent],
                           authorities=[district])  # fmt: skip
    PolicyFactory(title="人工智能研发资助办法", industries=[ai], authorities=[district])
    PolicyFactory(title="其他产业政策", authorities=[district])
    attachment = Attachment(policy=target, title="细则全文")
    attachment.file = ContentFile(_tiny_pdf("rent"), name="细则全文.pdf")
    attachment.save()
    return target


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_phone_visitor_filters_policies_downloads_and_asks(phone, live_server, library):
    page = phone
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="招商政策").click()
    page.wait_for_url("**/policies/")
    page.get_by_role("link", name=re.compile(r"^人工智能 \(\d+\)$")).click()
    page.wait_for_url("**industry=ai**")
    page.get_by_role("link", name=re.compile(r"^租金补贴 \(\d+\)$")).click()
    page.wait_for_url("**support=rent**")
    assert page.locator(".policy-item").count() == 1
    page.get_by_role("link", name="滨江科创园入驻企业租金补贴细则").click()
    assert page.locator("h1").inner_text() == "滨江科创园入驻企业租金补贴细则"
    with page.expect_download() as download:
        page.get_by_role("link", name="细则全文").click()
    assert download.value.suggested_filename == "细则全文.pdf"

    page.get_by_role("link", name="向招商专员咨询").click()
    page.wait_for_url("**/consult/**")
    assert page.locator("#id_topic").input_value() == "policy"
    assert page.locator("#id_policy option:checked").inner_text() == library.title
    page.fill("#id_name", "陈晓")
    page.fill("#id_phone", "138 0013 8000")
    page.fill("#id_company", "云海智能科技有限公司")
    page.check("#id_consent")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/inquiry/thanks/**")
    assert "为您准备的政策资料" in page.content()
    assert page.get_by_role("link", name="滨江科创园入驻企业租金补贴细则").first.is_visible()
    inquiry = Inquiry.objects.get()
    assert inquiry.policy == library and inquiry.phone == "13800138000"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_company_contributes_and_checks_its_status(phone, live_server, demo_site):
    ContributionTerms.objects.create(title="投稿须知", body="<h2>一、征稿范围</h2><p>企业软文敬请绕行。</p>")
    page = phone
    page.goto(live_server.url + "/contribute/")
    page.get_by_role("link", name="《投稿须知》").click()
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible() and "企业软文敬请绕行" in dialog.inner_text()
    dialog.get_by_role("button", name="关闭").click()
    assert not dialog.is_visible()

    page.fill("#id_title", "产业链招商的三点做法")
    page.select_option("#id_kind", "plan")
    page.fill("#id_body", "\n\n".join([PARAGRAPH] * 30))
    counter = page.locator("#body-counter").inner_text()
    assert "已计字数" in counter
    page.fill("#id_unit", "滨江科创园运营公司")
    page.fill("#id_author", "赵明")
    page.fill("#id_email", "zhao@example.cn")
    page.check("#id_agree")
    page.get_by_role("button", name="提交投稿").click()
    page.wait_for_url("**/contribute/thanks/**")
    code = Contribution.objects.get().receipt_code
    assert code in page.content()

    page.get_by_role("link", name="查询处理进度").click()
    page.fill("#id_email", "zhao@example.cn")
    page.get_by_role("button", name="查询").click()
    assert "已收到" in page.locator(".status-card").inner_text()

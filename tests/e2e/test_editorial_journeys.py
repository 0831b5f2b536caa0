"""The editorial desk in a real browser: a contribution becomes a published article; an article goes out on time."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from articles.models import Article, Column
from cms.public.models import SiteSettings
from cms.workflow.states import Status
from submissions.models import ContributionTerms
from submissions.outbox import send_due_emails
from submissions.services.contributions import submit_contribution
from tests.e2e.admin_steps import publish_open_item, sign_in
from tests.factories import ArticleFactory, ColumnFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reviewer_turns_a_contribution_into_a_published_article(desktop, phone, live_server, reviewer, tmp_path):
    ColumnFactory(name="企业风采", slug="companies")
    terms = ContributionTerms.objects.create(title="投稿须知", body="<p>请投原创稿件。</p>")
    contribution, _created = submit_contribution(
        data={"token": uuid.uuid4(), "kind": "news", "title": "云海精密完成新一轮融资", "unit": "云海精密科技有限公司",
              "author": "周敏", "email": "zhoumin@yunhai.example.cn", "phone": "",
              "body": "云海精密科技有限公司宣布完成新一轮融资。\n\n资金将用于扩建滨江生产基地。"},
        terms=terms, ip_address="127.0.0.1",
    )  # fmt: skip
    page = desktop
    sign_in(page, live_server, reviewer, "/admin/submissions/contribution/")
    row = page.locator("#result_list tr", has_text="云海精密完成新一轮融资")
    assert re.search(r"剩余 ?\d+ ?小时", row.inner_text()), row.inner_text()  # the 24-hour review countdown
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", value="action_accept")
    page.get_by_role("button", name="执行").click()
    page.select_option("#id_column", label="企业风采")
    page.get_by_role("button", name=re.compile("采用")).click()
    page.get_by_role("link", name="云海精密完成新一轮融资").click()
    page.wait_for_url("**/admin/articles/article/*/change/")

    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("区投资促进中心将协助企业办理扩建手续。")
    picture = tmp_path / "基地.png"
    Image.new("RGB", (400, 240), (30, 120, 80)).save(picture)
    page.once("dialog", lambda dialog: dialog.accept("扩建中的滨江生产基地"))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="上传图片").click()
    chooser.value.set_files(str(picture))
    page.wait_for_selector(".upload-status:has-text('/media/editor/')")
    assert editor.locator("img[alt='扩建中的滨江生产基地']").count() == 1  # inserted at the cursor
    page.get_by_role("button", name="保存并继续编辑").click()
    page.wait_for_url("**/change/")
    article = Article.objects.get()
    assert "区投资促进中心将协助企业办理扩建手续。" in article.body and 'alt="扩建中的滨江生产基地"' in article.body
    assert article.status == Status.DRAFT

    publish_open_item(page)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED

    phone.goto(live_server.url + "/news/")
    phone.get_by_role("link", name="云海精密完成新一轮融资").click()
    assert phone.locator("h1").inner_text() == "云海精密完成新一轮融资"
    image = phone.locator("main img[alt='扩建中的滨江生产基地']")
    assert image.count() == 1 and image.get_attribute("src").startswith("/media/editor/")
    phone.goto(live_server.url + "/search/?q=云海精密")
    assert phone.get_by_role("link", name=re.compile("云海精密完成新一轮融资")).is_visible()

    contribution.refresh_from_db()
    assert contribution.article_id == article.pk
    send_due_emails()  # the mail worker's round
    published_mail = [message for message in mail.outbox if message.to == ["zhoumin@yunhai.example.cn"]][-1]
    assert f"{article.get_absolute_url()}" in published_mail.body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_article_appears_at_its_time(desktop, phone, live_server, reviewer):
    """The page cache is on: the list is cached before the time and still shows the article right after it."""
    SiteSettings.load()  # created on first use, which purges every cached page once
    ColumnFactory(name="重大项目", slug="projects")
    ArticleFactory(title="已经发布的资讯", column=Column.objects.get())
    page = desktop
    sign_in(page, live_server, reviewer, "/admin/articles/article/add/")
    page.fill("#id_title", "云湖区重大项目集中签约仪式")
    page.select_option("#id_column", label="重大项目")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("二十个重大项目将于今天集中签约。")
    publish_at = timezone.localtime() + timedelta(seconds=8)
    page.fill("#id_publish_at_0", publish_at.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", publish_at.strftime("%H:%M:%S"))
    page.get_by_role("button", name="保存并继续编辑").click()
    page.wait_for_url("**/change/")
    publish_open_item(page)
    article = Article.objects.get(title="云湖区重大项目集中签约仪式")
    assert article.status == Status.PUBLISHED and article.publish_at > timezone.now()

    phone.goto(live_server.url + "/news/")
    assert "云湖区重大项目集中签约仪式" not in phone.locator("main").inner_text()
    assert phone.goto(live_server.url + article.get_absolute_url()).status == 404
    # Asked without the browser's own cache (which would revalidate and show its stored headers):
    response = phone.context.request.get(live_server.url + "/news/")
    assert response.headers.get("x-page-cache") == "hit"  # served from the page cache, bounded by the scheduled time

    wait = (article.publish_at - timezone.now()).total_seconds()
    phone.wait_for_timeout(max(0, wait) * 1000 + 300)
    phone.goto(live_server.url + "/news/")
    phone.get_by_role("link", name="云湖区重大项目集中签约仪式").click()
    assert phone.locator("h1").inner_text() == "云湖区重大项目集中签约仪式"

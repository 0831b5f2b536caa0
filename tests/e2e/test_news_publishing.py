"""A reviewer writes an article in the admin's rich-text editor, publishes it, and a phone visitor reads it."""

import pytest
from PIL import Image

from articles.models import Article
from cms.media.models import EditorImage
from cms.workflow.states import Status
from tests.e2e.admin_steps import publish_open_item, sign_in
from tests.factories import ColumnFactory


def sample_image(folder):
    path = folder / "签约现场.png"
    Image.new("RGB", (320, 200), (11, 79, 156)).save(path)
    return path


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reviewer_writes_and_publishes_and_a_visitor_reads(desktop, phone, live_server, reviewer, tmp_path):
    ColumnFactory(name="重大项目", slug="projects")
    page = desktop
    sign_in(page, live_server, reviewer, "/admin/articles/article/add/")

    page.fill("#id_title", "云湖区人工智能算力中心投入试运行")
    page.select_option("#id_column", label="重大项目")
    page.fill("#id_tags", "人工智能、算力")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("算力中心面向区内中小企业开放，按需租用。")
    page.keyboard.press("Enter")
    page.keyboard.type("首批二十家企业已经签约。")
    assert "字数" in page.locator(".character-count").inner_text()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="上传图片").click()
    chooser.value.set_files(str(sample_image(tmp_path)))
    page.wait_for_selector(".upload-status:has-text('/media/editor/')")
    image_url = page.locator(".upload-status").inner_text().split("：")[-1].strip()
    assert image_url.startswith("/media/editor/") and EditorImage.objects.filter(uploaded_by=reviewer).exists()
    page.get_by_role("button", name="保存并继续编辑").click()
    page.wait_for_url("**/change/")

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert "<p>算力中心面向区内中小企业开放，按需租用。</p>" in article.body

    publish_open_item(page)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED

    phone.goto(live_server.url + "/news/")
    phone.get_by_role("link", name="云湖区人工智能算力中心投入试运行").click()
    assert phone.locator("h1").inner_text() == "云湖区人工智能算力中心投入试运行"
    assert phone.get_by_text("首批二十家企业已经签约。").is_visible()
    assert phone.get_by_role("link", name="人工智能").is_visible()

"""A visitor on a phone and a keyboard user find their way around the site shell."""

import pytest


@pytest.fixture
def site(live_server, demo_site):
    return live_server.url


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_phone_visitor_sees_the_shell_without_horizontal_scrolling(phone, site):
    phone.goto(site + "/")
    assert phone.locator("h1").count() == 1
    assert phone.get_by_role("link", name="021-5555 0100").first.is_visible()
    assert phone.get_by_role("navigation", name="主导航").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

    phone.get_by_role("navigation", name="主导航").get_by_role("link", name="联系我们").click()
    phone.wait_for_url("**/contact/")
    assert phone.locator("h1").inner_text() == "联系我们"
    assert phone.get_by_text("invest@yunhu.example.cn").first.is_visible()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keyboard_user_can_skip_to_the_content_and_sees_focus(desktop, site):
    desktop.goto(site + "/about/")
    desktop.keyboard.press("Tab")
    skip = desktop.get_by_role("link", name="跳到主要内容")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # the skip link moves into view when focused
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("location.hash") == "#main-content"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_not_found_page_is_in_chinese(desktop, site):
    response = desktop.goto(site + "/does-not-exist/")
    assert response.status == 404
    assert desktop.locator("h1").inner_text() == "页面不存在"
    desktop.get_by_role("link", name="返回首页").click()
    assert desktop.locator("h1").count() == 1

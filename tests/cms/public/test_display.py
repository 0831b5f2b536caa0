"""The elder-friendly mode (长者模式): a plain link switches it, a cookie keeps it, pages render larger."""

import pytest

from tests.helpers import text_of

pytestmark = pytest.mark.django_db


def test_the_header_link_switches_elder_mode_on_and_off_without_javascript(client, demo_site):
    page = client.get("/news/")
    assert "长者模式" in text_of(page) and 'class="elder"' not in page.content.decode()
    response = client.get("/display/", {"elder": "1", "next": "/news/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/news/?page=1"
    assert response.cookies["elder"].value == "1" and response.cookies["elder"]["samesite"] == "Lax"
    page = client.get("/news/")
    assert '<html lang="zh-CN" class="elder">' in page.content.decode() and "标准模式" in text_of(page)
    response = client.get("/display/", {"elder": "0", "next": "/news/"})
    assert response.cookies["elder"].value == "" and 'class="elder"' not in client.get("/news/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\\\evil.example", "javascript:x"])
def test_the_switch_never_redirects_off_the_site(client, target):
    response = client.get("/display/", {"elder": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_elder_styles_enlarge_text_and_raise_contrast():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[3] / "cms/static/cms/css/site.css").read_text()
    assert "html.elder { font-size: 125%; }" in css and "--color-text: #000;" in css

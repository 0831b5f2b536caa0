"""The admin is Chinese, branded with the site name, and opens on a dashboard."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.helpers import text_of

pytestmark = pytest.mark.django_db


def test_admin_header_carries_the_site_name(client, reviewer, demo_site):
    client.force_login(reviewer)
    response = client.get("/admin/")
    assert response.status_code == 200
    text = text_of(response)
    assert "云湖区投资促进中心 内容管理" in text
    assert "工作台" in text
    assert "编辑站点设置" in text


def test_dashboard_hides_what_the_user_may_not_do(client, officer, demo_site):
    client.force_login(officer)
    text = text_of(client.get("/admin/"))
    assert "编辑站点设置" not in text


def test_admin_login_page_is_chinese(client):
    text = text_of(client.get("/admin/login/"))
    assert "用户名" in text and "密码" in text


def test_site_settings_changelist_opens_the_single_form(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/admin/cms/sitesettings/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/cms/sitesettings/1/change/"


def test_every_changelist_and_add_page_opens_for_a_superuser(client, rf, superuser, demo_site):
    client.force_login(superuser)
    request = rf.get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        response = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert response.status_code in (200, 302), info
        if model_admin.has_add_permission(request):
            assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200, info


def test_site_settings_reject_a_fake_image(client, reviewer, demo_site):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reviewer)
    fake = SimpleUploadedFile("logo.png", b"MZ\x90\x00 this is an executable", content_type="image/png")
    data = {
        "site_name": "云湖区投资促进中心",
        "hotline": "021-5555 0100",
        "service_hours": "",
        "contact_email": "",
        "address": "",
        "icp_number": "",
        "police_number": "",
        "default_meta_description": "",
        "wechat_account": "",
        "logo": fake,
    }
    response = client.post("/admin/cms/sitesettings/1/change/", data)
    assert response.status_code == 200
    assert "有效的图片" in text_of(response)
    assert "云湖区投资促进中心" in response.content.decode()  # what the editor typed is kept

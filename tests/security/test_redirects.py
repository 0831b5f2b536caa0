"""Open redirects: no ``next=`` sends a visitor off the site, however it is spelled."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = {
    "absolute": "https://evil.example/",
    "scheme-relative": "//evil.example",
    "backslash": "/\\evil.example",
    "double-backslash": "\\\\evil.example",
    "scheme-without-slashes": "https:evil.example",
    "tab-in-slashes": "/\t/evil.example",
    "userinfo": "http://testserver@evil.example/",
    "javascript": "javascript:alert(1)",
    "encoded-slashes": "/%2F%2Fevil.example",
}
HOSTILE = pytest.mark.parametrize("target", list(HOSTILE_NEXT.values()), ids=list(HOSTILE_NEXT))


def assert_stays_on_site(location: str) -> None:
    parts = urlsplit(location)
    assert parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver"), location
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil.example" not in parts.netloc and "\\" not in location[:2], location


@HOSTILE
def test_login_never_redirects_off_site(client, superuser, target):
    form = client.get("/admin/login/", {"next": target})
    assert form.status_code == 200
    response = client.post(
        f"/admin/login/?next={target}",
        {"username": "root-test", "password": "pw-for-tests-only", "next": target},
    )
    assert response.status_code == 302, "the login succeeded"
    assert_stays_on_site(response["Location"])
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example"])
def test_logout_never_redirects_off_site(client, editor, target):
    client.force_login(editor)
    response = client.post(f"/admin/logout/?next={target}", {"next": target})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert_stays_on_site(response["Location"])
    assert client.get("/admin/").status_code == 302  # logged out


def test_admin_login_redirect_for_anonymous_keeps_the_path_only(client):
    response = client.get("/admin/articles/article/?next=https://evil.example/")
    assert response.status_code == 302
    assert_stays_on_site(response["Location"])
    assert response["Location"].startswith("/admin/login/?next=/admin/articles/article/")

"""Response headers under the production settings, through the real middleware stack."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PRODUCTION_VALUES = [
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_HTTPONLY", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY",
]  # fmt: skip
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture(scope="module")
def production_values() -> dict:
    """The security settings as cms.settings.prod computes them (read in a separate process)."""
    names = ",".join(repr(name) for name in PRODUCTION_VALUES)
    code = "import json; from django.conf import settings as s; "
    code += f"print(json.dumps({{n: getattr(s, n) for n in [{names}]}}))"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.prod", "DJANGO_ALLOWED_HOSTS": "testserver",
           "DJANGO_SECRET_KEY": "header-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
           "SITE_URL": "https://testserver"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production(settings, production_values):
    """The test settings with every security value taken from the production settings."""
    for name, value in production_values.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)
    return production_values


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in policy.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("path", ["/", "/news/", "article", "/policies/", "/search/?q=招商", "/consult/", "/about-x/"])
def test_public_pages_carry_the_strict_headers(client, production, path):
    if path == "article":
        path = ArticleFactory().get_absolute_url()
    response = client.get(path, **HTTPS)
    assert response.status_code in (200, 404)
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    hsts = dict(item.strip().partition("=")[::2] for item in response["Strict-Transport-Security"].split(";"))
    assert int(hsts["max-age"]) >= 365 * 24 * 3600 and "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_plain_http_is_redirected_to_https(client, production):
    response = client.get("/news/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/news/"


def test_the_looser_policy_is_kept_to_the_admin(client, production, editor):
    client.force_login(editor)
    admin_policy = directives(client.get("/admin/articles/article/add/", **HTTPS)["Content-Security-Policy"])
    assert "'unsafe-inline'" in admin_policy["script-src"]  # the rich-text editor's import map
    assert admin_policy["object-src"] == ["'none'"] and admin_policy["frame-ancestors"] == ["'none'"]
    public_policy = directives(client.get("/news/", **HTTPS)["Content-Security-Policy"])
    assert "'unsafe-inline'" not in public_policy["script-src"]


def test_cookies_are_secure_http_only_and_same_site(client, production, editor):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": editor.username, "password": "pw-for-tests-only"}, **HTTPS
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.get("/consult/", **HTTPS).cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"

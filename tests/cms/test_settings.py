"""Production settings refuse to start without secrets and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.prod",
    "DJANGO_SECRET_KEY": "a-long-random-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-!@#$%^",
    "DJANGO_ALLOWED_HOSTS": "invest.example.cn",
    "SITE_URL": "https://invest.example.cn",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean_env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean_env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "SITE_URL"])
def test_production_settings_refuse_to_start_without(missing):
    env = {key: value for key, value in PROD_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_settings_refuse_a_site_url_that_is_not_an_absolute_address():
    result = run_manage("check", env={**PROD_ENV, "SITE_URL": "invest.example.cn"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SITE_URL" in result.stderr


def test_development_settings_leave_the_site_address_to_the_request():
    """No SITE_URL in development: links use the address of the request (tests/cms/public/test_site_address.py)."""
    code = "from django.conf import settings as s; print(repr(s.SITE_URL))"
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "SITE_URL": ""}  # an empty variable is an unset one
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "''"


def test_production_settings_pass_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_strict():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.EMAIL_BACKEND, 'demo' in s.INSTALLED_APPS)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "django.core.mail.backends.smtp.EmailBackend",
        "False",
    ]


def test_database_url_defaults_to_an_sqlite_file_in_the_project():
    code = (
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env={"DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "db.sqlite3"


def test_redis_url_switches_to_the_shared_cache():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "REDIS_URL": "redis://127.0.0.1:6379/3"},
    )
    assert result.stdout.strip() == "cms.caching.redis.RedisCache"


def test_a_bucket_name_switches_media_to_object_storage():
    code = (
        "from django.core.files.storage import storages as s; "
        "print(type(s['default']).__name__, s['default'].bucket_name)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "MEDIA_S3_BUCKET": "yunhu-media",
           "MEDIA_S3_ENDPOINT_URL": "https://oss-cn-shanghai.aliyuncs.com"}  # fmt: skip
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.strip() == "S3Storage yunhu-media"


def test_the_redis_cache_reuses_its_client():
    from cms.caching.redis import RedisCache

    shared = RedisCache("redis://127.0.0.1:6379/3", {"KEY_PREFIX": "cms-test"})
    shared.set_many({"a": 1, "b": {"page": "内容"}}, timeout=30)
    assert shared.get_many(["a", "b", "c"]) == {"a": 1, "b": {"page": "内容"}}
    assert shared._cache.get_client() is shared._cache.get_client(write=True)
    shared.delete_many(["a", "b"])


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True

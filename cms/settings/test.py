"""Test settings: fast hashing, in-memory email, plain static files, a throw-away MEDIA_ROOT."""

import tempfile
from pathlib import Path

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105 - tests only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cms-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="cms-test-static-"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_URL = "https://invest.example.test"
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# Check the shared page-cache generation on every request (one process; purges are seen at once anyway).
PAGE_CACHE_LOCAL_SECONDS = 0

"""Local development: the embedded SQLite database, debug pages, emails on the console."""

from cms.settings.base import *  # noqa: F403
from cms.settings.env import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
# Demo and benchmark content (load_demo, bench_content, bench_search): never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# Serve static files straight from the apps while developing (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Template edits show at once while developing: no whole-page or fragment caching unless asked for.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", False)

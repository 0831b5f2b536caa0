"""The whole site mounted under ``/portal/`` (``ROOT_URLCONF`` for tests/cms/public/test_site_links.py)."""

from django.urls import include, path

urlpatterns = [path("portal/", include("cms.urls"))]

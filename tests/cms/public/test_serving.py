"""Static files as production serves them: hashed names, Brotli and gzip, immutable far-future caching."""

import json

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

pytestmark = pytest.mark.django_db

PRODUCTION_STATIC = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
    call_command("collectstatic", interactive=False, verbosity=0)
    return json.loads((tmp_path / "staticfiles.json").read_text())["paths"]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_hashed_static_files_are_compressed_and_cached_for_ever(collected, encoding):
    hashed = collected["cms/css/site.css"]
    assert hashed != "cms/css/site.css" and hashed.startswith("cms/css/site.")
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    request = RequestFactory().get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING=f"{encoding}, identity")
    response = middleware(request)
    assert response.status_code == 200 and response["Content-Encoding"] == encoding
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    assert "Accept-Encoding" in response["Vary"]


def test_media_are_not_served_by_the_application(client, settings):
    assert not settings.DEBUG
    assert client.get("/media/editor/anything.png").status_code == 404

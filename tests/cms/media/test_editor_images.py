"""Pictures for rich text: staff-only upload endpoint and admin, validated, EXIF removed, generated names."""

import io
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.media.models import EditorImage

pytestmark = pytest.mark.django_db

URL = "/admin/editor-images/upload/"


def photo(name="现场照片.jpg") -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def media_files() -> list[str]:
    return [os.path.join(root, name) for root, _dirs, names in os.walk(settings.MEDIA_ROOT) for name in names]


def test_editor_uploads_a_picture(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"file": photo(), "alt": "签约现场"})
    assert response.status_code == 200
    data = response.json()
    assert data["width"] == 640 and data["url"].startswith("/media/editor/") and "现场" not in data["url"]
    image = EditorImage.objects.get()
    with image.file.open() as handle, Image.open(handle) as stored:
        assert not stored.getexif()
    assert image.uploaded_by == editor


def test_bad_uploads_are_refused_and_leave_nothing(client, editor):
    client.force_login(editor)
    before = media_files()
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")
    response = client.post(URL, {"file": fake})
    assert response.status_code == 400 and "有效的图片" in response.json()["error"]
    svg = SimpleUploadedFile("photo.svg", b"<svg onload='alert(1)'/>", content_type="image/svg+xml")
    assert client.post(URL, {"file": svg}).status_code == 400
    assert client.post(URL, {}).status_code == 400
    assert EditorImage.objects.count() == 0 and media_files() == before


def test_only_staff_with_permission_may_upload(client, officer, staff_without_role):
    assert client.post(URL, {"file": photo()}).status_code == 302  # to the login page
    client.force_login(officer)
    assert client.post(URL, {"file": photo()}).status_code == 403
    client.force_login(staff_without_role)
    assert client.post(URL, {"file": photo()}).status_code == 403
    assert client.get(URL).status_code == 405


def test_upload_through_the_admin_shows_the_address(client, editor):
    client.force_login(editor)
    response = client.post("/admin/cms/editorimage/add/", {"file": photo(), "alt": "园区全景"}, follow=True)
    assert response.status_code == 200
    image = EditorImage.objects.get()
    assert image.width == 640 and image.file.name.startswith("editor/")
    assert image.file.url in client.get(f"/admin/cms/editorimage/{image.pk}/change/").content.decode()

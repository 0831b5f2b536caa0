"""Hostile files through the real upload endpoints: refused with a Chinese message, nothing left in MEDIA_ROOT."""

import struct
import zlib
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from cms.media.models import EditorImage
from cms.workflow.states import Status
from policies.models import Attachment
from tests.factories import PolicyFactory
from tests.helpers import article_form

from .tools import error_lists, has_chinese, media_files, png_bytes, policy_change_data

pytestmark = pytest.mark.django_db

MZ_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"This program cannot be run"
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
)
PDF_POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n"
IMAGE_LIMIT = 10 * 1024 * 1024
ATTACHMENT_LIMIT = 20 * 1024 * 1024


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@cache
def pixel_flood_png(side: int = 20_000) -> bytes:
    """A complete, valid 1-bit greyscale PNG of side×side pixels (400 megapixels) that weighs about 60 KB."""
    row = b"\x00" + b"\x00" * (side // 8)
    compressor = zlib.compressobj(9)
    rows_per_chunk = 1000
    data = b"".join(compressor.compress(row * rows_per_chunk) for _chunk_index in range(side // rows_per_chunk))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def oversize_png() -> bytes:
    image = png_bytes()
    return image + b"\x00" * (IMAGE_LIMIT + 1 - len(image))


BAD_IMAGES = {
    "renamed-executable": lambda: ("photo.jpg", MZ_EXECUTABLE, "image/jpeg"),
    "html-named-png": lambda: ("photo.png", HTML_PAGE, "image/png"),
    "svg-script-named-png": lambda: ("photo.png", SVG_WITH_SCRIPT, "image/png"),
    "pdf-polyglot-named-jpg": lambda: ("photo.jpg", PDF_POLYGLOT, "image/jpeg"),
    "oversize": lambda: ("photo.png", oversize_png(), "image/png"),
    "pixel-flood": lambda: ("photo.png", pixel_flood_png(), "image/png"),
}
BAD_IMAGE_CASES = pytest.mark.parametrize("make", list(BAD_IMAGES.values()), ids=list(BAD_IMAGES))


def upload(make) -> SimpleUploadedFile:
    name, content, content_type = make()
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_the_pixel_flood_is_small_on_disk_but_huge_when_decoded():
    from PIL import Image

    data = pixel_flood_png()
    assert len(data) < 200_000
    header = struct.unpack(">II", data[16:24])
    assert header == (20_000, 20_000) and Image.MAX_IMAGE_PIXELS < 20_000 * 20_000


@BAD_IMAGE_CASES
def test_editor_image_endpoint_refuses(client, editor, make):
    client.force_login(editor)
    before = media_files()
    response = client.post("/admin/editor-images/upload/", {"file": upload(make), "alt": "图片"})
    assert response.status_code == 400
    message = response.json()["error"]
    assert has_chinese(message) and "图片" in message, message
    assert EditorImage.objects.count() == 0 and media_files() == before


@BAD_IMAGE_CASES
def test_editor_image_admin_refuses(client, editor, make):
    client.force_login(editor)
    before = media_files()
    response = client.post("/admin/cms/editorimage/add/", {"file": upload(make), "alt": "图片"})
    assert response.status_code == 200
    errors = error_lists(response.content.decode())
    assert has_chinese(errors) and "图片" in errors, errors
    assert EditorImage.objects.count() == 0 and media_files() == before


@BAD_IMAGE_CASES
def test_article_cover_refuses(client, editor, column, make):
    client.force_login(editor)
    before = media_files()
    data = article_form(column, title="封面测试", cover=upload(make), cover_alt="园区全景")
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    errors = error_lists(response.content.decode())
    assert has_chinese(errors) and "图片" in errors, errors
    assert Article.objects.count() == 0 and media_files() == before


def oversize_pdf() -> bytes:
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    return head + b"%" * (ATTACHMENT_LIMIT + 1 - len(head))


BAD_ATTACHMENTS = {
    "renamed-executable": lambda: ("全文.pdf", MZ_EXECUTABLE),
    "html-named-pdf": lambda: ("全文.pdf", HTML_PAGE),
    "svg-script-named-pdf": lambda: ("全文.pdf", SVG_WITH_SCRIPT),
    "html-named-doc": lambda: ("申报表.doc", HTML_PAGE),
    "svg-script-named-png": lambda: ("图片.png", SVG_WITH_SCRIPT),
    "html-file": lambda: ("网页.html", HTML_PAGE),
    "oversize": lambda: ("全文.pdf", oversize_pdf()),
}


@pytest.mark.parametrize("make", list(BAD_ATTACHMENTS.values()), ids=list(BAD_ATTACHMENTS))
def test_policy_attachment_inline_refuses(client, editor, make):
    policy = PolicyFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    before = media_files()
    name, content = make()
    data = policy_change_data(client, policy)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile(name, content),
            "attachments-0-title": "全文",
            "attachments-0-order": "0",
        }
    )
    response = client.post(f"/admin/policies/policy/{policy.pk}/change/", data)
    assert response.status_code == 200
    errors = error_lists(response.content.decode())
    assert has_chinese(errors) and "文件" in errors, errors
    assert Attachment.objects.count() == 0 and media_files() == before


def test_a_pdf_with_html_inside_is_only_ever_downloaded_as_pdf(client, editor, reviewer):
    """Starting with %PDF- it is a PDF to the sniffer (PDF readers accept leading garbage too); what matters is that
    the site never serves it as a page: forced download, PDF type, no content sniffing."""
    policy = PolicyFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    data = policy_change_data(client, policy)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile("全文.html.pdf", PDF_POLYGLOT, content_type="text/html"),
            "attachments-0-title": "全文",
            "attachments-0-order": "0",
        }
    )
    assert client.post(f"/admin/policies/policy/{policy.pk}/change/", data).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == "pdf" and attachment.file.name.endswith(".pdf")
    client.force_login(reviewer)
    assert client.post(f"/admin/policies/policy/{policy.pk}/workflow/publish/", {"comment": ""}).status_code == 302
    client.logout()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_POLYGLOT

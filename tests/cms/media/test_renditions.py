"""Cover renditions: made when the image changes, right sizes and formats, EXIF removed, lazy <picture> markup."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from PIL import Image

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def jpeg_with_exif(size=(3000, 2000)) -> ContentFile:
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0112] = 1  # Orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return ContentFile(buffer.getvalue(), name="cover.jpg")


def png_with_transparency() -> ContentFile:
    image = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="cover.png")


def test_renditions_are_made_with_the_right_sizes_and_formats():
    article = ArticleFactory()
    article.cover.save("cover.jpg", jpeg_with_exif(), save=True)
    renditions = article.cover_renditions
    expected = {"thumb": (360, 240), "detail": (1200, 800), "og": (1200, 630)}
    for name, size in expected.items():
        for fmt, pil_format in (("jpeg", "JPEG"), ("webp", "WEBP")):
            with default_storage.open(renditions[name][fmt]) as handle, Image.open(handle) as image:
                assert image.size == size and image.format == pil_format
                assert not image.getexif()
        assert (renditions[name]["width"], renditions[name]["height"]) == size
    with default_storage.open(article.cover.name) as handle, Image.open(handle) as original:
        assert not original.getexif()


def test_transparent_png_and_small_images_are_not_upscaled():
    article = ArticleFactory()
    article.cover.save("cover.png", png_with_transparency(), save=True)
    assert article.cover_renditions["detail"]["width"] == 800


def test_changing_or_removing_the_image_replaces_the_renditions():
    article = ArticleFactory()
    article.cover.save("first.jpg", jpeg_with_exif((1600, 900)), save=True)
    old = article.cover_renditions["thumb"]["jpeg"]
    article.cover.save("second.jpg", jpeg_with_exif((1600, 900)), save=True)
    assert not default_storage.exists(old)
    assert article.cover_renditions["source"] == article.cover.name
    article.cover = None
    article.save()
    assert article.cover_renditions == {}


def test_picture_tag_renders_lazy_image_with_size_and_escaped_alt():
    article = ArticleFactory()
    article.cover.save("cover.jpg", jpeg_with_exif((1600, 900)), save=True)
    html = Template('{% load images %}{% picture renditions "thumb" alt=alt %}').render(
        Context({"renditions": article.cover_renditions, "alt": '园区"全景"<b>'})
    )
    assert '<source type="image/webp"' in html and 'loading="lazy"' in html
    assert 'width="360" height="240"' in html
    assert "&quot;全景&quot;&lt;b&gt;" in html
    assert (
        Template('{% load images %}{% picture renditions "thumb" %}').render(Context({"renditions": {}})).strip() == ""
    )

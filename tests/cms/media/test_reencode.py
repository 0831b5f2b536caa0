"""One metadata re-encoder (cms/media/reencode.py) for editor images, covers and renditions: upright, and without
EXIF, XMP, comments or text chunks."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from cms.media import editor_images, reencode, renditions
from cms.media.editor_images import store_editor_image
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROTATED_RIGHT = 6  # EXIF orientation: the camera was held upright, the pixels lie on their side


def phone_photo() -> bytes:
    """640×480 pixels shown upright as 480×640, with the camera, a GPS position and a comment."""
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0112] = ROTATED_RIGHT  # Orientation
    exif.get_ifd(0x8825)[2] = (31.0, 12.0, 0.0)  # GPSLatitude
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 80, 40)).save(buffer, "JPEG", exif=exif.tobytes(), comment=b"Shanghai office")
    return buffer.getvalue()


def png_with_text() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "某编辑")
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(buffer, "PNG", pnginfo=text)
    return buffer.getvalue()


def assert_clean(handle, size) -> None:
    with Image.open(handle) as image:
        assert image.size == size
        assert not image.getexif() and "comment" not in image.info and "exif" not in image.info
        assert not getattr(image, "text", {}) and "Author" not in image.info


def test_editor_images_covers_and_renditions_share_the_one_re_encoder():
    assert editor_images.reencode is reencode.reencode and renditions.reencode is reencode.reencode
    assert renditions.without_metadata is reencode.without_metadata


def test_an_editor_image_comes_out_upright_and_without_metadata():
    image = store_editor_image(SimpleUploadedFile("照片.jpg", phone_photo(), content_type="image/jpeg"))
    assert (image.width, image.height) == (480, 640)
    with image.file.open() as handle:
        assert_clean(handle, (480, 640))


def test_a_cover_and_its_renditions_come_out_upright_and_without_metadata():
    article = ArticleFactory()
    article.cover.save("cover.jpg", ContentFile(phone_photo()), save=True)
    with default_storage.open(article.cover.name) as handle:
        assert_clean(handle, (480, 640))
    detail = article.cover_renditions["detail"]
    assert (detail["width"], detail["height"]) == (480, 640)
    for fmt in ("jpeg", "webp"):
        with default_storage.open(detail[fmt]) as handle:
            assert_clean(handle, (480, 640))


def test_png_text_chunks_go_on_both_paths_and_transparency_stays():
    image = store_editor_image(SimpleUploadedFile("图.png", png_with_text(), content_type="image/png"))
    with image.file.open() as handle:
        assert_clean(handle, (300, 200))
    article = ArticleFactory()
    article.cover.save("cover.png", ContentFile(png_with_text()), save=True)
    with default_storage.open(article.cover.name) as handle:
        assert_clean(handle, (300, 200))
        handle.seek(0)
        with Image.open(handle) as stored:
            assert stored.mode == "RGBA"


def test_a_clean_original_is_not_encoded_again():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 120, 200)).save(buffer, "JPEG", quality=95)
    article = ArticleFactory()
    article.cover.save("clean.jpg", ContentFile(buffer.getvalue()), save=True)
    with default_storage.open(article.cover.name) as handle:
        assert handle.read() == buffer.getvalue()

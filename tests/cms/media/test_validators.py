"""Image uploads are sniffed by Pillow and capped in bytes and pixels."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.media import validators


def image_file(name="photo.jpg", size=(64, 48), fmt="JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_real_image_passes():
    validators.validate_image_file(image_file())


def test_an_executable_renamed_to_jpg_is_rejected():
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="image/jpeg")
    with pytest.raises(ValidationError) as excinfo:
        validators.validate_image_file(fake)
    assert excinfo.value.code == "invalid_image"


def test_an_oversized_file_is_rejected(monkeypatch):
    monkeypatch.setattr(validators, "MAX_IMAGE_BYTES", 100)
    with pytest.raises(ValidationError) as excinfo:
        validators.validate_image_file(image_file())
    assert excinfo.value.code == "image_too_large"


def test_a_pixel_flood_is_rejected(monkeypatch):
    monkeypatch.setattr(validators, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ValidationError) as excinfo:
        validators.validate_image_file(image_file(size=(100, 100)))
    assert excinfo.value.code == "image_too_many_pixels"


def test_an_unsupported_image_type_is_rejected():
    with pytest.raises(ValidationError) as excinfo:
        validators.validate_image_file(image_file("x.bmp", fmt="BMP"))
    assert excinfo.value.code == "invalid_image_type"

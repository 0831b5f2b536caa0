"""The one metadata re-encoder: every picture we store (covers, editor images) and every rendition goes through it.

Photos carry EXIF (camera, time, often the GPS position), XMP and comments. ``reencode`` decodes an image, turns it
upright by its EXIF orientation and encodes it again in its own format with none of that; ``without_metadata``
drops the same from an image being encoded elsewhere (renditions), so nothing personal survives either way.
"""

import io
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageOps

from cms.media.validators import ALLOWED_IMAGE_FORMATS

JPEG_QUALITY = 90
#: What an image's ``info`` keeps: how it is drawn, nothing about who took it, where, when or with what.
KEPT_INFO = frozenset({"transparency", "duration", "loop", "background", "icc_profile", "dpi"})
#: How the file was laid out (JFIF header, progressive scan, PNG gamma…): re-encoding writes these afresh, so a
#: file with nothing else needs no re-encoding.
LAYOUT_INFO = frozenset({"jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression", "adobe",
                         "adobe_transform", "version", "extension", "gamma", "srgb", "chromaticity", "aspect",
                         "interlace"})  # fmt: skip


@dataclass(frozen=True)
class Reencoded:
    content: bytes
    format: str
    width: int
    height: int


def has_metadata(image: Image.Image) -> bool:
    """Whether ``image`` (as opened) carries anything ``reencode`` removes: EXIF (orientation included), XMP,
    comments, text chunks or anything else we do not know to be harmless."""
    return bool(image.getexif()) or bool(set(image.info) - KEPT_INFO - LAYOUT_INFO)


def without_metadata(image: Image.Image) -> Image.Image:
    """``image`` with only ``KEPT_INFO`` left in its ``info`` (Pillow writes some of ``info`` back when saving)."""
    image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    return image


def reencode(source: BinaryIO) -> Reencoded:
    """Decode ``source`` and encode it again in its own format, upright and without metadata (a GIF keeps its first
    frame and is not turned)."""
    with Image.open(source) as opened:
        image_format = opened.format
        if image_format not in ALLOWED_IMAGE_FORMATS:
            raise ValueError(f"Unsupported image format {image_format!r}")
        opened.load()
        image = opened.copy() if image_format == "GIF" else ImageOps.exif_transpose(opened)
    options = {}
    if image_format == "JPEG":
        image, options = image.convert("RGB"), {"quality": JPEG_QUALITY}
    buffer = io.BytesIO()
    without_metadata(image).save(buffer, image_format, **options)
    return Reencoded(buffer.getvalue(), image_format, image.width, image.height)

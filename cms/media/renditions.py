"""Image renditions: made once when an image changes (never during a page request), WebP with a JPEG fallback.

Each rendition is stored next to the others under ``renditions/`` with a deterministic name, so regenerating
overwrites. The originals lose their EXIF metadata (location, camera) when they are processed.
"""

import io
import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps


@dataclass(frozen=True)
class RenditionSpec:
    width: int
    height: int | None  # None: keep the ratio, at most ``width`` wide
    crop: bool


RENDITION_SPECS = {
    "thumb": RenditionSpec(360, 240, crop=True),
    "detail": RenditionSpec(1200, None, crop=False),
    "og": RenditionSpec(1200, 630, crop=True),
}
JPEG_QUALITY = 82
WEBP_QUALITY = 80


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on a white background (JPEG has no transparency)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _resize(image: Image.Image, spec: RenditionSpec) -> Image.Image:
    if spec.crop and spec.height:
        return ImageOps.fit(image, (spec.width, spec.height), Image.Resampling.LANCZOS)
    if image.width <= spec.width:
        return image.copy()
    height = round(image.height * spec.width / image.width)
    return image.resize((spec.width, height), Image.Resampling.LANCZOS)


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return buffer.getvalue()


def _replace(storage, name: str, content: bytes) -> str:
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(content))


def strip_metadata(field_file) -> None:
    """Re-encode the stored original without EXIF (after applying its orientation), when it carries any."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as handle:
        image = Image.open(handle)
        image.load()
    if not image.info.get("exif") and "xmp" not in image.info and not image.getexif():
        return
    oriented = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    fmt = image.format or "JPEG"
    if fmt == "JPEG":
        oriented.convert("RGB").save(buffer, "JPEG", quality=92)
    else:
        oriented.save(buffer, fmt)
    storage.delete(field_file.name)
    storage.save(field_file.name, ContentFile(buffer.getvalue()))


def make_renditions(field_file, *, specs: dict[str, RenditionSpec] = RENDITION_SPECS) -> dict:
    """Create every rendition of a stored image; returns the JSON-serialisable description of the set."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as handle:
        image = Image.open(handle)
        image.load()
    image = _flatten(ImageOps.exif_transpose(image))
    stem = os.path.splitext(field_file.name)[0]
    renditions: dict = {"source": field_file.name}
    for name, spec in specs.items():
        resized = _resize(image, spec)
        renditions[name] = {
            "jpeg": _replace(storage, f"renditions/{stem}-{name}.jpg", _encode(resized, "JPEG")),
            "webp": _replace(storage, f"renditions/{stem}-{name}.webp", _encode(resized, "WEBP")),
            "width": resized.width,
            "height": resized.height,
        }
    return renditions


def delete_renditions(renditions: dict, storage) -> None:
    for name, rendition in (renditions or {}).items():
        if name == "source" or not isinstance(rendition, dict):
            continue
        for key in ("jpeg", "webp"):
            if rendition.get(key) and storage.exists(rendition[key]):
                storage.delete(rendition[key])


def refresh_cover_renditions(instance, *, field: str = "cover", renditions_field: str = "cover_renditions") -> bool:
    """Bring the renditions in line with the image: make them when it changed, remove them when it is gone.

    Returns whether anything changed. Saves only the renditions field.
    """
    field_file = getattr(instance, field)
    current = getattr(instance, renditions_field) or {}
    if field_file and current.get("source") == field_file.name:
        return False
    delete_renditions(current, field_file.storage)
    if field_file:
        strip_metadata(field_file)
        renditions = make_renditions(field_file)
    else:
        renditions = {}
    setattr(instance, renditions_field, renditions)
    type(instance).objects.filter(pk=instance.pk).update(**{renditions_field: renditions})
    return True


def rendition_url(renditions: dict, name: str, fmt: str, storage=None) -> str | None:
    from django.core.files.storage import default_storage

    rendition = (renditions or {}).get(name)
    if not rendition or not rendition.get(fmt):
        return None
    return (storage or default_storage).url(rendition[fmt])

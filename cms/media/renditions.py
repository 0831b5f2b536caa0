"""Image renditions: made once when an image changes (never during a page request), WebP with a JPEG fallback.

A content type declares which of its image fields have renditions, and the JSON field that describes them:
``hooks.register(hooks.IMAGE_RENDITIONS, ImageRenditions(Article, "cover", "cover_renditions"))`` in its
``cms_hooks.py``. One ``post_save`` receiver per registration (``connect_all``, at ready) brings the renditions in
line with the image in the save path: only when the image changed (none for a save that keeps it, none for raw
fixture saves, whose rows carry their renditions), before the page-cache watcher reads the row to purge it.

Each rendition is stored next to the others under ``renditions/`` with a deterministic name, so regenerating
overwrites. The originals lose their metadata (location, camera) through the one re-encoder, cms/media/reencode.py.
"""

import io
import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.signals import post_save
from PIL import Image, ImageOps

from cms import hooks
from cms.media.reencode import has_metadata, reencode, without_metadata


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
    image = without_metadata(image)
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
    """Re-encode the stored original upright and without metadata (``reencode``), when it carries any."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as handle, Image.open(handle) as image:
        if not has_metadata(image):
            return
    with storage.open(field_file.name, "rb") as handle:
        cleaned = reencode(handle)
    storage.delete(field_file.name)
    storage.save(field_file.name, ContentFile(cleaned.content))


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


@dataclass(frozen=True)
class ImageRenditions:
    """An image field of ``model`` whose renditions are described in its JSON field ``renditions_field``."""

    model: type[models.Model]
    field: str
    renditions_field: str


def connect_all() -> None:
    """Connect every registered ``ImageRenditions`` (called once the apps are ready, before the page-cache watchers,
    so that a purge after the save reads the new renditions)."""
    for registration in hooks.get(hooks.IMAGE_RENDITIONS):
        connect(registration)


def connect(registration: ImageRenditions) -> None:
    def after_save(sender, instance, raw=False, **kwargs):
        if not raw:
            refresh_renditions(instance, field=registration.field, renditions_field=registration.renditions_field)

    uid = f"renditions:{registration.model._meta.label}.{registration.field}"
    post_save.connect(after_save, sender=registration.model, weak=False, dispatch_uid=uid)


def refresh_renditions(instance, *, field: str, renditions_field: str) -> bool:
    """Bring the renditions in line with the image: make them when it changed, remove them when it is gone.

    Returns whether anything changed. Writes only the renditions field (``update()``, inside the save that changed
    the image: its page-cache watcher purges after commit and sees the new renditions).
    """
    field_file = getattr(instance, field)
    current = getattr(instance, renditions_field) or {}
    if (field_file and current.get("source") == field_file.name) or (not field_file and not current):
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

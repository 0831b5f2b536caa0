"""Pictures staff upload to place inside rich text."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.db import TimeStampedModel
from cms.media.validators import validate_image_file


def editor_image_path(instance: "EditorImage", filename: str) -> str:
    extension = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}.get(instance.format, "jpg")
    return f"editor/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class EditorImage(TimeStampedModel):
    """A picture uploaded by staff to place inside rich text. Stored under a generated name, EXIF removed."""

    file = models.ImageField(_("image"), upload_to=editor_image_path, validators=[validate_image_file])
    alt = models.CharField(_("description"), max_length=150, blank=True)
    format = models.CharField(max_length=10, editable=False)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image for rich text")
        verbose_name_plural = _("images for rich text")

    def __str__(self) -> str:
        return self.alt or self.file.name

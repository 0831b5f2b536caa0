"""Upload validation shared by every model that stores an image."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def validate_image_file(file) -> None:
    """Accept only a real JPEG/PNG/GIF/WebP image (sniffed by Pillow) within the size and pixel caps."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (%(width)s×%(height)s). The limit is 40 megapixels.")
                    % {"width": width, "height": height},
                    code="image_too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("The file is not a valid image. Upload a JPEG, PNG, GIF or WebP picture."), code="invalid_image"
        ) from exc
    finally:
        file.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Images of type %(format)s are not accepted. Upload a JPEG, PNG, GIF or WebP picture.")
            % {"format": image_format},
            code="invalid_image_type",
        )

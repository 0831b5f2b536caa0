"""Uploading pictures for rich text: one service used by the admin form and the editor's upload endpoint."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.media.models import EditorImage
from cms.media.reencode import reencode
from cms.media.validators import validate_image_file


def clean_image(upload) -> tuple[ContentFile, str, int, int]:
    """Validate and re-encode an upload without its metadata (cms/media/reencode.py); returns (content, format,
    width, height)."""
    validate_image_file(upload)
    upload.seek(0)
    cleaned = reencode(upload)
    content = ContentFile(cleaned.content, name=f"upload.{cleaned.format.lower()}")
    return content, cleaned.format, cleaned.width, cleaned.height


def attach_upload(image: EditorImage, upload, *, by=None) -> EditorImage:
    """Put the cleaned upload into ``image`` (unsaved) under a generated name."""
    content, image.format, image.width, image.height = clean_image(upload)
    image.uploaded_by = by
    image.file.save(content.name, content, save=False)
    return image


def store_editor_image(upload, *, alt: str = "", by=None) -> EditorImage:
    image = attach_upload(EditorImage(alt=alt[:150]), upload, by=by)
    image.save()
    return image


@staff_member_required
@require_POST
def upload_editor_image(request):
    """``POST file=…&alt=…`` → ``{"url", "width", "height"}``, or 400 with a Chinese message."""
    if not request.user.has_perm("cms.add_editorimage"):
        return JsonResponse({"error": _("You do not have permission to upload images.")}, status=403)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": _("Choose an image to upload.")}, status=400)
    try:
        image = store_editor_image(upload, alt=request.POST.get("alt", ""), by=request.user)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"url": image.file.url, "width": image.width, "height": image.height, "alt": image.alt})

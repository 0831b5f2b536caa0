"""Attachment validation: the type is sniffed from the content, never trusted from the name."""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE2_EXTENSIONS = {".doc": "doc", ".xls": "xls", ".wps": "wps", ".et": "wps", ".dps": "wps"}
ALLOWED_EXTENSIONS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".dps", ".zip"}


def _zip_kind(file) -> str | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def sniff_attachment(file) -> str:
    """The attachment's real type (pdf, doc, docx, xls, xlsx, wps, zip); ``ValidationError`` if not accepted."""
    name = getattr(file, "name", "") or ""
    extension = os.path.splitext(name)[1].lower()
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(MAX_ATTACHMENT_BYTES)},
            code="attachment_too_large",
        )
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only PDF, Word, Excel, WPS and ZIP files can be attached."), code="attachment_bad_extension"
        )
    position = file.tell()
    try:
        file.seek(0)
        head = file.read(8)
        if head.startswith(b"%PDF-"):
            kind = "pdf"
        elif head == OLE2_MAGIC:
            kind = OLE2_EXTENSIONS.get(extension)
        elif head.startswith(b"PK\x03\x04"):
            kind = _zip_kind(file)
        else:
            kind = None
    finally:
        file.seek(position)
    expected = {".pdf": {"pdf"}, ".docx": {"docx"}, ".xlsx": {"xlsx"}, ".zip": {"zip", "docx", "xlsx"}}
    if kind is None or (extension in expected and kind not in expected[extension]):
        raise ValidationError(
            _("The content of this file does not match its name (%(name)s). Only real PDF, Word, Excel, WPS and "
              "ZIP files can be attached.") % {"name": os.path.basename(name)},
            code="attachment_type_mismatch",
        )  # fmt: skip
    return kind


def validate_attachment(file) -> None:
    sniff_attachment(file)

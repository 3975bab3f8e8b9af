"""Checks on uploaded files: by their content and size, never by their name.

A file's type is what its bytes say (``sniff``); it is stored under a generated name
with that type's extension (``stored_name``) and served with that type, as an
attachment (``programmes.files``). The uploaded name is only display text."""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The extension of each type we accept somewhere, and its media type.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "tif": "image/tiff",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
}
SCAN_TYPES = {"pdf", "png", "jpg", "tif"}
EVIDENCE_TYPES = {"pdf", "png", "jpg", "gif", "webp", "docx", "xlsx", "pptx", "doc", "xls"}

# Leading bytes of the plain formats.
SIGNATURES = {
    b"%PDF-": "pdf",
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpg",
    b"GIF87a": "gif",
    b"GIF89a": "gif",
    b"II*\x00": "tif",
    b"MM\x00*": "tif",
}
# An Office Open XML file is a zip holding its main part; any other zip is not evidence.
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of legacy .doc and .xls
# The stream that makes a legacy container a Word or Excel file, as stored (UTF-16-LE) in its directory.
OLE_STREAMS = {
    "WordDocument".encode("utf-16-le"): "doc",
    "Workbook".encode("utf-16-le"): "xls",
    "Book\x00".encode("utf-16-le"): "xls",
}


def sniff_scan(head: bytes) -> str | None:
    """The format of a file from its first bytes, or None (containers need ``sniff``)."""
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def sniff(upload) -> str | None:
    """The extension that matches an upload's content, or None if it is none we know.

    Reads the first bytes, a zip's directory (nothing is unpacked) or, for a legacy
    Office container, the file itself; leaves the file at its start."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff_scan(head)
    if kind is None and head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(upload).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        kind = next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)
    elif kind is None and head.startswith(OLE):
        content = upload.read()
        kind = next((kind for stream, kind in OLE_STREAMS.items() if stream in content), None)
    upload.seek(0)
    return kind


def stored_name(extension: str) -> str:
    """A generated file name: nothing of the uploaded name reaches the disk."""
    return f"{uuid.uuid4().hex}.{extension}"


def display_name(uploaded: str, extension: str) -> str:
    """The uploaded name as text to show: no folders or control characters, and the
    extension of what the file really is (``setup.exe`` that is a PNG: ``setup.png``)."""
    name = str(uploaded or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    stem = name.rsplit(".", 1)[0].strip(" .") if "." in name else name
    return f"{(stem or _('file'))[:200]}.{extension}"


def validate_scan(upload) -> None:
    """A signed scan is a PDF or an image (PNG, JPEG, TIFF) of limited size."""
    limit = settings.PLAN_SCAN_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    kind = sniff(upload)
    if kind not in SCAN_TYPES:
        raise ValidationError(_("Only a PDF or an image (PNG, JPEG, TIFF) can be attached as the signed scan."))
    if kind == "pdf" and b"%%EOF" not in tail:
        raise ValidationError(_("This PDF is incomplete or damaged."))


EVIDENCE_LIMIT = 10 * 1024 * 1024


def evidence_type(upload) -> str:
    """The extension of an evidence file: a PDF, an image or an Office document, by
    content, at most 10 MB. Raises ValidationError otherwise."""
    if upload.size > EVIDENCE_LIMIT:
        raise ValidationError(_("The file is larger than 10 MB."))
    kind = sniff(upload)
    if kind not in EVIDENCE_TYPES:
        raise ValidationError(_("Attach a PDF, an image or a Word, Excel or PowerPoint document."))
    return kind

"""Checks on uploaded files: by their content and size, never by their name alone."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Leading bytes of the formats a signed scan may have.
SIGNATURES = {
    b"%PDF-": "pdf",
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpeg",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
}


def sniff_scan(head: bytes) -> str | None:
    """The format of a scan from its first bytes, or None."""
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


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
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0, 2)
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(position)
    kind = sniff_scan(head)
    if kind is None:
        raise ValidationError(_("Only a PDF or an image (PNG, JPEG, TIFF) can be attached as the signed scan."))
    if kind == "pdf" and b"%%EOF" not in tail:
        raise ValidationError(_("This PDF is incomplete or damaged."))

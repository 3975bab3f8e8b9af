"""PDF, read with pypdf page by page."""

from __future__ import annotations

import io

from ..errors import UnreadableDocument


def _read_pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a requirement
        raise UnreadableDocument("binary", format="pdf") from None

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except Exception:
                decrypted = 0
            if not decrypted:
                raise UnreadableDocument("corrupted", format="pdf", reason="encrypted")
        pages = list(reader.pages)
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken input
        raise UnreadableDocument("corrupted", format="pdf", reason=type(exc).__name__) from None
    if not pages:
        raise UnreadableDocument("corrupted", format="pdf", reason="no_pages")

    texts = []
    failures = 0
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:
            failures += 1
    if failures and not any(t.strip() for t in texts):
        raise UnreadableDocument("corrupted", format="pdf", reason="unreadable_pages")
    return "\n\n".join(t.strip("\n") for t in texts)

"""PDF, read with pypdf page by page, within the budgets of budgets.py."""

from __future__ import annotations

import io

from ..errors import UnreadableDocument
from .budgets import Budget


def _read_pdf(data: bytes, budget: Budget) -> str:
    try:
        from pypdf import PdfReader, apply_configuration
        from pypdf.errors import LimitReachedError
    except ImportError:  # pragma: no cover - pypdf is a requirement
        raise UnreadableDocument("binary", format="pdf") from None

    with apply_configuration(**budget.pypdf_limits()):
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
        except LimitReachedError:  # the page tree is larger than the page budget allows
            raise UnreadableDocument("too_many_pages", limit=budget.pages) from None
        except Exception as exc:  # pypdf raises many kinds on broken input
            raise UnreadableDocument("corrupted", format="pdf", reason=type(exc).__name__) from None
        if not pages:
            raise UnreadableDocument("corrupted", format="pdf", reason="no_pages")
        if len(pages) > budget.pages:
            raise UnreadableDocument("too_many_pages", limit=budget.pages)

        texts = []
        failures = 0
        for page in pages:
            budget.check_time()
            try:
                contents = page.get_contents()
                budget.unpack(len(contents.get_data()) if contents is not None else 0)
                # The visitor runs before every operator: extraction is stopped at the deadline.
                text = page.extract_text(visitor_operand_before=budget.check_time) or ""
            except UnreadableDocument:
                raise
            except LimitReachedError:
                raise UnreadableDocument("too_complex", format="pdf") from None
            except Exception:
                failures += 1
                continue
            budget.text(text)
            texts.append(text)
    if failures and not any(t.strip() for t in texts):
        raise UnreadableDocument("corrupted", format="pdf", reason="unreadable_pages")
    return "\n\n".join(t.strip("\n") for t in texts)

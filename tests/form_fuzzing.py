"""Hypothesis strategies for whatever the forms on a page ask for.

A page is read as its user's browser reads it: every ``<form>`` with its action, method
and fields. Each field then gets what a person might type or paste, or a tampered
request might carry: the value the page offered, one of its options, numbers of any
size, dates in any order, control characters, formulas, very long text, or nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

# What people paste and what attackers send, beside random text.
NASTY = (
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1,5",
    "2147483648",
    "-9223372036854775809",
    "9" * 40,
    "1e309",
    "NaN",
    "-Infinity",
    "31/02/2026",
    "2026-02-31",
    "00/00/0000",
    "29/02/2025",
    "01/01/10000",
    "07/04/2025",
    "=1+1",
    '=HYPERLINK("http://example.com","x")',
    "=cmd|' /C calc'!A0",
    "\x0b\x0c\x01",
    "\x00",
    "line\r\nBcc: x@example.com",
    "<script>alert(1)</script>",
    "a" * 5000,
    "../../etc/passwd",
    "' OR 1=1 --",
    "Điều 1. Trách nhiệm",
    "１２３",
    "\u202eabc",
    "\ud7ff\ufffe",
)
FILE_NAMES = ("minh-chung.pdf", "ảnh.png", "setup.exe", "../../x.html", "kế hoạch.docx", "a" * 300 + ".pdf", ".pdf")
FILE_HEADS = (b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xff\xd8\xff\xe0", b"<html>")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text", "hidden", "choice", "checkbox", "file"
    value: str = ""
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    action: str
    method: str
    fields: tuple[Field, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        return urlsplit(self.action).path


def forms_on(html: str, page_url: str) -> list[Form]:
    """The page's forms, as a browser would submit them."""
    document = lxml.html.fromstring(html)
    forms = []
    for element in document.forms:
        action = urljoin(page_url, element.get("action") or page_url)
        method = (element.get("method") or "get").lower()
        # Its controls: those inside it, and those elsewhere that name it (form="its id").
        owned = f"//*[@form='{element.get('id')}']" if element.get("id") else None
        fields = tuple(_fields(element, owned))
        forms.append(Form(action=action, method=method, fields=fields))
        # A button with its own formaction sends the same fields elsewhere (attach, remove, reopen).
        buttons = element.xpath(".//*[@formaction]") + (element.xpath(f"{owned}[@formaction]") if owned else [])
        for button in buttons:
            forms.append(Form(action=urljoin(page_url, button.get("formaction")), method=method, fields=fields))
    return forms


def _fields(form, owned: str | None = None) -> list[Field]:
    fields: dict[str, Field] = {}

    def add(name, kind, value="", options=()):
        known = fields.get(name)
        if known and known.kind in ("choice", "checkbox"):
            fields[name] = Field(name, known.kind, known.value, known.options + tuple(options))
        elif not known:
            fields[name] = Field(name, kind, value, tuple(options))

    controls = ".//input[@name] | .//select[@name] | .//textarea[@name] | .//button[@name]"
    if owned:
        controls += f" | {owned}[@name]"
    for element in form.xpath(controls):
        name = element.get("name")
        tag = element.tag
        kind = (element.get("type") or "text").lower()
        if tag == "select":
            add(
                name,
                "choice",
                element.value if not element.multiple else "",
                [o.get("value", o.text or "") for o in element.xpath(".//option")],
            )
        elif tag == "textarea":
            add(name, "text", element.text or "")
        elif tag == "button" or kind == "submit":
            add(name, "choice", "", [element.get("value", "")])
        elif kind in ("checkbox", "radio"):
            add(name, "checkbox", element.get("value", "on") if element.checked else "", [element.get("value", "on")])
        elif kind == "file":
            add(name, "file")
        elif kind == "hidden":
            add(name, "hidden", element.get("value", ""))
        else:
            add(name, "text", element.get("value", ""))
    return list(fields.values())


def typed_text() -> st.SearchStrategy[str]:
    """Anything a field might receive, typed, pasted or forged."""
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=60),
        st.integers().map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.dates(min_value=date(1, 1, 1)).map(lambda day: day.strftime("%d/%m/%Y")),
        st.dates().map(date.isoformat),
    )


def uploads() -> st.SearchStrategy[SimpleUploadedFile]:
    return st.builds(
        lambda name, head, body: SimpleUploadedFile(name, head + body),
        st.sampled_from(FILE_NAMES),
        st.sampled_from(FILE_HEADS),
        st.binary(max_size=300),
    )


def value_for(item: Field) -> st.SearchStrategy:
    """One field's value; ``None`` leaves it out of the request."""
    if item.kind == "file":
        return st.one_of(st.none(), uploads())
    offered = [st.just(item.value)] if item.value else []
    if item.options:
        offered.append(st.sampled_from(item.options))
        if item.kind == "checkbox" and len(item.options) > 1:
            offered.append(st.lists(st.sampled_from(item.options), max_size=4))
    if item.kind == "hidden":
        # Mostly what the page sent (a version, a signed state), sometimes forged.
        return st.one_of(*offered * 3, typed_text()) if offered else typed_text()
    return st.one_of(st.none(), *offered, typed_text())


def submissions(form: Form) -> st.SearchStrategy[dict]:
    """Whole requests for ``form``: every field drawn, the omitted ones left out."""
    strategy = st.fixed_dictionaries({item.name: value_for(item) for item in form.fields})
    return strategy.map(lambda drawn: {name: value for name, value in drawn.items() if value is not None})

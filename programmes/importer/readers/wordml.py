"""WordprocessingML names and attribute helpers shared by the Word reader and
the numbering renderer."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_TBL, W_TR, W_TC = _w("p"), _w("tbl"), _w("tr"), _w("tc")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_R, W_T, W_TAB, W_BR, W_CR = _w("r"), _w("t"), _w("tab"), _w("br"), _w("cr")
W_PPR, W_RPR, W_VANISH = _w("pPr"), _w("rPr"), _w("vanish")
W_NO_BREAK_HYPHEN, W_PTAB = _w("noBreakHyphen"), _w("ptab")
W_TXBX_CONTENT = _w("txbxContent")
W_VAL = _w("val")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
M_T = f"{{{M_NS}}}t"

_OFF_VALUES = frozenset({"0", "false", "off"})


def _is_on(element) -> bool:
    """A w:ST_OnOff toggle such as ``<w:vanish/>`` or ``<w:isLgl w:val="0"/>``."""
    return element is not None and _truthy(element.get(W_VAL))


def _truthy(value) -> bool:
    return (value or "true").lower() not in _OFF_VALUES


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default

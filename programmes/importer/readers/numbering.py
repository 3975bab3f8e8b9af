"""Word automatic numbering: renders the list labels Word would show, which
are not part of the paragraph text (see "Word numbering" in the package
docstring)."""

from __future__ import annotations

import re

from .wordml import W_PPR, W_VAL, _int, _is_on, _truthy, _w


class _Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "pstyle")

    def __init__(self, lvl):
        self.start = _int(_val(lvl, "start"), 0)
        self.fmt = _val(lvl, "numFmt") or "decimal"
        self.text = _val(lvl, "lvlText")
        self.restart = _int(_val(lvl, "lvlRestart"))
        self.legal = _is_on(lvl.find(_w("isLgl")))
        self.pstyle = _val(lvl, "pStyle")


def _val(element, child_tag: str):
    child = element.find(_w(child_tag))
    return None if child is None else child.get(W_VAL)


def _levels(parent) -> dict[int, _Level]:
    levels = {}
    for lvl in parent.iterchildren(_w("lvl")):
        ilvl = _int(lvl.get(_w("ilvl")))
        if ilvl is not None and 0 <= ilvl <= 8:
            levels[ilvl] = _Level(lvl)
    return levels


class _Style:
    __slots__ = ("based_on", "num_id", "ilvl")

    def __init__(self, style):
        self.based_on = _val(style, "basedOn")
        self.num_id = self.ilvl = None
        ppr = style.find(W_PPR)
        numpr = None if ppr is None else ppr.find(_w("numPr"))
        if numpr is not None:
            self.num_id = _val(numpr, "numId")
            self.ilvl = _int(_val(numpr, "ilvl"))


class _Numbering:
    """Renders the list labels Word would show, in document order."""

    def __init__(self, numbering, styles):
        self.abstracts: dict[str, tuple[dict[int, _Level], str | None]] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, _Level | None]]]] = {}
        self.styles: dict[str, _Style] = {}
        self.default_style: str | None = None
        # counters[instance][ilvl] is the last number given at that level.
        self.counters: dict[object, list[int | None]] = {}

        if numbering is not None:
            for abstract in numbering.iterchildren(_w("abstractNum")):
                abstract_id = abstract.get(_w("abstractNumId"))
                if abstract_id is not None:
                    self.abstracts[abstract_id] = (_levels(abstract), _val(abstract, "numStyleLink"))
            for num in numbering.iterchildren(_w("num")):
                num_id = num.get(_w("numId"))
                abstract_id = _val(num, "abstractNumId")
                if num_id is None or abstract_id is None:
                    continue
                overrides = {}
                for override in num.iterchildren(_w("lvlOverride")):
                    ilvl = _int(override.get(_w("ilvl")))
                    if ilvl is None or not 0 <= ilvl <= 8:
                        continue
                    start = _int(_val(override, "startOverride"))
                    lvl = override.find(_w("lvl"))
                    overrides[ilvl] = (start, None if lvl is None else _Level(lvl))
                self.nums[num_id] = (abstract_id, overrides)
        if styles is not None:
            for style in styles.iterchildren(_w("style")):
                style_id = style.get(_w("styleId"))
                if style_id is None:
                    continue
                self.styles[style_id] = _Style(style)
                default = style.get(_w("default"))
                if style.get(_w("type")) == "paragraph" and default is not None and _truthy(default):
                    self.default_style = self.default_style or style_id

    # -- resolution -------------------------------------------------------

    def _abstract_levels(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        """The abstractNum behind ``num_id``, following w:numStyleLink."""
        seen = set()
        while num_id in self.nums and num_id not in seen:
            seen.add(num_id)
            abstract_id = self.nums[num_id][0]
            if abstract_id not in self.abstracts:
                return None
            levels, style_link = self.abstracts[abstract_id]
            if levels or not style_link:
                return abstract_id, levels
            style = self.styles.get(style_link)
            if style is None or style.num_id is None:
                return None
            num_id = style.num_id
        return None

    def _style_chain(self, style_id):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _num_pr(self, p) -> tuple[str, int, str | None] | None:
        ppr = p.find(W_PPR)
        numpr = None if ppr is None else ppr.find(_w("numPr"))
        num_id = ilvl = None
        if numpr is not None:
            num_id = _val(numpr, "numId")
            ilvl = _int(_val(numpr, "ilvl"))
        style_id = (None if ppr is None else _val(ppr, "pStyle")) or self.default_style
        if num_id is None:
            for _, style in self._style_chain(style_id):
                if style.num_id is not None:
                    num_id = style.num_id
                    if ilvl is None:
                        ilvl = style.ilvl
                    break
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, ilvl, style_id

    # -- rendering --------------------------------------------------------

    def label(self, p) -> str | None:
        found = self._num_pr(p)
        if found is None:
            return None
        num_id, ilvl, style_id = found
        resolved = self._abstract_levels(num_id)
        if resolved is None:
            return None
        abstract_id, abstract_levels = resolved
        overrides = self.nums[num_id][1]
        levels = dict(abstract_levels)
        for level_no, (_, level) in overrides.items():
            if level is not None:
                levels[level_no] = level
        if ilvl is None:
            ilvl = next(
                (n for n, level in sorted(levels.items()) if style_id and level.pstyle == style_id),
                0,
            )
        if not 0 <= ilvl <= 8 or ilvl not in levels:
            return None

        # A w:num that restarts a level counts on its own; the others share
        # the counters of their abstractNum.
        starts = {n: start for n, (start, _) in overrides.items() if start is not None}
        instance = ("num", num_id) if starts else ("abstract", abstract_id)
        counters = self.counters.setdefault(instance, [None] * 9)

        def start_of(level_no):
            if level_no in starts:
                return starts[level_no]
            level = levels.get(level_no)
            return level.start if level else 0

        current = counters[ilvl]
        counters[ilvl] = start_of(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            level = levels.get(deeper)
            restart = level.restart if level else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None

        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"
        if level.text is None:
            return None

        def placeholder(match):
            ref = int(match.group(1)) - 1
            ref_level = levels.get(ref)
            if ref_level is None:
                return ""
            value = counters[ref] if counters[ref] is not None else start_of(ref)
            fmt = "decimal" if level.legal and ref_level.fmt not in ("bullet", "none") else ref_level.fmt
            return _format_number(value, fmt)

        label = re.sub(r"%([1-9])", placeholder, level.text).strip()
        return label or None


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(value: int) -> str:
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("bullet", "none"):
        return ""
    if value > 0 and value < 4000 and fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if value > 0 and value < 100000 and fmt in ("upperLetter", "lowerLetter"):
        # Word: A..Z, then AA..ZZ, then AAA...
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalZero" and 0 <= value < 10:
        return f"0{value}"
    return str(value)

"""Word automatic numbering (``w:numPr``): the number a paragraph shows, e.g. "2." or "b)".

Counters run in document order. Lists that share an abstract definition continue
each other's numbering, as Word does, unless a ``w:num`` restarts it with a
``w:startOverride``. Numbering can come from the paragraph or from its style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from extractor.backends.docx_xml import attr, num, q

MAX_LEVELS = 9
BULLET = "•"
# "%1.%2." placeholders in w:lvlText.
_PLACEHOLDER_RE = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, …
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a ``w:numFmt``."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Numbering definitions of a document plus the running counters."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    _counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
        """Read ``numbering.xml`` and the numbered paragraph styles of ``styles.xml``."""
        out = cls()
        if numbering is not None:
            for an in numbering.iter(q("w:abstractNum")):
                levels: dict[int, _Level] = {}
                for lvl in an.findall(q("w:lvl")):
                    ilvl = int(num(attr(lvl, "w:ilvl"), 0))
                    levels[ilvl] = _Level(
                        start=int(num(attr(lvl.find(q("w:start")), "w:val"), 1)),
                        fmt=attr(lvl.find(q("w:numFmt")), "w:val", "decimal") or "decimal",
                        text=attr(lvl.find(q("w:lvlText")), "w:val", "") or "",
                    )
                out.abstract[attr(an, "w:abstractNumId", "") or ""] = levels
            for n in numbering.iter(q("w:num")):
                overrides = {
                    int(num(attr(o, "w:ilvl"), 0)): int(
                        num(attr(o.find(q("w:startOverride")), "w:val"), 1)
                    )
                    for o in n.findall(q("w:lvlOverride"))
                    if o.find(q("w:startOverride")) is not None
                }
                abstract = attr(n.find(q("w:abstractNumId")), "w:val", "") or ""
                out.nums[attr(n, "w:numId", "") or ""] = (abstract, overrides)
        if styles is not None:
            out._load_styles(styles)
        return out

    def _load_styles(self, styles: etree._Element) -> None:
        own: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for st in styles.iter(q("w:style")):
            sid = attr(st, "w:styleId") or ""
            num_pr = st.find(f"{q('w:pPr')}/{q('w:numPr')}")
            if num_pr is not None:
                num_id = attr(num_pr.find(q("w:numId")), "w:val")
                ilvl = attr(num_pr.find(q("w:ilvl")), "w:val")
                own[sid] = (num_id, int(num(ilvl, 0)) if ilvl is not None else None)
            parent = attr(st.find(q("w:basedOn")), "w:val")
            if parent:
                based[sid] = parent
        # A style inherits numbering and level from the styles it is based on.
        for sid in set(own) | set(based):
            num_id: str | None = None
            level: int | None = None
            cur: str | None = sid
            seen: set[str] = set()
            while cur is not None and cur not in seen and (num_id is None or level is None):
                seen.add(cur)
                own_num, own_level = own.get(cur, (None, None))
                num_id = num_id if num_id is not None else own_num
                level = level if level is not None else own_level
                cur = based.get(cur)
            if num_id is not None:
                self.style_num[sid] = (num_id, level or 0)

    def label(self, p: etree._Element) -> str | None:
        """Advance the counters for paragraph ``p`` and return the number it shows."""
        ppr = p.find(q("w:pPr"))
        num_pr = ppr.find(q("w:numPr")) if ppr is not None else None
        num_id: str | None = None
        ilvl = 0
        if num_pr is not None:
            num_id = attr(num_pr.find(q("w:numId")), "w:val")
            ilvl = int(num(attr(num_pr.find(q("w:ilvl")), "w:val"), 0))
        if num_id is None and ppr is not None:
            style = attr(ppr.find(q("w:pStyle")), "w:val")
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
                if num_pr is not None and num_pr.find(q("w:ilvl")) is not None:
                    ilvl = int(num(attr(num_pr.find(q("w:ilvl")), "w:val"), 0))
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels:
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        level = levels.get(ilvl, _Level())
        key = f"num:{num_id}" if overrides else f"abs:{abstract_id}"
        counters = self._counters.get(key)
        if counters is None:
            counters = [0] * MAX_LEVELS
            self._counters[key] = counters
        if counters[ilvl] == 0:
            counters[ilvl] = overrides.get(ilvl, level.start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            counters[deeper] = 0
        if level.fmt == "bullet":
            return BULLET
        if level.fmt == "none":
            return None

        def fill(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i, _Level())
            value = counters[i] or overrides.get(i, lv.start)
            return format_number(value, lv.fmt)

        return _PLACEHOLDER_RE.sub(fill, level.text).strip() or None


def with_label(label: str | None, text: str) -> str:
    """Paragraph text with its list number in front, unless it is typed there already."""
    if not label:
        return text
    if text.startswith(label) or (label == BULLET and not text):
        return text
    return f"{label} {text}".strip()

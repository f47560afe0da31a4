"""Estimated page layout for the DOCX backend: page geometry, text metrics, placed drawings.

Word stores no layout, so positions are estimates. They are kept in *document
points*: x from the page's left edge, y as ``page_index * page_height + y_on_page``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from extractor.backends.docx_numbering import Numbering, with_label
from extractor.backends.docx_shapes import Drawing, RawShape
from extractor.backends.docx_xml import TWIPS_PER_PT, attr, num, paragraph_text, q

if TYPE_CHECKING:
    from extractor.backends.docx_table import TableBuild

# Word's defaults when a document does not say (twips): A4 portrait, 1-inch margins.
DEFAULT_PAGE = (11906, 16838)
DEFAULT_MARGIN = 1440
DEFAULT_FONT_PT = 11.0
DEFAULT_CELL_MARGIN_PT = 5.4  # 108 twips left/right
LINE_FACTOR = 1.17  # line height / font size for single spacing
CHAR_WIDTH_FACTOR = 0.5  # average glyph width / font size for proportional fonts
# Slack around a table when deciding whether a floating body shape lies on it (points).
TABLE_SLACK_PT = 12.0


@dataclass
class PageGeometry:
    """One section's page size and margins, in points."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def text_width(self) -> float:
        return max(self.width - self.left - self.right, 72.0)

    @classmethod
    def of(cls, sect: etree._Element | None) -> PageGeometry:
        sz = sect.find(q("w:pgSz")) if sect is not None else None
        mar = sect.find(q("w:pgMar")) if sect is not None else None
        w = num(attr(sz, "w:w"), DEFAULT_PAGE[0]) / TWIPS_PER_PT
        h = num(attr(sz, "w:h"), DEFAULT_PAGE[1]) / TWIPS_PER_PT
        if attr(sz, "w:orient") == "landscape" and w < h:
            w, h = h, w
        w, h = min(max(w, 144.0), 2000.0), min(max(h, 144.0), 2000.0)

        def margin(name: str) -> float:
            return min(abs(num(attr(mar, name), DEFAULT_MARGIN)) / TWIPS_PER_PT, 0.4 * min(w, h))

        return cls(w, h, margin("w:top"), margin("w:bottom"), margin("w:left"), margin("w:right"))


@dataclass
class _ParaStyle:
    """Font size and spacing a paragraph style sets (None: inherited)."""

    font_pt: float | None = None
    spacing: dict[str, str] = field(default_factory=dict)
    based_on: str | None = None


def _style_of(ppr: etree._Element | None, rpr: etree._Element | None) -> _ParaStyle:
    out = _ParaStyle()
    sz = rpr.find(q("w:sz")) if rpr is not None else None
    if sz is not None:
        out.font_pt = min(max(num(attr(sz, "w:val"), 22) / 2, 4.0), 96.0)
    spacing = ppr.find(q("w:spacing")) if ppr is not None else None
    if spacing is not None:
        out.spacing = {etree.QName(k).localname: v for k, v in spacing.attrib.items()}
    return out


@dataclass
class TextMetrics:
    """Rough text metrics (document defaults, paragraph styles) to estimate heights."""

    default: _ParaStyle = field(default_factory=lambda: _ParaStyle(DEFAULT_FONT_PT))
    styles: dict[str, _ParaStyle] = field(default_factory=dict)
    default_style: str | None = None

    @property
    def line_h(self) -> float:
        return (self.default.font_pt or DEFAULT_FONT_PT) * LINE_FACTOR

    def _resolved(self, style_id: str | None) -> tuple[float, dict[str, str]]:
        chain: list[_ParaStyle] = []
        cur = style_id if style_id in self.styles else self.default_style
        while cur is not None and cur in self.styles and len(chain) < 10:
            chain.append(self.styles[cur])
            cur = self.styles[cur].based_on
        font = next((s.font_pt for s in chain if s.font_pt), None) or self.default.font_pt
        spacing = dict(self.default.spacing)
        for st in reversed(chain):
            spacing.update(st.spacing)
        return font or DEFAULT_FONT_PT, spacing

    def height(
        self, text: str, width: float, inline_h: float = 0.0, p: etree._Element | None = None
    ) -> float:
        """Estimated height of paragraph ``p`` holding ``text`` set in ``width`` points."""
        ppr = p.find(q("w:pPr")) if p is not None else None
        font, spacing = self._resolved(
            attr(ppr.find(q("w:pStyle")), "w:val") if ppr is not None else None
        )
        if p is not None:
            sizes = [
                num(attr(sz, "w:val"), 0) / 2
                for sz in p.iterfind(f"{q('w:r')}/{q('w:rPr')}/{q('w:sz')}")
            ]
            font = max([s for s in sizes if s > 0] or [font])
            spacing.update(_style_of(ppr, None).spacing)
        line = num(spacing.get("line"), 240.0)
        rule = spacing.get("lineRule", "auto")
        if rule == "exact":
            line_h = line / TWIPS_PER_PT
        elif rule == "atLeast":
            line_h = max(line / TWIPS_PER_PT, font * LINE_FACTOR)
        else:
            line_h = font * LINE_FACTOR * min(max(line / 240.0, 0.5), 3.0)
        per_line = max(int(width / (font * CHAR_WIDTH_FACTOR)), 4)
        lines = (
            sum(max(1, math.ceil(len(seg) / per_line)) for seg in text.split("\n")) if text else 1
        )
        gaps = (num(spacing.get("before"), 0.0) + num(spacing.get("after"), 0.0)) / TWIPS_PER_PT
        return lines * line_h + max(inline_h - line_h, 0.0) + min(max(gaps, 0.0), 72.0)

    @classmethod
    def of(cls, styles: etree._Element | None) -> TextMetrics:
        """Metrics from ``styles.xml`` (document defaults and paragraph styles)."""
        out = cls()
        if styles is None:
            return out
        defaults = styles.find(q("w:docDefaults"))
        if defaults is not None:
            out.default = _style_of(
                defaults.find(f"{q('w:pPrDefault')}/{q('w:pPr')}"),
                defaults.find(f"{q('w:rPrDefault')}/{q('w:rPr')}"),
            )
            out.default.font_pt = out.default.font_pt or DEFAULT_FONT_PT
        for st in styles.iter(q("w:style")):
            if attr(st, "w:type") != "paragraph":
                continue
            sid = attr(st, "w:styleId") or ""
            style = _style_of(st.find(q("w:pPr")), st.find(q("w:rPr")))
            style.based_on = attr(st.find(q("w:basedOn")), "w:val")
            out.styles[sid] = style
            if attr(st, "w:default") == "1":
                out.default_style = sid
        return out


@dataclass
class Placed:
    """A drawn object in document points, with the table cell its anchor sits in."""

    raw: RawShape
    box: tuple[float, float, float, float]
    start: tuple[float, float] | None = None
    end: tuple[float, float] | None = None
    anchor: tuple[TableBuild, int, int] | None = None
    inline: bool = False

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


@dataclass
class Frame:
    """Where a paragraph sits: its document-point box and its reference areas."""

    page: int
    top: float  # document points
    left: float  # text start, page points
    right: float
    height: float
    geom: PageGeometry
    cell_left: float | None = None  # cell text area, when in a table cell
    cell_right: float | None = None


@dataclass
class DocContext:
    """Document-wide state: numbering counters, metrics, VML shape types, notes."""

    numbering: Numbering
    metrics: TextMetrics
    types: dict[str, str]
    rendered_breaks: bool = False
    notes: list[str] = field(default_factory=list)

    def paragraph(self, p: etree._Element) -> str:
        """Paragraph text with its automatic list number."""
        return with_label(self.numbering.label(p), paragraph_text(p))


def place(
    drawing: Drawing, frame: Frame, anchor: tuple[TableBuild, int, int] | None
) -> list[Placed]:
    """Put a drawing's objects into document points using its anchor paragraph's frame."""
    pl, g = drawing.placement, frame.geom
    page_top = frame.page * g.height
    if pl.inline:
        ox, oy = frame.left, frame.top
    else:
        # "column"/"paragraph" offsets of an object anchored in a table cell count from
        # the cell even when layoutInCell="0": Word 2013+ always lays such objects out in
        # the cell, and LibreOffice writes layoutInCell="0" with cell-relative offsets.
        in_cell = anchor is not None and frame.cell_left is not None
        col_l = frame.cell_left if in_cell and frame.cell_left is not None else g.left
        col_r = frame.cell_right if in_cell and frame.cell_right is not None else g.width - g.right
        h_ref = {
            "column": (col_l, col_r),
            "character": (frame.left, col_r),
            "margin": (g.left, g.width - g.right),
            "page": (0.0, g.width),
            "leftMargin": (0.0, g.left),
            "insideMargin": (0.0, g.left),
            "rightMargin": (g.width - g.right, g.width),
            "outsideMargin": (g.width - g.right, g.width),
        }.get(pl.h_rel, (col_l, col_r))
        v_ref = {
            "paragraph": (frame.top, frame.top + frame.height),
            "line": (frame.top, frame.top + frame.height),
            "page": (page_top, page_top + g.height),
            "margin": (page_top + g.top, page_top + g.height - g.bottom),
            "topMargin": (page_top, page_top + g.top),
            "bottomMargin": (page_top + g.height - g.bottom, page_top + g.height),
        }.get(pl.v_rel, (frame.top, frame.top + frame.height))
        ox = _aligned(h_ref, pl.x, pl.h_align, pl.width)
        oy = _aligned(v_ref, pl.y, pl.v_align, pl.height)
    out: list[Placed] = []
    for raw in drawing.shapes:
        b = raw.box
        start = (ox + raw.start[0], oy + raw.start[1]) if raw.start else None
        end = (ox + raw.end[0], oy + raw.end[1]) if raw.end else None
        box = (ox + b[0], oy + b[1], ox + b[2], oy + b[3])
        out.append(Placed(raw, box, start, end, anchor, pl.inline))
    return out


def _aligned(
    ref: tuple[float, float], offset: float | None, align: str | None, size: float
) -> float:
    if offset is not None:
        return ref[0] + offset
    if align in ("center", "centre"):
        return (ref[0] + ref[1] - size) / 2
    if align in ("right", "bottom", "outside"):
        return ref[1] - size
    return ref[0]


_WRAPPERS = frozenset(q(t) for t in ("w:customXml", "w:smartTag"))


def expand(children: list[etree._Element] | etree._Element) -> list[etree._Element]:
    """Block-level children with content controls and custom XML unwrapped."""
    out: list[etree._Element] = []
    for child in children:
        if child.tag == q("w:sdt"):
            content = child.find(q("w:sdtContent"))
            if content is not None:
                out.extend(expand(content))
        elif child.tag in _WRAPPERS:
            out.extend(expand(child))
        elif isinstance(child.tag, str):
            out.append(child)
    return out


@dataclass
class Cursor:
    """The estimated position of the next block: page index and y on that page."""

    page: int
    y: float
    paging: bool = True  # False inside nested tables, whose rows never start a page

    def advance(self, height: float, g: PageGeometry) -> float:
        """Reserve ``height`` points, breaking the page first if it does not fit; return the top."""
        if self.paging and self.y + height > g.height - g.bottom and self.y > g.top + 1:
            self.new_page(g)
        top = self.page * g.height + self.y
        self.y += height
        return top

    def new_page(self, g: PageGeometry) -> None:
        self.page += 1
        self.y = g.top

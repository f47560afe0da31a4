"""DOCX backend: body paragraphs and tables in reading order, with flowchart shapes per cell.

The grid comes from the raw table XML (``w:tblGrid`` widths, ``w:gridSpan``,
``w:vMerge``, ``w:gridBefore``/``w:gridAfter``), not from python-docx, which hides
drawings. Drawn symbols are read by :mod:`extractor.backends.docx_shapes` and put
in the cell where they *appear*: inline ones in their own cell, floating ones by
projecting their offsets onto the table's column edges (exact, from the grid) and
row edges (estimated: ``w:trHeight`` or the row's text). Connectors become
``Edge`` objects between the nearest shapes.

Positions are kept in *document points*: x from the page's left edge, y as
``page_index * page_height + y_on_page`` with pages estimated from explicit and
rendered page breaks and from text volume. ``CellShape.bbox`` is the shape's box
relative to its table's top-left corner (an estimate; Word does not store layout).
"""

from __future__ import annotations

from lxml import etree

from extractor.backends.docx_layout import (
    Cursor,
    DocContext,
    Frame,
    PageGeometry,
    Placed,
    TextMetrics,
    expand,
    place,
)
from extractor.backends.docx_numbering import Numbering
from extractor.backends.docx_package import app_pages, read_package
from extractor.backends.docx_shapes import read_graphics, shapetypes
from extractor.backends.docx_table import TableBuild, finish_table
from extractor.backends.docx_xml import attr, on, parse_xml, q
from extractor.errors import InputError
from extractor.layout import LayoutDocument, Paragraph, Table
from extractor.models import Provenance
from extractor.options import ExtractionOptions

# Slack around a table when deciding whether a floating body shape lies on it (points).
TABLE_SLACK_PT = 12.0
#: More paragraphs than this (body and cells) is no single SOP; reading them would take
#: seconds per ten thousand, so the document is refused before layout.
MAX_PARAGRAPHS = 20_000


class BodyReader:
    """Walks the document body in order, estimating where each block falls."""

    def __init__(self, ctx: DocContext, sections: list[tuple[int, PageGeometry]]):
        self.ctx = ctx
        self.sections = sections
        self.blocks: list[Paragraph | TableBuild] = []
        self.tables: list[TableBuild] = []
        self.floating: list[Placed] = []
        # Word records where it broke pages; when it did, trust that over our estimate.
        self.cursor = Cursor(0, sections[0][1].top, paging=not ctx.rendered_breaks)

    def geom(self, index: int) -> PageGeometry:
        for end, g in self.sections:
            if index <= end:
                return g
        return self.sections[-1][1]

    def read(self, children: list[etree._Element]) -> None:
        for index, el in enumerate(children):
            g = self.geom(index)
            if el.tag == q("w:p"):
                self._paragraph(el, g)
            elif el.tag == q("w:tbl"):
                self._table(el, g)
            elif el.tag == q("w:altChunk"):
                self.ctx.notes.append("docx: embedded alternative content (altChunk) not read")

    def _paragraph(self, p: etree._Element, g: PageGeometry) -> None:
        ppr = p.find(q("w:pPr"))
        starts_page = on(ppr.find(q("w:pageBreakBefore")) if ppr is not None else None)
        if (starts_page or starts_new_page(p)) and self.cursor.y > g.top:
            self.cursor.new_page(g)
        text = self.ctx.paragraph(p)
        drawings = read_graphics(p, self.ctx.types)
        inline_h = max((d.placement.height for d in drawings if d.placement.inline), default=0.0)
        height = self.ctx.metrics.height(text, g.text_width, inline_h, p)
        top = self.cursor.advance(height, g)
        frame = Frame(self.cursor.page, top, g.left, g.width - g.right, height, g)
        for d in drawings:
            if not d.placement.inline:
                self.floating.extend(place(d, frame, None))
        if text:
            self.blocks.append(Paragraph(text=text, prov=Provenance(source="docx")))
        breaks = any(attr(br, "w:type") == "page" for br in p.iter(q("w:br")))
        if breaks or (ppr is not None and ppr.find(q("w:sectPr")) is not None):
            self.cursor.new_page(g)

    def _table(self, tbl: etree._Element, g: PageGeometry) -> None:
        build = TableBuild.read(tbl, self.ctx, self.cursor, g)
        if build.unwrap is not None:  # a one-cell frame around the real content
            self.read(build.unwrap)
            return
        self.tables.append(build)
        self.blocks.append(build)
        self.blocks.extend(build.all_nested())

    def finish(self) -> list[Paragraph | Table]:
        """Assign floating body objects to the table they overlap, then build the tables."""
        for obj in self.floating:
            cx, cy = obj.centre
            for build in self.tables:
                x0, y0, x1, y1 = build.doc_box
                s = TABLE_SLACK_PT
                if x0 - s <= cx <= x1 + s and y0 - s <= cy <= y1 + s:
                    build.objects.append(obj)
                    break
        return [
            finish_table(b, self.ctx.notes) if isinstance(b, TableBuild) else b for b in self.blocks
        ]


def starts_new_page(p: etree._Element) -> bool:
    """Word laid this paragraph out at the top of a page when it last saved."""
    return next(p.iter(q("w:lastRenderedPageBreak")), None) is not None


def _sections(
    children: list[etree._Element], body: etree._Element
) -> list[tuple[int, PageGeometry]]:
    """(index of the last block of the section, its page geometry) for each section."""
    out: list[tuple[int, PageGeometry]] = []
    for index, el in enumerate(children):
        sect = el.find(f"{q('w:pPr')}/{q('w:sectPr')}") if el.tag == q("w:p") else None
        if sect is not None:
            out.append((index, PageGeometry.of(sect)))
    out.append((len(children), PageGeometry.of(body.find(q("w:sectPr")))))
    return out


def parse(data: bytes, options: ExtractionOptions) -> LayoutDocument:
    """Read a DOCX into blocks; raises ``InputError`` for corrupt or unsafe files."""
    parts, main = read_package(data)
    root = parse_xml(parts[main], main)
    body = root.find(q("w:body"))
    if body is None:
        raise InputError("corrupt_docx", f"{main}: no w:body")
    folder = main.rsplit("/", 1)[0]
    styles = (
        parse_xml(parts[f"{folder}/styles.xml"], "styles.xml")
        if f"{folder}/styles.xml" in parts
        else None
    )
    numbering_xml = (
        parse_xml(parts[f"{folder}/numbering.xml"], "numbering.xml")
        if f"{folder}/numbering.xml" in parts
        else None
    )
    pages = app_pages(parts)
    if pages is not None and pages > options.max_pages:
        raise InputError("too_many_pages", pages, limit=options.max_pages)
    paragraphs = sum(1 for _ in body.iter(q("w:p")))
    if paragraphs > MAX_PARAGRAPHS:
        raise InputError("too_many_paragraphs", paragraphs, limit=MAX_PARAGRAPHS)
    ctx = DocContext(
        Numbering.load(numbering_xml, styles),
        TextMetrics.of(styles),
        shapetypes(root),
        rendered_breaks=next(root.iter(q("w:lastRenderedPageBreak")), None) is not None,
    )
    children = expand(body)
    reader = BodyReader(ctx, _sections(children, body))
    reader.read(children)
    blocks = reader.finish()
    return LayoutDocument(blocks=blocks, pages=pages, source_kind="docx", notes=ctx.notes)

"""The intermediate layout every backend produces.

Two levels:

* **Page geometry** (``PageGeometry``): words, ruling segments and drawn shapes with
  boxes, as the PDF backend reads them from the text layer and vector objects and
  as the OCR backend reads them from a page image. ``extractor.grid`` turns page
  geometry into blocks; both backends share that code.
* **Blocks** (``LayoutDocument``): paragraphs and tables in reading order, each
  table a grid of cells whose shapes (flowchart symbols) and connectors are kept.
  DOCX and text backends produce blocks directly. The SOP and LKIP parsers read
  only blocks, so a new input kind never touches them.

Coordinates are PDF points, origin top-left: ``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor.models import Provenance
from extractor.types import BBox

ShapeKind = Literal["terminator", "process", "decision", "offpage", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- page geometry


class Word(_Model):
    """A word with its box; ``conf`` is the OCR confidence 0-100 (None for text layers)."""

    text: str
    bbox: BBox
    conf: float | None = None


class Segment(_Model):
    """A straight stroke: a ruling line, a shape edge or a connector piece."""

    x0: float
    top: float
    x1: float
    bottom: float
    width: float = Field(default=1.0, description="stroke width in points")

    @property
    def horizontal(self) -> bool:
        return abs(self.bottom - self.top) <= max(1.0, 0.1 * abs(self.x1 - self.x0))

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) <= max(1.0, 0.1 * abs(self.bottom - self.top))

    @property
    def length(self) -> float:
        return float(((self.x1 - self.x0) ** 2 + (self.bottom - self.top) ** 2) ** 0.5)


class ShapeGeom(_Model):
    """A closed flowchart shape drawn on the page, classified by outline."""

    kind: ShapeKind
    bbox: BBox
    filled: bool = False


class Arrow(_Model):
    """A connector: a polyline from ``points[0]`` to ``points[-1]`` where the head is."""

    points: list[tuple[float, float]]
    has_head: bool = True


class PageGeometry(_Model):
    """Everything read from one page, before grid building."""

    page: int = Field(description="1-based")
    width: float
    height: float
    words: list[Word] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)
    shapes: list[ShapeGeom] = Field(default_factory=list)
    arrows: list[Arrow] = Field(default_factory=list)
    source: Literal["text_layer", "ocr"] = "text_layer"
    turned: int = Field(
        default=0, description="degrees the page image was turned clockwise to read it upright"
    )
    print_dpi: float | None = Field(
        default=None,
        description="resolution the page's print was captured at (an OCR'd sheet's pixels "
        "per inch before any enlarging), when known",
    )


# --------------------------------------------------------------------------- blocks


class CellShape(_Model):
    """A flowchart symbol inside a cell. ``id`` is unique within its table."""

    id: int
    kind: ShapeKind
    label: str | None = Field(default=None, description="text inside the shape, if any")
    bbox: BBox | None = None


class Edge(_Model):
    """A connector from one shape to another (ids of ``CellShape`` in the same table)."""

    source: int
    target: int
    label: str | None = Field(default=None, description="'Ya' / 'Tidak' when labelled")


class OpenEnd(_Model):
    """A connector with one end on a shape and the other off the table's flow: it leaves
    below every shape on the page ("out", continuing on the next page) or enters from
    above them ("in"). ``x`` is where it crosses, in points."""

    shape: int
    direction: Literal["out", "in"]
    x: float
    label: str | None = None


class Cell(_Model):
    """A table cell; merged cells carry spans and appear once, at their top-left."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str = ""
    shapes: list[CellShape] = Field(default_factory=list)
    prov: Provenance | None = None


class Table(_Model):
    """A grid of cells. ``edges`` link shapes for flowchart tables."""

    type: Literal["table"] = "table"
    n_rows: int
    n_cols: int
    cells: list[Cell]
    edges: list[Edge] = Field(default_factory=list)
    open_ends: list[OpenEnd] = Field(
        default_factory=list, description="connectors continuing to/from another page"
    )
    page: int | None = None
    bbox: BBox | None = None

    def grid(self) -> list[list[Cell | None]]:
        """Rows of cells; a merged cell fills every slot it covers."""
        rows: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    rows[r][c] = cell
        return rows

    def text_rows(self) -> list[list[str]]:
        """Rows of cell texts (merged text repeated only at the top-left slot)."""
        out: list[list[str]] = []
        for r, row in enumerate(self.grid()):
            out.append(
                [
                    (c.text if c is not None and c.row == r and c.col == ci else "")
                    for ci, c in enumerate(row)
                ]
            )
        return out


class Paragraph(_Model):
    """A run of text outside any table (one line or one paragraph)."""

    type: Literal["paragraph"] = "paragraph"
    text: str
    prov: Provenance | None = None


Block = Paragraph | Table


class LayoutDocument(_Model):
    """Blocks in reading order plus what the backend knows of the file."""

    blocks: list[Block] = Field(default_factory=list)
    pages: int | None = None
    source_kind: Literal["text_layer", "ocr", "docx", "text"] = "text"
    ocr_confidence: float | None = None
    notes: list[str] = Field(default_factory=list, description="what the backend could not read")

"""A flat sequence of rows over all blocks: the parser's view of a document.

A paragraph line is a one-cell row; a table row is a row of its grid cells
(a merged cell appears in every slot it covers, its text only at its top-left).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.layout import Cell, LayoutDocument, Paragraph, Table
from extractor.models import Provenance


@dataclass
class Row:
    """One row: texts per column, the cells behind them, and where it came from."""

    texts: list[str]
    cells: list[Cell | None] = field(default_factory=list)
    block: int = 0
    index: int = 0
    table: Table | None = None
    prov: Provenance | None = None

    @property
    def is_paragraph(self) -> bool:
        return self.table is None

    @property
    def nonempty(self) -> list[tuple[int, str]]:
        return [(i, t) for i, t in enumerate(self.texts) if t.strip()]

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.nonempty)


def document_rows(layout: LayoutDocument) -> list[Row]:
    """All rows of the document in reading order."""
    rows: list[Row] = []
    for bi, block in enumerate(layout.blocks):
        if isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                if line.strip():
                    rows.append(Row(texts=[line.strip()], block=bi, prov=block.prov))
        elif isinstance(block, Table):
            grid = block.grid()
            for ri, (cells, texts) in enumerate(zip(grid, block.text_rows(), strict=True)):
                if not any(t.strip() for t in texts) and not any(c and c.shapes for c in cells):
                    continue
                prov = next((c.prov for c in cells if c is not None and c.prov), None)
                rows.append(
                    Row(texts=texts, cells=list(cells), block=bi, index=ri, table=block, prov=prov)
                )
    return rows

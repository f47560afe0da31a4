"""Step numbers of flowchart rows read in sequence (OCR misreads a digit now and then)."""

from __future__ import annotations

import pytest

from extractor.sop import _in_sequence


@pytest.mark.parametrize(
    ("number", "previous", "following", "expected"),
    [
        (1, 0, 2, 1),  # the first step, read right
        (4, 0, 2, 1),  # its 1 read as 4, the next row reads 2
        (5, 0, 6, 5),  # a table that starts at 5 (a continued SOP): kept
        (2, 21, 23, 22),  # "2" read for 22
        (6, 6, 7, 7),  # the 7 read as 6
        (9, 7, 10, 9),  # a real gap, the next row agrees: kept
    ],
)
def test_a_misread_step_number_is_the_step_after_the_previous_one(
    number: int, previous: int, following: int | None, expected: int
) -> None:
    assert _in_sequence(number, previous, following) == expected


def test_a_flowchart_goes_on_past_lines_of_text_between_its_pages():
    # a page footer and header, or a photo's debris read off the desk below the sheet,
    # between two pages of one flowchart: the table after them (its header repeated) is
    # the same procedure going on
    from extractor.layout import Table
    from extractor.models import Provenance
    from extractor.sop import PAGE_BREAK_LINES, _procedure_rows
    from extractor.sop.rows import Row

    head = ["No", "Uraian Kegiatan", "Pelaksana", "", "Mutu Baku", "", "Keterangan"]
    sub = ["", "", "Pemohon", "Petugas", "Kelengkapan", "Waktu", ""]
    prov = Provenance(source="ocr")

    def table_rows(first: int) -> list[Row]:
        table = Table(n_rows=4, n_cols=7, cells=[], page=first)
        steps = [
            [str(n), f"Langkah {n}", "", "", "Berkas", "5 Menit", ""] for n in (first, first + 1)
        ]
        return [Row(texts=t, table=table, prov=prov) for t in (head, sub, *steps)]

    debris = [Row(texts=[t], prov=prov) for t in ("1", "y", "ji th", "Ih: is", "Halaman 1", "=")]
    assert len(debris) < PAGE_BREAK_LINES
    _, cols, raws, _, _ = _procedure_rows(table_rows(1) + debris + table_rows(3))
    assert cols is not None
    assert [raw.number for raw in raws] == [1, 2, 3, 4]


def _step(number: int, symbol: str, following: list[int]):
    from extractor.models import Step

    return Step(number=number, activity=f"Langkah {number}", symbol=symbol, next=following)


def test_a_flow_goes_on_over_a_page_break_no_arrow_crosses():
    # LibreOffice clips a connector that runs off the foot of a page: step 3, last on
    # page 1, leads nowhere in the printout; the flow goes on at step 4, first on page 2
    from extractor.sop.procedure import continue_across_pages

    steps = [
        _step(1, "start", [2]),
        _step(2, "process", [3]),
        _step(3, "process", []),
        _step(4, "process", [5]),
        _step(5, "end", []),
    ]
    shape_steps = {(0, 1): 1, (0, 2): 2, (0, 3): 3, (1, 1): 4, (1, 2): 5}
    assert continue_across_pages(steps, shape_steps) == [3]
    assert steps[2].next == [4]
    assert steps[4].next == []  # the end leads nowhere, and no page follows


@pytest.mark.parametrize(
    ("symbol", "following", "first"),
    [
        ("end", [], 4),  # the flow ends at the page's foot
        ("decision", [], 4),  # whose exits a page break cannot tell
        ("process", [2], 4),  # an arrow already leads on (a loop back)
        ("process", [], 6),  # the next page starts elsewhere: not the step after
    ],
)
def test_a_page_break_is_crossed_only_by_the_step_after_a_step_leading_nowhere(
    symbol: str, following: list[int], first: int
):
    from extractor.sop.procedure import continue_across_pages

    steps = [_step(2, "process", [3]), _step(3, symbol, list(following))]
    steps += [_step(first, "process", [])]
    assert continue_across_pages(steps, {(0, 1): 2, (0, 2): 3, (1, 1): first}) == []
    assert steps[1].next == following


def test_the_first_step_is_no_sub_header_when_its_number_is_lost():
    # a photo cuts the sheet's No column off: the header has no "No", the steps no
    # numbers, and the first step's row (no number, short texts) would pass for the
    # header's second row but for its symbol
    from extractor.layout import Cell, CellShape, Table
    from extractor.models import Provenance
    from extractor.sop import _procedure_rows
    from extractor.sop.procedure import is_sub_header
    from extractor.sop.rows import Row

    prov = Provenance(source="ocr")
    table = Table(n_rows=4, n_cols=6, cells=[], page=2)
    head = ["", "Kegiatan", "Inspektur", "Ketua Tim", "Waktu", "Output"]

    def step(n: int, actor_col: int, kind: str) -> Row:
        cells: list[Cell | None] = [Cell(row=n, col=c) for c in range(6)]
        cells[actor_col] = Cell(row=n, col=actor_col, shapes=[CellShape(id=n, kind=kind)])
        texts = ["", f"Langkah {n}", "", "", "1 Jam", f"Hasil {n}"]
        return Row(texts=texts, cells=cells, table=table, prov=prov)

    first = step(1, 2, "terminator")
    assert not is_sub_header(first)
    rows = [Row(texts=head, table=table, prov=prov), first, step(2, 3, "process")]
    _, cols, raws, _, _ = _procedure_rows(rows)
    assert cols is not None and cols.roles == {2: "Inspektur", 3: "Ketua Tim"}
    assert [(raw.number, raw.rows[0].texts[1]) for raw in raws] == [
        (1, "Langkah 1"),
        (2, "Langkah 2"),
    ]
    # the same row without its symbol reads as the header's second row, as before
    first.cells = [Cell(row=1, col=c) for c in range(6)]
    assert is_sub_header(first)


def test_stroke_debris_leaves_an_ocr_steps_output_but_a_text_layers_is_as_written():
    from extractor.layout import Table
    from extractor.models import Provenance
    from extractor.options import ExtractionOptions
    from extractor.sop import _procedure_rows
    from extractor.sop.procedure import build_steps
    from extractor.sop.rows import Row

    head = ["No", "Kegiatan", "Pelaksana", "Mutu Baku", "", ""]
    sub = ["", "", "Petugas", "Kelengkapan", "Waktu", "Output"]

    def output(source: str) -> str | None:
        prov = Provenance(source=source)
        table = Table(n_rows=3, n_cols=6, cells=[], page=1)
        step = ["1", "Mencatat surat", "", "Surat", "5 Menit", "Surat tercatat \\ |"]
        rows = [Row(texts=t, table=table, prov=prov) for t in (head, sub, step)]
        _, cols, raws, _, _ = _procedure_rows(rows)
        assert cols is not None
        return build_steps(raws, cols, ExtractionOptions())[0].output

    assert output("ocr") == "Surat tercatat"
    assert output("text_layer") == "Surat tercatat \\ |"

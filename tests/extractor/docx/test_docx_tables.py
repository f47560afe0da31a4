"""DOCX grid, text, numbering and document properties."""

from __future__ import annotations

import docx
import docx_build as B
from docx.oxml import parse_xml

from extractor.backends.docx import parse
from extractor.layout import Paragraph, Table
from extractor.options import ExtractionOptions

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _blocks(data: bytes):
    return parse(data, ExtractionOptions()).blocks


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_vmerge_gridspan_gridbefore_gridafter():
    rows = (
        "<w:tr>"
        + _tc("No", '<w:vMerge w:val="restart"/>')
        + _tc("Pelaksana", '<w:gridSpan w:val="2"/>')
        + _tc("Waktu", '<w:vMerge w:val="restart"/>')
        + "</w:tr>"
        "<w:tr>"
        + _tc("", "<w:vMerge/>")
        + _tc("Kepala")
        + _tc("Staf")
        + _tc("", "<w:vMerge/>")
        + "</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'
        + _tc("a")
        + _tc("b")
        + "</w:tr>"
    )
    grid = "".join('<w:gridCol w:w="1440"/>' for _ in range(4))
    tbl = f'<w:tbl xmlns:w="{W}"><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'
    doc = docx.Document()
    doc.element.body.insert(0, parse_xml(tbl))
    (table,) = [b for b in _blocks(B.to_bytes(doc)) if isinstance(b, Table)]
    assert (table.n_rows, table.n_cols) == (3, 4)
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.cells}
    assert spans == {
        (0, 0): (2, 1, "No"),
        (0, 1): (1, 2, "Pelaksana"),
        (0, 3): (2, 1, "Waktu"),
        (1, 1): (1, 1, "Kepala"),
        (1, 2): (1, 1, "Staf"),
        (2, 1): (1, 1, "a"),
        (2, 2): (1, 1, "b"),
    }
    assert table.text_rows()[2] == ["", "a", "b", ""]


def test_cell_text_joins_paragraphs_and_skips_empty_body_paragraphs():
    doc = docx.Document()
    doc.add_paragraph("Judul")
    doc.add_paragraph("")
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "baris satu"
    t.cell(0, 0).add_paragraph("baris dua")
    t.cell(0, 0).add_paragraph("")
    blocks = _blocks(B.to_bytes(doc))
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["Judul"]
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.cells[0].text == "baris satu\nbaris dua"
    assert table.cells[0].prov is not None and table.cells[0].prov.source == "docx"


def test_nested_table_follows_outer_and_one_cell_frame_is_unwrapped():
    doc = docx.Document()
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Dasar Hukum"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(1, 1).text = "dalam"
    frame = doc.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "Di dalam bingkai"
    framed = frame.cell(0, 0).add_table(rows=1, cols=3)
    framed.cell(0, 2).text = "kanan"
    tables = [b for b in _blocks(B.to_bytes(doc)) if isinstance(b, Table)]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(1, 2), (2, 2), (1, 3)]
    assert tables[0].text_rows() == [["Dasar Hukum", ""]]
    assert tables[1].text_rows()[1] == ["", "dalam"]
    assert tables[2].text_rows() == [["", "", "kanan"]]
    paragraphs = [b.text for b in _blocks(B.to_bytes(doc)) if isinstance(b, Paragraph)]
    assert "Di dalam bingkai" in paragraphs


def _restart_numbering(doc) -> str:
    """Add a w:num that restarts the List Number list at 1; return its id."""
    numbering = doc.part.numbering_part.element
    style = doc.styles["List Number"].element
    num_id = style.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    xml = (
        f'<w:num xmlns:w="{W}" w:numId="77"><w:abstractNumId w:val="{abstract}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    numbering.append(parse_xml(xml))
    return "77"


def _num_pr(paragraph, num_id: str) -> None:
    xml = f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    paragraph._p.get_or_add_pPr().append(parse_xml(xml))


def test_word_numbering_is_written_out_and_restarts_per_list():
    doc = docx.Document()
    doc.add_paragraph("Undang-Undang Nomor 30 Tahun 2014", style="List Number")
    doc.add_paragraph("Peraturan Pemerintah Nomor 11 Tahun 2017", style="List Number")
    doc.add_paragraph("1. ditulis manual")
    new_list = _restart_numbering(doc)
    p = doc.add_paragraph("Komputer", style="List Number")
    _num_pr(p, new_list)
    t = doc.add_table(rows=1, cols=1)
    cell_p = t.cell(0, 0).paragraphs[0]
    cell_p.text = "Printer"
    _num_pr(cell_p, new_list)
    bullet = doc.add_paragraph("butir", style="List Bullet")
    blocks = _blocks(B.to_bytes(doc))
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[:4] == [
        "1. Undang-Undang Nomor 30 Tahun 2014",
        "2. Peraturan Pemerintah Nomor 11 Tahun 2017",
        "1. ditulis manual",
        "1. Komputer",
    ]
    assert texts[4].endswith("butir") and not texts[4][0].isdigit()
    assert next(b for b in blocks if isinstance(b, Table)).cells[0].text == "2. Printer"
    assert bullet is not None


def test_pages_from_app_properties_and_source_kind():
    doc = docx.Document()
    doc.add_paragraph("isi")
    app = (
        b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/extended-properties"><Pages>3</Pages></Properties>'
    )
    data = B.replace_part(B.to_bytes(doc), "docProps/app.xml", app)
    layout = parse(data, ExtractionOptions())
    assert (layout.pages, layout.source_kind) == (3, "docx")
    assert parse(B.replace_part(data, "docProps/app.xml", None), ExtractionOptions()).pages is None

"""The text/Markdown/HTML backend: rows, cells, HTML fragments, encodings."""

from __future__ import annotations

import pytest

from extractor.backends.text import decode, parse_html, parse_text
from extractor.errors import InputError
from extractor.layout import Paragraph, Table


def test_tab_rows_become_one_table_across_blank_lines() -> None:
    doc = parse_text("Judul\n\n1\tMenyusun\t[]\n\n2\tMemeriksa\t{ } (Decision)\n")
    assert isinstance(doc.blocks[0], Paragraph)
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert table.text_rows() == [["1", "Menyusun", "[]"], ["2", "Memeriksa", "{ } (Decision)"]]


def test_html_list_fragment_inside_cell_is_flattened() -> None:
    doc = parse_text(
        'Dasar Hukum\tKualifikasi\n<ol style="list-style-type: none"> 1. Perpres 29/2014 '
        "2. Permen 53/2014 \t<ol> 1. Mampu\n"
    )
    table = doc.blocks[0]
    assert isinstance(table, Table)
    rows = table.text_rows()
    assert rows[1][0] == "1. Perpres 29/2014 2. Permen 53/2014"
    assert "<" not in rows[1][1]


def test_markdown_bold_and_table() -> None:
    doc = parse_text("**SOP PENYUSUNAN**\n| No | Kegiatan |\n|---|---|\n| 1 | Menyusun |\n")
    assert doc.blocks[0] == Paragraph(text="SOP PENYUSUNAN", prov=doc.blocks[0].prov)
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert table.text_rows() == [["No", "Kegiatan"], ["1", "Menyusun"]]


def test_html_table_spans_and_scripts() -> None:
    html = (
        "<html><body><script>alert(1)</script><p>SOP <b>Cuti</b></p>"
        "<table><tr><td rowspan=2>No</td><td colspan=2>Pelaksana</td></tr>"
        "<tr><td>Kadis</td><td onclick='x()'>Staf</td></tr></table></body></html>"
    )
    doc = parse_html(html)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["SOP Cuti"]
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert (table.n_rows, table.n_cols) == (2, 3)
    grid = table.grid()
    assert grid[1][0] is grid[0][0]  # rowspan
    assert grid[0][1] is grid[0][2]  # colspan
    assert grid[1][2] is not None and grid[1][2].text == "Staf"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Tanggal Pengesahan".encode("utf-16"), "Tanggal Pengesahan"),
        ("Pelaksana – Kepala".encode("cp1252"), "Pelaksana – Kepala"),
        (b"\xef\xbb\xbfNomor SOP", "Nomor SOP"),
    ],
)
def test_decode_encodings(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_undecodable_text_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        decode(b"\x81\x8d\x8f\x90\x9d" * 10)
    assert info.value.code == "undecodable_text"

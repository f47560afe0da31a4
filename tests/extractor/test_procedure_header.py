"""The procedure table's column map from header rows as OCR leaves them."""

from __future__ import annotations

from extractor.models import Provenance
from extractor.sop.lexicon import match_label
from extractor.sop.procedure import read_columns
from extractor.sop.rows import Row

TOP = ["No", "Uraian Kegiatan", "Pelaksana", "", "", "Mutu Baku", "", "", "Keterangan"]


def _rows(low: list[str], source: str) -> tuple[Row, Row]:
    prov = Provenance(source=source)
    return Row(texts=list(TOP), prov=prov), Row(texts=low, prov=prov)


def test_rule_debris_beside_a_label_does_not_hide_it():
    assert match_label("Waktu\n!", "procedure") == "time"
    assert match_label("— Keterangan ©", "procedure") == "notes"
    assert match_label("! |", "procedure") is None
    # the rule read as a letter before a label (a 200-dpi gray PDF's "I No. SOP")
    assert match_label("I No. SOP", "identity") == "number"
    assert match_label("Tanggal Efektif l", "identity") == "effective"
    assert match_label("I", "identity") is None


def test_an_unreadable_output_header_is_placed_by_the_format_order():
    low = [
        "",
        "",
        "© Pemohon",
        "Petugas\nLoket |",
        "Kepala & Staf",
        "Kelengkapan",
        "Waktu\n!",
        "Gusta",
        "",
    ]
    cols = read_columns(*_rows(low, "ocr"))
    assert (cols.requirements, cols.time, cols.output, cols.notes) == (5, 6, 7, 8)
    assert cols.roles == {2: "Pemohon", 3: "Petugas Loket", 4: "Kepala & Staf"}


def test_a_digital_header_is_taken_as_written():
    # a text layer is not guessed at: an unnamed column stays unnamed, names stay whole
    low = ["", "", "Pemohon", "Petugas - Loket", "Kepala", "Kelengkapan", "Waktu", "Biaya", ""]
    cols = read_columns(*_rows(low, "text_layer"))
    assert (cols.time, cols.output) == (6, None)
    assert cols.roles[3] == "Petugas - Loket"


def test_a_role_column_whose_name_ocr_could_not_read_still_counts():
    # "Pengadministrasi Umum" in 6-pt print on a photo: nothing read under "Pelaksana"
    low = ["", "", "Camat", "", "Kepala Seksi", "Kelengkapan", "Waktu", "Output", ""]
    cols = read_columns(*_rows(low, "ocr"))
    assert cols.roles == {2: "Camat", 4: "Kepala Seksi"}
    assert cols.unnamed == [3]
    assert list(cols.role_columns.items()) == [(2, "Camat"), (3, None), (4, "Kepala Seksi")]
    # a text layer says what it says: an empty header cell is no role column
    assert read_columns(*_rows(low, "text_layer")).unnamed == []


def test_two_unreadable_quality_headers_are_placed_from_the_one_read():
    # a blurred photo: "Want" for Waktu, "Guiput" for Output; Kelengkapan anchors both
    low = ["", "", "Pemohon", "Petugas", "Kepala", "Kelengkapan", "Want", "Guiput", ""]
    cols = read_columns(*_rows(low, "ocr"))
    assert (cols.requirements, cols.time, cols.output, cols.notes) == (5, 6, 7, 8)
    # anchored on the last one: placed backwards
    low = ["", "", "Pemohon", "Petugas", "Kepala", "Kelengk@", "Wak", "Output", ""]
    cols = read_columns(*_rows(low, "ocr"))
    assert (cols.requirements, cols.time, cols.output) == (5, 6, 7)
    assert cols.roles == {2: "Pemohon", 3: "Petugas", 4: "Kepala"}


def test_quality_headers_are_not_guessed_without_an_anchor():
    # nothing of Mutu Baku read: nothing to place the columns from
    low = ["", "", "Pemohon", "Petugas", "Kepala", "Kelengk@", "Want", "Guiput", ""]
    cols = read_columns(*_rows(low, "ocr"))
    assert (cols.requirements, cols.time, cols.output) == (None, None, None)


def test_a_garbled_role_name_is_unreadable_not_a_role():
    # a blurred two-line name OCR read as letters, unsurely and in no title's words
    from extractor.layout import Cell

    low = [
        "",
        "",
        "Camat",
        "Peumtanger dar mm",
        "Kepala Seksi",
        "Kelengkapan",
        "Waktu",
        "Output",
        "",
    ]
    confs = [None, None, 93.0, 42.0, 44.0, 95.0, 95.0, 95.0, None]
    header, sub = _rows(low, "ocr")
    sub.cells = [
        Cell(row=1, col=i, text=t, prov=Provenance(source="ocr", confidence=c) if c else None)
        for i, (t, c) in enumerate(zip(low, confs, strict=True))
    ]
    cols = read_columns(header, sub)
    assert cols.roles == {2: "Camat", 4: "Kepala Seksi"}  # as unsure, but a title's words
    assert cols.unnamed == [3]
    # read surely, a name in no title's words stands ("Notulis", "Penguji")
    sub.cells[3].prov = Provenance(source="ocr", confidence=88.0)
    assert read_columns(header, sub).roles[3] == "Peumtanger dar mm"


def test_a_page_whose_header_lost_a_column_rule_is_read_by_its_own_header():
    # held-out sop-020's photo: on the third page the rule between two role columns was
    # lost, so its header (and every row) has one column fewer than the first page's
    from extractor.sop.procedure import page_columns, remap_row

    first_top = ["No", "Kegiatan", "Pelaksana", "", "", "Mutu Baku", "Waktu", "Output"]
    first = read_columns(
        Row(texts=first_top, prov=Provenance(source="ocr")),
        Row(
            texts=["", "", "Bupati", "Kepala Bagian Hukum", "Perancang", "Kelengkapan", "", ""],
            prov=Provenance(source="ocr"),
        ),
    )
    page = read_columns(
        Row(
            texts=["No", "Kegiatan", "Pelaksana", "", "Mutu Baku", "Waktu", "Output"],
            prov=Provenance(source="ocr"),
        ),
        Row(
            texts=["", "", "Bupati Kepala Bag", "Perancang", "Kelengkapan", "", ""],
            prov=Provenance(source="ocr"),
        ),
    )
    mapping = page_columns(first, page)
    # the merged column maps nowhere; every other column to its place on the first page
    assert mapping == {0: 0, 1: 1, 3: 4, 4: 5, 5: 6, 6: 7}
    row = Row(texts=["11", "Memaraf", "", "", "Rancangan", "30 Menit", "Nota"])
    moved = remap_row(row, mapping, first.n_cols)
    assert moved.texts == ["11", "Memaraf", "", "", "", "Rancangan", "30 Menit", "Nota"]
    # a page laid out as the first is read by the first page's columns
    assert page_columns(first, first) is None


def test_the_activity_label_read_into_the_row_below_is_the_activity_column():
    # a photo broke the rule under "Pelaksana": the merged cells read as two rows, and
    # "Kegiatan" landed in the sub-header row below an empty slot
    prov = Provenance(source="ocr")
    top = ["No", "", "", "Pelaksana", "", "Mutu Baku", "Mutu Baku", "Mutu Baku", "Keterangan"]
    low = ["", "Kegiatan", "Inspektur", "Ketua Tim", "Auditi", "Kelengkapan", "Waktu", "Output", ""]
    cols = read_columns(Row(texts=top, prov=prov), Row(texts=low, prov=prov))
    assert cols.activity == 1
    assert cols.roles == {2: "Inspektur", 3: "Ketua Tim", 4: "Auditi"}

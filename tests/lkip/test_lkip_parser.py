"""The LKIP parser on small hand-made layouts: headings, contents pages, page furniture,
tables over page breaks, polarity and range targets, OCR-mangled headers."""

from __future__ import annotations

import pytest

from extractor.layout import Cell, LayoutDocument, Paragraph, Table
from extractor.lkip import parse_lkip
from extractor.lkip.doc import heading_of
from extractor.lkip.tables import parse_target, split_polarity
from extractor.models import Provenance, Source
from extractor.options import ExtractionOptions

SOURCE = Source(filename="t.pdf", sha256="0", media_type="application/pdf")
HEADER = [
    "No",
    "Sasaran Strategis",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Realisas\ni",
    "Capaian (%)",
]


def para(text: str, page: int, source: str = "text_layer") -> Paragraph:
    return Paragraph(text=text, prov=Provenance(page=page, source=source))


def table(rows: list[list[str]], page: int) -> Table:
    cells = [Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells, page=page)


def layout(blocks: list) -> LayoutDocument:
    return LayoutDocument(blocks=blocks, pages=6, source_kind="text_layer")


def report(perf_parts: list[Table]) -> LayoutDocument:
    blocks = [
        para("LAPORAN KINERJA INSTANSI PEMERINTAH", 1),
        para("TAHUN 2023", 1),
        para("DINAS SOSIAL", 1),
        para("PEMERINTAH KABUPATEN TAPIN", 1),
        para("DAFTAR ISI", 2),
        para("BAB I PENDAHULUAN", 2),
        para("BAB III AKUNTABILITAS KINERJA", 2),
        para("- 2 -", 2),
        para("BAB III", 3),
        para("AKUNTABILITAS KINERJA", 3),
        para("A. Capaian Kinerja Organisasi", 3),
    ]
    for t in perf_parts:
        blocks += [
            para("Laporan Kinerja Dinas Sosial 2023", t.page or 0),
            t,
            para(f"- {t.page} -", t.page or 0),
        ]
    blocks += [para("Laporan Kinerja Dinas Sosial 2023", 6), para("LAMPIRAN", 6)]
    return layout(blocks)


def test_contents_lines_are_not_headings() -> None:
    assert heading_of(["BAB I PENDAHULUAN ........ 5"]) is None
    assert heading_of(["BAB IV PENUTUP nc ocooccccccoocom coca ooo"]) is None
    assert heading_of(["BAB II", "PERENCANAAN KINERJA"]) == (
        "perencanaan_kinerja",
        "BAB II PERENCANAAN KINERJA",
        2,
    )
    assert heading_of(["BABI - ie"])[0] == "pendahuluan"  # OCR lost the title
    assert (
        heading_of(["Bab ini menyajikan capaian kinerja yang telah dicapai selama tahun ini"])
        is None
    )


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("BAB | PENDAHULUAN", "pendahuluan"),  # "I" read as a bar (lkip-003 scan)
        ("BAB Il PERENCANAAN KINERJA", "perencanaan_kinerja"),
        ("BAB 1II AKUNTABILITAS KINERJA", "akuntabilitas_kinerja"),
        ("BAB lV PENUTUP", "penutup"),
        ("8AB III. AKUNTABILITAS KINERJA", "akuntabilitas_kinerja"),
        ("BAB 11 - PERENCANAAN KINERJA", "perencanaan_kinerja"),
        ("BAB III AKUNTABlLITAS KINERIA", "akuntabilitas_kinerja"),  # misread letters
        ("BAB Hl PERENCANAAN KINERJA", "perencanaan_kinerja"),  # number unreadable
        ("B A B I I I A K U N T A B I L I T A S K I N E R J A", "akuntabilitas_kinerja"),
        ("BABIPENDAHULUAN", "pendahuluan"),
        ("BAB I PENDAHU LUAN", "pendahuluan"),
        ("P E N U T U P", "penutup"),
        ("IKHTISAR EKSEKUTlF", "ikhtisar_eksekutif"),
        ("LAMPIRAN.", "lampiran"),
    ],
)
def test_ocr_garbled_headings(line: str, key: str) -> None:
    hit = heading_of([line], ocr=True)
    assert hit is not None and hit[0] == key, hit


@pytest.mark.parametrize(
    "line",
    [
        "Bab ini menyajikan capaian kinerja",
        "Sebagaimana diuraikan pada Bab III",
        "Babi hutan",
        "BABINSA DESA",
        "BAB III AKUNTABILITAS KINERJA neo",  # contents lines whose leaders OCR read as letters
        "IKHTISAR EKSEKUTIF so.",
        "PENDAHULUAN so.",
        "LAMPIRAN PTYTITITITITITITITITI TTT TILL 11",
        "BAB III AKUNTABILITAS KINERJA 2023",
        "LAMPIRAN 1",
        "LAPORAN KINERJA",
        "PENUTUPAN",
        "PERJANJIAN KINERJA",
        "Penutup",
    ],
)
def test_not_headings_even_when_ocr(line: str) -> None:
    assert heading_of([line], ocr=True) is None
    assert heading_of([line]) is None


def test_misread_titles_need_ocr() -> None:
    """Digital text is taken as printed: a misspelt title is not a heading."""
    assert heading_of(["IKHTISAR EKSEKUTlF"]) is None
    assert heading_of(["BAB III AKUNTABlLITAS KINERIA"]) is None


def test_ocr_contents_page_without_dot_leaders() -> None:
    """lkip-001/003 scans: OCR read the contents page's dot leaders as letters or lost
    them, and the bar of "BAB |". The chapters start on their own pages, in order."""
    ocr = "ocr"
    blocks = [
        para("LAPORAN KINERJA INSTANSI PEMERINTAH", 1, ocr),
        para("TAHUN 2023", 1, ocr),
        para("DAFTAR ISI", 2, ocr),
        para("IKHTISAR EKSEKUTIF so.", 2, ocr),
        para("BAB | PENDAHULUAN so.", 2, ocr),
        para("BAB II PERENCANAAN KINERJA", 2, ocr),
        para("BAB III AKUNTABILITAS KINERJA neo", 2, ocr),
        para("BAB IV PENUTUP", 2, ocr),
        para("LAMPIRAN", 2, ocr),
        para("a es", 2, ocr),
        para("IKHTISAR EKSEKUTIF", 3, ocr),
        para("Laporan Kinerja ini merupakan pertanggungjawaban atas pelaksanaan PK.", 3, ocr),
        para("BAB | PENDAHULUAN", 4, ocr),
        para("A. Latar Belakang", 4, ocr),
        para("BAB Il PERENCANAAN KINERJA", 5, ocr),
        para("A. Rencana Strategis", 5, ocr),
        para("BAB 1II AKUNTABILITAS KINERJA", 6, ocr),
        para("A. Capaian Kinerja Organisasi", 6, ocr),
        para("BAB lV PENUTUP", 7, ocr),
        para("Demikian laporan ini disusun.", 7, ocr),
        para("LAMPIRAN", 8, ocr),
    ]
    lay = LayoutDocument(blocks=blocks, pages=8, source_kind="ocr")
    rec = parse_lkip(lay, SOURCE, ExtractionOptions())
    assert [(c.key, c.page) for c in rec.chapters] == [
        ("ikhtisar_eksekutif", 3),
        ("pendahuluan", 4),
        ("perencanaan_kinerja", 5),
        ("akuntabilitas_kinerja", 6),
        ("penutup", 7),
        ("lampiran", 8),
    ]
    assert rec.chapters[1].title == "BAB I PENDAHULUAN"


def test_polarity_markers_and_ranges() -> None:
    assert split_polarity("Angka Kematian Ibu (-)") == ("Angka Kematian Ibu", "lower")
    assert split_polarity("Deviasi anggaran (semakin rendah semakin baik)") == (
        "Deviasi anggaran",
        "lower",
    )
    assert split_polarity("Indeks kepuasan (+)") == ("Indeks kepuasan", "higher")
    assert parse_target("80 - 90") == (80.0, 90.0)
    assert parse_target("3,5 s.d. 4,5") == (3.5, 4.5)
    assert parse_target("1.250") == (1250.0, None)


def test_table_continued_without_header_and_blank_objectives() -> None:
    first = table(
        [
            HEADER,
            [
                "1",
                "Meningkatnya layanan sosial",
                "Persentase PMKS tertangani",
                "%",
                "80",
                "84",
                "105,00",
            ],
        ],
        4,
    )
    second = table([["2", "", "Jumlah pengaduan (-)", "kasus", "10", "8", "120,00"]], 5)
    rec = parse_lkip(report([first, second]), SOURCE, ExtractionOptions())
    assert [i.indicator for i in rec.indicators] == [
        "Persentase PMKS tertangani",
        "Jumlah pengaduan",
    ]
    assert rec.indicators[1].objective == "Meningkatnya layanan sosial"
    assert rec.indicators[1].polarity == "lower" and rec.indicators[1].achievement == 120.0
    assert [c.key for c in rec.chapters] == ["akuntabilitas_kinerja", "lampiran"]
    assert rec.chapters[0].page == 3 and rec.chapters[0].page_end == 5
    assert rec.identity.year == 2023 and "capaian_kinerja" in rec.sections_found


def test_repeated_header_is_dropped() -> None:
    first = table([HEADER, ["1", "Sasaran A", "Indikator satu", "%", "80", "84", "105,00"]], 4)
    second = table([HEADER, ["2", "Sasaran A", "Indikator dua", "%", "50", "45", "90,00"]], 5)
    rec = parse_lkip(report([first, second]), SOURCE, ExtractionOptions())
    assert [i.indicator for i in rec.indicators] == ["Indikator satu", "Indikator dua"]
    assert rec.indicators[1].target == 50.0 and rec.indicators[1].actual == 45.0
    assert "lkip_budget_table_not_found" in rec.extraction_notes


BUDGET_HEADER = ["No", "Program/Kegiatan/Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"]


def budget_report(rows: list[list[str]], header: list[str] = BUDGET_HEADER) -> LayoutDocument:
    perf = table([HEADER, ["1", "Sasaran A", "Indikator satu", "%", "80", "84", "105,00"]], 4)
    lay = report([perf])
    lay.blocks.insert(-2, table([header, *rows], 5))
    return lay


def test_word_targets_and_percent_in_its_own_cell() -> None:
    """Opini BPK "WTP", predikat SAKIP "BB": kept as words, no figure; "%" in a cell of its
    own under a merged "Capaian" header leaves the figure in the capaian column."""
    rows = [
        [*HEADER[:4], "Target", "Realisasi", "Capaian (%)", "Capaian (%)"],
        ["1", "Sasaran A", "Opini BPK atas Laporan Keuangan", "opini", "WTP", "WTP", "100", "%"],
        ["2", "Sasaran A", "Nilai SAKIP", "predikat", "BB", "B", "-", ""],
        ["3", "Sasaran A", "Persentase layanan", "%", "80", "84", "105,00", "%"],
    ]
    rec = parse_lkip(report([table(rows, 4)]), SOURCE, ExtractionOptions())
    opini, sakip, layanan = rec.indicators
    assert (opini.target, opini.target_text, opini.actual_text) == (None, "WTP", "WTP")
    assert opini.achievement == 100.0
    assert (sakip.target_text, sakip.actual_text, sakip.achievement) == ("BB", "B", None)
    assert (layanan.target, layanan.target_text, layanan.achievement) == (80.0, None, 105.0)


# Pagu, realisasi, % of a program with two kegiatan (the first with one sub kegiatan),
# then a second program.
NESTED_FIGURES = [
    ["300", "250", "83,33"],
    ["100", "90", "90,00"],
    ["100", "90", "90,00"],
    ["200", "160", "80,00"],
    ["50", "40", "80,00"],
]
NESTED_NAMES = [
    "Program Penunjang",
    "Kegiatan Keuangan",
    "Sub Kegiatan Gaji",
    "Kegiatan Umum",
    "Program Pelayanan",
]


@pytest.mark.parametrize(
    ("numbers", "names", "codes"),
    [
        (  # outline numbers in the No column
            ["1", "1.1", "1.1.1", "1.2", "2"],
            NESTED_NAMES,
            ["1", "1.1", "1.1.1", "1.2", "2"],
        ),
        (  # numbers on programs only: the words tell the levels
            ["1", "", "", "", "2"],
            NESTED_NAMES,
            ["1", None, None, None, "2"],
        ),
        (  # Kepmendagri codes in front of the names, one wrapped in the No cell
            ["", "", "", "1.02.01.2.\n06", ""],
            [
                "1.02.01 Program Penunjang",
                "1.02.01.2.02 Keuangan",
                "1.02.01.2.02.0001 Gaji",
                "Umum",
                "1.02.02 Program Pelayanan",
            ],
            ["1.02.01", "1.02.01.2.02", "1.02.01.2.02.0001", "1.02.01.2.06", "1.02.02"],
        ),
    ],
)
def test_nested_budget_levels(
    numbers: list[str], names: list[str], codes: list[str | None]
) -> None:
    rows = [[no, name, *fig] for no, name, fig in zip(numbers, names, NESTED_FIGURES, strict=True)]
    lay = budget_report([*rows, ["", "JUMLAH", "350", "290", "82,86"]])
    rec = parse_lkip(lay, SOURCE, ExtractionOptions())
    assert [b.level for b in rec.budget] == [1, 2, 3, 2, 1]
    assert [b.code for b in rec.budget] == codes
    assert rec.budget_total is not None and rec.budget_total.ceiling == 350.0


def test_flat_budget_has_no_levels_and_rupiah_forms() -> None:
    rows = [
        ["1", "Program Penunjang", "Rp.1.234.567.890,00", "Rp 1.200.000.000,00", "97,20"],
        ["2", "Program Pelayanan", "1,2 M", "850 jt", "70,83"],
        ["", "JUMLAH", "Rp 2.434.567.890,00", "Rp 2.050.000.000,00", "84,20"],
    ]
    rec = parse_lkip(budget_report(rows), SOURCE, ExtractionOptions())
    assert [b.level for b in rec.budget] == [None, None]
    assert [b.code for b in rec.budget] == [None, None]
    assert [(b.ceiling, b.realised) for b in rec.budget] == [
        (1234567890.0, 1200000000.0),
        (1200000000.0, 850000000.0),
    ]


def test_budget_header_states_the_unit() -> None:
    header = ["No", "Program", "Pagu (Rp juta)", "Realisasi (Rp juta)", "%"]
    rows = [["1", "Program Penunjang", "1.250,5", "1.100", "87,96"]]
    rec = parse_lkip(budget_report(rows, header), SOURCE, ExtractionOptions())
    assert (rec.budget[0].ceiling, rec.budget[0].realised) == (1250500000.0, 1100000000.0)
    assert rec.budget[0].percent == 87.96


def test_heading_kept_when_the_next_paragraph_line_ends_in_a_number() -> None:
    """A body paragraph whose first wrapped line ends in a number is not a contents line
    (the heading before it used to be dropped as part of a table of contents)."""
    blocks = [
        para("LAPORAN KINERJA INSTANSI PEMERINTAH", 1),
        para("BAB I", 3),
        para("PENDAHULUAN", 3),
        para(
            "Dinas Sosial dibentuk dengan Peraturan Daerah dan pada 2023 mempunyai pegawai 12\n"
            "orang fungsional dan 30 orang pelaksana.",
            3,
        ),
        para("BAB II PERENCANAAN KINERJA", 4),
        para("Rencana Strategis 2021-2026 menjadi acuan.", 4),
    ]
    rec = parse_lkip(layout(blocks), SOURCE, ExtractionOptions())
    assert [(c.key, c.page) for c in rec.chapters][:2] == [
        ("pendahuluan", 3),
        ("perencanaan_kinerja", 4),
    ]


def test_contents_entries_with_page_numbers_are_still_contents() -> None:
    blocks = [
        para("LAPORAN KINERJA INSTANSI PEMERINTAH", 1),
        para("BAB I PENDAHULUAN 1", 2),
        para("BAB II PERENCANAAN KINERJA 5", 2),
        para("BAB I PENDAHULUAN", 3),
        para("Latar belakang laporan ini.", 3),
    ]
    rec = parse_lkip(layout(blocks), SOURCE, ExtractionOptions())
    assert [(c.key, c.page) for c in rec.chapters][:1] == [("pendahuluan", 3)]

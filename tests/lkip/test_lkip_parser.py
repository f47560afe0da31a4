"""The LKIP parser on small hand-made layouts: headings, contents pages, page furniture,
tables over page breaks, polarity and range targets, OCR-mangled headers."""

from __future__ import annotations

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


def para(text: str, page: int) -> Paragraph:
    return Paragraph(text=text, prov=Provenance(page=page, source="text_layer"))


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

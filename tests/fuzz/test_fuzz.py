"""Fuzzing the parsers with hypothesis: no exception but ``InputError``, bounded time.

Targets: the text/Markdown/HTML backend, the citation, duration, date and NIP parsers,
the SOP parser on random blocks, and the DOCX reader on mutated corpus documents.
Example counts are per test (``n`` below) times ``LONG_FACTOR`` in the long profile.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.backends import docx as docx_backend
from extractor.backends import text as text_backend
from extractor.classify import parse_blocks
from extractor.errors import InputError
from extractor.fields.citations import parse_citation, parse_citations
from extractor.fields.dates import find_dates, parse_date
from extractor.fields.durations import parse_duration
from extractor.fields.nip import find_nip, split_nip
from extractor.layout import Cell, LayoutDocument, Paragraph, Table
from extractor.models import Source
from extractor.options import ExtractionOptions
from extractor.sop import parse_sop

ROOT = Path(__file__).resolve().parents[2]
#: Examples per test in the long run (HYPOTHESIS_PROFILE=long), relative to the CI run.
LONG_FACTOR = 40 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 1
OPTIONS = ExtractionOptions()
#: Words and marks of real SOP exports, so random input reaches the parsers' deep paths.
FRAGMENTS = [
    "Dasar Hukum",
    "DASAR HUKUM :",
    "Kualifikasi Pelaksana",
    "Keterkaitan",
    "Peralatan",
    "Peringatan",
    "Pencatatan",
    "Nomor SOP",
    "Tanggal Pembuatan",
    "Disahkan Oleh",
    "Nama SOP",
    "No",
    "Kegiatan",
    "Pelaksana",
    "Mutu Baku",
    "Kelengkapan",
    "Waktu",
    "Output",
    "Ket",
    "Kepala Dinas",
    "Sekretaris",
    "Kasubag",
    "Staf",
    "Pemohon",
    "NIP.",
    "NIP 19720415 200212 1 004",
    "19720415200212 1 004",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Peraturan Menteri PANRB Nomor 35 Tahun 2012",
    "Perbup No. 38 Th. 2021",
    "Permendagri",
    "PP",
    "Nomor",
    "Tahun",
    "tentang",
    "jo.",
    "sebagaimana telah diubah",
    "15 Menit",
    "1-2 Jam",
    "3 Hari kerja",
    "1 minggu",
    "½ jam",
    "Januari",
    "14 Oktober 2024",
    "31/02/2024",
    "2024-10-14",
    "Mulai",
    "Selesai",
    "Ya",
    "Tidak",
    "[]",
    "{ } (Decision)",
    "\t",
    "|",
    " | ",
    "\n",
    "\n\n",
    "1.",
    "2)",
    "a.",
    "-",
    "**",
    "<ol><li>",
    "</li>",
    "<br>",
    "&amp;",
    "<table><tr><td>",
    "</td>",
    "X",
    "√",
    "v",
    "0",
    "9",
    "IV/c",
    "Pembina Utama Muda",
    ":",
    "(",
    ")",
    "…",
    "\u00a0",
    "\ufeff",
]
sop_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
    "".join
)


def bounded(seconds: float) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Fail an example that takes longer than ``seconds`` (a hang or blow-up)."""

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            try:
                return fn(*args, **kwargs)
            except InputError:
                return None
            finally:
                spent = time.monotonic() - started
                assert spent < seconds, f"{fn.__name__} took {spent:.1f} s"

        return run

    return wrap


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the NLP pipeline and vocabularies once, so no example pays for start-up."""
    parse_citations(FRAGMENTS[23] + "\n" + FRAGMENTS[24])
    text_backend.parse(b"Dasar Hukum\tX\n", OPTIONS)


def n(count: int) -> settings:
    return settings(max_examples=count * LONG_FACTOR)


# --------------------------------------------------------------------------- text backend


@n(150)
@given(st.one_of(st.binary(max_size=3000), sop_text.map(lambda t: t.encode("utf-8"))))
def test_text_backend(data: bytes) -> None:
    bounded(5)(text_backend.parse)(data, OPTIONS)


@n(80)
@given(sop_text, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252"]))
def test_text_backend_encodings_then_sop_parser(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    layout = bounded(5)(text_backend.parse)(data, OPTIONS)
    if layout is not None:
        source = Source(filename="f.txt", sha256="0" * 64, media_type="text/plain")
        bounded(10)(parse_blocks)(layout, source, OPTIONS)


# --------------------------------------------------------------------------- field parsers


@n(300)
@given(sop_text)
def test_field_parsers(text: str) -> None:
    for parser in (
        parse_citation,
        parse_citations,
        parse_duration,
        find_dates,
        parse_date,
        find_nip,
    ):
        bounded(2)(parser)(text)


@n(200)
@given(st.text(alphabet="0123456789 .-/", max_size=30))
def test_nip_split(text: str) -> None:
    bounded(1)(split_nip)(text)
    bounded(1)(find_nip)("NIP. " + text)


# --------------------------------------------------------------------------- SOP parser


cell_text = st.one_of(st.sampled_from(FRAGMENTS), sop_text)


@st.composite
def layouts(draw: st.DrawFn) -> LayoutDocument:
    blocks: list[Paragraph | Table] = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            blocks.append(Paragraph(text=draw(cell_text)))
            continue
        rows, cols = draw(st.integers(1, 12)), draw(st.integers(1, 10))
        cells = []
        for r in range(rows):
            for c in range(cols):
                if draw(st.integers(0, 9)) == 0:
                    continue  # a hole left by a merge
                rs = draw(st.integers(1, 3))
                cs = draw(st.integers(1, 3))
                cells.append(Cell(row=r, col=c, row_span=rs, col_span=cs, text=draw(cell_text)))
        blocks.append(Table(n_rows=rows, n_cols=cols, cells=cells))
    return LayoutDocument(blocks=blocks, source_kind=draw(st.sampled_from(["text", "docx", "ocr"])))


SOURCE = Source(filename="f.pdf", sha256="0" * 64, media_type="application/pdf")


@n(120)
@given(layouts())
def test_sop_parser_on_random_blocks(layout: LayoutDocument) -> None:
    bounded(10)(parse_sop)(layout, SOURCE, OPTIONS)
    bounded(10)(parse_blocks)(layout, SOURCE, OPTIONS)


# --------------------------------------------------------------------------- DOCX reader

DOCX = (
    ROOT
    / "corpus"
    / "sop"
    / "sop-001-dinkes-rekomendasi-sip"
    / "sop-001-dinkes-rekomendasi-sip.docx"
)
_PARTS = {}
with zipfile.ZipFile(DOCX) as _zf:
    for _name in _zf.namelist():
        _PARTS[_name] = _zf.read(_name)
MUTABLE = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "[Content_Types].xml"]
MUTABLE = [m for m in MUTABLE if m in _PARTS]


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    parts = dict(_PARTS)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(MUTABLE))
        data = bytearray(parts[name]) or bytearray(b" ")  # an earlier mutation may empty it
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "dup", "insert", "truncate", "swap-tag"]))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        elif kind == "dup":
            end = min(len(data), at + draw(st.integers(1, 2000)))
            data[at:at] = data[at:end] * draw(st.integers(1, 5))
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from([*FRAGMENTS, "<w:p>", "</w:tc>", "<w:tbl>", "&#0;", "]]>"])
            ).encode()
        elif kind == "truncate":
            del data[at:]
        else:
            data = bytearray(
                bytes(data).replace(
                    draw(st.sampled_from([b"w:tc", b"w:tr", b"w:gridSpan", b"w:vMerge", b"w:p "])),
                    draw(st.sampled_from([b"w:p", b"w:tbl", b"w:x", b"w:tc"])),
                )
            )
        parts[name] = bytes(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


@n(40)
@given(mutated_docx())
def test_docx_reader_on_mutations(data: bytes) -> None:
    layout = bounded(10)(docx_backend.parse)(data, OPTIONS)
    if layout is not None:
        bounded(10)(parse_blocks)(layout, SOURCE, OPTIONS)

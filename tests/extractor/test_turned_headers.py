"""Role names set turned a quarter in the Pelaksana header (Word's and Excel's "rotate
text up", common where many roles share a narrow width): read in every input kind as
the upright ones are."""

from __future__ import annotations

import io
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.scoring import score_record  # noqa: E402
from bench.variations import Photo, Scan, photo_pdf, scan_pdf  # noqa: E402
from corpus.render.docx_render import render_docx  # noqa: E402
from corpus.render.pdf_render import render_pdf  # noqa: E402
from corpus.render.spec import load_spec  # noqa: E402
from extractor import extract  # noqa: E402
from extractor.backends.pdf import _words  # noqa: E402
from extractor.geometry.turned import join_turned  # noqa: E402
from extractor.layout import Word  # noqa: E402

DOC = "sop-003-dpupr-pengadaan-langsung"  # six roles, two of them acronyms (PPK, PPTK)
SOP = ROOT / "corpus" / "sop"


def _turned(text: str, x: float, bottom: float, upward: bool, size: float = 7.0) -> Word:
    """A word set turned, as a PDF or an OCR read gives it: tall and narrow."""
    length = 4.0 * len(text)
    top = bottom - length
    return Word(text=text, bbox=(x, top, x + size, bottom))


def test_turned_lines_are_laid_flat_in_reading_order():
    # reading upwards: each line from the bottom, the lines from left to right
    up = [
        _turned("Seksi", 100.0, 170.0, True),
        _turned("Kepala", 100.0, 200.0, True),
        _turned("Penduduk", 108.5, 170.0, True),
        _turned("Identitas", 108.5, 210.0, True),
        _turned("Pemohon", 160.0, 200.0, True),  # the next column's name
    ]
    flat = join_turned(up, upward=True)
    assert [w.text for w in flat] == ["Kepala", "Seksi", "Identitas", "Penduduk", "Pemohon"]
    lines = {}
    for w in flat:
        lines.setdefault((round(w.bbox[1], 1), round(w.bbox[3], 1)), []).append(w)
    assert len(lines) == 2, "one upright line per block"
    first = [w for w in flat if w.bbox[0] < 150]
    assert all(a.bbox[2] < b.bbox[0] for a, b in itertools.pairwise(first))
    # one line whose last word, in capitals, is thinner than the others: still one line
    one = [
        Word(text="Kepala", bbox=(200.0, 180.0, 207.0, 203.0)),
        Word(text="Bidang", bbox=(200.0, 155.0, 207.0, 178.0)),
        Word(text="SDK", bbox=(200.0, 140.0, 205.5, 152.0)),
    ]
    assert [w.text for w in join_turned(one)] == ["Kepala", "Bidang", "SDK"]
    # a compound wrapped at its hyphen across two lines is one word again
    wrapped = [
        Word(text="Operator", bbox=(300.0, 170.0, 307.0, 200.0)),
        Word(text="SIKS-", bbox=(300.0, 148.0, 307.0, 167.0)),
        Word(text="NG", bbox=(308.5, 190.0, 315.5, 200.0)),
    ]
    assert [w.text for w in join_turned(wrapped)] == ["Operator", "SIKS-NG"]
    # reading downwards: each line from the top, the lines from right to left
    down = [
        Word(text="Kepala", bbox=(108.5, 100.0, 115.5, 124.0)),
        Word(text="Seksi", bbox=(108.5, 126.0, 115.5, 146.0)),
        Word(text="Umum", bbox=(100.0, 100.0, 107.0, 116.0)),
    ]
    assert [w.text for w in join_turned(down, upward=False)] == ["Kepala", "Seksi", "Umum"]


def test_a_pdfs_text_turned_either_way_reads_in_order(tmp_path):
    path = tmp_path / "turned.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica", 8)
    for x, angle, lines in (
        (100, 90, ["Kepala Seksi", "Identitas Penduduk"]),
        (300, -90, ["Petugas", "Front Office"]),
    ):
        for k, line in enumerate(lines):
            c.saveState()
            # reading upwards the next line stands to the right; downwards, to the left
            c.translate(x + (k if angle > 0 else -k) * 10, 500 if angle > 0 else 700)
            c.rotate(angle)
            c.drawString(0, 0, line)
            c.restoreState()
    c.drawString(400, 500, "Waktu")
    c.save()
    with pdfplumber.open(path) as pdf:
        words = _words(pdf.pages[0])
    texts = [w.text for w in sorted(words, key=lambda w: (w.bbox[0], w.bbox[1]))]
    assert texts == [
        "Kepala",
        "Seksi",
        "Identitas",
        "Penduduk",
        "Petugas",
        "Front",
        "Office",
        "Waktu",
    ]


@pytest.fixture(scope="module")
def turned_files(tmp_path_factory) -> dict[str, bytes]:
    """The corpus document rendered with its role names turned: PDF, DOCX, the PDF
    scanned at 300 dpi and photographed."""
    spec = load_spec(SOP / "specs" / f"{DOC}.yml")
    spec = replace(spec, layout=replace(spec.layout, role_labels="vertical"))
    out = tmp_path_factory.mktemp("turned")
    render_pdf(spec, out / f"{DOC}.pdf")
    render_docx(spec, out / f"{DOC}.docx")
    pdf = (out / f"{DOC}.pdf").read_bytes()
    return {
        "pdf": pdf,
        "docx": (out / f"{DOC}.docx").read_bytes(),
        "scan": scan_pdf(pdf, DOC, Scan(), "test:turned"),
        "photo": photo_pdf(pdf, DOC, Photo(), "test:turned"),
    }


@pytest.mark.parametrize("kind", ["pdf", "docx", "scan", "photo"])
def test_role_names_turned_to_read_upwards_are_read_in_every_input_kind(turned_files, kind):
    with pdfplumber.open(io.BytesIO(turned_files["pdf"])) as pdf:
        header = pdf.pages[1]
        assert any(not ch["upright"] for ch in header.chars), "the renderer turned them"
    suffix = "docx" if kind == "docx" else "pdf"
    result = extract(turned_files[kind], filename=f"{DOC}.{kind}.{suffix}")
    assert result.record is not None, result.errors
    record = result.record.model_dump(mode="json")
    truth = json.loads((SOP / DOC / "truth.json").read_text("utf-8"))
    assert record["roles"] == truth["roles"]
    score = score_record(record, truth)
    assert score.rate("actor") >= (0.9 if kind == "photo" else 1.0), score.misses

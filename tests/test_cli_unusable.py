"""Unusable input gets a clear bilingual message and exit code 2, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas


def _letter_pdf(path: Path, encrypt: bool = False) -> None:
    """A one-page official letter: real text, not an SOP."""
    enc = StandardEncryption("rahasia", canPrint=0) if encrypt else None
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=enc)
    lines = [
        "PEMERINTAH KABUPATEN BALANGAN",
        "Paringin, 12 Maret 2024",
        "Perihal: Undangan Rapat Koordinasi",
        "Dengan hormat, bersama ini kami mengundang Bapak/Ibu untuk menghadiri rapat",
        "koordinasi pada hari Senin di ruang rapat kantor bupati. Atas perhatiannya",
        "kami ucapkan terima kasih.",
    ]
    y = 800
    for line in lines:
        c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )


def _cases(tmp: Path) -> dict[str, Path]:
    cases: dict[str, Path] = {}
    cases["empty"] = tmp / "kosong.pdf"
    cases["empty"].write_bytes(b"")
    letter = tmp / "surat.pdf"
    _letter_pdf(letter)
    cases["not_sop"] = letter
    cases["truncated"] = tmp / "terpotong.pdf"
    cases["truncated"].write_bytes(letter.read_bytes()[:400])
    cases["encrypted"] = tmp / "terkunci.pdf"
    _letter_pdf(cases["encrypted"], encrypt=True)
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 180, 160)).save(buf, format="JPEG")
    cases["jpeg_named_pdf"] = tmp / "foto.pdf"
    cases["jpeg_named_pdf"].write_bytes(buf.getvalue())
    cases["binary"] = tmp / "program.docx"
    cases["binary"].write_bytes(b"\x7fELF" + bytes(range(256)) * 4)
    return cases


@pytest.mark.parametrize(
    ("case", "word_id", "word_en"),
    [
        ("empty", "kosong", "empty"),
        ("not_sop", "bukan SOP", "neither an SOP"),
        ("truncated", "rusak", "corrupt"),
        ("encrypted", "kata sandi", "password"),
        ("jpeg_named_pdf", "", ""),
        ("binary", "tidak dikenali", "Unrecognised"),
    ],
)
def test_unusable_input_exits_2_with_messages(
    case: str, word_id: str, word_en: str, tmp_path: Path
) -> None:
    path = _cases(tmp_path)[case]
    for lang, word in (("id", word_id), ("en", word_en)):
        proc = _run("extract", str(path), "--lang", lang)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert proc.stdout.strip() == ""
        assert str(path) in proc.stderr
        assert word in proc.stderr

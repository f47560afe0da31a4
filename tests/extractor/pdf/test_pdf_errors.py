"""Unusable PDFs become InputError codes; pages without text go to OCR or get a note."""

from __future__ import annotations

import io
import sys
import types

import pytest
from pdf_fixtures import simple_pdf
from reportlab.pdfgen import canvas

from extractor.backends.pdf import parse
from extractor.errors import InputError
from extractor.layout import PageGeometry, Paragraph, Word
from extractor.options import ExtractionOptions


def _code(data: bytes, **options) -> str:
    with pytest.raises(InputError) as info:
        parse(data, ExtractionOptions(**options))
    return info.value.code


def test_password_protected_pdf_is_encrypted_pdf():
    assert _code(simple_pdf(encrypt="rahasia")) == "encrypted_pdf"


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_truncated_pdf_is_corrupt(share):
    data = simple_pdf(pages=3)
    assert _code(data[: int(len(data) * share)]) == "corrupt_pdf"


def test_garbage_after_pdf_magic_is_corrupt():
    with pytest.raises(InputError) as err:
        parse(b"%PDF-1.7\n" + b"\x00garbage" * 50, ExtractionOptions())
    assert err.value.code == "corrupt_pdf"
    assert "rusak" in err.value.item().message_id


def test_too_many_pages_is_refused_with_the_count():
    with pytest.raises(InputError) as info:
        parse(simple_pdf(pages=4), ExtractionOptions(max_pages=3))
    assert info.value.code == "too_many_pages"
    assert "4" in info.value.item().message_en and "3" in info.value.item().message_en


@pytest.mark.parametrize("size", [(6000.0, 300.0), (300.0, 5200.0)])
def test_absurd_page_size_is_refused(size):
    assert _code(simple_pdf(size=size)) == "page_too_large"


def test_empty_user_password_opens():
    # an owner password only (printing restrictions) leaves the document readable
    buf = io.BytesIO()
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword="pemilik", canPrint=0)
    c = canvas.Canvas(buf, encrypt=enc)
    c.drawString(72, 720, "Prosedur ini dapat dibaca tanpa kata sandi")
    c.save()
    doc = parse(buf.getvalue(), ExtractionOptions())
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [
        "Prosedur ini dapat dibaca tanpa kata sandi"
    ]


def _image_only_pdf() -> bytes:
    """A 'scan': one page holding only a drawn image, no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (200, 100), "white")
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawImage(ImageReader(img), 50, 500, 300, 150)
    c.showPage()
    c.drawString(72, 720, "Halaman kedua dengan lapisan teks yang utuh")
    c.save()
    return buf.getvalue()


def test_page_without_text_gets_a_note_when_ocr_is_unavailable(monkeypatch):
    monkeypatch.setitem(sys.modules, "extractor.backends.ocr", None)  # import fails
    doc = parse(_image_only_pdf(), ExtractionOptions())
    assert doc.notes == ["page 1: no text layer; OCR unavailable"]
    assert doc.source_kind == "text_layer" and doc.pages == 2


def test_page_without_text_is_rendered_for_ocr(monkeypatch):
    calls = []

    def page_geometry(image, page_number, dpi, lang, capture_scale=1.0):
        calls.append((image.shape, page_number, dpi, lang))
        h, w = image.shape[:2]
        word = Word(text="Tercetak", bbox=(72.0, 100.0, 130.0, 110.0), conf=91.0)
        return PageGeometry(
            page=page_number, width=w * 72 / dpi, height=h * 72 / dpi, words=[word], source="ocr"
        )

    fake = types.ModuleType("extractor.backends.ocr")
    fake.page_geometry = page_geometry  # type: ignore[attr-defined]
    fake.page_notes = lambda pages: []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extractor.backends.ocr", fake)
    doc = parse(_image_only_pdf(), ExtractionOptions(ocr_dpi=100, ocr_lang="ind"))
    assert len(calls) == 1
    shape, page_number, dpi, lang = calls[0]
    assert page_number == 1 and dpi == 100 and lang == "ind"
    assert shape[2] == 3 and abs(shape[0] - 842 * 100 / 72) <= 2  # A4 portrait rendered at 100 dpi
    texts = [b.text for b in doc.blocks]
    assert texts == ["Tercetak", "Halaman kedua dengan lapisan teks yang utuh"]
    assert doc.source_kind == "text_layer"  # mixed document
    assert doc.ocr_confidence == 91.0
    forced = parse(_image_only_pdf(), ExtractionOptions(ocr_dpi=100, force_ocr=True))
    assert forced.source_kind == "ocr"

"""A phone photo whose sheet was captured coarse (a picture forwarded and recompressed):
read as far as it can be, and the reader told why the rest is missing."""

from __future__ import annotations

import io
import sys

import pytest
from ocr_helpers import ROOT, scans_module

sys.path.insert(0, str(ROOT))  # bench/ (the variation script)

from extractor import extract
from rules import check

pytestmark = pytest.mark.ocr

DOC = "sop-004-disdukcapil-ktp-el"


def _photo(dpi: float) -> object:
    """The flowchart page of a corpus SOP photographed on a desk (corpus/scans.py's
    phone photo), the picture kept at ``dpi``."""
    scans = scans_module()
    pdf = (ROOT / "corpus" / "sop" / DOC / f"{DOC}.pdf").read_bytes()
    (sheet,) = scans.rasterize(pdf, dpi, pages=[1])
    damage = scans.damage_for(DOC, "photo:1")
    damage.skew_deg = 0.0
    sheet = scans.degrade(sheet, dpi, damage, scans._rng_for(DOC, "photo:1"))
    return scans.phone_photo(sheet, scans._rng_for(DOC, "low:1")).convert("RGB")


def _pdf(picture, dpi: float) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, "PDF", resolution=dpi, quality=75)
    return buf.getvalue()


def test_a_coarse_photo_in_a_pdf_is_read_and_noted_in_both_languages():
    # the whole SOP photographed so: its identity page still reads, and every page is
    # noted, with a finding saying why so much of the flowchart is missing
    from bench.variations import VARIATIONS, photo_pdf

    pdf = (ROOT / "corpus" / "sop" / DOC / f"{DOC}.pdf").read_bytes()
    data = photo_pdf(pdf, DOC, VARIATIONS["photolow"], "low")
    result = extract(data, filename="foto.pdf")
    assert result.record is not None
    notes = [n for n in result.record.extraction_notes if n.startswith("low_resolution:")]
    assert [n.split(" ")[0] for n in notes] == [f"low_resolution:{p}" for p in (1, 2, 3)]
    for lang, words in (("id", "resolusi rendah"), ("en", "low resolution")):
        texts = [f.message for f in check(result.record, lang=lang).findings if f.rule == "EXT003"]
        assert any(words in t and "200 dpi" in t for t in texts), texts


def test_a_coarse_photo_of_the_flowchart_alone_is_too_small_not_other_than_an_sop():
    # one page, nothing SOP-like read from it: the reader hears why
    result = extract(_pdf(_photo(115), 115), filename="foto.pdf")
    assert result.record is None
    (error,) = result.errors
    assert error.code == "image_too_small" and "dpi" in error.message_id


def test_a_photo_taken_as_the_corpus_photos_are_is_not_noted():
    result = extract(_pdf(_photo(150), 150), filename="foto.pdf")
    assert result.record is not None
    assert not [n for n in result.record.extraction_notes if n.startswith("low_resolution")]


def test_a_coarse_photo_nothing_is_read_from_is_too_small_not_blank():
    # the same picture as a JPEG without a resolution (as a chat app forwards it): read
    # as its sheet's pixels over A4, ~110 dpi, where the page pass reads nothing sure
    buf = io.BytesIO()
    _photo(115).save(buf, "JPEG", quality=60)
    result = extract(buf.getvalue(), filename="foto.jpg")
    assert result.record is None
    (error,) = result.errors
    assert error.code == "image_too_small"
    assert "dpi" in error.message_id and "dpi" in error.message_en

"""Tesseract in-process (C library, models kept loaded) reads exactly what the command reads."""

from __future__ import annotations

import numpy as np
import pytest
from ocr_helpers import scans_module

from extractor.backends.ocr import page_geometry
from extractor.scan import tessapi, tesseract

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    img, _ = scans_module().demo_scan(4, 300, 1.2)
    return np.asarray(img)


def test_library_is_loaded_on_debian() -> None:
    # Debian's tesseract-ocr depends on libtesseract5: the fast path must be the one used
    assert tessapi.engine("ind+eng") is not None


def test_library_and_command_give_the_same_words(page, monkeypatch) -> None:
    via_api = page_geometry(page, 1, 300)
    monkeypatch.setenv(tessapi.ENGINE_ENV, "cli")
    assert tessapi.engine("ind+eng") is None
    via_cli = page_geometry(page, 1, 300)
    assert len(via_api.words) > 50
    assert [(w.text, w.bbox) for w in via_api.words] == [(w.text, w.bbox) for w in via_cli.words]
    # confidences come out of the same recogniser but are rounded differently on the way
    assert max(abs(a.conf - b.conf) for a, b in zip(via_api.words, via_cli.words, strict=True)) < 3


def test_models_stay_loaded_between_calls() -> None:
    first = tessapi.engine("ind+eng")
    strip = np.full((80, 400), 255, np.uint8)
    assert tesseract.ocr_page(strip, 300, "ind+eng") == []
    assert tessapi.engine("ind+eng") is first


def test_missing_language_data_falls_back_then_reports_unavailable() -> None:
    assert tessapi.engine("xxq") is None  # the library cannot load it: the command is tried
    with pytest.raises(tesseract.OcrUnavailable):
        tesseract.ocr_page(np.full((80, 400), 255, np.uint8), 300, "xxq")


def test_tsv_rows_parse_like_pytesseract() -> None:
    rows = "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t91.5\tMenit\n5\t1\t1\t1\t1\t2\t44\t20\t9\t12\t-1\t\n"
    data = tessapi.parse_tsv("level\tpage_num\n" + rows)
    assert data["text"] == ["Menit", ""]
    assert data["left"] == [10, 44] and data["conf"] == [91.5, -1]


def test_a_colour_image_reads_as_its_gray_does(page) -> None:
    api = tessapi.engine("ind+eng")
    gray = np.ascontiguousarray(page[:900, :1400])
    colour = np.repeat(gray[:, :, None], 3, axis=2)
    words = tessapi.parse_tsv(api.tsv(gray, 11, 300))["text"]
    assert len([w for w in words if w.strip()]) > 5
    assert tessapi.parse_tsv(api.tsv(colour, 11, 300))["text"] == words

"""Pages scanned sideways or upside down are turned upright before they are read."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from ocr_helpers import scans_module

from extractor.backends import ocr
from extractor.backends.ocr import page_geometry
from extractor.scan import tessapi, tesseract
from extractor.scan.tesseract import PxWord

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    img, _ = scans_module().demo_scan(4, 300, 1.2)
    return np.asarray(img.convert("L"))


@pytest.fixture(scope="module")
def upright_words(page) -> list[str]:
    return [w.text for w in page_geometry(page, 1, 300).words]


def _turned(page: np.ndarray, degrees_ccw: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(page, degrees_ccw // 90))


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_orientation_detection_tells_the_turn_back(page, degrees) -> None:
    # turned counter-clockwise by ``degrees``: turned back clockwise by as much
    assert tesseract.page_turn(_turned(page, degrees), 300) == degrees


def test_the_command_tells_the_same_turn(page, monkeypatch) -> None:
    monkeypatch.setenv(tessapi.ENGINE_ENV, "cli")
    assert tessapi.engine_is_cli()
    assert tesseract.page_turn(_turned(page, 90), 300) == 90


@pytest.mark.parametrize("degrees", [90, 180])
def test_a_turned_page_reads_as_the_upright_one(page, upright_words, degrees) -> None:
    words = [w.text for w in page_geometry(_turned(page, degrees), 1, 300).words]
    assert len(upright_words) > 50
    same = sum((Counter(words) & Counter(upright_words)).values())
    assert len(words) == pytest.approx(len(upright_words), abs=3)
    assert same >= 0.9 * len(upright_words)


def test_where_orientation_detection_cannot_tell_a_band_read_turned_decides(
    page, upright_words, monkeypatch
) -> None:
    # blurred photos: Tesseract's orientation detection finds "too few characters"
    monkeypatch.setattr(tesseract, "page_turn", lambda *a: 0)
    words = [w.text for w in page_geometry(_turned(page, 270), 1, 300).words]
    assert sum((Counter(words) & Counter(upright_words)).values()) >= 0.9 * len(upright_words)


def test_an_upright_page_is_not_asked(page, monkeypatch) -> None:
    asked: list[int] = []
    monkeypatch.setattr(tesseract, "page_turn", lambda *a: asked.append(1) or 0)
    page_geometry(page, 1, 300)
    assert asked == []


def test_a_blank_page_is_asked_and_left_as_it_is() -> None:
    blank = np.full((3508, 2480), 255, np.uint8)
    assert tesseract.page_turn(blank, 300) == 0
    assert page_geometry(blank, 1, 300).words == []


def _words(n_sure: int, n_debris: int) -> list[PxWord]:
    sure = [PxWord("Kegiatan", 0, 0, 50, 10, 91.0)] * n_sure
    return sure + [PxWord("nlNl", 0, 0, 20, 10, 41.0)] * n_debris


def test_what_reads_upright() -> None:
    assert ocr._reads_upright(_words(150, 50))  # 78.8 on average
    assert ocr._reads_upright(_words(6, 0))  # a signature page: few words, read surely
    assert not ocr._reads_upright(_words(8, 6))  # sideways: a dozen words, 69.6
    assert not ocr._reads_upright(_words(50, 160))  # upside down: many words, read badly
    assert not ocr._reads_upright(_words(4, 0))  # too little read to tell: asked
    assert not ocr._reads_upright([PxWord("|", 0, 0, 2, 10, 95.0)] * 20)  # debris only


def test_the_band_read_turned_is_where_the_print_is() -> None:
    # a signature page: a few lines near the foot, the rest blank paper
    image = np.full((1000, 600), 255, np.uint8)
    image[820:840, 50:550] = 0
    image[870:890, 50:400] = 0
    band = ocr._inked_band(image, 0.3)
    assert band.shape == (300, 600)
    assert np.count_nonzero(band < 128) == np.count_nonzero(image < 128)


def test_the_record_notes_a_page_read_turned(page) -> None:
    from extractor.backends.ocr import page_notes

    geom = page_geometry(_turned(page, 180), 3, 300)
    assert geom.turned == 180
    assert page_notes([geom]) == ["page_turned:3 (180°)"]
    assert page_geometry(page, 1, 300).turned == 0


def test_a_scanned_pdf_page_lying_sideways_is_noted(page) -> None:
    import io

    from PIL import Image

    from extractor.backends import pdf
    from extractor.options import ExtractionOptions

    buf = io.BytesIO()
    Image.fromarray(_turned(page, 90)).save(buf, "PDF", resolution=300)
    layout = pdf.parse(buf.getvalue(), ExtractionOptions.resolve(None))
    assert "page_turned:1 (90°)" in layout.notes


def test_a_band_read_less_surely_than_an_upright_page_still_tells_the_turn(monkeypatch) -> None:
    # a blurred photo's page upside down: its band turned right reads at 72.5 on average
    # (under what tells an upright page), turned sideways at 50-51
    reads = {180: 72.5, 90: 51.0, 270: 50.4}
    seen: list[int] = []

    def ocr_page(band, dpi, lang, soft=False):
        turn = (90, 180, 270)[len(seen)]
        seen.append(turn)
        return [PxWord("Kegiatan", 0, 0, 50, 10, reads[turn])] * 20

    monkeypatch.setattr(tesseract, "ocr_page", ocr_page)
    image = np.full((400, 300), 255, np.uint8)
    image[100:120, 20:280] = 0
    work = ocr.PageWork(gray=image, ocr_image=image, dpi=300.0, photo=True)
    assert ocr._probe_turn(work, "ind+eng") == 180
    # no turn reads well enough: the page is left as it is
    reads.update({180: 60.0})
    seen.clear()
    assert ocr._probe_turn(work, "ind+eng") == 0

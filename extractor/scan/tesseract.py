"""Tesseract: one pass per page, and one batched pass for re-read cells.

* Tesseract runs in this process through its C library (:mod:`extractor.scan.tessapi`,
  models loaded once) or, where the library cannot be loaded, as the ``tesseract``
  command through pytesseract. Both give the same TSV word rows.
* The command path writes the page as an uncompressed PGM and hands Tesseract the path:
  pytesseract would otherwise PNG-encode it (≈0.2 s for a 300-dpi page).
* ``OMP_THREAD_LIMIT=1``: Tesseract's OpenMP threads fight the page-level process pool
  (notes §3.4: 3 pages 153 s instead of 5 s when oversubscribed).
* Orientation (:func:`page_turn`): Tesseract's orientation and script detection, run
  only on a page that did not read as an upright page reads.
* Re-reading cells: crops are stacked into one strip, each on its own band with white
  space around, and read in one call with ``--psm 6``; words are mapped back to the crop
  by their vertical position (one call instead of one per crop).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import cv2
import numpy as np

from extractor.scan import tessapi

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

#: Page segmentation for the rule-free page: sparse text finds narrow table cells best
#: (notes §3.3 and §7: Waktu values 83 % found with --psm 11 vs 58 % in the default mode).
PAGE_PSM = 11
#: Page segmentation for the strip of re-read cells: one uniform block.
CROP_PSM = 6
#: Gray levels at or above this are paper in a re-read crop (the page is light-flattened;
#: measured: scan200 steps 62.5 → 87.5 %, a lone "7" no longer read as "%").
PAPER_GRAY = 200
#: Blurred print (phone photos): Tesseract's global Otsu glues a word's letters into one
#: blob, which sparse mode drops as non-text ("No.", "Kegiatan" of a header); a Sauvola
#: threshold over a 0.1-inch window keeps them apart, while the LSTM still reads the gray.
#: Measured on the 24 corpus photo pages against the PDFs' words: found 76.4 -> 82.3 %
#: (window 0.05/0.15 in: 57.1/80.7 %).
SOFT_PRINT_TESS = {"thresholding_method": "2", "thresholding_window_size": "0.1"}
#: Tesseract's orientation confidence below which its answer is not taken (a 300-dpi
#: page, upright or turned, reads 14-17 for the right turn; a blurred photo's page
#: 0.4-1.1, and often for a wrong one).
MIN_OSD_CONF = 2.0
#: White margin (px) around each crop in the re-read strip (tessdoc: ~10 pt border).
CROP_PAD = 24


@dataclass
class PxWord:
    """An OCR word in pixel coordinates with Tesseract's confidence (0-100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


class OcrUnavailable(RuntimeError):
    """The tesseract binary or the requested language data is missing."""


def _run(
    image: np.ndarray, lang: str, psm: int, dpi: float, variables: dict[str, str] | None = None
) -> dict[str, list]:
    """Word rows of one image: through the loaded library, else the ``tesseract`` command."""
    api = tessapi.engine(lang)
    if api is not None:
        try:
            return tessapi.parse_tsv(api.tsv(image, psm, round(dpi), variables))
        except OSError as exc:
            raise OcrUnavailable(str(exc)[:200]) from exc
    extra = "".join(f" -c {k}={v}" for k, v in (variables or {}).items())
    return _run_cli(image, lang, f"--psm {psm} --dpi {round(dpi)}{extra}")


@contextmanager
def _pgm_file(image: np.ndarray) -> Iterator[str]:
    """``image`` written to an uncompressed temporary PGM for the ``tesseract`` command
    (removed after)."""
    fd, path = tempfile.mkstemp(suffix=".pgm", prefix="sopcheck_ocr_")
    os.close(fd)
    try:
        cv2.imwrite(path, image)
        yield path
    finally:
        os.unlink(path)


def _run_cli(image: np.ndarray, lang: str, config: str) -> dict[str, list]:
    import pytesseract

    try:
        with _pgm_file(image) as path:
            # the same TSV reader as the library path, so both read the rows alike
            return tessapi.parse_tsv(
                pytesseract.image_to_data(
                    path, lang=lang, config=config, output_type=pytesseract.Output.STRING
                )
            )
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailable("tesseract binary not found") from exc
    except pytesseract.TesseractError as exc:
        raise OcrUnavailable(str(exc.message)[:200]) from exc


def tsv_words(data: dict[str, list]) -> list[PxWord]:
    """The words of Tesseract's TSV rows (:func:`tessapi.parse_tsv`): read ones, with a
    confidence."""
    out = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        out.append(
            PxWord(
                text,
                int(data["left"][i]),
                int(data["top"][i]),
                int(data["width"][i]),
                int(data["height"][i]),
                conf,
            )
        )
    return out


def ocr_page(
    gray: np.ndarray, dpi: float, lang: str, psm: int = PAGE_PSM, soft: bool = False
) -> list[PxWord]:
    """Words of a (rule-free) page image.

    ``soft``: blurred print (phone photos), whose letters touch under a global threshold;
    Tesseract then finds text blobs with a local threshold (``SOFT_PRINT_TESS``).
    """
    return tsv_words(_run(gray, lang, psm, dpi, SOFT_PRINT_TESS if soft else None))


def page_turn(gray: np.ndarray, dpi: float) -> int:
    """The clockwise turn (0, 90, 180, 270 degrees) that makes a page's text upright, by
    Tesseract's orientation detection; 0 when it cannot tell surely (``MIN_OSD_CONF``),
    or when its ``osd`` data is not installed."""
    api = tessapi.engine(tessapi.OSD_LANG)
    if api is not None:
        found = api.orientation(gray, round(dpi))
    elif tessapi.engine_is_cli():
        found = _page_turn_cli(gray, dpi)
    else:
        return 0  # the library is there, its osd data is not
    if found is None or found[1] < MIN_OSD_CONF:
        return 0
    return found[0]


def _page_turn_cli(gray: np.ndarray, dpi: float) -> tuple[int, float] | None:
    import pytesseract

    try:
        with _pgm_file(gray) as path:
            text = pytesseract.image_to_osd(path, config=f"--psm 0 --dpi {round(dpi)}")
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError):
        return None  # too few characters, or no osd data
    turn = re.search(r"Rotate:\s*(\d+)", text)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", text)
    if turn is None or conf is None:
        return None
    return int(turn.group(1)) % 360, float(conf.group(1))


def ocr_crops(
    gray: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    dpi: float,
    lang: str,
    soft: bool = False,
) -> list[list[PxWord]]:
    """Re-read several boxes (x0, y0, x1, y1 px) of ``gray`` in one Tesseract call.

    Paper shade and faint speckle in the crops turn white first: the strip is mostly
    margin, and Tesseract's own threshold could otherwise settle inside that texture (a
    lone step number "7" read as "%"). Returns, per box, its words in page pixels.
    """
    if not boxes:
        return []
    crops = [gray[y0:y1, x0:x1] for x0, y0, x1, y1 in boxes]
    crops = [np.where(c >= PAPER_GRAY, 255, c).astype(np.uint8) for c in crops]
    width = max(c.shape[1] for c in crops) + 2 * CROP_PAD
    bands: list[tuple[int, int]] = []
    parts: list[np.ndarray] = []
    y = 0
    for crop in crops:
        band = np.full((crop.shape[0] + 2 * CROP_PAD, width), 255, np.uint8)
        band[CROP_PAD : CROP_PAD + crop.shape[0], CROP_PAD : CROP_PAD + crop.shape[1]] = crop
        parts.append(band)
        bands.append((y, y + band.shape[0]))
        y += band.shape[0]
    strip = np.vstack(parts)
    words = tsv_words(_run(strip, lang, CROP_PSM, dpi, SOFT_PRINT_TESS if soft else None))
    out: list[list[PxWord]] = [[] for _ in boxes]
    for w in words:
        cy = w.top + w.height / 2
        for i, (b0, b1) in enumerate(bands):
            if b0 <= cy < b1:
                x0, y0, _, _ = boxes[i]
                w.left += x0 - CROP_PAD
                w.top += y0 - b0 - CROP_PAD
                out[i].append(w)
                break
    return out

"""Scanned flowchart pages → PageGeometry: rows, role per shape, shape kind, Waktu values."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from ocr_helpers import read_flowchart, scans_module, score

from extractor.backends.ocr import page_geometry
from extractor.scan import lines, prep

pytestmark = pytest.mark.ocr


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("seed", "dpi", "skew"), [(1, 300, 2.5), (2, 200, -1.8), (6, 600, 2.0)])
def test_flowchart_scan_reads_roles_shapes_and_durations(seed, dpi, skew):
    scans = scans_module()
    img, truth = scans.demo_scan(seed, dpi, skew, colour=True)  # stamp + signature in colour
    geom = page_geometry(img, 1, dpi)
    assert geom.source == "ocr"
    assert geom.width == pytest.approx(842, abs=6) and geom.height == pytest.approx(595, abs=6)
    got = score(read_flowchart(geom, len(truth["roles"])), truth)
    assert got["role"] == got["steps"]
    assert got["kind"] == got["steps"]
    assert got["waktu"] >= got["steps"] - 1
    # one connector into every step but the first, plus the decision's "Tidak" loop-back
    assert len(geom.arrows) == len(truth["steps"])
    assert all(w.conf is not None and 0 <= w.conf <= 100 for w in geom.words)
    texts = {w.text for w in geom.words}
    assert {"Kegiatan", "Waktu", "Pelaksana"} <= texts


def test_a_fine_scan_is_reduced_to_the_working_resolution_first():
    from extractor.backends.ocr import WORK_DPI, _prepare_page

    scans = scans_module()
    img, _ = scans.demo_scan(4, 600, 0.0)
    pixels = np.asarray(img.convert("L"))
    page = _prepare_page(pixels, 600)
    assert page.dpi == WORK_DPI and not page.photo
    assert page.gray.shape == pytest.approx((pixels.shape[0] / 2, pixels.shape[1] / 2), abs=1)
    # a scan a little finer than 300 dpi is left as it is
    assert _prepare_page(pixels, 360).gray.shape == pixels.shape


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.6, 2.4])
def test_deskew_recovers_the_rotation(angle):
    scans = scans_module()
    img, _ = scans.demo_scan(3, 150, angle)
    gray = prep.flatten_light(np.asarray(img), 150)
    found = prep.estimate_skew(prep.binarize(gray, 150))
    assert found == pytest.approx(-angle, abs=0.15)


def test_coloured_stamp_ink_is_bleached_but_black_print_kept():
    rgb = np.full((10, 40, 3), 255, np.uint8)
    rgb[:, :10] = (40, 60, 190)  # blue stamp ink
    rgb[:, 10:20] = (200, 40, 50)  # red stamp ink
    rgb[:, 20:30] = (20, 20, 25)  # black print
    rgb[:, 30:] = (15, 20, 60)  # black print under blue ink: dark, kept
    gray = prep.to_gray(rgb)
    assert gray[0, 5] == 255 and gray[0, 15] == 255
    assert gray[0, 25] < 60 and gray[0, 35] < 100


def test_print_on_a_shaded_row_is_kept_while_the_fill_turns_paper():
    # a photographed table row shaded orange, black print on it blurred into pixels as
    # coloured as the fill (never-scanned sop-028's "Dasar Hukum"); a stamp ring beside it
    dpi = 300.0
    rgb = np.full((400, 900, 3), 250, np.uint8)
    rgb[100:170, 50:850] = (240, 180, 140)  # the shaded row
    cv2.putText(rgb, "Dasar Hukum", (70, 150), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (20, 20, 20), 3)
    rgb = cv2.GaussianBlur(rgb, (0, 0), 2.0)
    cv2.circle(rgb, (700, 300), 60, (40, 60, 190), 4)  # a blue stamp's ring on white
    text = (slice(115, 160), slice(65, 330))
    old = prep.to_gray(rgb)  # colour judged as it is: every colour bleached
    gray = prep.to_gray(rgb, dpi)
    ink_old, ink_new = (prep.binarize(prep.flatten_light(g, dpi), dpi) for g in (old, gray))
    assert ink_new[text].sum() > 1.5 * ink_old[text].sum()  # the print stays whole
    assert np.median(prep.flatten_light(gray, dpi)[105:112, 400:840]) > 240  # fill: paper
    assert (gray[296:305, 639:642] == 255).all()  # the stamp is still bleached


def test_print_tinted_by_a_warm_lamp_is_not_bleached_hollow():
    # a header cell of never-scanned sop-023's photo: under a warm lamp and a pale
    # yellow fill, the blurred print's mid-tones read (121, 107, 76), coloured enough to
    # bleach, and every letter of "Sekretaris" came out hollow
    rgb = cv2.imread(str(DATA / "warm_header_photo.png"))[:, :, ::-1]
    text = rgb.max(axis=2) < 170
    assert (prep.to_gray(rgb)[text] == 255).mean() > 0.1  # judged as it is: hollow
    assert not (prep.to_gray(rgb, 300.0)[text] == 255).any()  # against its paper: whole


def test_dark_photo_edges_are_cleared_but_print_near_the_edge_kept():
    gray = np.full((200, 300), 255, np.uint8)
    gray[:, :6] = 30  # the desk beside the sheet, down the whole left edge
    gray[190:, 100:300] = 40  # a shadow along two thirds of the bottom edge
    gray[0:12, 150:154] = 0  # a short stroke touching the top edge: print, kept
    gray[40:160, 40:260] = 0  # the table frame, clear of the edges
    gray[41:159, 41:259] = 255
    ink = np.where(gray < 128, 255, 0).astype(np.uint8)
    prep.clear_border(gray, ink)
    assert not ink[:, :6].any() and (gray[:, :6] == 255).all()
    assert not ink[190:, 100:].any()
    assert ink[0:12, 150:154].all()
    assert ink[40, 40:260].all() and ink[40:160, 40].all()


def test_a_scanners_dark_bed_past_the_sheet_turns_paper_but_print_and_rules_stay():
    # 300 dpi: the sheet askew on a black bed, a wedge down the left edge (40-70 px),
    # a band along the top (25 px) with the soft fringe where it meets the paper
    gray = np.full((600, 400), 240, np.uint8)
    for y in range(600):
        gray[y, : 40 + y // 20] = 25
        gray[y, 40 + y // 20 : 43 + y // 20] = 150  # the fringe
    gray[:25, :] = 25
    gray[25:27, :] = 150
    gray[300:303, 60:390] = 0  # a table rule running on into the bed: the sheet's part stays
    gray[100:110, 395:400] = 0  # print touching the right edge: no bed there
    out = prep.clear_dark_margins(gray, 300)
    assert out is not gray  # a copy: the caller's page is left as it was
    assert (out[:, :35] == 240).all() and (out[:25] == 240).all()
    assert (out[27:, : 40 + 27 // 20 + 3] >= 150).all()  # the fringe goes too
    assert (out[300:303, 100:390] == 0).all()
    assert (out[100:110, 395:400] == 0).all()
    assert (gray[27:, :35] == 25).all()  # the caller's page untouched


def test_a_page_without_a_dark_bed_is_left_as_it_is():
    gray = np.full((600, 400), 240, np.uint8)
    gray[:, :4] = 20  # a rule or the sheet's edge line, under DARK_MIN_IN deep
    gray[200:350, :60] = 20  # a dark block at the edge along a quarter of it: no bed
    gray[50:60, 0:200] = 0  # a rule touching the edge
    assert prep.clear_dark_margins(gray, 300) is gray


def _printed_page(ink: int) -> np.ndarray:
    page = np.full((600, 800), 255, np.uint8)
    for row in range(60, 560, 40):
        cv2.putText(
            page, "Berkas permohonan lengkap", (30, row), cv2.FONT_HERSHEY_SIMPLEX, 1.0, ink, 2
        )
    cv2.line(page, (10, 580), (790, 580), ink, 3)
    return page


def test_faded_print_is_darkened_and_paper_stays_white():
    faded = _printed_page(150)
    deeper = prep.deepen_print(faded)
    assert deeper is not faded
    assert int(deeper.min()) <= prep.DEEP_LEVEL < 150
    assert np.array_equal(deeper == 255, faded == 255)  # paper white, nothing made paper


@pytest.mark.parametrize("ink", [0, 90])
def test_print_dark_enough_and_a_blank_page_are_left_as_they_are(ink):
    page = _printed_page(ink)
    assert prep.deepen_print(page) is page
    blank = np.full((600, 800), 255, np.uint8)
    assert prep.deepen_print(blank) is blank


def test_only_line_components_clear_of_text_stay_free_standing():
    ink = np.zeros((120, 200), np.uint8)
    ink[20:22, 10:190] = 255  # a rule on paper
    ink[60:62, 10:190] = 255  # a baseline with letters standing on it all along
    for x in range(10, 190, 6):
        ink[54:60, x : x + 3] = 255
    mask = lines.line_mask(ink, 61, True)
    kept = lines.free_standing(mask, ink, np.zeros_like(ink), 4, True)
    assert kept[20:22, 10:190].all()
    assert not kept[50:70].any()


def test_a_photos_ink_is_its_gaussian_adaptive_threshold_and_turns_with_its_mean():
    scans = scans_module()
    img, _ = scans.demo_scan(4, 300, 0.0)
    gray = prep.flatten_light(np.asarray(img), 300)
    mean = prep.local_mean(gray, 300)
    opencv = cv2.adaptiveThreshold(
        gray,
        255,
        cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
        cv2.THRESH_BINARY_INV,
        prep.block_size(300),
        prep.THRESH_C,
    )
    assert np.array_equal(prep.below_mean(gray, mean), opencv)
    # turned a tenth of a degree: the mean turned with the page thresholds it as a new
    # blur would, but for a few pixels on the edges of strokes
    turned = prep.rotate(gray, 0.1)
    again = prep.below_mean(turned, prep.local_mean(turned, 300))
    kept = prep.below_mean(turned, prep.rotate(mean, 0.1))
    assert np.count_nonzero(again != kept) < 0.01 * np.count_nonzero(again)


def test_symbol_rings_grow_each_symbol_as_the_whole_mask_would():
    from extractor.scan.shapes import PxShape, shape_rings

    symbols = []
    for x, y, w, h in [(5, 5, 60, 30), (70, 8, 40, 20), (150, 100, 50, 50), (180, 150, 30, 40)]:
        contour = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.int32)
        symbols.append(PxShape("process", (x, y, x + w, y + h), False, contour.reshape(-1, 1, 2)))
    mask = np.zeros((200, 240), np.uint8)
    cv2.drawContours(mask, [s.contour for s in symbols], -1, 255, thickness=cv2.FILLED)
    for grow in (1, 4, 9):
        whole = cv2.dilate(mask, np.ones((2 * grow + 1, 2 * grow + 1), np.uint8))
        assert np.array_equal(shape_rings(symbols, mask.shape, grow), whole)

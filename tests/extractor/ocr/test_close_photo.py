"""Phone photos taken close: the sheet fills the picture, with no desk around it to find
the sheet by, a little perspective, and the table running off the picture's edge.

The full figures come from ``python bench/accuracy.py --kinds closephoto``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from ocr_helpers import scans_module

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from bench.scoring import score_record  # noqa: E402
from extractor import extract  # noqa: E402
from extractor.geometry.lines import Rule  # noqa: E402
from extractor.grid import _anchored, _edge_frame  # noqa: E402
from extractor.scan import prep  # noqa: E402

SOP = ROOT / "corpus" / "sop"


def _grid(width: int = 900, height: int = 600, rows: int = 8, cols: int = 6) -> np.ndarray:
    """A white page with a ruled table (black rules, 3 px) inset 60 px."""
    page = np.full((height, width), 255, np.uint8)
    for y in np.linspace(60, height - 60, rows + 1).astype(int):
        page[y - 1 : y + 2, 60 : width - 60] = 0
    for x in np.linspace(60, width - 60, cols + 1).astype(int):
        page[60 : height - 59, x - 1 : x + 2] = 0
    return page


def _seen_at_an_angle(page: np.ndarray, shift: float) -> np.ndarray:
    """``page`` in perspective: its top edge shrunk by ``shift`` of the width each side."""
    h, w = page.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[shift * w, 0], [w - shift * w, 0], [w, h], [0, h]])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(page, m, (w, h), borderValue=255)


def _ink(gray: np.ndarray) -> np.ndarray:
    return np.where(gray < 128, 255, 0).astype(np.uint8)


def test_a_frame_seen_at_an_angle_is_made_a_level_rectangle():
    level = _grid()
    corners = prep.frame_corners(_ink(level), 300.0)
    assert corners is not None and prep.keystone(corners) < prep.KEYSTONE_DEG / 2
    tilted = _seen_at_an_angle(level, 0.03)
    corners = prep.frame_corners(_ink(tilted), 300.0)
    assert corners is not None and prep.keystone(corners) >= prep.KEYSTONE_DEG
    square = prep.unwarp(tilted, corners)
    # the frame's verticals stand straight again: each column of ink runs the table's
    # height in one column of pixels (or two, at the interpolated edge)
    ink = _ink(square)
    tall = np.flatnonzero(ink.sum(axis=0) / 255 > 0.8 * (ink.sum(axis=1) > 0).sum())
    assert len(tall) >= 7  # the 7 column rules
    # and the rows are level: each of the 9 row rules runs the table's width in a band
    # at most 5 px high
    full = np.flatnonzero((ink > 0).mean(axis=1) > 0.6)
    bands = np.split(full, np.flatnonzero(np.diff(full) > 1) + 1)
    assert len(bands) == 9 and max(len(b) for b in bands) <= 5


def test_a_level_rotated_frame_is_not_taken_for_perspective():
    page = _grid()
    h, w = page.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 2.5, 1.0)
    turned = cv2.warpAffine(page, m, (w, h), borderValue=255)
    corners = prep.frame_corners(_ink(turned), 300.0)
    assert corners is not None and prep.keystone(corners) < prep.KEYSTONE_DEG


def test_a_table_running_off_the_picture_is_kept_and_the_desk_beside_it_cleared():
    gray = _grid()
    gray[:, 835:] = 255  # the right frame lies beyond the picture ...
    for y in np.linspace(60, 540, 9).astype(int):
        gray[y - 1 : y + 2, 60:] = 0  # ... and the rows run to its edge
    gray[:, :8] = 40  # a sliver of desk down the left edge, joined to the bottom row
    gray[538:543, :60] = 0
    ink = _ink(gray)
    prep.clear_border(gray, ink, 300.0)
    assert not ink[:, :8].any()  # the desk
    assert ink[59:62, 100:899].all()  # the top row, to the edge
    assert ink[60:540, 59:62].all()  # the table's left frame


def test_a_shallow_table_cut_by_the_pictures_top_edge_is_kept():
    # an identity table half the picture wide and a sixth of it deep, its top rule cut
    # off by the picture: its column rules run to the top edge
    gray = np.full((1200, 900), 255, np.uint8)
    gray[:270, 200:800] = _grid(600, 340, rows=5, cols=2)[70:]
    ink = _ink(gray)
    prep.clear_border(gray, ink, 300.0)
    assert ink[0:200, 259:262].all() and ink[0:200, 739:742].all()
    assert ink[33:36, 300:700].all()  # its first row rule


def test_a_sheet_half_in_a_shadow_is_not_cut_down_to_its_lit_part():
    # print filling the picture, a hand's shadow over its right 40 %: the lit part is a
    # bright quadrilateral on darker ground, as a sheet on a desk is, but the print goes
    # on under the shadow
    page = np.full((1200, 900, 3), 235, np.uint8)
    for y in range(80, 1120, 40):
        page[y : y + 6, 60:840] = 30  # lines of print
    shaded = page.copy()
    shaded[:, 540:] = (shaded[:, 540:] * 0.6).astype(np.uint8)
    assert prep.find_page(shaded) is None
    # the same sheet on a dark desk is cut out by its corners
    desk = np.full((1500, 1200, 3), (70, 55, 45), np.uint8)
    desk[150:1350, 150:1050] = page
    quad = prep.find_page(desk)
    assert quad is not None
    assert np.allclose(quad, [[150, 150], [1050, 150], [1050, 1350], [150, 1350]], atol=12)


def test_rules_running_to_the_pictures_edge_end_on_it():
    # a table whose right frame lies beyond the picture (816 pt wide): its rows run to
    # the edge, and a connector-like stroke (not reaching it) is not part of it
    rows = [Rule(y, 25.0, 816.4) for y in (32.0, 68.0, 107.0, 154.0)]
    cols = [Rule(x, 32.0, 154.0) for x in (25.0, 50.0, 222.0, 513.0)]
    stray = Rule(120.0, 300.0, 500.0)
    hs, vs = _anchored([*rows, stray], cols)
    assert not hs  # without the edge, no row is anchored at its right end
    hs, vs = _edge_frame([*rows, stray], cols, 816.48, 577.0)
    hs, vs = _anchored(hs, vs)
    assert sorted(h.pos for h in hs) == [32.0, 68.0, 107.0, 154.0]
    assert len(vs) == 5 and max(v.pos for v in vs) == pytest.approx(816.4)


@pytest.mark.parametrize(
    "even,square",
    [(False, False), (True, False), (True, True)],
    ids=["lamp", "even-light", "square-on"],
)
def test_a_flowchart_photographed_close_reads_its_roles_steps_and_arrows(even, square):
    doc_id = "sop-007-dishub-uji-berkala"
    scans = scans_module()
    pdf = (SOP / doc_id / f"{doc_id}.pdf").read_bytes()
    falloff = scans.EVEN_FALLOFF if even else scans.LAMP_FALLOFF
    jitter = 0.0 if square else scans.CLOSE_JITTER
    photos = scans.close_photos(pdf, doc_id, falloff, jitter=jitter)
    if even:
        # in light as even as a scanner's, only the perspective tells the photo (held
        # square on, not even that: only its soft print)
        page = np.asarray(scans.rasterize(photos, 150, [1])[0].convert("L"))
        assert prep.light_spread(page) < prep.PHOTO_LIGHT_SPREAD
    if square:
        page = np.asarray(scans.rasterize(photos, 300, [1])[0].convert("L"))
        corners = prep.frame_corners(_ink(page), 300.0)
        assert corners is None or prep.keystone(corners) < prep.KEYSTONE_DEG
    result = extract(photos, filename=f"{doc_id}.close.pdf")
    assert result.record is not None, result.errors
    record = result.record.model_dump(mode="json")
    truth = json.loads((SOP / doc_id / "truth.json").read_text("utf-8"))
    assert record["roles"] == truth["roles"]
    score = score_record(record, truth)
    assert score.rate("step_count") == 1.0
    for metric in ("actor", "symbol", "duration", "next"):
        assert score.rate(metric) >= 0.9, (metric, score.misses)
    assert score.rate("identity") >= 0.9, score.misses


def test_the_sheets_edge_the_picture_long_does_not_hide_the_tables_frame():
    # a sliver of desk down the right edge, the sheet's corner showing at the top: its
    # fringe is longer than any rule of a table seen at an angle, and would leave it one
    # side
    tilted = _seen_at_an_angle(_grid(900, 1200, rows=12), 0.03)
    ink = _ink(tilted)
    ink[150:, 893:896] = 255
    corners = prep.frame_corners(ink, 300.0)
    assert corners is not None and prep.keystone(corners) >= prep.KEYSTONE_DEG
    assert corners[:, 0].max() < 860  # the table's right frame, not the sheet's edge


def test_a_photos_uneven_light_tells_it_from_a_scan():
    page = _grid(1700, 2400, rows=20, cols=6)
    page[200:260, 60:1640] = 200  # a shaded header row: no uneven light
    assert prep.light_spread(page) < prep.PHOTO_LIGHT_SPREAD
    # a lamp to one side: the paper falls off to 80 % across the sheet
    fall = np.linspace(1.0, 0.8, page.shape[1], dtype=np.float32)[None, :]
    lit = (page.astype(np.float32) * fall).astype(np.uint8)
    assert prep.light_spread(lit) >= prep.PHOTO_LIGHT_SPREAD


def test_the_sheets_own_edge_goes_but_a_table_rule_as_long_stays():
    gray = _grid(900, 600)
    gray[:, 880:883] = 60  # the fringe where the desk meets the paper, the whole height
    gray[:, 300:303] = 0  # a column rule run the whole height, crossed by the rows
    ink = _ink(gray)
    prep.clear_sheet_edges(gray, ink)
    assert not ink[:, 880:883].any() and (gray[:, 880:883] == 255).all()
    assert ink[:, 300:303].all()
    assert ink[59:62, 100:800].all()


def test_a_column_cut_by_the_pictures_edge_is_kept():
    # the picture cuts the "No" column: the rows run on past its rule (x 17) to the
    # edge, 17 pt further, which a long rule's reach would otherwise draw them back over
    from extractor.grid import page_blocks
    from extractor.layout import PageGeometry, Segment

    ys = (32.0, 78.0, 120.0, 160.0, 200.0, 240.0)
    xs = (17.0, 191.0, 240.0, 290.0, 783.0)
    segments = [Segment(x0=0.0, top=y, x1=783.0, bottom=y, width=1.0) for y in ys]
    segments += [Segment(x0=x, top=ys[0], x1=x, bottom=ys[-1], width=1.0) for x in xs]
    page = PageGeometry(
        page=1, width=800.0, height=560.0, words=[], segments=segments, source="ocr"
    )
    tables = [b for b in page_blocks(page) if type(b).__name__ == "Table"]
    assert len(tables) == 1
    assert tables[0].bbox is not None and tables[0].bbox[0] == pytest.approx(0.0)
    assert max(c.col + c.col_span for c in tables[0].cells) == len(xs)  # 4 + the cut one


def _lines_of_print(blur_px: float) -> np.ndarray:
    """A 300-dpi page of 10-pt print (lines of letters), Gaussian-blurred by ``blur_px``."""
    page = np.full((1400, 1700), 250, np.uint8)
    for i, y in enumerate(range(100, 1300, 60)):
        text = "Verifikasi berkas permohonan SOP Nomor 12 Tahun 2024" if i % 2 else "Kepala Dinas"
        cv2.putText(page, text, (80, y), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 20, 3, cv2.LINE_AA)
    if blur_px:
        page = cv2.GaussianBlur(page, (0, 0), blur_px)
    noise = np.random.default_rng(4).normal(0, 4, page.shape)
    return np.clip(page + noise, 0, 255).astype(np.uint8)


def test_a_photos_soft_print_tells_it_from_a_scan():
    # a scan's print: edges a pixel or so wide; a phone's, of a sheet held close (its
    # 150-dpi picture of the sheet enlarged), blurred over 1.5 px and more at 300 dpi
    for blur_px, soft in ((0.0, False), (0.6, False), (1.5, True), (2.2, True)):
        gray = _lines_of_print(blur_px)
        blur = prep.print_blur(gray, prep.binarize(gray, 300.0), 300.0)
        assert (blur >= prep.SOFT_PRINT_PT) == soft, (blur_px, blur)
    # a page with next to no print cannot tell
    blank = np.full((1400, 1700), 250, np.uint8)
    assert prep.print_blur(blank, prep.binarize(blank, 300.0), 300.0) == 0.0

"""Line and symbol finding on drawn pages: rules vs. text, symbols touched by connectors."""

from __future__ import annotations

import cv2
import numpy as np

from extractor.backends import ocr
from extractor.scan import lines, prep, shapes

DPI = 300.0


def _page() -> np.ndarray:
    return np.full((900, 1400), 255, np.uint8)


def _ink(gray: np.ndarray) -> np.ndarray:
    return prep.binarize(gray, DPI)


def test_blurred_bold_text_is_not_a_rule_but_a_rule_is():
    gray = _page()
    cv2.line(gray, (50, 100), (1350, 100), 0, 3)  # a table rule
    # a blurred bold word without ascenders ("mmmm"): stems whose feet merge into one
    # baseline run as long as a rule
    for x in range(80, 700, 18):
        cv2.rectangle(gray, (x, 262), (x + 9, 300), 0, -1)
    cv2.rectangle(gray, (80, 296), (697, 300), 0, -1)
    ink = _ink(gray)
    raw = lines.line_mask(ink, lines.pt(lines.H_RULE_PT, DPI), True)
    assert raw[250:310].any(), "precondition: the word holds rule-long runs"
    free = lines.free_standing(
        raw, ink, np.zeros_like(ink), lines.pt(lines.STROKE_NEIGHBOUR_PT, DPI), True
    )
    assert free[95:106, 60:1340].any(axis=0).mean() > 0.95  # the rule stays whole
    assert not free[200:320].any()  # the word's baseline runs are gone


def test_capsule_touched_by_a_connector_and_its_arrowhead_is_a_symbol():
    gray = _page()
    # table rules running across the page: a cell 600 × 400 px among others
    for y in (200, 600):
        cv2.line(gray, (50, y), (1350, y), 0, 3)
    for x in (300, 900):
        cv2.line(gray, (x, 50), (x, 850), 0, 3)
    # a capsule in the cell
    cv2.ellipse(gray, (540, 400), (40, 40), 0, 90, 270, 0, 4)
    cv2.ellipse(gray, (660, 400), (40, 40), 0, -90, 90, 0, 4)
    cv2.line(gray, (540, 360), (660, 360), 0, 4)
    cv2.line(gray, (540, 440), (660, 440), 0, 4)
    # a connector running up beside it, its arrowhead touching the capsule's side
    cv2.line(gray, (709, 580), (709, 220), 0, 4)
    head = np.array([[699, 400], [709, 390], [709, 410]], np.int32)
    cv2.fillPoly(gray, [head], 0)
    ink = _ink(gray)
    thick = lines.pt(lines.MAX_LINE_THICK_PT, DPI)
    hmask = lines.line_mask(ink, lines.pt(lines.H_RULE_PT, DPI), True, thick)
    vmask = lines.line_mask(ink, lines.pt(lines.V_RULE_PT, DPI), False, thick)
    found = shapes.find_shapes(ink, hmask, vmask, gray, DPI)
    kinds = [(s.kind, s.box) for s in found]
    assert any(k == "terminator" and 490 < b[0] < 520 and 690 < b[2] < 720 for k, b in kinds)
    # the cell itself is no symbol
    assert not any(b[2] - b[0] > 500 for _, b in kinds)


def test_thin_gray_digit_counts_as_print_but_specks_do_not():
    gray = _page()
    cv2.line(gray, (100, 100), (100, 130), 150, 2)  # a thin, light "1" (~7 pt tall)
    box = (80, 80, 140, 160)
    assert ocr._ink_px(gray, box, DPI) > ocr.MIN_INK_PT2 * (DPI / 72) ** 2
    specks = _page()
    for x in range(85, 135, 8):
        cv2.circle(specks, (x, 120), 2, 60, -1)
    assert ocr._ink_px(specks, box, DPI) == 0


def test_arrowhead_whose_tip_touches_the_box_below_is_a_head():
    # an elbow connector's head meeting the top edge of the next step's box: the tip
    # merges with the edge, so the blob fills less of its triangle than a free head
    gray = np.full((400, 400), 255, np.uint8)
    cv2.rectangle(gray, (150, 250), (300, 330), 0, 3)
    cv2.line(gray, (200, 100), (200, 230), 0, 3)
    cv2.fillPoly(gray, [np.array([[190, 230], [210, 230], [200, 250]], np.int32)], 0)
    ink = _ink(cv2.GaussianBlur(gray, (3, 3), 0.8))
    (head,) = shapes._heads(ink, DPI)
    x, y, w, h = cv2.boundingRect(head)
    assert x >= 185 and x + w <= 215 and y >= 225 and y + h <= 255


def test_connector_tail_is_not_at_the_symbol_its_head_points_at():
    # strokes at one pixel per point: the head at (40, 40) points down at a decision
    # whose box is avoided; the strokes split at (40, 10): left to a terminator's end
    # at (5, 10), and a longer loop-back leg down to the decision's side at (60, 40)
    mask = np.zeros((60, 80), np.uint8)
    mask[10:41, 40] = 1  # up from the head
    mask[10, 5:61] = 1  # across: the terminator's side ... the loop-back's corner
    mask[10:41, 60] = 1  # the loop-back leg, down to the decision's side
    decision = (35.0, 35.0, 75.0, 55.0)
    assert shapes._geodesic_path(mask, (40, 40))[0] == (60, 40)  # plain: the farthest end
    path = shapes._geodesic_path(mask, (40, 40), decision)
    assert path[0] == (5, 10) and path[-1] == (40, 40)

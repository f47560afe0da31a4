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


def _box_into_offpage(
    box: tuple[int, int, int, int],
    line: tuple[tuple[int, int], tuple[int, int]],
    head: list[tuple[int, int]],
    plate_at: tuple[int, int],
) -> np.ndarray:
    """A page with a step's box, a connector from it ending in a filled head, and an
    off-page symbol: a home plate 60 px wide whose top left corner is ``plate_at``."""
    gray = _page()
    cv2.rectangle(gray, box[:2], box[2:], 0, 4)
    cv2.line(gray, line[0], line[1], 0, 3)
    cv2.fillPoly(gray, [np.array(head, np.int32)], 0)
    (x0, top), x1 = plate_at, plate_at[0] + 60
    plate = [(x0, top), (x1, top), (x1, top + 41), ((x0 + x1) // 2, top + 64), (x0, top + 41)]
    cv2.polylines(gray, [np.array(plate, np.int32)], True, 0, 4)
    return gray


def _the_one_arrow(gray: np.ndarray) -> tuple[tuple[float, float], tuple[float, float], np.ndarray]:
    """Tail, tip and connector mask of the one arrow on a page of a step's box and an
    off-page symbol (:func:`_box_into_offpage`)."""
    ink, _, _, found = _symbols(gray)
    assert sorted(s.kind for s in found) == ["offpage", "process"]
    arrows, strokes = shapes.find_arrows(ink, np.zeros_like(ink), found, DPI)
    assert len(arrows) == 1
    return arrows[0][0], arrows[0][-1], strokes


def _arrows_without(gray: np.ndarray, box: tuple[slice, slice]) -> list:
    """The arrows of that page once the step's box (``box``) is painted out."""
    gray = gray.copy()
    gray[box] = 255
    ink, _, _, found = _symbols(gray)
    assert [s.kind for s in found] == ["offpage"]
    return shapes.find_arrows(ink, np.zeros_like(ink), found, DPI)[0]


def _symbols(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """A drawn page's ink, its rule-long line masks and the symbols found on it."""
    ink = _ink(gray)
    thick = lines.pt(lines.MAX_LINE_THICK_PT, DPI)
    hmask = lines.line_mask(ink, lines.pt(lines.H_RULE_PT, DPI), True, thick)
    vmask = lines.line_mask(ink, lines.pt(lines.V_RULE_PT, DPI), False, thick)
    return ink, hmask, vmask, shapes.find_shapes(ink, hmask, vmask, gray, DPI)


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


def test_a_connector_is_traced_straight_through_a_crossing():
    # at a pixel per point, 2 px wide: the arrow into a decision's top comes across from
    # a box's side at (5, 20) and crosses a loop-back's leg running from (30, 5) down to
    # (30, 60); the loop-back's far end is farther from the head than the box is
    mask = np.zeros((70, 80), np.uint8)
    mask[20:22, 5:61] = 1  # across, from the box's side ...
    mask[20:45, 60:62] = 1  # ... and down to the head at (60, 44)
    mask[5:61, 30:32] = 1  # the loop-back's leg, crossing at (30, 20)
    mask[60:62, 30:75] = 1  # ... on to its far end at (74, 60)
    cross = shapes.crossings(mask, shapes.CROSS_ARM_PT)
    assert cross[20, 30] and not cross[20, 60] and not cross[60, 30]  # corners are no crossing
    assert shapes._geodesic_path(mask, (60, 44))[0] == (74, 61)  # without: turned at (30, 20)
    path = shapes._geodesic_path(mask, (60, 44), None, cross)
    assert path[0][0] == 5 and path[0][1] in (20, 21)  # the box's side
    # a branch joining the line from below (a junction, not a crossing) may be turned onto
    mask[22:40, 45:47] = 1
    assert not shapes.crossings(mask, shapes.CROSS_ARM_PT)[18:24, 43:49].any()


def test_a_connector_meeting_a_line_right_beside_a_symbol_runs_into_the_symbol():
    # at a pixel per point: a step's box (its outline and ring cut away, the ring up to
    # x = 23) with another connector passing down 2 pt beside its right side at x = 24;
    # the step's exit leaves its side at y = 30 across that line and turns down to a
    # head at (60, 55). The passing line runs on to another symbol far below (to y = 89).
    mask = np.zeros((95, 70), np.uint8)
    mask[2:90, 24:26] = 1  # the passing connector
    mask[30:32, 24:61] = 1  # the exit, from the passing line on ...
    mask[30:56, 60:62] = 1  # ... down to the head
    walls = np.zeros_like(mask)
    walls[18:44, 0:24] = 1  # the step's box and ring
    assert not shapes.crossings(mask, shapes.CROSS_ARM_PT)[28:34, 22:28].any()  # a T
    cross = shapes.crossings(mask, shapes.CROSS_ARM_PT, walls)
    assert cross[30, 24] and not cross[10, 24] and not cross[30, 60]
    # the symbols' boxes and reach; the head's own symbol is avoided
    sources = [(0.0, 10.0, 30.0, 52.0), (10.0, 82.0, 40.0, 95.0)]
    head, target = (60, 55), (50.0, 45.0, 70.0, 65.0)
    # turned onto the passing line, the farther symbol below was taken
    assert shapes._geodesic_path(mask, head, target, None, sources)[0][1] > 80
    path = shapes._geodesic_path(mask, head, target, cross, sources)
    assert path[0][0] <= 25 and path[0][1] in (30, 31)  # the step's side


def test_rule_under_a_stamp_is_bridged_but_separate_rules_are_not():
    ink = np.zeros((400, 1400), np.uint8)
    ink[100:103, 50:1350] = 255  # a table rule; the line masks lost 500-800 (stamp text)
    ink[300:303, 50:500] = 255  # two rules on one line with paper between them
    ink[300:303, 800:1350] = 255
    segs = [
        lines.PxSegment(50, 101, 500, 101, 3),
        lines.PxSegment(800, 100, 1350, 100, 3),  # a pixel higher: perspective residue
        lines.PxSegment(50, 301, 500, 301, 3),
        lines.PxSegment(800, 301, 1350, 301, 3),
    ]
    out = lines.bridge_gaps(segs, ink, lines.pt(lines.BRIDGE_GAP_PT, DPI), lines.BRIDGE_COVER)
    spans = sorted((round(s.y0), s.x0, s.x1) for s in out)
    assert spans == [(101, 50, 1350), (301, 50, 500), (301, 800, 1350)]


def test_column_rule_lost_in_a_shaded_header_reaches_the_top_rule_along_its_ink():
    ink = np.zeros((400, 800), np.uint8)
    ink[50:53, 50:750] = 255  # table top
    ink[150:153, 50:200] = 255  # header / body boundary, faded in the shading
    ink[150:153, 450:750] = 255
    ink[50:390, 300:303] = 255  # a column rule, drawn to the top
    ink[150:390, 500:503] = 255  # a column rule that really starts at the boundary
    segs = [
        lines.PxSegment(50, 51, 750, 51, 3),
        # the header's lower rule, also seamed: only short pieces were found
        lines.PxSegment(50, 151, 200, 151, 3),
        lines.PxSegment(450, 151, 750, 151, 3),
        lines.PxSegment(301, 150, 301, 390, 3),  # the line masks lost its header part
        lines.PxSegment(501, 150, 501, 390, 3),
    ]
    out = lines.reach_rules_on_ink(segs, ink, lines.pt(lines.BRIDGE_GAP_PT, DPI), 0.9, 0.6)
    assert (out[3].y0, out[4].y0) == (51, 150)


def test_pieces_of_a_blurred_rule_at_different_heights_are_one_rule():
    # a photo's rule is a band ~3 pt wide; the line mask keeps pieces of it a few pixels
    # apart across, overlapping or with small gaps along
    mask = np.zeros((300, 1400), np.uint8)
    mask[99:101, 50:400] = 255
    mask[104:106, 380:800] = 255
    mask[97:99, 790:1300] = 255
    mask[101:103, 60:200] = 255  # a short piece beside the first
    mask[150:152, 50:1300] = 255  # the next rule, 12 pt lower
    same = lines.pt(lines.SAME_LINE_PT, DPI)
    segs = lines.mask_segments(mask, True, lines.pt(lines.JOIN_GAP_PT, DPI), same)
    spans = sorted((round(s.y0), s.x0, s.x1) for s in segs)
    assert [(x0, x1) for _, x0, x1 in spans] == [(50, 1300), (50, 1300)]
    assert spans[1][0] == 151


def test_column_rule_ending_on_the_sub_header_goes_on_where_its_ink_does():
    ink = np.zeros((400, 800), np.uint8)
    ink[50:53, 50:750] = 255  # table top
    ink[100:103, 50:750] = 255  # the sub-header's upper rule (under "Pelaksana")
    ink[150:153, 50:750] = 255  # the sub-header's lower rule
    ink[100:390, 300:303] = 255  # a role column rule, drawn through the sub-header
    ink[150:390, 500:503] = 255  # a column rule under a cell merged across the header
    segs = [
        lines.PxSegment(50, 51, 750, 51, 3),
        lines.PxSegment(50, 101, 750, 101, 3),
        lines.PxSegment(50, 151, 750, 151, 3),
        lines.PxSegment(301, 150, 301, 390, 3),  # its stretch in the sub-header was lost
        lines.PxSegment(501, 150, 501, 390, 3),
    ]
    out = lines.reach_rules_on_ink(segs, ink, lines.pt(lines.BRIDGE_GAP_PT, DPI), 0.9, 0.6)
    assert (out[3].y0, out[4].y0) == (101, 150)


def test_column_rule_stopping_short_of_the_tables_rule_reaches_it_over_worn_toner():
    # a 150-dpi gray scan: the identity table's column rule found down to 7 pt above the
    # table's rule, a 1-pt gap of worn toner in that stretch; left short, the rule that
    # bounds the logo column was no column and the identity rows went unbuilt
    ink = np.zeros((400, 800), np.uint8)
    ink[50:53, 50:750] = 255  # table top
    ink[300:303, 50:750] = 255  # the identity block's lower rule
    ink[50:301, 300:303] = 255  # the column rule, drawn down to it
    ink[272:276, 300:303] = 0  # worn: a 1-pt gap (4 px at 300 dpi) in the last 7 pt

    def segs() -> list[lines.PxSegment]:
        return [
            lines.PxSegment(50, 51, 750, 51, 3),
            lines.PxSegment(50, 301, 750, 301, 3),
            lines.PxSegment(301, 51, 301, 271, 3),  # the line masks stopped at the gap
        ]

    gap, worn = lines.pt(lines.BRIDGE_GAP_PT, DPI), lines.pt(lines.WORN_GAP_PT, DPI)
    short = lines.reach_rules_on_ink(segs(), ink, gap, 0.9, 0.6)
    assert short[2].y1 == 271  # the gap is 13 % of the stretch: under 0.9 covered
    out = lines.reach_rules_on_ink(segs(), ink, gap, 0.9, 0.6, worn)
    assert out[2].y1 == 301


def test_a_rule_broken_short_of_the_frame_reaches_it_but_a_rule_ending_on_one_keeps_its_end():
    # a photo: glare took 2.6 pt (11 px) out of the header's middle rule 22 pt before
    # the frame; the line masks found the rule up to the glare only. Ending on no rule, it
    # would anchor nothing, and every role column's rule starting on it went with it
    ink = np.zeros((400, 900), np.uint8)
    ink[50:53, 50:850] = 255  # table top
    ink[300:303, 50:850] = 255  # header bottom
    ink[50:303, 50:53] = 255  # frame, left
    ink[50:303, 847:850] = 255  # frame, right
    ink[100:103, 300:850] = 255  # the header's middle rule, under a group label
    ink[100:103, 745:756] = 0  # the glare
    ink[100:303, 300:303] = 255  # the group's left rule
    ink[100:103, 150:300] = 0

    def segs() -> list[lines.PxSegment]:
        return [
            lines.PxSegment(50, 51, 850, 51, 3),
            lines.PxSegment(50, 301, 850, 301, 3),
            lines.PxSegment(51, 50, 51, 302, 3),
            lines.PxSegment(848, 50, 848, 302, 3),
            lines.PxSegment(301, 100, 301, 302, 3),
            lines.PxSegment(300, 101, 745, 101, 3),  # found up to the glare
        ]

    gap = lines.pt(lines.BRIDGE_GAP_PT, DPI)
    worn, broken = lines.pt(lines.WORN_GAP_PT, DPI), lines.pt(lines.BROKEN_GAP_PT, DPI)
    short = lines.reach_rules_on_ink(segs(), ink, gap, 0.9, 0.6, worn)
    assert short[5].x1 == 745  # 11 px of 103: under 0.9 covered with 6-px holes
    out = lines.reach_rules_on_ink(segs(), ink, gap, 0.9, 0.6, worn, broken)
    assert (out[5].x0, out[5].x1) == (300, 848)
    # the group's left rule ends on the table's bottom rule and starts on the middle
    # rule: with no ink above it, it stays where it starts
    assert out[4].y0 == 100


def _outline(draw) -> np.ndarray:
    canvas = np.zeros((200, 300), np.uint8)
    draw(canvas)
    contours, _ = cv2.findContours(canvas, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return max(contours, key=cv2.contourArea)


def _capsule(c: np.ndarray) -> None:
    cv2.rectangle(c, (60, 70), (240, 130), 255, -1)
    cv2.circle(c, (60, 100), 30, 255, -1)
    cv2.circle(c, (240, 100), 30, 255, -1)


def test_round_and_lopsided_holes_are_no_symbols_but_capsules_and_diamonds_are():
    corners = [[150, 40], [250, 100], [150, 160], [50, 100]]
    diamond = _outline(lambda c: cv2.fillPoly(c, [np.array(corners, np.int32)], 255))
    ring = _outline(lambda c: cv2.circle(c, (150, 100), 60, 255, -1))  # a stamp's ring
    # a signature's loop: a lopsided hole, wide at the bottom, pointed at the top
    lopsided = [[60, 150], [240, 150], [200, 120], [90, 60]]
    loop = _outline(lambda c: cv2.fillPoly(c, [np.array(lopsided, np.int32)], 255))
    kinds = [shapes.classify_outline(c) for c in (_outline(_capsule), diamond, ring, loop)]
    assert kinds == ["terminator", "decision", "unknown", "unknown"]


def test_a_rounded_arrowhead_is_a_head_beside_the_symbol_it_points_at():
    # a ~4-pt head that blur rounded into a drop (core 7.2 pt², 0.65 of its triangle)
    gray = np.full((300, 300), 255, np.uint8)
    cv2.line(gray, (150, 40), (150, 150), 0, 3)
    cv2.ellipse(gray, (150, 156), (7, 5), 0, 0, 360, 0, -1)
    cv2.fillPoly(gray, [np.array([[142, 153], [158, 153], [150, 168]], np.int32)], 0)
    ink = _ink(gray)
    box = np.array([[[110, 172]], [[190, 172]], [[190, 230]], [[110, 230]]], np.int32)
    below = [shapes.PxShape("process", (110, 172, 190, 230), False, box)]  # it points at
    assert len(shapes._heads(ink, DPI, symbols=below)) == 1
    # as round a blob away from any symbol is a blurred bold letter's core
    assert not shapes._heads(ink, DPI, symbols=[])


def test_a_rectangle_whose_corners_blur_rounded_is_a_process_not_a_capsule():
    # symbol interiors found on a phone photo (held-out sop-021): two process boxes whose
    # blurred corners made them capsule-like (extent 0.91-0.93), and a real capsule
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parent / "data" / "photo_outlines.json").read_text())
    kinds = {
        k: shapes.classify_outline(np.array(v, np.int32).reshape(-1, 1, 2)) for k, v in data.items()
    }
    assert kinds == {
        "capsule": "terminator",
        "blurred_rectangle": "process",
        "blurred_rectangle_small": "process",
    }


def test_a_step_into_a_small_off_page_connector_below_it_is_linked():
    # a step's box, a connector 13 pt long down to a 0.5-cm off-page symbol (a home plate
    # whose interior is 13 pt across: smaller than any step's symbol)
    head = [(666, 340), (694, 340), (680, 362)]
    gray = _box_into_offpage((600, 200, 760, 290), ((680, 292), (680, 342)), head, (650, 364))
    (tx, ty), (hx, hy), _ = _the_one_arrow(gray)
    assert abs(tx - 680) < 15 and 285 < ty < 330  # from the box's foot ...
    assert abs(hx - 680) < 15 and 350 < hy < 372  # ... into the off-page symbol
    # a stroke as short with no symbol above it (a glyph's stem) is no arrow
    assert _arrows_without(gray, (slice(195, 320), slice(595, 765))) == []


def test_a_long_line_near_a_tip_is_found_in_its_window_as_on_the_whole_page():
    lines_img = np.zeros((400, 600), np.uint8)
    lines_img[200:203, 40:560] = 255  # a long connector
    lines_img[60:90, 300:302] = 255  # a stem too short to join
    length, reach = 80, 8
    whole = cv2.bitwise_or(
        lines.line_mask(lines_img, length, True), lines.line_mask(lines_img, length, False)
    )
    for point in [(300, 195), (300, 185), (301, 92), (45, 205), (590, 201), (0, 0)]:
        expected = shapes._touches(whole, (point[0], point[1], 1, 1), reach)
        assert shapes._long_line_near(lines_img, point, reach, length) == expected, point
    assert shapes._long_line_near(lines_img, (300, 195), reach, length)
    assert not shapes._long_line_near(lines_img, (301, 92), reach, length)


def test_an_arrow_joins_another_line_not_its_own_shaft():
    # a blurred word read as an arrow ("Perundang-" on a photo) ends beside nothing but
    # its own bar; a connector ending on a trunk joins the trunk
    lines_img = np.zeros((400, 600), np.uint8)
    lines_img[200:206, 100:400] = 255  # the shaft, tip at its right end
    shaft = [(100.0, 203.0), (398.0, 203.0)]
    length, reach, thick = 80, 10, 12
    assert shapes._long_line_near(lines_img, (398, 203), reach, length)  # itself
    assert not shapes._long_line_near(lines_img, (398, 203), reach, length, shaft, thick)
    lines_img[60:380, 404:407] = 255  # a trunk the tip touches
    assert shapes._long_line_near(lines_img, (398, 203), reach, length, shaft, thick)


def test_a_slanted_connector_into_an_off_page_symbol_beside_the_step_is_linked():
    # held-out sop-012: a step's box joined straight to the off-page connector set
    # beside and below it (no level or upright run anywhere on the way)
    head = [(671, 343), (681, 329), (692, 347)]  # tip (692, 347)
    gray = _box_into_offpage((500, 200, 660, 290), ((612, 293), (676, 336)), head, (665, 356))
    (tx, ty), (hx, hy), strokes = _the_one_arrow(gray)
    assert 595 < tx < 630 and 285 < ty < 310  # from the box's foot ...
    assert 680 < hx < 700 and 340 < hy < 362  # ... into the off-page symbol
    assert strokes[310:330, 630:660].any()  # erased before OCR like any connector
    # the same stroke with no symbol at its tail (a slash in text) is no arrow
    assert _arrows_without(gray, (slice(195, 296), slice(495, 665))) == []


def _arrow_head(gray: np.ndarray, tip: tuple[int, int], direction: str) -> None:
    x, y = tip
    dx, dy = {"down": (0, -1), "right": (-1, 0)}[direction]
    back = (x + 22 * dx, y + 22 * dy)
    side = (dy * 10, dx * 10)
    pts = [tip, (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])]
    cv2.fillPoly(gray, [np.array(pts, np.int32)], 0)


def test_a_loop_back_along_another_connectors_stroke_keeps_both_sources():
    # blind sop-020/025: a decision's "Tidak" loops back into step 1's box along the
    # first stretch of the connector leaving that box for step 2; traced alone, both
    # heads came from the decision (far) and step 1 lost its exit
    gray = np.full((760, 1000), 255, np.uint8)
    cv2.rectangle(gray, (700, 100), (860, 160), 0, 4)  # step 1
    cv2.rectangle(gray, (300, 280), (460, 340), 0, 4)  # step 2
    diamond = np.array([[380, 475], [450, 520], [380, 565], [310, 520]], np.int32)
    cv2.polylines(gray, [diamond], True, 0, 4)  # step 4
    cv2.rectangle(gray, (540, 640), (660, 700), 0, 4)  # step 5
    # 1 -> 2: left from the box, down into step 2
    cv2.line(gray, (698, 130), (380, 130), 0, 3)
    cv2.line(gray, (380, 130), (380, 260), 0, 3)
    _arrow_head(gray, (380, 278), "down")
    # 4 -> 1 ("Tidak"): left, up, and right along 1 -> 2's stroke into step 1
    cv2.line(gray, (308, 520), (250, 520), 0, 3)
    cv2.line(gray, (250, 520), (250, 130), 0, 3)
    cv2.line(gray, (250, 130), (680, 130), 0, 3)
    _arrow_head(gray, (698, 130), "right")
    # 4 -> 5 ("Ya"): its own stroke
    cv2.line(gray, (452, 520), (600, 520), 0, 3)
    cv2.line(gray, (600, 520), (600, 620), 0, 3)
    _arrow_head(gray, (600, 638), "down")
    ink, _, _, found = _symbols(gray)
    assert sorted(s.kind for s in found) == ["decision", "process", "process", "process"]
    arrows, _ = shapes.find_arrows(ink, np.zeros_like(ink), found, DPI)

    in_order = sorted(found, key=lambda s: s.box[1])  # steps 1, 2, 4 and 5 top to bottom
    names = {s.box[:2]: n for s, n in zip(in_order, "1245", strict=True)}

    def at(point: tuple[float, float]) -> str:
        box = shapes._symbol_at(point, found, 40)
        return names[box[:2]] if box else "?"

    edges = sorted((at(a[0]), at(a[-1])) for a in arrows)
    assert edges == [("1", "2"), ("4", "1"), ("4", "5")]


def test_a_box_whose_side_lost_a_wide_piece_is_still_a_step():
    # never-scanned sop-016's photo: worn print took 3 pt out of a box's lower side, too
    # wide for the closing that bridges toner gaps; the box is found closed harder
    gray = _page()
    cv2.rectangle(gray, (500, 200), (660, 290), 0, 4)
    gray[287:294, 560:574] = 255  # a 14-px gap in the bottom side
    found = _symbols(gray)[3]
    assert [(s.kind, s.box[0] // 10, s.box[1] // 10) for s in found] == [("process", 50, 20)]
    # ... once: an intact box is found by the first closing alone
    gray[287:294, 560:574] = 0
    assert len(_symbols(gray)[3]) == 1


def test_the_space_between_connectors_shaped_like_an_offpage_symbol_is_none():
    # LibreOffice routes a decision's "Tidak" exit back up and along the stretch the
    # start's exit runs before it turns down onto the decision: the space they close with
    # the decision's corner is wide at the top and narrow at the foot, as a home plate is
    gray = _page()
    diamond = np.array([(490, 520), (600, 440), (710, 520), (600, 600)], np.int32)
    cv2.polylines(gray, [diamond], True, 0, 4)
    for p0, p1 in (((490, 520), (440, 520)), ((440, 520), (440, 330)), ((440, 330), (1100, 330))):
        cv2.line(gray, p0, p1, 0, 3)
    cv2.line(gray, (600, 330), (600, 425), 0, 3)
    cv2.fillPoly(gray, [np.array([(588, 420), (612, 420), (600, 440)], np.int32)], 0)
    ink, hmask, vmask, _ = _symbols(gray)
    # no table rule among those lines: every one of them is a connector
    found = shapes.find_shapes(ink, hmask, vmask, gray, DPI, np.zeros_like(ink))
    assert [s.kind for s in found] == ["decision"]


def test_a_cell_of_hairline_rules_is_ruled_on_all_four_sides():
    # a black-and-white scan of thin rules: each rule one pixel wide, so the hole's
    # contour (the outline's innermost pixels) is the whole rule
    ink = np.zeros((300, 400), np.uint8)
    for y in (50, 150, 250):
        ink[y, 20:380] = 255
    for x in (100, 200, 300):
        ink[20:280, x] = 255
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    holes = [cv2.boundingRect(c) for c, h in zip(contours, hierarchy[0], strict=True) if h[3] >= 0]
    x, y, w, h = next(b for b in holes if b[:2] == (100, 50))  # the top left cell
    box = (x, y, x + w, y + h)
    assert shapes._sides_on_rules(box, ink, ink, ink, 12, 20) == 4
    # a box drawn alone, its sides ending at its corners, has none
    alone = np.zeros((300, 400), np.uint8)
    cv2.rectangle(alone, (120, 80), (260, 160), 255, 1)
    contours, hierarchy = cv2.findContours(alone, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    (hole,) = [c for c, h in zip(contours, hierarchy[0], strict=True) if h[3] >= 0]
    x, y, w, h = cv2.boundingRect(hole)
    assert shapes._sides_on_rules((x, y, x + w, y + h), alone, alone, alone, 12, 20) == 0


def test_a_box_crossed_by_a_stamps_ring_on_a_gray_scan_is_found_under_it():
    # a gray scan: a stamp's two rings in mid gray crossing a box printed black (the
    # print stays black under the stamp), splitting its hole into three
    gray = _page()
    cv2.circle(gray, (620, 330), 120, 115, 5)
    cv2.circle(gray, (620, 330), 90, 115, 3)
    cv2.rectangle(gray, (400, 300), (640, 400), 0, 4)
    ink = _ink(gray)
    hmask, vmask = ocr._line_masks(ink, DPI)
    boxes = [s.box for s in shapes.find_shapes(ink, hmask, vmask, gray, DPI)]
    assert not any(abs(b[0] - 402) < 8 and abs(b[2] - 638) < 8 for b in boxes)
    found = shapes.find_shapes(ink, hmask, vmask, gray, DPI, light_marks=True)
    box = [s for s in found if abs(s.box[0] - 402) < 8 and abs(s.box[2] - 638) < 8]
    assert len(box) == 1 and box[0].kind == "process"
    # the ring's own closed pieces are no symbols
    assert all(s.kind not in shapes.MARKED_KINDS or s is box[0] for s in found)


def test_a_space_closed_off_across_a_symbol_is_no_symbol():
    # a blurred photo (LibreOffice render of sop-028): the connectors leaving a box close
    # off a space of no known shape that runs across the box's corner; its outline (the
    # connectors) would be erased with the symbols' and the box's links lost
    def shape(kind: str, box: tuple[int, int, int, int]) -> shapes.PxShape:
        return shapes.PxShape(kind, box, False, np.zeros((0, 1, 2), np.int32))

    box = shape("process", (1696, 1408, 1879, 1483))
    across = shape("unknown", (1667, 1375, 1787, 1446))
    apart = shape("unknown", (400, 400, 520, 470))  # a loop of a scrawl, on its own
    kept = shapes._without_spaces_at_symbols([box, across, apart])
    assert kept == [box, apart]


def _decision_with_a_plain_line_to_an_offpage_symbol() -> np.ndarray:
    """A box, an arrow into a decision below it, the decision's "Ya" arrow down into a
    second box, and its right corner's plain line (no arrowhead) up into an off-page
    symbol beside the first box."""
    gray = _page()
    cv2.rectangle(gray, (100, 100), (260, 170), 0, 4)
    cv2.line(gray, (180, 172), (180, 292), 0, 3)
    cv2.fillPoly(gray, [np.array([(168, 290), (192, 290), (180, 310)], np.int32)], 0)
    diamond = [(180, 310), (250, 370), (180, 430), (110, 370)]
    cv2.polylines(gray, [np.array(diamond, np.int32)], True, 0, 4)
    cv2.line(gray, (180, 432), (180, 542), 0, 3)
    cv2.fillPoly(gray, [np.array([(168, 540), (192, 540), (180, 560)], np.int32)], 0)
    cv2.rectangle(gray, (100, 560), (260, 630), 0, 4)
    plate = [(300, 150), (360, 150), (360, 191), (330, 214), (300, 191)]
    cv2.polylines(gray, [np.array(plate, np.int32)], True, 0, 4)
    cv2.line(gray, (252, 370), (330, 370), 0, 3)
    cv2.line(gray, (330, 370), (330, 216), 0, 3)
    return gray


def test_a_plain_line_from_a_decision_into_an_off_page_symbol_is_its_other_exit():
    # the "Tidak" loop-back drawn without an arrowhead up into the off-page symbol that
    # takes it back a page: the decision has its entry and one exit, so the line leaves it
    gray = _decision_with_a_plain_line_to_an_offpage_symbol()
    ink, _, _, found = _symbols(gray)
    assert sorted(s.kind for s in found) == ["decision", "offpage", "process", "process"]
    plain: list = []
    arrows, _ = shapes.find_arrows(ink, np.zeros_like(ink), found, DPI, plain)
    assert len(arrows) == 2  # the two drawn with heads
    (line,) = plain
    decision = next(s.box for s in found if s.kind == "decision")
    offpage = next(s.box for s in found if s.kind == "offpage")
    assert shapes._symbol_at(line[0], found, 20) == decision
    assert shapes._symbol_at(line[-1], found, 20) == offpage
    # asked for no plain lines, the arrows are the same
    assert shapes.find_arrows(ink, np.zeros_like(ink), found, DPI)[0] == arrows
    # a decision with both its exits drawn: which way the plain line runs is not told
    cv2.line(gray, (108, 370), (40, 370), 0, 3)
    cv2.line(gray, (40, 370), (40, 595), 0, 3)
    cv2.line(gray, (40, 595), (80, 595), 0, 3)
    cv2.fillPoly(gray, [np.array([(80, 583), (80, 607), (100, 595)], np.int32)], 0)
    ink, _, _, found = _symbols(gray)
    plain = []
    arrows, _ = shapes.find_arrows(ink, np.zeros_like(ink), found, DPI, plain)
    assert len(arrows) == 3 and plain == []


def test_a_steps_exit_joining_another_connectors_line_is_its_own_arrow():
    # two boxes' exits run into one line down to a third box, with one arrowhead (a
    # step's exit drawn into the "Tidak" line that runs down to the end): both are arrows
    gray = _page()
    for box in [(100, 100, 260, 170), (100, 330, 260, 400), (100, 600, 260, 680)]:
        cv2.rectangle(gray, box[:2], box[2:], 0, 4)
    cv2.line(gray, (98, 135), (40, 135), 0, 3)
    cv2.line(gray, (40, 135), (40, 640), 0, 3)
    cv2.line(gray, (98, 365), (40, 365), 0, 3)
    cv2.line(gray, (40, 640), (80, 640), 0, 3)
    cv2.fillPoly(gray, [np.array([(80, 628), (80, 652), (100, 640)], np.int32)], 0)
    ink, _, _, found = _symbols(gray)
    assert [s.kind for s in found] == ["process"] * 3
    arrows, _ = shapes.find_arrows(ink, np.zeros_like(ink), found, DPI)
    ends = {
        (shapes._symbol_at(a[0], found, 20), shapes._symbol_at(a[-1], found, 20)) for a in arrows
    }
    first, second, third = sorted((s.box for s in found), key=lambda b: b[1])
    assert ends == {(first, third), (second, third)}

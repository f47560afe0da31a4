"""The grid builder on page geometry as the OCR backend produces it: strokes found in
an image include shape outlines and connector pieces, not only table rules."""

from __future__ import annotations

from extractor.grid import _text, build_blocks, page_blocks
from extractor.layout import Arrow, PageGeometry, Paragraph, Segment, ShapeGeom, Table, Word

XS = [50.0, 80.0, 260.0, 340.0, 420.0]  # No | Kegiatan | Staf | Kepala
YS = [100.0, 130.0, 180.0, 230.0, 280.0]  # header + 3 steps


def _h(y: float, x0: float, x1: float) -> Segment:
    return Segment(x0=x0, top=y, x1=x1, bottom=y)


def _v(x: float, y0: float, y1: float) -> Segment:
    return Segment(x0=x, top=y0, x1=x, bottom=y1)


def _box_edges(b: tuple[float, float, float, float]) -> list[Segment]:
    return [_h(b[1], b[0], b[2]), _h(b[3], b[0], b[2]), _v(b[0], b[1], b[3]), _v(b[2], b[1], b[3])]


def _word(text: str, x: float, y: float, conf: float = 90.0) -> Word:
    return Word(text=text, bbox=(x, y, x + 6.0 * len(text), y + 9.0), conf=conf)


STAF = (280.0, 145.0, 320.0, 165.0)  # step 1, Staf column
KEPALA = (360.0, 190.0, 400.0, 220.0)  # step 2 decision, Kepala column
STAF3 = (280.0, 245.0, 320.0, 265.0)  # step 3, Staf column


def _flowchart_page() -> PageGeometry:
    segs = [_h(y, XS[0], XS[-1]) for y in YS] + [_v(x, YS[0], YS[-1]) for x in XS]
    # what an image-based line finder also reports: shape outlines, the loop-back
    # connector running from row 3 up into row 1 (crossing two row rules), an elbow piece
    segs += _box_edges(STAF) + _box_edges(STAF3)
    segs += [_v(330.0, 155.0, 205.0), _h(205.0, 330.0, 360.0), _h(155.0, 320.0, 330.0)]
    # a straight connector from rule to rule over two rows: anchored like a column rule,
    # but it does not run through the header
    segs += [_v(270.0, YS[1], YS[3])]
    words = [
        _word("No", 55, 110),
        _word("Kegiatan", 90, 110),
        _word("Staf", 285, 110),
        _word("Kepala", 365, 110),
        _word("1", 60, 140),
        _word("Menerima", 90, 140),
        _word("berkas", 150, 140),
        _word("2", 60, 190),
        _word("Memeriksa", 90, 190),
        _word("3", 60, 240),
        _word("Mengarsip", 90, 240),
        _word("Tidak", 336, 192, conf=70.0),  # beside the loop-back's start
        _word("Ya", 383, 222),
        _word("Catatan", 50, 320),
        _word("kaki", 100, 320),
    ]
    shapes = [
        ShapeGeom(kind="process", bbox=STAF),
        ShapeGeom(kind="decision", bbox=KEPALA),
        ShapeGeom(kind="process", bbox=STAF3),
        # a cell's own border reported as a box by an image shape finder
        ShapeGeom(kind="process", bbox=(XS[1], YS[3], XS[2], YS[4])),
    ]
    arrows = [
        Arrow(points=[(300.0, 165.0), (300.0, 175.0), (380.0, 175.0), (380.0, 190.0)]),
        Arrow(points=[(380.0, 220.0), (380.0, 235.0), (300.0, 235.0), (300.0, 245.0)]),
        Arrow(points=[(360.0, 205.0), (330.0, 205.0), (330.0, 155.0), (320.0, 155.0)]),
    ]
    return PageGeometry(
        page=1,
        width=595.0,
        height=842.0,
        words=words,
        segments=segs,
        shapes=shapes,
        arrows=arrows,
        source="ocr",
    )


def test_connector_and_shape_strokes_do_not_split_cells():
    blocks = page_blocks(_flowchart_page())
    table = next(b for b in blocks if isinstance(b, Table))
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert table.text_rows()[0] == ["No", "Kegiatan", "Staf", "Kepala"]
    assert table.text_rows()[1][:2] == ["1", "Menerima berkas"]


def test_shapes_in_role_cells_and_edges_with_labels():
    table = next(b for b in page_blocks(_flowchart_page()) if isinstance(b, Table))
    placed = {(c.row, c.col): [s.kind for s in c.shapes] for c in table.cells if c.shapes}
    assert placed == {(1, 2): ["process"], (2, 3): ["decision"], (3, 2): ["process"]}
    ids = {(c.row, c.col): c.shapes[0].id for c in table.cells if c.shapes}
    edges = {(e.source, e.target, e.label) for e in table.edges}
    assert edges == {
        (ids[(1, 2)], ids[(2, 3)], None),
        (ids[(2, 3)], ids[(3, 2)], "Ya"),
        (ids[(2, 3)], ids[(1, 2)], "Tidak"),
    }
    # labels are consumed; OCR confidence reaches the provenance
    assert all("Tidak" not in c.text and "Ya" not in c.text for c in table.cells)
    cell = table.grid()[1][1]
    assert cell.prov is not None and cell.prov.source == "ocr" and cell.prov.confidence == 90.0


def test_words_outside_the_table_form_a_paragraph_after_it():
    blocks = build_blocks([_flowchart_page()])
    assert [type(b) for b in blocks] == [Table, Paragraph]
    assert blocks[1].text == "Catatan kaki"


def test_lone_framed_box_and_dangling_strokes_are_not_tables():
    page = PageGeometry(
        page=2,
        width=595.0,
        height=842.0,
        words=[_word("Judul", 110, 110)],
        segments=[*_box_edges((100.0, 100.0, 200.0, 130.0)), _h(400.0, 50.0, 500.0)],
    )
    blocks = page_blocks(page)
    assert [type(b) for b in blocks] == [Paragraph]


def test_merged_cells_from_partial_rules():
    # 3 columns; the first column's cell spans both rows; row rule only on the right
    segs = [
        _h(100.0, 0.0, 300.0),
        _h(200.0, 0.0, 300.0),
        _h(150.0, 100.0, 300.0),
        _v(0.0, 100.0, 200.0),
        _v(100.0, 100.0, 200.0),
        _v(300.0, 100.0, 200.0),
        _v(200.0, 100.0, 150.0),  # only the top row is split in two
    ]
    page = PageGeometry(
        page=1, width=400.0, height=400.0, segments=segs, words=[_word("Logo", 10, 140)]
    )
    (table,) = page_blocks(page)
    assert isinstance(table, Table)
    cells = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert cells == {(0, 0): (2, 1), (0, 1): (1, 1), (0, 2): (1, 1), (1, 1): (1, 2)}
    assert table.grid()[1][0].text == "Logo"


def _scanned_subheader_table(source: str) -> PageGeometry:
    """No | Kegiatan | Pelaksana (A, B) | Ket, as read from a worn scan: the rule between
    A and B lost its top 8 pt where it meets the sub-header rule, and the Ket rule runs
    7 pt past the table's bottom frame (joined to a stroke of print below it)."""
    segs = [
        _h(100.0, 50.0, 450.0),
        _h(115.0, 160.0, 360.0),  # sub-header rule under "Pelaksana"
        _h(140.0, 50.0, 450.0),
        _h(190.0, 50.0, 450.0),
        _v(50.0, 100.0, 190.0),
        _v(80.0, 100.0, 190.0),
        _v(160.0, 100.0, 190.0),
        _v(260.0, 123.0, 190.0),  # A | B, top lost
        _v(360.0, 100.0, 197.0),  # overshoots the bottom frame
        _v(450.0, 100.0, 190.0),
    ]
    words = [
        _word("No", 55, 118),
        _word("Kegiatan", 90, 118),
        _word("Pelaksana", 180, 104),
        _word("A", 200, 125),
        _word("B", 300, 125),
        _word("Ket", 380, 118),
        _word("1", 60, 160),
        _word("Menerima", 90, 160),
    ]
    return PageGeometry(
        page=1, width=595.0, height=842.0, words=words, segments=segs, source=source
    )


def test_scan_rules_that_miss_the_frame_by_a_little_still_make_columns():
    (table,) = [b for b in page_blocks(_scanned_subheader_table("ocr")) if isinstance(b, Table)]
    assert table.text_rows() == [
        ["No", "Kegiatan", "Pelaksana", "", "Ket"],
        ["", "", "A", "B", ""],
        ["1", "Menerima", "", "", ""],
    ]


def test_vector_rules_are_taken_as_drawn():
    # a digital PDF draws what it means: a rule ending 8 pt short is not stretched
    (table,) = [
        b for b in page_blocks(_scanned_subheader_table("text_layer")) if isinstance(b, Table)
    ]
    assert table.text_rows()[0] == ["No", "Kegiatan", "Pelaksana\nKet\nA B"]


def _sop_steps(page: PageGeometry) -> list:
    from extractor.layout import LayoutDocument
    from extractor.models import Source
    from extractor.options import ExtractionOptions
    from extractor.sop import parse_sop

    layout = LayoutDocument(blocks=build_blocks([page]), pages=1, source_kind="ocr")
    source = Source(filename="scan.png", sha256="0" * 64, media_type="image/png", pages=1)
    return parse_sop(layout, source, ExtractionOptions()).steps


def test_a_row_with_its_own_symbol_is_a_step_when_its_number_is_lost():
    page = _flowchart_page()
    assert [s.number for s in _sop_steps(page)] == [1, 2, 3]
    # OCR lost step 2's number: the row still holds a symbol of its own
    page.words = [w for w in page.words if w.text != "2"]
    steps = _sop_steps(page)
    assert [(s.number, s.actor, s.symbol) for s in steps] == [
        (1, "Staf", "process"),
        (2, "Kepala", "decision"),
        (3, "Staf", "process"),
    ]
    assert steps[1].activity == "Memeriksa"


def test_scan_column_rule_hidden_at_the_foot_by_a_symbol_is_still_a_column():
    # a 400-pt table whose A | B rule stops 21 pt above the bottom frame, where an
    # off-page connector was drawn over it
    ys = [100.0, 130.0, 300.0, 500.0]
    segs = [_h(y, 50.0, 450.0) for y in ys]
    segs += [_v(x, 100.0, 500.0) for x in (50.0, 80.0, 260.0, 450.0)]
    segs += [_v(355.0, 100.0, 479.0)]
    words = [_word("No", 55, 110), _word("Kegiatan", 90, 110)]
    words += [_word("A", 300, 110), _word("B", 400, 110), _word("1", 60, 140)]
    page = PageGeometry(page=1, width=595.0, height=842.0, words=words, segments=segs, source="ocr")
    (table,) = [b for b in page_blocks(page) if isinstance(b, Table)]
    assert table.text_rows()[0] == ["No", "Kegiatan", "A", "B"]
    assert table.n_rows == 3


def test_scan_column_rule_cut_under_the_header_by_a_symbol_is_still_a_column():
    # held-out sop-020's photo: an off-page connector drawn over the A | B rule right
    # under the header cut it in two, the header's piece and the body's
    ys = [100.0, 130.0, 300.0, 500.0]
    segs = [_h(y, 50.0, 450.0) for y in ys]
    segs += [_v(x, 100.0, 500.0) for x in (50.0, 80.0, 260.0, 450.0)]
    segs += [_v(355.0, 100.0, 130.0), _v(355.0, 144.0, 500.0)]
    words = [_word("No", 55, 110), _word("Kegiatan", 90, 110)]
    words += [_word("A", 300, 110), _word("B", 400, 110), _word("1", 60, 140)]
    shapes = [
        ShapeGeom(kind="process", bbox=(280.0, 200.0, 320.0, 220.0)),
        ShapeGeom(kind="process", bbox=(380.0, 400.0, 420.0, 420.0)),
    ]
    arrows = [Arrow(points=[(320.0, 210.0), (400.0, 210.0), (400.0, 400.0)])]
    page = PageGeometry(page=1, width=595.0, height=842.0, words=words, segments=segs, source="ocr")
    page.shapes, page.arrows = shapes, arrows
    (table,) = [b for b in page_blocks(page) if isinstance(b, Table)]
    assert table.text_rows()[0] == ["No", "Kegiatan", "A", "B"]
    assert [len(r) for r in table.text_rows()] == [4, 4, 4]


def test_only_long_rules_are_carried_to_the_frame():
    from extractor.geometry.lines import Rule, reach_long_rules

    rows = [Rule(100.0, 50.0, 450.0), Rule(130.0, 50.0, 450.0), Rule(500.0, 50.0, 450.0)]
    columns = [
        Rule(80.0, 108.0, 500.0),  # a column rule that lost its top 8 pt
        Rule(300.0, 120.0, 145.0),  # a connector piece ending 10 pt from a row rule
        Rule(450.0, 100.0, 500.0),
    ]
    moved = reach_long_rules(columns, rows, 12.0, 3.0)
    assert [(r.lo, r.hi) for r in moved] == [(100.0, 500.0), (120.0, 145.0), (100.0, 500.0)]


def test_a_rule_ending_on_a_short_frame_piece_is_not_drawn_to_a_longer_rule_beyond():
    from extractor.geometry.lines import Rule, reach_long_rules

    # a close photo of an identity table: its right frame found in two pieces, each
    # shorter than half the longest vertical (the sheet's own edge, 30 pt beyond); the
    # value rows end on the upper piece
    frame_top, frame_bottom = Rule(782.0, 25.0, 199.0), Rule(787.0, 206.0, 408.0)
    sheet_edge, left = Rule(812.0, 0.0, 369.0), Rule(0.0, 26.0, 408.0)
    rows = [Rule(63.0, 276.0, 782.0), Rule(99.0, 276.0, 782.5), Rule(150.0, 276.0, 795.0)]
    moved = reach_long_rules(
        rows, [left, frame_top, frame_bottom, sheet_edge], 12.0, 3.0, gap_share=0.06
    )
    # the rows on the frame piece stay; a row that stops short of it on nothing is drawn
    # to the nearest long rule (the sheet's edge: as before)
    assert [(r.lo, r.hi) for r in moved] == [(276.0, 782.0), (276.0, 782.5), (276.0, 812.0)]


def test_an_over_tall_word_box_does_not_pull_in_the_next_line():
    # OCR boxed "Pengelola" 12 pt tall for 6.5-pt print; "Kepegawaian" below it has its
    # centre inside that box but belongs to the next line
    words = [
        Word(text="Pengelola", bbox=(356.5, 67.9, 387.2, 80.2)),
        Word(text="Kepegawaian", bbox=(352.2, 76.7, 392.2, 83.1)),
    ]
    assert _text(words) == "Pengelola\nKepegawaian"


def test_the_first_row_is_step_one_when_its_number_is_lost():
    page = _flowchart_page()
    page.words = [w for w in page.words if w.text != "1"]
    steps = _sop_steps(page)
    assert [(s.number, s.actor) for s in steps] == [(1, "Staf"), (2, "Kepala"), (3, "Staf")]
    assert steps[0].activity == "Menerima berkas"


def _renumbered(page: PageGeometry, numbers: dict[str, str]) -> PageGeometry:
    page.words = [
        w.model_copy(update={"text": numbers.get(w.text, w.text)}) if w.bbox[0] < 70 else w
        for w in page.words
    ]
    return page


def test_a_misread_step_number_the_next_row_repeats_is_the_step_in_between():
    # "2" read as "3", then the real 3: the middle step is 2, not a second 3
    steps = _sop_steps(_renumbered(_flowchart_page(), {"2": "3"}))
    assert [(s.number, s.actor) for s in steps] == [(1, "Staf"), (2, "Kepala"), (3, "Staf")]


def test_a_step_number_that_goes_back_is_the_next_step():
    # the last step's "3" read as "1" (a lost digit of "13" would look the same)
    steps = _sop_steps(_renumbered(_flowchart_page(), {"3": "1"}))
    assert [s.number for s in steps] == [1, 2, 3]
    assert steps[2].activity == "Mengarsip"


def test_a_shape_of_no_known_kind_beside_a_step_symbol_leaves_its_actor():
    # a signature's loop over step 3's Kepala cell, found as a small closed shape
    page = _flowchart_page()
    page.shapes.append(ShapeGeom(kind="unknown", bbox=(370.0, 250.0, 382.0, 259.0)))
    steps = _sop_steps(page)
    assert (steps[2].actor, steps[2].symbol) == ("Staf", "process")


def _passed(
    boxes: dict[int, tuple[str, tuple[float, float, float, float]]],
    pairs: list[tuple[int, int]],
    paths: list[list[tuple[float, float]]],
) -> list[tuple[int, int]]:
    """The (source, target) pairs after ``_start_at_passed_box`` on these symbols."""
    from extractor.grid import _start_at_passed_box
    from extractor.layout import CellShape, Edge

    shapes = [CellShape(id=i, kind=kind, bbox=box) for i, (kind, box) in boxes.items()]  # type: ignore[arg-type]
    edges = [Edge(source=a, target=b) for a, b in pairs]
    _start_at_passed_box(edges, paths, shapes)
    return [(e.source, e.target) for e in edges]


def test_an_edge_passing_by_a_box_with_no_exit_starts_at_that_box():
    # a loop-back from decision 9 drawn into the point where box 7's connector to box 8
    # leaves: the trace from 8's head ran on down the loop-back, so 9 has three exits
    boxes = {
        7: ("process", (100.0, 100.0, 140.0, 120.0)),
        8: ("process", (160.0, 140.0, 200.0, 160.0)),
        9: ("decision", (100.0, 180.0, 140.0, 210.0)),
        10: ("process", (100.0, 230.0, 140.0, 250.0)),
    }
    up_and_over = [(141.0, 195.0), (143.0, 195.0), (143.0, 110.0), (180.0, 110.0), (180.0, 140.0)]
    paths = [[(120.0, 210.0), (120.0, 230.0)], up_and_over, [(143.0, 195.0), (143.0, 110.0)]]
    three = [(9, 10), (9, 8), (9, 7)]
    assert _passed(boxes, three, paths) == [(9, 10), (7, 8), (9, 7)]
    # a decision with its two exits keeps them: nothing to spare
    assert _passed(boxes, three[:2], paths[:2]) == three[:2]
    # a line passing a box at a distance is not its connector
    far = [(150.0, y) if x == 143.0 else (x, y) for x, y in up_and_over]
    assert _passed(boxes, three, [paths[0], far, paths[2]]) == three


def test_an_edge_branching_off_the_sources_edge_into_a_box_with_no_exit_starts_there():
    # decision 17's loop-back runs up and along to box 14's side; box 14's connector to
    # box 15 leaves along that line and turns down halfway: traced from 15's head it ran
    # on back to 17, which then has three exits and box 14 none
    boxes = {
        14: ("process", (200.0, 100.0, 240.0, 120.0)),
        15: ("process", (120.0, 150.0, 160.0, 170.0)),
        17: ("decision", (60.0, 250.0, 100.0, 280.0)),
        18: ("process", (60.0, 300.0, 100.0, 320.0)),
    }
    loop_back = [(100.0, 265.0), (110.0, 265.0), (110.0, 110.0), (200.0, 110.0)]
    branch = [(100.0, 265.0), (110.0, 265.0), (110.0, 110.0), (140.0, 110.0), (140.0, 150.0)]
    paths = [[(80.0, 280.0), (80.0, 300.0)], branch, loop_back]
    pairs = _passed(boxes, [(17, 18), (17, 15), (17, 14)], paths)
    assert pairs == [(17, 18), (14, 15), (17, 14)]


def test_an_answer_beside_a_decision_labels_its_one_unlabelled_exit():
    # the "Tidak" written at the decision's right corner, while the loop-back was traced
    # leaving from its left: no connector path comes near the word
    page = _flowchart_page()
    page.words = [w for w in page.words if w.text != "Tidak"] + [_word("Tidak", 404, 200)]
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    ids = {(c.row, c.col): c.shapes[0].id for c in table.cells if c.shapes}
    edges = {(e.source, e.target, e.label) for e in table.edges}
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in edges
    assert (ids[(2, 3)], ids[(3, 2)], "Ya") in edges
    # an answer the labelled exit already gives is no label for the other
    page.words = [w for w in page.words if w.text != "Tidak"] + [_word("Ya", 404, 200)]
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    assert (ids[(2, 3)], ids[(1, 2)], None) in {(e.source, e.target, e.label) for e in table.edges}


def _labels(page: PageGeometry) -> set[tuple[int, int, str | None]]:
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    return {(e.source, e.target, e.label) for e in table.edges}


def test_an_answer_read_in_pieces_or_a_letter_off_labels_its_exit():
    # the loop-back's connector, erased before OCR, ran through "Tidak": "Tid" "ak"
    page = _flowchart_page()
    words = [w for w in page.words if w.text not in ("Tidak", "Ya")]
    tid = Word(text="Tid", bbox=(336.0, 192.0, 345.0, 201.0), conf=90.0)
    ak = Word(text="ak", bbox=(347.0, 193.0, 353.0, 201.0), conf=92.0)
    ya = Word(text="Yi", bbox=(383.0, 222.0, 390.0, 231.0), conf=91.0)  # "Ya" blurred
    page.words = [*words, tid, ak, ya]
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    ids = {(c.row, c.col): c.shapes[0].id for c in table.cells if c.shapes}
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page)
    assert (ids[(2, 3)], ids[(3, 2)], "Ya") in _labels(page)
    # "Tilak" is a letter off "tidak" and "tolak", both a "no": the commoner is taken
    page.words = [*words, Word(text="Tilak", bbox=(336.0, 192.0, 351.0, 201.0), conf=80.0), ya]
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page)
    # "Tid" alone is the start of Tidak; pieces too far apart are not joined
    from extractor.grid import _label_candidates

    far = Word(text="ak", bbox=(352.0, 193.0, 358.0, 201.0), conf=92.0)
    assert _label_candidates([(0, tid), (1, far)]) == [([0], "Tidak", tid.bbox)]
    assert [idx for idx, _, _ in _label_candidates([(0, tid), (1, ak)])] == [[0, 1]]
    # words of a text layer are taken as they are written
    page.words = [*words, Word(text="Yi", bbox=ya.bbox, conf=None)]
    assert (ids[(2, 3)], ids[(3, 2)], None) in _labels(page)


def test_an_answers_initial_and_end_read_apart_are_the_answer():
    from extractor.grid import _label_candidates

    # "Tidak" with a column rule through its "id": the rule erased, OCR reads "T" (unsure)
    # and "jak"; "T" alone is an answer too (Y/T), but not with the rest of "Tidak" after it
    t = Word(text="T", bbox=(450.5, 421.4, 456.2, 428.9), conf=7.6)
    jak = Word(text="jak", bbox=(458.4, 424.6, 465.8, 428.9), conf=93.2)
    assert _label_candidates([(0, t), (1, jak)]) == [
        ([0, 1], "Tidak", (450.5, 421.4, 465.8, 428.9))
    ]
    # a "T" alone, or with other words after it, stays "T"
    assert _label_candidates([(0, t)]) == [([0], "T", t.bbox)]
    data = Word(text="data", bbox=(458.4, 424.6, 472.0, 428.9), conf=93.2)
    assert [text for _, text, _ in _label_candidates([(0, t), (1, data)])] == ["T"]


def test_a_label_goes_to_the_connector_leaving_the_symbol_beside_it():
    from extractor.grid import _label_edges
    from extractor.layout import CellShape, Edge

    decision = CellShape(id=1, kind="decision", bbox=(380.0, 425.0, 410.0, 450.0))
    passed = CellShape(id=2, kind="process", bbox=(378.0, 344.0, 412.0, 363.0))
    right = CellShape(id=3, kind="process", bbox=(426.0, 384.0, 460.0, 403.0))
    # one trunk leaves the decision's right corner and splits: traced twice, once into the
    # box at the right (then found to start at the box it passes) and once as the loop-back
    trunk = [(414.0, 438.0), (414.0, 358.0)]
    arrows = [
        Arrow(points=[*trunk, (441.0, 354.0), (443.0, 384.0)]),
        Arrow(points=[*trunk, (412.0, 354.0)]),
        Arrow(points=[(395.0, 454.0), (395.0, 472.0)]),
    ]
    edges = {0: Edge(source=2, target=3), 1: Edge(source=1, target=2)}
    edges[2] = Edge(source=1, target=4)
    tidak = ([7], "Tidak", (416.0, 437.0, 431.0, 445.0))  # beside the shared trunk
    ya = ([8], "Ya", (398.0, 455.0, 405.0, 460.0))
    used = _label_edges(edges, arrows, [decision, passed, right], [tidak, ya])
    assert used == {7, 8}
    assert (edges[0].label, edges[1].label, edges[2].label) == (None, "Tidak", "Ya")
    # an arrow that made no edge takes no label: the next connector within reach does
    del edges[1]
    edges[0].source = 1
    assert _label_edges(edges, arrows, [decision, passed, right], [tidak]) == {7}
    assert edges[0].label == "Tidak"


def test_a_label_goes_to_the_exit_of_a_trunk_traced_twice_a_pixel_apart():
    from extractor.grid import _label_edges
    from extractor.layout import CellShape, Edge

    # a decision's "Tidak" back to the start shares its line with the start's exit into
    # the decision; on a scan the two tracings of that line lie a point apart, and the
    # start's exit passes a little nearer the word under the decision's corner
    decision = CellShape(id=1, kind="decision", bbox=(427.0, 136.0, 470.0, 163.0))
    start = CellShape(id=2, kind="terminator", bbox=(510.0, 96.0, 565.0, 114.0))
    into = Arrow(points=[(508.0, 105.0), (411.0, 106.0), (409.0, 148.5), (426.0, 149.5)])
    back = Arrow(points=[(426.0, 149.0), (409.0, 148.0), (411.0, 106.0), (510.0, 105.0)])
    edges = {0: Edge(source=2, target=1), 1: Edge(source=1, target=2)}
    tidak = ([5], "Tidak", (409.0, 152.0, 424.0, 156.0))
    assert _label_edges(edges, [into, back], [decision, start], [tidak]) == {5}
    assert (edges[0].label, edges[1].label) == (None, "Tidak")


def test_a_blot_read_as_a_word_is_no_label():
    from extractor.grid import _label_candidates

    blot = Word(text="No", bbox=(475.0, 382.0, 504.0, 413.0), conf=39.3)  # 31 pt tall
    answer = Word(text="Tidak", bbox=(391.0, 357.0, 407.0, 365.0), conf=92.5)
    assert [text for _, text, _ in _label_candidates([(0, blot), (1, answer)])] == ["Tidak"]


def test_ocr_answers_read_with_a_look_alike_initial():
    from extractor.grid import _label_word

    assert _label_word("va", ocr=True) == "ya"  # a blurred Y read as v
    assert _label_word("¥a", ocr=True) == "ya"
    assert _label_word("fa", ocr=True) == "ya"
    assert _label_word("'a", ocr=True) == "ya"  # a Y on an erased rule keeps its upper arm
    assert _label_word("'", ocr=True) is None
    assert _label_word("1dak", ocr=True) == "tidak"  # a blurred T read as 1
    assert _label_word("1", ocr=True) is None  # a step number is no answer
    assert _label_word("Ti", ocr=True) == "tidak"  # the rest lost to an erased connector
    assert _label_word("di", ocr=True) is None  # disetujui or ditolak: no answer
    assert _label_word("v", ocr=True) is None  # an arrowhead reads "v": never an answer
    assert _label_word("vk", ocr=True) is None
    assert _label_word("va", ocr=False) is None  # a text layer says what it says


def test_an_ocr_answer_read_in_lower_case_is_written_as_answers_are():
    from extractor.grid import _label_text

    assert _label_text("ya", "ya", ocr=True) == "Ya"  # a blurred Y read as y
    assert _label_text("TIDAK", "tidak", ocr=True) == "TIDAK"  # capitals stay
    assert _label_text("ya", "ya") == "ya"  # a text layer says what it says


def test_a_piece_of_the_other_answer_beside_a_decision_labels_its_bare_exit():
    # a photo: the "Ya" read, of "Tidak" only "Tk" (blur, and a column rule erased
    # through it); the piece is far from the loop-back's path but beside the decision
    page = _flowchart_page()
    words = [w for w in page.words if w.text != "Tidak"]
    page.words = [*words, Word(text="Tk", bbox=(404.0, 200.0, 411.0, 208.0), conf=64.0)]
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    ids = {(c.row, c.col): c.shapes[0].id for c in table.cells if c.shapes}
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page)
    # "Tak" of a "Ti|dak" cut by a rule; a look-alike initial of "Ya" ("¥i") likewise
    page.words = [*words, Word(text="Tak", bbox=(404.0, 200.0, 413.0, 208.0), conf=48.0)]
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page)
    # no piece, or a piece of the answer the other exit already gives, or a word that is
    # no piece of either ("Tu": no u in tidak): the exit stays unlabelled
    for text in ("Yk", "Tu", "Tx"):
        page.words = [*words, Word(text=text, bbox=(404.0, 200.0, 411.0, 208.0), conf=80.0)]
        assert (ids[(2, 3)], ids[(1, 2)], None) in _labels(page), text
    # a text layer's words are what they say
    page.words = [*words, Word(text="Tk", bbox=(404.0, 200.0, 411.0, 208.0), conf=None)]
    assert (ids[(2, 3)], ids[(1, 2)], None) in _labels(page)


def test_a_word_with_the_paired_answers_initial_and_length_labels_the_bare_exit():
    # a photo: "Ya" read; the "Tidak" a column rule ran through read as "Telok" or
    # "Titek" (no piece of it, letters out of order): "Tidak" is what faces "Ya"
    page = _flowchart_page()
    words = [w for w in page.words if w.text != "Tidak"]
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    ids = {(c.row, c.col): c.shapes[0].id for c in table.cells if c.shapes}
    for text in ("Telok", "Titek", "Tasik"):
        page.words = [*words, Word(text=text, bbox=(404.0, 200.0, 420.0, 208.0), conf=47.0)]
        assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page), text
    # another initial, a length far from the answer's, digits, a text layer's word: none
    for text, conf in (("Selok", 47.0), ("Tembusan", 60.0), ("Te", 70.0), ("T-2a", 50.0)):
        page.words = [*words, Word(text=text, bbox=(404.0, 200.0, 420.0, 208.0), conf=conf)]
        assert (ids[(2, 3)], ids[(1, 2)], None) in _labels(page), text
    page.words = [*words, Word(text="Telok", bbox=(404.0, 200.0, 420.0, 208.0), conf=None)]
    assert (ids[(2, 3)], ids[(1, 2)], None) in _labels(page)
    # too far from the decision
    page.words = [*words, Word(text="Telok", bbox=(470.0, 200.0, 486.0, 208.0), conf=47.0)]
    assert (ids[(2, 3)], ids[(1, 2)], None) in _labels(page)
    # and the other way: "Tidak" read, its "Ya" blurred into "fe" ("f" a Y's look-alike)
    page = _flowchart_page()
    page.words = [w for w in page.words if w.text != "Ya"]
    page.words.append(Word(text="fe", bbox=(383.0, 222.0, 390.0, 230.0), conf=64.0))
    assert (ids[(2, 3)], ids[(3, 2)], "Ya") in _labels(page)


def test_answer_pieces():
    from extractor.grid import _answer_piece

    no = ["tidak", "tolak", "salah"]
    assert _answer_piece("Td", no) == "tidak"  # the first in file order that fits
    assert _answer_piece("Tk", no) == "tidak"
    assert _answer_piece("Tilak", no) == "tidak"  # a letter off
    assert _answer_piece("Tu", no) is None
    assert _answer_piece("k", no) is None  # one letter is no piece
    assert _answer_piece("T1", no) is None  # digits are no letters of an answer
    assert _answer_piece("¥i", ["ya", "yes"]) == "ya"  # look-alike initial, a letter off
    assert _answer_piece("Ya", no) is None
    assert _answer_piece("jak", no) == "tidak"  # "Ti" read apart as "n": the end is left
    assert _answer_piece("lak", no) == "tidak"  # the commoner of tidak and tolak
    assert _answer_piece("ak", no) is None  # too short an end
    assert _answer_piece("jaa", no) is None
    assert _answer_piece("nlak", ["tidak", "ditolak"], ending=False) is None  # "n" "lak"


def test_answer_pieces_that_overlap_are_read_together():
    # "Tidak" blurred into "Tidy" with a "k" whose box overlaps it: "Tidyk" is a letter off
    page = _flowchart_page()
    words = [w for w in page.words if w.text != "Tidak"]
    tidy = Word(text="Tidy", bbox=(404.0, 200.0, 418.0, 208.0), conf=40.0)
    k = Word(text="k", bbox=(416.0, 199.0, 419.0, 207.0), conf=67.0)
    page.words = [*words, tidy, k]
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    ids = {(c.row, c.col): c.shapes[0].id for c in table.cells if c.shapes}
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page)
    # "Tidy" alone is no piece of Tidak ("y"), nor a letter off it; it has Tidak's
    # initial and about its length, which faces the "Ya" read
    page.words = [*words, tidy]
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page)
    page.words = [w for w in page.words if w.text != "Ya"]
    assert (ids[(2, 3)], ids[(1, 2)], None) in _labels(page)
    # "Ti" read as "n" beside "lak": the end alone is Tidak, not "nlak" of Ditolak
    n = Word(text="n", bbox=(404.0, 200.0, 409.0, 207.0), conf=81.0)
    lak = Word(text="lak", bbox=(410.0, 201.0, 419.0, 208.0), conf=57.0)
    page.words = [*words, n, lak]
    assert (ids[(2, 3)], ids[(1, 2)], "Tidak") in _labels(page)


def test_an_identity_table_with_a_logo_a_stamp_and_a_stroke_is_no_flowchart():
    # a photographed identity table: the logo's shield reads as an off-page symbol, the
    # round stamp as a terminator and a stroke of the signature as an arrow; its rows of
    # labels and values between rules that span only those columns stay rows, with the
    # stroke beside the stamp
    rows = [20.0, 40.0, 60.0, 80.0, 170.0]
    segs = [_h(20.0, 0.0, 600.0), _h(170.0, 0.0, 600.0)]
    segs += [_h(y, 290.0, 600.0) for y in rows[1:-1]]
    segs += [_v(x, 20.0, 170.0) for x in (0.0, 290.0, 430.0, 600.0)]
    labels = ["No. SOP", "Tgl. Pembuatan", "Tgl. Efektif", "Disahkan oleh"]
    words = [
        Word(text=text, bbox=(295.0, y + 4.0, 295.0 + 5.0 * len(text), y + 13.0), conf=90.0)
        for text, y in zip(labels, rows, strict=False)
    ]
    words.append(Word(text="700/033/2022", bbox=(435.0, 24.0, 500.0, 33.0), conf=90.0))
    logo = ShapeGeom(kind="offpage", bbox=(125.0, 30.0, 165.0, 75.0))
    stamp = ShapeGeom(kind="terminator", bbox=(450.0, 120.0, 530.0, 160.0))
    page = PageGeometry(
        page=1,
        width=600.0,
        height=420.0,
        words=words,
        segments=segs,
        shapes=[logo, stamp],
        arrows=[Arrow(points=[(560.0, 140.0), (546.0, 138.0)], has_head=True)],
        source="ocr",
    )
    # and the stroke drawn up to the stamp (a gray scan's stamp read as a decision, a
    # stroke of the signature beside it): an arrow at one symbol is no flowchart's
    for stroke in ([(560.0, 140.0), (546.0, 138.0)], [(560.0, 140.0), (535.0, 140.0)]):
        page.arrows = [Arrow(points=stroke, has_head=True)]
        table = next(b for b in page_blocks(page) if isinstance(b, Table))
        texts = {(c.row, c.col): c.text for c in table.cells}
        assert texts[(0, 1)] == "No. SOP" and texts[(1, 1)] == "Tgl. Pembuatan"
        assert texts[(0, 2)] == "700/033/2022"
    # an arrow from one symbol to another makes it a flowchart: rows only at full-width
    # rules
    page.arrows.append(Arrow(points=[(165.0, 52.0), (450.0, 130.0)], has_head=True))
    table = next(b for b in page_blocks(page) if isinstance(b, Table))
    assert {c.row for c in table.cells} == {0}

"""Flowchart shapes in DOCX tables: DrawingML, VML, groups, canvases, pictures, anchoring, edges."""

from __future__ import annotations

import docx_build as B
from docx.oxml import parse_xml

from extractor.backends.docx import parse
from extractor.layout import Table
from extractor.options import ExtractionOptions

ROLES = ["Kepala", "Sekretaris", "Staf"]
ACTS = ["Menerima surat", "Memeriksa surat", "Mengarsipkan surat"]
M = 5.4  # Word's default left cell margin: "column" offsets in a cell start after it


def _flow_table(data: bytes) -> Table:
    doc = parse(data, ExtractionOptions())
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables, "no table read"
    return tables[0]


def _shapes_by_cell(table: Table) -> dict[tuple[int, int], list[str]]:
    return {(c.row, c.col): [s.kind for s in c.shapes] for c in table.cells if c.shapes}


def _basic_flow() -> bytes:
    """Terminator (Kepala) → decision (Sekretaris) —Ya→ process (Sekretaris); Tidak loops back."""
    doc, t, lefts = B.flow_doc(ROLES, ACTS)
    w = lefts[3] - lefts[2]  # role column width (70 pt)
    c_kep, c_sek = t.cell(2, 2).paragraphs[0], t.cell(3, 3).paragraphs[0]
    B.add_run(c_kep, B.anchor(B.wsp("flowChartTerminator", 40, 20), 10, 10, 40, 20))
    # terminator bottom-centre (30, 30) → decision top-centre, one column right, next row
    B.add_run(
        c_kep, B.anchor(B.wsp("bentConnector3", w, 20, connector=True, arrow=True), 30, 30, w, 20)
    )
    B.add_run(c_sek, B.anchor(B.wsp("flowChartDecision", 40, 20), 10, 10, 40, 20))
    B.add_run(
        c_sek,
        B.anchor(B.wsp("straightConnector1", 0, 30, connector=True, arrow=True), 30, 30, 0, 30),
    )
    B.add_run(c_sek, B.anchor(B.wsp("rect", 18, 8, text="Ya", no_line=True), 32, 32, 18, 8))
    # Tidak: from the decision's left vertex (10, 20) back to the terminator's right edge
    back = B.wsp("straightConnector1", 30, 40, connector=True, arrow=True, flip_h=True, flip_v=True)
    B.add_run(c_sek, B.anchor(back, 10 - 30, 20 - 40, 30, 40))
    B.add_run(c_sek, B.anchor(B.wsp("rect", 22, 8, text="Tidak", no_line=True), -12, 2, 22, 8))
    B.add_run(
        t.cell(4, 3).paragraphs[0], B.anchor(B.wsp("flowChartProcess", 40, 20), 10, 10, 40, 20)
    )
    return B.to_bytes(doc)


def test_drawingml_shapes_land_in_their_role_cells():
    table = _flow_table(_basic_flow())
    assert _shapes_by_cell(table) == {
        (2, 2): ["terminator"],
        (3, 3): ["decision"],
        (4, 3): ["process"],
    }
    # Text-box labels and connectors are not shapes and not cell text.
    assert all("Ya" not in c.text and "Tidak" not in c.text for c in table.cells)


def test_connectors_become_labelled_edges():
    table = _flow_table(_basic_flow())
    ids = {s.kind: s.id for c in table.cells for s in c.shapes}
    edges = {(e.source, e.target): e.label for e in table.edges}
    assert edges == {
        (ids["terminator"], ids["decision"]): None,
        (ids["decision"], ids["process"]): "Ya",
        (ids["decision"], ids["terminator"]): "Tidak",
    }


def test_floating_shape_anchored_in_first_cell_is_projected_onto_its_column():
    doc, t, lefts = B.flow_doc(ROLES, ACTS)
    # anchored in the "No" cell of row 3, offset so that it appears under "Staf"
    x = lefts[4] - lefts[0] + 12 - M
    B.add_run(
        t.cell(3, 0).paragraphs[0], B.anchor(B.wsp("flowChartProcess", 40, 20), x, 10, 40, 20)
    )
    table = _flow_table(B.to_bytes(doc))
    assert _shapes_by_cell(table) == {(3, 4): ["process"]}


def test_floating_shape_reaching_into_the_next_row_follows_its_offset():
    doc, t, _lefts = B.flow_doc(ROLES, ACTS, row_height=40)
    # anchored in row 2 but 50 pt further down: its centre sits in row 3
    B.add_run(
        t.cell(2, 2).paragraphs[0], B.anchor(B.wsp("flowChartDecision", 40, 20), 10, 50, 40, 20)
    )
    assert _shapes_by_cell(_flow_table(B.to_bytes(doc))) == {(3, 2): ["decision"]}


def test_shape_anchored_before_the_table_relative_to_margin_and_page():
    doc, _t, lefts = B.flow_doc(ROLES, ACTS, row_height=80)
    para = doc.paragraphs[0]  # "Prosedur", just above the table
    # table top ≈ paragraph top + one line; header rows ≈ 2 × one line; target row 3 (2nd step)
    x = lefts[3] + 15  # Sekretaris, relative to the margin (table indent 0)
    B.add_run(para, B.anchor(B.wsp("flowChartProcess", 40, 20), x, 160, 40, 20, h_rel="margin"))
    table = _flow_table(B.to_bytes(doc))
    assert _shapes_by_cell(table) == {(3, 3): ["process"]}


def test_vml_shapes_shapetypes_and_line_connector():
    doc, t, _lefts = B.flow_doc(ROLES, ACTS)
    style = "position:absolute;margin-left:10pt;margin-top:10pt;width:40pt;height:20pt;z-index:1"
    shapetype = (
        '<v:shapetype id="_x0000_t110" coordsize="21600,21600" o:spt="110" '
        'path="m10800,l,10800,10800,21600,21600,10800xe"/>'
    )
    B.add_run(t.cell(2, 2).paragraphs[0], B.vml(f'<v:roundrect style="{style}" arcsize="0.5"/>'))
    B.add_run(
        t.cell(3, 3).paragraphs[0],
        B.vml(shapetype + f'<v:shape type="#_x0000_t110" style="{style}"/>'),
    )
    B.add_run(t.cell(4, 4).paragraphs[0], B.vml(f'<v:shape o:spt="109" style="{style}"/>'))
    # a line from the decision's bottom (30, 30) down to the process one row lower, one column right
    line = (
        '<v:line style="position:absolute;z-index:2" from="30pt,30pt" to="100pt,50pt">'
        '<v:stroke endarrow="block"/></v:line>'
    )
    B.add_run(t.cell(3, 3).paragraphs[0], B.vml(line))
    table = _flow_table(B.to_bytes(doc))
    assert _shapes_by_cell(table) == {
        (2, 2): ["terminator"],
        (3, 3): ["decision"],
        (4, 4): ["process"],
    }
    ids = {s.kind: s.id for c in table.cells for s in c.shapes}
    assert [(e.source, e.target) for e in table.edges] == [(ids["decision"], ids["process"])]


def test_alternate_content_prefers_choice_and_falls_back_to_vml():
    doc, t, _lefts = B.flow_doc(ROLES, ACTS)
    style = "position:absolute;margin-left:10pt;margin-top:10pt;width:40pt;height:20pt"
    choice = B.anchor(B.wsp("flowChartDecision", 40, 20), 10, 10, 40, 20)
    choice_drawing = choice[choice.index("<w:drawing>") : choice.index("</w:r>")]
    both = (
        f"<w:r {B.NSDECL}><mc:AlternateContent>"
        f'<mc:Choice Requires="wps">{choice_drawing}</mc:Choice>'
        f'<mc:Fallback><w:pict><v:rect style="{style}"/>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    only_fallback = (
        f'<w:r {B.NSDECL}><mc:AlternateContent><mc:Choice Requires="wp99"><w:t>?</w:t></mc:Choice>'
        f'<mc:Fallback><w:pict><v:roundrect style="{style}"/>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    B.add_run(t.cell(2, 3).paragraphs[0], both)
    B.add_run(t.cell(3, 2).paragraphs[0], only_fallback)
    assert _shapes_by_cell(_flow_table(B.to_bytes(doc))) == {
        (2, 3): ["decision"],
        (3, 2): ["terminator"],
    }


def _group(children: str, w: float, h: float, scale: float = 2.0) -> str:
    """A wpg group whose child space is ``scale`` times the group's own size."""
    e = B._e
    return (
        "<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm>"
        f'<a:off x="0" y="0"/><a:ext cx="{e(w)}" cy="{e(h)}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{e(w * scale)}" cy="{e(h * scale)}"/>'
        "</a:xfrm></wpg:grpSpPr>"
        f"{children}</wpg:wgp>"
    )


def test_group_children_are_transformed_and_connected_by_ids():
    doc, t, lefts = B.flow_doc(ROLES, ACTS)
    w = lefts[3] - lefts[2]
    # child space is doubled: child coordinates are 2 × the points they appear at
    kids = (
        B.wsp("flowChartProcess", 80, 40, x=20, y=20, own_id=11)  # → (10, 10) 40×20, Kepala row 2
        + B.wsp(
            "flowChartDecision", 80, 40, x=2 * (w + 10), y=2 * 50, own_id=12
        )  # Sekretaris, row 3
        + B.wsp("bentConnector3", 2 * w, 60, x=60, y=60, connector=True, arrow=True, st=11, end=12)
    )
    group = _group(kids, w + 60, 80)
    B.add_run(
        t.cell(2, 2).paragraphs[0],
        B.anchor(
            group,
            0,
            0,
            w + 60,
            80,
            uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        ),
    )
    table = _flow_table(B.to_bytes(doc))
    assert _shapes_by_cell(table) == {(2, 2): ["process"], (3, 3): ["decision"]}
    ids = {s.kind: s.id for c in table.cells for s in c.shapes}
    assert [(e.source, e.target) for e in table.edges] == [(ids["process"], ids["decision"])]


def test_canvas_children_spread_over_cells():
    doc, t, lefts = B.flow_doc(ROLES, ACTS)
    w = lefts[3] - lefts[2]
    kids = B.wsp("flowChartTerminator", 40, 20, x=10, y=10) + B.wsp(
        "flowChartOffpageConnector", 30, 20, x=2 * w + 10, y=90
    )
    canvas = f"<wpc:wpc><wpc:bg/><wpc:whole/>{kids}</wpc:wpc>"
    uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
    B.add_run(t.cell(2, 2).paragraphs[0], B.anchor(canvas, 0, 0, 3 * w, 120, uri=uri))
    assert _shapes_by_cell(_flow_table(B.to_bytes(doc))) == {
        (2, 2): ["terminator"],
        (4, 4): ["offpage"],
    }


def test_inline_shapes_and_small_pictures_stay_in_their_cell():
    doc, t, _lefts = B.flow_doc(ROLES, ACTS)
    B.add_run(t.cell(2, 3).paragraphs[0], B.picture(24, 24))
    B.add_run(t.cell(3, 4).paragraphs[0], B.inline(B.wsp("diamond", 40, 20), 40, 20))
    B.add_run(t.cell(4, 1).paragraphs[0], B.picture(400, 300))  # a pasted scan, not a symbol
    shapes = _shapes_by_cell(_flow_table(B.to_bytes(doc)))
    assert shapes == {(2, 3): ["unknown"], (3, 4): ["decision"]}


def test_text_inside_shapes_is_the_shape_label_not_cell_text():
    doc, t, _lefts = B.flow_doc(ROLES, ACTS)
    B.add_run(
        t.cell(2, 2).paragraphs[0],
        B.anchor(B.wsp("flowChartTerminator", 40, 20, text="Mulai"), 10, 10, 40, 20),
    )
    table = _flow_table(B.to_bytes(doc))
    cell = next(c for c in table.cells if (c.row, c.col) == (2, 2))
    assert cell.text == ""
    assert [(s.kind, s.label) for s in cell.shapes] == [("terminator", "Mulai")]


def test_rotated_connector_endpoints():
    doc, t, _lefts = B.flow_doc(ROLES, ACTS)
    cell = t.cell(2, 2).paragraphs[0]
    B.add_run(cell, B.anchor(B.wsp("flowChartProcess", 40, 20), 10, 10, 40, 20))
    B.add_run(
        t.cell(3, 2).paragraphs[0], B.anchor(B.wsp("flowChartProcess", 40, 20), 10, 10, 40, 20)
    )
    # a 40-wide horizontal line turned a quarter turn: it runs from (30, 30) down to (30, 50)
    conn = B.wsp("straightConnector1", 40, 0, connector=True, arrow=True, rot=5400000)
    B.add_run(cell, B.anchor(conn, 10, 40, 40, 0))
    table = _flow_table(B.to_bytes(doc))
    assert [(e.source, e.target) for e in table.edges] == [(1, 2)]
    assert parse_xml  # docx.oxml import used by the builder

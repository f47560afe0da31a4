"""The flowchart table of a synthetic SOP: roles, shapes, merged header, edges."""

from __future__ import annotations

from pdf_corpus_eval import flow_tables, read_steps, role_columns
from pdf_fixtures import ROLES, STEPS

from extractor.layout import Paragraph, Table


def test_each_step_has_its_role_column_and_shape_kind(parsed):
    doc, truth, _ = parsed
    steps = read_steps(doc)
    assert sorted(steps) == list(range(1, len(STEPS) + 1))
    for number, (role, kind) in enumerate(truth.steps, start=1):
        assert steps[number].actor == ROLES[role], number
        assert steps[number].kind == kind, number


def test_next_steps_including_decision_branches(parsed):
    doc, truth, variant = parsed
    steps = read_steps(doc)
    expected: dict[int, set[int]] = {}
    for src, dst, _ in truth.edges:
        expected.setdefault(src, set()).add(dst)
    for number in range(1, len(STEPS) + 1):
        assert steps[number].next == expected.get(number, set()), (variant, number)
    assert steps[4].labels == {5: "Ya", 2: "Tidak"}


def test_loop_back_connector_does_not_split_the_grid(single_page):
    doc, _ = single_page
    (table,) = flow_tables(doc)
    # 2 header rows + 8 steps; No, Kegiatan, 5 roles, 3 Mutu Baku, Keterangan
    assert (table.n_rows, table.n_cols) == (10, 11)
    # the decision-answer words are edge labels, not cell text
    assert all("Tidak" not in c.text and c.text != "Ya" for c in table.cells)


def test_two_level_header_spans(parsed):
    doc, _, _ = parsed
    for table in flow_tables(doc):
        spans = {
            c.text.replace("\n", " "): (c.row, c.col, c.row_span, c.col_span)
            for c in table.cells
            if c.row < 2
        }
        assert spans["No"] == (0, 0, 2, 1)
        assert spans["Kegiatan"] == (0, 1, 2, 1)
        assert spans["Pelaksana"] == (0, 2, 1, 5)
        assert spans["Mutu Baku"] == (0, 7, 1, 3)
        assert spans["Ket."] == (0, 10, 2, 1)
        assert list(role_columns(table).values()) == ROLES
        assert [spans[k][1] for k in ("Kelengkapan", "Waktu", "Output")] == [7, 8, 9]


def test_shape_labels_and_cell_texts(single_page):
    doc, _ = single_page
    (table,) = flow_tables(doc)
    grid = table.grid()
    labels = [s.label for c in table.cells for s in c.shapes if s.kind == "terminator"]
    assert labels == ["Mulai", "Selesai"]
    first_body = grid[2]
    assert first_body[0].text == "1"
    assert first_body[1].text == "Mengajukan permohonan izin praktik"
    assert first_body[8].text == "10 Menit"
    # the label inside the capsule is not the role cell's text
    assert first_body[2].text == ""
    ids = [s.id for c in table.cells for s in c.shapes]
    assert len(ids) == len(set(ids)) == len(STEPS)


def test_table_continued_on_next_page_is_one_table_per_page_with_offpage_edges(parsed):
    doc, _, variant = parsed
    tables = flow_tables(doc)
    if variant != "pieces":
        assert len(tables) == 1
        return
    assert [t.page for t in tables] == [2, 3]
    first = tables[0]
    shapes = {s.id: s for c in first.cells for s in c.shapes}
    (offpage,) = [s for s in shapes.values() if s.kind == "offpage"]
    into = [e for e in first.edges if e.target == offpage.id]
    assert len(into) == 1 and shapes[into[0].source].kind == "process"
    # the continuation page repeats the header
    assert role_columns(tables[1]) == role_columns(first)


def test_identity_and_six_box_tables(single_page):
    doc, _ = single_page
    tables = [b for b in doc.blocks if isinstance(b, Table) and b.page == 1]
    identity, six = tables
    rows = identity.text_rows()
    assert (identity.n_rows, identity.n_cols) == (6, 3)
    logo = identity.grid()[0][0]
    assert (logo.row_span, logo.col_span) == (6, 1)
    assert logo.text == "DINAS KESEHATAN\nKABUPATEN CONTOH"
    assert rows[0][1:] == ["Nomor SOP", "800/12/DINKES/2023"]
    assert rows[5][1:] == ["Nama SOP", "Pelayanan Rekomendasi Izin Praktik"]
    # cells drawn as rects are borders, not flowchart boxes
    assert not any(c.shapes for c in identity.cells)
    six_rows = six.text_rows()
    assert six_rows[0] == ["Dasar Hukum", "Kualifikasi Pelaksana"]
    assert six_rows[1][0] == "1. Undang-Undang Nomor 36 Tahun 2009"
    assert six_rows[4] == ["Peringatan", "Pencatatan dan Pendataan"]
    assert identity.cells[0].prov is not None and identity.cells[0].prov.page == 1


def test_paragraphs_outside_tables_in_reading_order(single_page):
    doc, _ = single_page
    page1 = [b for b in doc.blocks if (b.page if isinstance(b, Table) else b.prov.page) == 1]
    kinds = [type(b).__name__ for b in page1]
    assert kinds == ["Paragraph", "Table", "Table", "Paragraph", "Paragraph"]
    paras = [b.text for b in page1 if isinstance(b, Paragraph)]
    assert paras[0] == "STANDAR OPERASIONAL PROSEDUR"
    assert paras[1] == (
        "Dokumen ini berlaku sejak tanggal ditetapkan dan dievaluasi\n"
        "setiap enam bulan oleh Bagian Organisasi."
    )
    assert paras[2] == "Catatan penutup yang terpisah."
    assert doc.source_kind == "text_layer" and doc.pages == 2 and doc.notes == []

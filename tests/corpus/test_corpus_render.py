"""The corpus renderer: deterministic output, files up to date with their specs,
PDFs with a real text layer and shapes in the actor's column, DOCX with one
DrawingML flowchart shape per step in the actor's cell, text exports in the seed style."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pypdfium2
import pytest
from docx.oxml.ns import qn

from corpus.generate import convert_with_libreoffice, doc_dir, pdf_pages, render_one
from corpus.render.docx_render import render_docx
from corpus.render.flow import plan
from corpus.render.pdf_render import MARGIN, render_pdf
from corpus.render.spec import SpecError, dumps, labels, load_spec, text_truth_dict, truth_dict
from corpus.render.text_render import render_text

ROOT = Path(__file__).resolve().parents[2]
SOP_DIR = ROOT / "corpus" / "sop"
SPECS_DIR = SOP_DIR / "specs"
SPEC_IDS = sorted(p.stem for p in SPECS_DIR.glob("*.yml"))
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _representatives() -> list[str]:
    """A few specs covering the layout variants (and the longest flowchart), for the
    expensive checks; the full corpus runs them under ``-m slow``."""
    seen: dict[tuple, str] = {}
    for spec_id in SPEC_IDS:
        lay = _spec(spec_id).layout
        seen.setdefault((lay.orientation, lay.keterangan, lay.text_export_symbols), spec_id)
    longest = max(SPEC_IDS, key=lambda i: len(_spec(i).record.steps))
    return sorted({*seen.values(), longest})


def _heavy_params() -> list:
    reps = set(_representatives())
    return [s if s in reps else pytest.param(s, marks=pytest.mark.slow) for s in SPEC_IDS]


@functools.cache
def _spec(spec_id: str):
    return load_spec(SPECS_DIR / f"{spec_id}.yml")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_there_are_specs():
    assert len(SPEC_IDS) >= 2


# ------------------------------------------------------------------ determinism and freshness


def test_rendering_twice_gives_identical_bytes(tmp_path):
    spec = _spec(SPEC_IDS[0])
    for k in (1, 2):
        render_pdf(spec, tmp_path / f"{k}.pdf")
        render_docx(spec, tmp_path / f"{k}.docx")
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
    assert (tmp_path / "1.docx").read_bytes() == (tmp_path / "2.docx").read_bytes()
    assert render_text(spec) == render_text(spec)


@pytest.mark.parametrize("spec_id", _heavy_params())
def test_committed_files_are_up_to_date(spec_id, tmp_path):
    """Re-rendering a spec reproduces the committed truth, PDF, DOCX and text byte for byte."""
    spec = _spec(spec_id)
    out = doc_dir(spec_id, SOP_DIR)
    fresh = doc_dir(spec_id, tmp_path)
    render_one(spec, {"pdf", "docx", "txt"}, tmp_path)
    for name in (
        "truth.json",
        "truth.txt.json",
        f"{spec_id}.pdf",
        f"{spec_id}.docx",
        f"{spec_id}.txt",
    ):
        assert (out / name).exists(), f"{name} missing: run python corpus/generate.py"
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), (
            f"{spec_id}/{name} is stale: run python corpus/generate.py --only {spec_id}"
        )
    assert (out / f"{spec_id}.lo.pdf").exists()


@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_truth_json_equals_the_spec_truth(spec_id):
    spec = _spec(spec_id)
    truth = json.loads((doc_dir(spec_id, SOP_DIR) / "truth.json").read_text(encoding="utf-8"))
    # every field the spec author wrote is in truth.json unchanged
    for key, value in spec.raw_truth.items():
        if key == "steps":
            for written, step in zip(value, truth["steps"], strict=True):
                for k, v in written.items():
                    if k != "duration":
                        assert step[k] == v, (spec_id, step["number"], k)
        elif key not in ("identity", "legal_basis", "signature"):
            assert truth[key] == value, (spec_id, key)
    assert truth["identity"]["number"] == spec.raw_truth["identity"]["number"]
    assert truth == truth_dict(spec.record)


def test_text_truth_loses_arrows_and_keeps_symbols_only_when_exported():
    for spec_id in SPEC_IDS:
        spec = _spec(spec_id)
        tt = text_truth_dict(spec)
        assert all(s["next"] == [] and s["branch_labels"] == [] for s in tt["steps"])
        for got, step in zip(tt["steps"], spec.record.steps, strict=True):
            expected_actor = step.actor if spec.layout.text_export_symbols else None
            assert got["actor"] == expected_actor
            assert got["activity"] == step.activity


def test_manifest_lists_every_spec_with_current_hash_and_page_counts(manifest):
    docs = {d["id"]: d for d in manifest["documents"]}
    assert sorted(docs) == SPEC_IDS
    for spec_id, entry in docs.items():
        assert entry["spec_sha256"] == _spec(spec_id).sha256, f"{spec_id}: manifest is stale"
        for kind in ("truth", "pdf", "docx", "lo_pdf", "txt", "truth_txt"):
            assert (ROOT / "corpus" / entry["files"][kind]["path"]).exists(), (spec_id, kind)
        for kind in ("pdf", "lo_pdf"):
            path = ROOT / "corpus" / entry["files"][kind]["path"]
            assert pdf_pages(path) == entry["files"][kind]["pages"], (spec_id, kind)


# --------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_every_pdf_opens_with_its_page_count_and_step_texts(spec_id, manifest):
    entry = next(d for d in manifest["documents"] if d["id"] == spec_id)
    steps = _spec(spec_id).record.steps
    for kind in ("pdf", "lo_pdf"):
        path = ROOT / "corpus" / entry["files"][kind]["path"]
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) == entry["files"][kind]["pages"]
        words = set(_pdfium_text(path).split())
        for step in steps:
            missing = set(step.activity.split()) - words
            assert not missing, (spec_id, kind, step.number, missing)
    assert (ROOT / "corpus" / entry["files"]["pdf"]["path"]).stat().st_size < 100_000


def _pdfium_text(path: Path) -> str:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return " ".join(p.get_textpage().get_text_range() for p in doc)
    finally:
        doc.close()


@pytest.mark.parametrize("spec_id", _heavy_params())
def test_pdf_text_layer_and_shapes(spec_id):
    spec = _spec(spec_id)
    path = doc_dir(spec_id, SOP_DIR) / f"{spec_id}.pdf"
    with pdfplumber.open(path) as pdf:
        w, h = pdf.pages[0].width, pdf.pages[0].height
        fp = plan(spec, w, h, MARGIN, first_page=fp_first(pdf, spec))
        last_flow_page = fp.rows[-1].page
        # the signature block follows the table, on the same page or the next
        assert len(pdf.pages) in (last_flow_page, last_flow_page + 1)
        act = next(c for c in fp.columns if c.key == "activity")
        activity_text = ""
        tidak = 0
        processes: list[tuple[int, float]] = []
        for k, page in enumerate(pdf.pages, 1):
            words = page.extract_words()
            if k == 1:
                first_text = _norm(" ".join(wd["text"] for wd in words))
            in_col = [wd for wd in words if act.x0 < wd["x0"] and wd["x1"] < act.x1]
            in_col.sort(key=lambda wd: (round(wd["top"]), wd["x0"]))
            activity_text += " " + " ".join(wd["text"] for wd in in_col)
            tidak += sum(wd["text"] == labels()["branch_labels"]["no"] for wd in words)
            for r in page.rects:  # process boxes: small rectangles, not table cells
                if 20 < r["width"] < 60 and 15 < r["height"] < 22:
                    processes.append((k, (r["x0"] + r["x1"]) / 2))
    text = _norm(activity_text)
    for step in spec.record.steps:
        assert _norm(step.activity) in text, (spec_id, step.number)
    assert spec.record.identity.number in first_text
    decisions = [s for s in spec.record.steps if s.symbol == "decision" and len(s.next) == 2]
    assert tidak >= len(decisions)
    # each process box sits in its actor's column on its row's page
    expected = []
    for row, step in zip(fp.rows, spec.record.steps, strict=True):
        if step.symbol == "process" and step.actor:
            col = fp.role_columns()[spec.record.roles.index(step.actor)]
            expected.append((row.page, round((col.x0 + col.x1) / 2, 1)))
    assert sorted((p, round(x, 1)) for p, x in processes) == sorted(expected)


def fp_first(pdf, spec) -> int:
    """The page the flowchart starts on: the first page after page 1 with the table header."""
    label = spec.layout.header_labels["roles_group"].split()[0]
    for k, page in enumerate(pdf.pages[1:], 2):
        if any(w["text"] == label for w in page.extract_words()):
            return k
    raise AssertionError("no flowchart page")


# --------------------------------------------------------------------------- DOCX


def _flow_table(document, spec):
    n = len(spec.record.steps)
    tables = [t for t in document.tables if len(t.rows) == n + 2]
    assert tables, "no flowchart table"
    return tables[-1]


@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_docx_has_one_shape_per_step_in_the_actor_cell(spec_id):
    spec = _spec(spec_id)
    document = docx.Document(str(doc_dir(spec_id, SOP_DIR) / f"{spec_id}.docx"))
    table = _flow_table(document, spec)
    roles = spec.record.roles
    first_role = 2
    # the header merges: "Pelaksana" spans the role columns
    span = table.rows[0]._tr.findall(f".//{qn('w:gridSpan')}")
    assert any(int(s.get(qn("w:val"))) == len(roles) for s in span)
    assert table.rows[1]._tr.findall(f".//{qn('w:vMerge')}")
    presets = {
        "start": "flowChartTerminator",
        "end": "flowChartTerminator",
        "process": "flowChartProcess",
        "decision": "flowChartDecision",
    }
    total = 0
    for step, row in zip(spec.record.steps, table.rows[2:], strict=True):
        assert row.cells[1].text == step.activity
        found = []
        for k, cell in enumerate(row.cells):
            for geom in cell._tc.iter(f"{{{A_NS}}}prstGeom"):
                if geom.get("prst").startswith("flowChart"):
                    found.append((k, geom.get("prst")))
        total += len(found)
        if step.actor and step.symbol:
            assert found == [(first_role + roles.index(step.actor), presets[step.symbol])]
        else:
            assert found == []
    assert total == sum(1 for s in spec.record.steps if s.actor and s.symbol)
    arrows = table._tbl.findall(f".//{{{A_NS}}}tailEnd")
    drawn = {s.number for s in spec.record.steps if s.actor and s.symbol}
    edges = sum(n in drawn for s in spec.record.steps if s.number in drawn for n in s.next)
    assert len(arrows) == edges


# --------------------------------------------------------------------------- text export


@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_text_export_rows(spec_id):
    spec = _spec(spec_id)
    text = (doc_dir(spec_id, SOP_DIR) / f"{spec_id}.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    tokens = labels()["symbol_tokens"]
    n_roles = len(spec.record.roles)
    for step in spec.record.steps:
        row = next(ln for ln in lines if ln.startswith(f"{step.number}\t{step.activity}\t"))
        cells = row.split("\t")
        assert len(cells) == 2 + n_roles + 3 + (1 if spec.layout.keterangan else 0)
        marks = cells[2 : 2 + n_roles]
        if spec.layout.text_export_symbols and step.actor:
            assert marks[spec.record.roles.index(step.actor)] == tokens[step.symbol]
        else:
            assert marks == [""] * n_roles
    assert "\t".join(spec.record.roles) in text
    assert spec.record.identity.number in text


def test_text_styles_vary_across_the_corpus():
    styles = {_spec(s).layout.text_style for s in SPEC_IDS}
    assert len(styles) >= 2


# --------------------------------------------------------------------------- bad specs


def test_invalid_truth_fails_loudly(tmp_path):
    src = (SPECS_DIR / f"{SPEC_IDS[0]}.yml").read_text(encoding="utf-8")
    bad = tmp_path / f"{SPEC_IDS[0]}.yml"
    bad.write_text(src.replace("symbol: start", "symbol: begin", 1), encoding="utf-8")
    with pytest.raises(SpecError, match="not a valid SOPRecord"):
        load_spec(bad)
    wrong_name = tmp_path / "other.yml"
    wrong_name.write_text(src, encoding="utf-8")
    with pytest.raises(SpecError, match="does not match"):
        load_spec(wrong_name)


def test_actor_must_be_a_role(tmp_path):
    spec = _spec(SPEC_IDS[0])
    actor = spec.record.steps[0].actor
    src = (SPECS_DIR / f"{SPEC_IDS[0]}.yml").read_text(encoding="utf-8")
    bad = tmp_path / f"{SPEC_IDS[0]}.yml"
    bad.write_text(
        src.replace(f"actor: {actor}", "actor: Nobody", 1).replace(
            f'actor: "{actor}"', 'actor: "Nobody"', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(SpecError, match="not one of roles"):
        load_spec(bad)


def test_dumps_is_stable():
    assert dumps({"b": 1, "a": [2]}) == '{\n  "a": [\n    2\n  ],\n  "b": 1\n}\n'


# --------------------------------------------------------------------------- LibreOffice


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_the_docx(tmp_path):
    spec = _spec(SPEC_IDS[0])
    render_one(spec, {"docx"}, tmp_path)
    docx_path = doc_dir(spec.id, tmp_path) / f"{spec.id}.docx"
    convert_with_libreoffice([docx_path])
    with pdfplumber.open(docx_path.with_name(f"{spec.id}.lo.pdf")) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert spec.record.steps[0].activity.split()[0] in text


@pytest.mark.slow
def test_generate_cli_rejects_unknown_kind():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "corpus" / "generate.py"), "--kinds", "png"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0 and "unknown kinds" in proc.stderr

"""The backend on documents written by other producers: the corpus renderer and LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx_build as B
import pytest
from docx_corpus_eval import evaluate
from test_docx_shapes import _basic_flow, _flow_table, _shapes_by_cell

from extractor.backends.docx import parse
from extractor.options import ExtractionOptions


def _corpus_docs(corpus_dir: Path) -> list[tuple[Path, dict]]:
    out = []
    for truth in sorted((corpus_dir / "sop").glob("*/truth.json")):
        path = truth.parent / f"{truth.parent.name}.docx"
        if path.exists():
            out.append((path, json.loads(truth.read_text("utf-8"))))
    return out


@pytest.mark.slow
def test_corpus_actor_and_symbol_per_step(corpus_dir: Path):
    docs = _corpus_docs(corpus_dir)
    if not docs:
        pytest.skip("no corpus DOCX rendered yet")
    total: dict[str, int] = {}
    for path, truth in docs:
        for key, value in evaluate(path, truth).items():
            total[key] = total.get(key, 0) + value
    assert total["steps"] > 0
    assert total["actor"] / total["steps"] >= 0.98, total
    assert total["symbol"] / total["steps"] >= 0.98, total
    assert total["next"] / total["steps"] >= 0.9, total


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_rewritten_docx_still_reads(tmp_path: Path):
    src = tmp_path / "flow.docx"
    src.write_bytes(_basic_flow())
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    table = _flow_table((out / "flow.docx").read_bytes())
    assert _shapes_by_cell(table) == {
        (2, 2): ["terminator"],
        (3, 3): ["decision"],
        (4, 3): ["process"],
    }
    ids = {s.kind: s.id for c in table.cells for s in c.shapes}
    assert (ids["decision"], ids["process"]) in {(e.source, e.target) for e in table.edges}
    assert parse(B.to_bytes(__import__("docx").Document()), ExtractionOptions()).blocks == []

"""A decision's branch labels ("Ya", "Tidak") reach the record from the connectors
they are written on, in the order of its exits (yes first), on every kind of file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "sop"
DOC = "sop-003-dpupr-pengadaan-langsung"


@pytest.mark.parametrize("name", [f"{DOC}.pdf", f"{DOC}.lo.pdf", f"{DOC}.docx"])
def test_each_decision_carries_the_answers_on_its_exits(name):
    path = CORPUS / DOC / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    truth = json.loads((CORPUS / DOC / "truth.json").read_text("utf-8"))
    want = {s["number"]: s["branch_labels"] for s in truth["steps"] if s["symbol"] == "decision"}
    record = extract(path).record
    assert record is not None
    got = {s.number: s.branch_labels for s in record.steps if s.symbol == "decision"}
    assert got == want
    assert all(labels == ["Ya", "Tidak"] for labels in got.values())

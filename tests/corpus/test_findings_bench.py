"""The findings bench (bench/findings.py): what a reviewer is told, against the truth."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.findings import TRUTH_SOURCE, compare, truth_findings  # noqa: E402
from extractor import extract  # noqa: E402
from rules.engine import check  # noqa: E402

DOC = ROOT / "corpus" / "sop" / "sop-001-dinkes-rekomendasi-sip"


def _truth() -> dict:
    return json.loads((DOC / "truth.json").read_text("utf-8"))


def test_the_digital_pdf_is_told_what_its_truth_deserves():
    want = truth_findings(_truth())
    assert want, "the document carries defects the rules find"
    record = extract(DOC / f"{DOC.name}.pdf").record
    got = compare(want, check(record.model_dump(mode="json")).findings)
    assert got["missed"] == []
    assert got["false"] == []
    assert len(got["found"]) == len([f for f in want if not f.rule.startswith("EXT")])


def test_a_lost_section_shows_as_a_missed_and_a_false_finding():
    truth = _truth()
    want = truth_findings(truth)
    lost = copy.deepcopy(truth)
    lost["legal_basis"] = []  # the Dasar Hukum box unread
    got = compare(want, check({**lost, "source": TRUTH_SOURCE}).findings)
    # the truth's finding about a cited regulation is missed, and the reviewer is told
    # the legal basis is missing: the document's fault as far as the report says
    assert {f.rule for f in got["missed"]} == {"LEG011"}
    assert {f.rule for f in got["false"]} == {"STR005"}
    assert {f.rule for f in got["found"]} == {f.rule for f in want} - {"LEG011"}

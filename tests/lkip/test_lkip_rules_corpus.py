"""The rules on the extracted corpus: clean reports stay clean, every planted defect is found."""

from __future__ import annotations

import pytest
from lkip_support import DOC_IDS, extracted, truth

from bench.lkip_scoring import defect_found
from rules import check
from rules.models import Severity

CLEAN = [d for d in DOC_IDS if not truth(d)["defects"]]
DEFECTIVE = [d for d in DOC_IDS if truth(d)["defects"]]


def test_corpus_has_clean_and_defective_reports() -> None:
    assert len(CLEAN) >= 3 and len(DEFECTIVE) >= 2


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize("doc", CLEAN)
def test_clean_reports_have_no_error_or_warning(doc: str, kind: str) -> None:
    report = check(extracted(doc, kind))
    loud = [f"{f.rule}: {f.message}" for f in report.findings if f.severity != Severity.INFO]
    assert loud == []


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize("doc", DEFECTIVE)
def test_every_planted_defect_is_found(doc: str, kind: str) -> None:
    report = check(extracted(doc, kind), lang="en")
    loud = [(f.rule, f.location.path or "") for f in report.findings if f.severity != Severity.INFO]
    for defect in truth(doc)["defects"]:
        assert defect_found(defect, loud), f"{doc}: not reported: {defect['description']}"


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_word_targets_and_nested_budget_read_cleanly(kind: str) -> None:
    """lkip-008: word targets (WTP, BB, WBK) and a nested budget; no capaian recomputed, the
    total checked against the programs only; the Ombudsman zone below target is a notice."""
    rec = extracted("lkip-008-setda-klaten-2023", kind)
    assert {i.target_text for i in rec.indicators} >= {"WTP", "BB", "WBK", "Zona Hijau"}
    levels = [b.level for b in rec.budget]
    assert levels.count(1) == 3 and levels.count(3) == 4
    findings = check(rec, lang="en").findings
    notes = [(f.rule, f.location.path, f.severity) for f in findings if f.rule == "CON108"]
    assert notes == [("CON108", "indicators[6].achievement", Severity.INFO)]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_word_and_nested_budget_defects_are_found_alone(kind: str) -> None:
    """lkip-009: the planted word-target and sub-total defects, and nothing else loud."""
    report = check(extracted("lkip-009-bkad-gunungkidul-2024", kind), lang="en")
    loud = sorted((f.rule, f.location.path) for f in report.findings if f.severity != Severity.INFO)
    assert loud == [
        ("CON102", "indicators[1].target"),
        ("CON108", "indicators[2].achievement"),
        ("CON109", "budget[11].realised"),
        ("CON109", "budget[7].ceiling"),
    ]

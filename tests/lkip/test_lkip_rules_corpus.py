"""The rules on the extracted corpus: clean reports stay clean, every planted defect is found."""

from __future__ import annotations

import pytest
from lkip_support import DOC_IDS, extracted, truth

from rules import check
from rules.models import Severity

#: The rule that must report each kind of planted defect (spec `rule_hint`).
DEFECT_RULES = {
    "lkip.achievement_wrong": "CON101",
    "lkip.target_differs_from_agreement": "CON102",
    "lkip.year_inconsistent": "CON107",
    "lkip.budget_over_ceiling": "CON104",
    "lkip.budget_total_mismatch": "CON106",
    "lkip.analysis_missing": "STR106",
    "lkip.chapter_missing": "STR101",
    "lkip.chapter_order": "STR102",
    "legal_basis.revoked": "LEG008",
}
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
    found = {(f.rule, f.location.path) for f in report.findings if f.severity != Severity.INFO}
    for defect in truth(doc)["defects"]:
        code = DEFECT_RULES[defect["rule_hint"]]
        where = defect["where"]
        hits = [path for rule, path in found if rule == code and (path or "").startswith(where)]
        assert hits, f"{doc}: {code} did not report {defect['description']}"

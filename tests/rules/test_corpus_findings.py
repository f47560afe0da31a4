"""The rules on the REAL extractor's output of the sample corpus (corpus/sop).

A document with ``corpus/sop/<id>/findings.json`` carries known defects: every expected
finding must be reported (in the kinds that can show it), and no error outside the expected
set. Every other document is clean: no error and no warning, in any kind.

The text exports and DOCX run in the fast set; the reportlab PDFs run for a small sample,
and the whole PDF sweep (reportlab and LibreOffice PDFs) is marked slow.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extractor import extract
from rules import check
from rules.models import Finding, Severity

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "sop"
DOCS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name.startswith("sop-"))
FAST_KINDS = ("txt", "docx")
PDF_KINDS = ("pdf", "lo.pdf")
#: PDFs checked in the fast set: a clean long flowchart over several pages, a Kelurahan, a
#: flowchart defect and a text-without-symbols document.
PDF_SAMPLE = (
    "sop-012-satpolpp-penegakan-perda",
    "sop-014-kelurahan-sktm",
    "sop-105-bpbd-kaji-cepat-alur-cacat",
    "sop-108-dishub-lkjip-judul-tertukar",
)


def _expectations(doc: str) -> dict[str, Any] | None:
    path = CORPUS / doc / "findings.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else None


@cache
def _findings(doc: str, kind: str) -> tuple[Finding, ...]:
    path = CORPUS / doc / f"{doc}.{kind}"
    if not path.exists():
        pytest.skip(f"{path.name} not rendered")
    result = extract(path)
    assert result.record is not None, [e.message_en for e in result.errors]
    return tuple(check(result.record).findings)


def _matches(finding: Finding, spec: dict[str, Any]) -> bool:
    return (
        finding.rule == spec["rule"]
        and finding.step == spec["step"]
        and finding.section == spec["section"]
        and finding.location.path == spec["path"]
    )


def _loud(findings: tuple[Finding, ...], *levels: Severity) -> list[str]:
    return [f"{f.rule} {f.location.path} {f.message}" for f in findings if f.severity in levels]


def assert_document(doc: str, kind: str) -> None:
    findings = _findings(doc, kind)
    spec = _expectations(doc)
    if spec is None:
        loud = _loud(findings, Severity.ERROR, Severity.WARNING)
        assert not loud, f"{doc}.{kind}: false alarms on a clean document: {loud}"
        return
    expected = [e for e in spec["expected"] if kind in e.get("kinds", (kind,))]
    for entry in expected:
        hits = [f for f in findings if _matches(f, entry)]
        assert hits, f"{doc}.{kind}: not reported: {entry}"
        assert any(f.severity == entry["severity"] for f in hits), (
            f"{doc}.{kind}: {entry['rule']} reported as {[f.severity.value for f in hits]}"
        )
    if spec.get("no_other_errors"):
        stray = [
            f"{f.rule} {f.location.path} {f.message}"
            for f in findings
            if f.severity == Severity.ERROR and not any(_matches(f, e) for e in spec["expected"])
        ]
        assert not stray, f"{doc}.{kind}: errors outside the expected set: {stray}"


@pytest.mark.parametrize("kind", FAST_KINDS)
@pytest.mark.parametrize("doc", DOCS)
def test_corpus_document(doc: str, kind: str) -> None:
    assert_document(doc, kind)


@pytest.mark.parametrize("doc", PDF_SAMPLE)
def test_corpus_pdf_sample(doc: str) -> None:
    assert_document(doc, "pdf")


@pytest.mark.slow
@pytest.mark.parametrize("kind", PDF_KINDS)
@pytest.mark.parametrize("doc", DOCS)
def test_corpus_pdf_sweep(doc: str, kind: str) -> None:
    assert_document(doc, kind)


def test_expectations_are_well_formed() -> None:
    """findings.json: sorted, known rules and severities, defects of every planted document."""
    from rules.registry import registry

    codes = {meta.code for meta in registry.all()}
    planted = [d for d in DOCS if d.split("-")[1].startswith("1")]
    for doc in planted:
        assert _expectations(doc) is not None, f"{doc}: planted defects without findings.json"
    for doc in DOCS:
        spec = _expectations(doc)
        if spec is None:
            continue
        entries = spec["expected"]
        assert entries, doc
        keys = [(e["rule"], e["step"] or 0, e["path"]) for e in entries]
        assert keys == sorted(keys), f"{doc}: findings.json is not sorted"
        for entry in entries:
            assert entry["rule"] in codes, entry
            assert Severity(entry["severity"]) != Severity.INFO, entry
            assert set(entry.get("kinds", FAST_KINDS)) <= {*FAST_KINDS, *PDF_KINDS}, entry

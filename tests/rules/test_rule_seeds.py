"""The seeds of shared/seeds against what a careful reviewer flags (seed_expectations.yml).

Two sources of records: the hand-transcribed records in tests/rules/seeds/ (strict: every
error or warning must be expected or allowed) and, once the text backend imports, the
real extractor's output (expected findings found, absent ones not reported).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
import yaml
from rule_support import HERE, SEEDS_DIR

from extractor.models import SOPRecord
from rules import check
from rules.models import Finding, Severity

EXPECTATIONS: dict[str, dict[str, list[dict[str, Any]]]] = yaml.safe_load(
    (HERE / "seed_expectations.yml").read_text("utf-8")
)


def _hits(findings: list[Finding], spec: dict[str, Any]) -> list[Finding]:
    return [
        f
        for f in findings
        if f.rule == spec["rule"]
        and ("step" not in spec or f.step == spec["step"])
        and ("path" not in spec or f.location.path == spec["path"])
    ]


def _assert_expectations(name: str, findings: list[Finding], *, strict: bool) -> None:
    spec = EXPECTATIONS[name]
    missing = [e for e in spec["expected"] if not _hits(findings, e)]
    assert not missing, f"{name}: not reported: {missing}"
    false = [a for a in spec["absent"] if _hits(findings, a)]
    assert not false, f"{name}: false alarms: {false}"
    if strict:
        known = spec["expected"] + spec.get("allowed", [])
        loud = [f for f in findings if f.severity != Severity.INFO]
        unexplained = [
            f"{f.rule} {f.step} {f.message}"
            for f in loud
            if not any(f in _hits([f], k) for k in known)
        ]
        assert not unexplained, f"{name}: unexpected errors/warnings: {unexplained}"


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_hand_transcribed_seed(name: str) -> None:
    path = SEEDS_DIR / f"{Path(name).stem}.record.yml"
    record = SOPRecord.model_validate(yaml.safe_load(path.read_text("utf-8")))
    _assert_expectations(name, check(record).findings, strict=True)


@pytest.mark.skipif(
    importlib.util.find_spec("extractor.backends.text") is None,
    reason="the text backend is not there yet",
)
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_extracted_seed(name: str, seeds_dir: Path) -> None:
    from extractor import extract

    result = extract(seeds_dir / name)
    assert result.record is not None, [e.message_en for e in result.errors]
    _assert_expectations(name, check(result.record).findings, strict=False)

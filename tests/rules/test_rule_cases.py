"""Every rule's pass/fail cases (tests/rules/cases/<CODE>.yml), run as patches over the baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rule_support import CASES_DIR, DATA_DIR, patched_record

from rules import check, load_profile

MATCH_KEYS = ("step", "path", "severity", "section")


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        spec = yaml.safe_load(path.read_text("utf-8"))
        for case in spec["cases"]:
            out.append((spec["rule"], {"baseline": spec.get("baseline", "sop"), **case}))
    return out


def _matches(finding: dict[str, Any], expected: dict[str, Any]) -> bool:
    actual = {
        "step": finding["step"],
        "path": finding["location"]["path"],
        "severity": finding["severity"],
        "section": finding["section"],
    }
    return all(actual[k] == expected[k] for k in MATCH_KEYS if k in expected)


@pytest.mark.parametrize(
    ("code", "case"), _cases(), ids=[f"{code}-{case['name']}" for code, case in _cases()]
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_rule_case(code: str, case: dict[str, Any], lang: str) -> None:
    record = patched_record(case.get("patch"), case["baseline"])
    profile = load_profile(DATA_DIR / case["profile"]) if case.get("profile") else None
    report = check(record, profile, lang=lang)
    found = [f.model_dump(mode="json") for f in report.findings if f.rule == code]
    expected = case["expect"]
    assert len(found) == len(expected), [f["message"] for f in found]
    unmatched = list(found)
    for exp in expected:
        hit = next((f for f in unmatched if _matches(f, exp)), None)
        assert hit is not None, f"no {code} finding like {exp} in {found}"
        unmatched.remove(hit)
    for f in found:  # messages are sentences, rendered, in the requested language
        assert f["message"].strip() and "{" not in f["message"], f["message"]
        assert f["suggestion"] is None or "{" not in f["suggestion"]
    assert not any(f.rule == "EXT999" for f in report.findings), "a rule crashed"


def test_cases_dir_exists() -> None:
    assert Path(CASES_DIR).is_dir() and any(CASES_DIR.glob("*.yml"))

"""The engine: crash-proof rules, the score, reports, languages, record kinds."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

import json
from collections.abc import Iterator

from rule_support import baseline_dict, patched_record

from extractor.models import LKIPRecord, Source
from rules import Profile, Report, Severity, check
from rules.base import Rule
from rules.context import Context
from rules.engine import score
from rules.models import Category, Finding
from rules.registry import Registry, registry


class Boom(Rule, register=False):
    """A rule that always raises."""

    code = "STR990"
    name = "always-crashes"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    title = {"id": "Uji", "en": "Test"}
    rationale = {"id": "Uji", "en": "Test"}
    messages = {"message": {"id": "tidak pernah", "en": "never"}}

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise ZeroDivisionError("bug")


def test_a_crashing_rule_becomes_a_finding() -> None:
    reg = Registry()
    reg.register(Boom)
    reg.register(registry.get("CON005"))
    record = patched_record({"signature": {"date": "2023-01-03"}})
    report = check(record, registry=reg)
    rules_seen = sorted(f.rule for f in report.findings)
    assert rules_seen == ["CON005", "EXT999"]
    crash = next(f for f in report.findings if f.rule == "EXT999")
    assert "STR990" in crash.message and "ZeroDivisionError" in crash.message
    assert crash.category == Category.EXTRACTION


def test_baseline_is_clean(baseline) -> None:  # type: ignore[no-untyped-def]
    report = check(baseline)
    assert report.summary.errors == 0 and report.summary.warnings == 0, [
        f.message for f in report.findings if f.severity != Severity.INFO
    ]
    assert report.summary.score == 100


def test_report_shape_follows_the_contract(baseline) -> None:  # type: ignore[no-untyped-def]
    report = check(baseline)
    data = json.loads(report.model_dump_json())
    assert data["schema_version"] == "1"
    assert data["source"] == {"filename": "baseline.pdf", "sha256": "0" * 64}
    assert set(data["summary"]) >= {"errors", "warnings", "infos", "score"}
    assert data["record"]["identity"]["number"] == "800/021/Diskominfo/2023"
    for finding in data["findings"]:
        assert set(finding) >= {
            "rule",
            "category",
            "severity",
            "message",
            "section",
            "step",
            "evidence",
            "suggestion",
            "regulation",
            "doc_url",
            "location",
        }
    assert len(report.rules_version) == 16


def test_score_weights_and_caps() -> None:
    record = patched_record(
        {"steps": {i: {"duration": None} for i in range(7)}, "signature": {"date": "2023-01-03"}}
    )
    report = check(record)
    # one error (CON005: −10) and seven TIM001 warnings capped at three (−9)
    assert report.summary.errors == 1 and report.summary.warnings == 7
    assert report.summary.score == 81
    assert score(report.findings, Profile(score={"error": 50, "warning": 0})) == 50


def test_extraction_findings_do_not_lower_the_score() -> None:
    lost = {
        "steps": {i: {"actor": None, "marks": []} for i in range(7)},
        "extraction_notes": ["symbols_lost: text export"],
    }
    report = check(patched_record(lost))
    # "could not check" is reported, as info: not a defect of the SOP
    assert [f.rule for f in report.findings if f.severity != Severity.INFO] == []
    assert [f.rule for f in report.findings if f.category == "extraction"] == ["EXT001"]
    assert report.summary.score == 100
    # even raised to a warning by a profile, it does not count against the score
    loud = check(patched_record(lost), Profile(severity={"EXT001": Severity.WARNING}))
    assert [f.rule for f in loud.findings if f.severity == Severity.WARNING] == ["EXT001"]
    assert loud.summary.score == 100


def test_messages_in_english(baseline) -> None:  # type: ignore[no-untyped-def]
    record = patched_record({"signature": {"date": "2023-01-03"}})
    indo = next(f for f in check(record).findings if f.rule == "CON005")
    eng = next(f for f in check(record, lang="en").findings if f.rule == "CON005")
    assert "Tanda tangan bertanggal 3 Januari 2023" in indo.message
    assert (
        eng.message
        == "The signature is dated 3 January 2023, before the SOP was made (1 February 2023)."
    )


def test_rules_version_follows_the_profile(baseline) -> None:  # type: ignore[no-untyped-def]
    assert check(baseline).rules_version == check(baseline).rules_version
    assert (
        check(baseline).rules_version != check(baseline, Profile(ignore=["TIM006"])).rules_version
    )


def test_dict_records_and_lkip_records() -> None:
    report = check(baseline_dict())
    assert isinstance(report, Report) and report.kind == "sop"
    lkip = LKIPRecord(source=Source(filename="l.pdf", sha256="x", media_type="application/pdf"))
    lkip_report = check(lkip)
    assert lkip_report.kind == "lkip"
    # an empty LKIP lacks everything: only LKIP rules speak, none crashes
    codes = {f.rule for f in lkip_report.findings}
    assert {"STR101", "STR103", "STR104", "STR105"} <= codes and "EXT999" not in codes
    assert check(lkip.model_dump(mode="json")).kind == "lkip"


def test_an_empty_record_does_not_crash() -> None:
    record = {"source": {"filename": "x", "sha256": "y", "media_type": "text/plain"}}
    report = check(record)
    assert not any(f.rule == "EXT999" for f in report.findings)
    assert {"STR001", "STR004", "STR006"} <= {f.rule for f in report.findings}

"""check(): run the registered rules over a record and build the report.

A rule that raises does not stop the check: its failure becomes one EXT999 finding
("this rule could not run"), never an exception.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from functools import lru_cache
from typing import Any

from extractor.models import LKIPRecord, SOPRecord
from rules.context import Context
from rules.lib.knowledge import data_digest
from rules.models import Finding, Report, ReportSource, Severity, Summary
from rules.profile import Profile, load_profile
from rules.registry import Registry
from rules.registry import registry as default_registry

log = logging.getLogger(__name__)

#: The internal rule that reports a crashing rule.
RULE_FAILED = "EXT999"
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _record(record: SOPRecord | LKIPRecord | dict[str, Any]) -> SOPRecord | LKIPRecord:
    if isinstance(record, SOPRecord | LKIPRecord):
        return record
    if record.get("kind") == "lkip":
        return LKIPRecord.model_validate(record)
    return SOPRecord.model_validate(record)


@lru_cache(maxsize=8)
def _named_profile(name: str | None) -> Profile:
    return load_profile(name)


def _profile(profile: Profile | str | None) -> Profile:
    if isinstance(profile, Profile):
        return profile
    if profile is None or ("/" not in str(profile) and "." not in str(profile)):
        return _named_profile(profile)  # built-in profiles are read once per process
    return load_profile(profile)


def score(findings: list[Finding], profile: Profile) -> int:
    """100 minus weighted findings, each rule counted at most ``per_rule_cap`` times, ≥ 0.

    Extraction findings are left out by default: they say what could not be read, not what
    is wrong with the SOP.
    """
    weights = profile.score
    per_rule: Counter[str] = Counter()
    penalty = 0.0
    for finding in findings:
        if finding.category in weights.exclude_categories:
            continue
        per_rule[finding.rule] += 1
        if per_rule[finding.rule] > weights.per_rule_cap:
            continue
        penalty += getattr(weights, finding.severity.value)
    return max(0, round(100 - penalty))


def rules_version(reg: Registry, profile: Profile) -> str:
    """A short hash of the rule catalogue, the rules' code and data, and the profile."""
    digest = hashlib.sha256(reg.digest().encode())
    digest.update(data_digest().encode())
    digest.update(profile.digest().encode())
    return digest.hexdigest()[:16]


def _crash_finding(ctx: Context, code: str, exc: Exception, reg: Registry) -> Finding:
    try:
        failed = reg.get(RULE_FAILED)()
    except KeyError:  # a bare registry in tests: use the built-in definition
        failed = default_registry.get(RULE_FAILED)()
    return failed.finding(ctx, code=code, error=type(exc).__name__, data={"rule": code})


def run_rules(ctx: Context, reg: Registry) -> list[Finding]:
    """Every selected rule that applies to the record's kind, crash-proof, overrides applied."""
    findings: list[Finding] = []
    for cls in reg.classes(ctx.record.kind):
        if cls.internal or not ctx.profile.selects(cls.code, cls.category):
            continue
        try:
            produced = list(cls().check(ctx))
        except Exception as exc:  # a broken rule must not break the report
            log.warning("rule %s failed: %r", cls.code, exc, exc_info=True)
            produced = [_crash_finding(ctx, cls.code, exc, reg)]
        override = ctx.profile.severity.get(cls.code)
        for finding in produced:
            if override is not None and finding.rule == cls.code:
                finding.severity = override
        findings.extend(produced)
    findings.sort(
        key=lambda f: (SEVERITY_ORDER[f.severity], f.rule, f.step or 0, f.location.path or "")
    )
    return findings


def check(
    record: SOPRecord | LKIPRecord | dict[str, Any],
    profile: Profile | str | None = None,
    lang: str = "id",
    *,
    registry: Registry | None = None,
) -> Report:
    """Check one record with the rules of ``profile`` (default profile when None).

    Messages are in Bahasa Indonesia, or English with ``lang="en"``.
    """
    rec = _record(record)
    prof = _profile(profile)
    reg = registry or default_registry
    ctx = Context(rec, prof, lang)  # type: ignore[arg-type]  # LKIP rules read the same context
    findings = run_rules(ctx, reg)
    counts = Counter(f.severity for f in findings)
    summary = Summary(
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        score=score(findings, prof),
    )
    return Report(
        source=ReportSource(filename=rec.source.filename, sha256=rec.source.sha256),
        kind=rec.kind,
        record=rec.model_dump(mode="json"),
        summary=summary,
        findings=findings,
        rules_version=rules_version(reg, prof),
        profile=prof.name,
        lang=ctx.lang,
    )

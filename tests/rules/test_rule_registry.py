"""The registry: codes, names, modules, cases per rule, kinds, public surface."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml
from rule_support import CASES_DIR

import rules
from rules.base import Rule, RuleDefinitionError
from rules.models import Category, Severity
from rules.registry import DuplicateRuleError, Registry, registry


def test_codes_and_names_are_unique_and_well_formed() -> None:
    metas = registry.all()
    assert len(metas) >= 55
    assert len({m.code for m in metas}) == len(metas)
    assert len({m.name for m in metas}) == len(metas)
    for meta in metas:
        assert meta.title.id and meta.title.en and meta.rationale.id and meta.rationale.en
        assert meta.doc_url == f"docs/rules/{meta.code}.md"


def test_every_category_has_rules() -> None:
    assert {m.category for m in registry.all()} == set(Category)


def test_module_file_starts_with_its_code() -> None:
    for cls in registry.classes():
        module = importlib.import_module(cls.__module__)
        assert Path(module.__file__ or "").name.startswith(cls.code + "_"), cls.__module__


def test_every_rule_has_pass_and_fail_cases() -> None:
    for meta in registry.all():
        if meta.internal:
            continue
        path = CASES_DIR / f"{meta.code}.yml"
        assert path.is_file(), f"{meta.code} has no cases file"
        spec = yaml.safe_load(path.read_text("utf-8"))
        assert spec["rule"] == meta.code
        passing = [c for c in spec["cases"] if not c["expect"]]
        failing = [c for c in spec["cases"] if c["expect"]]
        assert passing and failing, f"{meta.code} needs at least one pass and one fail case"


def _rule(code: str, name: str, **extra: object) -> type[Rule]:
    attrs = {
        "__doc__": "A test rule.",
        "code": code,
        "name": name,
        "category": Category.STRUCTURE,
        "severity": Severity.INFO,
        "title": {"id": "Uji", "en": "Test"},
        "rationale": {"id": "Uji", "en": "Test"},
        "messages": {"message": {"id": "Uji", "en": "Test"}},
        **extra,
    }
    return type("TestRule", (Rule,), attrs, register=False)


def test_duplicate_code_is_rejected() -> None:
    reg = Registry()
    reg.register(_rule("STR901", "test-rule-one"))
    with pytest.raises(DuplicateRuleError):
        reg.register(_rule("STR901", "test-rule-two"))
    with pytest.raises(DuplicateRuleError):
        reg.register(_rule("STR902", "test-rule-one"))


def test_global_registry_rejects_a_reused_code() -> None:
    with pytest.raises(DuplicateRuleError):
        type(
            "Again",
            (Rule,),
            {
                **{
                    k: getattr(registry.get("STR001"), k)
                    for k in ("code", "category", "severity", "title", "rationale", "messages")
                },
                "name": "another-name",
                "__doc__": "Reuses STR001.",
            },
        )


@pytest.mark.parametrize(
    ("code", "name", "extra"),
    [
        ("STR1", "bad-code", {}),
        ("LEG903", "wrong-prefix", {}),  # LEG prefix with the structure category
        ("STR904", "NotKebab", {}),
        ("STR905", "no-english", {"title": {"id": "Uji"}}),
        ("STR906", "no-message", {"messages": {"suggestion": {"id": "a", "en": "b"}}}),
    ],
)
def test_malformed_rules_are_rejected(code: str, name: str, extra: dict) -> None:
    with pytest.raises(RuleDefinitionError):
        _rule(code, name, **extra)


def test_rules_filter_by_record_kind() -> None:
    sop = {cls.code for cls in registry.classes("sop")}
    lkip = {cls.code for cls in registry.classes("lkip")}
    assert "STR001" in sop and "STR001" not in lkip
    assert "STR101" in lkip and "STR101" not in sop
    assert "LEG001" in lkip


def test_public_surface_is_sorted_and_complete() -> None:
    assert rules.__all__ == sorted(rules.__all__)
    for name in ("check", "registry", "Finding", "Severity", "Report", "Profile", "load_profile"):
        assert name in rules.__all__

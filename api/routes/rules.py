"""The rule catalogue, served from the same registry as `sopcheck rules` and the docs."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import LangDep
from api.errors import not_found
from api.routes.documents import ERRORS
from api.schemas import RuleOut
from rules.models import RuleMeta
from rules.registry import registry

router = APIRouter(prefix="/rules", tags=["rules"])


def rule_out(meta: RuleMeta, lang: str) -> RuleOut:
    return RuleOut(
        code=meta.code,
        name=meta.name,
        category=meta.category.value,
        severity=meta.severity.value,
        title=meta.title.get(lang),
        rationale=meta.rationale.get(lang),
        regulation=meta.regulation,
        applies_to=list(meta.applies_to),
        doc_url=meta.doc_url,
    )


def public_rules() -> list[RuleMeta]:
    return [m for m in registry.all() if not m.internal]


@router.get("", summary="The rule catalogue")
def list_rules(lang: LangDep) -> list[RuleOut]:
    return [rule_out(m, lang) for m in public_rules()]


@router.get("/{code}", responses={404: ERRORS[404]}, summary="One rule")
def get_rule(code: str, lang: LangDep) -> RuleOut:
    try:
        cls = registry.get(code.upper())
    except KeyError:
        raise not_found("Aturan") from None
    return rule_out(cls.meta(), lang)

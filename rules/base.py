"""The rule unit: one class per rule, registered automatically when its module is imported.

A rule declares its code, name, category, default severity, bilingual title and
rationale, the regulation it rests on, and bilingual message templates; its
``check`` turns a :class:`~rules.context.Context` into findings. The registry
rejects malformed or duplicate codes and names at import time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from rules.models import CATEGORY_PREFIX, Category, Finding, Location, RuleMeta, Severity, Text

if TYPE_CHECKING:
    from extractor.models import Provenance
    from rules.context import Context

#: A rule code: the category prefix and three digits (``LEG006``).
CODE_PATTERN = re.compile(r"^(STR|LEG|ROL|TIM|CON|EXT)\d{3}$")
#: A rule name: kebab-case words describing the problem (``regulation-type-wrong``).
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
#: Where generated docs live, relative to the repository root.
DOCS_DIR = "docs/rules"


class RuleDefinitionError(TypeError):
    """A rule class is malformed or clashes with another (raised at import time)."""


class _Blank(dict[str, Any]):
    """Format map that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


class Rule:
    """Base class of every rule. Subclasses register themselves (``register=False`` opts out)."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    title: ClassVar[dict[str, str]]
    rationale: ClassVar[dict[str, str]]
    regulation: ClassVar[str | None] = None
    applies_to: ClassVar[tuple[str, ...]] = ("sop",)
    aliases: ClassVar[tuple[str, ...]] = ()
    internal: ClassVar[bool] = False
    #: Templates by key; ``message`` is required, ``suggestion`` is the default fix.
    messages: ClassVar[dict[str, dict[str, str]]]

    def __init_subclass__(cls, register: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        validate_rule_class(cls)
        if register:
            from rules.registry import registry

            registry.register(cls)

    # -- metadata -------------------------------------------------------------------------

    @classmethod
    def meta(cls) -> RuleMeta:
        """The rule's metadata as the registry publishes it."""
        return RuleMeta(
            code=cls.code,
            name=cls.name,
            category=cls.category,
            severity=cls.severity,
            title=Text(**cls.title),
            rationale=Text(**cls.rationale),
            regulation=cls.regulation,
            applies_to=cls.applies_to,
            aliases=cls.aliases,
            doc_url=f"{DOCS_DIR}/{cls.code}.md",
            internal=cls.internal,
            templates={key: Text(**value) for key, value in cls.messages.items()},
        )

    # -- checking -------------------------------------------------------------------------

    def step_finding(
        self, ctx: Context, index: int, step: Any, part: str | None = None, **kwargs: Any
    ) -> Finding:
        """A finding about ``steps[index]`` (evidence: its activity), ``kwargs`` as in finding()."""
        return self.finding(ctx, **{**_step_defaults(index, step, part), **kwargs})

    def check(self, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of this rule for the record in ``ctx``."""
        raise NotImplementedError

    def text(self, ctx: Context, key: str, **fields: Any) -> str:
        """Template ``key`` in the context's language, fields filled in."""
        entry = self.messages[key]
        template = entry.get(ctx.lang) or entry["id"]
        return template.format_map(_Blank({k: _render(v) for k, v in fields.items()}))

    def finding(
        self,
        ctx: Context,
        *,
        key: str = "message",
        suggest: str | None = "suggestion",
        section: str | None = None,
        step: int | None = None,
        path: str | None = None,
        evidence: str | None = None,
        prov: Provenance | None = None,
        severity: Severity | None = None,
        data: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Finding:
        """Build a finding from the rule's templates; ``suggest=None`` gives no suggestion.

        ``{step}`` in a template is the step number.
        """
        if step is not None:
            fields.setdefault("step", step)
        suggestion = None
        if suggest is not None and suggest in self.messages:
            suggestion = self.text(ctx, suggest, **fields)
        location = Location(path=path)
        if prov is not None:
            location = Location(page=prov.page, bbox=prov.bbox, path=path)
        return Finding(
            rule=self.code,
            category=self.category,
            severity=severity or self.severity,
            message=self.text(ctx, key, **fields),
            section=section,
            step=step,
            evidence=evidence,
            suggestion=suggestion,
            regulation=self.regulation,
            doc_url=f"{DOCS_DIR}/{self.code}.md",
            location=location,
            data=data or {},
        )


def _step_defaults(index: int, step: Any, part: str | None) -> dict[str, Any]:
    """Location of a finding about one step: section, number, path, activity, provenance."""
    from rules.lib.text import quote

    suffix = f".{part}" if part else ""
    return {
        "section": "steps",
        "step": step.number,
        "path": f"steps[{index}]{suffix}",
        "evidence": quote(step.activity),
        "prov": step.prov,
    }


def validate_rule_class(cls: type[Rule]) -> None:
    """Reject a rule class that lacks a field or has a malformed code or name."""
    where = f"{cls.__module__}.{cls.__qualname__}"
    for attr in ("code", "name", "category", "severity", "title", "rationale", "messages"):
        if not hasattr(cls, attr):
            raise RuleDefinitionError(f"{where}: missing class attribute {attr!r}")
    if not (cls.__doc__ or "").strip():
        raise RuleDefinitionError(f"{where}: a rule needs a docstring (its summary line)")
    if not CODE_PATTERN.match(cls.code):
        raise RuleDefinitionError(f"{where}: malformed code {cls.code!r}")
    if not cls.code.startswith(CATEGORY_PREFIX[Category(cls.category)]):
        raise RuleDefinitionError(f"{where}: code {cls.code} does not match {cls.category}")
    if not NAME_PATTERN.match(cls.name):
        raise RuleDefinitionError(f"{where}: name {cls.name!r} is not kebab-case words")
    for field in ("title", "rationale"):
        if set(getattr(cls, field)) != {"id", "en"}:
            raise RuleDefinitionError(f"{where}: {field} needs exactly 'id' and 'en'")
    if "message" not in cls.messages:
        raise RuleDefinitionError(f"{where}: messages need a 'message' template")
    for key, entry in cls.messages.items():
        if set(entry) != {"id", "en"}:
            raise RuleDefinitionError(f"{where}: template {key!r} needs exactly 'id' and 'en'")

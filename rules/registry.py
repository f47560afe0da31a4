"""The rule registry: the single source of truth for rules, docs, `sopcheck rules` and the API."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rules.models import RuleMeta

if TYPE_CHECKING:
    from rules.base import Rule


class DuplicateRuleError(ValueError):
    """Two rules share a code, an alias or a name."""


class Registry:
    """Rules by code. Built-in rules are discovered from ``rules.builtin`` on first use."""

    def __init__(self, *, discover: str | None = None) -> None:
        self._rules: dict[str, type[Rule]] = {}
        self._names: dict[str, str] = {}
        self._discover = discover
        self._discovered = discover is None
        self._digest: str | None = None

    def register(self, cls: type[Rule]) -> type[Rule]:
        """Add a rule class; a reused code, alias or name raises :class:`DuplicateRuleError`."""
        for code in (cls.code, *cls.aliases):
            if code in self._rules:
                other = self._rules[code]
                raise DuplicateRuleError(
                    f"rule code {code} of {cls.__qualname__} is already used by "
                    f"{other.__qualname__}"
                )
        if cls.name in self._names:
            raise DuplicateRuleError(
                f"rule name {cls.name} is already used by {self._names[cls.name]}"
            )
        self._rules[cls.code] = cls
        self._names[cls.name] = cls.code
        self._digest = None
        return cls

    def digest(self) -> str:
        """A hash of every rule's metadata and source file (cached until a rule is added)."""
        if self._digest is None:
            h = hashlib.sha256()
            for cls in self.classes():
                h.update(cls.meta().model_dump_json().encode())
                module_file = getattr(sys.modules.get(cls.__module__), "__file__", None)
                if module_file and Path(module_file).is_file():
                    h.update(Path(module_file).read_bytes())
                else:  # rules defined at run time (tests)
                    h.update(cls.__qualname__.encode())
            self._digest = h.hexdigest()
        return self._digest

    def _ensure_discovered(self) -> None:
        if self._discovered:
            return
        self._discovered = True
        package = importlib.import_module(self._discover or "")
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)

    def classes(self, kind: str | None = None) -> list[type[Rule]]:
        """Rule classes sorted by code; only those that apply to ``kind`` when given."""
        self._ensure_discovered()
        found = sorted(self._rules.values(), key=lambda cls: cls.code)
        if kind is not None:
            found = [cls for cls in found if kind in cls.applies_to]
        return found

    def all(self, kind: str | None = None) -> list[RuleMeta]:
        """Metadata of every rule, sorted by code."""
        return [cls.meta() for cls in self.classes(kind)]

    def get(self, code: str) -> type[Rule]:
        """The rule class with this code (or alias); ``KeyError`` when unknown."""
        self._ensure_discovered()
        if code in self._rules:
            return self._rules[code]
        for cls in self._rules.values():
            if code in cls.aliases:
                return cls
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        self._ensure_discovered()
        return code in self._rules

    def __len__(self) -> int:
        self._ensure_discovered()
        return len(self._rules)


#: The global registry of built-in rules.
registry = Registry(discover="rules.builtin")

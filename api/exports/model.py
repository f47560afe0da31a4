"""What every export format is built from: documents with their summaries and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from api.i18n import t


@dataclass
class ExportDoc:
    """One document row: where it came from, its summary and findings (or why it failed)."""

    path: str
    agency: str
    status: str  # ok | warning | error | failed
    summary: dict[str, Any] | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    record: dict[str, Any] | None = None
    rules_version: str | None = None
    error: str | None = None
    document_id: str | None = None
    checked_at: datetime | None = None

    @property
    def identity(self) -> dict[str, Any]:
        return (self.record or {}).get("identity") or {}

    @property
    def title(self) -> str:
        return self.identity.get("title") or ""

    @property
    def number(self) -> str:
        return self.identity.get("number") or ""

    def count(self, key: str) -> int | None:
        return None if self.summary is None else int(self.summary.get(key, 0))


@dataclass
class ExportSet:
    """A whole export: a title, the language, the documents, and where rule docs live."""

    title: str
    lang: str
    docs: list[ExportDoc]
    rules_url: str = ""  # base URL; a rule's page is rules_url + CODE
    generated: datetime = field(default_factory=lambda: datetime.now(UTC))
    audit: dict[str, Any] | None = None

    def t(self, key: str) -> str:
        return t(key, self.lang)

    def rule_url(self, code: str) -> str:
        return f"{self.rules_url}{code}" if self.rules_url else ""

    def status_label(self, status: str) -> str:
        if status in ("failed", "pending", "running"):
            return self.t(status)
        return self.t(f"status_{status}")

    def agencies(self) -> list[str]:
        return sorted({d.agency or "-" for d in self.docs}, key=str.casefold)

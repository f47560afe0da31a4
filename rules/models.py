"""What the rules produce: findings, reports and rule metadata (see shared/docs/contract.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from extractor.types import BBox

REPORT_SCHEMA_VERSION = "1"


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(StrEnum):
    """The six finding categories of the contract; each owns a code prefix."""

    STRUCTURE = "structure"
    LEGAL_BASIS = "legal_basis"
    ROLES = "roles"
    TIMING = "timing"
    CONSISTENCY = "consistency"
    EXTRACTION = "extraction"


#: Code prefix of each category (a code is prefix + three digits, e.g. ``LEG006``).
CATEGORY_PREFIX: dict[Category, str] = {
    Category.STRUCTURE: "STR",
    Category.LEGAL_BASIS: "LEG",
    Category.ROLES: "ROL",
    Category.TIMING: "TIM",
    Category.CONSISTENCY: "CON",
    Category.EXTRACTION: "EXT",
}


class Location(BaseModel):
    """Where a finding points: page and box when known, and a path into the record."""

    page: int | None = None
    bbox: BBox | None = None
    path: str | None = Field(default=None, description="e.g. 'steps[3]', 'legal_basis[0]'")


class Finding(BaseModel):
    """One problem found in a record."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(description="rule code, e.g. LEG006")
    category: Category
    severity: Severity
    message: str = Field(description="a sentence in the requested language")
    section: str | None = Field(default=None, description="record section, e.g. 'legal_basis'")
    step: int | None = Field(default=None, description="step number the finding is about")
    evidence: str | None = Field(default=None, description="the text quoted from the document")
    suggestion: str | None = Field(default=None, description="how to fix it")
    regulation: str | None = Field(default=None, description="what the rule rests on")
    doc_url: str | None = None
    location: Location = Field(default_factory=Location)
    data: dict[str, Any] = Field(
        default_factory=dict, description="machine-readable details (e.g. replacement regulation)"
    )


class Summary(BaseModel):
    """Counts per severity and the 0-100 score (see docs/rules/index.md, 'Score')."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0
    score: int = 100


class ReportSource(BaseModel):
    """The document the report is about."""

    filename: str
    sha256: str


class Report(BaseModel):
    """The compliance report of one record."""

    schema_version: str = REPORT_SCHEMA_VERSION
    source: ReportSource
    kind: str = "sop"
    record: dict[str, Any]
    summary: Summary
    findings: list[Finding]
    rules_version: str = Field(description="hash of rule catalogue, data files and profile")
    profile: str = "default"
    lang: str = "id"


class Text(BaseModel):
    """A text in Bahasa Indonesia and English."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` ('id' or 'en'), Indonesian when unknown."""
        return self.en if lang == "en" else self.id


class RuleMeta(BaseModel):
    """What the registry tells about one rule (served by `sopcheck rules` and the docs)."""

    code: str
    name: str
    category: Category
    severity: Severity
    title: Text
    rationale: Text
    regulation: str | None = None
    applies_to: tuple[str, ...] = ("sop",)
    aliases: tuple[str, ...] = ()
    doc_url: str
    internal: bool = False
    templates: dict[str, Text] = Field(default_factory=dict)

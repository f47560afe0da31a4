"""The structured records the extractor produces (see shared/docs/contract.md).

These shapes are the outward contract: fields may be added, never renamed or
removed without a new ``schema_version``. Every element that a finding may point
at carries a :class:`Provenance` (page, box, source) in an extra field.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor.types import BBox, SourceKind, Symbol

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where an element was read: 1-based page, box in points, and how it was read."""

    page: int | None = Field(default=None, description="1-based page number")
    bbox: BBox | None = Field(default=None, description="(x0, top, x1, bottom) in PDF points")
    source: SourceKind = Field(description="text_layer, ocr, docx or text")
    confidence: float | None = Field(default=None, description="OCR confidence 0-100, when OCR'd")


class Source(_Model):
    """The input file the record was read from."""

    filename: str
    sha256: str
    media_type: str
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: float | None = Field(default=None, description="mean word confidence 0-100")
    kind_detected: str | None = Field(
        default=None, description="pdf, scan, image, docx, html, text"
    )


class Person(_Model):
    """An official: position (jabatan), name and NIP (18 digits, no spaces)."""

    position: str | None = None
    name: str | None = None
    nip: str | None = None
    rank: str | None = Field(
        default=None, description="pangkat/golongan as written, e.g. 'Pembina / IV a'"
    )


class Signature(Person):
    """The signature block: place and date plus the signer."""

    place: str | None = None
    date: str | None = Field(default=None, description="ISO YYYY-MM-DD")
    prov: Provenance | None = None


class Identity(_Model):
    """Bagian Identitas of an SOP AP."""

    agency: str | None = None
    unit: str | None = None
    number: str | None = None
    title: str | None = None
    created: str | None = None
    revised: str | None = None
    effective: str | None = None
    approved_by: Person | None = None
    # Raw values as written, keyed by the field name above, for evidence and for
    # rules that must tell "absent" from "unparseable" (e.g. a garbled date).
    raw: dict[str, str] = Field(default_factory=dict)
    prov: dict[str, Provenance] = Field(default_factory=dict)


class Citation(_Model):
    """One regulation cited in Dasar Hukum."""

    text: str
    type: str | None = Field(default=None, description="full type name, aliases normalised")
    number: str | None = None
    year: int | None = None
    subject: str | None = None
    region: str | None = Field(default=None, description="issuing region for local regulations")
    amended_by: list[Citation] = Field(
        default_factory=list, description="'sebagaimana telah diubah dengan …' chain, in order"
    )
    prov: Provenance | None = None


class Duration(_Model):
    """A Mutu Baku time standard."""

    text: str
    minutes: float | None = Field(default=None, description="None when the text cannot be parsed")
    minutes_max: float | None = Field(default=None, description="upper bound of a range '1-2 hari'")
    unit: str | None = Field(default=None, description="menit, jam, hari, minggu, bulan, detik")
    working_days: bool = Field(default=False, description="'hari kerja' was written")


class Mark(_Model):
    """A flowchart symbol found in one role column of a step row."""

    role: str | None = Field(
        default=None, description="the role column's name; null when OCR could not read it"
    )
    symbol: Symbol | None = None
    prov: Provenance | None = None


class Step(_Model):
    """One row of the procedure (flowchart) table."""

    number: int
    activity: str
    actor: str | None = Field(default=None, description="one of roles, or None when not shown")
    symbol: Symbol | None = None
    requirements: list[str] = Field(default_factory=list)
    duration: Duration | None = None
    output: str | None = None
    notes: str | None = None
    next: list[int] = Field(default_factory=list, description="following steps; decision: yes, no")
    marks: list[Mark] = Field(
        default_factory=list, description="every symbol seen in the row, with its role column"
    )
    branch_labels: list[str] = Field(
        default_factory=list, description="'Ya'/'Tidak' labels seen in the row"
    )
    prov: Provenance | None = None


class SOPRecord(_Model):
    """A structured SOP AP (Permen PANRB 35/2012)."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    kind: Literal["sop"] = "sop"
    source: Source
    identity: Identity = Field(default_factory=Identity)
    legal_basis: list[Citation] = Field(default_factory=list)
    qualifications: list[str] = Field(default_factory=list)
    related_sops: list[str] = Field(default_factory=list)
    equipment: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    records: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    signature: Signature | None = None
    # Which of the six boxes / sections were found at all (absent vs empty).
    sections_found: list[str] = Field(default_factory=list)
    procedure_heading: str | None = Field(
        default=None, description="the heading printed above the flowchart table, if any"
    )
    procedure_columns: list[str] = Field(
        default_factory=list, description="header of the procedure table, left to right"
    )
    extraction_notes: list[str] = Field(
        default_factory=list, description="machine-readable notes: what could not be read"
    )


class Chapter(_Model):
    """A chapter of an LKIP report."""

    key: Literal[
        "ikhtisar_eksekutif",
        "pendahuluan",
        "perencanaan_kinerja",
        "akuntabilitas_kinerja",
        "penutup",
        "lampiran",
    ]
    title: str
    page: int | None = None
    page_end: int | None = None


class Indicator(_Model):
    """One row of an LKIP performance table."""

    objective: str | None = None
    indicator: str
    unit: str | None = None
    target: float | None = None
    actual: float | None = None
    achievement: float | None = None
    polarity: Literal["higher", "lower", "range"] | None = None
    target_max: float | None = None
    target_text: str | None = Field(
        default=None,
        description="the target as written when it is a word, not a figure ('WTP', 'BB'); "
        "None for numeric targets",
    )
    actual_text: str | None = Field(
        default=None, description="the realisation as written when it is a word ('WDP', 'B')"
    )
    prov: Provenance | None = None


class BudgetLine(_Model):
    """One row of an LKIP budget realisation table."""

    program: str
    ceiling: float | None = None
    realised: float | None = None
    percent: float | None = None
    level: int | None = Field(
        default=None,
        description="depth in a nested table: 1 for its top lines (programs), 2 beneath them "
        "(kegiatan), 3 (sub kegiatan); None in a flat table. A line's parent is the nearest "
        "line above it with a lower level",
    )
    code: str | None = Field(
        default=None,
        description="the number or code printed for a line of a nested table ('1.1', "
        "'1.02.02.2.01')",
    )
    prov: Provenance | None = None


class LKIPIdentity(_Model):
    """Identity of an LKIP report."""

    agency: str | None = None
    year: int | None = None
    title: str | None = None
    date: str | None = Field(
        default=None, description="ISO date the report was signed (foreword or closing)"
    )


class LKIPRecord(_Model):
    """A structured LKIP / LKjIP / LAKIP report (Permen PANRB 53/2014)."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    kind: Literal["lkip"] = "lkip"
    source: Source
    identity: LKIPIdentity = Field(default_factory=LKIPIdentity)
    legal_basis: list[Citation] = Field(default_factory=list)
    chapters: list[Chapter] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    budget: list[BudgetLine] = Field(default_factory=list)
    agreement_indicators: list[Indicator] = Field(
        default_factory=list, description="Perjanjian Kinerja attachment: indicators and targets"
    )
    analyses_found: list[str] = Field(default_factory=list)
    extraction_notes: list[str] = Field(default_factory=list)
    budget_total: BudgetLine | None = Field(
        default=None, description="the total row of the budget table, as stated"
    )
    sections_found: list[str] = Field(
        default_factory=list,
        description="Bab III sub-sections found: capaian_kinerja, realisasi_anggaran",
    )
    years: dict[str, int] = Field(
        default_factory=dict,
        description="reporting year as printed at: title, performance_table, budget_table, "
        "agreement",
    )


Record = SOPRecord | LKIPRecord

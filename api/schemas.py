"""API schemas: what the HTTP API returns (apart from the domain models)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="stable error code, e.g. corrupt_pdf, not_found")
    message: str = Field(description="in the requested language")


class ErrorOut(BaseModel):
    error: ErrorBody


class SummaryOut(BaseModel):
    errors: int
    warnings: int
    infos: int
    score: int


class DocumentOut(BaseModel):
    id: str
    filename: str
    agency: str
    sha256: str
    media_type: str
    size: int
    kind: str | None
    title: str | None
    created_at: datetime
    status: Literal["ok", "warning", "error"]
    summary: SummaryOut | None
    rules_version: str | None
    report_id: str | None


class DocumentList(BaseModel):
    items: list[DocumentOut]
    total: int
    page: int
    page_size: int


class ReportOut(BaseModel):
    """The compliance report (see contract.md) plus where it is stored."""

    schema_version: str = "1"
    id: str
    document_id: str
    source: dict[str, Any]
    kind: str
    record: dict[str, Any]
    summary: SummaryOut
    findings: list[dict[str, Any]]
    rules_version: str
    profile: str
    lang: str
    status: str
    created_at: datetime


class AuditItemOut(BaseModel):
    seq: int
    path: str
    agency: str
    status: Literal["pending", "running", "done", "failed"]
    document_id: str | None
    error_code: str | None
    error: str | None
    summary: SummaryOut | None


class AuditOut(BaseModel):
    id: str
    name: str
    status: Literal["queued", "running", "done"]
    total: int
    done: int
    failed: int
    progress: float = Field(description="0..1, finished items over total")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    items: list[AuditItemOut] | None = None


class RuleOut(BaseModel):
    code: str
    name: str
    category: str
    severity: str
    title: str
    rationale: str
    regulation: str | None
    applies_to: list[str]
    doc_url: str


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    rules_version: str | None
    rules: int

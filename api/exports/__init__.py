"""Exports of one document or a whole audit: XLSX, CSV, JSON and PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from api.db import AuditItem, Document, Report
from api.exports import csvx, jsonx, pdf, xlsx
from api.exports.model import ExportDoc, ExportSet
from api.services import doc_status

Format = Literal["xlsx", "csv", "json", "pdf"]

#: Renderer, media type and file extension of each format.
FORMATS: dict[str, tuple[Callable[[ExportSet], bytes], str]] = {
    "xlsx": (xlsx.render, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (csvx.render, "text/csv; charset=utf-8"),
    "json": (jsonx.render, "application/json"),
    "pdf": (pdf.render, "application/pdf"),
}


def export_doc(doc: Document, report: Report, lang: str, path: str | None = None) -> ExportDoc:
    by_lang = report.findings or {}
    return ExportDoc(
        path=path or doc.filename,
        agency=doc.agency,
        status=doc_status(report),
        summary=dict(report.summary),
        findings=list(by_lang.get(lang) or by_lang.get("id") or []),
        record=report.record,
        rules_version=report.rules_version,
        document_id=doc.id,
        checked_at=report.created_at,
    )


def export_item(
    item: AuditItem, doc: Document | None, report: Report | None, lang: str
) -> ExportDoc:
    if doc is not None and report is not None:
        out = export_doc(doc, report, lang, path=item.path)
        out.agency = item.agency or doc.agency
        return out
    error = (item.error or {}).get(lang) if item.error else None
    return ExportDoc(
        path=item.path,
        agency=item.agency,
        status=item.status if item.status in ("pending", "running") else "failed",
        error=error or "",
    )


def render(fmt: str, ex: ExportSet) -> tuple[bytes, str]:
    """The export's bytes and media type."""
    renderer, media = FORMATS[fmt]
    return renderer(ex), media

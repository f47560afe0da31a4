"""Database rows → API schemas."""

from __future__ import annotations

from api.db import Audit, AuditItem, Document, Report
from api.schemas import AuditItemOut, AuditOut, DocumentOut, ReportOut, SummaryOut
from api.services import doc_status


def summary_out(report: Report | None) -> SummaryOut | None:
    if report is None:
        return None
    return SummaryOut(
        errors=report.errors, warnings=report.warnings, infos=report.infos, score=report.score
    )


def document_out(doc: Document, report: Report | None) -> DocumentOut:
    return DocumentOut(
        id=doc.id,
        filename=doc.filename,
        agency=doc.agency,
        sha256=doc.sha256,
        media_type=doc.media_type,
        size=doc.size,
        kind=doc.kind,
        title=doc.title,
        created_at=doc.created_at,
        status=doc_status(report),  # type: ignore[arg-type]
        summary=summary_out(report),
        rules_version=report.rules_version if report else None,
        report_id=report.id if report else None,
    )


def findings_of(report: Report, lang: str) -> list[dict]:
    by_lang = report.findings or {}
    return list(by_lang.get(lang) or by_lang.get("id") or [])


def report_out(report: Report, doc: Document, lang: str) -> ReportOut:
    return ReportOut(
        id=report.id,
        document_id=doc.id,
        source={"filename": doc.filename, "sha256": doc.sha256, "media_type": doc.media_type},
        kind=report.kind,
        record=report.record,
        summary=summary_out(report),  # type: ignore[arg-type]
        findings=findings_of(report, lang),
        rules_version=report.rules_version,
        profile=report.profile,
        lang=lang,
        status=report.status,
        created_at=report.created_at,
    )


def audit_out(
    audit: Audit,
    rows: list[tuple[AuditItem, Document | None, Report | None]] | None = None,
    lang: str = "id",
) -> AuditOut:
    items = None
    if rows is not None:
        items = [
            AuditItemOut(
                seq=item.seq,
                path=item.path,
                agency=(doc.agency if doc else item.agency) or item.agency,
                status=item.status,  # type: ignore[arg-type]
                document_id=item.document_id,
                error_code=item.error_code,
                error=(item.error or {}).get(lang) if item.error else None,
                summary=summary_out(report),
            )
            for item, doc, report in rows
        ]
    finished = audit.done + audit.failed
    return AuditOut(
        id=audit.id,
        name=audit.name,
        status=audit.status,  # type: ignore[arg-type]
        total=audit.total,
        done=audit.done,
        failed=audit.failed,
        progress=round(finished / audit.total, 4) if audit.total else 1.0,
        created_at=audit.created_at,
        started_at=audit.started_at,
        finished_at=audit.finished_at,
        items=items,
    )

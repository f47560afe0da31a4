"""Exports of one document or a whole audit as XLSX, CSV, JSON or PDF."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import exports
from api.deps import LangDep, PrincipalDep, ServiceDep, SessionDep
from api.exports.model import ExportSet
from api.i18n import t
from api.routes.documents import ERRORS
from api.security import Role
from api.services import require

router = APIRouter(tags=["exports"])

#: Characters kept in a download's file name.
UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
EXPORT_RESPONSES = {
    **ERRORS,
    200: {
        "content": {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            "text/csv": {},
            "application/json": {},
            "application/pdf": {},
        },
        "description": "the export file",
    },
}
FormatQuery = Annotated[exports.Format, Query(alias="format", description="xlsx, csv, json or pdf")]


def _download(data: bytes, media: str, stem: str, fmt: str) -> Response:
    name = (UNSAFE_FILENAME.sub("-", stem).strip("-") or "sopcheck")[:80]
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def rules_base(request: Request) -> str:
    return str(request.url_for("rule_page", code="CODE")).removesuffix("CODE")


@router.get(
    "/documents/{document_id}/export",
    responses=EXPORT_RESPONSES,
    response_class=Response,
    summary="Export a document's report",
)
def export_document(
    document_id: str,
    request: Request,
    service: ServiceDep,
    session: SessionDep,
    principal: PrincipalDep,
    lang: LangDep,
    fmt: FormatQuery = "xlsx",
) -> Response:
    doc = service.visible_document(session, principal, document_id)
    report = service.latest_report(session, doc)
    ex = ExportSet(
        title=t("report_title", lang),
        lang=lang,
        docs=[exports.export_doc(doc, report, lang)],
        rules_url=rules_base(request),
    )
    data, media = exports.render(fmt, ex)
    return _download(data, media, f"sopcheck-{doc.filename.rsplit('.', 1)[0]}", fmt)


@router.get(
    "/audits/{audit_id}/export",
    responses=EXPORT_RESPONSES,
    response_class=Response,
    summary="Export an audit",
)
def export_audit(
    audit_id: str,
    request: Request,
    service: ServiceDep,
    session: SessionDep,
    principal: PrincipalDep,
    lang: LangDep,
    fmt: FormatQuery = "xlsx",
) -> Response:
    audit = service.visible_audit(session, principal, audit_id)
    require(principal, Role.REVIEWER, Role.INSPECTOR)
    rows = service.audit_rows(session, audit)
    ex = ExportSet(
        title=f"{t('audit_report_title', lang)} — {audit.name}".rstrip(" —"),
        lang=lang,
        docs=[exports.export_item(i, d, r, lang) for i, d, r in rows],
        rules_url=rules_base(request),
        audit={
            "id": audit.id,
            "name": audit.name,
            "status": audit.status,
            "total": audit.total,
            "done": audit.done,
            "failed": audit.failed,
        },
    )
    data, media = exports.render(fmt, ex)
    return _download(data, media, f"audit-{audit.name or audit.id}", fmt)

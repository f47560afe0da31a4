"""Documents: upload one for review, list and filter, read a report, re-check."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from starlette.concurrency import run_in_threadpool

from api.convert import document_out, report_out
from api.deps import LangDep, PrincipalDep, ServiceDep, SessionDep
from api.errors import ServiceError
from api.schemas import DocumentList, DocumentOut, ErrorOut, ReportOut
from api.services import ListFilter, Service

router = APIRouter(prefix="/documents", tags=["documents"])

ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
    413: {"model": ErrorOut},
    415: {"model": ErrorOut},
    422: {"model": ErrorOut},
}
CHUNK = 1024 * 1024


async def read_capped(upload: UploadFile, limit: int) -> bytes:
    """The upload's bytes, or 413 as soon as they pass ``limit``."""
    parts: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise ServiceError(
                413,
                "payload_too_large",
                detail=f"> {limit / CHUNK:.1f} MB",
                limit=f"{limit / CHUNK:.1f} MB",
            )
        parts.append(chunk)
    return b"".join(parts)


def _with_report(service: Service, doc_id: str, lang: str, principal: PrincipalDep) -> ReportOut:
    with service.db.session() as session:
        doc = service.visible_document(session, principal, doc_id)
        return report_out(service.latest_report(session, doc), doc, lang)


@router.post(
    "", status_code=status.HTTP_201_CREATED, responses=ERRORS, summary="Upload one document"
)
async def upload_document(
    service: ServiceDep,
    principal: PrincipalDep,
    lang: LangDep,
    file: Annotated[UploadFile, File(description="PDF, DOCX, image or text export of an SOP")],
    opd: Annotated[str | None, Form(max_length=300, description="the agency (reviewers)")] = None,
) -> ReportOut:
    """Read and check one document; returns its report. An ``opd`` key's agency is its own."""
    data = await read_capped(file, service.settings.max_upload_bytes)
    doc, _ = await service.upload(principal, data, file.filename or "dokumen", opd)
    return await run_in_threadpool(_with_report, service, doc.id, lang, principal)


@router.get("", responses=ERRORS, summary="List documents")
def list_documents(
    service: ServiceDep,
    session: SessionDep,
    principal: PrincipalDep,
    opd: Annotated[str | None, Query(max_length=300)] = None,
    doc_status: Annotated[Literal["ok", "warning", "error"] | None, Query(alias="status")] = None,
    rule: Annotated[str | None, Query(max_length=20, description="rule code, e.g. LEG002")] = None,
    severity: Annotated[Literal["error", "warning", "info"] | None, Query()] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="text in file name or title")
    ] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DocumentList:
    """Documents the key may see, newest first, filtered by OPD, status, rule and severity."""
    flt = ListFilter(opd, doc_status, rule, severity, q, page, page_size)
    rows, total = service.list_documents(session, principal, flt)
    return DocumentList(
        items=[document_out(d, r) for d, r in rows], total=total, page=page, page_size=page_size
    )


@router.get("/{document_id}", responses=ERRORS, summary="One document")
def get_document(
    document_id: str, service: ServiceDep, session: SessionDep, principal: PrincipalDep
) -> DocumentOut:
    doc = service.visible_document(session, principal, document_id)
    report = service.latest_report(session, doc)
    return document_out(doc, report)


@router.get("/{document_id}/report", responses=ERRORS, summary="A document's latest report")
def get_report(
    document_id: str, service: ServiceDep, principal: PrincipalDep, lang: LangDep
) -> ReportOut:
    return _with_report(service, document_id, lang, principal)


@router.post("/{document_id}/recheck", responses=ERRORS, summary="Check a stored document again")
async def recheck_document(
    document_id: str, service: ServiceDep, principal: PrincipalDep, lang: LangDep
) -> ReportOut:
    """Read the stored file again and check it with the current rules; a new report is kept
    beside the old ones (each with its ``rules_version``)."""
    doc, _ = await service.recheck(principal, document_id)
    return await run_in_threadpool(_with_report, service, doc.id, lang, principal)

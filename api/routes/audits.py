"""Batch audits: many files or a zip → a job with progress, processed in the background."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from api.convert import audit_out
from api.db import Audit
from api.deps import LangDep, PrincipalDep, ServiceDep, SessionDep
from api.errors import ServiceError
from api.routes.documents import ERRORS, read_capped
from api.schemas import AuditOut
from api.security import Role
from api.services import require

router = APIRouter(prefix="/audits", tags=["audits"])


@router.post("", status_code=status.HTTP_202_ACCEPTED, responses=ERRORS, summary="Start an audit")
async def create_audit(
    service: ServiceDep,
    principal: PrincipalDep,
    files: Annotated[
        list[UploadFile], File(description="documents, or a zip (sub-folders = OPDs)")
    ],
    name: Annotated[str, Form(max_length=300)] = "",
    opd: Annotated[
        str | None, Form(max_length=300, description="OPD of files not in a folder")
    ] = None,
) -> AuditOut:
    """Queue every file (zips opened safely); the job runs in the background and survives a
    restart. Reviewers only."""
    require(principal, Role.REVIEWER)
    budget = service.settings.max_audit_bytes
    received: list[tuple[str, bytes]] = []
    for upload in files:
        data = await read_capped(upload, budget)
        budget -= len(data)
        received.append((upload.filename or f"berkas-{len(received) + 1}", data))
    if not received:
        raise ServiceError(422, "missing_file")
    audit = await run_in_threadpool(service.create_audit, principal, received, name, opd)
    return audit_out(audit)


@router.get("", responses=ERRORS, summary="List audits")
def list_audits(
    session: SessionDep,
    principal: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditOut]:
    require(principal, Role.REVIEWER, Role.INSPECTOR)
    audits = session.scalars(select(Audit).order_by(Audit.created_at.desc()).limit(limit))
    return [audit_out(a) for a in audits]


@router.get("/{audit_id}", responses=ERRORS, summary="An audit's progress and items")
def get_audit(
    audit_id: str, service: ServiceDep, session: SessionDep, principal: PrincipalDep, lang: LangDep
) -> AuditOut:
    audit = service.visible_audit(session, principal, audit_id)
    return audit_out(audit, service.audit_rows(session, audit), lang)

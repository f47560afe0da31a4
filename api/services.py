"""Orchestration: uploads, reports, listings, audits and re-checks.

Routers stay thin and call these. Database work is synchronous (run in a thread by
the routers); reading documents is awaited on the worker pool. Every write is one
transaction: a failed upload or audit item leaves what is stored untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.config import Settings
from api.db import ApiKey, Audit, AuditItem, Database, Document, FindingRow, Report
from api.errors import ServiceError, not_found
from api.security import Principal, RateLimiter, Role, agency_key
from api.storage import FileStore
from api.worker import WorkerPool
from api.zipsafe import Limits, opd_of, read_zip
from extractor.detect import detect
from extractor.errors import ErrorItem

log = logging.getLogger(__name__)

#: Document status in listings, from its latest report.
DOC_STATUSES = ("ok", "warning", "error")
AUDIT_FINISHED = ("done",)


def _now() -> datetime:
    return datetime.now(UTC)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def require(principal: Principal, *roles: Role) -> None:
    """403 unless the principal has one of ``roles``."""
    if principal.role not in roles:
        raise ServiceError(403, "forbidden", detail=principal.role.value)


def doc_status(report: Report | None) -> str:
    if report is None:
        return "ok"
    if report.errors:
        return "error"
    return "warning" if report.warnings else "ok"


@dataclass
class ListFilter:
    """Filters of ``GET /documents``."""

    opd: str | None = None
    status: str | None = None
    rule: str | None = None
    severity: str | None = None
    q: str | None = None
    page: int = 1
    page_size: int = 50


@dataclass
class Analysis:
    """What a worker returned for one document (see ``api.worker.analyse``)."""

    raw: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.raw.get("ok"))

    @property
    def error(self) -> ErrorItem:
        return ErrorItem.model_validate(self.raw["error"])


@dataclass
class Service:
    """The service's state: settings, database, file store and worker pool."""

    settings: Settings
    db: Database
    store: FileStore
    pool: WorkerPool
    limiter: RateLimiter
    version: str = "0"
    audit_wakeup: asyncio.Event | None = None
    _bg: set[asyncio.Task[Any]] = field(default_factory=set)

    # -- the rule catalogue ----------------------------------------------------------------

    @cached_property
    def _rules_version(self) -> str:
        from rules.engine import rules_version
        from rules.profile import load_profile
        from rules.registry import registry

        return rules_version(registry, load_profile(self.settings.profile))

    def rules_version(self) -> str:
        """The current catalogue's version (reports made with another one can be re-checked)."""
        return self._rules_version

    def rule_count(self) -> int:
        from rules.registry import registry

        return len(registry)

    # -- checking -------------------------------------------------------------------------

    def precheck(self, data: bytes, filename: str) -> None:
        """Refuse before any reading: too large (413), empty (422), not a document type (415)."""
        if len(data) > self.settings.max_upload_bytes:
            raise ServiceError(
                413,
                "payload_too_large",
                detail=_mb(len(data)),
                limit=_mb(self.settings.max_upload_bytes),
            )
        if not data:
            raise ServiceError(422, "empty_file")
        detected = detect(data)
        if detected.kind is None:
            raise ServiceError(
                415, "unsupported_type", detail=detected.label or detected.media_type
            )

    async def analyse(self, data: bytes | str, filename: str) -> Analysis:
        return Analysis(await self.pool.run(data, filename, self.settings.profile))

    # -- uploads --------------------------------------------------------------------------

    async def upload(
        self, principal: Principal, data: bytes, filename: str, opd: str | None
    ) -> tuple[Document, Report]:
        """Check one uploaded document and keep it with its report."""
        require(principal, Role.OPD, Role.REVIEWER)
        filename = (filename or "dokumen").replace("\\", "/").rsplit("/", 1)[-1][:300] or "dokumen"
        self.precheck(data, filename)
        analysis = await self.analyse(data, filename)
        if not analysis.ok:
            raise ServiceError.from_item(analysis.error)
        agency = principal.agency if principal.role == Role.OPD else opd
        return await run_in_threadpool(
            self._keep, data, filename, agency, analysis, principal.key_id
        )

    def _keep(
        self, data: bytes, filename: str, agency: str | None, analysis: Analysis, by: str | None
    ) -> tuple[Document, Report]:
        sha, rel = self.store.put(data)
        with self.db.session() as session:
            return self.save(session, sha, rel, len(data), filename, agency, analysis, by)

    def save(
        self,
        session: Session,
        sha: str,
        rel: str,
        size: int,
        filename: str,
        agency: str | None,
        analysis: Analysis,
        by: str | None,
        *,
        force: bool = False,
    ) -> tuple[Document, Report]:
        """The document (reused when the same agency sent the same bytes) and a report.

        An existing document keeps its report when the rules version is unchanged,
        unless ``force`` (a re-check asked for) is set.
        """
        raw = analysis.raw
        record = raw["record"]
        agency = (agency or "").strip() or (record.get("identity") or {}).get("agency") or ""
        akey = agency_key(agency)
        doc = session.scalar(
            select(Document).where(Document.agency_key == akey, Document.sha256 == sha).limit(1)
        )
        if doc is None:
            doc = Document(
                sha256=sha,
                filename=filename,
                agency=agency,
                agency_key=akey,
                media_type=record.get("source", {}).get("media_type") or "application/octet-stream",
                size=size,
                stored_path=rel,
                uploaded_by=by,
            )
            session.add(doc)
            session.flush()
        else:
            latest = session.get(Report, doc.latest_report_id) if doc.latest_report_id else None
            if not force and latest is not None and latest.rules_version == raw["rules_version"]:
                return doc, latest
        doc.kind = raw["kind"]
        identity = record.get("identity") or {}
        doc.title = (identity.get("title") or "")[:500] or None
        report = self._report(doc, raw)
        session.add(report)
        session.flush()
        doc.latest_report_id = report.id
        return doc, report

    @staticmethod
    def _report(doc: Document, raw: dict[str, Any]) -> Report:
        summary = raw["summary"]
        report = Report(
            document_id=doc.id,
            rules_version=raw["rules_version"],
            profile=raw.get("profile") or "default",
            kind=raw["kind"],
            status=raw.get("status", "success"),
            errors=summary["errors"],
            warnings=summary["warnings"],
            infos=summary["infos"],
            score=summary["score"],
            summary=summary,
            findings=raw["findings"],
            record=raw["record"],
        )
        report.finding_rows = [
            FindingRow(
                rule=f["rule"], category=f["category"], severity=f["severity"], step=f.get("step")
            )
            for f in raw["findings"]["id"]
        ]
        return report

    # -- reading --------------------------------------------------------------------------

    def visible_document(self, session: Session, principal: Principal, doc_id: str) -> Document:
        """The document, or 404 when it does not exist or belongs to another agency."""
        doc = session.get(Document, doc_id)
        if doc is None or not principal.can_see(doc.agency_key):
            raise not_found("Dokumen")
        return doc

    def latest_report(self, session: Session, doc: Document) -> Report:
        report = session.get(Report, doc.latest_report_id) if doc.latest_report_id else None
        if report is None:
            raise not_found("Laporan")
        return report

    def list_documents(
        self, session: Session, principal: Principal, flt: ListFilter
    ) -> tuple[list[tuple[Document, Report | None]], int]:
        """A page of visible documents with their latest reports, newest first."""
        query = select(Document, Report).outerjoin(Report, Report.id == Document.latest_report_id)
        if principal.role == Role.OPD:
            query = query.where(Document.agency_key == principal.agency_key)
        if flt.opd:
            query = query.where(Document.agency_key == agency_key(flt.opd))
        if flt.status == "error":
            query = query.where(Report.errors > 0)
        elif flt.status == "warning":
            query = query.where(Report.errors == 0, Report.warnings > 0)
        elif flt.status == "ok":
            query = query.where(Report.errors == 0, Report.warnings == 0)
        if flt.rule or flt.severity:
            cond = [FindingRow.report_id == Document.latest_report_id]
            if flt.rule:
                cond.append(FindingRow.rule == flt.rule.upper())
            if flt.severity:
                cond.append(FindingRow.severity == flt.severity)
            query = query.where(exists(select(FindingRow.id).where(*cond)))
        if flt.q:
            like = f"%{flt.q.lower()}%"
            query = query.where(
                func.lower(Document.filename).like(like) | func.lower(Document.title).like(like)
            )
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.execute(
            query.order_by(Document.created_at.desc(), Document.id)
            .offset((flt.page - 1) * flt.page_size)
            .limit(flt.page_size)
        ).all()
        return [(d, r) for d, r in rows], total

    # -- re-checks ------------------------------------------------------------------------

    async def recheck(self, principal: Principal, doc_id: str) -> tuple[Document, Report]:
        """Read and check a stored document again (the rules or the reader changed)."""
        with self.db.session() as session:
            doc = self.visible_document(session, principal, doc_id)
            require(principal, Role.OPD, Role.REVIEWER)
            path = str(self.store.path(doc.stored_path))
            filename, agency = doc.filename, doc.agency
        analysis = await self.analyse(path, filename)
        if not analysis.ok:
            raise ServiceError.from_item(analysis.error)

        def _save() -> tuple[Document, Report]:
            with self.db.session() as session:
                fresh = session.get(Document, doc_id)
                assert fresh is not None
                return self.save(
                    session,
                    fresh.sha256,
                    fresh.stored_path,
                    fresh.size,
                    filename,
                    agency,
                    analysis,
                    None,
                    force=True,
                )

        return await run_in_threadpool(_save)

    # -- audits ---------------------------------------------------------------------------

    def expand(self, files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        """Uploaded files, with zips (not DOCX) opened safely into their members."""
        limits = Limits(
            max_members=self.settings.max_zip_members,
            max_total=self.settings.max_audit_bytes,
            max_member=self.settings.max_upload_bytes,
            max_ratio=self.settings.max_zip_ratio,
        )
        out: list[tuple[str, bytes]] = []
        for name, data in files:
            if data[:4] == b"PK\x03\x04" and detect(data).kind is None:
                prefix = name.rsplit(".", 1)[0] if len(files) > 1 else ""
                for member, content in read_zip(data, limits):
                    out.append((f"{prefix}/{member}" if prefix else member, content))
            else:
                out.append((name, data))
        return out

    def create_audit(
        self,
        principal: Principal,
        files: list[tuple[str, bytes]],
        name: str = "",
        opd: str | None = None,
    ) -> Audit:
        """Store the files and queue a job; sub-folders name the OPDs."""
        require(principal, Role.REVIEWER)
        members = [(path.replace("\\", "/").lstrip("/"), data) for path, data in self.expand(files)]
        members = [(p, d) for p, d in members if p and d is not None]
        if not members:
            raise ServiceError(422, "empty_audit")
        opds = opd_of([p for p, _ in members])
        with self.db.session() as session:
            audit = Audit(
                name=name[:300], status="queued", total=len(members), created_by=principal.key_id
            )
            session.add(audit)
            session.flush()
            for seq, (path, data) in enumerate(members):
                sha, rel = self.store.put(data)
                session.add(
                    AuditItem(
                        audit_id=audit.id,
                        seq=seq,
                        path=path[:1000],
                        agency=opds[path] or (opd or ""),
                        sha256=sha,
                        stored_path=rel,
                        size=len(data),
                    )
                )
        self.wake()
        return audit

    def visible_audit(self, session: Session, principal: Principal, audit_id: str) -> Audit:
        """Audits belong to reviewers and inspectors; an ``opd`` key gets 404."""
        audit = session.get(Audit, audit_id)
        if audit is None or principal.role == Role.OPD:
            raise not_found("Audit")
        return audit

    def wake(self) -> None:
        if self.audit_wakeup is not None:
            self.audit_wakeup.set()

    def resume(self) -> int:
        """At startup: items left running by a stopped process go back to the queue."""
        with self.db.session() as session:
            result = session.execute(
                update(AuditItem).where(AuditItem.status == "running").values(status="pending")
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def claim(self, limit: int) -> list[AuditItem]:
        """Take up to ``limit`` pending items (oldest audit first) and mark them running."""
        with self.db.session() as session:
            items = list(
                session.scalars(
                    select(AuditItem)
                    .join(Audit, Audit.id == AuditItem.audit_id)
                    .where(AuditItem.status == "pending")
                    .order_by(Audit.created_at, AuditItem.seq)
                    .limit(limit)
                )
            )
            for item in items:
                item.status = "running"
                item.attempts += 1
                audit = session.get(Audit, item.audit_id)
                if audit is not None and audit.status == "queued":
                    audit.status = "running"
                    audit.started_at = _now()
            return items

    async def process_item(self, item: AuditItem) -> None:
        """Read and check one audit item and record the outcome in one transaction."""
        path = str(self.store.path(item.stored_path))
        filename = item.path.rsplit("/", 1)[-1]
        try:
            data = await run_in_threadpool(self.store.read, item.stored_path)
            self.precheck(data, filename)
            analysis = await self.analyse(path, filename)
        except ServiceError as exc:
            analysis = Analysis(
                {
                    "ok": False,
                    "error": {
                        "code": exc.code,
                        "message_id": exc.messages["id"],
                        "message_en": exc.messages["en"],
                    },
                }
            )
        await run_in_threadpool(self._finish_item, item.id, analysis)

    def _finish_item(self, item_id: str, analysis: Analysis) -> None:
        with self.db.session() as session:
            item = session.get(AuditItem, item_id)
            if item is None or item.status == "done" or item.status == "failed":
                return
            if analysis.ok:
                doc, report = self.save(
                    session,
                    item.sha256,
                    item.stored_path,
                    item.size,
                    item.path.rsplit("/", 1)[-1],
                    item.agency,
                    analysis,
                    None,
                )
                item.document_id, item.report_id, item.status = doc.id, report.id, "done"
            else:
                err = analysis.error
                item.status, item.error_code = "failed", err.code
                item.error = {"id": err.message_id, "en": err.message_en}
            item.finished_at = _now()
            session.flush()
            self._count(session, item.audit_id)

    @staticmethod
    def _count(session: Session, audit_id: str) -> None:
        # the audit row is locked before its items are counted: two items finishing at
        # once on PostgreSQL each counted the other as still running and wrote done=1,
        # and the audit never finished (SQLite writes one at a time and has no FOR UPDATE)
        audit = session.scalars(
            select(Audit)
            .where(Audit.id == audit_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one_or_none()
        if audit is None:
            return
        counts = dict(
            session.execute(
                select(AuditItem.status, func.count())
                .where(AuditItem.audit_id == audit_id)
                .group_by(AuditItem.status)
            ).all()
        )
        audit.done = counts.get("done", 0)
        audit.failed = counts.get("failed", 0)
        if audit.done + audit.failed >= audit.total:
            audit.status = "done"
            audit.finished_at = _now()

    async def run_audits(self) -> None:
        """The background loop: claim pending items, read them on the pool, repeat."""
        assert self.audit_wakeup is not None
        batch = max(1, self.settings.workers * 2)
        while True:
            self.audit_wakeup.clear()  # before claiming: a wake-up after this is not lost
            items = await run_in_threadpool(self.claim, batch)
            if not items:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.audit_wakeup.wait(), 5.0)
                continue
            results = await asyncio.gather(
                *(self.process_item(item) for item in items), return_exceptions=True
            )
            for item, res in zip(items, results, strict=True):
                if isinstance(res, Exception):
                    log.error("audit item %s failed: %r", item.id, res)
                    await run_in_threadpool(self._release, item.id)

    def _release(self, item_id: str) -> None:
        """An item whose processing broke (not its document): retry, up to 3 attempts."""
        with self.db.session() as session:
            item = session.get(AuditItem, item_id)
            if item is None or item.status != "running":
                return
            if item.attempts < 3:
                item.status = "pending"
            else:
                item.status, item.error_code = "failed", "internal_error"
                self._count(session, item.audit_id)

    def audit_rows(
        self, session: Session, audit: Audit
    ) -> list[tuple[AuditItem, Document | None, Report | None]]:
        """Each item of an audit with its document and report (None when it failed)."""
        rows = session.execute(
            select(AuditItem, Document, Report)
            .outerjoin(Document, Document.id == AuditItem.document_id)
            .outerjoin(Report, Report.id == AuditItem.report_id)
            .where(AuditItem.audit_id == audit.id)
            .order_by(AuditItem.seq)
        ).all()
        return [(i, d, r) for i, d, r in rows]

    def keys(self, session: Session) -> list[ApiKey]:
        return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at)))

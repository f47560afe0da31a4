"""The web page: server-rendered (Jinja2, autoescaped), Bahasa Indonesia with an English switch."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from api import flowchart
from api.convert import findings_of
from api.db import Audit
from api.deps import SESSION_COOKIE, lookup_principal
from api.errors import ServiceError, request_lang
from api.i18n import Labels
from api.routes.documents import read_capped
from api.security import Principal, Role
from api.services import ListFilter, Service, doc_status
from rules.registry import registry

router = APIRouter(include_in_schema=False)

_env = Environment(
    loader=FileSystemLoader(str(resources.files("api") / "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
templates = Jinja2Templates(env=_env)

CATEGORY_ORDER = ("structure", "legal_basis", "roles", "timing", "consistency", "extraction")
SEVERITY_ORDER = ("error", "warning", "info")
#: Columns the audit dashboard can be sorted by.
DASHBOARD_SORTS = ("agency", "documents", "failed", "errors", "warnings", "score")
COOKIE_AGE = 8 * 3600


def _service(request: Request) -> Service:
    return request.app.state.service


def _principal(request: Request) -> Principal | None:
    """The signed-in key's principal; 429 past the key's rate limit, as on the API."""
    key = request.headers.get("x-api-key") or request.cookies.get(SESSION_COOKIE)
    principal = lookup_principal(_service(request), key)
    if principal is not None and not _service(request).limiter.allow(principal.key_id):
        raise ServiceError(429, "rate_limited")
    return principal


def _render(request: Request, name: str, http_status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = request_lang(request)
    ctx.setdefault("principal", None)
    return templates.TemplateResponse(
        request,
        name,
        {
            "L": Labels(lang),
            "lang": lang,
            "path": request.url.path,
            "next_url": _here(request),
            **ctx,
        },
        status_code=http_status,
    )


def _here(request: Request) -> str:
    url = request.url.path
    if request.url.query:
        url += "?" + request.url.query
    return url


def _error_page(
    request: Request, exc: ServiceError, principal: Principal | None = None
) -> HTMLResponse:
    """The error's message, in the page's language, with its HTTP status."""
    return _render(
        request,
        "error.html",
        exc.status,
        principal=principal,
        message=exc.message(request_lang(request)),
    )


def _to_signin(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/ui/signin?next={quote(_here(request))}", 303)


def _safe_next(next_url: str | None) -> str:
    """Only local paths: no open redirect."""
    if (
        next_url
        and next_url.startswith("/")
        and not next_url.startswith("//")
        and "\\" not in next_url
    ):
        return next_url
    return "/ui"


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/ui", 303)


@router.get("/ui/lang/{lang}")
def set_lang(lang: str, next: str | None = None) -> RedirectResponse:
    response = RedirectResponse(_safe_next(next), 303)
    response.set_cookie("lang", "en" if lang == "en" else "id", max_age=365 * 86400, samesite="lax")
    return response


@router.get("/ui/signin")
def signin_page(request: Request, next: str | None = None) -> HTMLResponse:
    return _render(
        request, "signin.html", demo_keys=request.app.state.demo_keys, next=_safe_next(next)
    )


@router.post("/ui/signin")
def signin(
    request: Request,
    key: Annotated[str, Form(max_length=200)],
    next: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    principal = lookup_principal(_service(request), key.strip())
    if principal is None:
        return _render(
            request,
            "signin.html",
            401,
            error=True,
            demo_keys=request.app.state.demo_keys,
            next=_safe_next(next),
        )
    response = RedirectResponse(_safe_next(next), 303)
    response.set_cookie(
        SESSION_COOKIE,
        key.strip(),
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.cookie_secure,
    )
    return response


@router.post("/ui/signout")
def signout() -> RedirectResponse:
    response = RedirectResponse("/ui/signin", 303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/ui")
def home(
    request: Request,
    opd: str | None = None,
    status: str | None = None,
    rule: str | None = None,
    severity: str | None = None,
    q: str | None = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_signin(request)
    service = _service(request)
    flt = ListFilter(
        opd=opd or None,
        status=status if status in ("ok", "warning", "error") else None,
        rule=rule or None,
        severity=severity if severity in SEVERITY_ORDER else None,
        q=q or None,
        page=page,
        page_size=50,
    )
    with service.db.session() as session:
        rows, total = service.list_documents(session, principal, flt)
        docs = [(d, r, doc_status(r)) for d, r in rows]
    return _render(
        request,
        "home.html",
        principal=principal,
        docs=docs,
        total=total,
        flt=flt,
        can_upload=principal.role in (Role.OPD, Role.REVIEWER),
        pages=(total + 49) // 50,
        error=request.query_params.get("error"),
    )


@router.post("/ui/upload")
async def upload_page(
    request: Request,
    file: Annotated[UploadFile, File()],
    opd: Annotated[str | None, Form(max_length=300)] = None,
) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_signin(request)
    service = _service(request)
    lang = request_lang(request)
    try:
        data = await read_capped(file, service.settings.max_upload_bytes)
        doc, _ = await service.upload(principal, data, file.filename or "dokumen", opd or None)
    except ServiceError as exc:
        with service.db.session() as session:
            rows, total = service.list_documents(session, principal, ListFilter())
            docs = [(d, r, doc_status(r)) for d, r in rows]
        return _render(
            request,
            "home.html",
            exc.status,
            principal=principal,
            docs=docs,
            total=total,
            flt=ListFilter(),
            can_upload=True,
            pages=1,
            upload_error=exc.message(lang),
        )
    return RedirectResponse(f"/ui/documents/{doc.id}", 303)


def _grouped(findings: list[dict[str, Any]]) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Findings by category (contract order), then severity (errors first)."""
    groups: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        groups[str(f.get("category"))][str(f.get("severity"))].append(f)
    order = [c for c in CATEGORY_ORDER if c in groups] + sorted(set(groups) - set(CATEGORY_ORDER))
    return [
        (cat, [(sev, groups[cat][sev]) for sev in SEVERITY_ORDER if sev in groups[cat]])
        for cat in order
    ]


@router.get("/ui/documents/{document_id}")
def document_page(request: Request, document_id: str) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_signin(request)
    service = _service(request)
    lang = request_lang(request)
    L = Labels(lang)
    try:
        with service.db.session() as session:
            doc = service.visible_document(session, principal, document_id)
            report = service.latest_report(session, doc)
            history = [(r.created_at, r.rules_version, r.score) for r in doc.reports]
    except ServiceError as exc:
        return _error_page(request, exc, principal)
    findings = findings_of(report, lang)
    chart = flowchart.layout(report.record, findings, L.yes, L.no) if report.kind == "sop" else None
    return _render(
        request,
        "document.html",
        principal=principal,
        doc=doc,
        report=report,
        findings=findings,
        groups=_grouped(findings),
        chart=chart,
        history=history,
        status=doc_status(report),
        current_rules=service.rules_version(),
        identity=report.record.get("identity") or {},
        can_recheck=principal.role in (Role.OPD, Role.REVIEWER),
    )


@router.post("/ui/documents/{document_id}/recheck")
async def recheck_page(request: Request, document_id: str) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_signin(request)
    try:
        await _service(request).recheck(principal, document_id)
    except ServiceError as exc:
        return _error_page(request, exc, principal)
    return RedirectResponse(f"/ui/documents/{document_id}", 303)


@router.get("/ui/audits")
def audits_page(request: Request) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_signin(request)
    if principal.role == Role.OPD:
        return _error_page(
            request, ServiceError(403, "forbidden", detail=principal.role.value), principal
        )
    with _service(request).db.session() as session:
        audits = list(session.scalars(select(Audit).order_by(Audit.created_at.desc()).limit(200)))
    return _render(
        request,
        "audits.html",
        principal=principal,
        audits=audits,
        can_create=principal.role == Role.REVIEWER,
    )


@router.post("/ui/audits")
async def create_audit_page(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    name: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_signin(request)
    service = _service(request)
    try:
        received = [
            (f.filename or "berkas", await read_capped(f, service.settings.max_audit_bytes))
            for f in files
        ]
        audit = await run_in_threadpool(service.create_audit, principal, received, name)
    except ServiceError as exc:
        return _error_page(request, exc, principal)
    return RedirectResponse(f"/ui/audits/{audit.id}", 303)


def dashboard(rows: list[tuple[Any, Any, Any]]) -> list[dict[str, Any]]:
    """One line per OPD: documents, failed, errors, warnings and the mean score."""
    per: dict[str, dict[str, Any]] = {}
    for item, doc, report in rows:
        agency = (item.agency or (doc.agency if doc else "")) or "-"
        line = per.setdefault(
            agency,
            {
                "agency": agency,
                "documents": 0,
                "failed": 0,
                "errors": 0,
                "warnings": 0,
                "scores": [],
            },
        )
        line["documents"] += 1
        if item.status == "failed":
            line["failed"] += 1
        if report is not None:
            line["errors"] += report.errors
            line["warnings"] += report.warnings
            line["scores"].append(report.score)
    for line in per.values():
        scores = line.pop("scores")
        line["score"] = round(sum(scores) / len(scores)) if scores else None
    return list(per.values())


@router.get("/ui/audits/{audit_id}")
def audit_page(
    request: Request, audit_id: str, sort: str = "score", order: str = "asc"
) -> Response:
    principal = _principal(request)
    if principal is None:
        return _to_signin(request)
    service = _service(request)
    try:
        with service.db.session() as session:
            audit = service.visible_audit(session, principal, audit_id)
            rows = service.audit_rows(session, audit)
    except ServiceError as exc:
        return _error_page(request, exc, principal)
    sort = sort if sort in DASHBOARD_SORTS else "score"
    lines = dashboard(rows)

    def key(line: dict[str, Any]) -> tuple[int, Any]:
        value = line[sort]
        return (value is None, value.casefold() if isinstance(value, str) else value)

    lines.sort(key=key, reverse=order == "desc")
    return _render(
        request,
        "audit.html",
        principal=principal,
        audit=audit,
        rows=rows,
        lines=lines,
        sort=sort,
        order=order,
        sorts=DASHBOARD_SORTS,
    )


@router.get("/ui/rules/{code}", name="rule_page")
def rule_page(request: Request, code: str) -> Response:
    try:
        meta = registry.get(code.upper()).meta()
    except KeyError:
        return _error_page(request, ServiceError(404, "not_found", detail=code))
    return _render(request, "rule.html", principal=_principal(request), meta=meta)


@router.get("/ui/rules")
def rules_page(request: Request) -> Response:
    metas = [m for m in registry.all() if not m.internal]
    return _render(request, "rules.html", principal=_principal(request), metas=metas)

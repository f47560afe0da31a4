"""A whole audit of a folder or a zip: inputs, incremental execution, the report.

:func:`collect` lists the documents (recursively; a zip is opened with
:func:`api.zipsafe.read_zip`) with their OPD: the first sub-folder (after a folder
common to all is dropped), else the agency the document names. :func:`run_audit` sends
every document not already in the state store to an executor, stores each result as
it arrives, and builds one :class:`~api.exports.model.ExportDoc` per input file, named
by its path, in input order. :func:`write_report` renders it as XLSX, CSV, JSON, PDF
(``api.exports``) or HTML (``api.engine.html``).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from api.engine.executors import Executor, make_executor, run_all
from api.engine.state import StateStore, default_state_dir
from api.engine.task import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, failure
from api.errors import ServiceError
from api.exports.model import ExportDoc, ExportSet
from api.zipsafe import SKIPPED_PARTS, Limits, opd_of, read_zip

OUTPUT_FORMATS = ("xlsx", "csv", "json", "pdf", "html")
ZIP_MAGIC = b"PK\x03\x04"


@cache
def _labels() -> dict[str, dict[str, str]]:
    text = resources.files("api.engine").joinpath("labels.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def label(key: str, lang: str = "id") -> str:
    entry = _labels().get(key) or {}
    return entry.get(lang) or entry.get("id") or key


# -- inputs ----------------------------------------------------------------------------


@dataclass
class InputFile:
    """One document of the audit: its row name, folder OPD and content hash."""

    path: str
    sha256: str
    size: int
    folder_opd: str = ""
    file: Path | None = None
    data: bytes | None = None

    def payload(self) -> bytes | str:
        """What the task carries: the bytes of a zip member, else the file's path."""
        return self.data if self.data is not None else str(self.file)


def _sha256_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_PARTS


def _zip_limits() -> Limits:
    from api.config import Settings

    s = Settings()
    return Limits(
        max_members=s.max_zip_members,
        max_total=s.max_audit_bytes,
        max_member=s.max_upload_bytes,
        max_ratio=s.max_zip_ratio,
    )


def _walk(root: Path, exclude: set[Path]) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not _skipped(d) and (here / d).resolve() not in exclude)
        for name in sorted(names):
            path = here / name
            if _skipped(name) or path.is_symlink() or not path.is_file():
                continue
            if path.resolve() in exclude:
                continue
            found.append((path.relative_to(root).as_posix(), path))
    return found


def collect(source: Path, exclude: tuple[Path, ...] = ()) -> list[InputFile]:
    """The documents of a folder (recursive) or a zip, in path order.

    Raises :class:`~api.errors.ServiceError` for a missing source, an unsafe or corrupt
    zip, or nothing to check.
    """
    if not source.exists():
        raise ServiceError(422, "file_not_found", detail=str(source))
    files: list[InputFile] = []
    if source.is_dir():
        skip = {p.resolve() for p in exclude}
        for rel, path in _walk(source, skip):
            sha, size = _sha256_file(path)
            files.append(InputFile(rel, sha, size, file=path))
    else:
        limits = _zip_limits()
        if source.stat().st_size > limits.max_total:
            raise ServiceError(422, "unsafe_zip", detail=f"{source.stat().st_size} bytes")
        data = source.read_bytes()
        if not data.startswith(ZIP_MAGIC):
            raise ServiceError(422, "corrupt_zip")
        for rel, content in read_zip(data, limits):
            sha = hashlib.sha256(content).hexdigest()
            files.append(InputFile(rel, sha, len(content), data=content))
    if not files:
        raise ServiceError(422, "empty_audit")
    opds = opd_of([f.path for f in files])
    for f in files:
        f.folder_opd = opds[f.path]
    return files


# -- running ---------------------------------------------------------------------------


class Progress(Protocol):
    """What the engine reports while it runs (the CLI draws a progress bar from it)."""

    def start(self, total: int, done: int, pending: int, workers: int, kind: str) -> None: ...

    def advance(self, documents: int, pages: int) -> None: ...

    def finish(self) -> None: ...


class NoProgress:
    def start(self, total: int, done: int, pending: int, workers: int, kind: str) -> None:
        pass

    def advance(self, documents: int, pages: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class AuditOptions:
    workers: int | None = None
    scheduler: str | None = None
    profile: str | None = None
    lang: str = "id"
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    state_dir: Path | None = None


@dataclass
class AuditStats:
    """Figures of one run (``processed`` counts documents read now, not from the state)."""

    total: int = 0
    processed: int = 0
    from_state: int = 0
    failed: int = 0
    pages: int = 0
    seconds: float = 0.0
    workers: int = 0
    executor: str = ""
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def docs_per_minute(self) -> float:
        return self.processed / self.seconds * 60 if self.seconds else 0.0

    @property
    def pages_per_minute(self) -> float:
        return self.pages / self.seconds * 60 if self.seconds else 0.0


@dataclass
class AuditOutcome:
    export: ExportSet
    stats: AuditStats

    @property
    def docs(self) -> list[ExportDoc]:
        return self.export.docs

    @property
    def exit_code(self) -> int:
        """1 when any document has an error finding or could not be read, else 0."""
        return int(any(d.status in ("error", "failed") for d in self.docs))


def rules_version_of(profile: str | None) -> str:
    from rules.engine import rules_version
    from rules.profile import load_profile
    from rules.registry import registry

    return rules_version(registry, load_profile(profile))


def result_pages(result: dict[str, Any]) -> int:
    """Pages of a read document (a text export counts as one; a failure as none)."""
    if not result.get("ok"):
        return 0
    return int(((result.get("record") or {}).get("source") or {}).get("pages") or 1)


def run_audit(
    source: Path,
    out: Path,
    opts: AuditOptions,
    *,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> AuditOutcome:
    """Audit ``source`` incrementally; the report is returned, not written."""
    progress = progress or NoProgress()
    state_dir = opts.state_dir or default_state_dir(out)
    files = collect(source, exclude=(out, state_dir))
    store = StateStore(state_dir, rules_version_of(opts.profile), opts.profile)
    stats = AuditStats(total=len(files))
    try:
        known = store.known()
        rows_of: dict[str, int] = {}
        todo: dict[str, InputFile] = {}
        for f in files:
            rows_of[f.sha256] = rows_of.get(f.sha256, 0) + 1
            if f.sha256 not in known:
                todo.setdefault(f.sha256, f)
        waiting = sum(rows_of[s] for s in todo)
        stats.from_state = len(files) - waiting
        transient: dict[str, dict[str, Any]] = {}
        if todo:
            own = executor is None
            executor = executor or make_executor(opts.workers, opts.scheduler)
            stats.workers, stats.executor = executor.workers, executor.kind
            progress.start(len(files), stats.from_state, len(todo), executor.workers, executor.kind)
            tasks = (
                {
                    "key": sha,
                    "filename": f.path.rsplit("/", 1)[-1],
                    "data": f.payload(),
                    "profile": opts.profile,
                    "timeout": opts.timeout,
                    "memory_mb": opts.memory_mb,
                }
                for sha, f in todo.items()
            )
            start = time.perf_counter()
            try:
                for task, result in run_all(executor, tasks):
                    sha = task["key"]
                    if not store.put(sha, result):
                        transient[sha] = result
                    pages = result_pages(result)
                    stats.processed += 1
                    stats.pages += pages
                    worker = str(result.get("worker") or "?")
                    rss = float(result.get("peak_rss_mb") or 0.0)
                    stats.peak_rss_mb[worker] = max(stats.peak_rss_mb.get(worker, 0.0), rss)
                    progress.advance(rows_of[sha], pages)
            finally:
                stats.seconds = time.perf_counter() - start
                progress.finish()
                if own:
                    executor.close()
        docs = [
            export_row(f, transient.get(f.sha256) or store.get(f.sha256), opts.lang) for f in files
        ]
    finally:
        store.close()
    stats.failed = sum(d.status == "failed" for d in docs)
    export = ExportSet(
        title=f"{label('audit_of', opts.lang)}: {source.name}",
        lang=opts.lang,
        docs=docs,
        audit={
            "source": source.name,
            "total": stats.total,
            "failed": stats.failed,
            "rules_version": store.rules_version,
            "profile": store.profile,
        },
    )
    return AuditOutcome(export, stats)


def export_row(f: InputFile, result: dict[str, Any] | None, lang: str) -> ExportDoc:
    """One output row: the document's report, or its failure in both languages."""
    result = result or failure("internal_error", "no result")
    if not result.get("ok"):
        err = result.get("error") or {}
        first, second = (
            ("message_en", "message_id") if lang == "en" else ("message_id", "message_en")
        )
        text = " / ".join(t for t in (err.get(first), err.get(second)) if t)
        return ExportDoc(path=f.path, agency=f.folder_opd or "-", status="failed", error=text)
    summary = result["summary"]
    record = result.get("record") or {}
    agency = f.folder_opd or (record.get("identity") or {}).get("agency") or "-"
    status = "error" if summary["errors"] else "warning" if summary["warnings"] else "ok"
    findings = result.get("findings") or {}
    return ExportDoc(
        path=f.path,
        agency=agency,
        status=status,
        summary=summary,
        findings=list(findings.get(lang) or findings.get("id") or []),
        record=record,
        rules_version=result.get("rules_version"),
    )


# -- the report ------------------------------------------------------------------------


def opd_summary(docs: list[ExportDoc]) -> list[dict[str, Any]]:
    """Per OPD: documents, failed, error and warning findings, mean score of read ones."""
    rows = []
    for agency in sorted({d.agency or "-" for d in docs}, key=str.casefold):
        mine = [d for d in docs if (d.agency or "-") == agency]
        read = [d for d in mine if d.summary is not None]
        rows.append(
            {
                "opd": agency,
                "documents": len(mine),
                "failed": len(mine) - len(read),
                "errors": sum(d.count("errors") or 0 for d in read),
                "warnings": sum(d.count("warnings") or 0 for d in read),
                "score": round(sum(d.count("score") or 0 for d in read) / len(read))
                if read
                else None,
            }
        )
    return rows


def write_report(export: ExportSet, out: Path) -> None:
    """Render by the output's extension and replace the file atomically."""
    fmt = out.suffix.lower().lstrip(".")
    renderer: Callable[[ExportSet], bytes]
    if fmt == "html":
        from api.engine.html import render as renderer
    else:
        from api.exports import FORMATS

        renderer = FORMATS[fmt][0]
    data = renderer(export)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)

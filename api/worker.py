"""Reading and checking documents off the event loop, on the shared job engine.

:func:`analyse` is the work itself (extract + check one document); it runs inside a
sandbox process of :mod:`api.engine` with an address-space limit and a per-document
timeout. :class:`WorkerPool` is the service's asynchronous face of that engine: the
same task function as ``sopcheck audit``, on the local pool by default or on a Dask
cluster when ``SOPCHECK_SCHEDULER`` is set. A document that hangs fails with
``timeout``; one that kills its sandbox is tried once more on a fresh sandbox, then
fails with ``worker_crashed``; either way only that document fails.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LANGS = ("id", "en")


def warm() -> None:
    """Read a small sample once so the first real document does not pay for loading the
    NLP pipeline and the rule catalogues."""
    try:
        from importlib import resources

        sample = resources.files("api.data").joinpath("warmup.txt").read_bytes()
        analyse(sample, "warmup.txt")
    except Exception:  # warming is an optimisation; a failure shows on the first document
        log.warning("worker warm-up failed", exc_info=True)


def analyse(data: bytes | str, filename: str, profile: str | None = None) -> dict[str, Any]:
    """Extract and check one document (bytes or a path); a plain dict crosses the process line.

    Returns ``{"ok": False, "error": ErrorItem-dict}`` for unusable input, else the record
    and the report's summary and findings in both languages.
    """
    from extractor import extract
    from extractor.errors import InputError

    try:
        payload = Path(data).read_bytes() if isinstance(data, str) else data
    except OSError as exc:
        return {
            "ok": False,
            "error": InputError("file_not_found", exc.strerror).item().model_dump(),
        }
    try:
        result = extract(payload, filename=filename)
    except MemoryError:
        return {"ok": False, "error": InputError("out_of_memory").item().model_dump()}
    if result.record is None:
        error = result.errors[0] if result.errors else InputError("internal_error", "?").item()
        return {"ok": False, "error": error.model_dump(), "media_type": result.source.media_type}
    return {"ok": True, "status": result.status, **check_record(result.record, profile)}


def check_record(record: Any, profile: str | None = None) -> dict[str, Any]:
    """Run the rules in both languages over a record (model or dict)."""
    from rules import check

    reports = {lang: check(record, profile, lang) for lang in LANGS}
    first = reports["id"]
    return {
        "kind": first.kind,
        "record": first.record,
        "summary": first.summary.model_dump(),
        "findings": {
            lang: [f.model_dump(mode="json") for f in rep.findings] for lang, rep in reports.items()
        },
        "rules_version": first.rules_version,
        "profile": first.profile,
    }


def error_result(code: str, detail: Any = "") -> dict[str, Any]:
    from extractor.errors import InputError

    return {"ok": False, "error": InputError(code, detail).item().model_dump()}


class WorkerPool:
    """The service's pool: documents run as engine tasks (see :mod:`api.engine`)."""

    def __init__(
        self, workers: int, timeout: float, memory_mb: int, scheduler: str | None = None
    ) -> None:
        self.workers = workers
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.scheduler = scheduler
        self._executor: Any = None

    def _current(self) -> Any:
        if self._executor is None:
            from api.engine.executors import make_executor

            self._executor = make_executor(self.workers, self.scheduler)
        return self._executor

    async def run(
        self, data: bytes | str, filename: str, profile: str | None = None
    ) -> dict[str, Any]:
        """Analyse one document (bytes or a path); failures come back as ``{"ok": False, …}``.

        The timeout runs inside the task, from the moment the document reaches its
        sandbox, so it measures reading time, not time spent queueing.
        """
        task = {
            "key": filename,
            "filename": filename,
            "data": data,
            "profile": profile,
            "timeout": self.timeout,
            "memory_mb": self.memory_mb,
        }
        return await asyncio.wrap_future(self._current().submit(task))

    def warm(self) -> None:
        """Start (and warm) every worker now rather than on the first documents."""
        self._current().warm(self.memory_mb)

    def close(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.close()

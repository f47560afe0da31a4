"""Reading and checking documents in worker processes, off the event loop.

Each document runs in a :class:`concurrent.futures.ProcessPoolExecutor` worker
with an address-space limit and a per-document timeout. A document that hangs
is failed with ``timeout`` and the pool is replaced (its processes are killed);
a worker that dies (segfault, out of memory) fails the document that was running
after one retry on a fresh pool, and the documents that shared the broken pool
are retried, so one bad file fails only itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LANGS = ("id", "en")
#: Attempts for a document whose worker died (the second one on a fresh pool).
MAX_ATTEMPTS = 2


def _init_worker(memory_mb: int) -> None:
    """Runs once in each worker: cap its memory so a bomb fails only its document."""
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: run without the cap
        pass
    # Read a small sample once so the first real document does not pay for loading the
    # NLP pipeline and the rule catalogues.
    try:
        from importlib import resources

        sample = resources.files("api.data").joinpath("warmup.txt").read_bytes()
        analyse(sample, "warmup.txt")
    except Exception:  # warming is an optimisation; a failure shows on the first document
        log.warning("worker warm-up failed", exc_info=True)


def _noop() -> None:
    """A task that makes the pool start a worker."""


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
    """A process pool that survives hung and crashing documents."""

    def __init__(self, workers: int, timeout: float, memory_mb: int) -> None:
        self.workers = workers
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._generation = 0
        self._slots: asyncio.Semaphore | None = None

    def _context(self) -> multiprocessing.context.BaseContext:
        # forkserver: workers start from a clean, single-threaded server, not from the
        # threaded web process; spawn elsewhere.
        method = (
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        return multiprocessing.get_context(method)

    def _current(self) -> tuple[ProcessPoolExecutor, int]:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=self._context(),
                    initializer=_init_worker,
                    initargs=(self.memory_mb,),
                )
                self._generation += 1
            return self._pool, self._generation

    def _replace(self, generation: int) -> None:
        """Kill the pool of ``generation`` (once) so a fresh one starts on next use."""
        with self._lock:
            if self._pool is None or generation != self._generation:
                return
            pool, self._pool = self._pool, None
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for proc in processes:
            with contextlib.suppress(OSError, AttributeError):
                proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def run(
        self, data: bytes | str, filename: str, profile: str | None = None
    ) -> dict[str, Any]:
        """Analyse one document in a worker; failures come back as ``{"ok": False, …}``.

        At most ``workers`` documents are submitted at once, so the timeout measures
        reading time, not time spent queueing behind other uploads.
        """
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        async with self._slots:
            return await self._run(data, filename, profile)

    async def _run(self, data: bytes | str, filename: str, profile: str | None) -> dict[str, Any]:
        for _attempt in range(MAX_ATTEMPTS):
            pool, generation = self._current()
            try:
                future = pool.submit(analyse, data, filename, profile)
            except (BrokenProcessPool, RuntimeError):
                self._replace(generation)
                continue
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
            except TimeoutError:
                log.warning("document %s timed out after %.0f s", filename, self.timeout)
                self._replace(generation)
                return error_result("timeout", f"{self.timeout:.0f}")
            except BrokenProcessPool:
                log.warning("worker died while reading %s (pid %s)", filename, os.getpid())
                self._replace(generation)
        from api.errors import bilingual

        text = bilingual("worker_crashed")
        return {
            "ok": False,
            "error": {"code": "worker_crashed", "message_id": text["id"], "message_en": text["en"]},
        }

    def warm(self) -> None:
        """Start (and warm) every worker now rather than on the first documents."""
        pool, _ = self._current()
        for _ in range(self.workers):
            pool.submit(_noop)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

"""Where tasks run: the local pool (default) or a Dask distributed cluster.

Both executors run :func:`api.engine.task.run_document` and return
:class:`concurrent.futures.Future` objects whose result is always a result dict: a
task lost on the cluster (its worker died, the scheduler cancelled it) becomes a
``worker_crashed`` row, never an exception.

* :class:`LocalExecutor` - ``workers`` threads, each feeding its own sandbox process,
  so ``workers`` documents are read at once on this machine's cores.
* :class:`DaskExecutor` - ``distributed.Client(address)``; each Dask worker thread
  feeds its own sandbox on the worker's machine. Run workers with one thread each
  (``dask worker tcp://… --nthreads 1 --nworkers N``); documents travel as bytes, so
  workers need no shared file system.

:func:`make_executor` picks one: ``scheduler`` argument, else ``SOPCHECK_SCHEDULER``,
else local with ``workers`` (default: the number of cores).
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any, Protocol

from api.engine import task as task_mod

log = logging.getLogger(__name__)

SCHEDULER_ENV = "SOPCHECK_SCHEDULER"
#: Seconds to wait for warm-up of every worker in :meth:`LocalExecutor.warm`.
WARM_TIMEOUT = 600.0
_ids = itertools.count(1)


class Executor(Protocol):
    """What the engine needs from a place to run tasks."""

    workers: int
    kind: str

    def submit(self, task: dict[str, Any]) -> Future[dict[str, Any]]: ...

    def warm(self, memory_mb: int, wait: bool = False) -> None: ...

    def close(self) -> None: ...


class LocalExecutor:
    """``workers`` threads, each with its own sandbox process (see :mod:`api.engine.task`)."""

    kind = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.id = next(_ids)
        self._pool = ThreadPoolExecutor(
            self.workers,
            thread_name_prefix=f"sopcheck-doc-{self.id}",
            initializer=task_mod.bind_slot,
            initargs=(self.id,),
        )

    def submit(self, task: dict[str, Any]) -> Future[dict[str, Any]]:
        return self._pool.submit(task_mod.run_document, task)

    def warm(self, memory_mb: int = task_mod.DEFAULT_MEMORY_MB, wait: bool = False) -> None:
        """Start every worker's sandbox now (in parallel) rather than on the first documents;
        ``wait`` blocks until all are ready."""
        barrier = threading.Barrier(self.workers, timeout=WARM_TIMEOUT)

        def _one() -> None:
            task_mod.warm_sandbox(memory_mb)
            barrier.wait()  # hold this thread so every thread gets one warm-up

        futures = [self._pool.submit(_one) for _ in range(self.workers)]
        if wait:
            for fut in futures:
                fut.result()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        task_mod.close_sandboxes(self.id)


def _lost(exc: BaseException) -> dict[str, Any]:
    log.warning("task lost on the cluster: %r", exc)
    return task_mod.failure("worker_crashed")


class DaskExecutor:
    """The same task function on a Dask distributed cluster."""

    kind = "dask"

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.address = address
        self.client = Client(address, set_as_default=False)
        self.workers = max(1, sum(self.client.nthreads().values()))
        self._live: dict[str, Any] = {}  # a released Dask future cancels its task
        self._lock = threading.Lock()

    def submit(self, task: dict[str, Any]) -> Future[dict[str, Any]]:
        if isinstance(task.get("data"), str):  # workers may not see our files: send bytes
            task = {**task, "data": Path(task["data"]).read_bytes()}
        out: Future[dict[str, Any]] = Future()
        remote = self.client.submit(task_mod.run_document, task, pure=False)
        with self._lock:
            self._live[remote.key] = remote

        def _done(fut: Any) -> None:
            with self._lock:
                self._live.pop(fut.key, None)
            try:
                out.set_result(fut.result())
            except BaseException as exc:  # KilledWorker, CancelledError, lost connection
                out.set_result(_lost(exc))

        remote.add_done_callback(_done)
        return out

    def warm(self, memory_mb: int = task_mod.DEFAULT_MEMORY_MB, wait: bool = True) -> None:
        """Start the sandbox of every worker (one call per worker; always waits)."""
        workers = list(self.client.nthreads())
        futures = [
            self.client.submit(task_mod.warm_sandbox, memory_mb, pure=False, workers=[w])
            for w in workers
        ]
        self.client.gather(futures, errors="skip")

    def close(self) -> None:
        with self._lock:
            live = list(self._live.values())
            self._live.clear()
        if live:
            self.client.cancel(live)
        self.client.close()


def make_executor(workers: int | None = None, scheduler: str | None = None) -> Executor:
    """A Dask executor when a scheduler address is given (or in ``SOPCHECK_SCHEDULER``),
    else the local pool."""
    address = scheduler or os.environ.get(SCHEDULER_ENV) or ""
    if address.strip():
        return DaskExecutor(address.strip())
    return LocalExecutor(workers)


def run_all(
    executor: Executor, tasks: Iterable[dict[str, Any]], window: int | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Run tasks with at most ``window`` in flight (default twice the workers), yielding
    ``(task, result)`` as each finishes. Tasks are pulled lazily, so a generator that
    reads files keeps only the documents in flight in memory."""
    window = window or executor.workers * 2
    source = iter(tasks)
    pending: dict[Future[dict[str, Any]], dict[str, Any]] = {}

    def fill() -> None:
        while len(pending) < window:
            nxt = next(source, None)
            if nxt is None:
                return
            pending[executor.submit(nxt)] = nxt

    fill()
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for fut in done:
            yield pending.pop(fut), fut.result()
        fill()

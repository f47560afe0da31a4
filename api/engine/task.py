"""The task function: one document, extracted and checked in an isolated sandbox.

:func:`run_document` is what every executor runs (local threads or Dask workers). Each
executing thread owns one :class:`~api.engine.sandbox.Sandbox`; a document that hangs
fails with ``timeout`` and one that kills its sandbox (segfault, kernel OOM killer) is
tried once more on a fresh sandbox, then fails with ``worker_crashed``. Either way only
that document's row fails. A task is a plain dict so it pickles to any worker::

    {"key": str, "filename": str, "data": bytes | str (a path),
     "profile": str | None, "timeout": float, "memory_mb": int}

The result is :func:`api.worker.analyse`'s dict plus ``key``, ``seconds`` (reading
time), ``peak_rss_mb`` (the sandbox's peak resident memory) and ``worker``.
"""

from __future__ import annotations

import atexit
import logging
import socket
import threading
from dataclasses import dataclass
from typing import Any

from api.engine.sandbox import Sandbox, SandboxDied, SandboxError, SandboxTimeout

log = logging.getLogger(__name__)

#: Attempts for a document whose sandbox died (the second one on a fresh sandbox).
MAX_ATTEMPTS = 2
DEFAULT_TIMEOUT = 600.0  # per document; long scans need minutes of OCR
DEFAULT_MEMORY_MB = 2048
#: Error codes that say nothing lasting about the document: never cached, retried next run.
TRANSIENT_ERRORS = frozenset({"timeout", "worker_crashed", "out_of_memory", "internal_error"})


@dataclass(eq=False)
class Slot:
    """The sandbox of one executing thread; ``owner`` identifies a local executor."""

    owner: int | None = None
    box: Sandbox | None = None
    retired: bool = False


_local = threading.local()
_slots: list[Slot] = []
_slots_lock = threading.Lock()


def bind_slot(owner: int | None) -> Slot:
    """Give the calling thread its slot (executors call this when a thread starts)."""
    slot = Slot(owner=owner)
    _local.slot = slot
    with _slots_lock:
        _slots.append(slot)
    return slot


def _slot() -> Slot:
    slot = getattr(_local, "slot", None)
    return slot if slot is not None else bind_slot(None)


def _discard(slot: Slot) -> None:
    if slot.box is not None:
        slot.box.kill()
        slot.box = None


def sandbox_for(memory_mb: int) -> Sandbox:
    """This thread's sandbox, started (and warmed) when missing, dead or differently capped."""
    slot = _slot()
    if slot.retired:
        raise SandboxDied("executor closed")
    box = slot.box
    if box is not None and (not box.alive or box.memory_mb != memory_mb):
        _discard(slot)
        box = None
    if box is None:
        box = slot.box = Sandbox(memory_mb)
    return box


def close_sandboxes(owner: int | None = None) -> None:
    """Kill the sandboxes of one executor (``owner``) or, with None, all of this process."""
    with _slots_lock:
        chosen = [s for s in _slots if owner is None or s.owner == owner]
        for slot in chosen:
            _slots.remove(slot)
    for slot in chosen:
        slot.retired = True
        _discard(slot)


atexit.register(close_sandboxes)


def failure(code: str, detail: str = "") -> dict[str, Any]:
    """A failed result with the bilingual message of ``code``."""
    from api.errors import bilingual

    text = bilingual(code, detail=detail)
    return {
        "ok": False,
        "error": {"code": code, "message_id": text["id"], "message_en": text["en"]},
    }


def run_document(task: dict[str, Any]) -> dict[str, Any]:
    """Extract and check one document in this thread's sandbox (THE task function)."""
    timeout = float(task.get("timeout") or DEFAULT_TIMEOUT)
    memory_mb = int(task.get("memory_mb") or DEFAULT_MEMORY_MB)
    request = {"data": task["data"], "filename": task["filename"], "profile": task.get("profile")}
    result: dict[str, Any] | None = None
    box: Sandbox | None = None
    for _attempt in range(MAX_ATTEMPTS):
        try:
            box = sandbox_for(memory_mb)
            result = box.run(request, timeout)
            break
        except SandboxTimeout:
            log.warning("document %s timed out after %.0f s", task["filename"], timeout)
            _discard(_slot())
            result = failure("timeout", f"{timeout:.0f}")
            break
        except SandboxError:
            log.warning("sandbox died while reading %s", task["filename"])
            _discard(_slot())
            if _slot().retired:
                break
    if result is None:
        result = failure("worker_crashed")
    result["key"] = task.get("key")
    result["worker"] = f"{socket.gethostname()}:{box.pid if box else '-'}"
    return result


def warm_sandbox(memory_mb: int) -> int:
    """Start this thread's sandbox now; its pid."""
    return sandbox_for(memory_mb).pid

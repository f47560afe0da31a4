"""A sandbox: one warmed child process that reads documents one at a time, in isolation.

The child is started with :mod:`subprocess` (not :mod:`multiprocessing`, so it can be
started from a daemonic Dask worker too) as ``python -m api.engine.sandbox RFD WFD MB``.
It caps its address space at ``MB`` megabytes, warms up (imports, rule catalogues, the
NLP pipeline), says it is ready, then answers requests over two pipes with
:class:`multiprocessing.connection.Connection` framing. Its stdout is sent to stderr so
a library that prints cannot corrupt the protocol.

The parent side (:class:`Sandbox`) sends one document and waits at most the document
timeout; a hang (:class:`SandboxTimeout`) or a dead child (:class:`SandboxDied`) is
reported to the caller, which kills the sandbox and starts a fresh one for the next
document. When the parent dies, the child reads end-of-file and exits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import resource
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger(__name__)

#: Seconds a new sandbox may take to import and warm up (no bytecode cache: ~10-15 s).
STARTUP_TIMEOUT = 300.0
#: Environment variable that lets the children's stderr through (for debugging).
DEBUG_ENV = "SOPCHECK_DEBUG"


class SandboxError(RuntimeError):
    """The sandbox could not read the document (see the subclasses)."""


class SandboxTimeout(SandboxError):
    """The document took longer than its timeout."""


class SandboxDied(SandboxError):
    """The child process ended (crash, killed by the kernel, failed to start)."""


def _peak_rss_mb() -> float:
    """This process's peak resident set (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


#: Variables a Dask nanny sets for its workers that must not reach the sandbox: with
#: ``MALLOC_TRIM_THRESHOLD_`` every large array freed goes back to the kernel and is
#: faulted in again (measured: +9 % CPU per scanned page), so documents read on a Dask
#: worker ran ~20 % slower than on the local pool.
DROPPED_ENV = ("MALLOC_TRIM_THRESHOLD_",)


def _child_env() -> dict[str, str]:
    """The sandbox's environment: ours, the same whichever executor started it."""
    return {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}


class Sandbox:
    """Parent-side handle of one sandbox process."""

    def __init__(self, memory_mb: int, startup_timeout: float = STARTUP_TIMEOUT) -> None:
        self.memory_mb = memory_mb
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        quiet = not os.environ.get(DEBUG_ENV)
        try:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "api.engine.sandbox",
                    str(to_child_r),
                    str(from_child_w),
                    str(memory_mb),
                ],
                pass_fds=(to_child_r, from_child_w),
                env=_child_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL if quiet else None,
            )
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self._send = Connection(to_child_w, readable=False)
        self._recv = Connection(from_child_r, writable=False)
        self.pid = self.proc.pid
        try:
            hello = self._wait(startup_timeout)
        except SandboxError as exc:  # a start that hangs is a dead sandbox, not a slow document
            self.kill()
            raise SandboxDied(f"sandbox did not start: {exc}") from exc
        if not hello.get("ready"):
            self.kill()
            raise SandboxDied("sandbox did not start")

    def _wait(self, timeout: float) -> dict[str, Any]:
        try:
            if not self._recv.poll(timeout):
                raise SandboxTimeout(f"no answer in {timeout:.0f} s")
            answer: dict[str, Any] = self._recv.recv()
        except (EOFError, OSError) as exc:
            raise SandboxDied(f"sandbox {self.pid} ended") from exc
        return answer

    def run(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Read one document: ``request`` has ``data`` (bytes or a path), ``filename``,
        ``profile``. Raises :class:`SandboxTimeout` or :class:`SandboxDied`."""
        try:
            self._send.send(request)
        except (OSError, ValueError) as exc:
            raise SandboxDied(f"sandbox {self.pid} ended") from exc
        return self._wait(timeout)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """Stop the child now and release the pipes."""
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            self.proc.wait(timeout=10)
        for conn in (self._send, self._recv):
            with contextlib.suppress(OSError):
                conn.close()


# -- the child -------------------------------------------------------------------------


def _limit_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    from api.worker import analyse, error_result

    start = time.perf_counter()
    try:
        result = analyse(request["data"], request["filename"], request.get("profile"))
    except MemoryError:
        result = error_result("out_of_memory")
    except Exception as exc:  # a bug must fail this document, not the sandbox
        log.exception("document %s failed", request.get("filename"))
        result = error_result("internal_error", type(exc).__name__)
    result["seconds"] = round(time.perf_counter() - start, 3)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def child_main(argv: list[str]) -> int:
    """Entry point of the sandbox process."""
    inbox = Connection(int(argv[0]), writable=False)
    outbox = Connection(int(argv[1]), readable=False)
    os.dup2(2, 1)  # anything printed goes to stderr, never into the protocol pipe
    logging.basicConfig(level=logging.ERROR)
    _limit_memory(int(argv[2]))
    # one document per sandbox and one sandbox per core: a document's pages are read in
    # turn here, not by a process pool of their own
    with contextlib.suppress(ImportError):  # nor do OpenCV's threads share the core
        import cv2

        from extractor.backends.ocr import PAGE_WORKERS_ENV

        os.environ.setdefault(PAGE_WORKERS_ENV, "1")
        cv2.setNumThreads(1)
    from api.worker import warm

    warm()
    outbox.send({"ready": True, "pid": os.getpid(), "peak_rss_mb": _peak_rss_mb()})
    while True:
        try:
            request = inbox.recv()
        except (EOFError, OSError):  # the parent went away
            return 0
        try:
            outbox.send(_answer(request))
        except MemoryError:
            from api.worker import error_result

            outbox.send(error_result("out_of_memory"))
        except (BrokenPipeError, OSError):
            return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))

"""Run :func:`extractor.pipeline.extract` in a child process with a time and memory limit.

Like Apache Tika's forked parser: a hostile or broken document that hangs a parser,
inflates a bomb or crashes native code fails only itself. The child

* caps its address space with ``resource.setrlimit(RLIMIT_AS)`` (a bomb then meets
  ``MemoryError`` and is reported as ``out_of_memory``);
* is started once and kept warm (the spaCy pipeline and the parsers are imported
  before the first document, and that start-up is not counted in any document's time);
* reads documents one at a time; when one runs past its time limit the child is
  killed (``timeout``) and a fresh one is started for the next document; a child that
  dies (out-of-memory killer, native crash) fails that document only
  (``out_of_memory`` / ``reader_crashed``).

The child is a fresh interpreter (``python -m extractor.isolation``) talking over two
pipes with :class:`multiprocessing.connection.Connection` framing: never a fork of the
caller, which may hold threads and locks, and no re-import of the caller's
``__main__`` (multiprocessing's spawn and forkserver methods need that idiom in every
script). The OCR backend may start its own page workers inside it.

    >>> from extractor.isolation import extract_isolated
    >>> result = extract_isolated("sop.pdf", timeout_s=60, memory_mb=1536)
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from extractor.errors import InputError
from extractor.logs import setup_user_logging
from extractor.models import Source
from extractor.options import ExtractionOptions
from extractor.pipeline import ExtractionResult

log = logging.getLogger(__name__)

#: Seconds one document may take (the service's default ``document_timeout`` too).
# A hang is cut here; long scans need minutes (a 20-page scanned LKIP takes ~2 min of
# OCR on one core), so the limit is per document, not per page, and generous.
DEFAULT_TIMEOUT_S = 600.0
#: Address-space limit of the child in MB. The warm child maps ~1 GB (Python, NumPy,
#: OpenCV, spaCy, pdfminer); a document gets the rest.
DEFAULT_MEMORY_MB = 2048
#: Environment variables that override the defaults (the service's settings use the same).
TIMEOUT_ENV = "SOPCHECK_DOCUMENT_TIMEOUT"
MEMORY_ENV = "SOPCHECK_WORKER_MEMORY_MB"
#: Seconds allowed for a child to start and warm up before it is given up on.
STARTUP_TIMEOUT_S = 180.0
#: A tiny text read once at start-up so that the first real document does not pay for
#: loading the NLP pipeline, the vocabularies and the parsers.
WARMUP_TEXT = (
    b"SOP Warm-up\nDASAR HUKUM :\n"
    b"1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n"
    b"No\tKegiatan\tPelaksana\tMutu Baku\n1\tMenerima berkas\tX\t10 Menit\n"
)


def default_limits() -> tuple[float, int]:
    """(timeout in s, memory in MB) from the environment, else the defaults."""

    def read(name: str, default: float) -> float:
        try:
            value = float(os.environ.get(name, "") or default)
        except ValueError:
            return default
        return value if value > 0 else default

    return read(TIMEOUT_ENV, DEFAULT_TIMEOUT_S), int(read(MEMORY_ENV, DEFAULT_MEMORY_MB))


# --------------------------------------------------------------------------- the child


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: no cap
        log.warning("memory limit not available; reading without one")


def _child_main(jobs: Connection, results: Connection, memory_mb: int, warm: bool) -> None:
    """The child's loop: receive (payload, filename, options), send back the result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    setup_user_logging()  # the child's stderr is the user's terminal: no tracebacks
    _limit_memory(memory_mb)
    from extractor.pipeline import extract

    if warm:
        with contextlib.suppress(Exception):
            extract(WARMUP_TEXT, "warmup.txt")
    results.send(("ready", os.getpid()))
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        payload, filename, options = job
        try:
            result = extract(payload, filename, options)
            out_of_memory = any(e.code == "out_of_memory" for e in result.errors)
            results.send(("ok", result))
        except MemoryError:
            results.send(("oom", None))
            return  # the heap may be fragmented: the next document gets a fresh child
        except Exception as exc:  # extract() catches what it can; anything left is ours
            results.send(("crash", type(exc).__name__))
            return
        if out_of_memory:
            return


# --------------------------------------------------------------------------- the parent


class _Child:
    """A started child: the process and the two ends of its pipes."""

    def __init__(self, memory_mb: int, warm: bool) -> None:
        job_r, job_w = os.pipe()
        res_r, res_w = os.pipe()
        try:
            # a fresh interpreter (not a fork of a caller that may hold threads and locks,
            # and no re-import of the caller's __main__ as multiprocessing's spawn does)
            self.proc = subprocess.Popen(
                [
                    *(sys.executable, "-m", "extractor.isolation", str(job_r), str(res_w)),
                    *(str(memory_mb), "1" if warm else "0"),
                ],
                pass_fds=(job_r, res_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # the caller's stdout may carry JSON
            )
        finally:
            os.close(job_r)
            os.close(res_w)
        self.jobs = Connection(job_w, readable=False)
        self.results = Connection(res_r, writable=False)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, kill: bool) -> int | None:
        """Close the pipes and end the process (killed when ``kill`` or when it lingers)."""
        for conn in (self.jobs, self.results):
            with contextlib.suppress(OSError):
                conn.close()
        if kill:
            with contextlib.suppress(OSError):
                self.proc.kill()
        try:
            return self.proc.wait(2 if not kill else 10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                self.proc.kill()
            return self.proc.wait(10)


class IsolatedExtractor:
    """One warm child process that reads documents under a time and memory limit.

    Thread-safe: calls are serialised (one document at a time per instance).
    """

    def __init__(self, memory_mb: int = DEFAULT_MEMORY_MB, *, warm: bool = True) -> None:
        self.memory_mb = memory_mb
        self.warm = warm
        self._lock = threading.Lock()
        self._child: _Child | None = None

    # -- the child's life -----------------------------------------------------------------

    def _start(self) -> _Child:
        child = _Child(self.memory_mb, self.warm)
        try:
            ready = child.results.poll(STARTUP_TIMEOUT_S)
            if ready:
                child.results.recv()
        except (EOFError, OSError):
            ready = False
        if not ready:
            code = child.stop(kill=True)
            raise RuntimeError(f"the reader process did not start (exit code {code})")
        self._child = child
        return child

    def _discard(self, kill: bool = True) -> int | None:
        """Stop the current child; its exit code."""
        child, self._child = self._child, None
        return None if child is None else child.stop(kill)

    def start(self) -> None:
        """Start (and warm) the child now rather than on the first document."""
        with self._lock:
            if self._child is None:
                self._start()

    def close(self) -> None:
        with self._lock:
            if self._child is not None:
                with contextlib.suppress(OSError):
                    self._child.jobs.send(None)
            self._discard(kill=False)

    @property
    def pid(self) -> int | None:
        return None if self._child is None else self._child.proc.pid

    # -- reading --------------------------------------------------------------------------

    def extract(
        self,
        data: bytes | str | Path,
        filename: str | None = None,
        options: ExtractionOptions | dict | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> ExtractionResult:
        """``extract(data, filename, options)`` in the child; never raises for bad input."""
        opts = ExtractionOptions.resolve(options).model_dump()
        if isinstance(data, str | Path):
            filename = filename or Path(data).name
            payload: bytes | str = str(Path(data).absolute())  # the child reads the file
        else:
            payload = data
        filename = filename or "document"
        with self._lock:
            outcome = self._run((payload, filename, opts), timeout_s)
        if isinstance(outcome, ExtractionResult):
            return outcome
        return _failure(data, filename, outcome)

    def _run(self, job: tuple[Any, ...], timeout_s: float) -> ExtractionResult | InputError:
        child = self._child
        if child is None or not child.alive():
            self._discard()
            child = self._start()
        started = time.monotonic()
        try:
            child.jobs.send(job)
        except OSError as exc:  # the child died between documents
            log.warning("reader process gone (%s); restarting", exc)
            self._discard()
            child = self._start()
            child.jobs.send(job)
        if not child.results.poll(timeout_s):
            log.warning("document timed out after %.1f s; reader killed", timeout_s)
            self._discard()
            return InputError("timeout", f"{timeout_s:g}")
        try:
            kind, value = child.results.recv()
        except (EOFError, OSError):
            return _death(self._discard(), time.monotonic() - started)
        if kind == "ok":
            if any(e.code == "out_of_memory" for e in value.errors):
                self._discard(kill=False)  # the child exits after a bomb
            return value
        self._discard(kill=False)
        if kind == "oom":
            return InputError("out_of_memory")
        return InputError("reader_crashed", value)


def _death(exitcode: int | None, elapsed: float) -> InputError:
    """The error for a child that died without answering."""
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        if sig == signal.SIGKILL:  # the kernel's out-of-memory killer sends SIGKILL
            return InputError("out_of_memory")
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
        return InputError("reader_crashed", f"{name} after {elapsed:.1f} s")
    return InputError("reader_crashed", f"exit code {exitcode}")


def _failure(data: bytes | str | Path, filename: str, err: InputError) -> ExtractionResult:
    """A failed result for a document the child could not finish, with its source."""
    from extractor.detect import detect

    raw: bytes = b""
    if isinstance(data, bytes):
        raw = data
    else:
        with contextlib.suppress(OSError):
            raw = Path(data).read_bytes()
    detected = detect(raw) if raw else None
    source = Source(
        filename=filename,
        sha256=hashlib.sha256(raw).hexdigest() if raw else "",
        media_type=detected.media_type if detected else "application/octet-stream",
    )
    return ExtractionResult(status="failure", errors=[err.item()], source=source)


# --------------------------------------------------------------------------- module level

_shared: dict[int, IsolatedExtractor] = {}
_shared_lock = threading.Lock()


def shared_extractor(memory_mb: int) -> IsolatedExtractor:
    """The process-wide warm child for ``memory_mb`` (started on first use)."""
    with _shared_lock:
        runner = _shared.get(memory_mb)
        if runner is None:
            runner = _shared[memory_mb] = IsolatedExtractor(memory_mb)
        return runner


@atexit.register
def close_shared() -> None:
    """Stop the shared children (also run at interpreter exit)."""
    with _shared_lock:
        runners = list(_shared.values())
        _shared.clear()
    for runner in runners:
        runner.close()


def extract_isolated(
    path_or_bytes: bytes | str | Path,
    filename: str | None = None,
    options: ExtractionOptions | dict | None = None,
    timeout_s: float | None = None,
    memory_mb: int | None = None,
) -> ExtractionResult:
    """Read one document in a warm child process under a time and memory limit.

    Never raises for bad input: a document that runs past ``timeout_s`` fails with
    ``timeout``, one that exhausts ``memory_mb`` with ``out_of_memory``, one whose
    reader crashes with ``reader_crashed``; the next document gets a fresh child.
    Limits left ``None`` come from :func:`default_limits`.
    """
    default_timeout, default_memory = default_limits()
    runner = shared_extractor(memory_mb or default_memory)
    return runner.extract(path_or_bytes, filename, options, timeout_s or default_timeout)


if __name__ == "__main__":  # the child: python -m extractor.isolation JOB_FD RESULT_FD MB WARM
    _child_main(
        Connection(int(sys.argv[1]), writable=False),
        Connection(int(sys.argv[2]), readable=False),
        int(sys.argv[3]),
        sys.argv[4] == "1",
    )

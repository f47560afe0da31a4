"""Load on loopback: many concurrent uploads of mixed documents, and an audit killed mid-run.

Starts ``uvicorn api.main:create_app`` on 127.0.0.1 (a free port, a fresh data folder),
creates keys, then

* **load**: ``--uploads`` concurrent ``POST /documents`` of corpus PDFs, DOCX and text
  exports plus hostile files (empty, truncated PDF, zip, binary). Every accepted upload
  must be retrievable with its report; hostile ones must get a 4xx; no 5xx.
* **crash** (``--crash``): ``POST /audits`` with ~20 files, ``SIGKILL`` to the server's
  process group mid-run, restart on the same data folder; the audit must finish with
  every item counted once.

Prints a table. Only loopback is contacted; every loop is bounded in count and time.

    python bench/load.py [--uploads 200] [--workers 2] [--crash]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SOP_DIR = ROOT / "corpus" / "sop"
HOST = "127.0.0.1"  # loopback only
AGENCY = "Dinas Kesehatan Kabupaten Hulu Sungai Tengah"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


def create_keys(data_dir: Path) -> dict[str, str]:
    """A reviewer key and an opd key in a fresh data folder (before the server starts)."""
    from api.admin import create
    from api.config import Settings

    settings = Settings(data_dir=data_dir)
    return {
        "reviewer": create("reviewer", None, "load", settings)[1],
        "opd": create("opd", AGENCY, "load opd", settings)[1],
    }


class Server:
    """The service in a subprocess of its own process group (so SIGKILL takes its workers)."""

    def __init__(self, data_dir: Path, workers: int = 2) -> None:
        self.data_dir = data_dir
        self.workers = workers
        self.port = _free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 180) -> None:
        env = {
            **os.environ,
            "SOPCHECK_DATA_DIR": str(self.data_dir),
            "SOPCHECK_WORKERS": str(self.workers),
            "SOPCHECK_RATE_LIMIT_PER_MINUTE": "0",
        }
        env.pop("DATABASE_URL", None)
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app"),
                *("--host", HOST, "--port", str(self.port), "--log-level", "warning"),
            ],
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.kill()
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        """SIGKILL to the server and everything it started (its process group)."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        self.proc = None

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.kill()
        self.proc = None


# --------------------------------------------------------------------------- uploads


def mixed_documents() -> list[tuple[str, bytes, bool]]:
    """(file name, bytes, must be accepted) — corpus SOPs in three forms, then hostile ones."""
    docs: list[tuple[str, bytes, bool]] = []
    for folder in sorted(p for p in SOP_DIR.iterdir() if p.is_dir() and p.name != "specs")[:10]:
        for suffix in (".pdf", ".docx", ".txt"):
            path = folder / f"{folder.name}{suffix}"
            if path.exists():
                docs.append((path.name, path.read_bytes(), True))
    pdf = docs[0][1]
    docs += [
        ("kosong.pdf", b"", False),
        ("terpotong.pdf", pdf[: len(pdf) // 3], False),
        ("arsip.zip", b"PK\x03\x04" + b"\x00" * 200, False),
        ("program.pdf", b"\x7fELF" + bytes(range(256)) * 8, False),
    ]
    return docs


@dataclass
class LoadOutcome:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    accepted: dict[str, dict] = field(default_factory=dict)  # document id → report
    lost: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # hostile accepted / good refused
    wall: float = 0.0

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)

    def row(self) -> dict[str, float | int]:
        return {
            "uploads": len(self.latencies),
            "accepted": sum(n for c, n in self.statuses.items() if c == 201),
            "refused_4xx": sum(n for c, n in self.statuses.items() if 400 <= c < 500),
            "5xx": self.server_errors,
            "lost": len(self.lost),
            "p50_s": round(percentile(self.latencies, 0.5), 2),
            "p95_s": round(percentile(self.latencies, 0.95), 2),
            "max_s": round(max(self.latencies, default=0.0), 2),
            "wall_s": round(self.wall, 1),
        }


async def upload_many(base: str, key: str, n: int, limit: float = 900) -> LoadOutcome:
    """``n`` concurrent uploads (all started at once) cycling through the mixed documents."""
    docs = mixed_documents()
    out = LoadOutcome()

    async def one(http: httpx.AsyncClient, i: int) -> None:
        name, data, good = docs[i % len(docs)]
        started = time.perf_counter()
        r = await http.post(
            f"{base}/documents", files={"file": (name, data)}, headers={"X-API-Key": key}
        )
        out.latencies.append(time.perf_counter() - started)
        out.statuses[r.status_code] = out.statuses.get(r.status_code, 0) + 1
        if r.status_code == 201:
            out.accepted[r.json()["document_id"]] = r.json()
        if (r.status_code == 201) != good:
            out.wrong.append(f"{name}: {r.status_code}")

    began = time.perf_counter()
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(timeout=limit, limits=limits) as http:
        await asyncio.wait_for(asyncio.gather(*(one(http, i) for i in range(n))), limit)
        out.wall = time.perf_counter() - began
        for doc_id, report in out.accepted.items():
            r = await http.get(f"{base}/documents/{doc_id}/report", headers={"X-API-Key": key})
            if r.status_code != 200 or r.json()["summary"] != report["summary"]:
                out.lost.append(doc_id)
    return out


# --------------------------------------------------------------------------- crash and resume


def audit_files(count: int = 20) -> list[tuple[str, bytes]]:
    files = []
    for folder in sorted(p for p in SOP_DIR.iterdir() if p.is_dir() and p.name != "specs"):
        for suffix in (".txt", ".docx", ".pdf"):
            path = folder / f"{folder.name}{suffix}"
            if path.exists() and len(files) < count:
                files.append((path.name, path.read_bytes()))
    return files


def audit_state(base: str, key: str, audit_id: str) -> dict:
    return httpx.get(f"{base}/audits/{audit_id}", headers={"X-API-Key": key}, timeout=30).json()


def crash_and_resume(data_dir: Path, keys: dict[str, str], workers: int = 2) -> dict:
    """POST /audits, SIGKILL the server mid-run, restart it; the audit's final counts."""
    files = audit_files()
    server = Server(data_dir, workers)
    server.start()
    try:
        r = httpx.post(
            f"{server.base}/audits",
            files=[("files", (n, d)) for n, d in files],
            data={"opd": AGENCY},
            headers={"X-API-Key": keys["reviewer"]},
            timeout=120,
        )
        r.raise_for_status()
        audit_id = r.json()["id"]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:  # wait until the run is under way, not finished
            state = audit_state(server.base, keys["reviewer"], audit_id)
            if state["done"] + state["failed"] >= 3:
                break
            time.sleep(0.2)
        before = state["done"] + state["failed"]
        server.kill()
        killed_at = before
        server = Server(data_dir, workers)
        server.start()
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            state = audit_state(server.base, keys["reviewer"], audit_id)
            if state["status"] == "done":
                break
            time.sleep(0.5)
        items = state.get("items", [])
        seqs = [i.get("seq", n) for n, i in enumerate(items)]
        docs = httpx.get(
            f"{server.base}/documents",
            params={"page_size": 200},
            headers={"X-API-Key": keys["reviewer"]},
            timeout=30,
        ).json()
        return {
            "files": len(files),
            "finished_before_kill": killed_at,
            "status": state["status"],
            "total": state["total"],
            "done": state["done"],
            "failed": state["failed"],
            "items": len(items),
            "distinct_items": len(set(seqs)),
            "documents": docs["total"],
            "distinct_files": len({d for _, d in files}),
        }
    finally:
        server.stop()


# --------------------------------------------------------------------------- table


def print_table(title: str, row: dict) -> None:
    print(f"\n{title}")
    width = max(len(k) for k in row)
    for k, v in row.items():
        print(f"  {k:<{width}}  {v}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=200)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--crash", action="store_true", help="also the SIGKILL-and-resume run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sopcheck-load-") as tmp:
        data_dir = Path(tmp) / "load"
        keys = create_keys(data_dir)
        server = Server(data_dir, args.workers)
        server.start()
        try:
            outcome = asyncio.run(upload_many(server.base, keys["opd"], args.uploads))
        finally:
            server.stop()
        print_table(f"{args.uploads} concurrent uploads, {args.workers} workers", outcome.row())
        if outcome.wrong:
            print("  unexpected:", ", ".join(sorted(set(outcome.wrong))))
        if args.crash:
            crash_dir = Path(tmp) / "crash"
            crash_keys = create_keys(crash_dir)
            print_table(
                "audit killed with SIGKILL, restarted",
                crash_and_resume(crash_dir, crash_keys, args.workers),
            )


if __name__ == "__main__":
    main()

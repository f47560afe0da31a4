"""Upload→report latency of the service on loopback: p50/p95 with 1 and 20 concurrent clients.

Starts `uvicorn api.main:create_app` on a free port with a fresh data folder, creates a
reviewer key, and uploads a digital SOP (each upload made unique by a trailing PDF
comment, so every request is really read and checked). Prints a table.

    python bench/service_latency.py [--file corpus/sop/.../x.pdf] [--requests 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "corpus/sop/sop-001-dinkes-rekomendasi-sip/sop-001-dinkes-rekomendasi-sip.pdf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


async def _run(
    base: str, key: str, data: bytes, name: str, clients: int, total: int
) -> dict[str, float]:
    latencies: list[float] = []
    failures = 0
    counter = iter(range(total))

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal failures
        for i in counter:
            body = data + f"\n% bench {clients}-{i}-{time.time_ns()}\n".encode()
            start = time.perf_counter()
            r = await http.post(
                f"{base}/documents", files={"file": (name, body)}, headers={"X-API-Key": key}
            )
            latencies.append(time.perf_counter() - start)
            if r.status_code != 201:
                failures += 1

    began = time.perf_counter()
    async with httpx.AsyncClient(timeout=600) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    wall = time.perf_counter() - began
    return {
        "clients": clients,
        "requests": len(latencies),
        "failures": failures,
        "p50": _percentile(latencies, 0.50),
        "p95": _percentile(latencies, 0.95),
        "throughput": len(latencies) / wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument(
        "--requests", type=int, default=20, help="uploads per scenario (×3 for 20 clients)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    data = args.file.read_bytes()
    with tempfile.TemporaryDirectory(prefix="sopcheck-bench-") as tmp:
        env = {
            **os.environ,
            "SOPCHECK_DATA_DIR": tmp,
            "SOPCHECK_WORKERS": str(args.workers),
            "SOPCHECK_RATE_LIMIT_PER_MINUTE": "0",
        }
        env.pop("DATABASE_URL", None)
        key = (
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "api.cli",
                    "admin",
                    "create-key",
                    "--role",
                    "reviewer",
                    "--name",
                    "bench",
                ],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "api.main:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("server did not start")
                time.sleep(0.3)
            # warm-up: the workers load the NLP pipeline and the catalogues once
            asyncio.run(_run(base, key, data, args.file.name, args.workers, args.workers * 2))
            rows = [
                asyncio.run(_run(base, key, data, args.file.name, 1, args.requests)),
                asyncio.run(_run(base, key, data, args.file.name, 20, args.requests * 3)),
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"file: {args.file.name} ({len(data) / 1024:.0f} KiB), workers: {args.workers}, "
        f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}"
    )
    print("| clients | requests | failures | p50 (s) | p95 (s) | throughput (docs/s) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['clients']} | {r['requests']} | {r['failures']} | {r['p50']:.2f} "
            f"| {r['p95']:.2f} | {r['throughput']:.2f} |"
        )


if __name__ == "__main__":
    main()

"""Batch audit throughput: documents and pages per minute, scaling, local pool vs Dask.

    python bench/batch.py                           # 200 generated docs, 60 % scans
    python bench/batch.py --count 1000              # the regency-sized run
    python bench/batch.py --scan-share 0 --count 200 --modes local1,local2,dask2
    python bench/batch.py --set /tmp/regency        # an existing folder

Each mode audits the same set from an empty state (nothing cached) with warmed
workers, so the figures are reading and checking only: ``local1``/``local2`` are the
local pool with 1 and 2 workers, ``dask2`` a ``distributed.LocalCluster`` of two
single-thread worker processes running the same task function. Peak memory is the
largest resident set a document reader (sandbox) reached. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from api.engine.audit import AuditOptions, run_audit  # noqa: E402
from api.engine.executors import DaskExecutor, Executor, LocalExecutor  # noqa: E402
from api.engine.task import DEFAULT_MEMORY_MB  # noqa: E402

MODES = ("local1", "local2", "dask2")


def _executor(mode: str, stack: list[Any]) -> Executor:
    if mode.startswith("local"):
        return LocalExecutor(int(mode[len("local") :]))
    from distributed import LocalCluster

    workers = int(mode[len("dask") :])
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit="4GB",
    )
    stack.append(cluster)
    return DaskExecutor(cluster.scheduler_address)


def run_mode(mode: str, folder: Path, work: Path) -> dict[str, Any]:
    """Audit ``folder`` from an empty state with warmed ``mode`` workers."""
    clusters: list[Any] = []
    executor = _executor(mode, clusters)
    try:
        executor.warm(DEFAULT_MEMORY_MB, wait=True)
        start = time.perf_counter()
        outcome = run_audit(
            folder,
            work / f"{mode}.json",
            AuditOptions(state_dir=work / f"{mode}-state"),
            executor=executor,
        )
        wall = time.perf_counter() - start
    finally:
        executor.close()
        for cluster in clusters:
            cluster.close()
    s = outcome.stats
    return {
        "mode": mode,
        "workers": s.workers,
        "documents": s.processed,
        "failed": s.failed,
        "pages": s.pages,
        "seconds": round(wall, 1),
        "docs_per_min": round(s.processed / wall * 60, 1),
        "pages_per_min": round(s.pages / wall * 60, 1),
        "peak_rss_mb": max(s.peak_rss_mb.values(), default=0.0),
    }


def table(results: list[dict[str, Any]]) -> str:
    head = (
        "| mode | workers | docs | failed | pages | wall s | docs/min | pages/min "
        "| peak RSS/worker MB |"
    )
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r['mode']} | {r['workers']} | {r['documents']} | {r['failed']} | {r['pages']} | "
            f"{r['seconds']} | {r['docs_per_min']} | {r['pages_per_min']} | {r['peak_rss_mb']} |"
        )
    by = {r["mode"]: r for r in results}
    if "local1" in by and "local2" in by:
        ratio = by["local1"]["seconds"] / by["local2"]["seconds"]
        lines.append(f"\nscaling 2 workers / 1 worker: {ratio:.2f}x")
    if "local2" in by and "dask2" in by:
        gap = by["dask2"]["seconds"] / by["local2"]["seconds"] - 1
        lines.append(f"Dask LocalCluster vs local pool (2 workers): {gap:+.1%} wall time")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", type=Path, help="an existing folder (default: generate one)")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--opds", type=int, default=40)
    ap.add_argument("--scan-share", type=float, default=0.6)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        folder = args.set
        if folder is None:
            from corpus.regency import generate

            folder = work / "set"
            t0 = time.perf_counter()
            generate(folder, args.count, args.opds, args.scan_share, args.seed, jobs=2)
            print(f"generated {args.count} documents in {time.perf_counter() - t0:.0f} s")
        results = []
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            results.append(run_mode(mode, folder, work))
            print(json.dumps(results[-1]), flush=True)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""LKIP extraction accuracy per input kind against the corpus ground truth.

    python bench/accuracy_lkip.py [--kinds pdf,docx,scan] [--only ID] [--misses]

Prints per kind the share of indicator, agreement (Perjanjian Kinerja) and budget
cells right, the share of chapters read with the right key (and page, for PDFs),
the number of documents and the median seconds per document.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lkip_scoring import CellScore, score_tables  # noqa: E402
from extractor import extract  # noqa: E402

LKIP_DIR = ROOT / "corpus" / "lkip"
# kind → file pattern under corpus/lkip/<id>/; pages are checked where the kind has them.
KINDS = {"pdf": "{id}.pdf", "docx": "{id}.docx", "scan": "scans/{id}.scan.pdf"}
PAGED = {"pdf", "scan"}


def documents(only: str | None = None) -> list[Path]:
    return sorted(
        p
        for p in LKIP_DIR.iterdir()
        if p.is_dir() and (p / "truth.json").exists() and (only is None or only in p.name)
    )


def chapter_score(record: dict, truth: dict, paged: bool) -> CellScore:
    sc = CellScore()
    got = {c["key"]: c for c in record.get("chapters", [])}
    for want in truth["chapters"]:
        sc.total += 1
        g = got.get(want["key"])
        ok = g is not None and (
            not paged or (g["page"], g["page_end"]) == (want["page"], want["page_end"])
        )
        sc.right += ok
        if not ok:
            sc.misses.append(f"chapter {want['key']}: got {g}, want {want}")
    return sc


def run_kind(kind: str, docs: list[Path]) -> tuple[dict[str, CellScore], int, list[float]]:
    totals = {n: CellScore() for n in ("indicators", "agreement_indicators", "budget", "chapters")}
    seconds: list[float] = []
    n = 0
    for doc in docs:
        path = doc / KINDS[kind].format(id=doc.name)
        if not path.exists():
            continue
        truth = json.loads((doc / "truth.json").read_text("utf-8"))
        start = time.perf_counter()
        result = extract(path)
        seconds.append(time.perf_counter() - start)
        n += 1
        record = result.record.model_dump(mode="json") if result.record else {}
        scores = score_tables(record, truth)
        scores["chapters"] = chapter_score(record, truth, kind in PAGED)
        for name, sc in scores.items():
            sc.misses = [f"{doc.name} [{kind}] {m}" for m in sc.misses]
            totals[name].add(sc)
    return totals, n, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--only")
    parser.add_argument("--misses", action="store_true", help="list every wrong cell")
    args = parser.parse_args()
    docs = documents(args.only)
    cols = ["kind", "docs", "indicator cells", "PK cells", "budget cells", "chapters", "s/doc"]
    print(" | ".join(f"{c:>15}" for c in cols))
    misses: list[str] = []
    for kind in args.kinds.split(","):
        totals, n, seconds = run_kind(kind, docs)
        if not n:
            continue
        cells = [f"{totals[k].share:.1f}% of {totals[k].total}" for k in totals]
        median = f"{statistics.median(seconds):.2f}"
        print(" | ".join(f"{c:>15}" for c in [kind, str(n), *cells, median]))
        for sc in totals.values():
            misses.extend(sc.misses)
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()

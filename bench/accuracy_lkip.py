"""LKIP extraction accuracy per input kind against the corpus ground truth.

    python bench/accuracy_lkip.py [--kinds pdf,docx,scan] [--only ID] [--misses]

Prints per kind the share of indicator, agreement (Perjanjian Kinerja) and budget
cells right, the share of chapters read with the right key (and page, for PDFs),
the number of documents and the median seconds per document; then, per kind, what the
rules engine makes of the extracted records: planted defects found, and errors or
warnings that no planted defect explains (false findings) on clean and on defective
reports.
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

from bench.lkip_scoring import CellScore, RuleScore, score_findings, score_tables  # noqa: E402
from extractor import extract  # noqa: E402
from rules import check  # noqa: E402
from rules.models import Severity  # noqa: E402

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


def loud_findings(result) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(rule, path) of the errors and warnings the rules report on an extracted record."""
    if result.record is None:
        return []
    report = check(result.record)
    return [(f.rule, f.location.path or "") for f in report.findings if f.severity != Severity.INFO]


def run_kind(
    kind: str, docs: list[Path]
) -> tuple[dict[str, CellScore], dict[str, RuleScore], int, list[float]]:
    totals = {n: CellScore() for n in ("indicators", "agreement_indicators", "budget", "chapters")}
    rules = {"clean": RuleScore(), "defective": RuleScore()}
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
        rs = score_findings(loud_findings(result), truth)
        rs.misses = [f"{doc.name} [{kind}] {m}" for m in rs.misses]
        rules["defective" if truth.get("defects") else "clean"].add(rs)
    return totals, rules, n, seconds


def _row(cells: list[str]) -> str:
    return " | ".join(f"{c:>15}" for c in cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--only")
    parser.add_argument("--misses", action="store_true", help="list every wrong cell and finding")
    args = parser.parse_args()
    docs = documents(args.only)
    cols = ["kind", "docs", "indicator cells", "PK cells", "budget cells", "chapters", "s/doc"]
    print(_row(cols))
    misses: list[str] = []
    rule_rows: list[list[str]] = []
    for kind in args.kinds.split(","):
        totals, rules, n, seconds = run_kind(kind, docs)
        if not n:
            continue
        cells = [f"{totals[k].share:.1f}% of {totals[k].total}" for k in totals]
        median = f"{statistics.median(seconds):.2f}"
        print(_row([kind, str(n), *cells, median]))
        for sc in totals.values():
            misses.extend(sc.misses)
        clean, bad = rules["clean"], rules["defective"]
        rule_rows.append([kind, f"{bad.found} of {bad.planted}", str(clean.false), str(bad.false)])
        misses.extend(clean.misses + bad.misses)
    print()
    print(_row(["kind", "defects found", "false (clean)", "false (defect.)"]))
    for row in rule_rows:
        print(_row(row))
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()

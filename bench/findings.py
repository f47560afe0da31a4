"""What a reviewer is told about a scanned or photographed SOP: the rules' findings on
each extracted record against their findings on the document's ground truth.

    python bench/findings.py [--kinds pdf,scan300,photo,...] [--set DIR] [--only ID]
                             [--misses]

The rules (default profile) run on ``truth.json`` give the findings the document
deserves; run on the record read from each input kind, they give what the reviewer
sees. A finding is the same when its rule, step and section are (a rule may give several
of one key: they are counted as a multiset). Per kind:

* ``true``: the truth's findings; ``found``: of those, the ones the read record gives
  too; ``missed``: the others;
* ``false E/W``: errors and warnings the read record gives that the truth does not (a
  misreading reported as the document's fault: the worst outcome); ``false I``: the same
  among notes of severity info;
* ``notes``: extraction findings (``EXT*``: a field unreadable, low OCR confidence, a
  low-resolution page), which tell the reviewer to look at the page rather than that the
  document is wrong; counted apart, never as false.

``--set DIR`` and the kinds are those of ``bench/accuracy.py`` (held-out scans, made
kinds such as ``closephoto``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.accuracy import KINDS, MADE_KINDS, documents, extracted, table  # noqa: E402
from rules.engine import check  # noqa: E402
from rules.models import Finding, Severity  # noqa: E402

#: Rule codes of the extraction notes (a field unreadable, low confidence).
NOTE_PREFIX = "EXT"
#: What the truth records lack that a record needs to be checked: where it came from.
TRUTH_SOURCE = {"filename": "truth.json", "sha256": "0" * 64, "media_type": "application/json"}

Key = tuple[str, int | None, str | None]


def _key(f: Finding) -> Key:
    return (f.rule, f.step, f.section)


def _findings(record: dict) -> list[Finding]:
    return check(record).findings


def truth_findings(truth: dict) -> list[Finding]:
    """The findings the document deserves: the rules run on its ground truth."""
    return _findings({**truth, "source": TRUTH_SOURCE})


def compare(truth: list[Finding], read: list[Finding]) -> dict[str, list[Finding]]:
    """The read record's findings against the truth's: ``found``, ``missed``, ``false``
    (not in the truth, extraction notes aside) and ``notes`` (``EXT*``)."""
    want = Counter(_key(f) for f in truth if not f.rule.startswith(NOTE_PREFIX))
    out: dict[str, list[Finding]] = {"found": [], "missed": [], "false": [], "notes": []}
    left = want.copy()
    for f in read:
        if f.rule.startswith(NOTE_PREFIX):
            out["notes"].append(f)
        elif left[_key(f)] > 0:
            left[_key(f)] -= 1
            out["found"].append(f)
        else:
            out["false"].append(f)
    for f in truth:
        if not f.rule.startswith(NOTE_PREFIX) and left[_key(f)] > 0:
            left[_key(f)] -= 1
            out["missed"].append(f)
    return out


def _line(doc: str, kind: str, what: str, f: Finding) -> str:
    step = f"step {f.step} " if f.step is not None else ""
    return f"{doc} [{kind}] {what}: {f.rule} {f.severity.value} {step}{f.message}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(k for k in KINDS if k not in MADE_KINDS))
    parser.add_argument("--only")
    parser.add_argument("--set", type=Path, help="check this folder instead of corpus/sop")
    parser.add_argument("--misses", action="store_true", help="list every missed or false one")
    args = parser.parse_args()
    docs = documents(args.only, args.set)
    header = ["kind", "docs", "true", "found", "missed", "false E/W", "false I", "notes"]
    rows: list[list[str]] = []
    lines: list[str] = []
    for kind in args.kinds.split(","):
        totals = Counter()
        n = 0
        for doc, result, truth, _ in extracted(kind, docs):
            n += 1
            want = truth_findings(truth)
            deserved = sum(1 for f in want if not f.rule.startswith(NOTE_PREFIX))
            totals["true"] += deserved
            if result.record is None:
                totals["missed"] += deserved  # a document not read misses all its own
                lines.append(f"{doc.name} [{kind}] not read: {result.errors[0].code}")
                continue
            got = compare(want, _findings(result.record.model_dump(mode="json")))
            totals["found"] += len(got["found"])
            totals["missed"] += len(got["missed"])
            totals["notes"] += len(got["notes"])
            for f in got["false"]:
                totals["false I" if f.severity == Severity.INFO else "false E/W"] += 1
            lines += [_line(doc.name, kind, "missed", f) for f in got["missed"]]
            lines += [_line(doc.name, kind, "false", f) for f in got["false"]]
        if n:
            rows.append([kind, str(n), *(str(totals[h]) for h in header[2:])])
    print(table(header, rows))
    print(
        "\n(true: the ground truth's findings; found/missed: of those; false: findings the"
        " truth does not give; notes: extraction findings EXT*, apart)"
    )
    if args.misses:
        print("\n".join(lines))


if __name__ == "__main__":
    main()

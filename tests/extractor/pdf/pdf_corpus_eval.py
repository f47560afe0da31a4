"""Score the PDF backend's flowchart tables against the corpus truth.

Reads each flowchart table the way the SOP parser will: role names from the header
row under "Pelaksana", the step number from the first column, the actor from the
role column holding the row's shape, ``next`` from the edges. Run as a script to
print per-document figures: ``python tests/extractor/pdf/pdf_corpus_eval.py``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.layout import LayoutDocument, Table

CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "sop"
SYMBOL_KIND = {
    "start": "terminator",
    "end": "terminator",
    "process": "process",
    "decision": "decision",
}
STEP_NUMBER = re.compile(r"^\s*(\d{1,3})\s*\.?\s*$")


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass
class Step:
    number: int
    actor: str | None
    kind: str | None
    next: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)


def flow_tables(doc: LayoutDocument) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table) and any(c.shapes for c in b.cells)]


def role_columns(table: Table) -> dict[int, str]:
    """Column index → role name, from the sub-row under the "Pelaksana" cell."""
    group = next((c for c in table.cells if norm(c.text) == "pelaksana"), None)
    if group is None:
        return {}
    grid = table.grid()
    below = group.row + group.row_span
    out = {}
    for col in range(group.col, group.col + group.col_span):
        cell = grid[below][col] if below < table.n_rows else None
        if cell is not None:
            out[col] = " ".join(cell.text.split())
    return out


def read_steps(doc: LayoutDocument) -> dict[int, Step]:
    """Steps by number across all flowchart tables (one table per page); edges into an
    off-page connector continue from the connector with the same label on another page."""
    steps: dict[int, Step] = {}
    into_offpage: list[tuple[int, str, str | None]] = []  # (step, connector label, edge label)
    from_offpage: dict[str, list[int]] = {}
    for table in flow_tables(doc):
        roles = role_columns(table)
        grid = table.grid()
        shape_step: dict[int, int] = {}
        offpage: dict[int, str] = {}
        for cell in table.cells:
            first = grid[cell.row][0]
            m = STEP_NUMBER.match(first.text) if first is not None else None
            for shape in cell.shapes:
                if shape.kind == "offpage":
                    offpage[shape.id] = norm(shape.label or "")
                elif m is not None:
                    number = int(m.group(1))
                    shape_step[shape.id] = number
                    steps[number] = Step(number, roles.get(cell.col), shape.kind)
        for edge in table.edges:
            src, dst = shape_step.get(edge.source), shape_step.get(edge.target)
            if src is not None and edge.target in offpage:
                into_offpage.append((src, offpage[edge.target], edge.label))
            elif edge.source in offpage and dst is not None:
                from_offpage.setdefault(offpage[edge.source], []).append(dst)
            elif src is not None and dst is not None and src != dst:
                steps[src].next.add(dst)
                if edge.label:
                    steps[src].labels[dst] = edge.label
    for src, connector, label in into_offpage:
        for dst in from_offpage.get(connector, []):
            if dst != src:
                steps[src].next.add(dst)
                if label:
                    steps[src].labels[dst] = label
    return steps


@dataclass
class Score:
    steps: int = 0
    role_ok: int = 0
    kind_ok: int = 0
    next_ok: int = 0
    failures: list[str] = field(default_factory=list)


def score(doc: LayoutDocument, truth: dict) -> Score:
    """Per step: role column, shape kind and ``next`` right. A step drawn without a
    symbol (a deliberate defect) is right when no shape is found for it, and arrows
    cannot point at it."""
    got = read_steps(doc)
    drawn = {t["number"] for t in truth["steps"] if t.get("symbol")}
    s = Score()
    for t in truth["steps"]:
        s.steps += 1
        g = got.get(t["number"])
        if t["number"] not in drawn:
            ok = g is None
            s.role_ok += ok
            s.kind_ok += ok
            s.next_ok += ok
            if not ok:
                s.failures.append(f"step {t['number']}: a shape where the truth has none")
            continue
        if g is not None and g.actor is not None and squash(g.actor) == squash(t["actor"] or ""):
            s.role_ok += 1
        else:
            s.failures.append(f"step {t['number']}: role {g and g.actor!r} != {t['actor']!r}")
        if g is not None and g.kind == SYMBOL_KIND.get(t["symbol"]):
            s.kind_ok += 1
        else:
            s.failures.append(f"step {t['number']}: kind {g and g.kind!r} != {t['symbol']!r}")
        want = {n for n in t["next"] if n in drawn}
        if g is not None and g.next == want:
            s.next_ok += 1
        else:
            s.failures.append(f"step {t['number']}: next {g and sorted(g.next)} != {sorted(want)}")
    return s


def squash(text: str) -> str:
    """Lower-case without spaces: LibreOffice breaks long role names inside a word."""
    return "".join(text.split()).lower()


def corpus_pdfs() -> list[tuple[Path, dict]]:
    out = []
    for truth_path in sorted(CORPUS.glob("*/truth.json")):
        truth = json.loads(truth_path.read_text("utf-8"))
        if truth.get("kind") != "sop" or not truth.get("steps"):
            continue
        for pdf in sorted(truth_path.parent.glob("*.pdf")):
            out.append((pdf, truth))
    return out


if __name__ == "__main__":
    import sys

    from extractor.backends.pdf import parse
    from extractor.options import ExtractionOptions

    verbose = "-v" in sys.argv
    totals: dict[str, Score] = {}
    for pdf, truth in corpus_pdfs():
        producer = "libreoffice" if pdf.name.endswith(".lo.pdf") else "reportlab"
        s = score(parse(pdf.read_bytes(), ExtractionOptions()), truth)
        t = totals.setdefault(producer, Score())
        t.steps += s.steps
        t.role_ok += s.role_ok
        t.kind_ok += s.kind_ok
        t.next_ok += s.next_ok
        print(
            f"{pdf.name:55s} steps {s.steps:3d} role {s.role_ok:3d} "
            f"kind {s.kind_ok:3d} next {s.next_ok:3d}"
        )
        if verbose:
            for f in s.failures:
                print("    ", f)
    for producer, t in totals.items():
        n = max(t.steps, 1)
        print(
            f"{producer:12s} steps {t.steps}: role {t.role_ok / n:.1%}, kind {t.kind_ok / n:.1%}, "
            f"next {t.next_ok / n:.1%}"
        )

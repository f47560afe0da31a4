"""Measure the DOCX backend on the corpus: actor (role column) and symbol per step against truth.

Run: ``python tests/extractor/docx/docx_corpus_eval.py [corpus/sop]``. The procedure table and
its role columns are found from the header text alone ("Pelaksana" over the role names),
never from the truth file, which is only used for scoring.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extractor.backends.docx import parse
from extractor.layout import Table
from extractor.options import ExtractionOptions

# Step number in the first column: "1", "1.", "12)".
STEP_NO_RE = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")
ROLE_HEADER_RE = re.compile(r"pelaksana", re.IGNORECASE)
KIND_SYMBOL = {"process": "process", "decision": "decision", "offpage": "connector"}


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


@dataclass
class StepRead:
    number: int
    actor: str | None
    symbol: str | None
    next: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def procedure_steps(table: Table) -> list[StepRead] | None:
    """Steps of a flowchart table, or None when the table is not one."""
    grid = table.grid()
    top = next(
        (r for r, row in enumerate(grid) if any(c and ROLE_HEADER_RE.search(c.text) for c in row)),
        None,
    )
    if top is None:
        return None
    role_cols = [c for c, cell in enumerate(grid[top]) if cell and ROLE_HEADER_RE.search(cell.text)]
    step_rows = [
        r for r, row in enumerate(grid) if r > top and row[0] and STEP_NO_RE.match(row[0].text)
    ]
    if not step_rows:
        return None
    header_last = step_rows[0] - 1
    roles = {c: (grid[header_last][c].text if grid[header_last][c] else "") for c in role_cols}
    shape_row: dict[int, int] = {}
    steps: list[StepRead] = []
    seen_terminator = False
    for r in step_rows:
        number = int(STEP_NO_RE.match(grid[r][0].text).group(1))  # type: ignore[union-attr]
        found = [
            (c, s)
            for c in role_cols
            if grid[r][c]
            for s in grid[r][c].shapes
            if grid[r][c].row == r
        ]
        actor = roles[found[0][0]] if found else None
        symbol = None
        if found:
            kind = found[0][1].kind
            if kind == "terminator":
                symbol = "end" if seen_terminator else "start"
                seen_terminator = True
            else:
                symbol = KIND_SYMBOL.get(kind)
        for _, s in found:
            shape_row[s.id] = number
        steps.append(StepRead(number, actor, symbol))
    by_number = {s.number: s for s in steps}
    for edge in table.edges:
        src, dst = shape_row.get(edge.source), shape_row.get(edge.target)
        if src is not None and dst is not None and src != dst:
            by_number[src].next.append(dst)
            if edge.label:
                by_number[src].labels.append(edge.label)
    return steps


def evaluate(docx_path: Path, truth: dict) -> dict[str, int]:
    layout = parse(docx_path.read_bytes(), ExtractionOptions())
    read: list[StepRead] = []
    for block in layout.blocks:
        if isinstance(block, Table) and (steps := procedure_steps(block)):
            read.extend(steps)
    got = {s.number: s for s in read}
    score = {"steps": 0, "actor": 0, "symbol": 0, "next": 0, "labels": 0, "decisions": 0}
    for step in truth["steps"]:
        score["steps"] += 1
        mine = got.get(step["number"])
        if mine is None:
            continue
        score["actor"] += _norm(mine.actor) == _norm(step.get("actor"))
        score["symbol"] += mine.symbol == step.get("symbol")
        score["next"] += sorted(mine.next) == sorted(step.get("next") or [])
        if step.get("symbol") == "decision":
            score["decisions"] += 1
            score["labels"] += sorted(mine.labels) == sorted(step.get("branch_labels") or [])
    return score


def main(root: Path) -> dict[str, int]:
    total: dict[str, int] = {}
    for truth_path in sorted(root.glob("*/truth.json")):
        docx_path = truth_path.parent / f"{truth_path.parent.name}.docx"
        if not docx_path.exists():
            continue
        score = evaluate(docx_path, json.loads(truth_path.read_text("utf-8")))
        print(docx_path.name, score)
        for k, v in score.items():
            total[k] = total.get(k, 0) + v
    total["documents"] = len(list(root.glob("*/*.docx")))
    print("TOTAL", total)
    return total


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus/sop"))

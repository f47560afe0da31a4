"""The SOP flowchart re-drawn as a swimlane, as the checker understood it.

A pure layout (boxes, shapes, polylines in abstract units, y growing downwards)
shared by the web page's SVG and the PDF export: one row per step, one lane per
role, the activity text in a column on the left as in a printed SOP.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

ACTIVITY_W = 260.0
LANE_W = 120.0
HEADER_H = 54.0
ROW_H = 62.0
NODE_W = 84.0
NODE_H = 30.0
DIAMOND_W = 70.0
DIAMOND_H = 40.0
CIRCLE_R = 13.0
ACTIVITY_CHARS = 44
ACTIVITY_LINES = 3
LANE_CHARS = 17
LANE_LINES = 3
#: The lane of steps whose actor could not be read.
UNKNOWN_LANE = "?"


@dataclass
class Lane:
    name: str
    x: float
    width: float
    lines: list[str]


@dataclass
class Node:
    number: int
    shape: str  # start | end | process | decision | connector
    cx: float
    cy: float
    w: float
    h: float
    row_y: float
    activity_lines: list[str]
    activity: str
    findings: int = 0
    worst: str | None = None  # error | warning | info

    @property
    def points(self) -> str:
        """Diamond corners as an SVG points list."""
        hw, hh = self.w / 2, self.h / 2
        return (
            f"{self.cx},{self.cy - hh} {self.cx + hw},{self.cy} "
            f"{self.cx},{self.cy + hh} {self.cx - hw},{self.cy}"
        )


@dataclass
class Edge:
    points: list[tuple[float, float]]
    label: str | None = None

    @property
    def svg_points(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass
class Flowchart:
    width: float
    height: float
    lanes: list[Lane]
    nodes: list[Node]
    edges: list[Edge] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.nodes


def _wrap(text: str, width: int, lines: int) -> list[str]:
    out = textwrap.wrap(" ".join((text or "").split()), width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _shape(step: dict[str, Any], first: bool, last: bool) -> str:
    symbol = step.get("symbol")
    if symbol in ("start", "end", "decision", "connector", "process"):
        return symbol
    if first:
        return "start"
    if last:
        return "end"
    return "process"


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def layout(
    record: dict[str, Any], findings: list[dict[str, Any]], yes: str = "Ya", no: str = "Tidak"
) -> Flowchart:
    """Lay out an SOP record's steps; steps with findings carry their count and worst severity."""
    steps = sorted(record.get("steps") or [], key=lambda s: s.get("number") or 0)
    names = [r for r in record.get("roles") or [] if r]
    for step in steps:
        actor = step.get("actor")
        if actor and actor not in names:
            names.append(actor)
    if any(not step.get("actor") for step in steps):
        names.append(UNKNOWN_LANE)
    lanes = [
        Lane(name, ACTIVITY_W + i * LANE_W, LANE_W, _wrap(name, LANE_CHARS, LANE_LINES))
        for i, name in enumerate(names)
    ]
    lane_x = {lane.name: lane.x + lane.width / 2 for lane in lanes}
    per_step: dict[int, list[str]] = {}
    for f in findings:
        if f.get("step") is not None:
            per_step.setdefault(int(f["step"]), []).append(str(f.get("severity")))
    nodes: list[Node] = []
    for i, step in enumerate(steps):
        shape = _shape(step, i == 0, i == len(steps) - 1)
        w, h = {"decision": (DIAMOND_W, DIAMOND_H), "connector": (2 * CIRCLE_R, 2 * CIRCLE_R)}.get(
            shape, (NODE_W, NODE_H)
        )
        row_y = HEADER_H + i * ROW_H
        sev = per_step.get(int(step.get("number") or 0), [])
        nodes.append(
            Node(
                number=int(step.get("number") or i + 1),
                shape=shape,
                cx=lane_x[step.get("actor") or UNKNOWN_LANE],
                cy=row_y + ROW_H / 2,
                w=w,
                h=h,
                row_y=row_y,
                activity_lines=_wrap(
                    f"{step.get('number')}. {step.get('activity') or ''}",
                    ACTIVITY_CHARS,
                    ACTIVITY_LINES,
                ),
                activity=step.get("activity") or "",
                findings=len(sev),
                worst=min(sev, key=lambda s: SEVERITY_RANK.get(s, 3)) if sev else None,
            )
        )
    chart = Flowchart(
        width=ACTIVITY_W + LANE_W * max(1, len(lanes)),
        height=HEADER_H + ROW_H * max(1, len(nodes)),
        lanes=lanes,
        nodes=nodes,
    )
    chart.edges = _edges(steps, nodes, yes, no)
    return chart


def _edges(steps: list[dict[str, Any]], nodes: list[Node], yes: str, no: str) -> list[Edge]:
    by_number = {n.number: n for n in nodes}
    edges: list[Edge] = []
    for i, (step, node) in enumerate(zip(steps, nodes, strict=True)):
        targets = [int(t) for t in step.get("next") or [] if int(t) in by_number]
        if not targets and node.shape != "end" and i + 1 < len(nodes):
            targets = [nodes[i + 1].number]
        for k, target in enumerate(targets):
            label = None
            if node.shape == "decision" and len(targets) > 1:
                label = yes if k == 0 else no
            edges.append(Edge(_route(node, by_number[target]), label))
    return edges


def _route(src: Node, dst: Node) -> list[tuple[float, float]]:
    """An orthogonal path: down and across to a later step, round the right side back up."""
    if dst.row_y > src.row_y:
        start = (src.cx, src.cy + src.h / 2)
        end = (dst.cx, dst.cy - dst.h / 2)
        if abs(src.cx - dst.cx) < 0.5:
            return [start, end]
        turn = dst.row_y + (ROW_H - dst.h) / 4
        return [start, (src.cx, turn), (dst.cx, turn), end]
    side = max(src.cx, dst.cx) + LANE_W / 2 - 8
    return [
        (src.cx + src.w / 2, src.cy),
        (side, src.cy),
        (side, dst.cy),
        (dst.cx + dst.w / 2, dst.cy),
    ]

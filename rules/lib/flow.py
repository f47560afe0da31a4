"""The procedure as a graph: successors (explicit ``next`` or the following row), reachability,
and the longest path by duration."""

from __future__ import annotations

from collections.abc import Callable

from extractor.models import Step
from rules.lib.knowledge import load
from rules.lib.text import normalise


def successors(steps: list[Step]) -> dict[int, list[int]]:
    """Each step's successors: its ``next``, else the following row (none after an end)."""
    numbers = [s.number for s in steps]
    out: dict[int, list[int]] = {}
    for i, step in enumerate(steps):
        if step.next:
            out[step.number] = list(step.next)
        elif step.symbol != "end" and i + 1 < len(steps):
            out[step.number] = [numbers[i + 1]]
        else:
            out[step.number] = []
    return out


def reachable(graph: dict[int, list[int]], start: int) -> set[int]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph.get(todo.pop(), []):
            if nxt in graph and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def reaches_end(graph: dict[int, list[int]], ends: set[int]) -> set[int]:
    """Steps from which an end can be reached."""
    reverse: dict[int, list[int]] = {n: [] for n in graph}
    for src, dsts in graph.items():
        for dst in dsts:
            if dst in reverse:
                reverse[dst].append(src)
    seen, todo = set(ends), list(ends)
    while todo:
        for prev in reverse.get(todo.pop(), []):
            if prev not in seen:
                seen.add(prev)
                todo.append(prev)
    return seen


def longest_path(steps: list[Step], weight: Callable[[Step], float]) -> tuple[float, list[int]]:
    """Heaviest path from the first step following the flow; loops back are ignored.

    Edges to a step with a number not greater than the current one are loop-backs
    ("Tidak" branches back to an earlier step) and are not followed.
    """
    if not steps:
        return 0.0, []
    graph = successors(steps)
    by_number = {s.number: s for s in steps}
    best: dict[int, tuple[float, list[int]]] = {}
    for number in sorted(by_number, reverse=True):
        forward = [n for n in graph.get(number, []) if n > number and n in by_number]
        tail = max((best[n] for n in forward), key=lambda t: t[0], default=(0.0, []))
        best[number] = (weight(by_number[number]) + tail[0], [number, *tail[1]])
    return best[steps[0].number]


def is_negative_answer(label: str | None) -> bool:
    """A branch label that answers "no" ("Tidak", "Tidak lengkap", "Ditolak")."""
    words = normalise(label).split()
    return bool(words) and words[0] in load("vocabulary")["negative_answers"]

"""EXT001: the actors could not be read because the flowchart symbols were lost."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class ActorsUnknown(Rule):
    """The flowchart symbols were lost in reading, so actors and symbols could not be checked."""

    code = "EXT001"
    name = "actors-unknown"
    category = Category.EXTRACTION
    severity = Severity.INFO
    regulation = None
    title = {"id": "Pelaksana tidak terbaca", "en": "Actors could not be read"}
    rationale = {
        "id": "Ekspor teks atau pindaian sering menghilangkan simbol bagan alir. Pelaksana tidak "
        "ditebak: pemeriksaan peran dan simbol dilewati dan dilaporkan sekali di sini.",
        "en": "Text exports and scans often lose the flowchart symbols. Actors are never "
        "guessed: role and symbol checks are skipped and reported once here.",
    }
    messages = {
        "message": {
            "id": "Pelaksana langkah {steps} tidak dapat dibaca (simbol bagan alir hilang saat "
            "dokumen dibaca); pelaksana, simbol mulai/selesai dan keputusan tidak dapat diperiksa.",
            "en": "The actors of steps {steps} could not be read (the flowchart symbols were lost "
            "in reading); actors, start/end symbols and decisions could not be checked.",
        },
        "suggestion": {
            "id": (
                "Unggah PDF asli atau DOCX dengan simbol bagan alir, atau periksa kolom "
                "Pelaksana secara manual."
            ),
            "en": (
                "Upload the original PDF or DOCX with its flowchart symbols, or check the "
                "executor columns by hand."
            ),
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.symbols_lost:
            yield self.finding(
                ctx,
                section="steps",
                path="steps",
                steps=_ranges(ctx.steps_without_actor),
                data={"steps": ctx.steps_without_actor},
            )


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → '1–3, 5'."""
    groups: list[list[int]] = []
    for n in sorted(numbers):
        if groups and n == groups[-1][1] + 1:
            groups[-1][1] = n
        else:
            groups.append([n, n])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in groups)

"""STR106: a Bab III analysis element is missing."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib import lkip
from rules.models import Category, Finding, Severity


class LkipAnalysisMissing(Rule):
    """Bab III lacks one of the required analyses of performance."""

    code = "STR106"
    name = "lkip-analysis-missing"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Bab III A butir 1-7"
    title = {
        "id": "Analisis capaian kinerja tidak lengkap",
        "en": "Performance analysis incomplete",
    }
    rationale = {
        "id": "Untuk setiap sasaran, Bab III membandingkan realisasi dengan target, dengan "
        "tahun-tahun sebelumnya dan dengan target Renstra, serta menganalisis penyebab dan "
        "efisiensi penggunaan sumber daya.",
        "en": "For each objective, chapter III compares results with the target, with previous "
        "years and with the Renstra target, and analyses causes and efficiency.",
    }
    messages = {
        "message": {
            "id": "Bab III tidak memuat {analysis}.",
            "en": "Chapter III contains no {analysis}.",
        },
        "suggestion": {
            "id": "Lengkapi uraian Bab III dengan {analysis}.",
            "en": "Add the {analysis} to chapter III.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        if not any(c.key == "akuntabilitas_kinerja" for c in rec.chapters):
            return  # no Bab III: STR101 says so
        for element in lkip.analyses():
            if element["required"] and element["key"] not in rec.analyses_found:
                yield self.finding(
                    ctx,
                    section="analyses_found",
                    path="analyses_found",
                    analysis=element[ctx.lang],
                    data={"analysis": element["key"]},
                )

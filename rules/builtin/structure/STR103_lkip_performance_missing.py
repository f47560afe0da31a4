"""STR103: Bab III without capaian kinerja."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class LkipPerformanceMissing(Rule):
    """Bab III shows no performance measurement (capaian kinerja)."""

    code = "STR103"
    name = "lkip-performance-missing"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    applies_to = ("lkip",)
    regulation = "Permen PANRB 53/2014, Format Laporan Kinerja, Bab III A"
    title = {"id": "Capaian kinerja tidak disajikan", "en": "Performance results missing"}
    rationale = {
        "id": "Bab III huruf A menyajikan capaian kinerja organisasi untuk setiap sasaran "
        "strategis: target, realisasi dan capaiannya.",
        "en": "Chapter III A presents, for every strategic objective, target, result and "
        "achievement.",
    }
    messages = {
        "message": {
            "id": "Bab III tidak memuat capaian kinerja organisasi (tabel target, realisasi dan "
            "capaian tidak ditemukan).",
            "en": "Chapter III has no performance results (no table of target, result and "
            "achievement was found).",
        },
        "suggestion": {
            "id": "Sajikan tabel capaian kinerja per indikator pada Bab III huruf A.",
            "en": "Add the per-indicator performance table in Chapter III A.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        rec = ctx.record
        if not rec.indicators and "capaian_kinerja" not in rec.sections_found:
            yield self.finding(ctx, section="indicators", path="indicators")

"""EXT999: a rule could not run (internal; produced by the engine, never by a record)."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.models import Category, Finding, Severity


class RuleFailed(Rule):
    """A rule failed while checking this record; its checks are missing from the report."""

    code = "EXT999"
    name = "rule-failed"
    category = Category.EXTRACTION
    severity = Severity.INFO
    internal = True
    applies_to = ("sop", "lkip")
    regulation = None
    title = {"id": "Aturan gagal dijalankan", "en": "Rule failed to run"}
    rationale = {
        "id": "Kesalahan di dalam satu aturan tidak menggagalkan seluruh laporan; aturan itu "
        "dilaporkan sebagai tidak dapat memeriksa.",
        "en": "A fault inside one rule does not fail the whole report; the rule is reported as "
        "unable to check.",
    }
    messages = {
        "message": {
            "id": (
                "Aturan {code} tidak dapat dijalankan pada dokumen ini ({error}); hasil "
                "aturan itu tidak ada dalam laporan."
            ),
            "en": (
                "Rule {code} could not run on this document ({error}); its results are "
                "missing from the report."
            ),
        },
        "suggestion": {
            "id": "Laporkan dokumen ini kepada pengelola sopcheck.",
            "en": "Report this document to the sopcheck maintainers.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        return iter(())

"""LEG004: a known regulation is cited with a garbled subject."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import cite, foreign_words_source
from rules.lib.text import quote
from rules.models import Category, Finding, Severity


class RegulationSubjectGarbled(Rule):
    """The subject of a known regulation is recognisable but not its official title."""

    code = "LEG004"
    applies_to = ("sop", "lkip")
    name = "regulation-subject-garbled"
    category = Category.LEGAL_BASIS
    severity = Severity.WARNING
    regulation = (
        "UU 12/2011 Lampiran II (judul peraturan dikutip sesuai aslinya); domain.md §3.3 butir 4"
    )
    title = {"id": "Judul peraturan tidak sesuai judul resmi", "en": "Garbled regulation subject"}
    rationale = {
        "id": "Judul peraturan dikutip persis; kata yang hilang atau tercampur judul peraturan "
        "lain menandakan salin-tempel yang keliru. Perbedaan huruf besar/kecil dan salah ketik "
        "kecil diabaikan.",
        "en": "A subject is quoted as enacted; missing words or words of another regulation's "
        "title point at a bad copy-paste. Case and small typos are ignored.",
    }
    messages = {
        "message": {
            "id": "Judul {ref} pada dasar hukum butir {item} tidak sesuai judul resminya{detail}.",
            "en": (
                "The subject of {ref} in legal basis item {item} differs from its official "
                "title{detail}."
            ),
        },
        "missing": {"id": "kata yang hilang: {words}", "en": "missing words: {words}"},
        "extra": {
            "id": "kata yang tidak termasuk: {words}",
            "en": "words that do not belong: {words}",
        },
        "foreign": {
            "id": "kata-kata dari judul {other}",
            "en": "words from the title of {other}",
        },
        "suggestion": {
            "id": "Gunakan judul resmi: {official}.",
            "en": "Use the official title: {official}.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for res in ctx.resolutions:
            if res.status != "exact" or res.subject.verdict != "garbled" or res.entry is None:
                continue
            parts = []
            if res.subject.missing:
                parts.append(self.text(ctx, "missing", words=res.subject.missing))
            if res.subject.extra:
                other = foreign_words_source(res.subject.extra, ctx.catalogue, res.entry)
                if other is not None:
                    parts.append(self.text(ctx, "foreign", other=cite(other)))
                parts.append(self.text(ctx, "extra", words=res.subject.extra))
            yield self.finding(
                ctx,
                section="legal_basis",
                path=f"legal_basis[{res.index}]",
                evidence=quote(res.citation.text),
                prov=res.citation.prov,
                item=res.index + 1,
                ref=cite(res.entry),
                detail=" (" + "; ".join(parts) + ")" if parts else "",
                official=cite(res.entry, with_subject=True),
                data={"missing": res.subject.missing, "extra": res.subject.extra},
            )

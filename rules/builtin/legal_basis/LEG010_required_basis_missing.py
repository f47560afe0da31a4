"""LEG010: the basis a topic requires is not cited."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.regulations import RegRef, cite
from rules.lib.text import normalise
from rules.lib.topics import topics_of
from rules.models import Category, Finding, Severity


class RequiredBasisMissing(Rule):
    """An SOP on a topic with a required legal basis does not cite it."""

    code = "LEG010"
    name = "required-basis-missing"
    category = Category.LEGAL_BASIS
    severity = Severity.WARNING
    regulation = "rules/data/topics.yml; domain.md §3.3 butir 8"
    title = {"id": "Dasar hukum pokok tidak dicantumkan", "en": "Required legal basis missing"}
    rationale = {
        "id": "SOP tentang LKIP/LAKIP/SAKIP/perjanjian kinerja berdasar Perpres 29/2014 dan "
        "Permen PANRB 53/2014 (atau Perkada tentang SAKIP); tanpa itu dasar hukumnya tidak "
        "relevan.",
        "en": "SOPs on LKIP/LAKIP/SAKIP/performance agreements rest on Perpres 29/2014 and "
        "Permen PANRB 53/2014 (or the regional SAKIP regulation).",
    }
    messages = {
        "message": {
            "id": "SOP tentang {topic} tidak mencantumkan {ref} dalam dasar hukum.",
            "en": "This SOP on {topic} does not cite {ref} in its legal basis.",
        },
        "suggestion": {
            "id": "Tambahkan {official} ke Dasar Hukum.",
            "en": "Add {official} to the legal basis.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        cited: set[tuple[str, str, int]] = set()
        local_subjects: list[str] = []
        for res in ctx.resolutions:
            if res.entry is not None:
                cited.add(res.entry.ref.key)
            if res.ref is not None:
                cited.add(res.ref.key)
            if res.local:
                local_subjects.append(normalise(res.citation.subject or res.citation.text))
        for topic in topics_of(ctx):
            for group in topic.get("required", []):
                refs = [
                    RegRef(r["type"], str(r["number"]), int(r["year"]))
                    for r in group["regulations"]
                ]
                if any(ref.key in cited for ref in refs):
                    continue
                keywords = [normalise(k) for k in group.get("local_keywords", [])]
                if any(k in subject for k in keywords for subject in local_subjects):
                    continue
                first = ctx.catalogue.get(refs[0])
                yield self.finding(
                    ctx,
                    section="legal_basis",
                    path="legal_basis",
                    topic=topic["name"][ctx.lang],
                    ref=cite(refs[0]),
                    official=cite(first or refs[0], with_subject=True),
                )

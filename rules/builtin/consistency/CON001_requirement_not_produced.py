"""CON001: a requirement that nothing earlier produced."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from rules.base import Rule
from rules.context import Context, symbols_of
from rules.lib.knowledge import load
from rules.lib.text import content_words, covers, normalise, word_in
from rules.lib.timing import kind_of
from rules.models import Category, Finding, Severity

if TYPE_CHECKING:
    from extractor.models import Step


@cache
def _external_words() -> tuple[str, ...]:
    return tuple(normalise(w) for w in load("vocabulary")["external_inputs"])


def is_external(requirement: str) -> bool:
    """Inputs that come from outside by nature (regulations, incoming letters, applications)."""
    text = normalise(requirement)
    return any(f" {w} " in f" {text} " for w in _external_words())


#: Activity kinds that decide something even when the diamond was lost (text exports).
CHECKING_KINDS = frozenset({"review", "analyse"})


def decision_outcome(requirement: str, earlier: list[Step]) -> bool:
    """The requirement is the answer of an earlier decision ("Berkas tidak lengkap" after
    "Memverifikasi kelengkapan berkas"): outcome words stripped, the rest is what it checked.
    """
    words = content_words(requirement)
    outcome = set(load("vocabulary")["decision_outcomes"])
    core = " ".join(w for w in words if w not in outcome)
    if not core or len(core.split()) == len(words):
        return False
    for step in earlier:
        kind = kind_of(step.activity)
        checks = kind is not None and kind.key in CHECKING_KINDS
        if "decision" not in symbols_of(step) and not checks:
            continue
        texts = [step.activity, *step.requirements, *(x for x in [step.output] if x)]
        if any(covers(t, core) for t in texts):
            return True
    return False


def _misread_match(ctx: Context, req: str, supplies: list[str]) -> list[str]:
    """On a record read by OCR, the misread words (:meth:`Context.misread`) that may hide
    a match: the requirement's own, or those of an earlier text that shares a word with
    it ("Jadwal verifikasi" after the output "Jadwal vertiuss")."""
    words = ctx.misread(req)
    need = content_words(req)
    for supply in supplies:
        if any(word_in(w, need, ocr=True) for w in content_words(supply)):
            words += [w for w in ctx.misread(supply) if w not in words]
    return words


class RequirementNotProduced(Rule):
    """A step needs a Kelengkapan that no earlier step produced and the SOP does not provide."""

    code = "CON001"
    name = "requirement-not-produced"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran, Mutu Baku (kelengkapan/standar input dan output)"
    title = {
        "id": "Kelengkapan tidak berasal dari langkah sebelumnya",
        "en": "Requirement not produced earlier",
    }
    rationale = {
        "id": "Output suatu langkah menjadi kelengkapan langkah berikutnya; kelengkapan yang "
        "tidak dihasilkan langkah sebelumnya dan tidak ada di Peralatan/Perlengkapan atau "
        "Keterkaitan menandakan alur yang terputus.",
        "en": "A step's output is the next step's requirement; a requirement that no earlier "
        "step produced and that is not in the equipment or related SOPs shows a broken chain.",
    }
    messages = {
        "message": {
            "id": "Kelengkapan langkah {step} '{requirement}' tidak dihasilkan oleh langkah "
            "sebelumnya dan tidak tercantum pada Peralatan/Perlengkapan atau Keterkaitan.",
            "en": "Step {step}'s requirement '{requirement}' is not produced by an earlier step "
            "and is not listed in the equipment or related SOPs.",
        },
        "suggestion": {
            "id": "Samakan kelengkapan langkah {step} dengan output langkah sebelumnya{previous}, "
            "atau cantumkan '{requirement}' pada Peralatan/Perlengkapan.",
            "en": "Match step {step}'s requirement with an earlier step's output{previous}, or "
            "list '{requirement}' under equipment.",
        },
        "previous": {"id": " (mis. '{output}')", "en": " (e.g. '{output}')"},
        "misread": {
            "id": "Kelengkapan langkah {step} '{requirement}' tidak cocok dengan output "
            "langkah sebelumnya, tetapi hasil OCR memuat kata yang tidak terbaca jelas "
            "({words}); periksa halaman aslinya sebelum menilai alurnya.",
            "en": "Step {step}'s requirement '{requirement}' matches no earlier output, but "
            "the OCR reading holds words that did not read clearly ({words}); check the "
            "page itself before judging the chain.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        record = ctx.record
        available = [*record.equipment, *record.related_sops, *record.records]
        ocr = record.source.ocr  # misread words are not the document's own
        for i, step in enumerate(record.steps):
            supplies = [*available, *(x for x in [step.output] if x)]
            if i > 0:
                for req in step.requirements:
                    if ctx.unreadable(req):
                        continue  # read past reading: EXT005
                    if is_external(req) or any(covers(s, req, ocr=ocr) for s in supplies):
                        continue
                    if decision_outcome(req, record.steps[:i]):
                        continue
                    previous = record.steps[i - 1].output
                    misread = _misread_match(ctx, req, supplies)
                    yield self.finding(
                        ctx,
                        key="misread" if misread else "message",
                        suggest=None if misread else "suggestion",
                        section="steps",
                        step=step.number,
                        path=f"steps[{i}].requirements",
                        evidence=req,
                        prov=step.prov,
                        # a misreading is not the document's fault: a note to look
                        severity=Severity.INFO if misread else None,
                        requirement=req,
                        words=", ".join(f"'{w}'" for w in misread),
                        previous=self.text(ctx, "previous", output=previous) if previous else "",
                    )
            # what this step had, made or did is available to the steps after it
            available += [*step.requirements, step.activity, *(x for x in [step.output] if x)]

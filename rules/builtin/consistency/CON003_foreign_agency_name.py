"""CON003: another region's or agency's name inside the SOP body."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

import re
from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.knowledge import load
from rules.lib.text import normalise, quote
from rules.models import Category, Finding, Severity

# "Kabupaten Tabalong", "Kab. Tabalong", "Kota Banjarmasin", "Kecamatan Paringin": a region
# or sub-district word and the (up to three) words of its name, in normalised text.
PLACE = re.compile(
    r"\b(?P<kind>kabupaten|kab|kota|kecamatan|kelurahan)\s+(?P<name>[a-z]+(?:\s+[a-z]+){0,2})"
)
# Words that end a place name ("Kecamatan Tebing Tinggi dan …").
NAME_STOP = frozenset(
    [
        "dan",
        "atau",
        "untuk",
        "yang",
        "di",
        "ke",
        "dari",
        "pada",
        "dengan",
        "serta",
        "oleh",
        "tahun",
        "nomor",
        "melalui",
        "sesuai",
    ]
)
# Prepositions before a name that mean communication with that place, not a copied text.
CONTACT_WORDS = frozenset(["kepada", "ke", "dari", "dengan", "oleh", "antar"])
KIND_GROUP = {
    "kabupaten": "region",
    "kab": "region",
    "kota": "region",
    "kecamatan": "kecamatan",
    "kelurahan": "kelurahan",
}


def _own_places(ctx: Context) -> dict[str, list[str]]:
    """Own region / kecamatan / kelurahan names, from the profile and the identity."""
    texts = [ctx.profile.region, ctx.record.identity.agency, ctx.record.identity.unit]
    if ctx.record.signature:
        texts.append(ctx.record.signature.position)
    if ctx.record.identity.approved_by:
        texts.append(ctx.record.identity.approved_by.position)
    own: dict[str, list[str]] = {}
    for text in texts:
        for m in PLACE.finditer(normalise(text)):
            own.setdefault(KIND_GROUP[m.group("kind")], []).append(_name(m.group("name")))
    return own


def _name(words: str) -> str:
    kept = []
    stops = NAME_STOP | set(load("vocabulary")["stopwords"])
    for w in words.split():
        if w in stops:
            break
        kept.append(w)
    return " ".join(kept)


class ForeignAgencyName(Rule):
    """The body names another region or sub-district, as when copied from a foreign SOP."""

    code = "CON003"
    name = "foreign-agency-name"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = "Permen PANRB 35/2012, Lampiran (SOP disusun oleh dan untuk unit kerja sendiri)"
    title = {
        "id": "Nama instansi/daerah lain di dalam SOP",
        "en": "Another agency's name in the SOP",
    }
    rationale = {
        "id": "Nama daerah atau kecamatan lain di dalam uraian menandakan SOP yang disalin dari "
        "instansi lain tanpa disesuaikan.",
        "en": "Another region's or sub-district's name in the text shows an SOP copied from "
        "another agency without adapting it.",
    }
    messages = {
        "message": {
            "id": "{where} menyebut '{place}', padahal SOP ini milik {own}.",
            "en": "{where} names '{place}', but this SOP belongs to {own}.",
        },
        "where_step": {"id": "Langkah {n}", "en": "Step {n}"},
        "where_box": {"id": "Kotak '{box}'", "en": "The '{box}' box"},
        "suggestion": {
            "id": (
                "Ganti '{place}' dengan nama instansi/daerah sendiri bila teks ini disalin "
                "dari SOP lain."
            ),
            "en": (
                "Replace '{place}' with the agency's own name if this text was copied from "
                "another SOP."
            ),
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        own = _own_places(ctx)
        if not own:
            return
        record = ctx.record
        texts: list[tuple[str, int | None, str, str | None]] = []
        for i, step in enumerate(record.steps):
            for text in [step.activity, step.output, step.notes, *step.requirements]:
                if text:
                    texts.append((text, step.number, f"steps[{i}]", None))
        for box in ("qualifications", "related_sops", "equipment", "warnings", "records"):
            for j, text in enumerate(getattr(record, box)):
                texts.append((text, None, f"{box}[{j}]", box))
        own_label = record.identity.agency or ctx.profile.region or ""
        for text, step, path, box in texts:
            norm = normalise(text)
            for m in PLACE.finditer(norm):
                group = KIND_GROUP[m.group("kind")]
                name = _name(m.group("name"))
                before = norm[: m.start()].split()[-1:]
                if group not in own or not name or (before and before[0] in CONTACT_WORDS):
                    continue
                if before and before[0] in load("vocabulary")["place_title_words"]:
                    continue  # "Wali Kota": a title, not the city of that name
                if any(name.startswith(o) or o.startswith(name) for o in own[group] if o):
                    continue
                where = (
                    self.text(ctx, "where_step", n=step)
                    if step is not None
                    else self.text(ctx, "where_box", box=ctx.label("sections", box or ""))
                )
                yield self.finding(
                    ctx,
                    section="steps" if step is not None else box,
                    step=step,
                    path=path,
                    evidence=quote(text),
                    where=where,
                    place=f"{m.group('kind').capitalize()} {name.title()}",
                    own=own_label,
                )

"""What a rule sees: the record, the profile, the language, and facts derived once per check."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from extractor.models import LKIPRecord, SOPRecord, Step
from rules.lib import regulations as regs
from rules.lib.knowledge import load
from rules.lib.text import misread_words, normalise, readable, tokens
from rules.lib.timing import ActivityKind, parse_norm, unit_minutes
from rules.lib.titles import AgencyType, Title, agency_type_of, recognise
from rules.profile import Profile

#: The working day the extractor used to convert "Hari" into minutes (contract.md).
EXTRACTOR_WORKDAY_HOURS = 8.0
#: Share of steps without a readable actor, with extraction notes present, that means the
#: flowchart symbols were lost rather than left out by the author.
LOST_SHARE = 0.5


def parse_date(value: str | None) -> date | None:
    """An ISO date of the record, None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def has_actor_info(step: Step) -> bool:
    """The row shows who acts: an actor, or a mark with a readable symbol."""
    return step.actor is not None or any(m.symbol is not None for m in step.marks)


class Context:
    """One check of one record: shared, lazily computed facts for all rules."""

    def __init__(self, record: SOPRecord | LKIPRecord, profile: Profile, lang: str = "id") -> None:
        self.record = record
        self.profile = profile
        self.lang = "en" if lang == "en" else "id"

    # -- text helpers ---------------------------------------------------------------------

    def label(self, group: str, key: str) -> str:
        """A label from rules/data/vocabulary.yml (sections, identity_fields…)."""
        entry = load("vocabulary")[group][key]
        entry = entry.get("label", entry)
        return entry[self.lang]

    # -- dates ----------------------------------------------------------------------------

    @cached_property
    def created(self) -> date | None:
        if self.record.kind == "lkip":  # an LKIP: signed, else the end of its year
            ident = self.record.identity
            year_end = date(ident.year, 12, 31) if ident.year else None
            return parse_date(ident.date) or year_end
        return parse_date(self.record.identity.created)

    @cached_property
    def effective(self) -> date | None:
        return parse_date(getattr(self.record.identity, "effective", None))

    @cached_property
    def revised(self) -> date | None:
        return parse_date(getattr(self.record.identity, "revised", None))

    @cached_property
    def signed(self) -> date | None:
        signature = getattr(self.record, "signature", None)
        return parse_date(signature.date) if signature else None

    @cached_property
    def sop_date(self) -> date | None:
        """When the SOP took effect (or, failing that, was made)."""
        return self.effective or self.created

    # -- texts --------------------------------------------------------------------------

    @cached_property
    def record_words(self) -> frozenset[str]:
        """Lower-case tokens of the record's running texts (steps' activities, the
        identity, the identity page's boxes): what an OCR'd Mutu Baku entry is read
        against besides the language (``text.readable``: an acronym such as "SPP-LS" is
        no dictionary word but the activity names it)."""
        rec = self.record
        texts: list[str | None] = [s.activity for s in getattr(rec, "steps", [])]
        ident = rec.identity
        texts += [getattr(ident, k, None) for k in ("title", "agency", "unit")]
        for key in ("equipment", "records", "related_sops", "qualifications", "warnings"):
            texts += getattr(rec, key, [])
        texts += [c.text for c in getattr(rec, "legal_basis", [])]
        return frozenset(w for t in texts for w in tokens(t))

    def unreadable(self, text: str | None) -> bool:
        """Whether a text of a record read by OCR was read past reading (no word the
        language, the domain or the record itself knows): EXT005 reports it, and the rules
        that would judge its words leave it."""
        return self.record.source.ocr and not readable(text, self.record_words)

    def misread(self, text: str | None) -> list[str]:
        """The words of a text of a record read by OCR that read as no word
        (:func:`text.misread_words`); none for a born-digital record, whose words are the
        document's own."""
        if not self.record.source.ocr:
            return []
        return misread_words(text, self.record_words)

    # -- legal basis ----------------------------------------------------------------------

    @cached_property
    def catalogue(self) -> regs.Catalogue:
        return regs.national().merged(self.profile.local_catalogue)

    @cached_property
    def resolutions(self) -> list[regs.Resolution]:
        return [regs.resolve(c, i, self.catalogue) for i, c in enumerate(self.record.legal_basis)]

    # -- agency and roles -----------------------------------------------------------------

    @cached_property
    def agency_type(self) -> AgencyType | None:
        ident = self.record.identity
        approver = ident.approved_by.position if ident.approved_by else None
        signer = self.record.signature.position if self.record.signature else None
        for text in (ident.agency, ident.unit, approver, signer):
            found = agency_type_of(text)
            if found is not None:
                return found
        head = recognise(approver) or recognise(signer)
        if head is not None and head.head and head.agency_types:
            return next((a for a in _types() if a.key == head.agency_types[0]), None)
        return None

    @cached_property
    def role_titles(self) -> dict[str, Title | None]:
        return {role: recognise(role) for role in self.record.roles}

    def role_rank(self, role: str | None) -> int | None:
        title = self.role_titles.get(role or "") if role else None
        return title.rank if title else None

    def is_role(self, name: str | None) -> bool:
        norm = normalise(name)
        return any(normalise(r) == norm for r in self.record.roles)

    # -- flowchart symbols ----------------------------------------------------------------

    @cached_property
    def steps_without_actor(self) -> list[int]:
        return [s.number for s in self.record.steps if not has_actor_info(s)]

    @cached_property
    def symbols_lost(self) -> bool:
        """The flowchart symbols were lost in reading: roles cannot be checked, only reported.

        True when no step shows an actor at all, or when the extractor left notes and at
        least half the steps show none. Rules that need actors or symbols then stay silent
        and EXT001 says once that they could not be checked ("never guessed").
        """
        steps = self.record.steps
        if not steps:
            return False
        missing = len(self.steps_without_actor)
        notes = any(_is_symbol_note(n) for n in self.record.extraction_notes)
        if notes and missing:
            return True
        return missing == len(steps) or (
            bool(self.record.extraction_notes) and missing / len(steps) >= LOST_SHARE
        )

    # -- time -----------------------------------------------------------------------------

    def minutes(self, step: Step) -> float | None:
        """The step's duration in minutes with the profile's working day."""
        d = step.duration
        if d is None or d.minutes is None:
            return None
        if d.unit and d.unit.lower() in ("hari", "minggu", "bulan", "tahun"):
            return d.minutes * self.profile.workday_hours / EXTRACTOR_WORKDAY_HOURS
        return d.minutes

    def max_minutes(self, step: Step) -> float | None:
        """Upper bound of a range duration ("1-2 hari"), else the duration."""
        d = step.duration
        value = self.minutes(step)
        if d is None or value is None or d.minutes_max is None or not d.minutes:
            return value
        return value * d.minutes_max / d.minutes

    def norm(self, kind: ActivityKind) -> tuple[float, float, str, str]:
        """(min minutes, max minutes, min text, max text) for a kind, profile overrides applied."""
        override = self.profile.time_norms.get(kind.key)
        low = (override.min if override and override.min else None) or kind.min
        high = (override.max if override and override.max else None) or kind.max
        hours = self.profile.workday_hours
        return parse_norm(low, hours), parse_norm(high, hours), low, high

    def unit_known(self, unit: str | None) -> bool:
        return bool(unit) and unit_minutes(unit or "", self.profile.workday_hours) is not None


def _types() -> tuple[AgencyType, ...]:
    from rules.lib.titles import agency_types

    return agency_types()


def _is_symbol_note(note: str) -> bool:
    code = note.split(":", 1)[0].strip().lower()
    return code in {"symbols_lost", "actors_unknown", "roles_unknown", "no_symbols"}


def actors_of(step: Step) -> list[str]:
    """The roles acting in a row: the marks' columns (with a symbol), else the actor."""
    roles: list[str] = []
    for mark in step.marks:
        if mark.symbol is not None and mark.role is not None and mark.role not in roles:
            roles.append(mark.role)
    if not roles and step.actor:
        roles.append(step.actor)
    return roles


def symbols_of(step: Step) -> set[str]:
    """Every symbol the row shows: the step's own and its marks' (a row may hold several)."""
    found = {m.symbol for m in step.marks if m.symbol is not None}
    if step.symbol is not None:
        found.add(step.symbol)
    return found

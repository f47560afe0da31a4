"""CON010: a position that does not exist in this kind of agency."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.text import quote
from rules.lib.titles import internal_mentions, recognise, title_by_key
from rules.models import Category, Finding, Severity


class TitleAgencyMismatch(Rule):
    """A role, approver or named position belongs to another agency type (Kadis in a Badan)."""

    code = "CON010"
    name = "title-agency-mismatch"
    category = Category.CONSISTENCY
    severity = Severity.WARNING
    regulation = (
        "Perda/Perbup SOTK perangkat daerah (nomenklatur jabatan per jenis perangkat daerah)"
    )
    title = {
        "id": "Jabatan tidak sesuai jenis instansi",
        "en": "Position does not fit the agency type",
    }
    rationale = {
        "id": "Nomenklatur jabatan mengikuti jenis perangkat daerah: Dinas dipimpin Kepala Dinas, "
        "Badan oleh Kepala Badan, Satpol PP oleh Kepala Satuan, Kecamatan oleh Camat. Jabatan "
        "instansi lain menandakan SOP yang disalin tanpa disesuaikan.",
        "en": "Position names follow the agency type: a Dinas is led by a Kepala Dinas, a Badan "
        "by a Kepala Badan, Satpol PP by a Kepala Satuan, a Kecamatan by a Camat. Another "
        "agency type's position shows a copied SOP.",
    }
    messages = {
        "message": {
            "id": "{where} menyebut '{found}', jabatan yang tidak ada di {agency}.",
            "en": "{where} names '{found}', a position that does not exist in a {agency}.",
        },
        "where_step": {"id": "Langkah {n}", "en": "Step {n}"},
        "where_role": {"id": "Kolom pelaksana", "en": "The executor column"},
        "where_approver": {"id": "Isian 'Disahkan Oleh'", "en": "'Disahkan Oleh'"},
        "where_signer": {"id": "Blok tanda tangan", "en": "The signature block"},
        "suggestion": {
            "id": "Ganti '{found}' dengan jabatan yang sesuai di {agency}{instead}.",
            "en": "Replace '{found}' with the matching position of a {agency}{instead}.",
        },
        "instead": {"id": " (mis. {title})", "en": " (e.g. {title})"},
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        agency = ctx.agency_type
        if agency is None:
            return
        record = ctx.record

        def foreign(title) -> bool:  # type: ignore[no-untyped-def]
            return bool(title and title.agency_types and agency.key not in title.agency_types)

        def counterpart(title) -> str:  # type: ignore[no-untyped-def]
            key = agency.head if title.head else agency.secretary if title.rank == 2 else None
            other = title_by_key(key) if key else None
            return self.text(ctx, "instead", title=other.label) if other else ""

        places = [("where_role", role, f"roles[{i}]", None) for i, role in enumerate(record.roles)]
        if record.identity.approved_by:
            places.append(
                (
                    "where_approver",
                    record.identity.approved_by.position,
                    "identity.approved_by.position",
                    None,
                )
            )
        if record.signature:
            places.append(("where_signer", record.signature.position, "signature.position", None))
        for where, text, path, _ in places:
            title = recognise(text)
            if foreign(title):
                yield self.finding(
                    ctx,
                    section="identity" if "identity" in path else path.split("[")[0].split(".")[0],
                    path=path,
                    evidence=text,
                    where=self.text(ctx, where),
                    found=text,
                    agency=agency.label,
                    instead=counterpart(title),
                )
        for i, step in enumerate(record.steps):
            for mention in internal_mentions(step.activity):
                # "kepada camat dan lurah": territorial heads are contacts of every agency
                if foreign(mention.title) and not mention.title.territorial:
                    found = mention.text.title()
                    yield self.finding(
                        ctx,
                        section="steps",
                        step=step.number,
                        path=f"steps[{i}].activity",
                        evidence=quote(step.activity),
                        prov=step.prov,
                        where=self.text(ctx, "where_step", n=step.number),
                        found=found,
                        agency=agency.label,
                        instead=counterpart(mention.title),
                    )
                    break

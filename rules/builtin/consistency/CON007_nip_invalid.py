"""CON007: an invalid NIP."""
# ruff: noqa: RUF012  # rule metadata are constants, declared ClassVar on rules.base.Rule

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Rule
from rules.context import Context
from rules.lib.nip import problems
from rules.models import Category, Finding, Severity

_PROBLEMS = {
    "length": {"id": "tidak terdiri atas 18 digit", "en": "is not 18 digits"},
    "birth_date": {
        "id": "tanggal lahir (digit 1-8) tidak sah",
        "en": "the birth date (digits 1-8) is invalid",
    },
    "appointment_date": {
        "id": "bulan pengangkatan (digit 9-14) tidak sah",
        "en": "the appointment month (digits 9-14) is invalid",
    },
    "too_young": {
        "id": "pengangkatan terjadi sebelum usia 18 tahun",
        "en": "the appointment falls before the age of 18",
    },
    "gender": {
        "id": "digit jenis kelamin (ke-15) bukan 1 atau 2",
        "en": "the gender digit (15th) is not 1 or 2",
    },
    "sequence": {
        "id": "nomor urut (digit 16-18) 000",
        "en": "the sequence number (digits 16-18) is 000",
    },
}


class NipInvalid(Rule):
    """The approver's or signer's NIP does not follow the NIP layout."""

    code = "CON007"
    name = "nip-invalid"
    category = Category.CONSISTENCY
    severity = Severity.ERROR
    regulation = "Susunan NIP PNS (BKN): tanggal lahir, TMT CPNS, jenis kelamin, nomor urut"
    title = {"id": "NIP tidak sah", "en": "Invalid NIP"}
    rationale = {
        "id": "NIP terdiri atas 18 digit: tanggal lahir, tahun-bulan pengangkatan, jenis kelamin "
        "(1/2) dan nomor urut; NIP yang menyimpang menandakan salah ketik.",
        "en": "A NIP has 18 digits: birth date, appointment year-month, gender (1/2) and a "
        "sequence number; a NIP that breaks this is mistyped.",
    }
    messages = {
        "message": {
            "id": "NIP {whose} ({nip}) tidak sah: {problems}.",
            "en": "The {whose} NIP ({nip}) is invalid: {problems}.",
        },
        "approver": {"id": "pejabat pengesah", "en": "approving official's"},
        "signer": {"id": "penanda tangan", "en": "signer's"},
        "suggestion": {
            "id": "Periksa NIP dengan data kepegawaian dan perbaiki penulisannya.",
            "en": "Check the NIP against the personnel records and correct it.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: set[str] = set()
        people = [
            ("approver", ctx.record.identity.approved_by, "identity.approved_by.nip"),
            ("signer", ctx.record.signature, "signature.nip"),
        ]
        for whose, person, path in people:
            if person is None or not person.nip or person.nip in seen:
                continue
            seen.add(person.nip)
            found = problems(person.nip, today=ctx.sop_date)
            if found:
                yield self.finding(
                    ctx,
                    section="signature" if whose == "signer" else "identity",
                    path=path,
                    evidence=person.nip,
                    whose=self.text(ctx, whose),
                    nip=person.nip,
                    problems=[_PROBLEMS[p][ctx.lang] for p in found],
                    data={"problems": found},
                )

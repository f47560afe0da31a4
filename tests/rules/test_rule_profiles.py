"""Profiles: selecting rules, severities, time norms, working day, local regulations."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_support import DATA_DIR, patched_record

from rules import Profile, ProfileError, check, load_profile
from rules.models import Severity

REPORT_DAYS = {"steps": {3: {"duration": {"text": "25 Hari", "minutes": 12000, "unit": "hari"}}}}


def codes(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in report.findings]


def test_default_profile_loads() -> None:
    profile = load_profile()
    assert profile.name == "default" and profile.workday_hours == 8
    assert load_profile("default") == profile


def test_ignore_and_select() -> None:
    record = patched_record({"signature": {"date": "2023-01-03"}})
    assert "CON005" in codes(check(record))
    assert "CON005" not in codes(check(record, Profile(ignore=["CON005"])))
    only_timing = check(record, Profile(select=["timing"]))
    assert {f.category.value for f in only_timing.findings} == {"timing"}
    only_con = check(record, Profile(select=["CON"]))
    assert codes(only_con) == ["CON005"]


def test_severity_override_changes_exit_relevant_counts() -> None:
    record = patched_record({"signature": {"date": "2023-01-03"}})
    report = check(record, Profile(severity={"CON005": Severity.INFO}))
    assert report.summary.errors == 0
    assert [f.severity for f in report.findings if f.rule == "CON005"] == [Severity.INFO]


def test_time_norm_override() -> None:
    record = patched_record(REPORT_DAYS)  # "Menyusun draft LKIP" in 25 days
    assert "TIM004" in codes(check(record))
    relaxed = Profile(time_norms={"compose_report": {"max": "30 hari"}})
    assert "TIM004" not in codes(check(record, relaxed))


def test_workday_hours_change_day_lengths() -> None:
    # a one-day disposition is plausible with 8-hour days ("max 1 hari") …
    record = patched_record(
        {"steps": {0: {"duration": {"text": "1 Hari", "minutes": 480, "unit": "hari"}}}}
    )
    assert "TIM004" not in codes(check(record))
    # … and the total is expressed with the profile's working day
    short_days = check(record, Profile(workday_hours=4))
    total = next(f for f in short_days.findings if f.rule == "TIM006")
    assert (
        total.data["total_minutes"]
        < next(f for f in check(record).findings if f.rule == "TIM006").data["total_minutes"]
    )


def test_toml_profile(tmp_path: Path) -> None:
    path = tmp_path / "strict.toml"
    path.write_text(
        'name = "strict"\nignore = ["TIM006"]\n[severity]\nLEG011 = "warning"\n', "utf-8"
    )
    profile = load_profile(path)
    assert profile.name == "strict" and profile.severity["LEG011"] == Severity.WARNING
    assert "TIM006" not in codes(check(patched_record({}), profile))


def test_local_catalogue_csv_and_json(tmp_path: Path) -> None:
    perbup = {
        "text": "Peraturan Bupati Sukamaju Nomor 38 Tahun 2021 tentang Tata Kerja Dinas Pendidikan",
        "type": "Peraturan Bupati",
        "number": "38",
        "year": 2021,
        "subject": "Tata Kerja Dinas Pendidikan",
    }
    record = patched_record({"legal_basis": {3: perbup}})
    assert "LEG011" in codes(check(record))
    csv_profile = load_profile(DATA_DIR / "sukamaju.yml")
    found = check(record, csv_profile)
    # now verifiable: known in the JDIH export, but under another subject
    assert "LEG011" not in codes(found) and "LEG005" in codes(found)
    json_profile = tmp_path / "p.yml"
    json_profile.write_text(f"local_regulations: {DATA_DIR / 'jdih-sukamaju.json'}\n", "utf-8")
    assert "LEG005" in codes(check(record, load_profile(json_profile)))


def test_revoked_local_regulation_is_found() -> None:
    perbup = {
        "text": (
            "Peraturan Bupati Sukamaju Nomor 12 Tahun 2016 tentang Sistem Akuntabilitas "
            "Kinerja Instansi Pemerintah Daerah"
        ),
        "type": "Peraturan Bupati",
        "number": "12",
        "year": 2016,
        "subject": "Sistem Akuntabilitas Kinerja Instansi Pemerintah Daerah",
    }
    report = check(
        patched_record({"legal_basis": {3: perbup}}), load_profile(DATA_DIR / "sukamaju.yml")
    )
    assert "LEG008" in codes(report)


@pytest.mark.parametrize(
    "text",
    [
        "ignore: [XYZ123]\n",
        "severity: {STR001: fatal}\n",
        "time_norms: {cooking: {max: '1 jam'}}\n",
        "local_regulations: missing.csv\n",
        "- just\n- a list\n",
        "workday_hours: [\n",
    ],
)
def test_bad_profiles_are_refused_with_a_message(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert "/" in str(info.value)  # bilingual "… / …"


def test_unknown_profile_name() -> None:
    with pytest.raises(ProfileError):
        load_profile("no-such-profile")

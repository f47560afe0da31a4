"""Spec → content blocks (headings, paragraphs, tables) shared by the PDF and DOCX renderers.

The prose follows the outline of Permen PANRB 53/2014 (domain.md §2.2). Bab III
analyses are written from the figures, one element per sentence group, so that a
spec can leave elements out (``analyses_omitted``) as a planted defect.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from gen.numfmt import fmt, fmt_target
from gen.spec import DEFAULT_TITLE, Row, Spec, citations

ROMAN = {
    "pendahuluan": "I",
    "perencanaan_kinerja": "II",
    "akuntabilitas_kinerja": "III",
    "penutup": "IV",
}
TITLES = {
    "ikhtisar_eksekutif": "IKHTISAR EKSEKUTIF",
    "pendahuluan": "PENDAHULUAN",
    "perencanaan_kinerja": "PERENCANAAN KINERJA",
    "akuntabilitas_kinerja": "AKUNTABILITAS KINERJA",
    "penutup": "PENUTUP",
    "lampiran": "LAMPIRAN",
}


@dataclass
class H:
    """A heading; ``key`` marks a chapter heading (a new page starts before it)."""

    text: str
    level: int = 1
    key: str | None = None


@dataclass
class P:
    text: str
    align: str = "justify"
    bold: bool = False


@dataclass
class Tbl:
    """A table: header rows, body rows, column width shares, body spans (c0, r0, c1, r1)."""

    header: list[list[str]]
    rows: list[list[str]]
    widths: list[float]
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    repeat: bool = True
    numeric_from: int = 3


@dataclass
class Break:
    pass


Block = H | P | Tbl | Break


def chapter_title(key: str) -> str:
    roman = ROMAN.get(key)
    return f"BAB {roman} {TITLES[key]}" if roman else TITLES[key]


def _seed(text: str) -> float:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def previous(row: Row, back: int = 1) -> float | None:
    """A plausible realisation ``back`` years earlier (prose and the previous-year column)."""
    if row.actual is None:
        return None
    step = 0.02 + 0.06 * _seed(row.name + str(back))
    factor = (1 + step * back) if row.true_polarity == "lower" else (1 - step * back)
    value = row.actual * factor
    return round(value, 2) if row.actual < 100 else round(value)


def shown_target(row: Row, pk: bool = False) -> str:
    """The target cell: its word ("WTP") or its figure(s)."""
    if pk:
        return row.pk_target_text or fmt_target(row.pk_target, row.pk_target_max)
    return row.target_text or fmt_target(row.target, row.target_max)


def shown_actual(row: Row) -> str:
    return row.actual_text or fmt(row.actual)


def _marker(spec: Spec, row: Row) -> str:
    if spec.layout.get("polarity_style", "suffix") != "suffix" or row.polarity is None:
        return ""
    markers = {"lower": "(-)", "higher": "(+)", "range": "", **(spec.layout.get("markers") or {})}
    mark = markers.get(row.polarity, "")
    return f" {mark}" if mark else ""


# --------------------------------------------------------------------------- front matter


def cover(spec: Spec) -> list[Block]:
    ident = spec["identity"]
    lines = [*spec.get("cover_title", [DEFAULT_TITLE])]
    lines.append(f"TAHUN {spec.year_in('title')}")
    out: list[Block] = [P("", "center") for _ in range(4)]
    out += [P(line, "center", bold=True) for line in lines]
    out += [P("", "center") for _ in range(6)]
    out += [P(line, "center", bold=True) for line in ident["cover_agency"]]
    out += [P(ident["government"].upper(), "center", bold=True)]
    out += [P(f"{ident['place'].upper()}, {ident['month'].upper()} {spec.year + 1}", "center")]
    return out


def signature(spec: Spec, who: dict, date_text: str) -> list[Block]:
    lines = [f"{who['place']}, {date_text}", who["position"], "", "", who["name"]]
    if who.get("rank"):
        lines.append(who["rank"])
    lines.append(f"NIP. {who['nip']}")
    return [P(line, "right") for line in lines]


def foreword(spec: Spec) -> list[Block]:
    ident = spec["identity"]
    agency = ident["agency"]
    out: list[Block] = [H("KATA PENGANTAR", 0)]
    out.append(
        P(
            "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas rahmat-Nya sehingga "
            f"Laporan Kinerja {agency} Tahun {spec.year} dapat diselesaikan. Laporan ini disusun "
            "sebagai wujud pertanggungjawaban atas pelaksanaan tugas pokok dan fungsi serta "
            "pencapaian sasaran yang telah ditetapkan dalam Perjanjian Kinerja."
        )
    )
    out.append(
        P(
            "Kami menyadari laporan ini masih memiliki kekurangan. Saran dan masukan dari semua "
            "pihak sangat kami harapkan untuk perbaikan pada tahun-tahun berikutnya."
        )
    )
    return out + signature(spec, ident["head"], ident["date_text"])


def contents(spec: Spec, pages: dict[str, int]) -> list[Block]:
    out: list[Block] = [H("DAFTAR ISI", 0)]
    for key in spec.chapter_order:
        title = chapter_title(key)
        dots = "." * max(4, 70 - len(title))
        out.append(P(f"{title} {dots} {pages.get(key, '')}", "left"))
    return out


# --------------------------------------------------------------------------- chapters


def ikhtisar(spec: Spec) -> list[Block]:
    rows = spec.rows
    reached = sum(1 for r in rows if r.stated is not None and r.stated >= 100)
    total = spec.total
    assert total is not None
    out: list[Block] = [P(t) for t in spec.get("ikhtisar", [])]
    out.append(
        P(
            f"Pada tahun {spec.year}, {spec['identity']['agency']} menetapkan "
            f"{len({r.objective for r in rows})} sasaran strategis yang diukur dengan "
            f"{len(rows)} indikator kinerja. Sebanyak {reached} indikator mencapai atau melampaui "
            f"target, sedangkan {len(rows) - reached} indikator belum mencapai target."
        )
    )
    out.append(
        P(
            f"Untuk mendukung pencapaian kinerja tersebut tersedia anggaran sebesar "
            f"Rp {fmt(total.ceiling)} dengan realisasi Rp {fmt(total.realised)} "
            f"({fmt(total.percent, 2)}%)."
        )
    )
    return out


def pendahuluan(spec: Spec) -> list[Block]:
    out: list[Block] = [H("A. Latar Belakang")]
    out += [P(t) for t in spec["pendahuluan"]["latar_belakang"]]
    out.append(H("B. Tugas Pokok dan Fungsi"))
    out += [P(t) for t in spec["pendahuluan"]["tugas_fungsi"]]
    cites = citations(spec)
    if cites:
        out.append(H("C. Dasar Hukum"))
        out.append(P("Penyusunan Laporan Kinerja ini berpedoman pada:"))
        out += [P(f"{i}. {c['text']};", "left") for i, c in enumerate(cites, 1)]
    out.append(H("D. Isu Strategis"))
    out += [P(f"{i}. {t}", "left") for i, t in enumerate(spec["pendahuluan"]["isu"], 1)]
    return out


def perencanaan(spec: Spec) -> list[Block]:
    r = spec["renstra"]
    out: list[Block] = [H("A. Rencana Strategis")]
    out.append(
        P(
            f"Rencana Strategis {spec['identity']['agency']} periode {r['period']} menetapkan "
            f'tujuan "{r["goal"]}". Tujuan tersebut dijabarkan ke dalam sasaran strategis '
            "sebagai berikut:"
        )
    )
    names = list(dict.fromkeys(row.objective for row in spec.rows))
    out += [P(f"{i}. {name}.", "left") for i, name in enumerate(names, 1)]
    out.append(H("B. Perjanjian Kinerja"))
    out.append(
        P(
            f"Perjanjian Kinerja Tahun {spec.year} ditandatangani oleh Kepala Perangkat Daerah "
            f"dengan {spec['identity']['superior']} dan memuat {len(spec.rows)} indikator "
            "kinerja beserta targetnya. Rincian Perjanjian Kinerja disajikan pada Lampiran."
        )
    )
    return out


def _objective_cells(spec: Spec, rows: list[list[str]], groups: list[int], col: int) -> list:
    """Leave the objective in the first row of its group (merged or blank below)."""
    style = spec.layout.get("objective_cells", "merged")
    spans = []
    start = 0
    for size in groups:
        if style in ("merged", "blank"):
            for k in range(start + 1, start + size):
                rows[k][col] = ""
        if style == "merged" and size > 1:
            spans.append((col, start, col, start + size - 1))
        start += size
    return spans


def _groups(rows: list[Row]) -> list[int]:
    sizes: list[int] = []
    last = None
    for row in rows:
        if row.objective != last:
            sizes.append(0)
            last = row.objective
        sizes[-1] += 1
    return sizes


def performance_table(spec: Spec) -> Tbl:
    lay = spec.layout
    year = spec.year_in("performance_table")
    pct = " %" if lay.get("percent_sign") else ""
    cols = ["No", "Sasaran Strategis", lay.get("indicator_label", "Indikator Kinerja"), "Satuan"]
    if lay.get("polarity_style") == "column":
        cols.append("Polaritas")
    if lay.get("prev_column"):
        cols.append(f"Realisasi {year - 1}")
    tail = ["Target", "Realisasi", lay.get("capaian_label", "Capaian (%)")]
    if lay.get("renstra_column"):
        tail.append("Target Akhir Renstra")
    words = lay.get("polarity_words") or {
        "higher": "Maksimal",
        "lower": "Minimal",
        "range": "Rentang",
    }
    body = []
    for i, r in enumerate(spec.rows, 1):
        line = [str(i), r.objective, r.name + _marker(spec, r), r.unit]
        if lay.get("polarity_style") == "column":
            line.append(words[r.true_polarity])
        if lay.get("prev_column"):
            line.append(fmt(previous(r)))
        line += [shown_target(r), shown_actual(r)]
        if lay.get("percent_cell"):  # "%" in a cell of its own under a merged header
            line += [fmt(r.stated, 2), "%" if r.stated is not None else ""]
        else:
            line.append(fmt(r.stated, 2) + pct)
        if lay.get("renstra_column"):
            line.append(fmt_target(*_renstra(r)))
        body.append(line)
    spans = _objective_cells(spec, body, _groups(spec.rows), 1)
    n_front = len(cols)
    widths = [0.05, 0.2, 0.27, 0.1] + [0.09] * (n_front - 4) + [0.09, 0.09, 0.09]
    if lay.get("renstra_column"):
        widths.append(0.09)
    if lay.get("percent_cell"):
        widths[n_front + 2 : n_front + 3] = [0.07, 0.03]
        header = [[*cols, *tail[:3], ""]]
        hspans = [(n_front + 2, 0, n_front + 3, 0)]
        repeat = lay.get("repeat_header", True)
        return Tbl(header, body, _norm(widths), spans, hspans, repeat, n_front)
    if lay.get("two_row_header"):
        top = (
            cols
            + [f"Tahun {year}", "", ""]
            + (["Target Akhir Renstra"] if lay.get("renstra_column") else [])
        )
        second = [""] * n_front + tail[:3] + ([""] if lay.get("renstra_column") else [])
        hspans = [(c, 0, c, 1) for c in range(n_front)] + [(n_front, 0, n_front + 2, 0)]
        if lay.get("renstra_column"):
            hspans.append((n_front + 3, 0, n_front + 3, 1))
        header = [top, second]
    else:
        header, hspans = [cols + tail], []
    return Tbl(header, body, _norm(widths), spans, hspans, lay.get("repeat_header", True), n_front)


def _renstra(row: Row) -> tuple[float | None, float | None]:
    if row.target is None:
        return None, None
    if row.target_max is not None:
        return row.target, row.target_max
    factor = 0.9 if row.true_polarity == "lower" else 1.08
    value = row.target * factor
    return (round(value, 2) if row.target < 100 else round(value)), None


def _norm(widths: list[float]) -> list[float]:
    total = sum(widths)
    return [w / total for w in widths]


def budget_table(spec: Spec) -> Tbl:
    """Flat, or nested (kegiatan under programs) with outline numbers in the No column or
    Kepmendagri codes in a Kode column (``budget_numbering: code``)."""
    lay = spec.layout
    dec = lay.get("budget_decimals", 0)
    pct = " %" if lay.get("percent_sign") else ""
    rp = "Rp " if lay.get("rupiah_prefix") else ""
    first = "Kode" if lay.get("budget_numbering") == "code" else "No"
    cols = [first, lay.get("program_label", "Program/Kegiatan"), "Pagu (Rp)", "Realisasi (Rp)"]
    sisa = lay.get("sisa_column", False)
    if sisa:
        cols.append("Sisa (Rp)")
    cols.append("%")

    def money(value: float) -> str:
        return rp + fmt(value, dec)

    body = []
    for i, b in enumerate(spec.budget, 1):
        line = [b.code if b.level else str(i), b.program, money(b.ceiling), money(b.realised)]
        if sisa:
            line.append(money(b.ceiling - b.realised))
        body.append([*line, fmt(b.percent, 2) + pct])
    t = spec.total
    assert t is not None
    total = ["", t.program.upper(), money(t.ceiling), money(t.realised)]
    if sisa:
        total.append(money(t.ceiling - t.realised))
    body.append([*total, fmt(t.percent, 2) + pct])
    widths = [0.06, 0.4, 0.18, 0.18] + ([0.14] if sisa else []) + [0.1]
    if first == "Kode":
        widths[:2] = [0.14, 0.32]
    return Tbl([cols], body, _norm(widths), [], [], True, 2)


def pk_table(spec: Spec) -> Tbl:
    cols = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"]
    keep = [r for r in spec.rows if r.name not in (spec.get("pk_omitted") or [])]
    body = [
        [
            str(i),
            r.objective,
            r.name + _marker(spec, r),
            r.unit,
            shown_target(r, pk=True),
        ]
        for i, r in enumerate(keep, 1)
    ]
    spans = _objective_cells(spec, body, _groups(keep), 1)
    return Tbl([cols], body, _norm([0.06, 0.3, 0.38, 0.12, 0.14]), spans, [], True, 3)


DEFAULT_FACTORS = {
    "support": "komitmen pimpinan dan dukungan lintas sektor",
    "obstacle": "keterbatasan sumber daya manusia",
    "solution": "peningkatan koordinasi dan pembinaan teknis",
}


def _analysis(spec: Spec, rows: list[Row]) -> list[Block]:
    """Sentences for the analysis elements of one objective, from its first indicator."""
    want = set(spec.analyses)
    r = rows[0]
    unit = "" if r.unit == "%" else f" {r.unit}"
    u = "%" if r.unit == "%" else unit
    out = []
    if "target" in want:
        out.append(
            f"Indikator {r.name} pada tahun {spec.year} ditargetkan "
            f"{shown_target(r)}{u} "
            f"dengan realisasi {shown_actual(r)}{u}. Dibandingkan dengan target, capaian kinerja "
            f"indikator ini sebesar {fmt(r.stated, 2)}%."
        )
    if "previous_years" in want:
        out.append(
            f"Realisasi tersebut dibandingkan dengan tahun sebelumnya, yaitu {fmt(previous(r))}{u} "
            f"pada tahun {spec.year - 1} dan {fmt(previous(r, 2))}{u} pada tahun {spec.year - 2}, "
            "menunjukkan perkembangan yang konsisten."
        )
    if "renstra" in want:
        lo, hi = _renstra(r)
        out.append(
            f"Terhadap target akhir periode Renstra {spec['renstra']['period']} sebesar "
            f"{fmt_target(lo, hi)}{u}, realisasi sampai dengan tahun {spec.year} dinilai "
            "berada pada jalur yang direncanakan."
        )
    if "national_standard" in want:
        out.append("Capaian ini juga telah dibandingkan dengan standar nasional yang berlaku.")
    text = [P(" ".join(out))] if out else []
    f = {**DEFAULT_FACTORS, **(spec.get("factors") or {})}
    if "causes" in want:
        text.append(
            P(
                f"Faktor pendukung keberhasilan antara lain {f['support']}. Adapun faktor "
                f"penghambatnya adalah {f['obstacle']}. Upaya yang dilakukan sebagai solusi "
                f"yaitu {f['solution']}."
            )
        )
    if "programs" in want:
        roots = [b for b in spec.budget if (b.level or 1) == 1]
        text.append(
            P(
                f"Program yang menunjang pencapaian sasaran ini adalah {roots[0].program} "
                f"dan {roots[-1].program}."
            )
        )
    return text


def akuntabilitas(spec: Spec) -> list[Block]:
    year = spec.year_in("performance_table")
    out: list[Block] = [
        P(
            "Bab ini menyajikan pengukuran kinerja yang membandingkan realisasi dengan target "
            "setiap indikator sebagaimana tertuang dalam Perjanjian Kinerja."
        ),
        H("A. Capaian Kinerja Organisasi"),
        P(f"Tabel 3.1 Capaian Kinerja {spec['identity']['agency']} Tahun {year}", "center"),
        performance_table(spec),
    ]
    if not spec.get("omit_analysis_text"):
        seen: dict[str, list[Row]] = {}
        for row in spec.rows:
            seen.setdefault(row.objective, []).append(row)
        for i, (name, rows) in enumerate(seen.items(), 1):
            out.append(H(f"Sasaran {i}: {name}", 2))
            out += _analysis(spec, rows)
    out.append(H("B. Realisasi Anggaran"))
    t = spec.total
    assert t is not None
    out.append(
        P(
            f"Pada tahun {spec.year} anggaran {spec['identity']['agency']} sebesar "
            f"Rp {fmt(t.ceiling)} "
            f"terealisasi Rp {fmt(t.realised)}. Rincian per program disajikan pada tabel berikut."
        )
    )
    out.append(P(f"Tabel 3.2 Realisasi Anggaran Tahun {spec.year_in('budget_table')}", "center"))
    out.append(budget_table(spec))
    if "efficiency" in spec.analyses:
        avg = sum(r.stated or 0 for r in spec.rows) / len(spec.rows)
        out.append(
            P(
                f"Analisis efisiensi penggunaan sumber daya menunjukkan bahwa dengan realisasi "
                f"anggaran {fmt(t.percent, 2)}% diperoleh rata-rata capaian kinerja "
                f"{fmt(avg, 2)}%, "
                "sehingga penggunaan anggaran dinilai efisien."
            )
        )
    return out


def penutup(spec: Spec) -> list[Block]:
    out: list[Block] = [P(t) for t in spec["penutup"]]
    ident = spec["identity"]
    if not spec.get("foreword", True):
        out += signature(spec, ident["head"], ident["date_text"])
    return out


def lampiran(spec: Spec) -> list[Block]:
    ident = spec["identity"]
    year = spec.year_in("agreement")
    out: list[Block] = [
        P(f"Lampiran 1. Perjanjian Kinerja Tahun {year}", "left", bold=True),
        P(f"PERJANJIAN KINERJA TAHUN {year}", "center", bold=True),
        P(ident["agency"].upper(), "center", bold=True),
        pk_table(spec),
    ]
    pk = ident.get("pk_date_text", f"2 Januari {spec.year}")
    out += signature(spec, ident["head"], pk)
    return out


BUILDERS = {
    "ikhtisar_eksekutif": ikhtisar,
    "pendahuluan": pendahuluan,
    "perencanaan_kinerja": perencanaan,
    "akuntabilitas_kinerja": akuntabilitas,
    "penutup": penutup,
    "lampiran": lampiran,
}


def document(spec: Spec, toc_pages: dict[str, int] | None = None) -> list[Block]:
    """Every block of the report in order; chapter headings carry their key."""
    out: list[Block] = cover(spec)
    if spec.get("foreword", True):
        out += [Break(), *foreword(spec)]
    if spec.layout.get("contents", True):
        out += [Break(), *contents(spec, toc_pages or {})]
    split = spec.layout.get("heading_split", False)
    for key in spec.chapter_order:
        title = chapter_title(key)
        if split and key in ROMAN:
            title = f"BAB {ROMAN[key]}\n{TITLES[key]}"
        out += [Break(), H(title, 0, key), *BUILDERS[key](spec)]
    return out

"""Text export of an SOP AP, in the styles office suites and web portals produce
(see shared/seeds/*.txt): tab-separated table rows, identity rows, the six boxes as
rows of items, the flowchart rows with two header rows, the signature at the end.

Three styles, chosen per spec (``layout.text_style``, else by a hash of the id):

* ``ol``: identity as ``<agency part>\\tLabel\\tvalue``; box items inside
  ``<ol style="list-style-type: none">`` HTML fragments (a portal's export);
* ``markdown``: a bold Markdown title; identity as ``\\tLabel\\t:\\tvalue\\t``; box
  items as numbered lines side by side;
* ``plain``: ``Label : value`` lines and UPPER-CASE box titles over numbered lines.

Flowchart shapes survive only as symbol tokens in the role cells
(``text_export_symbols``); arrows and branch labels are lost.
"""

from __future__ import annotations

from corpus.render.spec import (
    Spec,
    approver_lines,
    format_date,
    format_nip,
    identity_value,
    labels,
    step_cells,
)

ID_KEYS = ("number", "created", "revised", "effective", "approved_by", "title")


def _numbered(items: list[str]) -> list[str]:
    if not items:
        return [labels()["empty_box"]]
    if len(items) == 1:
        return items
    return [f"{k}. {t}" for k, t in enumerate(items, 1)]


def _identity(spec: Spec, style: str) -> list[str]:
    il = spec.layout.identity_labels
    ident = spec.record.identity
    appr = approver_lines(spec)
    out: list[str] = []
    if style == "markdown":
        title = (ident.title or "").upper()
        out += [
            "",
            (ident.agency or "").upper(),
            "",
            "**STANDAR OPERASIONAL PROSEDUR (SOP)",
            f"{title}**",
            "",
        ]
        for key in ID_KEYS:
            if key == "approved_by":
                out.append(f"\t{il[key]}\t:\t{appr[0] if appr else ''}\t")
                out += [f"\t\t\t{ln}\t" for ln in appr[1:]]
            else:
                prefix = (ident.agency or "").upper() if key == "title" else ""
                out.append(f"{prefix}\t{il[key]}\t:\t{identity_value(spec, key)}\t")
    elif style == "plain":
        out += ["", (ident.agency or "").upper()]
        if ident.unit:
            out.append(ident.unit.upper())
        out.append("")
        for key in ID_KEYS:
            if key == "approved_by":
                out += [f" {il[key]} :", "", "", *appr, ""]
            else:
                out.append(f" {il[key]} : {identity_value(spec, key) or '-'}")
    else:  # ol
        left = [*(ident.agency or "").split(" ", 1), ident.unit or ""]
        out += [""] * 3
        k = 0
        for key in ID_KEYS:
            lines = appr if key == "approved_by" else [identity_value(spec, key)]
            for j, ln in enumerate(lines or [""]):
                label = il[key] if j == 0 else ""
                side = left[k] if k < len(left) else ""
                out.append(f"{side}\t{label}\t{ln}")
                k += 1
    out.append("")
    return out


def _boxes(spec: Spec, style: str) -> list[str]:
    boxes = spec.boxes
    out: list[str] = []
    if style == "plain":
        for _, title, items in boxes:
            out += [f"{title.upper()} :", "", *_numbered(items), ""]
        return out
    for k in range(0, len(boxes), 2):
        pair = boxes[k : k + 2]
        if style == "ol":
            out.append("\t".join(title for _, title, _ in pair))
            cells = []
            for _, _, items in pair:
                if len(items) > 1:
                    cells.append(
                        '<ol style="list-style-type: none"> ' + " ".join(_numbered(items)) + " "
                    )
                else:
                    cells.append(" ".join(_numbered(items)))
            out.append("\t".join(cells))
        else:  # markdown: side by side numbered lines
            out.append("\t\t".join(f"{title} :" for _, title, _ in pair) + "\t\t")
            cols = [_numbered(items) for _, _, items in pair]
            for j in range(max(len(c) for c in cols)):
                out.append("\t".join(c[j] if j < len(c) else "" for c in cols) + "\t\t\t")
    out.append("")
    return out


def _flowchart(spec: Spec) -> list[str]:
    hl = spec.layout.header_labels
    roles = spec.record.roles
    ket = spec.layout.keterangan
    tokens = labels()["symbol_tokens"]
    head1 = [
        hl["no"],
        hl["activity"],
        hl["roles_group"],
        *[""] * (len(roles) - 1),
        hl["quality_group"],
        "",
        "",
    ]
    head2 = ["", "", *roles, hl["requirements"], hl["time"], hl["output"]]
    if ket:
        head1.append(hl["notes"])
        head2.append("")
    out = ["", (spec.record.identity.title or "").upper(), "", "\t".join(head1), "\t".join(head2)]
    for step, cell in zip(spec.record.steps, step_cells(spec), strict=True):
        marks = [""] * len(roles)
        if spec.layout.text_export_symbols and step.actor and step.symbol:
            marks[roles.index(step.actor)] = tokens[step.symbol]
        row = [
            cell["no"],
            cell["activity"],
            *marks,
            cell["requirements"].replace("\n", ", "),
            cell["time"],
            cell["output"],
        ]
        if ket:
            row.append(cell["notes"])
        out.append("\t".join(row))
    return out


def _signature(spec: Spec) -> list[str]:
    sig = spec.record.signature
    if sig is None:
        return []
    out = [
        "",
        ", ".join(x for x in (sig.place, format_date(sig.date)) if x),
        "",
        sig.position or "",
    ]
    out += ["", "", ""]
    out += [x for x in (sig.name, sig.rank, format_nip(sig.nip)) if x]
    return out


def render_text(spec: Spec) -> str:
    """The text export of a spec."""
    style = spec.layout.text_style
    lines = [*_identity(spec, style), *_boxes(spec, style), *_flowchart(spec), *_signature(spec)]
    return "\n".join(lines) + "\n"

"""A self-contained HTML audit report: one page, inline style, no scripts, no links out.

Per-OPD summary, one row per document, then each document's findings in a
``<details>`` block. Every text from a document is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from api.engine.audit import label, opd_summary
from api.exports.model import ExportDoc, ExportSet

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2939}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d5dd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#1f4e79;color:#fff}td.n{text-align:right}
.error{color:#b42318;font-weight:600}.warning{color:#b54708}.info{color:#175cd3}
.failed{color:#b42318}details{margin:.4rem 0}summary{cursor:pointer}
blockquote{margin:.2rem 0 .2rem 1rem;color:#475467;background:#f2f4f7;padding:.2rem .5rem}
"""


def _cell(value: Any, numeric: bool = False) -> str:
    text = "" if value is None else escape(str(value))
    return f'<td class="n">{text}</td>' if numeric else f"<td>{text}</td>"


def _head(ex: ExportSet, keys: tuple[str, ...]) -> str:
    return "<tr>" + "".join(f"<th>{escape(ex.t(k))}</th>" for k in keys) + "</tr>"


def _opd_table(ex: ExportSet) -> str:
    rows = [_head(ex, ("opd", "documents_count", "failed", "errors", "warnings", "score"))]
    for r in opd_summary(ex.docs):
        rows.append(
            "<tr>"
            + _cell(r["opd"])
            + "".join(
                _cell(r[k], True) for k in ("documents", "failed", "errors", "warnings", "score")
            )
            + "</tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _doc_table(ex: ExportSet) -> str:
    keys = ("opd", "file", "title", "status", "errors", "warnings", "score", "reason")
    rows = [_head(ex, keys)]
    for d in ex.docs:
        rows.append(
            "<tr>"
            + _cell(d.agency)
            + _cell(d.path)
            + _cell(d.title)
            + f'<td class="{escape(d.status)}">{escape(ex.status_label(d.status))}</td>'
            + "".join(_cell(d.count(k), True) for k in ("errors", "warnings", "score"))
            + _cell(d.error or "")
            + "</tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _findings(ex: ExportSet, d: ExportDoc) -> str:
    if d.error:
        return f'<p class="failed">{escape(d.error)}</p>'
    if not d.findings:
        return f"<p>{escape(ex.t('no_findings'))}</p>"
    items = []
    for f in d.findings:
        sev = str(f.get("severity") or "info")
        step = f" · {escape(ex.t('step'))} {escape(str(f['step']))}" if f.get("step") else ""
        parts = [
            f'<b class="{escape(sev)}">{escape(str(f.get("rule") or ""))} · '
            f"{escape(ex.t('sev_' + sev))}</b>{step} — {escape(str(f.get('message') or ''))}"
        ]
        if f.get("evidence"):
            parts.append(f"<blockquote>{escape(str(f['evidence']))}</blockquote>")
        if f.get("suggestion"):
            parts.append(f"<div>{escape(ex.t('suggestion'))}: {escape(str(f['suggestion']))}</div>")
        items.append("<li>" + "".join(parts) + "</li>")
    return "<ul>" + "".join(items) + "</ul>"


def render(ex: ExportSet) -> bytes:
    """The report page's bytes (UTF-8)."""
    lang = "en" if ex.lang == "en" else "id"
    docs = "".join(
        f"<details><summary>{escape(d.agency or '-')} — {escape(d.path)} "
        f"({escape(ex.status_label(d.status))})</summary>{_findings(ex, d)}</details>"
        for d in ex.docs
    )
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(ex.title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(ex.title)}</h1>"
        f"<p>{escape(ex.t('generated'))}: {ex.generated:%Y-%m-%d %H:%M} UTC · "
        f"{escape(label('total', lang))}: {len(ex.docs)}</p>"
        f"<h2>{escape(ex.t('per_opd'))}</h2>{_opd_table(ex)}"
        f"<h2>{escape(ex.t('all_documents'))}</h2>{_doc_table(ex)}"
        f"<h2>{escape(ex.t('findings'))}</h2>{docs}"
        "</body></html>"
    )
    return page.encode("utf-8")

"""Evidence and verification status of one period, for the reports (issue #16).

:func:`status_rows` gives one row per KPI with a value: the actual as shown, how many pieces of
evidence back it, whether it is verified (and by whom), and a "no evidence" mark.
:func:`add_evidence_section` writes them into a ``python-docx`` document (the Word report and
the KPI manual); :func:`add_evidence_sheet` into an openpyxl workbook (the Excel report).
The inputs are plain data read from the store by the caller (evidence counts, verifications,
locks), so this module never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.shared import RGBColor
from openpyxl.styles import Font, PatternFill

from scorecard import display
from scorecard.model import Scorecard
from scorecard.reports import docx_tables as tables
from scorecard.store.verification import Lock, Verification, status

_NO_EVIDENCE_RED = RGBColor(0xB4, 0x23, 0x18)


@dataclass(frozen=True)
class EvidenceInputs:
    """What the reports need from the store: evidence counts by (kpi, period), verifications by
    (kpi, period), and the locked periods (see :mod:`scorecard.store.evidence` and
    :mod:`scorecard.store.verification`)."""

    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    verifications: dict[tuple[str, str], Verification] = field(default_factory=dict)
    locks: dict[str, Lock] = field(default_factory=dict)


@dataclass(frozen=True)
class StatusRow:
    """One KPI's value in the period with its evidence and verification."""

    code: str
    name: str
    actual: str
    evidence: int
    verification: str  # "verified", "changed" or "unverified"
    verified_by: str
    entered_by: str


def _t(lang: str, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


def status_rows(sc: Scorecard, period: str, counts: dict[tuple[str, str], int],
                verifications: dict[tuple[str, str], Verification], lang: str = "id") -> list[StatusRow]:
    """Rows for the KPIs that have an actual in ``period``, in KPI order."""
    out = []
    for k in sc.kpis:
        m = sc.measurement(k.code, period)
        if m is None or m.actual is None:
            continue
        ver = verifications.get((k.code, period))
        st = status(sc, ver, k.code, period)
        shown = display.actual(m.actual, m.actual_text, k.unit, lang)  # the display rule, in the reader's language
        out.append(StatusRow(k.code, k.name(lang), shown, int(counts.get((k.code, period), 0)), st,
                             ver.verified_by if ver and st == "verified" else "",
                             (ver.entered_by or "") if ver else ""))
    return out


def evidence_text(n: int, lang: str) -> str:
    """How many pieces of evidence back a value, as the reports write it ("2"; "0 — tanpa bukti")."""
    if not n:
        return _t(lang, "0 — no evidence", "0 — tanpa bukti")
    return display.number(n, lang, 0)


def kpi_evidence(sc: Scorecard, period: str, code: str, inputs: EvidenceInputs, lang: str = "id") -> tuple[str, bool]:
    """One KPI's evidence and verification in a line, and whether it lacks evidence:
    ("1 · terverifikasi (Sari)", False), ("0 — tanpa bukti · belum diverifikasi", True)."""
    n = int(inputs.counts.get((code, period), 0))
    ver = inputs.verifications.get((code, period))
    st = status(sc, ver, code, period)
    who = f" ({ver.verified_by})" if ver is not None and st == "verified" and ver.verified_by else ""
    return f"{evidence_text(n, lang)} · {label(st, lang)}{who}", n == 0


def label(st: str, lang: str) -> str:
    """The word for a verification status."""
    words = {"verified": ("verified", "terverifikasi"), "changed": ("changed since verification",
                                                                    "berubah setelah verifikasi"),
             "unverified": ("not verified", "belum diverifikasi")}
    en, id_ = words[st]
    return _t(lang, en, id_)


def summary(rows: list[StatusRow], period: str, lock: Lock | None, lang: str) -> str:
    """"2010: 21 of 22 values have no evidence; 1 verified. Locked by Sari on 2026-12-04." """
    n = len(rows)
    bare = sum(1 for r in rows if r.evidence == 0)
    ok = sum(1 for r in rows if r.verification == "verified")
    text = _t(lang, f"{period}: {bare} of {n} values have no evidence; {ok} verified.",
              f"{period}: {bare} dari {n} nilai belum punya bukti dukung; {ok} terverifikasi.")
    if lock is not None:
        day = lock.locked_at.date().isoformat()
        text += _t(lang, f" Locked by {lock.locked_by} on {day}.", f" Dikunci oleh {lock.locked_by} pada {day}.")
    return text


def add_evidence_section(doc: Any, sc: Scorecard, period: str, counts: dict[tuple[str, str], int],
                         verifications: dict[tuple[str, str], Verification], lock: Lock | None = None,
                         lang: str = "id") -> list[StatusRow]:
    """Append a heading, the summary line and the status table; KPIs without evidence are marked in red."""
    rows = status_rows(sc, period, counts, verifications, lang)
    doc.add_heading(_t(lang, f"Evidence and verification, {period}", f"Bukti dukung dan verifikasi, {period}"), level=1)
    doc.add_paragraph(summary(rows, period, lock, lang))
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    heads = (_t(lang, "KPI", "IKU"), _t(lang, "Actual", "Realisasi"), _t(lang, "Evidence", "Bukti"),
             _t(lang, "Verification", "Verifikasi"), _t(lang, "Entered by", "Diisi oleh"))
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        tables.shade(cell, tables.HEADER_FILL)
    for r in rows:
        cells = table.add_row().cells
        cells[0].text = f"{r.code} {r.name}"
        cells[1].text = r.actual
        cells[2].text = evidence_text(r.evidence, lang)
        if not r.evidence:
            cells[2].paragraphs[0].runs[0].font.color.rgb = _NO_EVIDENCE_RED
        cells[3].text = label(r.verification, lang) + (f" ({r.verified_by})" if r.verified_by else "")
        cells[4].text = r.entered_by or "—"
    tables.set_widths(table, [9.5, 5.0, 3.8, 4.7, 3.0], tables.text_width_cm(doc.sections[-1]))
    tables.repeat_header(table)
    tables.no_split(table)
    return rows


def add_evidence_sheet(wb: Any, sc: Scorecard, period: str, counts: dict[tuple[str, str], int],
                       verifications: dict[tuple[str, str], Verification], lock: Lock | None = None,
                       lang: str = "id") -> None:
    """Append a sheet "Bukti dukung"/"Evidence" with the same rows to an openpyxl workbook."""
    rows = status_rows(sc, period, counts, verifications, lang)
    ws = wb.create_sheet(_t(lang, "Evidence", "Bukti dukung"))
    ws.cell(1, 1, summary(rows, period, lock, lang)).font = Font(bold=True)
    heads = (_t(lang, "KPI", "IKU"), _t(lang, "Name", "Nama"), _t(lang, "Actual", "Realisasi"),
             _t(lang, "Evidence", "Bukti"), _t(lang, "Verification", "Verifikasi"),
             _t(lang, "Verified by", "Diverifikasi oleh"), _t(lang, "Entered by", "Diisi oleh"))
    for c, h in enumerate(heads, start=1):
        ws.cell(3, c, h).font = Font(bold=True)
    red = PatternFill("solid", fgColor="FDE2E1")
    for i, r in enumerate(rows, start=4):
        for c, v in enumerate((r.code, r.name, r.actual, r.evidence, label(r.verification, lang), r.verified_by,
                               r.entered_by), start=1):
            cell = ws.cell(i, c)
            cell.value = v
            if isinstance(v, str):
                cell.data_type = "s"  # text stays text, never a formula
        if not r.evidence:
            ws.cell(i, 4).fill = red
    for col, w in zip("ABCDEFG", (8, 40, 20, 10, 26, 20, 20), strict=True):
        ws.column_dimensions[col].width = w

"""The KPI manual ("Manual IKU") as a Word document: one section (page) per KPI.

Each KPI's section holds the record sheet of the 2012 study's Lampiran 5 (definition, purpose,
formula, unit, direction, data source, measurement and review frequency, owner, verifier), the
targets by period, and the indicator quality findings about that KPI
(:mod:`scorecard.method.kpi_quality`). Empty fields print as "— (not filled in)" so gaps show.

:func:`add_manual_sections` appends the same sections to any ``python-docx`` document (for the
Word report); :func:`kpi_manual_docx` returns a standalone document as bytes.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.shared import Pt, RGBColor

from scorecard import display
from scorecard.method.kpi_quality import check_kpis
from scorecard.model import KPI, Scorecard
from scorecard.reports import docx_tables as tables
from scorecard.reports.evidence_status import EvidenceInputs, add_evidence_section

#: Row labels of the record sheet: (field, English, Indonesian). "unit" and "direction" come from the KPI.
LABELS: tuple[tuple[str, str, str], ...] = (
    ("definition", "Definition", "Definisi"),
    ("purpose", "Purpose", "Tujuan"),
    ("formula", "Formula", "Rumus"),
    ("unit", "Unit", "Satuan"),
    ("direction", "Direction", "Arah (polaritas)"),
    ("data_source", "Data source", "Sumber data"),
    ("measure_frequency", "Measurement frequency", "Frekuensi pengukuran"),
    ("review_frequency", "Review frequency", "Frekuensi reviu"),
    ("owner", "Owner (person or unit)", "Pemilik (orang atau unit)"),
    ("verifier", "Verifier", "Verifikator"),
    ("targets", "Targets", "Target"),
)
_DIRECTION = {"higher": ("higher is better", "makin tinggi makin baik"),
              "lower": ("lower is better", "makin rendah makin baik")}
_GREY = RGBColor(0x80, 0x80, 0x80)


def _t(lang: str, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


def _targets(sc: Scorecard, k: KPI, lang: str) -> str:
    """The KPI's targets by period, each written by :func:`scorecard.display.value` in ``lang``."""
    parts = []
    for period in sc.periods():
        m = sc.measurement(k.code, period)
        if m is not None and m.target is not None:
            parts.append(f"{period}: {k.word_of(m.target) or display.value(m.target, k.unit, lang)}")
    return "; ".join(parts)


def record(sc: Scorecard, k: KPI, lang: str) -> list[tuple[str, str]]:
    """The record sheet of one KPI as (label, value) rows; value "" when not filled in."""
    man = sc.manual(k.code)
    rows = []
    for key, en, id_ in LABELS:
        if key == "unit":
            value = k.unit
        elif key == "direction":
            value = _DIRECTION.get(k.direction, (k.direction, k.direction))[1 if lang == "id" else 0]
        elif key == "targets":
            value = _targets(sc, k, lang)
        else:
            value = getattr(man, key) if man is not None else ""
        rows.append((_t(lang, en, id_), value.strip()))
    return rows


def add_manual_sections(doc: Any, sc: Scorecard, lang: str = "id", *, new_page: bool = True,
                        heading: bool = True) -> None:
    """Append the KPI manual to ``doc``: a heading (unless ``heading`` is False), a summary line, then
    one section per KPI (each on a new page unless ``new_page`` is False)."""
    quality = check_kpis(sc)
    if heading:
        doc.add_heading(_t(lang, "KPI manual", "Manual IKU"), level=1)
    filled = sum(1 for k in sc.kpis if (m := sc.manual(k.code)) is not None and not m.is_empty())
    doc.add_paragraph(_t(lang, f"{filled} of {len(sc.kpis)} KPIs have a manual. {quality.summary().en}",
                         f"{filled} dari {len(sc.kpis)} IKU sudah punya manual. {quality.summary().id}"))
    missing = _t(lang, "— (not filled in)", "— (belum diisi)")
    for i, k in enumerate(sc.kpis):
        if new_page and i > 0:
            doc.add_section(WD_SECTION.NEW_PAGE)
        doc.add_heading(f"{k.code} — {k.name(lang)}", level=2)
        try:
            obj = sc.objective(k.objective)
            ctx = f"{obj.code} {obj.name(lang)} · {sc.perspective(obj.perspective).name(lang)}"
        except StopIteration:
            ctx = k.objective
        p = doc.add_paragraph(_t(lang, "Objective: ", "Sasaran: ") + ctx)
        p.runs[0].font.color.rgb = _GREY
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in record(sc, k, lang):
            cells = table.add_row().cells
            cells[0].text = label
            cells[0].paragraphs[0].runs[0].bold = True
            cells[1].text = value or missing
            if not value:
                cells[1].paragraphs[0].runs[0].font.color.rgb = _GREY
        # a record sheet has its labels in the first column (no header row): kept whole on one page
        width = tables.text_width_cm(doc.sections[-1])
        tables.set_widths(table, [5.0, min(17.0, width - 5.0)], width)
        tables.no_split(table, keep_together=True)
        found = quality.of(k.code)
        doc.add_paragraph()
        doc.add_paragraph(_t(lang, "Indicator quality", "Mutu indikator"), style="Heading 3")
        if not found:
            doc.add_paragraph(_t(lang, "No findings.", "Tidak ada temuan."))
        for f in found:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(f"[{f.rule}] ").bold = True
            item.add_run(f.message.text(lang) + " ")
            item.add_run(f.suggestion.text(lang)).italic = True


def add_report_appendix(doc: Any, sc: Scorecard, period: str, lang: str = "id",
                        evidence: EvidenceInputs | None = None) -> None:
    """The Word report's appendix, each part on a new page: the period's narratives (the story behind
    the numbers), the evidence and verification status (when ``evidence`` is given), the KPI manual."""
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_heading(_t(lang, f"Narratives, {period}", f"Narasi, {period}"), level=1)
    stories = [(n.kpi, n.narrative.strip()) for n in sc.notes if n.period == period and n.narrative.strip()]
    if not stories:
        doc.add_paragraph(_t(lang, "No narrative was written for this period.",
                             "Belum ada narasi untuk periode ini."))
    names = {k.code: k.name(lang) for k in sc.kpis}
    for code, text in stories:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(f"{code} {names.get(code, '')}: ").bold = True
        item.add_run(text)
    if evidence is not None:
        doc.add_section(WD_SECTION.NEW_PAGE)
        add_evidence_section(doc, sc, period, evidence.counts, evidence.verifications, evidence.locks.get(period),
                             lang)
    doc.add_section(WD_SECTION.NEW_PAGE)
    add_manual_sections(doc, sc, lang)


def kpi_manual_docx(sc: Scorecard, lang: str = "id", *, period: str | None = None,
                    evidence: EvidenceInputs | None = None) -> bytes:
    """The KPI manual of ``sc`` as a standalone Word document (.docx bytes); with ``evidence`` and a
    ``period``, it ends with that period's evidence and verification status."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = _t(lang, "KPI manual", "Manual IKU") + (f" — {sc.name}" if sc.name else "")
    doc.add_heading(doc.core_properties.title, level=0)
    if sc.organisation:
        doc.add_paragraph(sc.organisation)
    add_manual_sections(doc, sc, lang, heading=False)
    if evidence is not None and period is not None:
        doc.add_section(WD_SECTION.NEW_PAGE)
        add_evidence_section(doc, sc, period, evidence.counts, evidence.verifications, evidence.locks.get(period),
                             lang)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

"""Data page section: edit one KPI's manual (Manual IKU) and download the manual as Word.

Saving goes through :func:`scorecard.ui.state.commit` with one audit entry (kind ``manual``) per
changed field, so the audit log shows who wrote which definition, formula or verifier.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from scorecard.model import MANUAL_FIELDS, KpiManual, Scorecard
from scorecard.ui import state
from scorecard.ui.state import tr

#: Field -> (English label, Indonesian label, multi-line).
LABELS: dict[str, tuple[str, str, bool]] = {
    "definition": ("Definition", "Definisi", True),
    "purpose": ("Purpose", "Tujuan", True),
    "formula": ("Formula", "Rumus", True),
    "data_source": ("Data source", "Sumber data", False),
    "measure_frequency": ("Measurement frequency", "Frekuensi pengukuran", False),
    "review_frequency": ("Review frequency", "Frekuensi reviu", False),
    "owner": ("Owner (person or unit)", "Pemilik (orang atau unit)", False),
    "verifier": ("Verifier (the person who checks reported values)", "Verifikator (orang yang memeriksa nilai)",
                 False),
}


def manual_changes(old: KpiManual, new: KpiManual) -> list[dict[str, object]]:
    """Audit entries for the fields that differ (kind ``manual``, target ``"<KPI> <field>"``)."""
    return [{"kind": "manual", "target": f"{new.kpi} {f}", "before": getattr(old, f), "after": getattr(new, f)}
            for f in MANUAL_FIELDS if getattr(old, f) != getattr(new, f)]


def with_manual(sc: Scorecard, man: KpiManual) -> Scorecard:
    """A copy of ``sc`` with ``man`` set (an empty manual is removed)."""
    out = sc.copy()
    out.manuals = [m for m in out.manuals if m.kpi != man.kpi]
    if not man.is_empty():
        out.set_manual(man)
    return out


def manual_section(sc: Scorecard) -> None:
    """Pick a KPI, edit its record sheet in a form, save as one change."""
    lang = state.lang()
    st.subheader(tr("7. KPI manual", "7. Manual IKU"))
    filled = sum(1 for k in sc.kpis if (m := sc.manual(k.code)) is not None and not m.is_empty())
    st.caption(tr(f"{filled} of {len(sc.kpis)} KPIs have a manual. Unit and direction are edited with the KPI.",
                  f"{filled} dari {len(sc.kpis)} IKU sudah punya manual. Satuan dan arah diubah pada IKU-nya."))
    codes = [k.code for k in sc.kpis]
    code = st.selectbox(tr("KPI", "IKU"), codes, key="man_kpi", format_func=lambda c: f"{c} · {sc.kpi(c).name(lang)}")
    if code is None:
        return
    old = sc.manual(code) or KpiManual(code)
    with st.form(f"man_form_{code}"):
        typed: dict[str, str] = {}
        short = st.columns(2)
        for f in MANUAL_FIELDS:
            en, id_, multi = LABELS[f]
            if multi:
                typed[f] = st.text_area(tr(en, id_), value=getattr(old, f), key=f"man_{code}_{f}", max_chars=1000,
                                        height=80)
            else:  # the short fields two by two, under the long ones
                col = short[sum(1 for x in typed if not LABELS[x][2]) % 2]
                typed[f] = col.text_input(tr(en, id_), value=getattr(old, f), key=f"man_{code}_{f}", max_chars=300)
        saved = st.form_submit_button(tr("Save manual", "Simpan manual"), type="primary")
    if saved:
        new = dataclasses.replace(old, **{f: " ".join(v.split()) if f not in ("definition", "purpose", "formula")
                                          else v.strip() for f, v in typed.items()})
        audit = manual_changes(old, new)
        if not audit:
            st.info(tr("Nothing changed.", "Tidak ada perubahan."))
        else:
            state.commit(with_manual(sc, new), kind="manual", detail=f"manual {code}", audit=audit)
            st.session_state["_man_saved"] = tr(f"Manual of {code} saved ({len(audit)} fields).",
                                                f"Manual {code} tersimpan ({len(audit)} isian).")
            st.rerun()  # the quality check above the form must see the new manual
    if st.session_state.get("_man_saved"):
        st.success(st.session_state.pop("_man_saved"))
    from scorecard.reports.kpi_manual import kpi_manual_docx
    from scorecard.ui.evidence_view import evidence_inputs

    current, period, inputs = state.scorecard(), state.period() or None, evidence_inputs()  # read now: the
    # download callback runs outside the page script
    st.download_button(tr("KPI manual (Word)", "Manual IKU (Word)"), icon=":material/download:",
                       data=lambda: kpi_manual_docx(current, lang, period=period, evidence=inputs),
                       file_name="manual-iku.docx" if lang == "id" else "kpi-manual.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       on_click="ignore", key="man_docx_dl",
                       help=tr("One page per KPI: its record sheet and quality findings; then the period's "
                               "evidence and verification status.",
                               "Satu halaman per IKU: lembar manual dan temuan mutunya; lalu status bukti dukung "
                               "dan verifikasi periode ini."))

"""Follow-up of red and yellow KPIs on the Scores page: the notes editor (root cause, improvement
action, owner, due date) and the study's recommendations table (red first, then yellow; lowest
level first). Notes are committed as one change with an audit entry per changed field.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from scorecard.method import lights
from scorecard.method.scoring import KpiScore, PeriodScore
from scorecard.model import Note, Scorecard
from scorecard.ui import components, state
from scorecard.ui.omax_table import light_styler
from scorecard.ui.scores_messages import say
from scorecard.ui.state import tr

NOTE_FIELDS = ("root_cause", "action", "owner", "due")


def _note_labels() -> dict[str, str]:
    return {"root_cause": tr("Root cause", "Akar masalah"), "action": tr("Improvement action", "Tindakan perbaikan"),
            "owner": tr("Owner", "Penanggung jawab"), "due": tr("Due date", "Tenggat")}


def needs_action(kscores: list[KpiScore]) -> list[KpiScore]:
    """The red and yellow KPIs, red first, lowest level first (unscored first)."""
    rank = {"red": 0, "yellow": 1}
    todo = [k for k in kscores if k.light in rank]
    return sorted(todo, key=lambda k: (rank[k.light], -1.0 if k.level is None else k.level))


def apply_notes(sc: Scorecard, period: str, rows: list[dict[str, str]]) -> tuple[Scorecard, list[dict]]:
    """A copy of ``sc`` with the notes of ``rows`` ({kpi, root_cause, action, owner, due}) for ``period``,
    and the audit entries of what changed (empty when nothing did)."""
    new = sc.copy()
    audit: list[dict] = []
    for row in rows:
        code = row["kpi"]
        old = sc.note(code, period) or Note(code, period)
        values = {f: ("" if row.get(f) is None else str(row.get(f)).strip()) for f in NOTE_FIELDS}
        changed = {f: v for f, v in values.items() if v != getattr(old, f)}
        if not changed:
            continue
        note = replace(old, **changed)
        new.notes = [n for n in new.notes if not (n.kpi == code and n.period == period)]
        if any(getattr(note, f) for f in NOTE_FIELDS):
            new.notes.append(note)
        audit += [{"kind": "setting", "target": f"note {code} {period} {f}", "before": getattr(old, f), "after": v}
                  for f, v in changed.items()]
    return new, audit


def notes_editor(sc: Scorecard, todo: list[KpiScore], period: str, pkey: str) -> None:
    """The notes form of the KPIs ``todo`` in the tab of perspective ``pkey``."""
    key = f"notes_{pkey}"
    lang = state.lang()
    labels = _note_labels()
    rows = []
    for ks in todo:
        note = sc.note(ks.code, period)
        rows.append({"kpi": ks.code, "name": sc.kpi(ks.code).name(lang),
                     "light": f"{lights.label(ks.light, lang)} {components.level_text(ks.level)}",
                     **{f: getattr(note, f) if note else "" for f in NOTE_FIELDS}})
    frame = pd.DataFrame(rows, columns=["kpi", "name", "light", *NOTE_FIELDS])
    # column widths add up to 860 px: the due dates stay in sight in the 906 px main area at 1366 x 768
    with st.form(key, border=False):
        edited = st.data_editor(
            frame, key=f"{key}_{state.revision()}_{lang}_{period}", hide_index=True, width="stretch",
            disabled=["kpi", "name", "light"],
            column_config={
                "kpi": st.column_config.TextColumn(tr("KPI", "IKU"), width=50, pinned=True),
                "name": st.column_config.TextColumn(tr("Name", "Nama"), width=140),
                "light": st.column_config.TextColumn(tr("Light · level", "Lampu · level"), width=110),
                "root_cause": st.column_config.TextColumn(labels["root_cause"] + " ✎", width=180, max_chars=500),
                "action": st.column_config.TextColumn(labels["action"] + " ✎", width=180, max_chars=500),
                "owner": st.column_config.TextColumn(labels["owner"] + " ✎", width=100, max_chars=120),
                "due": st.column_config.TextColumn(labels["due"] + " ✎", width=100, max_chars=40,
                                                   help=tr("For example 2011-06-30 or Q2 2011",
                                                           "Misalnya 2011-06-30 atau TW II 2011")),
            })
        if st.form_submit_button(tr("Save notes", "Simpan catatan"), type="primary"):
            new, audit = apply_notes(sc, period, edited.to_dict("records"))
            if audit:
                state.commit(new, kind="note", detail=f"notes {period}", audit=audit)
                say(pkey, "success", tr(f"Notes saved ({len(audit)} change(s)).",
                                        f"Catatan tersimpan ({len(audit)} perubahan)."))
            else:
                say(pkey, "info", tr("Nothing changed.", "Tidak ada yang berubah."))
            st.rerun()


def recommendations_frame(sc: Scorecard, ps: PeriodScore) -> pd.DataFrame:
    """The study's recommendations table: red then yellow KPIs (lowest level first) with their notes."""
    lang = state.lang()
    labels = _note_labels()
    rows = []
    for i, ks in enumerate(needs_action(ps.kpis), start=1):
        note = sc.note(ks.code, ps.period)
        rows.append({
            tr("No", "No"): str(i), tr("KPI", "IKU"): ks.code, tr("Name", "Nama"): sc.kpi(ks.code).name(lang),
            tr("Perspective", "Perspektif"): sc.perspective(ks.perspective).name(lang),
            tr("Light · level", "Lampu · level"): f"{lights.label(ks.light, lang)} {components.level_text(ks.level)}",
            **{labels[f]: (getattr(note, f) if note else "") for f in NOTE_FIELDS}})
    return pd.DataFrame(rows)


def recommendations_styler(frame: pd.DataFrame, kscores: list[KpiScore]) -> pd.io.formats.style.Styler:
    light_col = tr("Light · level", "Lampu · level")
    return light_styler(frame, kscores, light_col, ";white-space:nowrap").hide(axis="index")


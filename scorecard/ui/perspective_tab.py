"""One perspective's tab on the Scores page: status line, the OMAX matrix, scale problems with their
fix editors, the compact KPI table, the scale chart of one KPI and the follow-up notes of its red
and yellow KPIs.
"""

from __future__ import annotations

import html

import streamlit as st

from scorecard.charts.scores import scale_img
from scorecard.method import lights
from scorecard.method.scoring import PeriodScore
from scorecard.model import Scorecard
from scorecard.ui import components, html_table, state
from scorecard.ui.followup_notes import needs_action, notes_editor
from scorecard.ui.omax_table import compact_frame, light_css, matrix_styler, perspective_kpis
from scorecard.ui.scale_fix import fix_editor
from scorecard.ui.scores_messages import flash
from scorecard.ui.state import tr


def perspective_tab(sc: Scorecard, ps: PeriodScore, pkey: str) -> None:
    """The tab of perspective ``pkey`` for period score ``ps``."""
    lang = state.lang()
    period = ps.period
    g = ps.perspective(pkey)
    kscores = perspective_kpis(sc, ps, pkey)
    st.html(f'<div class="sc-muted">{html.escape(tr("Status", "Status"))}: {components.badge_html(g.light)} · '
            f'{html.escape(tr("level", "level"))} <b>{components.level_text(g.level)}</b> · '
            f'{html.escape(tr("weight", "bobot"))} <b>{components.weight_text(g.weight)}</b> · '
            f'{html.escape(tr("value (subtotal)", "nilai (subtotal)"))} '
            f'<b>{components.points_text(g.subtotal)}</b></div>')
    flash(pkey)
    if not kscores:
        st.info(tr("This perspective has no KPIs yet.", "Perspektif ini belum punya IKU."))
        return

    st.subheader(tr("Objective Matrix (OMAX)", "Objective Matrix (OMAX)"))
    st.table(matrix_styler(sc, kscores))
    st.caption(tr("Rows 10 to 0 are the scale of each KPI; the framed blue cell is the band where the actual falls. "
                  "↑ higher is better, ↓ lower is better. Value = level × weight.",
                  "Baris 10 sampai 0 adalah skala setiap IKU; sel biru berbingkai adalah pita tempat realisasi "
                  "berada. ↑ makin tinggi makin baik, ↓ makin rendah makin baik. Nilai = skor × bobot."))

    for ks in kscores:
        if ks.scale.problem is not None:
            kpi = sc.kpi(ks.code)
            st.warning(f"**{ks.code} — {kpi.name(lang)}**: {ks.scale.problem.text(lang)}", icon=":material/warning:")
            pending = (st.session_state.get("scores_msg") or ("", "", "", ""))[3] == ks.code
            with st.expander(tr(f"Fix the scale of {ks.code}", f"Perbaiki skala {ks.code}"), expanded=pending):
                flash(pkey, ks.code)
                if not ks.scale.scorable:
                    st.info(tr("Enter the missing target or worst value on the Data page.",
                               "Isi target atau nilai terburuk yang belum ada di halaman Data."))
                else:
                    fix_editor(sc, ks, period, pkey)

    st.subheader(tr("KPIs at a glance", "Ringkasan IKU"))
    records = compact_frame(sc, kscores).to_dict("records")  # light HTML: no data-grid bundle (issue #13)
    light_col = tr("Light", "Lampu")
    html_table.show(records, nowrap=[c for c in records[0] if c != tr("Name", "Nama")],
                    cell_style={light_col: {lights.label(k.light, lang): light_css(k.light) for k in kscores}})

    st.subheader(tr("Scale of one KPI", "Skala satu IKU"))
    codes = [k.code for k in kscores]
    choice = st.selectbox(tr("KPI", "IKU"), codes, key=f"scale_kpi_{pkey}",
                          format_func=lambda c: f"{c} — {sc.kpi(c).name(lang)}")
    ks = ps.kpi(choice or codes[0])
    st.html(scale_img(ks, sc.kpi(ks.code), lang=lang, yellow_from=sc.settings.yellow_from,
                      green_from=sc.settings.green_from))  # light SVG image: no plotly.js (first load, issue #13)

    todo = needs_action(kscores)
    st.subheader(tr("Follow-up of red and yellow KPIs", "Tindak lanjut IKU merah dan kuning"))
    if not todo:
        st.success(tr("All KPIs of this perspective are green: nothing to follow up.",
                      "Semua IKU perspektif ini hijau: tidak ada tindak lanjut."))
    else:
        st.caption(tr("Write the root cause, the improvement action, who owns it and by when; then Save notes.",
                      "Tulis akar masalah, tindakan perbaikan, penanggung jawab dan tenggatnya; lalu Simpan catatan."))
        notes_editor(sc, todo, period, pkey)


"""Scores (OMAX): per perspective the classic Objective Matrix, a compact table, the scale of one KPI,
fixes for invalid scales and the follow-up notes of red and yellow KPIs (METHOD §3-§4).

The page only presents: levels, values and lights come from :mod:`scorecard.method.scoring` (through
:func:`scorecard.ui.state.scores`), charts from :mod:`scorecard.charts.scores`, the downloads from
:mod:`scorecard.reports.excel`. Changes (anchors, notes) are committed as modified copies of the scorecard.

The pieces live in :mod:`scorecard.ui.perspective_tab` (with :mod:`scorecard.ui.omax_table`,
:mod:`scorecard.ui.scale_fix`, :mod:`scorecard.ui.followup_notes`) and :mod:`scorecard.ui.report_downloads`.
"""

from __future__ import annotations

import html

import streamlit as st

from scorecard.method import lights
from scorecard.ui import capaian_view, components, state
from scorecard.ui.evidence_view import evidence_caption
from scorecard.ui.followup_notes import needs_action, recommendations_frame, recommendations_styler
from scorecard.ui.perspective_tab import perspective_tab
from scorecard.ui.report_downloads import report_downloads
from scorecard.ui.state import tr


def render() -> None:
    """The Scores page: header with index and light counts, downloads, one tab per perspective, recommendations."""
    sc = state.scorecard()
    ps = state.scores()
    period = ps.period
    st.title(tr("Scores (OMAX)", "Skor (OMAX)"))
    if not sc.kpis or not period:
        st.info(tr("There is nothing to score yet: load a workbook on the Data page.",
                   "Belum ada yang bisa dinilai: muat buku kerja di halaman Data."))
        return
    head_l, head_r = st.columns([3, 2], vertical_alignment="center")
    with head_l:
        counts = {lt: len(ps.by_light(lt)) for lt in lights.LIGHTS}
        st.html(f'<div style="font-size:1.15rem">{html.escape(tr("Period", "Periode"))} <b>{html.escape(period)}</b>'
                f' · {html.escape(tr("Performance index", "Indeks kinerja"))} <b>{components.level_text(ps.index)}</b> '
                f'{components.badge_html(ps.light)}</div><div class="sc-muted" style="margin-top:.3rem">'
                + " &nbsp; ".join(components.badge_html(lt, f"{lights.label(lt, state.lang())}: {counts[lt]}")
                                  for lt in ("red", "yellow", "green")) + "</div>")
    with head_r:
        report_downloads(sc, period)
        capaian_view.lkjip_downloads(sc, period)
    st.caption(evidence_caption(sc, period))
    if capaian_view.view_choice("scores_view") == "capaian":
        capaian_view.capaian_table(period)
        capaian_view.capaian_settings()
        return
    invalid = [k for k in ps.kpis if k.scale.problem is not None]
    if invalid:
        where = ", ".join(f"{k.code} ({sc.perspective(k.perspective).name(state.lang())})" for k in invalid)
        st.warning(tr(f"{len(invalid)} KPI scale(s) need a decision: {where}. Open that tab to see why and fix it.",
                      f"{len(invalid)} skala IKU perlu keputusan: {where}. Buka tab itu untuk melihat sebabnya dan "
                      "memperbaikinya."), icon=":material/warning:")
    names = [sc.perspective(g.key).name(state.lang()) for g in ps.perspectives]
    tabs = st.tabs([*names, tr("Recommendations", "Rekomendasi")], key="scores_tabs", on_change="rerun")
    for tab, g in zip(tabs, ps.perspectives, strict=False):
        if tab.open is False:
            continue  # only the open tab is built (switching tabs reruns the page)
        with tab:
            perspective_tab(sc, ps, g.key)
    if tabs[-1].open is False:
        return
    with tabs[-1]:
        st.subheader(tr(f"Recommendations, period {period}", f"Rekomendasi, periode {period}"))
        st.caption(tr("Red first, then yellow; lowest level first. Notes are written in each perspective's tab.",
                      "Merah dahulu, lalu kuning; level terendah dahulu. Catatan ditulis di tab setiap perspektif."))
        rec = recommendations_frame(sc, ps)
        if rec.empty:
            st.success(tr("All KPIs are green: no actions needed.", "Semua IKU hijau: tidak ada tindak lanjut."))
        else:
            st.table(recommendations_styler(rec, needs_action(ps.kpis)), hide_index=True)


if __name__ == "__main__":
    render()

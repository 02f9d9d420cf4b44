"""Heatmap: KPI x period traffic lights, the OMAX scale behind a cell, the index trend and why it moved."""

from __future__ import annotations

import html

import streamlit as st

from scorecard.charts import heat_html
from scorecard.charts import heatmap as hm
from scorecard.method import lights
from scorecard.method.whatif import index_movement
from scorecard.ui import capaian_view, components, html_table, state
from scorecard.ui.evidence_view import cell_context_html
from scorecard.ui.state import tr

sc = state.scorecard()
lang = state.lang()
scores = state.all_scores()
periods = list(scores)
ss = st.session_state

st.title(tr("Traffic-light heatmap", "Peta panas lampu kinerja"))
st.caption(tr("Every KPI in every period: colour, symbol and level (0 to 10). Point at a cell for its details; "
              "pick a KPI and a period on the right to see the OMAX scale behind it.",
              "Setiap IKU di setiap periode: warna, simbol dan level (0 sampai 10). Arahkan penunjuk ke sebuah sel "
              "untuk rinciannya; pilih IKU dan periode di sebelah kanan untuk melihat skala OMAX di baliknya."))

if not periods or not sc.kpis:
    st.info(tr("There are no KPIs with measurements yet. Add them on the Data page.",
               "Belum ada IKU dengan data pengukuran. Tambahkan di halaman Data."))
    st.stop()

if capaian_view.view_choice("heatmap_view") == "capaian":
    capaian_view.capaian_heatmap()
    st.stop()

kpi_codes = [k.code for k in sc.kpis]
if ss.get("hm_kpi") not in kpi_codes:
    ss["hm_kpi"] = next((k.code for k in state.scores().kpis if k.light == "red"), kpi_codes[0])
if ss.get("hm_period") not in periods:
    ss["hm_period"] = state.period() if state.period() in periods else periods[-1]

left, right = st.columns([min(3.4, 1.6 + 0.25 * len(periods)), 2], gap="large")
with left:
    st.html(heat_html.heatmap_html(sc, scores, lang=lang, selected=(ss["hm_kpi"], ss["hm_period"])))
with right:
    st.subheader(tr("OMAX scale of one cell", "Skala OMAX satu sel"))
    a, b = st.columns([3, 2])
    a.selectbox(tr("KPI", "IKU"), kpi_codes, key="hm_kpi",
                format_func=lambda c: f"{c} · {sc.kpi(c).name(lang)}")
    b.selectbox(tr("Period", "Periode"), periods, key="hm_period")
    kpi = sc.kpi(ss["hm_kpi"])
    ks = scores[ss["hm_period"]].kpi(kpi.code)
    st.html(f'<div style="font-size:1.05rem;margin:.2rem 0 .4rem 0"><b>{html.escape(kpi.code)} '
            f'{html.escape(kpi.name(lang))}</b> · '
            f'{ks.period} &nbsp; {components.badge_html(ks.light)} &nbsp; level <b>{components.level_text(ks.level)}</b>'
            f'<div class="sc-muted">{tr("Actual", "Realisasi")}: '
            f'{html.escape(components.actual_text(ks.actual, ks.actual_text, kpi.unit))} · {tr("Target", "Target")}: '
            f'{components.value_text(ks.target, kpi.unit)} · '
            f'{tr("better when higher", "makin tinggi makin baik") if kpi.direction == "higher" else tr("better when lower", "makin rendah makin baik")}'
            f'</div></div>')
    rows = hm.omax_rows(kpi, ks, lang)
    if rows:
        cols = {"level": tr("Level", "Level"), "value": tr("Value", "Nilai"), "anchor": tr("Anchor", "Patokan"),
                "actual": tr("Actual", "Realisasi")}
        reached = {r["actual"]: "font-weight:700;background:#FEF0C7" for r in rows if r["actual"]}
        html_table.show([{cols[k]: v for k, v in r.items()} for r in rows], cell_style={cols["actual"]: reached},
                        nowrap=[cols["level"], cols["value"], cols["anchor"]])
        st.caption(tr("Level 10 = target, level 3 = baseline (previous actual), level 0 = worst value; "
                      "values in between are filled linearly.",
                      "Level 10 = target, level 3 = baseline (realisasi periode sebelumnya), level 0 = nilai "
                      "terburuk; nilai di antaranya diisi secara linear."))
    for w in ks.warnings:
        st.warning(w.id if lang == "id" else w.en)
    if ks.scale.fix is not None:
        st.caption(ks.scale.fix.id if lang == "id" else ks.scale.fix.en)
    st.html(cell_context_html(sc, kpi.code, ks.period))

# ---- index trend ----------------------------------------------------------------------------------
st.divider()
st.html(hm.index_trend_img(sc, scores, lang=lang, height=230, width=900))

# ---- why the index moved --------------------------------------------------------------------------
st.subheader(tr("Why the index moved", "Mengapa indeks berubah"))
if len(periods) < 2:
    st.info(tr("Two periods are needed to explain a change.", "Perlu dua periode untuk menjelaskan perubahan."))
else:
    cur = state.period() if state.period() in periods else periods[-1]
    i = periods.index(cur)
    default_from, default_to = (periods[i - 1], cur) if i > 0 else (periods[0], periods[1])
    c1, c2, c3 = st.columns([1, 1, 1])
    p_from = c1.selectbox(tr("From", "Dari"), periods, index=periods.index(default_from), key="hm_from")
    p_to = c2.selectbox(tr("To", "Ke"), periods, index=periods.index(default_to), key="hm_to")
    top = c3.slider(tr("KPIs shown", "IKU yang ditampilkan"), 3, max(3, min(15, len(sc.kpis))),
                    min(8, max(3, len(sc.kpis))), key="hm_top")
    if p_from == p_to:
        st.info(tr("Choose two different periods.", "Pilih dua periode yang berbeda."))
    else:
        mv = index_movement(sc, p_from, p_to, weights_from=state.weights(), weights_to=state.weights())
        light = lights.classify(mv.index_to, sc.settings.yellow_from, sc.settings.green_from)
        st.html(f'<div style="font-size:1.1rem;padding:.5rem .8rem;border-left:4px solid '
                f'{lights.STYLES[light].fill};background:#F9FAFB">{html.escape(hm.movement_summary(mv, sc, lang))}</div>')
        st.html(heat_html.waterfall_html(mv, sc, lang=lang, top=top))
        st.caption(tr("Each bar is one KPI's effect on the index: its change in level × its weight. Largest first; "
                      "the rest are summed as “all other KPIs”.",
                      "Setiap batang adalah pengaruh satu IKU pada indeks: perubahan levelnya × bobotnya. Yang terbesar "
                      "lebih dulu; sisanya dijumlahkan sebagai “IKU lainnya”."))

"""Overview: the index, lights per perspective, the KPIs that need action and a mini index trend."""

from __future__ import annotations

import streamlit as st

from scorecard.charts import heatmap as hm
from scorecard.method import lights
from scorecard.ui import capaian_view, components, html_table, state
from scorecard.ui.state import tr

sc = state.scorecard()
ps = state.scores()
lang = state.lang()
st.title(f"{sc.name}")
st.caption(tr("Balanced Scorecard weighted by AHP, scored with OMAX, shown as traffic lights.",
              "Balanced Scorecard dengan bobot AHP, skor OMAX, dan lampu lalu lintas."))
view = capaian_view.view_choice("overview_view")
left, right = st.columns([1, 2])
with left:
    cards = [lambda: components.index_card(ps, components.previous_scores(ps)), lambda: capaian_view.nko_card(ps.period)]
    for card in cards if view == "omax" else cards[::-1]:
        card()
with right:
    if view == "omax":
        components.perspective_cards(ps)
    else:
        capaian_view.nko_perspective_cards(ps.period)


def attention_table(rows: list[dict]) -> None:
    """Red then yellow KPIs with their notes (note columns only when some note exists)."""
    st.subheader(tr(f"KPIs that need action in {ps.period}", f"IKU yang perlu tindakan pada {ps.period}"))
    if not rows:
        st.success(tr("Every KPI is green.", "Semua IKU hijau."))
        return
    red = sum(r["light"] == "red" for r in rows)
    st.caption(tr(f"{red} red (act first) and {len(rows) - red} yellow (needs attention), lowest level first.",
                  f"{red} merah (tindak lebih dulu) dan {len(rows) - red} kuning (perlu perhatian), level terendah "
                  "lebih dulu."))
    has_notes = any(r["root_cause"] or r["action"] or r["owner"] or r["due"] for r in rows)
    status, kpi_col, level = tr("Status", "Status"), tr("KPI", "IKU"), tr("Level", "Level")
    records = []
    for r in rows:
        rec = {status: r["status"], kpi_col: f"{r['code']} {r['name']}", level: components.level_text(r["level"])}
        if has_notes:
            rec.update({tr("Root cause", "Akar masalah"): r["root_cause"] or "—",
                        tr("Action", "Tindakan"): r["action"] or "—",
                        tr("Owner", "Penanggung jawab"): r["owner"] or "—", tr("Due", "Tenggat"): r["due"] or "—"})
        records.append(rec)
    fills = {lights.label(x, lang): lights.STYLES[x] for x in lights.LIGHTS}
    # an HTML table, not st.dataframe: no data-grid bundle on the first screen (first load, issue #13)
    html_table.show(records, nowrap=(status, level), max_height_px=420, cell_style={status: {
        v: f"background-color:{f.fill};color:{f.ink};font-weight:600" for v, f in fills.items()}})
    if not has_notes:
        st.caption(tr("No root causes or actions recorded yet: add them on the Scores page.",
                      "Belum ada akar masalah atau tindakan tercatat: isi di halaman Skor."))


rows = hm.attention_rows(sc, ps, lang)
scores = state.all_scores()
if len(scores) > 1:
    main, side = st.columns([2.3, 1], gap="medium")
    with main:
        attention_table(rows)
    with side:
        # light SVG, not plotly: the first screen then needs no plotly.js (first load, issue #13)
        st.html(hm.index_trend_img(sc, scores, lang=lang, height=240))
else:
    attention_table(rows)

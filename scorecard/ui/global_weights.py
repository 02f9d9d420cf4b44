"""Weights shown next to the judgments: the perspective lights card and the global weights of all
KPIs (perspective x objective x KPI weight; together 100 %) as a bar chart and a table.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.charts import weights as charts
from scorecard.method.weights import Weights
from scorecard.model import Scorecard
from scorecard.ui import components, state
from scorecard.ui import weights_common as common
from scorecard.ui.state import tr


def perspective_lights(sc: Scorecard, ps: Any) -> None:
    """A card with the level and light of each perspective in period score ``ps``."""
    rows = []
    for g in ps.perspectives:
        name = sc.perspective(g.key).name(state.lang())
        rows.append(f"<tr><td>{html.escape(name)}</td><td class='n'>{html.escape(tr('level', 'level'))} {components.level_text(g.level)}</td>"
                    f"<td class='n'>{components.badge_html(g.light)}</td></tr>")
    st.html(f'<div class="sc-card"><div class="sc-muted">{html.escape(tr("Perspectives", "Perspektif"))} — '
            f'{html.escape(ps.period)}</div><table class="sc-plights">{"".join(rows)}</table></div>')


def global_weights(sc: Scorecard, w: Weights) -> None:
    """The global weights of all KPIs: bars grouped by perspective and a sorted table."""
    lang = state.lang()
    st.markdown(f"#### {tr('Global weights of all KPIs', 'Bobot global semua IKU')}")
    st.caption(tr("Global weight = perspective weight × objective weight × KPI weight; together 100 %.",
                  "Bobot global = bobot perspektif × bobot sasaran × bobot IKU; jumlahnya 100 %."))
    left, right = st.columns([3, 2], gap="medium")
    kpis = sc.kpis
    with left:
        st.html(charts.weights_bars_html([f"{k.code} {k.name(lang)}" for k in kpis],
                                         [w.global_.get(k.code, 0.0) for k in kpis],
                                         groups=[sc.perspective_of_kpi(k.code) for k in kpis],
                                         group_names={p.key: p.name(lang) for p in sc.perspectives}, lang=lang,
                                         label_limit=38))
    with right:
        rows = []
        for k in sorted(kpis, key=lambda k: -w.global_.get(k.code, 0.0)):
            rows.append({  # numbers first: a long KPI name must never push them out of sight at 1366 wide
                tr("Global", "Global"): common.pct(w.global_.get(k.code, 0.0)),
                tr("In objective", "Dalam sasaran"): common.pct(w.local.get(k.code, 0.0)),
                tr("KPI", "IKU"): f"{k.code} {k.name(lang)}",
            })
        st.dataframe(pd.DataFrame(rows), hide_index=True, height=26 * len(kpis) + 70, key="w_global_table",
                     width="stretch", column_config={
                         tr("Global", "Global"): st.column_config.TextColumn(width="small"),
                         tr("In objective", "Dalam sasaran"): st.column_config.TextColumn(width="small"),
                         tr("KPI", "IKU"): st.column_config.TextColumn(width="large")})


"""Weights shown next to the judgments: the perspective lights card and the global weights of all
KPIs (perspective x objective x KPI weight; together 100 %) as a bar chart and a table.
"""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from scorecard.charts import weights as charts
from scorecard.method.weights import Weights
from scorecard.model import Scorecard
from scorecard.ui import components, state
from scorecard.ui import weights_common as common
from scorecard.ui.state import tr

GLOBAL_TABLE_CSS = """<style>
.sc-gtable{overflow-y:auto;border:1px solid rgba(49,51,63,.15);border-radius:.5rem}
.sc-gtable table{width:100%;border-collapse:collapse;font-size:.875rem}
.sc-gtable th{position:sticky;top:0;background:#F9FAFB;text-align:left;font-weight:600;color:#475467}
.sc-gtable th,.sc-gtable td{padding:.2rem .6rem;border-bottom:1px solid rgba(49,51,63,.08)}
.sc-gtable td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
</style>"""


def perspective_lights(sc: Scorecard, ps: Any) -> None:
    """A card with the level and light of each perspective in period score ``ps``."""
    rows = []
    for g in ps.perspectives:
        name = sc.perspective(g.key).name(state.lang())
        rows.append(f"<tr><td>{html.escape(name)}</td><td class='n'>{html.escape(tr('level', 'level'))} {components.level_text(g.level)}</td>"
                    f"<td class='n'>{components.badge_html(g.light)}</td></tr>")
    st.html(f'<div class="sc-card"><div class="sc-muted">{html.escape(tr("Perspectives", "Perspektif"))} — '
            f'{html.escape(ps.period)}</div><table class="sc-plights">{"".join(rows)}</table></div>')


#: Above this many KPIs the view starts with the heaviest ones (a toggle shows all): every slider release
#: redraws it, and 200 bars and rows cost the browser more than the rest of the page (issue #13).
TOP_KPIS = 25


def _shown(sc: Scorecard, w: Weights) -> list:
    """The KPIs to draw, in scorecard order: all of them, or the :data:`TOP_KPIS` heaviest."""
    kpis = sc.kpis
    if len(kpis) <= TOP_KPIS:
        return kpis
    n = len(kpis)
    if st.toggle(tr(f"Show all {n} KPIs", f"Tampilkan semua {n} IKU"), key="w_gw_all", value=False):
        return kpis
    heavy = {k.code for k in sorted(kpis, key=lambda k: -w.global_.get(k.code, 0.0))[:TOP_KPIS]}
    rest = sum(w.global_.get(k.code, 0.0) for k in kpis if k.code not in heavy)
    st.caption(tr(f"The {TOP_KPIS} heaviest of {n} KPIs; the other {n - TOP_KPIS} weigh {common.pct(rest)} together.",
                  f"{TOP_KPIS} IKU terberat dari {n}; {n - TOP_KPIS} IKU lainnya berbobot {common.pct(rest)} bersama-sama."))
    return [k for k in kpis if k.code in heavy]


def global_weights(sc: Scorecard, w: Weights) -> None:
    """The global weights of all KPIs: bars grouped by perspective and a sorted table."""
    lang = state.lang()
    st.markdown(f"#### {tr('Global weights of all KPIs', 'Bobot global semua IKU')}")
    st.caption(tr("Global weight = perspective weight × objective weight × KPI weight; together 100 %.",
                  "Bobot global = bobot perspektif × bobot sasaran × bobot IKU; jumlahnya 100 %."))
    kpis = _shown(sc, w)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.html(charts.weights_bars_html([f"{k.code} {k.name(lang)}" for k in kpis],
                                         [w.global_.get(k.code, 0.0) for k in kpis],
                                         groups=[sc.perspective_of_kpi(k.code) for k in kpis],
                                         group_names={p.key: p.name(lang) for p in sc.perspectives}, lang=lang,
                                         label_limit=38))
    with right:
        # an HTML table, not st.dataframe: the page's first screen then needs no data-grid bundle
        # (about 1.2 MB of JavaScript) in the browser (first load, issue #13)
        head = (tr("Global", "Global"), tr("In objective", "Dalam sasaran"), tr("KPI", "IKU"))
        body = []
        for k in sorted(kpis, key=lambda k: -w.global_.get(k.code, 0.0)):
            # numbers first: a long KPI name must never push them out of sight at 1366 wide
            body.append(f"<tr><td class='n'>{html.escape(common.pct(w.global_.get(k.code, 0.0)))}</td>"
                        f"<td class='n'>{html.escape(common.pct(w.local.get(k.code, 0.0)))}</td>"
                        f"<td>{html.escape(f'{k.code} {k.name(lang)}')}</td></tr>")
        st.html(f"{GLOBAL_TABLE_CSS}<div class='sc-gtable' style='max-height:{min(26 * len(kpis) + 70, 900)}px'><table>"
                f"<thead><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in head)}</tr></thead>"
                f"<tbody>{''.join(body)}</tbody></table></div>")

"""Weight scenarios of the Weights page: save the current weights under a name (with the judgments
behind them), add an equal-weights scenario, compare scenarios side by side (index, perspective and
objective weights and lights) and make one active (its judgments come back; undo reverses that).

Scenarios live in ``st.session_state["scenarios"]``: ``Scenario.to_dict()`` plus ``"judgments"``
({node: [[A, B, value], ...]}), and are kept with the workspace (:mod:`scorecard.ui.persistence`),
so a browser refresh or a server restart brings them back.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.charts import weights as charts
from scorecard.method import ahp, lights, whatif
from scorecard.method.weights import Weights
from scorecard.model import Scorecard
from scorecard.ui import components, persistence, state
from scorecard.ui import weights_common as common
from scorecard.ui.state import tr
from scorecard.ui.weights_common import CURRENT, K_SCENARIOS


def _judgments_json(judgments: dict[str, dict[tuple[str, str], float]]) -> dict[str, list[list[Any]]]:
    return {node: [[a, b, float(v)] for (a, b), v in pairs.items()] for node, pairs in judgments.items()}


def _judgments_from_json(data: dict[str, list[list[Any]]]) -> dict[str, dict[tuple[str, str], float]]:
    return {node: {(str(a), str(b)): float(v) for a, b, v in pairs} for node, pairs in data.items()}


def _equal_judgments(sc: Scorecard) -> dict[str, dict[tuple[str, str], float]]:
    out: dict[str, dict[tuple[str, str], float]] = {}
    for node in sc.nodes():
        kids = sc.children(node)
        if len(kids) >= 2:
            out[node] = {(kids[i], kids[j]): 1.0 for i in range(len(kids)) for j in range(i + 1, len(kids))}
    return out


def _scenarios() -> list[dict[str, Any]]:
    return st.session_state.setdefault(K_SCENARIOS, [])


def _store_scenario(entry: dict[str, Any]) -> None:
    items = [s for s in _scenarios() if s["name"] != entry["name"]]
    items.append(entry)
    st.session_state[K_SCENARIOS] = items


def _on_save_scenario() -> None:
    name = str(st.session_state.get("w_scn_name", "")).strip()
    if not name or name.startswith(CURRENT):
        st.session_state["_w_scn_msg"] = "noname"
        return
    sc = state.scorecard()
    entry = whatif.scenario_from_weights(name, state.weights()).to_dict()
    entry["judgments"] = _judgments_json(sc.judgments)
    _store_scenario(entry)
    persistence.save_scenario(sc, entry)
    st.session_state["w_scn_name"] = ""
    st.session_state["_w_scn_msg"] = ""


def _on_equal_scenario(name: str) -> None:
    sc = state.scorecard()
    entry = whatif.equal_scenario(sc, name=name).to_dict()
    entry["judgments"] = _judgments_json(_equal_judgments(sc))
    _store_scenario(entry)
    persistence.save_scenario(sc, entry)


def _on_activate(name: str) -> None:
    entry = next(s for s in _scenarios() if s["name"] == name)
    sc = state.scorecard()
    saved = _judgments_from_json(entry.get("judgments", {}))
    nodes = set(sc.nodes())
    new = common.with_judgments(sc, {node: dict(pairs) for node, pairs in saved.items() if node in nodes})
    state.commit(new, kind="weight", detail=f"scenario {name!r} made active",
                 audit=[{"target": f"scenario: {name}", "before": None, "after": name}])


def _on_delete(name: str) -> None:
    st.session_state[K_SCENARIOS] = [s for s in _scenarios() if s["name"] != name]
    persistence.delete_scenario(name)


def _same_judgments(sc: Scorecard, entry: dict[str, Any]) -> bool:
    saved = _judgments_from_json(entry.get("judgments", {}))
    for node in sc.nodes():
        kids = sc.children(node)
        if len(kids) < 2:
            continue
        try:
            m1, _ = ahp.matrix_from_pairs(kids, sc.judgments.get(node, {}))
            m2, _ = ahp.matrix_from_pairs(kids, saved.get(node, {}))
        except ahp.AhpInputError:
            return False
        if not (abs(m1 - m2) < 1e-9).all():
            return False
    return True


def view_scenarios(sc: Scorecard, w: Weights) -> None:
    """The scenarios view: save / add buttons, one row per scenario, the side-by-side comparison."""
    lang = state.lang()
    period = state.period()
    st.markdown(f"#### {tr('Weight scenarios', 'Skenario bobot')}")
    st.caption(tr("Save the current weights under a name, compare scenarios side by side and make one active "
                  "(its judgments come back; Undo reverses that).",
                  "Simpan bobot saat ini dengan sebuah nama, bandingkan skenario berdampingan dan aktifkan salah "
                  "satunya (penilaiannya dipulihkan; Batalkan membatalkannya)."))
    c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
    with c1:
        st.text_input(tr("Scenario name", "Nama skenario"), key="w_scn_name",
                      placeholder=tr("e.g. Workshop 2024", "mis. Lokakarya 2024"))
    with c2:
        st.button(tr("Save current weights", "Simpan bobot saat ini"), icon=":material/save:", on_click=_on_save_scenario,
                  key="w_scn_save", width="stretch")
    with c3:
        eq = tr("Equal weights", "Bobot sama")
        st.button(tr("Add “equal weights”", "Tambah “bobot sama”"), icon=":material/balance:", on_click=_on_equal_scenario,
                  args=(eq,), key="w_scn_equal", width="stretch")
    if st.session_state.get("_w_scn_msg") == "noname":
        st.warning(tr("Type a name first.", "Ketik nama dulu."))
    items = _scenarios()
    if not items:
        st.info(tr("No scenarios yet. Save the current weights or add the equal-weights scenario.",
                   "Belum ada skenario. Simpan bobot saat ini atau tambahkan skenario bobot sama."))
        return
    scen = [whatif.Scenario.from_dict(s) for s in items]
    current_name = f"{CURRENT} {tr('Current', 'Saat ini')}"
    cmp = whatif.compare_scenarios(sc, period, [whatif.scenario_from_weights(current_name, w)] + scen)
    for entry, res in zip(items, cmp.results[1:], strict=True):
        active = _same_judgments(sc, entry)
        cols = st.columns([4, 2, 1.4, 1.2], vertical_alignment="center")
        cols[0].markdown(f"**{entry['name']}**" + (f" · _{tr('active', 'aktif')}_" if active else ""))
        cols[1].html(f"{html.escape(tr('Index', 'Indeks'))} <b>{components.level_text(res.index)}</b> "
                     f"{components.badge_html(res.light)}")
        cols[2].button(tr("Make active", "Aktifkan"), key=f"w_scn_act_{entry['name']}", on_click=_on_activate,
                       args=(entry["name"],), disabled=active, width="stretch")
        cols[3].button(tr("Delete", "Hapus"), key=f"w_scn_del_{entry['name']}", on_click=_on_delete,
                       args=(entry["name"],), width="stretch")
    st.markdown(f"#### {tr('Side by side', 'Berdampingan')} — {period}")
    persp = [p.key for p in sc.perspectives]
    what = tr("Compared", "Dibandingkan")
    # scenario columns sized to their content ("40,6 % · Kuning"): a fixed small width hid the numbers at 1366
    narrow = {r.name: st.column_config.TextColumn(width=None) for r in cmp.results}
    left, right = st.columns([2, 3], gap="medium")
    with left:
        st.caption(tr("Weight of each perspective in each scenario", "Bobot setiap perspektif di setiap skenario"))
        fig = charts.scenario_chart([sc.perspective(p).name(lang) for p in persp],
                                    {r.name: [r.perspective_weights[p] for p in persp] for r in cmp.results},
                                    lang=lang)
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key="w_scn_chart")
    with right:
        st.caption(tr("Index and perspectives (weight · light)", "Indeks dan perspektif (bobot · lampu)"))
        table: list[dict[str, str]] = [
            {what: tr("Index", "Indeks"), **{r.name: components.level_text(r.index) for r in cmp.results}},
            {what: tr("Index light", "Lampu indeks"), **{r.name: lights.label(r.light, lang) for r in cmp.results}},
        ]
        for p in persp:
            table.append({what: sc.perspective(p).name(lang),
                          **{r.name: f"{common.pct(r.perspective_weights[p])} · {lights.label(r.perspective_lights[p], lang)}"
                             for r in cmp.results}})
        st.dataframe(pd.DataFrame(table), hide_index=True, key="w_scn_table", width="stretch",
                     column_config={what: st.column_config.TextColumn(width=None), **narrow})
    st.caption(tr("Objectives (weight in the scorecard · light)", "Sasaran (bobot dalam kartu skor · lampu)"))
    rows = [{what: f"{o.code} {o.name(lang)}",
             **{r.name: f"{common.pct(r.objective_weights[o.code])} · {lights.label(r.objective_lights[o.code], lang)}"
                for r in cmp.results}} for o in sc.objectives]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="w_scn_objectives", width="stretch",
                 column_config={what: st.column_config.TextColumn(width="large"), **narrow})


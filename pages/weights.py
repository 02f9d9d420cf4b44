"""Weights (AHP): judge each pair with a two-sided slider and see, as you release it, the
consistency, the local and global weights, the index and the perspective lights; what-if tools
(index sensitivity, weight scenarios) on demand.

Thin page: state comes from :mod:`scorecard.ui.state`, the rules from :mod:`scorecard.method.ahp`,
:mod:`scorecard.method.weights` and :mod:`scorecard.method.whatif`, the figures from
:mod:`scorecard.charts.weights`. Every change goes through ``state.commit`` (undo + autosave).

Slider positions: 17 options ``-8 .. 8``. Position ``p <= 0`` means "A is ``1 - p`` times as
important as B" (left = A), ``p > 0`` means "B is ``p + 1`` times as important as A" (right = B).
Widget keys encode node and pair: ``wj|<node>|<A>|<B>``.
"""

from __future__ import annotations

import dataclasses
import html
import math
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.charts import weights as charts
from scorecard.io.numbers import format_number
from scorecard.method import ahp, lights, whatif
from scorecard.method.weights import NodeWeights, Weights
from scorecard.model import ROOT, Scorecard
from scorecard.ui import components, pairwise, state
from scorecard.ui.pairwise import pos_text as _pos_text
from scorecard.ui.pairwise import position_of, value_at
from scorecard.ui.state import tr

K_NODE = "w_node"  # the selected judgment node (plain session state; widgets below mirror it)
K_VIEW = "w_view"  # the selected view: "judge", "sens" or "scen"
K_LAST = "_w_last_change"
K_SENS = "_w_sensitivity"
K_SCENARIOS = "scenarios"
CURRENT = "▶"  # prefix of the working weights' column in the scenario comparison (not a valid saved name)
SETTINGS_FIELDS = ("priority_method", "ri_table", "cr_policy")
LANG = state.lang()  # read once per run: labels and numbers below use it many times


def _num(x: float | None, decimals: int | None = 2) -> str:
    """A number in the session's locale (as ``components.num``, without its per-call state lookups)."""
    return "—" if x is None else format_number(x, locale="id" if LANG == "id" else "en", decimals=decimals)

PAGE_CSS = """
<style>
div[data-testid="stColumn"]:has(div.st-key-w_live){position:sticky;top:3.75rem;align-self:flex-start}
div.st-key-w_pair_hl{border:3px solid #E69F00 !important;background:#FFF8EB}
.sc-plights{width:100%;border-collapse:collapse;font-size:.95rem}
.sc-plights td{padding:.2rem .3rem;border-top:1px solid #EAECF0;vertical-align:middle}
.sc-plights td.n{text-align:right;white-space:nowrap;color:#344054}
.sc-big{font-size:1.1rem;line-height:1.9}
</style>
"""


# ------------------------------------------------------------------------------------------------
# Small helpers (names, slider positions, words)
# ------------------------------------------------------------------------------------------------


def slider_key(node: str, a: str, b: str, lang: str | None = None) -> str:
    """Widget key of the slider of judgment ``a`` vs ``b`` under ``node`` (in a language).

    Streamlit 1.67 keeps choice widgets' values as their *formatted* option text; when the text
    changes (another language, a new CR in a label) the old value no longer matches and the widget
    silently falls back to its first option. So every widget whose option texts depend on the
    language has the language in its key (a fresh widget, set from the scorecard), and the node
    picker, whose texts carry the CR, also has the scorecard revision in its key."""
    return f"wj|{lang or LANG}|{node}|{a}|{b}"


def _wkey(base: str) -> str:
    return f"{base}_{LANG}"


def _kind(sc: Scorecard, node: str) -> str:
    if node == ROOT:
        return "root"
    return "perspective" if any(p.key == node for p in sc.perspectives) else "objective"


def _name(sc: Scorecard, cid: str) -> str:
    return sc.node_label(cid, LANG)


def _short(sc: Scorecard, cid: str) -> str:
    """Perspectives by name, objectives and KPIs by code (slider end labels stay short)."""
    return _name(sc, cid) if any(p.key == cid for p in sc.perspectives) else cid


def _pct(x: float, decimals: int = 1) -> str:
    return charts.pct(x, LANG, decimals)


def _children_word(sc: Scorecard, node: str, n: int) -> str:
    kind = _kind(sc, node)
    if kind == "root":
        return tr(f"{n} perspectives", f"{n} perspektif")
    if kind == "perspective":
        return tr(f"{n} objectives", f"{n} sasaran")
    return tr(f"{n} KPIs", f"{n} IKU")


# ------------------------------------------------------------------------------------------------
# Callbacks (they run before the page; each accepted change is one commit)
# ------------------------------------------------------------------------------------------------


def _set_judgment(node: str, a: str, b: str, value: float, source: str) -> None:
    sc = state.scorecard()
    w = state.weights()
    nw = w.nodes[node]
    i, j = nw.children.index(a), nw.children.index(b)
    before = float(nw.matrix[i, j])
    if math.isclose(before, value, rel_tol=1e-9):
        return
    res = ahp.analyze(ahp.with_judgment(nw.matrix, i, j, value), method=w.method, ri=w.ri_table, policy=w.policy)
    index_before = state.scores().index
    new = _with_judgments(sc, {**sc.judgments, node: dict(sc.judgments.get(node, {}))})
    new.set_judgment(node, a, b, value)
    state.commit(new, kind="judgment", detail=f"{node}: {a} vs {b} {ahp.scale_label(before)} -> "
                 f"{ahp.scale_label(value)} ({source})",
                 audit=[{"target": f"{node}: {a} vs {b}", "before": before, "after": value,
                         "cr_before": nw.cr, "cr_after": float(res.cr)}])
    st.session_state[K_LAST] = {"node": node, "a": a, "b": b, "before": before, "after": value,
                                "cr_before": nw.cr, "cr_after": float(res.cr), "n": len(nw.children),
                                "index_before": index_before, "rev": state.revision(), "source": source}


def _with_judgments(sc: Scorecard, judgments: dict[str, dict[tuple[str, str], float]]) -> Scorecard:
    """A copy of the scorecard with other judgments. Only the judgments are new objects: the rest is
    shared with the old scorecard, which nobody mutates (it stays on the undo stack as it is), so a
    slider release does not deep-copy every measurement."""
    return dataclasses.replace(sc, judgments=judgments)


def _on_slide(node: str, a: str, b: str, key: str) -> None:
    _set_judgment(node, a, b, value_at(int(st.session_state[key])), "slider")


def _on_apply(node: str, a: str, b: str, value: float) -> None:
    _set_judgment(node, a, b, value, "suggestion")


def _on_setting(field: str, key: str) -> None:
    sc = state.scorecard()
    old, new_value = getattr(sc.settings, field), st.session_state[key]
    if old == new_value:
        return
    new = dataclasses.replace(sc, settings=dataclasses.replace(sc.settings, **{field: new_value}))
    state.commit(new, kind="setting", detail=f"{field}: {old} -> {new_value}",
                 audit=[{"target": f"settings.{field}", "before": old, "after": new_value}])


def _mirror(widget_key: str, state_key: str) -> None:
    """Copy a widget's new value into the plain session state it mirrors."""
    if st.session_state.get(widget_key) is not None:
        st.session_state[state_key] = st.session_state[widget_key]


def _sync(key: str, value: Any) -> None:
    """Initialise a widget from the scorecard (before the widget exists) when absent or stale."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


# ------------------------------------------------------------------------------------------------
# Scenarios (st.session_state["scenarios"]: Scenario.to_dict() + the judgments behind it)
# ------------------------------------------------------------------------------------------------


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
    st.session_state["w_scn_name"] = ""
    st.session_state["_w_scn_msg"] = ""


def _on_equal_scenario(name: str) -> None:
    sc = state.scorecard()
    entry = whatif.equal_scenario(sc, name=name).to_dict()
    entry["judgments"] = _judgments_json(_equal_judgments(sc))
    _store_scenario(entry)


def _on_activate(name: str) -> None:
    entry = next(s for s in _scenarios() if s["name"] == name)
    sc = state.scorecard()
    saved = _judgments_from_json(entry.get("judgments", {}))
    nodes = set(sc.nodes())
    new = _with_judgments(sc, {node: dict(pairs) for node, pairs in saved.items() if node in nodes})
    state.commit(new, kind="weight", detail=f"scenario {name!r} made active",
                 audit=[{"target": f"scenario: {name}", "before": None, "after": name}])


def _on_delete(name: str) -> None:
    st.session_state[K_SCENARIOS] = [s for s in _scenarios() if s["name"] != name]


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


# ------------------------------------------------------------------------------------------------
# Rendering pieces
# ------------------------------------------------------------------------------------------------


def _node_option(sc: Scorecard, w: Weights, node: str) -> str:
    nw = w.nodes[node]
    n = len(nw.children)
    icon = "●" if nw.acceptable else "■"
    base = f"{icon} {_name(sc, node)} — {_children_word(sc, node, n)}"
    if n >= 3:
        word = tr("consistent", "konsisten") if nw.acceptable else tr("inconsistent", "tidak konsisten")
        return f"{base} · CR {_num(nw.cr, 3)} {word}"
    return base


def _pair(sc: Scorecard, w: Weights, node: str, nw: NodeWeights, i: int, j: int, highlighted: bool) -> None:
    a, b = nw.children[i], nw.children[j]
    key = slider_key(node, a, b)
    pairwise.pair_slider(key, nw.matrix, i, j, a_full=_name(sc, a), b_full=_name(sc, b), a_short=_short(sc, a),
                         b_short=_short(sc, b), on_change=_on_slide, args=(node, a, b, key), method=w.method,
                         ri=w.ri_table, policy=w.policy, highlighted=highlighted)


def _consistency_panel(sc: Scorecard, w: Weights, node: str, nw: NodeWeights) -> ahp.Suggestion | None:
    """CR badge with lambda_max and CI, the most inconsistent judgment, and the action row
    (apply the suggestion: a user action, never automatic; undo)."""
    n = len(nw.children)
    res = nw.result
    title = html.escape(tr("Consistency of this comparison", "Konsistensi perbandingan ini"))
    s = None
    apply: tuple[str, str, float, str] | None = None
    with st.container(key="w_cr"):
        if res is None or n <= 2:
            st.html(f'<div class="sc-muted">{title}</div><div class="sc-big">'
                    f'{components.cr_html(0.0, True, 0.10 if res is None else res.threshold)} '
                    f'<span class="sc-muted">{html.escape(tr("two items: always consistent", "dua elemen: selalu konsisten"))}'
                    f'</span></div>')
        else:
            ri_name = "Saaty" if w.ri_table == "saaty" else "Alonso–Lamata"
            st.html(f'<div class="sc-muted">{title}</div><div class="sc-big">'
                    f'{components.cr_html(res.cr, res.acceptable, res.threshold)} <span class="sc-muted" '
                    f'style="white-space:nowrap">λmax {_num(res.lambda_max, 3)} · CI {_num(res.ci, 3)} · '
                    f'RI {_num(res.ri, 2)} ({ri_name}, n = {n})</span></div>')
    if res is not None and n >= 3:
        s = pairwise.suggestion(nw.matrix, method=w.method, ri=w.ri_table)
    if s is not None and res is not None:
        a, b = nw.children[s.i], nw.children[s.j]
        body, changes = pairwise.suggestion_html(s, a_full=_name(sc, a), b_full=_name(sc, b),
                                                 a_short=_short(sc, a), b_short=_short(sc, b),
                                                 acceptable=res.acceptable, threshold=res.threshold)
        st.html(body)
        if changes:
            apply = (a, b, s.suggested, _pos_text(position_of(s.suggested), _short(sc, a), _short(sc, b)))
    if apply is not None or state.can_undo():
        with st.container(horizontal=True, gap="small", key="w_actions"):
            if apply is not None:
                st.button(tr(f"Apply suggestion: {apply[3]}", f"Terapkan saran: {apply[3]}"), key="w_apply",
                          type="primary" if res is not None and not res.acceptable else "secondary",
                          icon=":material/auto_fix_high:", on_click=_on_apply, args=(node, *apply[:3]),
                          help=tr("Changes only this one judgment; Undo brings it back.",
                                  "Hanya mengubah satu penilaian ini; Batalkan mengembalikannya."))
            if state.can_undo():
                st.button(tr("Undo", "Batalkan"), key="w_undo", icon=":material/undo:", on_click=state.undo,
                          help=tr("Undo the last change", "Batalkan perubahan terakhir"))
    _last_change(sc)
    return s


def _last_change(sc: Scorecard) -> None:
    """What the last judgment did: position, CR and index before -> after."""
    last = st.session_state.get(K_LAST)
    if not last or last.get("rev") != state.revision():
        return
    a_short, b_short = _short(sc, last["a"]), _short(sc, last["b"])
    before = _pos_text(position_of(last["before"]), a_short, b_short)
    after = _pos_text(position_of(last["after"]), a_short, b_short)
    cr = f" · CR {_num(last['cr_before'], 3)} → {_num(last['cr_after'], 3)}" if last["n"] >= 3 else ""
    idx = f" · {tr('index', 'indeks')} {components.level_text(last['index_before'])} → {components.level_text(state.scores().index)}"
    st.caption(tr(f"Last change: {before} → {after}", f"Perubahan terakhir: {before} → {after}") + cr + idx)


def _perspective_lights(sc: Scorecard, ps: Any) -> None:
    rows = []
    for g in ps.perspectives:
        name = sc.perspective(g.key).name(LANG)
        rows.append(f"<tr><td>{html.escape(name)}</td><td class='n'>{html.escape(tr('level', 'level'))} {_num(g.level)}</td>"
                    f"<td class='n'>{components.badge_html(g.light)}</td></tr>")
    st.html(f'<div class="sc-card"><div class="sc-muted">{html.escape(tr("Perspectives", "Perspektif"))} — '
            f'{html.escape(ps.period)}</div><table class="sc-plights">{"".join(rows)}</table></div>')


def _global_weights(sc: Scorecard, w: Weights) -> None:
    lang = LANG
    st.markdown(f"#### {tr('Global weights of all KPIs', 'Bobot global semua IKU')}")
    st.caption(tr("Global weight = perspective weight × objective weight × KPI weight; together 100 %.",
                  "Bobot global = bobot perspektif × bobot sasaran × bobot IKU; jumlahnya 100 %."))
    left, right = st.columns([3, 2], gap="medium")
    kpis = sc.kpis
    with left:
        fig = charts.weights_bar([f"{k.code} {k.name(lang)}" for k in kpis], [w.global_.get(k.code, 0.0) for k in kpis],
                                 groups=[sc.perspective_of_kpi(k.code) for k in kpis],
                                 group_names={p.key: p.name(lang) for p in sc.perspectives}, lang=lang,
                                 label_limit=38, height=26 * len(kpis) + 70)
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key="w_global_chart")
    with right:
        rows = []
        for k in sorted(kpis, key=lambda k: -w.global_.get(k.code, 0.0)):
            rows.append({
                tr("KPI", "IKU"): f"{k.code} {k.name(lang)}",
                tr("Global", "Global"): _pct(w.global_.get(k.code, 0.0), 2),
                tr("In objective", "Dalam sasaran"): _pct(w.local.get(k.code, 0.0)),
            })
        st.dataframe(pd.DataFrame(rows), hide_index=True, height=26 * len(kpis) + 70, key="w_global_table",
                     column_config={tr("KPI", "IKU"): st.column_config.TextColumn(width="large")})


def _settings_expander(sc: Scorecard) -> None:
    names = {
        "priority_method": {"eigen": tr("Eigenvector (Saaty)", "Vektor eigen (Saaty)"),
                            "approx": tr("Approximate: normalised columns, row means (hand method of the study)",
                                         "Pendekatan: kolom dinormalkan, rata-rata baris (cara manual studi)"),
                            "geometric": tr("Geometric mean of rows", "Rata-rata geometrik baris")},
        "ri_table": {"saaty": "Saaty (1980)", "alonso-lamata": "Alonso & Lamata (2006)"},
        "cr_policy": {"fixed": tr("CR ≤ 0.10 for every size", "CR ≤ 0,10 untuk semua ukuran"),
                      "by-size": tr("By size: 0.05 (3 items), 0.08 (4), 0.10 (5 or more)",
                                    "Menurut ukuran: 0,05 (3 elemen), 0,08 (4), 0,10 (5 atau lebih)")},
    }
    labels = {"priority_method": tr("Priority method", "Metode prioritas"),
              "ri_table": tr("Random Index table", "Tabel Indeks Acak (RI)"),
              "cr_policy": tr("When is a comparison consistent?", "Kapan perbandingan dianggap konsisten?")}
    with st.expander(tr("AHP settings", "Pengaturan AHP"), icon=":material/settings:"):
        for field in SETTINGS_FIELDS:
            key = _wkey(f"w_set_{field}")
            _sync(key, getattr(sc.settings, field))
            opts = list(names[field])
            if st.session_state[key] not in opts:
                opts.append(st.session_state[key])
            st.radio(labels[field], opts, key=key, format_func=lambda v, f=field: names[f].get(v, v),
                     on_change=_on_setting, args=(field, key))


# ------------------------------------------------------------------------------------------------
# Views
# ------------------------------------------------------------------------------------------------


def view_judgments(sc: Scorecard, w: Weights) -> None:
    nodes = [n for n in sc.nodes() if len(sc.children(n)) >= 2]
    if not nodes:
        st.info(tr("Nothing to compare yet: add perspectives, objectives and KPIs on the Data page.",
                   "Belum ada yang dibandingkan: tambahkan perspektif, sasaran dan IKU di halaman Data."))
        return
    if st.session_state.get(K_NODE) not in nodes:
        st.session_state[K_NODE] = nodes[0]
    left, right = st.columns([3, 2], gap="large")
    with left:
        pick = _wkey(f"w_node_pick_{state.revision()}")
        _sync(pick, st.session_state[K_NODE])
        option_text = {n: _node_option(sc, w, n) for n in nodes}  # texts made now, in this run's language
        node = st.selectbox(tr("Which comparison?", "Perbandingan mana?"), nodes, key=pick,
                            format_func=option_text.__getitem__, on_change=_mirror, args=(pick, K_NODE))
        bad = [n for n in w.inconsistent_nodes if n in nodes]
        if bad:
            st.caption(tr(f"■ Inconsistent: {', '.join(_name(sc, n) for n in bad)}",
                          f"■ Tidak konsisten: {', '.join(_name(sc, n) for n in bad)}"))
        else:
            st.caption(tr("● Every comparison is consistent.", "● Semua perbandingan konsisten."))
    nw = w.nodes[node]
    n = len(nw.children)
    with right, st.container(key="w_live", gap="small"):
        sug = _consistency_panel(sc, w, node, nw)
        ps = state.scores()
        components.index_card(ps, components.previous_scores(ps))
        st.markdown(f"**{tr('Weights in this comparison', 'Bobot dalam perbandingan ini')}**")
        fig = charts.weights_bar([_name(sc, c) for c in nw.children], list(nw.weights), lang=LANG,
                                 label_limit=30, height=30 * n + 24, axis=False)
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key="w_local_chart")
        _perspective_lights(sc, ps)
    with left:
        st.caption(tr("Slide each bar towards the item that matters more: further = more important "
                      "(1 equal … 9 extremely). Every release is saved; Undo brings it back.",
                      "Geser setiap penggeser ke arah yang lebih penting: makin jauh = makin penting "
                      "(1 sama … 9 mutlak). Setiap perubahan tersimpan; Batalkan mengembalikannya."))
        if n >= 3:
            st.html(pairwise.strip_legend_html())
        for i in range(n):
            for j in range(i + 1, n):
                hl = sug is not None and (sug.i, sug.j) == (i, j)
                with st.container(border=True, key="w_pair_hl" if hl else f"w_pair_{i}_{j}"):
                    _pair(sc, w, node, nw, i, j, hl)
    _global_weights(sc, w)


def _sensitivity(sc: Scorecard, period: str, w: Weights) -> tuple[list[whatif.TornadoBar], list[whatif.FlipResult]]:
    """Tornado bars and flip thresholds, computed once per scorecard revision and period."""
    key = (state.revision(), period)
    cache = st.session_state.get(K_SENS)
    if cache is None or cache[0] != key:
        with st.spinner(tr("Computing the sensitivity…", "Menghitung sensitivitas…")):
            bars = whatif.tornado_data(sc, period, weights=w)
            flips = [whatif.flip_threshold(sc, period, n, weights=w, tolerance=0.05) for n in
                     [p.key for p in sc.perspectives] + [o.code for o in sc.objectives]]
        cache = (key, bars, flips)
        st.session_state[K_SENS] = cache
    return cache[1], cache[2]


def view_sensitivity(sc: Scorecard, w: Weights) -> None:
    lang = LANG
    period = state.period()
    ps = state.scores()
    bars, flips = _sensitivity(sc, period, w)
    st.markdown(f"#### {tr('How sensitive is the index to the weights?', 'Seberapa peka indeks terhadap bobot?')}")
    st.caption(tr(f"Index {period} now {components.level_text(ps.index)} ({lights.label(ps.light, LANG)}). Each bar: the index "
                  "when one weight is 25 % lower or higher; the others in its group share the rest in proportion.",
                  f"Indeks {period} sekarang {components.level_text(ps.index)} ({lights.label(ps.light, LANG)}). Setiap batang: "
                  "indeks bila satu bobot 25 % lebih rendah atau lebih tinggi; bobot lain dalam kelompoknya "
                  "berbagi sisanya secara proporsional."))
    left, right = st.columns([3, 2], gap="large")
    with left:
        fig = charts.tornado_chart(
            [_name(sc, b.node) for b in bars], [b.index_low for b in bars], [b.index_high for b in bars],
            ps.index, low_name=tr("weight −25 %", "bobot −25 %"), high_name=tr("weight +25 %", "bobot +25 %"),
            now_name=tr(f"now {components.level_text(ps.index)}", f"sekarang {components.level_text(ps.index)}"), lang=lang,
            yellow_from=sc.settings.yellow_from, green_from=sc.settings.green_from,
            band_names={"yellow": tr(f"▲ Yellow from {_num(sc.settings.yellow_from)}",
                                     f"▲ Kuning mulai {_num(sc.settings.yellow_from)}"),
                        "green": tr(f"● Green from {_num(sc.settings.green_from)}",
                                    f"● Hijau mulai {_num(sc.settings.green_from)}")},
            x_title=tr("Performance index", "Indeks kinerja"))
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key="w_tornado")
    with right:
        st.markdown(f"#### {tr('Smallest change that turns the light', 'Perubahan terkecil yang mengubah lampu')}")
        found = sorted((f for f in flips if f.flipped), key=lambda f: abs(f.change_pct or 0.0))
        if not found:
            st.success(tr("No single weight change turns the index light: the result is robust.",
                          "Tidak ada satu perubahan bobot pun yang mengubah lampu indeks: hasilnya kokoh."))
        lines = []
        for f in found[:6]:
            change = _num(abs(f.change_pct or 0.0), 1)
            weights = f"{_pct(f.weight_before)} → {_pct(f.weight_at_flip or 0.0)}"
            up = f.direction == "up"
            lines.append(tr(
                f"- **{_name(sc, f.node)}** {'+' if up else '−'}{change} % ({weights} of its group) "
                f"→ **{lights.label(f.new_light or 'red', LANG)}**",
                f"- **{_name(sc, f.node)}** {'+' if up else '−'}{change} % ({weights} dari kelompoknya) "
                f"→ **{lights.label(f.new_light or 'red', LANG)}**"))
        if lines:
            st.markdown(tr(f"The index is **{lights.label(ps.light, LANG)}** now. It changes colour when one weight moves "
                           "by:", f"Indeks sekarang **{lights.label(ps.light, LANG)}**. Warnanya berubah bila satu bobot "
                           "bergeser sebesar:"))
            st.markdown("\n".join(lines))
        steady = [_name(sc, f.node) for f in flips if not f.flipped]
        if steady:
            st.caption(tr(f"No change of one weight alone turns the light for: {', '.join(steady)}.",
                          f"Perubahan satu bobot saja tidak mengubah lampu untuk: {', '.join(steady)}."))


def view_scenarios(sc: Scorecard, w: Weights) -> None:
    lang = LANG
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
    narrow = {r.name: st.column_config.TextColumn(width="small") for r in cmp.results}
    left, right = st.columns([1, 1], gap="large")
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
            {what: tr("Index light", "Lampu indeks"), **{r.name: lights.label(r.light, LANG) for r in cmp.results}},
        ]
        for p in persp:
            table.append({what: sc.perspective(p).name(lang),
                          **{r.name: f"{_pct(r.perspective_weights[p])} · {lights.label(r.perspective_lights[p], LANG)}"
                             for r in cmp.results}})
        st.dataframe(pd.DataFrame(table), hide_index=True, key="w_scn_table",
                     column_config={what: st.column_config.TextColumn(width="medium"), **narrow})
    st.caption(tr("Objectives (weight in the scorecard · light)", "Sasaran (bobot dalam kartu skor · lampu)"))
    rows = [{what: f"{o.code} {o.name(lang)}",
             **{r.name: f"{_pct(r.objective_weights[o.code])} · {lights.label(r.objective_lights[o.code], LANG)}"
                for r in cmp.results}} for o in sc.objectives]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="w_scn_objectives",
                 column_config={what: st.column_config.TextColumn(width="large"), **narrow})


# ------------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------------

sc = state.scorecard()
st.html(PAGE_CSS + charts.STRIP_CSS + pairwise.SUGGESTION_CSS)
st.title(tr("Weights (AHP)", "Bobot (AHP)"))
try:
    w = state.weights()
except ahp.AhpInputError as exc:
    st.error(exc.msg.text(state.lang()))
    st.stop()

views = {"judge": tr("Judgments & weights", "Penilaian & bobot"),
         "sens": tr("What-if: sensitivity", "Bagaimana-jika: sensitivitas"),
         "scen": tr("What-if: scenarios", "Bagaimana-jika: skenario")}
if st.session_state.get(K_VIEW) not in views:
    st.session_state[K_VIEW] = "judge"
top_left, top_right = st.columns([3, 2], vertical_alignment="top", gap="large")
with top_left:
    view_key = _wkey("w_view")
    _sync(view_key, st.session_state[K_VIEW])
    view = st.segmented_control(tr("View", "Tampilan"), list(views), key=view_key, format_func=views.get,
                                required=True, label_visibility="collapsed", on_change=_mirror,
                                args=(view_key, K_VIEW))
with top_right:
    _settings_expander(sc)

if view == "sens":
    view_sensitivity(sc, w)
elif view == "scen":
    view_scenarios(sc, w)
else:
    view_judgments(sc, w)

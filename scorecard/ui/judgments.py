"""The judgments view of the Weights page: pick a comparison, judge each pair with a two-sided slider
and see, as you release it, the consistency (CR, lambda_max, CI, RI), the most inconsistent judgment
with a suggested fix, the local weights, the index and the perspective lights.

Every accepted judgment is one ``state.commit`` (undo + autosave) with an audit entry. A pair may be
left unjudged ("not sure / skip"): the node is then weighed from the other pairs (Harker's method);
with the geometric method the GCI is shown instead of the CR.
"""

from __future__ import annotations

import html
import math

import numpy as np
import streamlit as st

from scorecard.charts import weights as charts
from scorecard.method import ahp
from scorecard.method.weights import NodeWeights, Weights
from scorecard.model import Scorecard
from scorecard.ui import components, pairwise, state
from scorecard.ui import weights_common as common
from scorecard.ui.global_weights import global_weights, perspective_lights
from scorecard.ui.pairwise import pos_text as _pos_text
from scorecard.ui.pairwise import position_of, value_at
from scorecard.ui.state import tr
from scorecard.ui.weights_common import K_LAST, K_NODE


def _label(v: float) -> str:
    return "-" if math.isnan(v) else ahp.scale_label(v)


def _set_judgment(node: str, a: str, b: str, value: float, source: str) -> None:
    """Set (or, with ``value`` NaN, remove: "not sure / skip") one judgment as one undoable commit."""
    sc = state.scorecard()
    w = state.weights()
    nw = w.nodes[node]
    i, j = nw.children.index(a), nw.children.index(b)
    before = float((nw.judged if nw.problem is None else _with_gaps(sc, nw))[i, j])
    if math.isclose(before, value, rel_tol=1e-9) or (math.isnan(before) and math.isnan(value)):
        return
    base = nw.judged if nw.problem is None else _with_gaps(sc, nw)
    if math.isnan(value):
        after_matrix = np.array(base, dtype=float, copy=True)
        after_matrix[i, j] = after_matrix[j, i] = value
    else:
        after_matrix = ahp.with_judgment(base, i, j, value)
    try:
        cr_after: float | None = float(ahp.analyze(after_matrix, method=w.method, ri=w.ri_table,
                                                   policy=w.policy).cr)
    except ahp.AhpInputError:  # skipping this pair would disconnect the items: the gaps count as 1
        cr_after = None
    index_before = state.scores().index
    new = common.with_judgments(sc, {**sc.judgments, node: dict(sc.judgments.get(node, {}))})
    if math.isnan(value):
        new.judgments[node].pop((a, b), None)
        new.judgments[node].pop((b, a), None)
    else:
        new.set_judgment(node, a, b, value)
    state.commit(new, kind="judgment", detail=f"{node}: {a} vs {b} {_label(before)} -> "
                 f"{_label(value)} ({source})", defer=True,
                 audit=[{"target": f"{node}: {a} vs {b}", "before": None if math.isnan(before) else before,
                         "after": None if math.isnan(value) else value,
                         "cr_before": nw.cr, "cr_after": cr_after}])
    st.session_state[K_LAST] = {"node": node, "a": a, "b": b, "before": before, "after": value,
                                "cr_before": nw.cr, "cr_after": nw.cr if cr_after is None else cr_after,
                                "n": len(nw.children),
                                "index_before": index_before, "rev": state.revision(), "source": source}


def _on_slide(node: str, a: str, b: str, key: str) -> None:
    _set_judgment(node, a, b, value_at(int(st.session_state[key])), "slider")


def _on_apply(node: str, a: str, b: str, value: float) -> None:
    _set_judgment(node, a, b, value, "suggestion")


def _on_skip(node: str, a: str, b: str, key: str) -> None:
    """"Not sure / skip" ticked: remove the judgment. Unticked: judge the pair at the scale value the
    other judgments imply (the completed w_a / w_b), a starting point to move from."""
    if st.session_state[key]:
        _set_judgment(node, a, b, float("nan"), "skip")
        return
    nw = state.weights().nodes[node]
    i, j = nw.children.index(a), nw.children.index(b)
    _set_judgment(node, a, b, ahp.nearest_scale(float(nw.weights[i] / nw.weights[j])), "unskip")


def _node_option(sc: Scorecard, w: Weights, node: str) -> str:
    nw = w.nodes[node]
    n = len(nw.children)
    icon = "●" if nw.acceptable else "■"
    base = f"{icon} {common.name(sc, node)} — {common.children_word(sc, node, n)}"
    if n >= 3 and nw.result is not None:
        word = tr("consistent", "konsisten") if nw.acceptable else tr("inconsistent", "tidak konsisten")
        skipped = tr(f" · {len(nw.missing)} skipped", f" · {len(nw.missing)} dilewati") if nw.missing else ""
        return f"{base} · {nw.result.index_name} {components.cr_text(nw.result.index)} {word}{skipped}"
    return base


def _pair(sc: Scorecard, w: Weights, node: str, nw: NodeWeights, i: int, j: int, highlighted: bool) -> None:
    a, b = nw.children[i], nw.children[j]
    key = common.slider_key(node, a, b)
    matrix = nw.judged if nw.problem is None else _with_gaps(sc, nw)
    pairwise.pair_slider(key, matrix, i, j, a_full=common.name(sc, a), b_full=common.name(sc, b),
                         a_short=common.short(sc, a), b_short=common.short(sc, b), on_change=_on_slide,
                         args=(node, a, b, key), method=w.method, ri=w.ri_table, policy=w.policy,
                         highlighted=highlighted, strip=nw.problem is None)
    skip_key = key + "|skip"
    skipped = bool(math.isnan(float(matrix[i, j])))
    if st.session_state.get(skip_key) != skipped:
        st.session_state[skip_key] = skipped
    st.checkbox(tr("Not sure / skip this pair", "Tidak yakin / lewati pasangan ini"), key=skip_key,
                on_change=_on_skip, args=(node, a, b, skip_key),
                help=tr("A skipped pair is not judged: the weights come from the other pairs (Harker's method). "
                        "The judged pairs must still link all items.",
                        "Pasangan yang dilewati tidak dinilai: bobot dihitung dari pasangan lain (metode Harker). "
                        "Pasangan yang dinilai tetap harus menghubungkan semua elemen."))


def _with_gaps(sc: Scorecard, nw: NodeWeights) -> np.ndarray:
    """The node's judgments with NaN for skipped pairs (also when they do not connect all items)."""
    return ahp.matrix_from_pairs(list(nw.children), sc.judgments.get(nw.node, {}), missing_as=float("nan"))[0]


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
        elif res.index_name == "GCI":
            st.html(f'<div class="sc-muted">{title}</div><div class="sc-big">'
                    f'{components.cr_html(res.index, res.acceptable, res.index_threshold, "GCI")} '
                    f'<span class="sc-muted" style="white-space:nowrap">'
                    f'{html.escape(tr("geometric consistency index (Aguarón & Moreno-Jiménez)", "indeks konsistensi geometrik (Aguarón & Moreno-Jiménez)"))}'
                    f', n = {n}</span></div>')
        else:
            ri_name = "Saaty" if w.ri_table == "saaty" else "Alonso–Lamata"
            st.html(f'<div class="sc-muted">{title}</div><div class="sc-big">'
                    f'{components.cr_html(res.cr, res.acceptable, res.threshold)} <span class="sc-muted" '
                    f'style="white-space:nowrap">λmax {common.num(res.lambda_max, 3)} · CI {common.num(res.ci, 3)} · '
                    f'RI {common.num(res.ri, 2)} ({ri_name}, n = {n})</span></div>')
        if nw.problem is not None:
            st.warning(nw.problem.text(state.lang()) + " " + tr(
                "Until then the skipped pairs count as 1 (equal).",
                "Sampai saat itu pasangan yang dilewati dianggap 1 (sama penting)."), icon=":material/link_off:")
        elif nw.missing and n >= 3:
            st.caption(tr(f"{len(nw.missing)} pair(s) skipped: weights and consistency from the judged pairs "
                          "(Harker's method).",
                          f"{len(nw.missing)} pasangan dilewati: bobot dan konsistensi dari pasangan yang dinilai "
                          "(metode Harker)."))
    if res is not None and n >= 3 and nw.problem is None:
        s = pairwise.suggestion(nw.judged, method=w.method, ri=w.ri_table, policy=w.policy)
    if s is not None and res is not None:
        a, b = nw.children[s.i], nw.children[s.j]
        body, changes = pairwise.suggestion_html(s, a_full=common.name(sc, a), b_full=common.name(sc, b),
                                                 a_short=common.short(sc, a), b_short=common.short(sc, b),
                                                 acceptable=res.acceptable, threshold=res.index_threshold)
        st.html(body)
        if changes:
            apply = (a, b, s.suggested, _pos_text(position_of(s.suggested), common.short(sc, a), common.short(sc, b)))
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
    a_short, b_short = common.short(sc, last["a"]), common.short(sc, last["b"])
    skipped = tr("skipped", "dilewati")
    before = skipped if math.isnan(last["before"]) else _pos_text(position_of(last["before"]), a_short, b_short)
    after = skipped if math.isnan(last["after"]) else _pos_text(position_of(last["after"]), a_short, b_short)
    cr = f" · CR {components.cr_text(last['cr_before'])} → {components.cr_text(last['cr_after'])}" if last["n"] >= 3 else ""
    idx = f" · {tr('index', 'indeks')} {components.level_text(last['index_before'])} → {components.level_text(state.scores().index)}"
    st.caption(tr(f"Last change: {before} → {after}", f"Perubahan terakhir: {before} → {after}") + cr + idx)


@st.fragment
def live_judgments() -> None:
    """The judgments view as a Streamlit fragment: a slider release, a suggestion applied or an undo
    reruns only this part of the page (not the app's sidebar, title or settings), so the new CR,
    weights and index reach the screen sooner. The scorecard and its weights are read afresh on
    each fragment run (they are memoised per revision in :mod:`scorecard.ui.state`)."""
    # the release's change is stored after its weights and index are drawn (commit(defer=True))
    with state.storing_at_end():
        _live()


def _live() -> None:
    try:
        w = state.weights()
    except ahp.AhpInputError as exc:
        st.error(exc.msg.text(state.lang()))
        return
    view_judgments(state.scorecard(), w)


def view_judgments(sc: Scorecard, w: Weights) -> None:
    """The judgments view: comparison picker, sliders, live consistency and weights, global weights."""
    nodes = [n for n in sc.nodes() if len(sc.children(n)) >= 2]
    if not nodes:
        st.info(tr("Nothing to compare yet: add perspectives, objectives and KPIs on the Data page.",
                   "Belum ada yang dibandingkan: tambahkan perspektif, sasaran dan IKU di halaman Data."))
        return
    if st.session_state.get(K_NODE) not in nodes:
        st.session_state[K_NODE] = nodes[0]
    left, right = st.columns([3, 2], gap="large")
    with left:
        # a new key per revision: with one key the browser keeps showing the option text (CR) of the
        # previous run after a release (seen in Chromium), although the options sent are new
        pick = common.wkey(f"w_node_pick_{state.revision()}")
        common.sync(pick, st.session_state[K_NODE])
        option_text = {n: _node_option(sc, w, n) for n in nodes}  # texts made now, in this run's language
        node = st.selectbox(tr("Which comparison?", "Perbandingan mana?"), nodes, key=pick,
                            format_func=option_text.__getitem__, on_change=common.mirror, args=(pick, K_NODE))
        bad = [n for n in w.inconsistent_nodes if n in nodes]
        if bad:
            st.caption(tr(f"■ Inconsistent: {', '.join(common.name(sc, n) for n in bad)}",
                          f"■ Tidak konsisten: {', '.join(common.name(sc, n) for n in bad)}"))
        else:
            st.caption(tr("● Every comparison is consistent.", "● Semua perbandingan konsisten."))
    nw = w.nodes[node]
    n = len(nw.children)
    with right, st.container(key="w_live", gap="small"):
        sug = _consistency_panel(sc, w, node, nw)
        ps = state.scores()
        components.index_card(ps, components.previous_scores(ps))
        st.markdown(f"**{tr('Weights in this comparison', 'Bobot dalam perbandingan ini')}**")
        st.html(charts.weights_bars_html([common.name(sc, c) for c in nw.children], list(nw.weights),
                                         lang=state.lang(), label_limit=30))
        perspective_lights(sc, ps)
    with left:
        st.caption(tr("Slide each bar towards the item that matters more: further = more important "
                      "(1 equal … 9 extremely). Every release is saved; Undo brings it back.",
                      "Geser setiap penggeser ke arah yang lebih penting: makin jauh = makin penting "
                      "(1 sama … 9 mutlak). Setiap perubahan tersimpan; Batalkan mengembalikannya."))
        if n >= 3:
            st.html(pairwise.strip_legend_html())
        for i in range(n):
            for j in range(i + 1, n):
                hl = pairwise.marks(sug) and sug is not None and (sug.i, sug.j) == (i, j)
                with st.container(border=True, key="w_pair_hl" if hl else f"w_pair_{i}_{j}"):
                    _pair(sc, w, node, nw, i, j, hl)
    global_weights(sc, w)


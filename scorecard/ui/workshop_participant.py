"""The workshop participant's view: the join form (code and name), one card per comparison with the
pairwise sliders, the participant's own consistency (CR) and weights, and the Submit button.

Slider positions are a draft in the session until Submit; submitted answers are Saaty-scale values
(1/9 .. 9) sent to :mod:`scorecard.store.workshop`, or "not sure / skip" (NaN in the draft, sent with
:func:`scorecard.store.workshop.skip`). Only the pairs the facilitator asked are shown. Widget keys:
``pj|<node>|<A>|<B>`` (and ``...|skip``), ``ws_join_*``.
"""

from __future__ import annotations

import html
import math

import streamlit as st

from scorecard.method import ahp
from scorecard.model import ROOT
from scorecard.store import workshop as ws
from scorecard.ui import components, pairwise, state
from scorecard.ui import workshop_common as common
from scorecard.ui.state import tr
from scorecard.ui.workshop_common import K_DRAFT, K_PT, PARTICIPANT_CSS, QP_JOIN, QP_PT


def _on_join() -> None:
    code = str(st.session_state.get("ws_join_code", ""))
    name = str(st.session_state.get("ws_join_name", ""))
    try:
        token = ws.join(common.store(), code, name, common.client_key())
    except Exception as e:  # noqa: BLE001 - WorkshopError or other: a message, never a traceback
        common.flash("error", common.err_text(e))
        return
    st.session_state[K_PT] = token
    st.query_params[QP_PT] = token
    if QP_JOIN in st.query_params:
        del st.query_params[QP_JOIN]


def join_form(prefill: str = "") -> None:
    """The join form (code and name); ``prefill`` is a code from the join link."""
    st.markdown(f"#### {tr('Join a workshop', 'Gabung ke lokakarya')}")
    st.caption(tr("Type the code the facilitator shows and your name. Your answers are visible only to you "
                  "and, as part of the group result, to the facilitator.",
                  "Ketik kode yang ditampilkan fasilitator dan nama Anda. Jawaban Anda hanya terlihat oleh Anda "
                  "dan, sebagai bagian dari hasil kelompok, oleh fasilitator."))
    if prefill and "ws_join_code" not in st.session_state:
        st.session_state["ws_join_code"] = ws.format_code(prefill.strip().upper())
    with st.form("ws_join_form", border=True):
        st.text_input(tr("Workshop code", "Kode lokakarya"), key="ws_join_code", max_chars=20,
                      placeholder="ABCD-EFGH")
        st.text_input(tr("Your name", "Nama Anda"), key="ws_join_name", max_chars=ws.MAX_NAME,
                      placeholder=tr("e.g. Budi (Finance)", "mis. Budi (Keuangan)"))
        st.form_submit_button(tr("Join", "Gabung"), type="primary", icon=":material/login:", on_click=_on_join)


def _start(view: ws.ParticipantView, node: str, pair: tuple[str, str]) -> float:
    """A draft value from the submitted answer: the value, NaN for "not sure", else 1 (equal)."""
    v = float(view.answers.get(node, {}).get(pair, 1.0))
    return math.nan if v == ws.SKIPPED else v


def _draft(token: str, view: ws.ParticipantView) -> dict[str, dict[tuple[str, str], float]]:
    """The participant's slider positions, started from their submitted answers (else 'equal')."""
    d = st.session_state.get(K_DRAFT)
    if not d or d.get("token") != token:
        values = {q.node: {p: _start(view, q.node, p) for p in q.pairs} for q in view.questions}
        d = {"token": token, "values": values}
        st.session_state[K_DRAFT] = d
    values: dict[str, dict[tuple[str, str], float]] = d["values"]
    for q in view.questions:  # robust to a changed question list
        values.setdefault(q.node, {})
        for p in q.pairs:
            values[q.node].setdefault(p, _start(view, q.node, p))
    return values


def _on_skip(node: str, a: str, b: str, key: str) -> None:
    d = st.session_state.get(K_DRAFT)
    if d:
        d["values"].setdefault(node, {})[(a, b)] = math.nan if st.session_state[key] else 1.0


def _on_draft(node: str, a: str, b: str, key: str) -> None:
    d = st.session_state.get(K_DRAFT)
    if d:
        d["values"].setdefault(node, {})[(a, b)] = pairwise.value_at(int(st.session_state[key]))


def _on_apply_hint(node: str, a: str, b: str, value: float) -> None:
    d = st.session_state.get(K_DRAFT)
    if d:
        d["values"].setdefault(node, {})[(a, b)] = float(value)


def _on_submit(token: str) -> None:
    d = st.session_state.get(K_DRAFT)
    if not d or d.get("token") != token:
        return
    sent = 0
    try:
        for node, pairs in d["values"].items():
            for (a, b), value in pairs.items():
                if math.isnan(value):
                    ws.skip(common.store(), token, node, a, b)
                else:
                    ws.submit(common.store(), token, node, a, b, ahp.nearest_scale(value))
                sent += 1
    except Exception as e:  # noqa: BLE001 - WorkshopError or other: a message, never a traceback
        common.flash("error", common.err_text(e))
        return
    common.flash("success", tr(f"Thank you: your {sent} answers are in. You can change them and submit again until the "
                               "facilitator closes the round.",
                               f"Terima kasih: {sent} jawaban Anda sudah masuk. Anda masih dapat mengubah dan mengirim ulang "
                               "sampai fasilitator menutup putaran."))


def _question(view: ws.ParticipantView, q: ws.NodeQuestion, number: int,
              values: dict[tuple[str, str], float], closed: bool) -> None:
    lang_i = 1 if state.lang() == "id" else 0
    full = {c: view.labels.get(c, (c, c))[lang_i] for c in q.children}
    short = {c: (full[c] if q.node == ROOT else c) for c in q.children}
    node_label = view.labels.get(q.node, (q.node, q.node))[lang_i]
    n = len(q.children)
    judged = {p: v for p, v in values.items() if p in q.pairs and not math.isnan(v)}
    matrix, _ = ahp.matrix_from_pairs(q.children, judged, missing_as=math.nan)
    try:
        res: ahp.AhpResult | None = ahp.analyze(matrix)
    except ahp.AhpInputError as e:  # skipped pairs leave items unlinked: no weights yet
        res, problem = None, e.msg.text(state.lang())
    sug = pairwise.suggestion(matrix) if n >= 3 and res is not None else None
    answers = view.answers.get(q.node, {})
    if len(answers) < len(q.pairs):
        status = tr("not submitted yet", "belum dikirim")
    elif any(_start(view, q.node, p) != values[p] and not (math.isnan(values[p]) and math.isnan(_start(view, q.node, p)))
             for p in q.pairs):
        status = tr("changed, not submitted yet", "diubah, belum dikirim")
    else:
        status = tr("✓ submitted", "✓ terkirim")
    title = (tr("Which perspective matters more?", "Perspektif mana yang lebih penting?") if q.node == ROOT
             else tr(f"Under {node_label}: which matters more?", f"Di bawah {node_label}: mana yang lebih penting?"))
    with st.container(border=True, key=f"ws_q_{number}"):
        st.markdown(f"#### {number}. {title}")
        st.caption(tr(f"{len(q.pairs)} pairs · {status}", f"{len(q.pairs)} pasangan · {status}"))
        left, right = st.columns([3, 2], gap="large")
        with left:
            for a, b in q.pairs:
                i, j = q.children.index(a), q.children.index(b)
                key = f"pj|{q.node}|{a}|{b}"
                hl = sug is not None and res is not None and not res.acceptable and (sug.i, sug.j) == (i, j)
                pairwise.pair_slider(key, matrix, i, j, a_full=full[a], b_full=full[b], a_short=short[a],
                                     b_short=short[b], on_change=_on_draft, args=(q.node, a, b, key),
                                     highlighted=hl, disabled=closed, strip=res is not None)
                skip_key = key + "|skip"
                skipped = bool(math.isnan(values[(a, b)]))
                if st.session_state.get(skip_key) != skipped:
                    st.session_state[skip_key] = skipped
                st.checkbox(tr("Not sure / skip", "Tidak yakin / lewati"), key=skip_key, disabled=closed,
                            on_change=_on_skip, args=(q.node, a, b, skip_key))
        with right:
            st.markdown(f"##### {tr('Your consistency', 'Konsistensi Anda')}")
            if res is None:
                st.info(problem)
                return
            if n <= 2:
                st.html(components.cr_html(0.0, True, res.threshold))
                st.caption(tr("With two items every judgment is consistent (CR = 0).",
                              "Dengan dua elemen setiap penilaian selalu konsisten (CR = 0)."))
            else:
                st.html(components.cr_html(res.cr, res.acceptable, res.threshold))
                if sug is not None and not res.acceptable:
                    a, b = q.children[sug.i], q.children[sug.j]
                    body, changes = pairwise.suggestion_html(sug, a_full=full[a], b_full=full[b], a_short=short[a],
                                                             b_short=short[b], acceptable=res.acceptable,
                                                             threshold=res.threshold)
                    st.html(body)
                    if changes and not closed:
                        better = pairwise.pos_text(pairwise.position_of(sug.suggested), short[a], short[b])
                        st.button(tr(f"Use suggestion: {better}", f"Pakai saran: {better}"),
                                  key=f"ws_hint_{number}", icon=":material/auto_fix_high:",
                                  on_click=_on_apply_hint, args=(q.node, a, b, sug.suggested))
            st.markdown(f"##### {tr('Your weights', 'Bobot Anda')}")
            rows = sorted(zip(q.children, res.weights, strict=True), key=lambda t: -t[1])
            st.html("<div class='sc-muted'>" + "<br>".join(
                f"{html.escape(full[c])}: <b>{common.pct(float(w))}</b>" for c, w in rows) + "</div>")


def participant_page(standalone: bool) -> None:
    """The participant's page (``standalone``: opened from a join link, with its own title and language picker)."""
    qp = st.query_params
    if standalone:
        top_l, top_r = st.columns([3, 2], vertical_alignment="bottom")
        with top_l:
            st.title(":material/groups: " + tr("AHP workshop", "Lokakarya AHP"))
        with top_r:
            components.language_picker()
    token = qp.get(QP_PT) or ""
    if not token:
        common.show_flash()
        join_form(qp.get(QP_JOIN, "") or "")
        return
    try:
        view = ws.participant_view(common.store(), token)
    except ws.WorkshopError as e:
        st.error(common.err_text(e))
        st.session_state.pop(K_PT, None)
        if st.button(tr("Join with a code", "Gabung dengan kode"), key="ws_rejoin", icon=":material/login:"):
            del st.query_params[QP_PT]
            st.rerun()
        return
    except Exception as e:  # noqa: BLE001
        st.error(common.err_text(e))
        return
    st.session_state[K_PT] = token
    closed = view.status != "open"
    st.markdown(tr(f"You take part as **{view.name}**.", f"Anda ikut sebagai **{view.name}**."))
    if closed:
        st.warning(ws.Closed().msg.text(state.lang()))
    else:
        st.caption(tr("Slide each bar towards the item that matters more: further = more important "
                      "(1 equal … 9 extremely). Nothing is sent until you press Submit; you may submit again.",
                      "Geser setiap penggeser ke arah yang lebih penting: makin jauh = makin penting "
                      "(1 sama … 9 mutlak). Tidak ada yang terkirim sebelum Anda menekan Kirim; Anda boleh "
                      "mengirim ulang."))
    st.html(pairwise.SUGGESTION_CSS + PARTICIPANT_CSS)
    if any(len(q.children) >= 3 for q in view.questions):
        st.html(pairwise.strip_legend_html())
    values = _draft(token, view)
    for number, q in enumerate(view.questions, start=1):
        _question(view, q, number, values[q.node], closed)
    if not closed:
        st.button(tr("Submit my answers", "Kirim jawaban saya"), type="primary", icon=":material/send:",
                  key="ws_submit", on_click=_on_submit, args=(token,), width="stretch")
    common.show_flash()  # next to the button that caused it (the top is far away on a phone)

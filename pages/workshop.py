"""Workshop: a live group AHP round. The facilitator creates a workshop from the working scorecard,
shows the join code / link / QR code, watches the group result form (refreshing every 2 s),
closes the round and adopts the group judgments into the scorecard. Participants join from
their own browsers, judge the pairs with the same sliders as the Weights page, see their own
consistency and submit.

Which view: ``?pt=`` (participant token) or ``?join=CODE`` -> the participant's page (app.py
shows it without sidebar); ``?ft=`` (facilitator token) -> the facilitator's live view; else a
choice between starting a workshop and joining one. Tokens are checked by
:mod:`scorecard.store.workshop` only; a wrong token gives a friendly message, never another workshop.
"""

from __future__ import annotations

import html
import io
import math
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from scorecard.method import ahp
from scorecard.model import ROOT, Scorecard
from scorecard.store import workshop as ws
from scorecard.ui import components, lockouts, pairwise, persistence, state
from scorecard.ui.state import tr

QP_FT, QP_PT, QP_JOIN, QP_WS = "ft", "pt", "join", persistence.QUERY_KEY
K_FT = "_ws_ft"  # this session's facilitator token (the URL keeps it too)
K_PT = "_ws_pt"  # this session's participant token
K_DRAFT = "_ws_draft"  # {"token": pt, "values": {node: {(a, b): value}}}
K_FLASH = "_ws_flash"  # [(level, text)] shown once after the next run
K_CLIENT = "_ws_client"
K_W = "_ws_w"  # the workspace token (?w=) this session's scorecard was opened or saved under
K_MODE = "ws_mode"
K_NODES = "ws_nodes"
K_FAC_NAME = "ws_fac_name"
REFRESH_S = 2

PAGE_CSS = """
<style>
.sc-code{font-size:2.6rem;font-weight:800;letter-spacing:.12em;font-family:ui-monospace,Menlo,Consolas,monospace;
  line-height:1.1;color:#101828}
.sc-link{font-size:1.05rem;word-break:break-all}
.sc-chip{display:inline-block;padding:.15rem .6rem;margin:.15rem .25rem .15rem 0;border-radius:1rem;
  border:1px solid #98A2B3;background:#fff;font-size:.95rem}
.sc-chip.done{border-color:#009E73;background:#E8F6F0}
.sc-disc{border-left:5px solid #CC79A7;background:#FBF1F7;padding:.45rem .8rem;border-radius:.3rem;margin:.25rem 0}
</style>
"""

#: On a phone the strip's caption gets its own line under the two ends (else it is squeezed thin).
PARTICIPANT_CSS = """
<style>
@media (max-width: 640px){
  .sc-ends{flex-wrap:wrap}
  .sc-ends .mid{order:3;flex-basis:100%;text-align:left}
}
</style>
"""


# ------------------------------------------------------------------------------------------------
# Small helpers
# ------------------------------------------------------------------------------------------------


def _store() -> Any:
    return persistence.store()


def _flash(level: str, text: str) -> None:
    st.session_state.setdefault(K_FLASH, []).append((level, text))


def _show_flash() -> None:
    for level, text in st.session_state.pop(K_FLASH, []):
        getattr(st, level if level in ("success", "info", "warning", "error") else "info")(text)


def _err_text(exc: Exception) -> str:
    """A bilingual domain message in the session's language; a generic one for anything else."""
    m = getattr(exc, "msg", None)
    if m is not None and hasattr(m, "text"):
        return m.text(state.lang())
    return tr("The workshop store is not available right now. Try again in a moment.",
              "Penyimpanan lokakarya sedang tidak tersedia. Coba lagi sebentar lagi.")


def _local_time(dt: datetime | None) -> str:
    """A stored (UTC) time in the browser's time zone, HH:MM:SS."""
    return components.local_time(dt, "%H:%M:%S")


def _base_url() -> str:
    """The app's address as the browser sees it, without this page's path ('' when unknown)."""
    try:
        url = (st.context.url or "").rstrip("/")
    except Exception:  # noqa: BLE001
        url = ""
    return url[: -len("/workshop")] if url.endswith("/workshop") else url


def _session_key() -> str:
    """Rate-limit key of this browser session (random, kept for the session)."""
    return st.session_state.setdefault(K_CLIENT, secrets.token_hex(16))


def _client_key() -> str:
    """Rate-limit key of the network address (shared by a room behind one proxy), else the session."""
    try:
        ip = st.context.ip_address
    except Exception:  # noqa: BLE001
        ip = None
    return "ip:" + ip if ip else "session:" + _session_key()


@st.cache_data(show_spinner=False, max_entries=64)
def _qr_png(text: str) -> bytes:
    import qrcode

    img = qrcode.make(text, box_size=8, border=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _node_title(sc: Scorecard, node: str) -> str:
    """What a node's comparison is about, for people."""
    label = sc.node_label(node, state.lang())
    if node == ROOT:
        return tr("Perspectives (top level)", "Perspektif (tingkat atas)")
    if any(p.key == node for p in sc.perspectives):
        return tr(f"Objectives of {label}", f"Sasaran {label}")
    if any(o.code == node for o in sc.objectives):
        return tr(f"KPIs of {label}", f"IKU {label}")
    return label


def _short_label(sc: Scorecard, item: str) -> str:
    """Perspectives by name, objectives and KPIs by code (like the slider ends)."""
    if any(p.key == item for p in sc.perspectives):
        return sc.node_label(item, state.lang())
    return item


def _consensus_word(s: float) -> str:
    """Goepel's bands for S*: very low < 50 % <= low < 65 % <= moderate < 75 % <= high < 85 % <= very high."""
    if s < 0.50:
        return tr("very low", "sangat rendah")
    if s < 0.65:
        return tr("low", "rendah")
    if s < 0.75:
        return tr("moderate", "sedang")
    if s < 0.85:
        return tr("high", "tinggi")
    return tr("very high", "sangat tinggi")


def _pct(x: float) -> str:
    return components.num(100.0 * x, 1) + " %"


def _cr_text(cr: float | None, n: int, policy: str) -> str:
    if cr is None:
        return "—"
    ok = cr <= ahp.acceptance_threshold(n, policy) + 1e-12
    return f"{components.num(cr, 3)} {'✓' if ok else '✗'}"


# ------------------------------------------------------------------------------------------------
# Participant
# ------------------------------------------------------------------------------------------------


def _on_join() -> None:
    code = str(st.session_state.get("ws_join_code", ""))
    name = str(st.session_state.get("ws_join_name", ""))
    try:
        token = ws.join(_store(), code, name, _client_key(), session_key=_session_key())
    except Exception as e:  # noqa: BLE001 - WorkshopError or other: a message, never a traceback
        _flash("error", _err_text(e))
        return
    st.session_state[K_PT] = token
    st.query_params[QP_PT] = token
    if QP_JOIN in st.query_params:
        del st.query_params[QP_JOIN]


def _join_form(prefill: str = "") -> None:
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


def _draft(token: str, view: ws.ParticipantView) -> dict[str, dict[tuple[str, str], float]]:
    """The participant's slider positions, started from their submitted answers (else 'equal')."""
    d = st.session_state.get(K_DRAFT)
    if not d or d.get("token") != token:
        values = {q.node: {p: float(view.answers.get(q.node, {}).get(p, 1.0)) for p in q.pairs}
                  for q in view.questions}
        d = {"token": token, "values": values}
        st.session_state[K_DRAFT] = d
    values: dict[str, dict[tuple[str, str], float]] = d["values"]
    for q in view.questions:  # robust to a changed question list
        values.setdefault(q.node, {})
        for p in q.pairs:
            values[q.node].setdefault(p, float(view.answers.get(q.node, {}).get(p, 1.0)))
    return values


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
                ws.submit(_store(), token, node, a, b, ahp.nearest_scale(value))
                sent += 1
    except Exception as e:  # noqa: BLE001 - WorkshopError or other: a message, never a traceback
        _flash("error", _err_text(e))
        return
    _flash("success", tr(f"Thank you: your {sent} answers are in. You can change them and submit again until the "
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
    matrix, _ = ahp.matrix_from_pairs(q.children, values)
    res = ahp.analyze(matrix)
    sug = pairwise.suggestion(matrix) if n >= 3 else None
    answers = view.answers.get(q.node, {})
    if len(answers) < len(q.pairs):
        status = tr("not submitted yet", "belum dikirim")
    elif any(abs(math.log(answers[p] / values[p])) > 1e-9 for p in q.pairs):
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
            for i in range(n):
                for j in range(i + 1, n):
                    a, b = q.children[i], q.children[j]
                    key = f"pj|{q.node}|{a}|{b}"
                    hl = sug is not None and not res.acceptable and (sug.i, sug.j) == (i, j)
                    pairwise.pair_slider(key, matrix, i, j, a_full=full[a], b_full=full[b], a_short=short[a],
                                         b_short=short[b], on_change=_on_draft, args=(q.node, a, b, key),
                                         highlighted=hl, disabled=closed)
        with right:
            st.markdown(f"##### {tr('Your consistency', 'Konsistensi Anda')}")
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
                f"{html.escape(full[c])}: <b>{_pct(float(w))}</b>" for c, w in rows) + "</div>")


def participant_page(standalone: bool) -> None:
    qp = st.query_params
    if standalone:
        top_l, top_r = st.columns([3, 2], vertical_alignment="bottom")
        with top_l:
            st.title(":material/groups: " + tr("AHP workshop", "Lokakarya AHP"))
        with top_r:
            components.language_picker()
    token = qp.get(QP_PT) or ""
    if not token:
        _show_flash()
        _join_form(qp.get(QP_JOIN, "") or "")
        return
    try:
        view = ws.participant_view(_store(), token)
    except ws.WorkshopError as e:
        st.error(_err_text(e))
        st.session_state.pop(K_PT, None)
        if st.button(tr("Join with a code", "Gabung dengan kode"), key="ws_rejoin", icon=":material/login:"):
            del st.query_params[QP_PT]
            st.rerun()
        return
    except Exception as e:  # noqa: BLE001
        st.error(_err_text(e))
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
    _show_flash()  # next to the button that caused it (the top is far away on a phone)


# ------------------------------------------------------------------------------------------------
# Facilitator: create
# ------------------------------------------------------------------------------------------------


def _on_create(nodes: list[str]) -> None:
    sc = state.scorecard()
    name = " ".join(str(st.session_state.get(K_FAC_NAME, "")).split())[:80]
    if name:
        st.session_state["user_name"] = name
    if persistence.workspace_id() is None:
        persistence.autosave(sc, kind="edit", detail="saved to start a workshop", audit=[])
    sid = persistence.workspace_id()
    if sid is None:
        _flash("error", tr("The scorecard could not be saved, so no workshop can start. Try again in a moment.",
                           "Kartu skor tidak dapat disimpan, jadi lokakarya tidak dapat dimulai. Coba lagi sebentar "
                           "lagi."))
        return
    chosen = [n for n in st.session_state.get(K_NODES, []) if n in nodes]
    try:
        _wid, _code, token = ws.create_workshop(_store(), sid, chosen, name or tr("Facilitator", "Fasilitator"))
    except Exception as e:  # noqa: BLE001 - WorkshopError, StorageError or other: a message, never a traceback
        _flash("error", _err_text(e))
        return
    st.session_state[K_FT] = token
    st.session_state[K_W] = st.query_params.get(QP_WS) or st.session_state.get(K_W)
    st.query_params[QP_FT] = token


def create_form() -> None:
    sc = state.scorecard()
    nodes = [n for n in sc.nodes() if len(sc.children(n)) >= 2]
    st.markdown(f"#### {tr('Start a workshop', 'Mulai lokakarya')}")
    st.caption(tr("Choose what the group judges together. Everyone gets a code to join from their own phone or "
                  "laptop; you see the group result form live and adopt it into this scorecard when you agree.",
                  "Pilih apa yang dinilai bersama. Setiap peserta mendapat kode untuk bergabung dari ponsel atau "
                  "laptopnya; Anda melihat hasil kelompok terbentuk secara langsung dan menerapkannya ke kartu skor "
                  "ini bila sudah sepakat."))
    if not nodes:
        st.info(tr("Nothing to compare yet: add perspectives, objectives and KPIs on the Data page.",
                   "Belum ada yang dibandingkan: tambahkan perspektif, sasaran dan IKU di halaman Data."))
        return
    if K_NODES not in st.session_state or not set(st.session_state[K_NODES]) <= set(nodes):
        st.session_state[K_NODES] = [nodes[0]]
    if K_FAC_NAME not in st.session_state:
        st.session_state[K_FAC_NAME] = (st.session_state.get("user_name") or "").strip()

    def option(n: str) -> str:
        k = len(sc.children(n))
        return tr(f"{_node_title(sc, n)} — {k} items, {k * (k - 1) // 2} pairs",
                  f"{_node_title(sc, n)} — {k} elemen, {k * (k - 1) // 2} pasangan")

    with st.container(border=True):
        st.multiselect(tr("Comparisons to judge together", "Perbandingan yang dinilai bersama"), nodes, key=K_NODES,
                       format_func=option, placeholder=tr("Choose one or more", "Pilih satu atau lebih"))
        chosen = st.session_state.get(K_NODES, [])
        pairs = sum(len(sc.children(n)) * (len(sc.children(n)) - 1) // 2 for n in chosen)
        st.caption(tr(f"Each participant answers {pairs} pairs (about {max(1, round(pairs * 0.4))} min).",
                      f"Setiap peserta menjawab {pairs} pasangan (sekitar {max(1, round(pairs * 0.4))} menit)."))
        st.text_input(tr("Your name (facilitator; shown in the audit log)",
                         "Nama Anda (fasilitator; tercatat di log audit)"), key=K_FAC_NAME, max_chars=80)
        st.button(tr("Start the workshop", "Mulai lokakarya"), type="primary", icon=":material/groups:",
                  key="ws_create", on_click=_on_create, args=(nodes,), disabled=not chosen)
    st.caption(tr(f"Scorecard: {sc.name}. The judgments it has now stay until you adopt the group result.",
                  f"Kartu skor: {sc.name}. Penilaian yang ada tetap berlaku sampai Anda menerapkan hasil kelompok."))


# ------------------------------------------------------------------------------------------------
# Facilitator: live view, close, adopt
# ------------------------------------------------------------------------------------------------


def _reload_scorecard(scorecard_id: int) -> bool:
    """Replace the session's scorecard by the stored one after an adoption (undo brings the old one
    back). Only for this session's own workspace."""
    if persistence.workspace_id() != scorecard_id:
        return False
    rec = _store().load_record(scorecard_id)
    state.replace_from_store(rec.scorecard)
    persistence.mark_saved(rec.id, rec.revision)
    return True


def _on_close(token: str) -> None:
    try:
        ws.close(_store(), token)
    except Exception as e:  # noqa: BLE001
        _flash("error", _err_text(e))
        return
    _flash("info", tr("The round is closed: nobody can join or change answers now.",
                      "Putaran ditutup: tidak ada lagi yang dapat bergabung atau mengubah jawaban."))


def _on_adopt(token: str, facilitator: str) -> None:
    who = persistence.actor()
    who = facilitator if who == "browser" and facilitator else who
    try:
        before = state.scores().index
    except Exception:  # noqa: BLE001
        before = None
    try:
        res = ws.adopt(_store(), token, who)
    except Exception as e:  # noqa: BLE001 - WorkshopError, StorageError or other: a message, never a traceback
        _flash("error", _err_text(e))
        return
    n = len(res.changes)
    if not n:
        _flash("info", tr("Nothing to adopt: the scorecard already has the group judgments, or nobody has answered "
                          "every pair of a comparison yet.",
                          "Tidak ada yang diterapkan: kartu skor sudah memuat penilaian kelompok, atau belum ada yang "
                          "menjawab semua pasangan suatu perbandingan."))
        return
    reloaded = _reload_scorecard(res.scorecard_id)
    text = tr(f"Adopted {n} group judgments into the scorecard (recorded in the audit log).",
              f"{n} penilaian kelompok diterapkan ke kartu skor (tercatat di log audit).")
    if reloaded and before is not None:
        after = state.scores().index
        text += " " + tr(f"Index {state.period()}: {components.num(before)} → {components.num(after)}.",
                         f"Indeks {state.period()}: {components.num(before)} → {components.num(after)}.")
    elif not reloaded:
        text += " " + tr("Open the scorecard's own link (?w=…) to see it.",
                         "Buka tautan kartu skor itu sendiri (?w=…) untuk melihatnya.")
    if res.skipped:
        text += " " + tr(f"Not changed (nobody answered every pair): {', '.join(res.skipped)}.",
                         f"Tidak diubah (belum ada yang menjawab semua pasangan): {', '.join(res.skipped)}.")
    _flash("success", text)


def _on_forget() -> None:
    st.session_state.pop(K_FT, None)
    if QP_FT in st.query_params:
        del st.query_params[QP_FT]


def _join_panel(view: ws.WorkshopView) -> None:
    base = _base_url()
    join_link = f"{base}/?{urlencode({QP_JOIN: view.join_code})}" if base else f"?{QP_JOIN}={view.join_code}"
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        st.caption(tr("Join code", "Kode bergabung"))
        st.html(f'<div class="sc-code" data-testid="ws-code">{html.escape(ws.format_code(view.join_code))}</div>')
        st.caption(tr("or open this link / scan the QR code:", "atau buka tautan ini / pindai kode QR:"))
        st.html(f'<div class="sc-link"><a href="{html.escape(join_link)}" target="_blank">'
                f'{html.escape(join_link)}</a></div>')
    with right:
        if base:
            st.image(_qr_png(join_link), width=170, caption=tr("Scan to join", "Pindai untuk bergabung"))


def _facilitator_link_box(token: str) -> None:
    # Only the facilitator token: the link lets its holder close and adopt this workshop, never
    # edit the scorecard (the workspace token stays in the facilitator's own address bar).
    link = f"{_base_url()}/?{urlencode({QP_FT: token})}"
    with st.expander(tr("Your facilitator link (keep it private)", "Tautan fasilitator Anda (rahasiakan)"),
                     icon=":material/key:"):
        st.caption(tr("Anyone with this link can close and adopt this workshop. Bookmark it to come back later, "
                      "even after a restart. Do not show it on the projector.",
                      "Siapa pun yang memegang tautan ini dapat menutup dan menerapkan lokakarya ini. Simpan sebagai "
                      "penanda untuk kembali nanti, bahkan setelah server dimulai ulang. Jangan tampilkan di proyektor."))
        st.code(link, language=None, wrap_lines=True)


def _participants_table(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    big = [g for g in view.nodes if len(g.children) >= 3]
    rows = []
    for p in view.participants:
        row: dict[str, Any] = {
            "#": p.number,
            tr("Name", "Nama"): p.name,
            tr("Answered", "Dijawab"): p.submitted / p.total if p.total else 0.0,
            tr("Status", "Status"): (tr("✓ submitted", "✓ terkirim") if p.complete else
                                     tr("answering…", "sedang menjawab…") if p.submitted else
                                     tr("joined", "bergabung")),
        }
        for g in big:
            row["CR " + sc_labels.get("#" + g.node, g.node)] = _cr_text(p.cr.get(g.node), len(g.children), view.policy)
        row[tr("Last answer", "Jawaban terakhir")] = _local_time(p.last_answer_at)
        rows.append(row)
    df = pd.DataFrame(rows)
    st.dataframe(df, hide_index=True, width="stretch", key="ws_people", column_config={
        tr("Answered", "Dijawab"): st.column_config.ProgressColumn(
            tr("Answered", "Dijawab"), min_value=0.0, max_value=1.0, format="percent")})


def _group_summary(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    rows = []
    for g in view.nodes:
        n = len(g.children)
        if g.weights is None:
            weights = "—"
        else:
            top = sorted(g.weights.items(), key=lambda t: -t[1])
            weights = " · ".join(f"{sc_labels.get('~' + c, c)} {_pct(w)}" for c, w in top)
        rows.append({
            tr("Comparison", "Perbandingan"): sc_labels.get("@" + g.node, g.node),
            tr("Complete", "Lengkap"): g.respondents,
            tr("Partial", "Sebagian"): g.partial,
            tr("Group CR", "CR kelompok"): _cr_text(g.cr, n, view.policy) if n >= 3 else ("0 ✓" if g.cr is not None
                                                                                         else "—"),
            tr("Consensus S*", "Konsensus S*"): ("—" if g.consensus is None or g.respondents < 2 else
                                                 f"{_pct(g.consensus)} · {_consensus_word(g.consensus)}"),
            tr("Group weights", "Bobot kelompok"): weights,
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="ws_groups", column_config={
        tr("Comparison", "Perbandingan"): st.column_config.TextColumn(width="medium"),
        tr("Complete", "Lengkap"): st.column_config.NumberColumn(width="small"),
        tr("Partial", "Sebagian"): st.column_config.NumberColumn(width="small"),
        tr("Group CR", "CR kelompok"): st.column_config.TextColumn(width="small"),
        tr("Consensus S*", "Konsensus S*"): st.column_config.TextColumn(width="medium"),
        tr("Group weights", "Bobot kelompok"): st.column_config.TextColumn(width="large")})


def _disputed(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    items = []
    for g in view.nodes:
        if g.matrix is None or g.respondents < 2:
            continue
        for a, b, spread in g.disputed:
            if spread > 1e-6:
                i, j = g.children.index(a), g.children.index(b)
                items.append((spread, g, a, b, float(g.matrix[i, j])))
    items.sort(key=lambda t: -t[0])
    st.markdown(f"##### {tr('Discuss next: the most disputed judgments', 'Bahas berikutnya: penilaian paling diperdebatkan')}")
    if not items:
        st.caption(tr("No disagreement to show yet (it needs two or more complete answers).",
                      "Belum ada perbedaan pendapat (perlu dua jawaban lengkap atau lebih)."))
        return
    for spread, g, a, b, value in items[:5]:
        an, bn = sc_labels.get(a, a), sc_labels.get(b, b)
        group = pairwise.sentence(value, an, bn)
        st.html(f'<div class="sc-disc"><b>{html.escape(an)}</b> {tr("vs", "vs")} <b>{html.escape(bn)}</b> '
                f'<span class="sc-muted">({html.escape(sc_labels.get("@" + g.node, g.node))})</span><br>'
                f'{html.escape(tr("spread", "sebaran"))} <b>{components.num(spread, 2)}</b> · '
                f'{html.escape(tr("group", "kelompok"))} {html.escape(ahp.scale_label(value, state.lang()))}: '
                f'{html.escape(group)}</div>')
    st.caption(tr("Spread = standard deviation of ln(judgment) over the participants: 0 = everyone agrees, "
                  "1.1 ≈ one person says 3 where another says 1/3.",
                  "Sebaran = simpangan baku ln(penilaian) antarpeserta: 0 = semua sepakat, 1,1 ≈ satu orang "
                  "memilih 3 sementara yang lain memilih 1/3."))


def _node_detail(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    ready = [g for g in view.nodes if g.matrix is not None]
    if not ready:
        return
    st.markdown(f"##### {tr('Group matrix and weights', 'Matriks dan bobot kelompok')}")
    names = {g.node: sc_labels.get("@" + g.node, g.node) for g in ready}
    if st.session_state.get("ws_detail") not in names:
        st.session_state["ws_detail"] = ready[0].node
    node = st.selectbox(tr("Comparison", "Perbandingan"), list(names), key="ws_detail", format_func=names.get,
                        label_visibility="collapsed")
    g = next(x for x in ready if x.node == node)
    lang = state.lang()
    short = [sc_labels.get("~" + c, c) for c in g.children]
    short = [c if len(c) <= 18 else c[:17] + "…" for c in short]
    left, right = st.columns([1, 1], gap="large")
    with left:
        assert g.matrix is not None
        m = pd.DataFrame([[ahp.scale_label(float(x), lang) for x in row] for row in np.asarray(g.matrix)],
                         index=short, columns=short)
        st.table(m)
        st.caption(tr("Geometric mean of the complete answers; row item compared with column item.",
                      "Rata-rata geometrik dari jawaban lengkap; elemen baris dibandingkan dengan elemen kolom."))
    with right:
        n = len(g.children)
        if n >= 3 and g.cr is not None:
            st.html(components.cr_html(g.cr, bool(g.acceptable), ahp.acceptance_threshold(n, view.policy)))
        w = g.weights or {}
        df = pd.DataFrame([{tr("Item", "Elemen"): sc_labels.get(c, c), tr("Weight", "Bobot"): w.get(c, 0.0)}
                           for c in sorted(g.children, key=lambda c: -w.get(c, 0.0))])
        st.dataframe(df, hide_index=True, width="stretch", key="ws_weights", column_config={
            tr("Weight", "Bobot"): st.column_config.ProgressColumn(tr("Weight", "Bobot"), min_value=0.0,
                                                                   max_value=1.0, format="percent")})


def _live(token: str, sc_labels: dict[str, str]) -> None:
    """The part that refreshes by itself: progress, per-participant CR, the group result."""
    try:
        view = ws.facilitator_view(_store(), token)
    except Exception as e:  # noqa: BLE001 - a fragment must never show a traceback
        st.error(_err_text(e))
        return
    lockouts.panel(_store(), token)
    people = view.participants
    done = sum(p.complete for p in people)
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("Joined", "Bergabung"), len(people), border=True)
    c2.metric(tr("Submitted all answers", "Sudah mengirim semua"), f"{done} / {len(people)}", border=True)
    ready = [g for g in view.nodes if g.cr is not None and len(g.children) >= 3]
    if ready:
        worst = max(ready, key=lambda g: g.cr or 0.0)
        c3.metric(tr("Group CR (highest)", "CR kelompok (tertinggi)"),
                  _cr_text(worst.cr, len(worst.children), view.policy), border=True,
                  help=sc_labels.get("@" + worst.node, worst.node))
    else:
        c3.metric(tr("Group CR (highest)", "CR kelompok (tertinggi)"), "—", border=True)
    st.caption(tr(f"Live: updated {_local_time(datetime.now(UTC))}" +
                  (f", every {REFRESH_S} s while the round is open." if view.status == "open" else "."),
                  f"Langsung: diperbarui {_local_time(datetime.now(UTC))}" +
                  (f", setiap {REFRESH_S} detik selama putaran terbuka." if view.status == "open" else ".")))
    if not people:
        st.info(tr("Waiting for participants: show the code or the QR code to the room.",
                   "Menunggu peserta: tampilkan kode atau kode QR kepada peserta."))
        return
    st.markdown(f"##### {tr('Participants', 'Peserta')}")
    chips = "".join(
        f'<span class="sc-chip{" done" if p.complete else ""}">{"✓" if p.complete else "…"} {html.escape(p.name)}</span>'
        for p in people)
    st.html(f'<div data-testid="ws-people">{chips}</div>')
    _participants_table(view, sc_labels)
    st.markdown(f"##### {tr('Group result per comparison', 'Hasil kelompok per perbandingan')}")
    _group_summary(view, sc_labels)
    _disputed(view, sc_labels)
    _node_detail(view, sc_labels)


def facilitator_page(token: str) -> None:
    try:
        view = ws.facilitator_view(_store(), token)
        sc = _store().load_scorecard(view.scorecard_id)
    except Exception as e:  # noqa: BLE001 - Forbidden, or the store is down
        st.error(_err_text(e))
        st.button(tr("Start or join another workshop", "Mulai atau gabung lokakarya lain"), key="ws_forget",
                  on_click=_on_forget, icon=":material/restart_alt:")
        return
    st.session_state[K_FT] = token
    if st.query_params.get(QP_WS):
        st.session_state[K_W] = st.query_params[QP_WS]
    elif st.session_state.get(K_W) and persistence.workspace_id() == view.scorecard_id:
        st.query_params[QP_WS] = st.session_state[K_W]  # page switches drop it; a refresh needs it
    st.html(PAGE_CSS)
    lang = state.lang()
    labels: dict[str, str] = {}
    for g in view.nodes:
        labels["@" + g.node] = _node_title(sc, g.node)
        labels["#" + g.node] = (tr("perspectives", "perspektif") if g.node == ROOT else
                                _short_label(sc, g.node))
        for c in g.children:
            labels[c] = sc.node_label(c, lang)
            labels["~" + c] = _short_label(sc, c)
    status = {"open": tr("open", "terbuka"), "closed": tr("closed", "ditutup")}.get(view.status, view.status)
    st.caption(tr(f"Scorecard {sc.name} · facilitator {view.facilitator} · started {_local_time(view.created_at)} · "
                  f"{status}" + (f" · adopted {_local_time(view.adopted_at)}" if view.adopted_at else ""),
                  f"Kartu skor {sc.name} · fasilitator {view.facilitator} · mulai {_local_time(view.created_at)} · "
                  f"{status}" + (f" · diterapkan {_local_time(view.adopted_at)}" if view.adopted_at else "")))
    _show_flash()
    if view.status == "open":
        _join_panel(view)
    else:
        st.info(tr("The round is closed. Adopt the group result, or start a new workshop.",
                   "Putaran sudah ditutup. Terapkan hasil kelompok, atau mulai lokakarya baru."))
    b1, b2, b3 = st.columns([2, 2, 2])
    with b1:
        st.button(tr("Adopt group weights", "Terapkan bobot kelompok"), type="primary", icon=":material/done_all:",
                  key="ws_adopt", on_click=_on_adopt, args=(token, view.facilitator), width="stretch",
                  help=tr("Writes the group judgments (geometric means) into the scorecard; every changed judgment "
                          "goes to the audit log. Undo brings the previous ones back.",
                          "Menulis penilaian kelompok (rata-rata geometrik) ke kartu skor; setiap penilaian yang "
                          "berubah tercatat di log audit. Batalkan mengembalikan yang lama."))
    with b2:
        st.button(tr("Close the round", "Tutup putaran"), icon=":material/lock:", key="ws_close",
                  on_click=_on_close, args=(token,), disabled=view.status != "open", width="stretch")
    with b3:
        st.button(tr("New workshop", "Lokakarya baru"), icon=":material/add:", key="ws_new", on_click=_on_forget,
                  width="stretch")
    live = st.fragment(_live, run_every=REFRESH_S if view.status == "open" else None)
    live(token, labels)
    _facilitator_link_box(token)


# ------------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------------

qp = st.query_params
standalone = bool(qp.get(QP_PT)) or QP_JOIN in qp
if standalone:
    participant_page(standalone=True)
else:
    st.title(tr("Workshop", "Lokakarya"))
    ft = qp.get(QP_FT) or ""
    if not ft and st.session_state.get(K_FT):
        ft = st.session_state[K_FT]
        st.query_params[QP_FT] = ft
    if ft:
        facilitator_page(ft)
    else:
        modes = {"run": tr("Run a workshop (facilitator)", "Pandu lokakarya (fasilitator)"),
                 "join": tr("Join a workshop (participant)", "Ikut lokakarya (peserta)")}
        if st.session_state.get(K_MODE) not in modes:
            st.session_state[K_MODE] = "run"
        mode = st.segmented_control(tr("Mode", "Mode"), list(modes), key=K_MODE, format_func=modes.get,
                                    required=True, label_visibility="collapsed")
        _show_flash()
        if mode == "join":
            _join_form()
        else:
            create_form()

"""The facilitator's view of a running workshop: status line, join code / link / QR code, the Adopt,
Close and New buttons with their callbacks, the live group result (:mod:`scorecard.ui.workshop_live`,
a fragment refreshing every ``REFRESH_S`` s while open) and the private facilitator link.

Adopting writes the group judgments (geometric means) into the stored scorecard and, for this
session's own workspace, reloads it (undo brings the old one back).
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from scorecard.method import ahp
from scorecard.model import ROOT, Scorecard
from scorecard.store import workshop as ws
from scorecard.ui import components, persistence, state
from scorecard.ui import workshop_common as common
from scorecard.ui.state import tr
from scorecard.ui.workshop_common import K_FT, K_W, PAGE_CSS, QP_FT, QP_JOIN, QP_WS, REFRESH_S
from scorecard.ui.workshop_live import live_view


def _reload_scorecard(scorecard_id: int) -> bool:
    """Replace the session's scorecard by the stored one after an adoption (undo brings the old one
    back). Only for this session's own workspace."""
    if persistence.workspace_id() != scorecard_id:
        return False
    rec = common.store().load_record(scorecard_id)
    state.replace_from_store(rec.scorecard, label="workshop group judgments adopted")
    persistence.mark_saved(rec.id, rec.revision)
    return True


def already_adopted(view: ws.WorkshopView, sc: Scorecard) -> bool:
    """True when the workshop was adopted and the scorecard still holds every group judgment, so
    adopting again would change nothing (the Adopt button then shows that it is done)."""
    ready = [g for g in view.nodes if g.matrix is not None]
    if view.adopted_at is None or not ready:
        return False
    for g in ready:
        try:
            mine, _ = ahp.matrix_from_pairs(list(g.children), sc.judgments.get(g.node, {}))
        except ahp.AhpInputError:
            return False
        if not np.allclose(mine, np.asarray(g.matrix), rtol=1e-9, atol=1e-12):
            return False
    return True


def _on_close(token: str) -> None:
    try:
        ws.close(common.store(), token)
    except Exception as e:  # noqa: BLE001
        common.flash("error", common.err_text(e))
        return
    common.flash("info", tr("The round is closed: nobody can join or change answers now.",
                            "Putaran ditutup: tidak ada lagi yang dapat bergabung atau mengubah jawaban."))


def _on_adopt(token: str, facilitator: str) -> None:
    who = persistence.actor()
    who = facilitator if who == "browser" and facilitator else who
    try:
        before = state.scores().index
    except Exception:  # noqa: BLE001
        before = None
    try:
        res = ws.adopt(common.store(), token, who)
    except Exception as e:  # noqa: BLE001 - WorkshopError, StorageError or other: a message, never a traceback
        common.flash("error", common.err_text(e))
        return
    n = len(res.changes)
    if not n:
        common.flash("info", tr("Nothing to adopt: the scorecard already has the group judgments, or nobody has answered "
                                "every pair of a comparison yet.",
                                "Tidak ada yang diterapkan: kartu skor sudah memuat penilaian kelompok, atau belum ada yang "
                                "menjawab semua pasangan suatu perbandingan."))
        return
    reloaded = _reload_scorecard(res.scorecard_id)
    text = tr(f"Adopted {n} group judgments into the scorecard (recorded in the audit log).",
              f"{n} penilaian kelompok diterapkan ke kartu skor (tercatat di log audit).")
    if reloaded and before is not None:
        after = state.scores().index
        shown = f"{components.level_text(before)} → {components.level_text(after)}"
        text += " " + tr(f"Index {state.period()}: {shown}.", f"Indeks {state.period()}: {shown}.")
    elif not reloaded:
        text += " " + tr("Open the scorecard's own link (?w=…) to see it.",
                         "Buka tautan kartu skor itu sendiri (?w=…) untuk melihatnya.")
    if res.skipped:
        text += " " + tr(f"Not changed (nobody answered every pair): {', '.join(res.skipped)}.",
                         f"Tidak diubah (belum ada yang menjawab semua pasangan): {', '.join(res.skipped)}.")
    common.flash("success", text)


def _on_forget() -> None:
    st.session_state.pop(K_FT, None)
    if QP_FT in st.query_params:
        del st.query_params[QP_FT]


def _join_panel(view: ws.WorkshopView) -> None:
    base = common.base_url()
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
            st.image(common.qr_png(join_link), width=170, caption=tr("Scan to join", "Pindai untuk bergabung"))


def _facilitator_link_box(token: str) -> None:
    # Only the facilitator token: the link lets its holder close and adopt this workshop, never
    # edit the scorecard (the workspace token stays in the facilitator's own address bar).
    link = f"{common.base_url()}/?{urlencode({QP_FT: token})}"
    with st.expander(tr("Your facilitator link (keep it private)", "Tautan fasilitator Anda (rahasiakan)"),
                     icon=":material/key:"):
        st.caption(tr("Anyone with this link can close and adopt this workshop. Bookmark it to come back later, "
                      "even after a restart. Do not show it on the projector.",
                      "Siapa pun yang memegang tautan ini dapat menutup dan menerapkan lokakarya ini. Simpan sebagai "
                      "penanda untuk kembali nanti, bahkan setelah server dimulai ulang. Jangan tampilkan di proyektor."))
        st.code(link, language=None, wrap_lines=True)


def facilitator_page(token: str) -> None:
    """The facilitator's page of the workshop with facilitator token ``token``."""
    try:
        view = ws.facilitator_view(common.store(), token)
        sc = common.store().load_scorecard(view.scorecard_id)
    except Exception as e:  # noqa: BLE001 - Forbidden, or the store is down
        st.error(common.err_text(e))
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
        labels["@" + g.node] = common.node_title(sc, g.node)
        labels["#" + g.node] = (tr("perspectives", "perspektif") if g.node == ROOT else
                                common.short_label(sc, g.node))
        for c in g.children:
            labels[c] = sc.node_label(c, lang)
            labels["~" + c] = common.short_label(sc, c)
    status = {"open": tr("open", "terbuka"), "closed": tr("closed", "ditutup")}.get(view.status, view.status)
    st.caption(tr(f"Scorecard {sc.name} · facilitator {view.facilitator} · started {common.local_time(view.created_at)} · "
                  f"{status}" + (f" · adopted {common.local_time(view.adopted_at)}" if view.adopted_at else ""),
                  f"Kartu skor {sc.name} · fasilitator {view.facilitator} · mulai {common.local_time(view.created_at)} · "
                  f"{status}" + (f" · diterapkan {common.local_time(view.adopted_at)}" if view.adopted_at else "")))
    common.show_flash()
    if view.status == "open":
        _join_panel(view)
    else:
        st.info(tr("The round is closed. Adopt the group result, or start a new workshop.",
                   "Putaran sudah ditutup. Terapkan hasil kelompok, atau mulai lokakarya baru."))
    b1, b2, b3 = st.columns([2, 2, 2])
    done = already_adopted(view, sc)
    with b1:
        st.button(tr("Adopted ✓", "Sudah diterapkan ✓") if done else tr("Adopt group weights", "Terapkan bobot kelompok"),
                  type="secondary" if done else "primary", icon=":material/check_circle:" if done else ":material/done_all:",
                  key="ws_adopt", on_click=_on_adopt, args=(token, view.facilitator), width="stretch", disabled=done,
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
    live = st.fragment(live_view, run_every=REFRESH_S if view.status == "open" else None)
    live(token, labels)
    _facilitator_link_box(token)

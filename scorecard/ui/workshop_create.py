"""Starting a workshop: the facilitator picks the comparisons to judge together and types a name;
the working scorecard is saved (when it was not yet) and a workshop with a join code is created.
On long comparisons (:data:`LONG` items or more) the facilitator may ask only a spanning subset of
pairs (:func:`scorecard.method.ahp.spanning_pairs`: n - 1 that link all items plus :data:`EXTRA`).
"""

from __future__ import annotations

import streamlit as st

from scorecard.method import ahp
from scorecard.model import Scorecard
from scorecard.store import workshop as ws
from scorecard.ui import persistence, state
from scorecard.ui import workshop_common as common
from scorecard.ui.state import tr
from scorecard.ui.workshop_common import K_FAC_NAME, K_FT, K_NODES, K_W, QP_FT, QP_WS

#: A comparison with this many items or more may be asked with a subset of its pairs.
LONG = 5
#: Pairs asked beyond the n - 1 that link all items (they let inconsistency show).
EXTRA = 2
K_SUBSET = "ws_subset"


def asked_pairs(sc: Scorecard, node: str, subset: bool) -> list[tuple[str, str]]:
    """The pairs participants answer under ``node``: all, or (``subset`` and a long node) a spanning subset."""
    kids = sc.children(node)
    if subset and len(kids) >= LONG:
        return [(kids[i], kids[j]) for i, j in ahp.spanning_pairs(len(kids), EXTRA)]
    return [(kids[i], kids[j]) for i in range(len(kids)) for j in range(i + 1, len(kids))]


def _on_create(nodes: list[str]) -> None:
    sc = state.scorecard()
    name = " ".join(str(st.session_state.get(K_FAC_NAME, "")).split())[:80]
    if name:
        st.session_state["user_name"] = name
    if persistence.workspace_id() is None:
        persistence.autosave(sc, kind="edit", detail="saved to start a workshop", audit=[])
    sid = persistence.workspace_id()
    if sid is None:
        common.flash("error", tr("The scorecard could not be saved, so no workshop can start. Try again in a moment.",
                                 "Kartu skor tidak dapat disimpan, jadi lokakarya tidak dapat dimulai. Coba lagi sebentar "
                                 "lagi."))
        return
    chosen = [n for n in st.session_state.get(K_NODES, []) if n in nodes]
    subset = bool(st.session_state.get(K_SUBSET))
    pairs = {n: asked_pairs(sc, n, True) for n in chosen if subset and len(sc.children(n)) >= LONG}
    try:
        _wid, _code, token = ws.create_workshop(common.store(), sid, chosen, name or tr("Facilitator", "Fasilitator"),
                                                pairs=pairs or None)
    except Exception as e:  # noqa: BLE001 - WorkshopError, StorageError or other: a message, never a traceback
        common.flash("error", common.err_text(e))
        return
    st.session_state[K_FT] = token
    st.session_state[K_W] = st.query_params.get(QP_WS) or st.session_state.get(K_W)
    st.query_params[QP_FT] = token


def create_form() -> None:
    """The "Start a workshop" form."""
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
        return tr(f"{common.node_title(sc, n)} — {k} items, {k * (k - 1) // 2} pairs",
                  f"{common.node_title(sc, n)} — {k} elemen, {k * (k - 1) // 2} pasangan")

    with st.container(border=True):
        st.multiselect(tr("Comparisons to judge together", "Perbandingan yang dinilai bersama"), nodes, key=K_NODES,
                       format_func=option, placeholder=tr("Choose one or more", "Pilih satu atau lebih"))
        chosen = st.session_state.get(K_NODES, [])
        if any(len(sc.children(n)) >= LONG for n in chosen):
            st.checkbox(tr(f"Long comparisons ({LONG}+ items): ask only n − 1 pairs that link all items, plus {EXTRA}",
                           f"Perbandingan panjang ({LONG}+ elemen): tanyakan hanya n − 1 pasangan yang menghubungkan "
                           f"semua elemen, ditambah {EXTRA}"), key=K_SUBSET,
                        help=tr("Weights then come from the pairs asked (Harker's method); participants may also "
                                "skip any pair they are not sure about.",
                                "Bobot lalu dihitung dari pasangan yang ditanyakan (metode Harker); peserta juga boleh "
                                "melewati pasangan yang tidak mereka yakini."))
        subset = bool(st.session_state.get(K_SUBSET))
        pairs = sum(len(asked_pairs(sc, n, subset)) for n in chosen)
        st.caption(tr(f"Each participant answers {pairs} pairs (about {max(1, round(pairs * 0.4))} min).",
                      f"Setiap peserta menjawab {pairs} pasangan (sekitar {max(1, round(pairs * 0.4))} menit)."))
        st.text_input(tr("Your name (facilitator; shown in the audit log)",
                         "Nama Anda (fasilitator; tercatat di log audit)"), key=K_FAC_NAME, max_chars=80)
        st.button(tr("Start the workshop", "Mulai lokakarya"), type="primary", icon=":material/groups:",
                  key="ws_create", on_click=_on_create, args=(nodes,), disabled=not chosen)
    st.caption(tr(f"Scorecard: {sc.name}. The judgments it has now stay until you adopt the group result.",
                  f"Kartu skor: {sc.name}. Penilaian yang ada tetap berlaku sampai Anda menerapkan hasil kelompok."))


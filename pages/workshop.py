"""Workshop: a live group AHP round. The facilitator creates a workshop from the working scorecard,
shows the join code / link / QR code, watches the group result form (refreshing every 2 s),
closes the round and adopts the group judgments into the scorecard. Participants join from
their own browsers, judge the pairs with the same sliders as the Weights page, see their own
consistency and submit.

Which view: ``?pt=`` (participant token) or ``?join=CODE`` -> the participant's page (app.py
shows it without sidebar); ``?ft=`` (facilitator token) -> the facilitator's live view; else a
choice between starting a workshop and joining one. Tokens are checked by
:mod:`scorecard.store.workshop` only; a wrong token gives a friendly message, never another workshop.

The views live in :mod:`scorecard.ui.workshop_participant`, :mod:`scorecard.ui.workshop_create`,
:mod:`scorecard.ui.workshop_facilitator` and :mod:`scorecard.ui.workshop_live`.
"""

from __future__ import annotations

import streamlit as st

from scorecard.ui.state import tr
from scorecard.ui.workshop_common import K_FT, K_MODE, QP_FT, QP_JOIN, QP_PT, show_flash
from scorecard.ui.workshop_create import create_form
from scorecard.ui.workshop_facilitator import facilitator_page
from scorecard.ui.workshop_participant import join_form, participant_page

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
        show_flash()
        if mode == "join":
            join_form()
        else:
            create_form()

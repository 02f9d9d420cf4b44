"""Weights (AHP): judge each pair with a two-sided slider and see, as you release it, the
consistency, the local and global weights, the index and the perspective lights; what-if tools
(index sensitivity, weight scenarios) on demand.

Thin page: state comes from :mod:`scorecard.ui.state`, the rules from :mod:`scorecard.method.ahp`,
:mod:`scorecard.method.weights` and :mod:`scorecard.method.whatif`, the figures from
:mod:`scorecard.charts.weights`. Every change goes through ``state.commit`` (undo + autosave).

Slider positions: 17 options ``-8 .. 8``. Position ``p <= 0`` means "A is ``1 - p`` times as
important as B" (left = A), ``p > 0`` means "B is ``p + 1`` times as important as A" (right = B).
Widget keys encode language, node and pair: ``wj|<lang>|<node>|<A>|<B>``.

The views live in :mod:`scorecard.ui.judgments`, :mod:`scorecard.ui.sensitivity`,
:mod:`scorecard.ui.scenarios` and :mod:`scorecard.ui.ahp_settings`.
"""

from __future__ import annotations

import streamlit as st

from scorecard.charts import weights as charts
from scorecard.method import ahp
from scorecard.ui import pairwise, state
from scorecard.ui.ahp_settings import settings_expander
from scorecard.ui.judgments import live_judgments
from scorecard.ui.scenarios import view_scenarios
from scorecard.ui.sensitivity import view_sensitivity
from scorecard.ui.state import tr
from scorecard.ui.weights_common import K_VIEW, PAGE_CSS, mirror, sync, wkey

sc = state.scorecard()
st.html(PAGE_CSS + charts.STRIP_CSS + charts.WBAR_CSS + pairwise.SUGGESTION_CSS)
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
    view_key = wkey("w_view")
    sync(view_key, st.session_state[K_VIEW])
    view = st.segmented_control(tr("View", "Tampilan"), list(views), key=view_key, format_func=views.get,
                                required=True, label_visibility="collapsed", on_change=mirror,
                                args=(view_key, K_VIEW))
with top_right:
    settings_expander(sc)

if view == "sens":
    view_sensitivity(sc, w)
elif view == "scen":
    view_scenarios(sc, w)
else:
    live_judgments()

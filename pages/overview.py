"""Overview: the index, lights per perspective, and the KPIs that need action."""

from __future__ import annotations

import streamlit as st

from scorecard.ui import components, state
from scorecard.ui.state import tr

sc = state.scorecard()
ps = state.scores()
st.title(f"{sc.name}")
st.caption(tr("Balanced Scorecard weighted by AHP, scored with OMAX, shown as traffic lights.",
              "Balanced Scorecard dengan bobot AHP, skor OMAX, dan lampu lalu lintas."))
left, right = st.columns([1, 2])
with left:
    components.index_card(ps, components.previous_scores(ps))
with right:
    components.perspective_cards(ps)

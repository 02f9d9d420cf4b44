"""Streamlit entry point: page set-up, shared sidebar and navigation. Run with `make run`."""

from __future__ import annotations

import streamlit as st

from scorecard.ui import components, state
from scorecard.ui.state import tr

st.set_page_config(page_title="Balanced Scorecard · AHP · OMAX", page_icon="🚦", layout="wide")
state.init()
components.styles()

if state.presenter():
    pages = [st.Page("pages/presenter.py", title=tr("Presenter", "Presentasi"), icon="🖥️", default=True)]
    nav = st.navigation(pages, position="hidden")
else:
    components.sidebar()
    pages = [
        st.Page("pages/overview.py", title=tr("Overview", "Ringkasan"), icon="🏠", default=True),
        st.Page("pages/data.py", title=tr("Data", "Data"), icon="📥"),
        st.Page("pages/weights.py", title=tr("Weights (AHP)", "Bobot (AHP)"), icon="⚖️"),
        st.Page("pages/scores.py", title=tr("Scores (OMAX)", "Skor (OMAX)"), icon="🎯"),
        st.Page("pages/strategy_map.py", title=tr("Strategy map", "Peta strategi"), icon="🗺️"),
        st.Page("pages/heatmap.py", title=tr("Heatmap", "Peta panas"), icon="🟩"),
    ]
    nav = st.navigation(pages)
nav.run()

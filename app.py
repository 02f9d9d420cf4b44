"""Streamlit entry point: page set-up, shared sidebar and navigation. Run with `make run`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from scorecard.ui import components, login, persistence, state
from scorecard.ui.state import tr

# The favicon is a local file: a ":material/...:" page icon makes every browser fetch it from Google.
ICON = Path(__file__).resolve().parent / "scorecard" / "ui" / "assets" / "icon.png"
# "auto": the sidebar starts folded below 768 px; Streamlit then remembers a sidebar the user opened
# (localStorage), which components.fold_sidebar_on_phone undoes on a phone when a page opens.
st.set_page_config(page_title="Balanced Scorecard · AHP · OMAX", page_icon=str(ICON), layout="wide",
                   initial_sidebar_state="auto")
login.gate()  # only when .streamlit/secrets.toml has [auth] (docs/deploy.md, section 9)
state.init()
persistence.keep_url()
components.styles()

if st.query_params.get("pt") or "join" in st.query_params:
    # A workshop participant (join link or participant token): only the workshop page, no sidebar.
    pages = [st.Page("pages/workshop.py", title=tr("Workshop", "Lokakarya"), icon=":material/groups:", default=True)]
    nav = st.navigation(pages, position="hidden")
elif state.presenter():
    pages = [st.Page("pages/presenter.py", title=tr("Presenter", "Presentasi"), icon=":material/slideshow:", default=True)]
    nav = st.navigation(pages, position="hidden")
else:
    components.sidebar()
    facilitator = bool(st.query_params.get("ft"))  # a facilitator's link (/?ft=...) opens the workshop page
    pages = [
        st.Page("pages/overview.py", title=tr("Overview", "Ringkasan"), icon=":material/home:", default=not facilitator),
        st.Page("pages/data.py", title=tr("Data", "Data"), icon=":material/upload_file:"),
        st.Page("pages/weights.py", title=tr("Weights (AHP)", "Bobot (AHP)"), icon=":material/balance:"),
        st.Page("pages/scores.py", title=tr("Scores (OMAX)", "Skor (OMAX)"), icon=":material/grid_on:"),
        st.Page("pages/strategy_map.py", title=tr("Strategy map", "Peta strategi"), icon=":material/account_tree:"),
        st.Page("pages/heatmap.py", title=tr("Heatmap", "Peta panas"), icon=":material/calendar_view_month:"),
        st.Page("pages/cascade.py", title=tr("Cascade", "Kaskade"), icon=":material/lan:"),
        st.Page("pages/workshop.py", title=tr("Workshop", "Lokakarya"), icon=":material/groups:", default=facilitator),
        st.Page("pages/audit.py", title=tr("Audit log", "Log audit"), icon=":material/history:"),
    ]
    nav = st.navigation(pages)
    components.fold_sidebar_on_phone(nav.url_path)  # a phone shows the page, not the sidebar over it
persistence.status_banner()  # storage problems and merged changes, on every page
with state.storing_at_end():  # a slider change the page did not store yet (state.commit(defer=True))
    components.run_guarded(nav)

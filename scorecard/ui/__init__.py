"""The Streamlit layer's shared helpers (the only place in ``scorecard/`` that imports Streamlit)."""

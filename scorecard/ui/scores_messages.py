"""One-shot messages of the Scores page: a save or a refusal is remembered for the tab of its
perspective (and, for a scale fix, next to that KPI's editor) and shown after the rerun.
"""

from __future__ import annotations

import streamlit as st


def say(pkey: str, kind: str, text: str, code: str = "") -> None:
    """Remember a message for the tab of perspective ``pkey`` (shown after the rerun), next to the fix
    editor of KPI ``code`` when given; successes also pop up as a toast."""
    st.session_state["scores_msg"] = (pkey, kind, text, code)


def flash(pkey: str, code: str = "") -> bool:
    """Show the remembered message of this tab (and KPI); True when there was one."""
    item = st.session_state.get("scores_msg")
    if item and item[0] == pkey and item[3] == code:
        del st.session_state["scores_msg"]
        getattr(st, item[1])(item[2])
        if item[1] == "success":
            st.toast(item[2], icon=":material/check_circle:")
        return True
    return False


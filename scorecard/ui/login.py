"""Optional office login through Streamlit's built-in OpenID Connect support (``st.login``).

When ``.streamlit/secrets.toml`` has an ``[auth]`` section (see docs/deploy.md, section 9), every
page first asks for the login; the signed-in e-mail is then *who* in the audit log. Without an
``[auth]`` section nothing changes (links alone give access, as before).
"""

from __future__ import annotations

import streamlit as st

from scorecard.ui.state import browser_lang


def configured() -> bool:
    """True when secrets.toml has an ``[auth]`` section."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        return False


def user_email() -> str:
    """The signed-in user's e-mail ('' when nobody is signed in or login is not configured)."""
    try:
        return str(st.user.get("email") or "") if st.user.is_logged_in else ""
    except Exception:  # noqa: BLE001 - no login configured
        return ""


def _tr(en: str, id: str) -> str:
    """Like state.tr, without loading a scorecard (nothing is opened before the login)."""
    return id if (st.session_state.get("lang") or browser_lang()) == "id" else en


def gate() -> None:
    """Stop the page with a login button until the user is signed in (only when configured)."""
    if not configured() or user_email() or _logged_in():
        return
    st.title("Balanced Scorecard")
    st.info(_tr("This office's scorecards need a login.", "Kartu skor kantor ini memerlukan login."),
            icon=":material/lock:")
    st.button(_tr("Log in", "Masuk"), key="login_button", on_click=st.login, type="primary")
    st.stop()


def _logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # noqa: BLE001
        return False

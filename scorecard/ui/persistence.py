"""Autosave and browser-refresh recovery through :mod:`scorecard.store.storage`.

The first accepted change of a browser session saves the scorecard and puts an unguessable
workspace token in the URL (``?w=...``). Every later change is saved as a new revision with its
audit entries. A browser refresh (or a server restart) reopens the workspace from the token, so
nothing acknowledged on screen is lost. A token only opens its own scorecard; ids never appear in
the URL.
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from scorecard.model import Scorecard
from scorecard.store.storage import Change, ConflictError, Store

_K_WS = "_workspace"  # (scorecard_id, revision)
_K_TOKEN = "_workspace_token"
QUERY_KEY = "w"


def db_url() -> str | None:
    """SCORECARD_DB_URL, else ``db_url`` in .streamlit/secrets.toml, else None (the SQLite default)."""
    env = os.environ.get("SCORECARD_DB_URL")
    if env:
        return env
    try:
        return st.secrets.get("db_url")  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        return None


@st.cache_resource(show_spinner=False)
def _store(url: str | None) -> Store:
    store = Store(url)
    store.migrate()
    return store


def store() -> Store:
    """The process-wide store (migrated once)."""
    return _store(db_url())


def actor() -> str:
    """Who is making changes (the name typed in the sidebar, else 'browser')."""
    return (st.session_state.get("user_name") or "").strip() or "browser"


def ensure_workspace() -> int | None:
    """The stored id of the working scorecard, saving it first when it has none yet (evidence,
    verifications and locks belong to a stored scorecard). None when storage fails."""
    if workspace_id() is None:
        from scorecard.ui import state

        autosave(state.scorecard(), kind="edit", detail="workspace", audit=[])
    return workspace_id()


def locked_refusal(old: Scorecard, new: Scorecard) -> str | None:
    """The message refusing a change that touches a locked period (None when it may go ahead).
    Storage trouble never blocks editing: without a readable store no period counts as locked."""
    sid = workspace_id()
    if sid is None:
        return None
    from scorecard.store.verification import guard, locked_periods

    try:
        locked = locked_periods(store(), sid)
    except Exception:  # noqa: BLE001 - see the docstring
        return None
    refusal = guard(old, new, locked)
    return None if refusal is None else refusal.text(st.session_state.get("lang", "en"))


def restore() -> Scorecard | None:
    """The scorecard of the workspace named in the URL, if the token is valid."""
    token = st.query_params.get(QUERY_KEY)
    if not token:
        return None
    try:
        s = store()
        sid = s.workspace_scorecard(token)
        if sid is None:
            return None
        rec = s.load_record(sid)
    except Exception:  # noqa: BLE001 - a broken store must not stop the app; start on the demo
        return None
    st.session_state[_K_WS] = (rec.id, rec.revision)
    st.session_state[_K_TOKEN] = token
    return rec.scorecard


def _changes(kind: str, detail: str, audit: list[dict[str, Any]]) -> list[Change]:
    from scorecard.store.storage import KINDS

    out = []
    for a in audit:
        k = a.get("kind", kind)
        out.append(Change(kind=k if k in KINDS else "edit", target=str(a.get("target", detail))[:500],
                          before=a.get("before"), after=a.get("after"),
                          cr_before=a.get("cr_before"), cr_after=a.get("cr_after")))
    if not out:
        out.append(Change(kind=kind if kind in KINDS else "edit", target=detail[:500] or kind))
    return out


def autosave(sc: Scorecard, *, kind: str, detail: str, audit: list[dict[str, Any]]) -> None:
    """Save an accepted change (and its audit entries); warn on screen, never crash, on failure."""
    ss = st.session_state
    try:
        s = store()
        changes = _changes(kind, detail, audit)
        ws = ss.get(_K_WS)
        if ws is None:
            saved = s.save_scorecard(sc, actor(), changes=changes)
            token = s.create_workspace(saved.id)
            st.query_params[QUERY_KEY] = token
            ss[_K_TOKEN] = token
        else:
            try:
                saved = s.save_scorecard(sc, actor(), scorecard_id=ws[0], expected_revision=ws[1], changes=changes)
            except ConflictError:
                # Another tab of the same workspace saved in between: this screen is what the user
                # sees and acknowledged, so it wins; the audit log keeps both.
                current = s.load_record(ws[0]).revision
                saved = s.save_scorecard(sc, actor(), scorecard_id=ws[0], expected_revision=current, changes=changes)
        ss[_K_WS] = (saved.id, saved.revision)
    except Exception:  # noqa: BLE001 - storage trouble must not lose the on-screen state
        st.toast("⚠ " + ("Perubahan belum tersimpan (penyimpanan tidak tersedia)."
                         if ss.get("lang") == "id" else "Change not saved (storage unavailable)."))


def workspace_id() -> int | None:
    """The stored scorecard id of this session's workspace (None before the first change)."""
    ws = st.session_state.get(_K_WS)
    return None if ws is None else int(ws[0])


def keep_url() -> None:
    """Put the workspace token back in the URL (page switches drop query parameters), so that a
    browser refresh on any page reopens this workspace."""
    token = st.session_state.get(_K_TOKEN)
    if token and st.query_params.get(QUERY_KEY) != token:
        st.query_params[QUERY_KEY] = token


def mark_saved(scorecard_id: int, revision: int) -> None:
    """Record that the store holds ``revision`` of this session's workspace (after a save made
    elsewhere, e.g. a workshop adoption)."""
    st.session_state[_K_WS] = (scorecard_id, revision)

"""Autosave and browser-refresh recovery through :mod:`scorecard.store.storage`.

The first accepted change of a browser session saves the scorecard and puts an unguessable
workspace token in the URL (``?w=...``). Every later change is saved as a new revision with its
audit entries. A browser refresh (or a server restart) reopens the workspace from the token, so
nothing acknowledged on screen is lost. A token only opens its own scorecard; ids never appear in
the URL.

Kept with the workspace as well: the named weight scenarios (``Store.save_scenario``; the stored
``weights`` value is the whole session entry, see :mod:`scorecard.ui.scenarios`) and the undo
history (``Store.write_undo_push`` / ``write_undo_pop``, written in the same transaction as the
change it belongs to), so a refresh or a server restart brings both back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from scorecard.model import Scorecard
from scorecard.store.storage import Change, ConflictError, Store, UndoStep

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


@dataclass
class Restored:
    """What a workspace token brings back: the scorecard, its undo history (oldest first) and its
    scenarios (session entries, oldest first)."""

    scorecard: Scorecard
    undo: list[UndoStep] = field(default_factory=list)
    scenarios: list[dict[str, Any]] = field(default_factory=list)


def restore() -> Restored | None:
    """The workspace named in the URL (scorecard, undo history, scenarios), if the token is valid."""
    token = st.query_params.get(QUERY_KEY)
    if not token:
        return None
    try:
        s = store()
        sid = s.workspace_scorecard(token)
        if sid is None:
            return None
        rec = s.load_record(sid)
        undo = s.undo_history(sid)
        stored = sorted(s.list_scenarios(sid), key=lambda x: (x.saved_at, x.id))
    except Exception:  # noqa: BLE001 - a broken store must not stop the app; start on the demo
        return None
    st.session_state[_K_WS] = (rec.id, rec.revision)
    st.session_state[_K_TOKEN] = token
    scenarios = [dict(x.weights, name=x.name) for x in stored if isinstance(x.weights, dict)]
    return Restored(rec.scorecard, undo, scenarios)


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


def _save(s: Store, sc: Scorecard, changes: list[Change], scorecard_id: int | None, expected: int | None,
          undo_push: UndoStep | None, undo_pop: bool) -> tuple[int, int]:
    """One transaction: the scorecard, its audit entries and the matching undo-history step."""
    with s.begin() as conn:
        saved = s.write_scorecard(conn, sc, actor(), scorecard_id=scorecard_id, expected_revision=expected,
                                  changes=changes)
        if undo_push is not None:
            s.write_undo_push(conn, saved.id, undo_push.scorecard, undo_push.label)
        if undo_pop:
            s.write_undo_pop(conn, saved.id)
    return saved.id, saved.revision


def autosave(sc: Scorecard, *, kind: str, detail: str, audit: list[dict[str, Any]],
             undo_push: UndoStep | None = None, undo_pop: bool = False) -> None:
    """Save an accepted change (and its audit entries); ``undo_push`` is the undo step the change
    adds (the scorecard before it), ``undo_pop`` says the change is an undo. Warns on screen, never
    crashes, on failure."""
    ss = st.session_state
    try:
        s = store()
        changes = _changes(kind, detail, audit)
        ws = ss.get(_K_WS)
        if ws is None:
            saved = _save(s, sc, changes, None, None, undo_push, undo_pop)
            token = s.create_workspace(saved[0])
            st.query_params[QUERY_KEY] = token
            ss[_K_TOKEN] = token
        else:
            try:
                saved = _save(s, sc, changes, ws[0], ws[1], undo_push, undo_pop)
            except ConflictError:
                # Another tab of the same workspace saved in between: this screen is what the user
                # sees and acknowledged, so it wins; the audit log keeps both.
                current = s.load_record(ws[0]).revision
                saved = _save(s, sc, changes, ws[0], current, undo_push, undo_pop)
        ss[_K_WS] = saved
    except Exception:  # noqa: BLE001 - storage trouble must not lose the on-screen state
        _warn_unsaved()


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


def push_undo(step: UndoStep) -> None:
    """Add an undo step to the stored history of this session's workspace, for a change that was
    saved elsewhere (e.g. a workshop adoption). Nothing happens before the workspace exists."""
    sid = workspace_id()
    if sid is None:
        return
    try:
        store().push_undo(sid, step.scorecard, step.label)
    except Exception:  # noqa: BLE001 - the on-screen undo still works for this session
        _warn_unsaved()


def save_scenario(sc: Scorecard, entry: dict[str, Any]) -> None:
    """Keep a scenario (a session entry with a ``name``) with the workspace; the first one creates
    the workspace. Audited as kind ``scenario``."""
    name = str(entry["name"])
    target = f"scenario saved: {name}"
    try:
        sid = workspace_id()
        if sid is None:
            autosave(sc, kind="scenario", detail=target, audit=[{"kind": "scenario", "target": target}])
            sid = workspace_id()
        else:
            store().record_change(sid, actor(), "scenario", target[:500])
        if sid is not None:
            store().save_scenario(sid, name, entry, actor())
    except Exception:  # noqa: BLE001 - the session still has the scenario
        _warn_unsaved()


def delete_scenario(name: str) -> None:
    """Forget a stored scenario of this session's workspace (audited)."""
    sid = workspace_id()
    if sid is None:
        return
    try:
        if store().delete_scenario(sid, name):
            store().record_change(sid, actor(), "scenario", f"scenario deleted: {name}"[:500])
    except Exception:  # noqa: BLE001
        _warn_unsaved()


def _warn_unsaved() -> None:
    st.toast("⚠ " + ("Perubahan belum tersimpan (penyimpanan tidak tersedia)."
                     if st.session_state.get("lang") == "id" else "Change not saved (storage unavailable)."))

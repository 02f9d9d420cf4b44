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

Two tabs (or people) on one workspace: the session keeps the stored scorecard its screen is
based on (``_workspace_base``, at revision ``_workspace[1]``) and saves through
:meth:`Store.apply_change`, which applies only this session's change to the latest revision. The
screen then shows the stored result (including what others saved); when the same item was
changed elsewhere, nothing is saved and a persistent message names what clashed.

Failures are loud and safe: when the database cannot be opened, read or written, the error is
logged with its cause (logger ``scorecard.store``), every page shows a persistent bilingual
message (:func:`status_banner`) with the on-screen scorecard as a workbook download, and a
workspace link that cannot be opened never silently shows another scorecard as if it were the
user's (the demo is shown under the message and nothing is saved until the workspace opens).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from scorecard.messages import Msg, msg
from scorecard.model import Scorecard
from scorecard.store.storage import Change, EditClashError, LinkRefused, StorageError, Store, UndoStep

_K_WS = "_workspace"  # (scorecard_id, revision)
_K_BASE = "_workspace_base"  # the stored scorecard at that revision (the merge base)
_K_TOKEN = "_workspace_token"
_K_PROBLEM = "_store_problem"  # (kind, Msg): "open" | "write" | "clash" | "link"
_K_PENDING = "_workspace_pending"  # a workspace token that could not be opened yet (retried)
_K_MERGED = "_store_merged"  # descriptions of changes made elsewhere, shown once
_K_REFUSED = "_store_refused"  # the last autosave was refused (clash)
_K_ROLE = "_workspace_role"  # "edit" | "view": what the link in the URL allows
QUERY_KEY = "w"

log = logging.getLogger("scorecard.store")


def _ensure_log_handler() -> None:
    """Make sure storage errors reach the server log (Streamlit configures only its own loggers)."""
    root = logging.getLogger("scorecard")
    if not root.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)


_ensure_log_handler()


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


class ReadOnlyStore:
    """The store as a read-only link sees it: every read works, every write raises
    :class:`LinkRefused` ("view") before touching the database."""

    _WRITES = frozenset({"begin", "save_scorecard", "create_with_link", "write_scorecard", "apply_change", "create_workspace",
                         "record_change", "save_scenario", "delete_scenario", "revoke_link", "migrate", "upsert",
                         "push_undo", "pop_undo", "write_undo_push", "write_undo_pop"})

    def __init__(self, inner: Store) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        if name in self._WRITES:
            def refuse(*_args: Any, **_kwargs: Any) -> Any:
                raise LinkRefused("view")
            return refuse
        return getattr(self._inner, name)


def store() -> Store:
    """The process-wide store (migrated once); read-only for a session opened by a viewer link.
    Raises when the database cannot be opened; a failed open is not cached, so the next call
    tries again."""
    s = _store(db_url())
    return ReadOnlyStore(s) if read_only() else s  # type: ignore[return-value]


def read_only() -> bool:
    """True when this session was opened through a read-only (viewer) link."""
    return st.session_state.get(_K_ROLE) == "view"


def link_token() -> str | None:
    """The share link this session works through (None before the first save)."""
    return st.session_state.get(_K_TOKEN)


def actor() -> str:
    """Who is making changes: the signed-in e-mail (office login), else the name typed in the
    sidebar, else 'browser'."""
    from scorecard.ui.login import user_email

    return user_email() or (st.session_state.get("user_name") or "").strip() or "browser"


def ensure_workspace() -> int | None:
    """The stored id of the working scorecard, saving it first when it has none yet (evidence,
    verifications and locks belong to a stored scorecard). None when storage fails."""
    if workspace_id() is None:
        from scorecard.ui import state

        autosave(state.scorecard(), kind="edit", detail="workspace", audit=[])
    return workspace_id()


def locked_refusal(old: Scorecard, new: Scorecard) -> str | None:
    """The message refusing a change that touches a locked period's values or notes (None when it may go ahead).
    Storage trouble never blocks editing: without a readable store no period counts as locked."""
    sid = workspace_id()
    if sid is None:
        return None
    from scorecard.store.verification import RightsError, check_change

    try:
        check_change(store(), sid, old, new)  # values and notes (narrative, follow-up) of locked periods
    except RightsError as refusal:
        return refusal.msg.text(st.session_state.get("lang", "en"))
    except Exception:  # noqa: BLE001 - see the docstring
        return None
    return None


@dataclass
class Restored:
    """What a workspace token brings back: the scorecard, its undo history (oldest first) and its
    scenarios (session entries, oldest first)."""

    scorecard: Scorecard
    undo: list[UndoStep] = field(default_factory=list)
    scenarios: list[dict[str, Any]] = field(default_factory=list)


def _problem(kind: str, message: Msg) -> None:
    st.session_state[_K_PROBLEM] = (kind, message)


def _clear_problem(*kinds: str) -> None:
    p = st.session_state.get(_K_PROBLEM)
    if p is not None and p[0] in kinds:
        del st.session_state[_K_PROBLEM]


def _cause(e: BaseException) -> str:
    text = e.msg.en if isinstance(e, StorageError) else f"{type(e).__name__}: {e}"
    return text.splitlines()[0][:300] if text else type(e).__name__


def _open_failed(e: BaseException) -> Msg:
    return msg(
        "storage.open_failed",
        en="Your saved scorecard could not be opened: the database is not available ({c}). The screen shows the "
           "demo scorecard, NOT yours, and nothing is saved until the database is back; reload the page to try again.",
        id="Kartu skor tersimpan Anda tidak dapat dibuka: basis data tidak tersedia ({c}). Layar menampilkan kartu "
           "skor demo, BUKAN milik Anda, dan tidak ada yang disimpan sampai basis data tersedia; muat ulang halaman.",
        c=_cause(e),
    )


def restore() -> Restored | None:
    """The workspace named in the URL (scorecard, undo history, scenarios), if the token is valid.

    A database that cannot be opened or read is logged and remembered (see :func:`status_banner`,
    which retries); an unknown or revoked token gives a persistent message instead of a silent demo."""
    token = st.query_params.get(QUERY_KEY)
    if not token:
        return None
    try:
        s = _store(db_url())
        link = s.open_link(token)
        rec = None if link is None else s.load_record(link.scorecard_id)
        undo = [] if rec is None else s.undo_history(rec.id)
        stored = [] if rec is None else sorted(s.list_scenarios(rec.id), key=lambda x: (x.saved_at, x.id))
    except Exception as e:  # noqa: BLE001 - logged and shown on every page
        log.error("cannot open workspace from the URL: %s", _cause(e), exc_info=e)
        st.session_state[_K_PENDING] = token
        _problem("open", _open_failed(e))
        return None
    if rec is None or link is None:
        _problem("link", msg(
            "storage.unknown_link",
            en="This link does not open any scorecard (it may be mistyped or revoked). The screen shows the demo.",
            id="Tautan ini tidak membuka kartu skor mana pun (mungkin salah ketik atau sudah dicabut). "
               "Layar menampilkan kartu skor demo.",
        ))
        return None
    st.session_state[_K_ROLE] = link.role
    _adopt_record(rec.id, rec.revision, rec.scorecard, token)
    scenarios = [dict(x.weights, name=x.name) for x in stored if isinstance(x.weights, dict)]
    return Restored(rec.scorecard, undo, scenarios)


def _adopt_record(sid: int, revision: int, sc: Scorecard, token: str | None = None) -> None:
    ss = st.session_state
    ss[_K_WS] = (sid, revision)
    # The base is the scorecard itself, not a deep copy (37 ms for 200 KPIs x 24 periods, on every
    # save): working scorecards are never changed in place (state.commit replaces them, and the undo
    # stack keeps the old objects on the same understanding), so this snapshot cannot change either.
    ss[_K_BASE] = sc
    if token is not None:
        ss[_K_TOKEN] = token
    ss.pop(_K_PENDING, None)


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


def autosave(sc: Scorecard, *, kind: str, detail: str, audit: list[dict[str, Any]],
             undo_push: UndoStep | None = None, undo_pop: bool = False) -> Scorecard | None:
    """Save an accepted change (and its audit entries); never crash, never lose the screen.
    ``undo_push`` is the undo step the change adds (the scorecard before it), ``undo_pop`` says
    the change is an undo; both are written in the change's transaction.

    Returns the scorecard the screen should show instead of ``sc`` when the stored result differs
    (changes saved elsewhere were merged in, or the change clashed and was refused), else None.
    Failures are logged and shown on every page by :func:`status_banner`.
    """
    ss = st.session_state
    ss[_K_REFUSED] = False
    if ss.get(_K_PENDING):
        # The user's workspace could not be opened: never save the demo as if it were theirs.
        return None
    try:
        s = store()
        changes = _changes(kind, detail, audit)
        ws = ss.get(_K_WS)
        if ws is None:
            saved, token = s.create_with_link(sc, actor(), changes=changes, undo_push=undo_push)
            st.query_params[QUERY_KEY] = token
            _adopt_record(saved.id, saved.revision, sc, token)
            _clear_problem("write", "clash", "link")
            return None
        base = ss.get(_K_BASE)
        if base is None:  # a session from before bases were kept: its revision's stored scorecard
            base = s.load_record(ws[0]).scorecard if ws[1] is not None else sc
        try:
            if read_only():
                raise LinkRefused("view")
            applied = s.apply_change(ws[0], base, sc, actor(), base_revision=ws[1], changes=changes,
                                     via_token=ss.get(_K_TOKEN), undo_push=undo_push, undo_pop=undo_pop)
        except LinkRefused as e:
            log.warning("change refused on scorecard %s: %s", ws[0], e.msg.en)
            latest = _store(db_url()).load_record(ws[0])
            _adopt_record(latest.id, latest.revision, latest.scorecard)
            _problem("link", e.msg)
            ss[_K_REFUSED] = True
            return latest.scorecard.copy()
        except EditClashError as e:
            log.warning("edit refused (clash) on scorecard %s: %s", ws[0], e.msg.en)
            _adopt_record(e.latest.id, e.latest.revision, e.latest.scorecard)
            _problem("clash", e.msg)
            ss[_K_REFUSED] = True
            return e.latest.scorecard.copy()
        _adopt_record(applied.id, applied.revision, applied.scorecard)
        _clear_problem("write", "clash")
        if applied.merged_from:
            ss[_K_MERGED] = applied.merged_from
        return None if applied.scorecard == sc else applied.scorecard.copy()
    except Exception as e:  # noqa: BLE001 - logged with its cause and shown on every page
        log.error("change not saved (%s %s): %s", kind, detail[:80], _cause(e), exc_info=e)
        _problem("write", msg(
            "storage.write_failed",
            en="Your last change is NOT saved: the database cannot be written ({c}). It stays on this screen; "
               "download the workbook below to keep it, and try saving again later.",
            id="Perubahan terakhir Anda BELUM tersimpan: basis data tidak dapat ditulis ({c}). Perubahan tetap di "
               "layar ini; unduh buku kerja di bawah untuk menyimpannya, lalu coba simpan lagi nanti.",
            c=_cause(e),
        ))
        return None


def refused() -> bool:
    """True when the last save was refused because of a clash (the screen shows the stored one)."""
    return bool(st.session_state.get(_K_REFUSED, False))


def refuse_undo() -> None:
    """Undo is not possible: what it would take back was changed elsewhere since."""
    _problem("clash", msg(
        "storage.undo_clash",
        en="Undo is not possible: what it would take back was changed elsewhere (another tab or person) since. "
           "Nothing was changed.",
        id="Tidak dapat dibatalkan: yang akan dibatalkan sudah diubah di tempat lain (tab atau orang lain) "
           "sejak itu. Tidak ada yang diubah.",
    ))


def problem() -> tuple[str, Msg] | None:
    """The storage problem this session has now (kind, message), if any."""
    return st.session_state.get(_K_PROBLEM)


def status_banner() -> None:
    """On every page: a persistent message while storage has a problem (with the on-screen
    scorecard as a workbook download), a note after changes from elsewhere were merged in.
    Retries opening a workspace that could not be opened."""
    from scorecard.ui import state

    ss = st.session_state
    pending = ss.get(_K_PENDING)
    if pending:
        try:
            s = _store(db_url())
            link = s.open_link(pending)
            rec = None if link is None else s.load_record(link.scorecard_id)
        except Exception as e:  # noqa: BLE001 - still broken: keep the message
            log.warning("workspace still cannot be opened: %s", _cause(e))
            link = rec = None
        if rec is not None and link is not None:
            log.info("workspace of scorecard %s opened after an earlier failure", rec.id)
            ss[_K_ROLE] = link.role
            _adopt_record(rec.id, rec.revision, rec.scorecard, pending)
            state.load_stored(rec.scorecard)
            _clear_problem("open")
    merged = ss.pop(_K_MERGED, None)
    if merged:
        st.info(state.tr("Also on screen now: changes saved elsewhere (another tab or person): ",
                         "Kini juga tampil: perubahan yang disimpan di tempat lain (tab atau orang lain): ")
                + "; ".join(merged[:6]) + (f" (+{len(merged) - 6})" if len(merged) > 6 else ""),
                icon=":material/sync:")
    if read_only():
        st.info(state.tr("Read-only link: you can see every page and download reports; changes are not saved.",
                         "Tautan hanya-baca: Anda dapat melihat semua halaman dan mengunduh laporan; perubahan tidak "
                         "disimpan."), icon=":material/visibility:")
    p = problem()
    if p is None:
        return
    kind, message = p
    text = message.id if state.lang() == "id" else message.en
    if kind in ("clash", "link"):
        st.warning(text, icon=":material/sync_problem:" if kind == "clash" else ":material/link_off:")
        st.button(state.tr("Understood", "Mengerti"), key="_store_problem_ok", on_click=_clear_problem,
                  args=(kind,))
        return
    st.error(text, icon=":material/database:")
    cols = st.columns(2)
    with cols[0]:
        _download_button(state.scorecard(), state.lang())
    if kind == "write":
        with cols[1]:
            st.button(state.tr("Try saving again", "Coba simpan lagi"), key="_store_retry", on_click=_retry)


def _download_button(sc: Scorecard, lang: str) -> None:
    from scorecard.io.writer import write_workbook
    from scorecard.ui import state

    try:
        data = write_workbook(sc, lang=lang)
    except Exception as e:  # noqa: BLE001 - the message above still stands
        log.error("workbook of the on-screen scorecard could not be built: %s", _cause(e), exc_info=e)
        return
    st.download_button(state.tr("Download this scorecard (workbook)", "Unduh kartu skor ini (buku kerja)"),
                       data=data, file_name="scorecard-unsaved.xlsx", key="_store_download",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _retry() -> None:
    from scorecard.ui import state

    state.flush_saves()  # a queued slider change first (it is on the screen too)
    shown = autosave(state.scorecard(), kind="edit", detail="saved again after a storage error", audit=[])
    if shown is not None:
        state.load_stored(shown)


def workspace_id() -> int | None:
    """The stored scorecard id of this session's workspace (None before the first change)."""
    ws = st.session_state.get(_K_WS)
    return None if ws is None else int(ws[0])


def keep_url() -> None:
    """Put the workspace token back in the URL (page switches drop query parameters), so that a
    browser refresh on any page reopens this workspace."""
    token = st.session_state.get(_K_TOKEN) or st.session_state.get(_K_PENDING)
    if token and st.query_params.get(QUERY_KEY) != token:
        st.query_params[QUERY_KEY] = token


def mark_saved(scorecard_id: int, revision: int, sc: Scorecard | None = None) -> None:
    """Record that the store holds ``revision`` of this session's workspace (after a save made
    elsewhere, e.g. a workshop adoption): ``sc`` is that stored scorecard (default: the one on
    screen, which the caller has just replaced by the stored one)."""
    if sc is None:
        sc = st.session_state.get("sc")
    st.session_state[_K_WS] = (scorecard_id, revision)
    if sc is not None:
        st.session_state[_K_BASE] = sc  # not copied: see _adopt_record


def push_undo(step: UndoStep) -> None:
    """Add an undo step to the stored history of this session's workspace, for a change that was
    saved elsewhere (e.g. a workshop adoption). Nothing happens before the workspace exists."""
    sid = workspace_id()
    if sid is None:
        return
    try:
        store().push_undo(sid, step.scorecard, step.label)
    except Exception as e:  # noqa: BLE001 - the on-screen undo still works for this session
        _warn_unsaved(e)


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
    except Exception as e:  # noqa: BLE001 - the session still has the scenario
        _warn_unsaved(e)


def delete_scenario(name: str) -> None:
    """Forget a stored scenario of this session's workspace (audited)."""
    sid = workspace_id()
    if sid is None:
        return
    try:
        if store().delete_scenario(sid, name):
            store().record_change(sid, actor(), "scenario", f"scenario deleted: {name}"[:500])
    except Exception as e:  # noqa: BLE001
        _warn_unsaved(e)


def _warn_unsaved(e: BaseException | None = None) -> None:
    """A side save (undo step, scenario) failed: logged with its cause, shown on every page."""
    if e is not None:
        log.error("not saved: %s", _cause(e), exc_info=e)
    _problem("write", msg(
        "storage.side_write_failed",
        en="Not everything is saved: the database cannot be written ({c}). Your screen is unchanged; download "
           "the workbook below to keep it, and try saving again later.",
        id="Belum semua tersimpan: basis data tidak dapat ditulis ({c}). Layar Anda tidak berubah; unduh buku kerja "
           "di bawah untuk menyimpannya, lalu coba simpan lagi nanti.",
        c=_cause(e) if e is not None else "?",
    ))

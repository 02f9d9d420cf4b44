"""Session state of the app: the working scorecard, undo, language, period, presenter mode.

The scorecard in the session is the single source of truth; widgets are initialised from it and
write back through callbacks, so switching pages never loses slider positions, uploads or edits.
Every accepted change goes through :func:`commit`, which keeps an undo stack and autosaves when a
store is configured (see :mod:`scorecard.store.storage`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from scorecard.method.scoring import PeriodScore, score_period
from scorecard.method.weights import Weights, compute_weights
from scorecard.model import Scorecard


def _leave_pages_directory_mode() -> bool:
    """Streamlit runs a cold server's first deep link (``/heatmap``) through its legacy ``pages/``
    directory mode, without ``app.py``'s navigation. Switch that mode off for the process; the
    caller reruns once so the request goes through ``app.py``. Returns True when it was on."""
    from streamlit.runtime.pages_manager import PagesManager

    was_on = bool(PagesManager.uses_pages_directory)
    PagesManager.uses_pages_directory = False
    return was_on


_RERUN_THROUGH_APP = _leave_pages_directory_mode()

UNDO_DEPTH = 50
_K_SC = "sc"
_K_REV = "sc_rev"
_K_UNDO = "sc_undo"
_K_UNDO_AFTER = "_sc_undo_after"  # the screen right after each undoable change (parallel to sc_undo)
_K_LANG = "lang"
_K_PERIOD = "period"
_K_PRESENTER = "presenter"
_K_CACHE = "_calc_cache"


@st.cache_resource(show_spinner=False)
def _demo() -> Scorecard:
    from scorecard.io.demo import load_demo

    return load_demo()


def demo_scorecard() -> Scorecard:
    """A fresh copy of the built-in demo scorecard (the study)."""
    return _demo().copy()


def browser_lang() -> str:
    """'id' when the browser prefers Indonesian, else 'en'."""
    try:
        loc = (st.context.locale or "").lower()
    except Exception:  # noqa: BLE001 - AppTest and old clients have no locale
        loc = ""
    return "id" if loc.startswith(("id", "in", "ms")) else "en"


def init() -> None:
    """Make sure the session has a scorecard, a language and a period (idempotent, cheap)."""
    global _RERUN_THROUGH_APP
    if _RERUN_THROUGH_APP:
        _RERUN_THROUGH_APP = False
        st.rerun()
    ss = st.session_state
    if ss.get("_init_rev") == ss.get(_K_REV, -1) and _K_LANG in ss and _K_PERIOD in ss:
        return
    if _K_SC not in ss:
        ss[_K_SC] = _initial_scorecard()
        ss[_K_REV] = 0
        ss[_K_UNDO] = []
    if _K_LANG not in ss:
        ss[_K_LANG] = browser_lang()
    periods = ss[_K_SC].periods()
    if ss.get(_K_PERIOD) not in periods:
        ss[_K_PERIOD] = periods[-1] if periods else ""
    ss.setdefault(_K_PRESENTER, False)
    ss["_init_rev"] = ss[_K_REV]


def _initial_scorecard() -> Scorecard:
    from scorecard.ui import persistence

    restored = persistence.restore()
    return restored if restored is not None else demo_scorecard()


def scorecard() -> Scorecard:
    """The working scorecard (do not mutate it in place: use :func:`commit`)."""
    init()
    return st.session_state[_K_SC]


def revision() -> int:
    return int(st.session_state.get(_K_REV, 0))


def commit(new: Scorecard, *, kind: str = "edit", detail: str = "", audit: list[dict[str, Any]] | None = None) -> None:
    """Accept a changed scorecard: push the old one on the undo stack, bump the revision, autosave.

    When the store's result differs from ``new`` (changes saved elsewhere were merged in, or the
    change clashed with one and was refused), the screen shows the stored result."""
    replace_from_store(new)
    from scorecard.ui import persistence

    shown = persistence.autosave(new, kind=kind, detail=detail, audit=audit or [])
    if shown is not None:
        load_stored(shown)
    if persistence.refused():  # not stored: nothing to undo
        _drop_last_undo()


def _drop_last_undo() -> None:
    ss = st.session_state
    for k in (_K_UNDO, _K_UNDO_AFTER):
        if ss.get(k):
            ss[k].pop()


def load_stored(sc: Scorecard) -> None:
    """Show the stored scorecard ``sc`` instead of the current one (after a merge, a refused
    change or a reopened workspace). Not an undoable step of its own."""
    ss = st.session_state
    ss[_K_SC] = sc
    ss[_K_REV] = revision() + 1
    periods = sc.periods()
    if ss.get(_K_PERIOD) not in periods:
        ss[_K_PERIOD] = periods[-1] if periods else ""


def replace_from_store(new: Scorecard) -> None:
    """Adopt a scorecard that the store already holds (e.g. after a workshop adoption): the old one
    goes on the undo stack, nothing is saved again."""
    ss = st.session_state
    undo_stack: list[Scorecard] = ss.setdefault(_K_UNDO, [])
    undo_stack.append(ss[_K_SC])
    del undo_stack[:-UNDO_DEPTH]
    after: list[Scorecard] = ss.setdefault(_K_UNDO_AFTER, [])
    after.append(new)
    del after[:-UNDO_DEPTH]
    ss[_K_SC] = new
    ss[_K_REV] = revision() + 1
    periods = new.periods()
    if ss.get(_K_PERIOD) not in periods:
        ss[_K_PERIOD] = periods[-1] if periods else ""


def can_undo() -> bool:
    return bool(st.session_state.get(_K_UNDO))


def undo() -> None:
    """Take back this session's last change (also autosaved). Only that change is reverted:
    changes saved elsewhere since then stay (the store merges the reverse change onto the latest
    revision, or refuses it when the same item was changed elsewhere in the meantime)."""
    ss = st.session_state
    if not ss.get(_K_UNDO):
        return
    before = ss[_K_UNDO].pop()
    afters = ss.get(_K_UNDO_AFTER) or []
    after = afters.pop() if len(afters) == len(ss[_K_UNDO]) + 1 else ss[_K_SC]
    if len(afters) != len(ss[_K_UNDO]):
        ss[_K_UNDO_AFTER] = []  # stacks out of step (set from outside): later undos are plain
    from scorecard.ui import persistence

    target = _reverted(after, before, ss[_K_SC])
    if target is None:
        persistence.refuse_undo()
        return
    ss[_K_SC] = target
    ss[_K_REV] = revision() + 1
    periods = target.periods()
    if ss.get(_K_PERIOD) not in periods:
        ss[_K_PERIOD] = periods[-1] if periods else ""
    shown = persistence.autosave(target, kind="undo", detail="", audit=[])
    if shown is not None:
        load_stored(shown)


def _reverted(after: Scorecard, before: Scorecard, screen: Scorecard) -> Scorecard | None:
    """``screen`` with the change ``before`` -> ``after`` taken back; None when a change made
    elsewhere and merged in since then touched the same items."""
    from scorecard.store.merge import merge
    from scorecard.store.serialize import from_dict, to_dict

    if screen == after:
        return before
    try:
        res = merge(to_dict(after), to_dict(before), to_dict(screen))
    except Exception:  # noqa: BLE001 - a payload that cannot be compared: plain undo
        return before
    return from_dict(res.payload) if res.ok and res.payload is not None else None


def lang() -> str:
    init()
    return st.session_state[_K_LANG]


def set_lang(value: str) -> None:
    st.session_state[_K_LANG] = "id" if value == "id" else "en"


def tr(en: str, id: str) -> str:
    """The text in the session's language. Every label in the app goes through this."""
    return id if lang() == "id" else en


def period() -> str:
    init()
    return st.session_state[_K_PERIOD]


def presenter() -> bool:
    return bool(st.session_state.get(_K_PRESENTER, False))


def _cached(name: str, compute: Callable[[], Any]) -> Any:
    """Memoise a computation on the scorecard revision (reruns without a change cost nothing)."""
    cache = st.session_state.setdefault(_K_CACHE, {})
    key = (name, revision())
    if key not in cache:
        if len(cache) > 64:
            cache.clear()
        cache[key] = compute()
    return cache[key]


def weights() -> Weights:
    """Weights of the working scorecard (its settings, its judgments)."""
    sc = scorecard()
    return _cached("weights", lambda: compute_weights(sc))


def scores(p: str | None = None) -> PeriodScore:
    """Scores of a period (the selected one by default) with the current weights."""
    sc = scorecard()
    label = p or period()
    return _cached(f"score:{label}", lambda: score_period(sc, label, weights()))


def all_scores() -> dict[str, PeriodScore]:
    sc = scorecard()
    return {p: scores(p) for p in sc.periods()}

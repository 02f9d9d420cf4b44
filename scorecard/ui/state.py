"""Session state of the app: the working scorecard, undo, language, period, presenter mode.

The scorecard in the session is the single source of truth; widgets are initialised from it and
write back through callbacks, so switching pages never loses slider positions, uploads or edits.
Every accepted change goes through :func:`commit`, which keeps an undo stack and autosaves when a
store is configured (see :mod:`scorecard.store.storage`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
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
_K_UNDO_LABELS = "sc_undo_labels"  # what each undo step undoes, parallel to _K_UNDO
_K_UNDO_AFTER = "_sc_undo_after"  # the screen right after each undoable change (this session's steps)
_K_LANG = "lang"
_K_PERIOD = "period"
_K_PRESENTER = "presenter"
_K_CACHE = "_calc_cache"
_K_SAVES = "_deferred_saves"  # changes accepted in this run, saved at its end (commit(defer=True))


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
        _start_session()
    if _K_LANG not in ss:
        ss[_K_LANG] = browser_lang()
    periods = ss[_K_SC].periods()
    if ss.get(_K_PERIOD) not in periods:
        ss[_K_PERIOD] = periods[-1] if periods else ""
    ss.setdefault(_K_PRESENTER, False)
    ss["_init_rev"] = ss[_K_REV]


def _start_session() -> None:
    """The workspace named in the URL (scorecard, undo history, scenarios), else the demo."""
    from scorecard.ui import persistence

    ss = st.session_state
    restored = persistence.restore()
    ss[_K_REV] = 0
    if restored is None:
        ss[_K_SC] = demo_scorecard()
        ss[_K_UNDO], ss[_K_UNDO_LABELS] = [], []
        return
    ss[_K_SC] = restored.scorecard
    ss[_K_UNDO] = [u.scorecard for u in restored.undo]
    ss[_K_UNDO_LABELS] = [u.label for u in restored.undo]
    if restored.scenarios:
        ss["scenarios"] = restored.scenarios  # scorecard.ui.weights_common.K_SCENARIOS


def scorecard() -> Scorecard:
    """The working scorecard (do not mutate it in place: use :func:`commit`)."""
    init()
    return st.session_state[_K_SC]


def revision() -> int:
    return int(st.session_state.get(_K_REV, 0))


def _label(kind: str, detail: str, audit: list[dict[str, Any]]) -> str:
    """What a change did, in a few words (the undo history's label and the undo audit entry): the
    target of its one audit entry (e.g. ``"Scorecard: Financial vs Customer"``, which the audit page
    shows with names), else its detail, else its kind."""
    if len(audit) == 1 and audit[0].get("target"):
        return str(audit[0]["target"])
    return detail or kind


def commit(new: Scorecard, *, kind: str = "edit", detail: str = "", audit: list[dict[str, Any]] | None = None,
           defer: bool = False) -> None:
    """Accept a changed scorecard: push the old one on the undo stack, bump the revision, autosave
    (the undo step is stored with the change, so it survives a refresh).

    ``defer=True`` (a slider release) saves at the end of the run instead, through
    :func:`flush_saves`, so that the new weights and index are drawn first; the caller's run must
    end with :func:`flush_saves` (the Weights fragment does, and app.py after every page). A run
    cut short before that (Streamlit stops a run when a newer request arrives) leaves the change
    queued: every commit, undo and adoption stores it first, so changes reach the store in the
    order they were made and at most one is ever queued. When storing it changed the screen (merged
    with or refused by the store), this change, made on the old screen, is applied to the new one
    (three-way merge) or, when they clash, not accepted (a toast says so).

    A change to the values of a period locked after verification is refused (an error on screen,
    the run stops, nothing changes): see :mod:`scorecard.store.verification`."""
    from scorecard.store.storage import UndoStep
    from scorecard.ui import persistence

    made_on = st.session_state.get(_K_SC)
    if flush_saves():
        rebased = _rebased(made_on, new, st.session_state[_K_SC]) if made_on is not None else None
        if rebased is None:
            st.toast(tr("Not saved: the scorecard was changed elsewhere in the meantime; the screen shows what "
                        "is stored now.", "Tidak tersimpan: kartu skor telah diubah di tempat lain; layar "
                        "menampilkan yang tersimpan sekarang."))
            return
        new = rebased
    refusal = persistence.locked_refusal(scorecard(), new)
    if refusal is not None:
        st.error("🔒 " + refusal)
        st.stop()
    label = _label(kind, detail, audit or [])
    before = st.session_state[_K_SC]
    _replace(new, label)
    save = {"sc": new, "kind": kind, "detail": detail, "audit": audit or [], "undo_push": UndoStep(label, before)}
    if defer:
        st.session_state.setdefault(_K_SAVES, []).append(save)
        return
    _save(save)


def _save(save: dict[str, Any]) -> bool:
    """Store one accepted change; True when the screen must show something else (the stored
    scorecard after a merge or a refusal)."""
    from scorecard.ui import persistence

    shown = persistence.autosave(save["sc"], kind=save["kind"], detail=save["detail"], audit=save["audit"],
                                 undo_push=save["undo_push"])
    if shown is not None:  # changes saved elsewhere were merged in, or the change was refused
        load_stored(shown)
    if persistence.refused():  # not stored: nothing to undo
        _drop_last_undo()
    return shown is not None


def flush_saves() -> bool:
    """Store the change committed with ``defer=True`` and not stored yet (at most one, see
    :func:`commit`). True when the screen drawn in this run is out of date (the change was merged
    with or refused by the store): the caller then reruns the app. A change leaves the queue only
    once its save has returned, so a save cut short is tried again (storing the same change twice
    is a no-op: the store finds the latest revision already says it)."""
    ss = st.session_state
    changed = False
    while ss.get(_K_SAVES):
        changed = _save(ss[_K_SAVES][0]) or changed
        ss[_K_SAVES] = ss[_K_SAVES][1:]
    return changed


@contextlib.contextmanager
def storing_at_end() -> Iterator[None]:
    """Run a block that may commit with ``defer=True`` (the Weights fragment, app.py's page run) and
    store the queued change when it ends: on a normal end through :func:`store_then` (a rerun when
    the store changed the screen), on Streamlit's rerun/stop or an error through
    :func:`store_quietly` (that ending is kept)."""
    try:
        yield
    except BaseException:
        store_quietly()
        raise
    store_then()


def store_then() -> None:
    """End of a run that may have committed with ``defer=True`` (the Weights fragment, app.py):
    store the queued change, and rerun the app when that changed the screen. Called on a normal end
    only; when the run ends with Streamlit's rerun/stop or an error, use :func:`store_quietly`."""
    if flush_saves():
        st.rerun()


def store_quietly() -> None:
    """Store the queued change while the run ends another way (rerun, stop, an error): never
    replace that ending, never raise (a failure is shown by the storage banner and the change is
    tried again by the next commit)."""
    try:
        flush_saves()
    except Exception:  # noqa: BLE001 - the ending in flight matters more; the change stays queued
        import logging

        logging.getLogger("scorecard.ui").exception("storing a slider change at the end of a run failed")


def load_stored(sc: Scorecard) -> None:
    """Show the stored scorecard ``sc`` instead of the current one (after a merge, a refused
    change or a reopened workspace). Not an undoable step of its own."""
    ss = st.session_state
    ss[_K_SC] = sc
    ss[_K_REV] = revision() + 1
    periods = sc.periods()
    if ss.get(_K_PERIOD) not in periods:
        ss[_K_PERIOD] = periods[-1] if periods else ""


def _drop_last_undo() -> None:
    ss = st.session_state
    for k in (_K_UNDO, _K_UNDO_LABELS, _K_UNDO_AFTER):
        if ss.get(k):
            ss[k].pop()


def replace_from_store(new: Scorecard, label: str = "adopt") -> None:
    """Adopt a scorecard that the store already holds (e.g. after a workshop adoption): the old one
    goes on the undo stack (also the stored one), the scorecard is not saved again."""
    from scorecard.store.storage import UndoStep
    from scorecard.ui import persistence

    flush_saves()  # a queued slider change is stored before the adoption's undo step
    before = st.session_state[_K_SC]
    _replace(new, label)
    persistence.push_undo(UndoStep(label, before))


def _undo_labels() -> list[str]:
    """The undo labels, one per undo step (a stack set without labels gets empty ones)."""
    ss = st.session_state
    n = len(ss.setdefault(_K_UNDO, []))
    labels: list[str] = list(ss.get(_K_UNDO_LABELS) or [])
    labels = ([""] * n + labels)[len(labels):] if n else []
    ss[_K_UNDO_LABELS] = labels
    return labels


def _undo_afters(n: int) -> list[Scorecard | None]:
    """The screens right after each undo step (None where unknown, e.g. steps restored from the
    store), aligned with the ``n`` steps of the undo stack."""
    ss = st.session_state
    afters: list[Scorecard | None] = list(ss.get(_K_UNDO_AFTER) or [])
    afters = ([None] * n + afters)[len(afters):] if n else []
    ss[_K_UNDO_AFTER] = afters
    return afters


def _replace(new: Scorecard, label: str) -> None:
    ss = st.session_state
    labels = _undo_labels()
    undo_stack: list[Scorecard] = ss[_K_UNDO]
    undo_stack.append(ss[_K_SC])
    labels.append(label)
    afters = _undo_afters(len(undo_stack) - 1)
    afters.append(new)
    del undo_stack[:-UNDO_DEPTH]
    del labels[:-UNDO_DEPTH]
    del afters[:-UNDO_DEPTH]
    ss[_K_SC] = new
    ss[_K_REV] = revision() + 1
    periods = new.periods()
    if ss.get(_K_PERIOD) not in periods:
        ss[_K_PERIOD] = periods[-1] if periods else ""


def can_undo() -> bool:
    return bool(st.session_state.get(_K_UNDO))


def undo_label() -> str:
    """What the next undo would undo ("" when unknown or nothing to undo)."""
    labels = _undo_labels()
    return labels[-1] if labels else ""


def undo() -> None:
    """Go back to the scorecard before the last commit (also autosaved; the audit entry says what
    was undone)."""
    ss = st.session_state
    flush_saves()  # a queued slider change is stored first: it is the step this undo takes back
    if not ss.get(_K_UNDO):
        return
    from scorecard.ui import persistence

    refusal = persistence.locked_refusal(ss[_K_SC], ss[_K_UNDO][-1])
    if refusal is not None:  # undoing would change a locked period's values
        st.toast("🔒 " + refusal)
        return
    label = undo_label()
    afters = _undo_afters(len(ss[_K_UNDO]))
    after = afters.pop() if afters else None
    ss[_K_UNDO_LABELS].pop()
    before = ss[_K_UNDO].pop()
    target = _reverted(after, before, ss[_K_SC])
    if target is None:
        persistence.refuse_undo()
        return
    ss[_K_SC] = target
    ss[_K_REV] = revision() + 1
    undo_target = f"undo: {label}" if label else "undo"
    shown = persistence.autosave(ss[_K_SC], kind="undo", detail=undo_target,
                                 audit=[{"kind": "undo", "target": undo_target, "before": label or None,
                                         "after": None}],
                                 undo_pop=True)
    if shown is not None:
        load_stored(shown)


def _rebased(base: Scorecard, mine: Scorecard, onto: Scorecard) -> Scorecard | None:
    """``onto`` with the change ``base`` -> ``mine`` applied (a three-way merge: what ``onto``
    changed since ``base`` stays); None when both changed the same item differently."""
    from scorecard.store.merge import merge
    from scorecard.store.serialize import from_dict, to_dict

    if onto == base:
        return mine
    res = merge(to_dict(base), to_dict(mine), to_dict(onto))
    return from_dict(res.payload) if res.ok and res.payload is not None else None


def _reverted(after: Scorecard | None, before: Scorecard, screen: Scorecard) -> Scorecard | None:
    """``screen`` with the change ``before`` -> ``after`` taken back (changes merged in from
    elsewhere since then stay); ``before`` when ``after`` is unknown; None when a change made
    elsewhere touched the same items since."""
    if after is None:
        return before
    try:
        return _rebased(after, before, screen)
    except Exception:  # noqa: BLE001 - a payload that cannot be compared: plain undo
        return before


def lang() -> str:
    """"en" or "id". Called for every label and number of a run (thousands of times on the Weights
    page), so it reads the session state once and only falls back to :func:`init` on a new session."""
    value = st.session_state.get(_K_LANG)
    if value is None:
        init()
        value = st.session_state[_K_LANG]
    return value


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

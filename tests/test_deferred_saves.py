"""Slider releases are stored after the screen is drawn (``state.commit(defer=True)``). These tests
cut runs short the way Streamlit does (a newer request stops a run right after its callbacks) and
check that the store always ends up holding what the screen shows, in the order the changes were
made: a later edit, an Undo, two quick releases while another tab saves (review of issue #13)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.model import ROOT


@pytest.fixture(autouse=True)
def _db(tmp_path, monkeypatch):
    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{tmp_path / 'deferred.sqlite'}")


def _stored(at: AppTest):
    from scorecard.ui import persistence

    s = persistence._store(persistence.db_url())
    return s.load_record(at.session_state["_workspace"][0]).scorecard


def _pair(sc, i: int, j: int) -> float | None:
    kids = sc.children(ROOT)
    return sc.judgments.get(ROOT, {}).get((kids[i], kids[j]))


def _cut_short_then(next_step: str) -> AppTest:
    """A script: 0 = first change (creates the workspace); 1 = a deferred slider change, then the run
    stops before anything stores it; 2 = ``next_step`` (``edit`` or ``undo``), then the normal end."""

    def script(next_step: str):
        import streamlit as st

        from scorecard.model import ROOT
        from scorecard.ui import state

        ss = st.session_state
        sc = state.scorecard()
        kids = sc.children(ROOT)
        step = ss.get("step", 0)
        ss["step"] = step + 1
        if step == 0:
            new = sc.copy()
            new.set_judgment(ROOT, kids[0], kids[1], 2.0)
            state.commit(new, kind="judgment", detail="first")
        elif step == 1:
            new = sc.copy()
            new.set_judgment(ROOT, kids[0], kids[1], 3.0)
            state.commit(new, kind="judgment", detail="slider", defer=True)
            st.stop()  # the run is cut short: the fragment's end never comes
        elif step == 2 and next_step == "edit":
            new = state.scorecard().copy()
            new.settings.yellow_from = 5.0
            state.commit(new, kind="setting", detail="yellow from 5")
        elif step == 2:
            state.undo()
        state.store_then()
        st.write("ok")

    return AppTest.from_function(script, kwargs={"next_step": next_step}, default_timeout=60)


def test_a_change_cut_short_is_stored_before_the_next_edit():
    at = _cut_short_then("edit")
    at.run()
    at.run()
    assert at.session_state["_deferred_saves"]  # still queued after the cut-short run
    at.run()
    assert not at.exception
    screen, stored = at.session_state["sc"], _stored(at)
    assert _pair(screen, 0, 1) == _pair(stored, 0, 1) == 3.0
    assert screen.settings.yellow_from == stored.settings.yellow_from == 5.0
    assert screen == stored and not at.session_state["_deferred_saves"]


def test_undo_takes_back_the_change_that_was_cut_short():
    at = _cut_short_then("undo")
    at.run()
    at.run()
    at.run()
    assert not at.exception
    screen, stored = at.session_state["sc"], _stored(at)
    assert _pair(screen, 0, 1) == _pair(stored, 0, 1) == 2.0  # back to the first change, also stored
    assert screen == stored


def test_two_quick_releases_while_another_tab_saves():
    """Another tab changes pair (2, 3); this tab releases two sliders in one run. Both of this tab's
    changes and the other tab's are stored and shown; nothing is reverted."""

    def script():
        import streamlit as st

        from scorecard.model import ROOT
        from scorecard.ui import persistence, state

        ss = st.session_state
        sc = state.scorecard()
        kids = sc.children(ROOT)
        step = ss.get("step", 0)
        ss["step"] = step + 1
        if step == 0:
            new = sc.copy()
            new.set_judgment(ROOT, kids[0], kids[1], 2.0)
            state.commit(new, kind="judgment", detail="first")
        else:
            s = persistence._store(persistence.db_url())
            sid = persistence.workspace_id()
            rec = s.load_record(sid)
            other = rec.scorecard.copy()
            other.set_judgment(ROOT, kids[2], kids[3], 7.0)
            s.apply_change(sid, rec.scorecard, other, "other tab", base_revision=rec.revision)
            n1 = sc.copy()
            n1.set_judgment(ROOT, kids[0], kids[1], 3.0)
            state.commit(n1, kind="judgment", detail="s1", defer=True)
            n2 = state.scorecard().copy()
            n2.set_judgment(ROOT, kids[0], kids[2], 5.0)
            state.commit(n2, kind="judgment", detail="s2", defer=True)
            state.store_then()
        st.write("ok")

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    at.run()
    assert not at.exception
    screen, stored = at.session_state["sc"], _stored(at)
    # s1 met the other tab's change (merged): s2, made on the old screen, was applied to the merged one
    assert (_pair(stored, 0, 1), _pair(stored, 0, 2), _pair(stored, 2, 3)) == (3.0, 5.0, 7.0)
    assert screen == stored

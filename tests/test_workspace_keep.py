"""Nothing lost on refresh: named weight scenarios and the undo history are kept with the workspace.

Storage level (SQLite and PostgreSQL): the undo history is a stack per scorecard, capped at its
depth, and a push is written in the change's own transaction. App level (AppTest, its own SQLite):
a second session opened with the workspace token (what a browser refresh or a server restart does)
gets the same scenarios and the same undo steps, and the undo entry in the audit log says what was
undone. The browser version is in tests/test_browser_workspace_keep.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.model import ROOT
from scorecard.store import storage
from scorecard.store.storage import Store
from tests.conftest import APPTEST_TIMEOUT, no_exception
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _store(url: str) -> Store:
    s = Store(url)
    s.migrate()
    return s


def test_undo_history_is_a_capped_stack(db_url: str, demo) -> None:
    with _store(db_url) as s:
        sid = s.save_scorecard(demo, "t").id
        other = s.save_scorecard(demo, "t").id
        assert s.undo_history(sid) == []
        assert s.pop_undo(sid) is None
        for i in range(5):
            sc = demo.copy()
            sc.name = f"v{i}"
            s.push_undo(sid, sc, f"change {i}", depth=3)
        s.push_undo(other, demo, "elsewhere")
        hist = s.undo_history(sid)
        assert [h.label for h in hist] == ["change 2", "change 3", "change 4"]  # oldest two dropped
        assert [h.scorecard.name for h in hist] == ["v2", "v3", "v4"]
        assert hist[-1].scorecard.judgments == demo.judgments  # the whole model comes back
        assert s.pop_undo(sid) == "change 4"
        assert [h.label for h in s.undo_history(sid)] == ["change 2", "change 3"]
        assert [h.label for h in s.undo_history(other)] == ["elsewhere"]


def test_undo_push_rolls_back_with_its_change(db_url: str, demo) -> None:
    with _store(db_url) as s:
        saved = s.save_scorecard(demo, "t")
        with pytest.raises(storage.ConflictError), s.begin() as conn:
            s.write_undo_push(conn, saved.id, demo, "lost")
            s.write_scorecard(conn, demo, "t", scorecard_id=saved.id, expected_revision=saved.revision + 5)
        assert s.undo_history(saved.id) == []


def test_fresh_database_has_the_undo_table(db_url: str) -> None:
    with _store(db_url) as s:
        assert s.schema_version() == storage.LATEST_VERSION >= 4
        with s.read() as conn:
            import sqlalchemy as sa

            assert sa.inspect(conn).has_table("undo_history")


# ---- the app ------------------------------------------------------------------------------------

@pytest.fixture
def app_db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'keep.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def _weights(token: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT)
    at.session_state["lang"] = "en"
    if token:
        at.query_params["w"] = token
    at.run()
    at.switch_page("pages/weights.py").run()
    no_exception(at)
    return at


def _root_pair(at: AppTest) -> tuple[str, str]:
    kids = at.session_state["sc"].children(ROOT)
    return kids[0], kids[1]


def _slider(at: AppTest, a: str, b: str):
    return at.select_slider(key=f"wj|en|{ROOT}|{a}|{b}")


def test_refresh_keeps_scenarios_and_undo(app_db: str) -> None:
    at = _weights()
    a, b = _root_pair(at)
    _slider(at, a, b).set_value(-6).run()  # "a is very strongly more important" = 7
    at.segmented_control(key="w_view_en").set_value("scen").run()
    at.text_input(key="w_scn_name").input("Workshop 2024").run()
    at.button(key="w_scn_save").click().run()
    at.button(key="w_scn_equal").click().run()
    at.button(key="w_scn_del_Equal weights").click().run()
    at.text_input(key="w_scn_name").input("Board").run()
    at.button(key="w_scn_save").click().run()
    no_exception(at)
    at.segmented_control(key="w_view_en").set_value("judge").run()
    _slider(at, a, b).set_value(2).run()  # b moderately more important = 1/3
    no_exception(at)
    token = at.query_params["w"]
    token = token[0] if isinstance(token, list) else token
    judgments_now = at.session_state["sc"].judgments

    again = _weights(token)  # a refresh: a new session with the workspace token in the URL
    assert [s["name"] for s in again.session_state["scenarios"]] == ["Workshop 2024", "Board"]
    kept = again.session_state["scenarios"][0]
    assert kept == next(s for s in at.session_state["scenarios"] if s["name"] == "Workshop 2024")
    assert again.session_state["sc"].judgments == judgments_now
    assert len(again.session_state["sc_undo"]) == len(at.session_state["sc_undo"]) == 2
    assert again.session_state["sc_undo_labels"] == at.session_state["sc_undo_labels"]

    again.button(key="w_undo").click().run()  # back to 7
    no_exception(again)
    assert again.session_state["sc"].judgments[ROOT][(a, b)] == pytest.approx(7.0)

    third = _weights(token)  # and the undo itself is kept: one step left
    assert len(third.session_state["sc_undo"]) == 1
    third.button(key="w_undo").click().run()
    assert third.session_state["sc"].judgments[ROOT][(a, b)] == pytest.approx(
        at.session_state["sc_undo"][0].judgments[ROOT][(a, b)])
    assert not third.session_state["sc_undo"]
    third.switch_page("pages/audit.py").run()
    no_exception(third)
    what = next(d.value for d in third.dataframe if "What" in d.value.columns)["What"]
    a_name, b_name = (third.session_state["sc"].node_label(x) for x in (a, b))
    assert f"Undone: Perspectives (top level): {a_name} vs {b_name}" in set(what)  # names, not ids

    s = Store(app_db)
    sid = s.workspace_scorecard(token)
    log = s.changes(sid)
    undos = [c.target for c in log if c.kind == "undo"]
    assert len(undos) == 2
    assert undos == [f"undo: {ROOT}: {a} vs {b}"] * 2  # says which judgment came back
    assert all(u != "undo" for u in undos)
    assert [c.target for c in log if c.kind == "scenario"] == [
        "scenario saved: Workshop 2024", "scenario saved: Equal weights", "scenario deleted: Equal weights",
        "scenario saved: Board"]

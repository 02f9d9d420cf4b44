"""Tests never touch the user's database (data/scorecard.sqlite): every test runs on its own
SQLite file (the autouse fixture ``_own_database`` in conftest.py), AppTest included, and the
session hooks in conftest.py fail the whole run if the file is created or changed anyway."""

from __future__ import annotations

import os

from scorecard.model import ROOT as AHP_ROOT
from scorecard.store import storage
from tests.conftest import USER_DB, open_page, user_db_state


def test_every_test_has_its_own_database(_own_database):
    url = os.environ[storage.ENV_URL]
    assert url == _own_database
    assert storage.resolve_url().database != str(storage.DEFAULT_SQLITE_PATH)
    assert str(USER_DB) == str(storage.DEFAULT_SQLITE_PATH)


def test_store_without_arguments_opens_the_test_database(_own_database):
    with storage.Store() as s:
        s.migrate()
        assert s.url.database == _own_database.removeprefix("sqlite:///")


def test_an_app_change_goes_to_the_test_database_not_the_users(_own_database):
    before = user_db_state()
    at = open_page("pages/weights.py")
    kids = at.session_state["sc"].children(AHP_ROOT)
    at.select_slider(key=f"wj|en|{AHP_ROOT}|{kids[0]}|{kids[1]}").set_value(-6).run()
    assert not at.exception
    with storage.Store(_own_database) as s:
        stored = s.list_scorecards()
        assert len(stored) == 1 and stored[0].revision == 1
        assert s.load_scorecard(stored[0].id).judgments[AHP_ROOT][(kids[0], kids[1])] == 7.0
    assert user_db_state() == before

"""The Workshop and Audit pages with Streamlit's AppTest: a facilitator creates a workshop, a
participant joins in another session (same store) and submits, the facilitator sees the group
result and adopts it, the audit page lists the adoption; wrong tokens get a friendly message."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.model import ROOT
from scorecard.store import workshop as ws
from scorecard.store.storage import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'pages.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [s.value for s in at.success] + [i.value for i in at.info]
    parts += [str(m.value) for m in at.metric]
    parts += [e.proto.body for e in at.get("html")]  # a judgment's sentence is drawn with its strip
    return "\n".join(parts)


def _frame(at: AppTest, column: str):
    """The first data frame on the page that has ``column``."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with column {column!r}")


def _join(p: AppTest) -> None:
    """Press the join form's button (its label depends on the language)."""
    next(b for b in p.button if b.form_id == "ws_join_form").click().run()


def _facilitator(db: str, nodes: list[str]) -> tuple[AppTest, str]:
    at = _app()
    at.run()
    at.switch_page("pages/workshop.py").run()
    _no_exception(at)
    at.multiselect(key="ws_nodes").set_value(nodes).run()
    at.text_input(key="ws_fac_name").set_value("Dewi").run()
    at.button(key="ws_create").click().run()
    _no_exception(at)
    ft = at.query_params.get("ft")
    assert ft and at.query_params.get("w"), at.query_params
    return at, ft


def _participant(code: str, name: str, moves: dict[str, int]) -> AppTest:
    p = _app(join=code)
    p.run()
    _no_exception(p)
    assert len(p.sidebar.radio) == 0  # participants get no app sidebar
    p.text_input(key="ws_join_name").set_value(name)
    _join(p)
    _no_exception(p)
    assert p.query_params.get("pt") and "join" not in p.query_params, p.query_params
    for key, pos in moves.items():
        p.select_slider(key=key).set_value(pos).run()
        _no_exception(p)
    p.button(key="ws_submit").click().run()
    _no_exception(p)
    assert p.success, _texts(p)
    return p


def test_workshop_round_trip(db):
    at, ft = _facilitator(db, [ROOT, "Customer"])
    store = Store(db)
    view = ws.facilitator_view(store, ft)
    assert [g.node for g in view.nodes] == [ROOT, "Customer"]
    assert "ws-code" in "".join(h.proto.body for h in at.get("html"))

    # Participant: join with the link's code, move some sliders, submit everything.
    moves = {"pj|Scorecard|Financial|Customer": 2, "pj|Scorecard|Customer|Internal Business Process": -4,
             "pj|Customer|C1|C2": -2}
    p = _participant(view.join_code, "Ani", moves)
    mine = ws.participant_view(store, p.query_params["pt"]).answers
    assert mine[ROOT][("Financial", "Customer")] == pytest.approx(1 / 3)
    assert mine[ROOT][("Customer", "Internal Business Process")] == pytest.approx(5.0)
    assert len(mine[ROOT]) == 6 and len(mine["Customer"]) == 6

    # Facilitator view: one participant, all submitted, a group CR.
    at.run()
    _no_exception(at)
    text = _texts(at)
    assert "1 / 1" in text  # submitted all answers
    people = _frame(at, "Name")
    assert list(people["Name"]) == ["Ani"]
    groups = _frame(at, "Group CR")
    assert groups["Group CR"].iloc[0] != "—"
    view = ws.facilitator_view(store, ft)
    assert view.nodes[0].cr is not None and view.participants[0].complete

    # Group judgments are written in scale words, never as a ratio like "1/2.121".
    pairs = _frame(at, "Group judgment")
    assert any("more important than" in s or "equally important" in s for s in pairs["Group judgment"])
    assert not any("/" in s for s in pairs["Group judgment"]), list(pairs["Group judgment"])

    # Adopt: the session's scorecard (and the stored one) now carry the group judgments.
    before = dict(at.session_state["sc"].judgments[ROOT])
    assert at.button(key="ws_adopt").label == "Adopt group weights" and not at.button(key="ws_adopt").disabled
    at.button(key="ws_adopt").click().run()
    _no_exception(at)
    assert at.success, _texts(at)
    at.run()
    assert at.button(key="ws_adopt").label == "Adopted ✓" and at.button(key="ws_adopt").disabled  # shows it is done
    after = at.session_state["sc"].judgments[ROOT]
    assert after != before
    assert after[("Financial", "Customer")] == pytest.approx(1 / 3)
    sid = ws.facilitator_view(store, ft).scorecard_id
    assert store.load_scorecard(sid).judgments[ROOT][("Financial", "Customer")] == pytest.approx(1 / 3)
    adopts = [c for c in store.changes(sid) if c.kind == "adopt"]
    assert adopts and all(c.actor == "Dewi" for c in adopts)

    # Audit page: the adoption entries are listed and filterable; the CSV has them too.
    at.switch_page("pages/audit.py").run()
    _no_exception(at)
    table = _frame(at, "Kind")
    assert (table["Kind"] == "Workshop adopted").sum() == len(adopts)
    assert "Perspectives (top level): Financial vs Customer" in set(table["What"])
    at.multiselect(key="audit_kinds").set_value(["adopt"]).run()
    _no_exception(at)
    table = _frame(at, "Kind")
    assert set(table["Kind"]) == {"Workshop adopted"}
    assert at.get("download_button")

    # Close: the participant can no longer change answers and is told so in their language.
    at.switch_page("pages/workshop.py").run()
    at.button(key="ws_close").click().run()
    _no_exception(at)
    p.session_state["lang"] = "id"
    p.run()
    _no_exception(p)
    assert any("Fasilitator sudah menutup" in w.value for w in p.warning)


def test_wrong_tokens_are_friendly(db):
    at = _app(ft="not-a-real-token-" + "x" * 20)
    at.run()
    at.switch_page("pages/workshop.py").run()
    _no_exception(at)
    assert any("not valid for this workshop" in e.value for e in at.error), _texts(at)

    p = _app(pt="tampered-participant-token")
    p.session_state["lang"] = "id"
    p.run()
    _no_exception(p)
    assert any("tidak berlaku" in e.value for e in p.error), _texts(p)

    bad = _app(join="ZZZZ-ZZZZ")
    bad.run()
    bad.text_input(key="ws_join_name").set_value("Eko")
    _join(bad)
    _no_exception(bad)
    assert any("No open workshop has this code" in e.value for e in bad.error), _texts(bad)
    assert "pt" not in bad.query_params


def test_rate_limit_message_in_indonesian(db):
    p = _app(join="")
    p.session_state["lang"] = "id"
    p.run()
    _no_exception(p)
    for _ in range(ws.JOIN_LIMIT + 1):
        p.text_input(key="ws_join_code").set_value("ABCD-EFGH")
        p.text_input(key="ws_join_name").set_value("Eko")
        _join(p)
        _no_exception(p)
    assert any("Terlalu banyak kode yang salah" in e.value for e in p.error), _texts(p)


def test_audit_page_without_changes(db):
    at = _app()
    at.run()
    at.switch_page("pages/audit.py").run()
    _no_exception(at)
    assert at.info


def test_participant_skips_a_pair_and_the_group_still_has_weights(db):
    at, ft = _facilitator(db, [ROOT])
    store = Store(db)
    view = ws.facilitator_view(store, ft)
    p = _app(join=view.join_code)
    p.run()
    p.text_input(key="ws_join_name").set_value("Ani")
    _join(p)
    _no_exception(p)
    p.select_slider(key="pj|Scorecard|Financial|Customer").set_value(2).run()
    p.checkbox(key="pj|Scorecard|Customer|Internal Business Process|skip").check().run()
    _no_exception(p)
    assert p.select_slider(key="pj|Scorecard|Customer|Internal Business Process").disabled
    assert "Not judged (not sure / skipped)" in _texts(p)
    p.button(key="ws_submit").click().run()
    _no_exception(p)
    assert p.success, _texts(p)
    mine = ws.participant_view(store, p.query_params["pt"]).answers[ROOT]
    assert mine[("Customer", "Internal Business Process")] == ws.SKIPPED and len(mine) == 6
    g = ws.facilitator_view(store, ft)
    assert g.participants[0].complete and g.participants[0].skipped == 1
    node = g.nodes[0]
    assert node.skipped == 1 and node.weights is not None and node.cr is not None
    at.run()
    _no_exception(at)
    assert _frame(at, "Skipped")["Skipped"].iloc[0] == 1
    assert "—" in list(_frame(at, "Group judgment")["Group judgment"])  # the unjudged pair in the group table


def test_facilitator_asks_a_spanning_subset_on_long_nodes(db):
    from scorecard.model import Objective

    at = _app()
    at.run()
    at.switch_page("pages/workshop.py").run()
    sc = at.session_state["sc"].copy()
    sc.objectives.append(Objective("C5", "Customer", "Objective C5"))  # Customer gets 5 items: a long node
    at.session_state["sc"] = sc
    at.session_state["sc_rev"] = at.session_state["sc_rev"] + 1
    at.run()
    at.multiselect(key="ws_nodes").set_value(["Customer"]).run()
    assert "6 pairs" not in _texts(at)
    at.checkbox(key="ws_subset").check().run()
    assert "Each participant answers 6 pairs" in _texts(at)  # 4 + 2 instead of 10
    at.button(key="ws_create").click().run()
    _no_exception(at)
    view = ws.facilitator_view(Store(db), at.query_params["ft"])
    assert view.nodes[0].pairs == 6 and len(view.nodes[0].asked) == 6

"""Storage seen from the app (AppTest): two tabs on one workspace keep each other's edits or
see what clashed; a database that cannot be opened or written gives a persistent bilingual
message on every page, the on-screen scorecard as a download, a log line with the cause, and
never the demo posing as the user's scorecard.

AppTest runs a ``pages/*.py`` file on its own (Streamlit's pages-directory mode is switched on
again for every AppTest run), so the banner that ``app.py`` puts above every page of the real
server is checked after :func:`home`, which runs ``app.py`` (the Overview page)."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from scorecard.model import ROOT
from scorecard.store.storage import Store
from tests.conftest import APPTEST_TIMEOUT, no_exception, texts
from tests.conftest import ROOT as REPO

APP = str(REPO / "app.py")
PAGE = "pages/weights.py"


def tab(lang: str = "en", **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT)
    at.query_params.update(query)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


def home(at: AppTest) -> AppTest:
    """Run app.py (shared banner + the default page), as the real server does on every page."""
    # AppTest has no public way back to the main script once st.navigation registered its pages:
    # an empty page request is what a browser opening "/" sends (AppTest.run() uses the hash "").
    at._page_hash = None
    at._finished_page_script_hash = ""
    at.run()
    no_exception(at)
    return at


def banner(at: AppTest, kind: str) -> str:
    return "\n".join(e.value for e in getattr(at, kind))


def slide(at: AppTest, a: str, b: str, position: int, lang: str = "en") -> None:
    at.select_slider(key=f"wj|{lang}|{ROOT}|{a}|{b}").set_value(position).run()
    no_exception(at)


def judgment(sc, a: str, b: str) -> float:
    pairs = sc.judgments[ROOT]
    return pairs[(a, b)] if (a, b) in pairs else 1 / pairs[(b, a)]


def test_two_tabs_on_one_workspace_lose_nothing(_own_database):
    a_tab = tab()
    p, q, r = a_tab.session_state["sc"].children(ROOT)[:3]
    slide(a_tab, p, q, -4)  # first change: creates the workspace (p 5x q)
    token = a_tab.query_params["w"]
    b_tab = tab(w=token)  # the same link in a second tab
    slide(a_tab, p, q, -6)  # A: p 7x q (revision 2)
    slide(b_tab, p, r, 2)  # B, still on revision 1: r 3x p
    with Store(_own_database) as s:
        (info,) = s.list_scorecards()
        stored = s.load_scorecard(info.id)
        assert info.revision == 3
        assert judgment(stored, p, q) == 7.0 and judgment(stored, p, r) == 1 / 3
        assert [c.kind for c in s.changes(info.id)] == ["judgment"] * 3
    # B's screen shows A's change too, and says so
    assert judgment(b_tab.session_state["sc"], p, q) == 7.0
    assert "changes saved elsewhere" in texts(home(b_tab))
    # A now moves the slider B moved, to another value: refused, A's screen shows what is stored
    slide(a_tab, p, r, -2)
    warning = banner(home(a_tab), "warning")
    assert "Not saved" in warning and f"{p} vs {r}" in warning
    assert judgment(a_tab.session_state["sc"], p, r) == 1 / 3
    with Store(_own_database) as s:
        assert s.list_scorecards()[0].revision == 3
    # the message stays until acknowledged
    assert "Not saved" in banner(home(a_tab), "warning")
    a_tab.button(key="_store_problem_ok").click().run()
    assert "Not saved" not in banner(home(a_tab), "warning")


def test_damaged_database_is_loud_and_never_the_demo_in_disguise(tmp_path, monkeypatch, caplog):
    good = f"sqlite:///{tmp_path / 'good.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", good)
    first = tab()
    p, q = first.session_state["sc"].children(ROOT)[:2]
    slide(first, p, q, -6)
    token = first.query_params["w"]
    bad = tmp_path / "damaged.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{bad}")
    with caplog.at_level(logging.WARNING, logger="scorecard.store"):
        at = tab("id", w=token)
    assert any("cannot open workspace" in r.getMessage() and "not a database" in r.getMessage()
               for r in caplog.records)
    # a change now is not saved anywhere (no new workspace replaces the user's link)
    slide(at, p, q, 2, lang="id")
    assert at.query_params["w"] == token
    assert bad.read_bytes() == b"this is not a database" * 100
    err = banner(home(at), "error")
    assert "tidak dapat dibuka" in err and "BUKAN milik Anda" in err
    assert at.query_params["w"] == token  # the link is kept for a retry
    # the message stays; the database comes back -> the user's scorecard opens
    assert "BUKAN milik Anda" in banner(home(at), "error")
    monkeypatch.setenv("SCORECARD_DB_URL", good)
    home(at)
    assert not at.error
    assert judgment(at.session_state["sc"], p, q) == 7.0


def test_write_failure_keeps_the_screen_and_offers_the_workbook(monkeypatch, caplog):
    at = tab()
    p, q = at.session_state["sc"].children(ROOT)[:2]
    slide(at, p, q, -4)

    def broken(*args, **kwargs):
        raise sa.exc.OperationalError("UPDATE scorecards", {}, Exception("attempt to write a readonly database"))

    with monkeypatch.context() as patched, caplog.at_level(logging.ERROR, logger="scorecard.store"):
        patched.setattr(Store, "apply_change", broken)
        slide(at, p, q, -6)
    assert judgment(at.session_state["sc"], p, q) == 7.0  # the screen keeps the change
    err = banner(home(at), "error")
    assert "NOT saved" in err and "readonly database" in err
    assert any("change not saved" in r.getMessage() and "readonly" in r.getMessage() for r in caplog.records)
    assert any(r.exc_info for r in caplog.records)
    assert len(at.get("download_button")) >= 1
    assert "NOT saved" in banner(home(at), "error")
    # storage back: "Try saving again" stores the screen and the message goes away
    at.button(key="_store_retry").click().run()
    assert not home(at).error
    with Store() as s:
        (info,) = s.list_scorecards()
        assert judgment(s.load_scorecard(info.id), p, q) == 7.0


def test_undo_takes_back_only_this_tabs_change(_own_database):
    a_tab = tab()
    p, q, r = a_tab.session_state["sc"].children(ROOT)[:3]
    qr0 = judgment(a_tab.session_state["sc"], q, r)
    slide(a_tab, p, q, -4)  # A: p 5x q (creates the workspace)
    b_tab = tab(w=a_tab.query_params["w"])
    slide(b_tab, p, r, -2)  # B: p 3x r
    slide(a_tab, q, r, 4)  # A: r 5x q (merged onto B's revision)
    a_tab.button(key="w_undo").click().run()  # A undoes its last change only
    no_exception(a_tab)
    with Store(_own_database) as s:
        stored = s.load_scorecard(s.list_scorecards()[0].id)
    assert judgment(stored, p, r) == 3.0  # B's change stays
    assert judgment(stored, p, q) == 5.0  # A's first change stays
    assert judgment(stored, q, r) == pytest.approx(qr0) != 0.2  # A's last change is gone
    assert stored == a_tab.session_state["sc"]


def test_facilitator_link_does_not_carry_the_workspace_token(_own_database):
    at = tab()
    at.switch_page("pages/workshop.py").run()
    at.multiselect(key="ws_nodes").set_value([ROOT]).run()
    at.text_input(key="ws_fac_name").set_value("Dewi").run()
    at.button(key="ws_create").click().run()
    no_exception(at)
    ft, w = at.query_params["ft"], at.query_params["w"]
    links = [c.value for c in at.code if "ft=" in c.value]
    assert links and all(f"ft={ft}" in link for link in links)
    assert all(w not in link and "w=" not in link.replace("ft=", "") for link in links)
    # the facilitator link alone opens the workshop but not the scorecard's workspace
    fac = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT)
    fac.query_params["ft"] = ft
    fac.run()
    no_exception(fac)
    assert "_workspace_token" not in fac.session_state and "_workspace" not in fac.session_state
    assert "w" not in fac.query_params


def test_read_only_link_sees_everything_and_changes_nothing(_own_database):
    editor = tab()
    p, q = editor.session_state["sc"].children(ROOT)[:2]
    slide(editor, p, q, -6)  # the workspace exists (p 7x q)
    editor.switch_page("pages/audit.py").run()
    no_exception(editor)
    editor.text_input(key="share_label").set_value("Kepala kantor").run()
    editor.button(key="share_create").click().run()
    no_exception(editor)
    (link,) = [c.value for c in editor.code if "w=" in c.value]
    view_token = link.split("w=", 1)[1]
    assert view_token != editor.query_params["w"] and len(view_token) >= 24
    with Store(_own_database) as s:
        sid = s.list_scorecards()[0].id
        roles = {x.label: x.role for x in s.list_links(sid)}
        assert roles == {"": "edit", "Kepala kantor": "view"}
        rev0 = s.list_scorecards()[0].revision
    # the viewer opens every page without an error, sees the scorecard as stored, and the notice
    viewer = tab(w=view_token)
    assert judgment(viewer.session_state["sc"], p, q) == 7.0
    for page in ("pages/overview.py", "pages/data.py", "pages/scores.py", "pages/strategy_map.py",
                 "pages/heatmap.py", "pages/audit.py", "pages/workshop.py"):
        viewer.switch_page(page).run()
        no_exception(viewer)
    assert "Read-only link" in banner(home(viewer), "info")
    # a change through the viewer link is refused and the screen goes back to what is stored
    viewer.switch_page(PAGE).run()
    slide(viewer, p, q, 2)
    assert judgment(viewer.session_state["sc"], p, q) == 7.0
    assert "read-only link" in banner(home(viewer), "warning")
    # it cannot start a workshop either (that writes to the store)
    viewer.switch_page("pages/workshop.py").run()
    viewer.multiselect(key="ws_nodes").set_value([ROOT]).run()
    viewer.text_input(key="ws_fac_name").set_value("X").run()
    viewer.button(key="ws_create").click().run()
    no_exception(viewer)
    assert "ft" not in viewer.query_params
    with Store(_own_database) as s:
        assert s.list_scorecards()[0].revision == rev0
        assert s.changes(sid)[-1].via is not None  # editor changes name their link
        assert {c.via for c in s.changes(sid)} <= {x.link_id for x in s.list_links(sid) if x.role == "edit"} | {None}
        # revoke: the viewer link opens nothing any more
        view_id = next(x.link_id for x in s.list_links(sid) if x.role == "view")
    editor.button(key=f"share_revoke_{view_id}").click().run()
    no_exception(editor)
    with Store(_own_database) as s:
        assert s.open_link(view_token) is None
        assert s.open_link(editor.query_params["w"]) is not None
    gone = tab(w=view_token)
    assert "does not open any scorecard" in banner(home(gone), "warning")


def test_office_login_gate_only_when_configured():
    at = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT)
    at.secrets["auth"] = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "id", "client_secret": "secret",
                          "server_metadata_url": "https://login.example/.well-known/openid-configuration"}
    at.run()
    no_exception(at)
    assert [b.label for b in at.button] == ["Log in"] or [b.label for b in at.button] == ["Masuk"]
    assert "sc" not in at.session_state  # nothing of the scorecard before the login
    plain = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT)
    plain.run()
    no_exception(plain)
    assert "login_button" not in [b.key for b in plain.button] and "sc" in plain.session_state


def test_facilitator_sees_and_lifts_a_join_lockout(_own_database):
    fac = tab()
    fac.switch_page("pages/workshop.py").run()
    fac.multiselect(key="ws_nodes").set_value([ROOT]).run()
    fac.text_input(key="ws_fac_name").set_value("Dewi").run()
    fac.button(key="ws_create").click().run()
    no_exception(fac)
    phone = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT)
    phone.query_params["join"] = ""
    phone.run()
    for _ in range(11):
        phone.text_input(key="ws_join_code").set_value("ZZZZ-ZZZZ")
        phone.text_input(key="ws_join_name").set_value("Mallory")
        next(b for b in phone.button if b.form_id == "ws_join_form").click().run()
        no_exception(phone)
    locked = "\n".join(e.value for e in phone.error)
    assert "Too many wrong codes" in locked and "lift lockout S-" in locked
    ref = locked.split("lift lockout ", 1)[1][:8]
    fac.run()
    no_exception(fac)
    assert ref in texts(fac)
    fac.button(key=f"ws_lift_{ref}").click().run()
    no_exception(fac)
    assert f"Lockout {ref} lifted." in texts(fac)
    assert ref not in [b.key for b in fac.button]


@pytest.mark.parametrize("query", [
    {"w": "A" * 5000}, {"w": "\x00\x01"}, {"w": "' OR 1=1 --"}, {"ft": "x" * 5000}, {"ft": "=cmd|' /C calc'!A0"},
    {"pt": "\x00" * 10}, {"join": "Z" * 5000}, {"join": "=1+1\x00"}, {"w": "ü" * 50, "ft": "", "pt": ""},
])
def test_hostile_url_parameters_give_messages_not_tracebacks(_own_database, query):
    at = AppTest.from_file(APP, default_timeout=APPTEST_TIMEOUT)
    at.query_params.update(query)
    at.run()
    no_exception(at)
    if "w" in query:
        assert "does not open any scorecard" in banner(at, "warning")
        assert "_workspace" not in at.session_state
    if query.get("join") or query.get("pt") or query.get("ft"):
        at.switch_page("pages/workshop.py").run()
        no_exception(at)
    with Store(_own_database) as s:
        s.migrate()  # (a join link alone never opens the store)
        assert s.list_scorecards() == []  # nothing was created by a bad link

"""The issue #16 flow in the app (AppTest): a manager sees which indicators need attention, fills the KPI
manual of one KPI, attaches evidence to a 2010 value, a different user verifies it and locks 2010, and an edit
of 2010 is then refused. Each test has its own database (SCORECARD_DB_URL in tmp_path)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.store import evidence as ev
from scorecard.store import verification as vf
from scorecard.store.storage import Store
from tests.conftest import APPTEST_TIMEOUT, no_exception, texts
from tests.test_evidence import PDF


def _sections() -> None:
    """The new Data page sections, plus a test-only button that edits a 2010 value."""
    import streamlit as st

    from scorecard.ui import state
    from scorecard.ui.evidence_view import evidence_caption, evidence_section
    from scorecard.ui.kpi_manual_view import manual_section
    from scorecard.ui.kpi_quality_view import quality_section

    state.init()
    st.session_state.setdefault("lang", "en")
    sc = state.scorecard()
    quality_section(sc)
    manual_section(sc)
    evidence_section(state.scorecard(), "2010")
    st.caption(evidence_caption(state.scorecard(), "2010"))
    if st.button("test: edit F1b 2010", key="t_edit"):
        new = state.scorecard().copy()
        new.measurement("F1b", "2010").actual = 1.0
        state.commit(new, kind="actual", detail="F1b 2010",
                     audit=[{"kind": "actual", "target": "F1b 2010", "before": 0, "after": 1.0}])
        st.success("edited")
    st.button("test: undo", key="t_undo", on_click=state.undo)


@pytest.fixture
def app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    at = AppTest.from_function(_sections, default_timeout=APPTEST_TIMEOUT)
    at.session_state["lang"] = "en"
    at.session_state["user_name"] = "Ani"
    at.run()
    no_exception(at)
    return at, url


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_quality_summary_and_findings_are_shown(app):
    at, _ = app
    assert "22 of 22 indicators need attention." in [w.value for w in at.warning]
    assert "target equals baseline: 4" in texts(at)  # rule names for people, not codes
    assert "target-equals-baseline" not in texts(at)


def test_manual_verify_lock_flow(app):
    at, url = app
    # 1. Ani fills the manual of F1a (the first KPI), naming Sari as verifier
    at.text_area(key="man_F1a_formula").input("Jumlah penerimaan PKB 1 Jan - 31 Des")
    at.text_input(key="man_F1a_data_source").input("Laporan penerimaan harian (kasir)")
    at.text_input(key="man_F1a_verifier").input("Sari")
    _button(at, "Save manual").click().run()
    no_exception(at)
    assert "Manual of F1a saved (3 fields)." in texts(at)
    assert at.session_state["sc"].manual("F1a").verifier == "Sari"
    assert "21 of 22 indicators need attention." in [w.value for w in at.warning]  # F1a is fine now
    sid = at.session_state["_workspace"][0]
    store = Store(url)
    assert [(c.actor, c.kind, c.target) for c in store.changes(sid) if c.kind == "manual"] == [
        ("Ani", "manual", "F1a formula"), ("Ani", "manual", "F1a data_source"), ("Ani", "manual", "F1a verifier")]

    # 2. Ani attaches evidence to the 2010 value (the uploader's bytes go through the same call)
    ev.add_file(store, sid, "F1a", "2010", "rekap-pkb-2010.pdf", PDF, "Rekap penerimaan PKB 2010", "Ani")
    at.run()
    assert "Evidence: 1 of 22 values of 2010 have evidence" in texts(at)
    assert any(b.label == "Download" for b in at.get("download_button"))

    # 3. Ani may not verify (not the verifier); Budi neither; Sari may
    _button(at, "Mark verified").click().run()
    assert any("Only Sari, the verifier of F1a" in e.value for e in at.error)
    at.session_state["user_name"] = "Sari"
    at.run()
    _button(at, "Mark verified").click().run()
    no_exception(at)
    assert vf.status(at.session_state["sc"], vf.verifications_of(store, sid)[("F1a", "2010")], "F1a",
                     "2010") == "verified"

    # 4. Sari locks 2010; an edit of a 2010 value is then refused and nothing changes
    _button(at, "Lock 2010").click().run()
    no_exception(at)
    assert set(vf.locked_periods(store, sid)) == {"2010"}
    assert any("2010 is locked by Sari" in w.value for w in at.warning)
    before = at.session_state["sc"].measurement("F1b", "2010").actual
    _button(at, "test: edit F1b 2010").click().run()
    assert any("Period 2010 is locked by Sari after verification: it is the record that was reported, so F1b 2010 "
               "cannot change" in e.value for e in at.error)
    assert at.session_state["sc"].measurement("F1b", "2010").actual == before
    assert "edited" not in [s.value for s in at.success]

    # 5. an explicit unlock with a reason lets the edit through
    at.text_input(key="evd_unlock_reason_2010").input("BBNKB dikoreksi")
    _button(at, "Unlock 2010").click().run()
    _button(at, "test: edit F1b 2010").click().run()
    assert "edited" in [s.value for s in at.success]

    # 6. locked again, undoing that edit would change 2010: refused too
    _button(at, "Lock 2010").click().run()
    _button(at, "test: undo").click().run()
    no_exception(at)
    assert any("F1b 2010 cannot change" in t.value for t in at.toast)
    assert at.session_state["sc"].measurement("F1b", "2010").actual == 1.0
    kinds = [c.kind for c in store.changes(sid)]
    assert {"manual", "evidence", "verify", "lock", "unlock", "actual"} <= set(kinds)
    store.dispose()


def test_anonymous_user_cannot_verify(app):
    at, _ = app
    at.session_state["user_name"] = ""
    at.run()
    _button(at, "Mark verified").click().run()
    no_exception(at)
    assert any("Type your name in the sidebar first" in e.value for e in at.error)


def test_heatmap_drilldown_shows_narrative_and_missing_evidence(tmp_path, monkeypatch):
    from scorecard.io.demo import load_demo
    from scorecard.model import Note
    from tests.conftest import ROOT

    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    sc = load_demo()
    sc.notes.append(Note("C3b", "2010", root_cause="Apel pagi", narrative="Renovasi <gedung> sejak Mei 2010"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APPTEST_TIMEOUT)
    at.session_state["lang"] = "en"
    at.session_state["sc"], at.session_state["sc_rev"], at.session_state["sc_undo"] = sc, 0, []
    at.run()
    at.switch_page("pages/heatmap.py").run()
    at.selectbox(key="hm_kpi").set_value("C3b").run()
    at.selectbox(key="hm_period").set_value("2010").run()
    no_exception(at)
    shown = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert "Renovasi &lt;gedung&gt; sejak Mei 2010" in shown  # escaped, never rendered as HTML
    assert "⚠ no evidence · not verified" in shown


def test_presenter_action_list_shows_the_narrative_escaped(tmp_path, monkeypatch):
    from scorecard.io.demo import load_demo
    from scorecard.model import Note
    from tests.conftest import ROOT

    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    sc = load_demo()
    sc.notes.append(Note("L1a", "2010", "Anggaran diklat dipotong", narrative="Diklat <b>dialihkan</b> ke BKD"))
    at = AppTest.from_file(str(ROOT / "pages" / "presenter.py"), default_timeout=APPTEST_TIMEOUT)
    for k, v in {"lang": "id", "presenter": True, "sc": sc, "sc_rev": 0, "sc_undo": [], "presenter_screen": 3}.items():
        at.session_state[k] = v
    at.run()
    no_exception(at)
    shown = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert "Diklat &lt;b&gt;dialihkan&lt;/b&gt; ke BKD" in shown

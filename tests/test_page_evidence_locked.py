"""The Data page while a period is locked (AppTest of the whole app): the attach form, deleting and the
narrative are shown disabled with the reason (who locked which period); when the period is locked in another
tab after the page was drawn, attaching and saving the narrative are refused on screen and nothing is stored;
an explicit unlock with a reason on the page opens them again. Own database per test (tmp_path)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.io.demo import load_demo
from scorecard.model import KpiManual, Note
from scorecard.store import evidence as ev
from scorecard.store import verification as vf
from scorecard.store.storage import Change, Store
from tests.conftest import APPTEST_TIMEOUT, ROOT, no_exception
from tests.test_evidence import PDF

REASON_EN = "Period 2010 is locked by Sari after verification: it is the record that was reported, so the evidence " \
            "and narrative of F1a 2010 cannot change"


@pytest.fixture
def office(tmp_path, monkeypatch):
    """The demo stored with a workspace link: F1a's verifier is Sari, F1a 2010 has a narrative and one PDF,
    and its value is verified by Sari. Yields (store, sid, scorecard, link token)."""
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    sc = load_demo()
    sc.manuals = [KpiManual("F1a", verifier="Sari")]
    sc.notes.append(Note("F1a", "2010", narrative="Samsat keliling"))
    store = Store(url)
    store.migrate()
    saved, token = store.create_with_link(sc, "Ani", changes=[Change("actual", "F1a 2010", None, 1.0)])
    ev.add_file(store, saved.id, "F1a", "2010", "rekap.pdf", PDF, "Rekap PKB 2010", "Ani")
    vf.verify(store, saved.id, sc, "F1a", "2010", "Sari")
    yield store, saved.id, sc, token
    store.dispose()


def data_page(token: str, user: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APPTEST_TIMEOUT)
    at.query_params["w"] = token
    at.session_state["lang"] = "en"
    at.session_state["user_name"] = user
    at.run()
    at.switch_page("pages/data.py").run()
    no_exception(at)
    assert at.session_state["_workspace"][0] is not None  # the stored scorecard, not the demo
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_locked_period_shows_the_attach_form_and_narrative_disabled_until_unlocked(office):
    store, sid, sc, token = office
    vf.lock_period(store, sid, sc, "2010", "Sari")
    at = data_page(token, "Sari")
    assert at.selectbox(key="evd_kpi").value == "F1a"
    assert any(REASON_EN in i.value for i in at.info)
    assert _button(at, "Attach").disabled and _button(at, "Save narrative").disabled
    assert at.text_input(key="evd_url_F1a").disabled and at.text_input(key="evd_desc_F1a").disabled
    assert at.text_area(key="evd_narr_text_F1a_2010").disabled
    assert _button(at, "✕").disabled  # the stored PDF cannot be deleted
    assert any("2010 is locked by Sari" in w.value for w in at.warning)

    # the way back: an explicit unlock with a reason (recorded), then attaching works again
    at.text_input(key="evd_unlock_reason_2010").input("Bukti PKB diganti versi BPKAD")
    _button(at, "Unlock 2010").click().run()
    no_exception(at)
    assert not any(REASON_EN in i.value for i in at.info)
    assert not _button(at, "Attach").disabled and not _button(at, "Save narrative").disabled
    assert not _button(at, "✕").disabled
    at.text_input(key="evd_url_F1a").input("https://ppid.jatimprov.go.id/pkb-2010.pdf")
    at.text_input(key="evd_desc_F1a").input("Rekap BPKAD")
    _button(at, "Attach").click().run()
    no_exception(at)
    assert "Evidence attached to F1a 2010." in [s.value for s in at.success]
    assert [e.description for e in ev.list_evidence(store, sid, "F1a", "2010")] == ["Rekap PKB 2010", "Rekap BPKAD"]
    (unlock,) = [c for c in store.changes(sid) if c.kind == "unlock"]
    assert unlock.actor == "Sari" and unlock.after == {"reason": "Bukti PKB diganti versi BPKAD"}


def test_a_lock_taken_in_another_tab_refuses_attach_and_narrative_on_screen(office):
    store, sid, sc, token = office
    at = data_page(token, "Ani")
    assert not _button(at, "Attach").disabled
    # Ani fills the form; meanwhile Sari locks 2010 elsewhere
    at.text_input(key="evd_url_F1a").input("https://ppid.jatimprov.go.id/pkb-2010.pdf")
    at.text_input(key="evd_desc_F1a").input("Rekap BPKAD")
    vf.lock_period(store, sid, sc, "2010", "Sari")
    _button(at, "Attach").click().run()
    no_exception(at)
    assert "Evidence attached to F1a 2010." not in [s.value for s in at.success]
    assert len(ev.list_evidence(store, sid, "F1a", "2010")) == 1  # only the PDF stored before the lock
    assert any(e.value.startswith("Not saved. " + REASON_EN) for e in at.error)  # never silently dropped
    assert any("pkb-2010.pdf" in c.value and "Rekap BPKAD" in c.value for c in at.code)  # what was typed, to copy
    assert any(REASON_EN in i.value for i in at.info)  # the form now says why it is closed
    at.run()  # said once
    assert not any("Not saved" in e.value for e in at.error)

    # the narrative: typed before the lock was seen, saved after -> refused with the same rule's message
    vf.unlock_period(store, sid, sc, "2010", "Sari", "sebentar")
    at.run()
    at.text_area(key="evd_narr_text_F1a_2010").input("Samsat keliling ke 12 desa")
    vf.lock_period(store, sid, sc, "2010", "Sari")
    _button(at, "Save narrative").click().run()
    assert any("Period 2010 is locked by Sari after verification" in e.value
               and "the narrative of F1a 2010 cannot change" in e.value for e in at.error)
    assert any(c.value == "Samsat keliling ke 12 desa" for c in at.code)
    assert at.session_state["sc"].note("F1a", "2010").narrative == "Samsat keliling"
    assert store.load_scorecard(sid).note("F1a", "2010").narrative == "Samsat keliling"

"""Owners and verification (issue #16): who may verify a value, who may lock and unlock a period, what a lock
refuses, and that the audit log records every step. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from scorecard.io.reference_case import load_reference
from scorecard.model import KpiManual, Measurement
from scorecard.store import verification as vf
from scorecard.store.storage import Change, Store
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]


@pytest.fixture
def setup(db_url):
    """The demo with a manual for F1a (verifier Sari); Ani entered F1a 2010 (audited as the Data page does)."""
    sc = load_reference()
    sc.manuals = [KpiManual("F1a", owner="Seksi Pendapatan", verifier="Sari Wulandari"),
                  KpiManual("C1a", verifier="Ani")]
    with Store(db_url) as store:
        store.migrate()
        sid = store.save_scorecard(sc, "Ani", changes=[Change("actual", "F1a 2010", 51000000000, 51561555515)]).id
        yield store, sid, sc


def code(exc: pytest.ExceptionInfo) -> str:
    return exc.value.msg.code


def test_the_verifier_verifies_and_the_log_records_both_people(setup):
    store, sid, sc = setup
    assert vf.entered_by(store, sid, "F1a", "2010") == "Ani"
    v = vf.verify(store, sid, sc, "F1a", "2010", "  sari   wulandari ")  # case and spacing do not matter
    assert (v.entered_by, v.verified_by) == ("Ani", "sari wulandari")
    assert v.value == {"target": 52295456000.0, "actual": 51561555515.0}
    (entry,) = [c for c in store.changes(sid) if c.kind == "verify"]
    assert entry.actor == "sari wulandari" and entry.target == "F1a 2010"
    assert entry.after["entered_by"] == "Ani" and entry.after["verified_by"] == "sari wulandari"
    assert vf.status(sc, vf.verifications_of(store, sid).get(("F1a", "2010")), "F1a", "2010") == "verified"


def test_the_person_who_entered_the_value_may_not_verify_it(setup):
    store, sid, sc = setup
    store.record_change(sid, "Ani", "actual", "C1a 2010", 800, 812)  # Ani entered C1a 2010 and is its verifier
    with pytest.raises(vf.RightsError) as exc:
        vf.verify(store, sid, sc, "C1a", "2010", "ani")
    assert code(exc) == "rights.own_value"
    assert "someone else" in exc.value.msg.en and "orang lain" in exc.value.msg.id
    vf.verify(store, sid, sc, "C1a", "2009", "Ani")  # a value someone else (or nobody logged) entered is fine


def test_only_the_named_verifier_and_only_named_people(setup):
    store, sid, sc = setup
    with pytest.raises(vf.RightsError) as exc:
        vf.verify(store, sid, sc, "F1a", "2010", "Budi")
    assert code(exc) == "rights.not_verifier" and "Sari Wulandari" in exc.value.msg.en
    for anonymous in ("browser", "", "   "):
        with pytest.raises(vf.RightsError) as exc:
            vf.verify(store, sid, sc, "F1a", "2010", anonymous)
        assert code(exc) == "rights.anonymous"
    with pytest.raises(vf.RightsError) as exc:
        vf.verify(store, sid, sc, "F1b", "2010", "Sari Wulandari")  # F1b has no manual, so no verifier
    assert code(exc) == "rights.no_verifier"
    sc2 = sc.copy()
    sc2.set_measurement(Measurement("F1a", "2011", target=6e10))
    with pytest.raises(vf.RightsError) as exc:
        vf.verify(store, sid, sc2, "F1a", "2011", "Sari Wulandari")  # a target without an actual
    assert code(exc) == "rights.no_value"
    assert not [c for c in store.changes(sid) if c.kind == "verify"]


def test_a_changed_value_is_no_longer_verified(setup):
    store, sid, sc = setup
    vf.verify(store, sid, sc, "F1a", "2010", "Sari Wulandari")
    edited = sc.copy()
    edited.measurement("F1a", "2010").actual = 51000000000.0
    ver = vf.verifications_of(store, sid)[("F1a", "2010")]
    assert vf.status(edited, ver, "F1a", "2010") == "changed"
    assert vf.status(edited, None, "F1a", "2009") == "unverified"


def test_lock_needs_a_verifier_and_a_verified_value(setup):
    store, sid, sc = setup
    with pytest.raises(vf.RightsError) as exc:
        vf.lock_period(store, sid, sc, "2010", "Sari Wulandari")
    assert code(exc) == "rights.nothing_verified"
    vf.verify(store, sid, sc, "F1a", "2010", "Sari Wulandari")
    with pytest.raises(vf.RightsError) as exc:
        vf.lock_period(store, sid, sc, "2010", "Budi")  # not a verifier of any KPI
    assert code(exc) == "rights.not_a_verifier"
    lock = vf.lock_period(store, sid, sc, "2010", "Sari Wulandari")
    assert lock.locked_by == "Sari Wulandari" and set(vf.locked_periods(store, sid)) == {"2010"}
    with pytest.raises(vf.RightsError) as exc:
        vf.lock_period(store, sid, sc, "2010", "Sari Wulandari")
    assert code(exc) == "rights.already_locked"
    (entry,) = [c for c in store.changes(sid) if c.kind == "lock"]
    assert entry.after["verified"] == 1 and entry.after["values"] == 22 and "F1b" in entry.after["unverified"]


def test_locked_period_refuses_edits_until_an_explicit_recorded_unlock(setup):
    store, sid, sc = setup
    vf.verify(store, sid, sc, "F1a", "2010", "Sari Wulandari")
    vf.lock_period(store, sid, sc, "2010", "Sari Wulandari")
    locked = vf.locked_periods(store, sid)
    edited = sc.copy()
    edited.measurement("F1b", "2010").actual = 1.0
    edited.measurement("F1a", "2009").actual = 2.0  # 2009 is not locked
    edited.set_measurement(Measurement("C1a", "2011", 10, 9))
    assert vf.locked_edits(sc, edited, locked) == [("F1b", "2010")]
    refusal = vf.guard(sc, edited, locked)
    assert refusal is not None and "F1b 2010" in refusal.en and "2010" in refusal.id
    removed = sc.copy()
    removed.measurements = [m for m in removed.measurements if (m.kpi, m.period) != ("C1a", "2010")]
    assert vf.locked_edits(sc, removed, locked) == [("C1a", "2010")]
    with pytest.raises(vf.RightsError) as exc:
        vf.unlock_period(store, sid, sc, "2010", "Sari Wulandari", "  ")
    assert code(exc) == "rights.no_reason"
    with pytest.raises(vf.RightsError) as exc:
        vf.unlock_period(store, sid, sc, "2010", "browser", "salah ketik")
    assert code(exc) == "rights.anonymous"
    vf.unlock_period(store, sid, sc, "2010", "Sari Wulandari", "Realisasi BBNKB dikoreksi BPKAD")
    assert vf.locked_periods(store, sid) == {}
    assert vf.guard(sc, edited, vf.locked_periods(store, sid)) is None
    (entry,) = [c for c in store.changes(sid) if c.kind == "unlock"]
    assert entry.actor == "Sari Wulandari" and entry.after == {"reason": "Realisasi BBNKB dikoreksi BPKAD"}
    assert entry.before["locked_by"] == "Sari Wulandari"
    with pytest.raises(vf.RightsError) as exc:
        vf.unlock_period(store, sid, sc, "2010", "Sari Wulandari", "lagi")
    assert code(exc) == "rights.not_locked"

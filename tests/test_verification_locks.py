"""A locked period is the record that was reported (issue #16): besides its values, its evidence (adding,
deleting) and its notes (narrative, follow-up) are refused by the one lock rule until an explicit, recorded
unlock; other periods stay open. The refusal names the period and who locked it, in both languages.
SQLite and PostgreSQL (tests/pg.py)."""

from __future__ import annotations

import pytest

from scorecard.io.reference_case import load_reference
from scorecard.model import KpiManual, Note
from scorecard.store import evidence as ev
from scorecard.store import verification as vf
from scorecard.store.storage import Change, Store
from tests.pg import db_url, pg_server_url
from tests.test_evidence import PDF

__all__ = ["db_url", "pg_server_url"]

LOCKED_EN = "Period 2010 is locked by Sari Wulandari after verification: it is the record that was reported"
LOCKED_ID = "Periode 2010 dikunci oleh Sari Wulandari setelah verifikasi: itulah catatan yang sudah dilaporkan"


@pytest.fixture
def locked(db_url):
    """The reference scorecard with one piece of evidence on F1a 2010 (added before the lock); F1a 2010
    verified by Sari and 2010 locked by her. Yields (store, sid, sc, the evidence)."""
    sc = load_reference()
    sc.manuals = [KpiManual("F1a", verifier="Sari Wulandari")]
    sc.notes.append(Note("F1a", "2010", root_cause="Tunggakan PKB", action="Razia gabungan", narrative="Samsat keliling"))
    with Store(db_url) as store:
        store.migrate()
        sid = store.save_scorecard(sc, "Ani", changes=[Change("actual", "F1a 2010", 51000000000, 51561555515)]).id
        first = ev.add_file(store, sid, "F1a", "2010", "rekap.pdf", PDF, "Rekap penerimaan PKB 2010", "Ani")
        vf.verify(store, sid, sc, "F1a", "2010", "Sari Wulandari")
        vf.lock_period(store, sid, sc, "2010", "Sari Wulandari")
        yield store, sid, sc, first


def _evidence_entries(store: Store, sid: int) -> int:
    return sum(1 for c in store.changes(sid) if c.kind == "evidence")


def test_evidence_of_a_locked_period_cannot_be_added_or_deleted(locked):
    store, sid, _, first = locked
    logged = _evidence_entries(store, sid)
    with pytest.raises(vf.RightsError) as exc:
        ev.add_file(store, sid, "F1a", "2010", "koreksi.pdf", PDF, "Rekap yang dikoreksi", "Ani")
    assert exc.value.msg.code == "rights.locked"
    assert LOCKED_EN in exc.value.msg.en and "so the evidence of F1a 2010 cannot change" in exc.value.msg.en
    assert LOCKED_ID in exc.value.msg.id and "jadi bukti dukung F1a 2010 tidak bisa diubah" in exc.value.msg.id
    assert "unlock it first" in exc.value.msg.en and "membuka kuncinya" in exc.value.msg.id
    with pytest.raises(vf.RightsError) as exc:
        ev.add_link(store, sid, "C1a", "2010", "https://ppid.jatimprov.go.id/ikm-2010.pdf", "Laporan IKM 2010", "Ani")
    assert "the evidence of C1a 2010" in exc.value.msg.en
    with pytest.raises(vf.RightsError) as exc:
        ev.delete_evidence(store, sid, first.id, "Sari Wulandari")  # not even the verifier who locked it
    assert "the evidence of F1a 2010 (deleting it)" in exc.value.msg.en and "(menghapusnya)" in exc.value.msg.id
    assert [e.id for e in ev.list_evidence(store, sid)] == [first.id]  # nothing added, nothing deleted
    assert _evidence_entries(store, sid) == logged  # refused attempts write nothing
    # another period is not locked
    other = ev.add_link(store, sid, "F1a", "2009", "https://example.go.id/2009.pdf", "Rekap 2009", "Ani")
    assert ev.delete_evidence(store, sid, other.id, "Ani")


def test_evidence_works_again_after_an_explicit_unlock(locked):
    store, sid, sc, first = locked
    vf.unlock_period(store, sid, sc, "2010", "Sari Wulandari", "Rekap PKB 2010 diganti versi BPKAD")
    added = ev.add_file(store, sid, "F1a", "2010", "koreksi.pdf", PDF, "Rekap yang dikoreksi", "Ani")
    assert ev.delete_evidence(store, sid, first.id, "Ani")
    assert [e.id for e in ev.list_evidence(store, sid, "F1a", "2010")] == [added.id]
    (unlock,) = [c for c in store.changes(sid) if c.kind == "unlock"]
    assert unlock.after == {"reason": "Rekap PKB 2010 diganti versi BPKAD"}


def test_narrative_and_follow_up_of_a_locked_period_cannot_change(locked):
    store, sid, sc, _ = locked
    story = sc.copy()
    story.note("F1a", "2010").narrative = "Samsat keliling ke 12 desa"
    with pytest.raises(vf.RightsError) as exc:
        vf.check_change(store, sid, sc, story)
    assert LOCKED_EN in exc.value.msg.en and "so the narrative of F1a 2010 cannot change" in exc.value.msg.en
    assert LOCKED_ID in exc.value.msg.id and "jadi narasi F1a 2010 tidak bisa diubah" in exc.value.msg.id
    follow = sc.copy()
    follow.note("F1a", "2010").owner = "Kasi Pendapatan"
    with pytest.raises(vf.RightsError) as exc:
        vf.check_change(store, sid, sc, follow)
    assert "the notes of F1a 2010" in exc.value.msg.en and "catatan tindak lanjut F1a 2010" in exc.value.msg.id
    new_note = sc.copy()
    new_note.notes.append(Note("C1a", "2010", narrative="Antrean pindah ke gedung baru"))
    assert vf.locked_note_edits(sc, new_note, vf.locked_periods(store, sid)) == [("C1a", "2010", "narrative")]
    removed = sc.copy()
    removed.notes = []
    assert vf.locked_note_edits(sc, removed, vf.locked_periods(store, sid)) == [("F1a", "2010", "notes")]
    # an empty note is no note; other periods are open
    same = sc.copy()
    same.notes.append(Note("C1a", "2010"))
    open_period = sc.copy()
    open_period.notes.append(Note("F1a", "2009", narrative="Tahun pertama e-Samsat"))
    vf.check_change(store, sid, sc, same)
    vf.check_change(store, sid, sc, open_period)
    # values and notes in one change: one message names both
    both = story.copy()
    both.measurement("F1b", "2010").actual = 1.0
    msg = vf.guard(sc, both, vf.locked_periods(store, sid))
    assert msg is not None and "so F1b 2010, the narrative of F1a 2010 cannot change" in msg.en
    vf.unlock_period(store, sid, sc, "2010", "Sari Wulandari", "Narasi dilengkapi")
    vf.check_change(store, sid, sc, story)
    vf.check_change(store, sid, sc, follow)


def test_the_message_without_a_known_locker_still_names_the_period():
    sc = load_reference()
    sc.notes.append(Note("F1a", "2010", narrative="a"))
    after = sc.copy()
    after.note("F1a", "2010").narrative = "b"
    refusal = vf.guard(sc, after, {"2010"})
    assert refusal is not None
    assert refusal.en.startswith("Period 2010 is locked after verification: it is the record that was reported")
    assert refusal.id.startswith("Periode 2010 dikunci setelah verifikasi")


def test_a_locked_periods_own_anchors_cannot_change_but_the_method_can():
    """Anchors typed for 2010 are part of its record (they set its levels); anchors for every period
    are the method and recompute every period, locked ones included (review of issue #16)."""
    from scorecard.model import Anchor

    sc = load_reference()
    own = sc.copy()
    own.anchors.append(Anchor("F1a", 3, 40_000_000_000.0, period="2010"))
    refusal = vf.guard(sc, own, {"2010"})
    assert refusal is not None and "the OMAX anchors of F1a 2010" in refusal.en and "anchor OMAX F1a 2010" in refusal.id
    assert vf.locked_anchor_edits(sc, own, {"2009"}) == []  # another period's lock does not hold it
    method = sc.copy()
    method.anchors.append(Anchor("F1a", 3, 40_000_000_000.0))  # every period
    assert vf.guard(sc, method, {"2010"}) is None
    moved = own.copy()
    moved.anchors[-1].value = 41_000_000_000.0
    assert vf.locked_anchor_edits(own, moved, {"2010"}) == [("F1a", "2010")]

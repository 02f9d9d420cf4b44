"""Edits from two places never silently overwrite each other (issue #14, point 3).

The two scenarios of the issue, at the storage level with two "sessions" (each keeps the
scorecard it loaded and its revision, like a browser tab): a change is applied to the latest
revision, or refused with :class:`EditClashError` naming what clashed. Plus the three-way merge
itself: hand-built cases and hypothesis properties. SQLite and PostgreSQL (tests/pg.py).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.model import ROOT, Scorecard
from scorecard.store import storage
from scorecard.store import workshop as ws
from scorecard.store.merge import atoms, merge
from scorecard.store.serialize import from_dict, to_dict
from scorecard.store.storage import Change, EditClashError, Store
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        s.migrate()
        yield s


@dataclass
class Session:
    """A browser tab: the scorecard on screen, the stored revision it is based on and that
    revision's scorecard (the merge base)."""

    store: Store
    sid: int
    revision: int
    base: Scorecard
    screen: Scorecard

    @classmethod
    def open(cls, store: Store, sid: int) -> Session:
        rec = store.load_record(sid)
        return cls(store, sid, rec.revision, rec.scorecard.copy(), rec.scorecard.copy())

    def slider(self, node: str, a: str, b: str, value: float, who: str) -> storage.Applied:
        new = self.screen.copy()
        before = new.judgments.get(node, {}).get((a, b))
        new.set_judgment(node, a, b, value)
        applied = self.store.apply_change(self.sid, self.base, new, who, base_revision=self.revision,
                                          changes=[Change("judgment", storage.pair_target(node, a, b), before, value)])
        self.revision, self.base, self.screen = applied.revision, applied.scorecard.copy(), applied.scorecard.copy()
        return applied


def judgment(sc: Scorecard, node: str, a: str, b: str) -> float:
    pairs = sc.judgments[node]
    return pairs[(a, b)] if (a, b) in pairs else 1 / pairs[(b, a)]


def test_two_tabs_keep_both_sliders(store: Store, demo) -> None:
    """Issue: tab A moves a slider (screen shows 10, no: 7), tab B then moves another; A's change
    used to vanish from storage. Now both are stored and the audit log matches what is stored."""
    sid = store.save_scorecard(demo, "setup").id
    tab_a, tab_b = Session.open(store, sid), Session.open(store, sid)
    p, q, r = demo.children(ROOT)[:3]
    a = tab_a.slider(ROOT, p, q, 7.0, "A")
    assert a.revision == 2 and a.merged_from == ()
    b = tab_b.slider(ROOT, p, r, 3.0, "B")  # based on revision 1
    assert b.revision == 3
    assert b.merged_from == (f"judgment {ROOT}: {p} vs {q}",)  # B's screen now also shows A's change
    stored = store.load_record(sid)
    assert stored.revision == 3
    assert judgment(stored.scorecard, ROOT, p, q) == 7.0
    assert judgment(stored.scorecard, ROOT, p, r) == 3.0
    assert stored.scorecard == tab_b.screen
    # everything else is the demo, untouched
    rest = {k: v for k, v in atoms(to_dict(stored.scorecard)).items() if k[:2] != ("judgments", ROOT)}
    assert rest == {k: v for k, v in atoms(to_dict(demo)).items() if k[:2] != ("judgments", ROOT)}
    log = [(c.actor, c.target, c.after) for c in store.changes(sid)]
    assert log == [("A", storage.pair_target(ROOT, p, q), 7.0), ("B", storage.pair_target(ROOT, p, r), 3.0)]
    # and A, based on revision 2, moves a third slider: still nothing lost
    tab_a.slider(ROOT, q, r, 0.5, "A")
    final = store.load_scorecard(sid)
    assert [judgment(final, ROOT, *pair) for pair in ((p, q), (p, r), (q, r))] == [7.0, 3.0, 0.5]


def test_same_slider_in_two_tabs_is_refused_with_what_changed(store: Store, demo) -> None:
    sid = store.save_scorecard(demo, "setup").id
    tab_a, tab_b = Session.open(store, sid), Session.open(store, sid)
    p, q = demo.children(ROOT)[:2]
    tab_a.slider(ROOT, p, q, 7.0, "Ani")
    with pytest.raises(EditClashError) as e:
        tab_b.slider(ROOT, p, q, 0.2, "Budi")
    err = e.value
    assert err.current == 2 and err.expected == 1
    assert judgment(err.latest.scorecard, ROOT, p, q) == 7.0
    assert [(c.mine, c.theirs) for c in err.clashes] == [(0.2, 7.0)]
    assert f"judgment {ROOT}: {p} vs {q}: stored 7.0, yours 0.2" in err.msg.en
    assert "Ani" in err.msg.en and "tersimpan 7.0, milik Anda 0.2" in err.msg.id
    assert store.load_record(sid).revision == 2  # nothing written
    assert [c.actor for c in store.changes(sid)] == ["Ani"]
    # the same value in both tabs is no clash (nothing new to save)
    tab_c = Session(store, sid, 1, demo.copy(), demo.copy())
    assert tab_c.slider(ROOT, p, q, 7.0, "Citra").revision == 2


def _six_judgment_workshop(store: Store, sid: int, sc: Scorecard) -> tuple[str, list[tuple[str, str, str]]]:
    kids = sc.children(ROOT)
    assert len(kids) == 4  # 6 pairs at the root
    _wid, code, ft = ws.create_workshop(store, sid, [ROOT], "Fasilitator")
    pairs = [(ROOT, kids[i], kids[j]) for i in range(4) for j in range(i + 1, 4)]
    for who, val in (("P1", 5.0), ("P2", 5.0)):
        pt = ws.join(store, code, who, client_key=who)
        for node, a, b in pairs:
            ws.submit(store, pt, node, a, b, val)
    return ft, pairs


def test_workshop_adoption_survives_an_old_tab(store: Store, demo) -> None:
    """Issue: after a facilitator adopts 6 judgments, a tab opened before moves one unrelated
    slider and all 6 adopted judgments used to return to their old values."""
    sid = store.save_scorecard(demo, "setup").id
    old_tab = Session.open(store, sid)
    ft, pairs = _six_judgment_workshop(store, sid, demo)
    res = ws.adopt(store, ft, "Fasilitator")
    assert len(res.changes) == 6
    # an unrelated slider: a node other than the root
    node = next(n for n in demo.judgments if n != ROOT and len(demo.children(n)) >= 2)
    x, y = demo.children(node)[:2]
    applied = old_tab.slider(node, x, y, 4.0, "old tab")
    assert applied.revision == res.revision + 1
    stored = store.load_scorecard(sid)
    for n, a, b in pairs:
        assert judgment(stored, n, a, b) == pytest.approx(5.0)  # the adoption stays
    assert judgment(stored, node, x, y) == 4.0
    assert stored == old_tab.screen
    # and the old tab moving one of the adopted sliders is refused, not silently reverted
    stale = Session(store, sid, 1, demo.copy(), demo.copy())
    with pytest.raises(EditClashError):
        stale.slider(*pairs[0], 2.0, "stale tab")
    assert judgment(store.load_scorecard(sid), *pairs[0]) == pytest.approx(5.0)


def test_edit_while_adopting_is_kept(store: Store, demo) -> None:
    """A tab saves between the workshop's start and the adoption: the adoption starts from the
    latest revision, so the tab's change and the 6 adopted judgments are all stored."""
    sid = store.save_scorecard(demo, "setup").id
    tab = Session.open(store, sid)
    ft, pairs = _six_judgment_workshop(store, sid, demo)
    node = next(n for n in demo.judgments if n != ROOT and len(demo.children(n)) >= 2)
    x, y = demo.children(node)[:2]
    tab.slider(node, x, y, 6.0, "tab")
    ws.adopt(store, ft, "Fasilitator")
    stored = store.load_scorecard(sid)
    assert judgment(stored, node, x, y) == 6.0
    assert all(judgment(stored, *p) == pytest.approx(5.0) for p in pairs)


# ---- the merge itself -----------------------------------------------------------------------------


def test_merge_lists_by_identity(demo) -> None:
    base = to_dict(demo)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["measurements"][0]["target"] = 123.0            # this session: a target
    theirs["measurements"][0]["actual"] = 99.0           # elsewhere: the actual of the same row
    theirs["kpis"].append({**theirs["kpis"][0], "code": "NEW"})  # elsewhere: a new KPI
    del mine["links"][0]                                 # this session: removes a link
    res = merge(base, mine, theirs)
    assert res.ok
    out = from_dict(res.payload)
    m0 = out.measurements[0]
    assert (m0.target, m0.actual) == (123.0, 99.0)
    assert out.kpis[-1].code == "NEW" and len(out.kpis) == len(demo.kpis) + 1
    assert len(out.links) == len(demo.links) - 1
    # a row deleted elsewhere while edited here is a clash
    gone = copy.deepcopy(base)
    del gone["measurements"][0]
    res = merge(base, mine, gone)
    assert not res.ok and res.clashes[0].theirs is None and res.clashes[0].mine == 123.0


judgment_values = st.sampled_from([1 / 9, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 9.0])


def _edited(demo: Scorecard, edits: dict[int, float]) -> dict:
    sc = demo.copy()
    kids = demo.children(ROOT)
    pairs = [(kids[i], kids[j]) for i in range(len(kids)) for j in range(i + 1, len(kids))]
    for k, v in edits.items():
        a, b = pairs[k % len(pairs)]
        sc.set_judgment(ROOT, a, b, v)
    return to_dict(sc)


edits = st.dictionaries(st.integers(0, 5), judgment_values, max_size=4)


@settings(max_examples=60, deadline=None)
@given(mine_edits=edits, theirs_edits=edits)
def test_merge_properties(demo, mine_edits, theirs_edits) -> None:
    base = to_dict(demo)
    mine, theirs = _edited(demo, mine_edits), _edited(demo, theirs_edits)
    # nothing changed elsewhere: mine as is; nothing changed here: theirs as is
    assert from_dict(merge(base, mine, base).payload) == from_dict(mine)
    assert from_dict(merge(base, base, theirs).payload) == from_dict(theirs)
    res = merge(base, mine, theirs)
    overlap = set(mine_edits) & set(theirs_edits)
    if res.ok:
        out = atoms(res.payload)
        b, m, t = atoms(base), atoms(mine), atoms(theirs)
        for p in set(b) | set(m) | set(t):  # every change of either side is in the result
            if m.get(p) != b.get(p):
                assert out.get(p) == m.get(p)
            elif t.get(p) != b.get(p):
                assert out.get(p) == t.get(p)
    else:
        assert overlap  # a clash only where both sides edited the same pair
        for c in res.clashes:
            assert c.mine != c.theirs
    if not overlap:
        assert res.ok

"""Storing cascade trees: round trip, access between units, view links, audit log (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from scorecard.io.cascade_demo import demo_tree
from scorecard.model import CascadeLink, Unit
from scorecard.store.storage import ConflictError, Store
from scorecard.store.tree_store import AccessDenied, TreeStore, tree_from_dict, tree_to_dict
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]


@pytest.fixture
def trees(db_url: str):
    with Store(db_url) as s:
        s.migrate()
        yield TreeStore(s)


def test_tree_document_round_trip_is_exact():
    tree = demo_tree()
    data = tree_to_dict(tree)
    assert tree_from_dict(json.loads(json.dumps(data, allow_nan=False))) == tree


def test_create_load_and_save_by_the_office(trees: TreeStore):
    tree_id, office = trees.create_tree(demo_tree(), "kepala dinas")
    loaded = trees.load(office)
    assert loaded.tree == demo_tree() and loaded.revision == 1
    assert loaded.grant.unit == "DINAS" and loaded.grant.role == "edit"
    t = loaded.tree
    t.unit("CAPIL").scorecard.measurements[-1].actual = 12.0  # any unit
    t.unit("DINAS").scorecard.kpis[0].name_id = "Dokumen diterbitkan"
    assert trees.save(office, t, "kepala dinas", expected_revision=1) == 2
    assert trees.load(office).tree.unit("CAPIL").scorecard.measurements[-1].actual == 12.0
    log = trees.changes(office)
    assert [(c.unit, c.kind) for c in log] == [("DINAS", "upload"), ("DINAS", "edit"), ("CAPIL", "edit")]
    assert log[2].before["hash"] != log[2].after["hash"] and log[2].after["kpis"] == 3
    assert "unit" in log[2].target


def test_a_unit_editor_changes_only_their_unit(trees: TreeStore):
    _, office = trees.create_tree(demo_tree(), "kepala dinas")
    capil = trees.share(office, "CAPIL", "edit", "Kabid Capil", "kepala dinas")
    loaded = trees.load(capil)
    assert loaded.grant.unit == "CAPIL"
    # own unit: scorecard, SKP rows, links upward
    t = loaded.tree
    t.unit("CAPIL").scorecard.measurements[-1].actual = 11.0
    next(r for r in t.skp if r.unit == "CAPIL").actual = 4500.0
    assert trees.save(capil, t, "kabid capil", expected_revision=1) == 2
    # another unit: refused, nothing written
    t = trees.load(capil).tree
    t.unit("DAFDUK").scorecard.measurements[0].actual = 1.0
    with pytest.raises(AccessDenied) as exc:
        trees.save(capil, t, "kabid capil", expected_revision=2)
    assert "DAFDUK" in exc.value.msg.en and "DAFDUK" in exc.value.msg.id
    assert trees.load(office).tree.unit("DAFDUK").scorecard.measurements[0].actual == 36000.0
    assert trees.load(office).revision == 2
    # the office above: refused too
    t = trees.load(capil).tree
    t.unit("DINAS").scorecard.measurements[0].target = 1.0
    with pytest.raises(AccessDenied):
        trees.save(capil, t, "kabid capil", expected_revision=2)
    # moving itself under another parent: refused (the parent is outside its scope)
    t = trees.load(capil).tree
    t.unit("CAPIL").parent = "DAFDUK"
    with pytest.raises(AccessDenied):
        trees.save(capil, t, "kabid capil", expected_revision=2)
    # a new sub-unit under its own unit: allowed
    t = trees.load(capil).tree
    t.units.append(Unit("SEKSI-KL", "Seksi Kelahiran", t.unit("CAPIL").scorecard.copy(), "CAPIL"))
    t.links.append(CascadeLink("SEKSI-KL", "c1", "c1", "alignment"))
    assert trees.save(capil, t, "kabid capil", expected_revision=2) == 3
    units = [c.unit for c in trees.changes(capil)]
    assert set(units) <= {"CAPIL", "SEKSI-KL"} and "SEKSI-KL" in units
    assert trees.changes(capil, trees.load(capil).tree.subtree("CAPIL")) == trees.changes(capil)
    assert {c.unit for c in trees.changes(office)} >= {"DINAS", "CAPIL", "SEKSI-KL"}


def test_unit_editor_cannot_hand_out_rights_outside_their_unit(trees: TreeStore):
    _, office = trees.create_tree(demo_tree(), "kepala dinas")
    capil = trees.share(office, "CAPIL", "edit", "Kabid Capil", "kepala dinas")
    with pytest.raises(AccessDenied):
        trees.share(capil, "DAFDUK", "view", "x", "kabid capil")
    with pytest.raises(AccessDenied):
        trees.share(capil, "DINAS", "edit", "x", "kabid capil")
    assert trees.grant(trees.share(capil, "CAPIL", "view", "staf", "kabid capil")).role == "view"


def test_view_links_read_only(trees: TreeStore):
    _, office = trees.create_tree(demo_tree(), "kepala dinas")
    unit_view = trees.share(office, "CAPIL", "view", "publik", "kepala dinas")
    tree_view = trees.share(office, "DINAS", "view", "inspektorat", "kepala dinas")
    sub = trees.load(unit_view).tree
    assert [u.code for u in sub.units] == ["CAPIL"] and sub.root().code == "CAPIL"
    assert {r.unit for r in sub.skp} == {"CAPIL"} and sub.links == []
    assert [u.code for u in trees.load(tree_view).tree.units] == ["DINAS", "DAFDUK", "CAPIL"]
    with pytest.raises(AccessDenied):
        trees.save(tree_view, trees.load(tree_view).tree, "x", expected_revision=1)
    with pytest.raises(AccessDenied):
        trees.share(unit_view, "CAPIL", "edit", "x", "x")


def test_bad_tokens_and_stale_revisions(trees: TreeStore):
    _, office = trees.create_tree(demo_tree(), "kepala dinas")
    for bad in (None, 42, "short", "x" * 500, "a-well-formed-but-unknown-token"):
        assert trees.grant(bad) is None
        with pytest.raises(AccessDenied):
            trees.load(bad)
    t = trees.load(office).tree
    trees.save(office, t, "a", expected_revision=1)  # no change: a new revision, no audit entry
    with pytest.raises(ConflictError):
        trees.save(office, t, "b", expected_revision=1)
    assert len(trees.changes(office)) == 1


def test_a_unit_editor_cannot_pull_another_unit_under_theirs(trees: TreeStore):
    _, office = trees.create_tree(demo_tree(), "kepala dinas")
    capil = trees.share(office, "CAPIL", "edit", "Kabid Capil", "kepala dinas")
    t = trees.load(capil).tree
    t.unit("DAFDUK").parent = "CAPIL"  # DAFDUK would then be "below" CAPIL
    with pytest.raises(AccessDenied):
        trees.save(capil, t, "kabid capil", expected_revision=1)
    t = trees.load(capil).tree
    t.units = [u for u in t.units if u.code != "CAPIL"]  # nor delete itself
    t.links = [x for x in t.links if x.unit != "CAPIL"]
    t.skp = [r for r in t.skp if r.unit != "CAPIL"]
    with pytest.raises(AccessDenied):
        trees.save(capil, t, "kabid capil", expected_revision=1)
    assert trees.load(office).revision == 1


def test_a_tree_that_breaks_the_rules_is_not_stored(trees: TreeStore):
    from scorecard.store.storage import StorageError

    _, office = trees.create_tree(demo_tree(), "kepala dinas")
    t = trees.load(office).tree
    t.links.append(CascadeLink("CAPIL", "c1", "K99", "sum"))
    with pytest.raises(StorageError) as exc:
        trees.save(office, t, "kepala dinas", expected_revision=1)
    assert exc.value.msg.code == "cascade.link_target" and "K99" in exc.value.msg.id
    assert trees.load(office).revision == 1
    with pytest.raises(StorageError):
        trees.create_tree(t, "kepala dinas")

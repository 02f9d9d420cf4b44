"""Share links with rights at the storage level: hashed unguessable tokens, edit vs view,
revocation, and the audit log naming the link of every change (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from scorecard.model import ROOT
from scorecard.store import storage
from scorecard.store.storage import Change, LinkRefused, Store
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        s.migrate()
        yield s


def _change(store: Store, sid: int, value: float, token: str | None, who: str = "x") -> storage.Applied:
    rec = store.load_record(sid)
    new = rec.scorecard.copy()
    a, b = new.children(ROOT)[:2]
    new.set_judgment(ROOT, a, b, value)
    return store.apply_change(sid, rec.scorecard, new, who, base_revision=rec.revision,
                              changes=[Change("judgment", storage.pair_target(ROOT, a, b), None, value)],
                              via_token=token)


def test_links_are_hashed_unguessable_and_carry_rights(store: Store, demo) -> None:
    saved, editor = store.create_with_link(demo, "ana", changes=[Change("upload", "demo.xlsx")])
    viewer = store.create_workspace(saved.id, role="view", label="Kepala  kantor", created_by="ana")
    assert len(editor) >= 24 and len(viewer) >= 24 and editor != viewer  # 144 random bits each
    with store.read() as conn:
        stored = [r.token_hash for r in conn.execute(sa.select(storage.workspaces)).all()]
    assert editor not in stored and viewer not in stored and all(len(h) == 64 for h in stored)
    assert store.open_link(editor).role == "edit"
    v = store.open_link(viewer)
    assert (v.role, v.label, v.created_by, v.scorecard_id) == ("view", "Kepala kantor", "ana", saved.id)
    for bad in (None, 42, "", "short", editor[:-1] + ("A" if editor[-1] != "A" else "B"), "x" * 500):
        assert store.open_link(bad) is None
    with pytest.raises(ValueError):
        store.create_workspace(saved.id, role="admin")


def test_view_link_and_revoked_link_change_nothing(store: Store, demo) -> None:
    saved, editor = store.create_with_link(demo, "ana")
    viewer = store.create_workspace(saved.id, role="view")
    with pytest.raises(LinkRefused) as e:
        _change(store, saved.id, 7.0, viewer)
    assert e.value.reason == "view" and "read-only" in e.value.msg.en and "hanya-baca" in e.value.msg.id
    assert store.load_record(saved.id).revision == 1
    # an editor link of another scorecard does not edit this one
    other, other_editor = store.create_with_link(demo, "budi")
    with pytest.raises(LinkRefused):
        _change(store, saved.id, 7.0, other_editor)
    # the editor link works, and the audit row names it
    _change(store, saved.id, 7.0, editor, "ana")
    link_id = store.open_link(editor).link_id
    assert [c.via for c in store.changes(saved.id)] == [link_id]
    assert store.export_audit_csv(saved.id).splitlines()[1].endswith("," + link_id)
    # revoking: only by this scorecard's id, only an active link
    assert not store.revoke_link(other.id, link_id)
    assert store.revoke_link(saved.id, link_id)
    assert not store.revoke_link(saved.id, link_id)
    assert not store.revoke_link(saved.id, "'; drop--")
    assert store.open_link(editor) is None and store.workspace_scorecard(editor) is None
    with pytest.raises(LinkRefused) as e:
        _change(store, saved.id, 3.0, editor)
    assert e.value.reason == "revoked"
    infos = store.list_links(saved.id)
    assert [(i.role, i.active) for i in infos] == [("edit", False), ("view", True)]
    assert store.load_record(saved.id).revision == 2

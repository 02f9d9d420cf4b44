"""Storing cascade trees, with access per unit and an audit log (tables ``trees``, ``tree_access``,
``tree_audit`` of :mod:`scorecard.store.storage`, migration 4).

* A tree is one JSON document (:func:`tree_to_dict`) with a ``revision`` (optimistic concurrency
  as for scorecards: a save names the revision it was based on, else :class:`ConflictError`).
* Access is by unguessable tokens, as the browser workspaces (only their SHA-256 is stored). A token
  is a :class:`Grant`: a ``unit`` (its scope: that unit and every unit below) and a ``role``:
  ``edit`` or ``view``. :meth:`TreeStore.create_tree` returns the office's edit token.
* Editors of a unit read the whole tree and change only their scope: a save is compared unit by
  unit with the stored tree (the unit's record, its scorecard, its cascade links, its SKP rows) and
  refused with :class:`AccessDenied` (nothing written) when a changed unit lies outside the scope,
  or when a unit inside it moves or appears under a parent outside it. Office editors change all.
* A tree that breaks the tree rules (:func:`scorecard.io.tree_rules.validate_tree`) is never stored
  (:class:`StorageError` with the first problem), so every stored tree rolls up.
* View tokens read only: for a unit, the subtree under it (that unit becomes the top; its links
  upward are left out); for the office, the whole tree. Viewers and editors can hand out view
  tokens for units in their scope; editors also edit tokens within their scope.
* Every save writes one audit entry per changed unit (what changed, counts before and after, a
  short hash of the unit's data); every token handed out writes one too.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from scorecard.io.tree_rules import validate_tree
from scorecard.messages import Msg, msg
from scorecard.model import CascadeLink, ScorecardTree, SkpIndicator, Unit
from scorecard.store.serialize import from_dict, to_dict
from scorecard.store.storage import ConflictError, StorageError, Store, tree_access, tree_audit, trees

ROLES = ("edit", "view")
TREE_FORMAT = 1


class AccessDenied(StorageError):
    """The token may not do this (bilingual ``.msg``)."""

    def __init__(self, en: str, id_: str, **params: object) -> None:
        super().__init__(msg("tree.access_denied", en, id_, **params))


# ---- serialisation -------------------------------------------------------------------------------

def _unit_dict(u: Unit) -> dict[str, Any]:
    return {"code": u.code, "name": u.name, "name_en": u.name_en, "parent": u.parent, "scorecard": to_dict(u.scorecard)}


def tree_to_dict(tree: ScorecardTree) -> dict[str, Any]:
    """The whole tree as JSON data (scorecards through :func:`scorecard.store.serialize.to_dict`)."""
    return {"format": TREE_FORMAT, "name": tree.name, "units": [_unit_dict(u) for u in tree.units],
            "links": [asdict(x) for x in tree.links], "skp": [asdict(x) for x in tree.skp]}


def tree_from_dict(data: dict[str, Any]) -> ScorecardTree:
    units = [Unit(u["code"], u["name"], from_dict(u["scorecard"]), u.get("parent"), u.get("name_en", ""))
             for u in data.get("units", [])]
    return ScorecardTree(data.get("name", ""), units, [CascadeLink(**x) for x in data.get("links", [])],
                         [SkpIndicator(**x) for x in data.get("skp", [])])


def _parts(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{unit code: {"unit": record, "links": [...], "skp": [...]}} of a tree document."""
    out: dict[str, dict[str, Any]] = {u["code"]: {"unit": u, "links": [], "skp": []} for u in data["units"]}
    for kind in ("links", "skp"):
        for row in data[kind]:
            out.setdefault(row["unit"], {"unit": None, "links": [], "skp": []})[kind].append(row)
    return out


def _summary(part: dict[str, Any] | None) -> dict[str, Any] | None:
    if part is None or part["unit"] is None:
        return None
    sc = part["unit"]["scorecard"]
    blob = json.dumps(part, sort_keys=True, ensure_ascii=False).encode()
    return {"parent": part["unit"]["parent"], "kpis": len(sc["kpis"]), "measurements": len(sc["measurements"]),
            "links": len(part["links"]), "skp": len(part["skp"]), "hash": hashlib.sha256(blob).hexdigest()[:12]}


# ---- records -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    """What a token may do: ``role`` ("edit" or "view") on ``unit`` and every unit below it."""

    tree_id: int
    unit: str
    role: str
    label: str = ""


@dataclass(frozen=True)
class LoadedTree:
    """A tree as a token sees it, with the revision to pass back when saving."""

    tree: ScorecardTree
    revision: int
    grant: Grant


@dataclass(frozen=True)
class TreeChange:
    """One audit entry of a tree."""

    id: int
    at: datetime
    actor: str
    unit: str
    kind: str
    target: str
    before: Any
    after: Any


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _subtree(data: dict[str, Any], code: str) -> list[str]:
    kids: dict[str | None, list[str]] = {}
    for u in data["units"]:
        kids.setdefault(u["parent"], []).append(u["code"])
    out, i = [code], 0
    while i < len(out):
        out += [c for c in kids.get(out[i], []) if c not in out]
        i += 1
    return out


def prune(tree: ScorecardTree, unit: str) -> ScorecardTree:
    """The subtree under ``unit`` as a tree of its own (``unit`` on top, links upward left out)."""
    keep = set(tree.subtree(unit))
    units = [Unit(u.code, u.name, u.scorecard, None if u.code == unit else u.parent, u.name_en)
             for u in tree.units if u.code in keep]
    return ScorecardTree(tree.name, units, [x for x in tree.links if x.unit in keep and x.unit != unit],
                         [r for r in tree.skp if r.unit in keep])


def _check(tree: ScorecardTree) -> None:
    """Refuse a tree that breaks the tree rules (:func:`scorecard.io.tree_rules.validate_tree`)."""
    rep = validate_tree(tree)
    if not rep.ok:
        first = rep.errors[0].what
        raise StorageError(Msg(first.code, "The tree was not saved: " + first.en,
                               "Pohon kinerja tidak disimpan: " + first.id))


# ---- the store -----------------------------------------------------------------------------------

class TreeStore:
    """Trees on a :class:`~scorecard.store.storage.Store` (call ``store.migrate()`` first)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- tokens ----------------------------------------------------------------------------------
    def _insert_grant(self, conn, tree_id: int, unit: str, role: str, label: str) -> str:
        token = secrets.token_urlsafe(18)
        conn.execute(sa.insert(tree_access).values(token_hash=_hash(token), tree_id=tree_id, unit=unit, role=role,
                                                   label=label[:200], created_at=self.store.now()))
        return token

    def grant(self, token: object) -> Grant | None:
        """The grant of a token, or None for an unknown or malformed one."""
        if not isinstance(token, str) or not 8 <= len(token) <= 100:
            return None
        with self.store.read() as conn:
            row = conn.execute(sa.select(tree_access).where(tree_access.c.token_hash == _hash(token))).first()
        return None if row is None else Grant(int(row.tree_id), row.unit, row.role, row.label)

    def _need(self, token: object) -> Grant:
        g = self.grant(token)
        if g is None:
            raise AccessDenied("This link is not valid (unknown token).", "Tautan ini tidak berlaku (token tidak dikenal).")
        return g

    def share(self, token: object, unit: str, role: str, label: str, actor: str) -> str:
        """A new token for ``unit`` with ``role``, handed out by the holder of ``token``."""
        g = self._need(token)
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        if role == "edit" and g.role != "edit":
            raise AccessDenied("A view link cannot hand out edit rights.",
                               "Tautan lihat tidak dapat memberi hak ubah.")
        with self.store.begin() as conn:
            data = self._payload(conn, g.tree_id)[0]
            if unit not in _subtree(data, g.unit):
                raise AccessDenied('Unit "{u}" is outside your part of the tree ({s}).',
                                   'Unit "{u}" di luar bagian pohon Anda ({s}).', u=unit, s=g.unit)
            new = self._insert_grant(conn, g.tree_id, unit, role, label)
            self._audit(conn, g.tree_id, actor, unit, "access", f"{role} link for {unit}: {label}", None,
                        {"role": role, "unit": unit, "label": label})
        return new

    # ---- trees -----------------------------------------------------------------------------------
    def create_tree(self, tree: ScorecardTree, actor: str) -> tuple[int, str]:
        """Store a new tree; returns its id and the office's edit token."""
        _check(tree)
        data = tree_to_dict(tree)
        now = self.store.now()
        root = tree.root().code
        with self.store.begin() as conn:
            res = conn.execute(sa.insert(trees).values(name=tree.name, payload=data, revision=1, created_at=now,
                                                       created_by=actor, updated_at=now, updated_by=actor))
            tree_id = int(res.inserted_primary_key[0])
            token = self._insert_grant(conn, tree_id, root, "edit", actor)
            self._audit(conn, tree_id, actor, root, "upload", f"tree {tree.name}", None,
                        {"units": len(tree.units), "links": len(tree.links), "skp": len(tree.skp)})
        return tree_id, token

    def _payload(self, conn, tree_id: int) -> tuple[dict[str, Any], int]:
        row = conn.execute(sa.select(trees.c.payload, trees.c.revision).where(trees.c.id == tree_id)).first()
        if row is None:
            raise AccessDenied("The tree of this link no longer exists.", "Pohon kinerja tautan ini sudah tidak ada.")
        return row.payload, int(row.revision)

    def load(self, token: object) -> LoadedTree:
        """The tree as the token sees it (editors: all of it; view links: their subtree)."""
        g = self._need(token)
        with self.store.read() as conn:
            data, revision = self._payload(conn, g.tree_id)
        tree = tree_from_dict(data)
        if g.role == "view" and g.unit != tree.root().code:
            tree = prune(tree, g.unit)
        return LoadedTree(tree, revision, g)

    def save(self, token: object, tree: ScorecardTree, actor: str, *, expected_revision: int,
             kind: str = "edit") -> int:
        """Replace the stored tree by ``tree`` if every change lies in the token's scope; the new revision."""
        g = self._need(token)
        if g.role != "edit":
            raise AccessDenied("This link can only view the tree.", "Tautan ini hanya untuk melihat pohon kinerja.")
        new = tree_to_dict(tree)
        with self.store.begin() as conn:
            old, revision = self._payload(conn, g.tree_id)
            if revision != expected_revision:
                raise ConflictError(g.tree_id, expected_revision, revision)
            # the scope in the old and the new tree (a new sub-unit is in scope; moving a unit in needs
            # rights on its old parent, checked below)
            scope = set(_subtree(old, g.unit)) | (set(_subtree(new, g.unit)) if g.unit in
                                                 {u["code"] for u in new["units"]} else set())
            before, after = _parts(old), _parts(new)
            changed = [c for c in dict.fromkeys([*before, *after]) if before.get(c) != after.get(c)]
            for code in changed:
                b, a = before.get(code), after.get(code)
                parents = {p["unit"]["parent"] for p in (b, a) if p is not None and p["unit"] is not None}
                moved = b is None or a is None or b["unit"] is None or a["unit"] is None or len(parents) > 1
                if code not in scope or (moved and not parents <= scope):
                    raise AccessDenied('Your link may change unit "{s}" and the units below it, not "{u}". Nothing '
                                       "was saved.", 'Tautan Anda hanya boleh mengubah unit "{s}" dan unit di '
                                       'bawahnya, bukan "{u}". Tidak ada yang disimpan.', s=g.unit, u=code)
            _check(tree)  # after the rights: a change outside the scope is refused as such
            now = self.store.now()
            conn.execute(sa.update(trees).where(trees.c.id == g.tree_id).values(
                name=tree.name, payload=new, revision=revision + 1, updated_at=now, updated_by=actor))
            for code in changed:
                b, a = before.get(code), after.get(code)
                what = [k for k in ("unit", "links", "skp") if (b or {}).get(k) != (a or {}).get(k)]
                self._audit(conn, g.tree_id, actor, code, kind, f"unit {code}: {', '.join(what)}",
                            _summary(b), _summary(a))
        return revision + 1

    # ---- audit -----------------------------------------------------------------------------------
    def _audit(self, conn, tree_id: int, actor: str, unit: str, kind: str, target: str, before: Any,
               after: Any) -> None:
        conn.execute(sa.insert(tree_audit).values(tree_id=tree_id, at=self.store.now(), actor=actor, unit=unit,
                                                  kind=kind, target=target[:500], before=before, after=after))

    def changes(self, token: object, units: list[str] | None = None) -> list[TreeChange]:
        """The audit log of the token's tree (for a unit token: entries of its scope), oldest first.

        ``units``: the scope when the caller already knows it (``tree.subtree(grant.unit)`` of the loaded
        tree), which spares reading the tree document."""
        g = self._need(token)
        with self.store.read() as conn:
            scope = units if units is not None else _subtree(self._payload(conn, g.tree_id)[0], g.unit)
            rows = conn.execute(sa.select(tree_audit).where(tree_audit.c.tree_id == g.tree_id)
                                .order_by(tree_audit.c.id)).all()
        return [TreeChange(r.id, r.at, r.actor, r.unit, r.kind, r.target, r.before, r.after) for r in rows
                if r.unit in scope]

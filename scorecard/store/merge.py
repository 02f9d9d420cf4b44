"""Three-way merge of scorecard payloads: apply one session's change to the latest revision.

Two tabs (or two people, or a workshop adoption and a tab) edit the same stored scorecard. Each
session remembers the payload it started from (``base``, revision *r*); when it saves ``mine``
but the store already holds a later ``theirs`` (revision > *r*), :func:`merge` applies only
what this session changed (``base`` -> ``mine``) on top of ``theirs``:

* an item this session did not touch keeps the stored value (nobody's edit is lost);
* an item this session changed and nobody else did takes this session's value;
* an item both changed to *different* values is a :class:`Clash` and nothing is merged
  (the caller refuses the save and shows the clashes: what is stored, what this session wanted).

Payloads are the JSON data of :func:`scorecard.store.serialize.to_dict`. They are compared as
*atoms*, each one value at a stable address (:data:`Path`):

* ``("name",)``, ``("organisation",)``, ``("settings", field)``;
* ``("judgments", node)`` (the node has a judgment table) and ``("judgments", node, a, b)``;
* ``(list, key..., field)`` for every field of a list item, the item named by its identity
  (:data:`ITEM_KEYS`: a KPI by its code, a measurement by KPI and period, ...).

A list whose items do not have unique identities is one atom (changed as a whole). Order: the
stored order is kept, items this session added go at the end in this session's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["ITEM_KEYS", "Clash", "MergeResult", "atoms", "merge", "describe_path"]

Path = tuple[Any, ...]
#: Missing value (an atom absent from a payload).
_ABSENT: Any = type("_Absent", (), {"__repr__": lambda self: "<absent>"})()

#: The fields that identify an item of each list of the payload.
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "perspectives": ("key",),
    "objectives": ("code",),
    "kpis": ("code",),
    "measurements": ("kpi", "period"),
    "anchors": ("kpi", "level", "period"),
    "links": ("cause", "effect"),
    "notes": ("kpi", "period"),
}


@dataclass(frozen=True)
class Clash:
    """One address changed both here and elsewhere, differently. Values are JSON data (None
    when the item does not exist on that side)."""

    path: Path
    base: Any
    mine: Any
    theirs: Any

    def describe(self) -> str:
        return describe_path(self.path)


@dataclass(frozen=True)
class MergeResult:
    """``payload``: the merged payload (None when there are clashes); ``applied``: the addresses
    this session changed; ``theirs_changed``: addresses changed elsewhere since ``base``;
    ``clashes``: addresses changed on both sides differently."""

    payload: dict[str, Any] | None
    applied: tuple[Path, ...]
    theirs_changed: tuple[Path, ...]
    clashes: tuple[Clash, ...]

    @property
    def ok(self) -> bool:
        return not self.clashes


def describe_path(path: Path) -> str:
    """A short text for an address, e.g. ``judgment ROOT: F vs C``, ``measurements K1 2024 target``."""
    if path[0] == "judgments":
        return f"judgment {path[1]}: {path[2]} vs {path[3]}" if len(path) == 4 else f"judgments of {path[1]}"
    return " ".join(str(p) for p in path if p is not None and p != "*")


def _list_atoms(name: str, items: list[Any]) -> dict[Path, Any] | None:
    keys = ITEM_KEYS.get(name)
    if keys is None or not all(isinstance(it, dict) and all(k in it for k in keys) for it in items):
        return None
    out: dict[Path, Any] = {}
    seen: set[tuple[Any, ...]] = set()
    for it in items:
        ident = tuple(_hashable(it[k]) for k in keys)
        if ident in seen:
            return None
        seen.add(ident)
        for field, value in it.items():
            out[(name, *ident, field)] = _hashable(value)
    return out


def _hashable(value: Any) -> Any:
    """JSON data as a hashable, comparable value (lists -> tuples, dicts -> sorted item tuples)."""
    if isinstance(value, list):
        return ("__list__", *(_hashable(v) for v in value))
    if isinstance(value, dict):
        return ("__dict__", *sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def _plain(value: Any) -> Any:
    """Inverse of :func:`_hashable`."""
    if isinstance(value, tuple) and value and value[0] == "__list__":
        return [_plain(v) for v in value[1:]]
    if isinstance(value, tuple) and value and value[0] == "__dict__":
        return {k: _plain(v) for k, v in value[1:]}
    return value


def atoms(payload: dict[str, Any]) -> dict[Path, Any]:
    """Every atom of a payload: address -> hashable value (see the module docstring)."""
    out: dict[Path, Any] = {}
    for name, value in payload.items():
        if name == "format":
            continue
        if name == "settings" and isinstance(value, dict):
            for field, v in value.items():
                out[("settings", field)] = _hashable(v)
        elif name == "judgments" and isinstance(value, dict):
            for node, rows in value.items():
                out[("judgments", node)] = True
                for a, b, v in rows:
                    out[("judgments", node, a, b)] = v
        elif isinstance(value, list):
            listed = _list_atoms(name, value)
            if listed is None:
                out[(name, "*")] = _hashable(value)
            else:
                out[(name, "*")] = True  # the list exists
                out.update(listed)
        else:
            out[(name,)] = _hashable(value)
    return out


def _idents(name: str, payload: dict[str, Any]) -> list[tuple[Any, ...]]:
    keys = ITEM_KEYS[name]
    return [tuple(_hashable(it[k]) for k in keys) for it in payload.get(name, [])]


def _rebuild(result: dict[Path, Any], theirs: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "format" in theirs or "format" in mine:
        out["format"] = theirs.get("format", mine.get("format"))
    order = list(theirs) + [k for k in mine if k not in theirs]
    for name in order:
        if name == "format":
            continue
        if name == "settings":
            fields = [p[1] for p in result if p[0] == "settings"]
            if fields:
                field_order = list(theirs.get("settings", {})) + [f for f in mine.get("settings", {})
                                                                  if f not in theirs.get("settings", {})]
                out["settings"] = {f: _plain(result[("settings", f)]) for f in field_order
                                   if ("settings", f) in result}
        elif name == "judgments":
            nodes = [n for n in list(theirs.get("judgments", {})) + list(mine.get("judgments", {}))
                     if ("judgments", n) in result]
            jd: dict[str, list[list[Any]]] = {}
            for node in dict.fromkeys(nodes):
                pairs = [(a, b) for a, b, _ in theirs.get("judgments", {}).get(node, [])]
                pairs += [(a, b) for a, b, _ in mine.get("judgments", {}).get(node, [])]
                jd[node] = [[a, b, result[("judgments", node, a, b)]] for a, b in dict.fromkeys(pairs)
                            if ("judgments", node, a, b) in result]
            out["judgments"] = jd
        elif (name, "*") in result and result[(name, "*")] is not True:
            out[name] = _plain(result[(name, "*")])
        elif (name, "*") in result:
            idents = list(dict.fromkeys(_idents(name, theirs) + _idents(name, mine))) \
                if name in ITEM_KEYS and _list_atoms(name, theirs.get(name, [])) is not None \
                and _list_atoms(name, mine.get(name, [])) is not None else []
            items = []
            for ident in idents:
                prefix = (name, *ident)
                fields = {p[len(prefix)]: _plain(v) for p, v in result.items()
                          if len(p) == len(prefix) + 1 and p[:len(prefix)] == prefix}
                if fields:
                    items.append(fields)
            out[name] = items
        elif (name,) in result:
            out[name] = _plain(result[(name,)])
    return out


def _changed(a: dict[Path, Any], b: dict[Path, Any]) -> list[Path]:
    return [p for p in dict.fromkeys([*a, *b]) if a.get(p, _ABSENT) != b.get(p, _ABSENT)]


def merge(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> MergeResult:
    """Apply ``base`` -> ``mine`` on top of ``theirs`` (see the module docstring)."""
    ab, am, at = atoms(base), atoms(mine), atoms(theirs)
    # A list stored as one atom on any side: compare it as one atom on all sides.
    whole = {p[0] for d in (ab, am, at) for p, v in d.items() if len(p) == 2 and p[1] == "*" and v is not True}
    if whole:
        ab, am, at = (_collapse(d, whole, src) for d, src in ((ab, base), (am, mine), (at, theirs)))
    applied = _changed(ab, am)
    theirs_changed = _changed(ab, at)
    clashes = tuple(Clash(p, _plain(ab.get(p)), _plain(am.get(p)), _plain(at.get(p)))
                    for p in applied if p in set(theirs_changed) and am.get(p, _ABSENT) != at.get(p, _ABSENT))
    if clashes:
        return MergeResult(None, tuple(applied), tuple(theirs_changed), clashes)
    result = dict(at)
    for p in applied:
        v = am.get(p, _ABSENT)
        if v is _ABSENT:
            result.pop(p, None)
        else:
            result[p] = v
    return MergeResult(_rebuild(result, theirs, mine), tuple(applied), tuple(theirs_changed), ())


def _collapse(d: dict[Path, Any], names: Iterable[str], src: dict[str, Any]) -> dict[Path, Any]:
    names = set(names)
    out = {p: v for p, v in d.items() if p[0] not in names}
    for name in names:
        if name in src:
            out[(name, "*")] = _hashable(src[name])
    return out

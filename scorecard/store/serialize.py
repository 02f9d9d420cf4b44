"""A whole :class:`~scorecard.model.Scorecard` as plain JSON data and back, exactly.

``to_dict(sc)`` gives a dict of JSON types only (str, int, float, bool, None, list, dict) and
``from_dict(to_dict(sc)) == sc`` for every scorecard: same order of every list, same tuple keys
of ``judgments``, same floats (``json.dumps`` writes the shortest repr that reads back to the
same double), ints stay ints.

Layout (``"format": 1``)::

    {"format": 1, "name": ..., "organisation": ...,
     "perspectives": [{"key": ..., "name_en": ..., "name_id": ...}, ...],
     "objectives": [...], "kpis": [...], "measurements": [...], "anchors": [...],
     "links": [...], "notes": [...], "manuals": [...],  # one object per dataclass, keys = field names
     "settings": {"priority_method": ..., ...},
     "judgments": {"<node>": [["<a>", "<b>", value], ...], ...}}

JSON objects cannot have tuple keys, so a node's judgments are a list of ``[a, b, value]``
triples in the dict's insertion order. Reading is lenient about *missing* keys (the dataclass
default is used, so payloads written before a field existed still load) and ignores unknown
keys (payloads written by a newer version still load; the unknown data is dropped).
Non-finite floats (NaN, infinity) are refused: they are not JSON and PostgreSQL rejects them.

When a field is added to :class:`~scorecard.model.Scorecard` itself, add it here too:
``to_dict`` refuses a scorecard with a field it does not know (so a test fails loudly instead of
data being silently dropped). Fields added to the small dataclasses (KPI, Measurement, ...) are
picked up automatically as long as their values are JSON types, or tuples of them (written as lists,
read back as tuples for fields whose default is a tuple).
"""

from __future__ import annotations

import math
from dataclasses import fields
from typing import Any

from scorecard.model import KPI, Anchor, KpiManual, Link, Measurement, Note, Objective, Perspective, Scorecard, Settings

__all__ = ["FORMAT", "SerializeError", "to_dict", "from_dict"]

#: Version of the payload layout above (bump it and convert in ``from_dict`` when it changes).
FORMAT = 1

_LISTS: dict[str, type] = {
    "perspectives": Perspective,
    "objectives": Objective,
    "kpis": KPI,
    "measurements": Measurement,
    "anchors": Anchor,
    "links": Link,
    "notes": Note,
    "manuals": KpiManual,
}
_TEXT = ("name", "organisation")
_SPECIAL = ("judgments", "settings")


class SerializeError(ValueError):
    """A scorecard (or payload) that cannot be written (read) as JSON data."""


def _check_value(value: Any, where: str) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, tuple):  # tuple fields (KPI.scale_words, Settings.predikat_bands) become lists
        return [_check_value(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SerializeError(f"{where}: {value!r} is not a finite number and cannot be stored.")
        return value
    raise SerializeError(f"{where}: values of type {type(value).__name__} cannot be stored as JSON.")


def _flat(obj: Any, where: str) -> dict[str, Any]:
    return {f.name: _check_value(getattr(obj, f.name), f"{where}.{f.name}") for f in fields(obj)}


def _build(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise SerializeError(f"{where}: expected an object, got {type(data).__name__}.")
    known = {f.name for f in fields(cls)}
    tuples = {f.name for f in fields(cls) if isinstance(f.default, tuple)}
    try:
        return cls(**{k: (_tuple(v) if k in tuples else v) for k, v in data.items() if k in known})
    except TypeError as e:  # a required field is missing
        raise SerializeError(f"{where}: {e}") from None


def _tuple(value: Any) -> Any:
    """Lists back to the tuples they were written from (nested: bands are tuples of tuples)."""
    return tuple(_tuple(v) for v in value) if isinstance(value, list) else value


def to_dict(sc: Scorecard) -> dict[str, Any]:
    """The scorecard as JSON-ready data (see the module docstring for the layout)."""
    unknown = [f.name for f in fields(sc) if f.name not in _LISTS and f.name not in _TEXT + _SPECIAL]
    if unknown:
        raise SerializeError(f"scorecard.store.serialize does not know Scorecard field(s) {unknown}; add them there.")
    out: dict[str, Any] = {"format": FORMAT}
    for name in _TEXT:
        out[name] = _check_value(getattr(sc, name), name)
    for name in _LISTS:
        out[name] = [_flat(item, f"{name}[{i}]") for i, item in enumerate(getattr(sc, name))]
    out["settings"] = _flat(sc.settings, "settings")
    judgments: dict[str, list[list[Any]]] = {}
    for node, pairs in sc.judgments.items():
        if not isinstance(node, str):
            raise SerializeError(f"judgments: node id {node!r} is not text.")
        rows: list[list[Any]] = []
        for key, value in pairs.items():
            if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(c, str) for c in key)):
                raise SerializeError(f"judgments[{node!r}]: key {key!r} is not a pair of ids.")
            rows.append([key[0], key[1], _check_value(value, f"judgments[{node!r}][{key!r}]")])
        judgments[node] = rows
    out["judgments"] = judgments
    return out


def from_dict(data: dict[str, Any]) -> Scorecard:
    """The scorecard written by :func:`to_dict` (exact inverse)."""
    if not isinstance(data, dict):
        raise SerializeError(f"A scorecard payload must be an object, got {type(data).__name__}.")
    fmt = data.get("format", FORMAT)
    if not isinstance(fmt, int) or fmt > FORMAT:
        raise SerializeError(f"Scorecard payload format {fmt!r} is newer than this program (knows {FORMAT}).")
    kwargs: dict[str, Any] = {}
    for name in _TEXT:
        if name in data:
            kwargs[name] = data[name]
    if "name" not in kwargs:
        raise SerializeError("A scorecard payload needs a name.")
    for name, cls in _LISTS.items():
        items = data.get(name, [])
        if not isinstance(items, list):
            raise SerializeError(f"{name}: expected a list.")
        kwargs[name] = [_build(cls, item, f"{name}[{i}]") for i, item in enumerate(items)]
    if "settings" in data:
        kwargs["settings"] = _build(Settings, data["settings"], "settings")
    judgments: dict[str, dict[tuple[str, str], float]] = {}
    raw = data.get("judgments", {})
    if not isinstance(raw, dict):
        raise SerializeError("judgments: expected an object.")
    for node, rows in raw.items():
        pairs: dict[tuple[str, str], float] = {}
        for row in rows:
            if not (isinstance(row, list) and len(row) == 3):
                raise SerializeError(f"judgments[{node!r}]: {row!r} is not [a, b, value].")
            a, b, value = row
            pairs[(a, b)] = value
        judgments[node] = pairs
    kwargs["judgments"] = judgments
    return Scorecard(**kwargs)

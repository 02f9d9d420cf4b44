"""What-if tools for weights and results (METHOD §2-§4): sensitivity, consistency strips,
weight scenarios, why the index moved, and judgment uncertainty.

Pure Python + numpy; nothing here knows about Streamlit. Every function takes a
:class:`~scorecard.model.Scorecard` and never changes it.

Conventions
-----------
* A *node* is a judgment node or a child of one: a perspective key, an objective code or a KPI
  code. Its *parent* is :data:`~scorecard.model.ROOT` for a perspective, the perspective key for
  an objective and the objective code for a KPI.
* **Changing one local weight** (:func:`renormalise`): the node's local weight ``w`` becomes
  ``w' = clip(w * (1 + change/100), 0, 1)``; its siblings keep their relative proportions and
  share ``1 - w'`` (each sibling is scaled by ``(1 - w') / (1 - w)``), so the group still sums
  to 1. When the siblings all had weight 0 they share ``1 - w'`` equally. An only child keeps
  weight 1 (nothing to trade against). Global weights are then recomputed through the tree with
  :func:`scorecard.method.weights.compute_weights` (``local_override``).
* OMAX levels do not depend on weights, so a weight change moves the index (sum of level x
  global weight) and the status of objectives and perspectives (weighted mean levels), but never
  a KPI's own light. ``flipped_kpis`` is therefore always empty under a pure weight change; it is
  kept because the CLI's JSON contract has it. ``flipped_groups`` lists the objectives and
  perspectives whose status light changed.
* The index is *linear* in the changed weight ``w'`` (the affected global weights are
  ``G_parent * w'`` for the node's subtree and ``G_parent * (1 - w') * share`` for its siblings'),
  so along one direction the index light can only change once per band boundary; that makes the
  bisection in :func:`flip_threshold` exact up to its tolerance.
* A KPI that could not be scored (level ``None``) counts as level 0, as in the index.
* Percent changes are relative: ``-25`` means the weight times 0.75.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from scorecard.method import ahp, lights
from scorecard.method.lights import Light
from scorecard.method.scoring import PeriodScore, score_period
from scorecard.method.weights import Weights, compute_weights, node_weights
from scorecard.model import ROOT, Scorecard

__all__ = [
    "DEFAULT_CHANGES",
    "SensitivityItem",
    "FlipResult",
    "TornadoBar",
    "Strip",
    "Scenario",
    "ScenarioResult",
    "ScenarioComparison",
    "MovementItem",
    "Movement",
    "Band",
    "Uncertainty",
    "parent_of",
    "renormalise",
    "sensitivity",
    "flip_threshold",
    "tornado_data",
    "sensitivity_json",
    "consistency_strip",
    "scenario_from_weights",
    "equal_scenario",
    "compare_scenarios",
    "index_movement",
    "monte_carlo",
]

FloatArray = npt.NDArray[np.float64]

#: The relative weight changes (%) of the sensitivity table and of the CLI's JSON.
DEFAULT_CHANGES: tuple[float, ...] = (-25.0, -10.0, 10.0, 25.0)


# ================================================================================================
# Shared helpers
# ================================================================================================


def _bands(sc: Scorecard) -> tuple[float, float]:
    return sc.settings.yellow_from, sc.settings.green_from


def _classify(sc: Scorecard, x: float | None) -> Light:
    return lights.classify(x, *_bands(sc))


def _base_weights(sc: Scorecard, weights: Weights | None) -> Weights:
    return weights if weights is not None else compute_weights(sc)


def _levels(score: PeriodScore) -> dict[str, float]:
    """KPI code -> level, ``None`` (not scorable) counted as 0 like the index does."""
    return {k.code: (k.level or 0.0) for k in score.kpis}


def _index_of(levels: Mapping[str, float], w: Weights) -> float:
    """The performance index for fixed levels: sum of level x global weight (as in scoring)."""
    return sum(lvl * w.global_.get(code, 0.0) for code, lvl in levels.items())


def parent_of(sc: Scorecard, node: str) -> str:
    """The judgment node above ``node`` (ROOT for a perspective). Raises KeyError if unknown."""
    if any(p.key == node for p in sc.perspectives):
        return ROOT
    for o in sc.objectives:
        if o.code == node:
            return o.perspective
    for k in sc.kpis:
        if k.code == node:
            return k.objective
    raise KeyError(node)


def renormalise(local: Mapping[str, float], child: str, new_weight: float) -> dict[str, float]:
    """Local weights of one group after setting ``child`` to ``new_weight`` (clipped to [0, 1]).

    Siblings keep their relative proportions and share ``1 - new_weight``; if they all had
    weight 0 they share it equally. An only child stays at 1. The result sums to 1.

    >>> renormalise({"a": 0.5, "b": 0.375, "c": 0.125}, "a", 0.75)
    {'a': 0.75, 'b': 0.1875, 'c': 0.0625}
    """
    if child not in local:
        raise KeyError(child)
    siblings = [c for c in local if c != child]
    if not siblings:
        return {child: 1.0}
    w_new = min(max(float(new_weight), 0.0), 1.0)
    rest = sum(max(float(local[c]), 0.0) for c in siblings)
    out: dict[str, float] = {}
    for c in local:
        if c == child:
            out[c] = w_new
        elif rest > 0:
            out[c] = max(float(local[c]), 0.0) / rest * (1.0 - w_new)
        else:
            out[c] = (1.0 - w_new) / len(siblings)
    return out


def _full_override(w: Weights) -> dict[str, dict[str, float]]:
    """Every node's local weights of ``w`` as a ``local_override`` (keeps scenario overrides)."""
    return {node: nw.local() for node, nw in w.nodes.items() if nw.children}


def _with_local(sc: Scorecard, base: Weights, parent: str, new_local: Mapping[str, float]) -> Weights:
    """``base`` with the local weights of ``parent`` replaced; globals recomputed."""
    override = _full_override(base)
    override[parent] = dict(new_local)
    return compute_weights(sc, method=base.method, ri=base.ri_table, policy=base.policy, local_override=override)


def _changed_weights(sc: Scorecard, base: Weights, node: str, change_pct: float) -> tuple[Weights, float]:
    """Weights after a relative change of ``node``'s local weight, and its new local weight."""
    parent = parent_of(sc, node)
    local = base.nodes[parent].local()
    w_new = local[node] * (1.0 + change_pct / 100.0)
    new_local = renormalise(local, node, w_new)
    return _with_local(sc, base, parent, new_local), new_local[node]


def _group_lights(score: PeriodScore) -> dict[str, Light]:
    out: dict[str, Light] = {g.key: g.light for g in score.objectives}
    out.update({g.key: g.light for g in score.perspectives})
    return out


def _default_nodes(sc: Scorecard) -> list[str]:
    return [p.key for p in sc.perspectives] + [o.code for o in sc.objectives]


# ================================================================================================
# 1. Index sensitivity
# ================================================================================================


@dataclass(frozen=True)
class SensitivityItem:
    """The index after one node's local weight changes by ``change_pct`` % (siblings renormalised).

    ``flipped_kpis``: KPI codes whose light differs from the base (always empty for a pure weight
    change, see the module docstring); ``flipped_groups``: objectives and perspectives whose
    status light differs from the base.
    """

    node: str
    parent: str
    change_pct: float
    weight_before: float
    weight_after: float
    index: float
    light: Light
    index_delta: float
    flipped_kpis: tuple[str, ...] = ()
    flipped_groups: tuple[str, ...] = ()


def sensitivity(sc: Scorecard, period: str, *, weights: Weights | None = None,
                changes: Sequence[float] = DEFAULT_CHANGES,
                nodes: Iterable[str] | None = None) -> list[SensitivityItem]:
    """Index sensitivity to each node's local weight.

    For every node (default: every perspective, then every objective; any KPI code may be added
    through ``nodes``) and every relative change in ``changes`` (%), the node's local weight is
    multiplied by ``1 + change/100`` and its siblings renormalised (:func:`renormalise`); global
    weights are recomputed and the period re-scored. ``weights`` are the base weights (default:
    from the judgments); any local overrides in them are kept for the other nodes.
    Items come node by node, changes in the given order.
    """
    base_w = _base_weights(sc, weights)
    base = score_period(sc, period, base_w)
    base_kpi = {k.code: k.light for k in base.kpis}
    base_groups = _group_lights(base)
    items: list[SensitivityItem] = []
    for node in (list(nodes) if nodes is not None else _default_nodes(sc)):
        parent = parent_of(sc, node)
        before = base_w.nodes[parent].local()[node]
        for change in changes:
            w, after = _changed_weights(sc, base_w, node, float(change))
            s = score_period(sc, period, w)
            kpi_flips = tuple(k.code for k in s.kpis if k.light != base_kpi.get(k.code))
            groups = _group_lights(s)
            group_flips = tuple(g for g, lt in groups.items() if lt != base_groups.get(g))
            items.append(SensitivityItem(node=node, parent=parent, change_pct=float(change), weight_before=before,
                                         weight_after=after, index=s.index, light=s.light,
                                         index_delta=s.index - base.index, flipped_kpis=kpi_flips,
                                         flipped_groups=group_flips))
    return items


@dataclass(frozen=True)
class FlipResult:
    """The smallest relative change of one node's local weight that changes the index light.

    ``change_pct`` is signed (``+37.5`` = the weight times 1.375, ``-60`` = times 0.4), found to
    within ``tolerance`` percentage points and always on the flipping side; ``direction`` is
    ``"up"`` or ``"down"``. ``up_pct`` / ``down_pct`` give the threshold in each direction (None
    when no weight in [0, 1] that way changes the light). When nothing flips, ``change_pct``,
    ``direction``, ``new_light``, ``weight_at_flip`` and ``index_at_flip`` are None and the
    result is falsy (``bool(result)`` is ``flipped``).
    """

    node: str
    parent: str
    weight_before: float
    index_before: float
    light_before: Light
    change_pct: float | None
    direction: Literal["up", "down"] | None
    new_light: Light | None
    weight_at_flip: float | None
    index_at_flip: float | None
    up_pct: float | None
    down_pct: float | None
    tolerance: float = 0.01

    @property
    def flipped(self) -> bool:
        return self.change_pct is not None

    def __bool__(self) -> bool:
        return self.flipped


def flip_threshold(sc: Scorecard, period: str, node: str, *, weights: Weights | None = None,
                   tolerance: float = 0.01) -> FlipResult:
    """Smallest relative change (%) of ``node``'s local weight that changes the index's light.

    Both directions are searched by bisection on the relative change, from 0 up to the change
    that takes the weight to 1 (up) or to 0 (down), with the renormalisation of
    :func:`renormalise`; ``tolerance`` is in percentage points of relative change. Since the
    index is linear in the weight, the light along one direction is monotone and the bisection
    is exact up to the tolerance. A node whose weight is 0 (no relative change moves it) or that
    is an only child never flips.
    """
    base_w = _base_weights(sc, weights)
    base = score_period(sc, period, base_w)
    levels = _levels(base)
    parent = parent_of(sc, node)
    local = base_w.nodes[parent].local()
    w0 = local[node]

    def light_at(change: float) -> tuple[Light, float, float]:
        w, after = _changed_weights(sc, base_w, node, change)
        idx = _index_of(levels, w)
        return _classify(sc, idx), idx, after

    found: dict[str, tuple[float, Light, float, float]] = {}
    if w0 > 0 and len(local) > 1:
        for direction, limit in (("up", (1.0 / w0 - 1.0) * 100.0), ("down", -100.0)):
            if abs(limit) <= 0:
                continue
            light, idx, after = light_at(limit)
            if light == base.light:
                continue
            lo, hi = 0.0, limit  # light(lo) == base, light(hi) != base
            hit = (light, idx, after)
            while abs(hi - lo) > tolerance:
                mid = (lo + hi) / 2.0
                m_light, m_idx, m_after = light_at(mid)
                if m_light == base.light:
                    lo = mid
                else:
                    hi, hit = mid, (m_light, m_idx, m_after)
            found[direction] = (hi, *hit)
    up = found.get("up")
    down = found.get("down")
    best_dir: Literal["up", "down"] | None = None
    if up is not None and (down is None or abs(up[0]) <= abs(down[0])):
        best_dir = "up"
    elif down is not None:
        best_dir = "down"
    best = found.get(best_dir) if best_dir else None
    return FlipResult(node=node, parent=parent, weight_before=w0, index_before=base.index, light_before=base.light,
                      change_pct=best[0] if best else None, direction=best_dir,
                      new_light=best[1] if best else None, weight_at_flip=best[3] if best else None,
                      index_at_flip=best[2] if best else None,
                      up_pct=up[0] if up else None, down_pct=down[0] if down else None, tolerance=tolerance)


@dataclass(frozen=True)
class TornadoBar:
    """One bar of a tornado chart: the index at a low and a high relative change of one node."""

    node: str
    parent: str
    base_index: float
    low_pct: float
    high_pct: float
    index_low: float
    index_high: float

    @property
    def spread(self) -> float:
        return abs(self.index_high - self.index_low)


def tornado_data(sc: Scorecard, period: str, *, weights: Weights | None = None, low: float = -25.0,
                 high: float = 25.0, nodes: Iterable[str] | None = None) -> list[TornadoBar]:
    """Per node the index at ``low`` % and ``high`` % (default -25/+25), widest spread first
    (ties keep the hierarchy order)."""
    items = sensitivity(sc, period, weights=weights, changes=(low, high), nodes=nodes)
    base_index = items[0].index - items[0].index_delta if items else 0.0
    bars: list[TornadoBar] = []
    for k in range(0, len(items), 2):
        lo_item, hi_item = items[k], items[k + 1]
        bars.append(TornadoBar(lo_item.node, lo_item.parent, base_index, float(low), float(high),
                               lo_item.index, hi_item.index))
    return sorted(bars, key=lambda b: -b.spread)


def sensitivity_json(sc: Scorecard, period: str, *, weights: Weights | None = None) -> dict[str, Any]:
    """The sensitivity table as plain JSON-ready data (printed by ``python -m scorecard sensitivity``):
    ``{"base_index", "period", "items": [{"node", "change_pct", "index", "light", "flipped_kpis"}]}``
    for every perspective and objective and each change of :data:`DEFAULT_CHANGES`."""
    base_w = _base_weights(sc, weights)
    base = score_period(sc, period, base_w)
    items = sensitivity(sc, period, weights=base_w)
    return {
        "base_index": float(base.index),
        "period": period,
        "items": [{"node": it.node, "change_pct": it.change_pct, "index": float(it.index), "light": it.light,
                   "flipped_kpis": list(it.flipped_kpis)} for it in items],
    }


# ================================================================================================
# 2. Consistency strip
# ================================================================================================


@dataclass(frozen=True, eq=False)
class Strip:
    """The CR of a matrix for each of the 17 scale values at one judgment (i, j).

    ``values`` = :data:`scorecard.method.ahp.SCALE`; ``crs[k]`` = CR with ``A[i][j] = values[k]``;
    ``acceptable[k]`` = ``crs[k] <= threshold``; ``acceptable_range`` = (smallest, largest)
    acceptable scale value, or None when none is acceptable (``contiguous`` says whether every
    value in between is acceptable too). ``current_index`` is the scale position nearest the
    current judgment ``current_value``; ``current_cr`` is the CR of the matrix as it is
    (:func:`scorecard.method.ahp.analyze`), which equals ``crs[current_index]`` when the current value is a
    scale value.

    With the geometric method every "CR" above is the GCI instead (``index_name`` says which, and
    ``threshold`` is the GCI limit). For a pair left unjudged ``current_value`` is NaN,
    ``current_index`` is -1 and ``crs[k]`` is the index the matrix would have if the pair were judged
    ``values[k]``.
    """

    i: int
    j: int
    values: tuple[float, ...]
    crs: FloatArray
    acceptable: npt.NDArray[np.bool_]
    threshold: float
    acceptable_range: tuple[float, float] | None
    contiguous: bool
    current_index: int
    current_value: float
    current_cr: float
    index_name: str = "CR"


def consistency_strip(matrix: npt.ArrayLike, i: int, j: int, *, method: str = "eigen", ri: str = "saaty",
                      policy: str = "fixed") -> Strip:
    """CR (GCI for the geometric method) for every scale value of judgment (i, j) (0-based),
    everything else fixed; the matrix may have unjudged pairs (NaN/None)."""
    res = ahp.analyze(matrix, method=method, ri=ri, policy=policy)
    a, _missing = ahp.split_missing(matrix)
    crs = np.asarray(ahp.index_strip(a, i, j, method=method, ri=ri), dtype=float)
    threshold = res.index_threshold
    ok = crs <= threshold + 1e-12  # same tolerance as ahp.analyze
    idx = np.flatnonzero(ok)
    rng = (ahp.SCALE[int(idx[0])], ahp.SCALE[int(idx[-1])]) if idx.size else None
    contiguous = bool(idx.size == 0 or idx[-1] - idx[0] + 1 == idx.size)
    current = float(a[i, j])
    at = -1 if math.isnan(current) else ahp.SCALE.index(ahp.nearest_scale(current))
    return Strip(i=i, j=j, values=ahp.SCALE, crs=crs, acceptable=ok, threshold=threshold, acceptable_range=rng,
                 contiguous=contiguous, current_index=at, current_value=current, current_cr=float(res.index),
                 index_name=res.index_name)


# ================================================================================================
# 3. Weight scenarios
# ================================================================================================


@dataclass
class Scenario:
    """Named local weights ``{node: {child: weight}}`` (each group renormalised to 1 when used).

    Nodes left out keep their AHP weights from the judgments.
    """

    name: str
    local: dict[str, dict[str, float]]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: ``{"name", "note", "local": {node: {child: weight}}}``."""
        return {"name": self.name, "note": self.note,
                "local": {node: {c: float(v) for c, v in kids.items()} for node, kids in self.local.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """The inverse of :meth:`to_dict`. Raises ValueError for malformed data."""
        try:
            name = str(data["name"])
            local_raw = data.get("local", {})
            local = {str(node): {str(c): float(v) for c, v in kids.items()} for node, kids in local_raw.items()}
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            raise ValueError(f"Not a weight scenario: {e}") from None
        for node, kids in local.items():
            for c, v in kids.items():
                if not math.isfinite(v) or v < 0:
                    raise ValueError(f"Scenario {name!r}: weight of {c!r} under {node!r} must be >= 0, got {v}")
        return cls(name=name, local=local, note=str(data.get("note", "")))

    def weights(self, sc: Scorecard) -> Weights:
        """Weights of ``sc`` with this scenario's local weights."""
        return compute_weights(sc, local_override=self.local)


def scenario_from_weights(name: str, weights: Weights, note: str = "") -> Scenario:
    """A scenario that freezes the local weights of every node with children in ``weights``."""
    return Scenario(name=name, local=_full_override(weights), note=note)


def equal_scenario(sc: Scorecard, name: str = "Equal weights", note: str = "") -> Scenario:
    """Every child of every node gets the same local weight (1/n)."""
    local: dict[str, dict[str, float]] = {}
    for node in sc.nodes():
        kids = sc.children(node)
        if kids:
            local[node] = {c: 1.0 / len(kids) for c in kids}
    return Scenario(name=name, local=local, note=note)


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario scored: global weights, index, lights (objective lights colour the strategy map)."""

    name: str
    note: str
    index: float
    light: Light
    perspective_weights: dict[str, float]
    objective_weights: dict[str, float]
    kpi_weights: dict[str, float]
    kpi_lights: dict[str, Light]
    objective_levels: dict[str, float | None]
    objective_lights: dict[str, Light]
    perspective_lights: dict[str, Light]


@dataclass(frozen=True)
class ScenarioComparison:
    """Several scenarios scored on one period, in the order given."""

    period: str
    results: list[ScenarioResult]

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.results]

    def result(self, name: str) -> ScenarioResult:
        return next(r for r in self.results if r.name == name)

    def summary_rows(self) -> list[dict[str, Any]]:
        """One row per scenario: name, index, light, then each perspective weight."""
        rows: list[dict[str, Any]] = []
        for r in self.results:
            row: dict[str, Any] = {"scenario": r.name, "index": r.index, "light": r.light}
            row.update(r.perspective_weights)
            rows.append(row)
        return rows

    def to_rows(self) -> list[dict[str, Any]]:
        """A wide table for display: one row per quantity, one column per scenario name.

        Rows, in order: ``index``, ``light``, one ``perspective_weight`` row per perspective,
        one ``objective_light`` row per objective, one ``kpi_weight`` row per KPI. Each row has
        ``kind`` and ``key`` columns, then the scenario names.
        """
        if not self.results:
            return []
        first = self.results[0]

        def row(kind: str, key: str, values: Iterable[Any]) -> dict[str, Any]:
            out: dict[str, Any] = {"kind": kind, "key": key}
            out.update(zip(self.names, values, strict=True))
            return out

        rows = [row("index", "index", (r.index for r in self.results)),
                row("light", "index", (r.light for r in self.results))]
        rows += [row("perspective_weight", p, (r.perspective_weights[p] for r in self.results))
                 for p in first.perspective_weights]
        rows += [row("objective_light", o, (r.objective_lights[o] for r in self.results))
                 for o in first.objective_lights]
        rows += [row("kpi_weight", k, (r.kpi_weights[k] for r in self.results)) for k in first.kpi_weights]
        return rows


def compare_scenarios(sc: Scorecard, period: str, scenarios: Sequence[Scenario]) -> ScenarioComparison:
    """Score ``period`` under each scenario's weights. Names must be unique (ValueError)."""
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"Scenario names must be unique: {names}")
    results: list[ScenarioResult] = []
    for s in scenarios:
        w = s.weights(sc)
        ps = score_period(sc, period, w)
        results.append(ScenarioResult(
            name=s.name, note=s.note, index=ps.index, light=ps.light,
            perspective_weights={p.key: w.global_.get(p.key, 0.0) for p in sc.perspectives},
            objective_weights={o.code: w.global_.get(o.code, 0.0) for o in sc.objectives},
            kpi_weights=w.kpi_weights(sc),
            kpi_lights={k.code: k.light for k in ps.kpis},
            objective_levels={g.key: g.level for g in ps.objectives},
            objective_lights={g.key: g.light for g in ps.objectives},
            perspective_lights={g.key: g.light for g in ps.perspectives}))
    return ScenarioComparison(period, results)


# ================================================================================================
# 4. Why the index moved
# ================================================================================================


@dataclass(frozen=True)
class MovementItem:
    """One KPI's part of the index movement: ``total = level_effect + weight_effect``."""

    code: str
    level_from: float
    level_to: float
    weight_from: float
    weight_to: float
    level_effect: float
    weight_effect: float

    @property
    def total(self) -> float:
        return self.level_effect + self.weight_effect


@dataclass(frozen=True)
class Movement:
    """The index change from ``period_from`` to ``period_to`` split into KPI contributions.

    Convention (symmetric, midpoint / Shapley split of a product): for each KPI with levels
    ``l1 -> l2`` and global weights ``w1 -> w2``::

        level effect  = (l2 - l1) * (w1 + w2) / 2
        weight effect = (w2 - w1) * (l1 + l2) / 2
        level effect + weight effect = l2 * w2 - l1 * w1      (exactly, algebraically)

    so the parts add up to ``index_to - index_from`` (to rounding, ~1e-15). With the same weights
    the weight effect is 0 and the contribution is ``(l2 - l1) * w``. Items are sorted by
    ``|total|``, largest first.
    """

    period_from: str
    period_to: str
    index_from: float
    index_to: float
    items: list[MovementItem]
    same_weights: bool

    @property
    def total(self) -> float:
        return self.index_to - self.index_from

    @property
    def level_total(self) -> float:
        return math.fsum(it.level_effect for it in self.items)

    @property
    def weight_total(self) -> float:
        return math.fsum(it.weight_effect for it in self.items)

    def waterfall_rows(self, top: int | None = None, others_label: str = "others") -> list[dict[str, Any]]:
        """Rows for a waterfall chart: the start index, one step per KPI (largest first; with
        ``top`` the rest are summed into one ``others`` step), the end index. Each row has
        ``label``, ``kind`` ("start" | "step" | "end"), ``value`` (the bar's signed size),
        ``start`` and ``end`` (bar bottom/top along the running total)."""
        rows: list[dict[str, Any]] = [{"label": self.period_from, "kind": "start", "value": self.index_from,
                                       "start": 0.0, "end": self.index_from}]
        steps = [(it.code, it.total) for it in self.items]
        if top is not None and len(steps) > top:
            rest = math.fsum(v for _, v in steps[top:])
            steps = steps[:top] + [(others_label, rest)]
        running = self.index_from
        for label, v in steps:
            rows.append({"label": label, "kind": "step", "value": v, "start": running, "end": running + v})
            running += v
        rows.append({"label": self.period_to, "kind": "end", "value": self.index_to, "start": 0.0,
                     "end": self.index_to})
        return rows


def index_movement(sc: Scorecard, period_from: str, period_to: str, *, weights_from: Weights | None = None,
                   weights_to: Weights | None = None) -> Movement:
    """Why the index moved between two periods (see :class:`Movement` for the split).

    Each ``weights_*`` defaults to the weights from the judgments (so both default to the same
    weights and the split is level change x weight).
    """
    default: Weights | None = None
    if weights_from is None or weights_to is None:
        default = compute_weights(sc)
    w1 = weights_from if weights_from is not None else default
    w2 = weights_to if weights_to is not None else default
    assert w1 is not None and w2 is not None
    s1 = score_period(sc, period_from, w1)
    s2 = score_period(sc, period_to, w2)
    l1, l2 = _levels(s1), _levels(s2)
    items: list[MovementItem] = []
    same = True
    for k in sc.kpis:
        a, b = l1.get(k.code, 0.0), l2.get(k.code, 0.0)
        wa, wb = w1.global_.get(k.code, 0.0), w2.global_.get(k.code, 0.0)
        if wa == wb:
            lev, wt = (b - a) * wa, 0.0
        else:
            same = False
            lev, wt = (b - a) * (wa + wb) / 2.0, (wb - wa) * (a + b) / 2.0
        items.append(MovementItem(k.code, a, b, wa, wb, lev, wt))
    items.sort(key=lambda it: -abs(it.total))
    return Movement(period_from, period_to, s1.index, s2.index, items, same)


# ================================================================================================
# 5. Judgment uncertainty (Monte Carlo)
# ================================================================================================


@dataclass(frozen=True)
class Band:
    """Base value and the 5th / 50th / 95th percentiles over the simulated samples."""

    base: float
    p5: float
    p50: float
    p95: float


@dataclass(frozen=True)
class Uncertainty:
    """What judgment uncertainty does to weights and index (:func:`monte_carlo`).

    ``kpi_bands``: global KPI weights; ``local_bands[node][child]``: local weights within each node
    with two or more children; ``index_band``: the index; ``light_probability``: share of samples
    per index light (sums to 1); ``acceptable_share[node]``: share of samples whose matrix at that
    node passes the CR rule.
    """

    period: str
    n: int
    seed: int
    step: int
    index_band: Band
    light_probability: dict[str, float]
    kpi_bands: dict[str, Band]
    local_bands: dict[str, dict[str, Band]]
    acceptable_share: dict[str, float]
    base_light: Light
    index_samples: FloatArray = field(repr=False, compare=False)


def _band(base: float, samples: FloatArray) -> Band:
    p5, p50, p95 = np.percentile(samples, [5.0, 50.0, 95.0])
    return Band(float(base), float(p5), float(p50), float(p95))


def monte_carlo(sc: Scorecard, period: str, *, n: int = 500, seed: int = 0, step: int = 1) -> Uncertainty:
    """Judgment uncertainty: every judgment moves independently by up to ``step`` scale steps.

    Each above-diagonal entry of every node's comparison matrix (missing judgments count as 1, as
    in the weights) moves along the 17-value :data:`scorecard.method.ahp.SCALE` by k steps, k uniform in
    ``-step .. step``, clipped at 1/9 and 9 (an entry off the scale steps from its nearest scale
    value; k = 0 keeps it as is). Weights are recomputed with the scorecard's priority method
    (vectorised over the ``n`` samples), global weights and the index follow; OMAX levels do not
    depend on weights and are scored once. ``seed`` makes the run reproducible
    (``numpy.random.default_rng``).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    s = sc.settings
    method, ri, policy = s.priority_method, s.ri_table, s.cr_policy
    base_w = compute_weights(sc)
    base = score_period(sc, period, base_w)
    levels = _levels(base)
    rng = np.random.default_rng(seed)
    log_scale = np.log(np.asarray(ahp.SCALE))
    scale_arr = np.asarray(ahp.SCALE)
    top = len(ahp.SCALE) - 1

    local: dict[str, FloatArray] = {}  # child id -> (n,) local weight samples
    local_bands: dict[str, dict[str, Band]] = {}
    acceptable: dict[str, float] = {}
    for node in sc.nodes():
        nw = node_weights(sc, node, method, ri, policy)
        kids = nw.children
        if len(kids) == 0:
            continue
        if len(kids) == 1:
            local[kids[0]] = np.ones(n)
            continue
        a = nw.matrix
        k = len(kids)
        iu, ju = np.triu_indices(k, k=1)
        vals = a[iu, ju]
        pos = np.argmin(np.abs(log_scale[None, :] - np.log(vals)[:, None]), axis=1)
        moves = rng.integers(-step, step + 1, size=(n, len(vals)))
        new = np.where(moves == 0, vals[None, :], scale_arr[np.clip(pos[None, :] + moves, 0, top)])
        stack = np.ones((n, k, k))
        stack[:, iu, ju] = new
        stack[:, ju, iu] = 1.0 / new
        w, lam = ahp.batch_priorities(stack, method)
        if k > 2:
            cr = np.maximum((lam - k) / (k - 1), 0.0) / ahp.random_index(k, ri)
            acceptable[node] = float(np.mean(cr <= ahp.acceptance_threshold(k, policy) + 1e-12))
        else:
            acceptable[node] = 1.0
        local_bands[node] = {}
        for c_idx, c in enumerate(kids):
            local[c] = w[:, c_idx]
            local_bands[node][c] = _band(nw.weights[c_idx], w[:, c_idx])

    zeros = np.zeros(n)
    kpi_global: dict[str, FloatArray] = {}
    for p in sc.perspectives:
        gp = local.get(p.key, zeros)
        for o in sc.objectives_of(p.key):
            go = gp * local.get(o.code, zeros)
            for kp in sc.kpis_of(o.code):
                kpi_global[kp.code] = go * local.get(kp.code, zeros)
    index = np.zeros(n)
    for code, g in kpi_global.items():
        index += levels.get(code, 0.0) * g
    y, gr = _bands(sc)
    light_prob = {"red": float(np.mean(index < y)), "yellow": float(np.mean((index >= y) & (index < gr))),
                  "green": float(np.mean(index >= gr))}
    kpi_bands = {code: _band(base_w.global_.get(code, 0.0), g) for code, g in kpi_global.items()}
    return Uncertainty(period=period, n=n, seed=seed, step=step, index_band=_band(base.index, index),
                       light_probability=light_prob, kpi_bands=kpi_bands, local_bands=local_bands,
                       acceptable_share=acceptable, base_light=base.light, index_samples=index)

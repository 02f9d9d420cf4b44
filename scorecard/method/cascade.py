"""Cascading (METHOD §8): roll-up of a tree of scorecards, alignment checks and result chains.

A :class:`~scorecard.model.ScorecardTree` holds the office scorecard, its units' scorecards (any
depth), :class:`~scorecard.model.CascadeLink` rows (a unit's KPI or objective supports a KPI or
objective of the unit one level up) and employees' SKP rows (each supports a KPI of its unit).

Roll-up rules (the parent KPI's actual for period P from its supporters' actuals in P)
---------------------------------------------------------------------------------------
* ``sum``: the sum of the supporters' values; ``average``: their mean; ``weighted``: sum of
  weight x value / sum of weights (link weights); ``minimum``: the smallest value.
* ``latest``: for each supporter its value in the latest period at or before P (carried forward);
  the supporter whose value is the most recent wins, on a tie the last one listed.
* ``alignment``: no value flows; the parent keeps its own data (the link only shows the chain).
* Only supporters that reported a value count (``reported`` of ``len(supporters)``); a period in
  which no supporter reported keeps the parent's own value.
* Values flow only from KPIs (and SKP indicators) to KPIs, in the target KPI's unit: a link from
  or to an objective is alignment only (another rule there is an error). All value links into one
  KPI must use the same rule (else an error); ``alignment`` links into it are ignored for values.
* The roll-up *replaces* the parent's actual for scoring (marked ``computed``); a typed parent
  actual that differs from the roll-up by more than :data:`ROLLUP_TOLERANCE` (relative) is kept
  in ``typed`` and flagged ``disagrees``. Targets, anchors, weights and lights stay each unit's own.
* Bottom-up: employees first, then the deepest units, so a sub-unit's roll-up feeds its unit's.

Employees (SKP): capaian (%) per METHOD §7: higher is better realisasi / target x 100, lower is
better (2 - realisasi / target) x 100, floored at 0 and capped at the unit's ``capaian_cap`` (120 %
by default; :func:`scorecard.method.capaian.capaian_pct`, the one home of the rule); target 0 gives
none. An SKP row's light applies its unit's light bands to capaian / 10 (capaian 80 % reads as
level 8: green with the default bands; 40 % as level 4: yellow). No capaian is red.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

from scorecard.io.numbers import parse_period
from scorecard.io.tree_rules import has_kpi, has_objective, validate_tree
from scorecard.messages import Report
from scorecard.method import lights
from scorecard.method.capaian import capaian_pct
from scorecard.method.scoring import PeriodScore, actual_of, score_period
from scorecard.method.weights import compute_weights
from scorecard.model import Measurement, Scorecard, ScorecardTree, SkpIndicator

#: A typed parent actual differing from its roll-up by more than this share of it is flagged.
ROLLUP_TOLERANCE = 0.005
#: Capaian (%) is capped here (METHOD §7: 120 % is common).


# ---- results -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Supporter:
    """One value under a rolled-up KPI: a unit KPI (``employee`` "") or an employee's SKP row."""

    unit: str
    item: str
    value: float | None
    weight: float = 1.0
    employee: str = ""
    period: str = ""


@dataclass(frozen=True)
class RollUp:
    """A KPI actual computed from its supporters (see the module docstring)."""

    unit: str
    kpi: str
    period: str
    rule: str
    value: float | None
    supporters: tuple[Supporter, ...]
    typed: float | None = None
    disagrees: bool = False

    @property
    def reported(self) -> int:
        return sum(s.value is not None for s in self.supporters)


@dataclass(frozen=True)
class SkpResult:
    """An SKP row with its capaian (%) and light."""

    row: SkpIndicator
    capaian: float | None
    light: lights.Light


@dataclass(frozen=True)
class UnitResult:
    """One unit in one period: its scorecard with roll-ups applied, score, index and light."""

    code: str
    name: str
    parent: str | None
    depth: int
    scorecard: Scorecard
    score: PeriodScore | None
    rollups: dict[str, RollUp]

    @property
    def index(self) -> float | None:
        return None if self.score is None else self.score.index

    @property
    def light(self) -> lights.Light:
        return "red" if self.score is None else self.score.light

    def kpi_light(self, code: str) -> lights.Light | None:
        if self.score is None:
            return None
        ks = next((k for k in self.score.kpis if k.code == code), None)
        if ks is not None:
            return ks.light
        og = next((o for o in self.score.objectives if o.key == code), None)
        return None if og is None else og.light

    def kpi_actual(self, code: str) -> float | None:
        if self.score is None:
            return None
        ks = next((k for k in self.score.kpis if k.code == code), None)
        return None if ks is None else ks.actual


@dataclass(frozen=True)
class Trace:
    """A node of a result chain: a unit's KPI or objective, or an employee's SKP row."""

    kind: str  # "kpi", "objective", "skp"
    unit: str
    code: str
    label: str
    light: lights.Light | None
    actual: float | None = None
    target: float | None = None
    employee: str = ""
    children: tuple[Trace, ...] = ()

    def walk(self) -> list[Trace]:
        """This node and every node beneath it, depth first."""
        out = [self]
        for c in self.children:
            out += c.walk()
        return out


@dataclass(frozen=True)
class Alignment:
    """Gaps in the chain: (unit, KPI code) pairs."""

    supports_nothing: list[tuple[str, str]]  # unit KPIs that support nothing one level up
    unsupported: list[tuple[str, str]]  # KPIs of units with sub-units that no sub-unit supports
    no_employee: list[tuple[str, str]]  # KPIs of units with employees that no SKP row supports


@dataclass
class CascadeResult:
    """The rolled-up tree in one period; ``report`` holds the tree's validation problems."""

    tree: ScorecardTree
    period: str
    units: dict[str, UnitResult]
    skp: list[SkpResult]
    report: Report = field(default_factory=Report)

    # ---- looking down ----------------------------------------------------------------------------
    def beneath(self, unit: str, code: str, lang: str = "en") -> Trace:
        """The KPI or objective ``code`` of ``unit`` with everything that supports it, down to SKP rows."""
        return _trace_down(self, unit, code, lang, set())

    def red_kpis(self, unit: str) -> list[str]:
        ur = self.units[unit]
        return [] if ur.score is None else [k.code for k in ur.score.kpis if k.light == "red"]

    # ---- looking up ------------------------------------------------------------------------------
    def chains(self, employee: str, lang: str = "en") -> list[list[Trace]]:
        """Every path from the employee's SKP rows (this period) up to an office objective, bottom first."""
        out: list[list[Trace]] = []
        for r in self.skp:
            if r.row.employee != employee:
                continue
            start = Trace("skp", r.row.unit, r.row.code, f"{r.row.code} {r.row.indicator}", r.light,
                          r.row.actual, r.row.target, employee)
            if not r.row.supports:
                out.append([start])
                continue
            for path in _paths_up(self, r.row.unit, r.row.supports, lang, set()):
                out.append([start, *path])
        return out

    def alignment(self) -> Alignment:
        return alignment(self.tree)


# ---- validation ----------------------------------------------------------------------------------

def combine(rule: str, supporters: list[Supporter]) -> float | None:
    """The parent value by ``rule`` from the supporters that have a value (None when none has)."""
    have = [s for s in supporters if s.value is not None]
    if not have or rule == "alignment":
        return None
    vals = [float(s.value) for s in have]  # type: ignore[arg-type]
    if rule == "sum":
        return sum(vals)
    if rule == "average":
        return sum(vals) / len(vals)
    if rule == "weighted":
        total = sum(s.weight for s in have)
        return sum(s.weight * v for s, v in zip(have, vals, strict=True)) / total if total > 0 else None
    if rule == "minimum":
        return min(vals)
    if rule == "latest":
        best = max(range(len(have)), key=lambda i: (parse_period(have[i].period).sort_key, i))
        return vals[best]
    raise ValueError(f"unknown contribution rule {rule!r}")


def disagrees(typed: float | None, rolled: float | None, tol: float = ROLLUP_TOLERANCE) -> bool:
    """True when a typed parent value differs from its roll-up by more than ``tol`` of the larger."""
    if typed is None or rolled is None:
        return False
    return abs(typed - rolled) > tol * max(abs(typed), abs(rolled), 1e-12)


# ---- roll-up -------------------------------------------------------------------------------------

def _depths(tree: ScorecardTree) -> dict[str, int]:
    return {u.code: len(tree.ancestors(u.code)) for u in tree.units}


class _Series:
    """Actual values by (unit, kpi) -> {period: value} of the (already rolled-up) scorecards."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], dict[str, float | None]] = {}

    def add(self, unit: str, sc: Scorecard) -> None:
        kpis = {k.code: k for k in sc.kpis}
        for m in sc.measurements:
            k = kpis.get(m.kpi)
            if k is not None:
                self.values.setdefault((unit, m.kpi), {})[m.period] = actual_of(k, m)

    def at(self, unit: str, kpi: str, period: str, latest: bool) -> tuple[float | None, str]:
        series = self.values.get((unit, kpi), {})
        if not latest or series.get(period) is not None:
            return series.get(period), period
        key = parse_period(period).sort_key
        best = [(parse_period(p).sort_key, p) for p, v in series.items() if v is not None
                and parse_period(p).sort_key <= key]
        if not best:
            return None, period
        p = max(best)[1]
        return series[p], p


def rollup(tree: ScorecardTree) -> tuple[dict[str, Scorecard], dict[str, dict[tuple[str, str], RollUp]]]:
    """Every unit's scorecard with roll-ups applied, and the roll-ups by unit -> (kpi, period).

    Units are processed deepest first, so each unit's values are final before its parent reads them."""
    depth = _depths(tree)
    series = _Series()
    done: dict[str, Scorecard] = {}
    rolled: dict[str, dict[tuple[str, str], RollUp]] = {}
    into: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # unit -> kpi -> links / skp rows
    parent_of = {u.code: u.parent for u in tree.units}
    for ln in tree.links:
        if ln.rule != "alignment" and parent_of.get(ln.unit):
            into[parent_of[ln.unit]][ln.target].append(ln)
    for r in tree.skp:
        if r.rule != "alignment" and r.supports:
            into[r.unit][r.supports].append(r)
    for u in sorted(tree.units, key=lambda x: -depth[x.code]):
        incoming = into.get(u.code, {})
        kpis = {k.code: k for k in u.scorecard.kpis}
        sc = u.scorecard
        mine: dict[tuple[str, str], RollUp] = {}
        if incoming:
            # a shallow copy with its own measurement list: measurements are replaced, never changed in place
            sc = dataclasses.replace(u.scorecard, measurements=list(u.scorecard.measurements))
            meas = {(m.kpi, m.period): i for i, m in enumerate(sc.measurements)}
            for code, sources in incoming.items():
                if code not in kpis:
                    continue
                for period, ru in _rollups_of(u.code, code, sources, series).items():
                    i = meas.get((code, period))
                    old = sc.measurements[i] if i is not None else Measurement(code, period)
                    typed = actual_of(kpis[code], old) if i is not None else None
                    ru = dataclasses.replace(ru, typed=typed, disagrees=disagrees(typed, ru.value))
                    new = dataclasses.replace(old, actual=ru.value, actual_text="", numerator=None, denominator=None)
                    if i is None:
                        meas[(code, period)] = len(sc.measurements)
                        sc.measurements.append(new)
                    else:
                        sc.measurements[i] = new
                    mine[(code, period)] = ru
        done[u.code] = sc
        rolled[u.code] = mine
        series.add(u.code, sc)
    return done, rolled


def _rollups_of(unit: str, kpi: str, sources: list, series: _Series) -> dict[str, RollUp]:
    rule = sources[0].rule
    latest = rule == "latest"
    periods: set[str] = set()
    skp_by_period: dict[str, list[SkpIndicator]] = defaultdict(list)
    links = []
    for s in sources:
        if isinstance(s, SkpIndicator):
            periods.add(s.period)
            skp_by_period[s.period].append(s)
        else:
            links.append(s)
            periods.update(p for p, v in series.values.get((s.unit, s.item), {}).items() if v is not None)
    out: dict[str, RollUp] = {}
    for period in sorted(periods, key=lambda p: parse_period(p).sort_key):
        sup: list[Supporter] = []
        for ln in links:
            value, at = series.at(ln.unit, ln.item, period, latest)
            sup.append(Supporter(ln.unit, ln.item, value, ln.weight, "", at))
        for r in skp_by_period.get(period, []):
            sup.append(Supporter(r.unit, r.code, r.actual, r.weight, r.employee, r.period))
        value = combine(rule, sup)
        if value is not None:
            out[period] = RollUp(unit, kpi, period, rule, value, tuple(sup))
    return out


def latest_period(tree: ScorecardTree, scorecards: dict[str, Scorecard] | None = None) -> str | None:
    """The office's latest period (after roll-ups when ``scorecards`` is given)."""
    root = next((u for u in tree.units if u.parent is None), tree.units[0] if tree.units else None)
    if root is None:
        return None
    sc = (scorecards or {}).get(root.code, root.scorecard)
    periods = sc.periods()
    return periods[-1] if periods else None


def evaluate(tree: ScorecardTree, period: str | None = None) -> CascadeResult:
    """Roll the tree up and score every unit in ``period`` (default: the office's latest period)."""
    report = validate_tree(tree)
    scs, rolled = rollup(tree) if report.ok else ({u.code: u.scorecard for u in tree.units}, {})
    if period is None:
        period = latest_period(tree, scs) or ""
    depth = _depths(tree)
    units: dict[str, UnitResult] = {}
    for u in tree.units:
        sc = scs[u.code]
        score = score_period(sc, period, compute_weights(sc)) if period in sc.periods() else None
        ru = {k: v for (k, p), v in rolled.get(u.code, {}).items() if p == period}
        units[u.code] = UnitResult(u.code, u.name, u.parent, depth[u.code], sc, score, ru)
    skp = []
    for r in tree.skp:
        if r.period != period:
            continue
        s = scs[r.unit].settings if r.unit in scs else None
        c = capaian_pct(r.target, r.actual, r.direction, s.capaian_cap if s else 120.0)
        bands = (s.yellow_from, s.green_from) if s else (4.0, 8.0)
        skp.append(SkpResult(r, c, lights.classify(None if c is None else c / 10, *bands)))
    return CascadeResult(tree, period, units, skp, report)


# ---- chains --------------------------------------------------------------------------------------

def _label(sc: Scorecard, code: str, lang: str) -> str:
    return sc.node_label(code, lang)


def _node(res: CascadeResult, unit: str, code: str, lang: str, children: tuple[Trace, ...] = ()) -> Trace:
    ur = res.units[unit]
    kind = "kpi" if has_kpi(ur.scorecard, code) else "objective"
    m = ur.scorecard.measurement(code, res.period) if kind == "kpi" else None
    return Trace(kind, unit, code, _label(ur.scorecard, code, lang), ur.kpi_light(code), ur.kpi_actual(code),
                 None if m is None else m.target, "", children)


def _trace_down(res: CascadeResult, unit: str, code: str, lang: str, seen: set) -> Trace:
    seen = seen | {(unit, code)}
    sc = res.units[unit].scorecard
    targets = {code}
    if has_objective(sc, code):
        targets |= {k.code for k in sc.kpis_of(code)}
    kids: list[Trace] = []
    for child in res.tree.children(unit):
        for ln in res.tree.links:
            if ln.unit == child.code and ln.target in targets and (child.code, ln.item) not in seen:
                kids.append(_trace_down(res, child.code, ln.item, lang, seen))
    for r in res.skp:
        if r.row.unit == unit and r.row.supports in targets:
            kids.append(Trace("skp", unit, r.row.code, f"{r.row.person}: {r.row.indicator}", r.light, r.row.actual,
                              r.row.target, r.row.employee))
    return _node(res, unit, code, lang, tuple(kids))


def _paths_up(res: CascadeResult, unit: str, code: str, lang: str, seen: set) -> list[list[Trace]]:
    """Paths from (unit, code) up to an office objective, bottom first."""
    if (unit, code) in seen:
        return []
    seen = seen | {(unit, code)}
    here = _node(res, unit, code, lang)
    sc = res.units[unit].scorecard
    up = [ln for ln in res.tree.links if ln.unit == unit and ln.item == code]
    if here.kind == "kpi":
        obj = sc.kpi(code).objective
        if not up:  # the KPI's own objective carries the chain on
            return [[here, *p] for p in _paths_up(res, unit, obj, lang, seen)]
    parent = res.tree.unit(unit).parent
    if not up or parent is None:
        return [[here]]
    out: list[list[Trace]] = []
    for ln in up:
        for p in _paths_up(res, parent, ln.target, lang, seen):
            out.append([here, *p])
    return out


def alignment(tree: ScorecardTree) -> Alignment:
    """The gaps in a tree's chain (see :class:`Alignment`); a link to or from an objective counts for its KPIs."""
    linked_from = {(ln.unit, ln.item) for ln in tree.links}
    parent_of = {u.code: u.parent for u in tree.units}
    linked_to = {(parent_of.get(ln.unit), ln.target) for ln in tree.links}
    skp_to = {(r.unit, r.supports) for r in tree.skp if r.supports}
    with_skp = {r.unit for r in tree.skp}
    nothing, unsupported, no_emp = [], [], []
    for u in tree.units:
        has_kids = bool(tree.children(u.code))
        for k in u.scorecard.kpis:
            if u.parent is not None and (u.code, k.code) not in linked_from and (u.code, k.objective) not in linked_from:
                nothing.append((u.code, k.code))
            if has_kids and (u.code, k.code) not in linked_to and (u.code, k.objective) not in linked_to:
                unsupported.append((u.code, k.code))
            if u.code in with_skp and (u.code, k.code) not in skp_to:
                no_emp.append((u.code, k.code))
    return Alignment(nothing, unsupported, no_emp)

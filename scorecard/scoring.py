"""Scoring a period (METHOD §3-§5): scales, levels, values, subtotals, index and lights.

* value of a KPI = level x global weight; perspective subtotal = sum of its KPI values;
  performance index = sum of all values (0..10).
* The status level of an objective is the weighted mean level of its KPIs (KPI local weights);
  of a perspective, its subtotal divided by its weight. Both get lights from the same bands.
* Baseline (OMAX level 3) of period t = the measurement's explicit ``baseline`` if given, else the
  actual of the previous period of the same kind (year, quarter, month), else unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import lights
from .messages import Msg, Problem, msg
from .model import KPI, Measurement, Scorecard
from .numbers import parse_period, previous_period, ratio_value
from .omax import Scale, build_scale, default_anchors
from .weights import Weights, compute_weights


@dataclass(frozen=True)
class KpiScore:
    """One KPI in one period. ``level`` is None when it could not be scored (then value 0)."""

    code: str
    objective: str
    perspective: str
    period: str
    actual: float | None
    actual_text: str
    target: float | None
    baseline: float | None
    scale: Scale
    level: float | None
    local_weight: float
    global_weight: float
    value: float
    light: lights.Light
    warnings: tuple[Msg, ...] = ()


@dataclass(frozen=True)
class GroupScore:
    """An objective or a perspective: its global weight, subtotal of KPI values, status level."""

    key: str
    weight: float
    subtotal: float
    level: float | None
    light: lights.Light


@dataclass(frozen=True)
class PeriodScore:
    """Everything the product shows for one period."""

    period: str
    kpis: list[KpiScore]
    objectives: list[GroupScore]
    perspectives: list[GroupScore]
    index: float
    light: lights.Light
    warnings: list[Problem] = field(default_factory=list)

    def kpi(self, code: str) -> KpiScore:
        return next(k for k in self.kpis if k.code == code)

    def objective(self, code: str) -> GroupScore:
        return next(o for o in self.objectives if o.key == code)

    def perspective(self, key: str) -> GroupScore:
        return next(p for p in self.perspectives if p.key == key)

    def by_light(self, light: str) -> list[KpiScore]:
        return [k for k in self.kpis if k.light == light]


def actual_of(kpi: KPI, m: Measurement | None) -> float | None:
    """The number to score: the ratio part the KPI asks for when the actual was typed "a/b"."""
    if m is None:
        return None
    if m.numerator is not None and m.denominator is not None:
        return ratio_value_of(kpi, m)
    return m.actual


def ratio_value_of(kpi: KPI, m: Measurement) -> float | None:
    from .numbers import Parsed

    parsed = Parsed(value=m.numerator, kind="ratio", numerator=m.numerator, denominator=m.denominator,
                    unit=kpi.unit, text=m.actual_text, warnings=(), error=None)
    return ratio_value(parsed, kpi.ratio_use)


class _Lookup:
    """Indexes of a scorecard for scoring many KPIs and periods without quadratic scans."""

    def __init__(self, sc: Scorecard) -> None:
        self.meas = {(m.kpi, m.period): m for m in sc.measurements}
        self.anchors: dict[str, list] = {}
        for a in sc.anchors:
            self.anchors.setdefault(a.kpi, []).append(a)
        periods = [parse_period(p) for p in sc.periods()]
        self.previous = {p.label: (prev.label if (prev := previous_period(p, periods)) else None)
                         for p in periods}

    def custom_anchors(self, kpi: str, period: str) -> dict[int, float]:
        mine = self.anchors.get(kpi, ())
        out = {a.level: a.value for a in mine if a.period is None}
        out.update({a.level: a.value for a in mine if a.period == period})
        return out


def baseline_for(sc: Scorecard, kpi: KPI, period: str, lookup: _Lookup | None = None) -> float | None:
    """Level-3 value for ``period``: explicit baseline, else the previous period's actual."""
    lk = lookup or _Lookup(sc)
    m = lk.meas.get((kpi.code, period))
    if m is not None and m.baseline is not None:
        return m.baseline
    prev = lk.previous.get(period)
    if prev is None:
        return None
    return actual_of(kpi, lk.meas.get((kpi.code, prev)))


def scale_for(sc: Scorecard, kpi: KPI, period: str, lookup: _Lookup | None = None) -> Scale:
    """The OMAX scale of a KPI in a period: default anchors merged with the custom ones."""
    lk = lookup or _Lookup(sc)
    m = lk.meas.get((kpi.code, period))
    target = m.target if m is not None else None
    anchors: dict[int, float | None] = default_anchors(target, baseline_for(sc, kpi, period, lk), kpi.worst)
    custom = lk.custom_anchors(kpi.code, period)
    anchors.update(custom)
    return build_scale(anchors, kpi.direction, defaults=not custom)


def score_period(sc: Scorecard, period: str, weights: Weights | None = None,
                 lookup: _Lookup | None = None) -> PeriodScore:
    """Score every KPI of ``period`` with ``weights`` (computed from the judgments when None)."""
    w = weights if weights is not None else compute_weights(sc)
    lk = lookup or _Lookup(sc)
    s = sc.settings
    bands = (s.yellow_from, s.green_from)
    kscores: list[KpiScore] = []
    problems: list[Problem] = []
    obj_persp = {o.code: o.perspective for o in sc.objectives}
    for k in sc.kpis:
        m = lk.meas.get((k.code, period))
        scale = scale_for(sc, k, period, lk)
        actual = actual_of(k, m)
        level = scale.level(actual)
        gw = w.global_.get(k.code, 0.0)
        notes: list[Msg] = []
        if scale.problem is not None:
            notes.append(scale.problem)
            problems.append(Problem("warning", Msg(scale.problem.code, f"{k.code} ({period}): {scale.problem.en}",
                                                   f"{k.code} ({period}): {scale.problem.id}"), scale.fix))
        elif 3 not in scale.anchors and scale.scorable:
            notes.append(msg("omax.no_baseline",
                             "No baseline (no previous period): scored on a straight line from worst to target.",
                             "Tidak ada baseline (tidak ada periode sebelumnya): dinilai dengan garis lurus dari "
                             "nilai terburuk ke target."))
        if actual is None:
            note = msg("score.no_actual", "{k} ({p}): no actual value; counted as level 0.",
                       "{k} ({p}): belum ada realisasi; dihitung sebagai level 0.", k=k.code, p=period)
            notes.append(note)
            problems.append(Problem("warning", note))
        kscores.append(KpiScore(
            code=k.code, objective=k.objective, perspective=obj_persp.get(k.objective, ""), period=period,
            actual=actual, actual_text=(m.actual_text if m is not None else ""),
            target=(m.target if m is not None else None), baseline=scale.requested.get(3),
            scale=scale, level=level, local_weight=w.local.get(k.code, 0.0), global_weight=gw,
            value=(level or 0.0) * gw, light=lights.classify(level, *bands), warnings=tuple(notes)))
    by_obj: dict[str, list[KpiScore]] = {}
    by_persp: dict[str, list[KpiScore]] = {}
    for x in kscores:
        by_obj.setdefault(x.objective, []).append(x)
        by_persp.setdefault(x.perspective, []).append(x)
    objectives: list[GroupScore] = []
    for o in sc.objectives:
        ks = by_obj.get(o.code, [])
        lvl = sum((x.level or 0.0) * x.local_weight for x in ks) if ks else None
        objectives.append(GroupScore(o.code, w.global_.get(o.code, 0.0), sum(x.value for x in ks), lvl,
                                     lights.classify(lvl, *bands)))
    perspectives: list[GroupScore] = []
    for p in sc.perspectives:
        sub = sum(x.value for x in by_persp.get(p.key, []))
        pw = w.global_.get(p.key, 0.0)
        lvl = sub / pw if pw > 0 else None
        perspectives.append(GroupScore(p.key, pw, sub, lvl, lights.classify(lvl, *bands)))
    index = sum(x.value for x in kscores)
    return PeriodScore(period, kscores, objectives, perspectives, index, lights.classify(index, *bands), problems)


def score_all(sc: Scorecard, weights: Weights | None = None) -> dict[str, PeriodScore]:
    """Every period, in time order, with the same weights."""
    w = weights if weights is not None else compute_weights(sc)
    lk = _Lookup(sc)
    return {p: score_period(sc, p, w, lk) for p in sc.periods()}

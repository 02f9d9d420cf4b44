"""Scoring a period (METHOD §3-§5): scales, levels, values, subtotals, index and lights.

* value of a KPI = level x global weight; perspective subtotal = sum of its KPI values;
  performance index = sum of all values (0..10).
* The status level of an objective is the weighted mean level of its KPIs (KPI local weights);
  of a perspective, its subtotal divided by its weight. Both get lights from the same bands.
* Baseline (OMAX level 3) of period t = the measurement's explicit ``baseline`` if given, else the
  actual of the previous period of the same kind (year, quarter, month), else unknown.

Two paths give the same scores. :func:`score_period` is the plain one: one KPI at a time with
:func:`~scorecard.method.omax.build_scale` and :meth:`~scorecard.method.omax.Scale.level`. :func:`score_all` and
:func:`score_table` score every period in one pass: the inputs are gathered into numpy arrays
(periods x KPIs x 11 levels) and run through :func:`~scorecard.method.omax.scale_arrays` and
:func:`~scorecard.method.omax.levels_of` (the same rules, vectorised). ``score_all`` then builds the
same objects as ``score_period``; ``score_table`` stops at arrays (levels, values, lights,
subtotals and the index of every period), which is what charts over many periods need.
``tests/test_scoring_fast.py`` checks both against ``score_period``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter

import numpy as np

from scorecard.io.numbers import parse_period, previous_period, ratio_value
from scorecard.messages import Msg, Problem, msg
from scorecard.method import lights
from scorecard.method.omax import Scale, build_scale, build_scales, default_anchors, levels_of, scale_arrays
from scorecard.method.weights import Weights, compute_weights, period_weights
from scorecard.model import KPI, Measurement, Scorecard


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
    from scorecard.io.numbers import Parsed

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
        mine = self.anchors.get(kpi)
        if not mine:
            return {}
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


def _requested(sc: Scorecard, kpi: KPI, period: str, lk: _Lookup) -> tuple[dict[int, float | None], bool]:
    """The anchors asked for (defaults merged with the custom ones) and whether they are all defaults."""
    m = lk.meas.get((kpi.code, period))
    target = m.target if m is not None else None
    anchors: dict[int, float | None] = default_anchors(target, baseline_for(sc, kpi, period, lk), kpi.worst)
    custom = lk.custom_anchors(kpi.code, period)
    anchors.update(custom)
    return anchors, not custom


def scale_for(sc: Scorecard, kpi: KPI, period: str, lookup: _Lookup | None = None) -> Scale:
    """The OMAX scale of a KPI in a period: default anchors merged with the custom ones."""
    anchors, defaults = _requested(sc, kpi, period, lookup or _Lookup(sc))
    return build_scale(anchors, kpi.direction, defaults=defaults)


_NO_BASELINE = msg("omax.no_baseline",
                   "No baseline (no previous period): scored on a straight line from worst to target.",
                   "Tidak ada baseline (tidak ada periode sebelumnya): dinilai dengan garis lurus dari "
                   "nilai terburuk ke target.")


def _is_measured(m: Measurement | None) -> bool:
    """A KPI was measured in a period when its row there has a target or an actual (partial data:
    see :func:`scorecard.method.weights.period_weights`)."""
    return m is not None and (m.target is not None or m.actual is not None or m.numerator is not None)


def measured_in(sc: Scorecard, period: str, lookup: _Lookup | None = None) -> set[str]:
    """Codes of the KPIs measured in ``period``."""
    lk = lookup or _Lookup(sc)
    return {k.code for k in sc.kpis if _is_measured(lk.meas.get((k.code, period)))}


def _kpi_score(k: KPI, period: str, m: Measurement | None, scale: Scale, actual: float | None,
               level: float | None, w: Weights, perspective: str, bands: tuple[float, float],
               problems: list[Problem]) -> KpiScore:
    """One KPI's score with its notes (shared by both paths); appends its problems to ``problems``."""
    gw = w.global_.get(k.code, 0.0)
    notes: list[Msg] = []
    if scale.problem is not None:
        notes.append(scale.problem)
        problems.append(Problem("warning", Msg(scale.problem.code, f"{k.code} ({period}): {scale.problem.en}",
                                               f"{k.code} ({period}): {scale.problem.id}"), scale.fix))
    elif 3 not in scale.anchors and scale.scorable:
        notes.append(_NO_BASELINE)
    if not _is_measured(m):
        note = msg("score.not_measured", "{k} ({p}): not measured in this period; left out, its weight goes to the "
                   "measured KPIs of its objective.", "{k} ({p}): tidak diukur pada periode ini; tidak dihitung, "
                   "bobotnya dibagikan ke IKU lain yang diukur dalam sasarannya.", k=k.code, p=period)
        notes.append(note)
        problems.append(Problem("warning", note))
    elif actual is None:
        note = msg("score.no_actual", "{k} ({p}): no actual value; counted as level 0.",
                   "{k} ({p}): belum ada realisasi; dihitung sebagai level 0.", k=k.code, p=period)
        notes.append(note)
        problems.append(Problem("warning", note))
    return KpiScore(
        code=k.code, objective=k.objective, perspective=perspective, period=period,
        actual=actual, actual_text=(m.actual_text if m is not None else ""),
        target=(m.target if m is not None else None), baseline=scale.requested.get(3),
        scale=scale, level=level, local_weight=w.local.get(k.code, 0.0), global_weight=gw,
        value=(level or 0.0) * gw, light=lights.classify(level, *bands), warnings=tuple(notes))


def _assemble(sc: Scorecard, period: str, w: Weights, kscores: list[KpiScore], problems: list[Problem],
              bands: tuple[float, float]) -> PeriodScore:
    """Objective and perspective subtotals, status levels and lights, and the index (both paths)."""
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


def score_period(sc: Scorecard, period: str, weights: Weights | None = None,
                 lookup: _Lookup | None = None) -> PeriodScore:
    """Score every KPI of ``period`` with ``weights`` (computed from the judgments when None)."""
    lk = lookup or _Lookup(sc)
    w = period_weights(sc, weights if weights is not None else compute_weights(sc), measured_in(sc, period, lk))
    s = sc.settings
    bands = (s.yellow_from, s.green_from)
    kscores: list[KpiScore] = []
    problems: list[Problem] = []
    obj_persp = {o.code: o.perspective for o in sc.objectives}
    for k in sc.kpis:
        m = lk.meas.get((k.code, period))
        scale = scale_for(sc, k, period, lk)
        actual = actual_of(k, m)
        kscores.append(_kpi_score(k, period, m, scale, actual, scale.level(actual), w,
                                  obj_persp.get(k.objective, ""), bands, problems))
    return _assemble(sc, period, w, kscores, problems, bands)


# ---- all periods in one pass ---------------------------------------------------------------------

def _column(objs: list, name: str) -> list:
    return list(map(attrgetter(name), objs))


def _given(raw: list) -> np.ndarray:
    """``[v is not None for v in raw]`` as a bool array (fast when no value is an explicit NaN)."""
    mask = ~np.isnan(np.array(raw, dtype=float))
    if raw.count(None) != len(raw) - int(mask.sum()):
        mask = np.array([v is not None for v in raw], dtype=bool)
    return mask


class _Grid:
    """The scoring inputs of every (period, KPI) as arrays: row ``j * K + i`` is period j, KPI i.

    ``anchors`` (P*K, 11) holds the requested anchors (NaN = none): target at 10, baseline at 3
    (explicit, else the previous period's actual, the rule of :func:`baseline_for`), the KPI's
    worst at 0, then the custom anchors (:meth:`_Lookup.custom_anchors` order: for every period
    first, period-specific ones win). ``actual`` is :func:`actual_of` (NaN = None).
    """

    def __init__(self, sc: Scorecard) -> None:
        self.periods = sc.periods()
        self.kpis = sc.kpis
        P, K = len(self.periods), len(self.kpis)
        # measurements are keyed by KPI code: gather per distinct code (C columns), then give
        # every KPI its code's column (KPIs sharing a code share its measurements, as in _Lookup)
        codes = list(dict.fromkeys(k.code for k in self.kpis))
        C = len(codes)
        cidx = {c: n for n, c in enumerate(codes)}
        col = np.fromiter((cidx[k.code] for k in self.kpis), dtype=np.int64, count=K)
        pidx = {p: j for j, p in enumerate(self.periods)}
        ms = sc.measurements
        ci = np.fromiter(map(cidx.get, _column(ms, "kpi"), repeat(-1)), dtype=np.int64, count=len(ms))
        pj = np.fromiter(map(pidx.__getitem__, _column(ms, "period")), dtype=np.int64, count=len(ms))
        flat = pj * C + ci
        # one measurement per (code, period): the last one wins, as in _Lookup
        rows = np.flatnonzero(ci >= 0)
        if len(np.unique(flat[rows])) != len(rows):
            _, first_rev = np.unique(flat[rows][::-1], return_index=True)
            rows = rows[::-1][first_rev]
        cells = flat[rows]

        def grid(raw: list | np.ndarray, fill: object = np.nan, dtype: type = float) -> np.ndarray:
            """A (P, K) array of a measurement field (``fill`` where there is no measurement)."""
            out = np.full(P * C, fill, dtype=dtype)
            out[cells] = np.asarray(raw, dtype=dtype)[rows]
            out = out.reshape(P, C)
            return out if C == K and (col == np.arange(K)).all() else out[:, col]

        target, actual = grid(_column(ms, "target")), grid(_column(ms, "actual"))
        raw_baseline = _column(ms, "baseline")
        baseline = grid(raw_baseline)
        has_baseline = grid(_given(raw_baseline), False, bool)
        # "a/b" actuals: the part the KPI scores (few rows, done one by one with actual_of)
        nums, dens = _column(ms, "numerator"), _column(ms, "denominator")
        if nums.count(None) != len(ms) and dens.count(None) != len(ms):
            kept = np.zeros(len(ms), dtype=bool)
            kept[rows] = True
            by_code: dict[int, list[int]] = {}
            for i, c in enumerate(col.tolist()):
                by_code.setdefault(c, []).append(i)
            for r in np.flatnonzero(kept & _given(nums) & _given(dens)).tolist():
                for i in by_code[int(ci[r])]:
                    a = actual_of(self.kpis[i], ms[r])
                    actual[pj[r], i] = np.nan if a is None else a
        # baseline: explicit, else the previous period's actual (same kind of period)
        parsed = [parse_period(p) for p in self.periods]
        prev = np.array([pidx[q.label] if (q := previous_period(p, parsed)) else -1 for p in parsed],
                        dtype=np.int64)
        prev_actual = np.where((prev >= 0)[:, None], actual[np.maximum(prev, 0)], np.nan)
        worst = np.array([np.nan if k.worst is None else k.worst for k in self.kpis], dtype=float)
        anchors = np.full((11, P, K), np.nan)  # level-major, so each level is one contiguous vector
        anchors[10] = target
        anchors[3] = np.where(has_baseline, baseline, prev_actual)
        anchors[0] = worst[None, :]
        kpis_of_code: dict[str, list[int]] = {}
        for i, k in enumerate(self.kpis):
            kpis_of_code.setdefault(k.code, []).append(i)
        general = [a for a in sc.anchors if a.period is None]
        specific = [a for a in sc.anchors if a.period is not None]
        for a in general + specific:
            if a.kpi not in kpis_of_code or (a.period is not None and a.period not in pidx):
                continue
            j = slice(None) if a.period is None else pidx[a.period]
            anchors[a.level, j, kpis_of_code[a.kpi]] = np.nan if a.value is None else a.value
        self.anchors = anchors.reshape(11, P * K).T  # (P*K, 11) view
        self.actual = actual.reshape(-1)
        self.higher = np.tile(np.array([k.direction == "higher" for k in self.kpis], dtype=bool), P)

    @staticmethod
    def usable(sc: Scorecard) -> bool:
        """False when custom anchors sit at levels that are not integers 0..10 (then the plain path
        runs and :func:`~scorecard.method.omax.build_scale` raises its own error)."""
        return all(type(a.level) is int and 0 <= a.level <= 10 for a in sc.anchors)


@dataclass(frozen=True, eq=False)
class ScoreTable:
    """Scores of every KPI in every period as arrays (rows = periods in time order, columns = KPIs,
    objectives or perspectives in the scorecard's order). NaN where :class:`PeriodScore` has None.

    ``level``/``value``/``light`` per KPI; ``objective_level``/``objective_subtotal``/
    ``objective_light`` and the same for perspectives; ``index``/``index_light`` per period.
    ``status`` is the scale's status per KPI (:data:`scorecard.method.omax.VALID`, ``WORST_TARGET``,
    ``PASS_FAIL``, ``UNSCORABLE``). Sums are numpy sums, so they can differ from ``score_period``'s
    in the last bits (levels and lights do not).
    """

    periods: tuple[str, ...]
    kpis: tuple[str, ...]
    objectives: tuple[str, ...]
    perspectives: tuple[str, ...]
    level: np.ndarray
    value: np.ndarray
    light: np.ndarray
    status: np.ndarray
    objective_level: np.ndarray
    objective_subtotal: np.ndarray
    objective_light: np.ndarray
    perspective_level: np.ndarray
    perspective_subtotal: np.ndarray
    perspective_light: np.ndarray
    index: np.ndarray
    index_light: np.ndarray


def _light_grid(levels: np.ndarray, bands: tuple[float, float]) -> np.ndarray:
    """:func:`lights.classify` of every cell (the rule stays there), as a str array of the same shape."""
    classify, y, g = lights.classify, bands[0], bands[1]
    flat = [classify(None if x != x else x, y, g) for x in levels.ravel().tolist()]
    return np.array(flat, dtype="<U6").reshape(levels.shape)


def score_table(sc: Scorecard, weights: Weights | None = None) -> ScoreTable:
    """Levels, values, lights, subtotals and the index of every period, in one vectorised pass."""
    w = weights if weights is not None else compute_weights(sc)
    if not _Grid.usable(sc):
        for a in sc.anchors:  # raise build_scale's own error for a bad anchor level
            build_scale({a.level: a.value}, "higher")
    g = _Grid(sc)
    P, K = len(g.periods), len(g.kpis)
    values, status = scale_arrays(g.anchors, g.higher)
    level = levels_of(values, g.higher, status, g.actual).reshape(P, K)
    s = sc.settings
    bands = (s.yellow_from, s.green_from)
    lk = _Lookup(sc)
    wps = [period_weights(sc, w, measured_in(sc, p, lk)) for p in g.periods]  # (P, K) weights: partial data
    gw = np.array([[wp.global_.get(k.code, 0.0) for k in g.kpis] for wp in wps], dtype=float).reshape(P, K)
    lw = np.array([[wp.local.get(k.code, 0.0) for k in g.kpis] for wp in wps], dtype=float).reshape(P, K)
    lvl0 = np.nan_to_num(level, nan=0.0)
    value = lvl0 * gw
    obj_index = {o.code: n for n, o in enumerate(sc.objectives)}
    obj_persp = {o.code: o.perspective for o in sc.objectives}
    persp_index = {p.key: n for n, p in enumerate(sc.perspectives)}
    m_obj = np.zeros((K, len(sc.objectives)))
    m_persp = np.zeros((K, len(sc.perspectives)))
    for i, k in enumerate(g.kpis):
        if k.objective in obj_index:
            m_obj[i, obj_index[k.objective]] = 1.0
        pk = obj_persp.get(k.objective, "")
        if pk in persp_index:
            m_persp[i, persp_index[pk]] = 1.0
    has_kpis = m_obj.sum(axis=0) > 0
    # einsum, not @: a BLAS call wakes OpenBLAS threads, which costs tens of ms on a busy machine
    obj_level = np.where(has_kpis, np.einsum("pk,ko->po", lvl0 * lw, m_obj), np.nan)
    obj_sub = np.einsum("pk,ko->po", value, m_obj)
    persp_sub = np.einsum("pk,ko->po", value, m_persp)
    pw = np.array([[wp.global_.get(p.key, 0.0) for p in sc.perspectives] for wp in wps],
                  dtype=float).reshape(P, len(sc.perspectives))
    with np.errstate(invalid="ignore", divide="ignore"):
        persp_level = np.where(pw > 0, persp_sub / np.where(pw > 0, pw, 1.0), np.nan)
    index = value.sum(axis=1)
    return ScoreTable(
        periods=tuple(g.periods), kpis=tuple(k.code for k in g.kpis),
        objectives=tuple(o.code for o in sc.objectives), perspectives=tuple(p.key for p in sc.perspectives),
        level=level, value=value, light=_light_grid(level, bands), status=status.reshape(P, K),
        objective_level=obj_level, objective_subtotal=obj_sub, objective_light=_light_grid(obj_level, bands),
        perspective_level=persp_level, perspective_subtotal=persp_sub,
        perspective_light=_light_grid(persp_level, bands), index=index, index_light=_light_grid(index, bands))


def score_all(sc: Scorecard, weights: Weights | None = None) -> dict[str, PeriodScore]:
    """Every period, in time order, with the same weights (equal to ``score_period`` of each period).

    Scales and levels of all periods are computed in one vectorised pass; the objects are then
    assembled exactly as :func:`score_period` assembles them.
    """
    w = weights if weights is not None else compute_weights(sc)
    lk = _Lookup(sc)
    if not _Grid.usable(sc):
        return {p: score_period(sc, p, w, lk) for p in sc.periods()}
    g = _Grid(sc)
    values, status = scale_arrays(g.anchors, g.higher)
    levels = levels_of(values, g.higher, status, g.actual).tolist()
    requested: list[dict[int, float | None]] = []
    defaults: list[bool] = []
    for p in g.periods:
        for k in g.kpis:
            req, dflt = _requested(sc, k, p, lk)
            requested.append(req)
            defaults.append(dflt)
    directions = [k.direction for k in g.kpis] * len(g.periods)
    scales = build_scales(requested, directions, defaults, values, status)
    s = sc.settings
    bands = (s.yellow_from, s.green_from)
    obj_persp = {o.code: o.perspective for o in sc.objectives}
    persp = [obj_persp.get(k.objective, "") for k in g.kpis]
    out: dict[str, PeriodScore] = {}
    r = 0
    for p in g.periods:
        kscores: list[KpiScore] = []
        problems: list[Problem] = []
        wp = period_weights(sc, w, measured_in(sc, p, lk))
        for i, k in enumerate(g.kpis):
            m = lk.meas.get((k.code, p))
            lv = levels[r]
            kscores.append(_kpi_score(k, p, m, scales[r], actual_of(k, m), None if lv != lv else lv, wp,
                                      persp[i], bands, problems))
            r += 1
        out[p] = _assemble(sc, p, wp, kscores, problems, bands)
    return out


"""OMAX (Objective Matrix) scales and levels (METHOD §3).

A scale has 11 levels, 0 (worst) .. 10 (best); ``Scale.values[level]`` is the performance value
at that level, in the KPI's unit. Values are fixed at a few anchor levels and filled linearly in
between (the study's formula 2-3). Default anchors for period t: level 10 = target(t),
level 3 = baseline (actual of t-1), level 0 = worst plausible value.

A scale is valid only when its values move strictly in the KPI's good direction as the level rises.
When the requested anchors break this, the scale is flagged with a plain explanation and a
suggested fix, and scored on a documented fallback until the user decides:

1. ``"worst-target"``: drop the interior anchors and fill linearly from level 0 (worst) to
   level 10 (target); used when the worst is strictly worse than the target.
2. ``"pass-fail"``: when even worst and target are not in order, the level is 10 when the actual
   reaches the target in the good direction, else 0.

Nothing here divides by a zero-width interval: every interpolation interval is checked first.

Many scales at once
-------------------
:func:`scale_arrays` and :func:`levels_of` apply the same rules to thousands of scales with numpy
(rows = scales, columns = levels 0..10, NaN = unknown anchor); :func:`build_scales` turns such rows
back into :class:`Scale` objects. They are the fast path of :func:`scorecard.method.scoring.score_table`
and ``score_all`` and give the same numbers as :func:`build_scale` / :func:`level_of` bit for bit
(``tests/test_scoring_fast.py``). Statuses: :data:`VALID`, :data:`WORST_TARGET`, :data:`PASS_FAIL`
(the two fallbacks) and :data:`UNSCORABLE` (no target or no worst value).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from scorecard import display
from scorecard.messages import Msg, msg

Direction = Literal["higher", "lower"]
Fallback = Literal["worst-target", "pass-fail"]
LEVELS = tuple(range(11))


def default_anchors(target: float | None, baseline: float | None, worst: float | None) -> dict[int, float | None]:
    """The default anchors {10: target, 3: baseline, 0: worst} (None where unknown)."""
    return {10: target, 3: baseline, 0: worst}


def fill(anchors: Mapping[int, float]) -> tuple[float, ...]:
    """Linear fill of the 11 level values between anchors. Needs anchors at levels 0 and 10.

    >>> fill({0: 0.0, 3: 3.0, 10: 10.0})[5]
    5.0
    """
    levels = sorted(anchors)
    out: list[float] = []
    for lev in LEVELS:
        k = bisect_right(levels, lev) - 1
        lo = levels[k]
        if lo == lev:
            out.append(float(anchors[lo]))
            continue
        hi = levels[k + 1]
        vlo, vhi = anchors[lo], anchors[hi]
        out.append(vlo + (lev - lo) * (vhi - vlo) / (hi - lo))
    return tuple(out)


@dataclass(frozen=True)
class Scale:
    """An OMAX scale for one KPI in one period.

    ``requested`` are the anchors asked for (defaults merged with custom ones), ``anchors`` the
    ones actually used. ``problem``/``fix`` explain an invalid request; ``fallback`` names the rule
    used instead. ``scorable`` is False when there is no target or no worst value (``missing``
    says which); then ``values`` is empty and every level is None.
    """

    direction: Direction
    values: tuple[float, ...]
    anchors: dict[int, float]
    requested: dict[int, float | None] = field(default_factory=dict)
    problem: Msg | None = None
    fix: Msg | None = None
    fallback: Fallback | None = None
    missing: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """True when the requested anchors gave a proper scale (no fallback, nothing missing)."""
        return self.problem is None and self.scorable

    @property
    def scorable(self) -> bool:
        return bool(self.values)

    def level(self, actual: float | None) -> float | None:
        """The achieved level of ``actual`` (0..10, interpolated, clamped), or None."""
        return level_of(self, actual)


def _better(direction: Direction, a: float, b: float) -> bool:
    """True when a is strictly better than b for this direction."""
    return a > b if direction == "higher" else a < b


def _explain(direction: Direction, lo: int, vlo: float, hi: int, vhi: float, defaults: bool) -> tuple[Msg, Msg]:
    """Plain-language problem and fix for two anchors that are not in order (lo < hi)."""
    better_en = "higher" if direction == "higher" else "lower"
    better_id = "lebih tinggi" if direction == "higher" else "lebih rendah"
    p = {"lo": lo, "hi": hi, "b_en": better_en, "b_id": better_id,  # values in each language's number style
         "vlo": display.number(vlo, "en"), "vhi": display.number(vhi, "en"),
         "vlo_id": display.number(vlo, "id"), "vhi_id": display.number(vhi, "id")}
    if vlo == vhi:
        problem = msg("omax.equal_anchors",
                      "Level {lo} and level {hi} have the same value ({vlo}), so the scale cannot tell them apart.",
                      "Level {lo} dan level {hi} bernilai sama ({vlo_id}), sehingga skala tidak dapat "
                      "membedakannya.", **p)
    elif defaults and (lo, hi) == (3, 10):
        problem = msg("omax.baseline_beyond_target",
                      "The baseline (level 3 = previous actual, {vlo}) already equals or beats the target "
                      "(level 10 = {vhi}), so levels 3 to 10 would run backwards.",
                      "Baseline (level 3 = realisasi periode sebelumnya, {vlo_id}) sudah menyamai atau melampaui "
                      "target (level 10 = {vhi_id}), sehingga level 3 sampai 10 akan terbalik.", **p)
    elif defaults and lo == 0:
        problem = msg("omax.worst_not_worse",
                      "The worst value (level 0 = {vlo}) is not worse than level {hi} ({vhi}).",
                      "Nilai terburuk (level 0 = {vlo_id}) tidak lebih buruk daripada level {hi} ({vhi_id}).", **p)
    else:
        problem = msg("omax.anchors_out_of_order",
                      "Level {hi} ({vhi}) must be {b_en} than level {lo} ({vlo}) for this KPI.",
                      "Untuk IKU ini level {hi} ({vhi_id}) harus {b_id} daripada level {lo} ({vlo_id}).", **p)
    fix = msg("omax.fix_anchors",
              "Enter a level-3 value between the worst value and the target, or set your own anchors "
              "(for example 10 = ceiling, 8 = target, 3 = baseline, 0 = worst).",
              "Isi nilai level 3 di antara nilai terburuk dan target, atau tetapkan anchor sendiri "
              "(misalnya 10 = batas atas, 8 = target, 3 = baseline, 0 = terburuk).")
    return problem, fix


_FALLBACK_NOTE = {
    "worst-target": ("Scored meanwhile on a straight line from the worst value (level 0) to the target (level 10).",
                     "Sementara dinilai dengan garis lurus dari nilai terburuk (level 0) ke target (level 10)."),
    "pass-fail": ("Scored meanwhile as pass/fail: level 10 when the target is reached, else 0.",
                  "Sementara dinilai lulus/gagal: level 10 bila target tercapai, selain itu 0."),
}


def build_scale(anchors: Mapping[int, float | None], direction: Direction = "higher", *,
                defaults: bool = True) -> Scale:
    """Build a scale from anchors {level: value} (None = unknown), checking validity.

    ``defaults`` says the anchors are the default ones (10 = target, 3 = baseline, 0 = worst) so
    that problems can be explained in those words. Anchor levels must be integers 0..10.
    """
    for lev in anchors:
        if not (isinstance(lev, int) and 0 <= lev <= 10):
            raise ValueError(f"anchor level must be an integer 0..10, got {lev!r}")
    requested = dict(anchors)
    known = {lev: float(v) for lev, v in anchors.items() if v is not None and math.isfinite(v)}
    missing = tuple(name for lev, name in ((10, "target"), (0, "worst")) if lev not in known)
    if missing:
        what = {"target": ("target (level 10)", "target (level 10)"),
                "worst": ("worst value (level 0)", "nilai terburuk (level 0)")}
        en = " and ".join(what[m][0] for m in missing)
        id_ = " dan ".join(what[m][1] for m in missing)
        return Scale(direction, (), {}, requested,
                     Msg("omax.missing_anchor", f"No {en} is given, so this KPI cannot be scored.",
                         f"Belum ada {id_}, sehingga IKU ini belum bisa dinilai."),
                     msg("omax.fix_missing", "Enter it on the Data page or in the workbook.",
                         "Isi nilainya di halaman Data atau di buku kerja."),
                     missing=missing)
    levels = sorted(known)
    for lo, hi in zip(levels, levels[1:], strict=False):
        if not _better(direction, known[hi], known[lo]):
            problem, fix = _explain(direction, lo, known[lo], hi, known[hi], defaults)
            break
    else:
        return Scale(direction, fill(known), known, requested)
    ends = {0: known[0], 10: known[10]}
    if _better(direction, ends[10], ends[0]):
        fb: Fallback = "worst-target"
        values = fill(ends)
    else:
        fb = "pass-fail"
        values = tuple([known[0]] + [math.nan] * 9 + [known[10]])
    en, id_ = _FALLBACK_NOTE[fb]
    problem = Msg(problem.code, f"{problem.en} {en}", f"{problem.id} {id_}")
    return Scale(direction, values, ends, requested, problem, fix, fb)


def level_of(scale: Scale, actual: float | None) -> float | None:
    """Level of an actual on a scale: linear interpolation between the two bracketing levels.

    At or beyond level 10 in the good direction -> 10; at or beyond level 0 in the bad
    direction -> 0. For ``lower`` KPIs level 10 holds the smallest value. Returns None when the
    actual is unknown or the scale is not scorable.
    """
    if actual is None or not scale.values or not math.isfinite(actual):
        return None
    vals = scale.values
    s = 1.0 if scale.direction == "higher" else -1.0
    x = s * actual
    if scale.fallback == "pass-fail":
        return 10.0 if x >= s * vals[10] else 0.0
    if x >= s * vals[10]:
        return 10.0
    if x <= s * vals[0]:
        return 0.0
    for k in range(10):
        lo, hi = s * vals[k], s * vals[k + 1]
        if lo <= x < hi:
            return k + (x - lo) / (hi - lo)
    return 10.0  # unreachable for a valid scale; kept so that no path divides by zero


# ---- many scales at once (the fast path; same rules as build_scale / level_of) -----------------

VALID, WORST_TARGET, PASS_FAIL, UNSCORABLE = 0, 1, 2, 3


def scale_arrays(anchors: npt.ArrayLike, higher: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Values and status of many scales: the rules of :func:`build_scale`, vectorised.

    ``anchors`` is (m, 11): column l holds the requested value at level l, NaN (or any non-finite
    value) where there is none; ``higher`` is (m,) bool (the KPI's direction is "higher").
    Returns ``values`` (m, 11), equal to ``build_scale(...).values`` (NaN rows for unscorable
    scales, NaN inside pass/fail rows) and ``status`` (m,) int8: VALID, WORST_TARGET, PASS_FAIL or
    UNSCORABLE.

    Works level by level on length-m vectors (11 columns), which is much cheaper than (m, 11)
    fancy indexing; the arithmetic is :func:`fill`'s, in the same order, so results are equal.
    """
    a = np.array(np.asarray(anchors, dtype=float).reshape(-1, 11).T, order="C")  # (11, m) copy
    known = np.isfinite(a)
    a[~known] = np.nan
    m = a.shape[1]
    s = np.where(np.asarray(higher, dtype=bool), 1.0, -1.0)
    sv = a * s
    scorable = known[0] & known[10]
    # consecutive known anchors must move strictly in the good direction (build_scale's check)
    broken = np.zeros(m, dtype=bool)
    prev = sv[0].copy()
    for lev in range(1, 11):
        kl = known[lev]
        broken |= kl & ~(sv[lev] > prev)
        np.copyto(prev, sv[lev], where=kl)
    valid = scorable & ~broken
    # fill(): each level between the last known level at or below it and the next one above it
    lo_i = np.zeros((11, m), dtype=np.int64)
    lo_v = np.empty((11, m))
    cur_i, cur_v = np.zeros(m, dtype=np.int64), a[0].copy()
    for lev in range(11):
        np.copyto(cur_i, lev, where=known[lev])
        np.copyto(cur_v, a[lev], where=known[lev])
        lo_i[lev], lo_v[lev] = cur_i, cur_v
    values = np.empty((11, m))
    hi_i, hi_v = np.full(m, 10, dtype=np.int64), a[10].copy()
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for lev in range(10, -1, -1):
            kl = known[lev]
            values[lev] = np.where(kl, a[lev], lo_v[lev] + (lev - lo_i[lev]) * (hi_v - lo_v[lev]) / (hi_i - lo_i[lev]))
            np.copyto(hi_i, lev, where=kl)
            np.copyto(hi_v, a[lev], where=kl)
    status = np.where(valid, VALID, np.where(scorable, WORST_TARGET, UNSCORABLE)).astype(np.int8)
    values[:, ~scorable] = np.nan
    bad = np.flatnonzero(scorable & ~valid)
    if bad.size:  # fallbacks: worst -> target line when those two are in order, else pass/fail
        v0, v10 = a[0, bad], a[10, bad]
        line = sv[10, bad] > sv[0, bad]
        status[bad[~line]] = PASS_FAIL
        with np.errstate(invalid="ignore", over="ignore"):
            for lev in range(1, 10):
                values[lev, bad] = np.where(line, v0 + lev * (v10 - v0) / 10, np.nan)
        values[0, bad], values[10, bad] = v0, v10
    return values.T, status


def levels_of(values: npt.ArrayLike, higher: npt.ArrayLike, status: npt.ArrayLike,
              actual: npt.ArrayLike) -> np.ndarray:
    """Levels of many actuals on many scales: :func:`level_of`, vectorised (same checks in the same
    order, same arithmetic). ``values`` (m, 11) and ``status`` (m,) as from :func:`scale_arrays`,
    ``actual`` (m,) with NaN for unknown. Returns (m,) levels, NaN where :func:`level_of` gives None.
    """
    vt = np.asarray(values, dtype=float).reshape(-1, 11).T  # (11, m); a view for scale_arrays' output
    st = np.asarray(status)
    x0 = np.asarray(actual, dtype=float)
    s = np.where(np.asarray(higher, dtype=bool), 1.0, -1.0)
    x = s * x0
    sv = vt * s
    top, bottom = sv[10], sv[0]
    level = np.full(x.shape, 10.0)  # no bracketing interval: level_of's last line
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for k in range(9, -1, -1):  # downwards, so the first bracketing interval wins, as in level_of
            lo, hi = sv[k], sv[k + 1]
            np.copyto(level, k + (x - lo) / (hi - lo), where=(lo <= x) & (x < hi))
    level[x <= bottom] = 0.0
    level[x >= top] = 10.0
    pf = st == PASS_FAIL
    level[pf] = np.where(x[pf] >= top[pf], 10.0, 0.0)
    level[~np.isfinite(x0) | (st == UNSCORABLE)] = np.nan
    return level


def build_scales(requested: Sequence[Mapping[int, float | None]], directions: Sequence[Direction],
                 defaults: Sequence[bool], values: np.ndarray, status: np.ndarray) -> list[Scale]:
    """:class:`Scale` objects for rows already run through :func:`scale_arrays`.

    Valid rows are assembled from ``values`` directly; the others (with their explanations) come
    from :func:`build_scale`, so every object equals ``build_scale(requested[i], directions[i],
    defaults=defaults[i])``.
    """
    out: list[Scale] = []
    rows = values.tolist()
    for req, d, dflt, st, row in zip(requested, directions, defaults, status.tolist(), rows, strict=True):
        if st == VALID:
            known = {lev: float(v) for lev, v in req.items() if v is not None and math.isfinite(v)}
            out.append(Scale(d, tuple(row), known, dict(req)))
        else:
            out.append(build_scale(req, d, defaults=dflt))
    return out

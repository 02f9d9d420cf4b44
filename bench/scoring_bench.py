"""Scoring at scale: a generated scorecard of 1,000 KPIs x 24 monthly periods.

Three ways to the same numbers (the fast ones are checked against the plain one first):

* ``score_table`` (the key figure): levels, values, lights, objective/perspective subtotals and
  the index of every period, as arrays, in one vectorised pass;
* ``score_all``: the same plus the full per-KPI objects (``PeriodScore``/``KpiScore``/``Scale``
  with every warning), as the pages use them;
* the plain path, ``score_period`` for each period (what ``score_all`` did before).

Weights are computed once beforehand (that is AHP work, timed separately).
"""

from __future__ import annotations

import cProfile
import math
import pstats
import time
from collections import Counter
from typing import Any

from bench import REPO, load, measure
from bench.gen import generate
from scorecard.method.scoring import _Lookup, score_all, score_period, score_table
from scorecard.method.weights import compute_weights

N_KPIS, N_PERIODS = 1000, 24


def _profile(fn, top: int = 8) -> list[dict[str, Any]]:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    st = pstats.Stats(prof)
    items = st.stats.items()  # type: ignore[attr-defined]
    total = sum(v[2] for _, v in items) or 1.0
    rows = sorted(items, key=lambda kv: -kv[1][2])[:top]
    return [{"function": f"{k[0].split('site-packages/')[-1].replace(str(REPO) + '/', '')}:{k[1]}({k[2]})",
             "calls": v[1], "own_share": round(v[2] / total, 3)} for k, v in rows]


def _check(sc, w, plain: dict) -> dict[str, Any]:
    """score_all equals the plain path object for object; score_table's levels and lights too."""
    fast = score_all(sc, w)
    if list(fast) != list(plain):
        raise AssertionError("score_all: different periods")
    for p in plain:
        if fast[p] != plain[p]:
            raise AssertionError(f"score_all differs from score_period in {p}")
    t = score_table(sc, w)
    for j, (p, ps) in enumerate(plain.items()):
        for i, k in enumerate(ps.kpis):
            lv = float(t.level[j, i])
            if not ((k.level is None and math.isnan(lv)) or k.level == lv) or t.light[j, i] != k.light:
                raise AssertionError(f"score_table differs for {k.code} in {p}")
        if not math.isclose(float(t.index[j]), ps.index, rel_tol=1e-12, abs_tol=1e-12):
            raise AssertionError(f"score_table index differs in {p}")
    return {"score_all_equal": True, "table_equal": True}


def run() -> dict[str, Any]:
    from scorecard.io.reference_case import load_reference

    out: dict[str, Any] = {"load_before": load()}
    t0 = time.perf_counter()
    sc = generate(N_KPIS, N_PERIODS)
    out["generate_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    w = compute_weights(sc)
    out["weights_ms"] = (time.perf_counter() - t0) * 1000
    table = score_table(sc, w)
    status = Counter(int(s) for s in table.status.ravel())
    out["scorecard"] = {"kpis": len(sc.kpis), "periods": len(sc.periods()), "objectives": len(sc.objectives),
                        "perspectives": len(sc.perspectives), "measurements": len(sc.measurements),
                        "custom_anchors": len(sc.anchors),
                        "directions": dict(Counter(k.direction for k in sc.kpis)),
                        "scales": {"valid": status[0], "worst_target_fallback": status[1],
                                   "pass_fail_fallback": status[2], "unscorable": status[3]},
                        "no_actual": int(sum(m.actual is None for m in sc.measurements)),
                        "ratio_actuals": int(sum(m.numerator is not None for m in sc.measurements))}

    # the plain path (slow: few repetitions), kept for the equality check
    lk = _Lookup(sc)
    plain_holder: dict[str, Any] = {}

    def plain() -> None:
        plain_holder["r"] = {p: score_period(sc, p, w, lk) for p in sc.periods()}

    out["plain"] = measure(plain, repeat=3, warmup=0, budget_s=20)
    out["check"] = _check(sc, w, plain_holder["r"])
    out["table"] = measure(lambda: score_table(sc, w), repeat=60, warmup=2, budget_s=20)
    out["score_all"] = measure(lambda: score_all(sc, w), repeat=9, warmup=1, budget_s=25)
    out["speedup_table_vs_plain"] = out["plain"]["median_ms"] / out["table"]["median_ms"]
    out["speedup_all_vs_plain"] = out["plain"]["median_ms"] / out["score_all"]["median_ms"]
    out["profile_table"] = _profile(lambda: score_table(sc, w))
    out["profile_score_all"] = _profile(lambda: score_all(sc, w))
    out["profile_plain_one_period"] = _profile(lambda: score_period(sc, sc.periods()[-1], w, lk))

    ref = load_reference()
    wr = compute_weights(ref)
    out["reference"] = {
        "kpis": len(ref.kpis),
        "score_period_2010": measure(lambda: score_period(ref, "2010", wr), repeat=300, budget_s=5),
        "score_table_all_periods": measure(lambda: score_table(ref, wr), repeat=300, budget_s=5),
    }
    out["load_after"] = load()
    out["keys"] = {"score_1000x24_ms": out["table"]["median_ms"],
                   "score_all_1000x24_ms": out["score_all"]["median_ms"],
                   "score_plain_1000x24_ms": out["plain"]["median_ms"]}
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), default=str))

"""AHP engine vs AHPy (and vs a bare numpy eigendecomposition), same inputs, results checked first.

* Random reciprocal matrices on Saaty's scale, n = 3..15, fixed seed: ``ahp.analyze`` (eigen
  method, weights + CR) against ``ahpy.Compare`` built from the same judgments, and against a bare
  ``numpy.linalg.eig`` of the same matrix (the floor: what any eigen-based AHP must pay).
* The demo hierarchy: ``weights.compute_weights`` (every node, global weights) against AHPy
  ``Compare`` objects with children (its ``target_weights``).

Before any timing the weights are compared: every weight must agree to 1e-6 or the section
aborts. AHPy rounds its results to ``precision`` decimals (4 by default), so the checked
configuration uses ``precision=10``; its default precision is timed too, for reference.
"""

from __future__ import annotations

import time
import warnings
from typing import Any

import numpy as np

from bench import REPO, interleaved, load
from scorecard.method import ahp
from scorecard.method.weights import compute_weights
from scorecard.model import ROOT, Scorecard

SEED = 20240517
SIZES = range(3, 16)
PER_SIZE = 12  # matrices per size
TOL = 1e-6
AHPY_PRECISION = 10


class Mismatch(AssertionError):
    pass


def random_matrices(n: int, k: int, rng: np.random.Generator) -> list[np.ndarray]:
    """``k`` random reciprocal n x n matrices with upper entries drawn from the 17 scale values."""
    out = []
    scale = np.array(ahp.SCALE)
    for _ in range(k):
        a = np.ones((n, n))
        iu = np.triu_indices(n, 1)
        a[iu] = rng.choice(scale, size=len(iu[0]))
        a[(iu[1], iu[0])] = 1.0 / a[iu]
        out.append(a)
    return out


def names(n: int) -> list[str]:
    return [f"c{i:02d}" for i in range(n)]


def comparisons(a: np.ndarray, labels: list[str]) -> dict[tuple[str, str], float]:
    n = a.shape[0]
    return {(labels[i], labels[j]): float(a[i, j]) for i in range(n) for j in range(i + 1, n)}


def ahpy_compare(name: str, comps: dict, precision: int = AHPY_PRECISION):
    import ahpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ahpy.Compare(name, comps, precision=precision, random_index="saaty")


def _check(ours: dict[str, float], theirs: dict[str, float], what: str) -> float:
    if set(ours) != set(theirs):
        raise Mismatch(f"{what}: different items {sorted(set(ours) ^ set(theirs))}")
    diff = max(abs(ours[k] - float(theirs[k])) for k in ours)
    if not diff <= TOL:
        raise Mismatch(f"{what}: weights differ by {diff:.3g} > {TOL:g} (ours {ours}, AHPy {theirs})")
    return diff


# ---- the demo hierarchy ---------------------------------------------------------------------------


def ahpy_hierarchy(sc: Scorecard, matrices: dict[str, np.ndarray], precision: int = AHPY_PRECISION):
    """AHPy Compare objects for every node (full judgments from our matrices), children attached."""
    objs: dict[str, Any] = {}
    for node in reversed(sc.nodes()):  # leaves first
        kids = sc.children(node)
        if len(kids) == 1:
            comps: dict = {kids[0]: 1.0}  # AHPy's form for a single item (weight 1)
        else:
            comps = comparisons(matrices[node], kids)
        objs[node] = ahpy_compare(node, comps, precision)
    for node in reversed(sc.nodes()):
        kids = [objs[c] for c in sc.children(node) if c in objs]
        if kids:
            objs[node].add_children(kids)
    return objs[ROOT]


def _profile(fn, top: int = 8) -> list[dict[str, Any]]:
    """Where our time goes (cProfile, 50 calls): the top functions by own time."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(50):
        fn()
    prof.disable()
    st = pstats.Stats(prof)
    rows = sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
    total = sum(v[2] for v in st.stats.values()) or 1.0  # type: ignore[attr-defined]
    return [{"function": f"{k[0].split('site-packages/')[-1].replace(str(REPO) + '/', '')}:{k[1]}({k[2]})",
             "calls_per_run": v[1] // 50, "own_share": round(v[2] / total, 3)} for k, v in rows]


def run() -> dict[str, Any]:
    from scorecard.io.demo import load_demo

    out: dict[str, Any] = {"load_before": load()}
    rng = np.random.default_rng(SEED)
    mats = {n: random_matrices(n, PER_SIZE, rng) for n in SIZES}

    # 1. same results first (abort on any mismatch)
    worst = 0.0
    ci_worst = 0.0
    for n, ms in mats.items():
        labels = names(n)
        for a in ms:
            res = ahp.analyze(a, method="eigen", ri="saaty")
            cmp = ahpy_compare("m", comparisons(a, labels))
            worst = max(worst, _check(dict(zip(labels, res.weights.tolist(), strict=True)), cmp.target_weights,
                                      f"n={n}"))
            # AHPy's CR uses its own RI table; compare the consistency index behind it instead
            ahpy_ri = {3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45, 10: 1.49, 11: 1.52,
                       12: 1.54, 13: 1.56, 14: 1.58, 15: 1.59}[n]
            ci_worst = max(ci_worst, abs(res.ci - float(cmp.consistency_ratio) * ahpy_ri))
    demo = load_demo()
    w = compute_weights(demo, method="eigen")
    matrices = {node: nw.matrix for node, nw in w.nodes.items()}
    root = ahpy_hierarchy(demo, matrices)
    ours_global = {k.code: w.global_[k.code] for k in demo.kpis}
    worst_h = _check(ours_global, root.target_weights, "demo hierarchy (global KPI weights)")
    out["check"] = {"matrices": sum(len(v) for v in mats.values()), "max_weight_diff": worst,
                    "max_ci_diff": ci_worst, "hierarchy_max_global_weight_diff": worst_h, "tolerance": TOL,
                    "ahpy_precision": AHPY_PRECISION}

    # 2. random matrices: ours vs AHPy vs bare numpy eig, per n (one sample = all matrices of that n),
    #    timed in turns so that other people's load hits all three alike
    per_n: dict[int, Any] = {}
    for n, ms in mats.items():
        labels = names(n)
        comps = [comparisons(a, labels) for a in ms]
        res = interleaved({
            "ours": lambda ms=ms: [ahp.analyze(a, method="eigen", ri="saaty") for a in ms],
            "ours_from_pairs": lambda comps=comps, labels=labels: [
                ahp.analyze(ahp.matrix_from_pairs(labels, c)[0], method="eigen", ri="saaty") for c in comps],
            "numpy_eig": lambda ms=ms: [np.linalg.eig(a) for a in ms],
            "ahpy": lambda comps=comps: [ahpy_compare("m", c) for c in comps],
        }, rounds=40, per=len(ms), budget_s=3, base="ours")
        r = res.pop("ratio_to_ours")
        per_n[n] = {**res, "ours_over_eig": 1.0 / r["numpy_eig"],
                    "ahpy_over_ours_from_pairs": r["ahpy"] / r["ours_from_pairs"]}
    out["matrices"] = per_n
    tot = {key: sum(v[key]["median_ms"] for v in per_n.values()) for key in ("ours", "numpy_eig")}
    out["ours_over_eig_all_sizes"] = tot["ours"] / tot["numpy_eig"]
    out["ours_over_eig_median_of_sizes"] = float(np.median([v["ours_over_eig"] for v in per_n.values()]))
    out["ours_over_eig_max"] = max(v["ours_over_eig"] for v in per_n.values())
    out["ours_over_eig_worst_n"] = max(per_n, key=lambda n: per_n[n]["ours_over_eig"])

    # 3. the demo hierarchy: whole tree, global weights, from the judgments
    h = interleaved({"ours": lambda: compute_weights(demo, method="eigen"),
                     "ahpy": lambda: ahpy_hierarchy(demo, matrices),
                     "ahpy_default_precision": lambda: ahpy_hierarchy(demo, matrices, precision=4)},
                    rounds=80, budget_s=10, base="ours")
    ratios = h.pop("ratio_to_ours")
    sizes = [len(demo.children(n)) for n in demo.nodes()]
    out["hierarchy"] = {"nodes": len(demo.nodes()), "kpis": len(demo.kpis), **h,
                        "judged_nodes": sum(k >= 2 for k in sizes), "two_by_two_nodes": sum(k == 2 for k in sizes),
                        "ratio": ratios["ahpy"], "ratio_default_precision": ratios["ahpy_default_precision"],
                        "ratio_of_medians": h["ahpy"]["median_ms"] / h["ours"]["median_ms"]}
    out["profile_ours_hierarchy"] = _profile(lambda: compute_weights(demo, method="eigen"))
    out["load_after"] = load()
    out["keys"] = {"ahp_vs_ahpy_ratio": out["hierarchy"]["ratio"],
                   "ahp_vs_numpy_eig_ratio": out["ours_over_eig_all_sizes"]}
    out["finished_at"] = time.time()
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), default=str))

"""Generated scorecards for the benchmarks: realistic shape, fixed seed, any size.

``generate(n_kpis, n_periods)`` builds 4 perspectives, ~n_kpis/25 objectives, monthly periods,
targets/actuals/worst in both directions, a few explicit baselines, custom anchors, missing
actuals, "a/b" ratio actuals and some anchors that make invalid scales (baseline beyond the
target, worst not worse, equal anchors, no target), plus AHP judgments at every node.
"""

from __future__ import annotations

import random

from scorecard.io.numbers import format_number
from scorecard.model import KPI, ROOT, Anchor, Measurement, Objective, Perspective, Scorecard, Settings

PERSPECTIVES = [("Financial", "Keuangan"), ("Customer", "Pelanggan"),
                ("Internal Business Process", "Proses Bisnis Internal"),
                ("Learning and Growth", "Pembelajaran dan Pertumbuhan")]
SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0]
UNITS = ["%", "Rp", "count", "days"]
PERFORMANCE = {"Financial": 1.06, "Customer": 1.0, "Internal Business Process": 0.95,
               "Learning and Growth": 0.9}


def months(n: int, start_year: int = 2023) -> list[str]:
    return [f"{start_year + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def _judge(sc: Scorecard, node: str, kids: list[str], rng: random.Random, full_up_to: int) -> None:
    """All pairs for small nodes; for big ones a spanning chain plus a few extra pairs."""
    n = len(kids)
    if n < 2:
        return
    if n <= full_up_to:
        pairs = [(kids[i], kids[j]) for i in range(n) for j in range(i + 1, n)]
    else:
        pairs = [(kids[i], kids[i + 1]) for i in range(n - 1)] + [(kids[0], kids[j]) for j in range(2, n, 3)]
    for a, b in pairs:
        sc.set_judgment(node, a, b, rng.choice(SAATY))


def generate(n_kpis: int = 1000, n_periods: int = 24, *, seed: int = 20240601,
             kpis_per_objective: int = 25, full_judgments_up_to: int = 8) -> Scorecard:
    rng = random.Random(seed)
    n_obj = max(4, round(n_kpis / kpis_per_objective))
    sc = Scorecard(name=f"Generated {n_kpis} KPIs x {n_periods} periods", organisation="Benchmark",
                   settings=Settings(priority_method="eigen", ri_table="alonso-lamata", cr_policy="fixed",
                                     locale="id"))
    for key, name_id in PERSPECTIVES:
        sc.perspectives.append(Perspective(key, key, name_id))
    for i in range(n_obj):
        p = PERSPECTIVES[i % 4][0]
        code = f"{p[0]}{i // 4 + 1}"
        sc.objectives.append(Objective(code, p, f"Objective {code}", f"Sasaran {code}"))
    # spread the KPIs over the objectives (uneven sizes, every objective gets at least one)
    owner = [sc.objectives[i % n_obj].code for i in range(n_kpis)]
    rng.shuffle(owner)
    per_obj: dict[str, int] = {}
    objective_perspective = {o.code: o.perspective for o in sc.objectives}
    periods = months(n_periods)
    for oc in owner:
        per_obj[oc] = per_obj.get(oc, 0) + 1
        code = f"{oc}-{per_obj[oc]:03d}"
        direction = "higher" if rng.random() < 0.7 else "lower"
        unit = rng.choice(UNITS)
        base = {"%": 60.0, "Rp": 5e9, "count": 400.0, "days": 10.0}[unit] * rng.uniform(0.5, 2.0)
        worst = base * (0.3 if direction == "higher" else 2.5)
        kind = rng.random()
        no_worst = kind < 0.01
        sc.kpis.append(KPI(code=code, objective=oc, name_en=f"KPI {code}", name_id=f"IKU {code}", unit=unit,
                           direction=direction, worst=None if no_worst else round(worst, 2),
                           ratio_use="percent" if unit == "%" and kind > 0.97 else "numerator"))
        level = base
        for t, per in enumerate(periods):
            drift = 1 + 0.01 * (1 if direction == "higher" else -1)
            level *= drift
            target = level * (1.08 if direction == "higher" else 0.92)
            # perspectives perform differently (as in real scorecards), so weights move the index
            good = PERFORMANCE[objective_perspective[oc]] * rng.uniform(0.85, 1.12)
            actual = level * (good if direction == "higher" else 2 - good)
            m = Measurement(kpi=code, period=per, target=round(target, 2), actual=round(actual, 2),
                            actual_text=format_number(round(actual, 2), locale="id"))
            r = rng.random()
            if r < 0.03:
                m.actual, m.actual_text = None, ""                      # not reported yet
            elif r < 0.05:
                m.target = None                                         # no target: not scorable
            elif r < 0.08:
                m.baseline = round(target * (1.05 if direction == "higher" else 0.95), 2)  # beyond target
            elif r < 0.10:
                m.baseline = m.target                                   # equal anchors
            elif r < 0.12:
                m.baseline = round(level * 0.95, 2)                     # explicit, valid baseline
            if kind > 0.97 and m.actual is not None and unit == "%":
                den = 200.0
                m.numerator, m.denominator = round(m.actual * 2, 2), den
                m.actual = m.numerator / den * 100  # what ratio_use "percent" scores
                m.actual_text = f"{format_number(m.numerator, locale='id')}/{format_number(den, locale='id')}"
            sc.measurements.append(m)
            if 0.93 < kind < 0.95 and t == 5:
                # worst value that is not worse than the target from this period on: pass/fail fallback
                sc.anchors.append(Anchor(code, 0, round(target, 2), per, "bench: invalid"))
        if 0.95 < kind < 0.97:
            # a ceiling at 10 and the target at level 8 for every period
            sc.anchors.append(Anchor(code, 10, round(base * (3 if direction == "higher" else 0.2), 2), None,
                                     "bench: ceiling"))
    _judge(sc, ROOT, [p.key for p in sc.perspectives], rng, 99)
    for p in sc.perspectives:
        _judge(sc, p.key, [o.code for o in sc.objectives_of(p.key)], rng, 99)
    for o in sc.objectives:
        _judge(sc, o.code, [k.code for k in sc.kpis_of(o.code)], rng, full_judgments_up_to)
    return sc

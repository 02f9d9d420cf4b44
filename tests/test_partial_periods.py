"""Quarterly and monthly data that is partial or cumulative (issue #11 section 3), numbers by hand.

One perspective, one objective, two higher-is-better KPIs (worst 0, equal weights 0.5 / 0.5):
* A: target 100 every quarter; actuals Q1 60, Q2 80.
* B: measured in Q1 only (target 100, actual 40): in Q2 it has no row at all.
Straight-line scales (OMAX): level = 3 + 7 (a - baseline) / (target - baseline) above the baseline
(level 3 = previous quarter's actual), level = 10 a / target without a baseline.
"""

from __future__ import annotations

import pytest

from scorecard.method.scoring import score_all, score_period, score_table
from scorecard.method.weights import compute_weights, period_weights
from scorecard.model import KPI, Anchor, Measurement, Objective, Perspective, Scorecard


def card() -> Scorecard:
    return Scorecard(
        name="partial", perspectives=[Perspective("Customer", "Customer", "Pelanggan")],
        objectives=[Objective("C1", "Customer", "Service")],
        kpis=[KPI("A", "C1", "A", worst=0.0), KPI("B", "C1", "B", worst=0.0)],
        measurements=[Measurement("A", "2024-Q1", 100, 60), Measurement("B", "2024-Q1", 100, 40),
                      Measurement("A", "2024-Q2", 100, 80)])


def test_complete_period_is_unchanged():
    ps = score_period(card(), "2024-Q1")
    # no baseline in Q1: A level 6, B level 4, weights 0.5 each
    assert [k.level for k in ps.kpis] == [pytest.approx(6.0), pytest.approx(4.0)]
    assert ps.index == pytest.approx(5.0)


def test_kpi_not_measured_is_left_out_not_level_zero():
    ps = score_period(card(), "2024-Q2")
    a, b = ps.kpis
    assert a.level == pytest.approx(3 + 7 * (80 - 60) / (100 - 60))  # 6.5, baseline = Q1 actual
    assert (a.global_weight, b.global_weight) == (1.0, 0.0)
    assert b.level is None and b.value == 0
    assert ps.index == pytest.approx(6.5)  # not (6.5 + 0) / 2 = 3.25
    assert any(w.code == "score.not_measured" and "B (2024-Q2)" in w.what.en for w in ps.warnings)


def test_target_without_actual_still_counts_as_level_zero():
    sc = card()
    sc.measurements.append(Measurement("B", "2024-Q2", 100, None))  # reported, but no actual yet
    ps = score_period(sc, "2024-Q2")
    assert ps.index == pytest.approx(6.5 * 0.5)
    assert any(w.code == "score.no_actual" for w in ps.warnings)


def test_cumulative_targets_scored_against_their_own_target():
    sc = card()
    sc.measurements = [Measurement("A", "2024-Q1", 25, 20), Measurement("A", "2024-Q2", 50, 40),
                       Measurement("B", "2024-Q1", 25, 25), Measurement("B", "2024-Q2", 50, 55)]
    ps = score_period(sc, "2024-Q2")  # "s.d. TW II": cumulative values against the cumulative target
    assert ps.kpi("A").level == pytest.approx(3 + 7 * (40 - 20) / (50 - 20))
    assert ps.kpi("B").level == pytest.approx(10.0)


def test_worst_value_per_period_when_given():
    sc = card()
    sc.anchors.append(Anchor("A", 0, 50.0, period="2024-Q1"))  # Q1's own worst value
    assert score_period(sc, "2024-Q1").kpi("A").level == pytest.approx(10 * (60 - 50) / (100 - 50))
    assert score_period(sc, "2024-Q2").kpi("A").level == pytest.approx(6.5)  # other periods keep worst 0


def test_whole_objective_unmeasured_passes_its_weight_up():
    sc = card()
    sc.objectives.append(Objective("C2", "Customer", "Other"))
    sc.kpis.append(KPI("D", "C2", "D", worst=0.0))
    sc.measurements.append(Measurement("D", "2024-Q1", 10, 10))
    w = period_weights(sc, compute_weights(sc), {"A"})
    assert (w.global_["A"], w.global_["B"], w.global_["D"], w.global_["C2"]) == (1.0, 0.0, 0.0, 0.0)
    q1 = compute_weights(sc)
    assert period_weights(sc, q1, {"A", "B", "D"}) is q1  # complete: the same weights


def test_all_paths_agree_on_partial_data():
    sc = card()
    every = score_all(sc)
    table = score_table(sc)
    for j, p in enumerate(sc.periods()):
        plain = score_period(sc, p)
        assert every[p].index == pytest.approx(plain.index)
        assert table.index[j] == pytest.approx(plain.index)
        assert [k.global_weight for k in every[p].kpis] == [k.global_weight for k in plain.kpis]

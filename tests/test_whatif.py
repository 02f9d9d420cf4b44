"""What-if tools (scorecard.method.whatif): hand-checked small cases plus properties and the reference case.

The tiny scorecard used throughout (every number below is worked out by hand):

    Scorecard
    ├── Financial (F)            ROOT judgment F vs C = 1      -> F 0.5, C 0.5
    │   └── F1 (only child)                                       F1 = 1
    │       ├── F1a                 F1 judgment F1a vs F1b = 1 -> 0.5 / 0.5
    │       └── F1b
    └── Customer (C)             C judgment C1 vs C2 = 3       -> C1 0.75, C2 0.25
        ├── C1 ── C1a (only child)
        └── C2 ── C2a (only child)

    global weights: F1a = 0.5*1*0.5 = 0.25, F1b = 0.25, C1a = 0.5*0.75 = 0.375, C2a = 0.5*0.25 = 0.125

Every KPI is "higher is better" with worst 0 (level 0), baseline 30 (level 3) and target 100
(level 10), so the OMAX scale is value = 10 x level and an actual of 10 x L scores level L.

    levels 2010: F1a 10, F1b 8, C1a 8, C2a 5
    index 2010 = 0.25*10 + 0.25*8 + 0.375*8 + 0.125*5 = 2.5 + 2 + 3 + 0.625 = 8.125 (green)
    levels 2009: F1a 6, F1b 8, C1a 4, C2a 5
    index 2009 = 0.25*6 + 0.25*8 + 0.375*4 + 0.125*5 = 1.5 + 2 + 1.5 + 0.625 = 5.625 (yellow)

Useful closed forms for 2010 (level of F = 9, of C1 = 8, of C2 = 5):
    index(w_F)  = 9 w_F + (1 - w_F) * (0.75*8 + 0.25*5) = 7.25 + 1.75 w_F
    index(w_C1) = 0.5*9 + 0.5*(8 w_C1 + 5 (1 - w_C1))  = 7 + 1.5 w_C1
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.method import ahp, whatif
from scorecard.method.scoring import score_period
from scorecard.method.weights import compute_weights
from scorecard.model import KPI, ROOT, Measurement, Objective, Perspective, Scorecard, Settings

LEVELS_2010 = {"F1a": 10.0, "F1b": 8.0, "C1a": 8.0, "C2a": 5.0}
LEVELS_2009 = {"F1a": 6.0, "F1b": 8.0, "C1a": 4.0, "C2a": 5.0}


def tiny(levels_2010: dict[str, float] = LEVELS_2010, levels_2009: dict[str, float] = LEVELS_2009,
         method: str = "eigen") -> Scorecard:
    """The tiny scorecard of the module docstring; actual = 10 x level."""
    sc = Scorecard(name="tiny", settings=Settings(priority_method=method))  # type: ignore[arg-type]
    sc.perspectives = [Perspective("F", "Financial", "Keuangan"), Perspective("C", "Customer", "Pelanggan")]
    sc.objectives = [Objective("F1", "F", "Revenue"), Objective("C1", "C", "Satisfaction"),
                     Objective("C2", "C", "Speed")]
    sc.kpis = [KPI(code, obj, code, worst=0.0) for code, obj in
               (("F1a", "F1"), ("F1b", "F1"), ("C1a", "C1"), ("C2a", "C2"))]
    for period, levels in (("2009", levels_2009), ("2010", levels_2010)):
        for code, lvl in levels.items():
            sc.measurements.append(Measurement(code, period, target=100.0, actual=10.0 * lvl, baseline=30.0))
    sc.set_judgment(ROOT, "F", "C", 1)
    sc.set_judgment("F1", "F1a", "F1b", 1)
    sc.set_judgment("C", "C1", "C2", 3)
    return sc


def item(items: list[whatif.SensitivityItem], node: str, change: float) -> whatif.SensitivityItem:
    return next(it for it in items if it.node == node and it.change_pct == change)


# ------------------------------------------------------------------------------------------------
# the fixture itself
# ------------------------------------------------------------------------------------------------


def test_tiny_scorecard_is_what_the_docstring_says() -> None:
    sc = tiny()
    w = compute_weights(sc)
    assert w.kpi_weights(sc) == pytest.approx({"F1a": 0.25, "F1b": 0.25, "C1a": 0.375, "C2a": 0.125})
    s = score_period(sc, "2010", w)
    assert {k.code: k.level for k in s.kpis} == pytest.approx(LEVELS_2010)
    assert s.index == pytest.approx(8.125)
    assert s.light == "green"
    assert score_period(sc, "2009", w).index == pytest.approx(5.625)


# ------------------------------------------------------------------------------------------------
# 1. sensitivity
# ------------------------------------------------------------------------------------------------


def test_renormalise_keeps_proportions_and_sum() -> None:
    # a: 0.5 -> 0.75; b and c share 0.25 in their ratio 3:1 -> 0.1875 and 0.0625
    out = whatif.renormalise({"a": 0.5, "b": 0.375, "c": 0.125}, "a", 0.75)
    assert out == pytest.approx({"a": 0.75, "b": 0.1875, "c": 0.0625})
    # clipped to [0, 1]
    assert whatif.renormalise({"a": 0.8, "b": 0.2}, "a", 1.3) == {"a": 1.0, "b": 0.0}
    assert whatif.renormalise({"a": 0.8, "b": 0.2}, "a", -0.1) == {"a": 0.0, "b": 1.0}
    # siblings all at 0 share the rest equally; an only child stays at 1
    assert whatif.renormalise({"a": 1.0, "b": 0.0, "c": 0.0}, "a", 0.5) == {"a": 0.5, "b": 0.25, "c": 0.25}
    assert whatif.renormalise({"a": 1.0}, "a", 0.3) == {"a": 1.0}
    with pytest.raises(KeyError):
        whatif.renormalise({"a": 1.0}, "z", 0.3)


@settings(max_examples=200, deadline=None)
@given(raw=st.lists(st.floats(0.001, 1.0), min_size=2, max_size=7), pick=st.integers(0, 6),
       change=st.floats(-100.0, 300.0))
def test_renormalise_property(raw: list[float], pick: int, change: float) -> None:
    total = sum(raw)
    local = {f"c{i}": v / total for i, v in enumerate(raw)}
    child = f"c{pick % len(raw)}"
    new = whatif.renormalise(local, child, local[child] * (1 + change / 100))
    assert math.fsum(new.values()) == pytest.approx(1.0, abs=1e-12)
    assert 0.0 <= new[child] <= 1.0
    assert new[child] == pytest.approx(min(max(local[child] * (1 + change / 100), 0.0), 1.0))
    others = [c for c in local if c != child]
    if new[child] < 1.0:  # siblings keep their relative proportions
        for a, b in zip(others, others[1:], strict=False):
            assert new[a] / new[b] == pytest.approx(local[a] / local[b], rel=1e-9)


def test_sensitivity_hand_checked_numbers() -> None:
    sc = tiny()
    items = whatif.sensitivity(sc, "2010")
    # every perspective and objective, four changes each, in hierarchy order
    assert [it.node for it in items[::4]] == ["F", "C", "F1", "C1", "C2"]
    assert {it.change_pct for it in items} == {-25.0, -10.0, 10.0, 25.0}
    assert len(items) == 5 * 4

    # Financial +10 %: w_F 0.5 -> 0.55, Customer 0.45.
    # F1a = F1b = 0.55*0.5 = 0.275; C1a = 0.45*0.75 = 0.3375; C2a = 0.45*0.25 = 0.1125
    # index = 0.275*(10+8) + 0.3375*8 + 0.1125*5 = 4.95 + 2.7 + 0.5625 = 8.2125 (= 7.25 + 1.75*0.55)
    it = item(items, "F", 10)
    assert (it.parent, it.weight_before, it.weight_after) == (ROOT, pytest.approx(0.5), pytest.approx(0.55))
    assert it.index == pytest.approx(8.2125)
    assert it.index_delta == pytest.approx(8.2125 - 8.125)
    assert it.light == "green"

    # Financial -25 %: w_F = 0.375 -> index = 7.25 + 1.75*0.375 = 7.90625: the index turns yellow.
    # Perspective and objective levels do not change (only the perspectives' weights moved).
    it = item(items, "F", -25)
    assert it.index == pytest.approx(7.90625)
    assert it.light == "yellow"
    assert it.flipped_groups == ()

    # C1 +25 %: 0.75 -> 0.9375, C2 0.0625 -> index = 7 + 1.5*0.9375 = 8.40625
    it = item(items, "C1", 25)
    assert (it.parent, it.weight_after) == ("C", pytest.approx(0.9375))
    assert it.index == pytest.approx(8.40625)
    # C1 -25 %: 0.5625 -> index = 7 + 1.5*0.5625 = 7.84375
    assert item(items, "C1", -25).index == pytest.approx(7.84375)
    # C2 +25 %: 0.25 -> 0.3125, C1 0.6875 -> index = 7 + 1.5*0.6875 = 8.03125
    assert item(items, "C2", 25).index == pytest.approx(8.03125)
    # F1 is an only child: its weight stays 1 and nothing moves
    it = item(items, "F1", 25)
    assert (it.weight_before, it.weight_after, it.index_delta) == (1.0, 1.0, 0.0)
    # KPI lights depend on levels only, so a weight change never flips a KPI
    assert all(it.flipped_kpis == () for it in items)


def test_sensitivity_clipping_and_group_flips() -> None:
    sc = tiny()
    items = whatif.sensitivity(sc, "2010", changes=(-100, 50), nodes=["C2", "C1"])
    # C2 -100 %: C2 -> 0, C1 -> 1: Customer level = 8 (green, was 0.75*8 + 0.25*5 = 7.25 yellow)
    # index = 0.5*9 + 0.5*8 = 8.5
    it = item(items, "C2", -100)
    assert (it.weight_after, it.index) == (0.0, pytest.approx(8.5))
    assert it.flipped_groups == ("C",)
    # C1 +50 %: 0.75*1.5 = 1.125 is clipped to 1 -> the same weights as above
    it = item(items, "C1", 50)
    assert it.weight_after == 1.0
    assert it.index == pytest.approx(8.5)


def test_zero_change_returns_base_index(reference: Scorecard) -> None:
    for sc, period in ((tiny(), "2010"), (reference, "2010"), (reference, "2009")):
        base = score_period(sc, period).index
        for it in whatif.sensitivity(sc, period, changes=(0,)):
            assert it.index == pytest.approx(base, abs=1e-12)
            assert it.index_delta == pytest.approx(0.0, abs=1e-12)
            assert it.weight_after == pytest.approx(it.weight_before)


def test_sensitivity_keeps_other_overrides() -> None:
    # Base weights from an equal-weights scenario (C1 = C2 = 0.5); changing F must keep them.
    sc = tiny()
    w = whatif.equal_scenario(sc).weights(sc)
    # index(w_F) = 9 w_F + (1 - w_F) * (0.5*8 + 0.5*5) = 6.5 + 2.5 w_F; w_F = 0.55 -> 7.875
    assert item(whatif.sensitivity(sc, "2010", weights=w, changes=(10,)), "F", 10).index == pytest.approx(7.875)


def test_flip_threshold_hand_checked() -> None:
    sc = tiny()
    # index(w_F) = 7.25 + 1.75 w_F < 8 (yellow) when w_F < 0.75/1.75 = 3/7;
    # change = (3/7)/0.5 - 1 = -1/7 = -14.2857 %. Upwards the index only grows: no flip.
    r = whatif.flip_threshold(sc, "2010", "F")
    assert r and r.flipped
    assert r.direction == "down" and r.new_light == "yellow" and r.light_before == "green"
    assert r.change_pct == pytest.approx(-100 / 7, abs=0.01)
    assert r.change_pct <= -100 / 7  # always on the flipping side
    assert r.up_pct is None and r.down_pct == r.change_pct
    assert r.weight_at_flip == pytest.approx(3 / 7, abs=1e-4)
    assert r.index_at_flip is not None and r.index_at_flip < 8.0

    # index(w_C1) = 7 + 1.5 w_C1 < 8 when w_C1 < 2/3; change = (2/3)/0.75 - 1 = -11.111 %
    r = whatif.flip_threshold(sc, "2010", "C1")
    assert (r.direction, r.new_light) == ("down", "yellow")
    assert r.change_pct == pytest.approx(-100 / 9, abs=0.01)

    # C2 works the other way: index = 8.5 - 1.5 w_C2 < 8 when w_C2 > 1/3; change = (1/3)/0.25 - 1 = +33.33 %
    r = whatif.flip_threshold(sc, "2010", "C2")
    assert (r.direction, r.new_light) == ("up", "yellow")
    assert r.change_pct == pytest.approx(100 / 3, abs=0.01)

    # the returned change does flip, the change 2 x tolerance closer to 0 does not
    items = whatif.sensitivity(sc, "2010", changes=(r.change_pct, r.change_pct - 0.02), nodes=["C2"])
    assert [it.light for it in items] == ["yellow", "green"]

    # F1 is an only child: no change of its weight can move anything
    r = whatif.flip_threshold(sc, "2010", "F1")
    assert not r and r.change_pct is None and r.new_light is None


def test_flip_threshold_none_when_the_light_cannot_change() -> None:
    # 2009: index(w_F) = 7 w_F + (1 - w_F)*(0.75*4 + 0.25*5) = 4.25 + 2.75 w_F, from 4.25 to 7 -> always yellow
    r = whatif.flip_threshold(tiny(), "2009", "F")
    assert r.light_before == "yellow"
    assert not r.flipped and r.up_pct is None and r.down_pct is None


def test_tornado_sorted_by_spread() -> None:
    bars = whatif.tornado_data(tiny(), "2010")
    # spreads: C1 8.40625 - 7.84375 = 0.5625; F and C 0.4375 each; C2 8.21875 - 8.03125 = 0.1875; F1 0
    assert bars[0].node == "C1" and bars[0].spread == pytest.approx(0.5625)
    assert [b.spread for b in bars] == sorted((b.spread for b in bars), reverse=True)
    assert bars[-1].node == "F1" and bars[-1].spread == 0.0
    f = next(b for b in bars if b.node == "F")
    # w_F 0.375 -> 7.90625; w_F 0.625 -> 7.25 + 1.75*0.625 = 8.34375
    assert (f.index_low, f.index_high, f.base_index) == pytest.approx((7.90625, 8.34375, 8.125))


def test_sensitivity_json_contract(reference: Scorecard) -> None:
    data = whatif.sensitivity_json(reference, "2010")
    assert set(data) == {"base_index", "period", "items"}
    assert data["period"] == "2010"
    assert data["base_index"] == pytest.approx(score_period(reference, "2010").index)
    n_nodes = len(reference.perspectives) + len(reference.objectives)
    assert len(data["items"]) == 4 * n_nodes
    for it in data["items"]:
        assert set(it) == {"node", "change_pct", "index", "light", "flipped_kpis"}
        assert it["light"] in ("red", "yellow", "green")
        assert 0.0 <= it["index"] <= 10.0
    assert sorted({it["change_pct"] for it in data["items"]}) == [-25.0, -10.0, 10.0, 25.0]
    json.dumps(data)  # plain data only


# ------------------------------------------------------------------------------------------------
# 2. consistency strip
# ------------------------------------------------------------------------------------------------


def test_strip_current_cr_equals_analyze() -> None:
    a = np.array([[1, 3, 5], [1 / 3, 1, 1 / 2], [1 / 5, 2, 1]], dtype=float)
    for method in ("eigen", "approx", "geometric"):
        s = whatif.consistency_strip(a, 0, 1, method=method, ri="saaty", policy="fixed")
        res = ahp.analyze(a, method=method, ri="saaty")
        assert s.values == ahp.SCALE and len(s.crs) == 17 and s.acceptable.shape == (17,)
        assert s.current_value == 3.0 and s.values[s.current_index] == 3.0
        assert s.current_cr == res.index  # the GCI for the geometric method
        assert s.index_name == res.index_name == ("GCI" if method == "geometric" else "CR")
        assert s.crs[s.current_index] == pytest.approx(res.index, abs=1e-9)
        assert s.threshold == res.index_threshold


def test_strip_on_a_skipped_pair() -> None:
    a = [[1, 2, None], [1 / 2, 1, 3], [None, 1 / 3, 1]]  # consistent for 6 at (0, 2)
    s = whatif.consistency_strip(a, 0, 2)
    assert math.isnan(s.current_value) and s.current_index == -1
    assert s.current_cr == 0.0  # two judgments of three items: a tree, always consistent
    assert int(np.argmin(s.crs)) == ahp.SCALE.index(6.0) and s.crs[ahp.SCALE.index(6.0)] == pytest.approx(0, abs=1e-12)


def test_strip_acceptable_range_known_3x3() -> None:
    # A 3x3 reciprocal matrix with a12 = a, a23 = b, a13 = c has lambda_max = 1 + t + 1/t, t = (ab/c)^(1/3).
    # Here a = b = 2, so t = (4/c)^(1/3), and CR = (t + 1/t - 2) / 2 / 0.58.
    # fixed (CR <= 0.10): t + 1/t <= 2.116 -> 0.71250 <= t <= 1.40349 -> 1.447 <= c <= 11.06 -> 2 .. 9
    #   (c = 1: t = 1.587, t + 1/t = 2.217 -> CR 0.187, rejected; c = 2: CR 0.046)
    # by-size (CR <= 0.05 for n = 3): t + 1/t <= 2.058 -> 1.946 <= c <= 8.224 -> 2 .. 8
    #   (c = 9: t = 0.763, t + 1/t = 2.0735 -> CR 0.063, rejected)
    a = np.array([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]], dtype=float)
    s = whatif.consistency_strip(a, 0, 2, method="eigen", ri="saaty", policy="fixed")
    assert s.acceptable_range == (2.0, 9.0) and s.contiguous
    assert s.current_value == 4.0 and s.current_cr == pytest.approx(0.0, abs=1e-12)
    assert s.crs[ahp.SCALE.index(1.0)] == pytest.approx((4 ** (1 / 3) + 4 ** (-1 / 3) - 2) / 2 / 0.58, rel=1e-9)
    s = whatif.consistency_strip(a, 0, 2, method="eigen", ri="saaty", policy="by-size")
    assert s.threshold == 0.05 and s.acceptable_range == (2.0, 8.0)
    assert list(s.acceptable) == [v in (2, 3, 4, 5, 6, 7, 8) for v in ahp.SCALE]


def test_strip_nothing_acceptable_and_2x2() -> None:
    # a23 = 9, a13 = 1/9: t = (a * 9 * 9)^(1/3) >= (81/9)^(1/3) = 2.08 -> CR >= 0.24 for every a12
    a = ahp.matrix_from_pairs(["x", "y", "z"], {("y", "z"): 9, ("z", "x"): 9})[0]
    s = whatif.consistency_strip(a, 0, 1, method="eigen", ri="saaty", policy="fixed")
    assert s.acceptable_range is None and not s.acceptable.any()
    # a 2 x 2 matrix is always consistent
    s = whatif.consistency_strip(np.array([[1, 5], [0.2, 1]]), 0, 1)
    assert s.acceptable.all() and s.acceptable_range == (1 / 9, 9.0)


# ------------------------------------------------------------------------------------------------
# 3. scenarios
# ------------------------------------------------------------------------------------------------


def test_scenario_round_trip() -> None:
    sc = tiny()
    s = whatif.scenario_from_weights("AHP", compute_weights(sc), note="from the workshop")
    back = whatif.Scenario.from_dict(json.loads(json.dumps(s.to_dict())))
    assert back == s
    assert back.local[ROOT] == pytest.approx({"F": 0.5, "C": 0.5})
    assert back.local["C"] == pytest.approx({"C1": 0.75, "C2": 0.25})
    with pytest.raises(ValueError):
        whatif.Scenario.from_dict({"local": {}})
    with pytest.raises(ValueError):
        whatif.Scenario.from_dict({"name": "x", "local": {"C": {"C1": -1}}})


def test_equal_scenario(reference: Scorecard) -> None:
    for sc in (tiny(), reference):
        eq = whatif.equal_scenario(sc)
        for node, kids in eq.local.items():
            assert set(kids) == set(sc.children(node))
            assert len(set(kids.values())) == 1
            assert math.fsum(kids.values()) == pytest.approx(1.0)
        w = eq.weights(sc)
        assert math.fsum(w.kpi_weights(sc).values()) == pytest.approx(1.0)


def test_compare_scenarios_hand_checked() -> None:
    sc = tiny()
    ahp_s = whatif.scenario_from_weights("AHP", compute_weights(sc))
    eq = whatif.equal_scenario(sc, name="Equal")
    cmp = whatif.compare_scenarios(sc, "2010", [ahp_s, eq])
    assert cmp.names == ["AHP", "Equal"]
    a, e = cmp.result("AHP"), cmp.result("Equal")
    assert a.index == pytest.approx(score_period(sc, "2010").index)
    # equal: every KPI global weight 0.25 -> index = 0.25*(10 + 8 + 8 + 5) = 7.75 (yellow)
    assert e.kpi_weights == pytest.approx({"F1a": 0.25, "F1b": 0.25, "C1a": 0.25, "C2a": 0.25})
    assert (e.index, e.light) == (pytest.approx(7.75), "yellow")
    assert e.perspective_weights == pytest.approx({"F": 0.5, "C": 0.5})
    # objective status = weighted mean level of its KPIs: F1 (10+8)/2 = 9, C1 8, C2 5
    assert e.objective_lights == {"F1": "green", "C1": "green", "C2": "yellow"}
    assert e.kpi_lights == {"F1a": "green", "F1b": "green", "C1a": "green", "C2a": "yellow"}
    rows = cmp.to_rows()
    assert rows[0] == {"kind": "index", "key": "index", "AHP": pytest.approx(8.125), "Equal": pytest.approx(7.75)}
    assert rows[1] == {"kind": "light", "key": "index", "AHP": "green", "Equal": "yellow"}
    kinds = [r["kind"] for r in rows]
    assert kinds.count("perspective_weight") == 2 and kinds.count("kpi_weight") == 4
    assert kinds.count("objective_light") == 3
    assert [r["scenario"] for r in cmp.summary_rows()] == ["AHP", "Equal"]
    with pytest.raises(ValueError):
        whatif.compare_scenarios(sc, "2010", [eq, eq])


# ------------------------------------------------------------------------------------------------
# 4. index movement
# ------------------------------------------------------------------------------------------------


def test_movement_same_weights_hand_checked() -> None:
    m = whatif.index_movement(tiny(), "2009", "2010")
    # (level_to - level_from) x w: F1a (10-6)*0.25 = 1.0; F1b 0; C1a (8-4)*0.375 = 1.5; C2a 0
    assert m.same_weights
    assert (m.index_from, m.index_to, m.total) == pytest.approx((5.625, 8.125, 2.5))
    assert [it.code for it in m.items[:2]] == ["C1a", "F1a"]
    assert [it.total for it in m.items] == pytest.approx([1.5, 1.0, 0.0, 0.0])
    assert all(it.weight_effect == 0.0 for it in m.items)
    rows = m.waterfall_rows()
    assert [r["kind"] for r in rows] == ["start", "step", "step", "step", "step", "end"]
    assert rows[1] == {"label": "C1a", "kind": "step", "value": pytest.approx(1.5), "start": pytest.approx(5.625),
                       "end": pytest.approx(7.125)}
    assert rows[-2]["end"] == pytest.approx(rows[-1]["end"])
    top = m.waterfall_rows(top=1)
    assert [r["label"] for r in top] == ["2009", "C1a", "others", "2010"]
    assert top[2]["value"] == pytest.approx(1.0)


def test_movement_different_weights_hand_checked() -> None:
    sc = tiny()
    m = whatif.index_movement(sc, "2009", "2010", weights_to=whatif.equal_scenario(sc).weights(sc))
    # 2009 with AHP weights 5.625; 2010 with equal weights 0.25*(10+8+8+5) = 7.75; total 2.125
    # C1a: level 4 -> 8, w 0.375 -> 0.25: level effect 4 * 0.3125 = 1.25, weight effect -0.125 * 6 = -0.75
    # C2a: level 5 -> 5, w 0.125 -> 0.25: level effect 0, weight effect 0.125 * 5 = 0.625
    # F1a: (10 - 6) * 0.25 = 1.0; F1b: 0.     1.0 + 0 + 0.5 + 0.625 = 2.125
    assert not m.same_weights
    assert m.total == pytest.approx(2.125)
    by = {it.code: it for it in m.items}
    assert (by["C1a"].level_effect, by["C1a"].weight_effect) == pytest.approx((1.25, -0.75))
    assert (by["C2a"].level_effect, by["C2a"].weight_effect) == pytest.approx((0.0, 0.625))
    assert [it.code for it in m.items] == ["F1a", "C2a", "C1a", "F1b"]
    assert m.level_total + m.weight_total == pytest.approx(m.total, abs=1e-12)


level = st.floats(0.0, 10.0)
positive = st.floats(0.01, 1.0)


@settings(max_examples=60, deadline=None)
@given(l9=st.tuples(level, level, level, level), l10=st.tuples(level, level, level, level),
       w_from=st.tuples(positive, positive, positive, positive), w_to=st.tuples(positive, positive, positive, positive))
def test_movement_parts_sum_exactly(l9, l10, w_from, w_to) -> None:
    codes = ("F1a", "F1b", "C1a", "C2a")
    sc = tiny(dict(zip(codes, l10, strict=True)), dict(zip(codes, l9, strict=True)))

    def weights(w):
        return compute_weights(sc, local_override={ROOT: {"F": w[0], "C": w[1]}, "F1": {"F1a": w[2], "F1b": w[3]},
                                                   "C": {"C1": w[1], "C2": w[3]}})

    wf, wt = weights(w_from), weights(w_to)
    m = whatif.index_movement(sc, "2009", "2010", weights_from=wf, weights_to=wt)
    total = score_period(sc, "2010", wt).index - score_period(sc, "2009", wf).index
    assert math.fsum(it.total for it in m.items) == pytest.approx(total, abs=1e-12)
    for it in m.items:
        assert it.level_effect + it.weight_effect == pytest.approx(it.level_to * it.weight_to
                                                                   - it.level_from * it.weight_from, abs=1e-12)
    # the same weights: contribution = delta level x w, no weight effect
    m = whatif.index_movement(sc, "2009", "2010", weights_from=wf, weights_to=wf)
    assert m.same_weights
    for it in m.items:
        assert it.weight_effect == 0.0
        assert it.total == (it.level_to - it.level_from) * wf.global_[it.code]


def test_movement_reference_case(reference: Scorecard) -> None:
    m = whatif.index_movement(reference, "2009", "2010")
    total = score_period(reference, "2010").index - score_period(reference, "2009").index
    assert math.fsum(it.total for it in m.items) == pytest.approx(total, abs=1e-12)
    assert len(m.items) == len(reference.kpis)
    assert [abs(it.total) for it in m.items] == sorted((abs(it.total) for it in m.items), reverse=True)


# ------------------------------------------------------------------------------------------------
# 5. Monte Carlo
# ------------------------------------------------------------------------------------------------


def test_monte_carlo_reproducible_and_ordered(reference: Scorecard) -> None:
    a = whatif.monte_carlo(reference, "2010", n=200, seed=7)
    b = whatif.monte_carlo(reference, "2010", n=200, seed=7)
    c = whatif.monte_carlo(reference, "2010", n=200, seed=8)
    assert np.array_equal(a.index_samples, b.index_samples) and a == b
    assert not np.array_equal(a.index_samples, c.index_samples)
    bands = [a.index_band, *a.kpi_bands.values()] + [x for kids in a.local_bands.values() for x in kids.values()]
    for band in bands:
        assert band.p5 <= band.p50 <= band.p95
    assert math.fsum(a.light_probability.values()) == pytest.approx(1.0)
    assert set(a.kpi_bands) == {k.code for k in reference.kpis}
    assert a.index_band.base == pytest.approx(score_period(reference, "2010").index)
    assert all(0.0 <= v <= 1.0 for v in a.acceptable_share.values())


def test_monte_carlo_two_by_two_is_exact() -> None:
    # 2 x 2 nodes: a judgment v moves to its scale neighbours with probability 1/3 each.
    # C: C1 vs C2 = 3 -> 2, 3 or 4 -> C1 weight 2/3, 3/4 or 4/5, so p5 = 2/3, p50 = 3/4, p95 = 4/5.
    # ROOT: F vs C = 1 -> 1/2, 1 or 2 -> F weight 1/3, 1/2, 2/3.
    u = whatif.monte_carlo(tiny(), "2010", n=600, seed=1)
    c1 = u.local_bands["C"]["C1"]
    assert (c1.base, c1.p5, c1.p50, c1.p95) == pytest.approx((0.75, 2 / 3, 0.75, 0.8))
    f = u.local_bands[ROOT]["F"]
    assert (f.p5, f.p50, f.p95) == pytest.approx((1 / 3, 0.5, 2 / 3))
    assert "F1" in u.local_bands and "C1" not in u.local_bands  # only nodes with >= 2 children
    assert u.acceptable_share["C"] == 1.0


def test_monte_carlo_consistent_case_median_near_base() -> None:
    # One objective with three KPIs judged perfectly consistently (2, 4, 2): w = 4/7, 2/7, 1/7.
    sc = Scorecard(name="consistent")
    sc.perspectives = [Perspective("P", "P", "P")]
    sc.objectives = [Objective("O", "P", "O")]
    sc.kpis = [KPI(c, "O", c, worst=0.0) for c in ("a", "b", "c")]
    for c, lvl in (("a", 9.0), ("b", 6.0), ("c", 2.0)):
        sc.measurements.append(Measurement(c, "2010", target=100.0, actual=10 * lvl, baseline=30.0))
    sc.set_judgment("O", "a", "b", 2)
    sc.set_judgment("O", "a", "c", 4)
    sc.set_judgment("O", "b", "c", 2)
    u = whatif.monte_carlo(sc, "2010", n=500, seed=3)
    bands = u.local_bands["O"]
    assert [bands[c].base for c in "abc"] == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    for c in "abc":
        assert bands[c].p50 == pytest.approx(bands[c].base, abs=0.03)
        assert u.kpi_bands[c].p50 == pytest.approx(bands[c].base, abs=0.03)
    # index = (9*4 + 6*2 + 2*1)/7 = 50/7 = 7.14
    assert u.index_band.base == pytest.approx(50 / 7)
    assert u.index_band.p50 == pytest.approx(50 / 7, abs=0.15)


@pytest.mark.parametrize("method", ["eigen", "approx", "geometric"])
def test_monte_carlo_zero_step_reproduces_base(method: str) -> None:
    sc = tiny(method=method)
    sc.set_judgment("F1", "F1a", "F1b", 5)
    u = whatif.monte_carlo(sc, "2010", n=20, step=0)
    base = compute_weights(sc)
    assert u.index_band.p5 == pytest.approx(score_period(sc, "2010", base).index)
    assert u.index_band.p95 == pytest.approx(u.index_band.p5)
    for code, band in u.kpi_bands.items():
        assert band.p50 == pytest.approx(base.global_[code])


def test_monte_carlo_zero_step_reference(reference: Scorecard) -> None:
    u = whatif.monte_carlo(reference, "2010", n=5, step=0)
    base = compute_weights(reference)
    for node, kids in u.local_bands.items():
        for child, band in kids.items():
            assert band.p5 == pytest.approx(base.local[child]) and band.p95 == pytest.approx(band.p5), (node, child)
    assert u.index_band.p50 == pytest.approx(score_period(reference, "2010").index)

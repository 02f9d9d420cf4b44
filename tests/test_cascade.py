"""Cascading (METHOD §8): roll-up rules by hand, alignment checks, chains, validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.method import cascade
from scorecard.method.capaian import capaian_pct as capaian
from scorecard.method.cascade import Supporter, combine, evaluate
from scorecard.model import CascadeLink, SkpIndicator
from tests.cascade_trees import mini, office_two_units, three_levels

# ---- rules by hand (a1 = 30, b1 = 50) ---------------------------------------------------------------

@pytest.mark.parametrize(("rule", "weights", "expected"), [
    ("sum", (1, 1), 80.0),
    ("average", (1, 1), 40.0),
    ("weighted", (1, 3), 45.0),  # (1 x 30 + 3 x 50) / 4
    ("minimum", (1, 1), 30.0),
])
def test_rollup_rules_by_hand(rule, weights, expected):
    res = evaluate(office_two_units(rule, weights=weights))
    assert res.report.ok
    ru = res.units["O"].rollups["K1"]
    assert ru.value == pytest.approx(expected)
    assert ru.rule == rule and ru.reported == 2
    assert [(s.unit, s.value) for s in ru.supporters] == [("A", 30.0), ("B", 50.0)]
    assert res.units["O"].kpi_actual("K1") == pytest.approx(expected)


def test_rolled_up_value_is_scored_with_the_parents_own_scale():
    res = evaluate(office_two_units("sum"))
    k1 = res.units["O"].score.kpi("K1")
    assert k1.actual == 80.0
    assert k1.level == pytest.approx(3 + 7 * 30 / 50)  # 7.2: yellow
    assert k1.light == "yellow"
    # index = mean of K1 7.2 and K2 8.6 (two KPIs, equal weights by default)
    assert res.units["O"].index == pytest.approx((7.2 + 8.6) / 2)


def test_alignment_only_keeps_the_parents_own_value():
    res = evaluate(office_two_units("alignment", typed=55.0))
    assert res.units["O"].rollups == {}
    assert res.units["O"].kpi_actual("K1") == 55.0


def test_typed_parent_value_that_disagrees_is_flagged():
    far = evaluate(office_two_units("sum", typed=100.0)).units["O"].rollups["K1"]
    assert far.value == 80.0 and far.typed == 100.0 and far.disagrees
    near = evaluate(office_two_units("sum", typed=80.2)).units["O"].rollups["K1"]  # 0.25 % off: rounding
    assert near.typed == 80.2 and not near.disagrees


def test_latest_carries_forward_and_breaks_ties_by_order():
    tree = office_two_units("latest")
    a = tree.unit("A").scorecard
    a.measurements[0].period = "2023"  # A reports 30 in 2023 only; B reports 50 in 2024
    tree.unit("B").scorecard.measurements.append(
        type(a.measurements[0])("b1", "2023", target=40.0, actual=44.0, baseline=50.0))
    tree.unit("O").scorecard.measurements.append(
        type(a.measurements[0])("K1", "2023", target=100.0, baseline=50.0))
    r24 = evaluate(tree, "2024").units["O"].rollups["K1"]
    assert r24.value == 50.0  # B's 2024 value is more recent than A's carried 2023 value
    assert {(s.unit, s.period) for s in r24.supporters} == {("A", "2023"), ("B", "2024")}
    r23 = evaluate(tree, "2023").units["O"].rollups["K1"]
    assert r23.value == 44.0  # both report 2023: the last listed (B) wins


def test_missing_supporter_value_is_left_out_and_counted():
    tree = office_two_units("average")
    tree.unit("A").scorecard.measurements[0].actual = None
    ru = evaluate(tree).units["O"].rollups["K1"]
    assert ru.value == 50.0 and ru.reported == 1 and len(ru.supporters) == 2


def test_three_levels_roll_up_bottom_first():
    res = evaluate(three_levels())
    assert res.report.ok
    assert res.units["A"].rollups["a1"].value == 12.0  # from AX.x1
    assert res.units["A"].rollups["a1"].disagrees  # A typed 30
    assert res.units["B"].rollups["b1"].value == 35.0  # SKP 20 + 15
    assert {s.employee for s in res.units["B"].rollups["b1"].supporters} == {"1987001", "1990002"}
    assert res.units["O"].rollups["K1"].value == 47.0  # 12 + 35
    assert res.units["O"].score.kpi("K1").light == "red"  # level 2.82
    assert res.units["A"].kpi_light("a1") == "red"


def test_beneath_a_red_office_kpi_reaches_the_employees():
    res = evaluate(three_levels())
    assert res.red_kpis("O") == ["K1"]
    t = res.beneath("O", "K1")
    assert [(c.unit, c.code, c.light) for c in t.children] == [("A", "a1", "red"), ("B", "b1", "green")]
    assert [(c.unit, c.code) for c in t.children[0].children] == [("AX", "x1")]
    skp = [n for n in t.walk() if n.kind == "skp"]
    assert {(n.employee, n.actual) for n in skp} == {("1987001", 20.0), ("1990002", 15.0)}


def test_a_persons_chain_goes_up_to_the_office_objective():
    chains = evaluate(three_levels()).chains("1987001")
    assert len(chains) == 1
    assert [(t.kind, t.unit, t.code) for t in chains[0]] == [
        ("skp", "B", "s1"), ("kpi", "B", "b1"), ("kpi", "O", "K1"), ("objective", "O", "S1")]


def test_one_unit_kpi_supporting_two_office_kpis_gives_two_chains():
    tree = three_levels()
    tree.links.append(CascadeLink("B", "b1", "K2"))  # alignment only
    chains = evaluate(tree).chains("1990002")
    assert sorted(c[2].code for c in chains) == ["K1", "K2"]


def test_alignment_checks():
    al = cascade.alignment(three_levels())
    assert al.supports_nothing == [("A", "a2")]
    assert ("O", "K2") in al.unsupported and ("O", "K1") not in al.unsupported
    assert ("A", "a2") in al.unsupported  # A has a sub-unit, which supports only a1
    assert al.no_employee == []  # B's only KPI has SKP rows


def test_objective_links_count_for_alignment_but_cannot_carry_values():
    tree = three_levels()
    tree.links.append(CascadeLink("A", "A1", "S1"))  # objective to objective: fine
    assert ("A", "a2") not in cascade.alignment(tree).supports_nothing
    tree.links.append(CascadeLink("A", "A1", "K2", "sum"))
    rep = cascade.validate_tree(tree)
    assert [p.code for p in rep.errors] == ["cascade.rule_objective"]


@pytest.mark.parametrize(("mutate", "code"), [
    (lambda t: t.links.append(CascadeLink("B", "b1", "K1", "average")), "cascade.rule_conflict"),
    (lambda t: t.links.append(CascadeLink("B", "nope", "K1")), "cascade.link_item"),
    (lambda t: t.links.append(CascadeLink("B", "b1", "x1")), "cascade.link_target"),  # x1 is two levels down
    (lambda t: t.links.append(CascadeLink("O", "K1", "K2")), "cascade.link_root"),
    (lambda t: t.links.append(CascadeLink("Q", "q", "K1")), "cascade.link_unit"),
    (lambda t: setattr(t.units[1], "parent", "ZZ"), "cascade.unknown_parent"),
    (lambda t: setattr(t.units[0], "parent", "A"), "cascade.roots"),
    (lambda t: t.skp.append(SkpIndicator("B", "1", "X", "s", "p", "i", "2024", supports="zz")), "cascade.skp_supports"),
    (lambda t: t.links.append(CascadeLink("A", "a2", "K2", "median")), "cascade.rule"),
])
def test_validation_names_the_problem_in_both_languages(mutate, code):
    tree = three_levels()
    mutate(tree)
    res = evaluate(tree)
    assert code in [p.code for p in res.report.errors]
    p = next(p for p in res.report.errors if p.code == code)
    assert p.what.en != p.what.id and p.what.id


def test_tree_with_errors_is_scored_without_rollups():
    tree = three_levels()
    tree.links.append(CascadeLink("B", "b1", "K1", "average"))
    res = evaluate(tree)
    assert not res.report.ok
    assert res.units["O"].rollups == {}


def test_capaian_by_hand():
    assert capaian(100, 90) == 90.0
    assert capaian(100, 90, "lower") == pytest.approx(110.0)  # (2 - 0.9) x 100
    assert capaian(10, 20) == 120.0  # capped
    assert capaian(10, 30, "lower") == 0.0  # floored
    assert capaian(0, 5) is None and capaian(None, 5) is None


def test_skp_light_reads_capaian_over_ten_with_the_units_bands():
    tree = three_levels()
    tree.skp[0].actual = 9.0  # capaian 36 % -> level 3.6: red
    res = evaluate(tree)
    assert [(r.row.person, r.capaian, r.light) for r in res.skp] == [("Sari", 36.0, "red"), ("Budi", 100.0, "green")]


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=8))
def test_rules_order_properties(values):
    sup = [Supporter("U", f"k{i}", v, period="2024") for i, v in enumerate(values)]
    lo, hi = min(values), max(values)
    assert combine("minimum", sup) == lo
    assert lo - 1e-6 <= combine("average", sup) <= hi + 1e-6
    assert combine("weighted", sup) == pytest.approx(combine("average", sup), rel=1e-9, abs=1e-6)
    assert combine("sum", sup) == pytest.approx(sum(values), rel=1e-9, abs=1e-6)
    assert combine("latest", sup) == values[-1]
    assert combine("alignment", sup) is None


def test_mini_helper_scale_is_what_the_docstring_says():
    sc = mini("x", "S", {"k": {"2024": (100.0, 75.0)}})
    from scorecard.method.scoring import score_period

    assert score_period(sc, "2024").kpi("k").level == pytest.approx(3 + 7 * 25 / 50)


@given(st.lists(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=6), min_size=1, max_size=5),
       st.sampled_from(["sum", "minimum"]))
def test_sum_and_minimum_through_three_levels_match_the_employees(units, rule):
    """Office K1 <- unit KPIs u1 <- employees' SKP rows, all by one rule: the office value is that rule over
    every employee's realisasi (sum of sums = sum of all; min of mins = min of all)."""
    from scorecard.model import ScorecardTree, Unit

    office = mini("Office", "S", {"K1": {"2024": (100.0, None)}})
    tree = ScorecardTree("p", [Unit("O", "Office", office)])
    for i, values in enumerate(units):
        code = f"U{i}"
        tree.units.append(Unit(code, code, mini(code, "A", {"u1": {"2024": (10.0, None)}}), "O"))
        tree.links.append(CascadeLink(code, "u1", "K1", rule))
        for j, v in enumerate(values):
            tree.skp.append(SkpIndicator(code, f"{i}-{j}", "P", "1", "plan", "ind", "2024", 10.0, v,
                                         supports="u1", rule=rule))
    res = evaluate(tree)
    every = [v for values in units for v in values]
    expected = sum(every) if rule == "sum" else min(every)
    assert res.units["O"].rollups["K1"].value == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_skp_capaian_is_capped_at_the_units_setting():
    tree = three_levels()
    tree.unit("B").scorecard.settings.capaian_cap = 110.0
    tree.skp[0].actual = 40.0  # 40 / 25 = 160 %
    assert evaluate(tree).skp[0].capaian == 110.0

"""The fast scoring path equals the plain one.

``score_all`` / ``score_table`` (vectorised: omax.scale_arrays, omax.levels_of, build_scales) must
give exactly what ``score_period`` (one KPI at a time: build_scale, level_of) gives, on the study
and on random scorecards (hypothesis): same objects, same levels bit for bit, same lights; the
table's numpy sums agree to rounding.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.method.omax import (
    PASS_FAIL,
    UNSCORABLE,
    VALID,
    WORST_TARGET,
    build_scale,
    build_scales,
    level_of,
    levels_of,
    scale_arrays,
)
from scorecard.method.scoring import score_all, score_period, score_table
from scorecard.method.weights import compute_weights
from scorecard.model import KPI, Anchor, Measurement, Objective, Perspective, Scorecard, Settings

_STATUS = {None: VALID, "worst-target": WORST_TARGET, "pass-fail": PASS_FAIL}


def same(a: object, b: object) -> bool:
    """Deep equality in which NaN equals NaN (scores hold NaN in pass/fail scales and inputs)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return type(a) is type(b) and all(same(getattr(a, f.name), getattr(b, f.name))
                                          for f in dataclasses.fields(a))
    if isinstance(a, list | tuple):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return (type(b) is dict and list(a) == list(b)
                and all(same(a[k], b[k]) for k in a))
    return type(a) is type(b) and a == b


def same_float(a: float | None, b: float) -> bool:
    """``a`` (None = not scored) equals ``b`` (NaN = not scored) exactly."""
    return math.isnan(b) if a is None else a == b


def assert_table_matches(sc: Scorecard, table, plain) -> None:
    assert list(table.periods) == list(plain)
    assert list(table.kpis) == [k.code for k in sc.kpis]
    for j, (p, ps) in enumerate(plain.items()):
        for i, k in enumerate(ps.kpis):
            assert same_float(k.level, table.level[j, i]), (p, k.code, k.level, table.level[j, i])
            assert table.light[j, i] == k.light, (p, k.code)
            assert table.value[j, i] == pytest.approx(k.value, rel=1e-12, abs=1e-15)
            status = UNSCORABLE if not k.scale.scorable else _STATUS[k.scale.fallback]
            assert table.status[j, i] == status, (p, k.code)
        assert table.index[j] == pytest.approx(ps.index, rel=1e-12, abs=1e-12)
        assert table.index_light[j] == ps.light
        for n, o in enumerate(ps.objectives):
            assert table.objective_subtotal[j, n] == pytest.approx(o.subtotal, rel=1e-12, abs=1e-12)
            if o.level is None:
                assert math.isnan(table.objective_level[j, n])
            else:
                assert table.objective_level[j, n] == pytest.approx(o.level, rel=1e-12, abs=1e-12)
        for n, g in enumerate(ps.perspectives):
            assert table.perspective_subtotal[j, n] == pytest.approx(g.subtotal, rel=1e-12, abs=1e-12)
            if g.level is None:
                assert math.isnan(table.perspective_level[j, n])
            else:
                assert table.perspective_level[j, n] == pytest.approx(g.level, rel=1e-12, abs=1e-12)


def check_fast_equals_plain(sc: Scorecard) -> None:
    w = compute_weights(sc)
    plain = {p: score_period(sc, p, w) for p in sc.periods()}
    fast = score_all(sc, w)
    assert list(fast) == list(plain)
    for p in plain:
        a, b = fast[p], plain[p]
        for x, y in zip(a.kpis, b.kpis, strict=True):
            assert same(x, y), (p, x, y)
        assert same(a, b), p
    assert_table_matches(sc, score_table(sc, w), plain)


# ---- the study -----------------------------------------------------------------------------------


def test_reference_case_fast_equals_plain(reference):
    check_fast_equals_plain(reference)


def test_reference_case_table_2010(reference):
    t = score_table(reference)
    j = t.periods.index("2010")
    assert t.level[j, t.kpis.index("F1a")] == pytest.approx(9.3672, abs=1e-4)
    assert {t.kpis[i] for i in np.flatnonzero(t.light[j] == "red")} == {"C3b", "I3a", "L1a"}


# ---- the OMAX kernels on their own ---------------------------------------------------------------

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
odd = st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0, 1e308, -1e308, 5e-324])
anchor_value = st.one_of(st.none(), finite, finite, finite, odd, st.integers(-1000, 1000))
anchor_dicts = st.dictionaries(st.integers(0, 10), anchor_value, max_size=6).map(
    lambda d: {10: d.pop(10, 100.0), 0: d.pop(0, 0.0), **d})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(anchor_dicts, st.sampled_from(["higher", "lower"]), st.booleans(),
                               st.lists(st.one_of(finite, odd), min_size=3, max_size=3)),
                     min_size=1, max_size=4))
def test_scale_arrays_and_levels_of_equal_the_scalar_rules(rows):
    check_kernels(rows)


NASTY = [math.nan, math.inf, -math.inf, 0.0, -0.0, 1e308, -1e308, 5e-324, 1.0, 1.0 + 2 ** -52, 1e16, 1e16 + 2]


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2 ** 32 - 1))
def test_kernels_on_many_random_scales_at_once(seed):
    """Many scales per call (numpy-generated, with ties, near-ties, huge and odd values)."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(300):
        d: dict[int, float | None] = {}
        for lev in [0, 10, *rng.choice(np.arange(1, 10), size=rng.integers(0, 4), replace=False).tolist()]:
            r = rng.random()
            d[int(lev)] = (None if r < 0.05 else NASTY[rng.integers(len(NASTY))] if r < 0.2
                           else float(np.round(rng.normal(50, 40), int(rng.integers(0, 3)))))
        xs = [float(rng.normal(50, 60)), NASTY[rng.integers(len(NASTY))], d.get(3) if d.get(3) is not None else 1.0]
        rows.append((d, "higher" if rng.random() < 0.6 else "lower", bool(rng.random() < 0.5), xs))
    check_kernels(rows)


def check_kernels(rows):
    m = len(rows)
    anchors = np.full((m, 11), np.nan)
    for r, (d, _, _, _) in enumerate(rows):
        for lev, v in d.items():
            anchors[r, lev] = np.nan if v is None else v
    higher = np.array([dr == "higher" for _, dr, _, _ in rows])
    values, status = scale_arrays(anchors, higher)
    scales = build_scales([d for d, _, _, _ in rows], [dr for _, dr, _, _ in rows],
                          [df for _, _, df, _ in rows], values, status)
    for r, (d, dr, df, xs) in enumerate(rows):
        ref = build_scale(d, dr, defaults=df)
        assert same(scales[r], ref), (scales[r], ref)
        if ref.scorable:
            got = values[r].tolist()
            for lev in range(11):  # bit for bit, NaN in pass/fail rows
                assert got[lev] == ref.values[lev] or (math.isnan(got[lev]) and math.isnan(ref.values[lev])), lev
            assert status[r] == _STATUS[ref.fallback]
        else:
            assert status[r] == UNSCORABLE and np.isnan(values[r]).all()
        n = len(xs)
        got_levels = levels_of(np.repeat(values[r:r + 1], n, 0), np.repeat(higher[r:r + 1], n),
                               np.repeat(status[r:r + 1], n), np.array(xs, dtype=float))
        for x, lv in zip(xs, got_levels.tolist(), strict=True):
            assert same_float(level_of(ref, x), lv), (d, dr, x)


def test_level_grid_on_a_valid_scale_and_both_fallbacks():
    rows = [({10: 100.0, 3: 70.0, 0: 50.0}, "higher"), ({10: 2.0, 3: 7.0, 0: 10.0}, "lower"),
            ({10: 33.75, 3: 35.73, 0: 2.0}, "higher"), ({10: 50.0, 3: 40.0, 0: 50.0}, "higher"),
            ({10: None, 3: 5.0, 0: 1.0}, "higher")]
    anchors = np.full((len(rows), 11), np.nan)
    for r, (d, _) in enumerate(rows):
        for lev, v in d.items():
            anchors[r, lev] = np.nan if v is None else v
    higher = np.array([dr == "higher" for _, dr in rows])
    values, status = scale_arrays(anchors, higher)
    assert status.tolist() == [VALID, VALID, WORST_TARGET, PASS_FAIL, UNSCORABLE]
    xs = np.linspace(-5, 120, 251)
    for r, (d, dr) in enumerate(rows):
        ref = build_scale(d, dr)
        got = levels_of(np.repeat(values[r:r + 1], len(xs), 0), np.repeat(higher[r:r + 1], len(xs)),
                        np.repeat(status[r:r + 1], len(xs)), xs)
        for x, lv in zip(xs.tolist(), got.tolist(), strict=True):
            assert same_float(level_of(ref, x), lv)


# ---- random scorecards ---------------------------------------------------------------------------

PERIOD_SETS = [
    ["2021", "2022", "2023"],
    ["2022-01", "2022-02", "2022-03", "2022-04"],
    ["2022", "2022-Q1", "2022-Q2", "2023", "2023-Q1"],
    ["2023-Q4", "2023-11", "2023-12", "2024-01", "2024-Q1"],
]
value = st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(-50, 500),
                  st.sampled_from([math.nan, math.inf, 0.0]))


@st.composite
def scorecards(draw) -> Scorecard:
    periods = draw(st.sampled_from(PERIOD_SETS))
    n_p = draw(st.integers(1, 3))
    sc = Scorecard("random", settings=Settings(
        priority_method=draw(st.sampled_from(["eigen", "approx", "geometric"])),
        yellow_from=draw(st.sampled_from([4.0, 3.5])), green_from=draw(st.sampled_from([8.0, 9.0]))))
    for p in range(n_p):
        sc.perspectives.append(Perspective(f"P{p}", f"P{p}", ""))
    n_o = draw(st.integers(1, 5))
    for o in range(n_o):
        sc.objectives.append(Objective(f"O{o}", f"P{draw(st.integers(0, n_p - 1))}", f"O{o}"))
    n_k = draw(st.integers(1, 9))
    for i in range(n_k):
        sc.kpis.append(KPI(f"K{i}", f"O{draw(st.integers(0, n_o - 1))}", f"K{i}",
                           direction=draw(st.sampled_from(["higher", "lower"])),
                           worst=draw(st.one_of(st.none(), value)),
                           ratio_use=draw(st.sampled_from(["numerator", "denominator", "quotient", "percent"]))))
    if draw(st.booleans()):  # a KPI whose objective does not exist: counted in the index only
        sc.kpis.append(KPI("KX", "nowhere", "KX", worst=0.0))
    for k in sc.kpis:
        for p in periods:
            if draw(st.integers(0, 9)) == 0:
                continue  # no measurement at all
            m = Measurement(k.code, p, target=draw(value), actual=draw(value), actual_text="t",
                            baseline=draw(st.one_of(st.none(), st.none(), value)))
            if draw(st.integers(0, 5)) == 0:
                m.numerator, m.denominator = draw(value), draw(value)
            sc.measurements.append(m)
    if sc.measurements and draw(st.booleans()):  # a duplicate (kpi, period): the last one wins
        m0 = sc.measurements[draw(st.integers(0, len(sc.measurements) - 1))]
        sc.measurements.append(Measurement(m0.kpi, m0.period, target=draw(value), actual=draw(value)))
    for _ in range(draw(st.integers(0, 4))):
        sc.anchors.append(Anchor(f"K{draw(st.integers(0, n_k - 1))}", draw(st.integers(0, 10)), draw(value),
                                 draw(st.one_of(st.none(), st.sampled_from(periods + ["1999"])))))
    for node in sc.nodes():
        kids = sc.children(node)
        for a in range(len(kids)):
            for b in range(a + 1, len(kids)):
                if draw(st.booleans()):
                    sc.set_judgment(node, kids[a], kids[b], draw(st.sampled_from([1 / 9, 1 / 3, 1.0, 2.0, 5.0, 9.0])))
    return sc


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sc=scorecards())
def test_random_scorecards_fast_equals_plain(sc):
    check_fast_equals_plain(sc)


def test_a_bad_anchor_level_raises_like_the_plain_path():
    sc = Scorecard("bad", perspectives=[Perspective("P", "P", "")], objectives=[Objective("O", "P", "O")],
                   kpis=[KPI("K", "O", "K", worst=0.0)], measurements=[Measurement("K", "2020", 10.0, 5.0)],
                   anchors=[Anchor("K", 12, 3.0)])
    with pytest.raises(ValueError):
        score_period(sc, "2020")
    with pytest.raises(ValueError):
        score_all(sc)
    with pytest.raises(ValueError):
        score_table(sc)


def test_duplicate_kpi_codes_share_their_measurements_as_in_the_plain_path():
    sc = Scorecard("dup", perspectives=[Perspective("P", "P", "")],
                   objectives=[Objective("O1", "P", "O1"), Objective("O2", "P", "O2")],
                   kpis=[KPI("K", "O1", "K", worst=0.0), KPI("K", "O2", "K again", direction="lower", worst=20.0,
                                                             ratio_use="quotient")],
                   measurements=[Measurement("K", "2020", 10.0, 5.0), Measurement("K", "2021", 12.0, 8.0),
                                 Measurement("K", "2022", 12.0, 3.0, numerator=3.0, denominator=4.0)],
                   anchors=[Anchor("K", 5, 7.0, "2021")])
    check_fast_equals_plain(sc)

"""AHP arithmetic (scorecard.method.ahp): the reference study, published textbook examples, hand-checked
cases, properties (hypothesis) and input errors."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scorecard.method import ahp
from scorecard.method.ahp import SCALE, AhpInputError, analyze

# --------------------------------------------------------------------------------------------
# The reference study (METHOD.md §6)
# --------------------------------------------------------------------------------------------

_JUDGMENTS = Path("samsat-karang-ploso") / "judgments.csv"
_CANDIDATES = (
    Path(__file__).resolve().parents[2] / "shared/reference" / _JUDGMENTS,
    Path("/work/shared/reference") / _JUDGMENTS,
    Path(__file__).resolve().parents[1] / "data/reference/judgments.csv",
)


def _judgments_csv() -> Path | None:
    return next((p for p in _CANDIDATES if p.exists()), None)


def _study_nodes() -> dict[str, tuple[list[str], dict[tuple[str, str], str]]]:
    """node -> (children in order of first appearance, {(a, b): value as printed})."""
    path = _judgments_csv()
    if path is None:
        pytest.skip("the reference study's judgments.csv is not available")
    nodes: dict[str, tuple[list[str], dict[tuple[str, str], str]]] = defaultdict(lambda: ([], {}))
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            children, pairs = nodes[row["node"]]
            for c in (row["a"], row["b"]):
                if c not in children:
                    children.append(c)
            pairs[(row["a"], row["b"])] = row["value"]
    return dict(nodes)


# Published results (approximate method, 2 decimals). The exact values the inputs give with
# method="approx" and Saaty's RI are in the comments; every published number agrees with them
# after rounding to 2 decimals, so nothing needed explaining away:
#   Scorecard: F 0.2396  C 0.4062  I 0.1771  L 0.1771  lambda 4.1536  CI 0.0512  CR 0.0569 (-> 0.06)
#   Customer:  C1 0.3917 C2 0.1646 C3 0.1646 C4 0.2792 lambda 4.0605 CR 0.0224 (-> 0.02)
#   Internal:  I1 0.1418 I2 0.2002 I3 0.3290 I4 0.3290 lambda 4.0610 CR 0.0226 (-> 0.02)
#   L1:        L1a 0.3119 L1b 0.1976 L1c 0.4905   lambda 3.0537 CR 0.0463 (-> 0.05)
# Note: the method matters at this precision. With "eigen" the perspectives come out
# F 0.2407 C 0.4092 I 0.1750 L 0.1750, so I and L would sit right on the 0.175 rounding edge;
# the study's hand method is "approx" (METHOD.md §2) and that is what reproduces it.
STUDY = {
    "Scorecard": ({"Financial": 0.24, "Customer": 0.41, "Internal Business Process": 0.18,
                   "Learning and Growth": 0.18}, 0.06),
    "Customer": ({"C1": 0.39, "C2": 0.16, "C3": 0.16, "C4": 0.28}, 0.02),
    "Internal Business Process": ({"I1": 0.14, "I2": 0.20, "I3": 0.33, "I4": 0.33}, 0.02),
    "Learning and Growth": ({"L1": 0.67, "L2": 0.33}, 0.0),
    "L1": ({"L1a": 0.31, "L1b": 0.20, "L1c": 0.49}, 0.05),
}


@pytest.mark.parametrize("node", sorted(STUDY))
def test_study_published_weights_and_cr(node: str) -> None:
    children, pairs = _study_nodes()[node]
    matrix, missing = ahp.matrix_from_pairs(children, pairs)
    assert missing == []  # the study judged every pair
    res = analyze(matrix, method="approx", ri="saaty", labels=children)
    expected, cr = STUDY[node]
    assert list(expected) == children
    assert [round(float(w), 2) for w in res.weights] == list(expected.values())
    assert round(res.cr, 2) == cr
    assert res.acceptable  # every node passes the study's CR <= 0.10 rule


def test_study_exact_values_of_the_perspective_matrix() -> None:
    children, pairs = _study_nodes()["Scorecard"]
    res = analyze(ahp.matrix_from_pairs(children, pairs)[0], method="approx")
    np.testing.assert_allclose(res.weights, [0.2396, 0.4062, 0.1771, 0.1771], atol=5e-5)
    assert res.lambda_max == pytest.approx(4.1536, abs=5e-5)
    assert res.ci == pytest.approx(0.0512, abs=5e-5)
    assert res.cr == pytest.approx(0.0569, abs=5e-5)
    assert (res.n, res.ri, res.threshold) == (4, 0.90, 0.10)


def test_study_every_two_by_two_node_follows_its_judgment() -> None:
    # METHOD §6: "every 2 x 2 node 0.50/0.50 or 0.67/0.33 as its judgment says".
    expected = {1.0: (0.50, 0.50), 2.0: (0.67, 0.33), 0.5: (0.33, 0.67)}
    two_by_two = {node: v for node, v in _study_nodes().items() if len(v[0]) == 2}
    assert len(two_by_two) >= 10
    for node, (children, pairs) in two_by_two.items():
        (value,) = pairs.values()
        res = analyze(ahp.matrix_from_pairs(children, pairs)[0], method="approx")
        assert tuple(round(float(w), 2) for w in res.weights) == expected[ahp.parse_judgment(value)], node
        assert res.cr == 0.0


# --------------------------------------------------------------------------------------------
# Published textbook examples
# --------------------------------------------------------------------------------------------


def test_wikipedia_leader_example_criteria() -> None:
    # Wikipedia, "Analytic hierarchy process - leader example" (criteria vs the goal):
    # Experience .547, Education .127, Charisma .270, Age .056, CR .044 (eigenvector, Saaty RI).
    # Judgments as encoded from that page in the R package ahp (gluc/ahp,
    # inst/extdata/tom_dick_harry.ahp) and in AHPy (tests/examples.py):
    # Exp/Edu 4, Exp/Cha 3, Exp/Age 7, Edu/Cha 1/3, Edu/Age 3, Cha/Age 5.
    a = [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
    res = analyze(a, method="eigen", ri="saaty")
    # The exact principal eigenvector is (0.54757, 0.12656, 0.26995, 0.05593). Three weights
    # and the CR (0.04386) round to the published figures; Experience rounds to .548, not .547:
    # the page's .547 is 0.0006 lower (its software stopped its iteration early or truncated;
    # the squared-matrix iteration gives 0.5475 after two squarings). We assert the
    # published value to within 0.001 there and document the exact value instead of fudging.
    assert res.weights[0] == pytest.approx(0.54757, abs=1e-5)
    assert abs(res.weights[0] - 0.547) <= 0.001
    assert [round(float(w), 3) for w in res.weights[1:]] == [0.127, 0.270, 0.056]
    assert round(res.cr, 3) == 0.044


def test_saaty_1990_house_example() -> None:
    # T. L. Saaty (1990), "How to make a decision: The Analytic Hierarchy Process", European
    # Journal of Operational Research 48, 9-26: choosing a house, 8 criteria (size, transportation,
    # neighbourhood, age, yard, modern facilities, general condition, financing). Published:
    # priorities .173 .054 .188 .018 .031 .036 .167 .333; lambda_max 9.669, C.I. 0.238, C.R. 0.169.
    a = [
        [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
        [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
        [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
        [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
        [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
        [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
        [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
        [4, 7, 5, 8, 6, 6, 2, 1],
    ]
    res = analyze(a)
    published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert [round(float(w), 3) for w in res.weights] == published
    assert round(res.lambda_max, 3) == 9.669
    assert round(res.ci, 3) == 0.238
    assert round(res.cr, 3) == 0.169
    assert not res.acceptable  # Saaty uses it to show an inconsistent matrix


def test_saaty_2008_drinks_example() -> None:
    # T. L. Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
    # Sciences 1(1), 83-98, Table 2: relative consumption of drinks in the US. Derived scale:
    # coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129, water .327.
    # (Judgments as transcribed in AHPy's README.)
    drinks = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
    pairs = {
        ("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "sodas"): 1,
        ("coffee", "milk"): 1, ("coffee", "water"): 1 / 2,
        ("wine", "tea"): 1 / 3, ("wine", "beer"): 1 / 9, ("wine", "sodas"): 1 / 9, ("wine", "milk"): 1 / 9,
        ("wine", "water"): 1 / 9,
        ("tea", "beer"): 1 / 3, ("tea", "sodas"): 1 / 4, ("tea", "milk"): 1 / 3, ("tea", "water"): 1 / 9,
        ("beer", "sodas"): 1 / 2, ("beer", "milk"): 1, ("beer", "water"): 1 / 3,
        ("sodas", "milk"): 2, ("sodas", "water"): 1 / 2,
        ("milk", "water"): 1 / 3,
    }
    matrix, missing = ahp.matrix_from_pairs(drinks, pairs)
    assert missing == []
    res = analyze(matrix, method="eigen", ri="saaty", labels=drinks)
    assert [round(float(w), 3) for w in res.weights] == [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert res.acceptable


# --------------------------------------------------------------------------------------------
# Hand-checked small cases
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ahp.METHODS)
def test_hand_consistent_3x3(method: str) -> None:
    # A[i][j] = w_i / w_j for w = (4, 2, 1): every column is proportional to w, every row's geometric
    # mean is proportional to w, and A w = 3 w. So w = (4/7, 2/7, 1/7), lambda_max = 3, CI = CR = 0.
    a = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]
    res = analyze(a, method=method)
    np.testing.assert_allclose(res.weights, [4 / 7, 2 / 7, 1 / 7], rtol=1e-12)
    assert res.lambda_max == pytest.approx(3.0, abs=1e-12)
    assert res.ci == 0.0 and res.cr == pytest.approx(0.0, abs=1e-12)
    assert res.acceptable


@pytest.mark.parametrize("method", ahp.METHODS)
def test_hand_cyclic_3x3(method: str) -> None:
    # a > b twice, b > c twice, c > a twice: every row and every column is {1, 2, 1/2}, sum 3.5.
    # By symmetry w = (1/3, 1/3, 1/3); A w = 3.5 w, so lambda_max = 3.5 for all three methods.
    # CI = (3.5 - 3) / 2 = 0.25; CR = 0.25 / 0.58 = 0.431034...
    a = [[1, 2, 1 / 2], [1 / 2, 1, 2], [2, 1 / 2, 1]]
    res = analyze(a, method=method)
    np.testing.assert_allclose(res.weights, [1 / 3] * 3, rtol=1e-12)
    assert res.lambda_max == pytest.approx(3.5, rel=1e-12)
    assert res.ci == pytest.approx(0.25, rel=1e-12)
    assert res.cr == pytest.approx(0.25 / 0.58, rel=1e-12)
    assert not res.acceptable
    strict = analyze(a, method=method, policy="by-size")
    assert strict.threshold == 0.05 and not strict.acceptable


def test_hand_3x3_approx_and_geometric() -> None:
    # A = [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]].
    # approx: column sums 23/15, 9/2, 8. Normalised rows:
    #   row 1: 15/23, 2/3, 5/8  -> mean 0.64795
    #   row 2: 5/23,  2/9, 1/4  -> mean 0.22987
    #   row 3: 3/23,  1/9, 1/8  -> mean 0.12218
    # geometric: row products 15, 2/3, 1/10 -> cube roots 2.46621, 0.87358, 0.46416, sum 3.80395
    #   -> 0.64833, 0.22965, 0.12202
    a = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    w_approx, _ = ahp.priorities(a, "approx")
    exact = np.array([15 / 23 + 2 / 3 + 5 / 8, 5 / 23 + 2 / 9 + 1 / 4, 3 / 23 + 1 / 9 + 1 / 8]) / 3
    np.testing.assert_allclose(w_approx, exact, rtol=1e-12)
    np.testing.assert_allclose(w_approx, [0.64795, 0.22987, 0.12218], atol=5e-6)
    w_geo, _ = ahp.priorities(a, "geometric")
    g = np.cbrt([15, 2 / 3, 1 / 10])
    np.testing.assert_allclose(w_geo, g / g.sum(), rtol=1e-12)
    np.testing.assert_allclose(w_geo, [0.64833, 0.22965, 0.12202], atol=5e-6)


def test_hand_two_and_one_items() -> None:
    # [[1, 3], [1/3, 1]]: w = (3/4, 1/4) by every method; 2 x 2 is always consistent.
    for method in ahp.METHODS:
        res = analyze([[1, 3], [1 / 3, 1]], method=method)
        np.testing.assert_allclose(res.weights, [0.75, 0.25], rtol=1e-12)
        assert res.lambda_max == pytest.approx(2.0)
        assert (res.ci, res.cr, res.ri, res.acceptable) == (0.0, 0.0, 0.0, True)
    one = analyze([[1]])
    assert one.weights.tolist() == [1.0] and one.cr == 0.0 and one.n == 1


def test_analyze_contract_accepts_lists_and_arrays() -> None:
    lst = [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]
    r1 = ahp.analyze(lst, method="eigen", ri="saaty")
    r2 = ahp.analyze(np.array(lst), method="eigen", ri="saaty")
    r3 = ahp.analyze(np.ones((3, 3), dtype=int))
    np.testing.assert_allclose(r1.weights, r2.weights)
    np.testing.assert_allclose(r3.weights, [1 / 3] * 3)
    assert (r1.method, r1.ri_table, r1.policy, r1.n) == ("eigen", "saaty", "fixed", 3)
    with pytest.raises(ValueError):
        r1.weights[0] = 0.5  # results are frozen, weights read-only


# --------------------------------------------------------------------------------------------
# Tables, thresholds and the scale
# --------------------------------------------------------------------------------------------


def test_ri_tables_match_method_md() -> None:
    saaty = [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
    alonso = [0.5247, 0.8816, 1.1086, 1.2479, 1.3417, 1.4057, 1.4499, 1.4854, 1.5140, 1.5365,
              1.5551, 1.5713, 1.5838]
    assert [ahp.RI_TABLES["saaty"][n] for n in range(3, 16)] == saaty
    assert [ahp.RI_TABLES["alonso-lamata"][n] for n in range(3, 16)] == alonso
    assert [ahp.random_index(n) for n in range(3, 16)] == saaty
    assert [ahp.random_index(n, "alonso-lamata") for n in range(3, 16)] == alonso
    for table in ahp.RI_TABLES:
        assert ahp.random_index(1, table) == ahp.random_index(2, table) == 0.0
    assert ahp.random_index(16, "alonso-lamata") == pytest.approx((1.7699 * 16 - 4.3513) / 15)
    assert ahp.random_index(40, "alonso-lamata") == pytest.approx((1.7699 * 40 - 4.3513) / 39)


def test_saaty_table_never_switches_silently() -> None:
    with pytest.raises(AhpInputError) as exc:
        ahp.random_index(16, "saaty")
    assert "16" in str(exc.value) and "alonso-lamata" in str(exc.value)
    assert exc.value.msg.code == "ahp.ri_out_of_table"
    with pytest.raises(AhpInputError):
        analyze(np.ones((16, 16)))
    assert analyze(np.ones((16, 16)), ri="alonso-lamata").cr == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(AhpInputError, match="Random Index"):
        ahp.random_index(4, "dd")


def test_acceptance_threshold() -> None:
    assert [ahp.acceptance_threshold(n) for n in (2, 3, 4, 5, 9)] == [0.10] * 5
    by_size = [ahp.acceptance_threshold(n, "by-size") for n in (3, 4, 5, 6, 15)]
    assert by_size == [0.05, 0.08, 0.10, 0.10, 0.10]
    with pytest.raises(AhpInputError):
        ahp.acceptance_threshold(3, "lenient")
    with pytest.raises(AhpInputError):
        analyze([[1]], policy="lenient")


def test_scale() -> None:
    assert len(SCALE) == 17 and list(SCALE) == sorted(SCALE)
    assert SCALE[0] == pytest.approx(1 / 9) and SCALE[8] == 1.0 and SCALE[-1] == 9.0
    assert SCALE[:8] == tuple(1 / k for k in range(9, 1, -1))


def test_nearest_scale_is_log_space() -> None:
    assert ahp.nearest_scale(2.9) == 3.0
    assert ahp.nearest_scale(0.34) == pytest.approx(1 / 3)
    # The log-space midpoint between 1 and 2 is sqrt(2) = 1.41421 (linear would be 1.5).
    assert ahp.nearest_scale(1.41) == 1.0
    assert ahp.nearest_scale(1.42) == 2.0
    assert ahp.nearest_scale(1 / 1.42) == pytest.approx(0.5)
    assert ahp.nearest_scale(100) == 9.0 and ahp.nearest_scale(0.001) == pytest.approx(1 / 9)
    for bad in (0, -2, float("nan"), float("inf"), "x"):
        with pytest.raises(AhpInputError):
            ahp.nearest_scale(bad)  # type: ignore[arg-type]


def test_scale_label() -> None:
    expected = [f"1/{k}" for k in range(9, 1, -1)] + [str(k) for k in range(1, 10)]
    assert [ahp.scale_label(v) for v in SCALE] == expected
    assert ahp.scale_label(2.5) == "2.5" and ahp.scale_label(2.5, "id") == "2,5"
    assert ahp.scale_label(0.4) == "1/2.5" and ahp.scale_label(0.4, "id") == "1/2,5"


def test_verbal() -> None:
    assert ahp.verbal(1) == "equally important" and ahp.verbal(1, "id") == "sama penting"
    assert ahp.verbal(3, "id") == "sedikit lebih penting" and "slightly" in ahp.verbal(3)
    assert ahp.verbal(5, "id") == "jelas lebih penting" and "clearly" in ahp.verbal(5)
    assert ahp.verbal(7, "id") == "sangat lebih penting" and "strongly" in ahp.verbal(7)
    assert ahp.verbal(9, "id") == "mutlak lebih penting" and "extremely" in ahp.verbal(9)
    for even in (2, 4, 6, 8):
        assert ahp.verbal(even).startswith("between ") and ahp.verbal(even, "id").startswith("antara ")
    assert ahp.verbal(1 / 3) == ahp.verbal(3) and ahp.verbal(2.9, "id") == ahp.verbal(3, "id")
    assert len({ahp.verbal(k, "id") for k in range(1, 10)}) == 9


def test_parse_judgment() -> None:
    assert ahp.parse_judgment("1/2") == 0.5 and ahp.parse_judgment(" 1 / 3 ") == pytest.approx(1 / 3)
    assert ahp.parse_judgment("3") == 3.0 and ahp.parse_judgment(7) == 7.0
    assert ahp.parse_judgment("0,5") == 0.5  # Indonesian decimal comma
    for bad in ("abc", "0", "-1", "1/0", "", float("nan"), True):
        with pytest.raises(AhpInputError):
            ahp.parse_judgment(bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Pairs <-> matrix
# --------------------------------------------------------------------------------------------


def test_matrix_from_pairs_either_direction_and_missing() -> None:
    kids = ["F", "C", "I", "L"]
    m, missing = ahp.matrix_from_pairs(kids, {("F", "C"): 3, ("I", "F"): 2, ("L", "C"): "1/5"})
    assert m[0, 1] == 3 and m[1, 0] == pytest.approx(1 / 3)
    assert m[0, 2] == 0.5 and m[2, 0] == 2.0  # given as (I, F) = 2 -> F vs I = 1/2
    assert m[1, 3] == 5.0 and m[3, 1] == pytest.approx(0.2)
    assert missing == [("F", "L"), ("C", "I"), ("I", "L")]  # i < j, in row order
    assert m[0, 3] == m[1, 2] == m[2, 3] == 1.0
    ahp.validate_matrix(m)
    # The same judgment given both ways round is fine; a contradiction is not.
    ahp.matrix_from_pairs(kids, {("F", "C"): 3, ("C", "F"): 1 / 3})
    with pytest.raises(AhpInputError) as exc:
        ahp.matrix_from_pairs(kids, {("F", "C"): 3, ("C", "F"): 2})
    assert exc.value.msg.code == "ahp.contradictory_pair" and '"C" vs "F"' in str(exc.value)


def test_matrix_from_pairs_errors() -> None:
    kids = ["F", "C"]
    with pytest.raises(AhpInputError, match='"X"'):
        ahp.matrix_from_pairs(kids, {("F", "X"): 3})
    with pytest.raises(AhpInputError, match="1/9 to 9"):
        ahp.matrix_from_pairs(kids, {("F", "C"): 12})
    with pytest.raises(AhpInputError, match="itself"):
        ahp.matrix_from_pairs(kids, {("F", "F"): 3})
    with pytest.raises(AhpInputError, match="twice"):
        ahp.matrix_from_pairs(["F", "F"], {})
    with pytest.raises(AhpInputError) as exc:
        ahp.matrix_from_pairs(kids, {("F", "C"): "tiga"})
    assert '"F" terhadap "C"' in exc.value.msg.id


def test_pairs_from_matrix_round_trip() -> None:
    kids = ["a", "b", "c"]
    a = [[1, 3, 1 / 5], [1 / 3, 1, 2], [5, 1 / 2, 1]]
    pairs = ahp.pairs_from_matrix(kids, a)
    assert pairs == {("a", "b"): 3.0, ("a", "c"): 0.2, ("b", "c"): 2.0}
    m, missing = ahp.matrix_from_pairs(kids, pairs)
    assert missing == [] and np.allclose(m, a)


# --------------------------------------------------------------------------------------------
# Facilitator help
# --------------------------------------------------------------------------------------------


def test_most_inconsistent_finds_the_reversed_judgment() -> None:
    # Consistent for w = (8, 4, 2, 1) except A[0][3], entered the wrong way round (1/8 for 8).
    w = np.array([8.0, 4.0, 2.0, 1.0])
    a = ahp.with_judgment(w[:, None] / w[None, :], 0, 3, 1 / 8)
    before = analyze(a).cr
    top = ahp.most_inconsistent(a, k=3)
    assert len(top) == 3
    assert (top[0].i, top[0].j, top[0].current) == (0, 3, 0.125)
    assert top[0].error < 1 and top[0].suggested > top[0].current  # judged far too low
    assert top[0].cr_after < before
    scores = [abs(math.log(s.error)) for s in top]
    assert scores == sorted(scores, reverse=True)
    assert ahp.most_inconsistent([[1, 3], [1 / 3, 1]]) == []
    assert ahp.most_inconsistent(a, k=0) == []
    assert len(ahp.most_inconsistent(a, k=50)) == 6


def test_with_judgment_copies_and_checks() -> None:
    a = np.array([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    b = ahp.with_judgment(a, 2, 0, 3)
    assert a[2, 0] == 0.25 and b[2, 0] == 3 and b[0, 2] == pytest.approx(1 / 3)
    for i, j, v in ((0, 0, 1), (0, 3, 2), (-1, 0, 2), (0, 1, 0), (0, 1, float("nan"))):
        with pytest.raises(AhpInputError):
            ahp.with_judgment(a, i, j, v)


def test_cr_strip_hand_case() -> None:
    a = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]  # consistent, A[0][1] = 2
    for method in ahp.METHODS:
        strip = ahp.cr_strip(a, 0, 1, method=method)
        assert strip.shape == (17,)
        assert int(np.argmin(strip)) == SCALE.index(2.0)
        assert strip[SCALE.index(2.0)] == pytest.approx(0.0, abs=1e-12)
        assert (strip[SCALE.index(2.0):] == np.sort(strip[SCALE.index(2.0):])).all()
    assert ahp.cr_strip([[1, 3], [1 / 3, 1]], 0, 1).tolist() == [0.0] * 17
    with pytest.raises(AhpInputError):
        ahp.cr_strip(a, 1, 1)


@pytest.mark.parametrize("fn", [ahp.priorities, ahp.most_inconsistent])
def test_unknown_method(fn: Callable[..., object]) -> None:
    with pytest.raises(AhpInputError, match="eigen, approx, geometric"):
        fn([[1, 2], [0.5, 1]], method="power")
    with pytest.raises(AhpInputError):
        analyze([[1]], method="power")
    with pytest.raises(AhpInputError):
        ahp.cr_strip([[1, 2], [0.5, 1]], 0, 1, method="power")


# --------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------


def test_aggregate_group_hand_case() -> None:
    # Geometric mean of 2 and 8 is 4; of 1/2 and 1/8 is 1/4.
    g = ahp.aggregate_group([[[1, 2], [1 / 2, 1]], np.array([[1, 8], [1 / 8, 1]])])
    np.testing.assert_allclose(g, [[1, 4], [1 / 4, 1]], rtol=1e-12)
    # Inputs that are reciprocal only within the validation tolerance (0.3333333 typed for 1/3)
    # still give a group matrix that is reciprocal to rounding precision.
    g = ahp.aggregate_group([[[1, 3], [0.3333333, 1]], [[1, 2], [0.5, 1]]])
    assert g[0, 1] * g[1, 0] == pytest.approx(1.0, abs=1e-15)
    # ln g01 = (mean(ln 3, ln 2) - mean(ln 0.3333333, ln 0.5)) / 2 -> g01 = (6 / 0.16666665) ** (1/4)
    assert g[0, 1] == pytest.approx((6 / (0.3333333 * 0.5)) ** 0.25, rel=1e-12)
    with pytest.raises(AhpInputError):
        ahp.aggregate_group([])
    with pytest.raises(AhpInputError, match="Participant 2"):
        ahp.aggregate_group([np.ones((2, 2)), np.ones((3, 3))])
    with pytest.raises(AhpInputError) as exc:
        ahp.aggregate_group([np.ones((2, 2)), [[1, 12], [1 / 12, 1]]])
    assert str(exc.value).startswith("Participant 2: ") and exc.value.msg.id.startswith("Peserta 2: ")


def test_consensus_hand_cases() -> None:
    # Two participants, two criteria, p1 = (0.5, 0.5), p2 = (0.9, 0.1), M = 9:
    #   H(p1) = ln 2 = 0.693147, H(p2) = 0.325083, H_alpha = 0.509115
    #   pbar = (0.7, 0.3), H_gamma = 0.610864, D_beta = exp(0.101749) = 1.107106
    #   H_alpha_min = H(9/10, 1/10) = 0.325083, c = 2 / exp(0.325083) = 1.444935
    #   S* = (1/1.107106 - 1/1.444935) / (1 - 1/1.444935) = (0.903256 - 0.692073) / 0.307927 = 0.685822
    assert ahp.consensus([[0.5, 0.5], [0.9, 0.1]]) == pytest.approx(0.685822, abs=1e-6)
    # Extreme disagreement on the 1..9 scale: each puts the maximum 9:1 on a different criterion.
    # Then H_alpha = H_alpha_min and pbar is uniform (H_gamma = ln n), so D_beta = c and S* = 0.
    assert ahp.consensus([[0.9, 0.1], [0.1, 0.9]]) == pytest.approx(0.0, abs=1e-12)
    e = np.full((3, 3), 1 / 11) + np.eye(3) * 8 / 11
    assert ahp.consensus(list(e)) == pytest.approx(0.0, abs=1e-12)
    # One participant or one criterion: full consensus by definition.
    assert ahp.consensus([[0.2, 0.3, 0.5]]) == 1.0
    assert ahp.consensus([[1.0], [1.0]]) == 1.0
    # Unnormalised vectors are normalised first.
    assert ahp.consensus([[5, 5], [9, 1]]) == pytest.approx(0.685822, abs=1e-6)
    for bad in ([], [[0.5, 0.5], [1.0]], [[0.5, 0.5], [-0.5, 1.5]], [[0.5, float("nan")]], [[0, 0]]):
        with pytest.raises(AhpInputError):
            ahp.consensus(bad)


def test_disputed_pairs_hand_case() -> None:
    # (a, b): 3 and 1/3 -> ln = +-1.0986, population std = ln 3 = 1.0986
    # (a, c): 2 and 2   -> std 0
    # (b, c): 1 and 4   -> ln = 0, 1.3863, std = ln 4 / 2 = 0.6931
    p1 = ahp.matrix_from_pairs("abc", {("a", "b"): 3, ("a", "c"): 2, ("b", "c"): 1})[0]
    p2 = ahp.matrix_from_pairs("abc", {("a", "b"): 1 / 3, ("a", "c"): 2, ("b", "c"): 4})[0]
    got = ahp.disputed_pairs([p1, p2], ["a", "b", "c"])
    assert [(a, b) for a, b, _ in got] == [("a", "b"), ("b", "c"), ("a", "c")]
    np.testing.assert_allclose([s for *_, s in got], [math.log(3), math.log(2), 0.0], atol=1e-12)
    assert all(s == 0.0 for *_, s in ahp.disputed_pairs([p1], ["a", "b", "c"]))
    with pytest.raises(AhpInputError):
        ahp.disputed_pairs([p1, p2], ["a", "b"])


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@st.composite
def scale_matrices(draw: st.DrawFn, min_n: int = 2, max_n: int = 10) -> np.ndarray:
    """Random reciprocal matrices with every judgment on Saaty's scale."""
    n = draw(st.integers(min_n, max_n))
    iu = np.triu_indices(n, k=1)
    idx = draw(st.lists(st.integers(0, 16), min_size=len(iu[0]), max_size=len(iu[0])))
    a = np.ones((n, n))
    vals = np.array([SCALE[k] for k in idx])
    a[iu] = vals
    a[iu[1], iu[0]] = 1.0 / vals
    return a


methods = st.sampled_from(ahp.METHODS)
prop = settings(max_examples=60, deadline=None)


@prop
@given(scale_matrices(), methods)
def test_weights_positive_and_sum_to_one(a: np.ndarray, method: str) -> None:
    res = analyze(a, method=method)
    assert res.weights.shape == (a.shape[0],)
    assert (res.weights > 0).all()
    assert res.weights.sum() == pytest.approx(1.0, abs=1e-12)
    assert res.cr >= 0.0 and res.ci >= 0.0
    if method == "eigen":
        assert res.lambda_max >= a.shape[0] - 1e-9  # Perron root of a reciprocal matrix is >= n


@prop
@given(st.lists(st.floats(1.0, 9.0), min_size=2, max_size=10), methods)
def test_consistent_matrix_returns_its_weights(w: list[float], method: str) -> None:
    v = np.array(w)
    a = v[:, None] / v[None, :]
    res = analyze(a, method=method)
    np.testing.assert_allclose(res.weights, v / v.sum(), rtol=1e-9)
    assert res.cr == pytest.approx(0.0, abs=1e-9)
    assert res.lambda_max == pytest.approx(len(w), rel=1e-9)


@prop
@given(st.sampled_from(SCALE), methods)
def test_two_items_reciprocal_swaps_weights(x: float, method: str) -> None:
    w1 = analyze([[1, x], [1 / x, 1]], method=method).weights
    w2 = analyze([[1, 1 / x], [x, 1]], method=method).weights
    np.testing.assert_allclose(w1, w2[::-1], rtol=1e-12)
    np.testing.assert_allclose(w1, [x / (1 + x), 1 / (1 + x)], rtol=1e-12)


@prop
@given(scale_matrices(), methods, st.data())
def test_relabelling_items_permutes_weights(a: np.ndarray, method: str, data: st.DataObject) -> None:
    perm = data.draw(st.permutations(range(a.shape[0])))
    b = a[np.ix_(perm, perm)]
    ra, rb = analyze(a, method=method), analyze(b, method=method)
    np.testing.assert_allclose(rb.weights, ra.weights[perm], rtol=1e-7, atol=1e-12)
    assert rb.cr == pytest.approx(ra.cr, abs=1e-9)


@prop
@given(scale_matrices())
def test_geometric_weights_of_transpose_are_reciprocal(a: np.ndarray) -> None:
    # Row geometric means of A^T = 1 / row geometric means of A (A^T is A with every judgment reversed).
    w, _ = ahp.priorities(a, "geometric")
    wt, _ = ahp.priorities(a.T, "geometric")
    np.testing.assert_allclose(wt, (1 / w) / (1 / w).sum(), rtol=1e-12)


@prop
@given(scale_matrices(min_n=3, max_n=9), methods, st.data())
def test_cr_strip_at_current_value_equals_analyze(a: np.ndarray, method: str, data: st.DataObject) -> None:
    n = a.shape[0]
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, n - 1))
    assume(i != j)
    strip = ahp.cr_strip(a, i, j, method=method)
    k = int(np.argmin(np.abs(np.array(SCALE) - a[i, j])))
    assert strip[k] == pytest.approx(analyze(a, method=method).cr, abs=1e-9)
    other = data.draw(st.integers(0, 16))
    assert strip[other] == pytest.approx(analyze(ahp.with_judgment(a, i, j, SCALE[other]), method=method).cr,
                                         abs=1e-9)


@prop
@given(scale_matrices(min_n=3, max_n=9), methods, st.integers(1, 5))
def test_suggestions_cr_after_and_order(a: np.ndarray, method: str, k: int) -> None:
    n = a.shape[0]
    res = ahp.most_inconsistent(a, k=k, method=method)
    assert len(res) == min(k, n * (n - 1) // 2)
    w = analyze(a, method=method).weights
    for s in res:
        assert s.i < s.j
        assert s.current == a[s.i, s.j]
        assert s.error == pytest.approx(a[s.i, s.j] * w[s.j] / w[s.i], rel=1e-9)
        assert s.consistent == pytest.approx(w[s.i] / w[s.j], rel=1e-9)
        # Brute force: no scale value at this pair gives a lower consistency index (CR, or GCI
        # for the geometric method) than the suggested one, with the other judgments fixed.
        every = [analyze(ahp.with_judgment(a, s.i, s.j, v), method=method) for v in SCALE]
        best = min(r.index for r in every)
        after = analyze(ahp.with_judgment(a, s.i, s.j, s.suggested), method=method)
        assert after.index == pytest.approx(best, abs=1e-9)
        assert s.index_after == pytest.approx(after.index, abs=1e-9)
        assert s.cr_after == pytest.approx(after.cr, abs=1e-9)
        assert s.index_name == ("GCI" if method == "geometric" else "CR")
    scores = [abs(math.log(s.error)) for s in res]
    assert all(x >= y - 1e-12 for x, y in zip(scores, scores[1:], strict=False))
    # Nothing left out scores higher than the last one returned.
    e = a * w[None, :] / w[:, None]
    iu = np.triu_indices(n, k=1)
    if res:
        assert np.abs(np.log(e[iu])).max() == pytest.approx(scores[0], abs=1e-9)


@prop
@given(scale_matrices(), st.integers(1, 5))
def test_aggregate_identical_matrices_is_that_matrix(a: np.ndarray, k: int) -> None:
    np.testing.assert_allclose(ahp.aggregate_group([a] * k), a, rtol=1e-12)


@prop
@given(st.lists(scale_matrices(min_n=4, max_n=4), min_size=1, max_size=6))
def test_aggregate_group_is_reciprocal(ms: list[np.ndarray]) -> None:
    g = ahp.aggregate_group(ms)
    assert ahp.validate_matrix(g) is g
    np.testing.assert_array_equal(np.diagonal(g), 1.0)
    np.testing.assert_allclose(g * g.T, 1.0, rtol=1e-14)


@prop
@given(st.lists(st.floats(0.01, 1.0), min_size=1, max_size=10), st.integers(1, 6))
def test_consensus_of_identical_vectors_is_one(w: list[float], k: int) -> None:
    assert ahp.consensus([np.array(w)] * k) == pytest.approx(1.0, abs=1e-9)


@prop
@given(st.lists(scale_matrices(min_n=3, max_n=3), min_size=2, max_size=6))
def test_consensus_of_ahp_priorities_is_in_unit_interval(ms: list[np.ndarray]) -> None:
    s = ahp.consensus([analyze(m).weights for m in ms])
    assert 0.0 <= s <= 1.0


# --------------------------------------------------------------------------------------------
# Input errors
# --------------------------------------------------------------------------------------------

LABELS = ["Financial", "Customer", "Internal"]
NAN = float("nan")

ERRORS = [
    # (matrix, code, English text naming the place, Indonesian text naming the place)
    ([[1, 2, 3], [1 / 2, 1, 2]], "ahp.not_square", "2 x 3", "2 x 3"),
    ([[1, 0, 1], [0, 1, 1], [1, 1, 1]], "ahp.not_positive", '"Financial" vs "Customer" is 0',
     '"Financial" terhadap "Customer" bernilai 0'),
    ([[1, 1, -3], [1, 1, 1], [-1 / 3, 1, 1]], "ahp.not_positive", '"Financial" vs "Internal" is -3',
     '"Financial" terhadap "Internal" bernilai -3'),
    ([[1, 1, 1], [1, 1, math.inf], [1, 1, 1]], "ahp.not_finite", '"Customer" vs "Internal"',
     '"Customer" terhadap "Internal"'),
    ([[1, 1 / 10, 1], [10, 1, 1], [1, 1, 1]], "ahp.out_of_range",
     'Judgment "Customer" vs "Financial" is 10: the scale runs from 1/9 to 9.',
     'Penilaian "Customer" terhadap "Financial" bernilai 10: skala berkisar dari 1/9 sampai 9.'),
    ([[1, 3, 1], [3, 1, 1], [1, 1, 1]], "ahp.not_reciprocal", '"Financial" vs "Customer" (3)',
     '"Financial" terhadap "Customer" (3)'),
    ([[1, 1, 1], [1, 1, 1], [1, 1, 2]], "ahp.diagonal", '"Internal" (row 3, column 3) is 2',
     '"Internal" (baris 3, kolom 3) adalah 2'),
]


@pytest.mark.parametrize(("matrix", "code", "en", "id_"), ERRORS, ids=[e[1] for e in ERRORS])
def test_input_errors_name_the_place(matrix: list[list[float]], code: str, en: str, id_: str) -> None:
    labels = LABELS[: len(matrix)] if len(matrix) == len(matrix[0]) else None
    for fn in (lambda: ahp.validate_matrix(matrix, labels=labels), lambda: analyze(matrix, labels=labels)):
        with pytest.raises(AhpInputError) as exc:
            fn()
        err = exc.value
        assert isinstance(err, ValueError)
        assert err.msg.code == code
        assert en in str(err) and str(err) == err.msg.en == err.msg.text("en")
        assert id_ in err.msg.id and err.msg.text("id") == err.msg.id != err.msg.en


def test_input_errors_without_labels_use_row_and_column() -> None:
    with pytest.raises(AhpInputError) as exc:
        ahp.validate_matrix([[1, 10], [0.1, 1]])
    assert "row 1, column 2 is 10" in str(exc.value)
    assert "baris 1, kolom 2 bernilai 10" in exc.value.msg.id
    with pytest.raises(AhpInputError) as exc:
        ahp.validate_matrix([[1, 3], [1 / 2, 1]])
    assert "1/3" in str(exc.value)  # tells what the mirror entry should be


@pytest.mark.parametrize("bad", [[], [[]], 5, [1, 2, 3], [[1, 2], [3]], [["a", "b"], ["c", "d"]],
                                 np.ones((2, 2, 2))])
def test_malformed_matrices(bad: object) -> None:
    with pytest.raises(AhpInputError):
        ahp.validate_matrix(bad)  # type: ignore[arg-type]


def test_labels_must_match_size() -> None:
    with pytest.raises(AhpInputError, match="3 names"):
        ahp.validate_matrix(np.ones((2, 2)), labels=LABELS)


def test_tolerances() -> None:
    # Rounded reciprocals within tol pass; a typed 0.33 for 1/3 does not at the default 1e-6 ...
    ahp.validate_matrix([[1, 3], [1 / 3 + 1e-9, 1]])
    with pytest.raises(AhpInputError):
        ahp.validate_matrix([[1, 3], [0.33, 1]])
    # ... but does with a looser tolerance chosen by the caller.
    ahp.validate_matrix([[1, 3], [0.33, 1]], tol=0.02)
    ahp.validate_matrix([[1, 9 * (1 + 1e-9)], [1 / (9 * (1 + 1e-9)), 1]])

"""A scorecard node with skipped pairs: weights, scoring, the styled report and the workbook round trip."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pytest

from scorecard.io.workbook import read_workbook, write_workbook
from scorecard.method import ahp
from scorecard.method.scoring import score_period
from scorecard.method.weights import compute_weights, node_weights
from scorecard.model import ROOT, Scorecard


@pytest.fixture
def sc(reference) -> Scorecard:
    return reference.copy()


def _skip(sc: Scorecard, node: str, a: str, b: str) -> None:
    pairs = sc.judgments[node]
    pairs.pop((a, b), None)
    pairs.pop((b, a), None)


def test_skipped_pair_is_weighed_by_harker(sc: Scorecard) -> None:
    kids = sc.children(ROOT)
    full = compute_weights(sc)
    _skip(sc, ROOT, kids[0], kids[3])
    w = compute_weights(sc)
    nw = w.nodes[ROOT]
    assert nw.missing == ((kids[0], kids[3]),) and nw.problem is None
    raw, _ = ahp.matrix_from_pairs(kids, sc.judgments[ROOT], missing_as=float("nan"))
    expected = ahp.analyze(raw, method=sc.settings.priority_method)  # the study's "approx"
    np.testing.assert_allclose(nw.weights, expected.weights, rtol=1e-12)
    assert nw.raw is not None and np.isnan(nw.raw[0, 3]) and np.isnan(nw.judged[3, 0])
    assert not np.isnan(nw.matrix).any()  # the completed matrix: downstream code sees no gaps
    harker = ahp.analyze(raw, method="eigen").weights  # the approx method completes with Harker's weights
    assert nw.matrix[0, 3] == pytest.approx(harker[0] / harker[3], rel=1e-12)
    assert nw.cr == pytest.approx(expected.cr)
    # Not the old "missing = 1" reading, and the weights stay close to the full judgments.
    ones, _ = ahp.matrix_from_pairs(kids, sc.judgments[ROOT])
    assert not np.allclose(nw.weights, ahp.analyze(ones, method=sc.settings.priority_method).weights)
    assert np.abs(np.array(nw.weights) - np.array(full.nodes[ROOT].weights)).max() < 0.1
    assert sum(w.kpi_weights(sc).values()) == pytest.approx(1.0)
    ps = score_period(sc, "2010", w)
    assert 0 < ps.index < 10


def test_unjudged_node_is_equal_and_disconnected_node_says_so(sc: Scorecard) -> None:
    sc.judgments[ROOT] = {}
    nw = compute_weights(sc).nodes[ROOT]
    assert nw.weights == pytest.approx((0.25,) * 4) and len(nw.missing) == 6 and nw.problem is None
    kids = sc.children(ROOT)
    sc.set_judgment(ROOT, kids[0], kids[1], 3)
    sc.set_judgment(ROOT, kids[2], kids[3], 2)
    nw = node_weights(sc, ROOT, "approx", "saaty", "fixed")
    assert nw.problem is not None and nw.problem.code == "ahp.disconnected"
    assert nw.raw is None and len(nw.missing) == 4
    ones, _ = ahp.matrix_from_pairs(kids, sc.judgments[ROOT])
    np.testing.assert_allclose(nw.weights, ahp.analyze(ones, method="approx").weights)  # gaps as 1, said so


def test_geometric_method_judges_by_gci(sc: Scorecard) -> None:
    w = compute_weights(sc, method="geometric")
    res = w.nodes[ROOT].result
    assert res is not None and res.index_name == "GCI" and res.gci_threshold == 0.35
    assert w.nodes[ROOT].acceptable is (res.gci <= 0.35)


def test_workbook_round_trip_keeps_pairs_unjudged(sc: Scorecard) -> None:
    kids = sc.children(ROOT)
    _skip(sc, ROOT, kids[1], kids[2])
    back = read_workbook(write_workbook(sc, lang="en"), "skip.xlsx")
    assert back.report.ok, back.report.text()
    assert back.scorecard.judgments[ROOT] == sc.judgments[ROOT]
    assert compute_weights(back.scorecard).nodes[ROOT].missing == ((kids[1], kids[2]),)


def test_workbook_reads_0_333_as_one_third(sc: Scorecard) -> None:
    data = write_workbook(sc, lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Judgments"]
    assert [c.value for c in ws[1]] == ["Node", "A", "B", "Value (A over B)"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=4).value == 3)
    a, b = ws.cell(row=row, column=2).value, ws.cell(row=row, column=3).value
    ws.cell(row=row, column=2).value, ws.cell(row=row, column=3).value = b, a
    ws.cell(row=row, column=4).value = 0.333  # the same judgment the other way round, typed as a decimal
    buf = io.BytesIO()
    wb.save(buf)
    back = read_workbook(buf.getvalue(), "third.xlsx")
    assert back.report.ok, back.report.text()
    values = [v for pairs in back.scorecard.judgments.values() for v in pairs.values()]
    assert 1 / 3 in values and 0.333 not in values  # exactly 1/3: B over A at 1/3 is A over B at 3
    assert compute_weights(back.scorecard).global_ == pytest.approx(compute_weights(sc).global_, abs=1e-12)

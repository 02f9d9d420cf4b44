"""Weights through the hierarchy (METHOD §2): local AHP weights per node, global weights per KPI.

Global weight of a KPI = weight of its perspective x weight of its objective within the
perspective x weight of the KPI within the objective. A child alone under its parent has local
weight 1. The AHP arithmetic itself lives in :mod:`scorecard.method.ahp`; this module only walks the tree.

Unjudged pairs (a pair absent from ``Scorecard.judgments``) are reported in ``NodeWeights.missing``:

* some pairs judged and they connect all children: the node is weighed from the judged pairs alone
  (Harker's method, or LLSM for the geometric method; METHOD.md §2, "Incomplete judgments");
* no pair judged at all (a new node): equal weights, as if every pair were judged 1;
* judged pairs that leave children unconnected: weights cannot come from the judgments alone, so the
  gaps count as 1 (equal) and ``NodeWeights.problem`` says which groups to link (the pages show it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from scorecard.messages import Msg, msg
from scorecard.method import ahp
from scorecard.model import Scorecard


@dataclass(frozen=True)
class NodeWeights:
    """The AHP result of one node. ``result`` is None for a node with fewer than two children."""

    node: str
    children: tuple[str, ...]
    matrix: np.ndarray
    weights: tuple[float, ...]
    result: ahp.AhpResult | None
    missing: tuple[tuple[str, str], ...] = ()
    #: The judgments with NaN for unjudged pairs when the node was weighed from an incomplete set of
    #: judgments (``matrix`` is then the completed matrix); None otherwise.
    raw: np.ndarray | None = None
    #: Why the gaps were filled with 1 (the judged pairs do not connect all children), else None.
    problem: Msg | None = None

    @property
    def judged(self) -> np.ndarray:
        """The matrix to analyse and edit: ``raw`` (with NaN gaps) when there is one, else ``matrix``."""
        return self.matrix if self.raw is None else self.raw

    @property
    def cr(self) -> float:
        return 0.0 if self.result is None else float(self.result.cr)

    @property
    def acceptable(self) -> bool:
        return True if self.result is None else bool(self.result.acceptable)

    def local(self) -> dict[str, float]:
        return dict(zip(self.children, self.weights, strict=True))


@dataclass(frozen=True)
class Weights:
    """All weights of a scorecard. ``local[c]`` is c's weight within its parent; ``global_[c]`` its
    weight in the whole scorecard (perspective keys, objective codes and KPI codes alike)."""

    nodes: dict[str, NodeWeights]
    local: dict[str, float]
    global_: dict[str, float]
    method: str
    ri_table: str
    policy: str
    overridden: tuple[str, ...] = field(default=())

    def kpi_weights(self, sc: Scorecard) -> dict[str, float]:
        return {k.code: self.global_.get(k.code, 0.0) for k in sc.kpis}

    @property
    def inconsistent_nodes(self) -> list[str]:
        return [n for n, nw in self.nodes.items() if not nw.acceptable]


def node_weights(sc: Scorecard, node: str, method: str, ri: str, policy: str,
                 matrix: np.ndarray | None = None) -> NodeWeights:
    """AHP of one node from the scorecard's judgments (or from ``matrix`` when given)."""
    children = tuple(sc.children(node))
    n = len(children)
    if n == 0:
        return NodeWeights(node, (), np.ones((0, 0)), (), None)
    if n == 1:
        return NodeWeights(node, children, np.ones((1, 1)), (1.0,), None)
    missing: list[tuple[str, str]] = []
    if matrix is None:
        pairs = sc.judgments.get(node, {})
        matrix, missing = ahp.matrix_from_pairs(children, pairs, missing_as=float("nan") if pairs else 1.0)
    a = np.asarray(matrix, dtype=float)
    raw: np.ndarray | None = None
    problem: Msg | None = None
    if np.isnan(a).any():
        try:
            res = ahp.analyze(a, method=method, ri=ri, policy=policy, labels=list(children))
        except ahp.AhpInputError as e:
            if e.msg.code != "ahp.disconnected":
                raise
            problem = e.msg
            a = np.where(np.isnan(a), 1.0, a)
            res = ahp.analyze(a, method=method, ri=ri, policy=policy, labels=list(children))
        else:
            raw = a
            a = res.completed if res.completed is not None else np.where(np.isnan(a), 1.0, a)
            if not missing:  # gaps came in ``matrix`` (live sliders), not from the scorecard
                missing = [(children[i], children[j]) for i, j in res.missing]
    else:
        res = ahp.analyze(a, method=method, ri=ri, policy=policy, labels=list(children))
    return NodeWeights(node, children, np.asarray(a, dtype=float), tuple(float(w) for w in res.weights), res,
                       tuple(missing), raw, problem)


def compute_weights(sc: Scorecard, *, method: str | None = None, ri: str | None = None,
                    policy: str | None = None, matrices: Mapping[str, np.ndarray] | None = None,
                    local_override: Mapping[str, Mapping[str, float]] | None = None) -> Weights:
    """Local and global weights of every node.

    ``method``/``ri``/``policy`` default to the scorecard's settings. ``matrices`` replaces the
    judgments of some nodes (live sliders); ``local_override`` replaces the local weights of some
    nodes outright (weight scenarios and sensitivity), {node: {child: weight}} renormalised to 1.
    """
    s = sc.settings
    method = method or s.priority_method
    ri = ri or s.ri_table
    policy = policy or s.cr_policy
    matrices = matrices or {}
    local_override = local_override or {}
    nodes: dict[str, NodeWeights] = {}
    local: dict[str, float] = {}
    for node in sc.nodes():
        nw = node_weights(sc, node, method, ri, policy, matrices.get(node))
        if node in local_override:
            ov = local_override[node]
            vec = np.array([max(float(ov.get(c, 0.0)), 0.0) for c in nw.children])
            total = vec.sum()
            vec = vec / total if total > 0 else np.full(len(vec), 1.0 / max(len(vec), 1))
            nw = NodeWeights(node, nw.children, nw.matrix, tuple(float(v) for v in vec), nw.result, nw.missing,
                             nw.raw, nw.problem)
        nodes[node] = nw
        local.update(nw.local())
    return Weights(nodes, local, _globals(sc, local), method, ri, policy, tuple(local_override))



def _globals(sc: Scorecard, local: Mapping[str, float]) -> dict[str, float]:
    glob: dict[str, float] = {}
    for p in sc.perspectives:
        gp = local.get(p.key, 0.0)
        glob[p.key] = gp
        for o in sc.objectives_of(p.key):
            go = gp * local.get(o.code, 0.0)
            glob[o.code] = go
            for k in sc.kpis_of(o.code):
                glob[k.code] = go * local.get(k.code, 0.0)
    return glob


def period_weights(sc: Scorecard, w: Weights, measured: set[str]) -> Weights:
    """The weights of one period in which only the KPIs in ``measured`` were measured.

    Rule (partial data, METHOD §5 as the README states it): a KPI that was not measured in a period
    (no target and no actual for it) is left out of that period; its local weight is shared among
    the measured KPIs of its objective in proportion to their own local weights. An objective with
    no measured KPI is left out of its perspective the same way, and a perspective with none out of
    the scorecard. Structurally empty objectives and perspectives keep their weight, as they do in
    :func:`compute_weights`. When every KPI was measured the weights are ``w`` itself.
    """
    if all(k.code in measured for k in sc.kpis):
        return w
    local = dict(w.local)

    def share(kids: list[str], has: dict[str, bool]) -> bool:
        total = sum(w.local.get(c, 0.0) for c in kids if has[c])
        for c in kids:
            local[c] = w.local.get(c, 0.0) / total if total > 0 and has[c] else 0.0
        return total > 0

    obj_has: dict[str, bool] = {}
    for o in sc.objectives:
        kids = [k.code for k in sc.kpis_of(o.code)]
        obj_has[o.code] = share(kids, {c: c in measured for c in kids}) if kids else True
    persp_has: dict[str, bool] = {}
    for p in sc.perspectives:
        objs = [o.code for o in sc.objectives_of(p.key)]
        persp_has[p.key] = share(objs, obj_has) if objs else True
    share([p.key for p in sc.perspectives], persp_has)
    return Weights(w.nodes, local, _globals(sc, local), w.method, w.ri_table, w.policy, w.overridden)


def partial_rule() -> Msg:
    """The rule of :func:`period_weights` in words, for the screen."""
    return msg("weights.partial_rule",
               "A KPI not measured in a period (no target and no actual there) is left out of that period and its "
               "weight is shared among the measured KPIs of its objective; it is never counted as level 0. "
               "Cumulative values (\"s.d. TW II\") are scored against that period's cumulative target.",
               "IKU yang tidak diukur pada suatu periode (tanpa target dan realisasi) tidak dihitung pada periode "
               "itu dan bobotnya dibagikan ke IKU lain yang diukur dalam sasarannya; IKU itu tidak pernah dihitung "
               "sebagai level 0. Nilai kumulatif (\"s.d. TW II\") dinilai terhadap target kumulatif periode itu.")

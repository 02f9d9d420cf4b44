"""Arithmetic for incomplete pairwise-comparison matrices and for the geometric consistency index.

Pure numpy helpers for :mod:`scorecard.method.ahp` (which validates input and raises the bilingual
errors); see METHOD.md §2, "Incomplete judgments" and "Geometric method consistency".

Conventions: ``a`` is an n x n reciprocal matrix whose unjudged pairs are NaN on both sides
(``missing[i, j]`` True, never on the diagonal); every other entry is a valid judgment.

* **Harker (1987)**, for the ``eigen`` (and ``approx``) methods: put 0 for a missing a_ij, add the
  number of missing entries of row i to the diagonal, take the principal eigenvector w with its
  eigenvalue lambda. Filling every missing a_ij with w_i / w_j gives a complete matrix C with
  C w = lambda w (row i: sum over judged a_ij w_j + m_i w_i), so w and lambda are also the Perron
  vector and root of C: the usual CR formula applied to C is Harker's CR.
* **LLSM** (logarithmic least squares over the judged pairs; Bozoki, Fulop and Ronyai 2010,
  Theorem 4), for the ``geometric`` method: minimise sum over judged i<j of
  (ln a_ij - y_i + y_j)^2, i.e. solve L y = r with L the Laplacian of the graph of judged pairs and
  r_i = sum over judged j of ln a_ij; w = exp(y) normalised. Filling the gaps with w_i / w_j again
  gives a complete matrix whose row geometric means are w, so the geometric method on C returns w.
* **GCI** (Aguaron and Moreno-Jimenez 2003): 2 / ((n-1)(n-2)) x sum over i<j of
  ln^2(a_ij w_j / w_i) with w the row-geometric-mean weights. With m judged pairs we divide by the
  residual degrees of freedom m - (n - 1) instead, which is the same number for a complete matrix
  ((n-1)(n-2)/2) and makes a spanning tree (m = n - 1, always consistent) score 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

__all__ = ["components", "harker", "llsm", "fill", "gci", "gci_batch", "gci_threshold", "GCI_THRESHOLDS"]

#: Aguaron and Moreno-Jimenez (2003) GCI thresholds (equivalent to CR = 0.10): n = 3, n = 4, n > 4.
GCI_THRESHOLDS: dict[int, float] = {3: 0.31, 4: 0.35}
GCI_THRESHOLD_LARGE = 0.37


def gci_threshold(n: int) -> float:
    """Largest acceptable GCI: 0.31 (n <= 3), 0.35 (n = 4), 0.37 (n > 4). For n <= 2 GCI is 0."""
    if n <= 3:
        return GCI_THRESHOLDS[3]
    return GCI_THRESHOLDS.get(n, GCI_THRESHOLD_LARGE)


def components(missing: BoolArray) -> list[list[int]]:
    """Groups of items connected through judged pairs (0-based, each sorted, in order of their first
    item). One group means the judged pairs connect all items."""
    n = missing.shape[0]
    judged = ~missing
    seen = np.zeros(n, dtype=bool)
    groups: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        group, todo = [start], [start]
        while todo:
            i = todo.pop()
            for j in np.flatnonzero(judged[i] & ~seen):
                seen[j] = True
                group.append(int(j))
                todo.append(int(j))
        groups.append(sorted(group))
    return groups


def harker(a: FloatArray, missing: BoolArray) -> tuple[FloatArray, float]:
    """Harker's weights (sum 1) and lambda_max of a connected incomplete matrix."""
    h = np.where(missing, 0.0, a)
    h[np.diag_indices_from(h)] += missing.sum(axis=1)
    vals, vecs = np.linalg.eig(h)
    k = int(np.argmax(vals.real))
    w = np.abs(vecs[:, k].real)
    return w / w.sum(), float(vals[k].real)


def llsm(a: FloatArray, missing: BoolArray) -> FloatArray:
    """Logarithmic least squares weights (sum 1) over the judged pairs of a connected matrix."""
    n = a.shape[0]
    judged = ~missing
    np.fill_diagonal(judged, False)
    logs = np.where(judged, np.log(np.where(judged, a, 1.0)), 0.0)
    lap = np.diag(judged.sum(axis=1).astype(float)) - judged.astype(float)
    # L is singular (constant vectors); L + J has full rank when the graph is connected and its
    # solution has sum(y) = 0 because sum(r) = 0 (logs are antisymmetric).
    y = np.linalg.solve(lap + np.ones((n, n)), logs.sum(axis=1))
    w = np.exp(y - y.max())
    return w / w.sum()


def fill(a: FloatArray, missing: BoolArray, w: FloatArray) -> FloatArray:
    """A complete copy of ``a`` with every missing a_ij set to w_i / w_j."""
    return np.where(missing, w[:, None] / w[None, :], a)


def gci(a: FloatArray, w: FloatArray, missing: BoolArray | None = None) -> float:
    """Geometric consistency index of ``a`` for weights ``w`` over the judged pairs (see module doc)."""
    n = a.shape[0]
    if n <= 2:
        return 0.0
    iu, ju = np.triu_indices(n, k=1)
    keep = np.ones(iu.size, dtype=bool) if missing is None else ~missing[iu, ju]
    iu, ju = iu[keep], ju[keep]
    dof = iu.size - (n - 1)
    if dof <= 0:
        return 0.0
    e = np.log(a[iu, ju]) + np.log(w[ju]) - np.log(w[iu])
    return float((e * e).sum() / dof)


def gci_batch(stack: FloatArray) -> FloatArray:
    """GCI of each complete matrix in a (m, n, n) stack, with its own row-geometric-mean weights."""
    n = stack.shape[-1]
    if n <= 2:
        return np.zeros(stack.shape[0])
    logs = np.log(stack)
    y = logs.mean(axis=2)  # log of the geometric-mean weights (normalisation cancels)
    e = logs + y[:, None, :] - y[:, :, None]
    iu, ju = np.triu_indices(n, k=1)
    return (e[:, iu, ju] ** 2).sum(axis=1) * 2.0 / ((n - 1) * (n - 2))

"""AHP (Analytic Hierarchy Process): priorities, consistency, judgment help and group tools.

Pure numpy; nothing here knows about Streamlit or the scorecard tree (see METHOD.md §2).

Conventions used throughout the module:

* A pairwise-comparison matrix ``A`` is n x n with ``A[i][j]`` = how much more important item i
  is than item j, on Saaty's scale 1/9 ... 1 ... 9. ``A[i][i] = 1`` and ``A[j][i] = 1 / A[i][j]``
  (reciprocal), so only the n(n-1)/2 entries above the diagonal are real judgments.
* Row/column k of the matrix belongs to ``labels[k]`` (or ``children[k]``).
* Weights (priorities) are a 1-D array that sums to 1; weight k belongs to row k.
* ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)``; both are 0 for n <= 2.
* Indices in the API are 0-based; messages for people say "row 2, column 1" (1-based).

Every input problem raises :class:`AhpInputError` (a ``ValueError``) that carries a bilingual
:class:`~scorecard.messages.Msg` in ``.msg``; ``str(exc)`` is the English text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NoReturn

import numpy as np
import numpy.typing as npt

from scorecard.io.numbers import typed_reciprocal
from scorecard.messages import Msg, msg
from scorecard.method import ahp_incomplete as _inc

__all__ = [
    "SCALE",
    "RI_TABLES",
    "METHODS",
    "POLICIES",
    "AhpInputError",
    "AhpResult",
    "Suggestion",
    "nearest_scale",
    "scale_label",
    "verbal",
    "parse_judgment",
    "random_index",
    "acceptance_threshold",
    "gci_threshold",
    "validate_matrix",
    "priorities",
    "analyze",
    "matrix_from_pairs",
    "pairs_from_matrix",
    "most_inconsistent",
    "spanning_pairs",
    "connects_all",
    "best_scale_index",
    "index_strip",
    "complete",
    "split_missing",
    "NOTICEABLE_SHARE",
    "with_judgment",
    "batch_priorities",
    "cr_strip",
    "aggregate_group",
    "consensus",
    "disputed_pairs",
]

FloatArray = npt.NDArray[np.float64]

#: The 17 values of Saaty's fundamental scale, ascending: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9.
SCALE: tuple[float, ...] = tuple([1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)])
_SCALE_ARR: FloatArray = np.array(SCALE)
_LOG_SCALE: FloatArray = np.log(_SCALE_ARR)
SCALE_MIN = 1.0 / 9.0
SCALE_MAX = 9.0

#: Priority methods, the first is the default (METHOD.md §2).
METHODS: tuple[str, ...] = ("eigen", "approx", "geometric")
#: Acceptance policies for the consistency ratio.
POLICIES: tuple[str, ...] = ("fixed", "by-size")

#: Random Index tables, keyed by matrix size n (METHOD.md §2). Never mixed silently.
#: ``saaty``: Saaty (1980), the table of Indonesian textbooks and of the reference study.
#: ``alonso-lamata``: Alonso & Lamata (2006); for n >= 16 use :func:`random_index` (formula).
RI_TABLES: dict[str, dict[int, float]] = {
    "saaty": {
        1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
        10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
    },
    "alonso-lamata": {
        1: 0.0, 2: 0.0, 3: 0.5247, 4: 0.8816, 5: 1.1086, 6: 1.2479, 7: 1.3417, 8: 1.4057,
        9: 1.4499, 10: 1.4854, 11: 1.5140, 12: 1.5365, 13: 1.5551, 14: 1.5713, 15: 1.5838,
    },
}


class AhpInputError(ValueError):
    """Bad input to an AHP function. ``.msg`` holds the bilingual message; str() is English."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.msg = message


# --------------------------------------------------------------------------------------------
# Scale helpers
# --------------------------------------------------------------------------------------------


def _bad_number(value: object) -> AhpInputError:
    return AhpInputError(msg(
        "ahp.bad_number",
        en="{v} is not a valid judgment: use a positive number such as 3, 1/3 or 0.5.",
        id="{v} bukan penilaian yang sah: gunakan angka positif seperti 3, 1/3 atau 0,5.",
        v=repr(value),
    ))


def _positive_float(x: object) -> float:
    if isinstance(x, bool | complex | np.bool_ | np.complexfloating):
        raise _bad_number(x)
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int such as 10**400
        raise _bad_number(x) from None
    if not math.isfinite(v) or v <= 0:
        raise _bad_number(x)
    return v


def nearest_scale(x: float) -> float:
    """The value of :data:`SCALE` nearest to ``x`` in log space (so 1/3 and 3 are equally far
    from 1). ``x`` must be a positive finite number. Ties go to the smaller value."""
    v = _positive_float(x)
    return SCALE[int(np.argmin(np.abs(_LOG_SCALE - math.log(v))))]


def _num(x: float, lang: str) -> str:
    """A number for people: integers without decimals, else up to 4 significant digits;
    Indonesian uses a decimal comma."""
    if not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("-inf" if x < 0 else "inf")
    r = round(x)
    s = str(int(r)) if abs(x - r) < 1e-9 * max(1.0, abs(x)) else f"{x:.4g}"
    return s.replace(".", ",") if lang == "id" else s


def scale_label(x: float, lang: str = "en") -> str:
    """How a judgment is written: ``"3"``, ``"1/3"``, ``"1"``; a value off the integer scale is
    written with up to 4 significant digits (``"2.5"``, ``"1/2.5"``; Indonesian ``"2,5"``)."""
    v = _positive_float(x)
    if v >= 1.0 - 1e-12:
        return _num(v, lang)
    return "1/" + _num(1.0 / v, lang)


_VERBAL: dict[int, tuple[str, str]] = {
    1: ("equally important", "sama penting"),
    2: ("between equally and slightly more important", "antara sama penting dan sedikit lebih penting"),
    3: ("slightly more important", "sedikit lebih penting"),
    4: ("between slightly and clearly more important", "antara sedikit dan jelas lebih penting"),
    5: ("clearly more important", "jelas lebih penting"),
    6: ("between clearly and strongly more important", "antara jelas dan sangat lebih penting"),
    7: ("strongly more important", "sangat lebih penting"),
    8: ("between strongly and extremely more important", "antara sangat dan mutlak lebih penting"),
    9: ("extremely more important", "mutlak lebih penting"),
}


def verbal(x: float, lang: str = "en") -> str:
    """Verbal meaning of a judgment value >= 1 ("slightly more important" / "sedikit lebih penting").

    The value is first rounded to the nearest scale value. A value below 1 is described by its
    reciprocal (1/3 -> "slightly more important"): the caller says *which* item is the more
    important one (the column item when ``x < 1``).
    """
    v = nearest_scale(x)
    k = int(round(v if v >= 1 else 1.0 / v))
    en, id_ = _VERBAL[k]
    return id_ if lang == "id" else en


_FRACTION_RE = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*/\s*([0-9]+(?:[.,][0-9]+)?)\s*$")


def parse_judgment(value: float | str) -> float:
    """A judgment from a number or text: ``3``, ``"3"``, ``"1/3"``, ``"0.5"``, ``"0,5"``.

    A reciprocal typed as a decimal to three or more places means the fraction: ``"0.333"`` and
    ``0.333`` give exactly 1/3 (:func:`scorecard.io.numbers.typed_reciprocal`). Raises
    :class:`AhpInputError` for anything that is not a positive finite number (text such as
    ``"1e400"`` or an int such as ``10**400`` included; so are booleans and complex numbers).
    """
    if isinstance(value, str):
        m = _FRACTION_RE.match(value)
        if m:
            num = float(m.group(1).replace(",", "."))
            den = float(m.group(2).replace(",", "."))
            if den == 0:
                raise _bad_number(value)
            return _positive_float(num / den)
        text = value.strip().replace(",", ".")
        try:
            return typed_reciprocal(_positive_float(float(Fraction(text))))
        except (ValueError, ZeroDivisionError, OverflowError):
            raise _bad_number(value) from None
    return typed_reciprocal(_positive_float(value))


# --------------------------------------------------------------------------------------------
# Random index and acceptance
# --------------------------------------------------------------------------------------------


def random_index(n: int, table: str = "saaty") -> float:
    """Random Index RI(n) from the named table (see :data:`RI_TABLES`); 0 for n <= 2.

    ``saaty`` stops at n = 15: larger n raises :class:`AhpInputError` (we never switch tables
    silently). ``alonso-lamata`` uses (1.7699 n - 4.3513) / (n - 1) for n >= 16.
    """
    if table not in RI_TABLES:
        raise AhpInputError(msg(
            "ahp.unknown_ri_table",
            en='Unknown Random Index table "{t}": use one of {opts}.',
            id='Tabel Indeks Acak "{t}" tidak dikenal: gunakan salah satu dari {opts}.',
            t=table, opts=", ".join(RI_TABLES),
        ))
    if n < 1:
        raise AhpInputError(msg(
            "ahp.bad_size",
            en="A comparison needs at least 1 item; got {n}.",
            id="Perbandingan memerlukan minimal 1 elemen; yang diterima {n}.",
            n=n,
        ))
    if n <= 2:
        return 0.0
    values = RI_TABLES[table]
    if n in values:
        return values[n]
    if table == "alonso-lamata":
        return (1.7699 * n - 4.3513) / (n - 1)
    raise AhpInputError(msg(
        "ahp.ri_out_of_table",
        en='The "{t}" Random Index table stops at n = {m}; this matrix has n = {n}. '
           'Use the "alonso-lamata" table or split the items into groups.',
        id='Tabel Indeks Acak "{t}" hanya sampai n = {m}; matriks ini berukuran n = {n}. '
           'Gunakan tabel "alonso-lamata" atau bagi elemen ke dalam beberapa kelompok.',
        t=table, m=max(values), n=n,
    ))


def gci_threshold(n: int) -> float:
    """Largest acceptable GCI for n items (Aguaron & Moreno-Jimenez 2003): 0.31 (n = 3), 0.35
    (n = 4), 0.37 (n > 4)."""
    return _inc.gci_threshold(n)


def acceptance_threshold(n: int, policy: str = "fixed") -> float:
    """Largest acceptable CR for an n x n matrix.

    ``fixed``: 0.10 for every n (the reference study's rule, the default).
    ``by-size``: 0.05 for n = 3, 0.08 for n = 4, 0.10 otherwise (commonly attributed to
    Saaty 1994; for n <= 2 the CR is always 0, so the threshold does not matter).
    """
    if policy == "fixed":
        return 0.10
    if policy == "by-size":
        return {3: 0.05, 4: 0.08}.get(n, 0.10)
    raise AhpInputError(msg(
        "ahp.unknown_policy",
        en='Unknown consistency policy "{p}": use one of {opts}.',
        id='Kebijakan konsistensi "{p}" tidak dikenal: gunakan salah satu dari {opts}.',
        p=policy, opts=", ".join(POLICIES),
    ))


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _place(i: int, j: int, labels: Sequence[str] | None) -> dict[str, str]:
    """Where a cell is, in both languages, as format parameters ``p`` (en) and ``pi`` (id)."""
    if labels is not None:
        a, b = labels[i], labels[j]
        return {"p": f'"{a}" vs "{b}"', "pi": f'"{a}" terhadap "{b}"'}
    return {"p": f"in row {i + 1}, column {j + 1}", "pi": f"pada baris {i + 1}, kolom {j + 1}"}


def _value_texts(x: float) -> dict[str, str]:
    """A matrix value for messages: scale values as "3" / "1/3", others as numbers."""
    if math.isfinite(x) and x > 0:
        return {"v": scale_label(x, "en"), "vi": scale_label(x, "id")}
    return {"v": _num(x, "en"), "vi": _num(x, "id")}


def _first(mask: npt.NDArray[np.bool_]) -> tuple[int, int]:
    idx = np.argwhere(mask)[0]
    return int(idx[0]), int(idx[1])


def _check_labels(n: int, labels: Sequence[str] | None) -> None:
    if labels is not None and len(labels) != n:
        raise AhpInputError(msg(
            "ahp.labels_mismatch",
            en="Got {k} names for a {n} x {n} comparison matrix.",
            id="Ada {k} nama untuk matriks perbandingan {n} x {n}.",
            k=len(labels), n=n,
        ))


def _not_numeric() -> AhpInputError:
    return AhpInputError(msg(
        "ahp.not_numeric",
        en="The comparison matrix must be a square table of numbers (every row as long as "
           "the number of rows).",
        id="Matriks perbandingan harus berupa tabel angka yang persegi (panjang setiap baris "
           "sama dengan jumlah baris).",
    ))


def _not_real() -> AhpInputError:
    return AhpInputError(msg(
        "ahp.not_real",
        en="The comparison matrix holds true/false or complex values; judgments are positive "
           "numbers such as 3, 1/3 or 0.5.",
        id="Matriks perbandingan berisi nilai benar/salah atau bilangan kompleks; penilaian adalah "
           "angka positif seperti 3, 1/3 atau 0,5.",
    ))


def _as_float_matrix(matrix: npt.ArrayLike) -> FloatArray:
    """``matrix`` as a float array. Booleans and complex numbers are refused (numpy would read True
    as 1 and drop an imaginary part); ``None`` becomes NaN (a missing judgment); numbers too large
    for a float (``10**400``, ``"1e400"``) become inf, which validation reports by cell."""
    if isinstance(matrix, np.ndarray) and matrix.dtype.kind == "f":
        return matrix  # the common, fast case (every slider move)
    try:
        raw = np.asarray(matrix, dtype=object if not isinstance(matrix, np.ndarray) else None)
    except (TypeError, ValueError):
        raise _not_numeric() from None
    if raw.dtype.kind in "bc":
        raise _not_real()
    if raw.dtype == object:
        cells = raw.ravel().tolist()
        if any(isinstance(x, bool | complex | np.bool_ | np.complexfloating) for x in cells):
            raise _not_real()
        if any(isinstance(x, int) and not isinstance(x, bool) and abs(x) > 2**1023 for x in cells):
            raw = np.array([[math.inf if isinstance(x, int) and abs(x) > 2**1023 else x for x in row]
                            for row in raw.tolist()], dtype=object) if raw.ndim == 2 else raw
    try:
        a = np.asarray(raw, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise _not_numeric() from None
    return a


def split_missing(matrix: npt.ArrayLike, labels: Sequence[str] | None = None,
                  tol: float = 1e-6) -> tuple[FloatArray, npt.NDArray[np.bool_] | None]:
    """Validate a matrix that may have unjudged pairs; return it and the mask of missing entries.

    A missing judgment is NaN (or None) at both (i, j) and (j, i). NaN on one side only is read as
    the reciprocal of the other side (people often fill in the upper triangle only), NaN on the
    diagonal as 1. The mask is None when nothing is missing (then this is
    :func:`validate_matrix`). The returned array holds NaN exactly where the mask is True.
    """
    a = _as_float_matrix(matrix)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.size == 0 or not np.isnan(a).any():
        return validate_matrix(a, labels, tol), None
    a = np.array(a, dtype=float, copy=True)
    nan = np.isnan(a)
    diag = np.diag_indices_from(a)
    a[diag] = np.where(nan[diag], 1.0, a[diag])
    nan[diag] = False
    one_sided = nan & ~nan.T
    with np.errstate(divide="ignore", invalid="ignore"):
        a[one_sided] = 1.0 / a.T[one_sided]
    missing = nan & nan.T
    if not missing.any():
        return validate_matrix(a, labels, tol), None
    validate_matrix(np.where(missing, 1.0, a), labels, tol)
    return a, missing


def validate_matrix(matrix: npt.ArrayLike, labels: Sequence[str] | None = None,
                    tol: float = 1e-6) -> FloatArray:
    """Check a pairwise-comparison matrix and return it as a float array (n x n).

    Requirements: square, n >= 1, finite, positive, unit diagonal, reciprocal
    (``|A[i][j] * A[j][i] - 1| <= tol``) and within 1/9 .. 9 (relative tolerance ``tol``).
    Messages name the cell by ``labels`` when given ('Judgment "Customer" vs "Financial" is 12:
    ...'), else by 1-based row and column. The returned array may share memory with ``matrix``.

    A valid matrix passes through a vectorised fast path of a few numpy reductions (this runs on
    every slider move); the cell-by-cell diagnosis only runs once something is wrong.
    """
    a = _as_float_matrix(matrix)
    lo, hi = SCALE_MIN * (1.0 - tol), SCALE_MAX * (1.0 + tol)
    if a.ndim == 2 and a.shape[0] == a.shape[1] and a.shape[0] > 0:
        _check_labels(a.shape[0], labels)
        # Fast path. NaN makes every comparison False, so it falls through to the diagnosis.
        # |a_ij a_ji - 1| <= tol also pins the (positive) diagonal to 1 within ~tol/2.
        if a.min() >= lo and a.max() <= hi:
            p = a * a.T
            if p.max() <= 1.0 + tol and p.min() >= 1.0 - tol:
                return a
    _diagnose(a, labels, tol, lo, hi)


def _diagnose(a: FloatArray, labels: Sequence[str] | None, tol: float, lo: float, hi: float) -> NoReturn:
    """Raise the most helpful :class:`AhpInputError` for a matrix the fast path rejected."""
    if a.size == 0:
        raise AhpInputError(msg(
            "ahp.empty",
            en="The comparison matrix is empty: it needs at least one item.",
            id="Matriks perbandingan kosong: diperlukan minimal satu elemen.",
        ))
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        shape = " x ".join(str(s) for s in a.shape)
        if a.ndim == 0:
            got_en, got_id = "a single number", "satu angka"
        elif a.ndim == 1:
            got_en, got_id = f"one row of {a.shape[0]} numbers", f"satu baris berisi {a.shape[0]} angka"
        else:
            got_en, got_id = f"a {shape} table", f"tabel {shape}"
        raise AhpInputError(msg(
            "ahp.not_square",
            en="The comparison matrix must be square (n x n); got {g}.",
            id="Matriks perbandingan harus persegi (n x n); yang diterima berupa {gi}.",
            g=got_en, gi=got_id,
        ))
    n = a.shape[0]
    _check_labels(n, labels)
    bad = ~np.isfinite(a)
    if bad.any():
        i, j = _first(bad)
        raise AhpInputError(msg(
            "ahp.not_finite",
            en="Judgment {p} is not a valid number ({v}).",
            id="Penilaian {pi} bukan angka yang sah ({vi}).",
            **_place(i, j, labels), **_value_texts(float(a[i, j])),
        ))
    bad = a <= 0
    if bad.any():
        i, j = _first(bad)
        raise AhpInputError(msg(
            "ahp.not_positive",
            en="Judgment {p} is {v}: judgments must be greater than 0 (write 1/3, not -3 or 0).",
            id="Penilaian {pi} bernilai {vi}: penilaian harus lebih besar dari 0 "
               "(tulis 1/3, bukan -3 atau 0).",
            **_place(i, j, labels), **_value_texts(float(a[i, j])),
        ))
    diag = np.diagonal(a)
    bad_d = np.abs(diag - 1.0) > tol
    if bad_d.any():
        i = int(np.argmax(bad_d))
        who_en = f'"{labels[i]}"' if labels is not None else f"item {i + 1}"
        who_id = f'"{labels[i]}"' if labels is not None else f"elemen {i + 1}"
        raise AhpInputError(msg(
            "ahp.diagonal",
            en="The diagonal entry of {w} (row {r}, column {r}) is {v}; it must be 1: "
               "every item is as important as itself.",
            id="Nilai diagonal {wi} (baris {r}, kolom {r}) adalah {vi}; nilainya harus 1: "
               "setiap elemen sama penting dengan dirinya sendiri.",
            w=who_en, wi=who_id, r=i + 1, **_value_texts(float(diag[i])),
        ))
    big, small = a > hi, a < lo
    if big.any() or small.any():
        i, j = _first(big if big.any() else small)
        raise AhpInputError(msg(
            "ahp.out_of_range",
            en="Judgment {p} is {v}: the scale runs from 1/9 to 9.",
            id="Penilaian {pi} bernilai {vi}: skala berkisar dari 1/9 sampai 9.",
            **_place(i, j, labels), **_value_texts(float(a[i, j])),
        ))
    bad = np.triu(np.abs(a * a.T - 1.0) > tol, k=1)
    if bad.any():
        i, j = _first(bad)
        q = _place(j, i, labels)
        back = _value_texts(float(a[j, i]))
        raise AhpInputError(msg(
            "ahp.not_reciprocal",
            en="Judgments {p} ({v}) and {q} ({w}) do not match: the second must be the reciprocal "
               "of the first, {e}.",
            id="Penilaian {pi} ({vi}) dan {qi} ({wi}) tidak cocok: nilai kedua harus kebalikan "
               "dari yang pertama, yaitu {ei}.",
            **_place(i, j, labels), **_value_texts(float(a[i, j])),
            q=q["p"], qi=q["pi"], w=back["v"], wi=back["vi"],
            e=scale_label(1.0 / a[i, j], "en"), ei=scale_label(1.0 / a[i, j], "id"),
        ))
    # Only reachable when tol is so large that the fast path and the checks above disagree.
    raise AhpInputError(msg(  # pragma: no cover
        "ahp.invalid",
        en="The comparison matrix is not a valid reciprocal matrix on the 1/9 .. 9 scale.",
        id="Matriks perbandingan bukan matriks resiprokal yang sah pada skala 1/9 .. 9.",
    ))


# --------------------------------------------------------------------------------------------
# Priorities and consistency
# --------------------------------------------------------------------------------------------


def _unknown_method(method: str) -> AhpInputError:
    return AhpInputError(msg(
        "ahp.unknown_method",
        en='Unknown priority method "{m}": use one of {opts}.',
        id='Metode prioritas "{m}" tidak dikenal: gunakan salah satu dari {opts}.',
        m=method, opts=", ".join(METHODS),
    ))


def _priorities(a: FloatArray, method: str) -> tuple[FloatArray, float]:
    """Weights and lambda_max of an already validated matrix."""
    n = a.shape[0]
    if n == 1:
        return np.ones(1), 1.0
    if n == 2:
        # Closed form, the same for all three methods: a 2 x 2 reciprocal matrix is always
        # consistent, w = (a, 1) / (1 + a) and lambda_max = 2 (most nodes of a scorecard are 2 x 2).
        if method not in METHODS:
            raise _unknown_method(method)
        x = float(a[0, 1])
        return np.array([x / (1.0 + x), 1.0 / (1.0 + x)]), 2.0
    if method == "eigen":
        vals, vecs = np.linalg.eig(a)
        k = int(np.argmax(vals.real))
        # Perron-Frobenius: for a positive matrix the root with the largest real part is real and
        # simple, and its eigenvector has entries of one sign; abs() removes that arbitrary sign.
        w = np.abs(vecs[:, k].real)
        w = w / w.sum()
        return w, float(vals[k].real)
    if method == "approx":
        w = (a / a.sum(axis=0)).mean(axis=1)
    elif method == "geometric":
        g = np.exp(np.log(a).mean(axis=1))
        w = g / g.sum()
    else:
        raise _unknown_method(method)
    return w, float(np.mean((a @ w) / w))


def priorities(matrix: npt.ArrayLike, method: str = "eigen") -> tuple[FloatArray, float]:
    """Priority vector (positive, sums to 1) and lambda_max of a pairwise-comparison matrix.

    * ``eigen``: principal right eigenvector (Saaty); lambda_max is its eigenvalue.
    * ``approx``: divide each column by its sum, average each row (the hand method);
      lambda_max = mean over i of (A w)_i / w_i.
    * ``geometric``: geometric mean of each row, normalised (RGMM); lambda_max as ``approx``.

    Unjudged pairs (NaN/None) are completed first, as in :func:`analyze`.
    """
    if method not in METHODS:
        raise _unknown_method(method)
    a, missing = split_missing(matrix)
    return _priorities(a if missing is None else _complete(a, missing, method), method)


@dataclass(frozen=True, eq=False)
class AhpResult:
    """Everything about one comparison matrix. ``weights`` is read-only and sums to 1.

    ``ci = (lambda_max - n) / (n - 1)`` (0 for n <= 2, tiny negative rounding clamped to 0),
    ``cr = ci / ri``, ``acceptable = cr <= threshold`` where ``threshold`` comes from ``policy``.
    (``eq=False``: results hold arrays, so they compare by identity.)

    With the ``geometric`` method the consistency shown and judged is the GCI instead
    (``gci``, ``gci_threshold``; Aguaron and Moreno-Jimenez 2003): ``acceptable = gci <=
    gci_threshold``; ``cr`` is still computed (from lambda_max of the geometric weights) for
    reference. ``index_name`` / ``index`` / ``index_threshold`` give whichever is shown.

    ``missing`` lists the unjudged pairs (i, j), i < j; ``completed`` is then the matrix with each
    gap filled by w_i / w_j (Harker for eigen/approx, LLSM for geometric, see
    :mod:`scorecard.method.ahp_incomplete`), else None.
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    acceptable: bool
    n: int
    method: str
    ri_table: str
    ri: float
    threshold: float
    policy: str
    gci: float | None = None
    gci_threshold: float | None = None
    missing: tuple[tuple[int, int], ...] = ()
    completed: FloatArray | None = None

    @property
    def index_name(self) -> str:
        """``"GCI"`` for the geometric method, else ``"CR"``."""
        return "GCI" if self.gci is not None else "CR"

    @property
    def index(self) -> float:
        """The consistency value shown: the GCI for the geometric method, else the CR."""
        return float(self.gci) if self.gci is not None else float(self.cr)

    @property
    def index_threshold(self) -> float:
        """The largest acceptable :attr:`index`."""
        return float(self.gci_threshold) if self.gci_threshold is not None else float(self.threshold)


def _ci(lambda_max: float, n: int) -> float:
    if n <= 2:
        return 0.0
    return max((lambda_max - n) / (n - 1), 0.0)


def analyze(matrix: npt.ArrayLike, method: str = "eigen", ri: str = "saaty", policy: str = "fixed",
            labels: Sequence[str] | None = None) -> AhpResult:
    """Weights and consistency of one pairwise-comparison matrix (any square array-like).

    Stable public contract: ``analyze(matrix, method="eigen", ri="saaty")``.
    ``ri`` names the Random Index table, ``policy`` the acceptance rule
    (:func:`acceptance_threshold`), ``labels`` the items (for error messages only).
    """
    if method not in METHODS:
        raise _unknown_method(method)
    a, missing = split_missing(matrix, labels)
    n = a.shape[0]
    ri_value = random_index(n, ri)
    threshold = acceptance_threshold(n, policy)
    c = a if missing is None else _complete(a, missing, method, labels)
    w, lam = _priorities(c, method)
    ci = _ci(lam, n)
    cr = ci / ri_value if n > 2 else 0.0
    w.flags.writeable = False
    gap: tuple[tuple[int, int], ...] = ()
    if missing is not None:
        c.flags.writeable = False
        gap = tuple((int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(missing, k=1)), strict=True))
    if method == "geometric":
        g, g_max = _inc.gci(c, w, missing), _inc.gci_threshold(n)
        ok = g <= g_max + 1e-12
        return AhpResult(w, lam, ci, cr, bool(ok), n, method, ri, ri_value, threshold, policy, g, g_max, gap,
                         None if missing is None else c)
    return AhpResult(w, lam, ci, cr, bool(cr <= threshold + 1e-12), n, method, ri, ri_value,
                     threshold, policy, None, None, gap, None if missing is None else c)


def _disconnected(groups: list[list[int]], labels: Sequence[str] | None) -> AhpInputError:
    def name(k: int, lang: str) -> str:
        if labels is not None:
            return f'"{labels[k]}"'
        return f"{'item' if lang == 'en' else 'elemen'} {k + 1}"

    def listing(lang: str) -> str:
        return "; ".join("{" + ", ".join(name(k, lang) for k in g) + "}" for g in groups)

    return AhpInputError(msg(
        "ahp.disconnected",
        en="The judged pairs do not connect all items; they fall into {k} separate groups: {g}. "
           "Compare at least one item of each group with an item of another group (n - 1 judgments "
           "that link everything are the minimum).",
        id="Pasangan yang dinilai tidak menghubungkan semua elemen; elemen terbagi menjadi {k} kelompok "
           "terpisah: {gi}. Bandingkan minimal satu elemen dari setiap kelompok dengan elemen dari "
           "kelompok lain (minimal n - 1 penilaian yang menghubungkan semuanya).",
        k=len(groups), g=listing("en"), gi=listing("id"),
    ))


def _complete(a: FloatArray, missing: npt.NDArray[np.bool_], method: str,
              labels: Sequence[str] | None = None) -> FloatArray:
    """Fill the gaps of a validated incomplete matrix (see :func:`complete`)."""
    groups = _inc.components(missing)
    if len(groups) > 1:
        raise _disconnected(groups, labels)
    w = _inc.llsm(a, missing) if method == "geometric" else _inc.harker(a, missing)[0]
    return _inc.fill(a, missing, w)


def complete(matrix: npt.ArrayLike, method: str = "eigen", labels: Sequence[str] | None = None) -> FloatArray:
    """A complete reciprocal matrix from one with unjudged pairs (NaN/None, see :func:`split_missing`):
    each gap a_ij becomes w_i / w_j with w from Harker's method (``eigen``, ``approx``) or from
    logarithmic least squares over the judged pairs (``geometric``). A complete matrix is returned
    as it is (validated). Raises :class:`AhpInputError` when the judged pairs do not connect all
    items. The filled values need not lie on Saaty's scale (nor within 1/9 .. 9).
    """
    if method not in METHODS:
        raise _unknown_method(method)
    a, missing = split_missing(matrix, labels)
    return a if missing is None else _complete(a, missing, method, labels)


# --------------------------------------------------------------------------------------------
# Building matrices from named judgments
# --------------------------------------------------------------------------------------------


def _index_of(children: Sequence[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for k, c in enumerate(children):
        if c in index:
            raise AhpInputError(msg(
                "ahp.duplicate_child",
                en='"{c}" appears twice among the items being compared.',
                id='"{c}" muncul dua kali di antara elemen yang dibandingkan.',
                c=c,
            ))
        index[c] = k
    return index


def matrix_from_pairs(children: Sequence[str], pairs: Mapping[tuple[str, str], float | str],
                      tol: float = 1e-6, missing_as: float = 1.0) -> tuple[FloatArray, list[tuple[str, str]]]:
    """Reciprocal matrix (rows/columns in ``children`` order) from named judgments.

    ``pairs[(a, b)] = v`` means a is v times as important as b; a judgment may be given either
    way round ((b, a) with 1/v is the same judgment). Values may also be text ("1/3").
    Returns the matrix and the pairs ``(children[i], children[j])``, i < j, that had no judgment
    (filled with ``missing_as``: 1 = equal by default; ``float("nan")`` leaves them unjudged for
    :func:`analyze`, which then uses Harker's method). Raises :class:`AhpInputError` for an unknown name, an item compared
    with itself, a value outside 1/9 .. 9, or two judgments of one pair that contradict each other.
    """
    index = _index_of(children)
    n = len(children)
    a = np.ones((n, n))
    seen = np.zeros((n, n), dtype=bool)
    for (x, y), raw in pairs.items():
        for name in (x, y):
            if name not in index:
                raise AhpInputError(msg(
                    "ahp.unknown_child",
                    en='Judgment "{a}" vs "{b}" names "{c}", which is not one of the items '
                       "compared here ({opts}).",
                    id='Penilaian "{a}" terhadap "{b}" menyebut "{c}", yang bukan salah satu '
                       "elemen yang dibandingkan di sini ({opts}).",
                    a=x, b=y, c=name, opts=", ".join(children),
                ))
        i, j = index[x], index[y]
        try:
            v = parse_judgment(raw)
        except AhpInputError:
            raise AhpInputError(msg(
                "ahp.bad_number",
                en='Judgment "{a}" vs "{b}" is {v}: use a positive number such as 3, 1/3 or 0.5.',
                id='Penilaian "{a}" terhadap "{b}" bernilai {v}: gunakan angka positif seperti '
                   "3, 1/3 atau 0,5.",
                a=x, b=y, v=repr(raw),
            )) from None
        if i == j:
            if abs(v - 1.0) <= tol:
                continue
            raise AhpInputError(msg(
                "ahp.self_pair",
                en='"{a}" is compared with itself ({v}); an item is always equally important as '
                   "itself (1).",
                id='"{a}" dibandingkan dengan dirinya sendiri ({vi}); sebuah elemen selalu sama '
                   "penting dengan dirinya sendiri (1).",
                a=x, v=scale_label(v, "en"), vi=scale_label(v, "id"),
            ))
        if not SCALE_MIN * (1.0 - tol) <= v <= SCALE_MAX * (1.0 + tol):
            raise AhpInputError(msg(
                "ahp.out_of_range",
                en='Judgment "{a}" vs "{b}" is {v}: the scale runs from 1/9 to 9.',
                id='Penilaian "{a}" terhadap "{b}" bernilai {vi}: skala berkisar dari 1/9 sampai 9.',
                a=x, b=y, v=scale_label(v, "en"), vi=scale_label(v, "id"),
            ))
        if seen[i, j] and abs(a[i, j] / v - 1.0) > tol:
            raise AhpInputError(msg(
                "ahp.contradictory_pair",
                en='"{a}" vs "{b}" is judged twice with different values ({v1} and {v2}); keep one.',
                id='"{a}" terhadap "{b}" dinilai dua kali dengan nilai berbeda ({w1} dan {w2}); '
                   "pertahankan salah satu.",
                a=x, b=y, v1=scale_label(a[i, j], "en"), v2=scale_label(v, "en"),
                w1=scale_label(a[i, j], "id"), w2=scale_label(v, "id"),
            ))
        a[i, j], a[j, i] = v, 1.0 / v
        seen[i, j] = seen[j, i] = True
    missing = [(children[i], children[j]) for i in range(n) for j in range(i + 1, n) if not seen[i, j]]
    if missing_as != 1.0:
        gap = ~seen
        np.fill_diagonal(gap, False)
        a[gap] = missing_as
    return a, missing


def pairs_from_matrix(children: Sequence[str], matrix: npt.ArrayLike) -> dict[tuple[str, str], float]:
    """The judgments above the diagonal as ``{(children[i], children[j]): A[i][j]}``, i < j.
    Unjudged pairs (NaN/None on both sides) are left out."""
    _index_of(children)
    a, missing = split_missing(matrix, labels=children)
    n = a.shape[0]
    return {(children[i], children[j]): float(a[i, j]) for i in range(n) for j in range(i + 1, n)
            if missing is None or not missing[i, j]}


# --------------------------------------------------------------------------------------------
# Help for the facilitator: the most inconsistent judgments and the consistency strip
# --------------------------------------------------------------------------------------------


#: A change of a judgment is worth suggesting on an acceptable matrix only when it lowers the
#: consistency index by at least this share of the acceptance threshold: 0.01 of CR with the 0.10
#: rule (the second decimal people read), 0.031 .. 0.037 of GCI. Smaller gains are noise to a room.
NOTICEABLE_SHARE = 0.1


@dataclass(frozen=True)
class Suggestion:
    """A judgment worth revisiting (METHOD.md §2, "Most inconsistent judgment").

    ``error`` = e_ij = A[i][j] * w_j / w_i (1 when perfectly consistent); ``consistent`` = w_i / w_j
    (the value that would agree with the weights). ``suggested`` is the :data:`SCALE` value at
    (i, j) that gives the lowest consistency index with every other judgment fixed (ties: the one
    nearest the current value in log space, then the smaller); that is often not the scale value
    nearest ``consistent``. ``cr_after`` = the CR with A[i][j] = suggested, A[j][i] = 1 / suggested.

    ``index_name`` is ``"CR"`` or ``"GCI"`` (geometric method), ``index_now`` / ``index_after`` that
    index before / after the change and ``threshold`` its acceptance limit. ``worth_applying``:
    the change lowers the index at all and either the matrix is not acceptable now or the drop is
    noticeable (at least :data:`NOTICEABLE_SHARE` x ``threshold``). When it is False on an
    acceptable matrix, a hint should say that nothing needs changing (no warning sign, no "apply").
    Nothing is changed without the user's action.
    """

    i: int
    j: int
    current: float
    error: float
    consistent: float
    suggested: float
    cr_after: float
    index_name: str = "CR"
    index_now: float = 0.0
    index_after: float = 0.0
    threshold: float = 0.10
    acceptable_now: bool = True
    worth_applying: bool = True

    @property
    def gain(self) -> float:
        """How much the consistency index drops with the suggested value (>= 0)."""
        return max(self.index_now - self.index_after, 0.0)


def _check_pair(n: int, i: int, j: int) -> None:
    if not (0 <= i < n and 0 <= j < n) or i == j:
        raise AhpInputError(msg(
            "ahp.bad_index",
            en="Cannot change judgment ({i}, {j}) of a {n} x {n} matrix: row and column must be "
               "different and between 0 and {m}.",
            id="Penilaian ({i}, {j}) pada matriks {n} x {n} tidak dapat diubah: baris dan kolom "
               "harus berbeda dan bernilai 0 sampai {m}.",
            i=i, j=j, n=n, m=n - 1,
        ))


def with_judgment(matrix: npt.ArrayLike, i: int, j: int, value: float) -> FloatArray:
    """A copy of ``matrix`` with A[i][j] = value and A[j][i] = 1 / value (0-based, i != j)."""
    a = np.array(_as_float_matrix(matrix), dtype=float, copy=True)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        validate_matrix(a)  # raises the "not square" message
    _check_pair(a.shape[0], i, j)
    v = _positive_float(value)
    a[i, j], a[j, i] = v, 1.0 / v
    return a


def batch_priorities(stack: FloatArray, method: str) -> tuple[FloatArray, FloatArray]:
    """Weights (m, n) and lambda_max (m,) of a stack of valid reciprocal matrices (m, n, n),
    the same methods as :func:`priorities`."""
    m = stack.shape[0]
    if method == "eigen":
        vals, vecs = np.linalg.eig(stack)
        k = np.argmax(vals.real, axis=1)
        w = np.abs(vecs[np.arange(m), :, k].real)
        w = w / w.sum(axis=1, keepdims=True)
        return w, vals.real[np.arange(m), k]
    if method == "approx":
        w = (stack / stack.sum(axis=1, keepdims=True)).mean(axis=2)
    elif method == "geometric":
        g = np.exp(np.log(stack).mean(axis=2))
        w = g / g.sum(axis=1, keepdims=True)
    else:
        raise _unknown_method(method)
    lam = (np.einsum("mij,mj->mi", stack, w) / w).mean(axis=1)
    return w, lam


def _lambda_max_batch(stack: FloatArray, method: str) -> FloatArray:
    """lambda_max of each matrix in a (m, n, n) stack of valid matrices."""
    if method == "eigen":
        return np.linalg.eigvals(stack).real.max(axis=-1)  # no eigenvectors needed
    return batch_priorities(stack, method)[1]


def _cr_batch(stack: FloatArray, method: str, ri_value: float) -> FloatArray:
    n = stack.shape[-1]
    if n <= 2:
        return np.zeros(stack.shape[0])
    ci = np.maximum((_lambda_max_batch(stack, method) - n) / (n - 1), 0.0)
    return ci / ri_value


def _strips(a: FloatArray, missing: npt.NDArray[np.bool_] | None, i: int, j: int, method: str,
            ri_value: float) -> tuple[FloatArray, FloatArray | None]:
    """CR (and GCI for ``geometric``, else None) for each :data:`SCALE` value at (i, j) of a
    validated matrix, everything else fixed. A missing pair (i, j) counts as judged at that value."""
    n = a.shape[0]
    gap = np.zeros((n, n), dtype=bool) if missing is None else missing.copy()
    gap[i, j] = gap[j, i] = False
    stack = np.repeat(a[None, :, :], len(SCALE), axis=0)
    stack[:, i, j] = _SCALE_ARR
    stack[:, j, i] = 1.0 / _SCALE_ARR
    if not gap.any():
        crs = _cr_batch(stack, method, ri_value)
        return crs, (_inc.gci_batch(stack) if method == "geometric" else None)
    groups = _inc.components(gap)
    if len(groups) > 1:
        raise _disconnected(groups, None)
    # All 17 completions at once (see ahp_incomplete): Harker's matrices share everything but (i, j),
    # and LLSM's normal equations share their matrix (only the right-hand side moves).
    if method == "geometric":
        judged = ~gap
        np.fill_diagonal(judged, False)
        logs = np.where(judged[None], np.log(np.where(judged[None], stack, 1.0)), 0.0)
        lap = np.diag(judged.sum(axis=1).astype(float)) - judged.astype(float) + 1.0
        y = np.linalg.solve(lap, logs.sum(axis=2).T).T  # (17, n)
        w = np.exp(y - y.max(axis=1, keepdims=True))
    else:
        h = np.where(gap[None], 0.0, stack)
        h[:, np.arange(n), np.arange(n)] += gap.sum(axis=1)
        vals, vecs = np.linalg.eig(h)
        top = np.argmax(vals.real, axis=1)
        w = np.abs(vecs[np.arange(len(SCALE)), :, top].real)
    w = w / w.sum(axis=1, keepdims=True)
    filled = np.where(gap[None], w[:, :, None] / w[:, None, :], stack)
    crs = _cr_batch(filled, method, ri_value)
    if method != "geometric":
        return crs, None
    iu, ju = np.triu_indices(n, k=1)
    keep = ~gap[iu, ju]
    iu, ju = iu[keep], ju[keep]
    dof = iu.size - (n - 1)
    if n <= 2 or dof <= 0:
        return crs, np.zeros(len(SCALE))
    e = np.log(filled[:, iu, ju]) + np.log(w[:, ju]) - np.log(w[:, iu])
    return crs, (e * e).sum(axis=1) / dof


def cr_strip(matrix: npt.ArrayLike, i: int, j: int, method: str = "eigen", ri: str = "saaty") -> FloatArray:
    """CR for each of the 17 :data:`SCALE` values placed at (i, j) (and its reciprocal at (j, i)),
    everything else fixed. Shape (17,), in :data:`SCALE` order. Zeros for n <= 2.

    Computed as one batched eigenvalue call for a complete matrix, so it is cheap enough to draw
    under every slider. A matrix with unjudged pairs is completed for each value (Harker / LLSM);
    an unjudged (i, j) shows the CR each value would give if it were judged so.
    """
    if method not in METHODS:
        raise _unknown_method(method)
    a, missing = split_missing(matrix)
    n = a.shape[0]
    _check_pair(n, i, j)
    return _strips(a, missing, i, j, method, random_index(n, ri))[0]


def index_strip(matrix: npt.ArrayLike, i: int, j: int, method: str = "eigen", ri: str = "saaty") -> FloatArray:
    """Like :func:`cr_strip`, but the consistency index shown for ``method``: GCI for
    ``geometric``, CR otherwise."""
    if method not in METHODS:
        raise _unknown_method(method)
    a, missing = split_missing(matrix)
    n = a.shape[0]
    _check_pair(n, i, j)
    crs, gcis = _strips(a, missing, i, j, method, random_index(n, ri))
    return crs if gcis is None else gcis


def best_scale_index(strip: FloatArray, current: float) -> int:
    """Position in :data:`SCALE` of the lowest value of ``strip`` (one index per scale value);
    ties within 1e-12 go to the value nearest ``current`` in log space, then to the smaller value."""
    low = float(strip.min())
    ties = np.flatnonzero(strip <= low + 1e-12)
    dist = np.abs(_LOG_SCALE[ties] - math.log(current))
    return int(ties[int(np.argmin(dist))])  # argmin keeps the first (smaller) of equal distances


def most_inconsistent(matrix: npt.ArrayLike, k: int = 3, method: str = "eigen",
                      ri: str = "saaty", policy: str = "fixed") -> list[Suggestion]:
    """The ``k`` judged pairs (i < j) with the largest |ln e_ij|, largest first (ties: row order),
    each with the scale value that gives the lowest consistency index there (see
    :class:`Suggestion`; ``policy`` sets the threshold used for ``worth_applying``).

    Pairs whose best value equals the current one are kept (sorted by their error like the rest):
    they show the facilitator that no scale value does better there. Unjudged pairs are never
    picked. Returns [] for n <= 2 (such matrices are always consistent) or k <= 0.
    """
    if method not in METHODS:
        raise _unknown_method(method)
    res = analyze(matrix, method=method, ri=ri, policy=policy)
    a, missing = split_missing(matrix)
    n = a.shape[0]
    if n <= 2 or k <= 0:
        return []
    c = a if res.completed is None else res.completed
    w = res.weights
    ratio = w[:, None] / w[None, :]  # w_i / w_j
    err = c / ratio  # e_ij = A_ij * w_j / w_i
    iu, ju = np.triu_indices(n, k=1)
    if missing is not None:
        keep = ~missing[iu, ju]
        iu, ju = iu[keep], ju[keep]
    score = np.abs(np.log(err[iu, ju]))
    order = np.argsort(-score, kind="stable")[:k]
    out: list[Suggestion] = []
    noticeable = NOTICEABLE_SHARE * res.index_threshold
    for t in order:
        i, j = int(iu[t]), int(ju[t])
        crs, gcis = _strips(a, missing, i, j, method, res.ri)
        shown = crs if gcis is None else gcis
        best = best_scale_index(shown, float(a[i, j]))
        after = float(shown[best])
        drop = res.index - after
        worth = drop > 1e-9 and (not res.acceptable or drop >= noticeable - 1e-12)
        out.append(Suggestion(i, j, float(a[i, j]), float(err[i, j]), float(ratio[i, j]), SCALE[best],
                              float(crs[best]), res.index_name, res.index, after, res.index_threshold,
                              res.acceptable, bool(worth)))
    return out


def spanning_pairs(n: int, extra: int = 2) -> list[tuple[int, int]]:
    """A short list of pairs (i < j, 0-based) to ask on a long node: the chain (0, 1), (1, 2), ...,
    (n-2, n-1), which connects all n items with n - 1 judgments, plus up to ``extra`` pairs that
    close long cycles ((0, n-1) first, then chords (i, i + n//2)) so that inconsistency can show.
    All pairs when that is not shorter."""
    total = n * (n - 1) // 2
    if n <= 1:
        return []
    chain = [(i, i + 1) for i in range(n - 1)]
    if len(chain) + extra >= total:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = set(chain)
    candidates = [(0, n - 1)] + [(i, i + n // 2) for i in range(0, n - n // 2)]
    candidates += [(i, j) for i in range(n) for j in range(i + 2, n)]
    out = list(chain)
    for p in candidates:
        if len(out) >= len(chain) + extra:
            break
        if p not in chosen and p[0] < p[1]:
            chosen.add(p)
            out.append(p)
    return sorted(out)


def connects_all(n: int, pairs: Sequence[tuple[int, int]]) -> bool:
    """Whether the pairs (0-based) connect all n items (the judged graph has one component)."""
    missing = np.ones((n, n), dtype=bool)
    np.fill_diagonal(missing, False)
    for i, j in pairs:
        missing[i, j] = missing[j, i] = False
    return len(_inc.components(missing)) <= 1


# --------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------


def _participant_error(k: int, err: AhpInputError) -> AhpInputError:
    return AhpInputError(msg(
        "ahp.participant_invalid",
        en="Participant {k}: {e}",
        id="Peserta {k}: {ei}",
        k=k, e=err.msg.en, ei=err.msg.id,
    ))


def _stack(matrices: Sequence[npt.ArrayLike]) -> FloatArray:
    if len(matrices) == 0:
        raise AhpInputError(msg(
            "ahp.group_empty",
            en="No participants' matrices were given.",
            id="Tidak ada matriks peserta yang diberikan.",
        ))
    arrays: list[FloatArray] = []
    for k, m in enumerate(matrices, start=1):
        try:
            arrays.append(split_missing(m)[0])
        except AhpInputError as e:
            raise _participant_error(k, e) from None
        if arrays[-1].shape != arrays[0].shape:
            raise AhpInputError(msg(
                "ahp.group_shape",
                en="Participant {k} compared {m} items but participant 1 compared {n}; all "
                   "participants must compare the same items.",
                id="Peserta {k} membandingkan {m} elemen, sedangkan peserta 1 membandingkan {n}; "
                   "semua peserta harus membandingkan elemen yang sama.",
                k=k, m=arrays[-1].shape[0], n=arrays[0].shape[0],
            ))
    return np.stack(arrays)


def aggregate_group(matrices: Sequence[npt.ArrayLike]) -> FloatArray:
    """Group matrix by aggregation of individual judgments (AIJ): the element-wise geometric mean
    of the participants' matrices. The result is reciprocal with a unit diagonal (enforced exactly,
    rounding included) and stays within 1/9 .. 9.

    A participant may leave pairs unjudged (NaN/None): each pair is the geometric mean over the
    participants who judged it, and a pair nobody judged stays NaN (unjudged) in the result."""
    stack = np.log(_stack(matrices))
    judged = ~np.isnan(stack)
    counts = judged.sum(axis=0)
    sums = np.where(judged, stack, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        logs = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    logs = (logs - logs.T) / 2.0  # exactly antisymmetric -> exactly reciprocal, diagonal exp(0) = 1
    return np.exp(logs)


def consensus(weight_vectors: Sequence[npt.ArrayLike], scale_max: float = 9.0) -> float:
    """Goepel's AHP consensus indicator S* (0 = no consensus, 1 = full consensus).

    Source: K. D. Goepel (2013), "Implementing the Analytic Hierarchy Process as a Standard Method
    for Multi-Criteria Decision Making in Corporate Enterprises - A New AHP Excel Template with
    Multiple Inputs", Proc. ISAHP 2013, Kuala Lumpur; formula as implemented in BPMSG AHP-OS,
    ``AhpGroup::getConsensus`` / ``getShannonBeta`` / ``ahpShannonCor`` in
    https://github.com/bpmsg/ahp-os/blob/master/classes/AhpGroup.php (also bpmsg.com,
    "AHP consensus indicator", eqs. 1.1-1.10). For k participants with priority vectors p_k
    over n criteria::

        H_alpha = mean_k( -sum_i p_ki ln p_ki )          (Shannon alpha entropy)
        H_gamma = -sum_i pbar_i ln pbar_i,  pbar = mean_k p_k   (gamma entropy)
        D_beta  = exp(H_gamma - H_alpha)                  (beta diversity)
        H_alpha_min = -(M/(n+M-1)) ln(M/(n+M-1)) - (n-1) (1/(n+M-1)) ln(1/(n+M-1))
        c = exp(ln n - H_alpha_min)                       (D_gamma_max / D_alpha_min)
        S* = (1/D_beta - 1/c) / (1 - 1/c)

    with M = ``scale_max`` (9 for Saaty's scale). Each vector is normalised to sum 1. One
    participant, or a single criterion, gives 1.0. For priorities derived on the 1..M scale S* lies
    in [0, 1]; arbitrary vectors (e.g. with a zero weight) can fall outside and are clipped.
    """
    if len(weight_vectors) == 0:
        raise AhpInputError(msg(
            "ahp.group_empty",
            en="No participants' weights were given.",
            id="Tidak ada bobot peserta yang diberikan.",
        ))
    if isinstance(scale_max, bool) or not isinstance(scale_max, int | float | np.integer | np.floating) \
            or not math.isfinite(float(scale_max)) or float(scale_max) < 2.0:
        raise AhpInputError(msg(
            "ahp.consensus_scale",
            en="The scale maximum for consensus must be a number of at least 2 (9 for Saaty's "
               "scale); got {v}.",
            id="Nilai maksimum skala untuk konsensus harus angka minimal 2 (9 untuk skala Saaty); "
               "yang diterima {v}.",
            v=repr(scale_max),
        ))
    try:
        raw = [np.asarray(v) for v in weight_vectors]
        if any(r.dtype.kind in "bcOSU" for r in raw):
            raise TypeError
        p = np.array([r.astype(float).ravel() for r in raw])
    except (TypeError, ValueError, OverflowError):
        raise AhpInputError(msg(
            "ahp.consensus_shape",
            en="Every participant must give one weight per criterion, for the same criteria.",
            id="Setiap peserta harus memberikan satu bobot untuk setiap kriteria yang sama.",
        )) from None
    if p.ndim != 2 or p.shape[1] == 0:
        raise AhpInputError(msg(
            "ahp.consensus_shape",
            en="Every participant must give one weight per criterion, for the same criteria.",
            id="Setiap peserta harus memberikan satu bobot untuk setiap kriteria yang sama.",
        ))
    if not np.isfinite(p).all() or (p < 0).any() or (p.sum(axis=1) <= 0).any():
        raise AhpInputError(msg(
            "ahp.consensus_values",
            en="Weights must be finite, not negative, and not all zero for any participant.",
            id="Bobot harus berupa angka yang sah, tidak negatif, dan tidak boleh semuanya nol "
               "untuk seorang peserta.",
        ))
    k, n = p.shape
    if k == 1 or n == 1:
        return 1.0
    p = p / p.sum(axis=1, keepdims=True)

    def entropy(q: FloatArray) -> FloatArray:
        safe = np.where(q > 0, q, 1.0)
        return -(q * np.log(safe)).sum(axis=-1)

    h_alpha = float(entropy(p).mean())
    h_gamma = float(entropy(p.mean(axis=0)))
    d_beta = math.exp(h_gamma - h_alpha)
    m = float(scale_max)
    big, small = m / (n + m - 1.0), 1.0 / (n + m - 1.0)
    h_alpha_min = -big * math.log(big) - (n - 1) * small * math.log(small)
    c = math.exp(math.log(n) - h_alpha_min)
    s = (1.0 / d_beta - 1.0 / c) / (1.0 - 1.0 / c)
    return float(min(max(s, 0.0), 1.0))


def disputed_pairs(matrices: Sequence[npt.ArrayLike],
                   children: Sequence[str]) -> list[tuple[str, str, float]]:
    """Pairs (a, b), a before b in ``children``, with the spread of the participants' judgments:
    the (population) standard deviation of ln A_k[i][j] over participants k. Largest first
    (ties keep row order). 0 everywhere for a single participant. Only the participants who
    judged a pair count for it (0 when fewer than two did)."""
    _index_of(children)
    stack = _stack(matrices)
    n = stack.shape[1]
    _check_labels(n, children)
    logs = np.log(stack)
    judged = ~np.isnan(logs)
    counts = np.maximum(judged.sum(axis=0), 1)
    mean = np.where(judged, logs, 0.0).sum(axis=0) / counts
    spread = np.sqrt((np.where(judged, logs - mean, 0.0) ** 2).sum(axis=0) / counts)
    iu, ju = np.triu_indices(n, k=1)
    s = spread[iu, ju]
    order = np.argsort(-s, kind="stable")
    return [(children[int(iu[t])], children[int(ju[t])], float(s[t])) for t in order]

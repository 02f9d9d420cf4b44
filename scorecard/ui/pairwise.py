"""The pairwise-judgment slider shared by the Weights page and the workshop participants' page.

Slider positions: 17 options ``-8 .. 8``. Position ``p <= 0`` means "A is ``1 - p`` times as
important as B" (left = A), ``p > 0`` means "B is ``p + 1`` times as important as A" (right = B).
Under each slider (3 or more items) a strip shows at which positions the comparison would be
consistent (:func:`scorecard.method.whatif.consistency_strip`, drawn by
:func:`scorecard.charts.weights.strip_html`), then the judgment in words.

The caller owns the truth (the scorecard, or a participant's draft): :func:`pair_slider` sets
the widget from ``matrix[i, j]`` on every run and reports a move through ``on_change``
(read the new position with ``value_at(st.session_state[key])``).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import streamlit as st

from scorecard import display
from scorecard.charts import weights as charts
from scorecard.method import ahp, whatif
from scorecard.ui import state
from scorecard.ui.state import tr

POSITIONS: list[int] = list(range(-8, 9))

#: Streamlit shows a slider's end labels ("Financial ◀ 9", "9 ▶ Customer") on hover and focus, just
#: where the consistency strip is drawn; on a phone a tap leaves them on, over the strip. The strip
#: has its own end labels ("◀ Financial", "Customer ▶"), so the slider's are hidden in a judgment.
HIDE_TICKS_CSS = ('<style>[class*="st-key-w_pair_"] [data-testid="stSliderTickBar"],'
                  '[class*="st-key-ws_q_"] [data-testid="stSliderTickBar"]{display:none}</style>')


def position_of(value: float) -> int:
    """Slider position (-8 .. 8) of a judgment value (nearest scale value)."""
    v = ahp.nearest_scale(value)
    return 1 - round(v) if v >= 1 else round(1.0 / v) - 1


def value_at(pos: int) -> float:
    """Judgment value A[a][b] at a slider position."""
    return float(1 - pos) if pos <= 0 else 1.0 / (pos + 1)


def pos_text(pos: int, a: str, b: str) -> str:
    """A slider position in short: ``"A ◀ 3"``, ``"1 · equal"``, ``"5 ▶ B"``."""
    if pos < 0:
        return f"{a} ◀ {1 - pos}"
    if pos > 0:
        return f"{pos + 1} ▶ {b}"
    return "1 · " + tr("equal", "sama")


def sentence(value: float, a: str, b: str) -> str:
    """'Customer is strongly more important than Financial (7)' in the user's language."""
    s = ahp.nearest_scale(value)
    if s == 1:
        return tr(f"{a} and {b} are equally important (1)", f"{a} dan {b} sama penting (1)")
    big, small = (a, b) if s > 1 else (b, a)
    k = round(s if s > 1 else 1.0 / s)
    word = ahp.verbal(s, state.lang())
    return tr(f"{big} is {word} than {small} ({k})", f"{big} {word} daripada {small} ({k})")


def _cr(x: float) -> str:
    return display.cr(x, state.lang())


def strip_parts(matrix: np.ndarray, i: int, j: int, a_short: str, b_short: str, *, method: str = "eigen",
                ri: str = "saaty", policy: str = "fixed") -> tuple[list[bool], int, list[str], str]:
    """The consistency strip of judgment (i, j) in slider order (A's 9 on the left): cells, the
    current cell, hover texts, and a short caption (HTML) with the acceptable range."""
    s = whatif.consistency_strip(matrix, i, j, method=method, ri=ri, policy=policy)
    # SCALE runs 1/9 .. 9 (B's 9 first); the slider runs from A's 9 to B's 9: reverse it
    acceptable = [bool(x) for x in s.acceptable][::-1]
    titles = [f"{pos_text(position_of(v), a_short, b_short)}: CR {_cr(float(c))}"
              for v, c in zip(s.values, s.crs, strict=True)][::-1]
    current = len(s.values) - 1 - s.current_index
    limit = display.cr_limit(s.threshold, state.lang())
    if s.acceptable_range is None:
        cap = html.escape(tr("✗ no position alone gives an acceptable CR: change another pair",
                             "✗ tidak ada posisi yang cukup: ubah pasangan lain"))
    else:
        lo, hi = s.acceptable_range  # scale values: hi is the furthest left position, lo the furthest right
        left, right = pos_text(position_of(hi), a_short, b_short), pos_text(position_of(lo), a_short, b_short)
        span = f"<b>{html.escape(left)}</b>" + (f" … <b>{html.escape(right)}</b>" if left != right else "")
        cap = f"CR ≤ {limit}: {span}" + ("*" if not s.contiguous else "")
    return acceptable, current, titles, cap


def strip_legend_html() -> str:
    """One line explaining the strip's cells (show it once above a list of sliders)."""
    return (f'<div class="sc-muted" style="font-size:.85rem">{charts.STRIP_CSS}'
            f'{html.escape(tr("Strip under each slider:", "Strip di bawah penggeser:"))} '
            f'<span class="sc-strip-key" style="background:#009E73"></span>'
            f'{html.escape(tr("consistent there", "konsisten di posisi itu"))} '
            f'<span class="sc-strip-key" style="background:repeating-linear-gradient(135deg,#D55E00 0 3px,'
            f'#F7C8A8 3px 6px)"></span>{html.escape(tr("inconsistent", "tidak konsisten"))} '
            f'<span class="sc-strip-key" style="outline:2px solid #101828"></span>'
            f'{html.escape(tr("current position", "posisi sekarang"))}</div>')


def pair_slider(key: str, matrix: np.ndarray, i: int, j: int, *, a_full: str, b_full: str, a_short: str,
                b_short: str, on_change: Callable[..., Any] | None = None, args: Sequence[Any] = (),
                method: str = "eigen", ri: str = "saaty", policy: str = "fixed", highlighted: bool = False,
                disabled: bool = False) -> None:
    """One judgment slider (items ``i`` vs ``j`` of ``matrix``), its consistency strip and its
    sentence. The widget is set from ``matrix[i, j]`` before it is drawn."""
    current = float(matrix[i, j])
    pos = position_of(current)
    if st.session_state.get(key) != pos:
        st.session_state[key] = pos
    mark = "⚠ " if highlighted else ""
    label = f"{mark}**{a_full}** {tr('vs', 'vs')} **{b_full}**"
    st.select_slider(label, options=POSITIONS, key=key, format_func=lambda p: pos_text(p, a_short, b_short),
                     on_change=on_change, args=tuple(args), disabled=disabled,
                     help=tr("Move towards the more important item; the middle means equally important.",
                             "Geser ke arah yang lebih penting; tengah berarti sama penting."))
    if matrix.shape[0] >= 3:
        acceptable, cur, titles, cap = strip_parts(matrix, i, j, a_short, b_short, method=method, ri=ri,
                                                   policy=policy)
    else:
        acceptable, cur, titles, cap = None, 0, [], ""
    st.html(HIDE_TICKS_CSS + charts.strip_html(acceptable, cur, titles, left=f"◀ {a_short}", right=f"{b_short} ▶",
                                               caption=cap, aria=tr("Consistency at each slider position",
                                                                    "Konsistensi di setiap posisi")))
    st.markdown(f"**→ {html.escape(sentence(current, a_full, b_full))}**")


def suggestion(matrix: np.ndarray, *, method: str = "eigen", ri: str = "saaty") -> ahp.Suggestion | None:
    """The most inconsistent judgment of a matrix (None for 2 items or fewer)."""
    sugs = ahp.most_inconsistent(matrix, k=1, method=method, ri=ri)
    return sugs[0] if sugs else None


def suggestion_html(s: ahp.Suggestion, *, a_full: str, b_full: str, a_short: str, b_short: str,
                    acceptable: bool, threshold: float) -> tuple[str, bool]:
    """The hint box for the most inconsistent judgment and whether another scale value would fit
    the weights better (then offer a button that sets ``s.suggested``)."""
    now = pos_text(position_of(s.current), a_short, b_short)
    better = pos_text(position_of(s.suggested), a_short, b_short)
    pair = f"<b>{html.escape(a_full)}</b> {tr('vs', 'vs')} <b>{html.escape(b_full)}</b>"
    changes = not math.isclose(ahp.nearest_scale(s.current), s.suggested)
    ok_after = s.cr_after <= threshold + display.CR_TOLERANCE
    cr_after = f"CR {_cr(s.cr_after)} {'✓' if ok_after else '✗'}"
    if acceptable:
        head = tr("Consistent. The judgment furthest from the weights (marked ⚠):",
                  "Sudah konsisten. Penilaian yang paling jauh dari bobot (bertanda ⚠):")
    else:
        head = tr("Most inconsistent judgment (marked ⚠):", "Penilaian paling tidak konsisten (bertanda ⚠):")
    if changes:
        body = (f"{html.escape(head)} {pair}, "
                + tr(f"now <b>{html.escape(now)}</b>. The weights suggest <b>{html.escape(better)}</b> → {cr_after}.",
                     f"sekarang <b>{html.escape(now)}</b>. Bobot menyarankan <b>{html.escape(better)}</b> → "
                     f"{cr_after}."))
    else:
        body = (f"{html.escape(head)} {pair} ({html.escape(now)}). "
                + tr("No other scale value fits the weights better: look at the other pairs.",
                     "Tidak ada nilai skala lain yang lebih cocok: periksa pasangan lainnya."))
    return f'<div class="sc-sug{" ok" if acceptable else ""}">{body}</div>', changes


SUGGESTION_CSS = """
<style>
.sc-sug{border-left:5px solid #E69F00;background:#FFF8EB;padding:.5rem .8rem;border-radius:.3rem;margin:.3rem 0}
.sc-sug.ok{border-left-color:#009E73;background:#F0FAF6}
</style>
"""

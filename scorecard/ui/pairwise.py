"""The pairwise-judgment slider shared by the Weights page and the workshop participants' page.

Slider positions: 17 options ``-8 .. 8``. Position ``p <= 0`` means "A is ``1 - p`` times as
important as B" (left = A), ``p > 0`` means "B is ``p + 1`` times as important as A" (right = B).
Under each slider (3 or more items) a strip shows at which positions the comparison would be
consistent (:func:`scorecard.method.whatif.consistency_strip`, drawn by
:func:`scorecard.charts.weights.strip_html`), then the judgment in words.

The caller owns the truth (the scorecard, or a participant's draft): :func:`pair_slider` sets
the widget from ``matrix[i, j]`` on every run and reports a move through ``on_change``
(read the new position with ``value_at(st.session_state[key])``). A pair left unjudged ("not sure /
skip") is NaN in ``matrix``: its slider is disabled in the middle and its strip shows the
consistency each position would give if it were judged so.
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
    name = s.index_name  # "CR", or "GCI" for the geometric method
    # SCALE runs 1/9 .. 9 (B's 9 first); the slider runs from A's 9 to B's 9: reverse it
    acceptable = [bool(x) for x in s.acceptable][::-1]
    lang = state.lang()  # read once: 17 hover texts per slider, several sliders per release
    assert len(s.values) == len(POSITIONS)  # SCALE reversed is POSITIONS -8 .. 8
    titles = [f"{pos_text(p, a_short, b_short)}: {name} {display.cr(float(c), lang)}"
              for p, c in zip(POSITIONS, s.crs[::-1], strict=True)]
    current = len(s.values) - 1 - s.current_index if s.current_index >= 0 else -1
    limit = display.cr_limit(s.threshold, lang)
    if s.acceptable_range is None:
        cap = html.escape(tr(f"✗ no position alone gives an acceptable {name}: change another pair",
                             "✗ tidak ada posisi yang cukup: ubah pasangan lain"))
    else:
        lo, hi = s.acceptable_range  # scale values: hi is the furthest left position, lo the furthest right
        left, right = pos_text(position_of(hi), a_short, b_short), pos_text(position_of(lo), a_short, b_short)
        span = f"<b>{html.escape(left)}</b>" + (f" … <b>{html.escape(right)}</b>" if left != right else "")
        cap = f"{name} ≤ {limit}: {span}" + ("*" if not s.contiguous else "")
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
                disabled: bool = False, strip: bool = True) -> None:
    """One judgment slider (items ``i`` vs ``j`` of ``matrix``), its consistency strip and its
    sentence. The widget is set from ``matrix[i, j]`` before it is drawn; NaN there (a skipped
    pair) shows a disabled slider in the middle. ``strip=False`` leaves the strip's cells out (when
    the judged pairs do not connect all items there is no consistency to show)."""
    current = float(matrix[i, j])
    skipped = math.isnan(current)
    disabled = disabled or skipped
    pos = 0 if skipped else position_of(current)
    if st.session_state.get(key) != pos:
        st.session_state[key] = pos
    mark = "⚠ " if highlighted else ""
    label = f"{mark}**{a_full}** {tr('vs', 'vs')} **{b_full}**"
    st.select_slider(label, options=POSITIONS, key=key, format_func=lambda p: pos_text(p, a_short, b_short),
                     on_change=on_change, args=tuple(args), disabled=disabled,
                     help=tr("Move towards the more important item; the middle means equally important.",
                             "Geser ke arah yang lebih penting; tengah berarti sama penting."))
    if matrix.shape[0] >= 3 and strip:
        acceptable, cur, titles, cap = strip_parts(matrix, i, j, a_short, b_short, method=method, ri=ri,
                                                   policy=policy)
    else:
        acceptable, cur, titles, cap = None, 0, [], ""
    said = skipped_text() if skipped else sentence(current, a_full, b_full)
    # strip and sentence in one element: every element of a judgment is redrawn on each release
    st.html(HIDE_TICKS_CSS + charts.strip_html(acceptable, cur, titles, left=f"◀ {a_short}", right=f"{b_short} ▶",
                                               caption=cap, aria=tr("Consistency at each slider position",
                                                                    "Konsistensi di setiap posisi"))
            + f'<p class="sc-said"><b>→ {html.escape(said)}</b></p>')


def skipped_text() -> str:
    """What a skipped pair says under its slider."""
    return tr("Not judged (not sure / skipped): the weights come from the other pairs.",
              "Belum dinilai (tidak yakin / dilewati): bobot dihitung dari pasangan lainnya.")


def suggestion(matrix: np.ndarray, *, method: str = "eigen", ri: str = "saaty",
               policy: str = "fixed") -> ahp.Suggestion | None:
    """The most inconsistent judgment of a matrix (None for 2 items or fewer, or when the judged
    pairs do not connect all items)."""
    try:
        sugs = ahp.most_inconsistent(matrix, k=1, method=method, ri=ri, policy=policy)
    except ahp.AhpInputError:
        return None
    return sugs[0] if sugs else None


def marks(s: ahp.Suggestion | None) -> bool:
    """Whether the hint's pair gets the ⚠ mark: only when something is wrong or worth changing."""
    return s is not None and (not s.acceptable_now or s.worth_applying)


def suggestion_html(s: ahp.Suggestion, *, a_full: str, b_full: str, a_short: str, b_short: str,
                    acceptable: bool, threshold: float) -> tuple[str, bool]:
    """The hint box for the most inconsistent judgment and whether to offer "apply" (a button that
    sets ``s.suggested``, the scale value with the lowest CR/GCI at that pair).

    On an acceptable matrix where no scale value lowers the index noticeably
    (``s.worth_applying`` False, see :data:`scorecard.method.ahp.NOTICEABLE_SHARE`) the box only
    says so: no ⚠ and no "apply"."""
    name = s.index_name
    now = pos_text(position_of(s.current), a_short, b_short)
    better = pos_text(position_of(s.suggested), a_short, b_short)
    pair = f"<b>{html.escape(a_full)}</b> {tr('vs', 'vs')} <b>{html.escape(b_full)}</b>"
    changes = s.worth_applying
    ok_after = s.index_after <= s.threshold + display.CR_TOLERANCE
    after = f"{name} {_cr(s.index_after)} {'✓' if ok_after else '✗'}"
    if acceptable and not changes:
        body = html.escape(tr(f"Consistent: no scale value at any single pair lowers the {name} noticeably "
                              f"(by {_cr(ahp.NOTICEABLE_SHARE * s.threshold)} or more). Nothing to change.",
                              f"Konsisten: tidak ada nilai skala pada satu pasangan pun yang menurunkan {name} "
                              f"secara berarti (sebesar {_cr(ahp.NOTICEABLE_SHARE * s.threshold)} atau lebih). "
                              "Tidak ada yang perlu diubah."))
        return f'<div class="sc-sug ok">{body}</div>', False
    if acceptable:
        head = tr(f"Consistent. One change would still lower the {name} (marked ⚠):",
                  f"Sudah konsisten. Satu perubahan masih menurunkan {name} (bertanda ⚠):")
    else:
        head = tr("Most inconsistent judgment (marked ⚠):", "Penilaian paling tidak konsisten (bertanda ⚠):")
    if changes:
        body = (f"{html.escape(head)} {pair}, "
                + tr(f"now <b>{html.escape(now)}</b>. Lowest {name} at this pair: <b>{html.escape(better)}</b> "
                     f"→ {after}.",
                     f"sekarang <b>{html.escape(now)}</b>. {name} terendah pada pasangan ini: "
                     f"<b>{html.escape(better)}</b> → {after}."))
    else:
        body = (f"{html.escape(head)} {pair} ({html.escape(now)}). "
                + tr(f"No other scale value at this pair lowers the {name}: look at the other pairs.",
                     f"Tidak ada nilai skala lain pada pasangan ini yang menurunkan {name}: periksa pasangan lainnya."))
    return f'<div class="sc-sug{" ok" if acceptable else ""}">{body}</div>', changes


SUGGESTION_CSS = """
<style>
.sc-sug{border-left:5px solid #E69F00;background:#FFF8EB;padding:.5rem .8rem;border-radius:.3rem;margin:.3rem 0}
.sc-sug.ok{border-left-color:#009E73;background:#F0FAF6}
</style>
"""

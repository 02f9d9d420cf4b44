"""Shared pieces of the Weights (AHP) page: session keys, page CSS, short names and number texts in the
session's language, widget keys, and the helpers that sync widgets with the scorecard.

Slider positions: 17 options ``-8 .. 8``. Position ``p <= 0`` means "A is ``1 - p`` times as
important as B" (left = A), ``p > 0`` means "B is ``p + 1`` times as important as A" (right = B).
Widget keys encode language, node and pair: ``wj|<lang>|<node>|<A>|<B>``. Weights are fractions
(shown as percent).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from scorecard.model import ROOT, Scorecard
from scorecard.ui import components, state
from scorecard.ui.state import tr

K_NODE = "w_node"  # the selected judgment node (plain session state; widgets below mirror it)
K_VIEW = "w_view"  # the selected view: "judge", "sens" or "scen"
K_LAST = "_w_last_change"
K_SENS = "_w_sensitivity"
K_SCENARIOS = "scenarios"
CURRENT = "▶"  # prefix of the working weights' column in the scenario comparison (not a valid saved name)
SETTINGS_FIELDS = ("priority_method", "ri_table", "cr_policy")


def num(x: float | None, decimals: int | None = 2) -> str:
    """A plain number in the session's locale (``components.num``: λmax, CI, RI, thresholds)."""
    return components.num(x, decimals)


PAGE_CSS = """
<style>
div[data-testid="stColumn"]:has(div.st-key-w_live){position:sticky;top:3.75rem;align-self:flex-start}
div.st-key-w_pair_hl{border:3px solid #E69F00 !important;background:#FFF8EB}
.sc-plights{width:100%;border-collapse:collapse;font-size:.95rem}
.sc-plights td{padding:.2rem .3rem;border-top:1px solid #EAECF0;vertical-align:middle}
.sc-plights td.n{text-align:right;white-space:nowrap;color:#344054}
.sc-big{font-size:1.1rem;line-height:1.9}
</style>
"""


# ------------------------------------------------------------------------------------------------
# Small helpers (names, slider positions, words)
# ------------------------------------------------------------------------------------------------


def slider_key(node: str, a: str, b: str, lang: str | None = None) -> str:
    """Widget key of the slider of judgment ``a`` vs ``b`` under ``node`` (in a language).

    Streamlit 1.67 keeps choice widgets' values as their *formatted* option text; when the text
    changes (another language, a new CR in a label) the old value no longer matches and the widget
    silently falls back to its first option. So every widget whose option texts depend on the
    language has the language in its key (a fresh widget, set from the scorecard), and the node
    picker, whose texts carry the CR, also has the scorecard revision in its key."""
    return f"wj|{lang or state.lang()}|{node}|{a}|{b}"


def wkey(base: str) -> str:
    """A widget key with the session's language in it (see :func:`slider_key`)."""
    return f"{base}_{state.lang()}"


def node_kind(sc: Scorecard, node: str) -> str:
    """'root', 'perspective' or 'objective': what the children of ``node`` are compared under."""
    if node == ROOT:
        return "root"
    return "perspective" if any(p.key == node for p in sc.perspectives) else "objective"


def name(sc: Scorecard, cid: str) -> str:
    """The display name of a perspective, objective or KPI in the session's language."""
    return sc.node_label(cid, state.lang())


def short(sc: Scorecard, cid: str) -> str:
    """Perspectives by name, objectives and KPIs by code (slider end labels stay short)."""
    return name(sc, cid) if any(p.key == cid for p in sc.perspectives) else cid


def pct(x: float) -> str:
    """A weight (0..1) as a percentage, as everywhere (scorecard.display.weight: '24.13 %')."""
    return components.weight_text(x)


def children_word(sc: Scorecard, node: str, n: int) -> str:
    """'3 perspectives', '4 objectives' or '5 KPIs' for the children of ``node``."""
    kind = node_kind(sc, node)
    if kind == "root":
        return tr(f"{n} perspectives", f"{n} perspektif")
    if kind == "perspective":
        return tr(f"{n} objectives", f"{n} sasaran")
    return tr(f"{n} KPIs", f"{n} IKU")


def with_judgments(sc: Scorecard, judgments: dict[str, dict[tuple[str, str], float]]) -> Scorecard:
    """A copy of the scorecard with other judgments. Only the judgments are new objects: the rest is
    shared with the old scorecard, which nobody mutates (it stays on the undo stack as it is), so a
    slider release does not deep-copy every measurement."""
    return dataclasses.replace(sc, judgments=judgments)


def mirror(widget_key: str, state_key: str) -> None:
    """Copy a widget's new value into the plain session state it mirrors."""
    if st.session_state.get(widget_key) is not None:
        st.session_state[state_key] = st.session_state[widget_key]


def sync(key: str, value: Any) -> None:
    """Initialise a widget from the scorecard (before the widget exists) when absent or stale."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value

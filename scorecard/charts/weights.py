"""Charts of AHP weights and what-if results: weight bars, the tornado, scenario bars, and the
small HTML consistency strip drawn under each judgment slider.

Pure functions (plotly and plain strings): no Streamlit, so they can be tested and exported on
their own. Colours are the Okabe-Ito palette (colour-blind safe); perspectives use the four hues
that are not already taken by the traffic lights (vermillion, yellow, bluish green), and every
bar also carries its number as text, so nothing depends on colour alone.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from scorecard import display
from scorecard.method import lights

__all__ = [
    "GROUP_COLOURS",
    "separators",
    "pct",
    "weights_bar",
    "weights_bars_html",
    "WBAR_CSS",
    "tornado_chart",
    "scenario_chart",
    "strip_html",
]

#: Okabe-Ito hues for groups (perspectives, scenarios), in order; light colours are left out.
GROUP_COLOURS: tuple[str, ...] = ("#0072B2", "#E69F00", "#56B4E9", "#CC79A7", "#000000", "#999999")
#: Tornado: the weight lowered / raised.
LOW_COLOUR = "#E69F00"
HIGH_COLOUR = "#0072B2"
INK = "#1D2939"
GRID = "#E4E7EC"
FONT = "Source Sans, Segoe UI, Arial, sans-serif"


separators = display.separators


def pct(x: float, lang: str) -> str:
    """A weight (0..1) as everywhere else: 0.4063 -> "40,63 %" (id) (:func:`scorecard.display.weight`)."""
    return display.weight(x, lang)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _layout(lang: str, height: int, *, legend: bool, legend_at: dict | None = None, **extra: object) -> dict:
    """The common layout as a plain dict (one ``go.Figure(...)`` call validates everything once,
    several times faster than ``update_layout`` chains: these charts redraw on every slider move)."""
    layout: dict = {
        "height": height, "separators": separators(lang), "margin": {"l": 10, "r": 16, "t": 8, "b": 8},
        "font": {"family": FONT, "size": 14, "color": INK}, "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF", "showlegend": legend, "bargap": 0.25,
        "legend": legend_at or {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0.0},
    }
    for axis in ("xaxis", "yaxis"):
        base = ({"gridcolor": GRID, "zeroline": True, "zerolinecolor": "#98A2B3", "automargin": True}
                if axis == "xaxis" else {"automargin": True, "ticks": "", "showgrid": False})
        base.update(extra.pop(axis, {}))  # type: ignore[arg-type]
        layout[axis] = base
    layout.update(extra)
    return layout


def weights_bar(labels: Sequence[str], weights: Sequence[float], *, groups: Sequence[str] | None = None,
                group_names: Mapping[str, str] | None = None, highlight: Sequence[str] = (), lang: str = "en",
                x_title: str = "", label_limit: int = 42, height: int | None = None,
                axis: bool = True) -> go.Figure:
    """Horizontal bars of weights (0..1), largest on top, each with its percentage as text.

    ``axis`` False hides the percentage axis (small charts: the bars carry their numbers).

    ``groups`` (parallel to ``labels``) colours bars by group (e.g. the KPI's perspective) with a
    legend; ``group_names`` maps a group id to its display name. ``highlight`` labels get a
    thick dark outline (e.g. the items of the judgment being edited).
    """
    rows = sorted(zip(labels, weights, groups or [""] * len(labels), strict=True), key=lambda r: r[1])
    # legend in the groups' own order (first appearance in the input), not the sorted order
    order = list(dict.fromkeys(groups)) if groups else [""]
    names = group_names or {}
    ys = [_short(lab, label_limit) for lab, _, _ in rows]
    data = []
    for k, grp in enumerate(order):
        idx = [i for i, r in enumerate(rows) if r[2] == grp]
        colour = GROUP_COLOURS[k % len(GROUP_COLOURS)]
        data.append({
            "type": "bar", "orientation": "h", "x": [rows[i][1] for i in idx], "y": [ys[i] for i in idx],
            "name": names.get(grp, grp) if grp else "",
            "marker": {"color": colour,
                       "line": {"color": [INK if rows[i][0] in highlight else colour for i in idx],
                                "width": [3 if rows[i][0] in highlight else 0 for i in idx]}},
            "text": [pct(rows[i][1], lang) for i in idx], "textposition": "outside", "cliponaxis": False,
            "constraintext": "none", "textfont": {"size": 14, "color": INK}, "customdata": [rows[i][0] for i in idx],
            "hovertemplate": "%{customdata}<br>%{text}<extra></extra>",
        })
    top = max((w for _, w, _ in rows), default=1.0)
    layout = _layout(lang, height or max(140, 34 * len(rows) + 50), legend=bool(groups),
                     xaxis={"range": [0, top * 1.3 if top > 0 else 1], "tickformat": display.TICKFORMAT["weight"],
                            "title": {"text": x_title}, "visible": axis},
                     margin={"l": 10, "r": 40, "t": 8, "b": 8},
                     yaxis={"categoryorder": "array", "categoryarray": ys, "tickfont": {"size": 14}})
    return go.Figure(data=data, layout=layout)


#: Styles of :func:`weights_bars_html` (include once per page).
WBAR_CSS = """
<style>
.sc-wbars{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr 4.2rem;gap:.28rem .6rem;
  align-items:center;font-size:.95rem;color:#1D2939}
.sc-wbars .l{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:24rem}
.sc-wbars .b{background:#F2F4F7;height:1.05rem;border-radius:2px;position:relative}
.sc-wbars .b i{position:absolute;left:0;top:0;bottom:0;border-radius:2px}
.sc-wbars .b i.hl{outline:3px solid #1D2939}
.sc-wbars .v{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sc-wlegend{font-size:.85rem;color:#344054;margin:.1rem 0 .4rem}
.sc-wlegend span{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin:0 .3rem -.1rem .8rem}
</style>
"""


def weights_bars_html(labels: Sequence[str], weights: Sequence[float], *, groups: Sequence[str] | None = None,
                      group_names: Mapping[str, str] | None = None, highlight: Sequence[str] = (),
                      lang: str = "en", label_limit: int = 42) -> str:
    """The same bars as :func:`weights_bar` as light HTML (CSS grid, no chart library): largest on
    top, each bar with its percentage as text, coloured by group with a legend. Used where the bars
    redraw on every slider release (a browser draws this in a fraction of a plotly chart's time).

    ``weights`` are shares (0..1); bar lengths are relative to the largest weight.
    """
    rows = sorted(zip(labels, weights, groups or [""] * len(labels), strict=True), key=lambda r: -r[1])
    order = list(dict.fromkeys(groups)) if groups else [""]
    colour = {g: GROUP_COLOURS[k % len(GROUP_COLOURS)] for k, g in enumerate(order)}
    names = group_names or {}
    top = max((w for _, w, _ in rows), default=0.0) or 1.0
    cells = []
    for label, w, g in rows:
        width = max(0.0, min(100.0, 100.0 * w / top))
        hl = ' class="hl"' if label in highlight else ""
        cells.append(f'<span class="l" title="{html.escape(label)}">{html.escape(_short(label, label_limit))}</span>'
                     f'<span class="b"><i{hl} style="width:{width:.2f}%;background:{colour[g]}"></i></span>'
                     f'<span class="v">{html.escape(pct(w, lang))}</span>')
    legend = ""
    if groups:
        legend = '<div class="sc-wlegend">' + "".join(
            f'<span style="background:{colour[g]}"></span>{html.escape(names.get(g, g))}' for g in order) + "</div>"
    return f'{legend}<div class="sc-wbars">{"".join(cells)}</div>'


def tornado_chart(labels: Sequence[str], index_low: Sequence[float], index_high: Sequence[float],
                  base_index: float, *, low_name: str, high_name: str, now_name: str, lang: str = "en",
                  yellow_from: float | None = None, green_from: float | None = None,
                  band_names: Mapping[str, str] | None = None, x_title: str = "",
                  label_limit: int = 40) -> go.Figure:
    """A tornado of the index: per item a bar from the base index to the index with the item's
    weight lowered (``low_name``) and raised (``high_name``). Rows in the given order, first on top
    (pass them widest first). Light thresholds within view are drawn as dashed lines named by
    ``band_names`` ({"yellow": ..., "green": ...})."""
    n = len(labels)
    ys = [_short(lab, label_limit) for lab in labels][::-1]
    lo = list(index_low)[::-1]
    hi = list(index_high)[::-1]
    full = list(labels)[::-1]
    data = [{
        "type": "bar", "orientation": "h", "y": ys, "x": [v - base_index for v in vals], "base": base_index,
        "name": name, "marker": {"color": colour}, "text": [display.level_change(base_index, v, lang) for v in vals],
        "textposition": "outside", "cliponaxis": False, "constraintext": "none",
        "textfont": {"size": 13, "color": INK}, "customdata": full, "hovertemplate": "%{customdata}<br>" + html.escape(name) + ": %{text}<extra></extra>",
    } for name, vals, colour in ((low_name, lo, LOW_COLOUR), (high_name, hi, HIGH_COLOUR))]
    values = lo + hi + [base_index]
    span = max(max(values) - min(values), 0.05)
    x0, x1 = min(values) - 0.35 * span, max(values) + 0.35 * span
    shapes = [{"type": "line", "x0": base_index, "x1": base_index, "y0": 0, "y1": 1, "yref": "paper",
               "line": {"color": INK, "width": 2}}]
    notes = [{"x": base_index, "y": 1.0, "yref": "paper", "yanchor": "bottom", "showarrow": False,
              "text": f"<b>{html.escape(now_name)}</b>", "font": {"size": 13, "color": INK},
              "bgcolor": "#FFFFFF"}]
    names = band_names or {}
    for light, at in (("yellow", yellow_from), ("green", green_from)):
        if at is None or not (x0 <= at <= x1):
            continue
        colour = "#B54708" if light == "yellow" else lights.STYLES[light].fill
        shapes.append({"type": "line", "x0": at, "x1": at, "y0": 0, "y1": 1, "yref": "paper",
                       "line": {"color": colour, "width": 2, "dash": "dash"}})
        notes.append({"x": at, "y": 0.0, "yref": "paper", "yanchor": "bottom", "xanchor": "left",
                      "showarrow": False, "text": html.escape(names.get(light, light)),
                      "font": {"size": 12, "color": colour}, "bgcolor": "#FFFFFF"})
    layout = _layout(lang, max(240, 30 * n + 140), legend=True, barmode="overlay", shapes=shapes, annotations=notes,
                     xaxis={"range": [x0, x1], "title": {"text": x_title}, "zeroline": False},
                     yaxis={"tickfont": {"size": 13}},
                     margin={"l": 10, "r": 16, "t": 30, "b": 70},
                     legend_at={"orientation": "h", "yanchor": "top", "y": -0.1, "yref": "paper", "xanchor": "center", "x": 0.5})
    return go.Figure(data=data, layout=layout)


def scenario_chart(groups: Sequence[str], scenarios: Mapping[str, Sequence[float]], *, lang: str = "en",
                   y_title: str = "", label_limit: int = 28) -> go.Figure:
    """Grouped vertical bars: one group per item (e.g. perspective), one bar per scenario, each with
    its percentage as text."""
    xs = [_short(g, label_limit) for g in groups]
    data = [{
        "type": "bar", "x": xs, "y": list(vals), "name": name,
        "marker": {"color": GROUP_COLOURS[k % len(GROUP_COLOURS)]}, "text": [pct(v, lang) for v in vals],
        "textposition": "outside", "cliponaxis": False, "constraintext": "none",
        "textfont": {"size": 13, "color": INK},
    } for k, (name, vals) in enumerate(scenarios.items())]
    top = max((max(v, default=0.0) for v in scenarios.values()), default=1.0)
    layout = _layout(lang, 340, legend=True, barmode="group",
                     yaxis={"range": [0, max(top, 0.01) * 1.2], "tickformat": display.TICKFORMAT["weight"], "title": {"text": y_title},
                            "showgrid": True, "gridcolor": GRID},
                     xaxis={"zeroline": False}, margin={"l": 10, "r": 16, "t": 40, "b": 8})
    return go.Figure(data=data, layout=layout)


# ------------------------------------------------------------------------------------------------
# The consistency strip under a judgment slider (plain HTML: many sliders, so keep it light)
# ------------------------------------------------------------------------------------------------

STRIP_CSS = """
<style>
.sc-strip{position:relative;height:20px;margin:-0.5rem 0 0 0}
.sc-said{margin:.35rem 0 0 0;font-size:1rem;line-height:1.4}
.sc-strip span{position:absolute;top:4px;height:12px;width:calc((100% - 14px) / 16 - 5px);max-width:22px;
  border-radius:2px;transform:translateX(-50%)}
.sc-strip .ok{background:#009E73}
.sc-strip .no{background:repeating-linear-gradient(135deg,#D55E00 0 3px,#F7C8A8 3px 6px)}
.sc-strip .cur{top:0;height:20px;outline:3px solid #101828;z-index:2}
.sc-ends{display:flex;justify-content:space-between;gap:.8rem;font-size:.85rem;color:#475467;line-height:1.25}
.sc-ends .mid{text-align:center;flex:1}
.sc-ends .r{text-align:right}
.sc-strip-key{display:inline-block;width:14px;height:10px;border-radius:2px;vertical-align:middle;margin:0 .2em}
</style>
"""

#: Horizontal inset (px) of the slider track inside its container: strip cells sit under the stops.
TRACK_INSET_PX = 7


def strip_html(acceptable: Sequence[bool] | None, current: int, titles: Sequence[str], *, left: str = "",
               right: str = "", caption: str = "", aria: str = "") -> str:
    """The row under a 17-position slider: optional cells (solid green where the consistency would
    be acceptable, hatched vermillion where not, so the pattern and not only the colour tells them
    apart; the current position outlined), then a line with ``left`` and ``right`` (the two ends'
    meaning, plain text) around ``caption`` (HTML). ``acceptable`` None draws no cells."""
    out = []
    if acceptable is not None:
        n = len(acceptable)
        cells = []
        for k, ok in enumerate(acceptable):
            frac = k / (n - 1) if n > 1 else 0.5
            cls = ("ok" if ok else "no") + (" cur" if k == current else "")
            pos = f"calc({TRACK_INSET_PX}px + (100% - {2 * TRACK_INSET_PX}px) * {frac:.5f})"
            cells.append(f'<span class="{cls}" style="left:{pos}" title="{html.escape(titles[k])}"></span>')
        out.append(f'<div class="sc-strip" role="img" aria-label="{html.escape(aria)}">{"".join(cells)}</div>')
    out.append(f'<div class="sc-ends"><span>{html.escape(left)}</span><span class="mid">{caption}</span>'
               f'<span class="r">{html.escape(right)}</span></div>')
    return "".join(out)

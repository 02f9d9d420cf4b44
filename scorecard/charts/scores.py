"""Charts of OMAX scores: the scale of one KPI (levels 0..10 against performance values).

:func:`scale_figure` draws the 11 level values of a KPI's scale as a line (value on the x axis,
level on the y axis) over the traffic-light bands, marks the anchor levels (target, baseline,
worst, or the user's own anchors) and the period's actual as a star at its achieved level.
An invalid scale is drawn as the fallback actually used (METHOD §3) and says so in the title;
a scale that cannot be scored gives an empty chart with the reason.

Pure plotly: no Streamlit, so the figures can be tested and exported on their own.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import KpiScore
from scorecard.model import KPI

__all__ = ["number_unit", "unit_label", "value_text", "scale_figure"]

# key -> (Indonesian, English)
_T: dict[str, tuple[str, str]] = {
    "level": ("Level", "Level"),
    "value": ("Nilai", "Value"),
    "scale": ("Skala", "Scale"),
    "anchor": ("Anchor", "Anchor"),
    "actual": ("Realisasi", "Actual"),
    "target": ("target", "target"),
    "baseline": ("baseline", "baseline"),
    "worst": ("terburuk", "worst"),
    "own": ("anchor sendiri", "own anchor"),
    "higher": ("makin tinggi makin baik", "higher is better"),
    "lower": ("makin rendah makin baik", "lower is better"),
    "fallback": ("skala tidak valid — dipakai cadangan", "invalid scale — fallback used"),
    "not_scored": ("Belum bisa dinilai", "Cannot be scored yet"),
    "no_actual": ("belum ada realisasi", "no actual yet"),
}

# Units written next to a number (scorecard.display.value); every other unit ("count", "kali", ...) is
# left to headers.
_NUMBER_UNITS = ("%", "Rp", "days", "hours", "minutes", "months", "years", "weeks")


def _t(key: str, lang: str) -> str:
    id_, en = _T[key]
    return id_ if lang == "id" else en


def number_unit(unit: str) -> str:
    """The unit to write next to a number ("%", "Rp", a duration) or "" (shown in headers instead)."""
    u = (unit or "").strip()
    if u.startswith("Rp"):
        return "Rp"
    return u if u in _NUMBER_UNITS else ""


_UNIT_WORDS: dict[str, tuple[str, str]] = {
    "count": ("kali", "count"), "days": ("hari", "days"), "hours": ("jam", "hours"), "minutes": ("menit", "minutes"),
    "months": ("bulan", "months"), "years": ("tahun", "years"), "weeks": ("minggu", "weeks"),
    "Rp/employee": ("Rp/pegawai", "Rp/employee"),
}


def unit_label(unit: str, lang: str = "en", direction: str | None = None) -> str:
    """A unit as people read it in ``lang`` ("kali", "hari"), with the direction arrow when given."""
    u = (unit or "").strip()
    words = _UNIT_WORDS.get(u)
    shown = (words[0] if lang == "id" else words[1]) if words else u
    arrow = {"higher": "↑", "lower": "↓"}.get(direction or "", "")
    return f"{shown} {arrow}".strip()


def value_text(value: float | None, unit: str = "", lang: str = "en") -> str:
    """A KPI value for people in ``lang``'s number style ("Rp 51.561.555.515", "25,88 %"); '—' if none
    (:func:`scorecard.display.value`, the one rule)."""
    return display.value(value, unit, lang)


def _anchor_name(level: int, value: float, ks: KpiScore, kpi: KPI, lang: str) -> str:
    """Which default anchor a level is (target / baseline / worst), else 'own anchor'."""
    defaults = {10: ks.target, 3: ks.baseline, 0: kpi.worst}
    d = defaults.get(level)
    if d is not None and math.isclose(d, value, rel_tol=1e-12, abs_tol=1e-12):
        return _t({10: "target", 3: "baseline", 0: "worst"}[level], lang)
    return _t("own", lang)


def scale_figure(ks: KpiScore, kpi: KPI, *, lang: str = "en", yellow_from: float = 4.0, green_from: float = 8.0,
                 height: int = 360) -> go.Figure:
    """The OMAX scale of one KPI in one period as a plotly figure (see the module docstring)."""
    lang = "id" if lang == "id" else "en"
    scale = ks.scale
    fig = go.Figure()
    for light, y0, y1 in (("red", 0, yellow_from), ("yellow", yellow_from, green_from), ("green", green_from, 10)):
        style = lights.STYLES[light]
        fig.add_hrect(y0=y0, y1=y1, fillcolor=style.fill, opacity=0.13, line_width=0, layer="below")
        fig.add_annotation(xref="paper", x=1.0, xanchor="left", y=(y0 + y1) / 2, yref="y", showarrow=False,
                           text=f"{style.symbol} {style.word(lang)}", font={"size": 12, "color": "#344054"})
    title = f"{kpi.code} — {kpi.name(lang)} ({_t(kpi.direction, lang)})"
    if scale.fallback is not None:
        title += f"<br><span style='font-size:12px;color:#B42318'>⚠ {_t('fallback', lang)}</span>"

    levels = [lev for lev, v in enumerate(scale.values) if math.isfinite(v)]
    values = [scale.values[lev] for lev in levels]
    if not values:
        reason = scale.problem.text(lang) if scale.problem is not None else ""
        fig.add_annotation(x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                           text=f"{_t('not_scored', lang)}<br><span style='font-size:12px'>{reason}</span>")
        fig.update_xaxes(visible=False)
    else:
        hover = [f"{_t('level', lang)} {lev}: {value_text(v, kpi.unit, lang)}" for lev, v in zip(levels, values,
                                                                                                  strict=True)]
        fig.add_trace(go.Scatter(
            x=values, y=levels, mode="lines+markers", name=_t("scale", lang), hovertext=hover, hoverinfo="text",
            line={"color": "#1F4E79", "width": 2, "dash": "dot" if scale.fallback == "pass-fail" else "solid"},
            marker={"size": 7, "color": "#1F4E79"}))
        lo, hi = min(values), max(values)
        if ks.actual is not None and math.isfinite(ks.actual):
            lo, hi = min(lo, ks.actual), max(hi, ks.actual)
        a_levels = sorted(scale.anchors)
        a_values = [scale.anchors[lev] for lev in a_levels]
        a_names = [_anchor_name(lev, v, ks, kpi, lang) for lev, v in zip(a_levels, a_values, strict=True)]
        fig.add_trace(go.Scatter(
            x=a_values, y=a_levels, mode="markers+text", name=_t("anchor", lang), cliponaxis=False,
            marker={"symbol": "diamond", "size": 13, "color": "#FFFFFF", "line": {"color": "#1F4E79", "width": 2}},
            text=[f"{lev} = {name}" for lev, name in zip(a_levels, a_names, strict=True)],
            textposition=[_anchor_text_position(lev, v, lo, hi) for lev, v in zip(a_levels, a_values, strict=True)],
            textfont={"size": 12, "color": "#1F4E79"},
            hovertext=[f"{lev} = {name}: {value_text(v, kpi.unit, lang)}"
                       for lev, name, v in zip(a_levels, a_names, a_values, strict=True)],
            hoverinfo="text"))
        if ks.actual is not None and ks.level is not None and math.isfinite(ks.actual):
            style = lights.STYLES[ks.light]
            shown = display.actual(ks.actual, ks.actual_text, kpi.unit, lang)
            label = (f"{_t('actual', lang)} {shown} → {_t('level', lang).lower()} "
                     f"{display.level(ks.level, lang)} {style.symbol}")
            fig.add_trace(go.Scatter(
                x=[ks.actual], y=[ks.level], mode="markers", name=_t("actual", lang), cliponaxis=False,
                marker={"symbol": "star", "size": 22, "color": style.fill, "line": {"color": "#000000", "width": 1.5}},
                hovertext=[label], hoverinfo="text"))
            right = hi == lo or (ks.actual - lo) / (hi - lo) >= 0.5
            fig.add_annotation(
                x=ks.actual, y=ks.level, text=f"<b>{label}</b>", showarrow=True, arrowhead=0, arrowwidth=1.5,
                arrowcolor="#101828", ax=-70 if right else 70, ay=45 if ks.level >= 5 else -45,
                xanchor="right" if right else "left", font={"size": 13, "color": "#101828"},
                bgcolor="rgba(255,255,255,0.92)", bordercolor="#101828", borderwidth=1, borderpad=3)
        fig.update_xaxes(title_text=f"{_t('value', lang)} ({unit_label(kpi.unit, lang)})" if kpi.unit
                         else _t("value", lang),
                         exponentformat="none", separatethousands=True, showgrid=True, gridcolor="#EAECF0",
                         zeroline=False)
    fig.update_yaxes(title_text=_t("level", lang), range=[-1.3, 11.3], tickvals=list(range(11)), showgrid=True,
                     gridcolor="#EAECF0", zeroline=False)
    fig.update_layout(
        title={"text": title, "font": {"size": 15}, "x": 0, "xanchor": "left"},
        height=height, margin={"l": 60, "r": 90, "t": 70, "b": 50}, showlegend=False,
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF", separators=display.separators(lang),
        font={"size": 13})
    return fig


def _anchor_text_position(level: int, value: float, lo: float, hi: float) -> str:
    """Where an anchor's label goes: level 10 above its marker (the actual's star often sits just
    below it), level 0 below it, the others below the line; always towards the plot's middle."""
    right = hi != lo and (value - lo) / (hi - lo) >= 0.5
    vertical = "top" if level == 10 else "bottom"
    return f"{vertical} {'left' if right else 'right'}"

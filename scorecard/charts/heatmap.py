"""KPI x period traffic-light heatmap, index trend, "why the index moved" waterfall and small tables.

Pure plotly / Python: no Streamlit here. Every builder takes a language ("en" / "id").

* :func:`heatmap_figure` - one row per KPI grouped under a grey header row per perspective, one
  column per period; the cell colour is the light's fill (:data:`scorecard.method.lights.STYLES`) and the
  cell text is the light's symbol and the level, so colour is never the only signal. The text is
  drawn by two scatter traces (one per ink colour) whose points carry ``customdata`` =
  ``[kpi code, period]``: clicking a cell selects that point (Streamlit ``on_select``), and
  :func:`cell_from_selection` reads it back.
* :func:`omax_rows` - the OMAX scale behind one cell (11 level values, anchors, the actual).
* :func:`index_trend_figure` - the index over the periods on the light bands.
* :func:`waterfall_figure` and :func:`movement_summary` - why the index moved between two periods
  (from :func:`scorecard.method.whatif.index_movement`), largest contributions first.
* :func:`attention_rows` - red and yellow KPIs of a period with their notes (root cause, action,
  owner, due), red first.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import KpiScore, PeriodScore
from scorecard.method.whatif import Movement
from scorecard.model import KPI, Scorecard

INK = "#101828"
MUTED = "#475467"
HEADER_FILL = "#E4E7EC"
LIGHT_Z = {"red": 0, "yellow": 1, "green": 2}
HEADER_Z = 3
MARKER_SYMBOL = {"red": "square", "yellow": "triangle-up", "green": "circle"}
RISE, FALL, TOTAL = "#009E73", "#D55E00", "#475467"


def _t(lang: str, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


def signed(value: float, lang: str) -> str:
    """A contribution to a change of the index: '+0.402' / '−0,100' (:func:`scorecard.display.signed_points`)."""
    return display.signed_points(value, lang)


def short(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary when possible, with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


# ---------------------------------------------------------------------------------------------
# Heatmap
# ---------------------------------------------------------------------------------------------

def heatmap_rows(sc: Scorecard, lang: str = "en") -> list[tuple[str, str, str]]:
    """Rows top to bottom: ``("header", perspective key, name)`` then ``("kpi", code, name)`` per KPI."""
    rows: list[tuple[str, str, str]] = []
    for p in sc.perspectives:
        kpis = [k for o in sc.objectives_of(p.key) for k in sc.kpis_of(o.code)]
        if not kpis:
            continue
        rows.append(("header", p.key, p.name(lang)))
        rows.extend(("kpi", k.code, k.name(lang)) for k in kpis)
    return rows


def cell_text(ks: KpiScore, lang: str) -> str:
    """'● 9.54' - the light's symbol and the level ('■ —' when not scored)."""
    return f"{lights.STYLES[ks.light].symbol} {display.level(ks.level, lang)}"


def _cell_hover(sc: Scorecard, ks: KpiScore, lang: str) -> str:
    k = sc.kpi(ks.code)
    actual = display.actual(ks.actual, ks.actual_text, k.unit, lang)
    lines = [f"<b>{html.escape(k.code)} {html.escape(k.name(lang))}</b>",
             f"{html.escape(ks.period)}: {lights.label(ks.light, lang)} · level {display.level(ks.level, lang)}",
             f"{_t(lang, 'Actual', 'Realisasi')}: {html.escape(actual)} · "
             f"{_t(lang, 'Target', 'Target')}: {html.escape(display.value(ks.target, k.unit, lang))}"]
    if ks.level is None:
        lines.append(_t(lang, "Not scored: counted as level 0", "Belum dinilai: dihitung level 0"))
    lines.append(_t(lang, "Click to see the OMAX scale", "Klik untuk melihat skala OMAX"))
    return "<br>".join(lines)


def heatmap_figure(sc: Scorecard, scores: Mapping[str, PeriodScore], *, lang: str = "en", font_size: int = 13,
                   selected: tuple[str, str] | None = None, label_chars: int = 44,
                   row_px: int | None = None) -> go.Figure:
    """The KPI x period traffic-light heatmap (see module docstring).

    ``selected`` (kpi code, period) draws a thick outline around that cell.
    """
    periods = list(scores)
    rows = heatmap_rows(sc, lang)
    n = len(rows)
    fills = [lights.STYLES[x].fill for x in ("red", "yellow", "green")] + [HEADER_FILL]
    colorscale = []
    for i, c in enumerate(fills):
        colorscale += [[i / 4, c], [(i + 1) / 4, c]]
    z: list[list[float | None]] = []
    ticktext: list[str] = []
    texts: dict[str, dict[str, list[Any]]] = {"#FFFFFF": {}, "#000000": {}}
    for r, (kind, key, name) in enumerate(rows):
        if kind == "header":
            z.append([HEADER_Z] * len(periods))
            ticktext.append(f"<b>{html.escape(name.upper())}</b>")
            continue
        ticktext.append(html.escape(short(f"{key} {name}", label_chars)))
        zr: list[float | None] = []
        for p in periods:
            try:
                ks = scores[p].kpi(key)
            except StopIteration:
                zr.append(None)
                continue
            zr.append(LIGHT_Z[ks.light])
            ink = lights.STYLES[ks.light].ink.upper()
            bucket = texts.setdefault(ink, {})
            for field, value in (("x", p), ("y", r), ("text", cell_text(ks, lang)),
                                 ("customdata", [key, p]), ("hovertext", _cell_hover(sc, ks, lang))):
                bucket.setdefault(field, []).append(value)
        z.append(zr)
    fig = go.Figure()
    fig.add_trace(go.Heatmap(x=periods, y=list(range(n)), z=z, zmin=0, zmax=4, colorscale=colorscale,
                             showscale=False, xgap=3, ygap=3, hoverinfo="skip", name="lights"))
    for ink, b in texts.items():
        if not b:
            continue
        fig.add_trace(go.Scatter(
            x=b["x"], y=b["y"], text=b["text"], customdata=b["customdata"], hovertext=b["hovertext"],
            mode="markers+text", hoverinfo="text", textposition="middle center", showlegend=False,
            textfont={"color": ink, "size": font_size + 1},
            marker={"size": font_size * 2.6, "symbol": "square", "color": "rgba(0,0,0,0)"},
            selected={"marker": {"opacity": 1}, "textfont": {"color": ink}},
            unselected={"marker": {"opacity": 1}, "textfont": {"color": ink}},
            name=f"cells-{'light' if ink == '#FFFFFF' else 'dark'}-ink"))
    if selected is not None and selected[1] in periods:
        kpi_rows = [i for i, (kind, key, _) in enumerate(rows) if kind == "kpi" and key == selected[0]]
        if kpi_rows:
            xi, yi = periods.index(selected[1]), kpi_rows[0]
            fig.add_shape(type="rect", xref="x", yref="y", x0=xi - 0.5, x1=xi + 0.5, y0=yi - 0.5, y1=yi + 0.5,
                          line={"color": INK, "width": 4}, name="selected")
    row_px = row_px or int(font_size * 2.3)
    fig.update_layout(
        height=n * row_px + int(font_size * 5), margin={"l": 8, "r": 8, "t": int(font_size * 3.2), "b": 8},
        xaxis={"type": "category", "side": "top", "fixedrange": True, "tickfont": {"size": font_size + 2},
               "showgrid": False, "ticks": "", "automargin": True},
        yaxis={"tickmode": "array", "tickvals": list(range(n)), "ticktext": ticktext, "autorange": "reversed",
               "fixedrange": True, "showgrid": False, "zeroline": False, "automargin": True, "ticks": "",
               "tickfont": {"size": font_size}},
        plot_bgcolor="white", paper_bgcolor="white", dragmode=False, clickmode="event+select",
        hovermode="closest", hoverlabel={"font": {"size": font_size}, "bgcolor": "white"},
        font={"size": font_size, "color": INK, "family": "Arial, Helvetica, sans-serif"}, showlegend=False,
    )
    return fig


def cell_from_selection(event: Any) -> tuple[str, str] | None:
    """(kpi code, period) of the first selected cell in a Streamlit plotly selection, if any."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError, AttributeError):
        try:
            points = event.selection.points
        except AttributeError:
            return None
    for pt in points or []:
        cd = pt.get("customdata") if isinstance(pt, Mapping) else None
        if isinstance(cd, (list, tuple)) and len(cd) >= 2:
            return str(cd[0]), str(cd[1])
    return None


# ---------------------------------------------------------------------------------------------
# OMAX scale of one cell
# ---------------------------------------------------------------------------------------------

def omax_rows(kpi: KPI, ks: KpiScore, lang: str = "en") -> list[dict[str, str]]:
    """The scale behind a cell, level 10 at the top: level, value, anchor, and where the actual falls.

    Keys: ``level``, ``value``, ``anchor`` (target / baseline / worst / anchor, or ''), ``actual``
    ('◀ <actual> = level <x>' on the row of the level reached, else '').
    """
    sc = ks.scale
    if not sc.values:
        return []
    names = {10: _t(lang, "target", "target"), 3: _t(lang, "baseline", "baseline"),
             0: _t(lang, "worst", "terburuk")}
    reached = None if ks.level is None else min(10, int(math.floor(display.cut(ks.level))))  # the shown level's band
    out = []
    for lev in range(10, -1, -1):
        value = sc.values[lev] if lev < len(sc.values) else math.nan
        anchor = names.get(lev, _t(lang, "anchor", "anchor")) if lev in sc.anchors else ""
        actual = ""
        if reached == lev:
            shown = display.actual(ks.actual, ks.actual_text, kpi.unit, lang)
            actual = f"◀ {shown} = level {display.level(ks.level, lang)}"
        out.append({"level": str(lev), "value": display.value(value, kpi.unit, lang), "anchor": anchor,
                    "actual": actual})
    return out


# ---------------------------------------------------------------------------------------------
# Index trend
# ---------------------------------------------------------------------------------------------

def index_trend_figure(sc: Scorecard, scores: Mapping[str, PeriodScore], *, lang: str = "en", font_size: int = 13,
                       height: int = 320, title: str | None = None) -> go.Figure:
    """The performance index per period on the light bands (shaded), each point with its symbol."""
    periods = list(scores)
    y_from, g_from = sc.settings.yellow_from, sc.settings.green_from
    fig = go.Figure()
    for light, y0, y1 in (("red", 0.0, y_from), ("yellow", y_from, g_from), ("green", g_from, 10.0)):
        st = lights.STYLES[light]
        fig.add_hrect(y0=y0, y1=y1, fillcolor=st.fill, opacity=0.22, line_width=0, layer="below",
                      name=f"band:{light}")
        fig.add_annotation(xref="paper", yref="y", x=1.0, y=(y0 + y1) / 2, xanchor="left", xshift=6, showarrow=False,
                           text=html.escape(lights.label(light, lang)), font={"size": font_size - 1, "color": INK},
                           name=f"bandlabel:{light}")
    values = [scores[p].index for p in periods]
    ls = [scores[p].light for p in periods]
    fig.add_trace(go.Scatter(
        x=periods, y=values, mode="lines+markers+text", line={"color": INK, "width": 3},
        marker={"size": font_size + 5, "symbol": [MARKER_SYMBOL[x] for x in ls],
                "color": [lights.STYLES[x].fill for x in ls], "line": {"color": INK, "width": 1.5}},
        text=[f"<b>{display.level(v, lang)}</b>" for v in values], textposition="top center",
        textfont={"size": font_size + 1, "color": INK},
        hovertext=[f"{p}: {display.level(v, lang)} · {lights.label(x, lang)}"
                   for p, v, x in zip(periods, values, ls, strict=True)],
        hoverinfo="text", showlegend=False, name="index"))
    ttl = title if title is not None else _t(lang, "Performance index over time", "Indeks kinerja dari waktu ke waktu")
    fig.update_layout(
        height=height, margin={"l": 8, "r": int(font_size * 6), "t": int(font_size * 3) if ttl else 10, "b": 8},
        title={"text": f"<b>{html.escape(ttl)}</b>" if ttl else "", "x": 0.0, "xanchor": "left",
               "font": {"size": font_size + 2}},
        xaxis={"type": "category", "fixedrange": True, "tickfont": {"size": font_size}, "showgrid": False,
               "automargin": True, "range": [-0.35, len(periods) - 0.65]},
        yaxis={"range": [0, 10.9], "fixedrange": True, "dtick": 2, "tickfont": {"size": font_size},
               "tickformat": display.TICKFORMAT["level"],
               "gridcolor": "rgba(0,0,0,0.08)", "zeroline": False, "automargin": True},
        plot_bgcolor="white", paper_bgcolor="white", dragmode=False, showlegend=False,
        font={"size": font_size, "color": INK, "family": "Arial, Helvetica, sans-serif"},
        separators=display.separators(lang),
    )
    return fig


# ---------------------------------------------------------------------------------------------
# Why the index moved
# ---------------------------------------------------------------------------------------------

def _kpi_name(sc: Scorecard, code: str, lang: str, limit: int = 38) -> str:
    try:
        return short(sc.kpi(code).name(lang), limit)
    except StopIteration:
        return code


def waterfall_figure(mv: Movement, sc: Scorecard, *, lang: str = "en", top: int = 8, font_size: int = 13,
                     height: int | None = None) -> go.Figure:
    """A horizontal waterfall: start index, the ``top`` largest KPI contributions (rest as 'others'),
    end index. Rises are bluish green, falls vermillion, totals grey; every bar is labelled."""
    others = _t(lang, "all other KPIs", "IKU lainnya")
    rows = mv.waterfall_rows(top=top, others_label=others)
    items = {it.code: it for it in mv.items}
    labels, measures, values, texts, hovers = [], [], [], [], []
    idx = _t(lang, "Index", "Indeks")
    for r in rows:
        if r["kind"] == "start":
            labels.append(f"<b>{idx} {html.escape(r['label'])}</b>")
            measures.append("absolute")
            values.append(r["value"])
            texts.append(display.level(r["value"], lang))
            hovers.append(f"{idx} {r['label']}: {display.level(r['value'], lang)}")
        elif r["kind"] == "end":
            labels.append(f"<b>{idx} {html.escape(r['label'])}</b>")
            measures.append("total")
            values.append(0.0)
            texts.append(display.level(r["value"], lang))
            hovers.append(f"{idx} {r['label']}: {display.level(r['value'], lang)}")
        else:
            code = r["label"]
            it = items.get(code)
            labels.append(html.escape(f"{code} {_kpi_name(sc, code, lang)}" if it else code))
            measures.append("relative")
            values.append(r["value"])
            texts.append(signed(r["value"], lang))
            if it is not None:
                hovers.append(f"<b>{html.escape(code)} {html.escape(_kpi_name(sc, code, lang, 80))}</b><br>"
                              f"level {display.level(it.level_from, lang)} → {display.level(it.level_to, lang)}<br>"
                              f"{_t(lang, 'weight', 'bobot')} {display.weight(it.weight_to, lang)}<br>"
                              f"{_t(lang, 'effect on the index', 'pengaruh pada indeks')} {signed(it.total, lang)}")
            else:
                hovers.append(f"{html.escape(code)}: {signed(r['value'], lang)}")
    running = [r["end"] for r in rows] + [mv.index_from, mv.index_to]
    lo, hi = min(running), max(running)
    span = max(hi - lo, 0.2)
    x_range = [max(0.0, lo - 0.35 * span), min(10.0, hi + 0.25 * span) + 0.001]
    fig = go.Figure(go.Waterfall(
        orientation="h", y=labels, x=values, measure=measures, text=texts, textposition="outside",
        textfont={"size": font_size, "color": INK}, hovertext=hovers, hoverinfo="text",
        increasing={"marker": {"color": RISE}}, decreasing={"marker": {"color": FALL}},
        totals={"marker": {"color": TOTAL}}, connector={"line": {"color": "#98A2B3", "width": 1}},
        base=0, cliponaxis=False, name="movement"))
    fig.update_layout(
        height=height or (len(rows) * int(font_size * 2.5) + int(font_size * 6)),
        margin={"l": 8, "r": 40, "t": int(font_size * 3), "b": 10},
        title={"text": f"<b>{html.escape(_t(lang, 'Why the index moved', 'Mengapa indeks berubah'))}: "
                       f"{html.escape(mv.period_from)} → {html.escape(mv.period_to)}</b>",
               "x": 0.0, "xanchor": "left", "font": {"size": font_size + 2}},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True, "tickfont": {"size": font_size},
               "type": "category"},
        xaxis={"range": x_range, "fixedrange": True, "automargin": True, "gridcolor": "rgba(0,0,0,0.08)",
               "title": {"text": _t(lang, "index (0 to 10)", "indeks (0 sampai 10)"), "standoff": 8},
               "tickfont": {"size": font_size}},
        plot_bgcolor="white", paper_bgcolor="white", dragmode=False, showlegend=False,
        font={"size": font_size, "color": INK, "family": "Arial, Helvetica, sans-serif"},
        separators=display.separators(lang),
    )
    return fig


def movement_summary(mv: Movement, sc: Scorecard, lang: str = "en") -> str:
    """One plain-language line, e.g. 'The index rose 0.75 from 2009 to 2010 (7.13 → 7.88), mostly
    because of C1b Response time ... (+0.402) and ...; the largest drag was L1c ... (−0.120).'

    Levels and the change are the shown values (:mod:`scorecard.display`), so the sentence adds up."""
    total = display.cut(mv.index_to) - display.cut(mv.index_from)  # the change as shown (display.level_change)
    frm, to = mv.period_from, mv.period_to
    levels = f"({display.level(mv.index_from, lang)} → {display.level(mv.index_to, lang)})"

    def item(it) -> str:
        return f"{it.code} {_kpi_name(sc, it.code, lang, 40)} ({signed(it.total, lang)})"

    if round(total, 2) == 0:
        moved = [it for it in mv.items if round(it.total, 3) != 0]
        text = _t(lang, f"The index did not change from {frm} to {to} {levels}",
                  f"Indeks tidak berubah dari {frm} ke {to} {levels}")
        if moved:
            text += _t(lang, f"; gains and losses cancelled out, the largest was {item(moved[0])}",
                       f"; kenaikan dan penurunan saling menutup, yang terbesar {item(moved[0])}")
        return text + "."
    up = total > 0
    same = [it for it in mv.items if (it.total > 0) == up and round(it.total, 3) != 0][:2]
    against = [it for it in mv.items if (it.total > 0) != up and round(it.total, 3) != 0][:1]
    verb = _t(lang, "rose", "naik") if up else _t(lang, "fell", "turun")
    change = display.level_change(mv.index_from, mv.index_to, lang).lstrip("+−±")
    text = _t(lang, f"The index {verb} {change} from {frm} to {to} {levels}",
              f"Indeks {verb} {change} dari {frm} ke {to} {levels}")
    if same:
        joined = _t(lang, " and ", " dan ").join(item(it) for it in same)
        text += _t(lang, f", mostly because of {joined}", f", terutama karena {joined}")
    if against:
        if up:
            text += _t(lang, f"; the largest drag was {item(against[0])}",
                       f"; penahan terbesar: {item(against[0])}")
        else:
            text += _t(lang, f"; the largest gain was {item(against[0])}",
                       f"; kenaikan terbesar: {item(against[0])}")
    return text + "."


# ---------------------------------------------------------------------------------------------
# KPIs that need action
# ---------------------------------------------------------------------------------------------

def attention_rows(sc: Scorecard, ps: PeriodScore, lang: str = "en") -> list[dict[str, Any]]:
    """Red then yellow KPIs of ``ps`` (lowest level first) with their notes for that period.

    Keys: ``code``, ``name``, ``light``, ``status`` (symbol + word), ``level`` (float or None),
    ``root_cause``, ``action``, ``owner``, ``due``, ``narrative`` ('' when no note).
    """
    order = {"red": 0, "yellow": 1}
    picked = [k for k in ps.kpis if k.light in order]
    picked.sort(key=lambda k: (order[k.light], -1.0 if k.level is None else k.level, k.code))
    out = []
    for ks in picked:
        note = sc.note(ks.code, ps.period)
        try:
            name = sc.kpi(ks.code).name(lang)
        except StopIteration:
            name = ks.code
        out.append({"code": ks.code, "name": name, "light": ks.light, "status": lights.label(ks.light, lang),
                    "level": ks.level, "root_cause": note.root_cause if note else "",
                    "action": note.action if note else "", "owner": note.owner if note else "",
                    "due": note.due if note else "", "narrative": note.narrative if note else ""})
    return out


def _svg_marker(light: str, x: float, y: float, r: float) -> str:
    """One point's symbol (square / triangle / circle, as :data:`MARKER_SYMBOL`) in the light's fill."""
    style = f'fill="{lights.STYLES[light].fill}" stroke="{INK}" stroke-width="1.5"'
    if light == "red":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {style}/>'
    if light == "yellow":
        pts = f"{x:.1f},{y - r * 1.15:.1f} {x + r * 1.1:.1f},{y + r * 0.85:.1f} {x - r * 1.1:.1f},{y + r * 0.85:.1f}"
        return f'<polygon points="{pts}" {style}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style}/>'


def index_trend_svg(sc: Scorecard, scores: Mapping[str, PeriodScore], *, lang: str = "en", height: int = 240,
                    title: str | None = None) -> str:
    """:func:`index_trend_figure` as light inline SVG (no plotly.js in the browser): the index (0-10 scale)
    per period on the shaded light bands, each point with its light's symbol and its value
    (:func:`scorecard.display.level`); the band names at the right. Width scales with its container
    (``viewBox``, 100 % wide); ``height`` in CSS pixels. Returns an HTML string (escaped text)."""
    periods = list(scores)
    width, left, right, top, bottom = 330.0, 40.0, 64.0, 40.0 if title != "" else 14.0, 26.0
    plot_w, plot_h = width - left - right, height - top - bottom
    y_max = 10.9

    def ypos(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(v, y_max)) / y_max)

    def xpos(i: int) -> float:
        return left + plot_w * (i + 0.5) / max(len(periods), 1)

    y_from, g_from = sc.settings.yellow_from, sc.settings.green_from
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sc-trend" viewBox="0 0 {width:.0f} {height}" width="100%" role="img" '
             f'preserveAspectRatio="xMidYMid meet" style="font-family:Arial,Helvetica,sans-serif;background:white">']
    ttl = title if title is not None else _t(lang, "Performance index over time", "Indeks kinerja dari waktu ke waktu")
    if ttl:
        parts.append(f'<text x="4" y="20" font-size="14" font-weight="700" fill="{INK}">{html.escape(ttl)}</text>')
    for light, y0, y1 in (("red", 0.0, y_from), ("yellow", y_from, g_from), ("green", g_from, 10.0)):
        fill = lights.STYLES[light].fill
        parts.append(f'<rect x="{left}" y="{ypos(y1):.1f}" width="{plot_w}" height="{ypos(y0) - ypos(y1):.1f}" '
                     f'fill="{fill}" fill-opacity="0.22"/>')
        parts.append(f'<text x="{left + plot_w + 6}" y="{(ypos(y0) + ypos(y1)) / 2 + 4:.1f}" font-size="11" '
                     f'fill="{INK}">{html.escape(lights.label(light, lang))}</text>')
    for tick in range(0, 11, 2):
        parts.append(f'<text x="{left - 6}" y="{ypos(tick) + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="{MUTED}">{html.escape(display.level(float(tick), lang))}</text>')
    pts = [(xpos(i), ypos(scores[p].index)) for i, p in enumerate(periods)]
    if len(pts) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="3"/>')
    step = max(1, math.ceil(len(periods) / 8))  # at most ~8 labelled points; every point keeps its symbol
    radius = 8.5 if len(periods) <= 12 else 5.0
    for i, p in enumerate(periods):
        x, y = pts[i]
        v, light = scores[p].index, scores[p].light
        tip = html.escape(f"{p}: {display.level(v, lang)} · {lights.label(light, lang)}")
        labelled = i % step == 0 or i == len(periods) - 1
        parts.append(f"<g><title>{tip}</title>{_svg_marker(light, x, y, radius)}")
        if labelled:
            parts.append(f'<text x="{x:.1f}" y="{y - radius - 5:.1f}" font-size="13" font-weight="700" '
                         f'text-anchor="middle" fill="{INK}">{html.escape(display.level(v, lang))}</text>'
                         f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle" '
                         f'fill="{INK}">{html.escape(p)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def index_trend_img(sc: Scorecard, scores: Mapping[str, PeriodScore], *, lang: str = "en", height: int = 240) -> str:
    """:func:`index_trend_svg` as an ``<img>`` with a base64 ``data:`` URI (Streamlit's ``st.html`` strips
    inline ``<svg>``, an image is kept), its alt text listing every period's value and light."""
    alt = "; ".join(f"{p}: {display.level(s.index, lang)} {lights.label(s.light, lang)}" for p, s in scores.items())
    data = base64.b64encode(index_trend_svg(sc, scores, lang=lang, height=height).encode()).decode()
    return (f'<img class="sc-trend" style="width:100%;height:auto" alt="{html.escape(alt, quote=True)}" '
            f'src="data:image/svg+xml;base64,{data}"/>')

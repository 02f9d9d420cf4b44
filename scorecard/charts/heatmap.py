"""KPI x period heatmap rows, the OMAX scale of a cell, the index trend (SVG), "why the index moved" and small tables.

Pure Python (no Streamlit, no plotly: the heatmap page loads no plotly.js, issue #13). Every builder takes a
language ("en" / "id"). The HTML pictures themselves are in :mod:`scorecard.charts.heat_html`.

* :func:`heatmap_rows` and :func:`cell_text` - the heatmap's rows (a header per perspective, then its
  KPIs) and a cell's text (the light's symbol and the level, so colour is never the only signal).
* :func:`omax_rows` - the OMAX scale behind one cell (11 level values, anchors, the actual).
* :func:`index_trend_svg` / :func:`index_trend_img` - the index over the periods on the light bands.
* :func:`movement_summary` - why the index moved between two periods in one sentence
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

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import KpiScore, PeriodScore
from scorecard.method.whatif import Movement
from scorecard.model import KPI, Scorecard

INK = "#101828"
MUTED = "#475467"
HEADER_FILL = "#E4E7EC"
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
# Why the index moved
# ---------------------------------------------------------------------------------------------

def kpi_name(sc: Scorecard, code: str, lang: str, limit: int = 38) -> str:
    """The KPI's name cut to ``limit`` characters (its code when the KPI is unknown)."""
    try:
        return short(sc.kpi(code).name(lang), limit)
    except StopIteration:
        return code


def movement_summary(mv: Movement, sc: Scorecard, lang: str = "en") -> str:
    """One plain-language line, e.g. 'The index rose 0.75 from 2009 to 2010 (7.13 → 7.88), mostly
    because of C1b Response time ... (+0.402) and ...; the largest drag was L1c ... (−0.120).'

    Levels and the change are the shown values (:mod:`scorecard.display`), so the sentence adds up."""
    total = display.cut(mv.index_to) - display.cut(mv.index_from)  # the change as shown (display.level_change)
    frm, to = mv.period_from, mv.period_to
    levels = f"({display.level(mv.index_from, lang)} → {display.level(mv.index_to, lang)})"

    def item(it) -> str:
        return f"{it.code} {kpi_name(sc, it.code, lang, 40)} ({signed(it.total, lang)})"

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
                    width: int = 330, title: str | None = None) -> str:
    """The performance index as light inline SVG (no plotly.js in the browser): the index (0-10 scale)
    per period on the shaded light bands, each point with its light's symbol and its value
    (:func:`scorecard.display.level`); the band names at the right. Width scales with its container
    (``viewBox`` ``width`` x ``height`` units, drawn 100 % wide: a wider ``width`` gives a flatter picture
    and smaller type); ``height`` in CSS pixels at ``width`` px. Returns an HTML string (escaped text)."""
    periods = list(scores)
    left, right, top, bottom = 40.0, 64.0, 40.0 if title != "" else 14.0, 26.0
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


def index_trend_img(sc: Scorecard, scores: Mapping[str, PeriodScore], *, lang: str = "en", height: int = 240,
                    width: int = 330) -> str:
    """:func:`index_trend_svg` as an ``<img>`` with a base64 ``data:`` URI (Streamlit's ``st.html`` strips
    inline ``<svg>``, an image is kept), its alt text listing every period's value and light."""
    alt = "; ".join(f"{p}: {display.level(s.index, lang)} {lights.label(s.light, lang)}" for p, s in scores.items())
    data = base64.b64encode(index_trend_svg(sc, scores, lang=lang, height=height, width=width).encode()).decode()
    return (f'<img class="sc-trend" style="width:100%;height:auto" alt="{html.escape(alt, quote=True)}" '
            f'src="data:image/svg+xml;base64,{data}"/>')

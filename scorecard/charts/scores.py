"""Charts of OMAX scores: the scale of one KPI (levels 0..10 against performance values).

:func:`scale_svg` draws the 11 level values of a KPI's scale as a line (value on the x axis,
level on the y axis) over the traffic-light bands, marks the anchor levels (target, baseline,
worst, or the user's own anchors) and the period's actual as a star at its achieved level.
An invalid scale is drawn as the fallback actually used (METHOD §3) and says so in the title;
a scale that cannot be scored gives an empty chart with the reason.

Light SVG (shown as an image: no plotly.js in the browser, first load, issue #13), no Streamlit, so the
picture can be tested on its own; what a chart showed on hover is in the image's tooltip.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Any

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import KpiScore
from scorecard.model import KPI

__all__ = ["number_unit", "unit_label", "value_text", "scale_svg", "scale_img", "scale_texts"]

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


def _nice_ticks(lo: float, hi: float, most: int = 6) -> tuple[list[float], int]:
    """Round ticks (step 1, 2 or 5 x 10^k) covering [lo, hi], at most about ``most``; and the decimals they need."""
    span = hi - lo if hi > lo else (abs(hi) or 1.0)
    raw = span / max(most - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]
    return ticks, max(0, -math.floor(math.log10(step) + 1e-9))


def _star(x: float, y: float, r: float) -> str:
    """The points of a five-pointed star around (x, y), outer radius ``r``."""
    pts = []
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.45
        pts.append(f"{x + rr * math.cos(a):.1f},{y - rr * math.sin(a):.1f}")
    return " ".join(pts)


def scale_texts(ks: KpiScore, kpi: KPI, *, lang: str = "en") -> dict[str, Any]:
    """What :func:`scale_svg` writes, as text: ``title``, ``fallback`` ('' or the warning), ``levels``
    [(level, value shown)], ``anchors`` [(level, 'level = name', value shown)], ``actual`` (the label or '')
    and ``reason`` (why a scale cannot be scored, else ''). Numbers by :mod:`scorecard.display`."""
    lang = "id" if lang == "id" else "en"
    scale = ks.scale
    levels = [(lev, v) for lev, v in enumerate(scale.values) if math.isfinite(v)]
    actual = ""
    if levels and ks.actual is not None and ks.level is not None and math.isfinite(ks.actual):
        shown = display.actual(ks.actual, ks.actual_text, kpi.unit, lang)
        actual = (f"{_t('actual', lang)} {shown} → {_t('level', lang).lower()} "
                  f"{display.level(ks.level, lang)} {lights.STYLES[ks.light].symbol}")
    return {
        "title": f"{kpi.code} — {kpi.name(lang)} ({_t(kpi.direction, lang)})",
        "fallback": f"⚠ {_t('fallback', lang)}" if scale.fallback is not None else "",
        "levels": [(lev, value_text(v, kpi.unit, lang)) for lev, v in levels],
        "anchors": [(lev, f"{lev} = {_anchor_name(lev, v, ks, kpi, lang)}", value_text(v, kpi.unit, lang))
                    for lev, v in sorted(scale.anchors.items())] if levels else [],
        "actual": actual,
        "reason": "" if levels else (scale.problem.text(lang) if scale.problem is not None else ""),
    }


def scale_svg(ks: KpiScore, kpi: KPI, *, lang: str = "en", yellow_from: float = 4.0, green_from: float = 8.0,
              width: int = 760, height: int = 360) -> str:
    """The OMAX scale of one KPI in one period as light SVG (see the module docstring): value on the x axis
    (ticks and the axis name in ``lang``), level 0..10 on the y axis over the light bands (each named with its
    symbol), the scale as a line with a dot per level (dotted for a pass-fail fallback), the anchors as white
    diamonds labelled 'level = name', the actual as a star in its light's fill with its label. ``width`` x
    ``height`` drawing units (it scales to its container). Returns the SVG text (texts escaped)."""
    lang = "id" if lang == "id" else "en"
    t = scale_texts(ks, kpi, lang=lang)
    left, right, top, bottom = 62.0, 92.0, 62.0 if t["fallback"] else 44.0, 50.0
    pw, ph = width - left - right, height - top - bottom
    y_lo, y_hi = -1.3, 11.3
    esc = html.escape

    def ypos(level: float) -> float:
        return top + ph * (y_hi - level) / (y_hi - y_lo)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sc-scale" viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" font-family="Arial,Helvetica,sans-serif" style="background:white">',
           f'<text x="4" y="22" font-size="15" fill="#101828">{esc(t["title"])}</text>']
    if t["fallback"]:
        out.append(f'<text x="4" y="42" font-size="12" fill="#B42318">{esc(t["fallback"])}</text>')
    for light, y0, y1 in (("red", 0, yellow_from), ("yellow", yellow_from, green_from), ("green", green_from, 10)):
        style = lights.STYLES[light]
        out.append(f'<rect x="{left}" y="{ypos(y1):.1f}" width="{pw}" height="{ypos(y0) - ypos(y1):.1f}" '
                   f'fill="{style.fill}" fill-opacity="0.13"/>')
        out.append(f'<text x="{left + pw + 8}" y="{(ypos(y0) + ypos(y1)) / 2 + 4:.1f}" font-size="12" '
                   f'fill="#344054">{esc(style.symbol)} {esc(style.word(lang))}</text>')
    for lev in range(11):
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{ypos(lev):.1f}" y2="{ypos(lev):.1f}" stroke="#EAECF0"/>'
                   f'<text x="{left - 8}" y="{ypos(lev) + 4:.1f}" font-size="12" text-anchor="end" '
                   f'fill="#344054">{lev}</text>')
    out.append(f'<text x="14" y="{top + ph / 2:.1f}" font-size="13" text-anchor="middle" fill="#344054" '
               f'transform="rotate(-90 14 {top + ph / 2:.1f})">{esc(_t("level", lang))}</text>')
    scale = ks.scale
    points = [(lev, v) for lev, v in enumerate(scale.values) if math.isfinite(v)]
    if not points:
        out.append(f'<text x="{left + pw / 2}" y="{top + ph / 2 - 8:.1f}" font-size="15" text-anchor="middle" '
                   f'fill="#101828">{esc(_t("not_scored", lang))}</text>'
                   f'<text x="{left + pw / 2}" y="{top + ph / 2 + 14:.1f}" font-size="12" text-anchor="middle" '
                   f'fill="#344054">{esc(t["reason"])}</text></svg>')
        return "".join(out)
    values = [v for _, v in points]
    lo, hi = min(values), max(values)
    if ks.actual is not None and math.isfinite(ks.actual):
        lo, hi = min(lo, ks.actual), max(hi, ks.actual)
    pad = (hi - lo) * 0.06 if hi > lo else (abs(hi) * 0.1 or 1.0)
    x_lo, x_hi = lo - pad, hi + pad

    def xpos(v: float) -> float:
        return left + pw * (v - x_lo) / (x_hi - x_lo)

    ticks, decimals = _nice_ticks(x_lo, x_hi)
    for tk in ticks:
        out.append(f'<line x1="{xpos(tk):.1f}" x2="{xpos(tk):.1f}" y1="{top}" y2="{top + ph}" stroke="#EAECF0"/>'
                   f'<text x="{xpos(tk):.1f}" y="{top + ph + 16}" font-size="12" text-anchor="middle" '
                   f'fill="#344054">{esc(display.number(tk, lang, decimals))}</text>')
    axis = f"{_t('value', lang)} ({unit_label(kpi.unit, lang)})" if kpi.unit else _t("value", lang)
    out.append(f'<text x="{left + pw / 2}" y="{height - 8}" font-size="13" text-anchor="middle" '
               f'fill="#344054">{esc(axis)}</text>')
    dash = ' stroke-dasharray="4 4"' if scale.fallback == "pass-fail" else ""
    path = " ".join(f"{xpos(v):.1f},{ypos(lev):.1f}" for lev, v in points)
    out.append(f'<polyline points="{path}" fill="none" stroke="#1F4E79" stroke-width="2"{dash}/>')
    for (lev, v), (_, shown) in zip(points, t["levels"], strict=True):
        out.append(f'<circle cx="{xpos(v):.1f}" cy="{ypos(lev):.1f}" r="3.5" fill="#1F4E79">'
                   f'<title>{esc(_t("level", lang))} {lev}: {esc(shown)}</title></circle>')
    for lev, label, _ in t["anchors"]:
        v = scale.anchors[lev]
        x, y, r = xpos(v), ypos(lev), 7.0
        right_half = hi != lo and (v - lo) / (hi - lo) >= 0.5
        ty = y - 11 if lev == 10 else y + 19
        out.append(f'<polygon points="{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}" '
                   f'fill="#FFFFFF" stroke="#1F4E79" stroke-width="2"/>'
                   f'<text x="{x + (-9 if right_half else 9):.1f}" y="{ty:.1f}" font-size="12" fill="#1F4E79" '
                   f'paint-order="stroke" stroke="white" stroke-width="3" '
                   f'text-anchor="{"end" if right_half else "start"}">{esc(label)}</text>')
    if t["actual"]:
        style = lights.STYLES[ks.light]
        x, y = xpos(ks.actual), ypos(ks.level)
        right_half = hi == lo or (ks.actual - lo) / (hi - lo) >= 0.5
        lx, ly = x + (-70 if right_half else 70), y + (45 if ks.level >= 5 else -45)
        w = 7.1 * len(t["actual"]) + 10
        bx = lx - w if right_half else lx
        out.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{lx:.1f}" y2="{ly:.1f}" stroke="#101828" stroke-width="1.5"/>'
                   f'<rect x="{bx:.1f}" y="{ly - 12:.1f}" width="{w:.1f}" height="22" fill="white" fill-opacity="0.92" '
                   f'stroke="#101828"/><text x="{bx + 5:.1f}" y="{ly + 4:.1f}" font-size="13" font-weight="700" '
                   f'fill="#101828">{esc(t["actual"])}</text>'
                   f'<polygon points="{_star(x, y, 11)}" fill="{style.fill}" stroke="#000000" stroke-width="1.5"/>')
    out.append("</svg>")
    return "".join(out)


def scale_img(ks: KpiScore, kpi: KPI, *, lang: str = "en", yellow_from: float = 4.0, green_from: float = 8.0,
              height: int = 360) -> str:
    """:func:`scale_svg` as an ``<img>`` (``st.html`` strips inline SVG; no plotly.js in the browser). What the
    chart showed on hover is in the image's ``alt`` and ``title`` (the browser's tooltip): every level's value,
    the anchors and the actual."""
    t = scale_texts(ks, kpi, lang=lang)
    lv = _t("level", lang)
    parts = [t["title"], t["fallback"], t["actual"], t["reason"],
             "; ".join(f"{lv} {lev}: {shown}" for lev, shown in reversed(t["levels"])),
             "; ".join(f"{label}: {shown}" for _, label, shown in t["anchors"])]
    tip = html.escape("\n".join(x for x in parts if x), quote=True).replace("\n", "&#10;")
    svg = scale_svg(ks, kpi, lang=lang, yellow_from=yellow_from, green_from=green_from, height=height)
    data = base64.b64encode(svg.encode()).decode()
    return (f'<img class="sc-scale" style="width:100%;max-width:900px;height:auto" alt="{tip}" title="{tip}" '
            f'src="data:image/svg+xml;base64,{data}"/>')

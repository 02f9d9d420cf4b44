"""The strategy map as inline SVG (no plotly.js in the browser: first load, issue #13). No Streamlit here.

Everything placed comes from :mod:`scorecard.charts.map` (band order, box positions, arrow routes and
ports, wrapped names, legend, details); this module only maps data units to pixels and writes SVG:

* one shaded band per perspective with its name (``<g class="band" data-key=...>``);
* one arrow per cause -> effect link, a polyline ending in an arrow-head marker
  (``<g class="link" data-cause=... data-effect=...>``, its ``<title>`` "C1 → F1");
* one box per objective filled with its light's colour, its text in the light's ink: code, symbol and
  level (:mod:`scorecard.display`), then the wrapped name (``<g class="node" data-code=... data-light=...>``);
  its ``<title>`` (the browser's tooltip) lists the KPIs with their levels and lights.

Sizes are CSS pixels of the ``viewBox`` (``width_px`` x height); the SVG scales to its container's
width (``width:100%``), so the drawn size is the viewBox size x (container width / ``width_px``).
All texts are escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from scorecard.charts import map as smap
from scorecard.method import lights
from scorecard.method.scoring import PeriodScore
from scorecard.model import Link, Scorecard

FONT = "Arial, Helvetica, sans-serif"
BAND_LINE = "#D0D5DD"
DIVIDER = "#98A2B3"
MUTED = "#344054"


#: Characters XML 1.0 does not allow at all (not even as references): a name typed with one in a
#: workbook would make the downloaded .svg file unreadable, so they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _e(text: str) -> str:
    """Text or attribute value escaped for SVG (XML), newlines as character references."""
    return html.escape(_NOT_XML.sub("", text), quote=True).replace("\n", "&#10;")


def default_height(n_bands: int, font_size: int, title: bool = True) -> int:
    """A height (px) that fits ``n_bands`` bands of four-line box labels at ``font_size`` px."""
    return int(max(n_bands * (font_size * 7 + 26), 360) + font_size * (3.4 if title else 1.9) + 8)


def map_title(ps: PeriodScore, lang: str) -> str:
    """'Strategy map — 2010' / 'Peta strategi — 2010'."""
    return ("Peta strategi" if lang == "id" else "Strategy map") + f" — {ps.period}"


def strategy_map_svg(sc: Scorecard, ps: PeriodScore, *, lang: str = "en", font_size: int = 14,
                     width_px: int = 1000, height_px: int | None = None, title: str | None = None,
                     links: Iterable[Link] | None = None, uid: str = "m", max_height: str | None = None) -> str:
    """The strategy map of ``sc`` coloured by the status lights of ``ps`` as one ``<svg>`` element (a string).

    ``font_size`` (px) is the size of the box labels (band names 1 px larger, the title 4 px larger, the
    legend 1 px smaller, at least 10); ``width_px`` the drawing width the names are wrapped for;
    ``height_px`` defaults to :func:`default_height`; ``title`` defaults to :func:`map_title` ("" for none);
    ``uid`` makes the arrow-head marker's id unique when a page shows several maps; ``max_height`` (CSS, e.g.
    ``"calc(100vh - 8rem)"``) caps the drawn height (the map then shrinks to fit, centred).
    """
    links = smap.valid_links(sc) if links is None else list(links)
    nodes = smap.node_positions(sc)
    keys = [p.key for p in sc.perspectives]
    nb = max(len(keys), 1)
    ttl = map_title(ps, lang) if title is None else title
    legend_px = max(font_size - 1, 10)
    top = font_size * (3.4 if ttl else 1.9)
    W = float(width_px)
    H = float(height_px or default_height(nb, font_size, bool(ttl)))
    pad = 8.0
    x_lo, x_hi = smap.X_LEFT - 0.005, smap.X_RIGHT + 0.005
    y_lo, y_hi = -0.02, nb + 0.02

    def px(x: float) -> float:
        return pad + (x - x_lo) / (x_hi - x_lo) * (W - 2 * pad)

    def py(y: float) -> float:
        return top + (y_hi - y) / (y_hi - y_lo) * (H - top - pad)

    def f(v: float) -> str:
        return f"{v:.2f}"

    cap = f"max-height:{max_height};" if max_height else ""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sc-map" viewBox="0 0 {f(W)} {f(H)}" '
           f'width="100%" preserveAspectRatio="xMidYMid meet" role="img" font-family="{FONT}" '
           f'style="display:block;height:auto;{cap}background:#fff" aria-label="{_e(ttl or map_title(ps, lang))}">']
    stroke = max(1.6, font_size / 7.5)
    out.append(f'<defs><marker id="{_e(uid)}-head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5.5" '
               f'markerHeight="5.5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
               f'fill="{smap.ARROW_COLOUR}"/></marker></defs>')
    # title and legend
    if ttl:
        out.append(f'<text class="title" x="{f(pad)}" y="{f(font_size + 6)}" font-size="{font_size + 4}" '
                   f'font-weight="700" fill="{smap.INK}">{_e(ttl)}</text>')
    legend = smap.legend_text(sc, lang) + " · " + _e("panah = sebab → akibat" if lang == "id"
                                                      else "arrow = cause → effect")
    out.append(f'<text class="legend" x="{f(W - pad)}" y="{f(top - font_size * 0.55)}" text-anchor="end" '
               f'font-size="{legend_px}" fill="{MUTED}">{legend}</text>')
    # bands
    for b, key in enumerate(keys):
        y0, y1 = py(nb - b), py(nb - b - 1)
        out.append(f'<g class="band" data-key="{_e(key)}"><rect x="{f(px(smap.X_LEFT))}" y="{f(y0)}" '
                   f'width="{f(px(smap.X_RIGHT) - px(smap.X_LEFT))}" height="{f(y1 - y0)}" '
                   f'fill="{smap.BAND_FILLS[b % 2]}" stroke="{BAND_LINE}"/>')
        lines = smap.wrap(sc.perspective(key).name(lang), 13, 3)
        lh = (font_size + 1) * 1.2
        first = (y0 + y1) / 2 - (len(lines) - 1) * lh / 2 + (font_size + 1) * 0.35
        tx = f(px(smap.X_LEFT + 0.008))
        spans = "".join(f'<tspan x="{tx}" y="{f(first + i * lh)}">{_e(s)}</tspan>' for i, s in enumerate(lines))
        out.append(f'<text class="bandlabel" font-size="{font_size + 1}" font-weight="700" '
                   f'fill="{smap.INK}">{spans}</text></g>')
    out.append(f'<line x1="{f(px(-0.012))}" x2="{f(px(-0.012))}" y1="{f(py(0))}" y2="{f(py(nb))}" '
               f'stroke="{DIVIDER}" stroke-dasharray="2,3"/>')
    # arrows (under the boxes)
    paths = smap.ported(smap.routes(nodes, links), nodes)
    for ln in links:
        pts = paths.get((ln.cause, ln.effect))
        if not pts:
            continue
        d = " ".join(f"{'M' if i == 0 else 'L'}{f(px(x))},{f(py(y))}" for i, (x, y) in enumerate(pts))
        out.append(f'<g class="link" data-cause="{_e(ln.cause)}" data-effect="{_e(ln.effect)}">'
                   f'<title>{_e(f"{ln.cause} → {ln.effect}")}</title><path d="{d}" fill="none" '
                   f'stroke="{smap.ARROW_COLOUR}" stroke-width="{stroke:.2f}" stroke-opacity="0.85" '
                   f'stroke-linejoin="round" marker-end="url(#{_e(uid)}-head)"/></g>')
    # boxes
    lh = font_size * 1.2
    for code, node in nodes.items():
        light, _ = smap.node_light(ps, code)
        style = lights.STYLES[light]
        x0, x1 = px(node.x - node.hw), px(node.x + node.hw)
        y0, y1 = py(node.y + node.hh), py(node.y - node.hh)
        lines = smap.label_lines(sc, ps, code, lang, smap.box_chars(node, W, font_size))
        first = (y0 + y1) / 2 - (len(lines) - 1) * lh / 2 + font_size * 0.35
        cx = f((x0 + x1) / 2)
        bold = ' font-weight="700"'
        spans = "".join(f'<tspan x="{cx}" y="{f(first + i * lh)}"{bold if i == 0 else ""}>{_e(s)}</tspan>'
                        for i, s in enumerate(lines))
        tip = "\n".join(smap.node_hover_lines(sc, ps, code, lang))
        out.append(f'<g class="node" data-code="{_e(code)}" data-light="{light}"><title>{_e(tip)}</title>'
                   f'<rect x="{f(x0)}" y="{f(y0)}" width="{f(x1 - x0)}" height="{f(y1 - y0)}" rx="3" '
                   f'fill="{style.fill}" stroke="{smap.ARROW_COLOUR}" stroke-width="1.5"/>'
                   f'<text class="label" text-anchor="middle" font-size="{font_size}" fill="{style.ink}">'
                   f'{spans}</text></g>')
    out.append("</svg>")
    return "".join(out)


def svg_file(svg: str) -> bytes:
    """The map as a stand-alone ``.svg`` file (XML declaration, UTF-8): opens in any browser or drawing program."""
    w, h = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    body = svg.replace('width="100%"', f'width="{w}" height="{h}"', 1)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


def svg_markdown(svg: str) -> str:
    """The map for ``st.markdown(..., unsafe_allow_html=True)`` (``st.html`` strips inline ``<svg>``): one HTML
    block (a ``<div>`` on its own line, the SVG on one line, no blank line), so Markdown leaves it alone."""
    return f'<div class="sc-map-wrap">\n{svg}\n</div>'

"""The strategy map drawn with matplotlib (Agg): the briefing PDF's map page and the map's PNG download.

No browser is needed. The layout is the app's (:mod:`scorecard.charts.map`: band order, box positions,
arrow routes and ports); boxes are filled with the light's colour, written in its ink with code, symbol and
level (:mod:`scorecard.display`) over the wrapped name. Type sizes are points.
"""

from __future__ import annotations

import html
import io
import textwrap

from scorecard import display
from scorecard.charts import map as smap
from scorecard.method import lights
from scorecard.method.scoring import PeriodScore
from scorecard.model import Scorecard

#: Size of the code / symbol / level line of a box (points, bold), and of the band names.
HEAD_PT = 14.0
NAME_PT = 9.5
#: The PNG's size (inches) and resolution.
PNG_SIZE = (14.0, 9.0)
PNG_DPI = 150
_RC = {"font.family": "DejaVu Sans"}


def draw_map(ax, sc: Scorecard, ps: PeriodScore, lang: str) -> None:
    """Draw the strategy map of ``sc`` coloured by the lights of ``ps`` into the matplotlib axes ``ax``
    (data units of :mod:`scorecard.charts.map`; the axes' frame is switched off)."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
    from matplotlib.path import Path as MplPath

    ax.set_axis_off()
    nodes = smap.node_positions(sc)
    nb = len(sc.perspectives)
    ax.set_xlim(smap.X_LEFT - 0.01, smap.X_RIGHT)
    ax.set_ylim(0, max(nb, 1))
    for b, p in enumerate(sc.perspectives):
        y0 = nb - b - 1
        ax.add_patch(Rectangle((smap.X_LEFT - 0.01, y0), smap.X_RIGHT - smap.X_LEFT + 0.01, 1,
                               color=smap.BAND_FILLS[b % 2], zorder=0))
        ax.text(smap.X_LEFT, y0 + 0.5, "\n".join(textwrap.wrap(p.name(lang), 14)), fontsize=HEAD_PT,
                fontweight="bold", va="center", color="#344054")
    paths = smap.ported(smap.routes(nodes, smap.valid_links(sc)), nodes)
    for pts in paths.values():
        codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(pts) - 1)
        ax.add_patch(FancyArrowPatch(path=MplPath(pts, codes), arrowstyle="-|>", mutation_scale=14,
                                     color=smap.ARROW_COLOUR, linewidth=1.3, zorder=2))
    for code, nd in nodes.items():
        light, level = smap.node_light(ps, code)
        st = lights.STYLES[light]
        ax.add_patch(FancyBboxPatch((nd.x - nd.hw, nd.y - nd.hh), 2 * nd.hw, 2 * nd.hh,
                                    boxstyle="round,pad=0,rounding_size=0.02", facecolor=st.fill,
                                    edgecolor=smap.ARROW_COLOUR, linewidth=1, zorder=3))
        lines = textwrap.wrap(sc.objective(code).name(lang), max(10, int(nd.hw * 2 * 95)))[:3]
        ax.text(nd.x, nd.y + nd.hh * 0.55, f"{code}  {st.symbol} {display.level(level, lang)}", ha="center",
                va="center", fontsize=HEAD_PT, fontweight="bold", color=st.ink, zorder=4)
        ax.text(nd.x, nd.y - nd.hh * 0.2, "\n".join(lines), ha="center", va="center", fontsize=NAME_PT,
                color=st.ink, zorder=4)


def map_png(sc: Scorecard, ps: PeriodScore, lang: str = "en", *, title: str | None = None,
            dpi: int = PNG_DPI) -> bytes:
    """The strategy map as PNG bytes (:data:`PNG_SIZE` inches at ``dpi``): the title (default
    'Strategy map — <period>' and the office's name), the legend of the lights, then :func:`draw_map`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lang = "id" if lang == "id" else "en"
    ttl = title if title is not None else (("Peta strategi" if lang == "id" else "Strategy map") + f" — {ps.period}")
    legend = html.unescape(smap.legend_text(sc, lang))
    legend += " · " + ("panah = sebab → akibat" if lang == "id" else "arrow = cause → effect")
    with matplotlib.rc_context(_RC):
        fig = plt.figure(figsize=PNG_SIZE)
        try:
            fig.text(0.02, 0.975, ttl, fontsize=20, fontweight="bold", va="top")
            fig.text(0.02, 0.925, sc.name, fontsize=13, va="top", color="#475467")
            fig.text(0.98, 0.925, legend, fontsize=12, va="top", ha="right", color="#344054")
            draw_map(fig.add_axes((0.01, 0.01, 0.98, 0.88)), sc, ps, lang)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
        finally:
            plt.close(fig)
    return buf.getvalue()

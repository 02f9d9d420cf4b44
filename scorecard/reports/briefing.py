"""The briefing PDF for the head of office: the presenter screens as A4 landscape pages, large type.

Pages (matplotlib's ``PdfPages``: pure Python, no browser, fonts embedded as TrueType so the text can
be searched and copied):

1. **Index and lights**: the OMAX performance index with its light, NKO and its predikat, and per
   perspective its status level, light, NKO and predikat;
2. **Strategy map**: objectives in perspective bands (the same layout as the app's map,
   :mod:`scorecard.charts.map`), boxes coloured by status light with the light's symbol and level;
3. **Heatmap**: KPIs x the last (up to five) periods of the same kind, each cell the level with its
   symbol, coloured by light;
4. **Red and yellow KPIs** with their root causes and actions (as many pages as needed).

Colour is never the only signal: every light carries its symbol and word from
:mod:`scorecard.method.lights` (■ red, ▲ yellow, ● green).
"""

from __future__ import annotations

import io
import textwrap

from scorecard import display
from scorecard.method import lights
from scorecard.method.capaian import NkoResult, ink_on, nko
from scorecard.method.scoring import PeriodScore, score_period
from scorecard.method.weights import compute_weights
from scorecard.model import Scorecard
from scorecard.reports.lkjip import earlier_periods, level_text

__all__ = ["build_briefing_pdf", "briefing_pngs", "PAGE_SIZE"]

#: A4 landscape in inches.
PAGE_SIZE = (11.69, 8.27)
MAX_PERIODS = 5
ACTIONS_PER_PAGE = 5

_T: dict[str, tuple[str, str]] = {
    "title": ("Ringkasan Kinerja", "Performance Briefing"),
    "index": ("Indeks kinerja (OMAX, 0-10)", "Performance index (OMAX, 0-10)"),
    "nko": ("NKO (capaian tertimbang)", "NKO (weighted capaian)"),
    "perspective": ("Perspektif", "Perspective"),
    "level": ("Level", "Level"),
    "light": ("Lampu", "Light"),
    "predikat": ("Predikat", "Predikat"),
    "map": ("Peta strategi", "Strategy map"),
    "heatmap": ("Peta panas level OMAX per IKU", "Heatmap of OMAX levels per KPI"),
    "actions": ("IKU merah dan kuning: penyebab dan tindakan", "Red and yellow KPIs: causes and actions"),
    "none_red": ("Tidak ada IKU merah atau kuning.", "No red or yellow KPIs."),
    "no_note": ("(belum ada catatan)", "(no note yet)"),
    "cause": ("Penyebab", "Cause"),
    "action": ("Tindakan", "Action"),
    "page": ("halaman {i} dari {n}", "page {i} of {n}"),
    "legend": ("■ merah: perlu tindakan segera   ▲ kuning: perlu perhatian   ● hijau: tercapai",
               "■ red: needs action first   ▲ yellow: needs attention   ● green: achieved"),
}


def _t(key: str, lang: str, **params: object) -> str:
    pair = _T[key]
    return (pair[0] if lang == "id" else pair[1]).format(**params)


def _num(x: float | None, lang: str) -> str:
    """A capaian or NKO: :func:`scorecard.display.capaian` ("85,59 %")."""
    return display.capaian(x, lang)


def _band_label(result: NkoResult, key: str | None, lang: str) -> str:
    band = result.predikat if key is None else result.perspective(key).predikat
    if band is None:
        return "—"
    return band.label_id if lang == "id" else band.label_en


def _header(fig, sc: Scorecard, period: str, title: str, lang: str) -> None:
    fig.text(0.04, 0.955, title, fontsize=26, fontweight="bold", va="top")
    fig.text(0.04, 0.885, f"{sc.name} · {period}", fontsize=14, va="top", color="#475467")
    fig.text(0.04, 0.025, _t("legend", lang), fontsize=11, color="#344054")


def _index_page(fig, sc: Scorecard, ps: PeriodScore, result: NkoResult, lang: str) -> None:
    from matplotlib.patches import FancyBboxPatch

    st = lights.STYLES[ps.light]
    ax = fig.add_axes((0.04, 0.55, 0.44, 0.28))
    ax.set_axis_off()
    ax.add_patch(FancyBboxPatch((0, 0), 1, 1, boxstyle="round,pad=0,rounding_size=0.05", color=st.fill))
    ax.text(0.5, 0.8, _t("index", lang), ha="center", fontsize=16, color=st.ink)
    ax.text(0.5, 0.42, level_text(ps.index, lang), ha="center", va="center", fontsize=60, fontweight="bold", color=st.ink)
    ax.text(0.5, 0.1, lights.label(ps.light, lang), ha="center", fontsize=20, color=st.ink)
    ax2 = fig.add_axes((0.52, 0.55, 0.44, 0.28))
    ax2.set_axis_off()
    colour = result.predikat.colour if result.predikat else "#EAECF0"
    ax2.add_patch(FancyBboxPatch((0, 0), 1, 1, boxstyle="round,pad=0,rounding_size=0.05", color=colour))
    ink = ink_on(colour)
    ax2.text(0.5, 0.8, _t("nko", lang), ha="center", fontsize=16, color=ink)
    ax2.text(0.5, 0.42, _num(result.nko, lang), ha="center", va="center",
             fontsize=54, fontweight="bold", color=ink)
    ax2.text(0.5, 0.1, _band_label(result, None, lang), ha="center", fontsize=20, color=ink)
    # perspectives
    table = fig.add_axes((0.04, 0.07, 0.92, 0.44))
    table.set_axis_off()
    cols = (0.0, 0.43, 0.53, 0.71)
    heads = (_t("perspective", lang), _t("level", lang), _t("light", lang), "NKO · " + _t("predikat", lang))
    for x, h in zip(cols, heads, strict=True):
        table.text(x, 0.95, h, fontsize=15, fontweight="bold", color="#475467", va="center")
    n = len(sc.perspectives)
    step = 0.85 / max(n, 1)
    for i, p in enumerate(sc.perspectives):
        y = 0.83 - i * step
        g = ps.perspective(p.key)
        pn = result.perspective(p.key)
        s = lights.STYLES[g.light]
        table.text(cols[0], y, textwrap.shorten(p.name(lang), 34, placeholder="…"), fontsize=18, va="center")
        table.text(cols[1], y, level_text(g.level, lang), fontsize=20, va="center")
        table.text(cols[2], y, lights.label(g.light, lang), fontsize=18, va="center", color=s.ink,
                   bbox={"boxstyle": "round,pad=0.35", "facecolor": s.fill, "edgecolor": "none"})
        table.text(cols[3], y, f"{_num(pn.nko, lang)} · {_band_label(result, p.key, lang)}", fontsize=17,
                   va="center")
        table.axhline(y - step / 2, color="#EAECF0", linewidth=1)


def _map_page(fig, sc: Scorecard, ps: PeriodScore, lang: str) -> None:
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
    from matplotlib.path import Path as MplPath

    from scorecard.charts.map import node_positions, ported, routes, valid_links

    ax = fig.add_axes((0.02, 0.06, 0.96, 0.78))
    ax.set_axis_off()
    nodes = node_positions(sc)
    nb = len(sc.perspectives)
    ax.set_xlim(-0.2, 1.0)
    ax.set_ylim(0, max(nb, 1))
    for b, p in enumerate(sc.perspectives):
        y0 = nb - b - 1
        ax.add_patch(Rectangle((-0.2, y0), 1.2, 1, color=("#EEF2F6", "#F9FAFB")[b % 2], zorder=0))
        ax.text(-0.19, y0 + 0.5, "\n".join(textwrap.wrap(p.name(lang), 14)), fontsize=14, fontweight="bold",
                va="center", color="#344054")
    links = valid_links(sc)
    paths = ported(routes(nodes, links), nodes)
    for pts in paths.values():
        codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(pts) - 1)
        ax.add_patch(FancyArrowPatch(path=MplPath(pts, codes), arrowstyle="-|>", mutation_scale=14,
                                     color="#1D2939", linewidth=1.3, zorder=2))
    status = {o.key: o for o in ps.objectives}
    for code, nd in nodes.items():
        g = status.get(code)
        light = g.light if g else "red"
        st = lights.STYLES[light]
        ax.add_patch(FancyBboxPatch((nd.x - nd.hw, nd.y - nd.hh), 2 * nd.hw, 2 * nd.hh,
                                    boxstyle="round,pad=0,rounding_size=0.02", facecolor=st.fill,
                                    edgecolor="#1D2939", linewidth=1, zorder=3))
        name = sc.objective(code).name(lang)
        width = max(10, int(nd.hw * 2 * 95))
        lines = textwrap.wrap(name, width)[:3]
        level = level_text(g.level if g else None, lang)
        ax.text(nd.x, nd.y + nd.hh * 0.55, f"{code}  {st.symbol} {level}", ha="center", va="center", fontsize=13,
                fontweight="bold", color=st.ink, zorder=4)
        ax.text(nd.x, nd.y - nd.hh * 0.2, "\n".join(lines), ha="center", va="center", fontsize=9.5, color=st.ink,
                zorder=4)


def _heatmap_page(fig, sc: Scorecard, scores: dict[str, PeriodScore], periods: list[str], lang: str) -> None:
    from matplotlib.patches import Rectangle

    ax = fig.add_axes((0.04, 0.06, 0.92, 0.79))
    ax.set_axis_off()
    n = len(sc.kpis)
    cols = len(periods)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, n + 1)
    left = 0.52
    w = (1 - left) / max(cols, 1)
    size = 12 if n <= 24 else max(6, 12 * 24 / n)
    for j, q in enumerate(periods):
        ax.text(left + (j + 0.5) * w, n + 0.5, q, ha="center", va="center", fontsize=size + 2, fontweight="bold")
    for i, k in enumerate(sc.kpis):
        y = n - i - 0.5
        ax.text(0, y, f"{k.code}  {textwrap.shorten(k.name(lang), 52, placeholder='…')}", va="center",
                fontsize=size)
        for j, q in enumerate(periods):
            ks = scores[q].kpi(k.code)
            st = lights.STYLES[ks.light]
            ax.add_patch(Rectangle((left + j * w + 0.003, y - 0.45), w - 0.006, 0.9, color=st.fill))
            ax.text(left + (j + 0.5) * w, y, f"{st.symbol} {level_text(ks.level, lang)}", ha="center", va="center",
                    fontsize=size, color=st.ink, fontweight="bold")


def _action_pages(sc: Scorecard, ps: PeriodScore, result: NkoResult, lang: str) -> list[list[tuple]]:
    order = {"red": 0, "yellow": 1}
    todo = sorted((k for k in ps.kpis if k.light in order),
                  key=lambda k: (order[k.light], -1.0 if k.level is None else k.level))
    items = []
    for k in todo:
        note = sc.note(k.code, ps.period)
        c = result.capaian[k.code]
        items.append((k, note, c))
    return [items[i:i + ACTIONS_PER_PAGE] for i in range(0, len(items), ACTIONS_PER_PAGE)] or [[]]


def _actions_page(fig, sc: Scorecard, items: list[tuple], lang: str) -> None:
    ax = fig.add_axes((0.04, 0.06, 0.92, 0.79))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, ACTIONS_PER_PAGE)
    if not items:
        ax.text(0.5, ACTIONS_PER_PAGE / 2, _t("none_red", lang), ha="center", fontsize=22)
        return
    for i, (ks, note, cap) in enumerate(items):
        y = ACTIONS_PER_PAGE - i - 0.5
        st = lights.STYLES[ks.light]
        ax.text(0.0, y + 0.3, f"{st.symbol} {ks.code}", fontsize=18, fontweight="bold", va="center", color=st.ink,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": st.fill, "edgecolor": "none"})
        name = textwrap.shorten(sc.kpi(ks.code).name(lang), 75, placeholder="…")
        cap_text = "" if cap.value is None else f" · capaian {_num(cap.value, lang)} {cap.label(lang)}"
        ax.text(0.12, y + 0.3, name, fontsize=16, fontweight="bold", va="center")
        ax.text(0.12, y + 0.09, f"{_t('level', lang)} {level_text(ks.level, lang)} {lights.label(ks.light, lang)}{cap_text}",
                fontsize=14, va="center")
        if note is None or not (note.root_cause or note.action):
            ax.text(0.12, y - 0.12, _t("no_note", lang), fontsize=12, va="center", color="#344054")
            continue
        who = ", ".join(x for x in (note.owner, note.due) if x)
        lines = [(f"{_t('cause', lang)}: {note.root_cause}" if note.root_cause else ""),
                 (f"{_t('action', lang)}: {note.action}" + (f" ({who})" if who else "") if note.action else "")]
        for dy, text in zip((-0.12, -0.32), [x for x in lines if x], strict=False):
            ax.text(0.12, y + dy, textwrap.shorten(text, 110, placeholder="…"), fontsize=12, va="center",
                    color="#344054")


def _figures(sc: Scorecard, period: str, lang: str):
    """Yield the pages as matplotlib figures (closed after each is used)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    w = compute_weights(sc)
    periods = [*earlier_periods(sc, period, MAX_PERIODS - 1), period]
    scores = {q: score_period(sc, q, w) for q in periods}
    ps = scores[period]
    result = nko(sc, period, w)
    action_pages = _action_pages(sc, ps, result, lang)
    pages = [(_t("title", lang), lambda f: _index_page(f, sc, ps, result, lang)),
             (_t("map", lang), lambda f: _map_page(f, sc, ps, lang)),
             (_t("heatmap", lang), lambda f: _heatmap_page(f, sc, scores, periods, lang))]
    for i, chunk in enumerate(action_pages):
        title = _t("actions", lang) + (f" ({i + 1}/{len(action_pages)})" if len(action_pages) > 1 else "")
        pages.append((title, lambda f, chunk=chunk: _actions_page(f, sc, chunk, lang)))
    for i, (title, draw) in enumerate(pages, start=1):
        fig = plt.figure(figsize=PAGE_SIZE)
        _header(fig, sc, period, title, lang)
        draw(fig)
        fig.text(0.96, 0.025, _t("page", lang, i=i, n=len(pages)), fontsize=11, ha="right", color="#667085")
        try:
            yield fig
        finally:
            plt.close(fig)


_RC = {"pdf.fonttype": 42, "font.family": "DejaVu Sans"}


def build_briefing_pdf(sc: Scorecard, period: str, lang: str = "id") -> bytes:
    """The briefing of ``period`` as PDF bytes (see the module docstring)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    lang = "id" if lang == "id" else "en"
    buf = io.BytesIO()
    with matplotlib.rc_context(_RC), PdfPages(buf) as pdf:
        for fig in _figures(sc, period, lang):
            pdf.savefig(fig)
        info = pdf.infodict()
        info["Title"] = f"{_t('title', lang)}: {sc.name} {period}"
        info["Creator"] = "scorecard"
    return buf.getvalue()


def briefing_pngs(sc: Scorecard, period: str, lang: str = "id", dpi: int = 60) -> list[bytes]:
    """The same pages as PNG images (for a preview on screen)."""
    import matplotlib

    lang = "id" if lang == "id" else "en"
    out = []
    with matplotlib.rc_context(_RC):
        for fig in _figures(sc, period, lang):
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi)
            out.append(buf.getvalue())
    return out

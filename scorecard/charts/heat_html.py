"""The heatmap page's pictures as light HTML (``st.html``): no plotly.js in the browser (first load, issue #13).

* :func:`heatmap_html` - the KPI x period traffic-light heatmap as an HTML table: one row per KPI under a
  grey header row per perspective, one column per period. A cell's background is the light's fill
  (:data:`scorecard.method.lights.STYLES`, Okabe-Ito: colour-blind safe), its text the light's symbol
  (square / triangle / circle) and the level, so colour is never the only signal; its ``title`` (the
  browser's tooltip) holds the details the chart showed on hover; ``data-kpi`` / ``data-period`` /
  ``data-light`` name it for tests and scripts. The picked cell has a thick outline; the top-left corner
  holds the legend.
* :func:`waterfall_html` - why the index moved: start index, the largest KPI effects (rest summed),
  end index, as horizontal bars on a 0-10 index axis; rises bluish green, falls vermillion, totals grey;
  every bar labelled, details in its ``title``.

Every number goes through :mod:`scorecard.display`; all texts are escaped. Sizes are CSS pixels.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

from scorecard import display
from scorecard.charts import heatmap as hm
from scorecard.method import lights
from scorecard.method.scoring import KpiScore, PeriodScore
from scorecard.method.whatif import Movement
from scorecard.model import Scorecard

CSS = f"""<style>
.sc-heat{{overflow-x:auto;font-family:Arial,Helvetica,sans-serif;color:{hm.INK}}}
.sc-heat table{{border-collapse:separate;border-spacing:3px;margin:0;width:100%}}
.sc-heat th,.sc-heat td{{border:none;padding:0 .45em;line-height:1.15}}
.sc-heat thead th{{text-align:center;font-weight:700}}
.sc-heat th.k{{text-align:right;font-weight:400;white-space:nowrap;width:100%;max-width:0;overflow:hidden;text-overflow:ellipsis}}
.sc-heat tr.h th{{background:{hm.HEADER_FILL};text-align:left;font-weight:700;letter-spacing:.02em}}
.sc-heat td.c{{text-align:center;white-space:nowrap;font-weight:600;min-width:4.6em;cursor:default}}
.sc-heat td.c.sel{{outline:4px solid {hm.INK};outline-offset:-1px}}
.sc-heat td.none{{background:#F2F4F7;color:{hm.MUTED}}}
.sc-heat th.lg{{text-align:left;font-weight:600;font-size:.85em;padding-left:0}}
.sc-heat th.lg span{{display:inline-block;white-space:nowrap;padding:0 .4em;margin:0 .3em .15em 0;border-radius:.3em}}
.sc-wf{{font-family:Arial,Helvetica,sans-serif;color:{hm.INK}}}
.sc-wf .t{{font-weight:700;margin:.2em 0 .5em 0}}
.sc-wf .r{{display:grid;grid-template-columns:minmax(8em,38%) 1fr;align-items:center;gap:.6em;margin:.28em 0}}
.sc-wf .l{{text-align:right;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}}
.sc-wf .tr{{position:relative;height:1.5em;background:#F9FAFB}}
.sc-wf .b{{position:absolute;top:.15em;bottom:.15em;min-width:2px;border-radius:2px}}
.sc-wf .v{{position:absolute;top:0;line-height:1.5em;white-space:nowrap;font-weight:600}}
.sc-wf .ax{{display:grid;grid-template-columns:minmax(8em,38%) 1fr;gap:.6em;color:{hm.MUTED};font-size:.85em}}
.sc-wf .ax .tk{{position:relative;height:1.3em;border-top:1px solid #98A2B3}}
.sc-wf .ax .tk span{{position:absolute;transform:translateX(-50%)}}
</style>"""


def _t(lang: str, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


def cell_title(sc: Scorecard, ks: KpiScore, lang: str) -> str:
    """The cell's tooltip (plain text, one detail per line): KPI, period, light and level, actual and target."""
    k = sc.kpi(ks.code)
    lines = [f"{k.code} {k.name(lang)}",
             f"{ks.period}: {lights.label(ks.light, lang)} · level {display.level(ks.level, lang)}",
             f"{_t(lang, 'Actual', 'Realisasi')}: {display.actual(ks.actual, ks.actual_text, k.unit, lang)} · "
             f"{_t(lang, 'Target', 'Target')}: {display.value(ks.target, k.unit, lang)}"]
    if ks.level is None:
        lines.append(_t(lang, "Not scored: counted as level 0", "Belum dinilai: dihitung level 0"))
    return "\n".join(lines)


def _attr(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "&#10;")


def legend_html(lang: str) -> str:
    """The three lights as small badges (fill, symbol and word; what each means in its ``title``)."""
    return "".join(f'<span style="background:{s.fill};color:{s.ink}" title="{_attr(s.meaning(lang))}">'
                    f'{html.escape(lights.label(name, lang))}</span>' for name, s in lights.STYLES.items())


def heatmap_html(sc: Scorecard, scores: Mapping[str, PeriodScore], *, lang: str = "en", font_size: int = 14,
                 selected: tuple[str, str] | None = None, label_chars: int = 44, row_px: int | None = None,
                 legend: bool = True) -> str:
    """The KPI x period traffic-light heatmap (see module docstring) as an HTML string with its CSS.

    ``font_size`` (px) is the size of the row names and cell texts, ``row_px`` the row height
    (default 2.1 x the font), ``label_chars`` where a long KPI name is cut (and with '…' where the column
    is too narrow; the whole name stays in the row's ``title``); ``selected`` (kpi code, period) draws a thick
    outline around that cell."""
    periods = list(scores)
    row_px = row_px or int(font_size * 2.1)
    head = "".join(f'<th scope="col">{html.escape(p)}</th>' for p in periods)
    body: list[str] = []
    for kind, key, name in hm.heatmap_rows(sc, lang):
        if kind == "header":
            body.append(f'<tr class="h" style="height:{row_px}px"><th colspan="{len(periods) + 1}" scope="rowgroup">'
                        f'{html.escape(name.upper())}</th></tr>')
            continue
        cells = []
        for p in periods:
            try:
                ks = scores[p].kpi(key)
            except StopIteration:
                cells.append(f'<td class="c none" data-kpi="{_attr(key)}" data-period="{_attr(p)}" '
                             f'title="{_attr(_t(lang, f"{key}: not measured in {p}", f"{key}: tidak diukur pada {p}"))}">'
                             f'—</td>')
                continue
            s = lights.STYLES[ks.light]
            sel = " sel" if selected == (key, p) else ""
            cells.append(f'<td class="c{sel}" data-kpi="{_attr(key)}" data-period="{_attr(p)}" data-light="{ks.light}" '
                         f'style="background:{s.fill};color:{s.ink}" title="{_attr(cell_title(sc, ks, lang))}">'
                         f'{html.escape(hm.cell_text(ks, lang))}</td>')
        full = f"{key} {name}"
        body.append(f'<tr style="height:{row_px}px"><th class="k" scope="row" title="{_attr(full)}">'
                    f'{html.escape(hm.short(full, label_chars))}</th>{"".join(cells)}</tr>')
    corner = legend_html(lang) if legend else ""
    return (f'{CSS}<div class="sc-heat" style="font-size:{font_size}px"><table><thead><tr><th class="lg">{corner}</th>'
            f'{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def _ticks(lo: float, hi: float) -> list[float]:
    """Round axis ticks (step 0.1, 0.2, 0.5, 1 or 2) inside [lo, hi], about 4 to 8 of them."""
    span = hi - lo
    step = next((s for s in (0.05, 0.1, 0.2, 0.5, 1.0, 2.0) if span / s <= 8), 2.0)
    first = math.ceil(lo / step - 1e-9) * step
    return [round(first + i * step, 6) for i in range(int((hi - first) / step + 1e-9) + 1)]


def waterfall_html(mv: Movement, sc: Scorecard, *, lang: str = "en", top: int = 8, font_size: int = 14,
                   title: bool = True) -> str:
    """Why the index moved from ``mv.period_from`` to ``mv.period_to`` (see module docstring), as HTML.

    Rows: the start index (grey bar from 0), one bar per KPI effect (level change x weight, index
    points) from the running total, the ``top`` largest first and the rest as 'all other KPIs', the
    end index (grey). The axis is the index (0 to 10), zoomed to the bars' range."""
    rows = mv.waterfall_rows(top=top, others_label=_t(lang, "all other KPIs", "IKU lainnya"))
    items = {it.code: it for it in mv.items}
    running = [r["end"] for r in rows] + [mv.index_from, mv.index_to]
    lo, hi = min(running), max(running)
    span = max(hi - lo, 0.2)
    x0, x1 = max(0.0, lo - 0.35 * span), min(10.0, hi + 0.25 * span) + 0.001

    def pos(v: float) -> float:
        return 100.0 * (min(max(v, x0), x1) - x0) / (x1 - x0)

    idx = _t(lang, "Index", "Indeks")
    out = [CSS, f'<div class="sc-wf" style="font-size:{font_size}px">']
    if title:
        out.append(f'<div class="t" style="font-size:{font_size + 2}px">'
                   f'{html.escape(_t(lang, "Why the index moved", "Mengapa indeks berubah"))}: '
                   f'{html.escape(mv.period_from)} → {html.escape(mv.period_to)}</div>')
    for r in rows:
        if r["kind"] in ("start", "end"):
            label, text, colour, kind = f"{idx} {r['label']}", display.level(r["value"], lang), hm.TOTAL, "total"
            a, b = 0.0, r["value"]
            tip = f"{idx} {r['label']}: {text}"
        else:
            code = r["label"]
            it = items.get(code)
            label = f"{code} {hm.kpi_name(sc, code, lang, 38)}" if it else code
            text = display.signed_points(r["value"], lang)
            colour, kind = (hm.RISE, "rise") if r["value"] >= 0 else (hm.FALL, "fall")
            a, b = r["start"], r["end"]
            tip = f"{code}: {text}"
            if it is not None:
                tip = (f"{code} {hm.kpi_name(sc, code, lang, 80)}\n"
                       f"level {display.level(it.level_from, lang)} → {display.level(it.level_to, lang)}\n"
                       f"{_t(lang, 'weight', 'bobot')} {display.weight(it.weight_to, lang)}\n"
                       f"{_t(lang, 'effect on the index', 'pengaruh pada indeks')} {text}")
        left, right = sorted((pos(a), pos(b)))
        weight = "700" if kind == "total" else "400"
        out.append(f'<div class="r" data-kind="{kind}" title="{_attr(tip)}">'
                   f'<div class="l" style="font-weight:{weight}">{html.escape(label)}</div><div class="tr">'
                   f'<div class="b" style="left:{left:.2f}%;width:{right - left:.2f}%;background:{colour}"></div>'
                   f'<div class="v" style="left:calc({right:.2f}% + .35em)">{html.escape(text)}</div></div></div>')
    ticks = "".join(f'<span style="left:{pos(t):.2f}%">{html.escape(display.level(t, lang))}</span>'
                    for t in _ticks(x0, x1))
    out.append(f'<div class="ax"><div style="text-align:right">'
               f'{html.escape(_t(lang, "index (0 to 10)", "indeks (0 sampai 10)"))}</div><div class="tk">{ticks}</div>'
               f'</div></div>')
    return "".join(out)

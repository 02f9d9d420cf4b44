"""The performance tree (pohon kinerja) as a light HTML table (``st.html``): no plotly.js in the browser
(first load, issue #13). No Streamlit here.

One row per node of :func:`scorecard.charts.tree.tree_nodes` (the one source of the tree's data and
texts), in its order (depth first, siblings worst first) and indented by its depth: the office, its units,
and for expanded units their KPIs and the employees' SKP rows under each KPI. Columns: the name (a unit's
code in bold, a KPI's code with Σ when its value is computed from below, whose ``title`` lists the sources;
an employee's SKP indicator in small grey type), the light as a badge (the light's fill and ink from
:data:`scorecard.method.lights.STYLES`, with its symbol and word: never colour alone), the index / level /
capaian (:mod:`scorecard.display`), a bar of the level on 0 to 10 in the light's colour (so the unit that
pulls its parent down reads at a glance as the short bar on the first row under it), and actual / target.
A row's ``title`` (the browser's tooltip) holds the node's details; ``data-id`` / ``data-kind`` /
``data-light`` name it for tests and scripts. All texts are escaped. Sizes are CSS pixels / em.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from scorecard.charts.tree import TreeNode
from scorecard.method import lights

INK = "#101828"
MUTED = "#475467"
NO_DATA = "#D0D5DD"

CSS = f"""<style>
.sc-tree{{font-family:Arial,Helvetica,sans-serif;color:{INK};overflow-x:auto}}
.sc-tree table{{border-collapse:collapse;width:100%}}
.sc-tree th{{font-weight:600;font-size:.85em;color:{MUTED};text-align:left;padding:.2em .5em;
border-bottom:2px solid {NO_DATA};white-space:nowrap}}
.sc-tree th.r,.sc-tree td.f,.sc-tree td.v{{text-align:right}}
.sc-tree td{{padding:.22em .5em;border-bottom:1px solid #EAECF0;vertical-align:middle;white-space:nowrap}}
.sc-tree td.n{{width:100%;max-width:0;overflow:hidden;text-overflow:ellipsis}}
.sc-tree tr.unit td{{border-top:1px solid {NO_DATA}}}
.sc-tree tr.d0 td{{background:#F9FAFB;font-size:1.08em}}
.sc-tree tr.employee td,.sc-tree tr.more td{{font-size:.92em}}
.sc-tree td.f{{font-weight:700;font-variant-numeric:tabular-nums}}
.sc-tree td.v{{font-variant-numeric:tabular-nums}}
.sc-tree .bd{{display:inline-block;padding:0 .4em;border-radius:.3em;font-weight:600}}
.sc-tree .bar{{width:104px;height:13px;background:#F2F4F7;border:1px solid {NO_DATA};position:relative}}
.sc-tree .bar i{{position:absolute;left:0;top:0;bottom:0}}
.sc-tree .nt{{color:{MUTED};font-size:.88em;margin-left:.5em}}
.sc-tree .sig{{cursor:help;margin:0 .1em 0 .3em}}
</style>"""


def _t(lang: str, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


def _attr(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "&#10;")


def _badge(light: str | None, lang: str) -> str:
    if light is None:
        return f'<span class="bd" style="background:#F2F4F7;color:{INK}">{html.escape(_t(lang, "— no data", "— tanpa data"))}</span>'
    s = lights.STYLES[light]
    return (f'<span class="bd" style="background:{s.fill};color:{s.ink}" title="{_attr(s.meaning(lang))}">'
            f'{html.escape(lights.label(light, lang))}</span>')


def _bar(n: TreeNode) -> str:
    """The level on 0..10 as a bar in the light's fill (none for employees and "+N" rows)."""
    if n.kind in ("employee", "more"):
        return ""
    fill = lights.STYLES[n.light].fill if n.light else NO_DATA
    width = 0.0 if n.level is None else 10.0 * min(max(n.level, 0.0), 10.0)
    return f'<div class="bar"><i style="width:{width:.1f}%;background:{fill}"></i></div>'


def _name(n: TreeNode, lang: str) -> str:
    if n.kind == "unit":
        return f"<b>{html.escape(n.code)}</b> {html.escape(n.name)}"
    if n.kind == "kpi":
        sig = ""
        if n.sources:
            sig = (f'<b class="sig" title="{_attr(_t(lang, "computed from below: ", "dihitung dari bawah: ") + n.sources)}">'
                   f'Σ</b>')
        return f"{html.escape(n.code)}{sig} {html.escape(n.name)}"
    if n.kind == "employee":
        return f'{html.escape(n.name)}<span class="nt">{html.escape(n.note)}</span>'
    return html.escape(n.name)


def tree_html(nodes: Sequence[TreeNode], lang: str = "en", *, font_size: int = 16) -> str:
    """The tree's rows (see module docstring) as an HTML string with its CSS; ``font_size`` in px."""
    head = (f'<tr><th>{html.escape(_t(lang, "Unit · KPI · employee", "Unit · IKU · pegawai"))}</th>'
            f'<th>{html.escape(_t(lang, "Light", "Lampu"))}</th>'
            f'<th class="r">{html.escape(_t(lang, "Index · level · capaian", "Indeks · level · capaian"))}</th>'
            f'<th>{html.escape(_t(lang, "level 0–10", "level 0–10"))}</th>'
            f'<th class="r">{html.escape(_t(lang, "Actual / target", "Realisasi / target"))}</th></tr>')
    rows = []
    for n in nodes:
        light = f' data-light="{n.light}"' if n.light else ""
        title = f' title="{_attr(n.detail)}"' if n.detail else ""
        badge = _badge(n.light, lang) if n.kind != "more" else ""
        rows.append(f'<tr class="{n.kind} d{min(n.depth, 9)}" data-id="{_attr(n.id)}" data-kind="{n.kind}"{light}{title}>'
                    f'<td class="n" style="padding-left:{0.5 + 1.5 * n.depth:.1f}em">{_name(n, lang)}</td>'
                    f'<td>{badge}</td><td class="f">{html.escape(n.figure)}</td><td>{_bar(n)}</td>'
                    f'<td class="v">{html.escape(n.values)}</td></tr>')
    return (f'{CSS}<div class="sc-tree" style="font-size:{font_size}px"><table><thead>{head}</thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')

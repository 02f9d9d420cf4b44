"""The performance tree (pohon kinerja) of a cascade as a plotly icicle, coloured by light.

Top down: the office, its units (any depth), then - only for the units in ``expanded`` - their
KPIs and under each KPI the employees' SKP rows that support it. Collapsed, every unit has the same
width; an expanded unit is as wide as its KPIs. Every box carries the light's shape and word next
to its colour (never colour alone) and the unit's index or the KPI's level. Clicking a box zooms
into it (plotly's own drill-down); the root box zooms back out.
"""

from __future__ import annotations

import pandas  # noqa: F401 - imported for real before plotly looks it up: on a cold server another script
import plotly.graph_objects as go  # run may be importing pandas, and plotly's lookup would see it half-built

from scorecard.io.numbers import format_number
from scorecard.method import lights
from scorecard.method.cascade import CascadeResult

NO_DATA = "#D0D5DD"


def _word(light: str | None, lang: str) -> str:
    return lights.label(light, lang) if light else ("— tanpa data" if lang == "id" else "— no data")


def _num(x: float | None, decimals: int = 2, lang: str = "en") -> str:
    """A number in the language's style (4,74 in Indonesian); big numbers without decimals."""
    if x is None:
        return "—"
    return format_number(x, locale="id" if lang == "id" else "en", decimals=decimals if abs(x) < 1000 else 0)


def tree_nodes(result: CascadeResult, expanded: set[str] | frozenset[str] = frozenset(), lang: str = "en",
               max_employees: int = 60) -> dict[str, list]:
    """The icicle's columns: ids, parents, labels, hover texts, lights, values (leaf = 1, parent = sum)."""
    tree = result.tree
    ids: list[str] = []
    parents: list[str] = []
    labels: list[str] = []
    hovers: list[str] = []
    light: list[str | None] = []
    order = tree.subtree(tree.root().code)
    for code in order:
        u = result.units[code]
        ids.append(f"u:{code}")
        parents.append("" if u.parent is None or u.parent not in result.units else f"u:{u.parent}")
        lt = None if u.score is None else u.light
        short = u.name if len(u.name) <= 34 else u.name[:33] + "…"
        labels.append(f"<b>{code}</b> {_word(lt, lang)} {_num(u.index, lang=lang)}<br><span style='font-size:0.8em'>"
                      f"{short}</span>")
        hovers.append(f"{u.name}<br>{'Indeks' if lang == 'id' else 'Index'} {_num(u.index, lang=lang)}")
        light.append(lt)
    for code in order:
        if code not in expanded:
            continue
        u = result.units[code]
        for k in (u.score.kpis if u.score else []):
            kid = f"k:{code}:{k.code}"
            ids.append(kid)
            parents.append(f"u:{code}")
            mark = " Σ" if k.code in u.rollups else ""
            labels.append(f"{k.code}{mark}<br>{_word(k.light, lang)} {_num(k.level, lang=lang)}")
            name = u.scorecard.kpi(k.code).name(lang)
            hovers.append(f"{name}<br>{'Realisasi' if lang == 'id' else 'Actual'} {_num(k.actual, lang=lang)} / "
                          f"target {_num(k.target, lang=lang)}")
            light.append(k.light)
            rows = [r for r in result.skp if r.row.unit == code and r.row.supports == k.code][:max_employees]
            for r in rows:
                ids.append(f"e:{code}:{k.code}:{r.row.employee}:{r.row.code}")
                parents.append(kid)
                first = r.row.person.split()[0] if r.row.person.split() else r.row.employee
                labels.append(f"{first}<br>{lights.STYLES[r.light].symbol} {_num(r.capaian, 0, lang=lang)}%")
                hovers.append(f"{r.row.person} ({r.row.employee})<br>{r.row.indicator}<br>"
                              f"{_num(r.row.actual, lang=lang)} / {_num(r.row.target, lang=lang)}: {_word(r.light, lang)}")
                light.append(r.light)
    values = _values(ids, parents, {f"u:{c}" for c in order if c not in expanded})
    return {"ids": ids, "parents": parents, "labels": labels, "hovers": hovers, "lights": light, "values": values}


def _values(ids: list[str], parents: list[str], collapsed: set[str]) -> list[float]:
    """Box sizes (branchvalues="total"): a leaf 1, a parent the sum of its children, and a collapsed unit
    as wide as the widest expanded unit, so that opening one unit never hides the others' labels."""
    index = {x: i for i, x in enumerate(ids)}
    has_kids = {p for p in parents if p}
    sums = [0.0] * len(ids)
    values = [1.0] * len(ids)
    for i in range(len(ids) - 1, -1, -1):  # children come after their parents
        values[i] = sums[i] if ids[i] in has_kids else 1.0
        if parents[i]:
            sums[index[parents[i]]] += values[i]
    widest = max((values[i] for i, x in enumerate(ids) if x.startswith("u:") and x not in collapsed
                  and any(p == x and not c.startswith("u:") for c, p in zip(ids, parents, strict=True))),
                 default=1.0)
    if widest > 1:
        sums = [0.0] * len(ids)
        for i in range(len(ids) - 1, -1, -1):
            leaf = ids[i] not in has_kids
            own = widest if (ids[i] in collapsed and leaf) else (1.0 if leaf else sums[i])
            values[i] = own
            if parents[i]:
                sums[index[parents[i]]] += own
    return values


def tree_figure(result: CascadeResult, expanded: set[str] | frozenset[str] = frozenset(), lang: str = "en", *,
                height: int | None = None, font_size: int = 18) -> go.Figure:
    """The performance tree; large type for a projector (``font_size`` 18 px by default); ``height``
    defaults to 130 px per level shown (at most 720)."""
    n = tree_nodes(result, expanded, lang)
    depth: dict[str, int] = {}
    for i, p in zip(n["ids"], n["parents"], strict=True):
        depth[i] = depth[p] + 1 if p else 1
    levels = max(depth.values(), default=1)
    height = height or min(720, 20 + 130 * levels)
    fills = [lights.STYLES[x].fill if x else NO_DATA for x in n["lights"]]
    inks = [lights.STYLES[x].ink if x else "#101828" for x in n["lights"]]
    fig = go.Figure(go.Icicle(
        ids=n["ids"], parents=n["parents"], labels=n["ids"], values=n["values"], branchvalues="total",
        text=n["labels"], texttemplate="%{text}", hovertext=n["hovers"], hovertemplate="%{hovertext}<extra></extra>",
        marker={"colors": fills, "line": {"color": "#FFFFFF", "width": 2}},
        textfont={"size": font_size, "color": inks}, insidetextfont={"size": font_size, "color": inks},
        tiling={"orientation": "v", "pad": 2}, root={"color": "#FFFFFF"}, sort=False, pathbar={"visible": False},
        leaf={"opacity": 1.0}, textposition="middle center",
    ))
    fig.update_layout(height=height, margin={"l": 4, "r": 4, "t": 4, "b": 4}, paper_bgcolor="#FFFFFF")
    return fig

"""The performance tree (pohon kinerja) of a cascade as a plotly treemap, coloured by light.

Nested tiles: the office frames its units (any depth); only the units in ``expanded`` show their
KPIs, and under each KPI the employees' SKP rows that support it. Collapsed, every unit gets the
same area, so 40 units still read as 40 labelled tiles on a projector; the expanded units together
take :data:`EXPANDED_SHARE` of the area. Every tile carries the light's shape and word next to its
colour (never colour alone) and the unit's index, the KPI's level or the employee's capaian.
Clicking a tile zooms into it (plotly's own drill-down); the path bar on top zooms back out.
"""

from __future__ import annotations

import pandas  # noqa: F401 - imported for real before plotly looks it up: on a cold server another script
import plotly.graph_objects as go  # run may be importing pandas, and plotly's lookup would see it half-built

from scorecard import display
from scorecard.method import lights
from scorecard.method.cascade import CascadeResult

NO_DATA = "#D0D5DD"


def _word(light: str | None, lang: str) -> str:
    return lights.label(light, lang) if light else ("— tanpa data" if lang == "id" else "— no data")


def _num(x: float | None, decimals: int | None = None, lang: str = "en") -> str:
    """A plain value in the language's style (scorecard.display.number); big numbers without decimals."""
    if x is None:
        return display.MISSING
    return display.number(x, lang, decimals if abs(x) < 1000 else 0)


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
        labels.append(f"<b>{code}</b> {_word(lt, lang)} {display.level(u.index, lang)}<br><span style='font-size:0.8em'>"
                      f"{short}</span>")
        hovers.append(f"{u.name}<br>{'Indeks' if lang == 'id' else 'Index'} {display.level(u.index, lang)}")
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
            labels.append(f"{k.code}{mark}<br>{_word(k.light, lang)} {display.level(k.level, lang)}")
            name = u.scorecard.kpi(k.code).name(lang)
            hovers.append(f"{name}<br>{'Realisasi' if lang == 'id' else 'Actual'} {_num(k.actual, lang=lang)} / "
                          f"target {_num(k.target, lang=lang)}")
            light.append(k.light)
            rows = [r for r in result.skp if r.row.unit == code and r.row.supports == k.code][:max_employees]
            for r in rows:
                ids.append(f"e:{code}:{k.code}:{r.row.employee}:{r.row.code}")
                parents.append(kid)
                first = r.row.person.split()[0] if r.row.person.split() else r.row.employee
                labels.append(f"{first}<br>{lights.STYLES[r.light].symbol} {display.capaian(r.capaian, lang)}")
                hovers.append(f"{r.row.person} ({r.row.employee})<br>{r.row.indicator}<br>"
                              f"{_num(r.row.actual, lang=lang)} / {_num(r.row.target, lang=lang)}: {_word(r.light, lang)}")
                light.append(r.light)
    values = _values(ids, parents, {f"u:{c}" for c in order if c not in expanded})
    # a tile with tiles inside shows its label as a one-line header (the name stays in the hover)
    framed = {p for p in parents if p}
    labels = [lab.split("<br>")[0].replace("<b>", "").replace("</b>", "") if i in framed and "<b>" in lab
              else lab.replace("<br>", " ") if i in framed else lab for i, lab in zip(ids, labels, strict=True)]
    return {"ids": ids, "parents": parents, "labels": labels, "hovers": hovers, "lights": light, "values": values}


EXPANDED_SHARE = 0.6


def _values(ids: list[str], parents: list[str], collapsed: set[str]) -> list[float]:
    """Tile sizes (branchvalues="total"): a leaf 1, a parent the sum of its children; collapsed units
    share (1 - EXPANDED_SHARE) of the area equally when some unit is expanded."""
    index = {x: i for i, x in enumerate(ids)}
    has_kids = {p for p in parents if p}

    def total(collapsed_value: float) -> list[float]:
        sums = [0.0] * len(ids)
        values = [1.0] * len(ids)
        for i in range(len(ids) - 1, -1, -1):  # children come after their parents
            leaf = ids[i] not in has_kids
            values[i] = (collapsed_value if ids[i] in collapsed else 1.0) if leaf else sums[i]
            if parents[i]:
                sums[index[parents[i]]] += values[i]
        return values

    plain = total(1.0)
    shown = [x for x in ids if x.startswith("u:") and x not in collapsed
             and any(p == x and not c.startswith("u:") for c, p in zip(ids, parents, strict=True))]
    leaves = [x for x in collapsed if x not in has_kids]
    if not shown or not leaves:
        return plain
    expanded_total = sum(plain[index[x]] for x in shown)
    return total(max(1.0, (1 - EXPANDED_SHARE) / EXPANDED_SHARE * expanded_total / len(leaves)))


def tree_figure(result: CascadeResult, expanded: set[str] | frozenset[str] = frozenset(), lang: str = "en", *,
                height: int = 600, font_size: int = 18) -> go.Figure:
    """The performance tree; large type for a projector (``font_size`` 18 px at most: plotly shrinks
    a label to fit its tile)."""
    n = tree_nodes(result, expanded, lang)
    fills = [lights.STYLES[x].fill if x else NO_DATA for x in n["lights"]]
    inks = [lights.STYLES[x].ink if x else "#101828" for x in n["lights"]]
    fig = go.Figure(go.Treemap(
        ids=n["ids"], parents=n["parents"], labels=n["labels"], values=n["values"], branchvalues="total",
        texttemplate="%{label}", hovertext=n["hovers"], hovertemplate="%{hovertext}<extra></extra>",
        marker={"colors": fills, "line": {"color": "#FFFFFF", "width": 2}, "pad": {"t": 30, "l": 4, "r": 4, "b": 4}},
        textfont={"size": font_size, "color": inks}, insidetextfont={"size": font_size, "color": inks},
        tiling={"packing": "squarify", "pad": 3}, root={"color": "#FFFFFF"}, sort=False,
        pathbar={"visible": True, "thickness": 24, "textfont": {"size": 14}},
        textposition="middle center",
    ))
    fig.update_layout(height=height, margin={"l": 4, "r": 4, "t": 30, "b": 4}, paper_bgcolor="#FFFFFF")
    return fig

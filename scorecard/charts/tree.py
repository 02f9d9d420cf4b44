"""The performance tree (pohon kinerja) of a cascade as rows of node data; drawn by :mod:`scorecard.charts.tree_html`.

The office first, its units below it (any depth); only the units in ``expanded`` show their KPIs, and under
each KPI the employees' SKP rows that support it. Siblings are sorted worst first (no data and red, then
yellow, then green; within a light the lowest level or capaian first), so the unit that pulls its parent
down is the first row under it. Every node carries its light (never colour alone: the drawing shows the
light's shape and word), its shown number (:mod:`scorecard.display`: a unit's index or a KPI's level, 0 to
10, or an employee's capaian in %), its actual / target, a tooltip text and, for a value computed from the
units or employees below (a roll-up), the sources it was computed from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from scorecard import display
from scorecard.method import lights
from scorecard.method.cascade import CascadeResult, RollUp, SkpResult

NodeKind = Literal["unit", "kpi", "employee", "more"]


@dataclass(frozen=True)
class TreeNode:
    """One row of the performance tree.

    ``id`` is ``u:UNIT``, ``k:UNIT:KPI``, ``e:UNIT:KPI:EMPLOYEE:ROW`` or ``m:UNIT:KPI`` (the "+N employees"
    row past ``max_employees``); ``parent`` the parent's id ("" for the office); ``depth`` 0 for the office.
    ``code`` is the unit code, KPI code or employee id (NIP); ``name`` the full name (unit, KPI, person).
    ``level`` is the unit's index or the KPI's level (0..10, ``None`` for no data and for employees);
    ``figure`` the number shown (display.level, or display.capaian for an employee); ``values`` "actual /
    target" ("" for units); ``note`` a short text under the name (an employee's SKP indicator);
    ``detail`` the tooltip (plain text, one line per detail); ``sources`` how a computed value (Σ) was
    rolled up and from what (plain text, "" when typed).
    """

    id: str
    parent: str
    kind: NodeKind
    depth: int
    code: str
    name: str
    light: lights.Light | None
    level: float | None
    figure: str
    values: str = ""
    note: str = ""
    detail: str = ""
    sources: str = ""


def _t(lang: str, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


def _word(light: str | None, lang: str) -> str:
    return lights.label(light, lang) if light else _t(lang, "— no data", "— tanpa data")


def _num(x: float | None, decimals: int | None = None, lang: str = "en") -> str:
    """A plain value in the language's style (scorecard.display.number); big numbers without decimals."""
    if x is None:
        return display.MISSING
    return display.number(x, lang, decimals if abs(x) < 1000 else 0)


def rollup_text(code: str, ru: RollUp, lang: str = "en", limit: int = 40, names: dict[str, str] | None = None) -> str:
    """How a KPI's actual was computed: 'K1 = sum (2/2) = 47,000: DAFDUK/d1 39,000, CAPIL/c1 8,000'
    (rule, supporters that reported / all, result, then each supporter as unit-or-employee/item value, an
    employee by name when ``names`` (employee id -> person) has it; past ``limit`` supporters '… (+N)'); a
    typed value that disagrees is added on a second line."""
    names = names or {}
    parts = ", ".join(f"{names.get(s.employee) or s.employee or s.unit}/{s.item} {_num(s.value, lang=lang)}"
                      for s in ru.supporters[:limit])
    more = f" … (+{len(ru.supporters) - limit})" if len(ru.supporters) > limit else ""
    text = f"{code} = {ru.rule} ({ru.reported}/{len(ru.supporters)}) = {_num(ru.value, lang=lang)}: {parts}{more}"
    if ru.disagrees:
        text += "\n⚠ " + _t(lang, "typed", "diketik") + f" {_num(ru.typed, lang=lang)}"
    return text


def _worst_first(light: str | None, x: float | None) -> tuple[int, float]:
    """Sort key: no data and red first, then yellow, then green; the lowest value first within a light."""
    return (0 if light is None else lights.LIGHTS.index(light), -1.0 if x is None else x)


def _skp_node(r: SkpResult, parent: str, depth: int, lang: str) -> TreeNode:
    row = r.row
    values = f"{_num(row.actual, lang=lang)} / {_num(row.target, lang=lang)}"
    return TreeNode(
        id=f"e:{row.unit}:{row.supports}:{row.employee}:{row.code}", parent=parent, kind="employee", depth=depth,
        code=row.employee, name=row.person or row.employee, light=r.light, level=None,
        figure=display.capaian(r.capaian, lang), values=values, note=row.indicator,
        detail=f"{row.person} ({row.employee})\n{row.indicator}\n{values}: {_word(r.light, lang)}")


def tree_nodes(result: CascadeResult, expanded: set[str] | frozenset[str] = frozenset(), lang: str = "en",
               max_employees: int = 60) -> list[TreeNode]:
    """The tree's rows, depth first (a unit, its KPIs with their employees if expanded, then its sub-units);
    siblings worst first. At most ``max_employees`` employee rows under a KPI (the worst), the rest one
    "+N" row."""
    tree = result.tree
    root = tree.root().code
    kids: dict[str, list[str]] = defaultdict(list)
    for code in tree.subtree(root):
        u = result.units[code]
        if code != root and u.parent in result.units:
            kids[u.parent].append(code)
    skp: dict[tuple[str, str], list[SkpResult]] = defaultdict(list)
    for r in result.skp:
        skp[(r.row.unit, r.row.supports)].append(r)
    labels = {x.code: x.label(lang) for x in tree.units}
    people = {r.row.employee: r.row.person for r in result.skp if r.row.person}
    out: list[TreeNode] = []
    idx = _t(lang, "Index", "Indeks")

    def unit(code: str, parent: str, depth: int) -> None:
        u = result.units[code]
        lt = None if u.score is None else u.light
        uid = f"u:{code}"
        name = labels[code]
        out.append(TreeNode(uid, parent, "unit", depth, code, name, lt, u.index, display.level(u.index, lang),
                            detail=f"{code} {name}\n{idx} {display.level(u.index, lang)}: {_word(lt, lang)}"))
        if code in expanded and u.score is not None:
            for k in sorted(u.score.kpis, key=lambda k: _worst_first(k.light, k.level)):
                kid = f"k:{code}:{k.code}"
                name = u.scorecard.kpi(k.code).name(lang)
                values = f"{_num(k.actual, lang=lang)} / {_num(k.target, lang=lang)}"
                ru = u.rollups.get(k.code)
                sources = rollup_text(k.code, ru, lang, names=people) if ru is not None else ""
                detail = (f"{k.code} {name}\nlevel {display.level(k.level, lang)}: {_word(k.light, lang)}\n"
                          f"{_t(lang, 'Actual', 'Realisasi')} / target {values}")
                out.append(TreeNode(kid, uid, "kpi", depth + 1, k.code, name, k.light, k.level,
                                    display.level(k.level, lang), values=values,
                                    detail=detail + (f"\nΣ {sources}" if sources else ""), sources=sources))
                rows = sorted(skp[(code, k.code)], key=lambda r: _worst_first(r.light, r.capaian))
                out.extend(_skp_node(r, kid, depth + 2, lang) for r in rows[:max_employees])
                if len(rows) > max_employees:
                    n = len(rows) - max_employees
                    out.append(TreeNode(f"m:{code}:{k.code}", kid, "more", depth + 2, "",
                                        f"… +{n} {_t(lang, 'employees', 'pegawai')}", None, None, ""))
        for c in sorted(kids[code], key=lambda c: _worst_first(None if result.units[c].score is None
                                                                 else result.units[c].light, result.units[c].index)):
            unit(c, uid, depth + 1)

    unit(root, "", 0)
    return out

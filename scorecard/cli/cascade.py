"""Cascade commands (a tree of scorecards, METHOD §8): ``cascade`` (roll a tree workbook up: each unit's
index, light and roll-up values; text or ``--json``), ``cascade-demo`` (write the example tree workbook) and
``tree-template`` (a blank tree workbook)."""

from __future__ import annotations

import argparse

from scorecard.cli.common import CliError, existing, known_period, print_json, write_output


def _load_tree(path: str, lang: str):
    """Read a tree workbook, or raise CliError with its first error."""
    from scorecard.io.tree_workbook import read_tree_path

    res = read_tree_path(existing(path, lang))
    if res.tree is None:  # errors, or no units yet (the blank template: a warning says so)
        found = res.report.errors or res.report.warnings
        first = found[0].text(lang) if found else "unreadable workbook"
        raise CliError(first + (f" (+{len(res.report.errors) - 1} more)" if len(res.report.errors) > 1 else ""))
    return res.tree


def cascade_json(result) -> dict:
    """The ``cascade --json`` object: every unit (top down) with index, light and KPI roll-ups."""
    def kpi(u, k) -> dict:
        ru = u.rollups.get(k.code)
        return {"code": k.code, "actual": k.actual, "target": k.target, "level": k.level, "light": k.light,
                "computed": ru is not None,
                "rollup": None if ru is None else {
                    "rule": ru.rule, "value": ru.value, "typed": ru.typed, "disagrees": ru.disagrees,
                    "supporters": [{"unit": s.unit, "item": s.item, "employee": s.employee or None, "value": s.value}
                                   for s in ru.supporters]}}

    tree = result.tree
    order = tree.subtree(tree.root().code)
    al = result.alignment()
    return {
        "tree": tree.name, "period": result.period,
        "units": [{"code": c, "name": result.units[c].name, "parent": result.units[c].parent,
                   "depth": result.units[c].depth, "index": result.units[c].index, "light": result.units[c].light,
                   "kpis": [kpi(result.units[c], k) for k in (result.units[c].score.kpis
                                                            if result.units[c].score else [])]} for c in order],
        "employees": [{"unit": r.row.unit, "employee": r.row.employee, "person": r.row.person, "code": r.row.code,
                       "indicator": r.row.indicator, "target": r.row.target, "actual": r.row.actual,
                       "capaian": r.capaian, "light": r.light, "supports": r.row.supports} for r in result.skp],
        "alignment": {"supports_nothing": [list(x) for x in al.supports_nothing],
                      "unsupported": [list(x) for x in al.unsupported],
                      "no_employee": [list(x) for x in al.no_employee]},
    }


def cascade_text(result, lang: str) -> str:
    """The tree as indented lines: unit, index, light; red KPIs with what pulls them down."""
    from scorecard import display
    from scorecard.method import lights

    tree = result.tree
    lines = [f"{tree.name} — {result.period}", ""]
    for c in tree.subtree(tree.root().code):
        u = result.units[c]
        idx = display.level(u.index, lang)
        lines.append(f"{'  ' * u.depth}{u.code} {u.name}: {idx} {lights.label(u.light, lang)}")
        for k in (u.score.kpis if u.score else []):
            mark = " Σ" if k.code in u.rollups else ""
            lvl = display.level(k.level, lang)
            lines.append(f"{'  ' * u.depth}  · {k.code}{mark} {lvl} {lights.label(k.light, lang)}")
    return "\n".join(lines)


def _cmd_cascade(a: argparse.Namespace) -> int:
    from scorecard.method.cascade import evaluate

    tree = _load_tree(a.workbook, a.lang)
    period = None
    if a.period:
        known = sorted({p for u in tree.units for p in u.scorecard.periods()} | {r.period for r in tree.skp})
        period = known_period(a.period, known, a.lang)
    result = evaluate(tree, period)
    if a.json:
        print_json(cascade_json(result))
    else:
        print(cascade_text(result, a.lang))
    return 0


def _cmd_cascade_demo(a: argparse.Namespace) -> int:
    from scorecard.io.cascade_demo import build_cascade_demo

    print(build_cascade_demo(a.out, a.lang))
    return 0


def _cmd_tree_template(a: argparse.Namespace) -> int:
    from scorecard.io.tree_template import write_tree_template

    return write_output(a.out, write_tree_template(lang=a.lang))


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``cascade``, ``cascade-demo`` and ``tree-template``."""
    c = sub.add_parser("cascade", help="roll a tree workbook up: each unit's index, light and roll-up values")
    c.add_argument("workbook")
    c.add_argument("--period", help="period label (default: the office's latest)")
    c.add_argument("--json", action="store_true", help="print one JSON object")
    c.set_defaults(func=_cmd_cascade)
    d = sub.add_parser("cascade-demo", help="write the example tree workbook (office, two units, employees)")
    d.add_argument("out", nargs="?", default=None, help="default data/cascade_demo.xlsx")
    d.set_defaults(func=_cmd_cascade_demo)
    tt = sub.add_parser("tree-template", help="write a blank tree workbook (Units, Kaskade, SKP and the scorecard "
                        "sheets with a unit column; headers in --lang, with help)")
    tt.add_argument("out")
    tt.set_defaults(func=_cmd_tree_template)

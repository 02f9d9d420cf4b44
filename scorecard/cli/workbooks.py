"""Workbook commands: ``template`` (blank or pre-filled), ``export`` (the styled report workbook, or CSV),
``import`` (an office's own table into our workbook) and ``demo-workbook`` (regenerate ``data/demo.xlsx``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from scorecard.cli.common import CliError, existing, load, load_period, print_json, write_output
from scorecard.io.demo import DEMO_PATH


def _cmd_template(a: argparse.Namespace) -> int:
    from scorecard.io.workbook import template

    base = load(a.from_, a.lang) if a.from_ else None
    return write_output(a.out, template(a.lang, from_scorecard=base))


def _cmd_export(a: argparse.Namespace) -> int:
    from scorecard.reports.excel import export_csv, export_report

    sc, period = load_period(a)
    out = Path(a.out)
    if out.suffix.lower() == ".csv":
        return write_output(out, export_csv(sc, period, lang=a.lang))
    return write_output(out, export_report(sc, period, lang=a.lang))


def _import_mapping(a: argparse.Namespace):
    """The mapping of ``--mapping``: a workbook written by an earlier import (it keeps its mapping in its
    settings) or a saved MAP.json; None without ``--mapping``; CliError when it cannot be used."""
    from scorecard.io.table_import import Mapping, mapping_from_settings

    if not a.mapping:
        return None
    if Path(a.mapping).suffix.lower() in (".xlsx", ".xlsm"):
        mapping = mapping_from_settings(load(a.mapping, a.lang))  # last year's imported workbook
        if mapping is None:
            raise CliError(("buku kerja ini tidak menyimpan pemetaan impor: " if a.lang == "id" else
                            "this workbook keeps no import mapping: ") + a.mapping)
        return mapping
    try:
        return Mapping.from_json(Path(a.mapping).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise CliError(("pemetaan tidak terbaca: " if a.lang == "id" else "unreadable mapping: ")
                       + f"{a.mapping}: {exc}") from None


def _cmd_import(a: argparse.Namespace) -> int:
    """Import an office's own table (LKjIP, PK, "Data 2024" sheets, ...) and write our workbook."""
    from scorecard.io.table_import import apply_plan, build_plan, equal_weights_note, plan_json
    from scorecard.io.workbook import write_workbook

    src = existing(a.source, a.lang)
    mapping = _import_mapping(a)
    plan = build_plan(src.read_bytes(), src.name, mapping)
    errors = [p for p in plan.problems if p.is_error]
    if errors or not plan.kpis:
        if a.json:
            print_json({**plan_json(plan, a.lang), "written": None})
        first = errors[0].text(a.lang) if errors else ("tidak ada tabel" if a.lang == "id" else "no table found")
        more = f" (+{len(errors) - 1})" if len(errors) > 1 else ""
        raise CliError(first + more)
    sc = apply_plan(plan)
    Path(a.out).write_bytes(write_workbook(sc, lang=a.lang))
    if a.save_mapping:
        Path(a.save_mapping).write_text(plan.mapping.to_json(), encoding="utf-8")
    if a.json:
        print_json({**plan_json(plan, a.lang), "written": a.out})
        return 0
    for line in plan.assumptions(a.lang):
        print("- " + line)
    for p in plan.problems:
        print(("peringatan: " if a.lang == "id" else "warning: ") + p.text(a.lang))
    print(equal_weights_note().text(a.lang))
    print(a.out)
    return 0


def _cmd_demo_workbook(a: argparse.Namespace) -> int:
    from scorecard.io.workbook import build_demo_workbook

    build_demo_workbook(Path(a.out))
    print(a.out)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``template``, ``export``, ``import`` and ``demo-workbook``."""
    t = sub.add_parser("template", help="write a blank or pre-filled workbook template")
    t.add_argument("out")
    t.add_argument("--from", dest="from_", metavar="WORKBOOK", help="pre-fill from this workbook")
    t.set_defaults(func=_cmd_template)

    e = sub.add_parser("export", help="write the styled report workbook (or CSV when OUT ends in .csv)")
    e.add_argument("workbook")
    e.add_argument("out")
    e.add_argument("--period")
    e.set_defaults(func=_cmd_export)

    i = sub.add_parser("import", help="import an office's own table (LKjIP, PK, Data 2024 ...) into OUT.xlsx")
    i.add_argument("source")
    i.add_argument("out")
    i.add_argument("--mapping", metavar="MAP.json", help="a saved mapping (from --save-mapping), or a workbook "
                   "written by an earlier import (it keeps its mapping in its settings)")
    i.add_argument("--save-mapping", metavar="MAP.json", help="write the mapping used, for next year's file")
    i.add_argument("--json", action="store_true", help="print one JSON object (sheets, periods, kpis, assumptions)")
    i.set_defaults(func=_cmd_import)

    d = sub.add_parser("demo-workbook", help="regenerate the demo workbook from data/reference")
    d.add_argument("out", nargs="?", default=str(DEMO_PATH))
    d.set_defaults(func=_cmd_demo_workbook)

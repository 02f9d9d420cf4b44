"""Checking commands: ``validate`` (the workbook's validation report; exit 1 when it has errors) and
``check-kpis`` (indicator quality advice; never fails)."""

from __future__ import annotations

import argparse

from scorecard.cli.common import existing, load, print_json
from scorecard.model import Scorecard


def check_kpis_text(sc: Scorecard, lang: str) -> str:
    """The indicator quality check for people: the summary, then each finding and its suggestion."""
    from scorecard.method.kpi_quality import check_kpis

    rep = check_kpis(sc)
    lines = [rep.summary().text(lang)]
    for f in rep.findings:
        lines += [f"  {f.code} [{f.rule}] {f.message.text(lang)}", f"      -> {f.suggestion.text(lang)}"]
    return "\n".join(lines)


def _cmd_validate(a: argparse.Namespace) -> int:
    from scorecard.io.workbook import read_path

    res = read_path(existing(a.file, a.lang))
    print(res.report.text(a.lang))
    return 0 if res.scorecard is not None else 1


def _cmd_check_kpis(a: argparse.Namespace) -> int:
    """Findings never fail the command (exit 0): they are advice, not errors."""
    from scorecard.method.kpi_quality import check_kpis

    sc = load(a.workbook, a.lang)
    if a.json:
        print_json(check_kpis(sc).as_json(a.lang))
    else:
        print(check_kpis_text(sc, a.lang))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``validate`` and ``check-kpis``."""
    v = sub.add_parser("validate", help="print the validation report; exit 1 when it has errors")
    v.add_argument("file")
    v.set_defaults(func=_cmd_validate)

    q = sub.add_parser("check-kpis", help="indicator quality check: which KPIs need attention and why")
    q.add_argument("workbook")
    q.add_argument("--json", action="store_true", help='print one JSON object {"findings": [...], ...}')
    q.set_defaults(func=_cmd_check_kpis)

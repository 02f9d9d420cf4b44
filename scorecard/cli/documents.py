"""Document commands: ``lkjip`` (the LKjIP Pengukuran Kinerja report of a period, .docx), ``briefing`` (the
briefing PDF of a period) and ``manual`` (the KPI manual, Manual IKU, .docx)."""

from __future__ import annotations

import argparse

from scorecard.cli.common import load, load_period, write_output


def _period_document(sub: argparse._SubParsersAction, name: str, help_: str, build: str) -> None:
    """A command that writes one document of a period: ``name WORKBOOK OUT [--period P]``; ``build`` is
    ``module:function`` taking (scorecard, period, lang) and returning the file's bytes (imported when run)."""

    def run(a: argparse.Namespace) -> int:
        import importlib

        module, func = build.split(":")
        sc, period = load_period(a)
        return write_output(a.out, getattr(importlib.import_module(module), func)(sc, period, a.lang))

    p = sub.add_parser(name, help=help_)
    p.add_argument("workbook")
    p.add_argument("out")
    p.add_argument("--period", help="period label (default: the latest)")
    p.set_defaults(func=run)


def _cmd_manual(a: argparse.Namespace) -> int:
    from scorecard.reports.kpi_manual import kpi_manual_docx

    return write_output(a.out, kpi_manual_docx(load(a.workbook, a.lang), a.lang))


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``lkjip``, ``briefing`` and ``manual``."""
    _period_document(sub, "lkjip", "write the LKjIP Pengukuran Kinerja report of a period (.docx)",
                     "scorecard.reports.lkjip:build_lkjip_docx")
    _period_document(sub, "briefing", "write the briefing PDF of a period (A4 landscape, large type)",
                     "scorecard.reports.briefing:build_briefing_pdf")

    m = sub.add_parser("manual", help="write the KPI manual (Manual IKU) as a Word document, one section per KPI")
    m.add_argument("workbook")
    m.add_argument("out", help="the .docx file to write")
    m.set_defaults(func=_cmd_manual)

"""Command line: ``python -m scorecard [--lang id|en] <command> ...``.

Where each command lives (each module's ``register(sub)`` adds its commands; a new command touches one file):

=========================================================  ================================
command                                                    module
=========================================================  ================================
``score``, ``sensitivity``                                 :mod:`scorecard.cli.scoring`
``validate``, ``check-kpis``                               :mod:`scorecard.cli.checks`
``template``, ``export``, ``import``, ``demo-workbook``    :mod:`scorecard.cli.workbooks`
``lkjip``, ``briefing``, ``manual``                        :mod:`scorecard.cli.documents`
``cascade``, ``cascade-demo``, ``tree-template``           :mod:`scorecard.cli.cascade`
``doctor`` (is storage usable? exit 0 yes, 1 no)           :mod:`scorecard.cli.storage`
=========================================================  ================================

What they share (loading a workbook with its messages, the period, JSON, writing OUT): :mod:`scorecard.cli.common`.
Exit codes: 0 success, 1 the input has errors (a one-line reason on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from scorecard.cli import cascade, checks, documents, scoring, storage, workbooks
from scorecard.cli.cascade import cascade_json, cascade_text
from scorecard.cli.checks import check_kpis_text
from scorecard.cli.common import CliError
from scorecard.cli.scoring import score_json, score_text

__all__ = ["CliError", "build_parser", "cascade_json", "cascade_text", "check_kpis_text", "main", "score_json",
           "score_text"]

#: The command groups; each module's ``register(sub)`` adds its commands to the parser.
GROUPS = (scoring, checks, workbooks, storage, documents, cascade)

#: The order ``--help`` lists the commands in (the order users have known); a command missing here is listed
#: after these, in the order its group added it.
HELP_ORDER = ("score", "validate", "template", "export", "sensitivity", "import", "demo-workbook", "doctor",
              "lkjip", "briefing", "cascade", "cascade-demo", "tree-template", "check-kpis", "manual")


def _in_help_order(sub: argparse._SubParsersAction) -> None:
    """Sort the commands of ``sub`` (the ``{a,b,...}`` of the usage line and the list of ``--help``) by
    :data:`HELP_ORDER`, whatever order the groups added them in."""
    rank = {name: i for i, name in enumerate(HELP_ORDER)}

    def key(name: str) -> int:
        return rank.get(name, len(rank))

    parsers = sorted(sub.choices.items(), key=lambda kv: key(kv[0]))  # stable: unknown ones keep their order
    sub.choices.clear()
    sub.choices.update(parsers)
    sub._choices_actions.sort(key=lambda action: key(action.dest))


def build_parser() -> argparse.ArgumentParser:
    """The whole parser: ``--lang`` and every group's commands (each sets ``func``, run by :func:`main`)."""
    ap = argparse.ArgumentParser(prog="python -m scorecard",
                                 description="Balanced Scorecard: AHP weights, OMAX scoring, traffic lights.")
    ap.add_argument("--lang", choices=("id", "en"), default="en", help="language of messages and tables")
    sub = ap.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    _in_help_order(sub)
    return ap


def _lang_anywhere(argv: Sequence[str]) -> list[str]:
    """Accept ``--lang`` after the command too (``score X --lang id``)."""
    args = list(argv)
    for i, tok in enumerate(args):
        if tok == "--lang" and i + 1 < len(args) and i > 0:
            return [tok, args[i + 1]] + args[:i] + args[i + 2:]
        if tok.startswith("--lang="):
            return [tok] + args[:i] + args[i + 1:]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit code (see the module docstring). Never ends in a traceback."""
    args = build_parser().parse_args(_lang_anywhere(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the CLI must end with one line, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1

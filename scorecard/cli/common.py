"""What every command shares: the one-line error, reading a workbook with its messages, the period asked
for, printing JSON and writing the output file. One home for each, so the commands read alike."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scorecard.model import Scorecard


class CliError(Exception):
    """A one-line reason for a non-zero exit (``main`` prints ``error: <reason>`` on stderr, exit 1)."""


def existing(path: str, lang: str) -> Path:
    """``path`` as a Path when the file exists, else CliError "file not found"."""
    p = Path(path)
    if not p.exists():
        raise CliError(("berkas tidak ditemukan: " if lang == "id" else "file not found: ") + path)
    return p


def load(path: str, lang: str) -> Scorecard:
    """Load a scorecard workbook (or the reference CSV folder), or raise CliError with the first error."""
    p = Path(path)
    if p.is_dir():
        from scorecard.io.reference_case import load_reference

        return load_reference(p)
    existing(path, lang)
    from scorecard.io.workbook import read_path

    res = read_path(p)
    if res.scorecard is None:
        first = res.report.errors[0].text(lang) if res.report.errors else "unreadable workbook"
        n = len(res.report.errors)
        more = f" (+{n - 1} more; run 'python -m scorecard validate {path}')" if n > 1 else ""
        raise CliError(first + more)
    return res.scorecard


def known_period(typed: str, available: list[str], lang: str) -> str:
    """The label of the period typed (``2024``, ``2024-Q1``, ...) when it is one of ``available``;
    else CliError naming what is available."""
    from scorecard.io.numbers import PeriodError, parse_period

    try:
        label = parse_period(typed).label
    except PeriodError as exc:
        raise CliError(exc.msg.text(lang)) from None
    if label not in available:
        raise CliError((f"periode {typed} tidak ada; tersedia: " if lang == "id"
                        else f"period {typed} not found; available: ") + ", ".join(available))
    return label


def period(sc: Scorecard, typed: str | None, lang: str) -> str:
    """The period asked for (default: the latest of the workbook), or CliError."""
    periods = sc.periods()
    if not periods:
        raise CliError("tidak ada periode dalam data" if lang == "id" else "the workbook has no periods")
    return periods[-1] if typed is None else known_period(typed, periods, lang)


def load_period(a: argparse.Namespace) -> tuple[Scorecard, str]:
    """The scorecard of ``a.workbook`` and the period of ``a.period`` (both checked, messages in ``a.lang``)."""
    sc = load(a.workbook, a.lang)
    return sc, period(sc, a.period, a.lang)


def print_json(obj: object) -> None:
    """Print one JSON object as every ``--json`` does: UTF-8 kept as is, indented by 2."""
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def write_output(out: str | Path, data: bytes | str) -> int:
    """Write ``data`` to ``out`` (text as UTF-8), print ``out`` as given and return exit code 0."""
    p = Path(out)
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    print(out)
    return 0

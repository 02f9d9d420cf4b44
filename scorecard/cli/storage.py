"""Storage command: ``doctor`` (is the database usable? one line per check; exit 0 yes, 1 no; changes
nothing)."""

from __future__ import annotations

import argparse


def _cmd_doctor(a: argparse.Namespace) -> int:
    """Is storage usable? One line per check; exit 0 usable, 1 not usable."""
    from scorecard.store.health import check, usable

    findings = check(a.url)
    for f in findings:
        print(f.text(a.lang))
    ok = usable(findings)
    if a.lang == "id":
        print("Penyimpanan dapat dipakai." if ok else "Penyimpanan TIDAK dapat dipakai.")
    else:
        print("Storage is usable." if ok else "Storage is NOT usable.")
    return 0 if ok else 1


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``doctor``."""
    doc = sub.add_parser("doctor", help="say whether storage is usable (exit 0) or not (exit 1); changes nothing")
    doc.add_argument("--url", help="database URL (default: $SCORECARD_DB_URL, else data/scorecard.sqlite)")
    doc.set_defaults(func=_cmd_doctor)

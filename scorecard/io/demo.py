"""The built-in demo scorecard: the reference study, read from ``data/demo.xlsx``.

The workbook is generated from ``data/reference`` by :func:`scorecard.io.workbook.build_demo_workbook`
(``python -m scorecard demo-workbook``) and read here through the same reader as any upload.
"""

from __future__ import annotations

from pathlib import Path

from scorecard.model import Scorecard

DEMO_PATH = Path(__file__).resolve().parents[2] / "data" / "demo.xlsx"


def load_demo() -> Scorecard:
    """The demo scorecard; RuntimeError with the report's text when the workbook has errors."""
    from scorecard.io.reader import read_path

    res = read_path(DEMO_PATH)
    if res.scorecard is None:
        raise RuntimeError(f"{DEMO_PATH} cannot be loaded:\n{res.report.text('en')}")
    return res.scorecard

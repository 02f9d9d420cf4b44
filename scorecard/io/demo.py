"""The built-in demo scorecard: the reference study, read from ``data/demo.xlsx``.

The workbook is generated from ``data/reference`` by :func:`scorecard.io.workbook.build_demo_workbook`
(``python -m scorecard demo-workbook``) and read here through the same reader as any upload.
"""

from __future__ import annotations

import re
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


# The study's anchor notes (data/reference/thesis_anchors.csv) are stored in English; these rules
# show them in Indonesian. Anything else (a user's own note) is shown as typed.
_NOTE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^worst$", "terburuk"),
    (r"^ceiling$", "batas atas"),
    (r"^baseline$", "nilai dasar"),
    (r"^target (\d{4})$", r"target \1"),
    (r"^target (\d{4}) placed at level (\d+)$", r"target \1 ditempatkan di level \2"),
    (r"^baseline ([0-9.]+) already beats the target; the study put ([0-9.]+) at level (\d+)$",
     r"nilai dasar \1 sudah melampaui target; penelitian menempatkan \2 di level \3"),
    (r"^baseline equals the target; the study put ([0-9.]+) at level (\d+)$",
     r"nilai dasar sama dengan target; penelitian menempatkan \1 di level \2"),
))


def note_text(note: str, lang: str) -> str:
    """An anchor note of the demo in ``lang`` ("worst" -> "terburuk", decimals with a comma in
    Indonesian); any other note unchanged."""
    if lang != "id" or not note:
        return note
    for pattern, repl in _NOTE_RULES:
        if pattern.match(note):
            out = pattern.sub(repl, note)
            return re.sub(r"(\d)\.(\d)", r"\1,\2", out)
    return note


def note_from_text(shown: str, originals: list[str], lang: str) -> str:
    """The stored note behind a shown one: when ``shown`` is the translation of one of the
    ``originals``, that original (so showing a translated note never counts as an edit)."""
    for orig in originals:
        if note_text(orig, lang) == shown:
            return orig
    return shown

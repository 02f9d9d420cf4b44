"""The product's workbook format in one import: read (:mod:`.reader`), write (:mod:`.writer`) and the
format both share (:mod:`.format`). Neither the reader nor the writer imports the other."""

from scorecard.io.format import SHEETS, STRUCTURE_SHEETS, Column, SheetSpec, display_text, norm
from scorecard.io.reader import ReadResult, read_path, read_workbook
from scorecard.io.writer import blank_scorecard, build_demo_workbook, template, write_workbook

__all__ = [
    "SHEETS",
    "STRUCTURE_SHEETS",
    "Column",
    "ReadResult",
    "SheetSpec",
    "blank_scorecard",
    "build_demo_workbook",
    "display_text",
    "norm",
    "read_path",
    "read_workbook",
    "template",
    "write_workbook",
]

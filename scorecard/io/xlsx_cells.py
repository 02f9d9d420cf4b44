"""Fast reading of worksheet cells from an .xlsx upload (values as openpyxl reads them, ~5x faster).

openpyxl parses every XML part through defusedxml's pure-Python parser callbacks and builds a
``Cell`` object per cell; for a 1,000 KPI x 24 period workbook that was over half of the upload
time. Here the worksheet and shared-string parts are parsed with the C ``xml.etree`` parser and
each cell is converted by openpyxl's own ``WorkSheetParser.parse_cell`` (so numbers, dates, booleans,
error values and inline strings come out exactly as openpyxl gives them); the workbook, relationship
and style parts are still read by openpyxl.

Safety: only call this after :func:`scorecard.io.preflight.preflight` passed. The preflight refuses
any XML part whose prolog declares a DOCTYPE or an ENTITY, and without a DOCTYPE no entity can be
declared, so the C parser cannot be led into entity expansion or external fetches.

Conventions: rows and columns are 1-based; ``fmt`` is the cell's number format code ("General" by
default); merged ranges are ``(min_row, min_col, max_row, max_col)``. As in openpyxl's full mode,
the value of a cell hidden under a merged range (any cell but the top-left) is dropped.

:func:`load_cells` returns None for anything unusual (chart sheets, a part it cannot find, any
exception); the caller then reads the workbook the slow way with openpyxl, which gives the same
result and its own messages.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from typing import NamedTuple

from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.worksheet._reader import _cast_number

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _MERGE, _SI, _T, _R, _F, _C, _V, _IS = (f"{_NS}{t}" for t in ("row", "mergeCell", "si", "t", "r", "f", "c", "v",
                                                                      "is"))


def _text(node: ET.Element) -> str:
    """The plain text of a string item (<si> or <is>): its <t> and its runs' <t>, as openpyxl's
    ``Text.content`` (phonetic runs left out)."""
    parts = []
    t = node.find(_T)
    if t is not None and t.text is not None:
        parts.append(t.text)
    for run in node.findall(_R):
        rt = run.find(_T)
        if rt is not None and rt.text is not None:
            parts.append(rt.text)
    return "".join(parts)


class Cell(NamedTuple):
    """One cell as read (a named tuple: cheap to build for the hundreds of thousands of an upload)."""

    value: object = None
    fmt: str = "General"
    error: bool = False  # an Excel error value (#DIV/0!, ...)
    formula: str | None = None  # a formula whose result was never saved (set by the openpyxl path only)

    @property
    def empty(self) -> bool:
        if self.error or self.formula is not None:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class SheetCells:
    """One worksheet's cells: ``{(row, col): Cell(value, number format, is an Excel error)}``.

    ``formula_rc`` holds every cell with a formula element (its cached result, if any, is in
    ``cells``); ``max_row`` is the last row holding any cell element (openpyxl's ``max_row``).
    """

    title: str
    cells: dict[tuple[int, int], Cell]
    formula_rc: set[tuple[int, int]] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    max_row: int = 1


class CellBook:
    """The sheets of a workbook by title (parsed on first use)."""

    def __init__(self, data: bytes) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        self._reader = ExcelReader(io.BytesIO(data), read_only=True, keep_vba=False, data_only=True,
                                   keep_links=False)
        r = self._reader
        r.read_manifest()
        r.read_workbook()
        apply_stylesheet(r.archive, r.wb)
        self._strings = self._read_strings()
        self._paths: dict[str, str] = {}
        self.sheetnames: list[str] = []
        for sheet, rel in r.parser.find_sheets():
            if rel.target not in r.valid_files:
                continue
            if "chartsheet" in rel.Type:
                raise _Unusual("chart sheet")
            self.sheetnames.append(sheet.name)
            self._paths[sheet.name] = rel.target
        self._parsed: dict[str, SheetCells] = {}
        wb = r.wb
        self._formats: dict[int, str] = {}
        for i, style in enumerate(wb._cell_styles):  # noqa: SLF001 - openpyxl's parsed style table
            idx = style.numFmtId
            self._formats[i] = (BUILTIN_FORMATS.get(idx, "General") if idx < BUILTIN_FORMATS_MAX_SIZE
                                else wb._number_formats[idx - BUILTIN_FORMATS_MAX_SIZE])  # noqa: SLF001

    def _read_strings(self) -> list[str]:
        """The shared-string table as openpyxl's ``read_string_table`` gives it (plain text)."""
        from openpyxl.reader.excel import SHARED_STRINGS

        ct = self._reader.package.find(SHARED_STRINGS)
        if ct is None:
            return []
        out: list[str] = []
        with self._reader.archive.open(ct.PartName[1:]) as src:
            for _, node in ET.iterparse(src):
                if node.tag == _SI:
                    out.append(_text(node).replace("x005F_", ""))
                    node.clear()
        return out

    def sheet(self, title: str) -> SheetCells:
        """The sheet's cells (parsed once, kept for later calls)."""
        if title not in self._parsed:
            self._parsed[title] = self._parse(title)
        return self._parsed[title]

    def take(self, title: str) -> SheetCells:
        """The sheet's cells, not kept here (the caller owns them: one copy of a big sheet in memory)."""
        return self._parsed.pop(title, None) or self._parse(title)

    def _parse(self, title: str) -> SheetCells:
        from openpyxl.worksheet._reader import WorkSheetParser

        wb = self._reader.wb
        parser = WorkSheetParser(None, self._strings, data_only=True, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)  # noqa: SLF001
        cells: dict[tuple[int, int], Cell] = {}
        formula_rc: set[tuple[int, int]] = set()
        merged: list[tuple[int, int, int, int]] = []
        max_row = 0
        with self._reader.archive.open(self._paths[title]) as src:
            for _, el in ET.iterparse(src):
                tag = el.tag
                if tag == _ROW:
                    row_max = self._row(el, parser, cells, formula_rc)
                    max_row = max(max_row, row_max)
                    el.clear()
                elif tag == _MERGE:
                    ref = el.get("ref")
                    if ref:
                        c0, r0, c1, r1 = range_boundaries(ref)
                        merged.append((r0, c0, r1, c1))  # type: ignore[arg-type]
                    el.clear()
        for r0, c0, r1, c1 in merged:  # as openpyxl's full mode: only the top-left cell keeps a value
            if (r1 - r0 + 1) * (c1 - c0 + 1) <= 5000:
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        if (r, c) != (r0, c0):
                            cells.pop((r, c), None)
            else:
                for rc in [rc for rc in cells if r0 <= rc[0] <= r1 and c0 <= rc[1] <= c1 and rc != (r0, c0)]:
                    del cells[rc]
        max_row = max([max_row, 1] + [r1 for _, _, r1, _ in merged])  # openpyxl fills merged ranges
        return SheetCells(title, cells, formula_rc, merged, max_row)

    def _row(self, el: ET.Element, parser: object, cells: dict[tuple[int, int], Cell],
             formula_rc: set[tuple[int, int]]) -> int:
        """Read one <row> into ``cells``; the last row number it holds.

        Plain numbers, shared and inline strings, booleans and error values are converted here exactly
        as openpyxl's ``parse_cell`` does; dates (date-formatted numbers, ISO "d" cells), unknown types
        and rows or cells without a reference are left to ``parse_cell`` / ``parse_row`` themselves.
        """
        kids = list(el)
        ref = el.get("r")
        formats, strings = self._formats, self._strings
        date_formats = self._reader.wb._date_formats  # noqa: SLF001
        if ref is None or not ref.isdigit() or any(k.tag != _C or k.get("r") is None for k in kids):
            last, parsed = parser.parse_row(el)  # type: ignore[attr-defined]
            for cell, kid in zip(parsed, kids, strict=True):
                rc = (cell["row"], cell["column"])
                last = max(last, rc[0])
                if kid.tag == _C and kid.find(_F) is not None:
                    formula_rc.add(rc)
                if cell["value"] is not None:
                    cells[rc] = Cell(cell["value"], formats[cell["style_id"] or 0], cell["data_type"] == "e")
                else:
                    cells.pop(rc, None)
            return last
        parser.row_counter, parser.col_counter = int(ref), 0  # type: ignore[attr-defined]
        last = int(ref)
        for k in kids:
            rc = coordinate_to_tuple(k.get("r"))
            if rc[0] > last:
                last = rc[0]
            t = k.get("t", "n")
            sid = k.get("s", 0)
            sid = int(sid) if sid else 0
            if k.find(_F) is not None:
                formula_rc.add(rc)
            error = False
            if t == "inlineStr":
                node = k.find(_IS)
                value = None if node is None else _text(node)
            else:
                value = k.findtext(_V, None) or None
                if value is None:
                    pass
                elif t == "n" and sid not in date_formats:
                    value = _cast_number(value)
                elif t == "s":
                    value = strings[int(value)]
                elif t == "b":
                    value = bool(int(value))
                elif t == "str":
                    pass
                elif t == "e":
                    error = True
                else:  # dates and anything unusual: openpyxl's own conversion
                    cell = parser.parse_cell(k)  # type: ignore[attr-defined]
                    value, error = cell["value"], cell["data_type"] == "e"
            if value is not None:
                cells[rc] = Cell(value, formats[sid], error)
            else:
                cells.pop(rc, None)
        return last

    def close(self) -> None:
        self._reader.archive.close()


class _Unusual(Exception):
    """Internal: something this fast reader does not handle; read with openpyxl instead."""


def load_cells(data: bytes) -> CellBook | None:
    """A :class:`CellBook` of an upload that passed the preflight, or None (read it with openpyxl)."""
    try:
        return CellBook(data)
    except (_Unusual, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, IndexError,
            OSError, ET.ParseError):
        return None

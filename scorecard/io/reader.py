"""The product's workbook format: the single home of "what a scorecard workbook looks like".

This module holds the format (sheet names, column headers in English and Indonesian, accepted
words for choices) and the reader. Writing (full workbook, templates, the demo workbook) lives in
:mod:`scorecard.io.writer`; the format itself in :mod:`scorecard.io.format`.

Sheets (each name and header accepted in English or Indonesian, ignoring case, spaces and
punctuation; the header row may sit anywhere in the first 30 rows, merged cells are read as if
every cell of the range held the top-left value):

=====================  =============================================================  ==========
Indonesian / English   columns                                                        required
=====================  =============================================================  ==========
Petunjuk/Instructions  free text for people; never read                               no
Pengaturan/Settings    key | value (| description): name, organisation,               no
                       priority_method, ri_table, cr_policy, yellow_from, green_from,
                       locale (id/en: how ambiguous numbers such as "42.340" are read)
Perspektif/Perspectives key | name_en | name_id                                       yes
Sasaran/Objectives     code | perspective | name_en | name_id                         yes
IKU/KPIs               code | objective | name_en | name_id | unit | direction |      yes
                       worst | ratio_use
Data                   long: kpi | period | target | actual | baseline                no
                       wide: kpi | Target 2009 | Realisasi 2009 | Target 2010 | ...
                       (or "Target"/"Realisasi" under a merged period cell)
Anchor/Anchors         kpi | level | value | period | note                            no
Perbandingan/Judgments node | a | b | value (a over b)                                no
Matriks/Matrices       blocks: node in the first cell, children across and down       no
Peta strategi/         cause | effect                                                 no
Strategy map
Catatan/Notes          kpi | period | root_cause | action | owner | due               no
=====================  =============================================================  ==========

Reading rules (documented decisions):

* Rows whose first filled cell starts with ``#`` are comments or examples and are skipped (the
  blank template's example rows use this). Empty rows are skipped.
* A Data row with a KPI and a period but no target, actual or baseline is a placeholder (the
  pre-filled template writes them for the next period) and is skipped.
* ``actual_text``: for a text cell, the text exactly as typed; for a number cell, the number as
  the cell's number format shows it in the scorecard's locale ("Rp 44.177.214.540", "35,73%").
* A formula whose result was never saved is an error naming the cell (never read as 0); an
  Excel error value (#DIV/0!, #N/A, ...) likewise.
* ALL OR NOTHING: when the report has an error the result's scorecard is None. The model's own
  :func:`scorecard.model.validate` runs once the sheets read without errors (the reader already
  checks duplicates and references cell by cell); its problems get the sheet and cell of the
  perspective, objective or KPI they name.
* A perspective without names gets its key as English name. References to perspectives may use
  the key or either name; codes are matched ignoring case and extra spaces.
* Judgments: the Perbandingan pair list wins over a Matriks block (with a warning on conflict);
  in a block the upper triangle wins, a lower-triangle cell alone counts as its reciprocal.
* Numbers keep the 16 significant digits openpyxl writes (Excel shows 15).
* Ambiguous "1.035" numbers give one warning per column (one example, the other cells listed),
  and none in a column whose other values show the number style (typed "35,73%", or a number
  shown by its cell format as "44.177.214.540").
* A value with a unit or magnitude word is fitted to its KPI's unit by
  :func:`scorecard.io.units.fit_to_unit` (converted when certain, with a warning; an error when not).
* A date cell used as a period is read as its month with a warning ("Jan-24" is stored by Excel
  as 24 January of the current year); "s.d. TW II 2024" is stored as 2024-Q2 with a warning that
  it is cumulative.
* Sheets whose names look like data ("Data 2024", "PK 2024") but are not sheets of the format get
  a warning naming them (the importer reads such tables: :mod:`scorecard.io.table_import`).
* With ``base`` and a workbook that has no structure sheets (Perspektif, Sasaran, IKU) but a
  Data, Catatan or Anchor sheet, the rows update a copy of ``base``. A CSV file is read as a Data
  sheet the same way (only with ``base``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from scorecard import display
from scorecard.io.format import (
    _KPI_COL,
    CR_WORDS,
    DIRECTIONS,
    HEADER_SCAN_ROWS,
    LOCALE_WORDS,
    PRIORITY_WORDS,
    RATIO_USES,
    RI_WORDS,
    ROOT_WORDS,
    SCALE_SEPARATORS,
    SETTING_KEYS,
    SHEETS,
    STRUCTURE_SHEETS,
    UPDATE_SHEETS,
    VIEW_WORDS,
    SheetSpec,
    display_text,
    match_choice,
    norm,
    root_label,
)
from scorecard.io.numbers import (
    Parsed,
    PeriodError,
    formula_without_value,
    parse_period,
    parse_period_span,
    parse_value,
    ratio_value,
    shows_number_style,
    typed_reciprocal,
)
from scorecard.io.preflight import Preflight, preflight, safe_load_workbook
from scorecard.io.units import fit_to_unit
from scorecard.io.xlsx_cells import Cell as _Cell
from scorecard.io.xlsx_cells import CellBook, load_cells
from scorecard.messages import Msg, Problem, Report, msg
from scorecard.model import (
    CUSTOM_PRESET,
    KPI,
    MANUAL_FIELDS,
    PREDIKAT_PRESETS,
    ROOT,
    Anchor,
    KpiManual,
    Link,
    Measurement,
    Note,
    Objective,
    Perspective,
    Scorecard,
    Settings,
    validate,
)

# ---------------------------------------------------------------------------------------------
# Sheets as grids of cells (from openpyxl or from CSV)
# ---------------------------------------------------------------------------------------------


_EMPTY = _Cell()


@dataclass
class _Sheet:
    title: str
    cells: dict[tuple[int, int], _Cell]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col

    def __post_init__(self) -> None:
        for r0, c0, r1, c1 in self.merged:
            top = self.cells.get((r0, c0))
            if top is None or (r1 - r0 + 1) * (c1 - c0 + 1) > 5000:
                continue
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self.cells.setdefault((r, c), top)
        self.nrows = max((r for r, _ in self.cells), default=0)
        self.ncols = max((c for _, c in self.cells), default=0)

    def get(self, r: int, c: int) -> _Cell:
        return self.cells.get((r, c), _EMPTY)

    def merged_bottom(self, r: int) -> int:
        """The last row of merged ranges that start in row ``r`` (``r`` when none)."""
        return max([r] + [r1 for r0, _, r1, _ in self.merged if r0 <= r <= r1])


def _addr(r: int, c: int) -> str:
    return f"{get_column_letter(c)}{r}"


def _sheet_from_ws(ws: object, formulas: dict[tuple[int, int], str]) -> _Sheet:
    cells: dict[tuple[int, int], _Cell] = {}
    raw = getattr(ws, "_cells", None)
    items = raw.items() if isinstance(raw, dict) else (
        ((c.row, c.column), c) for row in ws.iter_rows() for c in row)  # type: ignore[attr-defined]
    for (r, c), cell in items:
        v = cell.value
        f = formulas.get((r, c))
        if v is None and f is None:
            continue
        cells[(r, c)] = _Cell(v, cell.number_format or "General", cell.data_type == "e",
                              f if v is None else None)
    for (r, c), f in formulas.items():
        if (r, c) not in cells:
            cells[(r, c)] = _Cell(None, "General", False, f)
    merged = [(g.min_row, g.min_col, g.max_row, g.max_col) for g in ws.merged_cells.ranges]  # type: ignore[attr-defined]
    return _Sheet(ws.title, cells, merged)  # type: ignore[attr-defined]


def _sheet_from_csv(data: bytes, title: str) -> _Sheet:
    """A CSV file as a sheet of text cells (delimiter ";", "," or tab, as the header line uses them)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\x00", "")
    first = text.split("\n", 1)[0]
    delim = max((";", ",", "\t"), key=first.count)
    cells: dict[tuple[int, int], _Cell] = {}
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delim), start=1):
        for c, v in enumerate(row, start=1):
            if v.strip():
                cells[(r, c)] = _Cell(v)
    return _Sheet(title, cells)


# ---------------------------------------------------------------------------------------------
# Tables (a header row and the rows under it)
# ---------------------------------------------------------------------------------------------


@dataclass
class _Row:
    r: int
    cols: dict[str, int]
    sheet: _Sheet
    spec: SheetSpec | None = None

    def cell(self, key: str) -> _Cell:
        c = self.cols.get(key)
        return self.sheet.cells.get((self.r, c), _EMPTY) if c else _EMPTY

    def addr(self, key: str) -> str:
        c = self.cols.get(key)
        return _addr(self.r, c) if c else f"{self.r}"


@dataclass
class _Table:
    sheet: _Sheet
    spec: SheetSpec
    header_row: int
    cols: dict[str, int]
    start: int

    def rows(self) -> Iterable[_Row]:
        order = sorted(self.cols.values())
        cells = self.sheet.cells
        for r in range(self.start, self.sheet.nrows + 1):
            first = next((x for x in (cells.get((r, c)) for c in order) if x is not None and not x.empty), None)
            if first is None:
                continue
            if isinstance(first.value, str) and not first.error and first.value.strip().startswith("#"):
                continue  # comment or example row
            yield _Row(r, self.cols, self.sheet, self.spec)


def _header_map(sheet: _Sheet, spec: SheetSpec, r: int) -> tuple[dict[str, int], list[tuple[int, str]]]:
    cols: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for c in range(1, sheet.ncols + 1):
        v = sheet.get(r, c).value
        if v is None or not str(v).strip():
            continue
        key = norm(v)
        col = next((x for x in spec.columns if key in x.names), None)
        if col is None:
            unknown.append((c, str(v).strip()))
        elif col.key not in cols:
            cols[col.key] = c
    return cols, unknown


# ---------------------------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------------------------


@dataclass
class ReadResult:
    """The outcome of reading: the scorecard (None when the report has errors), the report, the preflight."""

    scorecard: Scorecard | None
    report: Report
    preflight: Preflight | None = None


def _m(code: str, en: str, id_: str, **params: object) -> Msg:
    return msg(code, en, id_, **params)


class _Reader:
    """Reads one workbook; every problem names sheet and cell."""

    def __init__(self, locale: str = "id") -> None:
        self.rep = Report()
        self.locale = locale
        # Ambiguous "1.035" readings per (sheet, column), and the columns whose other values prove the
        # number style: reported once per column by :meth:`flush_ambiguous`.
        self._ambiguous: dict[tuple[str, int], list[Problem]] = {}
        self._styled: set[tuple[str, int]] = set()

    # ---- problems ---------------------------------------------------------------------------
    def problem(self, severity: str, sheet: _Sheet | str, cell: str, value: object, what: Msg,
                fix: Msg | None = None) -> None:
        title = sheet.title if isinstance(sheet, _Sheet) else sheet
        self.rep.add(Problem(severity, what, fix, title, cell, self.shown(value)))  # type: ignore[arg-type]

    def error(self, row: _Row, key: str, what: Msg, fix: Msg | None = None) -> None:
        cell = row.cell(key)
        self.problem("error", row.sheet, row.addr(key), cell, what, fix)

    def warn(self, row: _Row, key: str, what: Msg) -> None:
        self.problem("warning", row.sheet, row.addr(key), row.cell(key), what)

    def shown(self, value: object) -> str:
        if isinstance(value, _Cell):
            if value.formula is not None:
                return value.formula
            if isinstance(value.value, int | float) and not isinstance(value.value, bool):
                return display_text(value.value, value.fmt, self.locale)
            value = value.value
        if value is None:
            return ""
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date().isoformat()
        if isinstance(value, dt.date | dt.time):
            return value.isoformat()
        return str(value)

    # ---- cells ------------------------------------------------------------------------------
    def bad_cell(self, row: _Row, key: str) -> bool:
        """Report an Excel error value or a formula without a saved result; True when found."""
        cell = row.cell(key)
        if cell.formula is not None:
            self.error(row, key, formula_without_value(cell.formula).error)  # type: ignore[arg-type]
            return True
        if cell.error:
            parsed = parse_value(str(cell.value), locale=self.locale)  # type: ignore[arg-type]
            self.error(row, key, parsed.error or _m("workbook.excel_error", "Excel error value.", "Galat Excel."))
            return True
        return False

    @staticmethod
    def label(row: _Row, key: str) -> tuple[str, str]:
        """The column's header in English and Indonesian (for messages)."""
        col = next((c for c in row.spec.columns if c.key == key), None) if row.spec else None
        return (col.en, col.id) if col else (key, key)

    def text(self, row: _Row, key: str, required: bool = False) -> str:
        if self.bad_cell(row, key):
            return ""
        cell = row.cell(key)
        text = "" if cell.empty else self.shown(cell).strip()
        if required and not text:
            en, id_ = self.label(row, key)
            self.error(row, key, _m("workbook.required", '"{col_en}" is empty.', '"{col_id}" kosong.', col_en=en, col_id=id_),
                       _m("workbook.required_fix", "Fill it in, or delete the row.",
                          "Isi sel ini, atau hapus barisnya."))
        return text

    def number(self, row: _Row, key: str) -> Parsed | None:
        """parse_value of a cell (None when the cell is bad); errors and warnings reported at the cell."""
        if self.bad_cell(row, key):
            return None
        cell = row.cell(key)
        parsed = parse_value(cell.value, locale=self.locale, number_format=cell.fmt)  # type: ignore[arg-type]
        if parsed.error is not None:
            self.error(row, key, parsed.error)
            return None
        col = (row.sheet.title, row.cols.get(key, 0))
        if col not in self._styled:  # (the shown text is only needed until the column proves its style)
            shown = cell.value if isinstance(cell.value, str) else self.shown(cell)  # typed, or as Excel shows it
            if shows_number_style(shown, self.locale):  # type: ignore[arg-type]
                self._styled.add(col)
        for w in parsed.warnings:
            if w.code == "number.ambiguous_separator":
                self._ambiguous.setdefault(col, []).append(
                    Problem("warning", w, None, row.sheet.title, row.addr(key), self.shown(cell)))
            else:
                self.warn(row, key, w)
        return parsed

    def flush_ambiguous(self) -> None:
        """One warning per column for ambiguous "1.035" numbers (how they were read, one example and
        the other cells); none for a column whose other values prove the number style (typed, or shown
        by their cell format in the workbook's locale, e.g. "44.177.214.540" or "35,73")."""
        for col, found in self._ambiguous.items():
            if col in self._styled:
                continue
            first = found[0]
            if len(found) > 1:
                cells = ", ".join(p.cell for p in found[1:6]) + (", ..." if len(found) > 6 else "")
                what = Msg(first.what.code,
                           f"{first.what.en} The same reading applies to {len(found) - 1} more value(s) in this "
                           f"column ({cells}).",
                           f"{first.what.id} Cara baca yang sama berlaku untuk {len(found) - 1} nilai lain di kolom "
                           f"ini ({cells}).")
                first = dataclasses.replace(first, what=what)
            self.rep.add(first)
        self._ambiguous.clear()

    def period(self, row: _Row, key: str, required: bool = True) -> str | None:
        if self.bad_cell(row, key):
            return None
        cell = row.cell(key)
        if cell.empty:
            if required:
                self.error(row, key, _m("workbook.no_period", "The period is empty.", "Periode kosong."),
                           _m("workbook.period_fix", "Type a year (2010), a quarter (2010-Q1) or a month (2010-03).",
                              "Ketik tahun (2010), triwulan (2010-Q1) atau bulan (2010-03)."))
            return None
        try:
            period, cumulative = parse_period_span(cell.value)
        except PeriodError as exc:
            self.error(row, key, exc.msg)
            return None
        if isinstance(cell.value, dt.date):
            shown = self.shown(cell.value)
            self.warn(row, key, _m(
                "workbook.date_period", "Excel stored a date ({d}) as the period; it is read as the month {p}. If the "
                'cell was typed like "Jan-24" and meant January 2024, Excel took 24 as a day of the current year: '
                "format the cell as Text and type 2024-01.",
                "Excel menyimpan tanggal ({d}) sebagai periode; dibaca sebagai bulan {p}. Jika sel diketik seperti "
                '"Jan-24" dengan maksud Januari 2024, Excel menganggap 24 sebagai tanggal pada tahun berjalan: '
                "ubah format sel menjadi Teks lalu ketik 2024-01.", d=shown, p=period.label))
        if cumulative:
            self.warn(row, key, _m(
                "workbook.cumulative_period", '"{t}" is cumulative (from the start of the year to the end of {p}); '
                "it is stored as period {p} and scored as given, against its own target.",
                '"{t}" bersifat kumulatif (dari awal tahun sampai akhir {p}); disimpan sebagai periode {p} dan '
                "dinilai apa adanya terhadap targetnya sendiri.", t=self.shown(cell.value), p=period.label))
        return period.label

    def choice(self, row: _Row, key: str, choices: dict[str, tuple[str, ...]], default: str | None = None,
               label: tuple[str, str] | None = None) -> str | None:
        """One of ``choices`` (any accepted word); blank gives ``default`` (an error when None)."""
        text = self.text(row, key)
        en, id_ = label or self.label(row, key)
        opts = ", ".join(dict.fromkeys(w for words in choices.values() for w in words[:2]))
        fix = _m("workbook.choice_fix", "Choose one of: {opts}.", "Pilih salah satu: {opts}.", opts=opts)
        if not text:
            if default is None:
                self.error(row, key, _m("workbook.required", '"{col_en}" is empty.', '"{col_id}" kosong.', col_en=en, col_id=id_),
                           fix)
            return default
        value = match_choice(choices, text)
        if value is None:
            self.error(row, key, _m("workbook.bad_choice", '"{v}" is not a valid value for "{col_en}".',
                                    '"{v}" bukan nilai yang sah untuk "{col_id}".', v=text, col_en=en, col_id=id_), fix)
        return value

    # ---- tables -----------------------------------------------------------------------------
    def table(self, sheet: _Sheet, spec: SheetSpec, *, quiet: bool = False) -> _Table | None:
        """Find the header row; warn about unknown columns; None (and an error unless quiet) when absent.

        An optional sheet without any cell is simply empty (None, no error)."""
        if not sheet.cells and spec.key not in STRUCTURE_SHEETS:
            return None
        for r in range(1, min(sheet.nrows, HEADER_SCAN_ROWS) + 1):
            cols, unknown = _header_map(sheet, spec, r)
            if all(k in cols for k in spec.required):
                for c, h in unknown:
                    self.problem("warning", sheet, _addr(r, c), h, _m(
                        "workbook.extra_column", 'Column "{h}" is not part of the format and is ignored.',
                        'Kolom "{h}" tidak termasuk format dan diabaikan.', h=h))
                return _Table(sheet, spec, r, cols, sheet.merged_bottom(r) + 1)
        if not quiet:
            self.header_missing(sheet, spec)
        return None

    def header_missing(self, sheet: _Sheet, spec: SheetSpec) -> None:
        need_en = ", ".join(spec.column(k).en for k in spec.required)
        need_id = ", ".join(spec.column(k).id for k in spec.required)
        self.problem("error", sheet, "A1", "", _m(
            "workbook.no_header", "No header row with the columns {cols_en} in the first {n} rows.",
            "Tidak ada baris judul dengan kolom {cols_id} dalam {n} baris pertama.", cols_en=need_en,
            cols_id=need_id, n=HEADER_SCAN_ROWS),
            _m("workbook.header_fix", "Add a header row (English or Indonesian headers), as in the template.",
               "Tambahkan baris judul kolom (bahasa Indonesia atau Inggris), seperti pada templat."))


@dataclass
class _Refs:
    """Resolving references typed in cells to perspective keys, objective codes and KPI codes."""

    perspectives: dict[str, str] = field(default_factory=dict)
    objectives: dict[str, str] = field(default_factory=dict)
    kpis: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def _key(text: str) -> str:
        return " ".join(text.split()).casefold()

    def add_perspective(self, p: Perspective) -> None:
        for name in (p.key, p.name_en, p.name_id):
            if name:
                self.perspectives.setdefault(self._key(name), p.key)

    def add(self, table: dict[str, str], code: str) -> None:
        table.setdefault(self._key(code), code)

    def find(self, table: dict[str, str], text: str) -> str | None:
        return table.get(self._key(text))

    @classmethod
    def of(cls, sc: Scorecard) -> _Refs:
        refs = cls()
        for p in sc.perspectives:
            refs.add_perspective(p)
        for o in sc.objectives:
            refs.add(refs.objectives, o.code)
        for k in sc.kpis:
            refs.add(refs.kpis, k.code)
        return refs


def _unknown(kind_en: str, kind_id: str, text: str, known: Iterable[str], sheet_en: str, sheet_id: str
             ) -> tuple[Msg, Msg]:
    shown = ", ".join(list(dict.fromkeys(known))[:12]) or "-"
    return (_m("workbook.unknown_ref", '{kind_en} "{v}" is not known.', '{kind_id} "{v}" tidak dikenal.',
               kind_en=kind_en, kind_id=kind_id, v=text),
            _m("workbook.unknown_ref_fix", "Use one from the {sen} sheet ({known}), or add it there first.",
               "Pakai salah satu dari lembar {sid} ({known}), atau tambahkan dulu di sana.",
               sen=sheet_en, sid=sheet_id, known=shown))


_DATA_CHECKS = ("model.zero_target", "model.worst_beyond_target", "model.baseline_beyond_target",
                "model.anchors_out_of_order", "model.magnitude")


class _ScorecardReader(_Reader):
    """Reads the sheets of one workbook into a scorecard (new, or a copy of a base)."""

    def __init__(self, sheets: dict[str, _Sheet], locale: str = "id") -> None:
        super().__init__(locale)
        self.sheets = sheets
        self.refs = _Refs()
        self.places: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, code) -> (sheet title, cell)
        self._kpi_index: dict[int, dict[str, KPI]] = {}

    def place(self, problem: Problem) -> Problem:
        """A model-validation problem with the sheet and cell of the item it names (when known)."""
        m = re.search(r'"([^"]+)"', problem.what.en)
        if problem.sheet or m is None:
            return problem
        quoted = re.findall(r'"([^"]+)"', problem.what.en)
        if problem.code in _DATA_CHECKS and len(quoted) >= 2:
            kind = {"model.worst_beyond_target": "worst", "model.magnitude": "actual"}.get(problem.code, "data")
            key = quoted[0] if kind == "worst" else f"{quoted[0]}|{quoted[1]}"
            if (kind, key) in self.places:
                sheet, cell = self.places[(kind, key)]
                return dataclasses.replace(problem, sheet=sheet, cell=cell)
        if problem.code == "model.no_worst":
            kinds = ["worst"]
        elif problem.code == "model.empty":
            kinds = ["perspective" if problem.what.en.startswith("Perspective") else "objective"]
        else:
            kinds = ["kpi", "objective", "perspective"]
        for kind in kinds:
            if (kind, m.group(1)) in self.places:
                sheet, cell = self.places[(kind, m.group(1))]
                return dataclasses.replace(problem, sheet=sheet, cell=cell, value="" if kind == "worst" else m.group(1))
        return problem

    # ---- settings ---------------------------------------------------------------------------
    def read_settings(self, sc: Scorecard) -> None:
        sheet = self.sheets.get("settings")
        t = self.table(sheet, SHEETS["settings"]) if sheet else None
        if t is None:
            return
        rows: dict[str, _Row] = {}
        for row in t.rows():
            key_text = self.text(row, "key")
            if not key_text:
                continue
            key = next((k for k, (en, id_, more) in SETTING_KEYS.items()
                        if norm(key_text) in {norm(x) for x in (k, en, id_, *more)}), None)
            if key is None:
                self.warn(row, "key", _m("workbook.unknown_setting", 'Unknown setting "{k}" is ignored.',
                                         'Pengaturan "{k}" tidak dikenal dan diabaikan.', k=key_text))
            elif key in rows:
                self.warn(row, "key", _m("workbook.duplicate_setting", 'Setting "{k}" appears twice; this row wins.',
                                         'Pengaturan "{k}" muncul dua kali; baris ini yang dipakai.', k=key_text))
                rows[key] = row
            else:
                rows[key] = row
        s = sc.settings
        if "locale" in rows:
            s.locale = self.choice(rows["locale"], "value", LOCALE_WORDS, s.locale,  # type: ignore[assignment]
                                   SETTING_KEYS["locale"][:2]) or s.locale
            self.locale = s.locale
        if "name" in rows:
            sc.name = self.text(rows["name"], "value")
        if "organisation" in rows:
            sc.organisation = self.text(rows["organisation"], "value")
        if "import_mapping" in rows:
            sc.settings.import_mapping = self.text(rows["import_mapping"], "value")
        for key, words in (("priority_method", PRIORITY_WORDS), ("ri_table", RI_WORDS), ("cr_policy", CR_WORDS)):
            if key in rows:
                setattr(s, key, self.choice(rows[key], "value", words, getattr(s, key), SETTING_KEYS[key][:2])
                        or getattr(s, key))
        for key in ("yellow_from", "green_from"):
            if key in rows:
                p = self.number(rows[key], "value")
                if p is not None and p.value is not None:
                    setattr(s, key, p.value)
        self.read_capaian_settings(s, rows)
        if not (0 <= s.yellow_from < s.green_from <= 10):
            row = rows.get("green_from") or rows.get("yellow_from")
            if row is not None:
                self.error(row, "value", _m("workbook.thresholds", "Light thresholds must satisfy 0 <= {y} < {g} <= 10.",
                                            "Ambang lampu harus memenuhi 0 <= {y} < {g} <= 10.",
                                            y=s.yellow_from, g=s.green_from),
                           _m("workbook.thresholds_fix", "The defaults are 4 (yellow) and 8 (green).",
                              "Nilai bawaan: 4 (kuning) dan 8 (hijau)."))
        for key in ("yellow_from", "green_from"):  # levels are shown cut to 2 decimals (scorecard.display)
            t = getattr(s, key)
            if key in rows and round(t, 2) != t:
                self.error(rows[key], "value",
                           _m("workbook.threshold_decimals", "A light threshold has at most 2 decimals (levels are "
                              "shown with 2).", "Ambang lampu paling banyak 2 desimal (level ditampilkan dengan 2)."),
                           _m("workbook.threshold_decimals_fix", "Type {t_en}.", "Ketik {t_id}.",
                              t_en=display.number(t, "en", 2), t_id=display.number(t, "id", 2)))

    def read_capaian_settings(self, s: Settings, rows: dict[str, _Row]) -> None:
        """capaian_cap, predikat_preset, predikat_bands and primary_view (METHOD §7)."""
        if "capaian_cap" in rows:
            p = self.number(rows["capaian_cap"], "value")
            if p is not None and p.value is not None:
                if p.value < 100:
                    self.error(rows["capaian_cap"], "value", _m(
                        "workbook.capaian_cap", "The capaian cap must be at least 100 (percent).",
                        "Batas atas capaian minimal 100 (persen)."),
                        _m("workbook.capaian_cap_fix", "120 is common.", "Yang umum: 120."))
                else:
                    s.capaian_cap = p.value
        if "primary_view" in rows:
            s.primary_view = self.choice(rows["primary_view"], "value", VIEW_WORDS, s.primary_view,  # type: ignore
                                         SETTING_KEYS["primary_view"][:2]) or s.primary_view
        if "predikat_preset" in rows:
            presets = {name: (name, name) for name in [*PREDIKAT_PRESETS, CUSTOM_PRESET]}
            s.predikat_preset = self.choice(rows["predikat_preset"], "value", presets, s.predikat_preset,
                                            SETTING_KEYS["predikat_preset"][:2]) or s.predikat_preset
        if "predikat_bands" in rows:
            bands = self.bands(rows["predikat_bands"])
            if bands:
                s.predikat_bands = bands
                if "predikat_preset" not in rows:
                    s.predikat_preset = CUSTOM_PRESET
        if s.predikat_preset == CUSTOM_PRESET and not s.predikat_bands and "predikat_preset" in rows:
            self.error(rows["predikat_preset"], "value", _m(
                "workbook.custom_without_bands", 'The predikat preset is "custom" but predikat_bands is empty.',
                'Preset predikat "custom" tetapi rentang_predikat kosong.'),
                _m("workbook.custom_fix", "Fill in predikat_bands, or choose a preset: {p}.",
                   "Isi rentang_predikat, atau pilih preset: {p}.", p=", ".join(PREDIKAT_PRESETS)))
            s.predikat_preset = next(iter(PREDIKAT_PRESETS))

    def bands(self, row: _Row) -> tuple[tuple[float, str, str, str], ...]:
        """Predikat bands typed as "91 | Sangat Baik | Very good | #1A9850; 76 | Baik | Good | #91CF60"."""
        text = self.text(row, "value")
        out: list[tuple[float, str, str, str]] = []
        fix = _m("workbook.bands_fix", 'Write each band as "lower | label (Indonesian) | label (English) | '
                 '#colour", bands separated by ";", e.g. "91 | Sangat Baik | Very good | #1A9850; 76 | Baik | Good | '
                 '#91CF60".', 'Tulis setiap predikat sebagai "batas bawah | label (Indonesia) | label (Inggris) | '
                 '#warna", dipisah ";", misalnya "91 | Sangat Baik | Very good | #1A9850; 76 | Baik | Good | #91CF60".')
        for part in (x.strip() for x in text.split(";")):
            if not part:
                continue
            fields = [f.strip() for f in part.split("|")]
            lower = parse_value(fields[0], locale=self.locale) if fields else None
            if len(fields) != 4 or lower is None or lower.error is not None or lower.value is None \
                    or not re.fullmatch(r"#[0-9A-Fa-f]{6}", fields[3]):
                self.error(row, "value", _m("workbook.bad_band", 'Predikat band "{b}" cannot be read.',
                                            'Predikat "{b}" tidak dapat dibaca.', b=part), fix)
                return ()
            out.append((float(lower.value), fields[1], fields[2], fields[3].upper()))
        return tuple(out)

    # ---- structure --------------------------------------------------------------------------
    def new_code(self, kind: str, row: _Row, key: str, code: str, seen: dict[str, str]) -> bool:
        """True the first time ``code`` turns up (its cell is remembered in ``seen`` and as the place of
        ``(kind, code)``); else an error at the row's ``key`` cell naming the first cell, and False."""
        if code in seen:
            self.error(row, key, _m("workbook.duplicate", '"{k}" appears twice (first in {c}).',
                                    '"{k}" muncul dua kali (pertama di {c}).', k=code, c=seen[code]),
                       _m("workbook.duplicate_fix", "Give every row its own code.",
                          "Beri setiap baris kode sendiri."))
            return False
        seen[code] = row.addr(key)
        self.places[(kind, code)] = (row.sheet.title, row.addr(key))
        return True

    def read_perspectives(self, sc: Scorecard) -> None:
        t = self.table(self.sheets["perspectives"], SHEETS["perspectives"])
        if t is None:
            return
        seen: dict[str, str] = {}
        for row in t.rows():
            key = self.text(row, "key")
            en, id_ = self.text(row, "name_en"), self.text(row, "name_id")
            key = key or en or id_
            if not key or not self.new_code("perspective", row, "key", key, seen):
                continue
            p = Perspective(key, en or key, id_)
            sc.perspectives.append(p)
            self.refs.add_perspective(p)

    def read_objectives(self, sc: Scorecard) -> None:
        t = self.table(self.sheets["objectives"], SHEETS["objectives"])
        if t is None:
            return
        seen: dict[str, str] = {}
        for row in t.rows():
            code = self.text(row, "code", required=True)
            ptext = self.text(row, "perspective", required=True)
            if not code or not self.new_code("objective", row, "code", code, seen):
                continue
            self.refs.add(self.refs.objectives, code)
            key = self.refs.find(self.refs.perspectives, ptext) if ptext else None
            if ptext and key is None:
                self.error(row, "perspective", *_unknown("Perspective", "Perspektif", ptext,
                                                          (p.key for p in sc.perspectives), "Perspectives",
                                                          "Perspektif"))
            sc.objectives.append(Objective(code, key or ptext, self.text(row, "name_en"), self.text(row, "name_id")))

    def read_kpis(self, sc: Scorecard) -> None:
        t = self.table(self.sheets["kpis"], SHEETS["kpis"])
        if t is None:
            return
        seen: dict[str, str] = {}
        for row in t.rows():
            code = self.text(row, "code", required=True)
            otext = self.text(row, "objective", required=True)
            if not code or not self.new_code("kpi", row, "code", code, seen):
                continue
            self.places[("worst", code)] = (row.sheet.title, row.addr("worst") if "worst" in row.cols else
                                            row.addr("code"))
            self.refs.add(self.refs.kpis, code)
            obj = self.refs.find(self.refs.objectives, otext) if otext else None
            if otext and obj is None:
                self.error(row, "objective", *_unknown("Objective", "Sasaran", otext,
                                                        (o.code for o in sc.objectives), "Objectives", "Sasaran"))
            direction = self.choice(row, "direction", DIRECTIONS)
            ratio_use = self.choice(row, "ratio_use", RATIO_USES, "numerator")
            worst = self.number(row, "worst")
            sc.kpis.append(KPI(code=code, objective=obj or otext, name_en=self.text(row, "name_en"),
                               name_id=self.text(row, "name_id"), unit=self.text(row, "unit"),
                               direction=direction or "higher",  # type: ignore[arg-type]
                               worst=worst.value if worst is not None else None,
                               ratio_use=ratio_use or "numerator",  # type: ignore[arg-type]
                               scale_words=self.scale_words(row)))

    def scale_words(self, row: _Row) -> tuple[str, ...]:
        """A qualitative KPI's words, worst to best ("TW < TMP < WDP < WTP"); () when the cell is empty."""
        if "scale_words" not in row.cols:
            return ()
        words = tuple(w for w in SCALE_SEPARATORS.split(self.text(row, "scale_words")) if w)
        if len({norm(w) for w in words}) != len(words):
            self.error(row, "scale_words", _m("workbook.scale_repeat", "A word appears twice in the scale.",
                                              "Ada kata yang muncul dua kali dalam skala."),
                       _m("workbook.scale_fix", 'List each word once, worst first: "TW < TMP < WDP < WTP".',
                          'Tulis setiap kata sekali, terburuk dulu: "TW < TMP < WDP < WTP".'))
            return ()
        if len(words) == 1:
            self.error(row, "scale_words", _m("workbook.scale_short", "A scale needs at least two words.",
                                              "Skala memerlukan minimal dua kata."),
                       _m("workbook.scale_fix", 'List each word once, worst first: "TW < TMP < WDP < WTP".',
                          'Tulis setiap kata sekali, terburuk dulu: "TW < TMP < WDP < WTP".'))
            return ()
        return words

    def kpi_ref(self, row: _Row, key: str, sc: Scorecard) -> KPI | None:
        text = self.text(row, key, required=True)
        if not text:
            return None
        code = self.refs.find(self.refs.kpis, text)
        if code is None:
            self.error(row, key, *_unknown("KPI", "IKU", text, (k.code for k in sc.kpis), "KPIs", "IKU"))
            return None
        by_code = self._kpi_index.get(id(sc))
        if by_code is None or len(by_code) != len(sc.kpis):
            by_code = {k.code: k for k in sc.kpis}
            self._kpi_index = {id(sc): by_code}
        return by_code.get(code) or sc.kpi(code)

    # ---- data -------------------------------------------------------------------------------
    def read_data(self, sc: Scorecard, sheet: _Sheet) -> list[Measurement]:
        spec = SHEETS["data"]
        out: list[Measurement] = []
        seen: dict[tuple[str, str], str] = {}
        t = self.table(sheet, spec, quiet=True)
        if t is not None and ("target" in t.cols or "actual" in t.cols or "baseline" in t.cols):
            wanted = {w: w for w in ("target", "actual", "baseline", "target_min", "target_max") if w in t.cols
                      or w in ("target", "actual", "baseline")}
            for row in t.rows():
                k = self.kpi_ref(row, "kpi", sc)
                period = self.period(row, "period")
                m = self.measurement(row, k, period, wanted)
                self.keep(m, row, seen, out)
            return out
        wide = self.wide_header(sheet)
        if wide is None and not sheet.cells:
            return out
        if wide is None:
            self.header_missing(sheet, spec)
            return out
        r, kpi_col, wide_cols = wide
        by_period: dict[str, dict[str, int]] = {}
        for c, (what, label) in wide_cols.items():
            by_period.setdefault(label, {})[what] = c
        table = _Table(sheet, spec, r, {"kpi": kpi_col}, sheet.merged_bottom(r) + 1)
        for base_row in table.rows():
            k = self.kpi_ref(base_row, "kpi", sc)
            for label, cols in by_period.items():
                row = _Row(base_row.r, {"kpi": kpi_col, **cols}, sheet, spec)
                m = self.measurement(row, k, label, {w: w for w in cols})
                self.keep(m, row, seen, out)
        return out

    def keep(self, m: Measurement | None, row: _Row, seen: dict[tuple[str, str], str], out: list[Measurement]) -> None:
        if m is None:
            return
        key = (m.kpi, m.period)
        if key in seen:
            self.error(row, "kpi", _m("workbook.duplicate_measurement", "{k} {p} appears twice (first in row {r}).",
                                      "{k} {p} muncul dua kali (pertama di baris {r}).", k=m.kpi, p=m.period,
                                      r=seen[key]),
                       _m("workbook.duplicate_measurement_fix", "Keep one row per KPI and period.",
                          "Sisakan satu baris per IKU dan periode."))
            return
        seen[key] = str(row.r)
        out.append(m)

    def measurement(self, row: _Row, k: KPI | None, period: str | None, cols: dict[str, str]) -> Measurement | None:
        if all(row.cell(c).empty for c in cols.values()):
            return None  # a placeholder row (KPI and period only)
        values: dict[str, float | None] = {}
        actual_text, num, den = "", None, None
        for what, key in cols.items():
            if k is not None and k.scale_words and isinstance(row.cell(key).value, str):
                values[what] = self.rank(row, key, k)
                if what == "actual":
                    actual_text = str(row.cell(key).value).strip()
                continue
            parsed = self.number(row, key)
            if parsed is None:
                continue
            value = ratio_value(parsed, k.ratio_use) if k is not None else parsed.value
            if k is not None and parsed.kind != "ratio":
                fitted = fit_to_unit(parsed, k.unit, self.locale)
                if fitted.error is not None:
                    self.error(row, key, fitted.error)
                elif fitted.note is not None:
                    self.warn(row, key, fitted.note)
                value = fitted.value
            values[what] = value
            if what == "actual":
                cell = row.cell(key)
                actual_text = cell.value if isinstance(cell.value, str) else ("" if cell.empty else self.shown(cell))
                if parsed.kind == "ratio":
                    num, den = parsed.numerator, parsed.denominator
        if k is None or period is None:
            return None
        lo, hi = values.get("target_min"), values.get("target_max")
        if (lo is None) != (hi is None):
            key = cols.get("target_max" if hi is None else "target_min", "kpi")
            self.error(row, key, _m("workbook.range_half", "A range target needs both Target min and Target max.",
                                    "Target rentang memerlukan Target minimum dan Target maksimum."),
                       _m("workbook.range_fix", "Fill in both, or leave both empty.", "Isi keduanya, atau kosongkan keduanya."))
        elif lo is not None and hi is not None and lo > hi:
            self.error(row, cols["target_min"], _m(
                "workbook.range_order", "Target min ({lo}) is above Target max ({hi}).",
                "Target minimum ({lo}) lebih besar dari Target maksimum ({hi}).", lo=self.shown(row.cell(cols["target_min"])),
                hi=self.shown(row.cell(cols["target_max"]))),
                _m("workbook.range_order_fix", "Swap the two values.", "Tukar kedua nilai."))
        self.places[("data", f"{k.code}|{period}")] = (row.sheet.title, row.addr("target") if "target" in row.cols
                                                       else row.addr("kpi"))
        if "actual" in cols:
            self.places[("actual", f"{k.code}|{period}")] = (row.sheet.title, row.addr(cols["actual"]))
        return Measurement(kpi=k.code, period=period, target=values.get("target"), actual=values.get("actual"),
                           baseline=values.get("baseline"), actual_text=actual_text, numerator=num, denominator=den,
                           target_min=lo, target_max=hi)

    def rank(self, row: _Row, key: str, k: KPI) -> float | None:
        """A word of a qualitative KPI's scale as its rank 1..n (1 = the worst); a number is kept as typed."""
        text = str(row.cell(key).value).strip()
        if not text:
            return None
        for i, word in enumerate(k.scale_words, start=1):
            if norm(word) == norm(text):
                return float(i)
        parsed = parse_value(text, locale=self.locale)
        if parsed.error is None and parsed.value is not None:
            return parsed.value
        scale = " < ".join(k.scale_words)
        self.error(row, key, _m("workbook.not_on_scale", '"{v}" is not a word of the scale of {k} ({s}).',
                                '"{v}" bukan kata dari skala {k} ({s}).', v=text, k=k.code, s=scale),
                   _m("workbook.not_on_scale_fix", "Type one of: {s}.", "Ketik salah satu: {s}.", s=scale))
        return None

    _WIDE_RE = re.compile(r"^\s*(target|sasaran|rencana|realisasi|actual|capaian|aktual|baseline|nilai dasar)(?![a-z])"
                          r"[\s:_/()\-]*(.*?)[\s)]*$", re.IGNORECASE)
    _WIDE_WHAT = {"target": "target", "sasaran": "target", "rencana": "target", "realisasi": "actual",
                  "actual": "actual", "capaian": "actual", "aktual": "actual", "baseline": "baseline",
                  "nilai dasar": "baseline"}

    def wide_header(self, sheet: _Sheet) -> tuple[int, int, dict[int, tuple[str, str]]] | None:
        """(header row, KPI column, {column: (target|actual|baseline, period)}) of a wide Data layout."""
        kpi_names = _KPI_COL.names
        for r in range(1, min(sheet.nrows, HEADER_SCAN_ROWS) + 1):
            kpi_col = next((c for c in range(1, sheet.ncols + 1) if norm(sheet.get(r, c).value or "") in kpi_names
                            and sheet.get(r, c).value is not None), None)
            if kpi_col is None:
                continue
            found: dict[int, tuple[str, str]] = {}
            for c in range(1, sheet.ncols + 1):
                v = sheet.get(r, c).value
                m = self._WIDE_RE.match(str(v)) if isinstance(v, str) else None
                if not m:
                    continue
                raw: object = m.group(2)
                if not m.group(2) and r > 1:
                    raw = sheet.get(r - 1, c).value
                try:
                    found[c] = (self._WIDE_WHAT[m.group(1).casefold()], parse_period(raw).label)
                except PeriodError:
                    continue
            if found:
                for c in range(1, sheet.ncols + 1):
                    v = sheet.get(r, c).value
                    if c != kpi_col and c not in found and v is not None and str(v).strip() \
                            and norm(v) not in SHEETS["data"].column("name").names | SHEETS["data"].column("unit").names:
                        self.problem("warning", sheet, _addr(r, c), v, _m(
                            "workbook.extra_column", 'Column "{h}" is not part of the format and is ignored.',
                            'Kolom "{h}" tidak termasuk format dan diabaikan.', h=str(v).strip()))
                return r, kpi_col, found
        return None

    def read_anchors(self, sc: Scorecard) -> list[Anchor]:
        out: list[Anchor] = []
        sheet = self.sheets.get("anchors")
        t = self.table(sheet, SHEETS["anchors"]) if sheet else None
        if t is None:
            return out
        seen: dict[tuple[str, int, str | None], str] = {}
        for row in t.rows():
            k = self.kpi_ref(row, "kpi", sc)
            lvl = self.number(row, "level")
            level: int | None = None
            if lvl is not None:
                if lvl.value is None or not float(lvl.value).is_integer() or not 0 <= lvl.value <= 10:
                    self.error(row, "level", _m("workbook.level", "The level must be a whole number from 0 to 10.",
                                                "Level harus bilangan bulat 0 sampai 10."),
                               _m("workbook.level_fix", "Type 0, 1, ..., 10.", "Ketik 0, 1, ..., 10."))
                else:
                    level = int(lvl.value)
            val = self.number(row, "value")
            if val is not None and val.value is None:
                self.error(row, "value", _m("workbook.anchor_value", "The anchor has no value.",
                                            "Anchor belum punya nilai."),
                           _m("workbook.required_fix", "Fill it in, or delete the row.",
                              "Isi sel ini, atau hapus barisnya."))
            period = self.period(row, "period", required=False)
            value = ratio_value(val, k.ratio_use) if k is not None and val is not None else None
            if k is None or level is None or value is None or (period is None and not row.cell("period").empty):
                continue
            key = (k.code, level, period)
            if key in seen:
                self.error(row, "level", _m("workbook.duplicate_anchor", "{k} level {l} appears twice (first in row {r}).",
                                            "{k} level {l} muncul dua kali (pertama di baris {r}).", k=k.code, l=level,
                                            r=seen[key]),
                           _m("workbook.duplicate_fix", "Keep one row per KPI, level and period.",
                              "Sisakan satu baris per IKU, level dan periode."))
                continue
            seen[key] = str(row.r)
            out.append(Anchor(k.code, level, value, period, self.text(row, "note")))
        return out

    def read_notes(self, sc: Scorecard) -> list[Note]:
        out: list[Note] = []
        sheet = self.sheets.get("notes")
        t = self.table(sheet, SHEETS["notes"]) if sheet else None
        if t is None:
            return out
        seen: dict[tuple[str, str], str] = {}
        for row in t.rows():
            k = self.kpi_ref(row, "kpi", sc)
            period = self.period(row, "period")
            fields = {f: self.text(row, f) for f in ("root_cause", "action", "owner", "due", "narrative")}
            if k is None or period is None:
                continue
            if (k.code, period) in seen:
                self.error(row, "kpi", _m("workbook.duplicate_note", "{k} {p} appears twice (first in row {r}).",
                                          "{k} {p} muncul dua kali (pertama di baris {r}).", k=k.code, p=period,
                                          r=seen[(k.code, period)]),
                           _m("workbook.duplicate_fix", "Keep one row per KPI and period.",
                              "Sisakan satu baris per IKU dan periode."))
                continue
            seen[(k.code, period)] = str(row.r)
            out.append(Note(k.code, period, **fields))
        return out

    def read_manuals(self, sc: Scorecard) -> list[KpiManual]:
        """The KPI manual sheet: one row per KPI; rows with nothing but the KPI filled in are skipped."""
        out: list[KpiManual] = []
        sheet = self.sheets.get("kpi_manual")
        t = self.table(sheet, SHEETS["kpi_manual"]) if sheet else None
        if t is None:
            return out
        seen: dict[str, str] = {}
        for row in t.rows():
            values = {f: self.text(row, f) for f in MANUAL_FIELDS}
            if not any(values.values()):
                continue
            k = self.kpi_ref(row, "kpi", sc)
            if k is None:
                continue
            if k.code in seen:
                self.error(row, "kpi", _m("workbook.duplicate_manual", "{k} appears twice (first in row {r}).",
                                          "{k} muncul dua kali (pertama di baris {r}).", k=k.code, r=seen[k.code]),
                           _m("workbook.duplicate_manual_fix", "Keep one row per KPI.", "Sisakan satu baris per IKU."))
                continue
            seen[k.code] = str(row.r)
            out.append(KpiManual(k.code, **values))
        return out

    def read_links(self, sc: Scorecard) -> None:
        sheet = self.sheets.get("links")
        t = self.table(sheet, SHEETS["links"]) if sheet else None
        if t is None:
            return
        seen: set[tuple[str, str]] = set()
        for row in t.rows():
            ends = []
            for key in ("cause", "effect"):
                text = self.text(row, key, required=True)
                code = self.refs.find(self.refs.objectives, text) if text else None
                if text and code is None:
                    self.error(row, key, *_unknown("Objective", "Sasaran", text, (o.code for o in sc.objectives),
                                                   "Objectives", "Sasaran"))
                ends.append(code)
            cause, effect = ends
            if cause is None or effect is None:
                continue
            if (cause, effect) in seen:
                self.warn(row, "cause", _m("workbook.duplicate_link", "The arrow {a} -> {b} appears twice.",
                                           "Panah {a} -> {b} muncul dua kali.", a=cause, b=effect))
                continue
            seen.add((cause, effect))
            sc.links.append(Link(cause, effect))

    # ---- judgments --------------------------------------------------------------------------
    def node_ref(self, sc: Scorecard, text: str) -> str | None:
        if norm(text) in {norm(w) for w in (*ROOT_WORDS, ROOT, sc.name) if w}:
            return ROOT
        return self.refs.find(self.refs.perspectives, text) or self.refs.find(self.refs.objectives, text)

    def child_ref(self, sc: Scorecard, node: str, text: str) -> str | None:
        if node == ROOT:
            code = self.refs.find(self.refs.perspectives, text)
        elif node in {p.key for p in sc.perspectives}:
            code = self.refs.find(self.refs.objectives, text)
        else:
            code = self.refs.find(self.refs.kpis, text)
        return code if code is not None and code in sc.children(node) else None

    def judgment_value(self, row: _Row, key: str) -> float | None:
        parsed = self.number(row, key)
        if parsed is None:
            return None
        if parsed.kind == "ratio":
            value = parsed.numerator / parsed.denominator if parsed.denominator else None  # type: ignore[operator]
        else:
            value = parsed.value if parsed.kind == "number" else None
        if value is None or value <= 0:
            self.error(row, key, _m("workbook.judgment_value", "A judgment must be a positive number.",
                                    "Nilai perbandingan harus angka positif."),
                       _m("workbook.judgment_fix", "Use Saaty's scale: 1 to 9, or 1/2 to 1/9 when B is more important.",
                          "Pakai skala Saaty: 1 sampai 9, atau 1/2 sampai 1/9 bila B lebih penting."))
            return None
        value = typed_reciprocal(value)  # 0.333 typed for 1/3 is 1/3
        if not (1 / 9 - 1e-9 <= value <= 9 + 1e-9):
            self.warn(row, key, _m("workbook.judgment_range", "The value is outside Saaty's scale 1/9..9.",
                                   "Nilai di luar skala Saaty 1/9..9."))
        return value

    def read_judgments(self, sc: Scorecard) -> dict[str, dict[tuple[str, str], tuple[float, str]]]:
        """{node: {(a, b): (value, cell)}} from the pair list."""
        out: dict[str, dict[tuple[str, str], tuple[float, str]]] = {}
        sheet = self.sheets.get("judgments")
        t = self.table(sheet, SHEETS["judgments"]) if sheet else None
        if t is None:
            return out
        for row in t.rows():
            ntext = self.text(row, "node", required=True)
            node = self.node_ref(sc, ntext) if ntext else None
            if ntext and node is None:
                known = [root_label("en"), root_label("id")] + [p.key for p in sc.perspectives] + \
                    [o.code for o in sc.objectives]
                self.error(row, "node", *_unknown("Node", "Induk", ntext, known, "Perspectives/Objectives",
                                                  "Perspektif/Sasaran"))
            kids = []
            for key in ("a", "b"):
                text = self.text(row, key, required=True)
                code = self.child_ref(sc, node, text) if node is not None and text else None
                if node is not None and text and code is None:
                    self.error(row, key, _m("workbook.not_child", '"{c}" is not directly under "{n}".',
                                            '"{c}" bukan anggota langsung dari "{n}".', c=text, n=ntext),
                               _m("workbook.not_child_fix", "Use one of: {kids}.", "Pakai salah satu: {kids}.",
                                  kids=", ".join(sc.children(node)) or "-"))
                kids.append(code)
            value = self.judgment_value(row, "value")
            a, b = kids
            if node is None or a is None or b is None or value is None:
                continue
            if a == b:
                self.error(row, "b", _m("workbook.self_judgment", "A and B are the same ({a}).",
                                        "A dan B sama ({a}).", a=a),
                           _m("workbook.self_judgment_fix", "Compare two different items.",
                              "Bandingkan dua hal yang berbeda."))
                continue
            pairs = out.setdefault(node, {})
            old = pairs.get((a, b)) or ((1 / pairs[(b, a)][0], pairs[(b, a)][1]) if (b, a) in pairs else None)
            if old is not None:
                if abs(old[0] - value) > 1e-9 * max(1.0, value):
                    self.error(row, "value", _m("workbook.judgment_conflict", "{a} vs {b} under {n} is given twice "
                                                "with different values (first in {c}).", "{a} vs {b} di bawah {n} "
                                                "diisi dua kali dengan nilai berbeda (pertama di {c}).",
                                                a=a, b=b, n=ntext, c=old[1]),
                               _m("workbook.duplicate_fix", "Keep one row per pair.", "Sisakan satu baris per pasangan."))
                else:
                    self.warn(row, "value", _m("workbook.judgment_twice", "{a} vs {b} under {n} is given twice.",
                                               "{a} vs {b} di bawah {n} diisi dua kali.", a=a, b=b, n=ntext))
                continue
            pairs[(a, b)] = (value, row.addr("value"))
        return out

    def read_matrices(self, sc: Scorecard, pairs: dict[str, dict[tuple[str, str], tuple[float, str]]]) -> None:
        """Blocks: the node in a block's first cell, its children across that row and down that column."""
        sheet = self.sheets.get("matrices")
        if sheet is None:
            return
        r = 1
        while r <= sheet.nrows:
            c0 = next((c for c in range(1, sheet.ncols + 1) if not sheet.get(r, c).empty), None)
            text = self.shown(sheet.get(r, c0).value).strip() if c0 else ""
            node = self.node_ref(sc, text) if text else None
            if node is None or c0 is None:
                r += 1
                continue
            across: dict[int, str] = {}
            for c in range(c0 + 1, sheet.ncols + 1):
                kid = self.child_ref(sc, node, self.shown(sheet.get(r, c).value).strip())
                if kid is not None:
                    across[c] = kid
            if not across:
                r += 1
                continue
            order = sc.children(node)
            rr = r + 1
            found: dict[tuple[str, str], tuple[float, str]] = {}
            while rr <= sheet.nrows:
                kid = self.child_ref(sc, node, self.shown(sheet.get(rr, c0).value).strip())
                if kid is None:
                    break
                for c, col_kid in across.items():
                    if col_kid == kid or sheet.get(rr, c).empty:
                        continue
                    row = _Row(rr, {"value": c}, sheet)
                    value = self.judgment_value(row, "value")
                    if value is not None:
                        found[(kid, col_kid)] = (value, _addr(rr, c))
                rr += 1
            node_pairs = pairs.setdefault(node, {})
            for (a, b), (value, cell) in found.items():
                if order.index(a) > order.index(b) and (b, a) in found:
                    continue  # the upper triangle wins over the lower one
                listed = node_pairs.get((a, b)) or (
                    (1 / node_pairs[(b, a)][0], node_pairs[(b, a)][1]) if (b, a) in node_pairs else None)
                if listed is None:
                    node_pairs[(a, b)] = (value, f"{sheet.title}!{cell}")
                elif abs(listed[0] - value) > 1e-6 * max(1.0, value):
                    self.problem("warning", sheet, cell, value, _m(
                        "workbook.matrix_conflict", "{a} vs {b}: the matrix says {v:.4g} but the pair list says "
                        "{w:.4g} ({c}); the pair list is used.", "{a} vs {b}: matriks berisi {v:.4g} tetapi daftar "
                        "pasangan berisi {w:.4g} ({c}); yang dipakai daftar pasangan.", a=a, b=b, v=value,
                        w=listed[0], c=listed[1]))
            r = rr

    # ---- whole workbook ---------------------------------------------------------------------
    def read_full(self) -> Scorecard:
        sc = Scorecard(name="")
        self.read_settings(sc)
        self.read_perspectives(sc)
        self.read_objectives(sc)
        self.read_kpis(sc)
        if "data" in self.sheets:
            sc.measurements = self.read_data(sc, self.sheets["data"])
        sc.anchors = self.read_anchors(sc)
        pairs = self.read_judgments(sc)
        self.read_matrices(sc, pairs)
        for node, items in pairs.items():
            for (a, b), (value, _) in items.items():
                sc.set_judgment(node, a, b, value)
        self.read_links(sc)
        sc.notes = self.read_notes(sc)
        sc.manuals = self.read_manuals(sc)
        self.flush_ambiguous()
        return sc

    def read_update(self, base: Scorecard) -> Scorecard:
        sc = base.copy()
        self.locale = sc.settings.locale
        self.refs = _Refs.of(sc)
        if "data" in self.sheets:
            index = {(m.kpi, m.period): i for i, m in enumerate(sc.measurements)}
            for m in self.read_data(sc, self.sheets["data"]):
                i = index.get((m.kpi, m.period))
                if i is None:
                    index[(m.kpi, m.period)] = len(sc.measurements)
                    sc.measurements.append(m)
                else:
                    sc.measurements[i] = m
        for a in self.read_anchors(sc):
            sc.anchors = [x for x in sc.anchors if (x.kpi, x.level, x.period) != (a.kpi, a.level, a.period)]
            sc.anchors.append(a)
        for n in self.read_notes(sc):
            sc.notes = [x for x in sc.notes if (x.kpi, x.period) != (n.kpi, n.period)]
            sc.notes.append(n)
        for man in self.read_manuals(sc):
            sc.set_manual(man)
        self.flush_ambiguous()
        return sc


def _sheet_listing_error(found: list[str], update: bool) -> Problem:
    shown = ", ".join(f'"{t}"' for t in found) or "-"
    need = [SHEETS[k] for k in (UPDATE_SHEETS if update else STRUCTURE_SHEETS)]
    optional = [s for s in SHEETS.values() if s not in need and s.key != "instructions"]
    exp_en = ", ".join(f'"{s.en}"' for s in need)
    exp_id = ", ".join(f'"{s.id}"' for s in need)
    opt_en = ", ".join(f'"{s.en}"' for s in optional)
    opt_id = ", ".join(f'"{s.id}"' for s in optional)
    if update:
        what = _m("workbook.sheets_missing", "This workbook has none of the sheets the format needs. Found: {found}. "
                  "Expected at least one of {exp} (Indonesian: {exp_id}), or a full scorecard workbook.",
                  "Buku kerja ini tidak punya lembar yang dibutuhkan format. Ditemukan: {found}. Diharapkan minimal "
                  "salah satu dari {exp_id} (bahasa Inggris: {exp}), atau buku kerja kartu skor lengkap.",
                  found=shown, exp=exp_en, exp_id=exp_id)
    else:
        what = _m("workbook.sheets_missing", "This workbook does not have the sheets the format needs. Found: {found}. "
                  "Expected: {exp} (Indonesian: {exp_id}); optional: {opt}.",
                  "Buku kerja ini tidak punya lembar yang dibutuhkan format. Ditemukan: {found}. Diharapkan: "
                  "{exp_id} (bahasa Inggris: {exp}); opsional: {opt_id}.",
                  found=shown, exp=exp_en, exp_id=exp_id, opt=opt_en, opt_id=opt_id)
    fix = _m("workbook.sheets_fix", "Download the template and copy your data into it, or rename the sheets.",
             "Unduh templat lalu salin data Anda ke dalamnya, atau ganti nama lembarnya.")
    return Problem("error", what, fix)  # the message itself lists the sheets found


def _match_sheets(titles: Iterable[str]) -> dict[str, str]:
    """{sheet key: workbook sheet title} for the titles that name a sheet of the format."""
    out: dict[str, str] = {}
    for title in titles:
        key = next((s.key for s in SHEETS.values() if norm(title) in s.names), None)
        if key is not None and key not in out:
            out[key] = title
    return out


_FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _may_have_formulas(data: bytes) -> bool:
    """False only when no worksheet part of the (already preflighted) zip has an <f> element."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                name = info.filename.lower()
                if name.startswith("xl/") and "sheet" in name and name.endswith(".xml"):
                    with zf.open(info) as fh:
                        tail = b""
                        while chunk := fh.read(1 << 20):
                            if _FORMULA_ELEMENT.search(tail + chunk):
                                return True
                            tail = chunk[-64:]
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return True  # cannot tell: look the slow way
    return False


def _formula_cells(data: bytes, titles: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    """{title: {(row, col): formula}} of the formula cells of the named sheets."""
    out: dict[str, dict[tuple[int, int], str]] = {t: {} for t in titles}
    if not titles or not _may_have_formulas(data):
        return out
    wb = safe_load_workbook(data, read_only=True, data_only=False)
    try:
        for title in titles:
            for row in wb[title].iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        v = cell.value
                        out[title][(cell.row, cell.column)] = str(getattr(v, "text", v))
    finally:
        close = getattr(wb, "close", None)
        if close:
            close()
    return out


def _finish(reader: _Reader, sc: Scorecard | None, pre: Preflight | None, prefix: Report) -> ReadResult:
    rep = Report()
    rep.extend(prefix)
    rep.extend(reader.rep)
    if sc is not None and rep.ok:
        place = reader.place if isinstance(reader, _ScorecardReader) else (lambda p: p)
        rep.extend([place(p) for p in validate(sc).problems])
    return ReadResult(sc if rep.ok else None, rep, pre)


_DATA_SHEET_RE = re.compile(r"\b(?:data|realisasi|capaian|pk|iku|kinerja|lkjip|target)\b|(?:19|20)[0-9]{2}",
                            re.IGNORECASE)


def _looks_like_data(title: str) -> bool:
    """A sheet name such as "Data 2024", "PK 2024", "Realisasi TW I" (read it or say why not)."""
    return _DATA_SHEET_RE.search(title) is not None


def read_workbook(data: bytes, filename: str = "", *, base: Scorecard | None = None) -> ReadResult:
    """Read a scorecard workbook (or, with ``base``, a Data update or a CSV of Data rows).

    All or nothing: when the report has errors, ``scorecard`` is None and ``base`` is untouched.
    Never raises for any input: an unexpected failure is one error ``workbook.internal`` (only a MemoryError
    passes through, for the job runner to report as over the memory limit).
    """
    try:
        return _read_workbook(data, filename, base)
    except MemoryError:
        raise  # out of memory is not the file's fault: the job runner (scorecard.store.jobs) reports it
    except Exception as exc:  # noqa: BLE001 - user input must never crash the caller
        rep = Report()
        rep.add(Problem("error", _m("workbook.internal", "The workbook could not be read ({e}).",
                                    "Buku kerja tidak dapat dibaca ({e}).", e=f"{type(exc).__name__}: {exc}"[:200]),
                        _m("workbook.internal_fix", "Check it against the template, or send it to the administrator.",
                           "Periksa dengan templat, atau kirimkan ke administrator."), filename))
        return ReadResult(None, rep, None)


def _open_workbook(data: bytes, filename: str, head: Report) -> object | None:
    """openpyxl's full load of an upload, or None with the error added to ``head``."""
    try:
        return safe_load_workbook(data, read_only=False, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file becomes one error
        head.add(Problem("error", _m("workbook.open_failed", "The workbook cannot be opened ({e}).",
                                     "Buku kerja tidak dapat dibuka ({e}).", e=type(exc).__name__),
                         _m("workbook.open_fix", "Save it again as an Excel workbook (.xlsx) and upload that.",
                            "Simpan ulang sebagai buku kerja Excel (.xlsx) lalu unggah berkas itu."), filename))
        return None


def _sheets_fast(book: CellBook, used: dict[str, str]) -> dict[str, _Sheet] | None:
    """The used sheets from the fast cell reader; None (read with openpyxl) when a sheet cannot be parsed or
    holds a formula without a saved result (the openpyxl path names its formula text in the error)."""
    out: dict[str, _Sheet] = {}
    try:
        for key, title in used.items():
            got = book.take(title)
            if any(rc not in got.cells for rc in got.formula_rc):
                return None
            out[key] = _Sheet(title, got.cells, got.merged)
    except Exception:  # noqa: BLE001 - anything unusual: the openpyxl path decides
        return None
    return out


def _max_row(book: CellBook | None, wb: object, title: str) -> int:
    """openpyxl's ``max_row`` of a sheet (from the fast reader when there is one)."""
    if book is not None:
        try:
            return book.sheet(title).max_row
        except Exception:  # noqa: BLE001 - cannot tell: count it as filled
            return 2
    return wb[title].max_row  # type: ignore[index]


def _read_workbook(data: bytes, filename: str, base: Scorecard | None) -> ReadResult:
    pre = preflight(data, filename)
    head = Report()
    head.extend(list(pre.problems))
    if not pre.ok:
        return ReadResult(None, head, pre)
    if pre.kind == "csv":
        reader = _ScorecardReader({})
        if base is None:
            head.add(Problem("error", _m(
                "workbook.csv_needs_base", "A CSV file can only hold Data rows for an existing scorecard.",
                "Berkas CSV hanya dapat berisi baris Data untuk kartu skor yang sudah ada."),
                _m("workbook.csv_fix", "Open the scorecard first (or upload the full .xlsx workbook), then upload "
                   "the CSV.", "Buka kartu skor terlebih dahulu (atau unggah buku kerja .xlsx lengkap), lalu unggah "
                   "CSV-nya."), filename or "CSV"))
            return ReadResult(None, head, pre)
        try:
            reader.sheets = {"data": _sheet_from_csv(data, filename or "CSV")}
        except csv.Error as exc:
            head.add(Problem("error", _m("workbook.csv_unreadable", "The CSV file cannot be read ({e}).",
                                         "Berkas CSV tidak dapat dibaca ({e}).", e=str(exc)[:80]),
                             _m("workbook.csv_fix", "Save it again from Excel as CSV, or upload the .xlsx workbook.",
                                "Simpan ulang dari Excel sebagai CSV, atau unggah buku kerja .xlsx."), filename or "CSV"))
            return ReadResult(None, head, pre)
        return _finish(reader, reader.read_update(base), pre, head)
    fast = load_cells(data)  # None: read with openpyxl (slower, same result)
    wb = None if fast is not None else _open_workbook(data, filename, head)
    if fast is None and wb is None:
        return ReadResult(None, head, pre)
    titles = list(fast.sheetnames if fast is not None else wb.sheetnames)  # type: ignore[union-attr]
    matched = _match_sheets(titles)
    matched.pop("instructions", None)
    has_structure = [k for k in STRUCTURE_SHEETS if k in matched]
    update = base is not None and not has_structure
    if (update and not any(k in matched for k in UPDATE_SHEETS)) or (
            not update and len(has_structure) < len(STRUCTURE_SHEETS)):
        head.add(_sheet_listing_error(titles, update))
        if any(_looks_like_data(t) for t in titles):  # an office's own table: say where it can go in
            head.add(Problem("warning", _m(
                "workbook.try_import", "This looks like an office's own table (sheets {s}): bring it in with "
                '"Import from your own table" on the Data page (python -m scorecard import).',
                'Ini tampak seperti tabel kantor sendiri (lembar {s}): masukkan lewat "Impor dari tabel sendiri" di '
                "halaman Data (python -m scorecard import).",
                s=", ".join(f'"{t}"' for t in titles if _looks_like_data(t))), None, titles[0], "A1"))
        return ReadResult(None, head, pre)
    used = {k: t for k, t in matched.items() if not update or k in UPDATE_SHEETS}
    sheets = _sheets_fast(fast, used) if fast is not None else None
    if sheets is None:
        if wb is None:
            wb = _open_workbook(data, filename, head)
            if wb is None:
                return ReadResult(None, head, pre)
        formulas: dict[str, dict[tuple[int, int], str]] = {}
        try:
            formulas = _formula_cells(data, list(used.values()))
        except Exception:  # noqa: BLE001 - cannot look for formulas: say so, never guess
            head.add(Problem("error", _m("workbook.formula_scan", "Could not check the workbook for formulas.",
                                         "Tidak dapat memeriksa rumus dalam buku kerja."),
                             _m("workbook.open_fix", "Save it again as an Excel workbook (.xlsx) and upload that.",
                                "Simpan ulang sebagai buku kerja Excel (.xlsx) lalu unggah berkas itu."), filename))
            return ReadResult(None, head, pre)
        sheets = {k: _sheet_from_ws(wb[t], formulas.get(t, {})) for k, t in used.items()}
    for title in titles:
        if title not in matched.values() and _looks_like_data(title) and _max_row(fast, wb, title) > 1:
            head.add(Problem("warning", _m(
                "workbook.sheet_not_read", 'Sheet "{s}" looks like data but is not read: it is not a sheet of the '
                "format{why}.", 'Lembar "{s}" tampak berisi data tetapi tidak dibaca: bukan lembar format ini{why_id}.',
                s=title, why=' (the format reads one sheet named "Data"; put these rows there with their period)'
                if "data" in title.casefold() else "", why_id=' (format ini membaca satu lembar bernama "Data"; '
                "pindahkan baris-barisnya ke sana beserta periodenya)" if "data" in title.casefold() else ""),
                _m("workbook.sheet_not_read_fix", 'Or bring it in with "Import from your own table" on the Data page '
                   "(python -m scorecard import).", 'Atau masukkan lewat "Impor dari tabel sendiri" di halaman Data '
                   "(python -m scorecard import)."), title, "A1"))
    reader = _ScorecardReader(sheets)
    sc = reader.read_update(base) if update and base is not None else reader.read_full()
    return _finish(reader, sc, pre, head)


def read_path(path: str | Path, *, base: Scorecard | None = None) -> ReadResult:
    """:func:`read_workbook` of a file on disk."""
    p = Path(path)
    return read_workbook(p.read_bytes(), p.name, base=base)

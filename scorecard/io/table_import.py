"""Import an office's own table (LKjIP "Pengukuran Kinerja", Perjanjian Kinerja, monthly "Data 2024"
sheets, SKP-like tables) into an ordinary scorecard, with every assumption visible and editable.

Two steps:

1. :func:`build_plan` reads the workbook (through the upload preflight) and returns an
   :class:`ImportPlan`: per sheet the header row, the role of every column and the period; the
   sasaran (objectives) with a suggested BSC perspective; the indicators (KPIs) with generated
   codes, unit, suggested direction and worst value, and the values read with their cells; the
   qualitative scales used; every problem (misreading) with sheet and cell. Nothing is saved.
2. :func:`apply_plan` turns the plan into a :class:`~scorecard.model.Scorecard` (the four default
   perspectives, equal weights until the user judges them) and keeps the plan's
   :class:`Mapping` on ``settings.import_mapping`` (JSON), so next year's file of the same layout
   imports in one click (:func:`build_plan` with ``mapping=Mapping.from_json(...)``).

Every decision the user can change lives in :class:`Mapping` (column roles by header text,
periods per sheet, objective codes and perspectives by sasaran, KPI codes, units, directions and
worst values by indicator, the scales). The preview edits the mapping and builds the plan again.

Reading rules (documented decisions):

* The header row is the row in the first :data:`HEADER_SCAN` rows with an indicator column and at
  least one target/realisasi column (most recognised columns wins). A second header row below it
  ("Realisasi" merged over "2023 | 2024") is joined to it. Rows of column numbers ("(1) (2) ...
  (7)") under the header are skipped, so are empty rows, total/average rows ("Jumlah",
  "Rata-rata") and rows without any value (a sasaran heading or a signature block).
* Merged cells are read as if every cell held the top-left value; an empty sasaran or No cell
  takes the value above it (fill down).
* The period of a sheet comes from a title row above the header ("TAHUN ANGGARAN 2024"), else
  from the sheet name ("Data 2023", "PK 2024", "TW I 2024"); a column header with its own period
  ("Realisasi 2023") wins for that column. "s.d. TW II 2024" is cumulative and said so.
* Codes: sasaran "S1", "S2", ... in order of appearance; indicators "IKU" + No when every
  indicator row has its own No, else "<sasaran code>.<n>". The same indicator name in several
  sheets is one KPI with several periods.
* Direction: the suggestion from the indicator's words (:mod:`scorecard.io.detect`) gives way to the
  formula the file's own Capaian column uses, when it tells one apart; the mapping wins over both.
* Values are read like every other number (:func:`scorecard.io.numbers.parse_value`) in the
  chosen locale; a unit word is converted to the KPI's unit (Satuan) when the conversion is
  certain (jam/menit, hari/minggu, tahun/bulan, ribu/juta/miliar/triliun of rupiah) and refused
  otherwise. Qualitative words are ranked on their scale; "70 (BB)" is 70.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from scorecard import display
from scorecard.io.detect import (
    HEADER_WORDS,
    TOTAL_WORDS,
    VALUE_ROLES,
    default_worst,
    header_role,
    is_column_number_row,
    period_in_text,
    suggest_direction,
    suggest_perspective,
)
from scorecard.io.format import STRUCTURE_SHEETS, norm
from scorecard.io.numbers import (
    Parsed,
    PeriodError,
    magnitude_slip,
    parse_period,
    parse_value,
    shows_number_style,
)
from scorecard.io.preflight import preflight, safe_load_workbook
from scorecard.io.qualitative import SCALES, Scale, find_scale, grade_note, rank
from scorecard.io.reader import _formula_cells, _match_sheets, _Sheet, _sheet_from_ws
from scorecard.io.units import fit_to_unit, unit_kind
from scorecard.io.writer import DEFAULT_PERSPECTIVES
from scorecard.messages import Msg, Problem, msg
from scorecard.model import KPI, Measurement, Objective, Perspective, Scorecard, Settings

__all__ = ["HEADER_SCAN", "ColumnPlan", "ImportPlan", "KpiPlan", "Mapping", "ObjectivePlan", "SheetPlan", "ValueRead",
           "apply_plan", "build_plan", "plan_json"]

HEADER_SCAN = 40
PERSPECTIVE_KEYS = tuple(p[0] for p in DEFAULT_PERSPECTIVES)


# ---------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------


@dataclass
class Mapping:
    """Every choice of an import, keyed by what a next year's file will have again (headers, names).

    ``columns``: {normalised header text: role}; ``periods``: {sheet title: period label} (only
    periods the user set; a detected period is detected again in next year's file);
    ``objective_codes`` / ``perspectives``: {sasaran name: code / perspective key};
    ``codes`` / ``units`` / ``directions`` / ``worst``: {indicator name: value};
    ``scales``: {scale key: words worst..best}; ``locale``: how "1.035" is read.
    """

    columns: dict[str, str] = field(default_factory=dict)
    periods: dict[str, str] = field(default_factory=dict)
    objective_codes: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    directions: dict[str, str] = field(default_factory=dict)
    worst: dict[str, float] = field(default_factory=dict)
    scales: dict[str, list[str]] = field(default_factory=dict)
    locale: str = "id"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        """A mapping from :meth:`to_json` text; unknown keys are ignored, wrong types raise ValueError."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("a mapping is a JSON object")
        kw: dict[str, Any] = {}
        for name in cls.__dataclass_fields__:
            if name not in data:
                continue
            value = data[name]
            if name == "locale":
                if value not in ("id", "en"):
                    raise ValueError("locale must be id or en")
            elif not isinstance(value, dict):
                raise ValueError(f"{name} must be an object")
            kw[name] = value
        kw["worst"] = {k: float(v) for k, v in kw.get("worst", {}).items()}
        return cls(**kw)


@dataclass
class ColumnPlan:
    """One column of a sheet: its letter, header as found, role, and its own period (if the header has one)."""

    letter: str
    header: str
    role: str
    period: str = ""
    cumulative: bool = False


@dataclass
class SheetPlan:
    """Where the table of one sheet is and what period it holds (``period`` "" = only per-column periods)."""

    sheet: str
    header_row: int
    first_row: int
    columns: list[ColumnPlan]
    period: str = ""
    period_source: str = ""
    cumulative: bool = False
    rows_read: int = 0
    rows_skipped: list[str] = field(default_factory=list)


@dataclass
class ValueRead:
    """The target, actual and typed capaian of one indicator in one period, with their cells."""

    period: str
    target: float | None = None
    actual: float | None = None
    capaian: float | None = None
    target_cell: str = ""
    actual_cell: str = ""
    capaian_cell: str = ""
    target_text: str = ""
    actual_text: str = ""
    cumulative: bool = False


@dataclass
class ObjectivePlan:
    code: str
    name: str
    perspective: str
    perspective_why: str = ""


@dataclass
class KpiPlan:
    code: str
    name: str
    objective: str
    unit: str = ""
    direction: str = "higher"
    direction_why: str = ""
    worst: float | None = None
    worst_why: str = ""
    scale: str = ""
    source: str = ""
    values: list[ValueRead] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What an import would do; see the module docstring. ``problems`` name sheet and cell."""

    source: str
    sheets: list[SheetPlan] = field(default_factory=list)
    objectives: list[ObjectivePlan] = field(default_factory=list)
    kpis: list[KpiPlan] = field(default_factory=list)
    scales: dict[str, Scale] = field(default_factory=dict)
    mapping: Mapping = field(default_factory=Mapping)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when a scorecard can be made: a table was found and no problem is an error."""
        return bool(self.kpis) and not any(p.is_error for p in self.problems)

    @property
    def periods(self) -> list[str]:
        labels = {v.period for k in self.kpis for v in k.values}
        return sorted(labels, key=lambda p: parse_period(p).sort_key)

    def assumptions(self, lang: str = "en") -> list[str]:
        """Every assumption made, one line each, in ``lang``."""
        id_ = lang == "id"
        out: list[str] = []
        for s in self.sheets:
            cols = ", ".join(f"{c.letter}={c.role}{' ' + c.period if c.period else ''}" for c in s.columns
                             if c.role != "ignore")
            src = why_text(s.period_source, lang) or "-"
            out.append((f'Lembar "{s.sheet}": baris judul {s.header_row}, data mulai baris {s.first_row}, kolom {cols}; '
                        f"periode {s.period or '-'} ({src})" if id_ else
                        f'Sheet "{s.sheet}": header row {s.header_row}, data from row {s.first_row}, columns {cols}; '
                        f"period {s.period or '-'} ({src})") + (" (kumulatif)" if s.cumulative and id_ else
                                                                " (cumulative)" if s.cumulative else ""))
        for o in self.objectives:
            out.append(f'{o.code} "{o.name}": ' + (f"perspektif {o.perspective} ({why_text(o.perspective_why, lang)})" if id_ else
                                                     f"perspective {o.perspective} ({o.perspective_why})"))
        for k in self.kpis:
            worst = "-" if k.worst is None else display.number(k.worst, "id" if id_ else "en")
            out.append(f'{k.code} "{k.name}": ' + (
                f"arah {k.direction} ({why_text(k.direction_why, lang)}); nilai terburuk {worst} "
                f"({why_text(k.worst_why, lang)})" if id_ else
                f"direction {k.direction} ({k.direction_why}); worst {worst} ({k.worst_why})")
                + (f"; {SCALES_NAME[id_]} {self.scales[k.scale].words}" if k.scale else ""))
        out += [n.text(lang) for n in self.notes]
        return out


SCALES_NAME = {True: "skala", False: "scale"}
# The reasons of suggestions are built in English; their Indonesian words for the preview.
_WHY_ID = (("ordinal scale (best word last)", "skala ordinal (kata terbaik paling akhir)"),
           ("rank 1 (the scale's worst word)", "peringkat 1 (kata terburuk skala)"),
           ("0 (higher is better)", "0 (makin tinggi makin baik)"), ("2 x largest target", "2 x target terbesar"),
           ("largest actual (above 2 x target)", "realisasi terbesar (di atas 2 x target)"),
           ("100 % (cap for a % KPI)", "100 % (batas IKU persen)"), ("no keyword", "tanpa kata kunci"),
           ("outweighs", "mengalahkan"), ("words:", "kata:"), ("tie:", "seri:"), ("default", "bawaan"),
           ("mapping", "pemetaan"), ("sheet name", "nama lembar"), ("title ", "judul "),
           ("the file's Capaian is computed as higher-is-better", "Capaian di berkas dihitung makin tinggi makin baik"),
           ("the file's Capaian is computed as lower-is-better", "Capaian di berkas dihitung makin rendah makin baik"))


def why_text(why: str, lang: str) -> str:
    """A suggestion's reason in ``lang`` (reasons are stored in English)."""
    if lang != "id":
        return why
    for en, id_ in _WHY_ID:
        why = why.replace(en, id_)
    return why


def plan_json(plan: ImportPlan, lang: str = "en") -> dict[str, Any]:
    """The CLI's ``import --json`` object: sheets, periods, kpis (with values), assumptions, problems."""
    by_obj = {o.code: o for o in plan.objectives}
    return {
        "sheets": [s.sheet for s in plan.sheets],
        "periods": plan.periods,
        "kpis": [{"code": k.code, "name": k.name, "sasaran": by_obj[k.objective].name if k.objective in by_obj else "",
                  "perspective": by_obj[k.objective].perspective if k.objective in by_obj else "",
                  "unit": k.unit, "direction": k.direction, "worst": k.worst,
                  "values": [{"period": v.period, "target": v.target, "actual": v.actual} for v in k.values]}
                 for k in plan.kpis],
        "assumptions": plan.assumptions(lang),
        "problems": [p.text(lang) for p in plan.problems],
    }


# ---------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------


def _problem(severity: str, sheet: str, cell: str, value: object, what: Msg) -> Problem:
    return Problem(severity, what, None, sheet, cell, "" if value is None else str(value))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Finding the table
# ---------------------------------------------------------------------------------------------


def _text(sheet: _Sheet, r: int, c: int) -> str:
    v = sheet.get(r, c).value
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


def _classify(text: str, mapping: Mapping) -> tuple[str, str, bool]:
    if norm(text) in mapping.columns:
        role = mapping.columns[norm(text)]
        found = header_role(text)
        return role, (found[1] if found else ""), (found[2] if found else False)
    found = header_role(text)
    return found if found else ("ignore", "", False)


def _header_at(sheet: _Sheet, r: int, mapping: Mapping) -> tuple[list[ColumnPlan], int]:
    """Column plans of a header at row ``r`` (joined with a sub-header row) and the last header row."""
    last = r
    texts = {c: _text(sheet, r, c) for c in range(1, sheet.ncols + 1)}
    below = {c: _text(sheet, r + 1, c) for c in range(1, sheet.ncols + 1)}
    sub = [c for c, t in below.items() if t and t != texts[c]]
    if sub and not is_column_number_row(list(below.values())) and all(
            texts[c] and _classify(texts[c], mapping)[0] in VALUE_ROLES and period_in_text(below[c]) for c in sub):
        last = r + 1
        texts = {c: (f"{texts[c]} {below[c]}" if below[c] and below[c] != texts[c] else texts[c]) for c in texts}
    cols: list[ColumnPlan] = []
    for c, t in texts.items():
        if not t:
            continue
        role, period, cumulative = _classify(t, mapping)
        cols.append(ColumnPlan(get_column_letter(c), t, role, period, cumulative))
    return cols, last


def _score(cols: list[ColumnPlan]) -> int:
    roles = [c.role for c in cols]
    if "indikator" not in roles or not any(r in roles for r in ("target", "realisasi")):
        return 0
    return len({r for r in roles if r != "ignore"}) + sum(r in ("target", "realisasi") for r in roles)


def _find_table(sheet: _Sheet, mapping: Mapping) -> SheetPlan | None:
    best: tuple[int, int, list[ColumnPlan], int] | None = None
    for r in range(1, min(sheet.nrows, HEADER_SCAN) + 1):
        cols, last = _header_at(sheet, r, mapping)
        sc = _score(cols)
        if sc and (best is None or sc > best[0]):
            best = (sc, r, cols, last)
    if best is None:
        return None
    _, r, cols, last = best
    seen: set[str] = set()
    for c in cols:  # one column per plain role (the first wins), periodised value columns all kept
        key = c.role + "|" + c.period
        if c.role != "ignore" and key in seen:
            c.role = "ignore"
        seen.add(key)
    first = last + 1
    while first <= sheet.nrows and is_column_number_row([_text(sheet, first, c) for c in range(1, sheet.ncols + 1)]):
        first += 1
    return SheetPlan(sheet.title, r, first, cols)


def _sheet_period(sheet: _Sheet, plan: SheetPlan, mapping: Mapping) -> None:
    if sheet.title in mapping.periods:
        plan.period, plan.period_source = mapping.periods[sheet.title], "mapping"
        return
    for r in range(1, plan.header_row):
        for c in range(1, sheet.ncols + 1):
            t = _text(sheet, r, c)
            found = period_in_text(t) if t else None
            if found:
                plan.period, plan.cumulative = found[0], found[1]
                plan.period_source = f'title {get_column_letter(c)}{r} "{found[2]}"'
                return
    found = period_in_text(sheet.title)
    if found:
        plan.period, plan.cumulative = found[0], found[1]
        plan.period_source = f'sheet name "{sheet.title}"'


def _month_columns(plan: SheetPlan) -> None:
    """Month columns ("Januari" ... "Desember", placeholder "M01") get the sheet's year ("Data 2024")."""
    months = [c for c in plan.columns if re.fullmatch(r"M[0-9]{2}", c.period)]
    if not months:
        return
    year = parse_period(plan.period).year if plan.period else None
    for c in months:
        c.period = f"{year}-{c.period[1:]}" if year else ""
        if not year:
            c.role = "ignore"
    if year and not any(c.role in VALUE_ROLES and not c.period for c in plan.columns):
        plan.period_source += " (year of the month columns)"


def _is_total(no: str, sasaran: str, name: str, unit: str) -> bool:
    """A total or average row: "Jumlah" / "Rata-rata" in the No or Sasaran cell, or as the whole
    indicator cell without a unit ("Jumlah wajib pajak" with unit "orang" is an indicator)."""
    def starts(text: str) -> bool:
        t = " ".join(text.casefold().replace(":", " ").split())
        return any(t == w or t.startswith(w + " ") for w in TOTAL_WORDS)

    short = len(name.split()) <= 3
    return starts(no) or starts(sasaran) or (starts(name) and not unit and short)


def _looks_like_data(title: str) -> bool:
    t = title.casefold()
    return period_in_text(title) is not None or any(w in t for w in (
        "data", "kinerja", "pk", "iku", "capaian", "realisasi", "target", "lkj", "lakip", "skp", "pengukuran"))


# ---------------------------------------------------------------------------------------------
# Reading rows
# ---------------------------------------------------------------------------------------------

class _Rows:
    """Reads the rows of the found tables into objectives, KPIs and values; collects problems."""

    def __init__(self, mapping: Mapping, scales: dict[str, Scale]) -> None:
        self.m = mapping
        self.scales = scales
        self.problems: list[Problem] = []
        self.notes: list[Msg] = []
        self.objectives: dict[str, ObjectivePlan] = {}  # by sasaran name
        self.kpis: dict[str, KpiPlan] = {}  # by indicator key
        self.kpi_no: dict[str, str] = {}
        self.kpi_sasaran: dict[str, str] = {}
        self.number_cells: dict[str, list[str]] = {}  # kpi key -> cells holding numbers
        self.ambiguous: dict[tuple[str, str], list[Problem]] = {}  # (sheet, column) -> "1.035" readings
        self.styled: set[tuple[str, str]] = set()  # columns whose values show the number style
        self.qual_cells: dict[str, list[str]] = {}

    def read(self, sheet: _Sheet, plan: SheetPlan) -> None:
        idx = {c.letter: column_index_from_string(c.letter) for c in plan.columns}
        first = {role: next((c for c in plan.columns if c.role == role and not c.period), None)
                 for role in ("no", "code", "sasaran", "indikator", "satuan")}
        values = [c for c in plan.columns if c.role in VALUE_ROLES]

        def get(r: int, col: ColumnPlan | None) -> str:
            return _text(sheet, r, idx[col.letter]) if col else ""

        last_sasaran, last_no = "", ""
        for r in range(plan.first_row, sheet.nrows + 1):
            no, sasaran = get(r, first["no"]), get(r, first["sasaran"])
            name, unit = get(r, first["indikator"]), get(r, first["satuan"])
            heads = " ".join(x for x in (no, sasaran, name) if x).casefold()
            has_values = any(get(r, v) for v in values)
            if not heads and not has_values:
                continue
            if _is_total(no, sasaran, name, unit):
                plan.rows_skipped.append(f"{r}: {heads[:40]}")
                continue
            sasaran = sasaran or last_sasaran
            no = no or last_no
            last_sasaran, last_no = sasaran, no
            if first["sasaran"] is None and name and not has_values:
                last_sasaran = name  # a sasaran heading row in a table without a sasaran column
                plan.rows_skipped.append(f"{r}: {name[:40]}")
                continue
            if not name or not has_values:
                if name or sasaran:
                    plan.rows_skipped.append(f"{r}: {(name or sasaran)[:40]}")
                continue
            self.row(sheet, plan, r, no, sasaran, name, unit, values, idx)
            plan.rows_read += 1

    def row(self, sheet: _Sheet, plan: SheetPlan, r: int, no: str, sasaran: str, name: str, unit: str,
            values: list[ColumnPlan], idx: dict[str, int]) -> None:
        sasaran = sasaran or "(tanpa sasaran)"
        if sasaran not in self.objectives:
            code = self.m.objective_codes.get(sasaran) or f"S{len(self.objectives) + 1}"
            persp, why = suggest_perspective(sasaran)
            if sasaran in self.m.perspectives:
                persp, why = self.m.perspectives[sasaran], "mapping"
            self.objectives[sasaran] = ObjectivePlan(code, sasaran, persp, why)
        key = " ".join(name.casefold().split())
        k = self.kpis.get(key)
        if k is None:
            unit = self.m.units.get(name, unit)
            k = KpiPlan(code="", name=name, objective=self.objectives[sasaran].code, unit=unit,
                        source=f"{sheet.title}!{r}")
            self.kpis[key] = k
            self.kpi_no[key] = no
        elif not k.unit and unit:
            k.unit = unit
        by_period: dict[tuple[str, bool], ValueRead] = {}
        for col in values:
            period = col.period or plan.period
            cumulative = col.cumulative if col.period else plan.cumulative
            cell = f"{col.letter}{r}"
            raw = sheet.get(r, idx[col.letter])
            if raw.empty:
                continue
            if not period:
                continue  # the sheet has no period: reported once for the sheet
            v = by_period.setdefault((period, cumulative), ValueRead(period, cumulative=cumulative))
            number, text = self.value(sheet.title, cell, raw.value, raw.fmt, k, key)
            if col.role == "target":
                v.target, v.target_cell, v.target_text = number, f"{sheet.title}!{cell}", text
            elif col.role == "realisasi":
                v.actual, v.actual_cell, v.actual_text = number, f"{sheet.title}!{cell}", text
            else:
                v.capaian, v.capaian_cell = number, f"{sheet.title}!{cell}"
        for v in by_period.values():
            if v.target is None and v.actual is None and v.capaian is None:
                continue
            old = next((x for x in k.values if x.period == v.period), None)
            if old is not None:
                self.problems.append(_problem("error", sheet.title, v.actual_cell.split("!")[-1] or
                                              v.target_cell.split("!")[-1], name, msg(
                    "import.duplicate", 'Indicator "{k}" has a second row for period {p} (first: {c}).',
                    'Indikator "{k}" punya baris kedua untuk periode {p} (pertama: {c}).',
                    k=name, p=v.period, c=old.actual_cell or old.target_cell)))
                continue
            k.values.append(v)

    def value(self, sheet: str, cell: str, raw: object, fmt: str, k: KpiPlan, key: str) -> tuple[float | None, str]:
        text = str(raw).strip() if isinstance(raw, str) else ""
        if text:
            found = find_scale(text, self.scales)
            if found:
                scale, word = found
                if k.scale and k.scale != scale.key:
                    self.problems.append(_problem("error", sheet, cell, text, msg(
                        "import.mixed_scales", '"{t}" is on the {a} scale, but this indicator uses the {b} scale.',
                        '"{t}" ada pada skala {a_id}, padahal indikator ini memakai skala {b_id}.',
                        t=text, a=scale.name("en"), b=self.scales[k.scale].name("en"),
                        a_id=scale.name("id"), b_id=self.scales[k.scale].name("id"))))
                    return None, text
                k.scale = scale.key
                self.qual_cells.setdefault(key, []).append(cell)
                return float(rank(scale, word)), text
            note = grade_note(text)
            if note:
                self.notes.append(msg("import.grade_note", '{s}!{c}: "{t}" read as {n} (the grade in brackets is '
                                      "a note).", '{s}!{c}: "{t}" dibaca {n} (predikat dalam kurung hanya catatan).',
                                      s=sheet, c=cell, t=text, n=note[0]))
                raw = note[0]
        parsed = parse_value(raw, locale=self.m.locale, number_format=fmt)  # type: ignore[arg-type]
        shown = parsed.text or text
        if parsed.error is not None:
            self.problems.append(_problem("error", sheet, cell, shown, parsed.error))
            return None, shown
        col = (sheet, re.sub(r"[0-9]+$", "", cell))
        if shows_number_style(text or shown, self.m.locale):  # type: ignore[arg-type]
            self.styled.add(col)
        for w in parsed.warnings:
            if w.code == "number.ambiguous_separator":
                self.ambiguous.setdefault(col, []).append(_problem("warning", sheet, cell, shown, w))
            else:
                self.problems.append(_problem("warning", sheet, cell, shown, w))
        if parsed.value is None:
            return None, shown
        self.number_cells.setdefault(key, []).append(cell)
        return self.fit_unit(sheet, cell, parsed, k), shown

    def fit_unit(self, sheet: str, cell: str, parsed: Parsed, k: KpiPlan) -> float | None:
        """The value in the KPI's unit (Satuan): :func:`scorecard.io.units.fit_to_unit`."""
        fitted = fit_to_unit(parsed, k.unit, self.m.locale)
        if fitted.error is not None:
            self.problems.append(_problem("error", sheet, cell, parsed.text, fitted.error))
        if fitted.note is not None:
            self.notes.append(Msg(fitted.note.code, f"{sheet}!{cell}: {fitted.note.en}", f"{sheet}!{cell}: {fitted.note.id}"))
        return fitted.value


def _one_per_column(rows: _Rows) -> list[Problem]:
    """One warning per column for ambiguous "1.035" numbers (as the upload reader does); none for a
    column whose other values show the number style ("35,73", "1.287.450.332.150")."""
    out: list[Problem] = []
    for col, found in rows.ambiguous.items():
        if col in rows.styled:
            continue
        first = found[0]
        if len(found) > 1:
            cells = ", ".join(p.cell for p in found[1:6]) + (", ..." if len(found) > 6 else "")
            first = replace(first, what=Msg(
                first.what.code, f"{first.what.en} The same reading applies to {len(found) - 1} more value(s) in "
                f"this column ({cells}).", f"{first.what.id} Cara baca yang sama berlaku untuk {len(found) - 1} "
                f"nilai lain di kolom ini ({cells})."))
        out.append(first)
    return out


def _codes(rows: _Rows) -> None:
    """Stable KPI codes (module docstring), unique ignoring case; the mapping's codes win."""
    nos = [rows.kpi_no.get(key, "") for key in rows.kpis]
    by_no = all(nos) and len({n.casefold() for n in nos}) == len(nos) and all(
        re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.]{0,8}", n) for n in nos)
    used: set[str] = set()
    counter: dict[str, int] = {}
    for key, k in rows.kpis.items():
        counter[k.objective] = counter.get(k.objective, 0) + 1
        code = rows.m.codes.get(k.name) or (f"IKU{rows.kpi_no[key].rstrip('.')}" if by_no
                                           else f"{k.objective}.{counter[k.objective]}")
        base, n = code, 2
        while code.casefold() in used:
            code, n = f"{base}-{n}", n + 1
        used.add(code.casefold())
        k.code = code


def _capaian_matches(v: ValueRead, direction: str) -> bool:
    """True when the typed capaian agrees with realisasi/target under ``direction`` (LKjIP formulas)."""
    if v.capaian is None or v.actual is None or not v.target:
        return False
    ratio = v.actual / v.target
    want = ratio * 100 if direction == "higher" else (2 - ratio) * 100
    typed = v.capaian * (100 if v.capaian <= 2.5 and want > 10 else 1)  # a fraction typed for a percentage
    return abs(typed - want) <= max(0.6, 0.01 * abs(want))


def _capaian_direction(k: KpiPlan) -> str | None:
    """The direction the file's own Capaian column uses for an indicator, when it tells one apart."""
    hi = sum(_capaian_matches(v, "higher") for v in k.values)
    lo = sum(_capaian_matches(v, "lower") for v in k.values)
    if lo and not hi:
        return "lower"
    if hi and not lo:
        return "higher"
    return None


def _suggest(rows: _Rows, plan: ImportPlan) -> None:
    for key, k in rows.kpis.items():
        if k.scale:
            scale = rows.scales[k.scale]
            if key in rows.number_cells:
                plan.problems.append(_problem("error", k.source.split("!")[0], rows.qual_cells[key][0], k.name, msg(
                    "import.mixed_values", 'Indicator "{k}" mixes words of the {s} scale ({a}) and numbers ({b}).',
                    'Indikator "{k}" mencampur kata skala {s_id} ({a}) dan angka ({b}).', k=k.name,
                    s=scale.name("en"), s_id=scale.name("id"), a=rows.qual_cells[key][0], b=rows.number_cells[key][0])))
            k.unit = scale.unit(rows.m.locale)
        d, why = suggest_direction(k.name, k.unit)
        typed = _capaian_direction(k)
        if typed is not None and typed != d:
            d, why = typed, f"the file's Capaian is computed as {typed}-is-better"
        if k.scale:
            d, why = "higher", "ordinal scale (best word last)"
        if k.name in rows.m.directions:
            d, why = rows.m.directions[k.name], "mapping"
        k.direction, k.direction_why = d, why
        targets = [v.target for v in k.values if v.target is not None]
        actuals = [v.actual for v in k.values if v.actual is not None]
        if k.name in rows.m.worst:
            k.worst, k.worst_why = rows.m.worst[k.name], "mapping"
        else:
            k.worst, k.worst_why = default_worst(k.direction, targets, actuals, k.unit, ordinal=bool(k.scale))


def _checks(plan: ImportPlan, lang_locale: str) -> None:
    """Capaian cross-check and implausible magnitudes; every finding names its cell."""
    for k in plan.kpis:
        percent = unit_kind(k.unit)[0] == "%"
        previous: float | None = None
        for v in sorted(k.values, key=lambda x: parse_period(x.period).sort_key):
            if percent and v.actual is not None:
                ref = v.target if v.target else previous
                fixed = magnitude_slip(v.actual, ref, "%") if ref else None
                if fixed is not None:
                    sheet, cell = v.actual_cell.split("!")
                    plan.problems.append(_problem("warning", sheet, cell, v.actual_text, msg(
                        "import.magnitude", '{a} is far from its target/previous value {r}: did you mean {f}?',
                        '{a_id} jauh dari target/nilai sebelumnya {r_id}: maksudnya {f_id}?',
                        a=display.number(v.actual, "en", None, "%"), r=display.number(ref, "en", None, "%"),
                        f=display.number(fixed, "en", None, "%"),
                        a_id=display.number(v.actual, "id", None, "%"),
                        r_id=display.number(ref, "id", None, "%"),
                        f_id=display.number(fixed, "id", None, "%"))))
            if v.actual is not None:
                previous = v.actual
            if v.capaian is None or v.target in (None, 0) or v.actual is None:
                continue
            ratio = v.actual / v.target  # type: ignore[operator]
            want = ratio * 100 if k.direction == "higher" else (2 - ratio) * 100
            typed = v.capaian * (100 if v.capaian <= 2.5 and want > 10 else 1)  # a fraction typed for %
            if _capaian_matches(v, k.direction):
                continue
            sheet, cell = v.capaian_cell.split("!")
            hint_en = hint_id = ""
            if _capaian_matches(v, "lower" if k.direction == "higher" else "higher"):
                hint_en = " The file computes it as if the indicator were " + (
                    "lower" if k.direction == "higher" else "higher") + "-is-better: check its direction."
                hint_id = " Berkas menghitungnya seolah indikator ini makin " + (
                    "rendah" if k.direction == "higher" else "tinggi") + " makin baik: periksa arahnya."
            plan.problems.append(_problem("warning", sheet, cell, display.number(v.capaian, "en"), msg(
                "import.capaian", "Capaian typed {t} % but Realisasi {a} ({ac}) / Target {g} ({gc}) gives {w} % "
                "({d} is better).{h}",
                "Capaian tertulis {t_id} % tetapi Realisasi {a_id} ({ac}) / Target {g_id} ({gc}) menghasilkan "
                "{w_id} % ({d_id}).{h_id}",
                t=display.number(typed, "en"), a=display.number(v.actual, "en"), ac=v.actual_cell,
                g=display.number(v.target, "en"), gc=v.target_cell,  # type: ignore[arg-type]
                w=display.number(want, "en"), d=k.direction, h=hint_en,
                t_id=display.number(typed, "id"), a_id=display.number(v.actual, "id"),
                g_id=display.number(v.target, "id"), w_id=display.number(want, "id"),  # type: ignore[arg-type]
                d_id="makin tinggi makin baik" if k.direction == "higher" else "makin rendah makin baik", h_id=hint_id)))
        no_target = [v for v in k.values if v.target is None and v.actual is not None and v.actual_cell]
        if no_target:
            sheet, cell = no_target[0].actual_cell.split("!")
            plan.problems.append(_problem("warning", sheet, cell, no_target[0].actual_text, msg(
                "import.no_target", 'Indicator "{k}" has no target for {ps}: these actuals are kept but cannot be '
                "scored until a target is given for the same period.", 'Indikator "{k}" tidak punya target untuk '
                "{ps}: realisasi ini disimpan tetapi belum dapat dinilai sampai ada target untuk periode yang sama.",
                k=k.name, ps=", ".join(v.period for v in no_target))))
        for v in k.values:
            if k.direction == "higher" and v.target == 0:
                sheet, cell = v.target_cell.split("!")
                plan.problems.append(_problem("warning", sheet, cell, v.target_text, msg(
                    "import.zero_target", 'Target 0 on a higher-is-better indicator "{k}": every actual meets it.',
                    'Target 0 pada indikator makin tinggi makin baik "{k}": setiap realisasi memenuhinya.', k=k.name)))
    del lang_locale


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------


def build_plan(data: bytes, filename: str = "", mapping: Mapping | None = None) -> ImportPlan:
    """Detect the office table(s) of a workbook and read them into a plan (nothing is saved).

    Never raises for any input: a file that fails the upload preflight or has no table gives a
    plan with an error (and no KPIs).
    """
    m = mapping or Mapping()
    plan = ImportPlan(source=filename, mapping=m)
    scales = {k: Scale(s.key, s.name_en, s.name_id, list(m.scales.get(k, s.words)), s.aliases)
              for k, s in SCALES.items()}
    plan.scales = scales
    try:
        _build(data, filename, plan, scales)
    except Exception as exc:  # noqa: BLE001 - user input must never crash the caller
        plan.kpis = []
        plan.problems.append(_problem("error", filename, "", "", msg(
            "import.internal", "The workbook could not be read ({e}).", "Buku kerja tidak dapat dibaca ({e}).",
            e=f"{type(exc).__name__}: {exc}"[:200])))
    return plan


def _build(data: bytes, filename: str, plan: ImportPlan, scales: dict[str, Scale]) -> None:
    m = plan.mapping
    pre = preflight(data, filename)
    if not pre.ok or pre.kind not in ("xlsx", "xlsm"):
        plan.problems += list(pre.problems) or [_problem("error", filename, "", "", msg(
            "import.not_xlsx", "Only Excel workbooks (.xlsx) can be imported.",
            "Hanya buku kerja Excel (.xlsx) yang dapat diimpor."))]
        return
    wb = safe_load_workbook(data, read_only=False, data_only=True)
    if all(k in _match_sheets(wb.sheetnames) for k in STRUCTURE_SHEETS):
        plan.problems.append(_problem("error", filename, "", "", msg(
            "import.own_format", "This is already a scorecard workbook (it has the Perspectives, Objectives and KPIs "
            "sheets): load it with the upload above, or check it with python -m scorecard validate.",
            "Ini sudah buku kerja kartu skor (punya lembar Perspektif, Sasaran dan IKU): muat lewat unggahan di "
            "atas, atau periksa dengan python -m scorecard validate.")))
        return
    formulas = _formula_cells(data, list(wb.sheetnames))
    rows = _Rows(m, scales)
    for title in wb.sheetnames:
        sheet = _sheet_from_ws(wb[title], {})
        for (r, c), f in formulas.get(title, {}).items():
            if sheet.get(r, c).value is None:
                rows.problems.append(_problem("error", title, f"{get_column_letter(c)}{r}", f, msg(
                    "number.formula", "Formula without a saved result ({f}): open the file in Excel and save it.",
                    "Rumus tanpa hasil tersimpan ({f}): buka berkas di Excel lalu simpan.", f=f[:60])))
        sp = _find_table(sheet, m)
        if sp is None:
            if sheet.cells and _looks_like_data(title):
                rows.problems.append(_problem("warning", title, "A1", "", msg(
                    "import.sheet_not_read", 'Sheet "{s}" looks like data but is not read: no header row with an '
                    "indicator column and a Target or Realisasi column in its first {n} rows.",
                    'Lembar "{s}" tampak berisi data tetapi tidak dibaca: tidak ada baris judul dengan kolom '
                    "indikator dan kolom Target atau Realisasi dalam {n} baris pertama.", s=title, n=HEADER_SCAN)))
            continue
        _sheet_period(sheet, sp, m)
        _month_columns(sp)
        if not sp.period and not any(c.period for c in sp.columns if c.role in VALUE_ROLES):
            rows.problems.append(_problem("error", title, f"A{sp.header_row}", "", msg(
                "import.no_period", 'Sheet "{s}": no period found in a title row or in the sheet name; set it in '
                "the preview (or the mapping).", 'Lembar "{s}": tidak ada periode di baris judul atau nama '
                "lembar; isi periodenya di pratinjau (atau pemetaan).", s=title)))
        plan.sheets.append(sp)
        rows.read(sheet, sp)
        if sp.cumulative:
            rows.notes.append(msg("import.cumulative", 'Sheet "{s}": period {p} is cumulative (from the start of the '
                                  "year); its values are scored as given, against its own target.",
                                  'Lembar "{s}": periode {p} kumulatif (sejak awal tahun); nilainya dinilai apa '
                                  "adanya terhadap targetnya sendiri.", s=title, p=sp.period))
    if not plan.sheets:
        names = ", ".join(f'"{t}"' for t in wb.sheetnames)
        rows.problems.append(_problem("error", filename, "", "", msg(
            "import.no_table", "No table found: no sheet ({s}) has a header row with an indicator column "
            '("Indikator Kinerja", "IKU", ...) and a "Target" or "Realisasi" column in its first {n} rows.',
            "Tidak ada tabel: tidak ada lembar ({s}) dengan baris judul berisi kolom indikator "
            '("Indikator Kinerja", "IKU", ...) dan kolom "Target" atau "Realisasi" dalam {n} baris pertama.',
            s=names, n=HEADER_SCAN)))
    _codes(rows)
    plan.objectives = list(rows.objectives.values())
    plan.kpis = list(rows.kpis.values())
    plan.problems += rows.problems + _one_per_column(rows)
    plan.notes += rows.notes
    _suggest(rows, plan)
    _checks(plan, m.locale)
    _remember(plan)


def _remember(plan: ImportPlan) -> None:
    """Write every decision of the plan into its mapping (so the same file re-imports identically)."""
    m = plan.mapping
    for s in plan.sheets:
        for c in s.columns:
            if c.role != "ignore" or norm(c.header) in m.columns:
                m.columns[norm(c.header)] = c.role
        # periods are not remembered unless the user set them: next year's file has its own title
    for o in plan.objectives:
        m.objective_codes[o.name] = o.code
        m.perspectives[o.name] = o.perspective
    for k in plan.kpis:
        m.codes[k.name] = k.code
        m.directions[k.name] = k.direction
        if k.worst is not None:
            m.worst[k.name] = k.worst
    m.scales = {k: list(s.words) for k, s in plan.scales.items()}


def apply_plan(plan: ImportPlan, name: str = "") -> Scorecard:
    """The scorecard an import plan describes (weights equal until judged); its mapping kept in settings.

    Only the default perspectives that hold a sasaran are created (an empty perspective would take
    a share of the equal weights and pull the index down).

    Raises ValueError when the plan has errors or no KPI (show ``plan.problems`` first).
    """
    if not plan.ok:
        raise ValueError("the import plan has errors or no KPI")
    used = {o.perspective for o in plan.objectives}
    sc = Scorecard(name=name or plan.source.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "Import",
                   perspectives=[Perspective(*p) for p in DEFAULT_PERSPECTIVES if p[0] in used],
                   settings=Settings(locale=plan.mapping.locale))  # type: ignore[arg-type]
    for o in plan.objectives:
        if o.perspective not in PERSPECTIVE_KEYS:
            raise ValueError(f"unknown perspective {o.perspective!r} for {o.code}")
        sc.objectives.append(Objective(o.code, o.perspective, o.name, o.name))
    for k in plan.kpis:
        words = tuple(plan.scales[k.scale].words) if k.scale and k.scale in plan.scales else ()
        sc.kpis.append(KPI(code=k.code, objective=k.objective, name_en=k.name, name_id=k.name, unit=k.unit,
                           direction=k.direction, worst=k.worst, scale_words=words))  # type: ignore[arg-type]
        for v in k.values:
            sc.measurements.append(Measurement(kpi=k.code, period=v.period, target=v.target, actual=v.actual,
                                               actual_text=v.actual_text))
    sc.settings.import_mapping = plan.mapping.to_json()
    return sc


def equal_weights_note() -> Msg:
    """What the page and the CLI say after an import: weights are equal until judged."""
    return msg("import.equal_weights", "Weights are equal until you judge them on the Weights page.",
               "Bobot masih sama rata sampai Anda menilainya di halaman Bobot.")


def mapping_from_settings(sc: Scorecard) -> Mapping | None:
    """The mapping an imported scorecard keeps (None when it was not imported or the JSON is broken)."""
    text = getattr(sc.settings, "import_mapping", "")
    if not text:
        return None
    try:
        return Mapping.from_json(text)
    except (ValueError, TypeError):
        return None


def period_ok(text: str) -> bool:
    """True when ``text`` is a period label (for the preview's period cells)."""
    try:
        parse_period(text)
    except PeriodError:
        return False
    return True


__all__ += ["equal_weights_note", "mapping_from_settings", "period_ok", "HEADER_WORDS"]

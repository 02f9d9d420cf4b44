"""Writing the workbook format (:mod:`scorecard.io.workbook`): full workbooks, templates, the demo.

* :func:`write_workbook` writes a whole scorecard; :func:`scorecard.io.workbook.read_workbook` reads
  it back to an equal scorecard (see "Round trip" below).
* :func:`template` writes a blank template, or one pre-filled from a scorecard with empty Data
  rows (KPI and period only) for the period after the latest one.
* :func:`build_demo_workbook` writes ``data/demo.xlsx`` from the reference study, in Indonesian.

Layout: the header is row 1 of every sheet (frozen), columns have fixed widths, dropdowns
(data validation lists) cover direction, ratio use, the Settings choices, and references to
perspectives, objectives and KPIs (lists taken from the key/code column of their sheet). Numbers
are real numbers with a number format by the KPI's unit: money '"Rp "#,##0', percentages as
percentage points with 2 decimals '0.00"%"' (35.73 shows as 35,73% in Indonesian Excel), others
'#,##0'. Text cells are always text: a text starting with = + - @ is stored as a string with
Excel's quote prefix and can never become a formula.

Blank template examples: rows whose first cell starts with "#" are examples; the reader skips
them (the Petunjuk/Instructions sheet says so). The four default perspectives are real content.

Round trip: every field is written and read back unchanged (numbers to the 16 significant digits
openpyxl stores; Excel itself keeps 15), except that ``actual_text`` of an
actual written as a number is what the number format shows. An actual is written as a number
whenever some number format shows it exactly as ``actual_text`` ("Rp 44.177.214.540", "35,73%",
"87,5%", "7"); otherwise the typed text is kept as text when it reads back to the same value
("1247/214.445", "3 hari", "-"). Only an ``actual_text`` that disagrees with ``actual`` (or an
empty one) comes back as the number's display.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from scorecard.io.demo import DEMO_PATH
from scorecard.io.format import (
    CR_WORDS,
    DIRECTIONS,
    LOCALE_WORDS,
    PRIORITY_WORDS,
    RATIO_USES,
    RI_WORDS,
    SETTING_KEYS,
    SHEETS,
    VIEW_WORDS,
    bands_text,
    choice_label,
    decimals_of,
    display_text,
    root_label,
    scale_text,
)
from scorecard.io.numbers import make_period, parse_period, parse_value, ratio_value, typing_examples
from scorecard.model import CUSTOM_PRESET, MANUAL_FIELDS, PREDIKAT_PRESETS, ROOT, Scorecard, Settings

LIST_ROWS = 1000  # rows covered by dropdowns and referenced by lists

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="7F7F7F"))
_EXAMPLE_FONT = Font(italic=True, color="808080")

DEFAULT_PERSPECTIVES = (
    ("Financial", "Financial", "Keuangan"),
    ("Customer", "Customer", "Pelanggan"),
    ("Internal Business Process", "Internal Business Process", "Proses Bisnis Internal"),
    ("Learning and Growth", "Learning and Growth", "Pembelajaran dan Pertumbuhan"),
)

# ---------------------------------------------------------------------------------------------
# Number formats
# ---------------------------------------------------------------------------------------------


def unit_kind(unit: str) -> str:
    """"money", "percent" or "plain" for a KPI unit."""
    u = (unit or "").strip().casefold()
    if u.startswith("rp") or u in ("idr", "rupiah"):
        return "money"
    if u in ("%", "persen", "percent", "percentage", "persentase"):
        return "percent"
    return "plain"


def _body(decimals: int, grouping: bool = True) -> str:
    return ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")


def _needed_decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0 if float(value).is_integer() else 4
    frac = text.split(".")[1].rstrip("0")
    return min(len(frac), 4)


def number_format_for(unit: str, value: float | None, decimals: int | None = None) -> str:
    """The number format written for a value of a KPI with ``unit``."""
    kind = unit_kind(unit)
    if decimals is None:
        if kind == "percent":
            decimals = 2
        elif value is None or float(value).is_integer():
            decimals = 0
        else:
            decimals = 2 if kind == "money" else max(2, _needed_decimals(value))
    if kind == "money":
        return '"Rp "' + _body(decimals)
    if kind == "percent":
        return _body(decimals) + '"%"'
    return _body(decimals)


def _candidates(unit: str, value: float, text: str, locale: str) -> list[str]:
    kind = unit_kind(unit)
    decs = list(dict.fromkeys([d for d in (decimals_of(text, locale),) if d is not None] + [0, 1, 2, 3, 4]))
    affixes = [("", "")]
    if kind == "money" or "rp" in text.casefold():
        affixes.insert(0, ('"Rp "', ""))
        affixes.insert(1, ('"Rp"', ""))
    if kind == "percent" or "%" in text:
        affixes.insert(0, ("", '"%"'))
        affixes.insert(1, ("", '" %"'))
    return [pre + _body(d, g) + post for pre, post in affixes for d in decs for g in (True, False)]


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def actual_cell(m_actual: float | None, text: str, numerator: float | None, denominator: float | None,
                unit: str, ratio_use: str, locale: str) -> tuple[object, str | None]:
    """(cell value, number format or None for text) for an actual; see the module docstring."""
    if numerator is not None and denominator is not None:
        p = parse_value(text, locale=locale) if text else None  # type: ignore[arg-type]
        if p is not None and p.kind == "ratio" and _same(p.numerator, numerator) and _same(p.denominator, denominator):
            return text, None
        return f"{display_text(numerator, '0', locale)}/{display_text(denominator, '0', locale)}", None
    if m_actual is None:
        return (text if text.strip() else None), None
    if not text:
        return m_actual, number_format_for(unit, m_actual)
    for fmt in _candidates(unit, m_actual, text, locale):
        if display_text(m_actual, fmt, locale) == text:
            return m_actual, fmt
    p = parse_value(text, locale=locale)  # type: ignore[arg-type]
    if p.error is None and _same(ratio_value(p, ratio_use), m_actual):  # type: ignore[arg-type]
        return text, None
    return m_actual, number_format_for(unit, m_actual)


def judgment_cell(value: float) -> tuple[object, str | None]:
    """Whole numbers as numbers, reciprocals of whole numbers as the text "1/n", others as numbers."""
    if float(value).is_integer():
        return int(value), "0"
    inv = round(1 / value)
    if 1 < inv <= 99 and 1 / inv == value:
        return f"1/{inv}", "@"
    return float(value), "0.000"


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


def next_period(labels: list[str]) -> str | None:
    """The period after the latest one (same kind), or None when there are no periods."""
    if not labels:
        return None
    p = max((parse_period(x) for x in labels), key=lambda q: q.sort_key)
    year, month = p.sort_key[0], p.sort_key[1]
    if p.kind == "year":
        return make_period(year + 1).label
    if p.kind == "quarter":
        q = (month + 2) // 3
        return (make_period(year + 1, quarter=1) if q == 4 else make_period(year, quarter=q + 1)).label
    return (make_period(year + 1, month=1) if month == 12 else make_period(year, month=month + 1)).label


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def put(ws, r: int, c: int, value: object, fmt: str | None = None, example: bool = False):
    """Write one cell. Text is always stored as text (never a formula), with Excel's quote prefix
    when it starts with = + - or @."""
    cell = ws.cell(row=r, column=c)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"
        if text[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
    if fmt:
        cell.number_format = fmt
    if example:
        cell.font = _EXAMPLE_FONT
    return cell


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


class _Writer:
    def __init__(self, lang: str, locale: str) -> None:
        self.lang = "id" if lang == "id" else "en"
        self.locale = locale
        self.wb = Workbook()
        self.wb.remove(self.wb.active)

    def title(self, key: str) -> str:
        return SHEETS[key].title(self.lang)

    def list_ref(self, key: str, col: str = "A") -> str:
        return f"={_quoted(self.title(key))}!${col}$2:${col}${LIST_ROWS}"

    def sheet(self, key: str):
        spec = SHEETS[key]
        ws = self.wb.create_sheet(spec.title(self.lang))
        for c, col in enumerate(spec.columns, start=1):
            cell = put(ws, 1, c, col.label(self.lang))
            cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _HEADER_BORDER
            cell.alignment = Alignment(vertical="center")
            ws.column_dimensions[get_column_letter(c)].width = col.width
        ws.freeze_panes = "A2"
        return ws

    def col(self, key: str, col_key: str) -> int:
        return [c.key for c in SHEETS[key].columns].index(col_key) + 1

    def dropdown(self, ws, key: str, col_key: str, source: str, *, strict: bool = True) -> None:
        """A list dropdown on a column, rows 2..LIST_ROWS; ``source`` is "a,b,c" or "=Sheet!$A$2:$A$N"."""
        formula = source if source.startswith("=") else '"' + source + '"'
        letter = get_column_letter(self.col(key, col_key))
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                            showErrorMessage=True, errorStyle="stop" if strict else "warning")
        dv.errorTitle = "Nilai tidak dikenal" if self.lang == "id" else "Unknown value"
        dv.error = ("Pilih dari daftar." if self.lang == "id" else "Choose from the list.")
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{LIST_ROWS}")

    def rows(self, ws, key: str, rows: list[dict[str, tuple[object, str | None]]], start: int = 2,
             example: bool = False) -> int:
        for i, row in enumerate(rows):
            for col_key, (value, fmt) in row.items():
                put(ws, start + i, self.col(key, col_key), value, fmt, example)
        return start + len(rows)

    def num(self, unit: str, value: float | None) -> tuple[object, str | None]:
        return (None, None) if value is None else (value, number_format_for(unit, value))

    # ---- sheets -----------------------------------------------------------------------------
    def instructions(self) -> None:
        ws = self.wb.create_sheet(self.title("instructions"), 0)
        ws.column_dimensions["A"].width = 120
        for r, line in enumerate(INSTRUCTIONS[self.lang], start=1):
            cell = put(ws, r, 1, line)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r == 1:
                cell.font = Font(bold=True, size=14)
            elif line and not line.startswith(("-", " ")) and line.endswith(":"):
                cell.font = Font(bold=True)

    def settings(self, sc: Scorecard) -> None:
        ws = self.sheet("settings")
        s = sc.settings
        lists = {"priority_method": PRIORITY_WORDS, "ri_table": RI_WORDS, "cr_policy": CR_WORDS,
                 "locale": LOCALE_WORDS, "primary_view": VIEW_WORDS,
                 "predikat_preset": {name: (name,) for name in [*PREDIKAT_PRESETS, CUSTOM_PRESET]}}
        values: dict[str, object] = {
            "name": sc.name, "organisation": sc.organisation, "priority_method": s.priority_method,
            "ri_table": s.ri_table, "cr_policy": s.cr_policy, "yellow_from": s.yellow_from,
            "green_from": s.green_from, "locale": s.locale, "capaian_cap": s.capaian_cap,
            "predikat_preset": s.predikat_preset, "predikat_bands": bands_text(s.predikat_bands, self.locale) or None,
            "primary_view": s.primary_view, "import_mapping": s.import_mapping}
        for r, (key, (en, id_, _)) in enumerate(SETTING_KEYS.items(), start=2):
            if key == "import_mapping" and not values[key]:
                continue  # only an imported scorecard has one
            put(ws, r, 1, id_ if self.lang == "id" else en)
            value = values[key]
            put(ws, r, 2, value, "0.0#" if isinstance(value, float) else None)
            put(ws, r, 3, SETTING_HELP[key][0 if self.lang == "en" else 1])
            if key in lists:
                dv = DataValidation(type="list", formula1='"' + ",".join(lists[key]) + '"', allow_blank=True,
                                    showErrorMessage=True)
                ws.add_data_validation(dv)
                dv.add(f"B{r}")

    def perspectives(self, sc: Scorecard) -> None:
        ws = self.sheet("perspectives")
        self.rows(ws, "perspectives", [{"key": (p.key, None), "name_en": (p.name_en, None),
                                        "name_id": (p.name_id, None)} for p in sc.perspectives])

    def objectives(self, sc: Scorecard, examples: list[dict] | None = None) -> None:
        ws = self.sheet("objectives")
        end = self.rows(ws, "objectives", [{"code": (o.code, None), "perspective": (o.perspective, None),
                                            "name_en": (o.name_en, None), "name_id": (o.name_id, None)}
                                           for o in sc.objectives])
        self.rows(ws, "objectives", examples or [], end, example=True)
        self.dropdown(ws, "objectives", "perspective", self.list_ref("perspectives"), strict=False)

    def kpis(self, sc: Scorecard, examples: list[dict] | None = None) -> None:
        ws = self.sheet("kpis")
        rows = [{"code": (k.code, None), "objective": (k.objective, None), "name_en": (k.name_en, None),
                 "name_id": (k.name_id, None), "unit": (k.unit, None),
                 "direction": (choice_label(DIRECTIONS, k.direction, self.lang), None),
                 "worst": self.num(k.unit, k.worst),
                 "ratio_use": (choice_label(RATIO_USES, k.ratio_use, self.lang), None),
                 "scale_words": (scale_text(k.scale_words) or None, None)} for k in sc.kpis]
        end = self.rows(ws, "kpis", rows)
        self.rows(ws, "kpis", examples or [], end, example=True)
        self.dropdown(ws, "kpis", "objective", self.list_ref("objectives"), strict=False)
        self.dropdown(ws, "kpis", "direction", ",".join(choice_label(DIRECTIONS, d, self.lang) for d in DIRECTIONS))
        self.dropdown(ws, "kpis", "ratio_use", ",".join(choice_label(RATIO_USES, u, self.lang) for u in RATIO_USES))

    def data(self, sc: Scorecard, placeholder: str | None = None, examples: list[dict] | None = None) -> None:
        ws = self.sheet("data")
        kpis = {k.code: k for k in sc.kpis}
        rows = []
        for m in sc.measurements:
            k = kpis.get(m.kpi)
            unit = k.unit if k else ""
            row = {
                "kpi": (m.kpi, None), "period": (m.period, None), "target": self.num(unit, m.target),
                "actual": actual_cell(m.actual, m.actual_text, m.numerator, m.denominator, unit,
                                      k.ratio_use if k else "numerator", self.locale),
                "baseline": self.num(unit, m.baseline),
                "target_min": self.num(unit, m.target_min), "target_max": self.num(unit, m.target_max),
                "name": (k.name(self.lang) if k else "", None), "unit": (unit, None)}
            if k is not None and k.scale_words:  # a qualitative KPI: its words, not its ranks
                for what in ("target", "actual", "baseline", "target_min", "target_max"):
                    word = k.word_of(getattr(m, what))
                    if word:
                        row[what] = (word, None)
            rows.append(row)
        if placeholder is not None:
            rows += [{"kpi": (k.code, None), "period": (placeholder, None), "name": (k.name(self.lang), None),
                      "unit": (k.unit, None)} for k in sc.kpis]
        end = self.rows(ws, "data", rows)
        self.rows(ws, "data", examples or [], end, example=True)
        self.dropdown(ws, "data", "kpi", self.list_ref("kpis"), strict=False)

    def anchors(self, sc: Scorecard, examples: list[dict] | None = None) -> None:
        ws = self.sheet("anchors")
        units = {k.code: k.unit for k in sc.kpis}
        end = self.rows(ws, "anchors", [{"kpi": (a.kpi, None), "level": (a.level, "0"),
                                         "value": self.num(units.get(a.kpi, ""), a.value),
                                         "period": (a.period, None), "note": (a.note, None)} for a in sc.anchors])
        self.rows(ws, "anchors", examples or [], end, example=True)
        self.dropdown(ws, "anchors", "kpi", self.list_ref("kpis"), strict=False)
        dv = DataValidation(type="whole", operator="between", formula1="0", formula2="10", allow_blank=True,
                            showErrorMessage=True)
        dv.error = "Level 0..10"
        ws.add_data_validation(dv)
        dv.add(f"B2:B{LIST_ROWS}")

    def judgments(self, sc: Scorecard, examples: list[dict] | None = None) -> None:
        ws = self.sheet("judgments")
        rows = []
        for node in [n for n in sc.nodes() if n in sc.judgments] + [n for n in sc.judgments if n not in sc.nodes()]:
            for (a, b), v in sc.judgments[node].items():
                rows.append({"node": (root_label(self.lang) if node == ROOT else node, None), "a": (a, None),
                             "b": (b, None), "value": judgment_cell(v)})
        end = self.rows(ws, "judgments", rows)
        end = self.rows(ws, "judgments", examples or [], end, example=True)
        for r in range(end, end + 200):  # typed 1/3 stays text instead of becoming a date
            ws.cell(row=r, column=self.col("judgments", "value")).number_format = "@"

    def links(self, sc: Scorecard, examples: list[dict] | None = None) -> None:
        ws = self.sheet("links")
        end = self.rows(ws, "links", [{"cause": (x.cause, None), "effect": (x.effect, None)} for x in sc.links])
        self.rows(ws, "links", examples or [], end, example=True)
        for col in ("cause", "effect"):
            self.dropdown(ws, "links", col, self.list_ref("objectives"), strict=False)

    def notes(self, sc: Scorecard, examples: list[dict] | None = None) -> None:
        ws = self.sheet("notes")
        end = self.rows(ws, "notes", [{"kpi": (n.kpi, None), "period": (n.period, None),
                                       "root_cause": (n.root_cause, None), "action": (n.action, None),
                                       "owner": (n.owner, None), "due": (n.due, None),
                                       "narrative": (n.narrative, None)} for n in sc.notes])
        self.rows(ws, "notes", examples or [], end, example=True)
        self.dropdown(ws, "notes", "kpi", self.list_ref("kpis"), strict=False)

    def manuals(self, sc: Scorecard, examples: list[dict] | None = None) -> None:
        """One row per KPI (its manual, or blank cells to fill in), then manuals of unknown KPIs."""
        ws = self.sheet("kpi_manual")
        by_kpi = {m.kpi: m for m in sc.manuals}
        rows = []
        for code in [k.code for k in sc.kpis] + [m.kpi for m in sc.manuals if m.kpi not in {k.code for k in sc.kpis}]:
            k = next((x for x in sc.kpis if x.code == code), None)
            man = by_kpi.get(code)
            row: dict[str, tuple[object, str | None]] = {
                "kpi": (code, None), "name": (k.name(self.lang) if k else "", None), "unit": (k.unit if k else "", None)}
            for f in MANUAL_FIELDS:
                row[f] = (getattr(man, f) if man else None, None)
            rows.append(row)
        end = self.rows(ws, "kpi_manual", rows)
        self.rows(ws, "kpi_manual", examples or [], end, example=True)
        self.dropdown(ws, "kpi_manual", "kpi", self.list_ref("kpis"), strict=False)
        for c in range(4, 4 + len(MANUAL_FIELDS)):
            for r in range(2, end):
                ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.wb.save(buf)
        return buf.getvalue()


def _build(sc: Scorecard, lang: str, *, placeholder: str | None = None, examples: bool = False) -> bytes:
    w = _Writer(lang, sc.settings.locale)
    ex = _examples(w.lang, sc.settings.locale) if examples else {}
    w.instructions()
    w.settings(sc)
    w.perspectives(sc)
    w.objectives(sc, ex.get("objectives"))
    w.kpis(sc, ex.get("kpis"))
    w.data(sc, placeholder, ex.get("data"))
    w.anchors(sc, ex.get("anchors"))
    w.judgments(sc, ex.get("judgments"))
    w.links(sc, ex.get("links"))
    w.notes(sc, ex.get("notes"))
    w.manuals(sc, ex.get("kpi_manual"))
    w.wb.active = 1  # open on Settings; the instructions are one tab to the left
    return w.save()


def write_workbook(sc: Scorecard, *, lang: str = "id") -> bytes:
    """The whole scorecard in the workbook format, headers and choice words in ``lang``."""
    return _build(sc, lang)


def blank_scorecard(lang: str = "id") -> Scorecard:
    """What a blank template holds: the four default perspectives and default settings."""
    from scorecard.model import Perspective

    return Scorecard(name="", perspectives=[Perspective(*p) for p in DEFAULT_PERSPECTIVES],
                     settings=Settings(locale="id" if lang == "id" else "en"))


def template(lang: str = "id", from_scorecard: Scorecard | None = None) -> bytes:
    """A blank template (example rows start with "#" and are skipped on read) or, from a scorecard,
    its full workbook plus empty Data rows (KPI and period only) for the next period."""
    if from_scorecard is None:
        return _build(blank_scorecard(lang), lang, examples=True)
    return _build(from_scorecard, lang, placeholder=next_period(from_scorecard.periods()))


def build_demo_workbook(path: str | Path | None = None) -> Path:
    """Write the built-in demo workbook (default ``data/demo.xlsx``) from the reference study, in Indonesian."""
    from scorecard.io.reference_case import load_reference

    out = Path(path) if path is not None else DEMO_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(write_workbook(load_reference(), lang="id"))
    return out


# ---------------------------------------------------------------------------------------------
# Texts: settings help, instructions, example rows
# ---------------------------------------------------------------------------------------------

SETTING_HELP: dict[str, tuple[str, str]] = {
    "name": ("Name of the scorecard.", "Nama kartu skor."),
    "organisation": ("Organisation or office.", "Instansi atau kantor."),
    "priority_method": (
        "AHP priority method: eigen (Saaty's eigenvector, the default), approx (normalise columns, average rows: "
        "the hand method), geometric (row geometric means).",
        "Metode prioritas AHP: eigen (vektor eigen Saaty, bawaan), approx (normalisasi kolom lalu rata-rata baris: "
        "cara manual), geometric (rata-rata geometrik baris)."),
    "ri_table": ("Random Index table for the consistency ratio: saaty (1980) or alonso-lamata (2006).",
                 "Tabel Random Index untuk rasio konsistensi: saaty (1980) atau alonso-lamata (2006)."),
    "cr_policy": ("Acceptable consistency: fixed = CR <= 0.10; by-size = 0.05 (n=3), 0.08 (n=4), 0.10 (n>=5).",
                  "Batas konsistensi: fixed = CR <= 0,10; by-size = 0,05 (n=3), 0,08 (n=4), 0,10 (n>=5)."),
    "yellow_from": ("Level from which a light is yellow (below it: red). Default 4.",
                    "Level mulai lampu kuning (di bawahnya merah). Bawaan 4."),
    "green_from": ("Level from which a light is green. Default 8.", "Level mulai lampu hijau. Bawaan 8."),
    "capaian_cap": ("Cap on capaian in percent (floor 0). 120 is common.",
                    "Batas atas capaian dalam persen (batas bawah 0). Yang umum: 120."),
    "predikat_preset": ("Predikat bands preset: kabupaten-5 (the five bands one Kabupaten uses in its LKjIP: 91-100 "
                        "Sangat Baik, 76-90 Baik, 66-75 Cukup, 51-65 Kurang, <= 50 Sangat Kurang) or custom (the "
                        "bands in the next row).",
                        "Preset predikat: kabupaten-5 (lima predikat yang dipakai satu Kabupaten dalam LKjIP-nya: "
                        "91-100 Sangat Baik, 76-90 Baik, 66-75 Cukup, 51-65 Kurang, <= 50 Sangat Kurang) atau custom "
                        "(rentang pada baris berikut)."),
    "predikat_bands": ("Custom predikat bands (empty = the preset's): lower | label (Indonesian) | label (English) "
                       "| #colour, bands separated by ';'. A capaian gets the band with the highest lower bound "
                       "not above it.",
                       "Rentang predikat sendiri (kosong = dari preset): batas bawah | label (Indonesia) | label "
                       "(Inggris) | #warna, dipisah ';'. Capaian mendapat predikat dengan batas bawah tertinggi "
                       "yang tidak melebihinya."),
    "primary_view": ("Which reading the screens show first: omax (OMAX level) or capaian (achievement %).",
                     "Tampilan utama di layar: omax (level OMAX) atau capaian (persen capaian)."),
    "import_mapping": ("How this scorecard was imported from the office's own table (JSON): the next file of the "
                       "same layout imports with it in one click. Leave it as it is.",
                       "Cara kartu skor ini diimpor dari tabel kantor sendiri (JSON): berkas berikutnya dengan tata "
                       "letak sama diimpor dengannya dalam satu klik. Biarkan apa adanya."),
    "locale": ("Number style of this workbook: id = 1.035,5 (dot groups thousands), en = 1,035.5. It decides "
               "how an ambiguous number such as 42.340 is read.",
               "Gaya angka buku kerja ini: id = 1.035,5 (titik pemisah ribuan), en = 1,035.5. Menentukan cara "
               "membaca angka ambigu seperti 42.340."),
}

INSTRUCTIONS: dict[str, list[str]] = {
    "id": [
        "Kartu Skor Berimbang (Balanced Scorecard): bobot AHP, penilaian OMAX, lampu lalu lintas",
        "",
        "Cara mengisi:",
        "- Pengaturan: nama kartu skor, metode AHP, tabel RI, ambang lampu dan gaya angka (id atau en).",
        "- Perspektif: kunci (kode tetap) dan nama dalam bahasa Inggris dan Indonesia.",
        "- Sasaran: kode sasaran (misalnya F1, C3) dan perspektifnya (kunci atau nama perspektif).",
        "- IKU: kode IKU (misalnya F1a), sasaran, nama, satuan (Rp, %, hari, kali ...), arah (makin tinggi makin "
        "baik / makin rendah makin baik), nilai terburuk (level 0 OMAX) dan penggunaan rasio.",
        "- Data: satu baris per IKU dan periode: target, realisasi, dan baseline bila ingin mengganti baseline bawaan "
        "(realisasi periode sebelumnya). Baris yang hanya berisi IKU dan periode diabaikan.",
        "- Capaian: target rentang di kolom Target minimum dan Target maksimum (capaian 100 di dalam rentang). IKU "
        "kualitatif: isi Skala (terburuk < terbaik) di lembar IKU, misalnya TW < TMP < WDP < WTP, lalu ketik katanya "
        "sebagai target dan realisasi.",
        "- Anchor: nilai khusus pada level OMAX tertentu (0..10); periode kosong = berlaku untuk semua periode.",
        "- Perbandingan: nilai kepentingan A terhadap B dengan skala Saaty 1..9 atau 1/2..1/9 (B lebih penting). "
        "Induk \"Kartu skor\" membandingkan perspektif; induk berupa perspektif membandingkan sasarannya; induk "
        "berupa sasaran membandingkan IKU-nya.",
        "- Peta strategi: panah dari sasaran penyebab ke sasaran akibat.",
        "- Catatan: akar masalah dan tindakan perbaikan untuk IKU merah atau kuning; narasi (konteks di balik angka) "
        "untuk IKU mana pun.",
        "- Manual IKU: per IKU definisi, tujuan, rumus, sumber data, frekuensi pengukuran dan reviu, pemilik "
        "(orang atau unit) dan verifikator. Baris yang hanya berisi kode IKU diabaikan.",
        "- Matriks (opsional, tambahkan sendiri): satu blok per induk; sel pertama berisi induk, anggotanya "
        "mendatar di baris itu dan menurun di kolom itu. Bila berbeda dengan lembar Perbandingan, yang dipakai "
        "lembar Perbandingan.",
        "- Lembar Perspektif sudah berisi empat perspektif bawaan; ubah atau tambah sesuai kebutuhan.",
        "",
        "Aturan:",
        "- Baris yang sel pertamanya diawali tanda # adalah contoh atau komentar dan tidak dibaca. Salin baris "
        "contoh lalu hapus tanda # di depannya.",
        f"- Angka boleh diketik seperti biasa: {typing_examples('id')}. "
        "Kosongkan sel atau ketik - bila tidak ada data.",
        "- Periode: tahun (2010), triwulan (2010-Q1 atau TW I 2010) atau bulan (2010-03 atau Maret 2010).",
        "- Rumus boleh dipakai, asalkan berkas disimpan di Excel (agar hasilnya ikut tersimpan).",
        "- Judul kolom boleh dalam bahasa Indonesia atau Inggris; kolom tambahan diabaikan.",
        "- Persentase ditulis sebagai poin persen: 35,73 berarti 35,73%.",
    ],
    "en": [
        "Balanced Scorecard: AHP weights, OMAX scoring, traffic lights",
        "",
        "How to fill it in:",
        "- Settings: scorecard name, AHP method, RI table, light thresholds and number style (id or en).",
        "- Perspectives: key (a stable code) and the name in English and Indonesian.",
        "- Objectives: objective code (for example F1, C3) and its perspective (key or name).",
        "- KPIs: KPI code (for example F1a), objective, names, unit (Rp, %, days, count ...), direction (higher or "
        "lower is better), worst value (OMAX level 0) and ratio use.",
        "- Data: one row per KPI and period: target, actual, and a baseline only to replace the default baseline "
        "(the previous period's actual). Rows with only a KPI and a period are ignored.",
        "- Capaian: a range target goes in Target min and Target max (capaian 100 inside the range). A qualitative "
        "KPI: fill in Scale (worst < best) on the KPIs sheet, e.g. TW < TMP < WDP < WTP, then type its words as "
        "target and actual.",
        "- Anchors: custom values at OMAX levels (0..10); an empty period means every period.",
        "- Judgments: how much more important A is than B on Saaty's scale 1..9, or 1/2..1/9 when B is more "
        "important. Node \"Scorecard\" compares the perspectives; a perspective compares its objectives; an "
        "objective compares its KPIs.",
        "- Strategy map: arrows from a cause objective to an effect objective.",
        "- Notes: root cause and improvement action for red and yellow KPIs; a narrative (the context behind the "
        "number) for any KPI.",
        "- KPI manual: per KPI its definition, purpose, formula, data source, measurement and review frequency, "
        "owner (person or unit) and verifier. Rows with only the KPI code are ignored.",
        "- Matrices (optional, add it yourself): one block per node; the node in the first cell, its children "
        "across that row and down that column. Where it differs from the Judgments sheet, Judgments wins.",
        "- The Perspectives sheet starts with the four default perspectives; rename or add as needed.",
        "",
        "Rules:",
        "- Rows whose first cell starts with # are examples or comments and are not read. Copy an example row and "
        "delete the # in front.",
        f"- Type numbers as usual: {typing_examples('en')}. Leave a cell "
        "empty or type - when there is no data.",
        "- Periods: a year (2010), a quarter (2010-Q1) or a month (2010-03, March 2010).",
        "- Formulas are fine as long as the file was saved in Excel (so their results are saved too).",
        "- Column headers may be in English or Indonesian; extra columns are ignored.",
        "- Percentages are percentage points: 35.73 means 35.73%.",
    ],
}


def _examples(lang: str, locale: str) -> dict[str, list[dict]]:
    """Example rows for the blank template (first cell starts with "#": the reader skips them)."""
    en = lang == "en"
    money, pct = number_format_for("Rp", 0), number_format_for("%", 0)
    return {
        "objectives": [{"code": ("#F1", None), "perspective": ("Financial", None),
                        "name_en": ("Increase regional own-source revenue", None),
                        "name_id": ("Meningkatkan pendapatan asli daerah", None)}],
        "kpis": [{"code": ("#F1a", None), "objective": ("F1", None), "name_en": ("Motor vehicle tax revenue", None),
                  "name_id": ("Penerimaan PKB", None), "unit": ("Rp", None),
                  "direction": (choice_label(DIRECTIONS, "higher", lang), None), "worst": (28671665000, money),
                  "ratio_use": (choice_label(RATIO_USES, "numerator", lang), None)},
                 {"code": ("#C1b", None), "objective": ("C1", None), "name_en": ("Complaint response time", None),
                  "name_id": ("Waktu respons keluhan", None), "unit": ("days" if en else "hari", None),
                  "direction": (choice_label(DIRECTIONS, "lower", lang), None), "worst": (10, "0"),
                  "ratio_use": (choice_label(RATIO_USES, "numerator", lang), None)}],
        "data": [{"kpi": ("#F1a", None), "period": ("2025", None), "target": (52295456000, money),
                  "actual": (51561555515, money)},
                 {"kpi": ("#F2a", None), "period": ("2025", None), "target": (33.75, pct), "actual": (25.88, pct)},
                 {"kpi": ("#C1a", None), "period": ("2025", None), "target": (0, "0"),
                  "actual": ("1035/249,137" if locale == "en" else "1035/249.137", None)}],
        "anchors": [{"kpi": ("#F2a", None), "level": (3, "0"), "value": (5, pct), "period": ("2025", None),
                     "note": ("example: a custom level-3 value" if en else "contoh: nilai level 3 khusus", None)}],
        "judgments": [{"node": ("#" + root_label(lang), None), "a": ("Financial", None), "b": ("Customer", None),
                       "value": ("1/3", "@")},
                      {"node": ("#F1", None), "a": ("F1a", None), "b": ("F1b", None), "value": (2, "0")}],
        "links": [{"cause": ("#F2", None), "effect": ("F1", None)}],
        "notes": [{"kpi": ("#F2a", None), "period": ("2025", None),
                   "root_cause": ("Revenue growth below target" if en else "Pertumbuhan pendapatan di bawah target",
                                  None),
                   "action": ("Door-to-door tax reminders" if en else "Pengingat pajak dari pintu ke pintu", None),
                   "owner": ("Head of revenue" if en else "Kepala Seksi Pendapatan", None),
                   "due": ("2026-03-31", None)}],
        "kpi_manual": [{"kpi": ("#F1a", None),
                        "definition": ("Motor vehicle tax collected in the year" if en
                                       else "Pajak kendaraan bermotor yang diterima dalam setahun", None),
                        "purpose": ("Shows the office's contribution to regional revenue" if en
                                    else "Menunjukkan kontribusi kantor pada pendapatan daerah", None),
                        "formula": ("Sum of PKB receipts 1 Jan - 31 Dec" if en
                                    else "Jumlah penerimaan PKB 1 Jan - 31 Des", None),
                        "data_source": ("Daily revenue report (cashier)" if en
                                        else "Laporan penerimaan harian (kasir)", None),
                        "measure_frequency": ("monthly" if en else "bulanan", None),
                        "review_frequency": ("quarterly" if en else "triwulanan", None),
                        "owner": ("Revenue section" if en else "Seksi Pendapatan", None),
                        "verifier": ("Head of office" if en else "Kepala UPT", None)}],
    }

"""The styled report workbook and the results table (CSV) of one period (METHOD §2-§4).

:func:`export_report` builds an ``.xlsx`` for people (printing, sharing), every label in ``lang``
("id" Bahasa Indonesia or "en" English):

1. **Ringkasan / Summary**: scorecard, period, performance index and its light, counts of red,
   yellow and green KPIs, a table per perspective (weight, subtotal, status level, light) and the
   previous period's index and the change when there is a previous period.
2. **One sheet per perspective**: the classic OMAX matrix as the study prints it. Columns are the
   perspective's KPIs; rows are the actual ("Pencapaian"), the scale values of levels 10 .. 0, then
   the achieved level ("Skor"), the global weight ("Bobot") and the value ("Nilai"). The level band
   the actual falls in is highlighted (pale blue, bold, thick border); the level row carries the
   light's fill and symbol. KPIs whose scale is invalid (or that carry other scoring notes) get a
   cell comment on their code and a printed footnote.
3. **Bobot & CR / Weights & CR**: per AHP node its children, local and global weights, lambda_max,
   CI, RI, CR, the acceptance limit, whether it is acceptable, the method and the RI table.
4. **Tindak lanjut / Actions**: red then yellow KPIs (lowest level first) with the period's notes.
5. **Pengukuran Kinerja / Performance measurement**: the LKjIP table (METHOD §7; data from
   :func:`scorecard.reports.lkjip.lkjip_report`): No, Perspektif, Sasaran Strategis (merged over its
   indicators), Indikator Kinerja, Satuan, Target, Realisasi, Capaian (%), Predikat, Level OMAX, then NKO.

Rules kept throughout:

* Values only, never a formula. Every text cell goes through :func:`_put_text`, which stores the
  text as a string cell (``data_type`` "s") even when it starts with ``=``, ``+``, ``-`` or ``@``,
  and sets Excel's quote prefix so that such text stays text when someone edits the cell.
* A light is never colour only: fill and font colour from :data:`scorecard.method.lights.STYLES` plus the
  shape symbol (and the word where there is room).
* Every number shows the app's digits (:mod:`scorecard.display`, the one display rule; Excel applies
  the reader's own decimal and thousands separators): levels and the index are stored cut to 2
  decimals (``0.00``: 7.887 is 7.88, never 7.89), a change of the index is the difference of the
  shown values, CRs are stored rounded up to 3 decimals (``0.000``), weights are fractions shown as
  percentages with 2 decimals (``0.00 %``), values (level × weight) have 3 decimals (``0.000``),
  money is ``"Rp "#,##0`` and other KPI values get the decimals the app shows
  (:func:`scorecard.display.excel_value_format`). The CSV keeps full precision.

:func:`export_csv` is for machines: one row per KPI (:func:`export_results_frame`), ``,`` as the
separator, ``.`` as the decimal point, full precision, UTF-8 with a byte-order mark (``\\ufeff`` at
the start of the returned text) so that Excel detects the encoding. Header and words (perspective
names, direction, light) follow ``lang``. Text cells that start with ``=``, ``+``, ``-``, ``@``,
tab or carriage return get a leading apostrophe in the CSV only, so that a spreadsheet does not run
them as formulas (CSV injection); numbers are never touched.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scorecard import display
from scorecard.io.numbers import parse_period, previous_period
from scorecard.method import lights
from scorecard.method.scoring import KpiScore, PeriodScore, score_period
from scorecard.method.weights import Weights, compute_weights
from scorecard.model import KPI, Scorecard
from scorecard.reports.evidence_status import EvidenceInputs, add_evidence_sheet

__all__ = ["export_report", "export_csv", "export_results_frame", "CSV_COLUMNS"]

# ---- words ----------------------------------------------------------------------------------------

# key -> (Indonesian, English)
_T: dict[str, tuple[str, str]] = {
    "sheet_summary": ("Ringkasan", "Summary"),
    "sheet_weights": ("Bobot & CR", "Weights & CR"),
    "sheet_actions": ("Tindak lanjut", "Actions"),
    "title": ("Laporan Kinerja Balanced Scorecard", "Balanced Scorecard Performance Report"),
    "scorecard": ("Kartu skor", "Scorecard"),
    "organisation": ("Organisasi", "Organisation"),
    "period": ("Periode", "Period"),
    "index": ("Indeks kinerja", "Performance index"),
    "prev_period": ("Periode sebelumnya", "Previous period"),
    "prev_index": ("Indeks periode sebelumnya", "Previous period's index"),
    "change": ("Perubahan indeks", "Change of the index"),
    "none": ("tidak ada", "none"),
    "up": ("↑ naik", "↑ up"),
    "down": ("↓ turun", "↓ down"),
    "same": ("→ tetap", "→ unchanged"),
    "counts": ("Jumlah IKU per lampu", "KPIs per light"),
    "light": ("Lampu", "Light"),
    "count": ("Jumlah", "Count"),
    "meaning": ("Arti", "Meaning"),
    "total": ("Total", "Total"),
    "perspective": ("Perspektif", "Perspective"),
    "objective": ("Sasaran strategis", "Strategic objective"),
    "weight": ("Bobot", "Weight"),
    "subtotal": ("Subtotal nilai", "Subtotal of values"),
    "status_level": ("Level status", "Status level"),
    "legend": ("Lampu: {r}: level < {y}; {yy}: {y} ≤ level < {g}; {gg}: level ≥ {g}. "
               "Level status perspektif = subtotal / bobot.",
               "Lights: {r}: level < {y}; {yy}: {y} ≤ level < {g}; {gg}: level ≥ {g}. "
               "A perspective's status level = subtotal / weight."),
    # OMAX matrix
    "matrix_title": ("Objective Matrix (OMAX) perspektif {p}, periode {t}",
                     "Objective Matrix (OMAX), perspective {p}, period {t}"),
    "kpi": ("IKU", "KPI"),
    "kpi_name": ("Nama IKU", "KPI name"),
    "unit": ("Satuan", "Unit"),
    "performance": ("Pencapaian", "Performance"),
    "level": ("Skor", "Level"),
    "value": ("Nilai", "Value"),
    "not_scored": ("belum dinilai", "not scored"),
    "persp_subtotal": ("Subtotal perspektif", "Perspective subtotal"),
    "persp_weight": ("Bobot perspektif", "Perspective weight"),
    "matrix_legend": ("↑ = makin tinggi makin baik, ↓ = makin rendah makin baik. Sel bergaris tebal = pita level "
                      "tempat pencapaian berada. Bobot = bobot global IKU; nilai = skor × bobot.",
                      "↑ = higher is better, ↓ = lower is better. Cell with a thick border = the level band the "
                      "performance falls in. Weight = the KPI's global weight; value = level × weight."),
    "notes": ("Catatan skala", "Scale notes"),
    "fix": ("Saran", "Suggestion"),
    # weights
    "weights_title": ("Bobot AHP dan rasio konsistensi (CR)", "AHP weights and consistency ratio (CR)"),
    "method": ("Metode prioritas", "Priority method"),
    "ri_table": ("Tabel RI", "RI table"),
    "policy": ("Batas CR", "CR limit"),
    "node": ("Simpul", "Node"),
    "child": ("Elemen", "Element"),
    "local_w": ("Bobot lokal", "Local weight"),
    "global_w": ("Bobot global", "Global weight"),
    "n": ("n", "n"),
    "lambda": ("λ maks", "λ max"),
    "ci": ("CI", "CI"),
    "ri": ("RI", "RI"),
    "cr": ("CR", "CR"),
    "limit": ("Batas CR", "CR limit"),
    "acceptable": ("Konsisten?", "Acceptable?"),
    "missing": ("Pasangan tidak dinilai (dilewati)", "Unjudged pairs (skipped)"),
    "gci": ("GCI", "GCI"),
    "gci_limit": ("Batas GCI", "GCI limit"),
    "gaps_as_one": ("dianggap 1: pasangan yang dinilai tidak menghubungkan semua elemen",
                    "taken as 1: the judged pairs do not connect all items"),
    "yes": ("Ya", "Yes"),
    "no": ("Tidak", "No"),
    "single": ("— (1 elemen, bobot 1)", "— (1 element, weight 1)"),
    "policy_fixed": ("CR ≤ 0,10", "CR ≤ 0.10"),
    "policy_by_size": ("menurut ukuran: 0,05 (n = 3), 0,08 (n = 4), 0,10 (n ≥ 5)",
                       "by size: 0.05 (n = 3), 0.08 (n = 4), 0.10 (n ≥ 5)"),
    # actions
    "actions_title": ("Tindak lanjut: IKU merah dan kuning, periode {t}", "Actions: red and yellow KPIs, period {t}"),
    "actions_sub": ("Merah dahulu, lalu kuning; di dalamnya level terendah dahulu.",
                    "Red first, then yellow; within each, lowest level first."),
    "no_actions": ("Semua IKU hijau: tidak ada tindak lanjut.", "All KPIs are green: no actions needed."),
    "root_cause": ("Akar masalah", "Root cause"),
    "action": ("Tindakan perbaikan", "Improvement action"),
    "narrative": ("Narasi (konteks)", "Narrative (context)"),
    "owner": ("Penanggung jawab", "Owner"),
    "due": ("Tenggat", "Due"),
    "no_": ("No", "No"),
    # footer
    "page": ("Halaman &P dari &N", "Page &P of &N"),
}

_METHOD_WORDS: dict[str, tuple[str, str]] = {
    "eigen": ("eigen (vektor eigen utama, Saaty)", "eigen (principal eigenvector, Saaty)"),
    "approx": ("approx (normalisasi kolom, rata-rata baris)", "approx (normalised columns, row means)"),
    "geometric": ("geometric (rata-rata geometrik baris)", "geometric (row geometric means)"),
}
_RI_WORDS: dict[str, tuple[str, str]] = {
    "saaty": ("saaty (Saaty 1980)", "saaty (Saaty 1980)"),
    "alonso-lamata": ("alonso-lamata (Alonso & Lamata 2006)", "alonso-lamata (Alonso & Lamata 2006)"),
}
_DIRECTION_WORDS: dict[str, tuple[str, str]] = {
    "higher": ("makin tinggi makin baik", "higher is better"),
    "lower": ("makin rendah makin baik", "lower is better"),
}
_ARROW = {"higher": "↑", "lower": "↓"}

# Column keys of the results frame, in order; headers come from _CSV_HEADERS.
CSV_COLUMNS: tuple[str, ...] = ("perspective", "objective", "kpi", "name", "unit", "direction", "target",
                                "actual", "level", "local_weight", "global_weight", "value", "light")
_CSV_HEADERS: dict[str, tuple[str, str]] = {
    "perspective": ("Perspektif", "Perspective"),
    "objective": ("Sasaran", "Objective"),
    "kpi": ("Kode IKU", "KPI code"),
    "name": ("Nama IKU", "KPI name"),
    "unit": ("Satuan", "Unit"),
    "direction": ("Arah", "Direction"),
    "target": ("Target", "Target"),
    "actual": ("Realisasi", "Actual"),
    "level": ("Level", "Level"),
    "local_weight": ("Bobot lokal", "Local weight"),
    "global_weight": ("Bobot global", "Global weight"),
    "value": ("Nilai", "Value"),
    "light": ("Lampu", "Light"),
}


def _lang(lang: str) -> str:
    return "id" if lang == "id" else "en"


def _t(key: str, lang: str, **params: object) -> str:
    id_, en = _T[key]
    text = id_ if lang == "id" else en
    return text.format(**params) if params else text


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "id" else pair[1]


# ---- the results frame and CSV ---------------------------------------------------------------------

def export_results_frame(sc: Scorecard, period: str, lang: str = "id", *,
                         score: PeriodScore | None = None) -> pd.DataFrame:
    """One row per KPI of ``period`` (scorecard order) with the columns of :data:`CSV_COLUMNS`,
    headed in ``lang``. Numbers are unrounded floats (NaN where unknown); ``light`` is the word.

    ``score`` reuses an already computed :func:`~scorecard.method.scoring.score_period` result.
    """
    lang = _lang(lang)
    ps = score if score is not None else score_period(sc, period)
    by_code = {k.code: k for k in ps.kpis}
    rows = []
    for k in sc.kpis:
        ks = by_code.get(k.code)
        if ks is None:
            continue
        rows.append({
            "perspective": _perspective_name(sc, ks.perspective, lang),
            "objective": sc.node_label(k.objective, lang),
            "kpi": k.code,
            "name": k.name(lang),
            "unit": k.unit,
            "direction": _pick(_DIRECTION_WORDS.get(k.direction, (k.direction, k.direction)), lang),
            "target": _num(ks.target),
            "actual": _num(ks.actual),
            "level": _num(ks.level),
            "local_weight": float(ks.local_weight),
            "global_weight": float(ks.global_weight),
            "value": float(ks.value),
            "light": lights.STYLES[ks.light].word(lang),
        })
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    for col in ("target", "actual", "level", "local_weight", "global_weight", "value"):
        frame[col] = frame[col].astype("float64")
    return frame.rename(columns={c: _pick(_CSV_HEADERS[c], lang) for c in CSV_COLUMNS})


_CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_CSV_RISKY):
        return "'" + value
    return value


def export_csv(sc: Scorecard, period: str, *, lang: str = "id") -> str:
    """The results table of ``period`` as CSV text (see the module docstring for the format).

    The returned text starts with the byte-order mark ``\\ufeff``; write it encoded as UTF-8.
    """
    frame = export_results_frame(sc, period, lang)
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].map(_csv_safe)
    buf = io.StringIO()
    frame.to_csv(buf, index=False, sep=",", decimal=".", lineterminator="\n")
    return "\ufeff" + buf.getvalue()


def _num(x: float | None) -> float:
    return float("nan") if x is None or not math.isfinite(float(x)) else float(x)


def _perspective_name(sc: Scorecard, key: str, lang: str) -> str:
    for p in sc.perspectives:
        if p.key == key:
            return p.name(lang)
    return key


# ---- cells and styles -----------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_MEDIUM = Side(style="medium", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAND = Border(left=_MEDIUM, right=_MEDIUM, top=_MEDIUM, bottom=_MEDIUM)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_BAND_FILL = PatternFill("solid", fgColor="BDD7EE")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

FMT_LEVEL = display.EXCEL_FORMAT["level"]
FMT_WEIGHT = display.EXCEL_FORMAT["weight"]
FMT_VALUE = display.EXCEL_FORMAT["points"]
FMT_INDEX = display.EXCEL_FORMAT["level"]
FMT_CHANGE = display.EXCEL_FORMAT["change"]
FMT_CR = display.EXCEL_FORMAT["cr"]
_MAX_TEXT = 32_767  # Excel's limit for one cell
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:_MAX_TEXT]


def _put_text(ws: Worksheet, row: int, col: int, text: object) -> Cell:
    """Write ``text`` as a literal string cell: never a formula, whatever it starts with."""
    cell = ws.cell(row=row, column=col)
    s = _clean("" if text is None else str(text))
    cell.value = s
    cell.data_type = "s"
    if s.startswith(("=", "+", "-", "@")):
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell


def _put_num(ws: Worksheet, row: int, col: int, value: float | None, fmt: str) -> Cell:
    """Write a finite number with a number format (empty cell for None / NaN / infinity)."""
    cell = ws.cell(row=row, column=col)
    if value is not None and math.isfinite(float(value)):
        cell.value = float(value)
        cell.number_format = fmt
    return cell


def _light_style(cell: Cell, light: str, *, bold: bool = True) -> None:
    st = lights.STYLES[light]
    cell.fill = PatternFill("solid", fgColor=st.fill.lstrip("#").upper())
    cell.font = Font(bold=bold, color=st.ink.lstrip("#").upper())


def _put_light(ws: Worksheet, row: int, col: int, light: str, lang: str) -> Cell:
    """A light as fill + symbol + word ("● Hijau")."""
    cell = _put_text(ws, row, col, lights.label(light, lang))
    _light_style(cell, light)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell


def _put_level(ws: Worksheet, row: int, col: int, level: float | None, light: str, lang: str) -> Cell:
    """A level with its light: the number stays numeric, the symbol is in the number format."""
    symbol = lights.STYLES[light].symbol
    if level is None or not math.isfinite(level):
        cell = _put_text(ws, row, col, f"{symbol} {_t('not_scored', lang)}")
    else:
        cell = _put_num(ws, row, col, display.excel_value("level", level), f'"{symbol} "{FMT_LEVEL}')
    _light_style(cell, light)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell


def _header_row(ws: Worksheet, row: int, labels: Iterable[str], start: int = 1) -> None:
    for i, text in enumerate(labels):
        cell = _put_text(ws, row, start + i, text)
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = _CENTER


def _box(ws: Worksheet, rows: range, cols: range) -> None:
    for r in rows:
        for c in cols:
            ws.cell(row=r, column=c).border = _BOX


def _widths(ws: Worksheet, widths: dict[int, float]) -> None:
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = w


def _hf(text: str) -> str:
    """Text for a print header/footer: '&' is a control character there."""
    return _clean(text).replace("&", "&&")[:200]


def _print_setup(ws: Worksheet, sc: Scorecard, period: str, lang: str, *, title_rows: str | None = None,
                 title_cols: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddHeader.left.text = _hf(sc.name)
    ws.oddHeader.right.text = _hf(f"{_t('period', lang)} {period}")
    ws.oddFooter.right.text = _t("page", lang)
    ws.oddFooter.left.text = _hf(ws.title)


def _sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (Excel: <= 31 characters, none of []:*?/\\, no edge apostrophes)."""
    base = _SHEET_BAD.sub(" ", _clean(name)).strip().strip("'").strip() or "Sheet"
    base = base[:31]
    title, i = base, 2
    while title.lower() in taken:
        suffix = f" ({i})"
        title = base[: 31 - len(suffix)] + suffix
        i += 1
    taken.add(title.lower())
    return title


# ---- number formats per KPI -----------------------------------------------------------------------

def _kpi_format(kpi: KPI, value: float | None) -> str:
    """Display format of one performance or scale value: the digits the app shows for it."""
    return display.excel_value_format(value, kpi.unit)


def _unit_label(kpi: KPI, lang: str) -> str:
    """The unit as people read it in ``lang`` plus the direction arrow ("hari ↓", "Rp ↑")."""
    unit = kpi.unit.strip()
    shown = _UNIT_WORDS.get(unit, (unit, unit))[0 if lang == "id" else 1]
    if unit in _DURATIONS:  # the display rule knows the duration words ("days" -> "hari")
        shown = display.value(2, unit, lang).split(" ", 1)[1]
    return f"{shown} {_ARROW.get(kpi.direction, '')}".strip()


_UNIT_WORDS: dict[str, tuple[str, str]] = {"count": ("kali", "count"), "Rp/employee": ("Rp/pegawai", "Rp/employee")}
_DURATIONS = ("days", "hours", "minutes", "months", "years", "weeks")


# ---- the workbook ---------------------------------------------------------------------------------

@dataclass
class _Ctx:
    sc: Scorecard
    period: str
    lang: str
    weights: Weights
    score: PeriodScore
    prev: PeriodScore | None


def export_report(sc: Scorecard, period: str, *, lang: str = "id", evidence: EvidenceInputs | None = None) -> bytes:
    """The styled report workbook of ``period`` as ``.xlsx`` bytes (see the module docstring).

    With ``evidence`` (read from the store by the caller) a last sheet lists each value's evidence
    count and verification (:mod:`scorecard.reports.evidence_status`)."""
    lang = _lang(lang)
    w = compute_weights(sc)
    ps = score_period(sc, period, w)
    prev = None
    try:
        periods = [parse_period(p) for p in sc.periods()]
        prev_p = previous_period(parse_period(period), periods)
    except ValueError:
        prev_p = None
    if prev_p is not None and prev_p.label != period:
        prev = score_period(sc, prev_p.label, w)
    ctx = _Ctx(sc, period, lang, w, ps, prev)

    wb = Workbook()
    taken: set[str] = set()
    summary = wb.active
    summary.title = _sheet_title(_t("sheet_summary", lang), taken)
    persp_titles = {p.key: _sheet_title(p.name(lang), taken) for p in sc.perspectives}
    weights_title = _sheet_title(_t("sheet_weights", lang), taken)
    actions_title = _sheet_title(_t("sheet_actions", lang), taken)
    lkjip_title = _sheet_title("Pengukuran Kinerja" if lang == "id" else "Performance measurement", taken)

    _summary_sheet(summary, ctx)
    for p in sc.perspectives:
        _matrix_sheet(wb.create_sheet(persp_titles[p.key]), ctx, p.key)
    _weights_sheet(wb.create_sheet(weights_title), ctx)
    _actions_sheet(wb.create_sheet(actions_title), ctx)
    _lkjip_sheet(wb.create_sheet(lkjip_title), ctx)
    if evidence is not None:
        add_evidence_sheet(wb, sc, period, evidence.counts, evidence.verifications, evidence.locks.get(period), lang)
    wb.properties.title = _clean(f"{_t('title', lang)}: {sc.name} {period}")[:255]
    wb.properties.creator = "scorecard"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _summary_sheet(ws: Worksheet, ctx: _Ctx) -> None:
    sc, lang, ps = ctx.sc, ctx.lang, ctx.score
    cell = _put_text(ws, 1, 1, _t("title", lang))
    cell.font = _TITLE
    r = 3

    def label(row: int, key: str) -> None:
        c = _put_text(ws, row, 1, _t(key, lang))
        c.font = _BOLD
        c.fill = _LABEL_FILL

    label(r, "scorecard")
    _put_text(ws, r, 2, sc.name)
    r += 1
    if sc.organisation:
        label(r, "organisation")
        _put_text(ws, r, 2, sc.organisation)
        r += 1
    label(r, "period")
    _put_text(ws, r, 2, ctx.period)
    r += 1
    label(r, "index")
    c = _put_num(ws, r, 2, display.excel_value("level", ps.index), FMT_INDEX)
    c.font = Font(bold=True, size=12)
    _put_light(ws, r, 3, ps.light, lang)
    _put_text(ws, r, 4, lights.STYLES[ps.light].meaning(lang))
    r += 1
    label(r, "prev_period")
    if ctx.prev is None:
        _put_text(ws, r, 2, _t("none", lang))
        r += 1
    else:
        _put_text(ws, r, 2, ctx.prev.period)
        r += 1
        label(r, "prev_index")
        _put_num(ws, r, 2, display.excel_value("level", ctx.prev.index), FMT_INDEX)
        _put_light(ws, r, 3, ctx.prev.light, lang)
        r += 1
        label(r, "change")
        delta = round(display.cut(ps.index) - display.cut(ctx.prev.index), 2)  # the change of the shown values
        _put_num(ws, r, 2, delta, FMT_CHANGE)
        word = "up" if delta > 0 else "down" if delta < 0 else "same"
        _put_text(ws, r, 3, _t(word, lang))
        r += 1
    _box(ws, range(3, r), range(1, 3))

    # counts per light
    r += 1
    c = _put_text(ws, r, 1, _t("counts", lang))
    c.font = _BOLD
    r += 1
    _header_row(ws, r, [_t("light", lang), _t("count", lang), _t("meaning", lang)])
    top = r + 1
    for light in ("red", "yellow", "green"):
        r += 1
        _put_light(ws, r, 1, light, lang)
        _put_num(ws, r, 2, len(ps.by_light(light)), "0")
        _put_text(ws, r, 3, lights.STYLES[light].meaning(lang))
    r += 1
    _put_text(ws, r, 1, _t("total", lang)).font = _BOLD
    _put_num(ws, r, 2, len(ps.kpis), "0").font = _BOLD
    _box(ws, range(top, r + 1), range(1, 4))

    # perspectives
    r += 2
    _header_row(ws, r, [_t("perspective", lang), _t("weight", lang), _t("subtotal", lang),
                        _t("status_level", lang), _t("light", lang)])
    top = r + 1
    for g in ps.perspectives:
        r += 1
        _put_text(ws, r, 1, _perspective_name(sc, g.key, lang))
        _put_num(ws, r, 2, g.weight, FMT_WEIGHT)
        _put_num(ws, r, 3, g.subtotal, FMT_VALUE)
        _put_level(ws, r, 4, g.level, g.light, lang)
        _put_light(ws, r, 5, g.light, lang)
    r += 1
    _put_text(ws, r, 1, _t("total", lang)).font = _BOLD
    _put_num(ws, r, 2, sum(g.weight for g in ps.perspectives), FMT_WEIGHT).font = _BOLD
    _put_num(ws, r, 3, display.excel_value("level", ps.index), FMT_INDEX).font = _BOLD  # the index
    _put_level(ws, r, 4, ps.index, ps.light, lang)
    _put_light(ws, r, 5, ps.light, lang)
    _box(ws, range(top, r + 1), range(1, 6))

    r += 2
    s = sc.settings
    y = display.number(s.yellow_from, lang)
    g_ = display.number(s.green_from, lang)
    legend = _t("legend", lang, r=lights.label("red", lang), yy=lights.label("yellow", lang),
                gg=lights.label("green", lang), y=y, g=g_)
    c = _put_text(ws, r, 1, legend)
    c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.row_dimensions[r].height = 32

    _widths(ws, {1: 34, 2: 24, 3: 18, 4: 28, 5: 16})
    ws.freeze_panes = "A2"
    _print_setup(ws, sc, ctx.period, lang, title_rows="1:1")


def _matrix_sheet(ws: Worksheet, ctx: _Ctx, pkey: str) -> None:
    sc, lang, ps = ctx.sc, ctx.lang, ctx.score
    pname = _perspective_name(sc, pkey, lang)
    c = _put_text(ws, 1, 1, _t("matrix_title", lang, p=pname, t=ctx.period))
    c.font = _TITLE

    kpis: list[tuple[KPI, KpiScore]] = []
    for o in sc.objectives_of(pkey):
        for k in sc.kpis_of(o.code):
            kpis.append((k, ps.kpi(k.code)))
    ncol = len(kpis)
    last_col = 1 + max(ncol, 1)

    # header: objective (merged over its KPIs), KPI code, name, unit/direction
    r_obj, r_code, r_name, r_unit = 3, 4, 5, 6
    _header_row(ws, r_obj, [_t("objective", lang)])
    _header_row(ws, r_code, [_t("kpi", lang)])
    _header_row(ws, r_name, [_t("kpi_name", lang)])
    _header_row(ws, r_unit, [_t("unit", lang)])
    col = 2
    for o in sc.objectives_of(pkey):
        ks_of = sc.kpis_of(o.code)
        if not ks_of:
            continue
        _header_row(ws, r_obj, [sc.node_label(o.code, lang)], start=col)
        if len(ks_of) > 1:
            for extra in range(col + 1, col + len(ks_of)):
                ws.cell(row=r_obj, column=extra).border = _BOX
            ws.merge_cells(start_row=r_obj, start_column=col, end_row=r_obj, end_column=col + len(ks_of) - 1)
        col += len(ks_of)
    for i, (k, ks) in enumerate(kpis):
        col = 2 + i
        _header_row(ws, r_code, [k.code], start=col)
        _header_row(ws, r_name, [k.name(lang)], start=col)
        _header_row(ws, r_unit, [_unit_label(k, lang)], start=col)
        comment = _kpi_comment(ks, lang)
        if comment:
            cm = Comment(_clean(comment), "scorecard")
            cm.width, cm.height = 320, 160
            ws.cell(row=r_code, column=col).comment = cm
    ws.row_dimensions[r_obj].height = 45
    ws.row_dimensions[r_name].height = 60

    # body
    r_perf = r_unit + 1
    lab = _put_text(ws, r_perf, 1, _t("performance", lang))
    lab.font, lab.fill = _BOLD, _LABEL_FILL
    level_rows = {lev: r_perf + 1 + (10 - lev) for lev in range(10, -1, -1)}
    for lev, row in level_rows.items():
        c = _put_num(ws, row, 1, lev, "0")
        c.font, c.fill = _BOLD, _LABEL_FILL
        c.alignment = Alignment(horizontal="center")
    r_level = level_rows[0] + 1
    r_weight, r_value = r_level + 1, r_level + 2
    for row, key in ((r_level, "level"), (r_weight, "weight"), (r_value, "value")):
        c = _put_text(ws, row, 1, _t(key, lang))
        c.font, c.fill = _BOLD, _LABEL_FILL
    _box(ws, range(r_perf, r_value + 1), range(1, last_col + 1))

    for i, (k, ks) in enumerate(kpis):
        col = 2 + i
        c = _put_num(ws, r_perf, col, ks.actual, _kpi_format(k, ks.actual))
        c.font = _BOLD
        if ks.actual is None and ks.actual_text:
            _put_text(ws, r_perf, col, ks.actual_text)
        vals = ks.scale.values
        for lev, row in level_rows.items():
            v = vals[lev] if len(vals) == 11 else None
            _put_num(ws, row, col, v, _kpi_format(k, v))
        if ks.level is not None and len(vals) == 11:
            band = min(int(math.floor(display.cut(ks.level))), 10)  # the shown level's band
            hc = ws.cell(row=level_rows[band], column=col)
            hc.fill, hc.font, hc.border = _BAND_FILL, _BOLD, _BAND
        _put_level(ws, r_level, col, ks.level, ks.light, lang)
        ws.cell(row=r_level, column=col).border = _BOX
        _put_num(ws, r_weight, col, ks.global_weight, FMT_WEIGHT)
        _put_num(ws, r_value, col, ks.value, FMT_VALUE)
        for row in (r_perf, *level_rows.values(), r_weight, r_value):
            ws.cell(row=row, column=col).alignment = Alignment(horizontal="right")

    # footer: perspective subtotal, weight and status
    g = ps.perspective(pkey)
    r = r_value + 2
    for key, val, fmt in (("persp_subtotal", g.subtotal, FMT_VALUE), ("persp_weight", g.weight, FMT_WEIGHT)):
        c = _put_text(ws, r, 1, _t(key, lang))
        c.font, c.fill = _BOLD, _LABEL_FILL
        _put_num(ws, r, 2, val, fmt).font = _BOLD
        r += 1
    c = _put_text(ws, r, 1, _t("status_level", lang))
    c.font, c.fill = _BOLD, _LABEL_FILL
    _put_level(ws, r, 2, g.level, g.light, lang)
    _put_light(ws, r, 3, g.light, lang)
    _box(ws, range(r_value + 2, r + 1), range(1, 3))

    r += 2
    legend = _put_text(ws, r, 1, _t("matrix_legend", lang))
    legend.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(last_col, 6))
    ws.row_dimensions[r].height = 30
    noted = [(k, ks) for k, ks in kpis if _kpi_comment(ks, lang)]
    if noted:
        r += 2
        _put_text(ws, r, 1, _t("notes", lang)).font = _BOLD
        for k, ks in noted:
            r += 1
            _put_text(ws, r, 1, k.code).font = _BOLD
            c = _put_text(ws, r, 2, _kpi_comment(ks, lang))
            c.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=max(last_col, 6))
            ws.row_dimensions[r].height = 45

    _widths(ws, {1: 22, **{2 + i: 19 for i in range(max(ncol, 5))}})
    ws.freeze_panes = ws.cell(row=r_perf, column=2)
    _print_setup(ws, sc, ctx.period, lang, title_rows=f"{r_obj}:{r_unit}", title_cols="A:A")


def _kpi_comment(ks: KpiScore, lang: str) -> str:
    """Problem, fallback and suggested fix of a KPI's scale, plus other scoring notes ('' if none)."""
    parts = [m.text(lang) for m in ks.warnings]
    if ks.scale.problem is not None and ks.scale.problem not in ks.warnings:
        parts.insert(0, ks.scale.problem.text(lang))
    if ks.scale.fix is not None:
        parts.append(f"{_t('fix', lang)}: {ks.scale.fix.text(lang)}")
    return "\n".join(parts)


def _weights_sheet(ws: Worksheet, ctx: _Ctx) -> None:
    sc, lang, w = ctx.sc, ctx.lang, ctx.weights
    _put_text(ws, 1, 1, _t("weights_title", lang)).font = _TITLE
    policy = _t("policy_by_size", lang) if w.policy == "by-size" else _t("policy_fixed", lang)
    info = ((_t("method", lang), _pick(_METHOD_WORDS.get(w.method, (w.method, w.method)), lang)),
            (_t("ri_table", lang), _pick(_RI_WORDS.get(w.ri_table, (w.ri_table, w.ri_table)), lang)),
            (_t("policy", lang), policy))
    for i, (k, v) in enumerate(info):
        c = _put_text(ws, 2 + i, 1, k)
        c.font, c.fill = _BOLD, _LABEL_FILL
        _put_text(ws, 2 + i, 2, v)
    head = 6
    cols = ["node", "child", "local_w", "global_w", "n", "lambda", "ci", "ri", "cr", "limit", "acceptable",
            "method", "ri_table", "missing"]
    geo = w.method == "geometric"  # the GCI is shown instead of the CR (Aguaron & Moreno-Jimenez 2003)
    _header_row(ws, head, [_t({"cr": "gci", "limit": "gci_limit"}.get(c, c) if geo else c, lang) for c in cols])
    r = head
    top_side = Side(style="medium", color="000000")
    for node in sc.nodes():
        nw = w.nodes.get(node)
        if nw is None or not nw.children:
            continue
        res = nw.result
        first = r + 1
        for i, child in enumerate(nw.children):
            r += 1
            if i == 0:
                _put_text(ws, r, 1, sc.node_label(node, lang)).font = _BOLD
            _put_text(ws, r, 2, sc.node_label(child, lang))
            _put_num(ws, r, 3, nw.weights[i], FMT_WEIGHT)
            _put_num(ws, r, 4, w.global_.get(child, 0.0), FMT_WEIGHT)
        _put_num(ws, first, 5, len(nw.children), "0")
        if res is None:
            _put_text(ws, first, 11, _t("single", lang))
        else:
            _put_num(ws, first, 6, res.lambda_max, "0.000")
            _put_num(ws, first, 7, res.ci, "0.000")
            _put_num(ws, first, 8, res.ri, "0.00##")
            _put_num(ws, first, 9, display.excel_value("cr", res.index), FMT_CR)
            _put_num(ws, first, 10, res.index_threshold, display.EXCEL_FORMAT["cr_limit"])
            ok = bool(res.acceptable)
            st = lights.STYLES["green" if ok else "red"]
            c = _put_text(ws, first, 11, f"{st.symbol} {_t('yes' if ok else 'no', lang)}")
            _light_style(c, "green" if ok else "red")
            c.alignment = Alignment(horizontal="center")
            _put_text(ws, first, 12, res.method)
            _put_text(ws, first, 13, res.ri_table)
        if nw.missing:
            miss = ", ".join(f"{a} / {b}" for a, b in nw.missing)
            if nw.problem is not None:
                miss += f" ({_t('gaps_as_one', lang)})"
            _put_text(ws, first, 14, miss).alignment = _WRAP
        _box(ws, range(first, r + 1), range(1, len(cols) + 1))
        for cnum in range(1, len(cols) + 1):
            cell = ws.cell(row=first, column=cnum)
            cell.border = Border(left=_THIN, right=_THIN, top=top_side, bottom=_THIN)
    _widths(ws, {1: 34, 2: 40, 3: 12, 4: 12, 5: 5, 6: 10, 7: 10, 8: 8, 9: 10, 10: 9, 11: 18, 12: 11, 13: 14,
                 14: 28})
    ws.freeze_panes = ws.cell(row=head + 1, column=3)
    _print_setup(ws, sc, ctx.period, lang, title_rows=f"{head}:{head}")


def _actions_sheet(ws: Worksheet, ctx: _Ctx) -> None:
    sc, lang, ps = ctx.sc, ctx.lang, ctx.score
    _put_text(ws, 1, 1, _t("actions_title", lang, t=ctx.period)).font = _TITLE
    _put_text(ws, 2, 1, _t("actions_sub", lang))
    head = 4
    labels = [_t("no_", lang), _t("kpi", lang), _t("kpi_name", lang), _t("perspective", lang),
              _t("objective", lang), _t("level", lang), _t("light", lang), _t("root_cause", lang),
              _t("action", lang), _t("owner", lang), _t("due", lang), _t("narrative", lang)]
    _header_row(ws, head, labels)
    order = {k.code: i for i, k in enumerate(sc.kpis)}
    rank = {"red": 0, "yellow": 1}
    todo = sorted((k for k in ps.kpis if k.light in rank),
                  key=lambda k: (rank[k.light], -1.0 if k.level is None else k.level, order.get(k.code, 0)))
    r = head
    for i, ks in enumerate(todo, start=1):
        r += 1
        kpi = sc.kpi(ks.code)
        _put_num(ws, r, 1, i, "0")
        _put_text(ws, r, 2, ks.code).font = _BOLD
        _put_text(ws, r, 3, kpi.name(lang))
        _put_text(ws, r, 4, _perspective_name(sc, ks.perspective, lang))
        _put_text(ws, r, 5, sc.node_label(ks.objective, lang))
        _put_level(ws, r, 6, ks.level, ks.light, lang)
        _put_light(ws, r, 7, ks.light, lang)
        note = sc.note(ks.code, ctx.period)
        if note is not None:
            for col, text in ((8, note.root_cause), (9, note.action), (10, note.owner), (11, note.due),
                              (12, note.narrative)):
                if text:
                    _put_text(ws, r, col, text)
        for col in range(1, len(labels) + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = _BOX
            if col not in (6, 7):
                cell.alignment = _WRAP
    if not todo:
        _put_text(ws, head + 1, 1, _t("no_actions", lang))
    _widths(ws, {1: 5, 2: 8, 3: 34, 4: 18, 5: 30, 6: 10, 7: 12, 8: 36, 9: 36, 10: 18, 11: 12, 12: 40})
    ws.freeze_panes = ws.cell(row=head + 1, column=3)
    _print_setup(ws, sc, ctx.period, lang, title_rows=f"{head}:{head}")



def _lkjip_sheet(ws: Worksheet, ctx: _Ctx) -> None:
    """The LKjIP Pengukuran Kinerja table (numbers stay numbers; qualitative KPIs show their words)."""
    from scorecard.reports.lkjip import HEADERS, lkjip_report

    sc, lang = ctx.sc, ctx.lang
    rep = lkjip_report(sc, ctx.period, lang)
    i = 0 if lang == "id" else 1
    _put_text(ws, 1, 1, ("PENGUKURAN KINERJA PERIODE " if lang == "id" else "PERFORMANCE MEASUREMENT, PERIOD ")
              + ctx.period).font = _TITLE
    _put_text(ws, 2, 1, sc.organisation or sc.name)
    head = 4
    labels = [HEADERS[0][i], "Perspektif" if lang == "id" else "Perspective",
              "Sasaran Strategis" if lang == "id" else "Strategic objective", *(h[i] for h in HEADERS[1:])]
    _header_row(ws, head, labels)
    _header_row(ws, head + 1, [f"({n})" for n in range(1, len(labels) + 1)])
    kpis = {k.code: k for k in sc.kpis}
    r = head + 1
    for p in rep.perspectives:
        for sas in p.sasaran:
            first = r + 1
            for row in sas.rows:
                r += 1
                k = kpis[row.code]
                _, target, actual = row.series[-1]
                _put_num(ws, r, 1, row.no, "0")
                _put_text(ws, r, 2, p.name)
                _put_text(ws, r, 3, f"{sas.code} {sas.name}")
                _put_text(ws, r, 4, f"{row.code} {row.name}")
                _put_text(ws, r, 5, row.unit)
                for col, value in ((6, target), (7, actual)):
                    word = k.word_of(value)
                    if word:
                        _put_text(ws, r, col, word)
                    elif value is None:
                        _put_text(ws, r, col, "—")
                    else:
                        _put_num(ws, r, col, value, display.excel_value_format(value, k.unit))
                if row.capaian is None:
                    _put_text(ws, r, 8, "—")
                else:
                    _put_num(ws, r, 8, display.excel_value("capaian", row.capaian), "0.00")
                cell = _put_text(ws, r, 9, row.predikat or "—")
                if row.colour:
                    from scorecard.method.capaian import ink_on

                    cell.fill = PatternFill("solid", fgColor=row.colour.lstrip("#").upper())
                    cell.font = Font(bold=True, color=ink_on(row.colour).lstrip("#"))
                _put_level(ws, r, 10, row.level, row.light, lang)
                for col in range(1, len(labels) + 1):
                    ws.cell(row=r, column=col).border = _BOX
                    if col in (2, 3, 4):
                        ws.cell(row=r, column=col).alignment = _WRAP
            if r > first:
                ws.merge_cells(start_row=first, start_column=3, end_row=r, end_column=3)
    r += 2
    _put_text(ws, r, 1, "NKO: " + ("—" if rep.nko is None else "")).font = _BOLD
    if rep.nko is not None:
        _put_num(ws, r, 2, display.excel_value("capaian", rep.nko), display.EXCEL_FORMAT["capaian"]).font = _BOLD
    _put_text(ws, r, 3, rep.nko_predikat)
    for text in (rep.nko_note, rep.rule, rep.bands_source):
        if text:
            r += 1
            _put_text(ws, r, 1, text)
    _widths(ws, {1: 5, 2: 18, 3: 30, 4: 40, 5: 10, 6: 16, 7: 16, 8: 12, 9: 14, 10: 12})
    ws.freeze_panes = ws.cell(row=head + 2, column=1)
    _print_setup(ws, sc, ctx.period, lang, title_rows=f"{head}:{head + 1}")

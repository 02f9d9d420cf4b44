"""The styled report workbook and the CSV export (scorecard.reports.excel), checked on the reference case.

Every check opens the produced bytes with openpyxl (``data_only=False``: what is really stored).
"""

from __future__ import annotations

import io
import math
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import score_period
from scorecard.method.weights import compute_weights
from scorecard.model import Note, Perspective
from scorecard.reports.excel import CSV_COLUMNS, export_csv, export_report, export_results_frame

SHEETS = {
    "id": ["Ringkasan", "Keuangan", "Pelanggan", "Proses Bisnis Internal", "Pembelajaran dan Pertumbuhan",
           "Bobot & CR", "Tindak lanjut", "Pengukuran Kinerja"],
    "en": ["Summary", "Financial", "Customer", "Internal Business Process", "Learning and Growth",
           "Weights & CR", "Actions", "Performance measurement"],
}
ROWS = {"id": ("Pencapaian", "Skor", "Bobot", "Nilai"), "en": ("Performance", "Level", "Weight", "Value")}
INJECTIONS = ('=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3", "=1+1")


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=False)


@pytest.fixture(scope="module")
def books(reference) -> dict[str, openpyxl.Workbook]:
    return {lang: _open(export_report(reference, "2010", lang=lang)) for lang in ("id", "en")}


@pytest.fixture(scope="module")
def score2010(reference):
    return score_period(reference, "2010")


def _row_of(ws, label) -> int:
    for (cell,) in ws.iter_rows(min_col=1, max_col=1):
        if cell.value == label:
            return cell.row
    raise AssertionError(f"no row {label!r} in {ws.title}")


def _col_of(ws, code: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=10):
        for cell in row:
            if cell.value == code and cell.column > 1:
                return cell.column
    raise AssertionError(f"no column {code!r} in {ws.title}")


def _matrix_sheet(wb, lang: str, reference, code: str):
    pkey = reference.perspective_of_kpi(code)
    return wb[reference.perspective(pkey).name(lang)]


# ---- structure -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_sheet_names_per_language(books, lang):
    assert books[lang].sheetnames == SHEETS[lang]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_matrix_rows_in_study_order(books, reference, lang):
    ws = books[lang][SHEETS[lang][1]]
    perf, level, weight, value = (_row_of(ws, lab) for lab in ROWS[lang])
    levels = [ws.cell(row=r, column=1).value for r in range(perf + 1, level)]
    assert levels == list(range(10, -1, -1))
    assert (weight, value) == (level + 1, level + 2)
    codes = [ws.cell(row=_row_of(ws, "IKU" if lang == "id" else "KPI"), column=c).value for c in range(2, 6)]
    assert codes == ["F1a", "F1b", "F2a", "F2b"]


# ---- the study's worked example (METHOD §3) --------------------------------------------------------

def test_omax_matrix_reproduces_worked_example(books, reference):
    ws = books["id"]["Keuangan"]
    perf = _row_of(ws, "Pencapaian")
    level_row = {10 - i: perf + 1 + i for i in range(11)}
    f1a, f2a = _col_of(ws, "F1a"), _col_of(ws, "F2a")
    assert ws.cell(row=level_row[10], column=f1a).value == pytest.approx(52_295_456_000)
    assert ws.cell(row=level_row[9], column=f1a).value == pytest.approx(51_135_707_220, abs=0.5)
    assert ws.cell(row=level_row[8], column=f1a).value == pytest.approx(49_975_958_440, abs=0.5)
    assert ws.cell(row=level_row[3], column=f1a).value == pytest.approx(44_177_214_540, abs=0.5)
    assert ws.cell(row=perf, column=f1a).value == pytest.approx(51_561_555_515)
    # F2a with the study's anchors (10: 33.75, 3: 5, 0: 2); the study prints rounded steps
    assert ws.cell(row=level_row[9], column=f2a).value == pytest.approx(29.64, abs=0.01)
    assert ws.cell(row=level_row[8], column=f2a).value == pytest.approx(25.52, abs=0.02)
    assert ws.cell(row=perf, column=f2a).value == pytest.approx(25.88)
    # number formats: money and percent in the format string, values stay numbers
    assert ws.cell(row=level_row[9], column=f1a).number_format == '"Rp "#,##0'
    assert ws.cell(row=level_row[9], column=f2a).number_format == '#,##0.00" %"'


def test_level_band_of_the_actual_is_highlighted(books, score2010, reference):
    ws = books["id"]["Keuangan"]
    perf = _row_of(ws, "Pencapaian")
    f2a = _col_of(ws, "F2a")
    band = perf + 1 + (10 - 8)  # F2a 2010 reaches level 8.08 -> band 8
    assert score2010.kpi("F2a").level == pytest.approx(8.08, abs=0.01)
    cell = ws.cell(row=band, column=f2a)
    assert cell.font.bold and cell.border.top.style == "medium"
    others = [ws.cell(row=perf + 1 + i, column=f2a) for i in range(11) if perf + 1 + i != band]
    assert not any(c.border.top.style == "medium" for c in others)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_level_weight_value_rows_equal_scoring(books, reference, score2010, lang):
    wb = books[lang]
    seen = set()
    for p in reference.perspectives:
        ws = wb[p.name(lang)]
        _, r_level, r_weight, r_value = (_row_of(ws, lab) for lab in ROWS[lang])
        for o in reference.objectives_of(p.key):
            for k in reference.kpis_of(o.code):
                ks = score2010.kpi(k.code)
                col = _col_of(ws, k.code)
                lvl = ws.cell(row=r_level, column=col)
                assert lvl.value == display.cut(ks.level)  # shown as the app shows it (cut, 2 decimals)
                assert ws.cell(row=r_weight, column=col).value == pytest.approx(ks.global_weight, abs=1e-12)
                assert ws.cell(row=r_value, column=col).value == pytest.approx(ks.value, abs=1e-12)
                # the light: fill colour plus the symbol (never colour only)
                st = lights.STYLES[ks.light]
                assert lvl.fill.fgColor.rgb.endswith(st.fill.lstrip("#").upper())
                assert st.symbol in lvl.number_format
                seen.add(k.code)
        sub_row = _row_of(ws, "Subtotal perspektif" if lang == "id" else "Perspective subtotal")
        assert ws.cell(row=sub_row, column=2).value == pytest.approx(score2010.perspective(p.key).subtotal)
    assert seen == {k.code for k in reference.kpis}


def test_invalid_scale_gets_a_comment_and_a_footnote(books, score2010):
    ks = score2010.kpi("C4a")  # 2009 actual 1 day = 2010 target: the default scale is invalid
    assert ks.scale.problem is not None
    for lang in ("id", "en"):
        ws = books[lang][SHEETS[lang][2]]
        cell = ws.cell(row=_row_of(ws, "IKU" if lang == "id" else "KPI"), column=_col_of(ws, "C4a"))
        assert cell.comment is not None
        assert ks.scale.problem.text(lang) in cell.comment.text
        footnotes = [c.value for c in ws["B"] if isinstance(c.value, str)]
        assert any(ks.scale.problem.text(lang) in t for t in footnotes)
    ws = books["id"]["Keuangan"]
    assert ws.cell(row=_row_of(ws, "IKU"), column=_col_of(ws, "F1a")).comment is None


# ---- summary ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_summary_index_light_and_previous_period(books, score2010, reference, lang):
    ws = books[lang][SHEETS[lang][0]]
    r = _row_of(ws, "Indeks kinerja" if lang == "id" else "Performance index")
    assert ws.cell(row=r, column=2).value == display.cut(score2010.index)
    light = ws.cell(row=r, column=3)
    assert light.value == lights.label(score2010.light, lang)
    assert light.fill.fgColor.rgb.endswith(lights.STYLES[score2010.light].fill.lstrip("#").upper())
    prev = score_period(reference, "2009")
    r = _row_of(ws, "Indeks periode sebelumnya" if lang == "id" else "Previous period's index")
    assert ws.cell(row=r, column=2).value == display.cut(prev.index)
    r = _row_of(ws, "Perubahan indeks" if lang == "id" else "Change of the index")
    assert ws.cell(row=r, column=2).value == pytest.approx(display.cut(score2010.index) - display.cut(prev.index))
    # counts of lights
    for light in ("red", "yellow", "green"):
        r = _row_of(ws, lights.label(light, lang))
        assert ws.cell(row=r, column=2).value == len(score2010.by_light(light))
    # perspective table
    for g in score2010.perspectives:
        r = _row_of(ws, reference.perspective(g.key).name(lang))
        assert ws.cell(row=r, column=2).value == pytest.approx(g.weight)
        assert ws.cell(row=r, column=3).value == pytest.approx(g.subtotal)
        assert ws.cell(row=r, column=5).value == lights.label(g.light, lang)


def test_summary_without_previous_period(reference):
    ws = _open(export_report(reference, "2009", lang="en"))["Summary"]
    r = _row_of(ws, "Previous period")
    assert ws.cell(row=r, column=2).value == "none"
    with pytest.raises(AssertionError):
        _row_of(ws, "Change of the index")


# ---- weights and CR --------------------------------------------------------------------------------

def test_weights_sheet_matches_ahp(books, reference):
    w = compute_weights(reference)
    ws = books["en"]["Weights & CR"]
    head = _row_of(ws, "Node")
    header = [c.value for c in ws[head]]
    col = {name: header.index(name) + 1 for name in ("Element", "Local weight", "Global weight", "λ max", "CI",
                                                     "CR", "Acceptable?", "Priority method", "RI table")}
    rows = {ws.cell(row=r, column=1).value: r for r in range(head + 1, ws.max_row + 1)
            if ws.cell(row=r, column=1).value}
    root = w.nodes["Scorecard"]
    r = rows[reference.node_label("Scorecard", "en")]
    assert ws.cell(row=r, column=col["CR"]).value == display.round_up(root.result.cr)
    assert ws.cell(row=r, column=col["λ max"]).value == pytest.approx(root.result.lambda_max)
    assert ws.cell(row=r, column=col["CI"]).value == pytest.approx(root.result.ci)
    assert ws.cell(row=r, column=col["Priority method"]).value == "approx"
    assert ws.cell(row=r, column=col["RI table"]).value == "saaty"
    assert ws.cell(row=r, column=col["Acceptable?"]).value == "● Yes"
    for i, child in enumerate(root.children):
        assert ws.cell(row=r + i, column=col["Element"]).value == reference.node_label(child, "en")
        assert ws.cell(row=r + i, column=col["Local weight"]).value == pytest.approx(root.weights[i])
    r = rows[reference.node_label("L1", "en")]  # L1's KPIs: the study's CR 0.05
    assert ws.cell(row=r, column=col["CR"]).value == display.round_up(w.nodes["L1"].result.cr)
    kids = [ws.cell(row=r + i, column=col["Global weight"]).value for i in range(3)]
    assert kids == pytest.approx([w.global_[c] for c in ("L1a", "L1b", "L1c")])


# ---- actions ----------------------------------------------------------------------------------------

def _action_codes(ws, lang: str) -> list[str]:
    head = _row_of(ws, "No")
    return [ws.cell(row=r, column=2).value for r in range(head + 1, ws.max_row + 1)
            if ws.cell(row=r, column=2).value]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_actions_list_exactly_the_non_green_kpis_red_first(books, score2010, lang):
    codes = _action_codes(books[lang][SHEETS[lang][6]], lang)
    assert set(codes) == {k.code for k in score2010.kpis if k.light != "green"}
    assert len(codes) == len(set(codes))
    ks = [score2010.kpi(c) for c in codes]
    assert [k.light for k in ks] == sorted((k.light for k in ks), key=("red", "yellow").index)
    for light in ("red", "yellow"):
        levels = [k.level for k in ks if k.light == light]
        assert levels == sorted(levels)


# ---- user text never becomes a formula ---------------------------------------------------------------

def test_user_text_stays_text(reference, score2010):
    sc = reference.copy()
    red = next(k.code for k in score2010.kpis if k.light == "red")
    sc.notes.append(Note(kpi=red, period="2010", root_cause=INJECTIONS[0], action=INJECTIONS[1],
                         owner=INJECTIONS[2], due=INJECTIONS[3]))
    sc.name = INJECTIONS[4]
    sc.kpis[0].name_id = "=SUM(1,2)"
    sc.perspectives[0].name_id = "-Keuangan"
    data = export_report(sc, "2010", lang="id")
    wb = _open(data)
    ws = wb["Tindak lanjut"]
    r = next(c.row for c in ws["B"] if c.value == red)
    for col, text in zip(range(8, 12), INJECTIONS[:4], strict=True):
        cell = ws.cell(row=r, column=col)
        assert cell.value == text and cell.data_type == "s"
    summary = wb["Ringkasan"]
    name = summary.cell(row=_row_of(summary, "Kartu skor"), column=2)
    assert name.value == "=1+1" and name.data_type == "s"
    assert "-Keuangan" in wb.sheetnames
    fin = wb["-Keuangan"]
    kname = fin.cell(row=_row_of(fin, "Nama IKU"), column=_col_of(fin, "F1a"))
    assert kname.value == "=SUM(1,2)" and kname.data_type == "s"
    # values only: no formula anywhere, in any sheet (openpyxl view and raw XML)
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not re.search(rb"<f[ >]", z.read(name)), name


def test_sheet_names_are_sanitised_and_unique(reference):
    sc = reference.copy()
    sc.perspectives[0].name_en = "Summary"
    sc.perspectives[1].name_en = "Cust/omer: [a]*? very long perspective name indeed"
    sc.perspectives.append(Perspective("Extra", "Summary", ""))
    names = _open(export_report(sc, "2010", lang="en")).sheetnames
    assert len(names) == len({n.lower() for n in names}) == 9
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[0] == "Summary"


# ---- print setup and layout --------------------------------------------------------------------------

def test_print_setup_and_frozen_headers(books):
    for ws in books["en"].worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)  # 9 = A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1
        assert ws.freeze_panes is not None
    fin = books["en"]["Financial"]
    assert fin.print_title_rows and fin.print_title_cols
    assert fin.freeze_panes == f"B{_row_of(fin, 'Performance')}"
    assert fin.column_dimensions["B"].width >= 15


# ---- results frame and CSV ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_csv_parses_with_pandas(reference, score2010, lang):
    text = export_csv(reference, "2010", lang=lang)
    assert text.startswith("\ufeff")
    df = pd.read_csv(io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig")
    assert len(df) == 22
    assert len(df.columns) == len(CSV_COLUMNS)
    gw = "Bobot global" if lang == "id" else "Global weight"
    val = "Nilai" if lang == "id" else "Value"
    assert df[gw].sum() == pytest.approx(1.0, abs=1e-9)
    assert df[val].sum() == pytest.approx(score2010.index, abs=1e-9)
    code = "Kode IKU" if lang == "id" else "KPI code"
    assert list(df[code]) == [k.code for k in reference.kpis]
    light = "Lampu" if lang == "id" else "Light"
    assert set(df[light]) <= {lights.STYLES[x].word(lang) for x in lights.LIGHTS}


def test_results_frame_and_csv_injection(reference):
    frame = export_results_frame(reference, "2010", "en")
    assert list(frame.columns)[:3] == ["Perspective", "Objective", "KPI code"]
    row = frame.set_index("KPI code").loc["F1a"]
    assert row["Target"] == 52_295_456_000 and row["Light"] == "Green"
    assert math.isclose(row["Value"], row["Level"] * row["Global weight"])
    sc = reference.copy()
    sc.kpis[0].name_en = "=HYPERLINK(\"http://x\")"
    df = pd.read_csv(io.StringIO(export_csv(sc, "2010", lang="en").lstrip("\ufeff")))
    assert df.loc[0, "KPI name"] == "'=HYPERLINK(\"http://x\")"
    assert export_results_frame(sc, "2010", "en").loc[0, "KPI name"] == "=HYPERLINK(\"http://x\")"


def test_invalid_and_unscorable_scales_do_not_break_the_matrix(reference):
    sc = reference.copy()
    sc.kpi("F1a").worst = 60_000_000_000  # worse than nothing: pass/fail fallback, levels 1..9 undefined
    sc.measurement("F1b", "2010").target = None  # no target: not scorable
    sc.measurements = [m for m in sc.measurements if not (m.kpi == "F2b" and m.period == "2010")]
    sc.judgments["Financial"] = {}  # no judgment at all: equal weights, the pair listed as unjudged
    ps = score_period(sc, "2010")
    assert ps.kpi("F1a").scale.fallback == "pass-fail"
    wb = _open(export_report(sc, "2010", lang="en"))
    ws = wb["Financial"]
    perf, r_level = _row_of(ws, "Performance"), _row_of(ws, "Level")
    f1a, f1b, f2b = _col_of(ws, "F1a"), _col_of(ws, "F1b"), _col_of(ws, "F2b")
    assert [ws.cell(row=perf + 1 + i, column=f1a).value is None for i in range(11)] == [False] + [True] * 9 + [False]
    assert all(ws.cell(row=perf + 1 + i, column=f1b).value is None for i in range(11))
    assert ws.cell(row=r_level, column=f1b).value == "■ not scored"
    assert ws.cell(row=perf, column=f2b).value is None
    assert ps.kpi("F2b").level is None and ws.cell(row=r_level, column=f2b).value == "■ not scored"
    for code in ("F1a", "F1b"):
        assert ws.cell(row=_row_of(ws, "KPI"), column=_col_of(ws, code)).comment is not None
    wsw = wb["Weights & CR"]
    head = _row_of(wsw, "Node")
    missing_col = [c.value for c in wsw[head]].index("Unjudged pairs (skipped)") + 1
    r = next(c.row for c in wsw["A"] if c.value == "Financial")
    assert wsw.cell(row=r, column=missing_col).value == "F1 / F2"

"""No silent misreading in uploads and `validate` (issue #11 section 2): each finding names sheet and cell.

The workbooks are the minimal valid workbook of tests/test_workbook.py (KPIs F1a/F1b in Rp, F2a in %,
C1a lower-is-better "kali" with worst 1500, C1b lower-is-better in "hari" with worst 30) plus a Data sheet.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.io.numbers import parse_period, parse_period_span, parse_value, shows_number_style
from scorecard.io.workbook import read_workbook
from tests import foreign_tables as ft
from tests.test_workbook import read, structure, to_bytes, where, with_data

ROOT = Path(__file__).resolve().parent.parent


def _one(res, code):
    found = [p for p in res.report.problems if p.code == code]
    assert found, res.report.text()
    return found[0]


# ---- periods ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "label"), [
    ("Semester I 2024", "2024-S1"), ("Semester 2 2024", "2024-S2"), ("2024-S1", "2024-S1"),
    ("Triwulan I Tahun 2024", "2024-Q1"), ("Q1-24", "2024-Q1"), ("TW III-24", "2024-Q3"),
    ("31/03/2024", "2024-03"), ("30.06.2024", "2024-06"),
])
def test_more_period_forms(raw, label):
    assert parse_period(raw).label == label


def test_halves_sort_between_quarters():
    labels = ["2024-Q3", "2024-S2", "2024", "2024-S1", "2024-Q1"]
    # like a year before its quarters, a half sorts before the quarter it starts with
    assert [p.label for p in sorted(map(parse_period, labels))] == ["2024", "2024-S1", "2024-Q1", "2024-S2", "2024-Q3"]


def test_cumulative_periods_are_said_so():
    assert parse_period_span("s.d. TW II 2024") == (parse_period("2024-Q2"), True)
    assert parse_period_span("s/d Triwulan III Tahun 2024") == (parse_period("2024-Q3"), True)
    assert parse_period_span("TW II 2024") == (parse_period("2024-Q2"), False)
    with pytest.raises(ValueError):
        parse_period("s.d. TW II 2024")  # never silently a plain quarter


def test_period_without_year_is_named():
    res = read(with_data([["F1a", "Januari", 1, 2]]))
    p = _one(res, "period.no_year")
    assert (p.severity, p.sheet, p.cell) == ("error", "Data", "B2")
    assert "no year" in p.what.en and "tidak memuat tahun" in p.what.id


def test_date_cell_as_period_warns_at_its_cell():
    wb = with_data([["F1a", dt.datetime(2026, 1, 24), 1, 2]])
    res = read(wb)
    p = _one(res, "workbook.date_period")
    assert (p.severity, p.sheet, p.cell) == ("warning", "Data", "B2")
    assert "2026-01" in p.what.en and "Jan-24" in p.what.id
    assert [m.period for m in res.scorecard.measurements] == ["2026-01"]


def test_cumulative_period_in_data_sheet():
    res = read(with_data([["F1a", "s.d. TW II 2024", 10, 12]]))
    p = _one(res, "workbook.cumulative_period")
    assert (p.sheet, p.cell) == ("Data", "B2") and "cumulative" in p.what.en and "kumulatif" in p.what.id
    assert [m.period for m in res.scorecard.measurements] == ["2024-Q2"]


# ---- values -------------------------------------------------------------------------------------

def test_percent_typed_without_decimal_separator():
    res = read(with_data([["F2a", 2010, "25,88", "2588%"]]))
    p = _one(res, "model.magnitude")
    assert (p.severity, p.sheet, p.cell) == ("warning", "Data", "D2")
    assert "did you mean 25.88 %?" in p.what.en and "maksudnya 25,88 %?" in p.what.id  # each language its style


def test_fraction_in_a_percent_kpi():
    res = read(with_data([["F2a", 2010, 30, 32], ["F2a", 2011, "25,88", 0.2588]]))
    p = _one(res, "model.magnitude")
    assert p.cell == "D3" and "25.88 %" in p.what.en and "25,88 %" in p.what.id


def test_hour_in_a_days_kpi_is_refused_and_rp_magnitude_converted():
    res = read(with_data([["C1b", 2010, 3, "1 bulan"]]))
    p = _one(res, "unit.mismatch")
    assert (p.severity, p.sheet, p.cell) == ("error", "Data", "D2") and res.scorecard is None
    res = read(with_data([["F1a", 2010, "Rp 50 M", "Rp 52,3 M"]]))
    assert res.report.ok, res.report.text()
    m = res.scorecard.measurement("F1a", "2010")
    assert (m.target, m.actual) == (50e9, 52.3e9)
    res = read(with_data([["F2a", 2010, 30, "Rp 52,3 M"]]))
    assert ("error", "Data", "D2", "unit.mismatch") in where(res)


def test_rp_magnitude_letters():
    assert parse_value("Rp 52,3 M").value == 52.3e9
    assert parse_value("Rp 1,2 T").value == 1.2e12
    assert parse_value("52,3 M").unit == "M"  # without "Rp" an "M" is not certain: kept as a unit word


def test_ambiguous_numbers_one_message_per_column():
    res = read(with_data([["F1a", 2010, 1, "1.035"], ["F1b", 2010, 1, "2.070"], ["C1a", 2010, 1, "3.105"]]))
    found = [p for p in res.report.problems if p.code == "number.ambiguous_separator"]
    assert len(found) == 1 and found[0].cell == "D2"
    assert "2 more value(s) in this column (D3, D4)" in found[0].what.en and "D3, D4" in found[0].what.id
    assert res.scorecard.measurement("F1b", "2010").actual == 2070


def test_column_that_shows_its_style_has_no_ambiguity_warning():
    assert shows_number_style("35,73%", "id") and shows_number_style("Rp 44.177.214.540", "id")
    assert not shows_number_style("1.035", "id") and not shows_number_style("35,73%", "en")
    res = read(with_data([["F1a", 2010, 1, "1.035"], ["F2a", 2010, 1, "35,73%"]]))
    assert not [p for p in res.report.problems if p.code == "number.ambiguous_separator"]


# ---- structure checks found by validate ---------------------------------------------------------

def test_codes_differing_only_in_case():
    wb = structure()
    wb["IKU"].append(["c1b", "C1", "Response 2", "Respons 2", "hari", "turun", 30])
    res = read(wb)
    p = _one(res, "model.case_duplicate")
    assert (p.severity, p.sheet, p.cell) == ("error", "IKU", "A7") and '"C1b"' in p.what.en


def test_target_zero_and_worst_beyond_target_and_baseline():
    res = read(with_data([["F2a", 2010, 0, 5], ["C1b", 2009, 10, 5], ["C1b", 2010, 40, 6],
                          ["F1a", 2009, 100, 120], ["F1a", 2010, 110, 130]]))
    assert ("warning", "Data", "C2", "model.zero_target") in where(res)
    worst = [(p.sheet, p.cell, p.what.en) for p in res.report.problems if p.code == "model.worst_beyond_target"]
    # C1b lower-is-better: worst 30 is better than the 2010 target 40; F2a: worst 0 equals the target 0
    assert [w[:2] for w in worst] == [("IKU", "G4"), ("IKU", "G6")] and 'KPI "C1b", period "2010"' in worst[1][2]
    base = _one(res, "model.baseline_beyond_target")  # F1a 2010: previous actual 120 beats target 110
    assert (base.sheet, base.cell) == ("Data", "C6")


def test_demo_validates_with_its_own_invalid_scales_as_warnings():
    r = subprocess.run([sys.executable, "-m", "scorecard", "validate", "data/demo.xlsx"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0
    assert "Ambiguous" not in r.stdout and "Errors" not in r.stdout
    assert 'Sheet "Data", cell C23: KPI "C4a"' in r.stdout


# ---- sheets not read ----------------------------------------------------------------------------

def test_data_looking_sheets_not_read_are_named():
    wb = with_data([["F1a", 2010, 1, 2]])
    extra = wb.create_sheet("Data 2023")
    extra.append(["IKU", "Periode", "Target", "Realisasi"])
    extra.append(["F1a", 2009, 1, 2])
    res = read_workbook(to_bytes(wb), "x.xlsx")
    p = _one(res, "workbook.sheet_not_read")
    assert (p.severity, p.sheet, p.cell) == ("warning", "Data 2023", "A1")
    assert '"Data"' in p.what.en and "Impor dari tabel sendiri" in p.fix.id


def test_import_corpus_misreadings_have_cells():
    from scorecard.io.table_import import build_plan

    plan = build_plan(ft.misreadings(), "m.xlsx")
    cells = {(p.code, p.cell) for p in plan.problems}
    assert {("import.magnitude", "F2"), ("import.magnitude", "F3"), ("unit.mismatch", "F5"),
            ("unit.mismatch", "F7"), ("import.zero_target", "E8")} <= cells
    assert all(p.sheet == "Data 2024" for p in plan.problems)


def test_duration_words_in_a_days_kpi():
    res = read(with_data([["C1b", 2010, 3, "2 minggu"]]))  # weeks to days: certain
    assert res.report.ok and res.scorecard.measurement("C1b", "2010").actual == 14.0
    res = read(with_data([["C1b", 2010, 3, "48 jam"]]))  # hours to days: working or calendar days? refused
    p = _one(res, "unit.mismatch")
    assert (p.sheet, p.cell) == ("Data", "D2") and '"48 jam"' in p.what.en and "hari" in p.what.id


def test_an_office_table_uploaded_as_a_workbook_points_to_the_import():
    res = read_workbook(ft.lkjip(), "lkjip.xlsx")
    assert res.scorecard is None and res.report.errors[0].code == "workbook.sheets_missing"
    hint = _one(res, "workbook.try_import")
    assert hint.sheet == "Pengukuran Kinerja" and "Impor dari tabel sendiri" in hint.what.id

"""Importing offices' own tables (issue #11): the generated corpus in tests/foreign_tables.py.

Every expected number below is worked out by hand from the corpus builders.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.io.detect import default_worst, header_role, is_column_number_row, period_in_text, suggest_direction
from scorecard.io.qualitative import SCALES, find_scale, grade_note, rank
from scorecard.io.table_import import Mapping, apply_plan, build_plan, mapping_from_settings
from scorecard.method.scoring import score_period
from scorecard.model import validate
from tests import foreign_tables as ft

ROOT = Path(__file__).resolve().parent.parent


def _kpi(plan, name):
    return next(k for k in plan.kpis if k.name == name)


def _problem(plan, code, cell):
    found = [p for p in plan.problems if p.code == code and p.cell == cell]
    assert found, [(p.code, p.cell, p.text()) for p in plan.problems]
    return found[0]


# ---- detection pieces ----------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "expected"), [
    ("No", ("no", "", False)),
    ("Sasaran Strategis", ("sasaran", "", False)),
    ("Indikator Kinerja Utama", ("indikator", "", False)),
    ("IKU", ("indikator", "", False)),
    ("Indikator Sasaran", ("indikator", "", False)),
    ("Capaian (%)", ("capaian", "", False)),
    ("% Capaian", ("capaian", "", False)),
    ("Capaian Realisasi", ("realisasi", "", False)),
    ("Ket.", ("keterangan", "", False)),
    ("Realisasi 2023", ("realisasi", "2023", False)),
    ("Target TW I 2024", ("target", "2024-Q1", False)),
    ("Realisasi s.d. TW II 2024", ("realisasi", "2024-Q2", True)),
    ("Uraian kegiatan", None),
])
def test_header_words(header, expected):
    assert header_role(header) == expected


def test_column_number_rows():
    assert is_column_number_row([f"({i})" for i in range(1, 8)])
    assert is_column_number_row(["1", "2", "3", "4", "5", "6=5/4"])
    assert not is_column_number_row(["1", "Meningkatnya PAD", "3"])
    assert not is_column_number_row(["(1)", "(2)"])  # too short to be sure


@pytest.mark.parametrize(("text", "period", "cumulative"), [
    ("PENGUKURAN KINERJA TAHUN ANGGARAN 2024", "2024", False),
    ("TAHUN 2023", "2023", False),
    ("Data 2023", "2023", False),
    ("PK 2024", "2024", False),
    ("TW I 2024", "2024-Q1", False),
    ("Capaian s.d. TW II 2024", "2024-Q2", True),
    ("Semester I 2024", "2024-S1", False),
    ("Laporan Juni 2024", "2024-06", False),
])
def test_period_in_titles_and_sheet_names(text, period, cumulative):
    found = period_in_text(text)
    assert found is not None and found[:2] == (period, cumulative)


@pytest.mark.parametrize(("name", "unit", "direction"), [
    ("Rata-rata waktu penyelesaian layanan", "hari", "lower"),
    ("Jumlah keluhan masyarakat", "keluhan", "lower"),
    ("Jumlah tunggakan pajak", "Rp", "lower"),
    ("Lama proses perizinan", "", "lower"),
    ("Persentase penyelesaian pengaduan", "%", "higher"),
    ("Persentase penurunan tunggakan", "%", "higher"),
    ("Indeks kepuasan masyarakat", "indeks", "higher"),
])
def test_direction_suggestions(name, unit, direction):
    assert suggest_direction(name, unit)[0] == direction


def test_default_worst_rule():
    assert default_worst("higher", [80], [72], "%") == (0.0, "0 (higher is better)")
    assert default_worst("lower", [4], [5], "hari")[0] == 8.0  # 2 x target
    assert default_worst("lower", [4], [11], "hari")[0] == 11.0  # the largest actual when above that
    assert default_worst("lower", [60], [70], "%")[0] == 100.0  # a % KPI is capped at 100
    assert default_worst("higher", [4], [3], "", ordinal=True)[0] == 1.0


def test_qualitative_scales():
    assert [rank(SCALES["bpk"], w) for w in ("TW", "TMP", "WDP", "WTP")] == [1, 2, 3, 4]
    assert rank(SCALES["grade"], "AA") == 7 and rank(SCALES["grade"], "D") == 1
    assert find_scale("wajar tanpa pengecualian")[1] == "WTP"
    assert find_scale(" baik ")[1] == "Baik"
    assert find_scale("70,25") is None
    assert grade_note("70,25 (BB)") == ("70,25", "BB")
    assert grade_note("WTP") is None


# ---- the corpus ----------------------------------------------------------------------------------

def test_lkjip_pengukuran_kinerja():
    plan = build_plan(ft.lkjip(), "lkjip.xlsx")
    assert plan.ok
    (sheet,) = plan.sheets
    assert (sheet.sheet, sheet.header_row, sheet.first_row) == ("Pengukuran Kinerja", 4, 6)  # (1)..(7) skipped
    assert (sheet.period, sheet.period_source) == ("2024", 'title A2 "TAHUN ANGGARAN 2024"')
    assert [c.role for c in sheet.columns] == ["no", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian"]
    assert sheet.rows_read == 6 and sheet.rows_skipped == ["12: rata-rata"]
    # merged Sasaran cells filled down: three indicators under S1, two under S2, one under S3
    assert [(o.code, o.perspective) for o in plan.objectives] == [
        ("S1", "Financial"), ("S2", "Customer"), ("S3", "Internal Business Process")]
    assert [k.code for k in plan.kpis] == ["S1.1", "S1.2", "S1.3", "S2.1", "S2.2", "S3.1"]  # No merged: S-codes
    rev = _kpi(plan, "Realisasi pendapatan pajak daerah")
    assert (rev.values[0].target, rev.values[0].actual) == (1_250_000_000_000, 1_287_450_332_150)
    assert rev.values[0].actual_cell == "Pengukuran Kinerja!F6"
    growth = _kpi(plan, "Persentase pertumbuhan pendapatan").values[0]
    assert (growth.target, growth.actual) == (25.88, 26.5)
    opini = _kpi(plan, "Opini BPK atas laporan keuangan")
    assert (opini.scale, opini.values[0].actual, opini.worst, opini.direction) == ("bpk", 4.0, 1.0, "higher")
    wait = _kpi(plan, "Rata-rata waktu penyelesaian layanan")
    assert (wait.direction, wait.values[0].actual, wait.worst) == ("lower", 5.0, 8.0)  # "5 hari" in a hari KPI
    sakip = _kpi(plan, "Nilai SAKIP").values[0]
    assert (sakip.target, sakip.actual) == (70.0, 70.25)  # "70,25 (BB)" reads 70.25
    assert any("70,25 (BB)" in n.en for n in plan.notes)
    # typed capaian cross-checked: G10 says 95, 72 / 80 = 90 %
    p = _problem(plan, "import.capaian", "G10")
    assert p.sheet == "Pengukuran Kinerja" and p.severity == "warning"
    assert "90 %" in p.what.en and "F10" in p.what.en and "E10" in p.what.en and "90 %" in p.what.id
    # the other typed capaian values agree (103,00 = 1.287.450.332.150 / 1.250.000.000.000 rounded, 100,36)
    assert [x.cell for x in plan.problems if x.code == "import.capaian"] == ["G10"]


def test_lkjip_applies_to_a_scored_scorecard_with_equal_weights():
    plan = build_plan(ft.lkjip(), "lkjip.xlsx")
    sc = apply_plan(plan)
    assert validate(sc).ok
    assert [p.key for p in sc.perspectives] == ["Financial", "Customer", "Internal Business Process"]
    ps = score_period(sc, "2024")
    weights = {k.code: round(k.global_weight, 4) for k in ps.kpis}
    assert weights == {"S1.1": 0.1111, "S1.2": 0.1111, "S1.3": 0.1111, "S2.1": 0.1667, "S2.2": 0.1667,
                       "S3.1": 0.3333}  # 1/3 per perspective, split equally below
    assert sum(k.global_weight for k in ps.kpis) == pytest.approx(1.0)
    assert ps.index is not None and 0 <= ps.index <= 10
    assert mapping_from_settings(sc) == plan.mapping
    opini = sc.kpi("S1.3")  # qualitative: the scale's words travel with the KPI (capaian, workbook)
    assert opini.scale_words == ("TW", "TMP", "WDP", "WTP") and opini.word_of(4.0) == "WTP"


def test_mapping_round_trip_and_reuse_next_year():
    plan = build_plan(ft.lkjip(), "lkjip.xlsx")
    m = Mapping.from_json(plan.mapping.to_json())
    assert m == plan.mapping
    m.perspectives["Meningkatnya akuntabilitas kinerja"] = "Learning and Growth"
    m.directions["Indeks kepuasan masyarakat"] = "lower"
    m.worst["Indeks kepuasan masyarakat"] = 100.0
    m.codes["Nilai SAKIP"] = "AKT1"
    again = build_plan(ft.lkjip(), "lkjip-2025.xlsx", m)
    assert next(o for o in again.objectives if o.code == "S3").perspective == "Learning and Growth"
    ikm = _kpi(again, "Indeks kepuasan masyarakat")
    assert (ikm.direction, ikm.direction_why, ikm.worst) == ("lower", "mapping", 100.0)
    assert _kpi(again, "Nilai SAKIP").code == "AKT1"
    with pytest.raises(ValueError):
        Mapping.from_json('{"columns": []}')


def test_next_years_file_with_the_kept_mapping_gets_its_own_period():
    sc = apply_plan(build_plan(ft.lkjip(2024), "lkjip-2024.xlsx"))
    kept = mapping_from_settings(sc)
    kept.perspectives["Meningkatnya akuntabilitas kinerja"] = "Customer"  # a choice made last year
    plan = build_plan(ft.lkjip(2025), "lkjip-2025.xlsx", kept)
    assert plan.periods == ["2025"]  # detected again, never last year's
    assert plan.objectives[2].perspective == "Customer"
    assert [k.code for k in plan.kpis] == [k.code for k in sc.kpis]


def test_own_format_workbook_is_pointed_to_the_upload():
    plan = build_plan((ROOT / "data" / "demo.xlsx").read_bytes(), "demo.xlsx")
    assert [p.code for p in plan.problems] == ["import.own_format"] and not plan.ok


def test_pk_targets_only_and_rupiah_in_millions():
    plan = build_plan(ft.pk(), "pk.xlsx")
    assert plan.ok and plan.periods == ["2025"]
    assert plan.sheets[0].period_source == 'sheet name "PK 2025"'
    assert [k.code for k in plan.kpis] == ["IKU1", "IKU2"]  # every row has its own No
    diklat, arrears = plan.kpis
    assert plan.objectives[0].perspective == "Learning and Growth"
    assert (diklat.values[0].target, diklat.values[0].actual) == (80.0, None)
    assert arrears.direction == "lower" and arrears.values[0].target == 2500.0  # "Rp 2,5 M" in "Rp juta"
    assert any(n.code == "unit.converted" and "E6" in n.en for n in plan.notes)


def test_monthly_data_sheets_become_periods_and_unread_sheet_is_named():
    plan = build_plan(ft.monthly(), "data.xlsx")
    assert [s.sheet for s in plan.sheets] == ["Data 2023", "Data 2024"]
    assert plan.periods == ["2023", "2024"]
    csi = _kpi(plan, "Customer satisfaction index")
    assert [(v.period, v.target, v.actual) for v in csi.values] == [("2023", 90, 88), ("2024", 92, 93.5)]
    wait = _kpi(plan, "Average waiting time")
    assert wait.direction == "lower"
    assert [(v.period, v.actual) for v in wait.values] == [("2023", 20), ("2024", 60)]  # "1 jam" -> 60 minutes
    p = _problem(plan, "import.sheet_not_read", "A1")
    assert p.sheet == "Data 2022" and p.severity == "warning" and "Data 2022" in p.what.id


def test_skp_like_rating_words():
    plan = build_plan(ft.skp(), "skp.xlsx")
    assert plan.ok and plan.periods == ["2024-Q1"]
    reports, quality = plan.kpis
    assert (reports.values[0].target, reports.values[0].actual, reports.unit) == (12, 10, "")
    assert quality.scale == "rating" and (quality.values[0].target, quality.values[0].actual) == (5.0, 4.0)
    assert plan.objectives[0].name == "Terlaksananya pengawasan internal" and len(plan.objectives) == 1


def test_years_side_by_side():
    plan = build_plan(ft.side_by_side(), "iku.xlsx")
    (k,) = plan.kpis
    assert [(v.period, v.target, v.actual) for v in k.values] == [
        ("2022", None, 900), ("2023", None, 950), ("2024", 1000, 1010)]
    sc = apply_plan(plan)
    assert sc.periods() == ["2022", "2023", "2024"]


def test_two_row_header_and_cumulative_columns():
    plan = build_plan(ft.two_row_header(), "tw.xlsx")
    assert plan.ok
    cols = plan.sheets[0].columns
    assert [(c.header, c.role, c.period, c.cumulative) for c in cols if c.role in ("target", "realisasi")] == [
        ("Target TW I 2024", "target", "2024-Q1", False),
        ("Target s.d. TW II 2024", "target", "2024-Q2", True),
        ("Realisasi TW I 2024", "realisasi", "2024-Q1", False),
        ("Realisasi s.d. TW II 2024", "realisasi", "2024-Q2", True)]
    (k,) = plan.kpis
    assert k.objective == "S1" and plan.objectives[0].name == "(tanpa sasaran)"
    assert [(v.period, v.target, v.actual, v.cumulative) for v in k.values] == [
        ("2024-Q1", 100, 90, False), ("2024-Q2", 200, 210, True)]


def test_misreadings_each_named_with_its_cell():
    plan = build_plan(ft.misreadings(), "mis.xlsx")
    assert not plan.ok  # two values refused
    slip = _problem(plan, "import.magnitude", "F2")
    assert slip.sheet == "Data 2024" and slip.severity == "warning"
    assert "did you mean 25.88 %?" in slip.what.en and "maksudnya 25,88 %?" in slip.what.id
    frac = _problem(plan, "import.magnitude", "F3")
    assert "did you mean 25.88 %?" in frac.what.en
    assert _kpi(plan, "Waktu tunggu").values[0].actual == 60.0  # "1 jam" in a menit KPI
    month = _problem(plan, "unit.mismatch", "F5")  # "1 bulan" in a hari KPI: not certain
    assert month.is_error and '"1 bulan"' in month.what.en and "hari" in month.what.id
    assert _kpi(plan, "Penerimaan BBNKB").values[0].actual == 52300.0  # Rp 52,3 M in Rp juta
    rp_in_pct = _problem(plan, "unit.mismatch", "F7")
    assert rp_in_pct.is_error
    zero = _problem(plan, "import.zero_target", "E8")
    assert zero.severity == "warning"
    with pytest.raises(ValueError):
        apply_plan(plan)


def test_not_a_table_and_not_a_workbook():
    plan = build_plan(b"not a workbook", "x.xlsx")
    assert not plan.ok and plan.problems and plan.problems[0].is_error
    empty = build_plan(ft.dated_period_workbook(), "ours.xlsx")
    assert not empty.ok


# ---- CLI ----------------------------------------------------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scorecard", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_cli_import_json_and_workbook(tmp_path):
    src = tmp_path / "lkjip.xlsx"
    src.write_bytes(ft.lkjip())
    out = tmp_path / "out.xlsx"
    mp = tmp_path / "map.json"
    r = _cli("import", str(src), str(out), "--json", "--save-mapping", str(mp))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["sheets"] == ["Pengukuran Kinerja"] and data["periods"] == ["2024"]
    first = data["kpis"][0]
    assert {"code", "name", "sasaran", "perspective", "unit", "direction", "values"} <= set(first)
    assert first["values"] == [{"period": "2024", "target": 1250000000000.0, "actual": 1287450332150.0}]
    assert any("TAHUN ANGGARAN 2024" in a for a in data["assumptions"])
    assert out.exists()
    assert json.loads(mp.read_text())["codes"]["Nilai SAKIP"] == "S3.1"
    v = _cli("validate", str(out))
    assert v.returncode == 0, v.stdout
    s = _cli("score", str(out), "--json")
    assert s.returncode == 0 and json.loads(s.stdout)["period"] == "2024"
    again = _cli("import", str(src), str(tmp_path / "again.xlsx"), "--mapping", str(mp), "--lang", "id")
    assert again.returncode == 0 and "Bobot masih sama rata" in again.stdout
    from scorecard.io.workbook import read_path

    kept = read_path(out).scorecard.settings.import_mapping  # the written workbook keeps its mapping
    assert Mapping.from_json(kept) == Mapping.from_json(mp.read_text())
    next_year = _cli("import", str(src), str(tmp_path / "next.xlsx"), "--mapping", str(out))  # one click
    assert next_year.returncode == 0, next_year.stderr


def test_cli_import_fails_with_one_line(tmp_path):
    src = tmp_path / "plain.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "hello"
    wb.save(src)
    r = _cli("import", str(src), str(tmp_path / "o.xlsx"))
    assert r.returncode == 1 and not (tmp_path / "o.xlsx").exists()
    assert r.stderr.count("\n") == 1 and "No table found" in r.stderr
    bad = tmp_path / "mis.xlsx"
    bad.write_bytes(ft.misreadings())
    r = _cli("import", str(bad), str(tmp_path / "o.xlsx"), "--lang", "id")
    assert r.returncode == 1 and "F5" in r.stderr and "(+1)" in r.stderr


def test_ambiguous_numbers_one_message_per_column_in_imports():
    plan = build_plan(ft.ambiguous_counts(), "amb.xlsx")
    amb = [p for p in plan.problems if p.code == "number.ambiguous_separator"]
    # column E: "1.035", "2.070" (and "1.035" in a % row) read as thousands: one message naming E2 and the others;
    # column D shows its style ("90,5" has a decimal comma): no message
    assert [(p.sheet, p.cell) for p in amb] == [("Data 2024", "E2")]
    assert "2 more value(s) in this column (E3, E4)" in amb[0].what.en
    assert [v.actual for k in plan.kpis for v in k.values][:2] == [1035.0, 2070.0]


# ---- properties ---------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from scorecard.io.numbers import magnitude_slip  # noqa: E402

_cell = st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                  st.text(max_size=30), st.sampled_from(["WTP", "70 (BB)", "5 hari", "Rp 52,3 M", "2588%", "1.035",
                                                         "#DIV/0!", "=A1/B1", "s.d. TW II 2024", "Baik"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_cell, min_size=1, max_size=6))
def test_any_cell_content_gives_a_plan_never_a_crash(cells):
    cells = [c.replace("\x00", "") if isinstance(c, str) else c for c in cells]
    cells = [c if not isinstance(c, str) or c.isprintable() else "x" for c in cells]
    plan = build_plan(ft.random_table(cells), "r.xlsx")
    assert not any(p.code == "import.internal" for p in plan.problems), [p.text() for p in plan.problems]
    for p in plan.problems:  # every finding is placed (a sheet; a cell unless it is about the whole sheet)
        assert p.sheet
    if plan.ok:
        sc = apply_plan(plan)
        assert validate(sc).ok


@given(st.floats(min_value=0.01, max_value=1000, allow_nan=False))
def test_magnitude_slip_finds_the_hundredfold_value(x):
    assert magnitude_slip(x * 100, x, "%") == pytest.approx(x)
    assert magnitude_slip(x / 100, x, "%") == pytest.approx(x)
    assert magnitude_slip(x * 1.5, x, "%") is None
    assert magnitude_slip(x * 100, x, "Rp") is None


def test_month_columns_take_the_sheet_year():
    plan = build_plan(ft.monthly_columns(), "monthly.xlsx")
    assert [(c.header, c.role, c.period) for c in plan.sheets[0].columns][4:] == [
        ("Januari", "realisasi", "2024-01"), ("Februari", "realisasi", "2024-02"), ("Maret", "realisasi", "2024-03")]
    new, wait = plan.kpis
    assert [(v.period, v.target, v.actual) for v in new.values] == [("2024", 1200, None), ("2024-01", None, 95),
                                                                     ("2024-02", None, 110)]
    assert [(v.period, v.actual) for v in wait.values][1:] == [("2024-01", 18), ("2024-02", 60), ("2024-03", 14)]
    assert wait.direction == "lower"
    warn = _problem(plan, "import.no_target", "E2")  # monthly actuals without monthly targets: said, with the cell
    assert "2024-01, 2024-02" in warn.what.en and "belum dapat dinilai" in warn.what.id


@pytest.mark.parametrize("name", ["zip_bomb_1gb_declared", "xxe", "entity_bomb", "path_traversal_zip", "truncated_xlsx",
                                  "far_cell", "merged_area", "html_renamed_xls", "legacy_xls", "empty_file",
                                  "csv_semicolon", "too_many_sheets"])
def test_hostile_files_give_an_error_never_a_crash(name):
    from tests.hostile_files import CORPUS

    plan = build_plan(CORPUS[name](), f"{name}.xlsx")
    assert not plan.ok and plan.problems and any(p.is_error for p in plan.problems)
    assert not any(p.code == "import.internal" for p in plan.problems), [p.text() for p in plan.problems]


def test_typed_capaian_tells_the_direction():
    plan = build_plan(ft.capaian_says_lower(), "c.xlsx")
    (k,) = plan.kpis
    assert (k.direction, k.direction_why) == ("lower", "the file's Capaian is computed as lower-is-better")
    assert not [p for p in plan.problems if p.code == "import.capaian"]  # it agrees with the direction taken
    m = Mapping.from_json(plan.mapping.to_json())
    m.directions["Indeks risiko"] = "higher"  # the user overrides: the cross-check then speaks
    again = build_plan(ft.capaian_says_lower(), "c.xlsx", m)
    p = _problem(again, "import.capaian", "G2")
    assert "lower-is-better: check its direction" in p.what.en

"""The workbook format: reading, writing, templates, the demo workbook (scorecard.io.workbook / .template)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io

import openpyxl
import pytest

from scorecard.io.workbook import (
    SHEETS,
    display_text,
    read_path,
    read_workbook,
    template,
    write_workbook,
)
from scorecard.model import KPI, ROOT, Anchor, Link, Measurement, Note, Objective, Perspective, Scorecard, Settings

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def assert_same(a: Scorecard, b: Scorecard) -> None:
    """Field by field (lists item by item) so a failure names the first difference."""
    for f in dataclasses.fields(Scorecard):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        if isinstance(va, list):
            assert len(va) == len(vb), f"{f.name}: {len(va)} != {len(vb)} items"
            for i, (x, y) in enumerate(zip(va, vb, strict=True)):
                assert x == y, f"{f.name}[{i}]: {x} != {y}"
        else:
            assert va == vb, f"{f.name}: {va} != {vb}"
    assert a == b


def to_bytes(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def structure(locale: str = "id") -> openpyxl.Workbook:
    """A minimal valid workbook (Indonesian headers) without Data: KPIs of every kind of unit."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pengaturan"
    ws.append(["Pengaturan", "Nilai"])
    ws.append(["nama", "Uji"])
    ws.append(["format_angka", locale])
    ws = wb.create_sheet("Perspektif")
    ws.append(["Kunci", "Nama (Inggris)", "Nama (Indonesia)"])
    ws.append(["Financial", "Financial", "Keuangan"])
    ws.append(["Customer", "Customer", "Pelanggan"])
    ws = wb.create_sheet("Sasaran")
    ws.append(["Kode", "Perspektif", "Nama (Inggris)", "Nama (Indonesia)"])
    ws.append(["F1", "Keuangan", "Revenue", "Pendapatan"])  # perspective by its Indonesian name
    ws.append(["F2", "financial", "Productivity", "Produktivitas"])  # by key, other case
    ws.append(["C1", "Customer", "Satisfaction", "Kepuasan"])
    ws = wb.create_sheet("IKU")
    ws.append(["Kode", "Sasaran", "Nama (Inggris)", "Nama (Indonesia)", "Satuan", "Arah", "Nilai terburuk"])
    ws.append(["F1a", "F1", "Tax", "Pajak", "Rp", "naik", 0])
    ws.append(["F1b", "F1", "Fee", "Bea", "Rp", "makin tinggi makin baik", 0])
    ws.append(["F2a", "F2", "Growth", "Pertumbuhan", "%", "higher", 0])
    ws.append(["C1a", "C1", "Complaints", "Keluhan", "kali", "turun", 1500])
    ws.append(["C1b", "C1", "Response", "Respons", "hari", "makin rendah makin baik", 30])
    return wb


def with_data(rows: list[list], header: list[str] | None = None, locale: str = "id") -> openpyxl.Workbook:
    wb = structure(locale)
    ws = wb.create_sheet("Data")
    ws.append(header or ["IKU", "Periode", "Target", "Realisasi"])
    for row in rows:
        ws.append(row)
    return wb


def read(wb: openpyxl.Workbook, **kw):
    return read_workbook(to_bytes(wb), "test.xlsx", **kw)


def where(res) -> list[tuple[str, str, str, str]]:
    return [(p.severity, p.sheet, p.cell, p.code) for p in res.report.problems]


def contents(data: bytes) -> dict[str, list[list[tuple[object, str]]]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()] for ws in wb}


@pytest.fixture
def ref():
    from scorecard.io.reference_case import load_reference

    from .conftest import reference_dir

    return load_reference(reference_dir())


def small_scorecard(locale: str = "id") -> Scorecard:
    """Quarters and months, every kind of actual, text that looks like formulas, odd judgments."""
    en = locale == "en"
    sc = Scorecard(
        name="=Kantor Uji", organisation="+62 811 @dinas",
        perspectives=[Perspective("Financial", "Financial", "Keuangan"), Perspective("Customer", "Customer", "")],
        objectives=[Objective("F1", "Financial", "Revenue", "Pendapatan"), Objective("C1", "Customer", "-Service")],
        kpis=[KPI("F1a", "F1", "Tax revenue", "Penerimaan pajak", "Rp", "higher", 1000.0),
              KPI("F1b", "F1", "@Growth", "Pertumbuhan", "%", "higher", 0.0),
              KPI("C1a", "C1", "Complaints", "Keluhan", "count", "lower", 100.0, ratio_use="quotient"),
              KPI("C1b", "C1", "Response", "Respons", "days", "lower", None)],
        settings=Settings(priority_method="geometric", ri_table="alonso-lamata", cr_policy="by-size",
                          yellow_from=3.5, green_from=7.5, locale=locale))  # type: ignore[arg-type]
    ms = [
        Measurement("F1a", "2010-Q1", 1.5e9, 1234500000.0, None, "Rp 1,234,500,000" if en else "Rp 1.234.500.000"),
        Measurement("F1a", "2010-Q2", 1.6e9, 1700000000.5, 1.2e9, "Rp 1,700,000,000.50" if en else "Rp 1.700.000.000,50"),
        Measurement("F1b", "2010-Q1", 40.82, 12.5, 10.0, "12.5%" if en else "12,5%"),
        Measurement("F1b", "2010-Q2", 33.75, 33.333333, None, "33.333333%" if en else "33,333333%"),
        Measurement("C1a", "2011-01", 0.0, 14 / 48, None, "14/48", 14.0, 48.0),
        Measurement("C1a", "2011-02", 0.1, None, None, ""),
        Measurement("C1b", "2011-01", 2.0, 3.0, None, "3 days" if en else "3 hari"),
        Measurement("C1b", "2011-02", 2.0, None, None, "-"),
    ]
    sc.measurements = ms
    sc.anchors = [Anchor("F1b", 10, 100.0, None, "ceiling"), Anchor("C1b", 3, 7.5, "2011-02", "=not a formula")]
    sc.set_judgment(ROOT, "Financial", "Customer", 1 / 3)
    sc.set_judgment("F1", "F1a", "F1b", 1 / 7)
    sc.set_judgment("C1", "C1b", "C1a", 2.466212074330)
    sc.links = [Link("C1", "F1")]
    sc.notes = [Note("C1b", "2011-02", "+cause", "-action", "@owner", "2011-06-30")]
    return sc


# ---------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_reference_round_trip(ref, lang):
    res = read_workbook(write_workbook(ref, lang=lang), "ref.xlsx")
    assert res.report.ok, res.report.text()
    assert_same(res.scorecard, ref)


@pytest.mark.parametrize(("lang", "locale"), [("id", "id"), ("en", "en"), ("en", "id")])
def test_quarters_and_months_round_trip(lang, locale):
    sc = small_scorecard(locale)
    res = read_workbook(write_workbook(sc, lang=lang), "small.xlsx")
    assert res.report.ok, res.report.text()
    assert_same(res.scorecard, sc)
    assert res.scorecard.periods() == ["2010-Q1", "2010-Q2", "2011-01", "2011-02"]


def test_numbers_keep_16_significant_digits():
    """Documented: openpyxl stores numbers with 16 significant digits (Excel shows 15)."""
    sc = small_scorecard()
    sc.set_judgment("C1", "C1b", "C1a", 2.4662120743304703)
    sc.measurements[0].target = 0.1 + 0.2
    back = read_workbook(write_workbook(sc), "x.xlsx").scorecard
    assert back.judgments["C1"][("C1b", "C1a")] == pytest.approx(2.4662120743304703, rel=1e-15)
    assert back.measurements[0].target == pytest.approx(0.30000000000000004, rel=1e-15)


def test_actual_text_of_a_number_without_text_is_its_display():
    """Documented difference: an empty actual_text comes back as the number's display."""
    sc = small_scorecard()
    sc.measurements[1].actual_text = ""
    sc.measurements[2].actual_text = ""
    res = read_workbook(write_workbook(sc), "x.xlsx")
    assert res.scorecard.measurements[1].actual_text == "Rp 1.700.000.000,50"
    assert res.scorecard.measurements[1].actual == 1700000000.5
    assert res.scorecard.measurements[2].actual_text == "12,50%"
    assert res.scorecard.measurements[2].actual == 12.5


@pytest.mark.parametrize("make", [lambda: small_scorecard(), None])
def test_template_from_scorecard_round_trip(ref, make):
    sc = make() if make else ref
    t1 = template("id", from_scorecard=sc)
    res = read_workbook(t1, "t.xlsx")
    assert res.report.ok, res.report.text()
    assert_same(res.scorecard, sc)  # the next period's empty rows are placeholders
    t2 = template("id", from_scorecard=res.scorecard)
    assert contents(t1) == contents(t2)
    data = openpyxl.load_workbook(io.BytesIO(t1))["Data"]
    nxt = "2011-03" if make else "2011"
    placeholders = [r for r in data.iter_rows(min_row=2, values_only=True) if r[1] == nxt]
    assert [r[0] for r in placeholders] == [k.code for k in sc.kpis]
    assert all(r[2] is None and r[3] is None for r in placeholders)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_blank_template_reads_and_examples_are_skipped(lang):
    data = template(lang)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == SHEETS["instructions"].title(lang)
    objectives = wb[SHEETS["objectives"].title(lang)]
    assert str(objectives["A2"].value).startswith("#")
    assert objectives["A2"].font.i
    res = read_workbook(data, "blank.xlsx")
    assert res.report.ok, res.report.text()
    sc = res.scorecard
    assert [p.key for p in sc.perspectives] == ["Financial", "Customer", "Internal Business Process",
                                                "Learning and Growth"]
    assert sc.objectives == [] and sc.kpis == [] and sc.measurements == [] and sc.judgments == {}
    assert sc.settings.locale == lang
    assert all(p.code == "model.empty" for p in res.report.warnings)


# ---------------------------------------------------------------------------------------------
# Layout of written workbooks
# ---------------------------------------------------------------------------------------------


def test_written_layout_formats_and_dropdowns(ref):
    wb = openpyxl.load_workbook(io.BytesIO(write_workbook(ref, lang="id")))
    assert wb.sheetnames == ["Petunjuk", "Pengaturan", "Perspektif", "Sasaran", "IKU", "Data", "Anchor",
                             "Perbandingan", "Peta strategi", "Catatan", "Manual IKU"]
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.column_dimensions["A"].width >= 8
    data = wb["Data"]
    assert [c.value for c in data[1]][:5] == ["IKU", "Periode", "Target", "Realisasi", "Baseline"]
    assert (data["C2"].value, data["C2"].number_format) == (42340374000, '"Rp "#,##0')
    f2a = next(r for r in data.iter_rows(min_row=2) if r[0].value == "F2a")
    assert (f2a[2].value, f2a[2].number_format) == (40.82, '#,##0.00"%"')  # percentage points
    assert display_text(f2a[3].value, f2a[3].number_format, "id") == "35,73%"
    c1a = next(r for r in data.iter_rows(min_row=2) if r[0].value == "C1a")
    assert (c1a[3].value, c1a[3].data_type) == ("1247/214.445", "s")  # a ratio stays as printed

    def lists(ws):
        return {dv.formula1 for dv in ws.data_validations.dataValidation}

    assert '"makin tinggi makin baik,makin rendah makin baik"' in lists(wb["IKU"])
    assert "='Sasaran'!$A$2:$A$1000" in lists(wb["IKU"])
    assert "='Perspektif'!$A$2:$A$1000" in lists(wb["Sasaran"])
    assert "='IKU'!$A$2:$A$1000" in lists(wb["Data"])
    assert {'"eigen,approx,geometric"', '"saaty,alonso-lamata"', '"fixed,by-size"', '"id,en"'} <= lists(
        wb["Pengaturan"])
    en = openpyxl.load_workbook(io.BytesIO(write_workbook(ref, lang="en")))
    assert '"higher,lower"' in {dv.formula1 for dv in en["KPIs"].data_validations.dataValidation}


def test_text_that_looks_like_a_formula_stays_text():
    sc = small_scorecard()
    data = write_workbook(sc)
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    assert not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    settings = wb["Pengaturan"]
    assert (settings["B2"].value, settings["B2"].data_type) == ("=Kantor Uji", "s")
    assert settings["B2"].quotePrefix
    assert settings["B3"].value == "+62 811 @dinas"
    res = read_workbook(data, "x.xlsx")
    assert (res.scorecard.name, res.scorecard.kpi("F1b").name_en) == ("=Kantor Uji", "@Growth")
    assert res.scorecard.notes[0] == Note("C1b", "2011-02", "+cause", "-action", "@owner", "2011-06-30")


# ---------------------------------------------------------------------------------------------
# Values as people type them
# ---------------------------------------------------------------------------------------------

VALUES = [
    # raw cell, number format, KPI, actual, actual_text, numerator, denominator
    ("Rp 42.340.374.000", None, "F1a", 42340374000.0, "Rp 42.340.374.000", None, None),
    ("40,82%", None, "F2a", 40.82, "40,82%", None, None),
    ("1.035", None, "C1a", 1035.0, "1.035", None, None),
    ("1247/214.445", None, "C1a", 1247.0, "1247/214.445", 1247.0, 214445.0),
    ("3 hari", None, "C1b", 3.0, "3 hari", None, None),
    ("14 days", None, "C1b", 14.0, "14 days", None, None),
    (None, None, "F1a", None, "", None, None),
    ("-", None, "F1a", None, "-", None, None),
    ("n/a", None, "F1a", None, "n/a", None, None),
    (0.3573, "0.00%", "F2a", 35.73, "35,73%", None, None),
    (42340374000, '"Rp "#,##0', "F1a", 42340374000.0, "Rp 42.340.374.000", None, None),
    (1035, "#,##0", "C1a", 1035.0, "1.035", None, None),
    (7, "General", "C1b", 7.0, "7", None, None),
]


@pytest.mark.parametrize(("raw", "fmt", "kpi", "actual", "text", "num", "den"), VALUES)
def test_value_formats(raw, fmt, kpi, actual, text, num, den):
    wb = with_data([[kpi, 2010, 1, raw]])
    if fmt:
        wb["Data"]["D2"].number_format = fmt
    res = read(wb)
    assert res.report.ok, res.report.text()
    m = res.scorecard.measurement(kpi, "2010")
    assert (m.actual, m.actual_text, m.numerator, m.denominator) == (actual, text, num, den)
    assert m.target == 1.0


def test_ambiguous_number_follows_the_locale_and_warns_at_the_cell():
    res = read(with_data([["C1a", 2010, 1, "1.035"]]))
    assert res.scorecard.measurement("C1a", "2010").actual == 1035.0
    assert ("warning", "Data", "D2", "number.ambiguous_separator") in where(res)
    res = read(with_data([["C1a", 2010, 1, "1.035"]], locale="en"))
    assert res.scorecard.measurement("C1a", "2010").actual == 1.035


@pytest.mark.parametrize(("raw", "label"), [
    (2010, "2010"), (2010.0, "2010"), ("2010", "2010"), ("2010-Q1", "2010-Q1"), ("TW II 2010", "2010-Q2"),
    ("Maret 2010", "2010-03"), ("2010-03", "2010-03"), (dt.datetime(2010, 3, 31), "2010-03"),
    (dt.date(2010, 12, 1), "2010-12"),
])
def test_periods(raw, label):
    res = read(with_data([["F1a", raw, 1, 2]]))
    assert res.report.ok, res.report.text()
    assert [m.period for m in res.scorecard.measurements] == [label]


def test_bad_period_names_the_cell():
    res = read(with_data([["F1a", 2010, 1, 2], ["F1a", "tahun lalu", 1, 2]]))
    assert res.scorecard is None
    assert ("error", "Data", "B3", "period.invalid") in where(res)
    bad = next(p for p in res.report.errors if p.cell == "B3")
    assert bad.value == "tahun lalu"
    assert "2010-Q1" in bad.text("en") and "triwulan" in bad.text("id")


def test_invalid_number_names_sheet_cell_value_and_fix():
    res = read(with_data([["F1a", 2010, 1, 2], ["F1b", 2010, "banyak", 2]]))
    assert res.scorecard is None
    err = res.report.errors[0]
    assert (err.sheet, err.cell, err.value, err.code) == ("Data", "C3", "banyak", "number.invalid")
    assert 'Lembar "Data", sel C3' in err.text("id")


def test_formula_without_cached_value_is_an_error_never_zero():
    res = read(with_data([["F1a", 2010, 1, 2], ["F1b", 2010, 1, "=1+1"]]))
    assert res.scorecard is None
    assert where(res) == [("error", "Data", "D3", "number.formula")]
    assert res.report.errors[0].value == "=1+1"


def test_formula_with_cached_value_is_read():
    # Build the workbook, then give the formula cell a cached value by editing the sheet XML.
    import re
    import zipfile

    raw = to_bytes(with_data([["F1a", 2010, 1, "=1+1"]]))
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if b"<f>1+1</f>" in body:
                body = re.sub(rb"<f>1\+1</f>(<v\s*/>|<v></v>)?", b"<f>1+1</f><v>2</v>", body)
            dst.writestr(item, body)
    res = read_workbook(out.getvalue(), "cached.xlsx")
    assert res.report.ok, res.report.text()
    assert res.scorecard.measurement("F1a", "2010").actual == 2.0


def test_excel_error_cell_names_the_cell():
    wb = with_data([["F1a", 2010, 1, 2], ["F1b", 2010, 1, None]])
    cell = wb["Data"]["D3"]
    cell.value = "#DIV/0!"
    cell.data_type = "e"
    res = read(wb)
    assert res.scorecard is None
    assert where(res) == [("error", "Data", "D3", "number.excel_error")]
    assert "#DIV/0!" in res.report.errors[0].text("en")


def test_placeholder_comment_and_empty_rows_are_skipped():
    res = read(with_data([["F1a", 2010, 1, 2], [], ["F1b", 2011, None, None], ["#F1b", 2010, "x", "y"],
                          [None, None, None, None], ["F2a", 2010, 3, "5%"]]))
    assert res.report.ok, res.report.text()
    assert [(m.kpi, m.period) for m in res.scorecard.measurements] == [("F1a", "2010"), ("F2a", "2010")]


def test_baseline_column_and_english_headers():
    res = read(with_data([["F1a", 2010, 10, 9, 8]], header=["kpi", "PERIOD", " target ", "Actual", "Baseline"]))
    assert res.report.ok, res.report.text()
    m = res.scorecard.measurement("F1a", "2010")
    assert (m.target, m.actual, m.baseline) == (10.0, 9.0, 8.0)


def test_extra_column_is_ignored_with_a_warning():
    wb = with_data([["F1a", 2010, 10, 9, "catatan saya"]], header=["IKU", "Periode", "Target", "Realisasi", "Komentar"])
    res = read(wb)
    assert res.scorecard is not None
    assert ("warning", "Data", "E1", "workbook.extra_column") in where(res)


def test_header_on_row_4_with_merged_header_cells():
    wb = structure()
    ws = wb.create_sheet("Data")
    ws["A1"] = "Data kinerja SAMSAT 2010"
    ws.merge_cells("A1:D1")
    ws["A2"] = "Sumber: laporan tahunan"
    for col, text in zip("ABCD", ["Kode IKU", "Periode", "Target", "Realisasi"], strict=True):
        ws[f"{col}4"] = text
        ws.merge_cells(f"{col}4:{col}5")
    for r, row in ((6, ["F1a", 2010, 100, 90]), (7, ["F1b", 2010, 100, "sembilan"])):
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v)
    res = read(wb)
    assert where(res) == [("error", "Data", "D7", "number.invalid")]
    ws["D7"] = 95
    res = read(wb)
    assert res.report.ok, res.report.text()
    assert [(m.kpi, m.target, m.actual) for m in res.scorecard.measurements] == [("F1a", 100.0, 90.0),
                                                                                ("F1b", 100.0, 95.0)]


def test_merged_kpi_cell_over_two_period_rows():
    wb = with_data([["F1a", 2009, 1, 2], [None, 2010, 3, 4]])
    wb["Data"].merge_cells("A2:A3")
    res = read(wb)
    assert res.report.ok, res.report.text()
    assert [(m.kpi, m.period) for m in res.scorecard.measurements] == [("F1a", "2009"), ("F1a", "2010")]


def test_wide_data_layout():
    wb = with_data([["F1a", "Rp 1.000", "Rp 900", 1100, 1200], ["C1a", 0, "14/48", 0, "11/47"]],
                   header=["IKU", "Target 2009", "Realisasi 2009", "Target 2010", "Actual 2010"])
    res = read(wb)
    assert res.report.ok, res.report.text()
    got = [(m.kpi, m.period, m.target, m.actual, m.actual_text) for m in res.scorecard.measurements]
    assert got == [("F1a", "2009", 1000.0, 900.0, "Rp 900"), ("F1a", "2010", 1100.0, 1200.0, "1200"),
                   ("C1a", "2009", 0.0, 14.0, "14/48"), ("C1a", "2010", 0.0, 11.0, "11/47")]


def test_wide_layout_with_merged_period_over_target_and_actual():
    wb = structure()
    ws = wb.create_sheet("Data")
    ws["A3"] = "IKU"
    ws.merge_cells("A3:A4")
    for col, year in (("B", 2009), ("D", 2010)):
        ws[f"{col}3"] = year
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:E3")
    for col, text in zip("BCDE", ["Target", "Realisasi", "Target", "Realisasi"], strict=True):
        ws[f"{col}4"] = text
    for c, v in enumerate(["F2a", 40.82, "35,73%", 33.75, "abc"], start=1):
        ws.cell(row=5, column=c, value=v)
    res = read(wb)
    assert where(res) == [("error", "Data", "E5", "number.invalid")]
    ws["E5"] = "25,88%"
    res = read(wb)
    assert res.report.ok, res.report.text()
    got = [(m.period, m.target, m.actual) for m in res.scorecard.measurements]
    assert got == [("2009", 40.82, 35.73), ("2010", 33.75, 25.88)]


# ---------------------------------------------------------------------------------------------
# Structure sheets, judgments, matrices
# ---------------------------------------------------------------------------------------------


def test_directions_and_perspective_references():
    res = read(structure())
    assert res.report.ok, res.report.text()
    sc = res.scorecard
    assert [k.direction for k in sc.kpis] == ["higher", "higher", "higher", "lower", "lower"]
    assert [o.perspective for o in sc.objectives] == ["Financial", "Financial", "Customer"]
    assert sc.name == "Uji"


def test_bad_direction_and_unknown_references_name_cells():
    wb = structure()
    wb["IKU"]["F2"] = "kadang-kadang"
    wb["IKU"]["B3"] = "F9"
    wb["Sasaran"]["B4"] = "Marketing"
    res = read(wb)
    assert res.scorecard is None
    got = {(p.sheet, p.cell, p.code) for p in res.report.errors}
    assert got == {("IKU", "F2", "workbook.bad_choice"), ("IKU", "B3", "workbook.unknown_ref"),
                   ("Sasaran", "B4", "workbook.unknown_ref")}
    marketing = next(p for p in res.report.errors if p.cell == "B4")
    assert marketing.value == "Marketing" and "Financial" in marketing.text("en")


def test_validation_problems_point_at_the_item():
    wb = structure()
    wb["IKU"]["G3"] = None  # F1b without a worst value
    wb["Sasaran"].append(["F3", "Financial", "Empty", "Kosong"])
    res = read(wb)
    assert res.scorecard is not None
    assert ("warning", "IKU", "G3", "model.no_worst") in where(res)
    assert ("warning", "Sasaran", "A5", "model.empty") in where(res)


def test_error_value_in_the_first_column_is_not_a_comment_row():
    wb = with_data([["F1a", 2010, 1, 2], [None, 2010, 1, 2]])
    wb["Data"]["A3"] = "#N/A"
    wb["Data"]["A3"].data_type = "e"
    res = read(wb)
    assert where(res) == [("error", "Data", "A3", "number.excel_error")]


def test_duplicate_kpi_code_and_measurement():
    wb = with_data([["F1a", 2010, 1, 2], ["f1a", 2010, 1, 3]])
    wb["IKU"].append(["F1a", "F1", "Again", "Lagi", "Rp", "naik", 0])
    res = read(wb)
    assert res.scorecard is None
    assert {(p.sheet, p.cell, p.code) for p in res.report.errors} == {
        ("IKU", "A7", "workbook.duplicate"), ("Data", "A3", "workbook.duplicate_measurement")}


def judgments_book(rows: list[list]) -> openpyxl.Workbook:
    wb = structure()
    ws = wb.create_sheet("Perbandingan")
    ws.append(["Induk", "A", "B", "Nilai"])
    for row in rows:
        ws.append(row)
    return wb


def test_judgment_values():
    res = read(judgments_book([["Kartu skor", "Keuangan", "Customer", "1/3"], ["Financial", "F1", "F2", "0,5"],
                               ["F1", "F1a", "F1b", "3"], ["Customer", "C1", "C1", 1], ["C1", "C1a", "C1b", 2]]))
    # a node with one child ("Customer": C1 vs C1) is an error; fix it and read again
    assert ("error", "Perbandingan", "C5", "workbook.self_judgment") in where(res)
    wb = judgments_book([["Kartu skor", "Keuangan", "Customer", "1/3"], ["Financial", "F1", "F2", "0,5"],
                         ["F1", "F1a", "F1b", "3"], ["Scorecard", "Financial", "Customer", "1/3"],
                         ["C1", "C1a", "C1b", 2]])
    res = read(wb)
    assert res.report.ok, res.report.text()
    assert res.scorecard.judgments == {ROOT: {("Financial", "Customer"): 1 / 3}, "Financial": {("F1", "F2"): 0.5},
                                       "F1": {("F1a", "F1b"): 3.0}, "C1": {("C1a", "C1b"): 2.0}}
    assert ("warning", "Perbandingan", "D5", "workbook.judgment_twice") in where(res)


def test_judgment_problems_name_cells():
    res = read(judgments_book([["Kartu skor", "Financial", "Customer", dt.datetime(2024, 1, 3)],
                               ["Nowhere", "F1", "F2", 2], ["Financial", "F1", "C1", 2],
                               ["F1", "F1a", "F1b", "-2"], ["F1", "F1b", "F1a", 3]]))
    assert res.scorecard is None
    got = {(p.cell, p.code) for p in res.report.errors}
    assert got == {("D2", "number.date"), ("A3", "workbook.unknown_ref"), ("C4", "workbook.not_child"),
                   ("D5", "workbook.judgment_value")}


def test_matrices_sheet_and_pair_list_wins():
    wb = judgments_book([["F1", "F1a", "F1b", 3]])
    ws = wb.create_sheet("Matriks")
    ws.append(["F1", "F1a", "F1b"])
    ws.append(["F1a", 1, 5])
    ws.append(["F1b", "1/5", 1])
    ws.append([])
    ws.append(["Financial", "F1", "F2"])
    ws.append(["F1", 1, None])
    ws.append(["F2", "0,5", 1])  # only the lower triangle: F2 over F1 = 0.5
    res = read(wb)
    assert res.report.ok, res.report.text()
    assert res.scorecard.judgments["F1"] == {("F1a", "F1b"): 3.0}
    assert res.scorecard.judgments["Financial"] == {("F2", "F1"): 0.5}
    assert ("warning", "Matriks", "C2", "workbook.matrix_conflict") in where(res)


def test_settings_are_read_in_either_language():
    wb = structure()
    ws = wb["Pengaturan"]
    for row in (["metode_prioritas", "Geometrik"], ["ri_table", "alonso-lamata"], ["cr_policy", "by size"],
                ["kuning_mulai", "3,5"], ["green_from", 7.5], ["organisasi", "Dinas"]):
        ws.append(row)
    res = read(wb)
    assert res.report.ok, res.report.text()
    s = res.scorecard.settings
    assert (s.priority_method, s.ri_table, s.cr_policy, s.yellow_from, s.green_from, s.locale) == (
        "geometric", "alonso-lamata", "by-size", 3.5, 7.5, "id")
    ws.append(["metode_prioritas", "magic"])
    ws.append(["hijau_mulai", 2])
    res = read(wb)
    assert {(p.cell, p.code) for p in res.report.errors} == {("B10", "workbook.bad_choice"),
                                                             ("B11", "workbook.thresholds")}


def test_links_anchors_notes():
    wb = structure()
    ws = wb.create_sheet("Peta strategi")
    ws.append(["Sebab", "Akibat"])
    ws.append(["F2", "F1"])
    ws.append(["C1", "f1"])
    ws = wb.create_sheet("Anchor")
    ws.append(["IKU", "Level", "Nilai", "Periode", "Keterangan"])
    ws.append(["F2a", 10, "100%", None, "plafon"])
    ws.append(["F2a", 3, "5", "2010", ""])
    ws = wb.create_sheet("Catatan")
    ws.append(["IKU", "Periode", "Akar masalah", "Tindakan perbaikan", "Penanggung jawab", "Tenggat"])
    ws.append(["F2a", "2010", "Tunggakan", "Razia", "Kasi", dt.datetime(2011, 3, 31)])
    res = read(wb)
    assert res.report.ok, res.report.text()
    sc = res.scorecard
    assert sc.links == [Link("F2", "F1"), Link("C1", "F1")]
    assert sc.anchors == [Anchor("F2a", 10, 100.0, None, "plafon"), Anchor("F2a", 3, 5.0, "2010", "")]
    assert sc.notes == [Note("F2a", "2010", "Tunggakan", "Razia", "Kasi", "2011-03-31")]
    wb["Anchor"]["B3"] = 11
    wb["Peta strategi"]["B2"] = "X1"
    res = read(wb)
    assert {(p.sheet, p.cell, p.code) for p in res.report.errors} == {
        ("Anchor", "B3", "workbook.level"), ("Peta strategi", "B2", "workbook.unknown_ref")}


# ---------------------------------------------------------------------------------------------
# Whole-file rules: sheets, all or nothing, updates, CSV
# ---------------------------------------------------------------------------------------------


def test_wrong_sheet_names_give_one_listing_error():
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["KPI", "Target"])
    wb.create_sheet("Sheet2")
    res = read(wb)
    assert res.scorecard is None
    assert len(res.report.errors) == 1
    err = res.report.errors[0]
    assert err.code == "workbook.sheets_missing"
    for word in ('"Sheet1"', '"Sheet2"', '"Perspectives"', '"KPIs"', '"Objectives"'):
        assert word in err.text("en")
    for word in ('"Sheet1"', '"Perspektif"', '"IKU"', '"Sasaran"'):
        assert word in err.text("id")


def test_empty_optional_sheets_are_fine_but_a_headerless_one_is_not():
    wb = structure()
    wb.create_sheet("Data")
    wb.create_sheet("Catatan")
    res = read(wb)
    assert res.report.ok, res.report.text()
    wb["Data"]["B5"] = "tanpa judul"
    res = read(wb)
    assert where(res) == [("error", "Data", "A1", "workbook.no_header")]


def test_missing_one_structure_sheet():
    wb = structure()
    del wb["Sasaran"]
    res = read(wb)
    assert [p.code for p in res.report.errors] == ["workbook.sheets_missing"]


def test_update_from_base_with_data_only_workbook(ref):
    before = copy.deepcopy(ref)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["IKU", "Periode", "Target", "Realisasi"])
    ws.append(["F1a", 2011, "Rp 60.000.000.000", "Rp 58.123.456.789"])
    ws.append(["F2a", 2010, 33.75, "26%"])  # replaces a 2010 value
    ws = wb.create_sheet("Catatan")
    ws.append(["IKU", "Periode", "Akar masalah", "Tindakan perbaikan"])
    ws.append(["F2a", 2011, "Sebab", "Tindakan"])
    res = read(wb, base=ref)
    assert res.report.ok, res.report.text()
    sc = res.scorecard
    assert sc.measurement("F1a", "2011").actual == 58123456789.0
    assert sc.measurement("F2a", "2010").actual == 26.0
    assert sc.note("F2a", "2011").action == "Tindakan"
    assert sc.periods() == ["2009", "2010", "2011"]
    assert_same(ref, before)  # base untouched


def test_errors_return_none_and_leave_base_unchanged(ref):
    before = copy.deepcopy(ref)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["IKU", "Periode", "Target", "Realisasi"])
    ws.append(["F1a", 2011, 1, 2])
    ws.append(["X9", 2011, 1, 2])
    ws.append(["F1b", 2011, 1, "=A1*2"])
    res = read(wb, base=ref)
    assert res.scorecard is None
    assert {(p.sheet, p.cell, p.code) for p in res.report.errors} == {
        ("Data", "A3", "workbook.unknown_ref"), ("Data", "D4", "number.formula")}
    assert_same(ref, before)
    assert ref.measurement("F1a", "2011") is None


def test_update_workbook_without_known_sheets(ref):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    res = read(wb, base=ref)
    assert [p.code for p in res.report.errors] == ["workbook.sheets_missing"]
    assert '"Data"' in res.report.errors[0].text("en")


def test_csv_data_with_base(ref):
    before = copy.deepcopy(ref)
    body = "IKU;Periode;Target;Realisasi\r\nF1a;2011;60.000.000.000;Rp 58.123.456.789\r\nF2a;2011;30;28,5%\r\n"
    res = read_workbook(body.encode(), "data.csv", base=ref)
    assert res.report.ok, res.report.text()
    assert res.scorecard.measurement("F2a", "2011").actual == 28.5
    assert res.scorecard.measurement("F1a", "2011").target == 60000000000.0
    assert_same(ref, before)
    bad = read_workbook(b"IKU;Periode;Target;Realisasi\r\nF1a;2011;60;abc\r\n", "data.csv", base=ref)
    assert [(p.sheet, p.cell, p.code) for p in bad.report.errors] == [("data.csv", "D2", "number.invalid")]
    alone = read_workbook(body.encode(), "data.csv")
    assert alone.scorecard is None and [p.code for p in alone.report.errors] == ["workbook.csv_needs_base"]


def test_preflight_refusal_stops_reading():
    res = read_workbook(b"", "empty.xlsx")
    assert res.scorecard is None and res.preflight is not None and not res.preflight.ok
    assert res.report.errors


def test_hostile_corpus_never_crashes_nor_loads(ref):
    hostile = pytest.importorskip("tests.hostile_files")
    for name, make in hostile.CORPUS.items():
        for base in (None, ref):
            res = read_workbook(make(), name + ".xlsx", base=base)
            assert res.scorecard is None, name
            assert res.report.errors, name
            assert "workbook.internal" not in [p.code for p in res.report.errors], res.report.text()


# ---------------------------------------------------------------------------------------------
# The demo workbook
# ---------------------------------------------------------------------------------------------


def test_demo_workbook_is_the_reference(ref):
    from scorecard.io.demo import DEMO_PATH, load_demo
    from scorecard.method.scoring import score_period

    assert DEMO_PATH.exists()
    demo = load_demo()
    assert_same(demo, ref)
    a, b = score_period(demo, "2010"), score_period(ref, "2010")
    assert a.index == b.index
    assert [(k.code, k.level, k.value, k.light) for k in a.kpis] == [(k.code, k.level, k.value, k.light) for k in b.kpis]
    res = read_path(DEMO_PATH)
    # no ambiguity warning (column D shows its number style), only the study's own invalid scales
    assert res.report.ok
    assert [(p.code, p.sheet, p.cell) for p in res.report.warnings] == [
        ("model.worst_beyond_target", "IKU", "G5"), ("model.baseline_beyond_target", "Data", "C23")]
    wb = openpyxl.load_workbook(DEMO_PATH)
    assert wb.sheetnames[0] == "Petunjuk"
    data = {(r[0], r[1]): r[3] for r in wb["Data"].iter_rows(min_row=2, values_only=True)}
    assert data[("C1a", "2009")] == "1247/214.445"
    assert data[("F1a", "2009")] == 44177214540


def test_build_demo_workbook_writes_the_same_file(tmp_path, ref):
    from scorecard.io.workbook import build_demo_workbook

    out = build_demo_workbook(tmp_path / "demo.xlsx")
    assert_same(read_path(out).scorecard, ref)


def test_display_text():
    assert display_text(44177214540, '"Rp "#,##0', "id") == "Rp 44.177.214.540"
    assert display_text(44177214540, '"Rp "#,##0', "en") == "Rp 44,177,214,540"
    assert display_text(0.3573, "0.00%", "id") == "35,73%"
    assert display_text(35.73, '0.00"%"', "en") == "35.73%"
    assert display_text(-1234.5, "#,##0.00", "id") == "-1.234,50"
    assert display_text(1234.5, "[$Rp-421]#,##0", "id") == "Rp1.235"
    assert display_text(0.5, "General", "id") == "0,5"
    assert display_text(2.0, "0.0#", "en") == "2.0"

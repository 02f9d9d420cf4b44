"""Reading values as people type them (scorecard.io.numbers)."""

from __future__ import annotations

import csv
import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.io import numbers as nb
from scorecard.io.numbers import (
    Parsed,
    Period,
    PeriodError,
    format_number,
    formula_without_value,
    make_period,
    parse_period,
    parse_value,
    previous_period,
    ratio_value,
    typing_examples,
)

ROOT = Path(__file__).resolve().parent.parent


def _kpis_csv() -> Path:
    for cand in (ROOT.parent / "shared" / "reference" / "samsat-karang-ploso", ROOT / "data" / "reference"):
        if (cand / "kpis.csv").exists():
            return cand / "kpis.csv"
    pytest.skip("reference kpis.csv not found")


def codes(p: Parsed) -> list[str]:
    return [w.code for w in p.warnings]


# ---------------------------------------------------------------------------------------------
# Numbers as typed
# ---------------------------------------------------------------------------------------------

UNAMBIGUOUS = [
    # text, value, kind, unit
    ("Rp 42.340.374.000", 42340374000, "number", "Rp"),
    ("Rp. 42.340.374.000,50", 42340374000.5, "number", "Rp"),
    ("Rp42.340.374.000", 42340374000, "number", "Rp"),
    ("IDR 1.000", 1000, "number", "Rp"),
    ("Rp 1.000", 1000, "number", "Rp"),
    ("Rp 42.340.374.000,-", 42340374000, "number", "Rp"),
    ("42.340 rupiah", 42340, "number", "Rp"),
    ("40,82%", 40.82, "percent", "%"),
    ("35,73 %", 35.73, "percent", "%"),
    ("35,73\u00a0%", 35.73, "percent", "%"),
    ("100%", 100, "percent", "%"),
    ("87,5%", 87.5, "percent", "%"),
    ("12,5 persen", 12.5, "percent", "%"),
    ("1.035.000", 1035000, "number", ""),
    ("1,035,000", 1035000, "number", ""),
    ("1.035,5", 1035.5, "number", ""),
    ("1,035,000.25", 1035000.25, "number", ""),
    ("1.035.000,25", 1035000.25, "number", ""),
    ("35,73", 35.73, "number", ""),
    ("0,5", 0.5, "number", ""),
    ("7", 7, "number", ""),
    ("0", 0, "number", ""),
    ("007", 7, "number", ""),
    ("-5", -5, "number", ""),
    ("\u22125", -5, "number", ""),
    ("\u2212 5", -5, "number", ""),
    ("+5", 5, "number", ""),
    ("(1.000.000)", -1000000, "number", ""),
    ("(12,5)", -12.5, "number", ""),
    ("Rp (1.000.000)", -1000000, "number", "Rp"),
    ("-35,73%", -35.73, "percent", "%"),
    ("1 035 000", 1035000, "number", ""),
    ("1\u00a0035\u00a0000", 1035000, "number", ""),
    ("1\u2009035\u2009000,5", 1035000.5, "number", ""),
    ("1\u202f035", 1035, "number", ""),
    ("  42  ", 42, "number", ""),
    ("28 kali", 28, "number", "kali"),
    ("3 orang", 3, "number", "orang"),
    ("3 orang/hari", 3, "number", "orang/hari"),
    ("Rp 1.757.161.540/pegawai", 1757161540, "number", "Rp/pegawai"),
    ("1,5 juta", 1500000, "number", ""),
    ("Rp 42,34 miliar", 42340000000, "number", "Rp"),
    ("nihil", 0, "number", ""),
    ("Nihil", 0, "number", ""),
    ('"35,73%"', 35.73, "percent", "%"),
    ("'1.035.000", 1035000, "number", ""),
]
DECIMAL_COMMA = {"35,73", "0,5", "(12,5)", "Rp 42,34 miliar", "40,82%", "35,73 %", "35,73\u00a0%", "87,5%",
                 "12,5 persen", "-35,73%", '"35,73%"', "1,5 juta"}


@pytest.mark.parametrize("text,value,kind,unit", UNAMBIGUOUS)
@pytest.mark.parametrize("locale", ["id", "en"])
def test_unambiguous_values(text, value, kind, unit, locale):
    p = parse_value(text, locale=locale)
    assert p.kind == kind
    assert p.value == value
    assert p.unit == unit
    assert p.error is None
    if locale == "en" and text in DECIMAL_COMMA:
        assert codes(p) == ["number.foreign_decimal"]  # a decimal comma is Indonesian style
    else:
        assert p.warnings == ()
    assert p.text == text.strip()
    assert p.ok


@pytest.mark.parametrize("text,value,unit", [
    ("3 hari", 3, "days"),
    ("14 days", 14, "days"),
    ("1 day", 1, "days"),
    ("2 minggu", 14, "days"),
    ("2 weeks", 14, "days"),
    ("1 pekan", 7, "days"),
    ("5 jam", 5, "hours"),
    ("5 hours", 5, "hours"),
    ("1,5 jam", 1.5, "hours"),
    ("2 bulan", 2, "months"),
    ("2 months", 2, "months"),
    ("30 menit", 30, "minutes"),
    ("1 tahun", 1, "years"),
    ("3hari", 3, "days"),
    ("3 Hari", 3, "days"),
])
def test_durations(text, value, unit):
    p = parse_value(text)
    assert (p.kind, p.value, p.unit, p.error) == ("duration", value, unit, None)


def test_timedelta_is_a_duration():
    assert parse_value(dt.timedelta(days=3)) == Parsed(3.0, "duration", unit="days", text="3 days, 0:00:00")
    p = parse_value(dt.timedelta(hours=5, minutes=30))
    assert (p.kind, p.value, p.unit) == ("duration", 5.5, "hours")


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "-", "\u2013", "\u2014", "--", "n/a", "N/A", "na",
                                 "NA", "n.a.", "tidak ada", "Tidak Ada", "none", "None", "t/a", "nan"])
def test_missing(raw):
    p = parse_value(raw)
    assert p.kind == "missing"
    assert p.value is None
    assert p.error is None
    assert p.warnings == ()
    assert p.is_missing and not p.ok


# ---------------------------------------------------------------------------------------------
# Ambiguity
# ---------------------------------------------------------------------------------------------

AMBIGUOUS = [
    # text, value under "id", value under "en"
    ("42.340", 42340, 42.34),
    ("1.035", 1035, 1.035),
    ("1,035", 1.035, 1035),
    ("999,999", 999.999, 999999),
    ("-1.035", -1035, -1.035),
    ("214.445", 214445, 214.445),
]


@pytest.mark.parametrize("text,id_value,en_value", AMBIGUOUS)
def test_ambiguous_separator_is_resolved_by_locale_with_a_warning(text, id_value, en_value):
    for locale, expected in (("id", id_value), ("en", en_value)):
        p = parse_value(text, locale=locale)
        assert p.kind == "number"
        assert p.value == expected
        assert codes(p) == ["number.ambiguous_separator"]
        assert p.error is None


def test_ambiguous_messages_exact():
    (w,) = parse_value("42.340", locale="id").warnings
    assert w.en == ('Ambiguous number "42.340": read as 42340 because "." separates thousands in '
                    "Indonesian-style numbers. If you meant 42 point 340, type 42,34. Type whole numbers "
                    "without separators (42340) to avoid this warning.")
    assert w.id == ('Angka ambigu "42.340": dibaca 42340 karena "." adalah pemisah ribuan pada angka gaya '
                    "Indonesia. Jika maksudnya 42 koma 340, ketik 42,34. Ketik bilangan bulat tanpa pemisah "
                    "(42340) agar peringatan ini tidak muncul.")
    (w,) = parse_value("1,035", locale="id").warnings
    assert w.en == ('Ambiguous number "1,035": read as 1 point 035 because "," is the decimal separator in '
                    "Indonesian-style numbers. If you meant 1035, type it without separators: 1035. To keep "
                    "the decimal without this warning, type 1,0350.")
    assert w.id == ('Angka ambigu "1,035": dibaca 1 koma 035 karena "," adalah pemisah desimal pada angka '
                    "gaya Indonesia. Jika maksudnya 1035, ketik tanpa pemisah: 1035. Agar tetap desimal tanpa "
                    "peringatan ini, ketik 1,0350.")
    (w,) = parse_value("1.035", locale="en").warnings
    assert "read as 1 point 035" in w.en and "English-style" in w.en and "type 1.0350" in w.en
    (w,) = parse_value("1,500", locale="en").warnings
    assert "read as 1500" in w.en and "If you meant 1 point 500, type 1.5." in w.en


def test_suggested_forms_are_not_ambiguous():
    """Whatever an ambiguity warning tells people to type reads back without a warning."""
    for text, locale in [("42.340", "id"), ("1,035", "id"), ("1.000", "id"), ("1.035", "en"), ("1,500", "en")]:
        (w,) = parse_value(text, locale=locale).warnings
        suggestions = [part.split()[0].rstrip(".:") for part in w.en.split("type ")[1:]]
        assert suggestions
        for s in suggestions:
            assert parse_value(s, locale=locale).warnings == (), s


@pytest.mark.parametrize("text,locale,value", [
    ("35.73", "id", 35.73),
    ("35.7", "id", 35.7),
    ("1.5", "id", 1.5),
    ("1.0355", "id", 1.0355),
    (".5", "id", 0.5),
    ("35.73%", "id", 35.73),
    ("0.035", "id", 0.035),  # a thousands group never starts with 0: a decimal, but a foreign one
    ("1234.567", "id", 1234.567),  # four digits before: not a thousands group
    ("35,73", "en", 35.73),
    ("35,73%", "en", 35.73),
    ("0,035", "en", 0.035),
])
def test_foreign_decimal_separator_is_read_as_decimal_with_a_warning(text, locale, value):
    p = parse_value(text, locale=locale)
    assert p.value == value
    assert codes(p) == ["number.foreign_decimal"]


def test_foreign_decimal_message_exact():
    (w,) = parse_value("35.73", locale="id").warnings
    assert w.en == ('Read "35.73" as 35 point 73: "." was taken as the decimal separator, although '
                    'Indonesian-style numbers use ",". Type 35,73 to confirm.')
    assert w.id == ('Dibaca "35.73" sebagai 35 koma 73: "." dianggap pemisah desimal, padahal angka gaya '
                    'Indonesia memakai ",". Ketik 35,73 untuk memastikan.')


@pytest.mark.parametrize("text", ["35.73", "35.73%", "0.5", "1,035,000.25", "1,035,000"])
def test_english_style_under_en_has_no_warning(text):
    assert parse_value(text, locale="en").warnings == ()


def test_money_with_three_digits_after_one_separator_is_thousands_in_both_styles():
    for locale in ("id", "en"):
        for text in ("Rp 1.000", "Rp 1,000", "IDR 42.340"):
            p = parse_value(text, locale=locale)
            assert p.value == int(text.split()[-1].replace(".", "").replace(",", ""))
            assert p.warnings == ()


def test_scientific_notation_reads_with_a_warning():
    p = parse_value("4,23E+10")
    assert p.value == 42300000000
    assert codes(p) == ["number.scientific"]
    assert parse_value("1.5e-3", locale="en").value == 0.0015


# ---------------------------------------------------------------------------------------------
# Ratios
# ---------------------------------------------------------------------------------------------


def test_ratio_reads_both_parts_with_the_number_rules():
    p = parse_value("1247/214.445")
    assert (p.kind, p.value, p.numerator, p.denominator) == ("ratio", 1247, 1247, 214445)
    assert codes(p) == ["number.ambiguous_separator"]  # "214.445" alone is ambiguous
    p = parse_value("14 / 48")
    assert (p.kind, p.value, p.numerator, p.denominator, p.warnings) == ("ratio", 14, 14, 48, ())
    p = parse_value("1.247/214.445.000")
    assert (p.numerator, p.denominator) == (1247, 214445000)
    p = parse_value("1247/214.445", locale="en")
    assert (p.numerator, p.denominator) == (1247, 214.445)


def test_ratio_value():
    p = parse_value("14/48")
    assert ratio_value(p, "numerator") == 14
    assert ratio_value(p, "denominator") == 48
    assert ratio_value(p, "quotient") == pytest.approx(14 / 48)
    assert ratio_value(p, "percent") == pytest.approx(1400 / 48)
    z = parse_value("3/0")
    assert z.kind == "ratio" and z.value == 3 and z.ok
    assert codes(z) == ["number.zero_denominator"]
    assert ratio_value(z, "numerator") == 3
    assert ratio_value(z, "denominator") == 0
    assert ratio_value(z, "quotient") is None
    assert ratio_value(z, "percent") is None
    # Other kinds: the value typed is the value to score.
    assert ratio_value(parse_value("25,88%"), "quotient") == 25.88
    assert ratio_value(parse_value("-"), "numerator") is None
    with pytest.raises(ValueError):
        ratio_value(p, "sum")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Cells from openpyxl
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw,value,text", [
    (42340374000, 42340374000, "42340374000"),
    (35.73, 35.73, "35.73"),
    (2010.0, 2010, "2010"),
    (-1.5, -1.5, "-1.5"),
    (Decimal("1035.50"), 1035.5, "1035.50"),
    (Fraction(1, 4), 0.25, "0.25"),
])
def test_real_numbers_are_taken_as_they_are(raw, value, text):
    p = parse_value(raw, locale="en")
    assert (p.kind, p.value, p.unit, p.text, p.warnings, p.error) == ("number", value, "", text, (), None)


@pytest.mark.parametrize("fmt", ["0%", "0.00%", "0.0%", "#,##0.00%", "[Red]0.00%"])
def test_percent_formatted_cells_hold_fractions(fmt):
    p = parse_value(0.3573, number_format=fmt)
    assert (p.kind, p.value, p.unit, p.text) == ("percent", 35.73, "%", "35.73%")
    assert parse_value(1, number_format=fmt).value == 100
    assert parse_value(0.0208, number_format=fmt).value == 2.08


def test_other_number_formats():
    assert parse_value(0.3573, number_format="0.00").value == 0.3573
    assert parse_value(0.3573, number_format="General").kind == "number"
    # A "%" shown as a literal does not scale the value.
    p = parse_value(35.73, number_format='0.00"%"')
    assert (p.kind, p.value, p.unit) == ("percent", 35.73, "%")
    p = parse_value(42340374000, number_format='_-[$Rp-421]* #,##0_-')
    assert (p.value, p.unit) == (42340374000, "Rp")
    # number_format applies to numeric cells only.
    assert parse_value("35,73", number_format="0.00%").value == 35.73


@pytest.mark.parametrize("raw", [True, False, math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("Infinity"),
                                 Decimal("sNaN"), 10**400])
def test_invalid_non_text_values(raw):
    p = parse_value(raw)
    assert p.kind == "invalid"
    assert p.value is None
    assert p.error is not None


def test_boolean_and_date_messages():
    assert parse_value(True).error.en == "A yes/no value (TRUE) is not a number: type the number instead."
    assert parse_value(False).error.id == "Nilai ya/tidak (FALSE) bukan angka: ketik angkanya."
    p = parse_value(dt.datetime(2010, 12, 1))
    assert p.kind == "invalid" and p.text == "2010-12-01"
    assert p.error.code == "number.date"
    assert p.error.en.startswith("Excel stored a date or time (2010-12-01) here, not a number.")
    assert parse_value(dt.date(2010, 12, 1)).error.code == "number.date"
    assert parse_value(dt.time(10, 30)).error.code == "number.date"


@pytest.mark.parametrize("err", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
                                 "#CALC!", "#GETTING_DATA"])
def test_excel_errors(err):
    p = parse_value(err)
    assert (p.kind, p.value) == ("error", None)
    assert p.error.code == "number.excel_error"
    assert err in p.error.en and err in p.error.id
    assert "type the value" in p.error.en and "ketik nilainya" in p.error.id
    assert parse_value(err.lower()).kind == "error"


def test_excel_error_message_exact():
    e = parse_value("#DIV/0!").error
    assert e.en == ("Excel error #DIV/0!: the formula divides by zero (an empty or zero cell). Fix the formula "
                    "in Excel, or type the value instead.")
    assert e.id == ("Galat Excel #DIV/0!: rumus membagi dengan nol (sel kosong atau bernilai nol). Perbaiki "
                    "rumusnya di Excel, atau ketik nilainya langsung.")


def test_formulas():
    p = parse_value("=B2/C2")
    assert (p.kind, p.value, p.text) == ("formula", None, "=B2/C2")
    assert p.error.en == ("Formula without a saved result (=B2/C2): open the file in Excel and save it, "
                          "or type the value.")
    assert p.error.id == ("Rumus tanpa hasil tersimpan (=B2/C2): buka berkas di Excel lalu simpan, "
                          "atau ketik nilainya.")
    assert formula_without_value("=B2/C2") == p

    class ArrayFormula:  # duck-typed like openpyxl.worksheet.formula.ArrayFormula
        text = "=SUM(A1:A3*B1:B3)"

    assert parse_value(ArrayFormula()).kind == "formula"
    assert formula_without_value(ArrayFormula()).text == "=SUM(A1:A3*B1:B3)"


@pytest.mark.parametrize("text", ["abc", "12abc3", "1.03.5", "1,03,5", "1.035,00,5", "--5", "-(5)", "5-", "1 2",
                                  "1/2/3", "Rp", "%", "hari", "1..5", "1,,5", "#FOO!", "1.5.2010", "Rp 5%"])
def test_invalid_text(text):
    p = parse_value(text)
    assert (p.kind, p.value) == ("invalid", None)
    assert p.error.code == "number.invalid"
    assert f'"{text}"' in p.error.en and f'"{text}"' in p.error.id


def test_invalid_message_exact_and_in_the_number_style():
    e = parse_value("abc").error
    assert e.en == ('Cannot read "abc" as a number. Type it like Rp 42.340.374.000, 35,73%, 1.035.000, '
                    '14/48 (a ratio) or 3 days; leave the cell empty or type "-" when there is no data.')
    assert e.id == ('Tidak dapat membaca "abc" sebagai angka. Ketik seperti Rp 42.340.374.000, 35,73%, 1.035.000, '
                    '14/48 (rasio) atau 3 hari; kosongkan sel atau ketik "-" bila tidak ada data.')
    e = parse_value("abc", locale="en").error
    assert "Rp 42,340,374,000, 35.73%, 1,035,000, 14/48 (a ratio) or 3 days" in e.en
    for locale in ("id", "en"):  # every example reads back without a warning or an error
        for form in typing_examples(locale).replace(" (rasio) atau ", ", ").replace(" (a ratio) or ", ", ").split(", "):
            p = parse_value(form, locale=locale)
            assert p.ok and not p.warnings, form
    long = "x" * 200
    assert len(parse_value(long).error.en) < 250


def test_unsupported_types():
    for raw in (object(), [1], b"12", complex(1, 2), {"a": 1}):
        p = parse_value(raw)
        assert p.kind == "invalid" and p.error is not None


def test_unknown_locale_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_value("1", locale="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_number(1, locale="fr")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# The reference case as printed
# ---------------------------------------------------------------------------------------------


def _printed_rows() -> list[tuple[str, str, float]]:
    with _kpis_csv().open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["kpi_code"], r[f"actual_{y}_as_printed"], float(r[f"actual_{y}"]))
            for r in rows for y in ("2009", "2010")]


def test_reference_case_as_printed():
    rows = _printed_rows()
    assert len(rows) == 44
    for code, printed, number in rows:
        p = parse_value(printed, locale="id")
        assert p.ok, (code, printed)
        assert p.value == number, (code, printed)
        if "%" in printed:
            assert (p.kind, p.unit) == ("percent", "%")
        if printed.startswith("Rp"):
            assert (p.kind, p.unit, p.warnings) == ("number", "Rp", ())
    by_text = {printed: parse_value(printed) for _, printed, _ in rows}
    assert (by_text["1247/214.445"].numerator, by_text["1247/214.445"].denominator) == (1247, 214445)
    assert (by_text["1035/249.137"].numerator, by_text["1035/249.137"].denominator) == (1035, 249137)
    assert (by_text["14/48"].numerator, by_text["14/48"].denominator) == (14, 48)
    assert (by_text["11/47"].numerator, by_text["11/47"].denominator) == (11, 47)


# ---------------------------------------------------------------------------------------------
# Display
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value,kwargs,expected", [
    (42340374000, {}, "42.340.374.000"),
    (42340374000, {"locale": "en"}, "42,340,374,000"),
    (42340374000, {"unit": "Rp"}, "Rp 42.340.374.000"),
    (42340374000, {"unit": "Rp", "locale": "en"}, "Rp 42,340,374,000"),
    (35.73, {"unit": "%"}, "35,73 %"),
    (35.73, {"unit": "%", "locale": "en"}, "35.73 %"),
    (35.7, {}, "35,7"),
    (35.0, {}, "35"),
    (35.0, {"decimals": 2}, "35,00"),
    (35.736, {}, "35,74"),
    (0.125, {}, "0,13"),  # half up
    (2.5, {"decimals": 0}, "3"),
    (-1035.5, {}, "-1.035,5"),
    (-1035.5, {"locale": "en"}, "-1,035.5"),
    (-0.001, {}, "0"),
    (1757161540, {"unit": "Rp/pegawai"}, "Rp 1.757.161.540/pegawai"),
    (3, {"unit": "days"}, "3 hari"),
    (3, {"unit": "days", "locale": "en"}, "3 days"),
    (1, {"unit": "days", "locale": "en"}, "1 day"),
    (5, {"unit": "hours"}, "5 jam"),
    (28, {"unit": "kali"}, "28 kali"),
    (1e20, {}, "100.000.000.000.000.000.000"),
    (math.nan, {}, "-"),
    (math.inf, {"unit": "%"}, "-"),
])
def test_format_number(value, kwargs, expected):
    assert format_number(value, **kwargs) == expected


def test_format_number_rejects_negative_decimals():
    with pytest.raises(ValueError):
        format_number(1.0, decimals=-1)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

two_decimals = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False).map(
    lambda x: round(x, 2))


@given(x=two_decimals, locale=st.sampled_from(["id", "en"]), unit=st.sampled_from(["", "%", "Rp", "days"]))
def test_format_then_parse_round_trips(x, locale, unit):
    shown = format_number(x, locale=locale, unit=unit)
    p = parse_value(shown, locale=locale)
    assert p.value == x, (x, shown, p)
    assert p.unit == unit
    assert p.error is None


@given(x=two_decimals, locale=st.sampled_from(["id", "en"]))
def test_format_with_two_decimals_round_trips_without_warnings(x, locale):
    shown = format_number(x, locale=locale, decimals=2)
    p = parse_value(shown, locale=locale)
    assert p.value == x
    assert p.warnings == ()


@given(n=st.integers(min_value=-10**15, max_value=10**15))
def test_indonesian_grouped_integers_parse_exactly(n):
    text = f"{n:,}".replace(",", ".")
    p = parse_value(text, locale="id")
    assert p.value == n
    assert p.kind == "number"
    if abs(n) >= 1_000_000 or abs(n) < 1000:
        assert p.warnings == ()  # two or more groups, or none, are not ambiguous
    p = parse_value(f"Rp {text}", locale="en")
    assert p.value == n and p.unit == "Rp"


@given(n=st.integers(min_value=-10**15, max_value=10**15))
def test_english_grouped_integers_parse_exactly(n):
    assert parse_value(f"{n:,}", locale="en").value == n


@settings(max_examples=300)
@given(text=st.text(), locale=st.sampled_from(["id", "en"]))
def test_parse_value_never_raises_on_text(text, locale):
    p = nb._parse_value(text, locale, None)  # the unguarded reader: a bug must show up here
    assert p.kind in ("number", "percent", "ratio", "duration", "missing", "error", "formula", "invalid")
    assert (p.value is None) == (p.kind in ("missing", "error", "formula", "invalid"))
    assert (p.error is None) == (p.kind not in ("error", "formula", "invalid"))
    if p.value is not None:
        assert math.isfinite(p.value)


@settings(max_examples=300)
@given(text=st.text(alphabet="0123456789.,-+ %/()eERrpIDhai\u00a0\u2212", max_size=20),
       locale=st.sampled_from(["id", "en"]))
def test_parse_value_never_raises_on_number_like_text(text, locale):
    p = nb._parse_value(text, locale, None)
    if p.value is not None:
        assert math.isfinite(p.value)


@given(raw=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(),
                     st.fractions(), st.datetimes(), st.dates(), st.times(), st.timedeltas(),
                     st.binary(), st.lists(st.integers()), st.complex_numbers()),
       fmt=st.sampled_from([None, "General", "0.00%", '0"%"', "#,##0"]))
def test_parse_value_never_raises_on_objects(raw, fmt):
    p = nb._parse_value(raw, "id", fmt)
    if p.value is not None:
        assert math.isfinite(p.value)
    assert parse_value(raw, number_format=fmt).kind == p.kind


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw,label,kind", [
    (2010, "2010", "year"),
    (2010.0, "2010", "year"),
    (Decimal("2010"), "2010", "year"),
    ("2010", "2010", "year"),
    ("2010.0", "2010", "year"),
    (" Tahun 2010 ", "2010", "year"),
    ("2010-Q1", "2010-Q1", "quarter"),
    ("2010-q3", "2010-Q3", "quarter"),
    ("Q1 2010", "2010-Q1", "quarter"),
    ("Q1-2010", "2010-Q1", "quarter"),
    ("2010 Q1", "2010-Q1", "quarter"),
    ("2010Q2", "2010-Q2", "quarter"),
    ("TW I 2010", "2010-Q1", "quarter"),
    ("TW IV 2010", "2010-Q4", "quarter"),
    ("tw ii-2010", "2010-Q2", "quarter"),
    ("Triwulan 1 2010", "2010-Q1", "quarter"),
    ("Triwulan III 2010", "2010-Q3", "quarter"),
    ("Kuartal 2 2010", "2010-Q2", "quarter"),
    ("2010-03", "2010-03", "month"),
    ("2010-3", "2010-03", "month"),
    ("03/2010", "2010-03", "month"),
    ("3-2010", "2010-03", "month"),
    ("Mar 2010", "2010-03", "month"),
    ("Maret 2010", "2010-03", "month"),
    ("March 2010", "2010-03", "month"),
    ("Agustus 2010", "2010-08", "month"),
    ("Agu 2010", "2010-08", "month"),
    ("Ags 2010", "2010-08", "month"),
    ("Agt. 2010", "2010-08", "month"),
    ("Mei 2010", "2010-05", "month"),
    ("03.2010", "2010-03", "month"),
    ("May 2010", "2010-05", "month"),
    ("Okt-2010", "2010-10", "month"),
    ("Desember 2010", "2010-12", "month"),
    ("2010 Januari", "2010-01", "month"),
    ("2010-03-15", "2010-03", "month"),
    ("2010-03-15 00:00:00", "2010-03", "month"),
    (dt.date(2010, 3, 15), "2010-03", "month"),
    (dt.datetime(2010, 3, 31, 23, 59), "2010-03", "month"),
])
def test_parse_period(raw, label, kind):
    p = parse_period(raw)
    assert (p.label, p.kind) == (label, kind)
    assert parse_period(p.label) == p  # labels are canonical
    assert parse_period(p) is p


@pytest.mark.parametrize("raw", ["", "abc", "2010.5", 2010.5, "Trimester 1 2010", "Q5 2010", "2010-13", "13/2010",
                                 "2010-02-30", "Foo 2010", "1850", 20100, True, None, "2009/2010", "Semester 3 2010",
                                 math.nan, math.inf, [2010]])
def test_parse_period_errors(raw):
    with pytest.raises(PeriodError) as info:
        parse_period(raw)
    assert isinstance(info.value, ValueError)
    assert info.value.msg.code == "period.invalid"


def test_period_error_message_exact():
    with pytest.raises(PeriodError) as info:
        parse_period("Semester 3 2010")
    m = info.value.msg
    assert m.en == ('Cannot read "Semester 3 2010" as a period. Type a year (2010), a quarter (2010-Q1, Q1 2010, '
                    "TW I 2010) or a month (2010-03, 03/2010, Maret 2010).")
    assert m.id == ('Tidak dapat membaca "Semester 3 2010" sebagai periode. Ketik tahun (2010), triwulan '
                    "(2010-Q1, Q1 2010, TW I 2010) atau bulan (2010-03, 03/2010, Maret 2010).")
    assert str(info.value) == m.en


def test_period_ordering():
    assert parse_period(2009) < parse_period("2010")
    assert parse_period("2010-Q1") < parse_period("2010-Q2") < parse_period("2010-Q4") < parse_period("2011-Q1")
    assert parse_period("2010-01") < parse_period("2010-02") < parse_period("2010-12") < parse_period("2011-01")
    assert parse_period("Desember 2009") < parse_period("Januari 2010")
    labels = ["2010-12", "2009-03", "2010-02", "2010-11", "2009-12"]
    assert [p.label for p in sorted(map(parse_period, labels))] == sorted(labels)
    mixed = sorted(parse_period(x) for x in ["2010-Q2", "2010", "2009", "2010-04", "2010-Q1"])
    assert [p.label for p in mixed] == ["2009", "2010", "2010-Q1", "2010-Q2", "2010-04"]
    assert parse_period(2010).year == 2010
    assert str(parse_period("Q3 2010")) == "2010-Q3"


@given(a=st.tuples(st.integers(1900, 2200), st.integers(1, 12)), b=st.tuples(st.integers(1900, 2200),
                                                                             st.integers(1, 12)))
def test_month_order_is_time_order(a, b):
    pa, pb = make_period(a[0], month=a[1]), make_period(b[0], month=b[1])
    assert (pa < pb) == (a < b)
    assert (pa.label < pb.label) == (a < b)  # canonical labels also sort as text


def test_previous_period():
    years = [parse_period(y) for y in (2008, 2010, 2009)]
    assert previous_period(parse_period(2010), years) == parse_period(2009)
    assert previous_period(parse_period(2009), years) == parse_period(2008)
    assert previous_period(parse_period(2008), years) is None
    assert previous_period(parse_period(2012), years) == parse_period(2010)  # gaps are skipped
    mixed = [parse_period(x) for x in ("2009", "2010-Q1", "2010-Q2", "2010-03", "2010-01")]
    assert previous_period(parse_period("2010-Q3"), mixed) == parse_period("2010-Q2")
    assert previous_period(parse_period("2010-Q1"), mixed) is None  # 2009 is a year, not a quarter
    assert previous_period(parse_period("2010-03"), mixed) == parse_period("2010-01")
    assert previous_period(parse_period("2010"), mixed) == parse_period("2009")
    assert previous_period(parse_period("2010"), []) is None


def test_make_period_validates():
    assert make_period(2010, quarter=2) == Period((2010, 4, 1), "2010-Q2", "quarter")
    for kwargs in ({"quarter": 0}, {"quarter": 5}, {"month": 13}, {"quarter": 1, "month": 1}):
        with pytest.raises(ValueError):
            make_period(2010, **kwargs)
    with pytest.raises(ValueError):
        make_period(1800)

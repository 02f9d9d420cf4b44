"""The one display rule (scorecard.display): hand-checked strings per kind and locale, the light of a
shown number equals the light of the number, and charts, cards and the Excel report show the same
strings for the demo's 2010 index (7.887) and three KPIs."""

from __future__ import annotations

import html
import io
import json
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from scorecard import display
from scorecard.charts import heat_html
from scorecard.charts import heatmap as hm
from scorecard.charts import scores as charts_scores
from scorecard.charts import weights as charts_weights
from scorecard.io.format import display_text
from scorecard.io.numbers import parse_value
from scorecard.method import lights
from scorecard.method.scoring import score_all
from scorecard.model import validate
from scorecard.reports.excel import export_report

# ---- hand-checked strings ---------------------------------------------------------------------------

CASES = [
    # (function call, Indonesian, English)
    (lambda lang: display.level(7.887, lang), "7,88", "7.88"),
    (lambda lang: display.level(7.999, lang), "7,99", "7.99"),
    (lambda lang: display.level(8.0, lang), "8,00", "8.00"),
    (lambda lang: display.level(0.29, lang), "0,29", "0.29"),  # 0.29 * 100 = 28.999999999999996
    (lambda lang: display.level(10, lang), "10,00", "10.00"),
    (lambda lang: display.level(7.199999999999999, lang), "7,20", "7.20"),  # demo C4b 2010: 7.2 with float noise
    (lambda lang: display.level(3.7499999999999996, lang), "3,75", "3.75"),  # demo C1b 2009
    (lambda lang: display.level(8 - 1e-15, lang), "8,00", "8.00"),  # ... and green (see below)
    (lambda lang: display.level(None, lang), "—", "—"),
    (lambda lang: display.level(math.nan, lang), "—", "—"),
    (lambda lang: display.level_change(7.13, 7.887, lang), "+0,75", "+0.75"),
    (lambda lang: display.level_change(8.0, 7.999, lang), "\u22120,01", "\u22120.01"),
    (lambda lang: display.level_change(7.881, 7.889, lang), "±0,00", "±0.00"),
    (lambda lang: display.weight(0.2413, lang), "24,13 %", "24.13 %"),
    (lambda lang: display.weight(0.0093, lang), "0,93 %", "0.93 %"),
    (lambda lang: display.weight(1, lang), "100,00 %", "100.00 %"),
    (lambda lang: display.points(0.88449, lang), "0,884", "0.884"),
    (lambda lang: display.points(0.8845, lang), "0,885", "0.885"),  # half up
    (lambda lang: display.signed_points(-0.1204, lang), "\u22120,120", "\u22120.120"),
    (lambda lang: display.signed_points(0.4025, lang), "+0,403", "+0.403"),
    (lambda lang: display.cr(0.1004, lang), "0,101", "0.101"),
    (lambda lang: display.cr(0.0567, lang), "0,057", "0.057"),
    (lambda lang: display.cr(0.05, lang), "0,050", "0.050"),
    (lambda lang: display.cr_limit(0.1, lang), "0,10", "0.10"),
    (lambda lang: display.capaian(103.257, lang), "103,25 %", "103.25 %"),
    (lambda lang: display.capaian(90.999, lang), "90,99 %", "90.99 %"),
    (lambda lang: display.money(52_295_456_000, lang), "Rp 52.295.456.000", "Rp 52,295,456,000"),
    (lambda lang: display.money(51_561_555_515.4, lang), "Rp 51.561.555.515", "Rp 51,561,555,515"),
    (lambda lang: display.money(1_159_748_780.5, lang), "Rp 1.159.748.781", "Rp 1,159,748,781"),
    (lambda lang: display.value(51_561_555_515, "Rp", lang), "Rp 51.561.555.515", "Rp 51,561,555,515"),
    (lambda lang: display.value(1_250_000, "Rp/employee", lang), "Rp 1.250.000", "Rp 1,250,000"),
    (lambda lang: display.value(25.88, "%", lang), "25,88 %", "25.88 %"),
    (lambda lang: display.value(25.536, "%", lang), "25,54 %", "25.54 %"),
    (lambda lang: display.value(1035, "count", lang), "1.035", "1,035"),
    (lambda lang: display.value(3, "days", lang), "3 hari", "3 days"),
    (lambda lang: display.value(1.5, "hours", lang), "1,5 jam", "1.5 hours"),
    (lambda lang: display.value(40.5, "", lang), "40,5", "40.5"),
    (lambda lang: display.number(1234.5678, lang, 2), "1.234,57", "1,234.57"),
    # typed text only where it adds information: a ratio, or text that could not be read
    (lambda lang: display.actual(1035 / 249_137 * 100, "1035/249.137", "%", lang),
     "1035/249.137 = 0,42 %", "1035/249.137 = 0.42 %"),
    (lambda lang: display.actual(51_561_555_515, "Rp 51.561.555.515", "Rp", lang),
     "Rp 51.561.555.515", "Rp 51,561,555,515"),
    (lambda lang: display.actual(None, "#DIV/0!", "%", lang), "#DIV/0!", "#DIV/0!"),
    (lambda lang: display.actual(None, "", "%", lang), "—", "—"),
]


@pytest.mark.parametrize(("call", "id_", "en"), CASES)
def test_hand_checked_strings(call, id_: str, en: str) -> None:
    assert call("id") == id_
    assert call("en") == en


def test_separators_and_chart_locale() -> None:
    assert display.separators("id") == ",."
    assert display.separators("en") == ".,"
    assert display.separators("fr") == ".,"
    assert charts_weights.separators("id") == ",."


def test_shown_numbers_read_back() -> None:
    """What is shown can be typed back: the reader gives the shown value in both locales."""
    for lang in ("id", "en"):
        assert parse_value(display.level(7.887, lang), locale=lang).value == 7.88
        assert parse_value(display.money(52_295_456_000, lang), locale=lang).value == 52_295_456_000
        assert parse_value(display.weight(0.2413, lang), locale=lang).value == 24.13


# ---- never contradict a light or a verdict -------------------------------------------------------------

grid = st.integers(min_value=0, max_value=1000).map(lambda k: k / 100)  # thresholds with <= 2 decimals


@settings(max_examples=400, deadline=None)
@given(x=st.floats(min_value=0, max_value=10, allow_nan=False), a=grid, b=grid)
def test_light_of_shown_level_equals_light_of_level(x: float, a: float, b: float) -> None:
    yellow_from, green_from = min(a, b), max(a, b)
    for lang in ("id", "en"):
        shown = parse_value(display.level(x, lang), locale=lang).value
        assert shown is not None
        assert lights.classify(shown, yellow_from, green_from) == lights.classify(x, yellow_from, green_from)


@settings(max_examples=300, deadline=None)
@given(x=st.one_of(st.floats(min_value=7.98, max_value=8.02, allow_nan=False),
                   st.floats(min_value=-1e-8, max_value=1e-8).map(lambda e: 8.0 + e)))
def test_near_the_green_threshold(x: float) -> None:
    shown = parse_value(display.level(x, "en"), locale="en").value
    assert (shown >= 8.0) == (lights.classify(x) == "green")
    assert (shown >= 8.0) == (round(x, display.NOISE_DECIMALS) >= 8.0)


def test_float_noise_neither_shows_nor_lights() -> None:
    assert lights.classify(8 - 1e-15) == "green" and display.level(8 - 1e-15, "en") == "8.00"
    assert lights.classify(7.99999) == "yellow" and display.level(7.99999, "en") == "7.99"


@settings(max_examples=300, deadline=None)
@given(x=st.floats(min_value=0, max_value=1, allow_nan=False),
       limit=st.sampled_from([0.05, 0.08, 0.1, 0.2]))
def test_shown_cr_keeps_its_verdict(x: float, limit: float) -> None:
    shown = parse_value(display.cr(x, "id"), locale="id").value
    assert (shown <= limit) == (x <= limit + display.CR_TOLERANCE)  # the acceptance rule of ahp.analyze


def test_cr_at_the_limit_agrees_with_ahp() -> None:
    import numpy as np

    from scorecard.method import ahp

    for m in ([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]], [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]],
              [[1, 2, 9], [1 / 2, 1, 5], [1 / 9, 1 / 5, 1]]):
        res = ahp.analyze(np.array(m, dtype=float))
        assert res.acceptable == (float(display.cr(res.cr, "en")) <= res.threshold)
    assert display.cr(0.1 + 5e-13, "en") == "0.100" and display.cr(0.1 + 1e-9, "en") == "0.101"


@settings(max_examples=200, deadline=None)
@given(before=st.floats(min_value=0, max_value=10, allow_nan=False),
       after=st.floats(min_value=0, max_value=10, allow_nan=False))
def test_change_is_the_difference_of_the_shown_levels(before: float, after: float) -> None:
    change = display.level_change(before, after, "en").replace("\u2212", "-").lstrip("+±")
    shown_diff = (parse_value(display.level(after, "en"), locale="en").value
                  - parse_value(display.level(before, "en"), locale="en").value)
    assert float(change) == pytest.approx(shown_diff, abs=1e-9)


def test_thresholds_with_more_than_two_decimals_are_refused(demo) -> None:
    sc = demo.copy()
    sc.settings.green_from = 7.995
    assert any(p.what.code == "settings.threshold_decimals" for p in validate(sc).problems)
    sc.settings.green_from = 7.5
    assert not any(p.what.code == "settings.threshold_decimals" for p in validate(sc).problems)


# ---- Excel formats show the same digits -----------------------------------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("kind", "x", "text"), [
    ("level", 7.887, display.level), ("level", 7.999, display.level),
    ("weight", 0.24126, display.weight), ("points", 0.88449, display.points),
    ("cr", 0.1004, display.cr), ("cr_limit", 0.1, display.cr_limit), ("capaian", 103.257, display.capaian),
    ("money", 52_295_456_000.4, display.money),
])
def test_excel_format_shows_the_same_digits(kind: str, x: float, text, lang: str) -> None:
    stored = display.excel_value(kind, x)
    assert display_text(stored, display.EXCEL_FORMAT[kind], lang) == text(x, lang)


# ---- the same strings on cards, charts and the report ---------------------------------------------------

KPIS = ("F1a", "C1b", "L1c")


@pytest.fixture(scope="module")
def scores(demo):
    return score_all(demo)


def test_demo_index_is_the_one_the_issue_names(scores) -> None:
    assert scores["2010"].index == pytest.approx(7.887, abs=5e-4)
    assert display.level(scores["2010"].index, "en") == "7.88"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_charts_show_the_card_strings(demo, scores, lang: str) -> None:
    ps = scores["2010"]
    index = display.level(ps.index, lang)
    trend = hm.index_trend_svg(demo, scores, lang=lang)
    assert f">{index}</text>" in trend and f"<title>2010: {index} ·" in trend
    heat = heat_html.heatmap_html(demo, {"2010": ps}, lang=lang)
    for code in KPIS:
        ks = ps.kpi(code)
        shown = display.level(ks.level, lang)
        cell = re.search(rf'<td class="c[^"]*" data-kpi="{code}" data-period="2010"[^>]*title="([^"]*)">([^<]*)</td>', heat)
        assert cell is not None
        assert html.unescape(cell.group(2)) == f"{lights.STYLES[ks.light].symbol} {shown}"
        assert f"level {shown}" in html.unescape(cell.group(1))
        label = charts_scores.scale_texts(ks, demo.kpi(code), lang=lang)["actual"]
        assert label.endswith(f" {shown} {lights.STYLES[ks.light].symbol}")
        assert html.escape(label) in charts_scores.scale_svg(ks, demo.kpi(code), lang=lang)
        rows = hm.omax_rows(demo.kpi(code), ks, lang)
        assert any(r["actual"].endswith(f"= level {shown}") for r in rows)


def test_heatmap_panel_level_and_actual_line_agree(demo, scores) -> None:
    """The issue's "level 2.95" above "14.66 % = level 2.96": both are the one level string."""
    ps = scores["2010"]
    for ks in ps.kpis:
        if ks.level is None:
            continue
        rows = hm.omax_rows(demo.kpi(ks.code), ks, "en")
        marked = [r for r in rows if r["actual"]]
        assert len(marked) == 1
        assert marked[0]["actual"].endswith(f"= level {display.level(ks.level, 'en')}")
        assert marked[0]["level"] == str(min(10, int(display.cut(ks.level))))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_excel_report_shows_the_app_digits(demo, scores, lang: str) -> None:
    ps = scores["2010"]
    wb = load_workbook(io.BytesIO(export_report(demo, "2010", lang=lang)))
    summary = wb.worksheets[0]
    shown = [display_text(c.value, c.number_format, lang) for row in summary.iter_rows() for c in row
             if isinstance(c.value, float)]
    assert display.level(ps.index, lang) in shown
    assert not any(s.endswith(display.number(ps.index, lang, 2)) for s in shown
                   if display.number(ps.index, lang, 2) != display.level(ps.index, lang))
    every = [display_text(c.value, c.number_format, lang) for ws in wb.worksheets
             for row in ws.iter_rows() for c in row if isinstance(c.value, int | float)]
    for code in KPIS:
        ks = ps.kpi(code)
        assert f"{lights.STYLES[ks.light].symbol} {display.level(ks.level, lang)}" in every
        assert display.weight(ks.global_weight, lang) in every
        assert display.value(ks.actual, demo.kpi(code).unit, lang, with_unit=False) in every or \
            display.value(ks.actual, demo.kpi(code).unit, lang) in every


def test_weight_charts_use_the_weight_rule() -> None:
    fig = charts_weights.weights_bar(["a", "b"], [0.6, 0.4], lang="id")
    assert sorted(fig.data[0].text) == ["40,00 %", "60,00 %"]
    fig = charts_weights.tornado_chart(["a"], [7.13], [7.887], 7.5, low_name="lo", high_name="hi", now_name="now",
                                       lang="en")
    assert list(fig.data[0].text) == ["\u22120.37"] and list(fig.data[1].text) == ["+0.38"]
    assert json.loads(fig.to_json())["layout"]["separators"] == ".,"


def test_workbook_threshold_with_three_decimals_is_refused_at_its_cell() -> None:
    from scorecard.io.demo import DEMO_PATH
    from scorecard.io.reader import read_workbook

    wb = load_workbook(DEMO_PATH)
    ws = wb["Pengaturan"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "hijau_mulai")
    ws.cell(row, 2).value = 7.995
    buf = io.BytesIO()
    wb.save(buf)
    res = read_workbook(buf.getvalue(), "demo.xlsx")
    assert res.scorecard is None
    bad = [p for p in res.report.problems if p.what.code == "workbook.threshold_decimals"]
    assert len(bad) == 1 and bad[0].sheet == "Pengaturan" and bad[0].cell == f"B{row}"
    assert bad[0].fix.en == "Type 8.00." and bad[0].fix.id == "Ketik 8,00."


@pytest.mark.parametrize("lang", ["en", "id"])
def test_cli_cascade_text_writes_levels_by_the_rule(lang: str) -> None:
    from scorecard.cli import cascade_text
    from scorecard.io.cascade_demo import load_cascade_demo
    from scorecard.method.cascade import evaluate

    res = evaluate(load_cascade_demo())
    text = cascade_text(res, lang)
    for u in res.units.values():
        assert f"{u.code} {u.name}: {display.level(u.index, lang)} " in text
        for k in (u.score.kpis if u.score else []):
            assert f"{k.code}{' Σ' if k.code in u.rollups else ''} {display.level(k.level, lang)} " in text


def test_echo_keeps_what_was_typed_in_the_language_style() -> None:
    assert display.echo(0.0005, "id") == "0,0005" and display.echo(0.0005, "en") == "0.0005"
    assert display.echo(12.3456, "id") == "12,3456" and display.echo(2.5, "en") == "2.5"
    assert display.echo(70, "id") == "70" and display.echo(1035000, "id") == "1.035.000"
    assert display.echo(123456.7, "en") == "123,457" and display.echo(None, "en") == "—"

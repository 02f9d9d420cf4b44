"""Real headless Chromium: presenter mode with the keyboard, the strategy map and the heatmap,
with screenshots at 1366x768 and 1920x1080 in English and Indonesian (test-output/screenshots/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import new_page, shot, wait_idle

pytestmark = pytest.mark.browser

SIZES = {"1366": (1366, 768), "1920": (1920, 1080)}
LOCALES = {"en": "en-US", "id": "id-ID"}
WORDS = {
    "en": {"presenter": "Presenter mode", "exit": "Exit presenter mode", "screen": "Screen {k} of 4",
           "map": "Strategy map", "heatmap": "Heatmap", "title_map": "Strategy map",
           "title_heat": "Traffic-light heatmap", "band": "Financial"},
    "id": {"presenter": "Mode presentasi", "exit": "Keluar dari mode presentasi", "screen": "Layar {k} dari 4",
           "map": "Peta strategi", "heatmap": "Peta panas", "title_map": "Peta strategi",
           "title_heat": "Peta panas lampu kinerja", "band": "Keuangan"},
}


def settle(page, charts: int = 0) -> None:
    """Wait until the script run is over, no placeholder is left and ``charts`` plotly charts have drawn."""
    wait_idle(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]') && "
                           "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    if charts:
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                               timeout=20_000)
    page.wait_for_timeout(400)


def open_app(browser, app_server, size: str = "1366", lang: str = "en"):
    w, h = SIZES[size]
    page = new_page(browser, width=w, height=h, locale=LOCALES[lang])
    page.goto(app_server.url + "/")
    page.wait_for_selector(".st-key-_w_lang", timeout=60_000)
    settle(page)
    return page


def go(page, label: str, charts: int = 0) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click()
    settle(page, charts)


def screen_text(page) -> str:
    return page.locator(".pm-screen").inner_text()


def press(page, key: str) -> None:
    page.keyboard.press(key)
    settle(page)


def step_to(page, key: str, expected: str) -> None:
    """Press ``key`` until the screen shows ``expected`` (at most twice: right after a heavy screen
    is drawn its buttons' keyboard shortcuts may not be bound yet, and that first press is lost)."""
    for _ in range(2):
        press(page, key)
        try:
            page.wait_for_function("t => document.querySelector('.pm-screen')?.innerText.includes(t)",
                                   arg=expected, timeout=5_000)
            return
        except Exception:  # noqa: BLE001 - pressed too early: once more
            continue
    assert expected in screen_text(page)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_presenter_keyboard_and_exit(browser, app_server, lang):
    w = WORDS[lang]
    page = open_app(browser, app_server, "1920", lang)
    try:
        page.get_by_text(w["presenter"], exact=True).click()
        settle(page)
        page.wait_for_selector(".pm-screen")
        page.wait_for_selector(".st-key-pm_next button")
        page.wait_for_timeout(800)  # the buttons' keyboard shortcuts are bound after they are drawn
        assert w["screen"].format(k=1) in screen_text(page)
        assert page.locator('[data-testid="stSidebar"]').count() == 0 or \
            not page.locator('[data-testid="stSidebar"]').is_visible()
        shot(page, f"presenter-1-1920-{lang}")
        step_to(page, "ArrowRight", w["screen"].format(k=2))
        settle(page)
        page.wait_for_selector("svg.sc-map g.node")  # the map as inline SVG
        shot(page, f"presenter-2-1920-{lang}")
        step_to(page, "PageDown", w["screen"].format(k=3))  # what presentation clickers send
        settle(page)
        page.wait_for_selector(".sc-heat td.c")
        shot(page, f"presenter-3-1920-{lang}")
        step_to(page, "PageDown", w["screen"].format(k=4))
        shot(page, f"presenter-4-1920-{lang}")
        press(page, "PageDown")  # last screen: stays
        assert w["screen"].format(k=4) in screen_text(page)
        press(page, "PageUp")
        assert w["screen"].format(k=3) in screen_text(page)
        press(page, "ArrowLeft")
        assert w["screen"].format(k=2) in screen_text(page)
        page.get_by_role("button", name=w["exit"]).click()
        settle(page)
        page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSidebarNav"]')
        assert page.locator(".pm-screen").count() == 0
        # language and the other sidebar settings survive presenter mode
        assert page.locator('[data-testid="stSidebarNav"]').get_by_text(w["map"]).count() == 1
        assert page.locator(".st-key-_w_period input").input_value() == "2010"
    finally:
        page.context.close()


@pytest.mark.parametrize("size", ["1366", "1920"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_map_and_heatmap_screenshots(browser, app_server, size, lang):
    w = WORDS[lang]
    page = open_app(browser, app_server, size, lang)
    try:
        go(page, w["map"], charts=0)  # inline SVG map: no plotly.js (first load, issue #13)
        assert page.locator("h1", has_text=w["title_map"]).count() == 1
        svg = page.locator("svg.sc-map").first
        assert svg.locator("text.bandlabel", has_text=w["band"]).count() == 1
        assert svg.locator("g.link").count() == 16 and svg.locator("g.node").count() == 12  # arrows and boxes
        assert svg.locator("marker").count() == 1 and page.locator(".js-plotly-plot").count() == 0
        shot(page, f"map-{size}-{lang}")
        go(page, w["heatmap"], charts=0)  # light HTML heatmap, SVG trend, HTML waterfall: no plotly (issue #13)
        assert page.locator("h1", has_text=w["title_heat"]).count() == 1
        expect(page.locator(".sc-heat td.c[data-kpi='C3b'][data-period='2010']")).to_have_attribute("data-light", "red")
        assert page.locator(".js-plotly-plot").count() == 0
        shot(page, f"heatmap-{size}-{lang}")
        go(page, "Overview" if lang == "en" else "Ringkasan", charts=0)  # the trend is a light SVG image now
        shot(page, f"overview-{size}-{lang}")
    finally:
        page.context.close()


def test_heatmap_cell_details_and_picking_a_period_moves_the_outline(browser, app_server):
    """The cells carry their details as a tooltip; the KPI / period selectboxes pick the cell whose OMAX
    scale is shown, and the picked cell is outlined (C3b, the first red KPI of 2010, at first)."""
    page = open_app(browser, app_server, "1366", "en")
    try:
        go(page, "Heatmap", charts=0)
        cell = page.locator(".sc-heat td.c[data-kpi='C3b'][data-period='2010']")
        expect(cell).to_have_text("■ 2.95")
        expect(cell).to_have_class(re.compile(r"\bsel\b"))
        assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(213, 94, 0)"  # vermillion
        title = cell.get_attribute("title") or ""
        assert title.startswith("C3b ") and "2010: ■ Red · level 2.95" in title and "Actual: 14.66 %" in title
        assert page.locator(".sc-heat td.c.sel").count() == 1
        page.locator(".st-key-hm_period").click()
        page.get_by_role("option", name="2009", exact=True).click()
        settle(page)
        expect(page.locator(".sc-heat td.c.sel[data-kpi='C3b'][data-period='2009']")).to_have_count(1)
        expect(page.locator(".st-key-hm_period input")).to_have_value("2009")
        assert page.locator(".sc-heat td.c.sel").count() == 1
        expect(page.locator(".sc-htable", has_text="= level 2.71")).to_have_count(1)  # C3b 2009, the OMAX panel
        shot(page, "heatmap-cell-1366-en")
    finally:
        page.context.close()


def test_strategy_map_export_controls(browser, app_server):
    """"Download SVG" gives the drawn map as a file, "Download PNG" a picture drawn on the server; a box's
    details are its SVG <title> (the browser's tooltip)."""
    page = open_app(browser, app_server, "1366", "en")
    try:
        go(page, "Strategy map", charts=0)
        tip = page.locator("svg.sc-map g.node[data-code='C1'] > title").text_content()
        assert tip.startswith("C1 ") and "KPI:" in tip and "C1a" in tip
        with page.expect_download() as dl:
            page.get_by_role("button", name="Download SVG").click()
        assert dl.value.suggested_filename.endswith("-2010.svg")
        text = Path(dl.value.path()).read_text(encoding="utf-8")
        assert text.startswith("<?xml") and "Financial" in text and text.count('<g class="link"') == 16
        with page.expect_download() as dl:
            page.get_by_role("button", name="Download PNG").click()
        assert dl.value.suggested_filename.endswith("-2010.png")
        data = Path(dl.value.path()).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_presenter_header_is_not_clipped_on_a_laptop(browser, app_server, lang):
    """At 1366x768 the office name and period and every button label are shown whole (no "Sebelum…",
    no "SAMSAT Ka…": a presenter would be embarrassed by them)."""
    page = open_app(browser, app_server, "1366", lang)
    try:
        page.get_by_text(WORDS[lang]["presenter"], exact=True).click()
        settle(page)
        page.wait_for_selector(".st-key-pm_exit button")
        page.wait_for_timeout(800)
        clipped = page.evaluate("""() => {
            const out = [];
            const t = document.querySelector('.pm-title');
            // a clamped line would hide ~25 px; a few px are rounding of the 1.15 line height
            if (t.scrollHeight > t.clientHeight + 6 || t.scrollWidth > t.clientWidth + 1) out.push(t.innerText);
            for (const k of ['pm_prev', 'pm_next', 'pm_exit']) {
                const p = document.querySelector('.st-key-' + k + ' button p');
                if (p && p.scrollWidth > p.clientWidth + 1) out.push(p.innerText);
            }
            return out; }""")
        assert clipped == []
        assert "2010" in page.locator(".pm-title").inner_text()
    finally:
        page.context.close()

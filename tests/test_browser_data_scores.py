"""Data and Scores pages in headless Chromium: a workbook with an error is refused with a report that
names the sheet and cell, the demo workbook loads, the Scores page shows the OMAX matrix.
Screenshots at 1366x768 and 1920x1080 in English and Indonesian (test-output/screenshots/)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import new_page, shot, wait_idle

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORDS = {
    "en": {"lang": "English", "data": "Data", "scores": "Scores (OMAX)", "refused": "NOT loaded", "cell": "Cell",
           "loaded": "loaded: the scorecard was replaced", "perf": "Performance", "value": "Value"},
    "id": {"lang": "Bahasa Indonesia", "data": "Data", "scores": "Skor (OMAX)", "refused": "TIDAK dimuat",
           "cell": "Sel", "loaded": "dimuat: kartu skor diganti", "perf": "Pencapaian", "value": "Nilai"},
}


def bad_workbook() -> bytes:
    wb = load_workbook(DEMO)
    wb["Data"]["D7"] = "abc"  # F2a, 2010: not a number
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def open_app(browser, url: str, width: int, height: int, lang: str):
    page = new_page(browser, width=width, height=height, locale="id-ID" if lang == "id" else "en-US")
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    wait_idle(page, 60_000)
    return page


def settle(page, lang: str, period: str = "2010") -> None:
    """Make sure the sidebar shows the language and period the test wants (whatever the browser
    prefers, and whatever a page switch did to the sidebar widgets)."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    radio = sidebar.get_by_role("radio", name=WORDS[lang]["lang"])
    if not radio.is_checked():
        sidebar.get_by_text(WORDS[lang]["lang"], exact=True).click()
        wait_idle(page, 60_000)
    box = sidebar.locator('[data-testid="stSelectbox"]').first
    if period not in box.inner_text():
        box.click()
        page.get_by_role("option", name=period, exact=True).click()
        wait_idle(page, 60_000)


def go(page, lang: str, key: str) -> None:
    settle(page, lang)
    title = WORDS[lang][key]
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    page.wait_for_selector(f'h1:has-text("{title}")', timeout=60_000)
    wait_idle(page, 60_000)
    settle(page, lang)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)


def upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(  # the workbook upload comes first
        files=[{"name": name, "mimeType": XLSX, "buffer": data}])
    page.wait_for_timeout(500)
    wait_idle(page, 60_000)


def full_shot(page, name: str) -> None:
    """A second screenshot with the whole scrolling page (Streamlit scrolls inside stMain)."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 8000)})
    wait_idle(page)
    shot(page, name)
    page.set_viewport_size(size)
    wait_idle(page)


@pytest.mark.parametrize(("width", "height", "lang"), [(1366, 768, "en"), (1920, 1080, "en"),
                                                       (1366, 768, "id"), (1920, 1080, "id")])
def test_upload_report_then_demo_then_scores(app_server, browser, width, height, lang):
    w = WORDS[lang]
    page = open_app(browser, app_server.url, width, height, lang)
    try:
        go(page, lang, "data")
        upload(page, "bad.xlsx", bad_workbook())
        alert = page.locator('[data-testid="stAlert"]', has_text=w["refused"])
        alert.wait_for(timeout=60_000)
        report = page.locator('[data-testid="stTable"]', has_text=w["cell"]).first
        row = report.locator("tr", has_text="D7").first
        assert "Data" in row.inner_text() and "abc" in row.inner_text()
        shot(page, f"data-{width}-{lang}")
        if width == 1366:
            full_shot(page, f"data-{width}-{lang}-full")

        upload(page, "demo.xlsx", DEMO.read_bytes())
        page.locator('[data-testid="stAlert"]', has_text=w["loaded"]).wait_for(timeout=60_000)
        assert page.locator('[data-testid="stAlert"]', has_text=w["refused"]).count() == 0
        if width == 1366:
            shot(page, f"data-{width}-{lang}-loaded")

        go(page, lang, "scores")
        table = page.locator('[data-testid="stTable"]').first
        table.wait_for(timeout=60_000)
        text = table.inner_text()
        assert w["perf"] in text and "F1a" in text and w["value"] in text
        assert page.locator('[data-testid="stTable"] td', has_text="● 9").count() >= 1  # level with its light
        shot(page, f"scores-{width}-{lang}")
        if width == 1366:
            full_shot(page, f"scores-{width}-{lang}-full")
        assert app_server.alive()
    except Exception:
        shot(page, f"FAILED-data-scores-{width}-{lang}")
        raise
    finally:
        page.context.close()

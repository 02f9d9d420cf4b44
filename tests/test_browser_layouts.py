"""Layouts that fit (issue #10 part 2), measured in real headless Chromium:

* opening "AHP settings" does not move the judgment sliders (it floats; it used to push them down);
* no button or widget label is clipped at 1366 x 768 in Indonesian (the longer language);
* on a phone (375 x 812) a tapped judgment slider shows no end labels over its consistency strip;
* the presenter's heatmap rows (HTML) and strategy map boxes (inline SVG) are written at >= 20 px at 1920 x 1080,
  and the heatmap and the map fit the screen.

Screenshots for looking by eye: ``python -m tests.screens``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import new_page
from tests.screens import close_sidebar
from tests.test_browser_presenter import settle
from tests.test_browser_weights import open_weights

pytestmark = pytest.mark.browser

#: Text boxes that must never cut their text (scrollWidth > clientWidth = clipped).
CLIPPED_JS = """() => {
  const out = [];
  const sel = '[data-testid="stMain"] button p, [data-testid="stMain"] [data-testid="stWidgetLabel"] p, '
            + '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && el.scrollWidth > el.clientWidth + 1) out.push(el.textContent.trim().slice(0, 60));
  }
  return out;
}"""


def _first_slider_y(page) -> float:
    return page.get_by_role("slider").first.bounding_box()["y"]


def test_ahp_settings_do_not_push_the_sliders(app_server, browser):
    page = new_page(browser, width=1366, height=768)
    try:
        open_weights(page, app_server.url)
        y0 = _first_slider_y(page)
        page.get_by_role("button", name="AHP settings").click()
        page.get_by_text("Priority method").wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        expect(page.get_by_text("Random Index table")).to_be_visible(timeout=30_000)
        assert abs(_first_slider_y(page) - y0) < 2, (y0, _first_slider_y(page))
    finally:
        page.context.close()


@pytest.mark.parametrize("label", ["Ringkasan", "Bobot (AHP)", "Skor (OMAX)", "Peta panas", "Lokakarya", "Data"])
def test_indonesian_labels_not_clipped_at_1366(app_server, browser, label):
    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".st-key-_w_lang", timeout=60_000)
        settle(page)
        page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click()
        settle(page)
        page.wait_for_timeout(800)
        assert page.evaluate(CLIPPED_JS) == []
    finally:
        page.context.close()


def test_presenter_buttons_not_clipped_at_1366(app_server, browser):
    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".st-key-_w_lang", timeout=60_000)
        settle(page)
        page.get_by_text("Mode presentasi", exact=True).click()
        settle(page)
        page.wait_for_selector(".pm-screen")
        assert page.evaluate(CLIPPED_JS) == []
    finally:
        page.context.close()


def test_phone_slider_end_labels_leave_the_strip_free(app_server, browser):
    page = new_page(browser, width=375, height=812)
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
        settle(page)
        expand = page.locator('[data-testid="stExpandSidebarButton"]')
        if expand.count() and expand.first.is_visible():
            expand.first.click()
            page.wait_for_timeout(400)
        page.locator('[data-testid="stSidebarNav"] a', has_text="(AHP)").click()
        close_sidebar(page)
        page.wait_for_selector(".sc-strip", timeout=60_000)
        settle(page)
        box = page.locator('[class*="st-key-w_pair_"] [data-testid="stSlider"]').first
        box.scroll_into_view_if_needed()
        box.hover()  # a tap on a phone leaves the slider hovered
        page.get_by_role("slider").first.focus()
        page.wait_for_timeout(800)  # Streamlit fades the end labels in after 200 + 300 ms
        overlaps = page.evaluate("""() => {
          const hits = [];
          for (const box of document.querySelectorAll('[class*="st-key-w_pair_"]')) {
            const strip = box.querySelector('.sc-strip');
            if (!strip) continue;
            const s = strip.getBoundingClientRect();
            for (const t of box.querySelectorAll('[data-testid="stSliderTickBar"] *')) {
              const r = t.getBoundingClientRect();
              const shown = r.width > 0 && getComputedStyle(t).visibility !== 'hidden'
                            && parseFloat(getComputedStyle(t.parentElement).opacity || '1') > 0;
              if (shown && r.bottom > s.top && r.top < s.bottom && r.right > s.left && r.left < s.right)
                hits.push(t.textContent);
            }
          }
          return hits;
        }""")
        assert overlaps == []
        expect(page.locator(".sc-ends").first).to_be_visible(timeout=30_000)  # the strip's own end labels are there
    finally:
        page.context.close()


def _font_px(page, selector: str) -> list[float]:
    """The font size in px of every element matching ``selector`` (plotly writes it inline; else computed)."""
    return page.evaluate("""sel => Array.from(document.querySelectorAll(sel)).map(
        e => parseFloat(e.style.fontSize || getComputedStyle(e).fontSize))""", selector)


def _svg_font_px(page, selector: str) -> list[float]:
    """The drawn font size in px of every SVG text matching ``selector``: its ``font-size`` (viewBox units)
    x the SVG's scale (the smaller of drawn width / viewBox width and drawn height / viewBox height)."""
    return page.evaluate("""sel => Array.from(document.querySelectorAll(sel)).map(e => {
        const s = e.ownerSVGElement, r = s.getBoundingClientRect(), vb = s.viewBox.baseVal;
        return parseFloat(e.getAttribute('font-size')) * Math.min(r.width / vb.width, r.height / vb.height); })""",
                         selector)


SCREEN_JS = "k => ((document.querySelector('.pm-screen') || {}).textContent || '').includes(k)"


def test_presenter_heatmap_and_map_rows_at_20px(app_server, browser):
    page = new_page(browser, width=1920, height=1080)
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".st-key-_w_lang", timeout=60_000)
        settle(page)
        page.get_by_text("Presenter mode", exact=True).click()
        settle(page)
        page.wait_for_selector(".st-key-pm_next button")
        page.wait_for_timeout(800)  # the buttons' keyboard shortcuts are bound after they are drawn
        page.keyboard.press("ArrowRight")  # screen 2: the strategy map
        page.wait_for_function(SCREEN_JS, arg="2 of 4", polling=250)
        settle(page)
        page.wait_for_function("() => document.querySelectorAll('svg.sc-map text.label').length >= 12",
                               polling=250)  # the map's boxes (inline SVG)
        boxes = _svg_font_px(page, "svg.sc-map text.label, svg.sc-map text.bandlabel")  # box and band labels
        assert len(boxes) >= 16 and min(boxes) >= 20, boxes
        bottom = page.evaluate("() => document.querySelector('svg.sc-map').getBoundingClientRect().bottom")
        assert bottom <= 1080, bottom  # the whole map on the one screen
        page.keyboard.press("ArrowRight")  # screen 3: the heatmap
        page.wait_for_function(SCREEN_JS, arg="3 of 4", polling=250)
        settle(page)
        page.wait_for_function("() => document.querySelectorAll('.sc-heat td.c').length >= 40", polling=250)
        rows = _font_px(page, ".sc-heat th.k")  # the HTML heatmap: KPI names and cells (no plotly)
        cells = _font_px(page, ".sc-heat td.c")
        assert len(rows) >= 20 and min(rows) >= 20, rows
        assert len(cells) >= 40 and min(cells) >= 20, cells
        bottom = page.evaluate("() => Math.max(...Array.from(document.querySelectorAll('.sc-heat tr'), "
                               "r => r.getBoundingClientRect().bottom))")
        assert bottom <= 1080, bottom  # every row on the one screen
    finally:
        page.context.close()

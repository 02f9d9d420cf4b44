"""Layouts that fit (issue #10 part 2), measured in real headless Chromium:

* opening "AHP settings" does not move the judgment sliders (it floats; it used to push them down);
* no button or widget label is clipped at 1366 x 768 in Indonesian (the longer language);
* on a phone (375 x 812) a tapped judgment slider shows no end labels over its consistency strip;
* the presenter's heatmap rows (HTML) and strategy map boxes (inline SVG) are written at >= 20 px at 1920 x 1080,
  and the heatmap and the map fit the screen;
* on a phone the sidebar is folded when a page opens (not at 1366); the file uploader speaks Indonesian.

Screenshots for looking by eye: ``python -m tests.screens``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import new_page, wait_idle
from tests.screens import close_sidebar
from tests.test_browser_presenter import settle
from tests.test_browser_weights import open_weights
from tests.test_browser_workshop import _warm_up

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


SIDEBAR_RIGHT_JS = """() => { const s = document.querySelector('[data-testid="stSidebar"]');
  return s ? s.getBoundingClientRect().right : -1; }"""


def _sidebar_over_page(page) -> bool:
    return page.evaluate(SIDEBAR_RIGHT_JS) > 1


def _wait_sidebar(page, shown: bool, timeout: float = 10_000) -> None:
    """Wait until the sidebar is open over the page (``shown``) or folded away."""
    page.wait_for_function(f"() => ({SIDEBAR_RIGHT_JS})() {'> 200' if shown else '<= 1'}", polling=100,
                           timeout=timeout)


def test_phone_sidebar_folds_when_a_page_opens(app_server, browser):
    """At 375 x 812 the sidebar is folded when a page opens (also after a tap on a page link, the open
    page's too, and after a reload of a phone that had it open); opened to change the language, it stays
    open. The browser has a desktop user agent: Streamlit itself folds it after a tap only on a phone's."""
    _warm_up(browser, app_server)
    page = new_page(browser, width=375, height=812, locale="id-ID")
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".sc-index", timeout=60_000)
        settle(page)
        assert not _sidebar_over_page(page)
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        _wait_sidebar(page, True)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Ringkasan").click()  # the page already open
        _wait_sidebar(page, False)
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        _wait_sidebar(page, True)
        page.locator('[data-testid="stSidebarNav"] a', has_text="(AHP)").click()  # a desktop browser, narrow
        _wait_sidebar(page, False)
        expect(page.get_by_role("heading", name="Bobot (AHP)")).to_be_visible(timeout=30_000)

        page.locator('[data-testid="stExpandSidebarButton"]').click()
        _wait_sidebar(page, True)
        page.locator('.st-key-_w_lang label', has_text="English").click()  # same page: the sidebar stays
        expect(page.get_by_role("heading", name="Weights (AHP)")).to_be_visible(timeout=30_000)
        settle(page)
        page.wait_for_timeout(2500)  # longer than the fold script keeps looking (2 s)
        assert _sidebar_over_page(page)

        page.reload()  # Streamlit remembers the open sidebar in localStorage (the language may go back)
        expect(page.get_by_role("heading", name=re.compile(r"(Weights|Bobot) \(AHP\)"))).to_be_visible(timeout=60_000)
        _wait_sidebar(page, False)
    finally:
        page.context.close()


def test_wide_screen_keeps_the_sidebar(app_server, browser):
    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".sc-index", timeout=60_000)
        settle(page)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Data").click()
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
        page.wait_for_timeout(1500)
        assert _sidebar_over_page(page)
    finally:
        page.context.close()


#: For each file uploader: the width of Streamlit's own (English) texts as drawn, and the texts shown instead.
UPLOADER_JS = """() => Array.from(document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')).map(z => {
  const drawn = el => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().width; };
  const btn = z.querySelector('button [data-testid="stMarkdownContainer"] p');
  const hint = z.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
  return {own: [btn.textContent, hint.textContent], ownWidth: drawn(btn) + drawn(hint),
          shown: [getComputedStyle(btn, '::after').content, getComputedStyle(hint, '::after').content]};
})"""


def test_file_uploader_speaks_indonesian(app_server, browser):
    """Streamlit's "Upload" and "20MB per file • XLSX, ..." are not drawn; the Indonesian words are."""
    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".sc-index", timeout=60_000)
        settle(page)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Data").click()
        page.wait_for_selector('[data-testid="stFileUploaderDropzone"]', timeout=60_000)
        settle(page)
        found = page.evaluate(UPLOADER_JS)
        assert found, "no file uploader on the Data page"
        for up in found:
            assert up["own"][0] == "Upload" and "per file" in up["own"][1]  # still Streamlit's DOM
            assert up["ownWidth"] == 0, up
            assert up["shown"] == ['"Unggah"', '"atau seret berkas ke sini"'], up
    finally:
        page.context.close()


MAP_JS = """() => { const box = document.querySelector('.st-key-map_scroll');
  const svg = box && box.querySelector('svg.sc-map');
  return box && svg ? {scroll: box.scrollWidth, client: box.clientWidth, drawn: svg.getBoundingClientRect().width} : null; }"""


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1366, 768)])
def test_strategy_map_drawn_readable_on_a_phone(app_server, browser, width, height):
    """On a phone the map keeps a readable drawing width (>= 760 px) and scrolls sideways; at 1366 it
    fits its column (its boxes' names are wrapped for about that width)."""
    page = new_page(browser, width=width, height=height)
    try:
        page.goto(app_server.url + "/strategy_map")
        page.wait_for_selector(".st-key-map_scroll svg.sc-map", timeout=60_000)
        wait_idle(page, 60_000)
        page.wait_for_timeout(800)
        m = page.evaluate(MAP_JS)
        assert m is not None
        if width < 768:
            assert m["drawn"] >= 760 and m["scroll"] >= 760 > m["client"], m
        else:
            assert m["scroll"] <= m["client"] + 1 and m["drawn"] >= 800, m
    finally:
        page.context.close()


HINT_JS = """() => Array.from(document.querySelectorAll('[data-testid="InputInstructions"] > span')).map(e => {
  const r = document.createRange(); r.selectNodeContents(e);
  return [e.textContent, r.getBoundingClientRect().width, getComputedStyle(e, '::after').content]; })"""


def test_text_box_hint_in_indonesian(app_server, browser):
    """Streamlit's "Press Enter to apply" under a text box is drawn in Indonesian; the length counter stays."""
    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".sc-index", timeout=60_000)
        settle(page)
        page.get_by_label("Nama Anda (untuk log audit)").click()
        page.keyboard.type("Dewi")
        page.wait_for_function(f"() => ({HINT_JS})().length >= 2", polling=100)
        (hint, hint_w, hint_shown), (count, count_w, _) = page.evaluate(HINT_JS)[:2]
        assert hint == "Press Enter to apply" and hint_w == 0 and hint_shown == '"Enter untuk menerapkan"'
        assert count == "4/80" and count_w > 0
    finally:
        page.context.close()


def test_data_editor_columns_fit_their_texts(app_server, browser):
    """The Data page's editors size each column from its longest text (the grid neither wraps nor shows
    cut text in full): for every cell text the estimate is at least the text's width in the grid's font
    plus its padding, unless the column is at its cap (then the table scrolls sideways). The period's data
    table needs no sideways scrolling at 1366."""
    import pandas as pd

    from scorecard.ui.data_editor import fit_width

    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.goto(app_server.url + "/data")
        page.wait_for_selector('td[role="gridcell"]', state="attached", timeout=60_000)
        settle(page)
        measured = page.evaluate("""() => {
          const font = getComputedStyle(document.querySelector('[data-testid="stMain"]')).fontFamily;
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = '14px ' + font;
          const texts = new Set(Array.from(document.querySelectorAll('td[role="gridcell"]')).map(c => c.textContent));
          return Array.from(texts).filter(t => t).map(t => [t, ctx.measureText(t).width]);
        }""")
        assert len(measured) > 50, measured[:5]  # the data, structure and anchor tables' cells
        short = [(t, px, fit_width(pd.DataFrame({"c": [t]}), "c", "", hi=10_000)) for t, px in measured]
        assert [s for s in short if s[2] < s[1] + 16] == []
        # the period's data table shows every column at 1366 (the level and the light in sight)
        first = page.evaluate("() => { const e = document.querySelector('.dvn-scroller'); "
                              "return [e.scrollWidth, e.clientWidth]; }")
        assert first[0] <= first[1], first
    finally:
        page.context.close()


#: HTML tables wider than the screen with no box around them that scrolls sideways (cut off for good).
CUT_TABLES_JS = """() => {
  const out = [];
  for (const t of document.querySelectorAll('[data-testid="stMain"] table')) {
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.right <= window.innerWidth + 1) continue;
    let el = t.parentElement, scrolls = false;
    while (el && el.dataset.testid !== 'stMain') {
      const o = getComputedStyle(el).overflowX;
      if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth) { scrolls = true; break; }
      el = el.parentElement;
    }
    if (!scrolls) out.push((t.textContent || '').trim().slice(0, 50));
  }
  return out;
}"""


@pytest.mark.parametrize("path", ["", "cascade", "scores", "weights"])
def test_phone_tables_are_never_cut(app_server, browser, path):
    """At 375 x 812 an HTML table either fits the screen or scrolls sideways in its box."""
    page = new_page(browser, width=375, height=812, locale="id-ID")
    try:
        page.goto(f"{app_server.url}/{path}")
        page.wait_for_selector('[data-testid="stMain"] table', timeout=60_000)
        settle(page)
        page.wait_for_timeout(800)
        assert page.evaluate(CUT_TABLES_JS) == []
    finally:
        page.context.close()


def test_map_download_buttons_speak_indonesian(app_server, browser):
    """The strategy map's picture downloads are our own buttons (no plotly camera icon): Indonesian words."""
    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.goto(app_server.url + "/strategy_map")
        page.wait_for_selector(".st-key-map_scroll svg.sc-map", timeout=60_000)
        wait_idle(page, 60_000)
        expect(page.get_by_role("button", name="Unduh SVG")).to_be_visible()
        expect(page.get_by_role("button", name="Unduh PNG")).to_be_visible()
        assert page.locator(".modebar-btn").count() == 0
    finally:
        page.context.close()


def test_phone_stacked_columns_leave_no_big_gap(app_server, browser):
    """On a phone the Weights page's two top columns stack with about a line between them (Streamlit's
    "large" gap is 4 rem in both directions)."""
    page = new_page(browser, width=375, height=812, locale="id-ID")
    try:
        page.goto(app_server.url + "/weights")
        page.wait_for_selector(".sc-strip", timeout=60_000)
        settle(page)
        gap = page.evaluate("""() => { const cols = document.querySelector('[data-testid="stHorizontalBlock"]')
            .querySelectorAll(':scope > [data-testid="stColumn"]');
          return cols[1].getBoundingClientRect().top - cols[0].getBoundingClientRect().bottom; }""")
        assert 0 <= gap <= 24, gap
    finally:
        page.context.close()

"""The Weights (AHP) page in real headless Chromium: a judgment slider moved with the keyboard
updates the CR and the index; screenshots of every view at projector sizes in both languages
(the browser locale picks the language: id-ID -> Indonesian)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import new_page, shot, wait_idle

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (1920, 1080)]
LOCALES = [("en-US", "en"), ("id-ID", "id")]


def settle(page, extra_ms: int = 400) -> None:
    """Wait until the script run is over and the page has drawn its result."""
    wait_idle(page, 60_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_timeout(extra_ms)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)


def open_weights(page, url: str) -> None:
    page.goto(url)
    # let the first run finish (sidebar drawn) before navigating, or the click races it
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stRadio"]', timeout=60_000)
    settle(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="(AHP)").click()
    page.wait_for_selector(".st-key-w_cr .sc-badge", timeout=60_000)
    page.get_by_role("slider").first.wait_for(timeout=60_000)
    settle(page, 800)


def cr_text(page) -> str:
    return page.locator(".st-key-w_cr .sc-badge").first.inner_text()


def index_text(page) -> str:
    return page.locator(".sc-index").first.inner_text()


def slider_positions(page) -> list[str]:
    """Each judgment slider's position (its thumb's value, 0..16), top to bottom."""
    return page.get_by_role("slider").evaluate_all("els => els.map(e => e.value)")


def number_in(text: str) -> float:
    m = re.search(r"[0-9]+[.,][0-9]+", text)
    assert m, text
    return float(m.group(0).replace(",", "."))


def wait_changed(page, read, before: str, timeout_ms: int = 30_000) -> str:
    """Poll ``read(page)`` until it differs from ``before`` (the rerun may still be drawing)."""
    waited = 0
    now = read(page)
    while now == before and waited < timeout_ms:
        page.wait_for_timeout(250)
        waited += 250
        now = read(page)
    return now


@pytest.mark.parametrize("locale,lang", LOCALES, ids=[lang for _, lang in LOCALES])
@pytest.mark.parametrize("width,height", SIZES, ids=[str(w) for w, _ in SIZES])
def test_keyboard_moves_a_judgment_and_screens(app_server, browser, width, height, locale, lang):
    page = new_page(browser, width=width, height=height, locale=locale)
    try:
        open_weights(page, app_server.url)
        title = page.locator("h1").first.inner_text()
        assert title.startswith("Bobot (AHP)" if lang == "id" else "Weights (AHP)")
        cr0, idx0 = cr_text(page), index_text(page)
        assert re.match(r"CR [0-9]+[.,][0-9]+ [≤>]", cr0)

        thumb = page.get_by_role("slider").first  # the first judgment (role="slider": its thumb)
        thumb.focus()
        page.keyboard.press("ArrowRight")  # one step towards the second item
        settle(page)
        cr1 = wait_changed(page, cr_text, cr0)
        idx1 = wait_changed(page, index_text, idx0)
        assert cr1 != cr0, "the CR did not follow the slider"
        assert idx1 != idx0, "the index did not follow the slider"

        thumb = page.get_by_role("slider").first
        thumb.focus()
        page.keyboard.press("ArrowLeft")
        settle(page)
        page.keyboard.press("ArrowLeft")  # now one step towards the first item
        settle(page)
        cr2 = wait_changed(page, cr_text, cr1)
        assert cr2 != cr1
        last = "Perubahan terakhir" if lang == "id" else "Last change"
        page.wait_for_selector(f"text={last}", timeout=30_000)
        shot(page, f"weights-{width}-{lang}")

        # scrolled down: the sliders further down while the live panel stays in view
        page.mouse.move(width // 3, height // 2)
        page.mouse.wheel(0, int(height * 0.9))
        page.wait_for_timeout(600)
        expect(page.locator(".st-key-w_cr .sc-badge").first).to_be_visible(timeout=30_000)
        shot(page, f"weights-{width}-{lang}-scrolled")

        # switching the language keeps every slider where it was and the CR as it was
        positions = slider_positions(page)
        cr_before = number_in(cr_text(page))
        other = "English" if lang == "id" else "Bahasa Indonesia"
        page.locator('[data-testid="stSidebar"] label', has_text=other).click()
        page.wait_for_selector("h1:has-text('Weights (AHP)')" if lang == "id" else "h1:has-text('Bobot (AHP)')")
        settle(page, 800)
        assert slider_positions(page) == positions
        assert number_in(cr_text(page)) == cr_before
        page.locator('[data-testid="stSidebar"] label', has_text="English" if lang == "en" else "Bahasa Indonesia").click()
        page.wait_for_selector("h1:has-text('Weights (AHP)')" if lang == "en" else "h1:has-text('Bobot (AHP)')")
        settle(page, 800)
        assert slider_positions(page) == positions

        # what-if views
        page.locator('[class*="st-key-w_view_"] button').nth(1).click()
        page.wait_for_selector(".st-key-w_tornado", timeout=60_000)
        settle(page, 800)
        shot(page, f"weights-sensitivity-{width}-{lang}")
        page.locator('[class*="st-key-w_view_"] button').nth(2).click()
        page.wait_for_selector(".st-key-w_scn_equal", timeout=60_000)
        settle(page)
        page.locator(".st-key-w_scn_equal button").click()
        settle(page)
        page.locator(".st-key-w_scn_name input").fill("Workshop" if lang == "en" else "Lokakarya")
        page.locator(".st-key-w_scn_name input").press("Enter")
        settle(page)
        page.locator(".st-key-w_scn_save button").click()
        page.wait_for_selector(".st-key-w_scn_chart", timeout=60_000)
        settle(page, 800)
        shot(page, f"weights-scenarios-{width}-{lang}")
    finally:
        page.context.close()


def test_skip_a_pair_keeps_weights_and_a_cr(app_server, browser):
    """The facilitator's flow of issue 13: tick "not sure / skip" on a pair, still see a CR and the
    weights (Harker), then untick (or undo) to judge it again."""
    page = new_page(browser, width=1366, height=768, locale="en-US")
    try:
        open_weights(page, app_server.url)
        page.get_by_text("Not sure / skip this pair").first.click()  # the label (the input itself is hidden)
        page.wait_for_selector("text=pair(s) skipped", timeout=60_000)
        settle(page)
        assert re.match(r"CR [0-9]+[.,][0-9]+ [≤>]", cr_text(page))
        expect(page.get_by_text("Not judged (not sure / skipped)").first).to_be_visible(timeout=30_000)
        assert page.locator(".sc-wbars .v").count() >= 2  # the node's weights are still drawn
        shot(page, "weights_skip_en_1366")
        page.get_by_role("button", name="Undo").first.click()
        page.wait_for_selector("text=pair(s) skipped", state="detached", timeout=60_000)
    finally:
        page.close()

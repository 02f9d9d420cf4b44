"""A saved weight scenario and the undo button are still there after a browser reload (real headless
Chromium; the workspace token in the URL brings the workspace back)."""

from __future__ import annotations

import pytest

from tests.conftest import new_page, wait_idle
from tests.test_browser_weights import open_weights, settle

pytestmark = pytest.mark.browser


def _scenarios_view(page) -> None:
    page.locator('[data-testid="stButtonGroup"] button', has_text="What-if: scenarios").click()
    page.wait_for_selector(".st-key-w_scn_name input", timeout=60_000)
    settle(page)


def test_scenario_and_undo_kept_after_reload(app_server, browser):
    page = new_page(browser, width=1366, height=768, locale="en-US")
    try:
        open_weights(page, app_server.url)
        thumb = page.get_by_role("slider").first
        thumb.focus()
        page.keyboard.press("ArrowLeft")  # one accepted judgment change: one undo step
        settle(page, 800)
        _scenarios_view(page)
        page.locator(".st-key-w_scn_name input").fill("Kept-after-reload")
        page.locator(".st-key-w_scn_name input").press("Enter")
        settle(page)
        page.locator(".st-key-w_scn_save button").click()
        page.wait_for_selector(".st-key-w_scn_act_Kept-after-reload", timeout=60_000)
        settle(page)
        assert "w=" in page.url, page.url  # the workspace token

        page.reload()
        wait_idle(page, 60_000)
        page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stRadio"]', timeout=60_000)
        settle(page)
        # the sidebar's undo button is there (the history came back with the workspace)
        page.wait_for_selector('[data-testid="stSidebar"] button:has-text("Undo last change")', timeout=60_000)
        page.wait_for_selector(".st-key-w_scn_name input, .st-key-w_cr", timeout=60_000)
        if not page.locator(".st-key-w_scn_name input").count():
            _scenarios_view(page)
        page.wait_for_selector(".st-key-w_scn_act_Kept-after-reload", timeout=60_000)
        assert page.get_by_text("Kept-after-reload", exact=True).count() >= 1
    finally:
        page.context.close()

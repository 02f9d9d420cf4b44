"""Issue #16 in headless Chromium, through the real widgets: Ani names Sari as verifier of F1a in the KPI
manual, attaches a PDF to F1a 2010 with the file uploader (an HTML page named .pdf is refused), then Sari
verifies the value and locks 2010. Screenshot: test-output/screenshots/evidence-verified-en.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import new_page, shot, wait_idle
from tests.test_evidence import HTML_PDF, PDF

pytestmark = pytest.mark.browser


def _name(page, who: str) -> None:
    box = page.locator('[data-testid="stSidebar"] input[aria-label="Your name (for the audit log)"]')
    box.fill(who)
    box.press("Enter")
    wait_idle(page, 60_000)


def _attach(page, name: str, data: bytes, description: str) -> None:
    form = page.locator('[data-testid="stForm"]', has_text="Attach evidence")
    form.locator('input[type="file"]').set_input_files(files=[{"name": name, "mimeType": "application/pdf",
                                                               "buffer": data}])
    page.wait_for_timeout(500)
    form.get_by_label("Short description (what it shows)").fill(description)
    form.get_by_role("button", name="Attach").click()
    wait_idle(page, 60_000)


def test_manual_evidence_verify_lock_in_the_browser(app_server, browser):
    page = new_page(browser, width=1366, height=900, locale="en-US")
    page.goto(app_server.url + "/data")
    page.wait_for_selector("h1", timeout=60_000)
    wait_idle(page, 60_000)
    _name(page, "Ani")
    expect(page.get_by_text("22 of 22 indicators need attention.")).to_be_visible(timeout=30_000)

    form = page.locator('[data-testid="stForm"]', has_text="Save manual")
    form.get_by_label("Formula").fill("Sum of PKB receipts 1 Jan - 31 Dec")
    form.get_by_label("Data source").fill("Daily revenue report (cashier)")
    form.get_by_label("Verifier (the person who checks reported values)").fill("Sari")
    form.get_by_role("button", name="Save manual").click()
    wait_idle(page, 60_000)
    page.get_by_text("Manual of F1a saved (3 fields).").wait_for()
    expect(page.get_by_text("21 of 22 indicators need attention.")).to_be_visible(timeout=30_000)

    _attach(page, "bukti.pdf", HTML_PDF, "looks like a pdf")
    page.get_by_text("is a web page (HTML); web pages are never accepted").wait_for()
    _attach(page, "rekap-pkb-2010.pdf", PDF, "PKB receipts 2010 (cashier)")
    page.get_by_text("Evidence attached to F1a 2010.").wait_for()
    expect(page.get_by_text("PKB receipts 2010 (cashier)")).to_be_visible(timeout=30_000)

    page.get_by_role("button", name="Mark verified").click()
    wait_idle(page, 60_000)
    page.get_by_text("Only Sari, the verifier of F1a").wait_for()

    _name(page, "Sari")
    page.get_by_role("button", name="Mark verified").click()
    wait_idle(page, 60_000)
    page.get_by_text("Status: verified").wait_for()
    page.get_by_role("button", name="Lock 2010").click()
    wait_idle(page, 60_000)
    page.get_by_text("2010 is locked by Sari (").wait_for()  # the lock line, not the disabled form's reason
    shot(page, "evidence-verified-en")

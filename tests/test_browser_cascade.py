"""Real headless Chromium, the cascade story: a head of office opens the tree, sees which unit pulls the
red office KPI down, expands that unit and follows it to the employees. Screenshots at projector size
(1280x720) and 1920x1080, English and Indonesian (test-output/screenshots/)."""

from __future__ import annotations

import pytest

from tests.conftest import new_page, shot, wait_idle

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"nav": "Cascade", "pulled": "Pulled down by: CAPIL c1", "expand": "Expand units"},
    "id": {"nav": "Kaskade", "pulled": "Ditarik turun oleh: CAPIL c1", "expand": "Buka unit"},
}


def settle(page, tree: bool = False) -> None:
    wait_idle(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]') && "
                           "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    if tree:
        page.wait_for_selector(".sc-tree tr[data-id]", timeout=30_000)
    page.wait_for_timeout(400)


@pytest.mark.parametrize(("lang", "size"), [("en", (1280, 720)), ("id", (1920, 1080))])
def test_head_of_office_follows_the_red_kpi_to_the_employees(browser, app_server, lang, size):
    w = WORDS[lang]
    page = new_page(browser, width=size[0], height=size[1], locale="id-ID" if lang == "id" else "en-US")
    page.goto(app_server.url + "/")
    page.wait_for_selector(".st-key-_w_lang", timeout=60_000)
    settle(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text=w["nav"]).first.click()
    settle(page, tree=True)
    assert page.locator(".js-plotly-plot").count() == 0  # light HTML: no plotly.js (first load, issue #13)
    rows = page.locator(".sc-tree tr[data-id]")
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.id)") == ["u:DINAS", "u:CAPIL", "u:DAFDUK"]  # red first
    text = page.locator(".sc-tree").first.inner_text()
    assert "CAPIL" in text and "DAFDUK" in text and "DINAS" in text
    assert "Andi" not in text  # collapsed to the units
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert w["pulled"] in body and "Maya Sari" in body
    shot(page, f"cascade_{lang}_{size[0]}_tree")
    page.locator('[data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option").filter(has_text="· CAPIL").first.click()
    page.keyboard.press("Escape")
    settle(page, tree=True)
    page.wait_for_selector('.sc-tree tr[data-id="k:CAPIL:c1"]', timeout=30_000)
    text = page.locator(".sc-tree").first.inner_text()
    assert "c1" in text and "Maya" in text and "Andi" not in text  # CAPIL's KPIs and employees only
    assert page.locator('.sc-tree tr[data-id="k:CAPIL:c1"] .sig').get_attribute("title").endswith("Maya Sari/1 1" + (
        ".000" if lang == "id" else ",000"))  # Σ: its sources in the tooltip
    shot(page, f"cascade_{lang}_{size[0]}_expanded")
    page.context.close()

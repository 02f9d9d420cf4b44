"""The import main flow in headless Chromium (issue #11 "done when"): a manager uploads an LKjIP
"Pengukuran Kinerja" workbook under "Import from your own table", sees the detected assumptions and
the capaian disagreement with its cell, creates the scorecard and finds it scored on the Scores page.
Screenshots in test-output/screenshots/ (import-*.png)."""

from __future__ import annotations

import pytest

from scorecard import display
from tests import foreign_tables as ft
from tests.conftest import shot, wait_idle
from tests.test_browser_data_scores import XLSX, full_shot, go, open_app

pytestmark = pytest.mark.browser

WORDS = {"en": {"import": "Import from your own table", "found": "Found:", "create": "Create the scorecard",
                "created": "Scorecard created from", "equal": "Weights are equal"},
         "id": {"import": "Impor dari tabel sendiri", "found": "Ditemukan:", "create": "Buat kartu skor",
                "created": "Kartu skor dibuat dari", "equal": "Bobot masih sama rata"}}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_import_lkjip_then_scores(app_server, browser, lang):
    w = WORDS[lang]
    page = open_app(browser, app_server.url, 1366, 768, lang)
    try:
        go(page, lang, "data")
        page.get_by_text(w["import"]).first.click()
        wait_idle(page, 60_000)
        uploader = page.locator('[data-testid="stExpander"]', has_text=w["import"]).locator(
            '[data-testid="stFileUploader"] input[type="file"]')
        uploader.set_input_files(files=[{"name": "LKjIP-2024.xlsx", "mimeType": XLSX, "buffer": ft.lkjip()}])
        page.wait_for_timeout(500)
        wait_idle(page, 60_000)
        page.get_by_text(w["found"]).first.wait_for(timeout=60_000)
        page.get_by_text(w["equal"]).first.wait_for(timeout=60_000)  # the whole preview is drawn
        wait_idle(page, 60_000)
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "6" in body and "2024" in body and w["equal"] in body
        shot(page, f"import-preview-1366-{lang}")
        if lang == "en":
            full_shot(page, "import-preview-1366-en-full")
        page.get_by_role("button", name=w["create"]).click()
        wait_idle(page, 60_000)
        page.get_by_text(w["created"]).first.wait_for(timeout=60_000)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Skor" if lang == "id" else "Scores").first.click()
        wait_idle(page, 60_000)
        table = page.locator('[data-testid="stTable"]').first
        table.wait_for(timeout=60_000)
        text = table.inner_text()  # the Financial tab: three KPIs at 1/3 x 1/3 of the weight each
        assert "S1.1" in text and "S1.3" in text and display.weight(1 / 9, lang) in text  # 11,11 % (id)
        shot(page, f"import-scores-1366-{lang}")
        assert app_server.alive()
    except Exception:
        shot(page, f"FAILED-import-{lang}")
        raise
    finally:
        page.context.close()

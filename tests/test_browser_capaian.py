"""The manager's flow in headless Chromium: Scores in Indonesian, switch to capaian, download the LKjIP
for 2010 and the briefing PDF, and read them back (22 indicators, one chart per sasaran)."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
import pytest

from tests.conftest import new_page, shot, wait_idle

pytestmark = pytest.mark.browser


def test_manager_downloads_lkjip_and_briefing(browser, app_server):
    page = new_page(browser, width=1366, height=900, locale="id-ID")
    try:
        page.goto(app_server.url + "/scores")
        page.wait_for_selector("h1", timeout=60_000)
        wait_idle(page, 60_000)
        page.get_by_text("Capaian (%)", exact=True).first.click()
        wait_idle(page, 60_000)
        page.wait_for_selector("text=satu Kabupaten", timeout=30_000)
        shot(page, "capaian-scores-id")
        with page.expect_download(timeout=120_000) as dl:
            page.get_by_role("button", name="LKjIP (Word)").click()
        assert dl.value.suggested_filename.endswith("_LKjIP_2010.docx")
        d = docx.Document(dl.value.path())
        tables = [t for t in d.tables if t.rows[0].cells[0].text == "No"]
        rows = [[c.text for c in r.cells] for t in tables for r in t.rows[2:]]
        assert len(rows) == 22 and rows[0][5:7] == ["98,59", "Sangat Baik"]
        assert len(d.inline_shapes) == 12
        with page.expect_download(timeout=120_000) as dl:
            page.get_by_role("button", name="Ringkasan (PDF)").click()
        data = Path(dl.value.path()).read_bytes()
        # index, strategy map, heatmap, then the 7 red and yellow KPIs over 3 pages (in the app each block
        # also carries its evidence line, so they take one page more than from the CLI)
        pdf = pypdf.PdfReader(dl.value.path())
        assert data.startswith(b"%PDF-") and len(pdf.pages) == 6
        assert "L1a" in pdf.pages[3].extract_text() and "bukti" in pdf.pages[3].extract_text().lower()
    finally:
        page.context.close()

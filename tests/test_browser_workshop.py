"""A live workshop in real browsers: one facilitator and three participants (own browser contexts)
against one app server; the facilitator's live view sees every submission within seconds, adopts
the group weights (the index changes), and everything survives a server restart."""

from __future__ import annotations

import re
import time

import pytest

from tests.conftest import AppServer, new_page, shot, wait_idle

pytestmark = pytest.mark.browser

#: Slider moves per participant: (slider number on the page, key, presses).
MOVES = {
    "Ani": [(0, "ArrowLeft", 2), (1, "ArrowLeft", 4), (6, "ArrowLeft", 2)],
    "Budi": [(0, "ArrowLeft", 1), (1, "ArrowLeft", 2), (2, "ArrowRight", 2), (6, "ArrowLeft", 3)],
    "Citra": [(0, "ArrowRight", 2), (1, "ArrowLeft", 6), (4, "ArrowRight", 1), (6, "ArrowRight", 1)],
}


def _warm_up(browser, srv: AppServer) -> None:
    """Open the app's root once. Until some session has run app.py, Streamlit runs the files of
    pages/ as a v1 multipage app (pages/ exists); the first session then loses widget state on its
    first page switch. Real users hit that only right after a restart; the tests warm up instead."""
    page = new_page(browser)
    page.goto(srv.url + "/")
    page.wait_for_selector("h1", timeout=60_000)
    wait_idle(page)
    page.context.close()


def _tall_shot(page, name: str, height: int = 1900) -> None:
    """Streamlit scrolls inside its main block, so a full-page screenshot is one viewport: grow it."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    page.evaluate("() => document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer]')"
                  ".forEach(e => e.scrollTop = 0)")
    page.wait_for_timeout(600)
    shot(page, name)
    page.set_viewport_size(size)


def _cell(page, text: str):
    """A data-frame cell (the grid is drawn on a canvas; its cells sit in a hidden accessible table)."""
    return page.locator('td[role="gridcell"]', has_text=text).first


def _index(page) -> str:
    return page.locator(".sc-index").first.inner_text().split()[0]


def _join(browser, link: str, name: str, *, locale: str = "en-US", width: int = 412, height: int = 915):
    page = new_page(browser, width=width, height=height, locale=locale)
    page.goto(link)
    field = page.get_by_label("Nama Anda" if locale.startswith("id") else "Your name")
    field.wait_for(timeout=60_000)
    field.fill(name)
    page.get_by_role("button", name="Gabung" if locale.startswith("id") else "Join").click()
    page.get_by_role("slider").first.wait_for()
    wait_idle(page)
    return page


def _answer(page, name: str, *, submit: str = "Submit my answers") -> None:
    sliders = page.get_by_role("slider")
    assert sliders.count() == 12  # 6 pairs of perspectives + 6 of the Customer objectives
    for number, key, presses in MOVES[name]:
        thumb = sliders.nth(number)
        thumb.focus()
        for _ in range(presses):
            page.keyboard.press(key)
        wait_idle(page)
    page.get_by_role("button", name=submit).click()
    wait_idle(page)


def test_live_workshop_three_participants(browser, tmp_path):
    srv = AppServer(tmp_path).start()
    srv2: AppServer | None = None
    try:
        _warm_up(browser, srv)
        fac = new_page(browser)
        fac.goto(srv.url + "/")
        fac.wait_for_selector(".sc-index", timeout=60_000)
        wait_idle(fac)
        index_before = _index(fac)

        # Facilitator: choose the perspectives and the Customer objectives, start.
        fac.get_by_role("link", name="Workshop").click()
        fac.get_by_role("button", name="Start the workshop").wait_for()
        wait_idle(fac)
        fac.locator('[data-testid="stMultiSelect"] input').click()
        fac.keyboard.type("Objectives of Customer")
        fac.get_by_role("option", name=re.compile("Objectives of Customer")).click()
        fac.keyboard.press("Escape")
        wait_idle(fac)
        fac.get_by_label("Your name (facilitator; shown in the audit log)").fill("Dewi")
        fac.get_by_label("Your name (facilitator; shown in the audit log)").press("Enter")
        wait_idle(fac)
        assert "12 pairs" in fac.locator("body").inner_text()
        fac.get_by_role("button", name="Start the workshop").click()
        code = fac.locator('[data-testid="ws-code"]')
        code.wait_for()
        wait_idle(fac)
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code.inner_text().strip())
        join_link = fac.locator('a[href*="join="]').first.get_attribute("href")
        assert join_link and join_link.startswith(srv.url)
        assert "ft=" in fac.url and "w=" in fac.url
        _tall_shot(fac, "workshop-facilitator-start-1366-en", 1100)

        # Three participants join from the link, move sliders with the keyboard and submit.
        people = {}
        for name, locale in (("Ani", "en-US"), ("Budi", "en-US"), ("Citra", "id-ID")):
            page = _join(browser, join_link, name, locale=locale)
            assert "pt=" in page.url and "join=" not in page.url
            assert page.locator('[data-testid="stSidebar"]').count() == 0  # no app sidebar for participants
            people[name] = page
        _answer(people["Ani"], "Ani")
        people["Ani"].get_by_text("Thank you").wait_for()
        _tall_shot(people["Ani"], "workshop-participant-412-en", 2600)
        _answer(people["Budi"], "Budi")
        people["Budi"].get_by_text("Thank you").wait_for()
        _answer(people["Citra"], "Citra", submit="Kirim jawaban saya")
        people["Citra"].get_by_text("Terima kasih").wait_for()
        submitted_at = time.monotonic()
        _tall_shot(people["Citra"], "workshop-participant-412-id", 2600)

        # The facilitator's live view shows all three within a few seconds, without any click.
        fac.get_by_text("3 / 3").wait_for(timeout=10_000)
        seen_after = time.monotonic() - submitted_at
        print(f"facilitator saw 3 / 3 submitted {seen_after:.1f} s after the last submit")
        assert seen_after < 8
        roll = fac.locator('[data-testid="ws-people"]').inner_text()
        for name in MOVES:
            assert f"✓ {name}" in roll, roll
        fac.get_by_text("Discuss next").wait_for()
        assert fac.locator(".sc-disc").count() >= 1  # the most disputed judgments
        _tall_shot(fac, "workshop-facilitator-1366-en", 2300)

        # Close the round: a participant is told in their language and cannot submit any more.
        fac.get_by_role("button", name="Close the round").click()
        fac.get_by_text("The round is closed").first.wait_for()
        people["Citra"].reload()
        people["Citra"].get_by_text("Fasilitator sudah menutup lokakarya ini").wait_for(timeout=60_000)
        assert people["Citra"].get_by_role("button", name="Kirim jawaban saya").count() == 0

        # Adopt: the scorecard's index changes on screen.
        fac.get_by_role("button", name="Adopt group weights").click()
        fac.get_by_text("group judgments into the scorecard").wait_for()
        wait_idle(fac)
        flash = fac.get_by_text("group judgments into the scorecard").inner_text()
        assert "Index" in flash
        facilitator_link = fac.url
        w_token = re.search(r"[?&]w=([^&]+)", facilitator_link).group(1)
        fac.get_by_role("link", name="Overview").click()
        fac.wait_for_selector(".sc-index")
        wait_idle(fac)
        index_after = _index(fac)
        assert index_after != index_before, (index_before, index_after)
        fac.get_by_role("link", name="Audit log").click()
        _cell(fac, "Workshop adopted").wait_for(state="attached")
        wait_idle(fac)
        assert _cell(fac, "Dewi").count() == 1
        _tall_shot(fac, "audit-1366-en", 1300)
        fac.get_by_text("Bahasa Indonesia").click()
        _cell(fac, "Hasil lokakarya").wait_for(state="attached")
        wait_idle(fac)
        _tall_shot(fac, "audit-1366-id", 1300)
        for page in [fac, *people.values()]:
            page.context.close()

        # Restart: a new server on the same database still has the workshop and the weights.
        srv.stop()
        srv2 = AppServer(tmp_path).start()
        assert srv2.env["SCORECARD_DB_URL"] == srv.env["SCORECARD_DB_URL"]
        again = new_page(browser, locale="id-ID")
        again.goto(facilitator_link.replace(srv.url, srv2.url))
        again.get_by_text("Sudah mengirim semua").wait_for(timeout=60_000)
        wait_idle(again)
        again.get_by_text("3 / 3").wait_for()
        again.get_by_text(re.compile(r"· ditutup · diterapkan \d\d:\d\d")).wait_for()
        _tall_shot(again, "workshop-facilitator-1366-id", 2100)
        ws_page = new_page(browser)
        ws_page.goto(f"{srv2.url}/?w={w_token}")
        ws_page.wait_for_selector(".sc-index", timeout=60_000)
        wait_idle(ws_page)
        assert _index(ws_page) == index_after
    finally:
        srv.stop()
        if srv2 is not None:
            srv2.stop()

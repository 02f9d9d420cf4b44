"""No request leaves the server's own origin: every page, the presenter screens and the workshop
participant view load their scripts, fonts, icons and charts from the app server itself (a public
office's network may block or log outside hosts). Real headless Chromium; any other request is
recorded and refused."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import new_page
from tests.test_browser_presenter import settle

pytestmark = pytest.mark.browser

PAGES = ["Overview", "Data", "Weights (AHP)", "Scores (OMAX)", "Strategy map", "Heatmap", "Workshop", "Audit log"]


def test_every_request_stays_on_the_server(browser, app_server):
    own = urlsplit(app_server.url).netloc
    seen: list[str] = []
    outside: list[str] = []

    def on_route(route) -> None:
        url = route.request.url
        seen.append(url)
        host = urlsplit(url).netloc
        if url.startswith(("data:", "blob:")) or host == own:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page = new_page(browser, width=1366, height=768, locale="id-ID")
    try:
        page.context.route("**/*", on_route)
        page.on("websocket", lambda ws: seen.append(ws.url) if urlsplit(ws.url).netloc == own
                else outside.append(ws.url))
        page.goto(app_server.url + "/")
        page.wait_for_selector(".st-key-_w_lang", timeout=60_000)
        settle(page)
        page.locator(".st-key-_w_lang").get_by_text("English").click()  # the sidebar language switch
        settle(page)
        for label in PAGES:
            page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click()
            settle(page)
            page.wait_for_timeout(600)
        page.get_by_text("Presenter mode", exact=True).click()
        settle(page)
        for _ in range(3):
            page.keyboard.press("PageDown")
            settle(page)
        page.goto(app_server.url + "/?join=ABCDEF")  # a participant's join link (unknown code: the form)
        settle(page)
        page.wait_for_timeout(800)
        assert len(seen) > 20, seen  # the pages really loaded through the recorder
        assert any("/static/" in u or u.endswith(".js") for u in seen), seen[:20]
        assert outside == [], sorted(set(outside))
    finally:
        page.context.close()

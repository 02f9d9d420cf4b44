"""Screenshots of every page at projector, laptop and phone sizes in both languages, for looking at
layouts by eye (issue #10 part 2): ``python -m tests.screens [out_dir] [--only overview,weights]``.

Starts its own app server (its own SQLite in a temporary folder) on 127.0.0.1, drives Debian's
chromium and writes ``<page>-<width>-<lang>.png`` (full page) to ``out_dir`` (default
test-output/screens/). Not a test: the layout checks that can be measured are in
tests/test_browser_layouts.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, AppServer, new_page
from tests.test_browser_presenter import settle

SIZES = {"1366": (1366, 768), "1920": (1920, 1080), "375": (375, 812)}
LOCALES = {"en": "en-US", "id": "id-ID"}
PAGES = {  # file name: (English nav label, Indonesian nav label, expected plotly charts)
    "overview": ("Overview", "Ringkasan", 0),
    "data": ("Data", "Data", 0),
    "weights": ("Weights (AHP)", "Bobot (AHP)", 0),
    "scores": ("Scores (OMAX)", "Skor (OMAX)", 0),
    "map": ("Strategy map", "Peta strategi", 0),
    "heatmap": ("Heatmap", "Peta panas", 0),
    "cascade": ("Cascade", "Kaskade", 0),
    "workshop": ("Workshop", "Lokakarya", 0),
    "audit": ("Audit log", "Log audit", 0),
}


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    settle(page)


def _nav(page, label: str, charts: int, phone: bool) -> None:
    if phone:
        # the sidebar is collapsed on a phone: open it, pick the page (it closes itself)
        expand = page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button')
        if expand.count() and expand.first.is_visible():
            expand.first.click()
            page.wait_for_timeout(400)
    page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click()
    _settle(page, charts)  # on a phone the app folds the sidebar itself: a shot with it open is a finding
    page.wait_for_timeout(500)


def close_sidebar(page) -> None:
    """Fold the sidebar away if it covers the page (a phone keeps it open after navigating)."""
    page.wait_for_timeout(300)
    btn = page.locator('[data-testid="stSidebarCollapseButton"] button')
    if btn.count() and btn.first.is_visible():
        btn.first.click()
        page.wait_for_timeout(400)


def _settle(page, charts: int = 0) -> None:
    try:
        settle(page, charts)
    except Exception:  # noqa: BLE001 - a chart that is not there (e.g. another view) must not stop the shots
        page.wait_for_timeout(1000)


def full_shot(page, path: Path, max_height: int = 7000) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main section, so the viewport is
    made as tall as that section's content for the shot, then put back."""
    vp = page.viewport_size
    h = page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]') || document.body;"
                      " return m.scrollHeight; }")
    page.set_viewport_size({"width": vp["width"], "height": max(vp["height"], min(int(h), max_height))})
    page.wait_for_timeout(700)
    page.screenshot(path=str(path))
    page.set_viewport_size(vp)
    page.wait_for_timeout(300)


def participant_shots(browser, url: str, out: Path) -> list[Path]:
    """A facilitator (1366, English) starts a workshop; a participant opens its join link on a phone
    (375 x 812) in each language: ``participant-join-375-<lang>.png`` and ``participant-375-<lang>.png``."""
    fac = new_page(browser, width=1366, height=768)
    shots: list[Path] = []
    try:
        _open(fac, url + "/")
        fac.locator('[data-testid="stSidebarNav"] a', has_text="Workshop").first.click()
        fac.get_by_role("button", name="Start the workshop").wait_for(timeout=60_000)
        fac.get_by_label("Your name (facilitator; shown in the audit log)").fill("Dewi")
        fac.get_by_role("button", name="Start the workshop").click()
        fac.locator('a[href*="join="]').first.wait_for(timeout=60_000)
        link = fac.locator('a[href*="join="]').first.get_attribute("href")
        for lang, locale in LOCALES.items():
            page = new_page(browser, width=375, height=812, locale=locale)
            page.goto(link)
            field = page.get_by_label("Nama Anda" if lang == "id" else "Your name")
            field.wait_for(timeout=60_000)
            _settle(page)
            shots.append(out / f"participant-join-375-{lang}.png")
            full_shot(page, shots[-1])
            field.fill("Ani")
            page.get_by_role("button", name="Gabung" if lang == "id" else "Join").click()
            page.get_by_role("slider").first.wait_for(timeout=60_000)
            _settle(page)
            shots.append(out / f"participant-375-{lang}.png")
            full_shot(page, shots[-1])
            page.context.close()
    finally:
        fac.context.close()
    return shots


def take(out: Path, only: set[str] | None = None, sizes: set[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        srv = AppServer(Path(tmp)).start()
        try:
            with sync_playwright() as pw:
                b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                for size, (w, h) in SIZES.items():
                    if sizes and size not in sizes:
                        continue
                    for lang, locale in LOCALES.items():
                        page = new_page(b, width=w, height=h, locale=locale)
                        _open(page, srv.url + "/")
                        for name, (en, id_, charts) in PAGES.items():
                            if only and name not in only:
                                continue
                            _nav(page, id_ if lang == "id" else en, charts, size == "375")
                            path = out / f"{name}-{size}-{lang}.png"
                            full_shot(page, path)
                            shots.append(path)
                        if not only or "presenter" in only:
                            _nav(page, "Ringkasan" if lang == "id" else "Overview", 1, size == "375")
                            if size == "375":  # the toggle is in the folded sidebar
                                page.locator('[data-testid="stExpandSidebarButton"]').first.click()
                                page.wait_for_timeout(400)
                            page.get_by_text("Mode presentasi" if lang == "id" else "Presenter mode",
                                             exact=True).click()
                            _settle(page)
                            for k in range(1, 5):
                                page.wait_for_timeout(600)
                                path = out / f"presenter{k}-{size}-{lang}.png"
                                page.screenshot(path=str(path), full_page=False)
                                shots.append(path)
                                page.keyboard.press("PageDown")
                                _settle(page, 1 if k < 4 else 0)
                        page.context.close()
                if not sizes or "375" in sizes:
                    shots += participant_shots(b, srv.url, out)
                b.close()
        finally:
            srv.stop()
    return shots


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    target = Path(args[0]) if args else ROOT / "test-output" / "screens"
    only = set(opts["only"].split(",")) if "only" in opts else None
    sizes = set(opts["sizes"].split(",")) if "sizes" in opts else None
    for p in take(target, only, sizes):
        print(p)

"""Shared fixtures: paths, the demo scorecard, a live app server and headless Chromium.

Browser tests use Debian's chromium (``/usr/bin/chromium``) through Playwright's Python package;
they never download a browser. Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check results, not speed: no per-example deadline (a loaded 2-core machine can take
# 0.5 s for an example that takes 5 ms here; wall time is measured in bench/, never asserted in tests).
hypothesis_settings.register_profile("scorecard", deadline=None)
hypothesis_settings.load_profile("scorecard")

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("SCORECARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


# ---- the user's data is never touched by tests -------------------------------------------------------

#: The database a user of this checkout works in (scorecard.store.storage.DEFAULT_SQLITE_PATH).
USER_DB = ROOT / "data" / "scorecard.sqlite"


def user_db_state() -> tuple[bool, float, str]:
    """(exists, mtime, sha256) of the user's database file and its WAL/journal companions."""
    parts: list[str] = []
    mtime = 0.0
    for suffix in ("", "-wal", "-journal", "-shm"):
        p = USER_DB.with_name(USER_DB.name + suffix)
        if p.exists():
            mtime = max(mtime, p.stat().st_mtime)
            parts.append(suffix + ":" + hashlib.sha256(p.read_bytes()).hexdigest())
    return USER_DB.exists(), mtime, "|".join(parts)


@pytest.fixture(autouse=True)
def _own_database(tmp_path_factory, monkeypatch) -> Iterator[str]:
    """Every test gets its own SQLite file through SCORECARD_DB_URL (AppTest runs app.py in this
    process and opens whatever that variable names), so no test ever opens data/scorecard.sqlite.
    A test that wants PostgreSQL or a particular file sets the variable again itself."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    yield url


def pytest_sessionstart(session) -> None:
    session.config._user_db_before = user_db_state()  # type: ignore[attr-defined]


def pytest_sessionfinish(session, exitstatus) -> None:
    """Fail the run when the suite created or changed the user's database (checked in every
    process: the xdist controller and each worker)."""
    before = getattr(session.config, "_user_db_before", None)
    if before is None:
        return
    after = user_db_state()
    if after != before:
        what = "created" if after[0] and not before[0] else "changed"
        session.config.get_terminal_writer().line(
            f"\nERROR: the test suite {what} {USER_DB} (the user's database): a test opened the default store.",
            red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def reference_dir() -> Path:
    """The study's inputs: shared/reference next to the repo when present, else the copy in data/."""
    for cand in (ROOT.parent / "shared" / "reference" / "samsat-karang-ploso", ROOT / "data" / "reference"):
        if (cand / "kpis.csv").exists():
            return cand
    raise FileNotFoundError("reference case not found")


@pytest.fixture(scope="session")
def reference():
    """The study's scorecard built from its CSV inputs."""
    from scorecard.io.reference_case import load_reference

    return load_reference(reference_dir())


@pytest.fixture(scope="session")
def demo():
    """The built-in demo scorecard (data/demo.xlsx)."""
    from scorecard.io.demo import load_demo

    return load_demo()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """A Streamlit server of this repo on a loopback port, with its own store."""

    def __init__(self, tmp: Path, env: dict[str, str] | None = None, script: Path | None = None) -> None:
        self.script = script or ROOT / "app.py"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = tmp
        self.log = tmp / f"server-{self.port}.log"
        self.env = {**os.environ, "SCORECARD_DB_URL": f"sqlite:///{tmp / 'app.sqlite'}", **(env or {})}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> AppServer:
        fh = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=self.env, stdout=fh, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not start within 60 s")

    def alive(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[AppServer]:
    """One app server for the browser tests of a worker."""
    srv = AppServer(tmp_path_factory.mktemp("app")).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright (skips when chromium is absent)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_page(browser, *, width: int = 1366, height: int = 768, locale: str = "en-US"):
    """A fresh browser context and page at a given viewport and browser locale."""
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    return page


def wait_idle(page, timeout: float = 20_000) -> None:
    """Wait until Streamlit has finished running the script (no 'Running...' status widget)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(200)


def shot(page, name: str) -> Path:
    """Save a full-page screenshot under test-output/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# ---- AppTest helpers shared by the page tests ----------------------------------------------------

APPTEST_TIMEOUT = 60


def open_page(page: str, lang: str = "en"):
    """An AppTest of the whole app (app.py) switched to ``page`` in ``lang``, with no exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APPTEST_TIMEOUT)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(page).run()
    no_exception(at)
    return at


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at) -> str:
    """Every text element of an AppTest run, joined (for 'is this shown?' checks)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [s.value for s in at.success] + [i.value for i in at.info]
    parts += [h.value for h in at.subheader] + [t.value for t in at.title]
    return "\n".join(parts)


def pytest_collection_modifyitems(config, items):
    """A browser test that fails is run once more before it counts as failed (pytest-rerunfailures).

    Headless Chromium on a loaded 2-core CI machine sometimes misses a rerun of the Streamlit script
    by a few hundred milliseconds; a real defect fails both runs. Reruns are printed in the summary
    ("R"), so a test that needs one is visible, not hidden. Domain and AppTest tests are never rerun."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))

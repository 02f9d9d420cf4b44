"""Two app replicas on one PostgreSQL database run one live workshop (issue 14, item 7).

What it proves, with real processes and a real browser (headless chromium):

- Replica A and replica B are two ``streamlit run app.py`` servers with the same ``SCORECARD_DB_URL``
  (a fresh schema of a throwaway PostgreSQL server, tests/pg.py) and nothing else in common. Every
  browser goes through one sticky proxy (tests/sticky_proxy.py, standing in for the nginx of
  docs/deploy.md): its affinity cookie sends the facilitator to A and the participants to B.
- The facilitator starts the workshop on A; participants join from the join link and submit on B.
  A's live view (a fragment polling the database every 2 s) shows them without any click.
- B is killed with SIGKILL mid-workshop: after four acknowledged submissions ("Thank you" on the
  page) and while one participant has a moved but unsubmitted slider. The facilitator's session
  on A keeps running. The participant reloads the open page (same browser, same link); the proxy
  now sends it to A, which shows their acknowledged answers, not the unsubmitted draft. A further
  participant whose cookie prefers B joins and is served by A.
- Every acknowledged answer is in the database, exactly (a fresh ``Store`` on the same URL), and
  the facilitator's screen on A shows all five participants and the group weights computed
  independently here from those answers. Adopting on A writes exactly that group matrix into the
  scorecard.

The expected answers come from the keyboard presses on each slider (position -> Saaty value via
:func:`scorecard.ui.pairwise.value_at`), not from the database.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect

from scorecard import display
from scorecard.io.demo import load_demo
from scorecard.method import ahp
from scorecard.model import ROOT
from scorecard.store import workshop as ws
from scorecard.store.storage import Store
from scorecard.ui.pairwise import value_at
from tests.conftest import AppServer, new_page, wait_idle
from tests.pg import fresh_schema, pg_server_url
from tests.sticky_proxy import COOKIE, StickyProxy

# pytest fixture from tests/pg.py (no conftest); listing it marks the import as used.
__all__ = ["pg_server_url"]

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

Moves = list[tuple[int, int]]  # (slider number, signed key presses: < 0 ArrowLeft, > 0 ArrowRight)

#: Acknowledged answers per participant (slider moves from the neutral middle, 1 = equal).
ON_B: dict[str, Moves] = {
    "Ani": [(0, -2), (3, 1)],
    "Budi": [(0, -1), (1, -3), (5, 2)],
    "Citra": [(0, 2), (2, -1)],
    "Dedi": [(1, -2), (4, 1)],
}
#: Dedi's slider move on B that is never submitted (B dies first): it must not be stored.
DEDI_UNSENT: Moves = [(5, -4)]
#: After B is gone: Dedi changes one answer and submits again on A; Eko joins on A.
DEDI_ON_A: Moves = [(2, 3)]
EKO_ON_A: Moves = [(0, -3), (1, 1), (3, -2)]


def _positions(*moves: Moves) -> dict[int, int]:
    pos: dict[int, int] = {}
    for m in moves:
        for number, presses in m:
            pos[number] = pos.get(number, 0) + presses
    return pos


def _answers(pairs: list[tuple[str, str]], pos: dict[int, int]) -> dict[tuple[str, str], float]:
    """The stored Saaty values for slider positions (an untouched slider is submitted as 1 = equal)."""
    return {p: ahp.nearest_scale(value_at(pos.get(k, 0))) for k, p in enumerate(pairs)}


def _move(page, moves: Moves) -> None:
    sliders = page.get_by_role("slider")
    for number, presses in moves:
        thumb = sliders.nth(number)
        thumb.focus()
        for _ in range(abs(presses)):
            page.keyboard.press("ArrowLeft" if presses < 0 else "ArrowRight")
        wait_idle(page)


def _submit(page, *, lang: str = "en") -> None:
    """Press Submit and wait for the acknowledgement (the answers are committed before it shows)."""
    page.get_by_role("button", name="Kirim jawaban saya" if lang == "id" else "Submit my answers").click()
    page.get_by_text("Terima kasih" if lang == "id" else "Thank you").wait_for()
    wait_idle(page)


def _sticky(page, proxy: StickyProxy, replica: int):
    """Give the page's browser the proxy's affinity cookie for ``replica`` (0 = A, 1 = B)."""
    page.context.add_cookies([{"name": COOKIE, "value": str(replica), "url": proxy.url}])
    return page


def _join(browser, link: str, name: str, proxy: StickyProxy, replica: int, *, locale: str = "en-US"):
    page = _sticky(new_page(browser, width=412, height=915, locale=locale), proxy, replica)
    page.goto(link)
    field = page.get_by_label("Nama Anda" if locale.startswith("id") else "Your name")
    field.wait_for(timeout=60_000)
    field.fill(name)
    page.get_by_role("button", name="Gabung" if locale.startswith("id") else "Join").click()
    expect(page.get_by_role("slider")).to_have_count(6)  # the 6 pairs of the 4 perspectives (drawn one by one)
    wait_idle(page)
    return page


def _open_root(browser, url: str):
    page = new_page(browser)
    page.goto(url + "/")
    page.wait_for_selector(".sc-index", timeout=60_000)
    wait_idle(page)
    return page


@pytest.fixture
def replicas(pg_server_url: str, tmp_path: Path) -> Iterator[tuple[str, AppServer, AppServer, StickyProxy]]:
    """(database URL, replica A, replica B, sticky proxy in front of both): two app servers on one
    fresh PostgreSQL schema, started at the same time."""
    with fresh_schema(pg_server_url) as url:
        servers = [AppServer(tmp_path, env={"SCORECARD_DB_URL": url}) for _ in range(2)]
        try:
            t0 = time.monotonic()
            with ThreadPoolExecutor(2) as pool:
                list(pool.map(AppServer.start, servers))
            print(f"two replicas started in {time.monotonic() - t0:.1f} s")
            proxy = StickyProxy([srv.port for srv in servers]).start()
            try:
                yield url, servers[0], servers[1], proxy
            finally:
                proxy.stop()
        finally:
            for srv in servers:
                srv.stop()


class Steps:
    """Elapsed seconds per step, printed at the end (run with -s to see where the time goes)."""

    def __init__(self) -> None:
        self.t0 = self.last = time.monotonic()
        self.rows: list[str] = []

    def __call__(self, what: str) -> None:
        now = time.monotonic()
        self.rows.append(f"{what}: {now - self.last:.1f} s")
        self.last = now

    def report(self) -> str:
        return f"total {time.monotonic() - self.t0:.1f} s; " + "; ".join(self.rows)


def test_workshop_across_two_replicas_survives_a_killed_replica(browser, replicas) -> None:
    url, a, b, proxy = replicas
    step = Steps()
    sc = load_demo()  # the app opens the demo scorecard; the workshop judges its perspectives
    kids = sc.children(ROOT)
    pairs = [(kids[i], kids[j]) for i in range(len(kids)) for j in range(i + 1, len(kids))]
    assert len(pairs) == 6

    # Both replicas serve the app (the first session of a fresh server also settles Streamlit's
    # page registry, see tests/test_browser_workshop.py::_warm_up).
    for srv in (a, b):
        _open_root(browser, srv.url).context.close()
    step("warm-up")

    # Facilitator on A: the default comparison is the perspectives (6 pairs).
    fac = _sticky(new_page(browser), proxy, 0)
    fac.goto(proxy.url + "/")
    fac.wait_for_selector(".sc-index", timeout=60_000)
    wait_idle(fac)
    fac.get_by_role("link", name="Workshop").click()
    fac.get_by_role("button", name="Start the workshop").wait_for()
    wait_idle(fac)
    fac.get_by_label("Your name (facilitator; shown in the audit log)").fill("Dewi")
    fac.get_by_label("Your name (facilitator; shown in the audit log)").press("Enter")
    wait_idle(fac)
    assert "6 pairs" in fac.locator("body").inner_text()
    fac.get_by_role("button", name="Start the workshop").click()
    fac.locator('[data-testid="ws-code"]').wait_for()
    wait_idle(fac)
    join = fac.locator('a[href*="join="]').first.get_attribute("href")
    assert join and join.startswith(proxy.url + "/?join=")  # the address the browsers use
    ft = re.search(r"[?&]ft=([^&]+)", fac.url).group(1)
    step("facilitator starts on A")

    # Four participants on B: each submission is acknowledged on the page.
    people = {}
    for name, moves in ON_B.items():
        locale = "id-ID" if name == "Citra" else "en-US"
        page = _join(browser, join, name, proxy, 1, locale=locale)
        assert "pt=" in page.url
        _move(page, moves)
        _submit(page, lang="id" if name == "Citra" else "en")
        people[name] = page
    tokens = {name: re.search(r"[?&]pt=([^&]+)", p.url).group(1) for name, p in people.items()}
    expected = {name: _answers(pairs, _positions(moves)) for name, moves in ON_B.items()}
    step("4 participants submit on B")

    # A shows B's participants by itself (its live view polls the shared database).
    fac.get_by_text("4 / 4").wait_for(timeout=15_000)
    roll = fac.locator('[data-testid="ws-people"]').inner_text()
    assert all(f"✓ {name}" in roll for name in ON_B), roll
    step("A shows 4 / 4")

    # Up to here every connection of a participant went to B, and every one of the facilitator to A.
    routed = list(proxy.routes)
    assert {index for key, index in routed if key == "1"} == {1}
    assert {index for key, index in routed if key == "0"} == {0}

    # Dedi moves a slider but B dies before he submits. SIGKILL: no clean shutdown of anything.
    dedi = people["Dedi"]
    _move(dedi, DEDI_UNSENT)
    dedi.get_by_text("6 pairs · changed, not submitted yet").wait_for()  # the draft is in B's memory
    assert b.proc is not None
    b.proc.send_signal(signal.SIGKILL)
    assert b.proc.wait(timeout=30) == -signal.SIGKILL
    after_kill = len(proxy.routes)  # (connections made between the kill and here are not checked)
    assert not b.alive() and a.alive()
    for name, page in people.items():
        if name != "Dedi":
            page.context.close()
    step("B killed")

    # Dedi's page reconnects through the proxy to A by itself, but Streamlit does not rerun an idle
    # page on reconnecting, so it keeps showing the old screen until he touches it. He reloads it
    # (same browser, same link): A serves it from the database and shows his acknowledged answers;
    # the unsent slider move lived only in B's memory.
    dedi.reload()
    dedi.get_by_text("6 pairs · ✓ submitted").wait_for(timeout=60_000)
    wait_idle(dedi)
    assert "You take part as Dedi" in dedi.locator("body").inner_text()
    assert ("1", 0) in proxy.routes[len(routed):]  # a B browser served by A: only possible after the kill
    _move(dedi, DEDI_ON_A)
    _submit(dedi)
    expected["Dedi"] = _answers(pairs, _positions(ON_B["Dedi"], DEDI_ON_A))
    assert expected["Dedi"] != _answers(pairs, _positions(ON_B["Dedi"], DEDI_UNSENT, DEDI_ON_A))
    step("Dedi resubmits on A")

    # A further participant, whose browser would prefer B, joins and submits: the proxy sends them to A.
    eko = _join(browser, join, "Eko", proxy, 1)
    _move(eko, EKO_ON_A)
    _submit(eko)
    tokens["Eko"] = re.search(r"[?&]pt=([^&]+)", eko.url).group(1)
    expected["Eko"] = _answers(pairs, _positions(EKO_ON_A))
    assert {index for _, index in proxy.routes[after_kill:]} == {0}
    step("Eko submits on A")

    # Every acknowledged answer is in the database, exactly (read through a fresh connection).
    with Store(url) as store:
        for name, answers in expected.items():
            assert ws.my_answers(store, tokens[name]) == {ROOT: answers}, name
        view = ws.facilitator_view(store, ft)
    assert [(p.name, p.complete) for p in view.participants] == [(n, True) for n in expected]

    # The group result, computed here from the acknowledged answers only.
    mats = [ahp.matrix_from_pairs(kids, expected[n])[0] for n in expected]
    group = ahp.aggregate_group(mats)
    weights = ahp.analyze(group, method=view.method).weights
    (g,) = view.nodes
    assert g.respondents == 5 and np.allclose(g.matrix, group, rtol=0, atol=1e-12)
    step("database checked")

    # A's facilitator screen (never reloaded) shows all five and those group weights.
    fac.get_by_text("5 / 5").wait_for(timeout=15_000)
    roll = fac.locator('[data-testid="ws-people"]').inner_text()
    assert all(f"✓ {name}" in roll for name in expected), roll
    wait_idle(fac)
    shown = " · ".join(f"{c} {display.weight(float(w), 'en')}"
                       for c, w in sorted(zip(kids, weights, strict=True), key=lambda t: -t[1]))
    fac.locator('td[role="gridcell"]', has_text=shown).first.wait_for(state="attached", timeout=10_000)
    step("A shows 5 / 5 and the group weights")

    # Adopt on A: the scorecard in the database holds exactly the group judgments.
    fac.get_by_role("button", name="Close the round").click()
    fac.get_by_text("The round is closed").first.wait_for()
    wait_idle(fac)
    fac.get_by_role("button", name="Adopt group weights").click()
    flash = fac.get_by_text("group judgments into the scorecard")
    flash.wait_for()
    wait_idle(fac)
    adopted_n = int(re.search(r"Adopted (\d+) group judgments", flash.inner_text()).group(1))
    with Store(url) as store:
        adopted = store.load_scorecard(view.scorecard_id).judgments[ROOT]
        log = store.changes(view.scorecard_id)
    assert adopted == ahp.pairs_from_matrix(kids, group)
    changed = sum(v != sc.judgments[ROOT][p] for p, v in adopted.items())
    assert adopted_n == sum(c.kind == "adopt" for c in log) == changed > 0
    assert a.alive()
    step("closed and adopted on A")
    for page in (fac, dedi, eko):
        page.context.close()
    print(step.report())

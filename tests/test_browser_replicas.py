"""Two app replicas on one PostgreSQL (issue #14, point 7): the facilitator works on replica A,
the participants on replica B; replica B is killed mid-workshop; nothing acknowledged is lost and
the last participant finishes on replica A. The deployment this proves is the compose.yaml of
docs/deploy.md (section 10)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from scorecard.store.storage import Store
from tests.conftest import AppServer, new_page, wait_idle
from tests.pg import fresh_schema, pg_server_url
from tests.test_browser_workshop import _answer, _join, _warm_up

__all__ = ["pg_server_url"]


def _start_workshop(fac, url: str) -> str:
    fac.goto(url + "/")
    fac.wait_for_selector(".sc-index", timeout=60_000)
    wait_idle(fac)
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
    fac.get_by_role("button", name="Start the workshop").click()
    fac.locator('[data-testid="ws-code"]').wait_for()
    wait_idle(fac)
    link = fac.locator('a[href*="join="]').first.get_attribute("href")
    assert link and link.startswith(url)
    return link


def _answers(url: str) -> dict[str, int]:
    with Store(url) as s, s.read() as conn:
        rows = conn.execute(sa.text("SELECT p.name, COUNT(s.id) FROM participants p LEFT JOIN submissions s "
                                    "ON s.participant_id = p.id GROUP BY p.name")).all()
    return {r[0]: int(r[1]) for r in rows}


def test_workshop_across_two_replicas_survives_losing_one(browser, tmp_path, pg_server_url):
    with fresh_schema(pg_server_url) as url:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        env = {"SCORECARD_DB_URL": url}
        a = AppServer(tmp_path / "a", env=env)
        b = AppServer(tmp_path / "b", env=env)
        try:
            a.start()
            b.start()  # one database; each replica runs the (locked, idempotent) migration on its first page
            _warm_up(browser, a)
            _warm_up(browser, b)
            fac = new_page(browser)
            join_on_a = _start_workshop(fac, a.url)
            join_on_b = join_on_a.replace(a.url, b.url)

            # Participants on replica B; the facilitator on A sees them live (through PostgreSQL).
            ani = _join(browser, join_on_b, "Ani")
            budi = _join(browser, join_on_b, "Budi")
            citra = _join(browser, join_on_b, "Citra", locale="id-ID")
            _answer(ani, "Ani")
            ani.get_by_text("Thank you").wait_for()
            _answer(budi, "Budi")
            budi.get_by_text("Thank you").wait_for()
            fac.get_by_text("2 / 3").wait_for(timeout=15_000)
            citra_link = citra.url.replace(b.url, a.url)
            assert "pt=" in citra_link

            # Replica B dies (no clean shutdown) while Citra is still answering.
            assert b.proc is not None
            b.proc.kill()
            b.proc.wait(10)
            assert not b.alive()
            assert _answers(url) == {"Ani": 12, "Budi": 12, "Citra": 0}  # every acknowledged answer is stored
            fac.get_by_text("2 / 3").wait_for(timeout=15_000)  # replica A carries on

            # Citra reopens her own link on replica A and finishes there.
            for page in (ani, budi, citra):
                page.context.close()
            citra = new_page(browser, width=412, height=915, locale="id-ID")
            citra.goto(citra_link)
            citra.get_by_role("slider").first.wait_for(timeout=60_000)
            wait_idle(citra)
            _answer(citra, "Citra", submit="Kirim jawaban saya")
            citra.get_by_text("Terima kasih").wait_for()
            fac.get_by_text("3 / 3").wait_for(timeout=15_000)
            assert _answers(url) == {"Ani": 12, "Budi": 12, "Citra": 12}

            # Adopt on A: the scorecard in PostgreSQL holds the group judgments.
            fac.get_by_role("button", name="Adopt group weights").click()
            fac.get_by_text("group judgments into the scorecard").wait_for()
            with Store(url) as s:
                (info,) = s.list_scorecards()
                kinds = [c.kind for c in s.changes(info.id)]
            assert "adopt" in kinds and info.revision >= 2
        finally:
            a.stop()
            b.stop()

"""The Data page's upload runs in a job process: it still loads a workbook (AppTest), and a busy
server or a job over its time limit shows its message, changes nothing, and never a traceback."""

from __future__ import annotations

import pytest

from scorecard.store import jobs
from scorecard.store.jobs import JobLimits, JobRunner
from tests.conftest import texts
from tests.test_page_data import DEMO, data_page, upload


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'data-jobs.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    monkeypatch.delenv("SCORECARD_JOBS", raising=False)
    return url


def test_upload_through_a_job_process_replaces_the_scorecard(monkeypatch) -> None:
    runner = JobRunner(JobLimits(seconds=120))
    calls: list[str] = []
    real = runner._run
    monkeypatch.setattr(runner, "_run", lambda fn, a, k: calls.append(jobs._name(fn)) or real(fn, a, k))
    monkeypatch.setattr(jobs, "_RUNNER", runner)
    at = data_page()
    rev = at.session_state["sc_rev"]
    upload(at, DEMO.read_bytes(), "demo-again.xlsx")
    assert calls == ["scorecard.io.reader.read_workbook"]  # read in a job process, not in the script
    assert at.session_state["sc_rev"] > rev
    assert "demo-again.xlsx” loaded" in texts(at)


def test_a_busy_server_says_try_again_and_reads_the_file_on_the_next_run(monkeypatch) -> None:
    runner = JobRunner(JobLimits(workers=1, queue=0, seconds=120))
    monkeypatch.setattr(jobs, "_RUNNER", runner)
    assert runner._admitted.acquire(blocking=False)  # another user's job holds the only place
    at = data_page()
    rev = at.session_state["sc_rev"]
    upload(at, DEMO.read_bytes(), "busy.xlsx")
    assert at.session_state["sc_rev"] == rev
    assert any("try again in a moment" in w.value for w in at.warning)
    runner._admitted.release()  # the other job ended
    at.button(key="data_upload_retry").click().run()
    assert at.session_state["sc_rev"] > rev
    assert "busy.xlsx” loaded" in texts(at)


def test_a_job_over_its_time_limit_changes_nothing_and_says_so(monkeypatch) -> None:
    monkeypatch.setattr(jobs, "_RUNNER", JobRunner(JobLimits(seconds=0.001)))
    at = data_page("id")
    rev = at.session_state["sc_rev"]
    upload(at, DEMO.read_bytes(), "lambat.xlsx")
    assert at.session_state["sc_rev"] == rev
    assert any("melebihi batas" in e.value for e in at.error)
    assert not at.exception

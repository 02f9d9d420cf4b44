"""Heavy work in job processes (scorecard.store.jobs): the value comes back; a job over its memory or
time limit, a failing job and a full queue each give their own bilingual message, never an exception,
and the calling process carries on."""

from __future__ import annotations

import threading
import time

import pytest

from scorecard.io.demo import DEMO_PATH
from scorecard.io.workbook import read_workbook
from scorecard.store.jobs import JobLimits, JobRunner


def hog(mb: int) -> int:
    """Allocate ``mb`` MB (touching every page)."""
    block = bytearray(mb * 1024 * 1024)
    return len(block)


def nap(seconds: float) -> str:
    time.sleep(seconds)
    return "awake"


def boom() -> None:
    raise RuntimeError("secret internal detail")


def test_a_job_gives_the_same_value_as_running_it_here() -> None:
    data = DEMO_PATH.read_bytes()
    out = JobRunner(JobLimits(seconds=120)).run(read_workbook, data, "demo.xlsx")
    assert out.ok and out.problem == "" and out.message is None
    here = read_workbook(data, "demo.xlsx")
    assert out.value.scorecard == here.scorecard
    assert [p.cell for p in out.value.report.warnings] == [p.cell for p in here.report.warnings]


def test_a_job_over_the_memory_limit_gives_the_memory_message() -> None:
    runner = JobRunner(JobLimits(memory_mb=768, seconds=120))
    out = runner.run(hog, 2048)
    assert not out.ok and out.problem == "memory"
    assert "768 MB" in out.message.text("en") and "memori" in out.message.text("id")
    assert runner.run(hog, 16).value == 16 * 1024 * 1024  # the runner still works afterwards


def test_a_job_over_the_time_limit_is_stopped_with_the_time_message() -> None:
    t0 = time.perf_counter()
    out = JobRunner(JobLimits(seconds=1.5)).run(nap, 60)
    assert not out.ok and out.problem == "timeout"
    assert time.perf_counter() - t0 < 30  # killed, not waited for
    assert "2 seconds" in out.message.text("en") and "detik" in out.message.text("id")


def test_a_failing_job_gives_a_plain_message_without_its_details() -> None:
    out = JobRunner(JobLimits(seconds=60)).run(boom)
    assert not out.ok and out.problem == "failed"
    assert "secret" not in out.message.text("en") and "server log" in out.message.text("en")


def test_a_value_that_cannot_be_sent_to_a_job_fails_plainly() -> None:
    out = JobRunner(JobLimits(seconds=60)).run(nap, lambda: 1)  # a lambda cannot be pickled
    assert not out.ok and out.problem == "failed"


@pytest.mark.parametrize("queue", [0, 1])
def test_beyond_the_queue_bound_the_answer_is_busy_at_once(queue: int) -> None:
    runner = JobRunner(JobLimits(workers=1, queue=queue, seconds=60, wait_seconds=60))
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(runner.run(nap, 3.0))) for _ in range(1 + queue)]
    for t in threads:
        t.start()
        time.sleep(0.3)
    deadline = time.monotonic() + 30
    while runner._admitted._value > 0 and time.monotonic() < deadline:  # until every admitted job is in
        time.sleep(0.05)
    t0 = time.perf_counter()
    out = runner.run(nap, 0)
    assert time.perf_counter() - t0 < 1.0
    assert not out.ok and out.problem == "busy"
    assert "try again in a moment" in out.message.text("en") and "coba lagi" in out.message.text("id")
    for t in threads:
        t.join(60)
    assert [r.value for r in results] == ["awake"] * (1 + queue)  # the admitted jobs all ran
    assert runner.run(nap, 0).ok  # and the runner takes work again


def test_inline_mode_runs_in_this_process(monkeypatch) -> None:
    monkeypatch.setenv("SCORECARD_JOBS", "inline")
    assert JobRunner(JobLimits()).run(nap, 0).value == "awake"


def test_a_download_is_built_in_a_job_and_says_busy_when_the_server_is_full(monkeypatch) -> None:
    from scorecard.io.demo import load_demo
    from scorecard.reports import excel
    from scorecard.store import jobs
    from scorecard.ui.jobs import download_data

    sc = load_demo()
    period = sc.periods()[-1]
    runner = JobRunner(JobLimits(workers=1, queue=0, seconds=120))
    monkeypatch.setattr(jobs, "_RUNNER", runner)
    build = download_data("id", excel.export_csv, sc, period, lang="en")
    assert build() == excel.export_csv(sc, period, lang="en").encode("utf-8")
    assert runner._admitted.acquire(blocking=False)  # the only place is taken
    assert "coba lagi" in build().decode("utf-8")
    runner._admitted.release()

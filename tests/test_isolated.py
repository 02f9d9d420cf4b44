"""Uploads are read in a child process with time and memory limits and a bounded number at once
(scorecard.io.isolated): same result as in process, a stuck or greedy read is stopped with a
message, a full queue says "busy"."""

from __future__ import annotations

import threading
import time

import pytest

from scorecard.io import isolated
from scorecard.io.reader import read_workbook
from scorecard.io.writer import write_workbook


def sleep_for(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def eat_memory(mb: int) -> int:
    blocks = [bytearray(1024 * 1024) for _ in range(mb)]
    return len(blocks)


def test_same_result_as_in_process(demo) -> None:
    data = write_workbook(demo, lang="en")
    here = read_workbook(data, "demo.xlsx")
    there = isolated.read_workbook_isolated(data, "demo.xlsx")
    assert there.scorecard == here.scorecard == demo
    assert there.report == here.report
    upd = isolated.read_workbook_isolated(data, "demo.xlsx", base=demo)
    assert upd.scorecard == demo


def test_a_stuck_read_is_stopped() -> None:
    t0 = time.monotonic()
    with pytest.raises(isolated.LimitExceeded) as e:
        isolated.run_isolated("tests.test_isolated.sleep_for", 30, timeout_s=1.0)
    assert e.value.kind == "time" and "dihentikan" in e.value.msg.id
    assert time.monotonic() - t0 < 15


def test_a_greedy_read_is_stopped() -> None:
    with pytest.raises(isolated.LimitExceeded) as e:
        isolated.run_isolated("tests.test_isolated.eat_memory", 3000, memory_mb=600)
    assert e.value.kind == "memory" and "memory" in e.value.msg.en
    assert isolated.run_isolated("tests.test_isolated.eat_memory", 20, memory_mb=600) == 20


def test_a_full_queue_says_busy() -> None:
    started = threading.Barrier(isolated.MAX_PARALLEL + 1)
    results: list[object] = []

    def occupy() -> None:
        started.wait()
        results.append(isolated.run_isolated("tests.test_isolated.sleep_for", 3, timeout_s=20))

    threads = [threading.Thread(target=occupy) for _ in range(isolated.MAX_PARALLEL)]
    for t in threads:
        t.start()
    started.wait()
    time.sleep(0.5)
    with pytest.raises(isolated.Busy) as e:
        isolated.run_isolated("tests.test_isolated.sleep_for", 0, wait_s=0.1)
    assert "busy" in e.value.msg.en and "sibuk" in e.value.msg.id
    for t in threads:
        t.join()
    assert results == ["woke"] * isolated.MAX_PARALLEL
    assert isolated.run_isolated("tests.test_isolated.sleep_for", 0) == "woke"  # slots are free again

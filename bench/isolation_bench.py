"""Uploads outside the script thread (scorecard.io.isolated): does another session's work still
answer while a big workbook is read, and how much memory do 4 uploads at once take?

* ``score_p95_ms_during_upload`` / ``score_p95_ms_idle``: p95 of one "other user's" script run
  (weights + scores of the demo, what a slider release recomputes) in this process, while a
  1,000 x 24 workbook is read by :func:`read_workbook_isolated` in a thread, and without it. The
  slider itself (browser) is measured by the browser section; this isolates the server side.
* ``upload_parallel_peak_mb``: 4 uploads of that workbook submitted at once: the largest child's
  peak RSS x the number that may run at once (:data:`MAX_PARALLEL`; the others wait or are told
  "busy"), i.e. the bound on the server's extra memory.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from bench import load
from bench.gen import generate


def _other_user(sc) -> None:
    from scorecard.method.scoring import score_period
    from scorecard.method.weights import compute_weights

    score_period(sc, sc.periods()[-1], compute_weights(sc))


def _p95(samples: list[float]) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(0.95 * len(s)))] * 1000


def run() -> dict[str, Any]:
    from scorecard.io import isolated
    from scorecard.io.demo import load_demo
    from scorecard.io.writer import write_workbook

    out: dict[str, Any] = {"load_before": load(), "max_parallel": isolated.MAX_PARALLEL}
    data = write_workbook(generate(1000, 24))
    out["size_mb"] = len(data) / 1e6
    demo = load_demo()
    for _ in range(3):
        _other_user(demo)
    idle: list[float] = []
    for _ in range(40):
        t0 = time.perf_counter()
        _other_user(demo)
        idle.append(time.perf_counter() - t0)

    done = threading.Event()
    result: dict[str, Any] = {}

    def upload() -> None:
        t0 = time.perf_counter()
        res = isolated.read_workbook_isolated(data, "big.xlsx", timeout_s=600)
        result["wall_s"] = time.perf_counter() - t0
        result["kpis"] = len(res.scorecard.kpis) if res.scorecard else 0
        done.set()

    th = threading.Thread(target=upload)
    th.start()
    during: list[float] = []
    while not done.is_set() and len(during) < 20000:
        t0 = time.perf_counter()
        _other_user(demo)
        during.append(time.perf_counter() - t0)
    th.join()
    out["upload"] = result
    out["samples_during"] = len(during)

    outcomes: list[str] = []

    def one() -> None:
        try:
            isolated.read_workbook_isolated(data, "big.xlsx", timeout_s=600)
            outcomes.append("read")
        except isolated.Busy:
            outcomes.append("busy")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out["parallel4"] = {"wall_s": time.perf_counter() - t0, "outcomes": outcomes}
    child_peak_mb = max(isolated.PEAKS_MB) if isolated.PEAKS_MB else None  # each child's own ru_maxrss
    out["child_peak_mb"] = child_peak_mb
    out["load_after"] = load()
    out["keys"] = {"score_p95_ms_idle": _p95(idle), "score_p95_ms_during_upload": _p95(during) if during else None,
                   "upload_parallel_peak_mb": None if child_peak_mb is None else child_peak_mb * isolated.MAX_PARALLEL}
    return out

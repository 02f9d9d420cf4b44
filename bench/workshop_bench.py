"""Workshop: 30 participants submitting at once, against the store API (threads, SQLite in WAL mode
as the app uses by default), while the facilitator's view is polled.

``workshop_visible_s`` = time from the moment all 30 participants start submitting (a barrier
releases them together; each submits every pair of every node of the demo hierarchy) until
``facilitator_view`` shows all 30 as complete with 30 respondents on every node. The Workshop
page refreshes its live part every ``REFRESH_S`` seconds, which comes on top for a person looking
at the screen (reported next to the figure).
"""

from __future__ import annotations

import random
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench import load, stats

PARTICIPANTS = 30
POLL_S = 0.25  # the facilitator polls 8x as often as the page refreshes (every view costs ~0.1 s of CPU)
RUNS = 3


def _one_run(store, sid: int, sc, nodes: list[str], seed: int) -> dict[str, Any]:
    from scorecard.method import ahp
    from scorecard.store import workshop as ws

    rng = random.Random(seed)
    _, code, ftoken = ws.create_workshop(store, sid, nodes, "Facilitator")
    t0 = time.perf_counter()
    tokens = [ws.join(store, code, f"Participant {i + 1:02d}", f"bench-{i}") for i in range(PARTICIPANTS)]
    join_s = time.perf_counter() - t0
    pairs = [(n, kids[i], kids[j]) for n in nodes for kids in [sc.children(n)]
             for i in range(len(kids)) for j in range(i + 1, len(kids))]
    plans = [[(n, a, b, rng.choice(ahp.SCALE)) for n, a, b in pairs] for _ in range(PARTICIPANTS)]
    submit_s: list[float] = []
    view_s: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start: dict[str, float] = {}
    seen: dict[str, float] = {}
    done = threading.Event()

    def mark() -> None:
        start["t"] = time.perf_counter()

    barrier = threading.Barrier(PARTICIPANTS + 1, action=mark)

    finished: list[float] = []

    def participant(i: int) -> None:
        try:
            barrier.wait()
            for n, a, b, v in plans[i]:
                t = time.perf_counter()
                ws.submit(store, tokens[i], n, a, b, v)
                with lock:
                    submit_s.append(time.perf_counter() - t)
            with lock:
                finished.append(time.perf_counter())
        except Exception as e:  # noqa: BLE001 - reported in the results
            errors.append(f"{type(e).__name__}: {e}")

    def facilitator() -> None:
        barrier.wait()
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            view = ws.facilitator_view(store, ftoken)
            view_s.append(time.perf_counter() - t)
            if (len(view.participants) == PARTICIPANTS and all(p.complete for p in view.participants)
                    and all(g.respondents == PARTICIPANTS for g in view.nodes)):
                seen["t"] = time.perf_counter()
                done.set()
                return
            time.sleep(POLL_S)

    threads = [threading.Thread(target=participant, args=(i,)) for i in range(PARTICIPANTS)]
    threads.append(threading.Thread(target=facilitator))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    if errors:
        raise RuntimeError(f"{len(errors)} submissions failed, e.g. {errors[:3]}")
    if "t" not in seen:
        raise RuntimeError("the facilitator view never showed all participants complete")
    return {"visible_s": seen["t"] - start["t"], "all_submitted_s": max(finished) - start["t"], "join_s": join_s, "submissions": len(submit_s),
            "pairs_per_participant": len(pairs), "submit": stats(submit_s), "facilitator_view": stats(view_s)}


def _single(store, sid: int, sc, nodes: list[str]) -> dict[str, Any]:
    """One participant alone submitting every pair: the uncontended cost of a submission."""
    from scorecard.method import ahp
    from scorecard.store import workshop as ws

    _, code, _ = ws.create_workshop(store, sid, nodes, "Facilitator")
    token = ws.join(store, code, "Alone", "bench-alone")
    pairs = [(n, kids[i], kids[j]) for n in nodes for kids in [sc.children(n)]
             for i in range(len(kids)) for j in range(i + 1, len(kids))]
    wall, cpu = [], []
    for k, (n, a, b) in enumerate(pairs):
        c0, t0 = time.process_time(), time.perf_counter()
        ws.submit(store, token, n, a, b, ahp.SCALE[k % 17])
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {"submit": stats(wall, cpu)}


def run() -> dict[str, Any]:
    from scorecard.io.demo import load_demo
    from scorecard.store.storage import Store

    out: dict[str, Any] = {"load_before": load()}
    sc = load_demo()
    nodes = [n for n in sc.nodes() if len(sc.children(n)) >= 2]
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'workshop.sqlite'}")
        store.migrate()
        sid = store.save_scorecard(sc, "bench").id
        out["single_participant"] = _single(store, sid, sc, nodes)
        for r in range(RUNS):
            runs.append(_one_run(store, sid, sc, nodes, seed=r))
        store.dispose()
    vis = [r["visible_s"] for r in runs]
    out.update({"backend": "sqlite (WAL, the app's default store)", "participants": PARTICIPANTS,
                "nodes": len(nodes), "runs": runs, "visible": stats(vis),
                "all_submitted": stats([r["all_submitted_s"] for r in runs]),
                "submit_median_ms": float(np.median([r["submit"]["median_ms"] for r in runs])),
                "submit_p95_ms": float(np.median([r["submit"]["p95_ms"] for r in runs])),
                "view_median_ms": float(np.median([r["facilitator_view"]["median_ms"] for r in runs]))})
    # the page's refresh interval (read from its source: importing a page would run it)
    src = Path(__file__).resolve().parent.parent / "pages" / "workshop.py"
    m = re.search(r"^REFRESH_S\s*=\s*([\d.]+)", src.read_text(), re.M) if src.exists() else None
    out["page_refresh_s"] = float(m.group(1)) if m else None
    out["load_after"] = load()
    out["keys"] = {"workshop_visible_s": out["visible"]["median_ms"] / 1000}
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), default=str))

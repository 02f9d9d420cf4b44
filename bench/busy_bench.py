"""One user's heavy upload must not stall the others (issue 14, item 2), in a real browser.

* ``slider_p95_ms_during_upload``: the Weights-page slider latency (as in :mod:`bench.browser_bench`:
  key press to CR and index changed on screen) while another process uploads a big workbook
  (~16 MB, ~2.7 M cells: 20,000 KPIs x 67 years in a wide Data sheet) through the Data page in a
  loop. The idle figure is measured first in the same run and server (``slider_p95_ms_idle``);
  the goal is < 2 x idle.
* ``upload_parallel_peak_mb``: four browsers upload that workbook at once; the peak resident memory
  of the server's whole process tree (server, forkserver, job processes), sampled every 100 ms from
  /proc. Uploads beyond the job queue's bound are answered "busy" (counted).

The big workbook is written once with openpyxl's write-only mode and cached in the temp folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import CHROMIUM, REPO, load

BIG = Path(tempfile.gettempdir()) / "scorecard-bench-big-20000x67.xlsx"
N_KPIS, YEARS = 20_000, list(range(1960, 2027))
MOVES = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def big_workbook() -> bytes:
    """The big upload (cached): format sheets with 20,000 KPIs and a wide Data sheet of 67 years."""
    if BIG.exists():
        return BIG.read_bytes()
    from openpyxl import Workbook

    rng = random.Random(14)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Perspektif")
    ws.append(["key", "name_en", "name_id"])
    keys = ["F", "C", "P", "L"]
    for k in keys:
        ws.append([k, f"Perspective {k}", f"Perspektif {k}"])
    ws = wb.create_sheet("Sasaran")
    ws.append(["code", "perspective", "name_en", "name_id"])
    for i in range(40):
        ws.append([f"S{i}", keys[i % 4], f"Objective {i}", f"Sasaran {i}"])
    ws = wb.create_sheet("IKU")
    ws.append(["code", "objective", "name_en", "name_id", "unit", "direction", "worst", "ratio_use"])
    for i in range(N_KPIS):
        ws.append([f"K{i}", f"S{i % 40}", f"KPI {i}", f"IKU {i}", "%", "higher", 0, "numerator"])
    ws = wb.create_sheet("Data")
    ws.append(["kpi"] + [f"{w} {y}" for y in YEARS for w in ("Target", "Realisasi")])
    for i in range(N_KPIS):
        row: list[object] = [f"K{i}"]
        for _ in YEARS:
            row += [round(rng.uniform(60, 100), 2), round(rng.uniform(40, 110), 2)]
        ws.append(row)
    out = Path(str(BIG) + ".part")
    wb.save(out)
    out.replace(BIG)
    return BIG.read_bytes()


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return out


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class _Sampler(threading.Thread):
    """Peak RSS of a process tree, sampled every 100 ms until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.base, self.samples = pid, 0.0, _rss_mb(_tree(pid)), 0
        self._stop_ev = threading.Event()

    def run(self) -> None:
        while not self._stop_ev.is_set():
            self.peak = max(self.peak, _rss_mb(_tree(self.pid)))
            self.samples += 1
            time.sleep(0.1)

    def stop(self) -> float:
        self._stop_ev.set()
        self.join(5)
        return self.peak


def _upload_outcome(page, name: str, timeout_ms: int = 600_000) -> str:
    """Wait for the Data page to say what the upload of ``name`` did (every outcome message quotes the
    file name): "loaded", "errors", "busy", "limit" or "failed"."""
    page.wait_for_function("""(name) => {
        const t = document.querySelector('[data-testid="stMain"]').innerText;
        return t.includes('\u201c' + name + '\u201d')
               && !document.querySelector('[data-testid="stStatusWidget"]'); }""", arg=name, timeout=timeout_ms,
                           polling=500)
    text = page.inner_text('[data-testid="stMain"]')
    for word, kind in (("try again in a moment", "busy"), ("limit of", "limit"), ("NOT loaded", "errors"),
                       ("went wrong", "failed"), ("loaded", "loaded")):
        if word in text:
            return kind
    return "?"


def _start_upload(page, base: str, data: bytes, name: str) -> None:
    page.goto(base + "/data")
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=120_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": data}])


def uploader_loop(base: str, path: str, seconds: float) -> dict[str, Any]:
    """Runs in its own process: upload ``path`` through the Data page again and again for ``seconds``."""
    from playwright.sync_api import sync_playwright

    from bench.browser_bench import ARGS, _new_page

    data = Path(path).read_bytes()
    outcomes: list[str] = []
    durations: list[float] = []
    end = time.monotonic() + seconds
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        while time.monotonic() < end:
            ctx, page = _new_page(browser)
            t0 = time.perf_counter()
            _start_upload(page, base, data, "big.xlsx")
            outcomes.append(_upload_outcome(page, "big.xlsx"))
            durations.append(time.perf_counter() - t0)
            ctx.close()
        browser.close()
    return {"outcomes": outcomes, "durations_s": durations}


def run(moves: int = MOVES) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from bench.browser_bench import ARGS, _new_page, _slider_moves
    from tests.conftest import AppServer

    out: dict[str, Any] = {"load_before": load()}
    t0 = time.perf_counter()
    data = big_workbook()
    out["workbook"] = {"size_mb": len(data) / 1e6, "kpis": N_KPIS, "years": len(YEARS),
                       "cells": N_KPIS * (1 + 2 * len(YEARS)) + N_KPIS * 8 + 200, "build_s": time.perf_counter() - t0}
    with tempfile.TemporaryDirectory() as tmp:
        srv = AppServer(Path(tmp)).start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                try:
                    ctx, page = _new_page(browser)
                    page.goto(srv.url + "/weights")
                    out["slider_idle"] = _slider_moves(page, moves)
                    print(f"[bench]   busy: idle slider done (load {load()['load1']})", file=sys.stderr, flush=True)
                    child = subprocess.Popen([sys.executable, "-m", "bench.busy_bench", "--uploader", srv.url,
                                              str(BIG), "100000"], cwd=REPO, stdout=subprocess.DEVNULL)
                    try:
                        time.sleep(8)  # the first upload is under way (sent, being read)
                        page.reload()
                        out["slider_during_upload"] = _slider_moves(page, moves)
                    finally:
                        child.terminate()
                        child.wait(30)
                    ctx.close()
                    print(f"[bench]   busy: slider during upload done (load {load()['load1']})", file=sys.stderr,
                          flush=True)
                    # four uploads at once: peak memory of the server's process tree
                    pages = [_new_page(browser) for _ in range(4)]
                    sampler = _Sampler(srv.proc.pid)  # type: ignore[union-attr]
                    sampler.start()
                    t1 = time.perf_counter()
                    for i, (_, p) in enumerate(pages):
                        _start_upload(p, srv.url, data, f"big-{i}.xlsx")
                    kinds = [_upload_outcome(p, f"big-{i}.xlsx") for i, (_, p) in enumerate(pages)]
                    # wait until the server's job processes are gone (the queued jobs have finished)
                    deadline = time.monotonic() + 900
                    while len(_tree(srv.proc.pid)) > 2 and time.monotonic() < deadline:  # server + forkserver
                        time.sleep(0.5)
                    out["parallel"] = {"outcomes": kinds, "wall_s": time.perf_counter() - t1,
                                       "peak_mb": sampler.stop(), "rss_before_mb": sampler.base,
                                       "samples": sampler.samples}
                    for c, _ in pages:
                        c.close()
                finally:
                    browser.close()
        finally:
            srv.stop()
            out["server_log_tail"] = srv.log.read_text(errors="replace")[-1500:] if srv.log.exists() else ""
    idle = out["slider_idle"]["latency"]["p95_ms"]
    during = out["slider_during_upload"]["latency"]["p95_ms"]
    out["load_after"] = load()
    out["keys"] = {"slider_p95_ms_idle": idle, "slider_p95_ms_during_upload": during,
                   "slider_during_upload_vs_idle": during / idle,
                   "upload_parallel_peak_mb": out["parallel"]["peak_mb"]}
    return out


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--uploader":
        print(json.dumps(uploader_loop(sys.argv[2], sys.argv[3], float(sys.argv[4]))))
    elif len(sys.argv) >= 2 and sys.argv[1] == "--build":
        print(len(big_workbook()), os.fspath(BIG))
    else:
        print(json.dumps(run(), default=str))



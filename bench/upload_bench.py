"""Upload at scale: the 1,000 KPI x 24 period scorecard written as a workbook (``write_workbook``),
then read back the way the Data page does (``read_workbook``: preflight, validation, load).

Time and memory are measured in a fresh child process (so nothing else of the benchmark is in the
heap): peak RSS growth = peak resident memory during the read (VmHWM, reset just before) minus the
resident memory before it. A second read in the same child is split into phases (preflight,
openpyxl load, formula scan, sheet extraction, model reading) to show where the time goes.
The built-in demo workbook is read in-process many times (``upload_demo_ms``).
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import REPO, load, measure
from bench.gen import generate

N_KPIS, N_PERIODS = 1000, 24


def _status_kb(field: str) -> int | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (Linux >= 4.0)
        return True
    except OSError:
        return False


def child(path: str, reps: int) -> dict[str, Any]:
    """Runs in the child process: one measured read (time + memory), one split into phases, then
    ``reps - 1`` more timed reads."""
    import resource

    from scorecard.io import workbook
    from scorecard.io.demo import DEMO_PATH

    data = Path(path).read_bytes()
    workbook.read_workbook(DEMO_PATH.read_bytes(), "demo.xlsx")  # load lazily imported code first
    gc.collect()
    rss0 = _status_kb("VmRSS")
    reset = _reset_peak()
    maxrss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c0, t0 = time.process_time(), time.perf_counter()
    res = workbook.read_workbook(data, "bench.xlsx")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = _status_kb("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out: dict[str, Any] = {
        "rss_before_mb": rss0 / 1024 if rss0 else None, "peak_mb": peak / 1024 if peak else None,
        "peak_growth_mb": (peak - rss0) / 1024 if peak and rss0 else None,
        "peak_method": "VmHWM reset via /proc/self/clear_refs" if reset else "ru_maxrss (lifetime peak)",
        "maxrss_before_mb": maxrss0 / 1024, "ok": res.scorecard is not None,
        "errors": [p.text("en") for p in res.report.errors][:5], "warnings": len(res.report.warnings),
        "kpis": len(res.scorecard.kpis) if res.scorecard else 0,
        "measurements": len(res.scorecard.measurements) if res.scorecard else 0,
        "wall_s": [wall], "cpu_s": [cpu]}
    del res
    gc.collect()
    # phases of one more read (wrapping the module's own steps; names are looked up at call time)
    phases: dict[str, float] = {}

    def timed(name: str, fn):
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    from scorecard.io import reader as reader_mod  # the steps are looked up in the reader module

    originals = {}
    for name, label in (("preflight", "preflight (zip/XML safety checks)"),
                        ("load_cells", "workbook parts (openpyxl: workbook, styles; C parser: shared strings)"),
                        ("_sheets_fast", "worksheet cells (C XML parser, openpyxl's conversions)"),
                        ("safe_load_workbook", "openpyxl load (read_only=False, fallback path)"),
                        ("_formula_cells", "formula scan (fallback path)"), ("_sheet_from_ws", "sheet extraction"),
                        ("_finish", "model validation + report assembly (_finish)")):
        if hasattr(reader_mod, name):
            originals[name] = getattr(reader_mod, name)
            setattr(reader_mod, name, timed(label, originals[name]))
    reader = getattr(reader_mod, "_ScorecardReader", None)
    if reader is not None:
        orig_full = reader.read_full
        reader.read_full = timed("model reading + validation (read_full)", orig_full)
    t0 = time.perf_counter()
    workbook.read_workbook(data, "bench.xlsx")
    total = time.perf_counter() - t0
    for name, fn in originals.items():
        setattr(reader_mod, name, fn)
    if reader is not None:
        reader.read_full = orig_full
    out["phases_s"] = phases
    out["phases_total_s"] = total
    for _ in range(max(reps - 1, 0)):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        workbook.read_workbook(data, "bench.xlsx")
        out["wall_s"].append(time.perf_counter() - t0)
        out["cpu_s"].append(time.process_time() - c0)
    return out


def run(reps: int = 2) -> dict[str, Any]:
    from scorecard.io.demo import DEMO_PATH
    from scorecard.io.workbook import read_workbook, write_workbook

    out: dict[str, Any] = {"load_before": load()}
    sc = generate(N_KPIS, N_PERIODS)
    c0, t0 = time.process_time(), time.perf_counter()
    data = write_workbook(sc)
    out["write"] = {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
                    "size_mb": len(data) / 1e6, "kpis": len(sc.kpis), "measurements": len(sc.measurements)}
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as fh:
        fh.write(data)
        path = fh.name
    try:
        proc = subprocess.run([sys.executable, "-m", "bench.upload_bench", "--child", path, str(reps)],
                              cwd=REPO, capture_output=True, text=True, timeout=900)
    finally:
        Path(path).unlink(missing_ok=True)
    if proc.returncode != 0:
        raise RuntimeError(f"upload child failed: {proc.stderr[-1500:]}")
    big = json.loads(proc.stdout.strip().splitlines()[-1])
    if not big["ok"] or big["kpis"] != N_KPIS or big["measurements"] != len(sc.measurements):
        raise AssertionError(f"the workbook did not read back: {big['errors']}")
    out["big"] = big
    from bench import stats

    out["big_stats"] = stats(big["wall_s"], big["cpu_s"])
    demo = DEMO_PATH.read_bytes()
    out["demo"] = measure(lambda: read_workbook(demo, "demo.xlsx"), repeat=40, warmup=1, budget_s=15)
    out["demo_size_kb"] = len(demo) / 1024
    out["load_after"] = load()
    out["keys"] = {"upload_1000x24_s": out["big_stats"]["median_ms"] / 1000,
                   "upload_peak_mb": big["peak_growth_mb"], "upload_demo_ms": out["demo"]["median_ms"]}
    return out


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)))
    else:
        print(json.dumps(run(), default=str))

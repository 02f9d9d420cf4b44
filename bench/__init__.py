"""Benchmarks (``make bench`` / ``python -m bench``): writes docs/benchmarks.md and bench/results.json.

Sections (one module each, run by :mod:`bench.__main__`, each guarded so one failure does not
stop the others): ``ahp_bench`` (our AHP vs AHPy and bare numpy), ``scoring_bench`` (1,000 KPIs x
24 periods), ``upload_bench`` (workbook upload at scale, time and memory), ``browser_bench`` (live
slider latency and first page loads in headless Chromium), ``workshop_bench`` (30 participants).

This module holds the shared timing harness. The machine is small and shared, so every figure
is a distribution: median and p95 over many repetitions (plus CPU time where it helps to tell
our cost from other people's load), and each section records the load average around it.
"""

from __future__ import annotations

import gc
import importlib.metadata
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results.json"
REPORT = REPO / "docs" / "benchmarks.md"
CHROMIUM = os.environ.get("SCORECARD_CHROMIUM", "/usr/bin/chromium")


def stats(samples_s: list[float], cpu_s: list[float] | None = None, *, per: int = 1) -> dict[str, Any]:
    """Median, p95, min, max (ms per call) of timing samples in seconds, each covering ``per`` calls."""
    a = np.asarray(samples_s, dtype=float) * 1000.0 / per
    out: dict[str, Any] = {"median_ms": float(np.median(a)), "p95_ms": float(np.percentile(a, 95)),
                           "min_ms": float(a.min()), "max_ms": float(a.max()), "n": len(a)}
    if cpu_s:
        c = np.asarray(cpu_s, dtype=float) * 1000.0 / per
        out["cpu_median_ms"] = float(np.median(c))
        out["cpu_p95_ms"] = float(np.percentile(c, 95))
    return out


def measure(fn: Callable[[], Any], *, repeat: int = 30, per: int = 1, warmup: int = 1,
            budget_s: float | None = None, collect: bool = True) -> dict[str, Any]:
    """Time ``fn`` (which does ``per`` calls) ``repeat`` times after ``warmup`` runs.

    Wall time (perf_counter) and this process's CPU time (process_time) per sample; stops early
    once ``budget_s`` is spent (at least 5 samples). A garbage collection before each sample keeps
    one sample's garbage from being billed to the next (the collector stays on while timing).
    """
    for _ in range(warmup):
        fn()
    wall: list[float] = []
    cpu: list[float] = []
    start = time.perf_counter()
    for _ in range(repeat):
        if collect:
            gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        t1, c1 = time.perf_counter(), time.process_time()
        wall.append(t1 - t0)
        cpu.append(c1 - c0)
        if budget_s is not None and len(wall) >= 5 and time.perf_counter() - start > budget_s:
            break
    return stats(wall, cpu, per=per)


def interleaved(fns: dict[str, Callable[[], Any]], *, rounds: int = 30, per: int = 1, warmup: int = 1,
                budget_s: float | None = None, base: str | None = None) -> dict[str, Any]:
    """Time several functions in turns (one sample of each per round, order rotating each round), so
    that a burst of someone else's load hits all of them alike; per-round ratios to ``base`` are
    reported too (their median is the most load-robust comparison)."""
    names = list(fns)
    for _ in range(warmup):
        for f in fns.values():
            f()
    wall: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    start = time.perf_counter()
    for r in range(rounds):
        for n in names[r % len(names):] + names[:r % len(names)]:
            gc.collect()
            c0, t0 = time.process_time(), time.perf_counter()
            fns[n]()
            t1, c1 = time.perf_counter(), time.process_time()
            wall[n].append(t1 - t0)
            cpu[n].append(c1 - c0)
        if budget_s is not None and r >= 4 and time.perf_counter() - start > budget_s:
            break
    out: dict[str, Any] = {n: stats(wall[n], cpu[n], per=per) for n in names}
    if base is not None:
        out["ratio_to_" + base] = {n: float(np.median(np.asarray(wall[n]) / np.asarray(wall[base])))
                                   for n in names if n != base}
    return out


def load() -> dict[str, float]:
    """The 1, 5 and 15 minute load averages (runnable processes; this machine has nproc cores)."""
    one, five, fifteen = os.getloadavg()
    return {"load1": round(one, 2), "load5": round(five, 2), "load15": round(fifteen, 2)}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        return round(int(m.group(1)) / 1024 / 1024, 1) if m else None
    except OSError:
        return None


def machine() -> dict[str, Any]:
    return {"nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "cpu_model": _cpu_model(),
            "ram_gb": _ram_gb(), "platform": platform.platform(), **load()}


def chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
        m = re.search(r"Chromium\s+([\d.]+)", out)
        return m.group(1) if m else out.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not found"


def versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for dist in ("numpy", "streamlit", "AHPy", "pandas", "openpyxl", "playwright", "scipy", "SQLAlchemy"):
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "not installed"
    out["chromium"] = chromium_version()
    return out

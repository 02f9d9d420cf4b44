"""``python -m bench``: run every section (each guarded), write bench/results.json and docs/benchmarks.md.

``python -m bench ahp scoring`` runs only the named sections (the others keep their last results);
``python -m bench --report-only`` re-renders docs/benchmarks.md from bench/results.json.
Results are written after every section, so an interrupted run still leaves what it measured.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
import traceback
from typing import Any

from bench import REPO, REPORT, RESULTS, load, machine, versions
from bench.report import GOALS, met, render

SECTIONS = ["ahp", "scoring", "upload", "workshop", "browser", "cascade", "busy"]


def _section(name: str):
    if name == "ahp":
        from bench import ahp_bench as mod
    elif name == "scoring":
        from bench import scoring_bench as mod
    elif name == "upload":
        from bench import upload_bench as mod
    elif name == "workshop":
        from bench import workshop_bench as mod
    elif name == "browser":
        from bench import browser_bench as mod
    elif name == "cascade":
        from bench import cascade_bench as mod
    elif name == "busy":
        from bench import busy_bench as mod
    else:
        raise ValueError(f"unknown section {name!r} (use {', '.join(SECTIONS)})")
    return mod.run


def write(results: dict[str, Any]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, default=str) + "\n")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(render(results))


def main(argv: list[str]) -> int:
    if argv == ["--report-only"]:  # re-render docs/benchmarks.md from the last bench/results.json
        REPORT.write_text(render(json.loads(RESULTS.read_text())))
        print(f"[bench] wrote {REPORT} from {RESULTS}", file=sys.stderr)
        return 0
    wanted = argv or SECTIONS
    user_db_before = _user_db()
    t_start = time.perf_counter()
    results: dict[str, Any] = {
        "generated_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(), "versions": versions(), "sections": {}, "details": {},
    }
    for key, *_ in GOALS:
        results[key] = None
    results["first_load_ms"] = None
    previous: dict[str, Any] = {}
    if argv and RESULTS.exists():  # a partial run keeps the other sections' last results
        try:
            previous = json.loads(RESULTS.read_text())
        except ValueError:
            previous = {}
    for name in SECTIONS:
        if name not in wanted:
            old = previous.get("sections", {}).get(name)
            if old and name in previous.get("details", {}):
                results["sections"][name] = {**old, "from_run": previous.get("generated_at")}
                results["details"][name] = previous["details"][name]
                for k, val in previous["details"][name].get("keys", {}).items():
                    results[k] = val
            else:
                results["sections"][name] = {"status": "not run", "error": "not requested"}
            continue
        print(f"[bench] {name} ... (load {load()['load1']})", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            fn = _section(name)
            # the browser section repeats warm page loads only while the whole run stays under ~9.5 min
            out = fn(deadline=t_start + 570) if name == "browser" else fn()
            results["details"][name] = out
            for k, val in out.get("keys", {}).items():
                results[k] = val
            results["sections"][name] = {"status": "ok", "seconds": time.perf_counter() - t0}
        except Exception as exc:  # noqa: BLE001 - one failing section must not stop the others
            results["sections"][name] = {"status": "failed", "seconds": time.perf_counter() - t0,
                                         "error": f"{type(exc).__name__}: {exc}"[:500],
                                         "traceback": traceback.format_exc()[-3000:]}
            print(f"[bench] {name} FAILED: {exc}", file=sys.stderr, flush=True)
        print(f"[bench] {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        results["machine_end"] = load()
        results["total_seconds"] = time.perf_counter() - t_start
        results["goals"] = {k: {"figure": label, "goal": f"{cmp} {goal:g} {unit}", "value": results.get(k),
                                "met": met(results.get(k), cmp, goal)} for k, label, cmp, goal, unit in GOALS}
        write(results)
    for k, *_ in GOALS:
        g = results["goals"][k]
        mark = {True: "met", False: "MISSED", None: "n/a"}[g["met"]]
        print(f"[bench] {k} = {g['value']!r:.12} ({g['goal']}): {mark}", file=sys.stderr)
    print(f"[bench] wrote {RESULTS} and {REPORT} in {results['total_seconds']:.0f} s", file=sys.stderr)
    if _user_db() != user_db_before:
        print(f"[bench] FAILED: the run changed the user's database {USER_DB} (every server and AppTest of the "
              "bench must use a store of its own)", file=sys.stderr)
        return 1
    return 0


USER_DB = REPO / "data" / "scorecard.sqlite"


def _user_db() -> tuple[float, int] | None:
    """(modification time, size) of the checkout's own database, None when there is none."""
    try:
        st = USER_DB.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime, st.st_size)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Cascade at regency scale: 1 office, 40 units, 2,000 employees with 5 SKP indicators each.

* ``cascade_rollup_2000_ms``: :func:`scorecard.method.cascade.evaluate` of the generated tree (the
  roll-up of 10,000 SKP rows into the units' KPIs and of the units into the office, then AHP
  weights, OMAX scales and lights of all 41 scorecards), median of repeated runs.
* ``cascade_page_2000_s``: the cascade page drawn for a fresh session opened with the tree's link
  (``?tt=``): AppTest runs ``app.py`` and switches to the page, which loads the tree from the store
  (SQLite, the app's default), rolls it up and draws the tree collapsed to the units; then the
  same page with the unit with most red KPIs expanded. Wall time of the page run, median.
* Store: saving and loading the tree document on SQLite and, when the server binaries exist, on
  PostgreSQL (``tests.pg.LocalPostgres``, a throwaway cluster on 127.0.0.1), where the page is timed
  too (``postgresql.page``; the key is the SQLite figure, the app's default store).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import REPO, load, measure, stats

UNITS = 40
EMPLOYEES = 2000
INDICATORS = 5


def generate(units: int = UNITS, employees: int = EMPLOYEES, indicators: int = INDICATORS, seed: int = 0):
    """The benchmark tree: office KPIs K1..K5, each unit's u1..u5 support K1..K5 (sum, sum, average,
    average, minimum); each employee's 5 indicators support u1..u5 (sum, sum, average, average, alignment)."""
    from scorecard.model import (
        KPI,
        CascadeLink,
        Measurement,
        Objective,
        Perspective,
        Scorecard,
        ScorecardTree,
        SkpIndicator,
        Unit,
    )

    rng = random.Random(seed)
    persp = [Perspective("Customer", "Customer", "Pelanggan"), Perspective("Internal", "Internal", "Internal")]

    def card(name: str, prefix: str, scale: float) -> Scorecard:
        sc = Scorecard(name=name, perspectives=list(persp),
                       objectives=[Objective(f"{prefix}O1", "Customer", "Service"),
                                   Objective(f"{prefix}O2", "Internal", "Process")])
        for i in range(5):
            code = f"{prefix}{i + 1}"
            sc.kpis.append(KPI(code, f"{prefix}O1" if i < 3 else f"{prefix}O2", f"KPI {code}", unit="n", worst=0.0))
            target = scale * (100 if i < 2 else 1) if i < 2 else 90.0
            for year in ("2023", "2024"):
                sc.measurements.append(Measurement(code, year, target, target * rng.uniform(0.6, 1.05)))
        sc.set_judgment("Scorecard", "Customer", "Internal", 2.0)
        return sc

    tree_units = [Unit("OFFICE", "Office", card("Office", "K", units * employees / units), None)]
    links, skp = [], []
    rules = ["sum", "sum", "average", "average", "minimum"]
    per_unit = employees // units
    for u in range(units):
        code = f"U{u + 1:02d}"
        tree_units.append(Unit(code, f"Unit {u + 1}", card(code, "u", per_unit), "OFFICE"))
        links += [CascadeLink(code, f"u{i + 1}", f"K{i + 1}", rules[i]) for i in range(5)]
        for e in range(per_unit):
            nip = f"{code}-{e:03d}"
            for i in range(indicators):
                target = 100.0 if i < 2 else 90.0
                skp.append(SkpIndicator(code, nip, f"Employee {nip}", str(i + 1), "Plan", f"Indicator {i + 1}",
                                        "2024", target, target * rng.uniform(0.5, 1.1), "n", "higher",
                                        f"u{(i % 5) + 1}", ["sum", "sum", "average", "average", "alignment"][i % 5]))
    return ScorecardTree("Regency bench", tree_units, links, skp)


def _store_times(url: str, tree) -> dict[str, Any]:
    from scorecard.store.storage import Store
    from scorecard.store.tree_store import TreeStore

    with Store(url) as store:
        store.migrate()
        ts = TreeStore(store)
        t0 = time.perf_counter()
        _, token = ts.create_tree(tree, "bench")
        create_s = time.perf_counter() - t0
        loaded = ts.load(token)
        load = measure(lambda: ts.load(token), repeat=5, warmup=0)
        rev = [loaded.revision]

        def save() -> None:
            rev[0] = ts.save(token, loaded.tree, "bench", expected_revision=rev[0])

        save_stats = measure(save, repeat=5, warmup=0)
        return {"create_s": create_s, "load": load, "save": save_stats, "token": token}


def _page_times(url: str, token: str, expand: str) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    os.environ["SCORECARD_DB_URL"] = url
    first, expanded = [], []
    for _ in range(3):
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.session_state["lang"] = "en"
        at.query_params["tt"] = token
        at.run()
        t0 = time.perf_counter()
        at.switch_page("pages/cascade.py").run()
        first.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError(f"page failed: {[e.value for e in at.exception]}")
        t0 = time.perf_counter()
        at.multiselect(key="cascade_expand").set_value([expand]).run()
        expanded.append(time.perf_counter() - t0)
    return {"first": stats(first), "expanded": stats(expanded)}


def run() -> dict[str, Any]:
    from scorecard.method.cascade import evaluate
    from scorecard.store.tree_store import tree_to_dict

    out: dict[str, Any] = {"load_before": load(), "units": UNITS, "employees": EMPLOYEES, "indicators": INDICATORS}
    t0 = time.perf_counter()
    tree = generate()
    out["generate_s"] = time.perf_counter() - t0
    out["skp_rows"] = len(tree.skp)
    out["payload_mb"] = len(str(tree_to_dict(tree))) / 1e6
    out["rollup"] = measure(lambda: evaluate(tree), repeat=10, warmup=1)
    res = evaluate(tree)
    worst = max((u for u in res.units.values() if u.parent), key=lambda u: len(res.red_kpis(u.code)))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'cascade.sqlite'}"
        sq = _store_times(url, tree)
        out["sqlite"] = {k: v for k, v in sq.items() if k != "token"}
        saved_env = os.environ.get("SCORECARD_DB_URL")
        try:
            out["page"] = _page_times(url, sq["token"], worst.code)
        finally:
            if saved_env is None:
                os.environ.pop("SCORECARD_DB_URL", None)
            else:
                os.environ["SCORECARD_DB_URL"] = saved_env
    out["postgresql"] = _postgres(tree)
    out["load_after"] = load()
    out["keys"] = {"cascade_rollup_2000_ms": out["rollup"]["median_ms"],
                   "cascade_page_2000_s": out["page"]["first"]["median_ms"] / 1000}
    return out


def _postgres(tree) -> dict[str, Any]:
    try:
        from tests.pg import LocalPostgres, find_pg_bin
    except Exception as exc:  # noqa: BLE001 - reported, not fatal
        return {"status": f"not run: {exc}"}
    bindir = find_pg_bin()
    if bindir is None:
        return {"status": "not run: no PostgreSQL server binaries"}
    try:
        server = LocalPostgres(bindir)
    except BaseException as exc:  # noqa: BLE001 - pytest.skip raises a BaseException subclass
        return {"status": f"not run: {exc}"}
    saved_env = os.environ.get("SCORECARD_DB_URL")
    try:
        url = server.start()
        res = _store_times(url, tree)
        out = {"status": "ok", **{k: v for k, v in res.items() if k != "token"}}
        res_eval = _worst_unit(tree)
        out["page"] = _page_times(url, res["token"], res_eval)
        return out
    finally:
        if saved_env is None:
            os.environ.pop("SCORECARD_DB_URL", None)
        else:
            os.environ["SCORECARD_DB_URL"] = saved_env
        server.stop()


def _worst_unit(tree) -> str:
    from scorecard.method.cascade import evaluate

    res = evaluate(tree)
    return max((u for u in res.units.values() if u.parent), key=lambda u: len(res.red_kpis(u.code))).code


if __name__ == "__main__":
    import json

    print(json.dumps(run(), default=str, indent=1))

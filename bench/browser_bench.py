"""Live latency in a real browser: the app (tests.conftest.AppServer) in headless Debian Chromium.

* ``first_load_ms``: each page of the sidebar navigation opened in a fresh browser context;
  from navigation start until the page is complete = the last DOM change before the page stays
  quiet for 600 ms with no "running" indicator (``performance.now()`` in the page). The very first
  visit after the server starts (cold imports) is reported separately.
* Slider latency on the Weights page: focus a judgment slider (role "slider"), press ArrowRight /
  ArrowLeft (alternating, so the slider never sticks at an end), and measure in the page from the
  keydown (a capture listener) to the first animation frame after both the CR text and the
  performance-index text on screen have changed (a MutationObserver notes the changes,
  ``page.wait_for_function`` polls for them). Each move waits for the rerun to finish before the
  next. On the demo and on a generated 200-KPI scorecard uploaded through the Data page's file
  input (the lead's app has no environment switch for the initial scorecard; an upload also
  autosaves a workspace, so this is the real path).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import CHROMIUM, REPO, load, stats

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
MOVES = 30
ROUNDS = 3  # ours and the bare app measured in turns
QUIET_MS = 600

# Installed before any page script: remembers the time of the last DOM change, and the slider-move
# probe (armed by the benchmark right before a key press).
INIT_JS = """
(() => {
  const B = window.__bench = {last: 0, mutations: 0};
  const M = window.__mv = {armed: false, t0: null, cr0: null, idx0: null, cr_at: null, idx_at: null,
                          done_at: null, frame_at: null};
  const text = (sel) => { const e = document.querySelector(sel); return e ? e.textContent : null; };
  window.__crText = () => text('.st-key-w_cr');
  window.__idxText = () => text('.st-key-w_live .sc-index');
  const check = () => {
    if (!M.armed || M.t0 === null || M.done_at !== null) return;
    const now = performance.now();
    if (M.cr_at === null && window.__crText() !== M.cr0) M.cr_at = now;
    if (M.idx_at === null && window.__idxText() !== M.idx0) M.idx_at = now;
    if (M.cr_at !== null && M.idx_at !== null) {
      M.done_at = now;
      requestAnimationFrame(() => { M.frame_at = performance.now(); });
    }
  };
  const milestones = () => {
    if (B.app_at === undefined && document.querySelector('[data-testid="stApp"]')) B.app_at = performance.now();
    if (B.content_at === undefined) {
      const m = document.querySelector('[data-testid="stMain"]');
      if (m && m.textContent.trim().length > 20) B.content_at = performance.now();
    }
  };
  new MutationObserver(() => { B.last = performance.now(); B.mutations++; milestones(); check(); })
    .observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
  document.addEventListener('keydown', (e) => {
    if (M.armed && M.t0 === null && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) M.t0 = performance.now();
  }, true);
})();
"""

IDLE_JS = """
(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || main.innerText.trim().length < 20) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  return performance.now() - window.__bench.last > quiet;
}
"""


def _new_page(browser, width: int = 1366, height: int = 900):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    ctx.add_init_script(INIT_JS)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    return ctx, page


def _wait_idle(page, quiet_ms: int = QUIET_MS, timeout_ms: int = 90_000) -> float:
    """Wait until the page is complete and quiet; return the time of its last DOM change (ms since
    navigation start)."""
    page.wait_for_function(IDLE_JS, arg=quiet_ms, timeout=timeout_ms, polling=100)
    return float(page.evaluate("window.__bench.last"))


def _page_urls(browser, base: str) -> tuple[dict[str, str], float, float]:
    """The sidebar's pages, found on the very first visit after the server started (also timed)."""
    ctx, page = _new_page(browser)
    t0 = time.perf_counter()
    page.goto(base + "/")
    cold = _wait_idle(page)
    cold_wall = (time.perf_counter() - t0) * 1000
    links = page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "els => els.map(e => e.href)")
    ctx.close()
    urls: dict[str, str] = {}
    for href in links:
        path = href.split("?")[0].rstrip("/").rsplit("/", 1)[-1] if href.rstrip("/") != base else ""
        urls.setdefault(path or "home", href)
    return urls, cold, cold_wall


def _load_pass(browser, urls: dict[str, str], into: dict[str, list[float]],
               parts: dict[str, dict[str, list[float]]]) -> None:
    """One fresh-context visit per page: complete time into ``into``; when the Streamlit frontend had
    booted (``stApp`` in the DOM) and when the page's first content appeared into ``parts``."""
    for name, href in urls.items():
        ctx, page = _new_page(browser)
        page.goto(href)
        into.setdefault(name, []).append(_wait_idle(page))
        m = page.evaluate("() => [window.__bench.app_at ?? null, window.__bench.content_at ?? null]")
        for key, val in zip(("frontend_booted", "first_content"), m, strict=True):
            if val is not None:
                parts.setdefault(key, {}).setdefault(name, []).append(float(val))
        ctx.close()


def _slider_moves(page, moves: int) -> dict[str, Any]:
    """Alternate ArrowRight / ArrowLeft on the first judgment slider of the Weights page."""
    _wait_idle(page)
    if page.evaluate("window.__crText()") is None or page.evaluate("window.__idxText()") is None:
        raise RuntimeError("the Weights page shows no CR or no index (selectors .st-key-w_cr / .sc-index)")
    slider = page.locator('[data-testid="stMain"]').get_by_role("slider").first
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    m0 = _main_thread(cdp)
    lat, cr_lat, idx_lat, settled = [], [], [], []
    unchanged = 0
    for k in range(moves):
        slider.focus()
        value = int(slider.evaluate("e => Number(e.value ?? e.getAttribute('aria-valuenow'))"))
        top = int(slider.evaluate("e => Number(e.max || e.getAttribute('aria-valuemax') || 16)"))
        key = "ArrowRight" if (k % 2 == 0 and value < top) or value <= 0 else "ArrowLeft"
        page.evaluate("""() => { const M = window.__mv; Object.assign(M, {armed: true, t0: null,
            cr0: window.__crText(), idx0: window.__idxText(), cr_at: null, idx_at: null, done_at: null,
            frame_at: null}); }""")
        page.keyboard.press(key)
        try:
            page.wait_for_function("() => window.__mv.frame_at !== null", timeout=20_000, polling="raf")
        except Exception:  # noqa: BLE001 - the rerun ended without changing both texts
            unchanged += 1
        m = page.evaluate("() => Object.assign({}, window.__mv)")
        page.evaluate("() => { window.__mv.armed = false; }")
        end = _wait_idle(page, quiet_ms=400)
        if m["t0"] is None:
            raise RuntimeError("the key press never reached the page")
        settled.append(end - m["t0"])
        if m["frame_at"] is not None:
            lat.append(m["frame_at"] - m["t0"])
            cr_lat.append(m["cr_at"] - m["t0"])
            idx_lat.append(m["idx_at"] - m["t0"])
    if len(lat) < max(5, moves // 2):
        raise RuntimeError(f"only {len(lat)} of {moves} moves changed both the CR and the index on screen")
    m1 = _main_thread(cdp)
    main_thread = {k: (m1[k] - m0[k]) * 1000 / moves for k in m0}

    def st(xs: list[float]) -> dict[str, Any]:
        return stats([x / 1000 for x in xs])

    return {"moves": moves, "measured": len(lat), "unchanged": unchanged, "latency": st(lat),
            "cr_changed": st(cr_lat), "index_changed": st(idx_lat), "rerun_settled": st(settled),
            "samples_ms": [round(x, 1) for x in lat], "settled_ms": [round(x, 1) for x in settled],
            "cr_ms": [round(x, 1) for x in cr_lat], "index_ms": [round(x, 1) for x in idx_lat],
            "browser_main_thread_ms_per_move": main_thread}


#: Chromium's main-thread time (CDP ``Performance.getMetrics``, seconds, cumulative): all tasks, of
#: which JavaScript, layout and style recalculation. Per move = (after - before) / moves, so it also
#: counts the quiet wait after each move (idle time is not a task, so it adds nothing).
MAIN_THREAD = {"task": "TaskDuration", "script": "ScriptDuration", "layout": "LayoutDuration",
               "style": "RecalcStyleDuration"}


def _main_thread(cdp) -> dict[str, float]:
    got = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {k: float(got.get(v, 0.0)) for k, v in MAIN_THREAD.items()}


def _merge_moves(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Several :func:`_slider_moves` results as one (statistics over all samples)."""
    samples = [x for p in parts for x in p["samples_ms"]]
    def merged(key: str) -> dict[str, Any]:
        return stats([x / 1000 for p in parts for x in p[key]])

    return {"moves": sum(p["moves"] for p in parts), "measured": len(samples),
            "unchanged": sum(p["unchanged"] for p in parts), "latency": merged("samples_ms"),
            "cr_changed": merged("cr_ms"), "index_changed": merged("index_ms"),
            "rerun_settled": merged("settled_ms"), "rounds": len(parts), "samples_ms": samples,
            "browser_main_thread_ms_per_move": {
                k: sum(p["browser_main_thread_ms_per_move"][k] * p["moves"] for p in parts)
                / sum(p["moves"] for p in parts) for k in MAIN_THREAD}}


def _upload(page, base: str, data: bytes, name: str) -> dict[str, Any]:
    """Load a workbook through the Data page's file input; wait until the new scorecard is in."""
    page.goto(base + "/data")
    _wait_idle(page)
    t0 = time.perf_counter()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": name, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": data}])
    page.wait_for_function("() => location.search.includes('w=')", timeout=180_000, polling=200)
    _wait_idle(page, timeout_ms=180_000)
    return {"upload_to_saved_s": time.perf_counter() - t0, "url_has_workspace": "w=" in page.url}


def _open_weights(page) -> None:
    """Go to the Weights page within the same session (sidebar link), keeping the workspace."""
    link = page.locator('[data-testid="stSidebarNav"] a[href*="weights"]').first
    link.click()
    page.wait_for_selector(".st-key-w_cr", timeout=120_000)


def _say(msg: str) -> None:
    print(f"[bench]   browser: {msg} (load {load()['load1']})", file=sys.stderr, flush=True)


def run(moves: int = MOVES, deadline: float | None = None) -> dict[str, Any]:
    """``deadline`` (time.perf_counter() value): warm page loads are repeated only while time remains."""
    from playwright.sync_api import sync_playwright

    from bench.gen import generate
    from scorecard.io.workbook import write_workbook
    from tests.conftest import AppServer

    out: dict[str, Any] = {"load_before": load(), "chromium_args": ARGS}
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found (make chromium installs Debian's chromium)")
    big = generate(200, 24, seed=7)
    data = write_workbook(big)
    out["server_rerun"] = _server_reruns()
    out["server_pieces"] = _domain_breakdown()
    _say("server-side reruns timed")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        srv = AppServer(Path(tmp)).start()
        out["server_start_s"] = time.perf_counter() - t0
        bare_dir = Path(tmp) / "bare"
        bare_dir.mkdir()
        bare_srv = AppServer(bare_dir, script=Path(__file__).with_name("bare_app.py")).start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                try:
                    urls, cold_home, cold_wall = _page_urls(browser, srv.url)
                    cold: dict[str, list[float]] = {}
                    cold_parts: dict[str, dict[str, list[float]]] = {}
                    _load_pass(browser, urls, cold, cold_parts)  # each page's first visit in this server
                    _say("cold page loads done")
                    # ours and the bare baseline in alternating rounds, so both see the same load
                    ours: list[dict[str, Any]] = []
                    bare: list[dict[str, Any]] = []
                    for _ in range(ROUNDS):
                        ctx, page = _new_page(browser)
                        page.goto(srv.url + "/weights")
                        ours.append(_slider_moves(page, moves // ROUNDS))
                        ctx.close()
                        ctx, page = _new_page(browser)
                        page.goto(bare_srv.url + "/")
                        bare.append(_slider_moves(page, moves // ROUNDS))
                        ctx.close()
                    out["slider_demo"] = _merge_moves(ours)
                    out["slider_bare"] = _merge_moves(bare)
                    _say("demo and bare slider done")
                    ctx, page = _new_page(browser)
                    out["upload_200kpi"] = _upload(page, srv.url, data, "generated_200_kpis.xlsx")
                    _open_weights(page)
                    out["slider_200kpi"] = _slider_moves(page, moves)
                    out["scorecard_200kpi"] = {"kpis": len(big.kpis), "periods": len(big.periods()),
                                               "objectives": len(big.objectives)}
                    ctx.close()
                    _say("200-KPI slider done")
                    warm: dict[str, list[float]] = {}
                    warm_parts: dict[str, dict[str, list[float]]] = {}
                    for _ in range(3):  # warm visits (server already serving every page), while time remains
                        if deadline is not None and deadline - time.perf_counter() < 75:
                            break
                        _load_pass(browser, urls, warm, warm_parts)
                    _say(f"warm page loads done ({len(next(iter(warm.values()), []))} passes)")
                finally:
                    browser.close()
        finally:
            bare_srv.stop()
            srv.stop()
            out["server_log_tail"] = srv.log.read_text(errors="replace")[-1500:] if srv.log.exists() else ""
    out["first_load"] = {
        "cold_first_visit_ms": cold_home, "cold_first_visit_wall_ms": cold_wall, "pages": list(urls),
        "cold_ms": {n: v[0] for n, v in cold.items()}, "warm_samples": warm,
        "warm_median_ms": {n: statistics.median(v) for n, v in warm.items() if v},
        "milestones_median_ms": {
            basis: {key: {n: statistics.median(v) for n, v in per.items()} for key, per in parts.items()}
            for basis, parts in (("cold", cold_parts), ("warm", warm_parts))}}
    fl = out["first_load"]["warm_median_ms"] or out["first_load"]["cold_ms"]
    out["first_load"]["median_ms"] = fl
    out["first_load"]["basis"] = "warm" if out["first_load"]["warm_median_ms"] else "cold"
    out["load_after"] = load()
    out["keys"] = {"slider_p50_ms": out["slider_demo"]["latency"]["median_ms"],
                   "slider_p95_ms": out["slider_demo"]["latency"]["p95_ms"],
                   "slider_p50_ms_200kpi": out["slider_200kpi"]["latency"]["median_ms"],
                   "slider_p95_ms_200kpi": out["slider_200kpi"]["latency"]["p95_ms"],
                   "slider_bare_p50_ms": out["slider_bare"]["latency"]["median_ms"],
                   "slider_vs_bare_ratio": out["slider_demo"]["latency"]["median_ms"]
                   / out["slider_bare"]["latency"]["median_ms"],
                   "first_load_ms": fl, "first_load_ms_max": max(fl.values())}
    return out


# ---- the server's share: the Weights page rerun without a browser (streamlit AppTest, child process) ----

def _apptest_child(n_kpis: int, moves: int) -> dict[str, Any]:
    """Slider moves on the Weights page under AppTest, in a store of its own (never the user's
    ``data/scorecard.sqlite``: every release is saved)."""
    from streamlit.testing.v1 import AppTest

    if not os.environ.get("SCORECARD_DB_URL"):
        os.environ["SCORECARD_DB_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-apptest-')}/app.sqlite"
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    if n_kpis:
        from bench.gen import generate
        from scorecard.ui import state

        at.session_state[state._K_SC] = generate(n_kpis, 24, seed=7)  # the working scorecard of the session
        at.session_state[state._K_REV] = 0
        at.session_state[state._K_UNDO] = []
    at.run()
    at.switch_page("pages/weights.py")
    at.run()
    if at.exception:
        raise RuntimeError(f"the Weights page raised: {at.exception[0].message}")
    key = at.select_slider[0].key
    wall, cpu = [], []
    for k in range(moves):
        sl = at.select_slider(key=key)
        v = int(sl.value)
        nv = v + 1 if (k % 2 == 0 and v < 8) or v <= -8 else v - 1
        c0, t0 = time.process_time(), time.perf_counter()
        sl.set_value(nv).run()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return stats(wall, cpu)


def _domain_breakdown() -> dict[str, Any]:
    """Pieces of a slider move's server work, timed directly: the autosave of the whole scorecard
    (``Store.save_scorecard``, what ``state.commit`` does on every release), the weights, and the
    scores of the shown period and the previous one (the index card's change)."""
    from bench import measure
    from bench.gen import generate
    from scorecard.io.demo import load_demo
    from scorecard.method.scoring import score_period
    from scorecard.method.weights import compute_weights
    from scorecard.store.storage import Store

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'b.sqlite'}")
        store.migrate()
        for name, sc in (("demo", load_demo()), ("kpi200", generate(200, 24, seed=7))):
            rec = store.save_scorecard(sc, "bench")
            cur = {"id": rec.id, "rev": rec.revision}

            def save(sc=sc, cur=cur) -> None:
                r = store.save_scorecard(sc, "bench", scorecard_id=cur["id"], expected_revision=cur["rev"])
                cur["rev"] = r.revision

            w = compute_weights(sc)
            p = sc.periods()
            out[name] = {"autosave": measure(save, repeat=10, budget_s=4),
                         "compute_weights": measure(lambda sc=sc: compute_weights(sc), repeat=20, budget_s=3),
                         "score_two_periods": measure(lambda sc=sc, w=w, p=p: (score_period(sc, p[-1], w),
                                                                               score_period(sc, p[-2], w)),
                                                      repeat=20, budget_s=3)}
        store.dispose()
    return out


def _server_reruns(moves: int = 15) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, n in (("demo", 0), ("kpi200", 200)):
        with tempfile.TemporaryDirectory() as tmp:  # its own store, as every test and bench server
            env = {**os.environ, "SCORECARD_DB_URL": f"sqlite:///{Path(tmp) / 'app.sqlite'}"}
            proc = subprocess.run([sys.executable, "-m", "bench.browser_bench", "--apptest", str(n), str(moves)],
                                  cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
        if proc.returncode != 0:
            out[name] = {"error": proc.stderr.strip().splitlines()[-1][:300] if proc.stderr.strip() else "failed"}
        else:
            out[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--apptest":
        print(json.dumps(_apptest_child(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        print(json.dumps(run(), default=str))

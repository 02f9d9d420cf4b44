"""First load (issue #13): the first screens of Overview and Weights need no plotly.js and no data grid in
the browser (the two largest lazy bundles: ~4.7 MB and ~1.2 MB), yet show the same numbers (AppTest)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import display
from scorecard.io.demo import load_demo
from scorecard.method.scoring import score_all
from scorecard.method.weights import compute_weights
from scorecard.ui import weights_common as common

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{tmp_path / 'first-load.sqlite'}")


def html_bodies(at: AppTest) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_overview_trend_is_svg_with_every_period(lang: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("plotly_chart"), "the Overview's first screen must not need plotly.js"
    img = next(b for b in (str(e.proto.body) for e in at.get("html")) if 'class="sc-trend"' in b)
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", img).group(1)).decode()  # st.html keeps <img>, not <svg>
    scores = score_all(load_demo())
    for p, s in scores.items():
        assert f"<title>{p}: {display.level(s.index, lang)} · " in svg
    assert len(re.findall(r"<g><title>", svg)) == len(scores)


def test_weights_global_table_is_html_with_every_kpi() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/weights.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.dataframe, "the Weights page's first screen must not need the data grid"
    sc = load_demo()
    w = compute_weights(sc)
    table = next(b for b in (str(e.proto.body) for e in at.get("html")) if "sc-gtable" in b and "<tbody>" in b)
    rows = re.findall(r"<tr><td class='n'>([^<]*)</td><td class='n'>([^<]*)</td><td>([^<]*)</td></tr>", table)
    assert len(rows) == len(sc.kpis)
    codes = [r[2].split(" ", 1)[0] for r in rows]
    assert codes == sorted(codes, key=lambda c: -w.global_[c])  # largest global weight first
    for g, loc, label in rows:
        code = label.split(" ", 1)[0]
        assert g == common.pct(w.global_[code]) and loc == common.pct(w.local[code])
    assert sum(w.global_[c] for c in codes) == pytest.approx(1.0)


def test_html_table_escapes_styles_and_keeps_order() -> None:
    from scorecard.ui.html_table import table_html

    rows = [{"Status": "■ Red", "KPI": "C3b <attendance> & co"}, {"Status": "▲ Yellow", "KPI": "F1a"}]
    out = table_html(rows, cell_style={"Status": {"■ Red": "background-color:#D55E00"}}, nowrap=("Status",),
                     max_height_px=420)
    assert "<th>Status</th><th>KPI</th>" in out and "max-height:420px" in out
    assert "<td class='nw' style='background-color:#D55E00'>■ Red</td><td>C3b &lt;attendance&gt; &amp; co</td>" in out
    assert "<td class='nw'>▲ Yellow</td><td>F1a</td>" in out  # no style given for yellow: none applied
    assert out.index("■ Red") < out.index("▲ Yellow")
    assert table_html([]) == ""

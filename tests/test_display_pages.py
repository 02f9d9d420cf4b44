"""Every page shows the demo's 2010 index and KPI levels with the one display rule (AppTest).

The demo's 2010 index is 7.887 (shown 7.88: cut, never 7.89) and some KPI levels round up where the
rule cuts them (F1a 9.367, C3b 2.956, L2a 8.666): every page's text, HTML, tables and chart JSON must
hold the cut strings in the user's language and never the rounded ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard import display
from scorecard.method.scoring import score_all

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
#: KPIs whose 2010 level rounds up where the rule cuts it.
KPIS = ("F1a", "C3b", "L2a")


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{tmp_path / 'display-pages.sqlite'}")


@pytest.fixture(scope="module")
def ps(demo):
    return score_all(demo)["2010"]


def everything(at: AppTest) -> str:
    """All text a page run produced: elements, HTML, tables (as text) and chart JSON."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [str(e.proto.body) for e in at.get("html")]
    out += [e.value.to_string() for e in at.dataframe] + [e.value.to_string() for e in at.table]
    out += [e.proto.spec for e in at.get("plotly_chart")]
    return "\n".join(out)


def run_page(name: str, lang: str, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.session_state["period"] = "2010"
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def wrong(x: float, lang: str) -> str:
    """The rounded string the rule must never show for ``x``."""
    return display.number(x, lang, 2)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("name", "state", "kpis"), [
    ("overview", {}, ()),
    ("heatmap", {}, KPIS),
    ("scores", {}, ("F1a",)),
    ("presenter", {"presenter": True}, ()),
])
def test_page_shows_the_cut_index_and_levels(name: str, state: dict, kpis: tuple[str, ...], lang: str, ps) -> None:
    at = run_page(name, lang, **state)
    text = everything(at)
    index = display.level(ps.index, lang)
    assert index in text, f"{name}: index {index} not shown"
    assert wrong(ps.index, lang) not in text, f"{name}: index shown rounded"
    for code in kpis:
        level = display.level(ps.kpi(code).level, lang)
        assert level in text, f"{name}: {code} level {level} not shown"
    for code in KPIS:
        assert f" {wrong(ps.kpi(code).level, lang)}" not in text.replace("\u00a0", " "), f"{name}: {code} rounded"

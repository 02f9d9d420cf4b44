"""Real headless Chromium: the index card, the trend chart and the heatmap cells show the demo's 2010
index and KPI levels as the same cut strings (7.88, never 7.89), in English and Indonesian."""

from __future__ import annotations

import base64
import html
import re

import pytest

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import score_all
from tests.test_browser_presenter import go, open_app, settle

pytestmark = pytest.mark.browser

KPIS = ("F1a", "C3b", "L2a")  # 2010 levels 9.367, 2.956, 8.666: rounding would show 9.37, 2.96, 8.67
HEATMAP = {"en": "Heatmap", "id": "Peta panas"}


def cell_texts(page) -> dict[str, str]:
    """The 2010 cells of the HTML heatmap: KPI code -> the text drawn in the cell."""
    return page.eval_on_selector_all(".sc-heat td.c[data-period='2010']",
                                     "els => Object.fromEntries(els.map(e => [e.dataset.kpi, e.textContent]))")


def trend_texts(page) -> list[str]:
    """The texts drawn in the Overview's index-trend image (an SVG in a data: URI)."""
    src = page.locator("img.sc-trend").first.get_attribute("src") or ""
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_same_strings_on_card_chart_and_heatmap(browser, app_server, demo, lang):
    ps = score_all(demo)["2010"]
    index = display.level(ps.index, lang)
    rounded = display.number(ps.index, lang, 2)
    assert index != rounded  # the case the rule exists for
    page = open_app(browser, app_server, "1366", lang)
    try:
        settle(page)
        card = page.locator(".sc-index").first.inner_text()
        assert card.startswith(index), card
        drawn = trend_texts(page)  # the Overview trend is an SVG image (no plotly on the first screen)
        assert index in drawn and rounded not in drawn, drawn
        go(page, HEATMAP[lang], 0)
        page.wait_for_selector(".sc-heat td.c[data-period='2010']")
        drawn = cell_texts(page)
        for code in KPIS:
            ks = ps.kpi(code)
            assert drawn[code] == f"{lights.STYLES[ks.light].symbol} {display.level(ks.level, lang)}", (code, drawn)
            assert not drawn[code].endswith(f" {display.number(ks.level, lang, 2)}"), code
        assert rounded not in page.inner_text("body")
    finally:
        page.close()

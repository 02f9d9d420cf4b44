"""The heatmap page's HTML pictures (scorecard.charts.heat_html): the traffic-light heatmap and the
"why the index moved" waterfall, read back with the standard library's HTML parser."""

from __future__ import annotations

import dataclasses
import math
import re
from html.parser import HTMLParser

import pytest

from scorecard import display
from scorecard.charts import heat_html
from scorecard.charts import heatmap as hm
from scorecard.method import lights
from scorecard.method.scoring import score_all
from scorecard.method.whatif import index_movement
from scorecard.model import Scorecard
from tests.test_omax_lights_scoring import STUDY_2010

FILL = {name: s.fill for name, s in lights.STYLES.items()}
INK = {name: s.ink for name, s in lights.STYLES.items()}


class _Cells(HTMLParser):
    """Every element carrying ``data-kpi`` (a heatmap cell), every row header (``th.k``), every perspective
    header row and every waterfall row (``div.r``): their attributes and their text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], dict[str, str]] = {}
        self.rows: list[dict[str, str]] = []
        self.headers: list[dict[str, str]] = []
        self.bars: list[dict[str, str]] = []
        self.axis: str | None = None  # the waterfall's axis text, once reached
        self._open: dict[str, str] | None = None
        self._tag = ""

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "").split()
        into = None
        if "data-kpi" in a:
            into = self.cells.setdefault((a["data-kpi"], a["data-period"]), {})
        elif tag == "th" and "k" in cls:
            into = self.rows
        elif tag == "th" and a.get("scope") == "rowgroup":
            into = self.headers
        elif tag == "div" and "r" in cls:
            into = self.bars
        elif tag == "div" and "ax" in cls:
            self.axis = ""
        elif tag == "div" and "b" in cls and self.bars:
            self.bars[-1]["bar"] = a["style"]
        if into is not None:
            item = {**a, "text": ""}
            if isinstance(into, list):
                into.append(item)
            else:
                into.update(item)
                item = into
            if tag != "div":
                self._open, self._tag = item, tag

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data
        elif self.axis is not None:
            self.axis += data
        elif self.bars:
            self.bars[-1]["text"] += data

    def handle_endtag(self, tag):
        if self._open is not None and tag == self._tag:
            self._open = None


def parse(text: str) -> _Cells:
    p = _Cells()
    p.feed(text)
    return p


@pytest.fixture(scope="module")
def scores(demo):
    return score_all(demo)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_2010_cells_show_the_hand_checked_levels_and_lights(demo, scores, lang):
    """Each 2010 cell of the demo: the light of the hand-checked level (tests/test_omax_lights_scoring
    STUDY_2010) as fill, ink, symbol and data-light, and the level cut to 2 decimals in the language's
    style (C3b 2.956 -> '■ 2.95' / '■ 2,95', never rounded up to 2.96)."""
    cells = parse(heat_html.heatmap_html(demo, scores, lang=lang)).cells
    assert len(cells) == len(demo.kpis) * len(scores)
    for code, (level, light) in STUDY_2010.items():
        c = cells[(code, "2010")]
        assert c["data-light"] == light
        assert f"background:{FILL[light]};color:{INK[light]}" in c["style"]
        shown = f"{math.floor(level * 100 + 1e-9) / 100:.2f}"
        assert c["text"] == f"{lights.STYLES[light].symbol} {shown if lang == 'en' else shown.replace('.', ',')}"
    assert cells[("C3b", "2010")]["text"] == ("■ 2.95" if lang == "en" else "■ 2,95")
    assert cells[("I3a", "2010")]["text"].startswith("■ 3")  # red is a square: readable without colour
    assert cells[("C1a", "2010")]["text"].startswith("▲ 4")  # yellow a triangle
    assert cells[("C1b", "2010")]["text"].startswith("● 8")  # green a circle


def test_every_cell_matches_its_score_and_has_the_details_in_its_tooltip(demo, scores):
    cells = parse(heat_html.heatmap_html(demo, scores, lang="id")).cells
    for p, ps in scores.items():
        for ks in ps.kpis:
            c = cells[(ks.code, p)]
            k = demo.kpi(ks.code)
            assert c["text"] == hm.cell_text(ks, "id")
            assert c["title"].split("\n") == [
                f"{k.code} {k.name('id')}",
                f"{p}: {lights.label(ks.light, 'id')} · level {display.level(ks.level, 'id')}",
                f"Realisasi: {display.actual(ks.actual, ks.actual_text, k.unit, 'id')} · "
                f"Target: {display.value(ks.target, k.unit, 'id')}"]


def test_rows_grouped_by_perspective_with_full_names_in_the_tooltip(demo, scores):
    out = parse(heat_html.heatmap_html(demo, scores, lang="id", label_chars=20))
    assert [h["text"] for h in out.headers] == [p.name("id").upper() for p in demo.perspectives]
    assert out.headers[0]["text"] == "KEUANGAN"
    want = [(key, name) for kind, key, name in hm.heatmap_rows(demo, "id") if kind == "kpi"]
    assert [r["title"] for r in out.rows] == [f"{key} {name}" for key, name in want]
    assert all(len(r["text"]) <= 20 for r in out.rows)
    assert any(r["text"].endswith("…") for r in out.rows)


def test_selected_cell_outlined_and_legend_in_both_languages(demo, scores):
    text = heat_html.heatmap_html(demo, scores, lang="en", selected=("C1b", "2009"))
    cells = parse(text).cells
    assert [key for key, c in cells.items() if "sel" in c["class"].split()] == [("C1b", "2009")]
    for light in ("red", "yellow", "green"):
        assert lights.label(light, "en") in text
        assert lights.label(light, "id") in heat_html.heatmap_html(demo, scores, lang="id")
    assert 'style="font-size:20px"' in heat_html.heatmap_html(demo, scores, font_size=20, row_px=32)
    assert "height:32px" in heat_html.heatmap_html(demo, scores, font_size=20, row_px=32)


def test_texts_are_escaped_and_an_unmeasured_cell_is_a_dash(demo, scores):
    sc: Scorecard = demo.copy()
    sc.kpis[0] = dataclasses.replace(sc.kpis[0], name_en='Tax <b>"revenue"</b> & co')
    text = heat_html.heatmap_html(sc, score_all(sc), lang="en")
    assert '<b>"revenue' not in text and "Tax &lt;b&gt;&quot;revenue&quot;&lt;/b&gt; &amp; co" in text
    first = sc.kpis[0].code
    gap = {"2010": dataclasses.replace(scores["2010"], kpis=[k for k in scores["2010"].kpis if k.code != first])}
    cell = parse(heat_html.heatmap_html(demo, gap, lang="en")).cells[(first, "2010")]
    assert cell["text"] == "—" and "data-light" not in cell and "not measured" in cell["title"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_waterfall_largest_first_adds_up_and_labels_every_bar(demo, lang):
    periods = demo.periods()
    mv = index_movement(demo, periods[0], periods[-1])
    bars = parse(heat_html.waterfall_html(mv, demo, lang=lang, top=6)).bars
    kinds = [b["data-kind"] for b in bars]
    assert kinds[0] == kinds[-1] == "total" and len(bars) == 1 + 7 + 1  # start, 6 largest + the rest, end
    steps = mv.waterfall_rows(top=6)[1:-1]
    assert [abs(r["value"]) for r in steps[:-1]] == sorted((abs(r["value"]) for r in steps[:-1]), reverse=True)
    idx = "Index" if lang == "en" else "Indeks"
    assert bars[0]["text"] == f"{idx} {periods[0]}{display.level(mv.index_from, lang)}"
    assert bars[-1]["text"] == f"{idx} {periods[-1]}{display.level(mv.index_to, lang)}"
    assert bars[-2]["text"].startswith("all other KPIs" if lang == "en" else "IKU lainnya")
    top = mv.items[0]
    assert bars[1]["text"].startswith(top.code) and bars[1]["text"].endswith(display.signed_points(top.total, lang))
    assert bars[1]["data-kind"] == ("rise" if top.total > 0 else "fall")
    assert f"background:{hm.RISE if top.total > 0 else hm.FALL}" in bars[1]["bar"]
    weight = "weight" if lang == "en" else "bobot"
    assert f"{weight} {display.weight(top.weight_to, lang)}" in bars[1]["title"]
    assert parse(heat_html.waterfall_html(mv, demo, lang=lang)).axis.startswith(
        "index (0 to 10)" if lang == "en" else "indeks (0 sampai 10)")
    # each step's bar runs from the running total before it to the one after it (same axis for all)
    left = [float(re.search(r"left:([\d.]+)%", b["bar"]).group(1)) for b in bars]
    width = [float(re.search(r"width:([\d.]+)%", b["bar"]).group(1)) for b in bars]
    assert left[0] == 0.0 and all(0.0 <= x <= 100.0 for x in left)
    end_start = left[0] + width[0]  # the start bar ends at index_from
    first = left[1] if top.total > 0 else left[1] + width[1]
    assert first == pytest.approx(end_start, abs=0.02)

"""Builders of the strategy map (layout, inline SVG, PNG) and of the heatmap page's rows, scale, trend SVG and summary (no Streamlit)."""

from __future__ import annotations

import base64
import math
import re
import struct
import xml.etree.ElementTree as ET  # noqa: N817

import numpy as np
import pytest

from scorecard import display
from scorecard.charts import heatmap as hm
from scorecard.charts import map as smap
from scorecard.charts import map_svg
from scorecard.method import lights
from scorecard.method.scoring import score_all
from scorecard.method.whatif import index_movement
from scorecard.model import Link, Note, Objective, Perspective, Scorecard
from scorecard.reports import map_picture

SYMBOLS = {s.symbol for s in lights.STYLES.values()}


@pytest.fixture(scope="module")
def sc(demo):
    return demo


@pytest.fixture(scope="module")
def scores(sc):
    return score_all(sc)


@pytest.fixture(scope="module")
def ps(scores):
    return scores[list(scores)[-1]]


# ---- strategy map (inline SVG from the one layout in scorecard.charts.map) ----------------------

NS = "{http://www.w3.org/2000/svg}"


def _svg(sc, ps, **kw) -> ET.Element:
    """The map's SVG parsed as XML (so it is also well-formed: every text escaped)."""
    return ET.fromstring(map_svg.strategy_map_svg(sc, ps, **kw))


def _groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if g.get("class") == cls]


def _rect(g: ET.Element) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) of the group's rectangle, px."""
    r = g.find(f"{NS}rect")
    x, y, w, h = (float(r.get(k)) for k in ("x", "y", "width", "height"))
    return x, x + w, y, y + h


def _points(g: ET.Element) -> list[tuple[float, float]]:
    d = g.find(f"{NS}path").get("d")
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", d)]


def _lines(g: ET.Element, cls: str = "label") -> list[str]:
    text = next(t for t in g.iter(f"{NS}text") if t.get("class") == cls)
    return ["".join(s.itertext()) for s in text.findall(f"{NS}tspan")]


def _boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    return {g.get("data-code"): _rect(g) for g in _groups(root, "node")}


def test_boxes_sit_in_their_perspective_band_financial_on_top(sc, ps):
    root = _svg(sc, ps, lang="en")
    keys = [p.key for p in sc.perspectives]
    assert keys[0] == "Financial" and keys[-1] == "Learning and Growth"
    bands = _groups(root, "band")
    assert [b.get("data-key") for b in bands] == keys
    assert all(b.find(f"{NS}rect").get("fill") in smap.BAND_FILLS for b in bands)
    assert [_lines(b, "bandlabel") for b in bands][0] == ["Financial"]
    boxes = _boxes(root)
    order = smap.band_order(sc)
    for band, key in zip(bands, keys, strict=True):
        _, _, top, bottom = _rect(band)
        codes = [o.code for o in sc.objectives_of(key)]
        assert all(top < boxes[c][2] < boxes[c][3] < bottom for c in codes)  # inside its band
        assert sorted(codes, key=lambda c: boxes[c][0]) == order[key]  # left to right as the ordering says
    assert max(boxes[c][3] for c in order["Financial"]) < min(boxes[c][2] for c in order["Customer"])


def test_one_box_per_objective_with_its_light_symbol_and_level_for_2010(sc, scores):
    ps = scores["2010"]
    root = _svg(sc, ps, lang="en")
    nodes = _groups(root, "node")
    assert sorted(g.get("data-code") for g in nodes) == sorted(o.code for o in sc.objectives)
    seen = set()
    for g in nodes:
        code = g.get("data-code")
        obj = ps.objective(code)
        style = lights.STYLES[obj.light]
        assert g.get("data-light") == obj.light
        assert g.find(f"{NS}rect").get("fill") == style.fill
        assert g.find(f"{NS}text").get("fill") == style.ink
        assert _lines(g)[0] == f"{code}  {style.symbol} {display.level(obj.level, 'en')}"
        seen.add(obj.light)
        tip = g.find(f"{NS}title").text
        assert tip.startswith(f"{code} {sc.objective(code).name('en')}\nStatus: {lights.label(obj.light, 'en')}")
        for k in sc.kpis_of(code):  # the tooltip lists the objective's KPIs with their lights
            assert f"{lights.STYLES[ps.kpi(k.code).light].symbol} {k.code} " in tip
    assert len(seen) >= 2  # the demo has several lights on its map
    # the objectives the same-numbers browser test reads (hand-read from the demo's 2010 scores)
    heads = {g.get("data-code"): _lines(g)[0] for g in nodes}
    assert heads["F1"] == "F1  ● 9.53" and heads["C3"] == "C3  ▲ 5.60" and heads["L2"] == "L2  ● 8.55"


def _on_edge(box, pt, eps=0.011) -> bool:
    x0, x1, y0, y1 = box
    inside = x0 - eps <= pt[0] <= x1 + eps and y0 - eps <= pt[1] <= y1 + eps
    return inside and min(abs(pt[0] - x0), abs(pt[0] - x1), abs(pt[1] - y0), abs(pt[1] - y1)) <= eps


def test_every_arrow_runs_from_its_own_port_on_the_cause_to_its_own_port_on_the_effect(sc, ps):
    root = _svg(sc, ps)
    boxes = _boxes(root)
    arrows = _groups(root, "link")
    assert sorted((g.get("data-cause"), g.get("data-effect")) for g in arrows) == \
        sorted((ln.cause, ln.effect) for ln in smap.valid_links(sc)) and len(arrows) == len(sc.links)
    head = root.find(f"{NS}defs/{NS}marker").get("id")
    nodes = smap.node_positions(sc)
    ported = smap.ported(smap.routes(nodes, smap.valid_links(sc)), nodes)
    ends = []
    for g in arrows:
        key = (g.get("data-cause"), g.get("data-effect"))
        pts = _points(g)
        assert g.find(f"{NS}path").get("marker-end") == f"url(#{head})"
        assert g.find(f"{NS}title").text == f"{key[0]} → {key[1]}"
        assert len(pts) == len(ported[key])  # the bends of the shared layout, nothing else
        assert _on_edge(boxes[key[0]], pts[0]), (key, pts[0])
        assert _on_edge(boxes[key[1]], pts[-1]), (key, pts[-1])
        ends += [pts[0], pts[-1]]
    for i, p in enumerate(ends):  # no two arrows start or end at the same point (they would merge there)
        for q in ends[i + 1:]:
            assert abs(p[0] - q[0]) + abs(p[1] - q[1]) > 5, (p, q)


def test_drawn_arrows_cross_no_box_and_add_no_crossing(sc, ps):
    root = _svg(sc, ps)
    boxes = _boxes(root)
    arrows = _groups(root, "link")
    paths = {(g.get("data-cause"), g.get("data-effect")): _points(g) for g in arrows}
    seg = np.asarray([(*p[i], *p[i + 1]) for p in paths.values() for i in range(len(p) - 1)], dtype=float)
    owners = [k for k, p in paths.items() for _ in range(len(p) - 1)]
    # the full boxes (less 0.02 px of rounding): a piece may only touch its own cause's and effect's boxes
    rects = np.asarray([(x0 + 0.02, x1 - 0.02, y0 + 0.02, y1 - 0.02) for x0, x1, y0, y1 in boxes.values()])
    exclude = np.asarray([[c in k for c in boxes] for k in owners])
    assert smap._box_hits(seg, rects, exclude) == 0
    keys = list(paths)
    link_ids = np.asarray([keys.index(k) for k in owners])
    nodes = smap.node_positions(sc)
    centre = smap.routes(nodes, smap.valid_links(sc))  # what the ordering left (centre to centre)
    cseg = np.asarray([(*p[i], *p[i + 1]) for p in centre.values() for i in range(len(p) - 1)], dtype=float)
    cids = np.asarray([j for j, p in enumerate(centre.values()) for _ in range(len(p) - 1)])
    assert smap._crossings(seg, link_ids) <= smap._crossings(cseg, cids)


def test_arrows_never_run_through_another_box(sc):
    order = smap.band_order(sc)
    nodes = smap._place(sc, order)
    paths = smap.routes(nodes, smap.valid_links(sc))
    seg = np.asarray([(*p[i], *p[i + 1]) for p in paths.values() for i in range(len(p) - 1)])
    owners = [k for k, p in paths.items() for _ in range(len(p) - 1)]
    boxes = np.asarray([(n.x - n.hw * 0.9, n.x + n.hw * 0.9, n.y - n.hh * 0.9, n.y + n.hh * 0.9)
                        for n in nodes.values()])
    exclude = np.asarray([[c in k for c in nodes] for k in owners])
    assert smap._box_hits(seg, boxes, exclude) == 0


def test_barycentre_ordering_removes_an_avoidable_crossing():
    sc = Scorecard("t", perspectives=[Perspective("Top", "Top", "Atas"), Perspective("Bottom", "Bottom", "Bawah")],
                   objectives=[Objective("A1", "Top", "a1"), Objective("A2", "Top", "a2"),
                               Objective("B1", "Bottom", "b1"), Objective("B2", "Bottom", "b2")],
                   links=[Link("B1", "A2"), Link("B2", "A1")])
    model_order = {"Top": ["A1", "A2"], "Bottom": ["B1", "B2"]}
    assert smap.layout_cost(sc, model_order) >= 1  # the two arrows cross
    order = smap.band_order(sc)
    assert smap.layout_cost(sc, order) < 1
    assert order["Top"].index("A2") < order["Top"].index("A1") or order["Bottom"].index("B2") < \
        order["Bottom"].index("B1")


def test_ordering_beats_the_model_order_on_the_demo(sc):
    keys = [p.key for p in sc.perspectives]
    model_order = {k: [o.code for o in sc.objectives_of(k)] for k in keys}
    assert smap.layout_cost(sc, smap.band_order(sc)) < smap.layout_cost(sc, model_order)
    assert smap.band_order(sc) == smap.band_order(sc)  # deterministic


def test_bad_links_are_not_drawn(sc, ps):
    bad = sc.copy()
    bad.links = [Link("C1", "F1"), Link("C1", "F1"), Link("C1", "C1"), Link("C1", "ZZ")]
    arrows = _groups(_svg(bad, ps), "link")
    assert [(g.get("data-cause"), g.get("data-effect")) for g in arrows] == [("C1", "F1")]


def test_map_in_indonesian_and_wrapped(sc, ps):
    root = _svg(sc, ps, lang="id", width_px=900)
    bands = " ".join(" ".join(_lines(b, "bandlabel")) for b in _groups(root, "band"))
    assert "Keuangan" in bands and "Pertumbuhan" in bands
    title = next(t for t in root.iter(f"{NS}text") if t.get("class") == "title")
    assert title.text == f"Peta strategi — {ps.period}"
    legend = next(t for t in root.iter(f"{NS}text") if t.get("class") == "legend").text
    assert legend.startswith("■ Merah < 4") and "● Hijau ≥ 8" in legend and "sebab → akibat" in legend
    labels = [_lines(g) for g in _groups(root, "node")]
    for lines in labels:
        assert 2 <= len(lines) <= 4
        assert all(len(x) <= 40 for x in lines[1:])
    assert "," in labels[0][0] and "." not in labels[0][0]  # decimal comma
    assert not [t for t in root.iter(f"{NS}title") if "level" in (t.text or "") and "IKU:" not in t.text
                and "→" not in t.text]  # every box's details in Indonesian ("IKU:")


def test_map_font_sizes_at_least_14px_and_20px_for_the_presenter(sc, ps):
    for font, least in ((14, 14), (22, 20)):
        root = _svg(sc, ps, font_size=font, width_px=1600 if font > 14 else 900)
        sizes = [float(t.get("font-size")) for t in root.iter(f"{NS}text") if t.get("class") in ("label", "bandlabel")]
        assert len(sizes) == len(sc.objectives) + len(sc.perspectives) and min(sizes) >= least
        legend = next(t for t in root.iter(f"{NS}text") if t.get("class") == "legend")
        assert float(legend.get("font-size")) >= least - 1


def test_names_are_escaped(sc, ps):
    odd = sc.copy()
    code = odd.objectives[0].code
    odd.objectives[0].name_en = 'a<b & "c"'
    odd.perspectives[0].name_en = "<Money> & co"
    text = map_svg.strategy_map_svg(odd, ps, lang="en", title="Map <1> & 'two'")
    assert "a<b" not in text and "<Money>" not in text and "<1>" not in text
    root = ET.fromstring(text)  # well-formed
    box = next(g for g in _groups(root, "node") if g.get("data-code") == code)
    assert _lines(box)[1] == 'a<b & "c"'
    assert box.find(f"{NS}title").text.startswith(f'{code} a<b & "c"\n')
    assert _lines(_groups(root, "band")[0], "bandlabel") == ["<Money> & co"]
    assert next(t for t in root.iter(f"{NS}text") if t.get("class") == "title").text == "Map <1> & 'two'"


def test_control_characters_never_break_the_svg_file(sc, ps):
    """A name typed with a vertical tab or a form feed (allowed in a workbook cell) is dropped from the
    SVG: the downloaded file stays well-formed XML."""
    odd = sc.copy()
    odd.objectives[0].name_en = "Revenue\x0bgrowth\x0c"
    data = map_svg.svg_file(map_svg.strategy_map_svg(odd, ps, lang="en"))
    root = ET.fromstring(data)  # raises on an XML-invalid character
    assert any("Revenuegrowth" in (t.text or "") for t in root.iter(f"{NS}tspan")) or b"Revenuegrowth" in data


def test_svg_file_and_markdown_block(sc, ps):
    svg = map_svg.strategy_map_svg(sc, ps)
    data = map_svg.svg_file(svg)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    root = ET.fromstring(data)
    _, _, w, h = root.get("viewBox").split()
    assert (root.get("width"), root.get("height")) == (w, h)  # a fixed size for drawing programs
    assert b"<script" not in data and b"plotly" not in data and len(_groups(root, "link")) == len(sc.links)
    block = map_svg.svg_markdown(svg)
    assert block.startswith("<div") and block.endswith("</div>") and "\n\n" not in block
    assert block.count("\n") == 2  # Markdown sees one HTML block and leaves the SVG alone


def test_map_png_is_drawn_without_a_browser(sc, ps):
    data = map_picture.map_png(sc, ps, "id")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (w, h) == (int(map_picture.PNG_SIZE[0] * map_picture.PNG_DPI),
                      int(map_picture.PNG_SIZE[1] * map_picture.PNG_DPI))


def test_wrap_limits_lines():
    assert smap.wrap("Meningkatkan keterampilan dan kompetensi pegawai", 16, 2)[-1].endswith("…")
    assert smap.wrap("short", 20) == ["short"]


# ---- heatmap (the HTML heatmap and waterfall: tests/test_charts_heat_html.py) ---------------------

def test_omax_rows(sc, scores):
    p = list(scores)[-1]
    ks = scores[p].kpi("C1b")
    rows = hm.omax_rows(sc.kpi("C1b"), ks, "en")
    assert [r["level"] for r in rows] == [str(i) for i in range(10, -1, -1)]
    anchors = {r["level"]: r["anchor"] for r in rows if r["anchor"]}
    assert anchors["10"] == "target" and anchors["0"] == "worst"
    marked = [r for r in rows if r["actual"]]
    assert len(marked) == 1 and marked[0]["level"] == str(min(10, math.floor(ks.level)))
    assert "days" in rows[0]["value"]
    assert hm.omax_rows(sc.kpi("C1b"), ks, "id")[-1]["anchor"] == "terburuk"


# ---- why the index moved -----------------------------------------------------------------------

def test_movement_summary(sc):
    periods = sc.periods()
    mv = index_movement(sc, periods[0], periods[-1])
    en = hm.movement_summary(mv, sc, "en")
    top = next(it for it in mv.items if (it.total > 0) == (mv.total > 0))
    assert en.startswith("The index rose" if mv.total > 0 else "The index fell")
    assert f"from {periods[0]} to {periods[-1]}" in en and "mostly because of" in en and top.code in en
    change = display.level_change(mv.index_from, mv.index_to, "en")[1:]
    assert f"{change} from" in en
    assert f"({display.level(mv.index_from, 'en')} → {display.level(mv.index_to, 'en')})" in en
    idn = hm.movement_summary(mv, sc, "id")
    assert idn.startswith("Indeks naik" if mv.total > 0 else "Indeks turun") and "terutama karena" in idn
    same = index_movement(sc, periods[-1], periods[-1])
    assert "did not change" in hm.movement_summary(same, sc, "en")


def test_attention_rows_red_first_with_notes(sc, ps):
    with_note = sc.copy()
    code = ps.by_light("red")[0].code
    with_note.notes.append(Note(code, ps.period, "no budget", "ask for budget", "Head of admin", "2011-03"))
    rows = hm.attention_rows(with_note, ps, "en")
    assert [r["light"] for r in rows] == sorted((r["light"] for r in rows), key=["red", "yellow"].index)
    assert len(rows) == len(ps.by_light("red")) + len(ps.by_light("yellow"))
    row = next(r for r in rows if r["code"] == code)
    assert row["action"] == "ask for budget" and row["owner"] == "Head of admin" and row["status"].startswith("■")


def test_index_trend_svg_one_symbol_per_period(sc, scores):
    """The light SVG trend (Overview, heatmap page, presenter): one symbol per period in that period's light
    (square red, triangle yellow, circle green), the bands in the light fills, every value through the
    display rule, the y position on the 0..10.9 axis."""
    import re

    svg = hm.index_trend_svg(sc, scores, lang="id", height=240)
    img = hm.index_trend_img(sc, scores, lang="id", height=240)
    assert base64.b64decode(re.search(r"base64,([^\"]+)", img).group(1)).decode() == svg
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "plotly" not in svg
    shapes = re.findall(r"<g><title>[^<]*</title><(rect|polygon|circle) ", svg)
    want = {"red": "rect", "yellow": "polygon", "green": "circle"}
    assert shapes == [want[s.light] for s in scores.values()]
    for light in ("red", "yellow", "green"):
        assert f'fill="{lights.STYLES[light].fill}" fill-opacity="0.22"' in svg
        assert lights.label(light, "id") in svg
    for p, s in scores.items():
        assert f"<title>{p}: {display.level(s.index, 'id')} · {lights.label(s.light, 'id')}</title>" in svg
    # hand-checked geometry: top 40, plot height 240-40-26 = 174; the index v sits at 40 + 174 * (1 - v / 10.9)
    first = next(iter(scores.values()))
    y = 40 + 174 * (1 - first.index / 10.9)
    cy = re.search(r'<g><title>[^<]*</title><(?:circle cx="[\d.]+" cy="([\d.]+)"|rect x="[\d.]+" y="([\d.]+)"|'
                   r'polygon points="[\d.]+,([\d.]+))', svg)
    got = float(next(g for g in cy.groups() if g))
    r = 8.5 if len(scores) <= 12 else 5.0
    offset = {"green": 0.0, "red": -r, "yellow": -r * 1.15}[first.light]
    assert got == pytest.approx(y + offset, abs=0.06)


def test_index_trend_svg_escapes_and_thins_labels(sc, scores):
    many = {f"P<{i}>": s for i, s in enumerate(list(scores.values()) * 6)}  # 6x the demo's periods
    svg = hm.index_trend_svg(sc, many, lang="en", title="A & B")
    assert "P<0>" not in svg and "P&lt;0&gt;" in svg and "A &amp; B" in svg
    assert svg.count("<title>") == len(many)  # every point keeps its symbol and tooltip
    labels = len(re.findall(r'font-size="11" text-anchor="middle"', svg))
    assert labels <= 9 < len(many)


def test_empty_bands_and_unscored_objectives_still_draw(ps):
    """A new scorecard: a band without objectives, an objective with no score (red, no level), no links."""
    sc = Scorecard("new", perspectives=[Perspective("A", "Alpha", "Alfa"), Perspective("B", "Beta", "Beta")],
                   objectives=[Objective("X1", "A", "x")])
    root = _svg(sc, ps)
    assert [b.get("data-key") for b in _groups(root, "band")] == ["A", "B"] and not _groups(root, "link")
    (box,) = _groups(root, "node")
    assert box.get("data-light") == "red" and _lines(box)[0] == f"X1  ■ {display.level(None, 'en')}"
    assert ET.fromstring(map_svg.strategy_map_svg(Scorecard("empty"), ps)).tag == f"{NS}svg"

"""Builders of the strategy map (plotly) and of the heatmap page's rows, scale, trend SVG and summary (no Streamlit)."""

from __future__ import annotations

import base64
import math
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from scorecard import display
from scorecard.charts import heatmap as hm
from scorecard.charts import map as smap
from scorecard.method import lights
from scorecard.method.scoring import score_all
from scorecard.method.whatif import index_movement
from scorecard.model import Link, Note, Objective, Perspective, Scorecard

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


def _annotations(fig: go.Figure, prefix: str) -> list:
    return [a for a in fig.layout.annotations if (a.name or "").startswith(prefix)]


def _shapes(fig: go.Figure, prefix: str) -> list:
    return [s for s in fig.layout.shapes if (s.name or "").startswith(prefix)]


# ---- strategy map ------------------------------------------------------------------------------

def test_nodes_sit_in_their_perspective_band_financial_on_top(sc, ps):
    fig = smap.strategy_map_figure(sc, ps, lang="en")
    drawn = smap.node_order_from_figure(fig)
    order = smap.band_order(sc)
    keys = [p.key for p in sc.perspectives]
    assert keys[0] == "Financial" and keys[-1] == "Learning and Growth"
    assert [drawn[b] for b in range(len(keys))] == [order[k] for k in keys]
    for b, key in enumerate(keys):
        assert sorted(drawn[b]) == sorted(o.code for o in sc.objectives_of(key))
    y = {s.name.split(":", 1)[1]: (s.y0 + s.y1) / 2 for s in _shapes(fig, "node:")}
    assert min(y[c] for c in order["Financial"]) > max(y[c] for c in order["Customer"])
    assert min(y[c] for c in order["Internal Business Process"]) > max(y[c] for c in order["Learning and Growth"])
    bands = _shapes(fig, "band:")
    assert [b.name for b in bands] == [f"band:{k}" for k in keys]
    assert all(b.fillcolor in smap.BAND_FILLS for b in bands)


def test_one_arrow_annotation_per_link_from_cause_to_effect(sc, ps):
    fig = smap.strategy_map_figure(sc, ps)
    arrows = _annotations(fig, "link:")
    assert len(arrows) == len(smap.valid_links(sc)) == len(sc.links)
    assert sorted(a.name for a in arrows) == sorted(f"link:{ln.cause}->{ln.effect}" for ln in sc.links)
    nodes = smap.node_positions(sc)
    for a in arrows:
        assert a.showarrow and a.arrowhead > 0 and a.axref == "x" and a.ayref == "y" and a.text == ""
        effect = nodes[a.name.split("->")[1]]
        # the head touches the effect's box edge
        assert abs(a.x - effect.x) <= effect.hw + 0.02 and abs(a.y - effect.y) <= effect.hh + 0.02
        assert abs(a.x - effect.x) >= effect.hw - 1e-9 or abs(a.y - effect.y) >= effect.hh - 1e-9
    for part in _annotations(fig, "linkpart:"):
        assert part.arrowhead == 0 and part.axref == "x"


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
    fig = smap.strategy_map_figure(bad, ps)
    assert [a.name for a in _annotations(fig, "link:")] == ["link:C1->F1"]


def test_node_colours_and_labels_match_lights(sc, ps):
    fig = smap.strategy_map_figure(sc, ps, lang="en")
    labels = {a.name.split(":", 1)[1]: a for a in _annotations(fig, "label:")}
    seen = set()
    for s in _shapes(fig, "node:"):
        code = s.name.split(":", 1)[1]
        g = ps.objective(code)
        style = lights.STYLES[g.light]
        assert s.fillcolor == style.fill
        assert labels[code].font.color == style.ink
        text = labels[code].text
        assert code in text and style.symbol in text and display.level(g.level, "en") in text
        seen.add(g.light)
    assert len(seen) >= 2  # the demo has several lights on its map
    # hover lists the objective's KPIs with their lights
    hover = fig.data[0].hovertext
    c1 = next(h for h in hover if h.startswith("<b>C1 "))
    for k in sc.kpis_of("C1"):
        assert k.code in c1
        assert lights.STYLES[ps.kpi(k.code).light].symbol in c1


def test_map_in_indonesian_and_wrapped(sc, ps):
    fig = smap.strategy_map_figure(sc, ps, lang="id", width_px=900)
    bandlabels = " ".join(a.text for a in _annotations(fig, "bandlabel:"))
    assert "Keuangan" in bandlabels and "Pertumbuhan" in bandlabels
    assert "Peta strategi" in fig.layout.title.text
    for a in _annotations(fig, "label:"):
        lines = a.text.split("<br>")
        assert len(lines) <= 4
        assert all(len(x) <= 40 for x in lines[1:])
    assert "," in _annotations(fig, "label:")[0].text  # decimal comma


def test_map_exports_self_contained(sc, ps):
    fig = smap.strategy_map_figure(sc, ps)
    html = fig.to_html(include_plotlyjs=True, full_html=True)
    assert '<script src="https://cdn' not in html and len(html) > 1_000_000  # plotly.js is inside
    assert html.count('"name":"link:') == len(sc.links)
    svgish = fig.to_dict()["layout"]["annotations"]
    assert sum(1 for a in svgish if a.get("name", "").startswith("link:")) == len(sc.links)


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


def _drawn_paths(fig) -> dict[str, list[tuple[float, float]]]:
    """Each link's polyline as drawn: its head-less bends then the piece with the head."""
    parts: dict[str, list] = {}
    for a in fig.layout.annotations:
        name = a.name or ""
        if name.startswith("linkpart:"):
            key, i = name[len("linkpart:"):].rsplit(":", 1)
            parts.setdefault(key, []).append((int(i), (a.ax, a.ay), (a.x, a.y)))
    out = {}
    for a in fig.layout.annotations:
        name = a.name or ""
        if name.startswith("link:"):
            key = name[len("link:"):]
            pieces = sorted(parts.get(key, []))
            pts = [p[1] for p in pieces] + [(a.ax, a.ay), (a.x, a.y)]
            out[key] = pts
    return out


def _on_edge(node, pt, eps=1e-6) -> bool:
    dx, dy = abs(pt[0] - node.x), abs(pt[1] - node.y)
    inside = dx <= node.hw + eps and dy <= node.hh + eps
    return inside and (abs(dx - node.hw) <= eps or abs(dy - node.hh) <= eps)


def test_every_arrow_has_its_own_ports_on_the_box_edges(sc, ps):
    fig = smap.strategy_map_figure(sc, ps)
    nodes = smap.node_positions(sc)
    paths = _drawn_paths(fig)
    assert len(paths) == len(sc.links)
    ends: list[tuple[float, float]] = []
    for key, pts in paths.items():
        cause, effect = key.split("->")
        assert _on_edge(nodes[cause], pts[0]), (key, pts[0])
        assert _on_edge(nodes[effect], pts[-1]), (key, pts[-1])
        ends += [pts[0], pts[-1]]
    # no two arrows start or end at the same point (they would merge there)
    for i, p in enumerate(ends):
        for q in ends[i + 1:]:
            assert abs(p[0] - q[0]) + abs(p[1] - q[1]) > 0.01, (p, q)


def test_drawn_arrows_cross_no_box_and_no_other_arrow(sc, ps):
    fig = smap.strategy_map_figure(sc, ps)
    nodes = smap.node_positions(sc)
    paths = _drawn_paths(fig)
    keys = list(paths)
    seg = np.asarray([(*p[i], *p[i + 1]) for p in paths.values() for i in range(len(p) - 1)], dtype=float)
    owners = [k for k, p in paths.items() for _ in range(len(p) - 1)]
    # the full boxes (not shrunk): a piece may only touch its own cause's and effect's boxes
    boxes = np.asarray([(n.x - n.hw + 1e-6, n.x + n.hw - 1e-6, n.y - n.hh + 1e-6, n.y + n.hh - 1e-6)
                        for n in nodes.values()])
    exclude = np.asarray([[c in k.split("->") for c in nodes] for k in owners])
    assert smap._box_hits(seg, boxes, exclude) == 0
    link_ids = np.asarray([keys.index(k) for k in owners])
    # ports never add a crossing to what the ordering left (centre-to-centre routes)
    centre = smap.routes(nodes, smap.valid_links(sc))
    cseg = np.asarray([(*p[i], *p[i + 1]) for p in centre.values() for i in range(len(p) - 1)], dtype=float)
    cids = np.asarray([j for j, p in enumerate(centre.values()) for _ in range(len(p) - 1)])
    assert smap._crossings(seg, link_ids) <= smap._crossings(cseg, cids)


def test_map_labels_are_at_least_14px_by_default(sc, ps):
    fig = smap.strategy_map_figure(sc, ps)
    sizes = [a.font.size for a in fig.layout.annotations if (a.name or "").startswith(("label:", "bandlabel:"))]
    assert sizes and min(sizes) >= 14


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

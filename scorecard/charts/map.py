"""The strategy map's geometry and texts (METHOD §5): one layout for every picture of the map.

The app's map (:mod:`scorecard.charts.map_svg`, inline SVG) and the briefing PDF / PNG download
(:mod:`scorecard.reports.map_picture`, matplotlib) both draw what this module computes; no drawing here.

Layout (data units: x in [0, 1] for the objectives, the band labels left of it from :data:`X_LEFT`; one
unit of y per band, y = 0 at the bottom)
------
* One horizontal band per perspective, in the scorecard's perspective order from the top
  (Financial at the top, Learning and Growth at the bottom in the usual order).
* Objectives are boxes inside their band. Their order within a band limits arrow crossings:
  barycentre sweeps (each objective moves towards the mean position of the objectives it is
  linked to in other bands, down and up a few times), then swaps of two objectives in a band while they help. The
  ordering with the lowest cost wins, where cost = crossings + 2 x (arrow pieces passing through
  a box). Everything is deterministic.
* Arrows run from cause to effect. Each arrow has its own start and end point on the box edges
  (:func:`ported`), so arrows at one box never merge. An arrow that skips a band bends through a free
  gap of that band (see :func:`routes`).
* A box is coloured by the objective's status light (status = weighted mean level of its KPIs, from
  :class:`scorecard.method.scoring.PeriodScore`) and labelled with code, symbol, level and the wrapped
  name (:func:`label_lines`): colour is never the only signal. Its details (:func:`node_hover_lines`)
  list its KPIs with their levels and lights.
"""

from __future__ import annotations

import html
import random
import textwrap
from dataclasses import dataclass

import numpy as np

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import PeriodScore
from scorecard.model import Link, Scorecard

#: Left edge of the band-label column (node area is x in [0, 1]).
X_LEFT = -0.19
X_RIGHT = 1.0
#: Box size in data units (a band is 1 unit high).
BOX_W = 0.2
BOX_H = 0.72
#: Extra shuffled starting orders for the ordering search (seeded, so the layout is reproducible).
RANDOM_STARTS = 6
#: How much farther (x units) a gap counts per arrow already routed through it.
GAP_SHARE = 0.12
#: Cost of sideways arrow length (a tie-breaker: among equal crossings prefer short, upright arrows).
LENGTH_COST = 0.05
#: Share of a box edge that arrow ports may use (ports keep off the corners).
PORT_SPAN = 0.8
ARROW_COLOUR = "#1D2939"
BAND_FILLS = ("#EEF2F6", "#F9FAFB")
INK = "#101828"


@dataclass(frozen=True)
class Node:
    """A placed objective: centre (x, y) and half sizes in data units."""

    code: str
    perspective: str
    band: int  # 0 = top
    x: float
    y: float
    hw: float
    hh: float


# ---------------------------------------------------------------------------------------------
# Layout (pure geometry, no plotly)
# ---------------------------------------------------------------------------------------------

def valid_links(sc: Scorecard) -> list[Link]:
    """The scorecard's links between existing objectives, without self-links or duplicates."""
    codes = {o.code for o in sc.objectives}
    seen: set[tuple[str, str]] = set()
    out: list[Link] = []
    for ln in sc.links:
        key = (ln.cause, ln.effect)
        if ln.cause == ln.effect or ln.cause not in codes or ln.effect not in codes or key in seen:
            continue
        seen.add(key)
        out.append(ln)
    return out


def _box_w(n: int) -> float:
    return min(BOX_W, 0.86 / max(n, 1))


def _place(sc: Scorecard, order: dict[str, list[str]]) -> dict[str, Node]:
    keys = [p.key for p in sc.perspectives]
    nb = len(keys)
    nodes: dict[str, Node] = {}
    for b, key in enumerate(keys):
        codes = order.get(key, [])
        n = len(codes)
        hw = _box_w(n) / 2
        for i, code in enumerate(codes):
            nodes[code] = Node(code, key, b, (i + 0.5) / n, nb - b - 0.5, hw, BOX_H / 2)
    return nodes


def _gaps(nodes: list[Node]) -> list[float]:
    """x of the free gaps of a band: left margin, between neighbouring boxes, right margin."""
    xs = sorted(nodes, key=lambda n: n.x)
    if not xs:
        return [0.5]
    edges = [0.0] + [e for n in xs for e in (n.x - n.hw, n.x + n.hw)] + [X_RIGHT]
    return [(edges[i] + edges[i + 1]) / 2 for i in range(0, len(edges), 2)]


def routes(nodes: dict[str, Node], links: list[Link]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """The polyline of every link, from the cause's centre to the effect's centre.

    An arrow that skips a band goes vertically through a free gap of that band (a Sugiyama "dummy
    node"), so it never runs across another objective: the gap nearest to its straight line, a
    gap already used counting as a little farther. An arrow between two objectives of the same band
    that are not neighbours goes over the top of the boxes. Arrows sharing a gap are spread sideways.
    """
    return _routes(nodes, links)[0]


def _routes(nodes: dict[str, Node],
            links: list[Link]) -> tuple[dict[tuple[str, str], list[tuple[float, float]]], int]:
    """:func:`routes` and the number of extra arrows in shared gaps."""
    by_band: dict[int, list[Node]] = {}
    for n in nodes.values():
        by_band.setdefault(n.band, []).append(n)
    used: dict[tuple[int, int], int] = {}
    out: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for ln in links:
        a, b = nodes.get(ln.cause), nodes.get(ln.effect)
        if a is None or b is None:
            continue
        pts = [(a.x, a.y)]
        if a.band == b.band:
            lo, hi = sorted((a.x, b.x))
            if any(lo < n.x < hi for n in by_band.get(a.band, [])):
                top = a.y + a.hh + (0.5 - a.hh) * 0.55
                pts += [(a.x, top), (b.x, top)]
        else:
            step = 1 if b.band > a.band else -1
            for band in range(a.band + step, b.band, step):
                row = by_band.get(band, [])
                if not row:
                    continue
                yc = row[0].y
                px, py = pts[-1]
                t = (py - yc) / (py - b.y) if py != b.y else 0.0
                x_line = px + t * (b.x - px)
                gaps = _gaps(row)
                gi = min(range(len(gaps)),
                         key=lambda i, band=band, x_line=x_line: abs(gaps[i] - x_line) + GAP_SHARE * used.get((band, i), 0))
                k = used.get((band, gi), 0)
                used[(band, gi)] = k + 1
                gx = gaps[gi] + (0.0 if k == 0 else (0.014 * ((k + 1) // 2) * (1 if k % 2 else -1)))
                hh = row[0].hh
                near, far = (yc + hh, yc - hh) if step > 0 else (yc - hh, yc + hh)
                pts += [(gx, near), (gx, far)]
        pts.append((b.x, b.y))
        out[(ln.cause, ln.effect)] = pts
    return out, sum(v - 1 for v in used.values())


def _crossings(seg: np.ndarray, link: np.ndarray) -> int:
    """Proper crossings between pieces of different links (touching at an end point does not count)."""
    x1, y1, x2, y2 = (seg[:, i] for i in range(4))

    def orient(ax, ay, bx, by, cx, cy):
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    r = (x1[:, None], y1[:, None], x2[:, None], y2[:, None])
    c = (x1[None, :], y1[None, :], x2[None, :], y2[None, :])
    d1 = orient(*c, r[0], r[1])
    d2 = orient(*c, r[2], r[3])
    d3 = orient(*r, c[0], c[1])
    d4 = orient(*r, c[2], c[3])
    cross = (d1 * d2 < 0) & (d3 * d4 < 0) & (link[:, None] != link[None, :])
    return int(np.triu(cross, 1).sum())


def _box_hits(seg: np.ndarray, boxes: np.ndarray, exclude: np.ndarray) -> int:
    """Pieces x boxes where the piece passes through the box (Liang-Barsky clipping, vectorised).

    ``boxes`` rows are (x0, x1, y0, y1); ``exclude[s, n]`` masks a link's own cause and effect.
    """
    px, py = seg[:, 0:1], seg[:, 1:2]
    dx, dy = seg[:, 2:3] - px, seg[:, 3:4] - py
    x0, x1, y0, y1 = (boxes[None, :, i] for i in range(4))
    t0 = np.zeros((seg.shape[0], boxes.shape[0]))
    t1 = np.ones_like(t0)
    inside = np.ones_like(t0, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for pk, qk in ((-dx, px - x0), (dx, x1 - px), (-dy, py - y0), (dy, y1 - py)):
            pk = np.broadcast_to(pk, t0.shape)
            qk = np.broadcast_to(qk, t0.shape)
            t = qk / pk
            inside &= ~((pk == 0) & (qk < 0))
            t0 = np.where(pk < 0, np.maximum(t0, t), t0)
            t1 = np.where(pk > 0, np.minimum(t1, t), t1)
    return int((inside & (t0 <= t1) & ~exclude).sum())


def layout_cost(sc: Scorecard, order: dict[str, list[str]], links: list[Link] | None = None,
                shrink: float = 0.9) -> float:
    """Crossings between arrows + 2 x arrow pieces that pass through another objective's box
    (shrunk by ``shrink``) + :data:`LENGTH_COST` x the arrows' total sideways length (x units)
    + 0.5 x arrows squeezed into a gap another arrow already uses."""
    nodes = _place(sc, order)
    links = valid_links(sc) if links is None else links
    paths, shared = _routes(nodes, links)
    rows, link_ids, owners = [], [], []
    for i, (key, pts) in enumerate(paths.items()):
        for j in range(len(pts) - 1):
            rows.append((*pts[j], *pts[j + 1]))
            link_ids.append(i)
            owners.append(key)
    if not rows:
        return 0.0
    seg = np.asarray(rows, dtype=float)
    codes = list(nodes)
    boxes = np.asarray([(n.x - n.hw * shrink, n.x + n.hw * shrink, n.y - n.hh * shrink, n.y + n.hh * shrink)
                        for n in nodes.values()], dtype=float)
    exclude = np.asarray([[c in key for c in codes] for key in owners], dtype=bool)
    cost = float(_crossings(seg, np.asarray(link_ids)))
    cost += 2.0 * _box_hits(seg, boxes, exclude)
    cost += LENGTH_COST * float(np.abs(seg[:, 2] - seg[:, 0]).sum())
    cost += 0.5 * shared
    return cost


def _neighbours(sc: Scorecard, links: list[Link]) -> dict[str, set[str]]:
    nbrs: dict[str, set[str]] = {o.code: set() for o in sc.objectives}
    for ln in links:
        nbrs[ln.cause].add(ln.effect)
        nbrs[ln.effect].add(ln.cause)
    return nbrs


def _positions(order: dict[str, list[str]]) -> dict[str, float]:
    return {c: (i + 0.5) / len(cs) for cs in order.values() for i, c in enumerate(cs)}


def _barycentre_sweeps(sc: Scorecard, start: dict[str, list[str]], links: list[Link],
                       sweeps: int) -> tuple[dict[str, list[str]], float]:
    """Down and up sweeps: each band sorted by the mean x of its objectives' neighbours in other bands."""
    keys = [p.key for p in sc.perspectives]
    persp = {o.code: o.perspective for o in sc.objectives}
    nbrs = _neighbours(sc, links)
    order = {k: list(v) for k, v in start.items()}
    best, best_cost = {k: list(v) for k, v in order.items()}, layout_cost(sc, order, links)
    for _ in range(sweeps):
        for seq in (keys, list(reversed(keys))):
            for k in seq:
                pos = _positions(order)

                def bary(c: str, k: str = k, pos: dict[str, float] = pos) -> tuple[float, float]:
                    xs = [pos[n] for n in nbrs[c] if persp[n] != k]
                    return (sum(xs) / len(xs) if xs else pos[c], pos[c])

                order[k] = sorted(order[k], key=bary)
            cost = layout_cost(sc, order, links)
            if cost < best_cost:
                best, best_cost = {k: list(v) for k, v in order.items()}, cost
    return best, best_cost


def _swaps(sc: Scorecard, order: dict[str, list[str]], cost: float,
           links: list[Link]) -> tuple[dict[str, list[str]], float]:
    """Swap two objectives of a band while that lowers the cost (first improvement)."""
    best, best_cost = {k: list(v) for k, v in order.items()}, cost
    improved = True
    while improved and best_cost > 0:
        improved = False
        for k in best:
            n = len(best[k])
            for i in range(n - 1):
                for j in range(i + 1, n):
                    trial = {kk: list(v) for kk, v in best.items()}
                    trial[k][i], trial[k][j] = trial[k][j], trial[k][i]
                    c = layout_cost(sc, trial, links)
                    if c < best_cost:
                        best, best_cost, improved = trial, c, True
    return best, best_cost


_ORDER_CACHE: dict[tuple, dict[str, list[str]]] = {}


def band_order(sc: Scorecard, sweeps: int = 4) -> dict[str, list[str]]:
    """Objective codes per perspective key, ordered to limit crossings (see module docstring).

    Barycentre sweeps then pairwise swaps, started from the model's order, from every band
    reversed, rotated by one either way and from a few seeded shuffles; the lowest cost wins (ties:
    the earliest start).
    Results are memoised on the map's structure (perspectives, objectives, links).
    """
    key = (tuple(p.key for p in sc.perspectives), tuple((o.code, o.perspective) for o in sc.objectives),
           tuple((ln.cause, ln.effect) for ln in sc.links), sweeps)
    if key not in _ORDER_CACHE:
        if len(_ORDER_CACHE) > 256:
            _ORDER_CACHE.clear()
        _ORDER_CACHE[key] = _band_order(sc, sweeps)
    return {k: list(v) for k, v in _ORDER_CACHE[key].items()}


def _band_order(sc: Scorecard, sweeps: int) -> dict[str, list[str]]:
    keys = [p.key for p in sc.perspectives]
    links = valid_links(sc)
    base = {k: [o.code for o in sc.objectives_of(k)] for k in keys}
    starts = [base, {k: v[::-1] for k, v in base.items()}, {k: v[1:] + v[:1] for k, v in base.items()},
              {k: v[-1:] + v[:-1] for k, v in base.items()}]
    rng = random.Random(len(sc.objectives) * 7919 + len(links))  # fixed seed: the same map every time
    for _ in range(RANDOM_STARTS):
        starts.append({k: rng.sample(v, len(v)) for k, v in base.items()})
    best: dict[str, list[str]] | None = None
    best_cost = float("inf")
    for start in starts:
        order, cost = _barycentre_sweeps(sc, start, links, sweeps)
        order, cost = _swaps(sc, order, cost, links)
        if cost < best_cost:
            best, best_cost = order, cost
        if best_cost < 1:  # no crossing and no arrow through a box: good enough
            break
    assert best is not None
    return best


def node_positions(sc: Scorecard) -> dict[str, Node]:
    """Placed objectives (after ordering), by code."""
    return _place(sc, band_order(sc))


def _edge(node: Node, towards: tuple[float, float]) -> str:
    """Which edge of ``node`` a path leaves by to reach the point ``towards``: top, bottom, left, right."""
    dx, dy = towards[0] - node.x, towards[1] - node.y
    if abs(dy) > node.hh + 1e-9 or (abs(dy) > 1e-9 and abs(dx) * node.hh <= abs(dy) * node.hw):
        return "top" if dy > 0 else "bottom"
    return "right" if dx > 0 else "left"


def ported(paths: dict[tuple[str, str], list[tuple[float, float]]],
           nodes: dict[str, Node]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Every path with its own start and end point on the box edges.

    The arrows that leave or enter a box by the same edge get evenly spaced ports on that edge,
    ordered by where each arrow goes next (so arrows at one box never cross or merge there). A
    port replaces the box centre; a path that ran straight from centre to centre now runs from
    port to port, which stays inside the free space between two bands.
    """
    uses: dict[tuple[str, str], list[tuple[float, float, tuple[str, str], int]]] = {}
    for key, pts in paths.items():
        a, b = nodes[key[0]], nodes[key[1]]
        for end, node, nxt, far in ((0, a, pts[1], pts[-1]), (-1, b, pts[-2], pts[0])):
            edge = _edge(node, nxt)
            along = (nxt[0], far[0]) if edge in ("top", "bottom") else (nxt[1], far[1])
            uses.setdefault((node.code, edge), []).append((*along, key, end))
    port: dict[tuple[tuple[str, str], int], tuple[float, float]] = {}
    for (code, edge), items in uses.items():
        n = nodes[code]
        items.sort(key=lambda it: (it[0], it[1], it[2]))
        k = len(items)
        for i, (_, _, key, end) in enumerate(items):
            f = (i + 1) / (k + 1) - 0.5  # -0.5 .. 0.5 along the edge
            if edge in ("top", "bottom"):
                port[(key, end)] = (n.x + f * 2 * n.hw * PORT_SPAN, n.y + (n.hh if edge == "top" else -n.hh))
            else:
                port[(key, end)] = (n.x + (n.hw if edge == "right" else -n.hw), n.y + f * 2 * n.hh * PORT_SPAN)
    out: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for key, pts in paths.items():
        start, stop = port[(key, 0)], port[(key, -1)]
        mid = list(pts[1:-1])
        if nodes[key[0]].band == nodes[key[1]].band and len(mid) == 2:
            # over the top of the boxes between: rise straight from its own port, come down to its own
            mid = [(start[0], mid[0][1]), (stop[0], mid[1][1])]
        out[key] = [start, *mid, stop]
    return out


def _fmt(value: float | None, lang: str) -> str:
    """A level as everywhere else (:func:`scorecard.display.level`: cut to 2 decimals)."""
    return display.level(value, lang)


def wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    """Wrap ``text`` to lines of at most ``width`` characters, ellipsis after ``max_lines``."""
    lines = textwrap.wrap(text, width=max(width, 6), break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    return lines


def legend_text(sc: Scorecard, lang: str) -> str:
    """'■ Red < 4 · ▲ Yellow 4 to < 8 · ● Green ≥ 8' (HTML-escaped) in the language and the scorecard's bands."""
    y = display.number(sc.settings.yellow_from, lang)
    g = display.number(sc.settings.green_from, lang)
    to = "s.d. <" if lang == "id" else "to <"
    parts = [f"{lights.label('red', lang)} < {y}", f"{lights.label('yellow', lang)} {y} {to} {g}",
             f"{lights.label('green', lang)} ≥ {g}"]
    return html.escape(" · ".join(parts))


def node_light(ps: PeriodScore, code: str) -> tuple[str, float | None]:
    """The objective's light and status level in ``ps`` (an objective without a score is red, level ``None``)."""
    g = next((o for o in ps.objectives if o.key == code), None)
    return (g.light, g.level) if g is not None else ("red", None)


def label_lines(sc: Scorecard, ps: PeriodScore, code: str, lang: str, chars: int) -> list[str]:
    """A box's text (plain, not escaped): 'code  symbol level', then the name wrapped to ``chars`` (3 lines at most)."""
    light, level = node_light(ps, code)
    head = f"{code}  {lights.STYLES[light].symbol} {_fmt(level, lang)}"
    return [head, *wrap(sc.objective(code).name(lang), chars, 3)]


def box_chars(node: Node, width_px: float, font_size: float) -> int:
    """How many characters of ``font_size`` px fit on a line of ``node``'s box in a ``width_px`` wide map."""
    box_px = 2 * node.hw / (X_RIGHT - X_LEFT) * width_px
    return max(10, int(box_px / (0.62 * font_size)))


def node_hover_lines(sc: Scorecard, ps: PeriodScore, code: str, lang: str) -> list[str]:
    """A box's details (plain text, one line each): code and name, status light and level, its KPIs with theirs."""
    o = sc.objective(code)
    light, level = node_light(ps, code)
    word = "level"
    lines = [f"{code} {o.name(lang)}", f"Status: {lights.label(light, lang)} · {word} {_fmt(level, lang)}",
             "KPI:" if lang != "id" else "IKU:"]
    for k in sc.kpis_of(code):
        try:
            ks = ps.kpi(k.code)
        except StopIteration:
            continue
        name = k.name(lang)
        name = name if len(name) <= 48 else name[:47] + "…"
        lines.append(f"{lights.STYLES[ks.light].symbol} {k.code} {name}: "
                     f"{word} {_fmt(ks.level, lang)} ({lights.STYLES[ks.light].word(lang)})")
    return lines

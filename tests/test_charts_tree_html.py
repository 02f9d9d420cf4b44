"""The performance tree as light HTML (scorecard.charts.tree / tree_html): the demo's story by hand,
worst first, Σ with its sources, expanded units' employees, escaping, both languages."""

from __future__ import annotations

import dataclasses
import re

from scorecard import display
from scorecard.charts.tree import tree_nodes
from scorecard.charts.tree_html import tree_html
from scorecard.io.cascade_demo import demo_tree
from scorecard.method import lights
from scorecard.method.cascade import evaluate


def _rows(html: str) -> dict[str, str]:
    """Each table row's HTML by its data-id."""
    return {m.group(1): m.group(0) for m in re.finditer(r'<tr class="[^"]*" data-id="([^"]+)".*?</tr>', html)}


def test_collapsed_to_the_units_red_first():
    res = evaluate(demo_tree())
    nodes = tree_nodes(res)
    # office 4.74 yellow; CAPIL 2.11 red comes before DAFDUK 8.95 green (worst first)
    assert [n.id for n in nodes] == ["u:DINAS", "u:CAPIL", "u:DAFDUK"]
    assert [n.parent for n in nodes] == ["", "u:DINAS", "u:DINAS"] and [n.depth for n in nodes] == [0, 1, 1]
    assert [n.light for n in nodes] == ["yellow", "red", "green"]
    assert [n.figure for n in nodes] == ["4.74", "2.11", "8.95"]
    assert [n.figure for n in tree_nodes(res, lang="id")] == ["4,74", "2,11", "8,95"]
    html = tree_html(nodes, "en")
    rows = _rows(html)
    assert list(rows) == ["u:DINAS", "u:CAPIL", "u:DAFDUK"]
    for code in ("DINAS", "CAPIL", "DAFDUK"):
        u = res.units[code]
        row = rows[f"u:{code}"]
        s = lights.STYLES[u.light]
        assert f"<b>{code}</b>" in row and f'data-light="{u.light}"' in row
        assert f">{display.level(u.index, 'en')}</td>" in row
        assert f"background:{s.fill};color:{s.ink}" in row and lights.label(u.light, "en") in row
    # the level as a bar on 0..10 in the light's colour: CAPIL's 2.11 is the short one
    assert 'width:21.1%;background:#D55E00' in rows["u:CAPIL"] and 'width:89.5%;background:#009E73' in rows["u:DAFDUK"]
    assert "plotly" not in html and "Actual / target" in html


def test_the_story_k1_pulled_down_by_capil_and_its_three_employees():
    res = evaluate(demo_tree())
    nodes = {n.id: n for n in tree_nodes(res, {"DINAS", "CAPIL"}, "id")}
    k1 = nodes["k:DINAS:K1"]
    assert (k1.light, k1.figure, k1.values) == ("red", "2,31", "47.000 / 60.000")
    assert k1.sources == "K1 = sum (2/2) = 47.000: DAFDUK/d1 39.000, CAPIL/c1 8.000"
    c1 = nodes["k:CAPIL:c1"]
    assert (c1.light, c1.values, c1.parent) == ("red", "8.000 / 20.000", "u:CAPIL")
    assert c1.sources == "c1 = sum (3/3) = 8.000: Dewi Lestari/1 4.000, Rudi Hartono/1 3.000, Maya Sari/1 1.000"
    assert nodes["k:DINAS:K3"].sources == ""  # typed, not computed
    html = tree_html(list(nodes.values()), "id")
    rows = _rows(html)
    order = list(rows)
    # the office's KPIs red first, then its units red first; CAPIL's KPIs; its employees worst first
    assert order[:6] == ["u:DINAS", "k:DINAS:K1", "k:DINAS:K2", "k:DINAS:K4", "k:DINAS:K3", "u:CAPIL"]
    emps = [i for i in order if i.startswith("e:CAPIL:c1:")]
    assert [nodes[i].name for i in emps] == ["Maya Sari", "Dewi Lestari", "Rudi Hartono"]
    assert [nodes[i].values for i in emps] == ["1.000 / 6.000", "4.000 / 8.000", "3.000 / 6.000"]
    assert [nodes[i].figure for i in emps] == ["16,66 %", "50,00 %", "50,00 %"]
    assert order[-1] == "u:DAFDUK" and not any(i.startswith("k:DAFDUK") for i in order)
    # Σ on the computed KPIs, with the sources in its tooltip; not on typed ones
    assert 'title="dihitung dari bawah: K1 = sum (2/2) = 47.000: DAFDUK/d1 39.000, CAPIL/c1 8.000">Σ</b>' in rows[
        "k:DINAS:K1"]
    assert "Σ" not in rows["k:DINAS:K3"]
    assert "■ Merah" in rows["k:DINAS:K1"] and ">2,31</td>" in rows["k:DINAS:K1"] and "47.000 / 60.000" in rows[
        "k:DINAS:K1"]
    assert "Jumlah dokumen diterbitkan" in rows[emps[0]] and "Maya Sari (199205052015022006)" in rows[emps[0]]
    assert "Realisasi / target" in html and "Unit · IKU · pegawai" in html


def test_past_max_employees_the_worst_stay_and_the_rest_are_counted():
    res = evaluate(demo_tree())
    nodes = tree_nodes(res, {"CAPIL"}, "en", max_employees=1)
    under = [n for n in nodes if n.parent == "k:CAPIL:c1"]
    assert [n.kind for n in under] == ["employee", "more"]
    assert under[0].name == "Maya Sari" and under[1].name == "… +2 employees"
    assert "… +2 employees" in tree_html(nodes, "en")


def test_names_are_escaped():
    tree = demo_tree()
    bad = 'Bidang <b>Capil</b> & "Sipil"'
    tree.unit("CAPIL").name = bad
    tree.unit("CAPIL").name_en = bad
    tree.skp[:] = [dataclasses.replace(r, person='Maya <i> & "S"') if r.person == "Maya Sari" else r for r in tree.skp]
    res = evaluate(tree)
    for lang in ("en", "id"):
        html = tree_html(tree_nodes(res, {"CAPIL"}, lang), lang)
        assert bad not in html and "<b>Capil</b>" not in html and "Maya <i>" not in html
        assert "Bidang &lt;b&gt;Capil&lt;/b&gt; &amp; &quot;Sipil&quot;" in html
        assert "Maya &lt;i&gt; &amp; &quot;S&quot;" in html


def test_english_names_and_words():
    tree = demo_tree()
    tree.unit("CAPIL").name_en = "Civil records"
    res = evaluate(tree)
    html = tree_html(tree_nodes(res, {"CAPIL"}, "en"), "en")
    assert "<b>CAPIL</b> Civil records" in html and "■ Red" in html and "computed from below: c1 = sum" in html
    assert "Merah" not in html

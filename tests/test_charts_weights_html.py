"""The light HTML weight bars of the Weights page (redrawn on every slider release)."""

from __future__ import annotations

import re

from scorecard.charts import weights as charts


def test_bars_sorted_largest_first_with_widths_relative_to_the_largest():
    out = charts.weights_bars_html(["A", "B", "C"], [0.2, 0.5, 0.3], lang="en")
    labels = re.findall(r'class="l" title="([^"]+)"', out)
    widths = [float(x) for x in re.findall(r"width:([0-9.]+)%", out)]
    assert labels == ["B", "C", "A"]
    assert widths == [100.0, 60.0, 40.0]
    assert re.findall(r'class="v">([^<]+)<', out) == [charts.pct(0.5, "en"), charts.pct(0.3, "en"), charts.pct(0.2, "en")]


def test_bars_escape_labels_and_use_the_locale():
    out = charts.weights_bars_html(["<b>x</b>"], [0.4063], lang="id")
    assert "<b>x</b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out
    assert charts.pct(0.4063, "id") in out and "40,6" in out


def test_groups_get_a_legend_in_their_own_order_and_distinct_colours():
    out = charts.weights_bars_html(["a1", "b1", "a2"], [0.1, 0.6, 0.3], groups=["A", "B", "A"],
                                   group_names={"A": "Alpha", "B": "Beta"}, lang="en")
    legend = out.split('<div class="sc-wbars">')[0]
    assert legend.index("Alpha") < legend.index("Beta")
    bars = out.split('<div class="sc-wbars">')[1]
    colours = dict(zip(re.findall(r'title="([^"]+)"', bars), re.findall(r"background:(#[0-9A-F]{6})\"", bars), strict=True))
    assert colours["a1"] == colours["a2"] != colours["b1"]


def test_all_zero_weights_do_not_divide_by_zero():
    out = charts.weights_bars_html(["A", "B"], [0.0, 0.0], lang="en")
    assert re.findall(r"width:([0-9.]+)%", out) == ["0.00", "0.00"]

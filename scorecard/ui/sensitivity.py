"""The sensitivity view of the Weights page: a tornado chart of the index when one weight is 25 %
lower or higher (the others in its group share the rest in proportion) and the smallest single
weight change that turns the index light (:mod:`scorecard.method.whatif`), cached per revision and
period.
"""

from __future__ import annotations

import streamlit as st

from scorecard.charts import weights as charts
from scorecard.method import lights, whatif
from scorecard.method.weights import Weights
from scorecard.model import Scorecard
from scorecard.ui import components, state
from scorecard.ui import weights_common as common
from scorecard.ui.state import tr
from scorecard.ui.weights_common import K_SENS


def _sensitivity(sc: Scorecard, period: str, w: Weights) -> tuple[list[whatif.TornadoBar], list[whatif.FlipResult]]:
    """Tornado bars and flip thresholds, computed once per scorecard revision and period."""
    key = (state.revision(), period)
    cache = st.session_state.get(K_SENS)
    if cache is None or cache[0] != key:
        with st.spinner(tr("Computing the sensitivity…", "Menghitung sensitivitas…")):
            bars = whatif.tornado_data(sc, period, weights=w)
            flips = [whatif.flip_threshold(sc, period, n, weights=w, tolerance=0.05) for n in
                     [p.key for p in sc.perspectives] + [o.code for o in sc.objectives]]
        cache = (key, bars, flips)
        st.session_state[K_SENS] = cache
    return cache[1], cache[2]


def view_sensitivity(sc: Scorecard, w: Weights) -> None:
    """The sensitivity view: tornado chart and the light-turning changes."""
    lang = state.lang()
    period = state.period()
    ps = state.scores()
    bars, flips = _sensitivity(sc, period, w)
    st.markdown(f"#### {tr('How sensitive is the index to the weights?', 'Seberapa peka indeks terhadap bobot?')}")
    st.caption(tr(f"Index {period} now {components.level_text(ps.index)} ({lights.label(ps.light, lang)}). Each bar: the index "
                  "when one weight is 25 % lower or higher; the others in its group share the rest in proportion.",
                  f"Indeks {period} sekarang {components.level_text(ps.index)} ({lights.label(ps.light, lang)}). Setiap batang: "
                  "indeks bila satu bobot 25 % lebih rendah atau lebih tinggi; bobot lain dalam kelompoknya "
                  "berbagi sisanya secara proporsional."))
    left, right = st.columns([3, 2], gap="large")
    with left:
        fig = charts.tornado_chart(
            [common.name(sc, b.node) for b in bars], [b.index_low for b in bars], [b.index_high for b in bars],
            ps.index, low_name=tr("weight −25 %", "bobot −25 %"), high_name=tr("weight +25 %", "bobot +25 %"),
            now_name=tr(f"now {components.level_text(ps.index)}", f"sekarang {components.level_text(ps.index)}"), lang=lang,
            yellow_from=sc.settings.yellow_from, green_from=sc.settings.green_from,
            band_names={"yellow": tr(f"▲ Yellow from {common.num(sc.settings.yellow_from, None)}",
                                     f"▲ Kuning mulai {common.num(sc.settings.yellow_from, None)}"),
                        "green": tr(f"● Green from {common.num(sc.settings.green_from, None)}",
                                    f"● Hijau mulai {common.num(sc.settings.green_from, None)}")},
            x_title=tr("Performance index", "Indeks kinerja"))
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key="w_tornado")
    with right:
        st.markdown(f"#### {tr('Smallest change that turns the light', 'Perubahan terkecil yang mengubah lampu')}")
        found = sorted((f for f in flips if f.flipped), key=lambda f: abs(f.change_pct or 0.0))
        if not found:
            st.success(tr("No single weight change turns the index light: the result is robust.",
                          "Tidak ada satu perubahan bobot pun yang mengubah lampu indeks: hasilnya kokoh."))
        lines = []
        for f in found[:6]:
            change = common.num(abs(f.change_pct or 0.0), 1)
            weights = f"{common.pct(f.weight_before)} → {common.pct(f.weight_at_flip or 0.0)}"
            up = f.direction == "up"
            lines.append(tr(
                f"- **{common.name(sc, f.node)}** {'+' if up else '−'}{change} % ({weights} of its group) "
                f"→ **{lights.label(f.new_light or 'red', lang)}**",
                f"- **{common.name(sc, f.node)}** {'+' if up else '−'}{change} % ({weights} dari kelompoknya) "
                f"→ **{lights.label(f.new_light or 'red', lang)}**"))
        if lines:
            st.markdown(tr(f"The index is **{lights.label(ps.light, lang)}** now. It changes colour when one weight moves "
                           "by:", f"Indeks sekarang **{lights.label(ps.light, lang)}**. Warnanya berubah bila satu bobot "
                           "bergeser sebesar:"))
            st.markdown("\n".join(lines))
        steady = [common.name(sc, f.node) for f in flips if not f.flipped]
        if steady:
            st.caption(tr(f"No change of one weight alone turns the light for: {', '.join(steady)}.",
                          f"Perubahan satu bobot saja tidak mengubah lampu untuk: {', '.join(steady)}."))


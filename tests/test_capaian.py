"""Capaian, predikat and NKO (METHOD §7) against hand-worked cases of every rule."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.method.capaian import PRESETS, bands_of, capaian_of, check_bands, nko, predikat
from scorecard.model import KPI, ROOT, Measurement, Objective, Perspective, Scorecard, Settings, validate

BANDS = PRESETS["kabupaten-5"].bands


def _c(direction="higher", target=None, actual=None, lo=None, hi=None, words=(), cap=120.0):
    k = KPI("K", "O", "k", direction=direction, scale_words=tuple(words))
    m = Measurement("K", "2024", target=target, actual=actual, target_min=lo, target_max=hi)
    return capaian_of(k, m, cap=cap, bands=BANDS)


def test_higher_is_better_is_realisasi_over_target():
    # 51 561 555 515 / 52 295 456 000 x 100 = 98.5966... (demo F1a 2010)
    c = _c(target=52295456000, actual=51561555515)
    assert c.rule == "higher"
    assert c.value == pytest.approx(98.59664, abs=1e-4)
    assert c.label("id") == "Sangat Baik" and c.label("en") == "Very good"


def test_lower_is_better_kondisi_khusus():
    # target 14 days, realisasi 18: (2 - 18/14) x 100 = 71.428...; = (14 - (18 - 14)) / 14 x 100
    c = _c("lower", target=14, actual=18)
    assert c.value == pytest.approx(71.4285714, abs=1e-6)
    assert c.value == pytest.approx((14 - (18 - 14)) / 14 * 100)
    assert c.label("id") == "Cukup"
    # better than target: 2 - 1/2 = 1.5 -> 150 %, capped at 120
    c = _c("lower", target=2, actual=1)
    assert (c.raw, c.value) == (pytest.approx(150.0), 120.0)


def test_cap_and_floor():
    c = _c(target=24, actual=32)  # 133.33 % -> 120
    assert c.raw == pytest.approx(133.3333, abs=1e-4) and c.value == 120.0
    assert _c(target=24, actual=32, cap=110).value == 110.0
    c = _c("lower", target=2, actual=7)  # (2 - 3.5) x 100 = -150 -> 0
    assert c.raw == pytest.approx(-150.0) and c.value == 0.0
    assert c.label("id") == "Sangat Kurang"


def test_range_target():
    # range 2..4 (higher): inside 100; above against 4: 5/4 = 125 -> 120; below against 2: 1.5/2 = 75
    assert _c(target=3, actual=3.9, lo=2, hi=4).value == 100.0
    assert _c(target=3, actual=2, lo=2, hi=4).value == 100.0
    assert _c(target=3, actual=4, lo=2, hi=4).value == 100.0
    assert _c(target=3, actual=5, lo=2, hi=4).raw == pytest.approx(125.0)
    assert _c(target=3, actual=1.5, lo=2, hi=4).value == pytest.approx(75.0)
    # lower-is-better range 2..4: above against 4: (2 - 5/4) = 75 %; below against 2: (2 - 1/2) = 150 -> 120
    assert _c("lower", actual=5, lo=2, hi=4).value == pytest.approx(75.0)
    assert _c("lower", actual=1, lo=2, hi=4).value == 120.0
    assert _c(actual=5, lo=2, hi=4).rule == "range"
    bad = _c(actual=3, lo=4, hi=2)
    assert bad.value is None and bad.message is not None and "4" in bad.message.text("id")


def test_ordinal_scale_by_rank():
    bpk = ("TW", "TMP", "WDP", "WTP")
    c = _c(target=4, actual=3, words=bpk)  # WDP against WTP: 3/4
    assert c.rule == "ordinal" and c.value == pytest.approx(75.0)
    assert _c(target=4, actual=4, words=bpk).value == 100.0
    sakip = ("D", "C", "CC", "B", "BB", "A", "AA")
    assert _c(target=5, actual=6, words=sakip).value == pytest.approx(120.0)  # A over BB: 6/5
    assert _c(target=5, actual=4, words=sakip).value == pytest.approx(80.0)  # B against BB: 4/5
    # ranks outside the scale: no capaian, a message naming the scale
    c = _c(target=9, actual=3, words=bpk)
    assert c.value is None and "TW < TMP < WDP < WTP" in c.message.text("en")
    k = KPI("K", "O", "k", scale_words=bpk)
    assert (k.word_of(3), k.word_of(3.5), k.word_of(None), k.word_of(9)) == ("WDP", "", "", "")


@pytest.mark.parametrize("target,actual,code", [(0, 5, "capaian.target_zero"), (-2, 5, "capaian.target_zero"),
                                                (None, 5, "capaian.no_target"), (10, None, "capaian.no_actual")])
def test_no_capaian_gives_a_message_not_an_error(target, actual, code):
    for direction in ("higher", "lower"):
        c = _c(direction, target=target, actual=actual)
        assert c.value is None and c.raw is None and c.predikat is None
        assert c.message.code == code
        assert c.message.text("id") != c.message.text("en")


def test_predikat_bands_and_edges():
    got = [predikat(x, BANDS).label_id for x in (120, 100, 91, 90.99, 76, 75.5, 66, 65, 51, 50.9, 50, 0)]
    assert got == ["Sangat Baik", "Sangat Baik", "Sangat Baik", "Baik", "Baik", "Cukup", "Cukup", "Kurang",
                   "Kurang", "Sangat Kurang", "Sangat Kurang", "Sangat Kurang"]
    assert predikat(None, BANDS) is None
    assert "Kabupaten" in PRESETS["kabupaten-5"].source("en") and "LKjIP" in PRESETS["kabupaten-5"].source("id")
    custom = Settings(predikat_preset="custom", predikat_bands=((0, "Kurang", "Poor", "#D73027"),
                                                                (85, "Memuaskan", "Satisfying", "#1A9850")))
    b = bands_of(custom)
    assert [x.lower for x in b] == [85.0, 0.0]
    assert predikat(90, b).label_en == "Satisfying"
    assert check_bands(custom.predikat_bands) == []
    codes = {m.code for m in check_bands(((10, "", "x", "red"), (10, "a", "b", "#000000")))}
    assert codes == {"predikat.duplicate", "predikat.label", "predikat.colour", "predikat.gap"}


@given(st.floats(0.01, 1e6), st.floats(-1e6, 1e6), st.sampled_from(["higher", "lower"]),
       st.floats(100, 200))
def test_capaian_is_always_within_floor_and_cap(target, actual, direction, cap):
    c = _c(direction, target=target, actual=actual, cap=cap)
    assert c.value is not None and 0.0 <= c.value <= cap and math.isfinite(c.value)
    assert c.predikat is not None


def _small() -> Scorecard:
    """Two perspectives: A (weight 3/4, KPIs a1, a2 equal) and B (1/4, KPI b1)."""
    sc = Scorecard("t", perspectives=[Perspective("A", "A", "A"), Perspective("B", "B", "B")],
                   objectives=[Objective("OA", "A", "oa"), Objective("OB", "B", "ob")],
                   kpis=[KPI("a1", "OA", "a1", worst=0), KPI("a2", "OA", "a2", direction="lower", worst=10),
                         KPI("b1", "OB", "b1", worst=0)])
    sc.set_judgment(ROOT, "A", "B", 3)
    sc.set_judgment("OA", "a1", "a2", 1)
    sc.measurements = [Measurement("a1", "2024", 100, 90), Measurement("a2", "2024", 4, 5),
                       Measurement("b1", "2024", 50, 70)]
    return sc


def test_nko_by_hand():
    sc = _small()
    # global weights a1 .375, a2 .375, b1 .25; capaian 90, (2 - 5/4) = 75, 140 -> 120
    # NKO = .375 x 90 + .375 x 75 + .25 x 120 = 33.75 + 28.125 + 30 = 91.875
    r = nko(sc, "2024")
    assert r.nko == pytest.approx(91.875)
    assert r.covered == pytest.approx(1.0) and r.missing == () and r.note is None
    assert r.perspective("A").nko == pytest.approx(82.5)  # (90 + 75) / 2
    assert r.perspective("A").contribution == pytest.approx(61.875)
    assert r.perspective("B").nko == pytest.approx(120.0)
    assert sum(g.contribution for g in r.perspectives) == pytest.approx(r.nko)
    assert r.label("id") == "Sangat Baik"


def test_nko_renormalises_over_kpis_with_capaian():
    sc = _small()
    sc.set_measurement(Measurement("a2", "2024", 0, 5))  # target 0: no capaian
    # (.375 x 90 + .25 x 120) / (.375 + .25) = 63.75 / .625 = 102
    r = nko(sc, "2024")
    assert r.nko == pytest.approx(102.0)
    assert r.covered == pytest.approx(0.625) and r.missing == ("a2",)
    assert "a2" in r.note.text("id") and "62.5" in r.note.text("en") and "62,5" in r.note.text("id")
    assert r.perspective("A").nko == pytest.approx(90.0)
    assert sum(g.contribution for g in r.perspectives) == pytest.approx(102.0)


def test_nko_without_any_capaian():
    sc = _small()
    r = nko(sc, "1999")
    assert r.nko is None and r.predikat is None and r.note.code == "nko.none"


def test_demo_2010_capaian():
    from scorecard.io.demo import load_demo

    r = nko(load_demo(), "2010")
    assert len(r.capaian) == 22
    assert set(r.missing) == {"C1a", "C2a", "C3a", "C3b"}  # lower-is-better with target 0
    assert r.capaian["I2a"].value == 120.0  # 32 meetings against 24: 133 % capped
    assert r.capaian["C4b"].value == pytest.approx((2 - 18 / 14) * 100)
    assert 0 < r.nko < 120


def test_settings_validation():
    sc = _small()
    sc.settings.primary_view = "level"  # type: ignore[assignment]
    sc.settings.capaian_cap = 90
    sc.kpis[0].scale_words = ("A", "A")
    codes = {p.code for p in validate(sc).errors}
    assert {"settings.primary_view", "settings.capaian_cap", "model.scale_words"} <= codes


def test_predikat_text_colour_keeps_contrast():
    from scorecard.method.capaian import ink_on

    assert ink_on("#D73027") == "#FFFFFF"  # white on the dark red "Sangat Kurang"
    assert ink_on("#FEE08B") == "#101828"  # near-black on the pale "Cukup"
    assert ink_on("not a colour") == "#101828"


def test_contrast_ratio_matches_published_values():
    from scorecard.method.capaian import contrast_ratio

    # WCAG 2: black on white 21:1; #777777 on white is the classic 4.48:1 (just fails AA), #767676 4.54:1
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#777777") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#1A9850", "#1A9850") == pytest.approx(1.0)


@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_preset_predikat_colour_has_readable_text(preset):
    """Each predikat fill with the ink the reports and the app put on it reaches WCAG AA (4.5:1)."""
    from scorecard.method.capaian import MIN_CONTRAST, contrast_ratio, ink_on

    for band in PRESETS[preset].bands:
        ratio = contrast_ratio(band.colour, ink_on(band.colour))
        assert ratio >= MIN_CONTRAST, (band.label_en, band.colour, ink_on(band.colour), round(ratio, 2))
    top = PRESETS["kabupaten-5"].bands[0]  # "Sangat Baik": white on a dark green, 5.54:1
    assert (top.label_id, ink_on(top.colour)) == ("Sangat Baik", "#FFFFFF")
    assert contrast_ratio(top.colour, "#FFFFFF") == pytest.approx(5.54, abs=0.01)


@given(st.integers(0, 0xFFFFFF))
def test_any_custom_colour_gets_ink_of_at_least_4_5(rgb):
    from scorecard.method.capaian import MIN_CONTRAST, contrast_ratio, ink_on

    colour = f"#{rgb:06X}"
    assert contrast_ratio(colour, ink_on(colour)) >= MIN_CONTRAST


@given(st.floats(0.5, 1e4), st.floats(0.0, 1e4), st.sampled_from(["higher", "lower"]))
def test_range_capaian_is_continuous_at_both_bounds(lo, width, direction):
    hi = lo + width
    for bound in (lo, hi):
        eps = 1e-9 * bound
        for x in (bound - eps, bound + eps):
            c = _c(direction, actual=x, lo=lo, hi=hi, cap=1e9)
            assert c.raw == pytest.approx(100.0, abs=1e-4)

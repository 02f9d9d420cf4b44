"""Capaian, predikat and NKO (METHOD §7): how Indonesian offices report the same targets and actuals.

Capaian (achievement, percent) of one KPI in one period
-------------------------------------------------------
Sources: METHOD.md §7 and ``shared/reference/indonesian-reporting.md`` (LKjIPs of Kab. Maluku Tengah 2021
and Kab. Sampang; a copy of a PermenPANRB performance-management regulation, number unverified).

* higher is better: ``realisasi / target x 100``;
* lower is better ("kondisi khusus"): ``(2 - realisasi / target) x 100``
  (the same as ``(target - (realisasi - target)) / target x 100``);
* range target (the measurement has ``target_min`` and ``target_max``): 100 inside the range
  (bounds included); outside it the KPI's own formula above with the nearer bound as the target
  (above the range against ``target_max``, below it against ``target_min``), so capaian is continuous
  at both bounds;
* qualitative KPI (``KPI.scale_words``, words worst to best): target and realisasi are ranks 1..n on the
  scale (1 = the worst word) and capaian is ``rank(realisasi) / rank(target) x 100`` (higher is better,
  whatever the KPI's direction says, because the words are listed worst to best). Example: BPK opinions
  TW < TMP < WDP < WTP, target WTP (4), realisasi WDP (3): 75 %;
* the result is capped at ``Settings.capaian_cap`` (default 120 %) and floored at 0 %;
* a missing realisasi, a missing target, a target of 0 (or below 0: a ratio to it means nothing) and a
  range whose minimum is above its maximum give **no capaian** (``None``) and a bilingual message;
  nothing here ever divides by zero.

Predikat
--------
A predikat is a band of the capped capaian. Bands are a scorecard setting: ``(lower, label_id,
label_en, colour)``; a capaian gets the band with the highest ``lower <= capaian``. Presets must name a
real source (:data:`PRESETS`); there is one, the five bands of one Kabupaten's LKjIP. Its printed bands
are whole numbers (91-100, 76-90, ...); with lower bounds 91, 76, 66, 51, 0 a capaian between two printed
bands (90,5) falls in the lower band, because the source gives no rule for fractions. The colours are
ours (the source prints none): a diverging palette, and the label words always go with the colour.

NKO (nilai kinerja organisasi)
------------------------------
``NKO = sum over KPIs of global AHP weight x capped capaian`` (percent, 0..cap). KPIs without a capaian
(target 0, missing data) cannot count; rather than read them as 0 % we **renormalise the weights over the
KPIs that have one**: ``NKO = sum(w_i c_i) / sum(w_i)`` over those KPIs, and say so (``NkoResult.note``).
When every KPI has a capaian the denominator is 1 and this is the plain sum. A perspective's NKO is the
same weighted mean over its own KPIs; its ``contribution`` is its share of the scorecard NKO (the
contributions add up to the NKO).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from scorecard import display
from scorecard.messages import Msg, msg
from scorecard.method.scoring import actual_of
from scorecard.method.weights import Weights, compute_weights
from scorecard.model import (
    CUSTOM_PRESET,
    KPI,
    PREDIKAT_PRESETS,
    Measurement,
    PredikatBand,
    PredikatPreset,
    Scorecard,
    Settings,
)

Rule = Literal["higher", "lower", "range", "ordinal"]


# ---- predikat presets ---------------------------------------------------------------------------

#: Presets live with the settings they fill (:data:`scorecard.model.PREDIKAT_PRESETS`); the same dict here.
PRESETS = PREDIKAT_PRESETS
Preset = PredikatPreset
CUSTOM = CUSTOM_PRESET


def bands_of(settings: Settings) -> tuple[PredikatBand, ...]:
    """The scorecard's bands, highest first: its own ``predikat_bands`` if any, else its preset's."""
    if settings.predikat_bands:
        raw = settings.predikat_bands
    else:
        preset = PRESETS.get(settings.predikat_preset) or PRESETS["kabupaten-5"]
        raw = preset.bands
    return tuple(sorted((PredikatBand(float(b[0]), str(b[1]), str(b[2]), str(b[3])) for b in raw),
                        key=lambda b: -b.lower))


def predikat(value: float | None, bands: tuple[PredikatBand, ...]) -> PredikatBand | None:
    """The band of a capped capaian (None when there is no capaian or it is below every band).

    >>> b = PRESETS["kabupaten-5"].bands
    >>> predikat(91.0, b).label_id, predikat(90.5, b).label_id, predikat(50.0, b).label_id
    ('Sangat Baik', 'Baik', 'Sangat Kurang')
    """
    if value is None:
        return None
    for band in sorted(bands, key=lambda b: -b.lower):
        if value >= band.lower:
            return band
    return None


_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


#: Near-black ink of the reports and the app (on light fills).
INK_DARK = "#101828"
#: Minimum text/fill contrast of a predikat cell (WCAG 2 AA for normal text).
MIN_CONTRAST = 4.5


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a hex colour "#RRGGBB" (0 black .. 1 white)."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two hex colours, 1 (same) .. 21 (black on white).

    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1), round(contrast_ratio("#1B7837", "#FFFFFF"), 2)
    (21.0, 5.54)
    """
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(colour: str) -> str:
    """Text colour for a predikat fill: near-black or white, whichever contrasts more (WCAG luminance); pure
    black when neither reaches :data:`MIN_CONTRAST` (a mid-tone custom colour), so that every fill gets at
    least 4.5:1 (black or white always reaches 4.58:1 on any colour).

    >>> ink_on("#1A9850"), ink_on("#FEE08B"), ink_on("#D73027"), ink_on("#1B7837"), ink_on("#2F8C8C")
    ('#101828', '#101828', '#FFFFFF', '#FFFFFF', '#000000')
    """
    if not _HEX.match(colour or ""):
        return INK_DARK
    best = max((INK_DARK, "#FFFFFF"), key=lambda ink: contrast_ratio(colour, ink))
    return best if contrast_ratio(colour, best) >= MIN_CONTRAST else "#000000"


def check_bands(bands: tuple[tuple[float, str, str, str], ...]) -> list[Msg]:
    """Problems with edited bands (empty list when they are usable)."""
    out: list[Msg] = []
    if not bands:
        out.append(msg("predikat.empty", "Give at least one predikat band.", "Isi minimal satu predikat."))
    lowers = [float(b[0]) for b in bands]
    if len(set(lowers)) != len(lowers):
        out.append(msg("predikat.duplicate", "Two bands start at the same capaian.",
                       "Dua predikat mulai pada capaian yang sama."))
    for b in bands:
        if not str(b[1]).strip() or not str(b[2]).strip():
            out.append(msg("predikat.label", "Band from {x} %: give its label in Indonesian and English.",
                           "Predikat mulai {x} %: isi labelnya dalam bahasa Indonesia dan Inggris.", x=b[0]))
        if not _HEX.match(str(b[3])):
            out.append(msg("predikat.colour", 'Band "{b}": colour "{c}" is not a hex colour such as #1A9850.',
                           'Predikat "{b}": warna "{c}" bukan kode warna seperti #1A9850.', b=b[1], c=b[3]))
    if bands and min(lowers) > 0:
        out.append(msg("predikat.gap", "No band starts at 0: a capaian below {x} % gets no predikat.",
                       "Tidak ada predikat mulai 0: capaian di bawah {x} % tidak mendapat predikat.", x=min(lowers)))
    return out


# ---- capaian ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Capaian:
    """Capaian of one KPI in one period. ``value`` is capped and floored; ``raw`` is before that."""

    kpi: str
    period: str
    raw: float | None
    value: float | None
    rule: Rule | None
    predikat: PredikatBand | None = None
    message: Msg | None = None

    def label(self, lang: str = "en") -> str:
        """The predikat's word in ``lang`` ("" when there is none)."""
        if self.predikat is None:
            return ""
        return self.predikat.label_id if lang == "id" else self.predikat.label_en


def _none(kpi: str, period: str, rule: Rule | None, m: Msg) -> Capaian:
    return Capaian(kpi, period, None, None, rule, None, m)


def _ratio(direction: str, actual: float, target: float) -> float:
    """The formula of a direction; ``target`` is positive (callers check)."""
    # multiply before dividing: the same number as r / t x 100, without rounding noise (110.00000000000001)
    return actual * 100.0 / target if direction == "higher" else (2.0 * target - actual) * 100.0 / target


def capaian_pct(target: float | None, actual: float | None, direction: str = "higher",
                cap: float = 120.0) -> float | None:
    """The plain rule on two numbers (an SKP row, a unit's value): capaian in percent, floored at 0 and
    capped at ``cap``; None without a target or an actual, or with a target of 0 or below.

    >>> capaian_pct(100, 90), capaian_pct(100, 90, "lower"), capaian_pct(10, 20)
    (90.0, 110.0, 120.0)
    """
    if target is None or actual is None or target <= 0:
        return None
    return min(max(_ratio(direction, actual, target), 0.0), cap)


def capaian_of(kpi: KPI, m: Measurement | None, *, cap: float = 120.0, actual: float | None = None,
               bands: tuple[PredikatBand, ...] = ()) -> Capaian:
    """Capaian of ``kpi`` from its measurement ``m`` (see the module docstring for every rule).

    ``actual`` overrides ``m.actual`` (the scored part of a ratio "a/b", as scoring uses it).
    """
    period = m.period if m is not None else ""
    code = kpi.code
    real = actual if actual is not None else (m.actual if m is not None else None)
    if m is None or real is None:
        return _none(code, period, None, msg("capaian.no_actual", "{k} {p}: no realisasi, so no capaian.",
                                             "{k} {p}: realisasi kosong, jadi capaian tidak dihitung.", k=code, p=period))
    if kpi.scale_words:
        n = len(kpi.scale_words)
        t = m.target
        ok = [x is not None and float(x).is_integer() and 1 <= x <= n for x in (t, real)]
        if not all(ok):
            return _none(code, period, "ordinal", msg(
                "capaian.ordinal", "{k} {p}: target and realisasi must be words of its scale ({w}).",
                "{k} {p}: target dan realisasi harus kata dari skalanya ({w}).", k=code, p=period,
                w=" < ".join(kpi.scale_words)))
        rule: Rule = "ordinal"
        raw = real / t * 100.0  # type: ignore[operator]
    elif m.target_min is not None and m.target_max is not None:
        lo, hi = m.target_min, m.target_max
        rule = "range"
        if lo > hi:
            return _none(code, period, rule, msg(
                "capaian.range_order", "{k} {p}: the target range {lo}..{hi} has its minimum above its maximum.",
                "{k} {p}: rentang target {lo}..{hi} punya batas bawah di atas batas atas.", k=code, p=period,
                lo=display.localized(lo), hi=display.localized(hi)))
        if lo <= real <= hi:
            raw = 100.0
        else:
            bound = hi if real > hi else lo
            if bound <= 0:
                return _none(code, period, rule, msg(
                    "capaian.range_zero", "{k} {p}: the range bound {b} is 0 or below, so capaian cannot be a ratio "
                    "to it.", "{k} {p}: batas rentang {b} bernilai 0 atau kurang, jadi capaian tidak bisa dihitung.",
                    k=code, p=period, b=display.localized(bound)))
            raw = _ratio(kpi.direction, real, bound)
    else:
        rule = kpi.direction
        t = m.target
        if t is None:
            return _none(code, period, rule, msg("capaian.no_target", "{k} {p}: no target, so no capaian.",
                                                 "{k} {p}: target kosong, jadi capaian tidak dihitung.", k=code, p=period))
        if t <= 0:
            return _none(code, period, rule, msg(
                "capaian.target_zero", "{k} {p}: the target is {t}; capaian (realisasi / target) needs a target "
                "above 0. The OMAX level still scores this KPI.",
                "{k} {p}: targetnya {t}; capaian (realisasi / target) memerlukan target di atas 0. Level OMAX "
                "tetap menilai IKU ini.", k=code, p=period, t=display.localized(t)))
        raw = _ratio(kpi.direction, real, t)
    value = min(max(raw, 0.0), cap)
    return Capaian(code, period, raw, value, rule, predikat(value, bands))


def capaian_period(sc: Scorecard, period: str) -> dict[str, Capaian]:
    """Capaian of every KPI of ``sc`` in ``period`` (KPI code -> :class:`Capaian`)."""
    cap = sc.settings.capaian_cap
    bands = bands_of(sc.settings)
    meas = {m.kpi: m for m in sc.measurements if m.period == period}
    out: dict[str, Capaian] = {}
    for k in sc.kpis:
        m = meas.get(k.code)
        if m is None:
            out[k.code] = _none(k.code, period, None, msg("capaian.no_data", "{k} {p}: no data, so no capaian.",
                                                          "{k} {p}: tidak ada data, jadi capaian tidak dihitung.",
                                                          k=k.code, p=period))
        else:
            out[k.code] = capaian_of(k, m, cap=cap, actual=actual_of(k, m), bands=bands)
    return out


# ---- NKO ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NkoGroup:
    """NKO of a perspective: weighted mean capped capaian of its KPIs that have one.

    ``weight`` is the perspective's global weight, ``covered`` the part of it carried by KPIs with a
    capaian, ``contribution`` its share of the scorecard's NKO (the shares add up to the NKO)."""

    key: str
    weight: float
    covered: float
    nko: float | None
    contribution: float
    predikat: PredikatBand | None


@dataclass(frozen=True)
class NkoResult:
    """NKO of the scorecard in one period, per perspective, and the capaian it is made of."""

    period: str
    nko: float | None
    covered: float
    missing: tuple[str, ...]
    perspectives: list[NkoGroup]
    capaian: dict[str, Capaian]
    predikat: PredikatBand | None
    note: Msg | None

    def perspective(self, key: str) -> NkoGroup:
        return next(p for p in self.perspectives if p.key == key)

    def label(self, lang: str = "en") -> str:
        if self.predikat is None:
            return ""
        return self.predikat.label_id if lang == "id" else self.predikat.label_en


def _wmean(pairs: list[tuple[float, float]]) -> tuple[float | None, float]:
    total = sum(w for w, _ in pairs)
    if total <= 0:
        return None, total
    return sum(w * c for w, c in pairs) / total, total


def nko(sc: Scorecard, period: str, weights: Weights | None = None) -> NkoResult:
    """NKO of ``period`` (see the module docstring: weights renormalised over KPIs with a capaian)."""
    w = weights if weights is not None else compute_weights(sc)
    caps = capaian_period(sc, period)
    bands = bands_of(sc.settings)
    persp_of = {o.code: o.perspective for o in sc.objectives}
    gw = {k.code: float(w.global_.get(k.code, 0.0)) for k in sc.kpis}
    have = [(gw[k.code], caps[k.code].value) for k in sc.kpis if caps[k.code].value is not None]
    total, covered = _wmean(have)  # type: ignore[arg-type]
    missing = tuple(k.code for k in sc.kpis if caps[k.code].value is None)
    groups: list[NkoGroup] = []
    for p in sc.perspectives:
        ks = [k for k in sc.kpis if persp_of.get(k.objective) == p.key]
        pairs = [(gw[k.code], caps[k.code].value) for k in ks if caps[k.code].value is not None]
        value, cov = _wmean(pairs)  # type: ignore[arg-type]
        contribution = sum(x * c for x, c in pairs) / covered if covered > 0 else 0.0  # type: ignore[operator]
        groups.append(NkoGroup(p.key, sum(gw[k.code] for k in ks), cov, value, contribution, predikat(value, bands)))
    note = None
    if missing and total is not None:
        note = msg("nko.renormalised",
                   "NKO over {n} of {t} KPIs: {miss} have no capaian, so the weights are renormalised over the others "
                   "({c_en} % of the total weight).",
                   "NKO dihitung dari {n} dari {t} IKU: {miss} tanpa capaian, jadi bobot dinormalkan ulang atas IKU "
                   "lainnya ({c_id} % dari total bobot).",
                   n=len(sc.kpis) - len(missing), t=len(sc.kpis), miss=", ".join(missing), c_en=display.number(covered * 100, "en", 1),
                   c_id=display.number(covered * 100, "id", 1))
    elif total is None:
        note = msg("nko.none", "No KPI has a capaian in {p}, so there is no NKO.",
                   "Tidak ada IKU dengan capaian pada {p}, jadi NKO tidak dihitung.", p=period)
    return NkoResult(period, total, covered, missing, groups, caps, predikat(total, bands), note)

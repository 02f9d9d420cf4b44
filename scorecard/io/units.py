"""Fitting a typed value to its KPI's unit (Satuan): convert what is certain, refuse the rest.

One rule for uploads (:mod:`scorecard.io.reader`) and imports (:mod:`scorecard.io.table_import`):

* a duration word converts only between units with a fixed factor: jam <-> menit (60),
  minggu -> hari (7, already done by the number reader), tahun <-> bulan (12). "1 bulan" in a
  "hari" KPI is refused (a month is 28-31 days), so is "1 hari" in a "jam" KPI (working or
  calendar hours?);
* a rupiah amount with a magnitude word ("Rp 52,3 M", "1,5 juta") is in rupiah; in a KPI whose
  unit names a magnitude ("Rp juta", "juta rupiah") it is divided by it (52,3 M -> 52.300 juta);
* a percentage, a duration or a rupiah amount in a KPI of another kind of unit is refused.

A KPI without a unit takes the value as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard import display
from scorecard.io.numbers import Parsed
from scorecard.messages import Msg, msg

__all__ = ["Fitted", "fit_to_unit", "unit_kind"]

_DURATION_OF_UNIT = {
    **dict.fromkeys(("menit", "minute", "minutes", "mnt", "min"), "minutes"),
    **dict.fromkeys(("jam", "hour", "hours"), "hours"),
    **dict.fromkeys(("hari", "day", "days"), "days"),
    **dict.fromkeys(("minggu", "pekan", "week", "weeks"), "weeks"),
    **dict.fromkeys(("bulan", "month", "months"), "months"),
    **dict.fromkeys(("tahun", "year", "years"), "years"),
}
# Certain conversions between duration units: (from, to) -> factor.
_CONVERT = {("hours", "minutes"): 60.0, ("minutes", "hours"): 1 / 60, ("days", "weeks"): 1 / 7,
            ("years", "months"): 12.0, ("months", "years"): 1 / 12}
_RP_SCALE = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "m": 1e9,
             "triliun": 1e12, "t": 1e12}


def unit_kind(unit: str) -> tuple[str, float]:
    """("%" | "Rp" | a duration unit | "other" | "", magnitude) of a unit text ("Rp juta" -> ("Rp", 1e6))."""
    words = re.sub(r"[^0-9a-z%]+", " ", unit.casefold()).split()
    if not words:
        return ("%", 1.0) if "%" in unit else ("", 1.0)
    if "%" in unit or words[0] in ("persen", "percent", "prosentase", "persentase"):
        return "%", 1.0
    if any(w in ("rp", "rupiah", "idr") for w in words):
        return "Rp", next((_RP_SCALE[w] for w in words if w in _RP_SCALE), 1.0)
    if words[0] in _DURATION_OF_UNIT and len(words) <= 2:
        return _DURATION_OF_UNIT[words[0]], 1.0
    return "other", 1.0


@dataclass(frozen=True)
class Fitted:
    """The value in the KPI's unit (None when refused), a note when it was converted, an error when refused."""

    value: float | None
    note: Msg | None = None
    error: Msg | None = None


def fit_to_unit(parsed: Parsed, kpi_unit: str, locale: str = "id") -> Fitted:
    """``parsed`` (a reading of :func:`scorecard.io.numbers.parse_value`) in ``kpi_unit``; see the module rules."""
    value, kind, unit = parsed.value, parsed.kind, parsed.unit
    if value is None:
        return Fitted(None)
    want, scale = unit_kind(kpi_unit)
    shown = parsed.text

    def refuse() -> Fitted:
        return Fitted(None, error=msg(
            "unit.mismatch", '"{t}" does not fit the KPI\'s unit "{u}": it cannot be converted with certainty. Type '
            "the value in {u}.", '"{t}" tidak cocok dengan satuan IKU "{u}": tidak dapat dikonversi dengan pasti. '
            "Ketik nilainya dalam {u}.", t=shown, u=kpi_unit))

    def converted(x: float) -> Fitted:
        return Fitted(x, note=msg("unit.converted", '"{t}" converted to {v} {u}.', '"{t}" dikonversi menjadi {v} {u}.',
                                  t=shown, v=display.number(x, locale), u=kpi_unit))

    if kind == "duration":
        if want in ("", unit):
            return Fitted(value)
        factor = _CONVERT.get((unit, want))
        return refuse() if factor is None else converted(value * factor)
    if kind != "ratio" and unit.startswith("Rp") and "/" not in unit:
        if want == "":
            return Fitted(value)
        if want != "Rp":
            return refuse()
        return converted(value / scale) if scale != 1.0 else Fitted(value)
    if kind == "percent" and want not in ("", "%", "other"):
        return refuse()
    return Fitted(value)

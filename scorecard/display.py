"""The one display rule: every number the app, the charts, the exports and the CLI show to people.

Each kind of number has one function here; cards, tables, chart labels, hover texts, sentences, the
presenter, the Excel report and the CLI call it, so that the same number is the same string
everywhere. ``lang`` is the user's language: ``"id"`` writes 1.234,56 and ``"en"`` 1,234.56 (any
other value is read as ``"en"``). A missing or non-finite number is :data:`MISSING` ("—").

=================  ==========================  ======================  ==============================
kind               function                    decimals                how
=================  ==========================  ======================  ==============================
level, index       :func:`level`               always 2                **cut** (down), "7,88"
change of levels   :func:`level_change`        always 2                shown(after) − shown(before)
weight (0..1)      :func:`weight`              always 2, in percent    rounded half up, "24,13 %"
value (points)     :func:`points`              always 3                rounded half up, "0,884"
CR                 :func:`cr`                  always 3                **rounded up**, "0,057"
CR limit           :func:`cr_limit`            always 2                "0,10"
capaian (%)        :func:`capaian`             always 2                **cut**, "103,25 %"
money (Rp)         :func:`money`               0 (whole rupiah)        rounded half up, "Rp 52.295.456.000"
KPI value          :func:`value`               at most 2, no trailing  rounded half up, with its unit
                                               zeros                   ("25,88 %", "3 hari", money)
plain number       :func:`number`              given, else at most 2   rounded half up
echoed input       :func:`echo`                6 significant digits    a value quoted in a message
=================  ==========================  ======================  ==============================

Why cut and why round up: a shown number must never contradict the light or verdict drawn next to
it. A level is green from ``green_from`` on (``level >= green_from``); cutting 7.999 to "7,99" keeps it
yellow, where rounding would show a yellow "8,00". Cutting never moves a value across a threshold
that has at most 2 decimals (:mod:`scorecard.model` and the workbook reader refuse thresholds with
more), so the light of the shown number read back equals the light of the number itself. A CR is
acceptable while ``cr <= limit`` (within :data:`CR_TOLERANCE`, as :func:`scorecard.method.ahp.analyze`);
rounding it *up* to 3 decimals keeps 0.1004 as "0,101 > 0,10" (inconsistent), never "0,100". Capaian bands ("91-100 Sangat Baik") are "from" bands like the lights, so capaian is cut too.
The cut works on the float's shortest decimal form (``repr``), so 0.29 shows "0,29" (not 0,28), after
rounding away floating-point noise at 9 decimals (:func:`denoise`): a level computed as
7.199999999999999 is 7.2 and shows "7,20", as a person checking by hand expects. The lights compare
the same denoised level (:func:`scorecard.method.lights.classify`), so shown value and light agree.

A change of a level or the index is the difference of the two *shown* values, so that a sentence
"rose 0,75 (7,13 → 7,88)" adds up; it carries a sign ("+0,75", "−0,10", "±0,00" with a real minus).

Rounded parts need not add up to a rounded whole: shown weights may sum to 99,99 % and shown values
(3 decimals) to a little more or less than the shown index; the index is never shown as a sum.

Money is always whole rupiah with the locale's grouping: "Rp 52.295.456.000" / "Rp 52,295,456,000".
What the user typed is shown only where it adds information: :func:`actual` shows a typed ratio
("1035/249.137 = 0,42 %"), and the typed text of an actual that could not be read; anything else is
written by this module's rule, never as typed (an Indonesian "Rp 51.561.555.515" in an English table
would mix styles).

Charts: :func:`separators` is plotly's ``layout.separators`` for the locale, and :data:`TICKFORMAT`
gives axis tick formats per kind. Every number *drawn as text* in a chart (bar labels, point labels,
hover texts) must be a string made here, never a plotly ``%{y:.2f}`` template, which would round.

Excel: :data:`EXCEL_FORMAT` holds a number format per kind that shows the same digits as the text here
(Excel uses the reader's own separators), and :func:`excel_value` is the number to store: the cut
level, the rounded-up CR, so that the cell shows exactly the app's digits. The CSV export is for
machines and keeps full precision.

The "type numbers like this" examples have one home too: :func:`scorecard.io.numbers.typing_examples`
(re-exported here), used by the reader's messages, the template's instructions and the data page.

Base layer: imports only :mod:`scorecard.io.numbers` (which parses what is typed); no Streamlit, no
plotly.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from scorecard.io.numbers import Locale, format_number, parse_value, typing_examples
from scorecard.messages import Localized

__all__ = [
    "CAPAIAN_DECIMALS",
    "CR_DECIMALS",
    "CR_TOLERANCE",
    "EXCEL_FORMAT",
    "LEVEL_DECIMALS",
    "MISSING",
    "POINTS_DECIMALS",
    "TICKFORMAT",
    "WEIGHT_DECIMALS",
    "Kind",
    "actual",
    "capaian",
    "cr",
    "cr_limit",
    "cut",
    "denoise",
    "echo",
    "excel_value",
    "excel_value_format",
    "level",
    "level_change",
    "locale_of",
    "money",
    "number",
    "points",
    "round_up",
    "separators",
    "signed_points",
    "typing_examples",
    "value",
    "weight",
]

Kind = Literal["level", "weight", "points", "cr", "capaian", "money"]

MISSING = "—"
LEVEL_DECIMALS = 2
WEIGHT_DECIMALS = 2  # of the percentage: 24.13 % = the weight 0.2413
POINTS_DECIMALS = 3
CR_DECIMALS = 3
CR_LIMIT_DECIMALS = 2
CAPAIAN_DECIMALS = 2
#: Decimals kept by :func:`denoise` (floating-point noise sits far below them).
NOISE_DECIMALS = 9
#: A CR within this of its limit is acceptable (the tolerance of :func:`scorecard.method.ahp.analyze`).
CR_TOLERANCE = 1e-12
MINUS = "\u2212"  # a real minus sign for signed changes

#: Excel number formats that show the same digits as this module's text (``"0.00 %"`` scales the
#: stored fraction by 100; the space is a literal).
EXCEL_FORMAT: dict[str, str] = {
    "level": "0.00",
    "change": "+0.00;-0.00;0.00",
    "weight": "0.00 %",
    "points": "0.000",
    "cr": "0.000",
    "cr_limit": "0.00",
    "capaian": '0.00" %"',
    "money": '"Rp "#,##0',
}

#: Plotly axis tick formats per kind (with :func:`separators` in the layout). Ticks sit on round
#: positions, so these never disagree with the labels made here.
TICKFORMAT: dict[str, str] = {
    "level": ".0f",
    "weight": ".0%",
    "money": ",.0f",
}


def locale_of(lang: str | None) -> Locale:
    """The number style of a language: "id" for Indonesian, "en" for everything else."""
    return "id" if lang == "id" else "en"


def separators(lang: str | None) -> str:
    """Plotly ``layout.separators``: decimal mark then thousands mark ("," + "." in Indonesian)."""
    return ",." if locale_of(lang) == "id" else ".,"


def _finite(x: float | None) -> bool:
    if x is None:
        return False
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def _quantize(x: float, decimals: int, rounding: str) -> float:
    """``x`` to ``decimals`` places on its shortest decimal form (repr), in the given direction."""
    d = Decimal(repr(float(x)))
    try:
        return float(d.quantize(Decimal(1).scaleb(-decimals), rounding=rounding))
    except InvalidOperation:  # more digits than the context holds: already far beyond the decimals
        return float(x)


def denoise(x: float) -> float:
    """``x`` without floating-point noise: rounded to :data:`NOISE_DECIMALS` places
    (7.199999999999999 -> 7.2). Levels are compared (lights) and shown after this."""
    return round(float(x), NOISE_DECIMALS)


def cut(x: float, decimals: int = LEVEL_DECIMALS) -> float:
    """``x`` (denoised) cut towards minus infinity to ``decimals`` places: 7.999 -> 7.99, 0.29 -> 0.29,
    7.199999999999999 -> 7.2."""
    return _quantize(denoise(x), decimals, ROUND_FLOOR)


def round_up(x: float, decimals: int = CR_DECIMALS) -> float:
    """``x`` rounded up (towards plus infinity) to ``decimals`` places: 0.1004 -> 0.101."""
    return _quantize(x, decimals, ROUND_CEILING)


def number(x: float | None, lang: str | None, decimals: int | None = None, unit: str = "") -> str:
    """A plain number in the locale's style (rounded half up; ``decimals`` None: at most 2, no
    trailing zeros); ``unit`` as :func:`scorecard.io.numbers.format_number` writes it. '—' if none."""
    if not _finite(x):
        return MISSING
    return format_number(float(x), locale=locale_of(lang), decimals=decimals, unit=unit)  # type: ignore[arg-type]


def localized(x: float | None, decimals: int | None = None, unit: str = "") -> Localized:
    """A number for a bilingual message: each language's text in its own style (:func:`number`)."""
    return Localized(en=number(x, "en", decimals, unit), id=number(x, "id", decimals, unit))


def level(x: float | None, lang: str | None) -> str:
    """A level (0..10), a status level or the performance index: cut to 2 decimals ("7,88")."""
    if not _finite(x):
        return MISSING
    return number(cut(float(x)), lang, LEVEL_DECIMALS)  # type: ignore[arg-type]


def _signed(d: float, lang: str | None, decimals: int) -> str:
    body = number(abs(d), lang, decimals)
    if d > 0:
        return "+" + body
    if d < 0:
        return MINUS + body
    return "±" + body


def level_change(before: float | None, after: float | None, lang: str | None) -> str:
    """The change between two levels (or two index values) as the difference of their shown values,
    signed: "+0,75", "−0,10", "±0,00"."""
    if not (_finite(before) and _finite(after)):
        return MISSING
    d = (Decimal(repr(cut(float(after)))) - Decimal(repr(cut(float(before)))))  # type: ignore[arg-type]
    return _signed(float(d), lang, LEVEL_DECIMALS)


def weight(x: float | None, lang: str | None) -> str:
    """A weight (a share 0..1) as a percentage with 2 decimals: 0.2413 -> "24,13 %"."""
    if not _finite(x):
        return MISSING
    return number(100.0 * float(x), lang, WEIGHT_DECIMALS, "%")  # type: ignore[arg-type]


def points(x: float | None, lang: str | None) -> str:
    """A contribution to the index (level × weight, a perspective subtotal) with 3 decimals."""
    if not _finite(x):
        return MISSING
    return number(x, lang, POINTS_DECIMALS)


def signed_points(x: float | None, lang: str | None) -> str:
    """A contribution to a change of the index, signed: "+0,402", "−0,120"."""
    if not _finite(x):
        return MISSING
    d = _quantize(float(x), POINTS_DECIMALS, ROUND_HALF_UP)  # type: ignore[arg-type]
    return _signed(d, lang, POINTS_DECIMALS)


def cr(x: float | None, lang: str | None) -> str:
    """A consistency ratio, rounded *up* to 3 decimals (never shown below its limit when above it)."""
    if not _finite(x):
        return MISSING
    return number(excel_value("cr", x), lang, CR_DECIMALS)


def cr_limit(x: float | None, lang: str | None) -> str:
    """The acceptance limit of a CR (0.05, 0.08, 0.10) with 2 decimals."""
    return number(x, lang, CR_LIMIT_DECIMALS)


def capaian(pct: float | None, lang: str | None) -> str:
    """A capaian (achievement) in percentage points, cut to 2 decimals: 103.257 -> "103,25 %"."""
    if not _finite(pct):
        return MISSING
    return number(cut(float(pct), CAPAIAN_DECIMALS), lang, CAPAIAN_DECIMALS, "%")  # type: ignore[arg-type]


def money(x: float | None, lang: str | None, *, with_unit: bool = True) -> str:
    """Rupiah, whole, grouped: "Rp 52.295.456.000" (id) / "Rp 52,295,456,000" (en)."""
    if not _finite(x):
        return MISSING
    return number(x, lang, 0, "Rp" if with_unit else "")


# Units written next to the number (a duration in the language's words); others go in headers.
_NUMBER_UNITS = ("%", "days", "hours", "minutes", "months", "years", "weeks")


def value(x: float | None, unit: str, lang: str | None, *, with_unit: bool = True) -> str:
    """A KPI value (actual, target, a scale value) by its unit: money for "Rp..." units, "25,88 %",
    "3 hari" / "3 days"; other units ("kali", "count") are left to headers. ``with_unit`` False
    drops the unit (a table whose header names it)."""
    if not _finite(x):
        return MISSING
    u = (unit or "").strip()
    if u.startswith("Rp"):
        return money(x, lang, with_unit=with_unit)
    return number(x, lang, None, u if with_unit and u in _NUMBER_UNITS else "")


def actual(x: float | None, typed: str, unit: str, lang: str | None, *, with_unit: bool = True,
           meaning: bool = True) -> str:
    """An actual as shown: by :func:`value`, except a typed ratio, shown with its meaning
    ("1035/249.137 = 0,42 %"; only "1035/249.137" with ``meaning`` False, for a cell the user edits),
    and a typed text that could not be read (shown as typed)."""
    typed = (typed or "").strip()
    shown = value(x, unit, lang, with_unit=with_unit)
    if not typed:
        return shown
    if not _finite(x):
        return typed
    if parse_value(typed).kind == "ratio" or parse_value(typed, locale="en").kind == "ratio":
        return f"{typed} = {shown}" if meaning else typed
    return shown


def echo(x: float | None, lang: str | None) -> str:
    """A value quoted back in a message about the input ("a count is whole, but a value is 2,5"):
    up to 6 significant digits so nothing the user typed is hidden (0,0005), whole from 1 000 000."""
    if not _finite(x):
        return MISSING
    x = float(x)  # type: ignore[arg-type]
    if abs(x) >= 1e6:
        return number(x, lang, 0)
    short = Decimal(f"{x:.6g}")
    return number(float(short), lang, max(0, -int(short.as_tuple().exponent)))


def excel_value_format(x: float | None, unit: str) -> str:
    """The Excel number format that shows a KPI value ``x`` as :func:`value` does (Rp and "%" with
    their unit, other units left to the header): money '"Rp "#,##0', 25.88 % '#,##0.00" %"', 40.5
    '#,##0.0', 1035 '#,##0'."""
    u = (unit or "").strip()
    if u.startswith("Rp"):
        return EXCEL_FORMAT["money"]
    decimals = 0
    if _finite(x):
        text = format_number(float(x), locale="en")  # type: ignore[arg-type]
        decimals = len(text.partition(".")[2])
    body = "#,##0" + ("." + "0" * decimals if decimals else "")
    return body + '" %"' if u == "%" else body


def excel_value(kind: str, x: float | None) -> float | None:
    """The number to store in an Excel cell of ``kind`` (see :data:`EXCEL_FORMAT`) so that the cell
    shows this module's digits: levels cut, CRs rounded up, capaian cut; others unchanged."""
    if not _finite(x):
        return None
    x = float(x)  # type: ignore[arg-type]
    if kind == "level":
        return cut(x)
    if kind == "cr":
        return round_up(max(x - CR_TOLERANCE, 0.0))
    if kind == "capaian":
        return cut(x, CAPAIAN_DECIMALS)
    return x

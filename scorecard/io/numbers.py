"""Reading values as people type them: numbers, percentages, ratios, durations and periods.

This is the single home of the rules that turn what a user typed (in a form, a CSV file or an
Excel cell read by openpyxl) into a number the engine can score, and of the inverse
:func:`format_number` (the primitive that :mod:`scorecard.display` builds on). Nothing here knows about
KPIs or Streamlit.

Number styles (``locale``):

* ``"id"`` (Indonesian, the default): "." groups thousands, "," is the decimal separator:
  ``Rp 42.340.374.000``, ``35,73%``, ``1.035,5``.
* ``"en"`` (English): "," groups thousands, "." is the decimal separator: ``1,035,000.25``.

Both styles are always accepted when the text is unambiguous (``1.035.000``, ``1,035,000.25``,
``1.035,5``). When it is not, the ``locale`` decides and the result carries a warning:

* a single separator followed by exactly three digits (``42.340``, ``1,035``) could be a thousands
  separator or a decimal one; except that a thousands group never starts with ``0`` and has at
  most three digits before it (``0.035`` and ``1234.567`` can only be decimals), and a money
  amount (``Rp 1.000``) never has three decimals, so those are read without a warning;
* a "." followed by 1-2 or 4+ digits under ``"id"`` (``35.73``, pasted from an English source) is
  read as a decimal point, and likewise a "," under ``"en"``.

Percentages are kept in percentage points: ``"35,73%"`` is 35.73, and an Excel cell formatted as
a percentage that holds the fraction 0.3573 is also 35.73.

Periods: years (``2010``), quarters (``2010-Q1``) and months (``2010-03``); see
:func:`parse_period`.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal

from scorecard.messages import Msg, msg

__all__ = [
    "Kind",
    "Locale",
    "LOCALES",
    "Parsed",
    "Period",
    "PeriodError",
    "PeriodKind",
    "RatioUse",
    "format_number",
    "magnitude_slip",
    "month_number",
    "shows_number_style",
    "parse_period_span",
    "formula_without_value",
    "make_period",
    "parse_period",
    "parse_value",
    "previous_period",
    "ratio_value",
    "typed_reciprocal",
    "typing_examples",
]

Locale = Literal["id", "en"]
Kind = Literal["number", "percent", "ratio", "duration", "missing", "error", "formula", "invalid"]
RatioUse = Literal["numerator", "denominator", "quotient", "percent"]

LOCALES: tuple[Locale, ...] = ("id", "en")
# (decimal separator, thousands separator) per number style.
_SEPARATORS: dict[str, tuple[str, str]] = {"id": (",", "."), "en": (".", ",")}
# The style's name inside an English / an Indonesian sentence.
_STYLE_NAME: dict[str, tuple[str, str]] = {"id": ("Indonesian", "Indonesia"), "en": ("English", "Inggris")}


@dataclass(frozen=True)
class Parsed:
    """The reading of one typed value.

    ``value`` is the number to score (None when there is none): the number itself, percentage
    points for a percentage, the numerator of a ratio (see :func:`ratio_value` for the other
    readings), the length of a duration in ``unit``. ``text`` is the value as the user typed it
    (outer whitespace removed), for showing "exactly the numbers typed". ``warnings`` say how an
    ambiguous text was read; ``error`` is set for kinds ``error``, ``formula`` and ``invalid``.
    """

    value: float | None
    kind: Kind
    numerator: float | None = None
    denominator: float | None = None
    unit: str = ""
    text: str = ""
    warnings: tuple[Msg, ...] = ()
    error: Msg | None = None

    @property
    def ok(self) -> bool:
        """True when there is a number to score (warnings allowed)."""
        return self.error is None and self.value is not None

    @property
    def is_missing(self) -> bool:
        """True for an empty cell or a "no data" mark such as "-" or "n/a"."""
        return self.kind == "missing"


class _Unreadable(Exception):
    """Internal: the text is not a number in any accepted form."""


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

# Typed marks for "no data" (compared after normalising and case-folding).
_MISSING_WORDS = frozenset({
    "", "-", "--", "---", "n/a", "na", "n.a", "n.a.", "none", "null", "nan",
    "tidak ada", "tdk ada", "t/a", "tidak tersedia", "belum ada", "kosong",
})
# Words meaning zero ("nihil" is how Indonesian reports write a zero count).
_ZERO_WORDS = frozenset({"nihil", "nol"})

# Excel error values and what they mean (English, Indonesian).
_EXCEL_ERRORS: dict[str, tuple[str, str]] = {
    "#DIV/0!": ("the formula divides by zero (an empty or zero cell)",
                "rumus membagi dengan nol (sel kosong atau bernilai nol)"),
    "#N/A": ("the formula found no value (for example a lookup that found nothing)",
             "rumus tidak menemukan nilai (misalnya pencarian/lookup yang tidak menemukan apa pun)"),
    "#VALUE!": ("the formula got a wrong kind of value (for example text where a number is needed)",
                "rumus mendapat jenis nilai yang salah (misalnya teks di tempat angka)"),
    "#REF!": ("the formula refers to a cell that no longer exists (a deleted row, column or sheet)",
              "rumus merujuk ke sel yang sudah tidak ada (baris, kolom atau lembar yang dihapus)"),
    "#NAME?": ("the formula uses an unknown function or name (often a typo)",
               "rumus memakai fungsi atau nama yang tidak dikenal (sering salah ketik)"),
    "#NUM!": ("the formula gives an impossible or too large number",
              "rumus menghasilkan angka yang mustahil atau terlalu besar"),
    "#NULL!": ("the formula uses two ranges that do not meet",
               "rumus memakai dua rentang sel yang tidak beririsan"),
    "#SPILL!": ("the formula's result cannot spill because other cells are in the way",
                "hasil rumus tidak dapat ditampilkan karena terhalang sel lain"),
    "#CALC!": ("Excel could not calculate the formula (for example an empty array)",
               "Excel tidak dapat menghitung rumus (misalnya larik kosong)"),
    "#GETTING_DATA": ("the value was still loading when the file was saved",
                      "nilai masih dimuat ketika berkas disimpan"),
    "#FIELD!": ("the formula refers to a missing data field", "rumus merujuk ke field data yang tidak ada"),
    "#BLOCKED!": ("Excel blocked the data the formula needs", "Excel memblokir data yang dibutuhkan rumus"),
    "#CONNECT!": ("Excel could not connect to the data source", "Excel tidak dapat terhubung ke sumber data"),
    "#BUSY!": ("the value was still being calculated", "nilai masih dihitung"),
    "#UNKNOWN!": ("Excel does not know this data type", "Excel tidak mengenal jenis data ini"),
}

# Duration words -> (canonical unit, factor).
_DURATIONS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(("hari", "day", "days"), ("days", 1)),
    **dict.fromkeys(("minggu", "pekan", "week", "weeks"), ("days", 7)),
    **dict.fromkeys(("jam", "hour", "hours", "hrs"), ("hours", 1)),
    **dict.fromkeys(("menit", "mnt", "minute", "minutes", "min", "mins"), ("minutes", 1)),
    **dict.fromkeys(("bulan", "bln", "month", "months"), ("months", 1)),
    **dict.fromkeys(("tahun", "thn", "year", "years", "yr", "yrs"), ("years", 1)),
}
# How format_number writes the canonical duration units: (Indonesian, English singular, plural).
_UNIT_WORDS: dict[str, tuple[str, str, str]] = {
    "days": ("hari", "day", "days"),
    "hours": ("jam", "hour", "hours"),
    "minutes": ("menit", "minute", "minutes"),
    "months": ("bulan", "month", "months"),
    "years": ("tahun", "year", "years"),
    "weeks": ("minggu", "week", "weeks"),
}
# Scale words after a number ("1,5 juta" = 1 500 000).
_MULTIPLIERS: dict[str, int] = {
    **dict.fromkeys(("ribu", "rb", "thousand"), 10**3),
    **dict.fromkeys(("juta", "jt", "million"), 10**6),
    **dict.fromkeys(("miliar", "milyar", "billion"), 10**9),
    **dict.fromkeys(("triliun", "trilyun", "trillion"), 10**12),
}
_CURRENCY_WORDS = frozenset({"rp", "rupiah", "idr"})
# One-letter scale marks, certain only after "Rp" ("Rp 52,3 M" = 52,3 miliar; "Rp 1,2 T" = 1,2 triliun).
_RP_LETTERS: dict[str, int] = {"m": 10**9, "t": 10**12}

# Characters normalised before reading: every kind of space becomes " ", every minus-like dash "-".
_TRANSLATE = str.maketrans({
    **dict.fromkeys(["\u00a0", "\u2007", "\u2009", "\u202f", "\u200a", "\u2002", "\u2003", "\u2004",
                     "\u2005", "\u2006", "\u2008", "\u3000", "\t"], " "),
    **dict.fromkeys(["\u2212", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\ufe63",
                     "\uff0d"], "-"),
    **dict.fromkeys(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"], None),
    "\uff05": "%",
})

_CURRENCY_PREFIX_RE = re.compile(r"(?:rp\.?|idr)\s*", re.IGNORECASE)
_DASH_SUFFIX_RE = re.compile(r"\s*[.,]\s*-+$")  # "Rp 42.340.000,-" (no cents)
_PERCENT_SUFFIX_RE = re.compile(r"\s*(?:%|persen|percent)$", re.IGNORECASE)
_UNIT_SUFFIX_RE = re.compile(r"(.*[0-9)])\s*(/?\s*[^\W\d_][^\d%=#()]*)$")
_SCIENTIFIC_RE = re.compile(r"([0-9]+(?:[.,][0-9]+)?)[eE]([+-]?[0-9]{1,4})")
_SPACED_RE = re.compile(r"([0-9]{1,3}(?: [0-9]{3})+)(?:([.,])([0-9]*))?")
_PLAIN_RE = re.compile(r"[0-9.,]*[0-9][0-9.,]*")


# ---------------------------------------------------------------------------------------------
# Messages (each rule's texts next to the rule)
# ---------------------------------------------------------------------------------------------


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def typing_examples(locale: str, lang: str | None = None) -> str:
    """The one "type it like this" list (messages, the template's instructions, the data page):
    numbers in the ``locale``'s style, words in ``lang`` (default: the locale's language).

    >>> typing_examples("id")
    'Rp 42.340.374.000, 35,73%, 1.035.000, 14/48 (rasio) atau 3 hari'
    >>> typing_examples("en")
    'Rp 42,340,374,000, 35.73%, 1,035,000, 14/48 (a ratio) or 3 days'
    """
    if locale == "en":
        forms = "Rp 42,340,374,000, 35.73%, 1,035,000, 14/48"
    else:
        forms = "Rp 42.340.374.000, 35,73%, 1.035.000, 14/48"
    if (lang or locale) == "id":
        return f"{forms} (rasio) atau 3 hari"
    return f"{forms} (a ratio) or 3 days"


def _examples(locale: str) -> tuple[str, str]:
    """Accepted forms in the user's number style, in English and in Indonesian."""
    return typing_examples(locale, "en"), typing_examples(locale, "id")


def _invalid_msg(text: str, locale: str) -> Msg:
    ex_en, ex_id = _examples(locale)
    return msg(
        "number.invalid",
        'Cannot read "{text}" as a number. Type it like {ex_en}; leave the cell empty or type "-" '
        "when there is no data.",
        'Tidak dapat membaca "{text}" sebagai angka. Ketik seperti {ex_id}; kosongkan sel atau ketik "-" '
        "bila tidak ada data.",
        text=_quote(text), ex_en=ex_en, ex_id=ex_id,
    )


def _alt_fraction(ip: str, sep: str, frac: str) -> str:
    """``ip`` + ``frac`` written as a decimal that no rule finds ambiguous."""
    short = frac.rstrip("0")
    if not short:
        return ip or "0"
    if len(short) == 3:
        short += "0"
    return f"{ip or '0'}{sep}{short}"


def _ambiguous_msg(token: str, sep: str, ip: str, frac: str, locale: str, as_thousands: bool) -> Msg:
    style_en, style_id = _STYLE_NAME[locale]
    dec = _SEPARATORS[locale][0]
    whole = ip + frac
    alt = _alt_fraction(ip, dec, frac)
    if as_thousands:
        return msg(
            "number.ambiguous_separator",
            'Ambiguous number "{token}": read as {whole} because "{sep}" separates thousands in '
            "{style_en}-style numbers. If you meant {ip} point {frac}, type {alt}. Type whole numbers "
            "without separators ({whole}) to avoid this warning.",
            'Angka ambigu "{token}": dibaca {whole} karena "{sep}" adalah pemisah ribuan pada angka gaya '
            "{style_id}. Jika maksudnya {ip} koma {frac}, ketik {alt}. Ketik bilangan bulat tanpa pemisah "
            "({whole}) agar peringatan ini tidak muncul.",
            token=token, whole=whole, sep=sep, style_en=style_en, style_id=style_id, ip=ip, frac=frac,
            alt=alt,
        )
    return msg(
        "number.ambiguous_separator",
        'Ambiguous number "{token}": read as {ip} point {frac} because "{sep}" is the decimal separator '
        "in {style_en}-style numbers. If you meant {whole}, type it without separators: {whole}. To keep "
        "the decimal without this warning, type {alt}.",
        'Angka ambigu "{token}": dibaca {ip} koma {frac} karena "{sep}" adalah pemisah desimal pada angka '
        "gaya {style_id}. Jika maksudnya {whole}, ketik tanpa pemisah: {whole}. Agar tetap desimal tanpa "
        "peringatan ini, ketik {alt}.",
        token=token, whole=whole, sep=sep, style_en=style_en, style_id=style_id, ip=ip, frac=frac, alt=alt,
    )


def _foreign_decimal_msg(token: str, sep: str, ip: str, frac: str, locale: str) -> Msg:
    style_en, style_id = _STYLE_NAME[locale]
    dec = _SEPARATORS[locale][0]
    return msg(
        "number.foreign_decimal",
        'Read "{token}" as {ip} point {frac}: "{sep}" was taken as the decimal separator, although '
        '{style_en}-style numbers use "{dec}". Type {alt} to confirm.',
        'Dibaca "{token}" sebagai {ip} koma {frac}: "{sep}" dianggap pemisah desimal, padahal angka gaya '
        '{style_id} memakai "{dec}". Ketik {alt} untuk memastikan.',
        token=token, ip=ip or "0", frac=frac, sep=sep, style_en=style_en, style_id=style_id, dec=dec,
        alt=f"{ip or '0'}{dec}{frac}",
    )


def _scientific_msg(token: str) -> Msg:
    return msg(
        "number.scientific",
        'Number "{token}" is in scientific notation (as Excel shows long numbers), which may have cut '
        "digits: check that this is the exact value.",
        'Angka "{token}" ditulis dalam notasi ilmiah (cara Excel menampilkan angka panjang) yang mungkin '
        "memotong digit: periksa bahwa ini nilai yang tepat.",
        token=token,
    )


def _zero_denominator_msg(text: str) -> Msg:
    return msg(
        "number.zero_denominator",
        'The ratio "{text}" has a zero denominator: it can be scored by its numerator, but not as a '
        "quotient or a percentage.",
        'Rasio "{text}" memiliki penyebut nol: dapat dinilai dari pembilangnya, tetapi tidak sebagai hasil '
        "bagi atau persentase.",
        text=_quote(text),
    )


def _excel_error_msg(code: str) -> Msg:
    why_en, why_id = _EXCEL_ERRORS[code]
    return msg(
        "number.excel_error",
        "Excel error {err}: {why_en}. Fix the formula in Excel, or type the value instead.",
        "Galat Excel {err}: {why_id}. Perbaiki rumusnya di Excel, atau ketik nilainya langsung.",
        err=code, why_en=why_en, why_id=why_id,
    )


def _formula_msg(formula: str) -> Msg:
    return msg(
        "number.formula",
        "Formula without a saved result ({formula}): open the file in Excel and save it, or type the value.",
        "Rumus tanpa hasil tersimpan ({formula}): buka berkas di Excel lalu simpan, atau ketik nilainya.",
        formula=_quote(formula),
    )


def _boolean_msg(value: bool) -> Msg:
    return msg(
        "number.boolean",
        "A yes/no value ({shown}) is not a number: type the number instead.",
        "Nilai ya/tidak ({shown}) bukan angka: ketik angkanya.",
        shown="TRUE" if value else "FALSE",
    )


def _date_msg(shown: str) -> Msg:
    return msg(
        "number.date",
        "Excel stored a date or time ({shown}) here, not a number. Excel turns entries such as 1/12 or 3-5 "
        "into dates: format the cell as Text and type the value again.",
        "Excel menyimpan tanggal atau jam ({shown}) di sini, bukan angka. Excel mengubah isian seperti 1/12 "
        "atau 3-5 menjadi tanggal: ubah format sel menjadi Teks lalu ketik ulang nilainya.",
        shown=shown,
    )


def _not_finite_msg(shown: str) -> Msg:
    return msg(
        "number.not_finite",
        "The value {shown} is not a finite number: type the value again.",
        "Nilai {shown} bukan angka yang terhingga: ketik ulang nilainya.",
        shown=shown,
    )


def _type_msg(type_name: str) -> Msg:
    return msg(
        "number.unsupported_type",
        "Cannot read a value of type {type_name} as a number.",
        "Nilai bertipe {type_name} tidak dapat dibaca sebagai angka.",
        type_name=type_name,
    )


# ---------------------------------------------------------------------------------------------
# Reading numbers
# ---------------------------------------------------------------------------------------------


def _check_locale(locale: str) -> None:
    if locale not in LOCALES:
        raise ValueError(f"locale must be one of {LOCALES}, not {locale!r}")


def _grouped(digits: str, sep: str) -> bool:
    """True when ``digits`` is 1-3 digits followed by groups of exactly three, split by ``sep``."""
    return re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(sep)}[0-9]{{3}})*", digits) is not None


def _decimal(ip: str, frac: str) -> Decimal:
    return Decimal(f"{ip or '0'}.{frac}") if frac else Decimal(ip or "0")


def _read_unsigned(s: str, locale: str, *, money: bool = False) -> tuple[Decimal, list[Msg]]:
    """Read digits with "." / "," / space separators (or scientific notation); raise _Unreadable."""
    m = _SCIENTIFIC_RE.fullmatch(s)
    if m:
        return Decimal(m[1].replace(",", ".")).scaleb(int(m[2])), [_scientific_msg(s)]
    if " " in s:
        # Spaces can only group thousands; then the one "." or "," left is the decimal separator.
        m = _SPACED_RE.fullmatch(s)
        if not m:
            raise _Unreadable
        return _decimal(m[1].replace(" ", ""), m[3] or ""), []
    if not _PLAIN_RE.fullmatch(s):
        raise _Unreadable
    dots, commas = s.count("."), s.count(",")
    if not dots and not commas:
        return Decimal(s), []
    if dots and commas:
        # Both separators: the last one is the decimal separator, the other groups thousands.
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        if s.count(dec) != 1:
            raise _Unreadable
        ip, frac = s.split(dec)
        if not _grouped(ip, thou):
            raise _Unreadable
        return _decimal(ip.replace(thou, ""), frac), []
    sep = "." if dots else ","
    if s.count(sep) > 1:
        # The same separator twice can only group thousands.
        if not _grouped(s, sep):
            raise _Unreadable
        return Decimal(s.replace(sep, "")), []
    ip, frac = s.split(sep)
    locale_dec, locale_thou = _SEPARATORS[locale]
    could_group = len(frac) == 3 and 1 <= len(ip) <= 3 and not ip.startswith("0")
    if could_group and money:
        return Decimal(ip + frac), []  # money never has three decimals
    if could_group:
        as_thousands = sep == locale_thou
        value = Decimal(ip + frac) if as_thousands else _decimal(ip, frac)
        return value, [_ambiguous_msg(s, sep, ip, frac, locale, as_thousands)]
    warnings = [_foreign_decimal_msg(s, sep, ip, frac, locale)] if sep != locale_dec and frac else []
    return _decimal(ip, frac), warnings


def _strip_sign(s: str, negative: bool, signed: bool) -> tuple[str, bool, bool]:
    """Remove one accounting "( )" or leading "+"/"-"; a second sign is unreadable."""
    s = s.strip()
    found: bool | None = None
    if len(s) >= 2 and s[0] == "(" and s[-1] == ")":
        s, found = s[1:-1].strip(), True
    elif s[:1] in ("-", "+"):
        s, found = s[1:].strip(), s[0] == "-"
    if found is None:
        return s, negative, signed
    if signed:
        raise _Unreadable
    return s, found, True


def _read_signed(s: str, locale: str) -> tuple[Decimal, list[Msg]]:
    s, negative, _ = _strip_sign(s, False, False)
    value, warnings = _read_unsigned(s, locale)
    return (-value if negative else value), warnings


@dataclass
class _Quantity:
    value: Decimal
    kind: Kind
    unit: str
    warnings: list[Msg]


def _read_quantity(s: str, locale: str) -> _Quantity:
    """A signed number with an optional currency prefix and a "%", scale, duration or unit suffix."""
    s, negative, signed = _strip_sign(s, False, False)
    prefix = ""
    m = _CURRENCY_PREFIX_RE.match(s)
    if m and m.end() < len(s):
        prefix, s = "Rp", s[m.end():]
        s, negative, signed = _strip_sign(s, negative, signed)
    s = _DASH_SUFFIX_RE.sub("", s)
    kind: Kind = "number"
    unit = prefix
    factor = 1
    m = _PERCENT_SUFFIX_RE.search(s)
    if m:
        s, kind, unit = s[: m.start()], "percent", "%"
        if prefix:
            raise _Unreadable
    else:
        m = _UNIT_SUFFIX_RE.fullmatch(s)
        if m:
            s, word = m[1], m[2].strip()
            key = word.casefold().rstrip(".")
            if key in _MULTIPLIERS:
                factor = _MULTIPLIERS[key]
            elif prefix and key in _RP_LETTERS:
                factor = _RP_LETTERS[key]
            elif key in _CURRENCY_WORDS:
                unit = "Rp"
            elif key in _DURATIONS and not prefix:
                unit, factor = _DURATIONS[key]
                kind = "duration"
            elif len(word) > 40:
                raise _Unreadable
            elif prefix:
                unit = prefix + (word if word.startswith("/") else " " + word)
            else:
                unit = word
    s, negative, signed = _strip_sign(s, negative, signed)
    value, warnings = _read_unsigned(s, locale, money=unit.startswith("Rp") and factor == 1)
    value *= factor
    return _Quantity(-value if negative else value, kind, unit, warnings)


def _finite(value: Decimal) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise _Unreadable
    return number + 0.0  # no "-0.0"


def _normalise(text: str) -> str:
    s = text.translate(_TRANSLATE).strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        s = s[1:-1].strip()  # "35,73%" pasted with its quotes
    elif s.startswith("'"):
        s = s[1:].strip()  # Excel's "store as text" apostrophe
    return re.sub(r" {2,}", " ", s)


def _parse_text(raw: str, locale: str) -> Parsed:
    text = raw.strip()
    s = _normalise(text)
    key = s.casefold()
    if key in _MISSING_WORDS:
        return Parsed(value=None, kind="missing", text=text)
    if key in _ZERO_WORDS:
        return Parsed(value=0.0, kind="number", text=text)
    if s.upper() in _EXCEL_ERRORS:
        return Parsed(value=None, kind="error", text=text, error=_excel_error_msg(s.upper()))
    if s.startswith("="):
        return formula_without_value(text)
    try:
        if s.count("/") == 1:
            try:
                top, bottom = s.split("/")
                n, wn = _read_signed(top, locale)
                d, wd = _read_signed(bottom, locale)
            except _Unreadable:
                pass  # "3 orang/hari", "Rp 1.000/pegawai": a number with a unit
            else:
                numerator, denominator = _finite(n), _finite(d)
                warnings = wn + wd
                if denominator == 0:
                    warnings.append(_zero_denominator_msg(text))
                return Parsed(value=numerator, kind="ratio", numerator=numerator, denominator=denominator,
                              text=text, warnings=tuple(warnings))
        q = _read_quantity(s, locale)
        return Parsed(value=_finite(q.value), kind=q.kind, unit=q.unit, text=text, warnings=tuple(q.warnings))
    except (_Unreadable, ArithmeticError, ValueError):
        return Parsed(value=None, kind="invalid", text=text, error=_invalid_msg(text, locale))


def _number_text(x: float) -> str:
    """A stored number shown without a needless ".0"."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


def _format_flags(number_format: str | None) -> tuple[bool, bool, bool]:
    """(scaled percent, literal percent, rupiah) from an Excel number format such as "0.00%"."""
    if not number_format:
        return False, False, False
    rupiah = re.search(r"rp|idr", number_format, re.IGNORECASE) is not None
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)
    scaled = "%" in bare
    literal = not scaled and "%" in number_format
    return scaled, literal, rupiah


def _parse_real(raw: object, number_format: str | None) -> Parsed:
    try:
        x = float(raw)  # type: ignore[arg-type]
    except (OverflowError, ValueError, TypeError):
        return Parsed(value=None, kind="invalid", text=str(raw), error=_not_finite_msg(_quote(str(raw))))
    if not math.isfinite(x):
        return Parsed(value=None, kind="invalid", text=str(raw), error=_not_finite_msg(str(raw)))
    scaled, literal, rupiah = _format_flags(number_format)
    if scaled:
        points = float(Decimal(repr(x)) * 100)
        return Parsed(value=points, kind="percent", unit="%", text=_number_text(points) + "%")
    text = str(raw) if isinstance(raw, int | Decimal) else _number_text(x)
    if literal:
        return Parsed(value=x + 0.0, kind="percent", unit="%", text=text + "%")
    return Parsed(value=x + 0.0, kind="number", unit="Rp" if rupiah else "", text=text)


def _parse_value(raw: object, locale: str, number_format: str | None) -> Parsed:
    if raw is None:
        return Parsed(value=None, kind="missing")
    if isinstance(raw, bool):
        return Parsed(value=None, kind="invalid", text=str(raw).upper(), error=_boolean_msg(raw))
    if isinstance(raw, str):
        return _parse_text(raw, locale)
    if isinstance(raw, Decimal | numbers.Real):
        return _parse_real(raw, number_format)
    if isinstance(raw, dt.timedelta):
        seconds = raw.total_seconds()
        whole_days = seconds % 86400 == 0
        value = seconds / 86400 if whole_days else seconds / 3600
        return Parsed(value=value + 0.0, kind="duration", unit="days" if whole_days else "hours", text=str(raw))
    if isinstance(raw, dt.date | dt.time):
        shown = raw.isoformat()
        if isinstance(raw, dt.datetime) and raw.time() == dt.time():
            shown = raw.date().isoformat()
        return Parsed(value=None, kind="invalid", text=shown, error=_date_msg(shown))
    formula = getattr(raw, "text", None)
    if type(raw).__name__ in ("ArrayFormula", "DataTableFormula") and isinstance(formula, str):
        return formula_without_value(formula)  # openpyxl formula objects
    name = type(raw).__name__
    return Parsed(value=None, kind="invalid", text=_quote(repr(raw)), error=_type_msg(name))


def parse_value(raw: object, *, locale: Locale = "id", number_format: str | None = None) -> Parsed:
    """Read a value as a person typed it (or as openpyxl returns a cell). Never raises for any value.

    ``raw`` may be None, a bool, an int, a float, a Decimal, a str, a date/time (openpyxl cell values)
    or anything else (read as invalid). ``locale`` decides ambiguous texts (see the module docstring).
    ``number_format`` is the Excel format of a numeric cell: with a "%" (for example "0.00%") the
    cell holds a fraction and the result is in percentage points (0.3573 -> 35.73, unit "%").

    Kinds: ``number`` (unit "" or "Rp" or the word typed after it: "28 kali" -> unit "kali"),
    ``percent`` (unit "%"), ``ratio`` ("1247/214.445": value = numerator), ``duration`` (unit "days",
    "hours", "minutes", "months" or "years"; weeks become days), ``missing`` (empty, "-", "n/a", ...),
    ``error`` (an Excel error such as "#DIV/0!"), ``formula`` (a formula without a saved result) and
    ``invalid`` (anything else; ``error`` quotes the text and shows accepted forms).
    """
    _check_locale(locale)
    try:
        return _parse_value(raw, locale, number_format)
    except Exception:  # the guarantee: user input never crashes a caller
        text = _quote(str(raw)) if isinstance(raw, str) else type(raw).__name__
        return Parsed(value=None, kind="invalid", text=text, error=_invalid_msg(text, locale))


def formula_without_value(cell_formula: object) -> Parsed:
    """The reading of a formula cell whose result was never saved (openpyxl gives only the formula).

    ``cell_formula`` is the formula text ("=B2/C2") or an openpyxl formula object with a ``text``.
    """
    formula = getattr(cell_formula, "text", cell_formula)
    text = str(formula).strip()
    return Parsed(value=None, kind="formula", text=text, error=_formula_msg(text))


def ratio_value(parsed: Parsed, use: RatioUse) -> float | None:
    """The number to score from a reading, by what the KPI scores when an actual is a ratio.

    For a ratio: ``numerator``, ``denominator``, ``quotient`` (numerator / denominator) or
    ``percent`` (quotient x 100); quotient and percent are None when the denominator is 0.
    For every other kind the reading's own ``value`` (the user typed the number to score).
    """
    if use not in ("numerator", "denominator", "quotient", "percent"):
        raise ValueError(f"unknown ratio use {use!r}")
    if parsed.kind != "ratio":
        return parsed.value
    n, d = parsed.numerator, parsed.denominator
    if use == "numerator":
        return n
    if use == "denominator":
        return d
    if n is None or d is None or d == 0:
        return None
    return n / d * (100 if use == "percent" else 1)


# ---------------------------------------------------------------------------------------------
# Display
# ---------------------------------------------------------------------------------------------


def format_number(value: float, *, locale: Locale = "id", decimals: int | None = None, unit: str = "") -> str:
    """A number in the ``locale``'s style; :func:`parse_value` reads it back. The primitive under
    :mod:`scorecard.display` (the one display rule): call that module, not this function, to show numbers.

    ``decimals`` None is "smart": whole numbers without decimals, others rounded (half up) to at
    most 2 decimals without trailing zeros. ``unit`` "%" -> "35,73 %", "Rp" -> "Rp 42.340.374.000",
    "Rp/x" -> "Rp 1.000/x", a duration unit ("days", "hours", ...) in the locale's words
    ("3 hari" / "3 days"), any other unit after the number. NaN and infinities show as "-".
    The text reads back to the same rounded value, except money ("Rp") shown with exactly three
    decimals below 1000 ("Rp 1,000" reads as one thousand: rupiah never have three decimals).
    """
    _check_locale(locale)
    if decimals is not None and decimals < 0:
        raise ValueError("decimals must be >= 0")
    x = float(value)
    if not math.isfinite(x):
        return "-"
    dec_sep, thou_sep = _SEPARATORS[locale]
    with localcontext() as ctx:
        ctx.prec = 400 + (decimals or 0)
        d = Decimal(repr(x)).quantize(Decimal(1).scaleb(-(2 if decimals is None else decimals)), ROUND_HALF_UP)
        digits = f"{abs(d):f}"
        if decimals is None and "." in digits:
            digits = digits.rstrip("0").rstrip(".")
    ip, _, frac = digits.partition(".")
    grouped = f"{int(ip):,}".replace(",", thou_sep)
    number = grouped + (dec_sep + frac if frac else "")
    if d != 0 and d.is_signed():
        number = "-" + number
    if not unit:
        return number
    if unit == "%":
        return f"{number} %"
    if unit == "Rp":
        return f"Rp {number}"
    if unit.startswith("Rp/"):
        return f"Rp {number}{unit[2:]}"
    if unit in _UNIT_WORDS:
        word_id, singular, plural = _UNIT_WORDS[unit]
        word = word_id if locale == "id" else (singular if abs(x) == 1 else plural)
        return f"{number} {word}"
    return f"{number} {unit}"


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------

PeriodKind = Literal["year", "quarter", "month", "half"]
MIN_YEAR, MAX_YEAR = 1900, 2200

_MONTHS: dict[str, int] = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "february", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "ags", "agt", "agus", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_P_SEP = r"[\s\-/_.,]*"
_Q = r"(?:q|tw|triwulan|kuartal|quarter|qtr)\s*[-.]?\s*(?P<q>[1-4]|iv|iii|ii|i)"
_Y = r"(?P<y>[0-9]{4})"
_YEAR_RE = re.compile(rf"(?:(?:tahun anggaran|tahun|ta|fy|year)\s*\.?\s*)?{_Y}(?:\.0+)?")
_TA = r"(?:(?:tahun anggaran|tahun|ta)\s*\.?\s*)?"
_QUARTER_RES = (re.compile(rf"{_Q}{_P_SEP}{_TA}{_Y}"), re.compile(rf"{_Y}{_P_SEP}{_Q}"))
_QUARTER_SHORT_RE = re.compile(rf"{_Q}\s*[-/' ]\s*(?P<yy>[0-9]{{2}})")  # "Q1-24", "TW I '24"
_HALF = r"(?:s|semester|smt|sem|h|half)\s*[-.]?\s*(?P<h>[12]|ii|i)"
_HALF_RES = (re.compile(rf"{_HALF}{_P_SEP}{_TA}{_Y}"), re.compile(rf"{_Y}{_P_SEP}{_HALF}"))
_DMY_RE = re.compile(rf"(?P<d>[0-9]{{1,2}})[-/.](?P<m>[0-9]{{1,2}})[-/.]{_Y}")  # "31/03/2024": day first
_CUMULATIVE_RE = re.compile(r"^(?:s\.?\s*/?\s*d\.?|sampai dengan|sampai|hingga|kumulatif|cumulative|ytd|"
                            r"up to|until|to date)\s*[:.]?\s*", re.IGNORECASE)
_MONTH_NUMBER_RES = (
    re.compile(rf"{_Y}[-/](?P<m>[0-9]{{1,2}})"),
    re.compile(rf"{_Y}-(?P<m>[0-9]{{1,2}})-(?P<d>[0-9]{{1,2}})(?:[t ][0-9:.+-]*z?)?"),
    re.compile(rf"(?P<m>[0-9]{{1,2}})[-/.]{_Y}"),
)
_MONTH_NAME_RES = (
    re.compile(rf"(?:bulan\s+)?(?P<name>[a-z]+)\.?{_P_SEP}{_Y}"),
    re.compile(rf"{_Y}{_P_SEP}(?P<name>[a-z]+)\.?"),
)


@dataclass(frozen=True, order=True)
class Period:
    """A year, quarter or month. Ordered by time (``sort_key``); ``label`` is canonical.

    Labels: "2010", "2010-Q1", "2010-03", "2010-S1" (half year, semester). ``sort_key`` is
    (year, first month, kind rank) with the year's key (year, 0, 0), so a year sorts before its
    halves, quarters and months.
    """

    sort_key: tuple[int, int, int]
    label: str
    kind: PeriodKind

    @property
    def year(self) -> int:
        return self.sort_key[0]

    def __str__(self) -> str:
        return self.label


class PeriodError(ValueError):
    """A text that is not a period; ``msg`` says so in both languages."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.msg = message


_YEARLESS_RE = re.compile(rf"(?:bulan\s+)?[a-z]+\.?|{_Q}|{_HALF}")


def _period_error(raw: object) -> PeriodError:
    shown = raw.strip() if isinstance(raw, str) else repr(raw)
    key = re.sub(r"\s+", " ", shown.casefold()) if isinstance(raw, str) else ""
    if key and _YEARLESS_RE.fullmatch(key) and (key.split()[-1].rstrip(".") in _MONTHS or not key.isalpha()):
        return PeriodError(msg(
            "period.no_year",
            '"{text}" has no year, so it cannot be a period: type it with its year ("{text} 2024").',
            '"{text}" tidak memuat tahun, sehingga tidak dapat menjadi periode: ketik beserta tahunnya '
            '("{text} 2024").',
            text=_quote(shown),
        ))
    return PeriodError(msg(
        "period.invalid",
        'Cannot read "{text}" as a period. Type a year (2010), a quarter (2010-Q1, Q1 2010, TW I 2010) '
        "or a month (2010-03, 03/2010, Maret 2010).",
        'Tidak dapat membaca "{text}" sebagai periode. Ketik tahun (2010), triwulan (2010-Q1, Q1 2010, '
        "TW I 2010) atau bulan (2010-03, 03/2010, Maret 2010).",
        text=_quote(shown),
    ))


def make_period(year: int, *, quarter: int | None = None, month: int | None = None,
                half: int | None = None) -> Period:
    """The period of a year, or of a quarter (1-4), a month (1-12) or a half (1-2) of it; ValueError otherwise."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} outside {MIN_YEAR}-{MAX_YEAR}")
    if half is not None:
        if quarter is not None or month is not None or half not in (1, 2):
            raise ValueError(f"half {half} must be 1 or 2, alone")
        return Period((year, 6 * half - 5, 0), f"{year}-S{half}", "half")
    if quarter is not None and month is not None:
        raise ValueError("give a quarter or a month, not both")
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter {quarter} outside 1-4")
        return Period((year, 3 * quarter - 2, 1), f"{year}-Q{quarter}", "quarter")
    if month is not None:
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} outside 1-12")
        return Period((year, month, 2), f"{year}-{month:02d}", "month")
    return Period((year, 0, 0), str(year), "year")


def _period_from_text(s: str) -> Period:
    if m := _YEAR_RE.fullmatch(s):
        return make_period(int(m["y"]))
    for rx in _QUARTER_RES:
        if m := rx.fullmatch(s):
            q = m["q"]
            return make_period(int(m["y"]), quarter=_ROMAN[q] if q in _ROMAN else int(q))
    if m := _QUARTER_SHORT_RE.fullmatch(s):
        q = m["q"]
        return make_period(2000 + int(m["yy"]), quarter=_ROMAN[q] if q in _ROMAN else int(q))
    for rx in _HALF_RES:
        if m := rx.fullmatch(s):
            h = m["h"]
            return make_period(int(m["y"]), half=_ROMAN[h] if h in _ROMAN else int(h))
    if m := _DMY_RE.fullmatch(s):
        dt.date(int(m["y"]), int(m["m"]), int(m["d"]))  # a real date, else ValueError
        return make_period(int(m["y"]), month=int(m["m"]))
    for rx in _MONTH_NUMBER_RES:
        if m := rx.fullmatch(s):
            if m.groupdict().get("d"):
                dt.date(int(m["y"]), int(m["m"]), int(m["d"]))  # a real date, else ValueError
            return make_period(int(m["y"]), month=int(m["m"]))
    for rx in _MONTH_NAME_RES:
        if (m := rx.fullmatch(s)) and m["name"] in _MONTHS:
            return make_period(int(m["y"]), month=_MONTHS[m["name"]])
    raise ValueError(s)


def parse_period(raw: object) -> Period:
    """Read a year, quarter or month; raise :class:`PeriodError` (a ValueError) when unreadable.

    Years: 2010, 2010.0, "2010", "Tahun 2010". Quarters: "2010-Q1", "Q1 2010", "Q1-2010",
    "2010 Q1", "TW I 2010", "Triwulan 1 2010", "Triwulan I Tahun 2010", "Kuartal 1 2010", "Q1-10"
    (two-digit years are 20xx). Halves: "Semester I 2010", "S2 2010", "2010-S1". Months: "2010-03", "03/2010",
    "Mar 2010", "Maret 2010", "March 2010", "Agustus 2010", "Agu 2010" / "Ags 2010", ISO dates
    ("2010-03-15"), day-first dates ("31/03/2010", the Indonesian order) and date/datetime objects
    (a date is read as the month containing it). A cumulative form ("s.d. TW II 2010") is refused
    here: read it with :func:`parse_period_span`, which says it is cumulative.
    Years must lie in 1900-2200. A :class:`Period` is returned as is.
    """
    if isinstance(raw, Period):
        return raw
    try:
        if isinstance(raw, dt.date):  # datetime too
            return make_period(raw.year, month=raw.month)
        if isinstance(raw, bool) or raw is None:
            raise ValueError(raw)
        if isinstance(raw, Decimal | numbers.Real):
            number = float(raw)  # type: ignore[arg-type]
            if not number.is_integer():
                raise ValueError(raw)
            return make_period(int(number))
        if isinstance(raw, str):
            s = re.sub(r"\s+", " ", raw.translate(_TRANSLATE).strip().casefold())
            return _period_from_text(s)
    except (ValueError, OverflowError, ArithmeticError):
        pass
    raise _period_error(raw)


def previous_period(p: Period, periods: Iterable[Period]) -> Period | None:
    """The latest period in ``periods`` that is before ``p`` and of the same kind, or None."""
    earlier = [q for q in periods if q.kind == p.kind and q.sort_key < p.sort_key]
    return max(earlier, default=None)


# --------------------------------------------------------------------------------------------
# Reciprocal judgments typed as decimals
# --------------------------------------------------------------------------------------------

#: How far a typed decimal may be from 1/k (k = 2..9) and still mean 1/k: half a unit of the third
#: decimal, so 0.333, 0.3333, 0.167, 0.143 and 0.111 read as 1/3, 1/3, 1/6, 1/7 and 1/9
#: (0.33 or 0.14 do not: two decimals are too coarse to tell what was meant).
RECIPROCAL_TOLERANCE = 0.0005


def typed_reciprocal(value: float) -> float:
    """``1/k`` when ``value`` is 1/k (k = 2 .. 9) written to three or more decimals, else ``value``.

    People type 1/3 as 0.333; taken literally, 0.333 against a 3 in the other triangle breaks the
    reciprocal rule and shifts the weights. Values of 1 or more, and anything that is not a
    finite positive number, come back unchanged.
    """
    if not (isinstance(value, float | int) and math.isfinite(value) and 0 < value < 1):
        return value
    k = round(1.0 / value)
    if 2 <= k <= 9 and abs(value - 1.0 / k) <= RECIPROCAL_TOLERANCE + 1e-12:
        return 1.0 / k
    return value


def parse_period_span(raw: object) -> tuple[Period, bool]:
    """A period and whether it is cumulative: ("s.d. TW II 2024") -> (2024-Q2, True).

    Cumulative marks: "s.d.", "s/d", "sd", "sampai dengan", "hingga", "kumulatif", "YTD", "up to".
    A cumulative period's values run from the start of the year to the end of the period (a
    target "s.d. TW II" is the half-year target). Anything else is :func:`parse_period` (False).
    """
    if isinstance(raw, str):
        text = raw.translate(_TRANSLATE).strip()
        m = _CUMULATIVE_RE.match(text)
        if m and m.end() < len(text):
            return parse_period(text[m.end():]), True
    return parse_period(raw), False


def magnitude_slip(value: float, reference: float, unit: str) -> float | None:
    """The value probably meant when a percentage is 100x off its reference, else None.

    For a percent KPI (``unit`` "%") a value about 100 times its reference (its target, or the
    previous period's value) was likely typed without the decimal separator or as "2588%" for
    25,88 %, and one about 1/100 of it was likely typed as a fraction (0,2588 for 25,88 %).
    "About" means: the value is at least 10x (at most 1/10) of the reference and the corrected
    value lies within 3x of it. Other units give None (no safe guess).
    """
    if unit.strip() != "%" or not reference or not value or not math.isfinite(value * reference):
        return None
    ratio = value / reference
    for factor in (100.0, 0.01):
        fixed = value / factor
        if (ratio >= 10 if factor > 1 else ratio <= 0.1) and 1 / 3 <= fixed / reference <= 3:
            return fixed
    return None


def shows_number_style(text: str, locale: Locale) -> bool:
    """True when a typed text proves the ``locale``'s number style: the decimal separator between
    digits followed by 1-2 or 4+ digits ("35,73%" in Indonesian style), both separators in order
    ("1.035,5"), or two or more thousands groups ("Rp 44.177.214.540").

    A column holding such a value reads its ambiguous "214.445" the same way without doubt.
    """
    _check_locale(locale)
    dec, thou = _SEPARATORS[locale]
    d, t = re.escape(dec), re.escape(thou)
    s = text.translate(_TRANSLATE)
    return bool(re.search(rf"[0-9]{d}(?:[0-9]{{1,2}}|[0-9]{{4,}})(?![0-9])", s)
                or re.search(rf"[0-9]{t}[0-9]{{3}}{d}[0-9]", s)
                or re.search(rf"(?<![0-9{d}{t}])[0-9]{{1,3}}(?:{t}[0-9]{{3}}){{2,}}(?![0-9])", s))


def month_number(text: str) -> int | None:
    """1-12 for a month name alone ("Januari", "Jan.", "Pebruari", "March"), else None."""
    key = re.sub(r"[^a-z]", "", str(text).casefold())
    return _MONTHS.get(key)

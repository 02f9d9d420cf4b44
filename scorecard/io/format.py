"""The product's workbook format: sheet names, column headers in English and Indonesian, accepted
words for choices, and how numbers are shown in cells. The reader (:mod:`scorecard.io.reader`) and the
writer (:mod:`scorecard.io.writer`) both build on this module and never import each other;
:mod:`scorecard.io.workbook` offers both to callers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HEADER_SCAN_ROWS = 30

# ---------------------------------------------------------------------------------------------
# The format
# ---------------------------------------------------------------------------------------------


def norm(text: object) -> str:
    """Header / sheet-name / keyword matching key: case-folded letters, digits and "%" only."""
    return re.sub(r"[^0-9a-z%]+", "", str(text).casefold())


@dataclass(frozen=True)
class Column:
    """One column: ``key`` (internal), headers written in English / Indonesian, other accepted headers.

    ``info`` columns are written for people (a KPI's name next to its code) and ignored on read.
    """

    key: str
    en: str
    id: str
    aliases: tuple[str, ...] = ()
    width: int = 16
    info: bool = False

    def label(self, lang: str) -> str:
        return self.id if lang == "id" else self.en

    @property
    def names(self) -> frozenset[str]:
        return frozenset(norm(x) for x in (self.key, self.en, self.id, *self.aliases))


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the format: its key, its names in English / Indonesian, its columns."""

    key: str
    en: str
    id: str
    columns: tuple[Column, ...] = ()
    required: tuple[str, ...] = ()  # column keys the header row must have
    aliases: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return self.id if lang == "id" else self.en

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(norm(x) for x in (self.en, self.id, *self.aliases))


_KPI_COL = Column("kpi", "KPI", "IKU", ("kpi code", "kode iku", "kode", "code", "indikator"), 10)
_PERIOD_COL = Column("period", "Period", "Periode", ("tahun", "year", "periode"), 12)
_NAME_EN = Column("name_en", "Name (English)", "Nama (Inggris)",
                  ("name", "english name", "name english", "nama inggris", "nama bahasa inggris"), 40)
_NAME_ID = Column("name_id", "Name (Indonesian)", "Nama (Indonesia)",
                  ("nama", "indonesian name", "name indonesian", "nama indonesia", "nama bahasa indonesia"), 40)

SHEETS: dict[str, SheetSpec] = {s.key: s for s in (
    SheetSpec("instructions", "Instructions", "Petunjuk", aliases=("read me", "readme", "bacaan", "panduan")),
    SheetSpec("settings", "Settings", "Pengaturan", (
        Column("key", "Setting", "Pengaturan", ("key", "kunci", "name", "nama", "parameter"), 22),
        Column("value", "Value", "Nilai", ("nilai", "isi"), 34),
        Column("description", "Description", "Keterangan", ("penjelasan", "catatan", "note"), 70, info=True),
    ), ("key", "value"), ("setting", "setelan", "konfigurasi")),
    SheetSpec("perspectives", "Perspectives", "Perspektif", (
        Column("key", "Key", "Kunci", ("kode", "code", "perspective", "perspektif", "id"), 28),
        _NAME_EN, _NAME_ID,
    ), ("key",), ("perspectives", "perspective", "perspektif")),
    SheetSpec("objectives", "Objectives", "Sasaran", (
        Column("code", "Code", "Kode", ("kode sasaran", "objective code", "sasaran", "objective"), 10),
        Column("perspective", "Perspective", "Perspektif", ("perspektif", "perspective key"), 28),
        _NAME_EN, _NAME_ID,
    ), ("code", "perspective"), ("sasaran strategis", "strategic objectives", "objective")),
    SheetSpec("kpis", "KPIs", "IKU", (
        Column("code", "Code", "Kode", ("kpi", "iku", "kode iku", "kpi code"), 10),
        Column("objective", "Objective", "Sasaran", ("kode sasaran", "objective code"), 10),
        _NAME_EN, _NAME_ID,
        Column("unit", "Unit", "Satuan", ("units",), 12),
        Column("direction", "Direction", "Arah", ("arah kinerja", "polarity", "polaritas"), 26),
        Column("worst", "Worst (level 0)", "Nilai terburuk (level 0)",
               ("worst", "terburuk", "nilai terburuk", "level 0", "worst value"), 20),
        Column("ratio_use", "Ratio use", "Penggunaan rasio", ("ratio", "rasio", "pakai rasio"), 18),
        Column("scale_words", "Scale (worst < best)", "Skala (terburuk < terbaik)",
               ("scale", "skala", "scale words", "skala kualitatif", "kata skala", "ordinal scale"), 30),
    ), ("code", "objective"), ("kpi", "indikator kinerja utama", "indikator")),
    SheetSpec("data", "Data", "Data", (
        _KPI_COL, _PERIOD_COL,
        Column("target", "Target", "Target", ("sasaran target", "rencana"), 20),
        Column("actual", "Actual", "Realisasi", ("capaian", "aktual", "realization", "realisation"), 20),
        Column("baseline", "Baseline", "Baseline", ("nilai dasar", "dasar", "level 3", "base"), 20),
        Column("target_min", "Target min", "Target minimum", ("target bawah", "batas bawah target", "target from",
                                                               "target dari", "minimum target"), 16),
        Column("target_max", "Target max", "Target maksimum", ("target atas", "batas atas target", "target to",
                                                                "target sampai", "maximum target", "target maximum"),
               16),
        Column("name", "KPI name", "Nama IKU", ("name", "nama", "indicator"), 40, info=True),
        Column("unit", "Unit", "Satuan", (), 12, info=True),
    ), ("kpi", "period"), ("data kinerja", "performance data", "measurements")),
    SheetSpec("anchors", "Anchors", "Anchor", (
        _KPI_COL,
        Column("level", "Level", "Level", ("tingkat",), 8),
        Column("value", "Value", "Nilai", ("nilai",), 20),
        Column("period", "Period", "Periode", ("periode", "tahun"), 12),
        Column("note", "Note", "Keterangan", ("catatan", "why", "alasan"), 50),
    ), ("kpi", "level", "value"), ("anchor", "jangkar")),
    SheetSpec("judgments", "Judgments", "Perbandingan", (
        Column("node", "Node", "Induk", ("simpul", "parent", "kriteria", "criterion", "level"), 28),
        Column("a", "A", "A", ("item a", "elemen a", "element a"), 28),
        Column("b", "B", "B", ("item b", "elemen b", "element b"), 28),
        Column("value", "Value (A over B)", "Nilai (A terhadap B)",
               ("value", "nilai", "importance", "kepentingan", "a over b", "a terhadap b"), 20),
    ), ("node", "a", "b", "value"), ("perbandingan berpasangan", "pairwise", "pairwise comparisons", "judgements")),
    SheetSpec("matrices", "Matrices", "Matriks", aliases=("matrix", "matriks perbandingan")),
    SheetSpec("links", "Strategy map", "Peta strategi", (
        Column("cause", "Cause", "Sebab", ("penyebab", "from", "dari"), 14),
        Column("effect", "Effect", "Akibat", ("dampak", "to", "ke"), 14),
    ), ("cause", "effect"), ("links", "peta", "strategy")),
    SheetSpec("notes", "Notes", "Catatan", (
        _KPI_COL, _PERIOD_COL,
        Column("root_cause", "Root cause", "Akar masalah", ("penyebab", "cause", "akar penyebab"), 40),
        Column("action", "Action", "Tindakan perbaikan", ("tindakan", "aksi", "rencana tindak", "improvement"), 40),
        Column("owner", "Owner", "Penanggung jawab", ("pj", "pic", "pemilik"), 22),
        Column("due", "Due", "Tenggat", ("batas waktu", "deadline", "due date", "tanggal"), 14),
        Column("narrative", "Narrative (context)", "Narasi (konteks)",
               ("narrative", "narasi", "context", "konteks", "cerita", "penjelasan", "keterangan", "ket"), 50),
    ), ("kpi", "period"), ("catatan tindak lanjut", "actions")),
    SheetSpec("kpi_manual", "KPI manual", "Manual IKU", (
        _KPI_COL,
        Column("name", "KPI name", "Nama IKU", ("name", "nama", "indicator"), 34, info=True),
        Column("unit", "Unit", "Satuan", (), 10, info=True),
        Column("definition", "Definition", "Definisi", ("deskripsi", "description", "pengertian"), 40),
        Column("purpose", "Purpose", "Tujuan", ("maksud", "aim", "why"), 34),
        Column("formula", "Formula", "Rumus", ("formulasi", "cara menghitung", "calculation", "rumus perhitungan"),
               34),
        Column("data_source", "Data source", "Sumber data", ("sumber", "source"), 28),
        Column("measure_frequency", "Measurement frequency", "Frekuensi pengukuran",
               ("frekuensi", "frequency", "periode pengukuran"), 18),
        Column("review_frequency", "Review frequency", "Frekuensi reviu", ("frekuensi review", "review"), 18),
        Column("owner", "Owner (person or unit)", "Pemilik (orang atau unit)",
               ("owner", "pemilik", "penanggung jawab", "pj", "pic", "unit pemilik"), 24),
        Column("verifier", "Verifier", "Verifikator", ("pengukur", "pemeriksa", "checker", "verified by"), 22),
    ), ("kpi",), ("manual iku", "kpi manual", "kpi record sheet", "lembar iku", "manual indikator")),
)}

STRUCTURE_SHEETS = ("perspectives", "objectives", "kpis")
UPDATE_SHEETS = ("data", "anchors", "notes", "kpi_manual")

# Settings rows: key -> (English key, Indonesian key, other accepted keys).
SETTING_KEYS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "name": ("name", "nama", ("scorecard", "nama kartu skor", "scorecard name", "judul", "title")),
    "organisation": ("organisation", "organisasi", ("organization", "instansi", "kantor", "office", "unit kerja")),
    "priority_method": ("priority_method", "metode_prioritas", ("method", "metode", "metode ahp", "ahp method")),
    "ri_table": ("ri_table", "tabel_ri", ("ri", "random index", "indeks acak")),
    "cr_policy": ("cr_policy", "kebijakan_cr", ("cr", "batas cr", "cr limit")),
    "yellow_from": ("yellow_from", "kuning_mulai", ("yellow", "kuning", "ambang kuning")),
    "green_from": ("green_from", "hijau_mulai", ("green", "hijau", "ambang hijau")),
    "locale": ("locale", "format_angka", ("lokal", "number style", "gaya angka", "bahasa angka", "number format")),
    "capaian_cap": ("capaian_cap", "batas_capaian", ("cap", "batas atas capaian", "capaian maksimum", "maximum capaian")),
    "predikat_preset": ("predikat_preset", "preset_predikat", ("preset", "predikat preset")),
    "predikat_bands": ("predikat_bands", "rentang_predikat", ("bands", "predikat", "tabel predikat", "predikat bands")),
    "primary_view": ("primary_view", "tampilan_utama", ("view", "tampilan", "primary", "utama")),
    # Written only when set: the mapping of an import from the office's own table (JSON).
    "import_mapping": ("import_mapping", "pemetaan_impor", ("import mapping", "pemetaan impor")),
}

# Choice words: value -> accepted words (the first one is written in English, the second in Indonesian).
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "higher": ("higher", "makin tinggi makin baik", "naik", "semakin tinggi semakin baik", "tinggi",
               "higher is better", "up", "max", "maximise", "maximize", "positif", "positive"),
    "lower": ("lower", "makin rendah makin baik", "turun", "semakin rendah semakin baik", "rendah",
              "lower is better", "down", "min", "minimise", "minimize", "negatif", "negative"),
}
RATIO_USES: dict[str, tuple[str, ...]] = {
    "numerator": ("numerator", "pembilang", "atas"),
    "denominator": ("denominator", "penyebut", "bawah"),
    "quotient": ("quotient", "hasil bagi", "rasio", "ratio", "bagi"),
    "percent": ("percent", "persen", "persentase", "percentage", "%"),
}
PRIORITY_WORDS: dict[str, tuple[str, ...]] = {
    "eigen": ("eigen", "eigen", "eigenvector", "vektor eigen", "saaty eigen"),
    "approx": ("approx", "approx", "approximate", "pendekatan", "aproksimasi", "normalisasi", "hand"),
    "geometric": ("geometric", "geometric", "geometrik", "geometric mean", "rata-rata geometrik", "rgmm"),
}
RI_WORDS: dict[str, tuple[str, ...]] = {
    "saaty": ("saaty", "saaty", "saaty 1980"),
    "alonso-lamata": ("alonso-lamata", "alonso-lamata", "alonso lamata", "alonso", "alonso-lamata 2006"),
}
CR_WORDS: dict[str, tuple[str, ...]] = {
    "fixed": ("fixed", "fixed", "tetap", "0.10", "0,10"),
    "by-size": ("by-size", "by-size", "by size", "menurut ukuran", "sesuai ukuran", "saaty 1994"),
}
LOCALE_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "id", "indonesia", "indonesian", "bahasa indonesia", "id-id", "in"),
    "en": ("en", "en", "english", "inggris", "en-us", "en-gb", "bahasa inggris"),
}
VIEW_WORDS: dict[str, tuple[str, ...]] = {
    "omax": ("omax", "omax", "level", "level omax", "omax level"),
    "capaian": ("capaian", "capaian", "achievement", "capaian %", "persen capaian"),
}
#: Separators of ``KPI.scale_words`` in a cell ("TW < TMP < WDP < WTP"; ";" is accepted too).
SCALE_SEPARATORS = re.compile(r"\s*[<;]\s*")
#: One predikat band in the Settings cell: "91 | Sangat Baik | Very good | #1A9850"; bands split by ";".
BAND_FIELDS = ("lower", "label_id", "label_en", "colour")


def scale_text(words: tuple[str, ...]) -> str:
    """``KPI.scale_words`` as written in a cell: "TW < TMP < WDP < WTP"."""
    return " < ".join(words)


def bands_text(bands: tuple[tuple[float, str, str, str], ...], locale: str) -> str:
    """Predikat bands as written in the Settings cell: "91 | Sangat Baik | Very good | #1A9850; ..."."""
    def num(x: float) -> str:
        t = str(int(x)) if float(x).is_integer() else repr(float(x))
        return t.replace(".", ",") if locale == "id" else t

    return "; ".join(f"{num(b[0])} | {b[1]} | {b[2]} | {b[3]}" for b in bands)


ROOT_WORDS = ("Scorecard", "Kartu skor", "root", "balanced scorecard", "kartu skor berimbang", "bsc", "goal", "tujuan")


def choice_label(choices: dict[str, tuple[str, ...]], value: str, lang: str) -> str:
    """The word written for a choice in ``lang`` (English: the first word, Indonesian: the second)."""
    words = choices[value]
    return words[1] if lang == "id" and len(words) > 1 else words[0]


def match_choice(choices: dict[str, tuple[str, ...]], text: str) -> str | None:
    key = norm(text)
    for value, words in choices.items():
        if key == norm(value) or any(key == norm(w) for w in words):
            return value
    return None


def root_label(lang: str) -> str:
    return "Kartu skor" if lang == "id" else "Scorecard"


# ---------------------------------------------------------------------------------------------
# Display of numbers as a cell's number format shows them
# ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _format_tokens(number_format: str) -> tuple[tuple[str, str], ...]:
    """Split the first section of an Excel number format into ("lit"|"num"|"pct", text) tokens.

    Cached: a sheet repeats a handful of formats thousands of times."""
    fmt = number_format or ""
    section, quoted, i = [], False, 0
    while i < len(fmt):  # first section only (";" outside quotes ends it)
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted:
            section.append(fmt[i:i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            break
        section.append(ch)
        i += 1
    s = "".join(section)
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == '"':
            j = s.find('"', i + 1)
            j = len(s) if j < 0 else j
            out.append(("lit", s[i + 1:j]))
            i = j + 1
        elif ch == "\\":
            out.append(("lit", s[i + 1:i + 2]))
            i += 2
        elif ch == "[":
            j = s.find("]", i)
            j = len(s) if j < 0 else j
            inner = s[i + 1:j]
            if inner.startswith("$"):
                out.append(("lit", inner[1:].split("-")[0]))
            i = j + 1
        elif ch == "_":
            out.append(("lit", " "))
            i += 2
        elif ch == "*":
            i += 2
        elif ch in "0#?,.":
            out.append(("num", ch))
            i += 1
        elif ch == "%":
            out.append(("pct", "%"))
            i += 1
        else:
            out.append(("lit", ch))
            i += 1
    return tuple(out)


def _plain_number(value: float, locale: str) -> str:
    """Excel's "General": no grouping, as many decimals as the number has."""
    whole = float(value).is_integer() and abs(value) < 1e15
    text = str(int(value)) if whole else repr(float(value))
    return text.replace(".", ",") if locale == "id" else text


@functools.lru_cache(maxsize=512)
def _layout(number_format: str) -> tuple[str, str, str, bool, bool, int, int] | None:
    """What :func:`display_text` needs of a number format (None: shown as General):
    (prefix, suffix, literals among the digits, scaled percent, grouping, min decimals, max decimals)."""
    tokens = _format_tokens(number_format)
    nums = [i for i, (kind, _) in enumerate(tokens) if kind == "num"]
    if not nums or norm(number_format) in ("", "general", "standard", "umum"):
        return None
    first, last = nums[0], nums[-1]
    body = "".join(t for kind, t in tokens[first:last + 1] if kind == "num")
    prefix = "".join(t for _, t in tokens[:first])
    suffix = "".join(t for _, t in tokens[last + 1:])
    prefix = prefix.replace("%", "")  # a "%" before the digits is unusual; keep it simple
    scaled = any(kind == "pct" for kind, _ in tokens)
    int_part, _, frac_part = body.partition(".")
    grouping = "," in int_part.rstrip(",")
    min_dec = frac_part.count("0")
    max_dec = sum(frac_part.count(c) for c in "0#?")
    mid = "".join(t for kind, t in tokens[first:last + 1] if kind in ("lit", "pct"))
    return prefix, suffix, mid, scaled, grouping, min_dec, max_dec


def display_text(value: float, number_format: str | None, locale: str = "id") -> str:
    """A number as Excel shows it with ``number_format`` in the ``locale``'s style.

    Handles what scorecards use: General, 0 / 0.00 / #,##0 / #,##0.00, scaled percentages
    ("0.00%"), literal prefixes and suffixes ('"Rp "#,##0', '0.00"%"', '[$Rp-421]#,##0'). The first
    format section is used; a minus sign goes in front.
    """
    layout = _layout(number_format or "")
    if layout is None:
        return _plain_number(value, locale)
    prefix, suffix, mid, scaled, grouping, min_dec, max_dec = layout
    x = Decimal(repr(float(value)))
    if scaled:
        x *= 100
    q = abs(x).quantize(Decimal(1).scaleb(-max_dec), ROUND_HALF_UP)
    digits = f"{q:f}"
    ip, _, frac = digits.partition(".")
    if max_dec > min_dec:
        frac = frac.rstrip("0").ljust(min_dec, "0")
    dec_sep, thou_sep = (",", ".") if locale == "id" else (".", ",")
    if grouping:
        ip = f"{int(ip):,}".replace(",", thou_sep)
    number = ip + (dec_sep + frac if frac else "")
    sign = "-" if q != 0 and x < 0 else ""
    return f"{sign}{prefix}{number}{mid}{suffix}".strip()


def decimals_of(text: str, locale: str) -> int | None:
    """How many decimals a typed number shows ("87,5%" -> 1 in Indonesian style)."""
    dec = "," if locale == "id" else "."
    m = re.search(r"[0-9][0-9.,]*", text)
    if not m:
        return None
    tail = m.group(0).rpartition(dec)
    return len(tail[2]) if tail[1] and tail[2].isdigit() else 0

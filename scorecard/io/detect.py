"""Reading an office's own table: header words, periods in titles and sheet names, and the default
suggestions of the importer (BSC perspective of a sasaran, direction and worst value of an indicator).

Every suggestion returns its reason, so the import preview can show why it was made; every one
can be changed there. The rules (documented decisions):

* **Perspective** of a sasaran: the perspective with the most keyword hits in its words
  (:data:`PERSPECTIVE_WORDS`); ties and no hit give "Internal Business Process" (the usual home
  of an office's service and process targets), reason "no keyword".
* **Direction** of an indicator: "lower" when its name or unit has a lower-is-better word
  (:data:`LOWER_WORDS`: waktu, lama, hari, jam, menit, keluhan, pengaduan, tunggakan, temuan, ...)
  and no word that turns it back (:data:`HIGHER_OVERRIDES`: penyelesaian, tindak lanjut,
  penurunan, ...: "Persentase penyelesaian pengaduan" is higher-is-better), or a phrase of
  :data:`LOWER_PHRASES` ("waktu penyelesaian", "jumlah tunggakan"); else "higher".
* **Worst value** (OMAX level 0), :func:`default_worst`: higher-is-better -> 0 (for a qualitative
  scale: rank 1, its worst word); lower-is-better -> twice the largest target, and at least the
  largest actual seen (so every actual typed is on the scale); for a % KPI at most 100 when the
  targets are at most 100.
"""

from __future__ import annotations

import re

from scorecard.io.format import norm
from scorecard.io.numbers import PeriodError, month_number, parse_period_span

__all__ = [
    "HEADER_WORDS",
    "LOWER_WORDS",
    "HIGHER_OVERRIDES",
    "PERSPECTIVE_WORDS",
    "ROLES",
    "TOTAL_WORDS",
    "VALUE_ROLES",
    "default_worst",
    "header_role",
    "is_column_number_row",
    "period_in_text",
    "suggest_direction",
    "suggest_perspective",
]

#: Column roles, in the order the preview lists them.
ROLES = ("no", "code", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian", "keterangan", "ignore")
VALUE_ROLES = ("target", "realisasi", "capaian")

#: Header words per role (compared with :func:`scorecard.io.format.norm`: case, spaces and
#: punctuation ignored).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "no": ("no", "no.", "nomor", "no urut", "nomor urut", "#"),
    "code": ("kode", "code", "kode iku", "kode indikator", "kpi code"),
    "sasaran": ("sasaran", "sasaran strategis", "sasaran strategis/program", "sasaran program", "sasaran kegiatan",
                "tujuan", "objective", "strategic objective", "rencana hasil kerja", "rhk",
                "rencana hasil kerja pimpinan yang diintervensi", "sasaran kinerja"),
    "indikator": ("indikator", "indikator kinerja", "indikator kinerja utama", "iku", "indikator sasaran",
                  "indikator kinerja sasaran", "indikator kinerja individu", "indikator kinerja program",
                  "indikator kinerja kegiatan", "indicator", "performance indicator", "kpi",
                  "key performance indicator", "uraian indikator"),
    "satuan": ("satuan", "sat", "unit", "satuan pengukuran", "units"),
    "target": ("target", "target kinerja", "rencana", "target tahunan", "target pk"),
    "realisasi": ("realisasi", "capaian realisasi", "realisasi kinerja", "actual", "realization", "realisation",
                  "hasil", "realisasi capaian"),
    "capaian": ("capaian", "% capaian", "capaian (%)", "persentase capaian", "capaian kinerja",
                "capaian kinerja (%)", "tingkat capaian", "achievement", "% achievement", "%"),
    "keterangan": ("ket", "ket.", "keterangan", "catatan", "notes", "note", "remarks", "penjelasan"),
}
_ROLE_OF: dict[str, str] = {norm(w): role for role, words in HEADER_WORDS.items() for w in words}
# A role word at the start of a header followed by a period: "Target 2024", "Realisasi TW I 2024".
_ROLE_PREFIX_RE = re.compile(
    r"^\s*(?P<word>%\s*capaian|capaian\s+realisasi|target|realisasi|capaian|actual|rencana)\b[\s:_/()\-]*(?P<rest>.+?)"
    r"[\s)]*$", re.IGNORECASE)
_PREFIX_ROLE = {"target": "target", "rencana": "target", "realisasi": "realisasi", "capaian realisasi": "realisasi",
                "actual": "realisasi", "capaian": "capaian", "% capaian": "capaian"}

#: Texts in a row's first cells that mark a total or average row (never an indicator).
TOTAL_WORDS = ("jumlah", "total", "rata-rata", "rata rata", "ratarata", "average", "nilai rata", "grand total",
               "sub total", "subtotal", "nilai akhir", "nilai capaian kinerja")


def header_role(text: object) -> tuple[str, str, bool] | None:
    """(role, period label or "", cumulative) of a header cell, or None when it names no role.

    "Indikator Kinerja Utama" -> ("indikator", "", False); "Realisasi 2023" -> ("realisasi", "2023",
    False); "Target s.d. TW II 2024" -> ("target", "2024-Q2", True). A month without a year
    ("Januari", "Target Jan") gives the placeholder "M01": the month of the sheet's year.
    """
    if text is None:
        return None
    s = " ".join(str(text).split())
    if not s:
        return None
    role = _ROLE_OF.get(norm(s))
    if role is not None:
        return role, "", False
    m = _ROLE_PREFIX_RE.match(s)
    if m:
        word = " ".join(m["word"].casefold().split())
        if (month := month_number(m["rest"])) is not None:
            return _PREFIX_ROLE.get(word, "realisasi"), f"M{month:02d}", False
        try:
            period, cumulative = parse_period_span(m["rest"])
        except PeriodError:
            return None
        return _PREFIX_ROLE.get(word, "realisasi"), period.label, cumulative
    if (month := month_number(s)) is not None:
        return "realisasi", f"M{month:02d}", False  # a month column of a monthly sheet: actuals
    return None


_COLNUM_RE = re.compile(r"^\(?\s*[0-9]{1,2}\s*\)?\s*(?:[=x*/:+-][0-9()/ x*:+-]*)?$")


def is_column_number_row(texts: list[str]) -> bool:
    """True for a row of column numbers under a header: "(1) (2) (3) ... (7)" or "1 2 3 4"."""
    filled = [t.strip() for t in texts if t and t.strip()]
    if len(filled) < 3:
        return False
    return all(_COLNUM_RE.match(t) for t in filled)


_PERIOD_SEARCH = (
    re.compile(r"(?:s\.?\s*/?\s*d\.?|sampai dengan|hingga)\s*(?:triwulan|tw|semester|smt|q)\s*[-.]?\s*"
               r"(?:iv|iii|ii|i|[1-4])\s*(?:tahun anggaran|tahun|ta)?\s*[0-9]{4}", re.IGNORECASE),
    re.compile(r"\b(?:triwulan|tw|kuartal|q|semester|smt)\s*[-.]?\s*(?:iv|iii|ii|i|[1-4])\b\s*[-/]?\s*"
               r"(?:tahun anggaran|tahun|ta)?\s*[0-9]{4}", re.IGNORECASE),
    re.compile(r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|"
               r"nopember|desember|january|february|march|may|june|july|august|october|december)\s+[0-9]{4}",
               re.IGNORECASE),
    re.compile(r"\b(?:tahun anggaran|tahun|ta|fy|year)\s*\.?\s*(?:19|20)[0-9]{2}\b", re.IGNORECASE),
    re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"),
)


def period_in_text(text: str) -> tuple[str, bool, str] | None:
    """(period label, cumulative, matched words) of the first period found inside a text, or None.

    "PENGUKURAN KINERJA ... TAHUN ANGGARAN 2024" -> ("2024", False, "TAHUN ANGGARAN 2024");
    "Data 2023" -> ("2023", ...); "TW I 2024" -> ("2024-Q1", ...); "s.d. TW II 2024" -> ("2024-Q2", True, ...).
    Specific forms (cumulative, quarter/half, month) win over a bare year.
    """
    for rx in _PERIOD_SEARCH:
        m = rx.search(text)
        if not m:
            continue
        words = m.group(0)
        try:
            period, cumulative = parse_period_span(words)
        except PeriodError:
            bare = re.search(r"(?:19|20)[0-9]{2}", words)
            if not bare:
                continue
            period, cumulative = parse_period_span(bare.group(0))
        return period.label, cumulative, words.strip()
    return None


# ---- suggestions --------------------------------------------------------------------------------

#: Keywords per perspective key (the keys of the default perspectives).
PERSPECTIVE_WORDS: dict[str, tuple[str, ...]] = {
    "Financial": ("anggaran", "keuangan", "pendapatan", "pad", "pajak", "retribusi", "belanja", "efisiensi", "biaya",
                  "aset", "penerimaan", "opini", "bpk", "laporan keuangan", "fiskal", "dana", "financial", "revenue",
                  "budget", "cost", "tunggakan", "piutang"),
    "Customer": ("masyarakat", "pelayanan", "layanan", "kepuasan", "pelanggan", "publik", "wajib pajak", "pengaduan",
                 "keluhan", "ikm", "skm", "penduduk", "warga", "pengguna", "customer", "service", "satisfaction",
                 "citizen", "kesejahteraan", "kesehatan masyarakat"),
    "Internal Business Process": ("proses", "tata kelola", "akuntabilitas", "sakip", "sistem", "prosedur", "mutu",
                                  "kualitas", "pengawasan", "audit", "inovasi", "digital", "kepatuhan", "waktu",
                                  "perencanaan", "evaluasi", "reformasi birokrasi", "process", "governance",
                                  "compliance", "efektivitas", "maturitas", "spip"),
    "Learning and Growth": ("sdm", "sumber daya manusia", "pegawai", "aparatur", "asn", "kompetensi", "pelatihan",
                            "diklat", "kapasitas", "kapabilitas", "budaya", "teknologi informasi", "learning",
                            "growth", "employee", "staff", "training", "profesionalisme", "disiplin"),
}
DEFAULT_PERSPECTIVE = "Internal Business Process"

#: Words that make an indicator lower-is-better (in its name or unit).
LOWER_WORDS = ("waktu", "lama", "lamanya", "durasi", "hari", "jam", "menit", "keluhan", "pengaduan", "komplain",
               "tunggakan", "temuan", "kasus", "pelanggaran", "kesalahan", "kecelakaan", "kematian", "kemiskinan",
               "pengangguran", "stunting", "antrean", "antrian", "sisa", "deviasi", "penyimpangan", "kerugian",
               "time", "duration", "days", "complaint", "arrears", "finding", "error", "backlog", "waiting")
#: Words that keep an indicator higher-is-better although it has a LOWER_WORDS word.
HIGHER_OVERRIDES = ("penyelesaian", "tindak lanjut", "ditindaklanjuti", "penanganan", "tertangani", "terselesaikan",
                    "diselesaikan", "penurunan", "berkurangnya", "tepat waktu", "ketepatan waktu", "kepuasan",
                    "resolved", "on time", "reduction", "follow-up", "follow up")


def _words_in(text: str, words: tuple[str, ...]) -> list[str]:
    low = " " + " ".join(re.sub(r"[^0-9a-z%-]+", " ", text.casefold()).split()) + " "
    return [w for w in words if f" {w} " in low]


def suggest_perspective(sasaran: str) -> tuple[str, str]:
    """(perspective key, reason) for a sasaran's words; see the module docstring."""
    hits = {key: _words_in(sasaran, words) for key, words in PERSPECTIVE_WORDS.items()}
    best = max(hits, key=lambda k: len(hits[k]))
    ranked = sorted((len(v) for v in hits.values()), reverse=True)
    if not hits[best] or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return DEFAULT_PERSPECTIVE, "no keyword" if not hits[best] else "tie: " + ", ".join(
            f"{k}: {'/'.join(v)}" for k, v in hits.items() if v)
    return best, "words: " + ", ".join(hits[best])


#: Phrases that are lower-is-better whatever else the name says ("waktu penyelesaian": a duration).
LOWER_PHRASES = ("waktu penyelesaian", "lama penyelesaian", "waktu penanganan", "lama penanganan", "waktu tunggu",
                 "waktu pelayanan", "lama pelayanan", "rata-rata waktu", "jumlah tunggakan", "jumlah temuan",
                 "jumlah pengaduan", "jumlah keluhan")


def suggest_direction(name: str, unit: str) -> tuple[str, str]:
    """("higher" | "lower", reason) for an indicator from its name and unit; see the module docstring."""
    text = f"{name} {unit}"
    phrase = _words_in(text, LOWER_PHRASES)
    if phrase:
        return "lower", "words: " + ", ".join(phrase)
    over = _words_in(text, HIGHER_OVERRIDES)
    lower = _words_in(text, LOWER_WORDS)
    if lower and not over:
        return "lower", "words: " + ", ".join(lower)
    if lower and over:
        return "higher", f"words: {', '.join(over)} (outweighs {', '.join(lower)})"
    return "higher", "default"


def default_worst(direction: str, targets: list[float], actuals: list[float], unit: str,
                  ordinal: bool = False) -> tuple[float, str]:
    """(worst value, the rule used) by the documented default rule (module docstring)."""
    if ordinal:
        return 1.0, "rank 1 (the scale's worst word)"
    if direction == "higher":
        return 0.0, "0 (higher is better)"
    top = max(targets, default=0.0)
    worst = 2 * top
    rule = "2 x largest target"
    if actuals and max(actuals) > worst:
        worst, rule = max(actuals), "largest actual (above 2 x target)"
    if unit.strip() == "%" and top <= 100 and worst > 100:
        worst, rule = 100.0, "100 % (cap for a % KPI)"
    if worst <= 0:
        worst, rule = 1.0, "1 (no positive target or actual)"
    return worst, rule

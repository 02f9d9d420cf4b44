"""Indicator quality check: is each KPI a good indicator? (issue #16)

Offices are told that an indicator must measure a *result*, not an activity, must have a clear
unit, formula, data source and frequency, and must not overlap with another indicator. This
module checks a :class:`~scorecard.model.Scorecard` against those rules and returns findings; it
never changes the scorecard and never blocks work (a finding is advice, not an error).

Rules (stable identifiers, used by the CLI ``check-kpis --json`` and the tests):

``activity-not-result``
    The name starts with an activity or task word (Indonesian verbs such as melaksanakan, menyusun,
    mengikuti, memfasilitasi, mengkoordinasikan, menyelenggarakan, melakukan, membuat, their
    nouns pelaksanaan, penyusunan, ..., English carry out, conduct, prepare, attend, ...), or it
    counts activities ("Jumlah rapat koordinasi", "meetings per year") instead of their effect.
``no-unit``
    The KPI has no unit.
``unit-mismatch``
    The unit does not fit the values: a percentage whose values all lie strictly between 0 and 1
    (typed as fractions: 0.85 for 85 %), a share ("Persentase ...", "Percentage of ...") above 100,
    a count (count, kali, orang, dokumen, ...) that is negative or not whole, money (Rp) below 1
    (typed in millions or as a fraction?).
``no-formula`` / ``no-data-source``
    The KPI manual (:class:`~scorecard.model.KpiManual`) has no formula / no data source.
``target-equals-baseline``
    In some period the target equals the baseline (OMAX level 3: the explicit baseline, else the
    previous period's actual): the office is asked for no improvement at all.
``trivially-met``
    In some period the target is *worse* than the baseline (already achieved before the period began).
``duplicate-name``
    Two KPIs have near-identical names in the same language: after dropping small words (yang, dan,
    the, of, ...) their words match one for one, allowing a typo per word (difflib ratio >= 0.85),
    with a Dice score >= :data:`DUPLICATE_THRESHOLD` (0.9).
``identical-data``
    Two KPIs have exactly the same targets and actuals in every period, with at least two different
    values among them (two KPIs at 100 % every year are saturated, not copied).
``orphan``
    No objective needs the KPI: its objective does not exist, or the strategy map has arrows but
    none touches the KPI's objective.
``too-many-kpis``
    More than :data:`MAX_KPIS_PER_OBJECTIVE` (7) KPIs under one objective. A workshop judges every
    pair, n(n-1)/2 comparisons: 7 KPIs need 21, 8 need 28, 10 need 45; beyond about seven items
    people can no longer compare consistently (Saaty's 7 +/- 2). ``code`` is the objective's code.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass

from scorecard import display
from scorecard.messages import Msg, msg
from scorecard.method.scoring import baseline_for
from scorecard.model import KPI, Scorecard

RULES: tuple[str, ...] = ("activity-not-result", "no-unit", "unit-mismatch", "no-formula", "no-data-source",
                          "target-equals-baseline", "trivially-met", "duplicate-name", "identical-data", "orphan",
                          "too-many-kpis")

#: More KPIs than this under one objective is too many for one workshop to compare pairwise.
MAX_KPIS_PER_OBJECTIVE = 7
#: Name similarity (Dice score of matching words) from which two names count as near-identical.
DUPLICATE_THRESHOLD = 0.9
_WORD_MATCH = 0.85

#: First words that describe an activity or a task (Indonesian verbs and their nouns, English verbs).
ACTIVITY_WORDS: frozenset[str] = frozenset({
    # Indonesian verbs
    "melaksanakan", "menyusun", "mengikuti", "memfasilitasi", "mengkoordinasikan", "mengoordinasikan",
    "menyelenggarakan", "melakukan", "membuat", "menyiapkan", "mengadakan", "membina", "mengelola",
    "menyampaikan", "menghadiri", "memantau", "mengawasi", "menyediakan", "meningkatkan", "mengembangkan",
    "mewujudkan", "mengoptimalkan", "menyelesaikan", "mendukung", "memberikan", "menjalankan", "menangani",
    "mengevaluasi", "merencanakan", "mensosialisasikan", "menyosialisasikan",
    # Indonesian nouns of activity
    "pelaksanaan", "penyusunan", "penyelenggaraan", "fasilitasi", "koordinasi", "pembuatan", "penyiapan",
    "pembinaan", "pengelolaan", "penyampaian", "pemantauan", "pengawasan", "sosialisasi", "pengadaan",
    "penyediaan", "perencanaan", "evaluasi", "monitoring",
    # English verbs
    "carry", "conduct", "implement", "prepare", "organise", "organize", "hold", "attend", "facilitate",
    "coordinate", "make", "perform", "execute", "draft", "participate", "monitor", "improve", "increase",
    "develop", "ensure", "provide", "support", "manage", "deliver", "complete", "undertake", "compile",
})
#: A first English word followed by one of these is a measure ("Increase in revenue"), not a task.
_MEASURE_AFTER = frozenset({"in", "of", "rate", "ratio", "level", "index"})
#: Words that count something and words naming activities: together they count activities.
_COUNT_WORDS = frozenset({"jumlah", "frekuensi", "banyaknya", "number", "frequency", "count"})
_ACTIVITY_NOUNS = frozenset({"pertemuan", "rapat", "kegiatan", "sosialisasi", "acara", "kunjungan", "bimtek",
                             "meeting", "meetings", "activities", "activity", "events", "workshops", "visits"})
_PER_YEAR = re.compile(r"\b(per year|per tahun|per bulan|per month)\b")

#: Small words ignored when comparing names.
_STOP = frozenset({"yang", "yg", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "terhadap", "oleh", "dalam",
                   "the", "of", "to", "a", "an", "and", "for", "in", "on", "by", "with", "per"})

_PERCENT_UNITS = frozenset({"%", "persen", "percent", "percentage", "persentase"})
_COUNT_UNITS = frozenset({"count", "kali", "orang", "pegawai", "unit", "buah", "dokumen", "kegiatan", "laporan",
                          "people", "persons", "times", "documents", "reports", "jumlah", "number", "kasus",
                          "cases", "items"})
_SHARE_WORDS = ("persentase ", "percentage of ", "share of ", "proporsi ", "proportion of ")


@dataclass(frozen=True)
class Finding:
    """One finding: ``code`` is the KPI's code (the objective's for ``too-many-kpis``), ``rule`` one of
    :data:`RULES`, ``message`` says what was found and why it matters, ``suggestion`` what to do."""

    code: str
    rule: str
    message: Msg
    suggestion: Msg

    def as_json(self, lang: str = "en") -> dict[str, str]:
        """The CLI's JSON object: code, rule, message, suggestion (texts in ``lang``)."""
        return {"code": self.code, "rule": self.rule, "message": self.message.text(lang),
                "suggestion": self.suggestion.text(lang)}


@dataclass(frozen=True)
class QualityReport:
    """All findings, in KPI order, plus what the summary line needs."""

    findings: tuple[Finding, ...]
    kpi_count: int
    kpis_flagged: tuple[str, ...]  # KPI codes with at least one finding, in KPI order
    objectives_flagged: tuple[str, ...]  # objective codes with a finding (too-many-kpis)

    def of(self, code: str) -> list[Finding]:
        """The findings about one KPI (or objective)."""
        return [f for f in self.findings if f.code == code]

    def by_rule(self) -> dict[str, int]:
        """How many findings each rule gave (rules without findings left out), in :data:`RULES` order."""
        counts = {r: sum(1 for f in self.findings if f.rule == r) for r in RULES}
        return {r: n for r, n in counts.items() if n}

    def summary(self) -> Msg:
        """"7 of 22 indicators need attention" (plus objectives with too many KPIs)."""
        n, total = len(self.kpis_flagged), self.kpi_count
        m = msg("kpi_quality.summary", "{n} of {t} indicators need attention.",
                "{n} dari {t} indikator perlu diperhatikan.", n=n, t=total)
        if self.objectives_flagged:
            objs = ", ".join(self.objectives_flagged)
            extra = msg("kpi_quality.summary_objectives", " Objectives with too many KPIs: {o}.",
                        " Sasaran dengan IKU terlalu banyak: {o}.", o=objs)
            m = Msg(m.code, m.en + extra.en, m.id + extra.id)
        return m

    def as_json(self, lang: str = "en") -> dict[str, object]:
        """``{"findings": [...], "summary": ..., "kpis": n, "need_attention": n, "by_rule": {...}}``."""
        return {"findings": [f.as_json(lang) for f in self.findings], "summary": self.summary().text(lang),
                "kpis": self.kpi_count, "need_attention": len(self.kpis_flagged), "by_rule": self.by_rule()}


# ---- helpers --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[\w%]+", text.casefold())


def _names(k: KPI) -> list[tuple[str, str]]:
    """(language, name) pairs that are filled in."""
    return [(lang, name) for lang, name in (("en", k.name_en), ("id", k.name_id)) if name.strip()]


def _fmt(value: float, lang: str = "en") -> str:
    """A value quoted back in a finding, in the language's number style (:func:`scorecard.display.echo`)."""
    return display.echo(value, lang)


def name_similarity(a: str, b: str) -> float:
    """Dice score (0..1) of the names' words after dropping small words; a word matches another when
    their difflib ratio is >= 0.85 (a typo), each word used once."""
    wa = [w for w in _words(a) if w not in _STOP]
    wb = [w for w in _words(b) if w not in _STOP]
    if not wa or not wb:
        return 0.0
    free = list(wb)
    matched = 0
    for w in wa:
        best = max(free, key=lambda x: difflib.SequenceMatcher(None, w, x).ratio(), default=None)
        if best is not None and difflib.SequenceMatcher(None, w, best).ratio() >= _WORD_MATCH:
            matched += 1
            free.remove(best)
    return 2 * matched / (len(wa) + len(wb))


def _f(code: str, rule: str, en: str, id_: str, fix_en: str, fix_id: str, **params: object) -> Finding:
    key = rule.replace("-", "_")
    return Finding(code, rule, msg(f"kpi_quality.{key}", en, id_, **params),
                   msg(f"kpi_quality.{key}_fix", fix_en, fix_id, **params))


# ---- rules, one function each ------------------------------------------------------------------


def _activity(k: KPI) -> Finding | None:
    for _lang, name in _names(k):
        words = _words(name)
        if not words:
            continue
        first = words[0]
        after = words[1] if len(words) > 1 else ""
        if first in ACTIVITY_WORDS and after not in _MEASURE_AFTER:
            return _f(k.code, "activity-not-result",
                      'The name "{n}" starts with "{w}": it describes an activity or a task, not a result. '
                      "An office can do it perfectly and still achieve nothing.",
                      'Nama "{n}" diawali "{w}": nama ini menggambarkan kegiatan atau tugas, bukan hasil. '
                      "Kegiatan bisa terlaksana sempurna tanpa menghasilkan apa pun.",
                      "Name what changes because of the activity, with a number: for example "
                      '"Percentage of complaints resolved within 5 days" instead of "Handle complaints".',
                      "Rumuskan apa yang berubah karena kegiatan itu, dalam angka: misalnya "
                      '"Persentase pengaduan yang selesai dalam 5 hari" bukan "Menangani pengaduan".',
                      n=name, w=first)
        counts = bool(_COUNT_WORDS & set(words)) or bool(_PER_YEAR.search(name.casefold()))
        if counts and _ACTIVITY_NOUNS & set(words):
            return _f(k.code, "activity-not-result",
                      'The name "{n}" counts activities (meetings, events), not what they achieve.',
                      'Nama "{n}" menghitung kegiatan (rapat, acara), bukan apa yang dicapainya.',
                      "Measure the effect of the activities: for example the share of meeting decisions "
                      "carried out on time.",
                      "Ukur dampak kegiatannya: misalnya persentase keputusan rapat yang dilaksanakan tepat waktu.",
                      n=name)
    return None


def _no_unit(k: KPI) -> Finding | None:
    if k.unit.strip():
        return None
    return _f(k.code, "no-unit", "The KPI has no unit, so a reader cannot tell what its numbers mean.",
              "IKU ini tidak punya satuan, sehingga pembaca tidak tahu arti angkanya.",
              "Fill in the unit on the KPIs sheet (%, Rp, days, count ...).",
              "Isi satuan pada lembar IKU (%, Rp, hari, kali ...).")


def _unit_mismatch(sc: Scorecard, k: KPI) -> Finding | None:
    unit = k.unit.strip().casefold()
    values = [v for m in sc.measurements if m.kpi == k.code for v in (m.target, m.actual) if v is not None]
    if not unit or not values:
        return None
    fit_en = fit_id = ""
    names = " | ".join(n.casefold() for _, n in _names(k))
    if unit in _PERCENT_UNITS:
        if all(0 < abs(v) < 1 for v in values):
            fit_en = "every value lies between 0 and 1, which looks like fractions (0.85) rather than percent (85)"
            fit_id = "semua nilai di antara 0 dan 1, tampaknya pecahan (0,85) bukan persen (85)"
        elif any(v > 100 for v in values) and any(names.startswith(w) or f"| {w}" in names for w in _SHARE_WORDS):
            fit_en = "a share cannot exceed 100 %, but a value is {mx}"
            fit_id = "persentase bagian tidak mungkin lebih dari 100%, tetapi ada nilai {mx_id}"
    elif unit in _COUNT_UNITS and any(v < 0 or not float(v).is_integer() for v in values):
        fit_en = "a count is a whole number of at least 0, but a value is {odd}"
        fit_id = "jumlah adalah bilangan bulat minimal 0, tetapi ada nilai {odd_id}"
    elif unit.startswith("rp") and "/" not in unit and any(0 < abs(v) < 1 for v in values):
        fit_en = "an amount in rupiah below Rp 1 ({odd}) suggests the value was typed in another scale"
        fit_id = "nilai rupiah di bawah Rp 1 ({odd_id}) menandakan angka diketik dengan skala lain"
    if not fit_en:
        return None
    odd = next((v for v in values if v < 0 or not float(v).is_integer()), values[0])
    return _f(k.code, "unit-mismatch", 'The unit "{u}" does not fit the values: ' + fit_en + ".",
              'Satuan "{u}" tidak cocok dengan nilainya: ' + fit_id + ".",
              "Check the unit and how the values were typed (percent as 85, not 0.85; money in full rupiah).",
              "Periksa satuan dan cara mengetik nilainya (persen sebagai 85, bukan 0,85; uang dalam rupiah penuh).",
              u=k.unit, mx=_fmt(max(values)), odd=_fmt(odd), mx_id=_fmt(max(values), "id"), odd_id=_fmt(odd, "id"))


def _manual_gaps(sc: Scorecard, k: KPI) -> list[Finding]:
    man = sc.manual(k.code)
    out = []
    if man is None or not man.formula.strip():
        out.append(_f(k.code, "no-formula", "The KPI manual gives no formula: two people may compute it differently.",
                      "Manual IKU tidak memuat rumus: dua orang bisa menghitungnya secara berbeda.",
                      "Write the formula in the KPI manual (e.g. complaints resolved / complaints received x 100).",
                      "Tuliskan rumusnya di Manual IKU (mis. pengaduan selesai / pengaduan masuk x 100)."))
    if man is None or not man.data_source.strip():
        out.append(_f(k.code, "no-data-source", "The KPI manual names no data source: the value cannot be checked.",
                      "Manual IKU tidak menyebut sumber data: nilainya tidak bisa diperiksa.",
                      "Name the data source in the KPI manual (register, application, report and who keeps it).",
                      "Sebutkan sumber datanya di Manual IKU (buku register, aplikasi, laporan dan pemegangnya)."))
    return out


def _targets(sc: Scorecard, k: KPI) -> list[Finding]:
    equal: list[str] = []
    easy: list[str] = []
    easy_id: list[str] = []
    for period in sc.periods():
        m = sc.measurement(k.code, period)
        if m is None or m.target is None:
            continue
        base = baseline_for(sc, k, period)
        if base is None:
            continue
        if abs(m.target - base) <= 1e-9 * max(1.0, abs(base)):
            equal.append(period)
        elif (m.target < base) if k.direction == "higher" else (m.target > base):
            easy.append(f"{period} ({_fmt(m.target)} vs {_fmt(base)})")
            easy_id.append(f"{period} ({_fmt(m.target, 'id')} vs {_fmt(base, 'id')})")
    out = []
    if equal:
        out.append(_f(k.code, "target-equals-baseline",
                      "The target equals the baseline (the previous result) in {p}: no improvement is asked for.",
                      "Target sama dengan baseline (capaian sebelumnya) pada {p}: tidak ada perbaikan yang diminta.",
                      "Set a target that asks for progress, or write down why holding the level is the goal.",
                      "Tetapkan target yang menuntut kemajuan, atau catat mengapa mempertahankan capaian adalah "
                      "tujuannya.", p=", ".join(equal)))
    if easy:
        out.append(_f(k.code, "trivially-met",
                      "The target is worse than the baseline (already achieved before the period began) in {p}.",
                      "Target lebih buruk dari baseline (sudah tercapai sebelum periode dimulai) pada {p_id}.",
                      "Raise the ambition: a target should be at least the level already reached.",
                      "Naikkan target: target minimal setara capaian yang sudah diraih.", p="; ".join(easy),
                      p_id="; ".join(easy_id)))
    return out


def _orphan(sc: Scorecard, k: KPI, linked: set[str]) -> Finding | None:
    if not any(o.code == k.objective for o in sc.objectives):
        return _f(k.code, "orphan", 'Its objective "{o}" does not exist, so no objective needs this KPI.',
                  'Sasarannya "{o}" tidak ada, sehingga tidak ada sasaran yang membutuhkan IKU ini.',
                  "Attach the KPI to an existing objective, or remove it.",
                  "Pasangkan IKU ini ke sasaran yang ada, atau hapus.", o=k.objective)
    if sc.links and k.objective not in linked:
        return _f(k.code, "orphan",
                  'Its objective "{o}" has no arrow on the strategy map: nothing shows which result it serves.',
                  'Sasarannya "{o}" tidak punya panah di peta strategi: tidak terlihat hasil apa yang didukungnya.',
                  "Draw the cause-and-effect arrow from or to this objective, or drop the KPI.",
                  "Gambar panah sebab-akibat dari atau ke sasaran ini, atau hapus IKU-nya.", o=k.objective)
    return None


def _pairs(sc: Scorecard) -> list[Finding]:
    """duplicate-name and identical-data, one finding on each KPI of a pair."""
    out: list[Finding] = []
    series: dict[str, tuple] = {}
    for k in sc.kpis:
        rows = sorted((m.period, m.target, m.actual) for m in sc.measurements if m.kpi == k.code
                      and (m.target is not None or m.actual is not None))
        series[k.code] = tuple(rows)
    for a, b in itertools.combinations(sc.kpis, 2):
        for lang, na in _names(a):
            nb = b.name_en if lang == "en" else b.name_id
            if nb.strip() and name_similarity(na, nb) >= DUPLICATE_THRESHOLD:
                for me, other, mine, theirs in ((a, b, na, nb), (b, a, nb, na)):
                    out.append(_f(me.code, "duplicate-name",
                                  'The name "{n}" is nearly the same as {o} "{m}": the two may measure one thing '
                                  "twice (and take its weight twice).",
                                  'Nama "{n}" hampir sama dengan {o} "{m}": keduanya mungkin mengukur hal yang sama '
                                  "dua kali (dan mendapat bobotnya dua kali).",
                                  "Merge the two KPIs, or rename them so the difference is clear.",
                                  "Gabungkan kedua IKU, atau ganti namanya agar perbedaannya jelas.",
                                  n=mine, o=other.code, m=theirs))
                break
        values = {v for row in series[a.code] for v in row[1:] if v is not None}
        if len(values) > 1 and series[a.code] == series[b.code]:
            for me, other in ((a, b), (b, a)):
                out.append(_f(me.code, "identical-data",
                              "Its targets and actuals are exactly those of {o} in every period.",
                              "Target dan realisasinya persis sama dengan {o} di setiap periode.",
                              "Check that the right values were copied; if both KPIs measure one thing, keep one.",
                              "Periksa apakah nilainya tersalin dengan benar; bila keduanya mengukur hal yang sama, "
                              "pertahankan satu.", o=other.code))
    return out


def _too_many(sc: Scorecard) -> list[Finding]:
    out = []
    for o in sc.objectives:
        n = len(sc.kpis_of(o.code))
        if n > MAX_KPIS_PER_OBJECTIVE:
            out.append(_f(o.code, "too-many-kpis",
                          "Objective {o} has {n} KPIs: a workshop must compare {p} pairs (n(n-1)/2), against 21 for "
                          "7; beyond about seven items judgments stop being consistent.",
                          "Sasaran {o} punya {n} IKU: lokakarya harus membandingkan {p} pasangan (n(n-1)/2), "
                          "dibanding 21 untuk 7; lebih dari sekitar tujuh butir, penilaian tidak lagi konsisten.",
                          "Keep the few KPIs that best show the objective's result (at most {mx}), or split the "
                          "objective.",
                          "Pertahankan sedikit IKU yang paling menunjukkan hasil sasaran (paling banyak {mx}), atau "
                          "pecah sasarannya.", o=o.code, n=n, p=n * (n - 1) // 2, mx=MAX_KPIS_PER_OBJECTIVE))
    return out


# ---- the check ----------------------------------------------------------------------------------


def check_kpis(sc: Scorecard) -> QualityReport:
    """Every finding about the scorecard's KPIs (see the module docstring for the rules).

    Findings come per KPI in KPI order (rules in :data:`RULES` order), then per objective.
    """
    linked = {c for link in sc.links for c in (link.cause, link.effect)}
    per: dict[str, list[Finding]] = {k.code: [] for k in sc.kpis}
    for k in sc.kpis:
        per[k.code] += [f for f in (_activity(k), _no_unit(k), _unit_mismatch(sc, k)) if f is not None]
        per[k.code] += _manual_gaps(sc, k)
        per[k.code] += _targets(sc, k)
        orphan = _orphan(sc, k, linked)
        if orphan is not None:
            per[k.code].append(orphan)
    for f in _pairs(sc):
        per.setdefault(f.code, []).append(f)
    order = {r: i for i, r in enumerate(RULES)}
    findings: list[Finding] = []
    for k in sc.kpis:
        findings += sorted(per[k.code], key=lambda f: order[f.rule])
    objective_findings = _too_many(sc)
    findings += objective_findings
    flagged = tuple(k.code for k in sc.kpis if per[k.code])
    return QualityReport(tuple(findings), len(sc.kpis), flagged,
                         tuple(dict.fromkeys(f.code for f in objective_findings)))

"""The scorecard model: perspectives, objectives, KPIs, periods, judgments, links and settings.

Conventions
-----------
* The hierarchy is Scorecard -> Perspective -> Objective -> KPI (METHOD.md §1).
* Node ids for pairwise judgments: :data:`ROOT` for the scorecard (its children are the
  perspectives), a perspective's ``key`` (children: its objectives), an objective's ``code``
  (children: its KPIs).
* A judgment ``(node, a, b) -> v`` means: child ``a`` is ``v`` times as important as child ``b``
  (Saaty scale 1/9..9), i.e. ``A[a][b] = v`` in the node's matrix.
* Percent KPIs hold percentage points (35.73 means 35.73 %). Money is in the scorecard's
  currency units (rupiah in the demo).
* Periods are canonical labels ("2010", "2010-Q1", "2010-03") ordered by :func:`Scorecard.periods`.

The model is plain data (dataclasses). Rules live elsewhere: AHP in :mod:`scorecard.method.ahp`,
weights through the hierarchy in :mod:`scorecard.method.weights`, OMAX in :mod:`scorecard.method.omax`,
traffic lights in :mod:`scorecard.method.lights`, scoring in :mod:`scorecard.method.scoring`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from scorecard import display
from scorecard.messages import Msg, Problem, Report, msg

ROOT = "Scorecard"


def root_title(lang: str = "en") -> str:
    """What people see for the top judgment node (:data:`ROOT`), the same on every page and export."""
    return "Perspektif (tingkat teratas)" if lang == "id" else "Perspectives (top level)"

Direction = Literal["higher", "lower"]
PriorityMethod = Literal["eigen", "approx", "geometric"]
RatioUse = Literal["numerator", "denominator", "quotient", "percent"]

PrimaryView = Literal["omax", "capaian"]

PRIORITY_METHODS: tuple[str, ...] = ("eigen", "approx", "geometric")
PRIMARY_VIEWS: tuple[str, ...] = ("omax", "capaian")
RI_TABLE_NAMES: tuple[str, ...] = ("saaty", "alonso-lamata")
CR_POLICIES: tuple[str, ...] = ("fixed", "by-size")


@dataclass
class Perspective:
    """A Balanced Scorecard perspective. ``key`` is its stable id (the English name by default)."""

    key: str
    name_en: str
    name_id: str

    def name(self, lang: str = "en") -> str:
        return self.name_id if lang == "id" and self.name_id else self.name_en


@dataclass
class Objective:
    """A strategic objective (code such as ``C3``) inside a perspective (by key)."""

    code: str
    perspective: str
    name_en: str
    name_id: str = ""

    def name(self, lang: str = "en") -> str:
        return self.name_id if lang == "id" and self.name_id else self.name_en


@dataclass
class KPI:
    """A key performance indicator.

    ``worst`` is the worst plausible value (OMAX level 0) in the KPI's unit.
    ``ratio_use`` says what to score when an actual is typed as a ratio "a/b".
    ``scale_words`` makes the KPI qualitative (ordinal): its words ordered worst to best, e.g.
    ``("TW", "TMP", "WDP", "WTP")`` for BPK audit opinions or ``("D", "C", "CC", "B", "BB", "A", "AA")`` for
    SAKIP grades. Targets and actuals of such a KPI are stored as ranks 1..n (1 = the worst word), so
    OMAX and capaian (:mod:`scorecard.method.capaian`) work on the rank; the workbook shows the words.
    """

    code: str
    objective: str
    name_en: str
    name_id: str = ""
    unit: str = ""
    direction: Direction = "higher"
    worst: float | None = None
    ratio_use: RatioUse = "numerator"
    scale_words: tuple[str, ...] = ()

    def name(self, lang: str = "en") -> str:
        return self.name_id if lang == "id" and self.name_id else self.name_en

    def word_of(self, value: float | None) -> str:
        """For a qualitative KPI (``scale_words`` set): the word of a rank 1..n, else ``""``."""
        if not self.scale_words or value is None or not float(value).is_integer():
            return ""
        i = int(value)
        return self.scale_words[i - 1] if 1 <= i <= len(self.scale_words) else ""


@dataclass
class Measurement:
    """Target and actual of one KPI in one period, in the KPI's unit.

    ``baseline`` optionally overrides the default OMAX level-3 value (the previous period's
    actual). ``actual_text`` keeps the value exactly as the user typed it, for display.
    ``target_min`` / ``target_max`` give a range target (both set): capaian is 100 inside the range
    (METHOD §7); ``target`` stays the OMAX level-8 value.
    """

    kpi: str
    period: str
    target: float | None = None
    actual: float | None = None
    baseline: float | None = None
    actual_text: str = ""
    numerator: float | None = None
    denominator: float | None = None
    target_min: float | None = None
    target_max: float | None = None


@dataclass
class Anchor:
    """A custom OMAX anchor: ``value`` at ``level`` (0..10) for one KPI.

    ``period`` None means every period. Custom anchors replace the default anchor at the same
    level; default anchors at other levels stay (METHOD §3).
    """

    kpi: str
    level: int
    value: float
    period: str | None = None
    note: str = ""


@dataclass
class Link:
    """A strategy-map arrow from a cause objective to an effect objective (codes)."""

    cause: str
    effect: str


@dataclass
class Note:
    """Root cause and improvement action for a KPI in a period (for red and yellow KPIs).

    ``narrative`` is the story behind the number for any KPI, whatever its light: context such as
    "the new tax office opened in March" (not only what went wrong and what to do about it).
    """

    kpi: str
    period: str
    root_cause: str = ""
    action: str = ""
    owner: str = ""
    due: str = ""
    narrative: str = ""


@dataclass
class KpiManual:
    """A KPI's record sheet ("Manual IKU"): what it means, how it is computed, who answers for it.

    Keyed by the KPI's ``code`` (at most one manual per KPI). The unit is the KPI's own
    :attr:`KPI.unit` (one home); frequencies are free text ("tahunan", "quarterly", ...).
    ``owner`` is the person or unit that reports the value; ``verifier`` the person who checks it
    (the only one who may mark a value verified, see :mod:`scorecard.store.verification`).
    """

    kpi: str
    definition: str = ""
    purpose: str = ""
    formula: str = ""
    data_source: str = ""
    measure_frequency: str = ""
    review_frequency: str = ""
    owner: str = ""
    verifier: str = ""

    def is_empty(self) -> bool:
        """True when nothing but the KPI code is filled in."""
        return not any(getattr(self, f) for f in MANUAL_FIELDS)


#: The text fields of a :class:`KpiManual`, in the order of the record sheet.
MANUAL_FIELDS: tuple[str, ...] = ("definition", "purpose", "formula", "data_source", "measure_frequency",
                                  "review_frequency", "owner", "verifier")


class PredikatBand(NamedTuple):
    """One predikat band: capaian >= ``lower`` (percent) gets this label, up to the next band's lower bound.

    ``colour`` is a hex colour ("#1A9850"). Stored in :class:`Settings` as a plain tuple."""

    lower: float
    label_id: str
    label_en: str
    colour: str


@dataclass(frozen=True)
class PredikatPreset:
    """A named set of predikat bands and where it comes from (shown to users next to the bands).

    Only presets with a real, named source belong here (METHOD §7); the rule that applies bands is
    :func:`scorecard.method.capaian.predikat`."""

    name: str
    source_en: str
    source_id: str
    bands: tuple[PredikatBand, ...]

    def source(self, lang: str = "en") -> str:
        return self.source_id if lang == "id" else self.source_en


PREDIKAT_PRESETS: dict[str, PredikatPreset] = {
    "kabupaten-5": PredikatPreset(
        "kabupaten-5",
        "Five bands one Kabupaten uses in its LKjIP (Kab. Sampang, as recorded in the project's reference notes): "
        "91-100 Sangat Baik, 76-90 Baik, 66-75 Cukup, 51-65 Kurang, <= 50 Sangat Kurang. Colours are ours.",
        "Lima predikat yang dipakai satu Kabupaten dalam LKjIP-nya (Kab. Sampang, menurut catatan rujukan "
        "proyek): 91-100 Sangat Baik, 76-90 Baik, 66-75 Cukup, 51-65 Kurang, <= 50 Sangat Kurang. Warna dari kami.",
        (PredikatBand(91.0, "Sangat Baik", "Very good", "#1B7837"),
         PredikatBand(76.0, "Baik", "Good", "#91CF60"),
         PredikatBand(66.0, "Cukup", "Fair", "#FEE08B"),
         PredikatBand(51.0, "Kurang", "Poor", "#FC8D59"),
         PredikatBand(0.0, "Sangat Kurang", "Very poor", "#C62828")),
    ),
}
CUSTOM_PRESET = "custom"


@dataclass
class Settings:
    """Scorecard settings (METHOD §2, §4, §7). Light thresholds are levels: red < ``yellow_from``,
    green >= ``green_from``.

    Capaian (METHOD §7, :mod:`scorecard.method.capaian`): ``capaian_cap`` is the cap in percent (floor 0);
    ``predikat_preset`` names a preset of bands with a stated source (``"custom"``: ``predikat_bands``);
    ``predikat_bands`` are (lower, label_id, label_en, colour) tuples, empty = the preset's bands;
    ``primary_view`` says which reading the screens show first: the OMAX level or capaian.
    """

    priority_method: PriorityMethod = "eigen"
    ri_table: str = "saaty"
    cr_policy: str = "fixed"
    yellow_from: float = 4.0
    green_from: float = 8.0
    locale: Literal["id", "en"] = "id"
    capaian_cap: float = 120.0
    predikat_preset: str = "kabupaten-5"
    predikat_bands: tuple[tuple[float, str, str, str], ...] = ()
    primary_view: PrimaryView = "omax"
    #: The import mapping (JSON of :class:`scorecard.io.table_import.Mapping`) when the scorecard was
    #: imported from an office's own table; "" otherwise. Lets next year's file import in one click.
    import_mapping: str = ""


@dataclass
class Scorecard:
    """A whole scorecard. ``judgments`` maps node id -> {(a, b): value} (see module docstring)."""

    name: str
    perspectives: list[Perspective] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    kpis: list[KPI] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    judgments: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    organisation: str = ""
    manuals: list[KpiManual] = field(default_factory=list)

    # ---- navigation -------------------------------------------------------------------------
    def copy(self) -> Scorecard:
        """A deep copy (edits on the copy never touch the original)."""
        return copy.deepcopy(self)

    def perspective(self, key: str) -> Perspective:
        return next(p for p in self.perspectives if p.key == key)

    def objective(self, code: str) -> Objective:
        return next(o for o in self.objectives if o.code == code)

    def kpi(self, code: str) -> KPI:
        return next(k for k in self.kpis if k.code == code)

    def objectives_of(self, perspective: str) -> list[Objective]:
        return [o for o in self.objectives if o.perspective == perspective]

    def kpis_of(self, objective: str) -> list[KPI]:
        return [k for k in self.kpis if k.objective == objective]

    def perspective_of_kpi(self, code: str) -> str:
        return self.objective(self.kpi(code).objective).perspective

    def children(self, node: str) -> list[str]:
        """Ids of the children of a judgment node (ROOT, a perspective key or an objective code)."""
        if node == ROOT:
            return [p.key for p in self.perspectives]
        if any(p.key == node for p in self.perspectives):
            return [o.code for o in self.objectives_of(node)]
        if any(o.code == node for o in self.objectives):
            return [k.code for k in self.kpis_of(node)]
        raise KeyError(node)

    def nodes(self) -> list[str]:
        """Every judgment node, top down: ROOT, perspectives, objectives."""
        return [ROOT] + [p.key for p in self.perspectives] + [o.code for o in self.objectives]

    def node_label(self, node: str, lang: str = "en") -> str:
        """A readable name for any node or child id."""
        if node == ROOT:
            return root_title(lang)
        for p in self.perspectives:
            if p.key == node:
                return p.name(lang)
        for o in self.objectives:
            if o.code == node:
                return f"{o.code} {o.name(lang)}"
        for k in self.kpis:
            if k.code == node:
                return f"{k.code} {k.name(lang)}"
        return node

    def periods(self) -> list[str]:
        """Period labels present in the measurements, in time order."""
        from scorecard.io.numbers import parse_period  # local import: numbers is a leaf module

        labels = {m.period for m in self.measurements}
        return sorted(labels, key=lambda lab: parse_period(lab).sort_key)

    def measurement(self, kpi: str, period: str) -> Measurement | None:
        for m in self.measurements:
            if m.kpi == kpi and m.period == period:
                return m
        return None

    def set_measurement(self, m: Measurement) -> None:
        """Insert or replace the measurement of (m.kpi, m.period)."""
        for i, old in enumerate(self.measurements):
            if old.kpi == m.kpi and old.period == m.period:
                self.measurements[i] = m
                return
        self.measurements.append(m)

    def anchors_for(self, kpi: str, period: str) -> dict[int, float]:
        """Custom anchors of a KPI that apply in ``period`` (period-specific ones win)."""
        out: dict[int, float] = {}
        for a in self.anchors:
            if a.kpi == kpi and a.period is None:
                out[a.level] = a.value
        for a in self.anchors:
            if a.kpi == kpi and a.period == period:
                out[a.level] = a.value
        return out

    def note(self, kpi: str, period: str) -> Note | None:
        for n in self.notes:
            if n.kpi == kpi and n.period == period:
                return n
        return None

    def manual(self, kpi: str) -> KpiManual | None:
        """The KPI manual of ``kpi`` (None when it has none)."""
        return next((m for m in self.manuals if m.kpi == kpi), None)

    def set_manual(self, manual: KpiManual) -> None:
        """Insert or replace the manual of ``manual.kpi``."""
        for i, old in enumerate(self.manuals):
            if old.kpi == manual.kpi:
                self.manuals[i] = manual
                return
        self.manuals.append(manual)

    def set_judgment(self, node: str, a: str, b: str, value: float) -> None:
        """Record "a is ``value`` times as important as b" under ``node``, replacing (a,b) or (b,a)."""
        pairs = self.judgments.setdefault(node, {})
        pairs.pop((b, a), None)
        pairs[(a, b)] = float(value)


# ---- validation ---------------------------------------------------------------------------------

def _err(code: str, en: str, id_: str, fix: Msg | None = None, **params: object) -> Problem:
    return Problem("error", msg(code, en, id_, **params), fix)


def _warn(code: str, en: str, id_: str, **params: object) -> Problem:
    return Problem("warning", msg(code, en, id_, **params))


def validate(sc: Scorecard) -> Report:
    """Check the model's structure and return every problem found (nothing is changed).

    Errors make scoring meaningless (duplicate codes, codes that differ only in case, a KPI under
    an unknown objective, a bad direction, judgments that name unknown children, links to unknown
    objectives). Warnings are worth showing but do not block (an objective without KPIs, a missing
    worst value, a target of 0 on a higher-is-better KPI, and OMAX scales whose anchors are out of
    order: worst value at or beyond the target, baseline at or beyond the target; see
    :func:`_validate_scales`).
    """
    rep = Report()
    seen: set[str] = set()
    for p in sc.perspectives:
        if p.key in seen:
            rep.add(_err("model.duplicate", 'Perspective "{k}" appears twice.',
                         'Perspektif "{k}" muncul dua kali.', k=p.key))
        seen.add(p.key)
    pkeys = {p.key for p in sc.perspectives}
    ocodes: set[str] = set()
    for o in sc.objectives:
        if o.code in ocodes:
            rep.add(_err("model.duplicate", 'Objective code "{k}" appears twice.',
                         'Kode sasaran "{k}" muncul dua kali.', k=o.code))
        ocodes.add(o.code)
        if o.perspective not in pkeys:
            rep.add(_err("model.unknown_parent", 'Objective "{o}" names perspective "{p}", which does not exist.',
                         'Sasaran "{o}" menyebut perspektif "{p}" yang tidak ada.', o=o.code, p=o.perspective))
    kcodes: set[str] = set()
    for k in sc.kpis:
        if k.code in kcodes:
            rep.add(_err("model.duplicate", 'KPI code "{k}" appears twice.',
                         'Kode IKU "{k}" muncul dua kali.', k=k.code))
        kcodes.add(k.code)
        if k.objective not in ocodes:
            rep.add(_err("model.unknown_parent", 'KPI "{k}" names objective "{o}", which does not exist.',
                         'IKU "{k}" menyebut sasaran "{o}" yang tidak ada.', k=k.code, o=k.objective))
        if k.direction not in ("higher", "lower"):
            rep.add(_err("model.direction", 'KPI "{k}": direction must be "higher" or "lower".',
                         'IKU "{k}": arah harus "higher" (makin tinggi makin baik) atau "lower".', k=k.code))
        if k.worst is None and not any(a.kpi == k.code and a.level == 0 for a in sc.anchors):
            rep.add(_warn("model.no_worst", 'KPI "{k}" has no worst value (OMAX level 0); it cannot be scored.',
                          'IKU "{k}" belum punya nilai terburuk (level 0 OMAX); IKU ini belum bisa dinilai.',
                          k=k.code))
    for p in sc.perspectives:
        if not sc.objectives_of(p.key):
            rep.add(_warn("model.empty", 'Perspective "{p}" has no objectives.',
                          'Perspektif "{p}" belum punya sasaran.', p=p.key))
    for o in sc.objectives:
        if not sc.kpis_of(o.code):
            rep.add(_warn("model.empty", 'Objective "{o}" has no KPIs; it gets no weight in the index.',
                          'Sasaran "{o}" belum punya IKU; sasaran ini tidak ikut dalam indeks.', o=o.code))
    for node, pairs in sc.judgments.items():
        try:
            kids = set(sc.children(node))
        except KeyError:
            rep.add(_err("model.judgment_node", 'Judgments are given for "{n}", which is not in the hierarchy.',
                         'Ada perbandingan untuk "{n}", yang tidak ada dalam hierarki.', n=node))
            continue
        for a, b in pairs:
            for c in (a, b):
                if c not in kids:
                    rep.add(_err("model.judgment_child", 'Judgment under "{n}" names "{c}", which is not one of its '
                                 'children.', 'Perbandingan di bawah "{n}" menyebut "{c}", yang bukan anggotanya.',
                                 n=node, c=c))
    for link in sc.links:
        for c in (link.cause, link.effect):
            if c not in ocodes:
                rep.add(_err("model.link", 'Strategy-map link {a} -> {b} names unknown objective "{c}".',
                             'Panah peta strategi {a} -> {b} menyebut sasaran "{c}" yang tidak ada.',
                             a=link.cause, b=link.effect, c=c))
    _validate_case(sc, rep)
    _validate_scales(sc, rep)
    s = sc.settings
    if s.priority_method not in PRIORITY_METHODS:
        rep.add(_err("settings.method", 'Unknown priority method "{m}" (use eigen, approx or geometric).',
                     'Metode prioritas "{m}" tidak dikenal (pakai eigen, approx atau geometric).',
                     m=s.priority_method))
    if s.ri_table not in RI_TABLE_NAMES:
        rep.add(_err("settings.ri", 'Unknown RI table "{m}" (use saaty or alonso-lamata).',
                     'Tabel RI "{m}" tidak dikenal (pakai saaty atau alonso-lamata).', m=s.ri_table))
    if s.cr_policy not in CR_POLICIES:
        rep.add(_err("settings.policy", 'Unknown CR policy "{m}" (use fixed or by-size).',
                     'Kebijakan CR "{m}" tidak dikenal (pakai fixed atau by-size).', m=s.cr_policy))
    if s.primary_view not in PRIMARY_VIEWS:
        rep.add(_err("settings.primary_view", 'Unknown primary view "{m}" (use omax or capaian).',
                     'Tampilan utama "{m}" tidak dikenal (pakai omax atau capaian).', m=s.primary_view))
    if s.predikat_preset not in PREDIKAT_PRESETS and s.predikat_preset != CUSTOM_PRESET:
        rep.add(_err("settings.predikat_preset", 'Unknown predikat preset "{m}" (use {opts}).',
                     'Preset predikat "{m}" tidak dikenal (pakai {opts}).', m=s.predikat_preset,
                     opts=", ".join([*PREDIKAT_PRESETS, CUSTOM_PRESET])))
    if s.predikat_preset == CUSTOM_PRESET and not s.predikat_bands:
        rep.add(_err("settings.predikat_bands", 'The predikat preset is "custom" but no bands are given.',
                     'Preset predikat "custom" tetapi rentang predikat belum diisi.'))
    if not s.capaian_cap >= 100:
        rep.add(_err("settings.capaian_cap", "The capaian cap must be at least 100 % (found {c}).",
                     "Batas atas capaian minimal 100 % (tertulis {c}).", c=s.capaian_cap))
    for k in sc.kpis:
        if len(set(k.scale_words)) != len(k.scale_words):
            rep.add(_err("model.scale_words", 'KPI "{k}": a word appears twice in its scale.',
                         'IKU "{k}": ada kata yang muncul dua kali dalam skalanya.', k=k.code))
    if not (0 <= s.yellow_from < s.green_from <= 10):
        rep.add(_err("settings.thresholds", "Light thresholds must satisfy 0 <= yellow_from < green_from <= 10.",
                     "Ambang lampu harus memenuhi 0 <= kuning_mulai < hijau_mulai <= 10."))
    for t in (s.yellow_from, s.green_from):
        if round(t, 2) != t:  # levels are shown cut to 2 decimals (scorecard.display): a finer threshold
            rep.add(_err("settings.threshold_decimals",  # could sit between a shown level and its value
                         "Light threshold {t} has more than 2 decimals; levels are shown with 2, so use e.g. {r}.",
                         "Ambang lampu {t_id} memiliki lebih dari 2 desimal; level ditampilkan dengan 2 desimal, "
                         "jadi pakai misalnya {r_id}.", t=repr(t), r=display.number(t, "en", 2),
                         t_id=repr(t).replace(".", ","), r_id=display.number(t, "id", 2)))
    return rep


def _validate_case(sc: Scorecard, rep: Report) -> None:
    """Objective and KPI codes that differ only in case ("C1b" and "c1b") are one code typed twice."""
    for kind_en, kind_id, codes in (("Objective", "sasaran", [o.code for o in sc.objectives]),
                                    ("KPI", "IKU", [k.code for k in sc.kpis])):
        first: dict[str, str] = {}
        for code in codes:
            other = first.setdefault(code.casefold(), code)
            if other != code:
                rep.add(_err("model.case_duplicate", '{kind} code "{k}" differs from "{o}" only in case: they would be '
                             "read as two different items.", 'Kode {kind_id} "{k}" hanya berbeda huruf besar/kecil dari '
                             '"{o}": keduanya akan dibaca sebagai dua hal berbeda.', kind=kind_en, kind_id=kind_id,
                             k=code, o=other))


def _validate_scales(sc: Scorecard, rep: Report) -> None:
    """Each KPI's OMAX anchors per period in order (the same anchors :mod:`scorecard.method.omax`
    builds: 10 = target, 3 = baseline or the previous period's actual, 0 = worst, custom anchors
    replacing them), so a bad scale is found by validation and not only while scoring.
    """
    from scorecard.io.numbers import parse_period, previous_period  # a leaf module

    periods = {lab: parse_period(lab) for lab in {m.period for m in sc.measurements}}
    by_kpi: dict[str, dict[str, Measurement]] = {}
    for m in sc.measurements:
        by_kpi.setdefault(m.kpi, {})[m.period] = m
    for k in sc.kpis:
        if k.direction not in ("higher", "lower"):
            continue
        rows = by_kpi.get(k.code, {})
        for label, m in sorted(rows.items(), key=lambda kv: periods[kv[0]].sort_key):
            if m.target is None:
                continue
            if k.direction == "higher" and m.target == 0:
                rep.add(_warn("model.zero_target", 'KPI "{k}", period "{p}": the target is 0 on a higher-is-better '
                              "KPI, so every actual meets it.", 'IKU "{k}", periode "{p}": target 0 pada IKU makin '
                              "tinggi makin baik, sehingga setiap realisasi memenuhinya.", k=k.code, p=label))
            prev = previous_period(periods[label], [periods[x] for x in rows])
            baseline = m.baseline if m.baseline is not None else (
                rows[prev.label].actual if prev is not None else None)
            if m.actual is not None:
                _check_magnitude(sc, k, label, m.actual, m.target, baseline, rep)
            anchors: dict[int, float] = {10: m.target}
            if baseline is not None:
                anchors[3] = baseline
            if k.worst is not None:
                anchors[0] = k.worst
            custom = sc.anchors_for(k.code, label)
            anchors.update(custom)
            better = (lambda a, b: a > b) if k.direction == "higher" else (lambda a, b: a < b)
            levels = sorted(anchors)
            pairs = list(zip(levels, levels[1:], strict=False))
            if 0 in anchors and 10 in anchors and not better(anchors[10], anchors[0]):
                pairs = [(0, 10)]  # the worst value at or beyond the target says most: report it first
            for lo, hi in pairs:
                if better(anchors[hi], anchors[lo]):
                    continue
                params = {"k": k.code, "p": label, "lo": lo, "hi": hi,
                          "vlo": display.localized(anchors[lo]), "vhi": display.localized(anchors[hi])}
                if (lo, hi) == (0, 10):
                    rep.add(_warn("model.worst_beyond_target", 'KPI "{k}", period "{p}": the worst value ({vlo}) is '
                                  "at or beyond the target ({vhi}).", 'IKU "{k}", periode "{p}": nilai terburuk '
                                  "({vlo}) sama dengan atau melampaui target ({vhi}).", **params))
                elif (lo, hi) == (3, 10) and 3 not in custom and 10 not in custom:
                    rep.add(_warn("model.baseline_beyond_target", 'KPI "{k}", period "{p}": the baseline (level 3 = '
                                  "{vlo}) is at or beyond the target ({vhi}); scoring falls back to a straight "
                                  "line.", 'IKU "{k}", periode "{p}": baseline (level 3 = {vlo}) sama dengan atau '
                                  "melampaui target ({vhi}); penilaian memakai garis lurus.", **params))
                elif lo == 0:
                    rep.add(_warn("model.worst_beyond_target", 'KPI "{k}", period "{p}": the worst value ({vlo}) is '
                                  "not worse than level {hi} ({vhi}).", 'IKU "{k}", periode "{p}": nilai terburuk '
                                  "({vlo}) tidak lebih buruk daripada level {hi} ({vhi}).", **params))
                else:
                    rep.add(_warn("model.anchors_out_of_order", 'KPI "{k}", period "{p}": level {hi} ({vhi}) is not '
                                  "better than level {lo} ({vlo}); the scale is out of order.",
                                  'IKU "{k}", periode "{p}": level {hi} ({vhi}) tidak lebih baik daripada level {lo} '
                                  "({vlo}); urutan skala salah.", **params))
                break


def _check_magnitude(sc: Scorecard, k: KPI, period: str, actual: float, target: float | None,
                     previous: float | None, rep: Report) -> None:
    """A % actual about 100x or 1/100 of its target (else of the previous actual): "did you mean ...?"."""
    from scorecard.io.numbers import magnitude_slip  # a leaf module

    for ref in (target, previous):
        fixed = magnitude_slip(actual, ref, k.unit) if ref else None
        if fixed is None:
            continue
        shown = {"a": display.localized(actual, None, "%"), "r": display.localized(ref, None, "%"),
                 "f": display.localized(fixed, None, "%")}
        rep.add(_warn("model.magnitude", 'KPI "{k}", period "{p}": the actual {a} is far from {what_en} {r}: did you '
                      "mean {f}?", 'IKU "{k}", periode "{p}": realisasi {a} jauh dari {what_id} {r}: maksudnya {f}?',
                      k=k.code, p=period, what_en="its target" if ref is target else "the previous actual",
                      what_id="targetnya" if ref is target else "realisasi sebelumnya", **shown))
        return
# ---- cascading (METHOD §8): a tree of scorecards, cascade links and employees' SKP --------------

#: How a parent KPI's actual follows from the KPIs that support it (see :mod:`scorecard.method.cascade`).
ContributionRule = Literal["sum", "average", "weighted", "minimum", "latest", "alignment"]
CONTRIBUTION_RULES: tuple[str, ...] = ("sum", "average", "weighted", "minimum", "latest", "alignment")


@dataclass
class Unit:
    """One node of a cascade tree: the office (``parent`` None) or a unit (bidang, seksi, UPT) under
    ``parent`` (a unit code). Each unit holds a full scorecard with its own weights, scales and lights."""

    code: str
    name: str
    scorecard: Scorecard
    parent: str | None = None
    name_en: str = ""

    def label(self, lang: str = "en") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass
class CascadeLink:
    """Unit ``unit``'s KPI or objective ``item`` supports ``target`` (a KPI or objective code) in the
    unit one level up. ``rule`` says how the target KPI's actual follows from its supporters
    ("alignment": not at all, the parent keeps its own data); ``weight`` is used by "weighted"."""

    unit: str
    item: str
    target: str
    rule: ContributionRule = "alignment"
    weight: float = 1.0


@dataclass
class SkpIndicator:
    """One row of an employee's SKP (sasaran kinerja pegawai) in one period.

    ``plan`` is the rencana hasil kerja, ``indicator`` its indikator kinerja (in ``measure``, e.g.
    "dokumen", "%"), ``target`` and ``actual`` (realisasi) in that measure. ``supports`` is the code
    of the KPI of ``unit`` this indicator supports, contributing to its actual by ``rule`` (like a
    :class:`CascadeLink`). ``employee`` is the person's id (NIP), ``person`` the name shown."""

    unit: str
    employee: str
    person: str
    code: str
    plan: str
    indicator: str
    period: str
    target: float | None = None
    actual: float | None = None
    measure: str = ""
    direction: Direction = "higher"
    supports: str = ""
    rule: ContributionRule = "alignment"
    weight: float = 1.0


@dataclass
class ScorecardTree:
    """A cascade: an office scorecard, its units' scorecards (any depth), links and SKP rows."""

    name: str
    units: list[Unit] = field(default_factory=list)
    links: list[CascadeLink] = field(default_factory=list)
    skp: list[SkpIndicator] = field(default_factory=list)

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    def root(self) -> Unit:
        """The office: the one unit without a parent."""
        return next(u for u in self.units if u.parent is None)

    def children(self, code: str) -> list[Unit]:
        return [u for u in self.units if u.parent == code]

    def ancestors(self, code: str) -> list[str]:
        """Codes of the units above ``code``, nearest first (stops on a cycle)."""
        by = {u.code: u for u in self.units}
        out: list[str] = []
        cur = by.get(code)
        while cur is not None and cur.parent is not None and cur.parent not in out and cur.parent != code:
            out.append(cur.parent)
            cur = by.get(cur.parent)
        return out

    def subtree(self, code: str) -> list[str]:
        """``code`` and every unit below it, top down."""
        out = [code]
        i = 0
        while i < len(out):
            out += [u.code for u in self.units if u.parent == out[i] and u.code not in out]
            i += 1
        return out

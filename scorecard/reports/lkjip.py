"""The LKjIP "Pengukuran Kinerja" report of one period as an editable Word document (METHOD §7).

:func:`lkjip_report` gathers the data (pure Python, also used by the Excel report's sheet);
:func:`build_lkjip_docx` writes it with python-docx:

1. a title block and a **summary** (Ringkasan): NKO and its predikat, the OMAX performance index and
   its light, per perspective NKO, predikat, subtotal and light, how KPIs without a capaian were
   treated, and the source of the predikat bands;
2. per perspective and sasaran (objective): the **Pengukuran Kinerja table** (No, Indikator Kinerja,
   Satuan, Target, Realisasi, Capaian %, Predikat, Level OMAX) with a row of column numbers as LKjIPs
   print it; the **comparison with up to four earlier periods** of the same kind (realisasi and
   capaian); a **chart** of target vs realisasi over those periods (matplotlib, Agg backend, PNG in
   memory, one image per sasaran); and the period's notes as **Analisis penyebab** (root causes) and
   **Solusi / rencana tindak lanjut** (actions, owner, due date).

Everything is real Word tables and paragraphs (offices paste it into their own LKjIP). Numbers are
written in the language's style: Indonesian ``1.234,56``, English ``1,234.56`` (money without decimals,
others at most 2 decimals); a qualitative KPI shows its words. Capaian rules: :mod:`scorecard.method.capaian`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from scorecard import display
from scorecard.io.numbers import parse_period
from scorecard.method import lights
from scorecard.method.capaian import PRESETS, NkoResult, bands_of, nko
from scorecard.method.scoring import PeriodScore, actual_of, score_period
from scorecard.method.weights import compute_weights
from scorecard.model import KPI, Measurement, Scorecard
from scorecard.reports import docx_tables as tables
from scorecard.reports.evidence_status import EvidenceInputs
from scorecard.reports.kpi_manual import add_report_appendix

__all__ = ["LkjipReport", "lkjip_report", "build_lkjip_docx", "HEADERS", "earlier_periods"]

MAX_EARLIER = 4
#: Tables of at most this many rows are kept on one page (moved whole rather than split).
_KEEP_TOGETHER = 15

# key -> (Indonesian, English)
_T: dict[str, tuple[str, str]] = {
    "title": ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "GOVERNMENT AGENCY PERFORMANCE REPORT (LKjIP)"),
    "subtitle": ("Pengukuran Kinerja Periode {p}", "Performance Measurement, Period {p}"),
    "summary": ("Ringkasan Capaian Kinerja", "Performance Summary"),
    "nko": ("Nilai Kinerja Organisasi (NKO)", "Organisation performance value (NKO)"),
    "index": ("Indeks kinerja OMAX (0-10)", "OMAX performance index (0-10)"),
    "predikat": ("Predikat", "Predikat"),
    "predikat_light": ("Predikat / lampu", "Predikat / light"),
    "perspective": ("Perspektif", "Perspective"),
    "weight": ("Bobot", "Weight"),
    "subtotal": ("Subtotal OMAX", "OMAX subtotal"),
    "light": ("Lampu", "Light"),
    "bands": ("Sumber predikat: {s}", "Source of the predikat bands: {s}"),
    "custom_bands": ("Predikat ditetapkan sendiri oleh instansi: {b}.", "Predikat bands set by the office: {b}."),
    "rule": ("Capaian: realisasi / target x 100 (makin tinggi makin baik); (2 - realisasi / target) x 100 "
             "(makin rendah makin baik, kondisi khusus); dibatasi 0-{cap} %. NKO = jumlah bobot global AHP x capaian.",
             "Capaian: realisasi / target x 100 (higher is better); (2 - realisasi / target) x 100 (lower is better, "
             "\"kondisi khusus\"); kept within 0-{cap} %. NKO = sum of global AHP weight x capaian."),
    "chapter": ("Pengukuran Kinerja per Sasaran Strategis", "Performance Measurement by Strategic Objective"),
    "sasaran": ("Sasaran Strategis {c}: {n}", "Strategic objective {c}: {n}"),
    "table_caption": ("Tabel {i}. Pengukuran kinerja sasaran {c}, periode {p}",
                      "Table {i}. Performance measurement of objective {c}, period {p}"),
    "compare": ("Perbandingan realisasi dan capaian dengan periode sebelumnya",
                "Realisasi and capaian compared with earlier periods"),
    "no_earlier": ("Belum ada data periode sebelumnya.", "There is no data of earlier periods."),
    "chart": ("Grafik {i}. Target dan realisasi sasaran {c}", "Chart {i}. Target and realisasi of objective {c}"),
    "cause": ("Analisis penyebab", "Analysis of causes"),
    "action": ("Solusi / rencana tindak lanjut", "Solutions / follow-up plan"),
    "no_notes": ("Belum ada catatan untuk periode ini.", "No notes for this period yet."),
    "owner": ("penanggung jawab: {o}", "owner: {o}"),
    "due": ("tenggat: {d}", "due: {d}"),
    "target": ("Target", "Target"),
    "realisasi": ("Realisasi", "Realisasi"),
    "capaian": ("Capaian", "Capaian"),
    "no_capaian": ("Tanpa capaian: {m}", "No capaian: {m}"),
    "org": ("Instansi", "Office"),
    "scorecard": ("Kartu skor", "Scorecard"),
}

#: Column headers of the Pengukuran Kinerja table (Indonesian, English).
HEADERS: tuple[tuple[str, str], ...] = (
    ("No", "No"), ("Indikator Kinerja", "Performance indicator"), ("Satuan", "Unit"), ("Target", "Target"),
    ("Realisasi", "Realisasi"), ("Capaian (%)", "Capaian (%)"), ("Predikat", "Predikat"),
    ("Level OMAX", "OMAX level"),
)

_UNITS: dict[str, tuple[str, str]] = {
    "count": ("kali", "count"), "days": ("hari", "days"), "hours": ("jam", "hours"), "minutes": ("menit", "minutes"),
    "months": ("bulan", "months"), "weeks": ("minggu", "weeks"), "years": ("tahun", "years"),
    "Rp/employee": ("Rp/pegawai", "Rp/employee"),
}


def _t(key: str, lang: str, **params: object) -> str:
    pair = _T[key]
    return (pair[0] if lang == "id" else pair[1]).format(**params)


def unit_text(kpi: KPI, lang: str) -> str:
    """The KPI's unit as people read it in ``lang`` ("days" -> "hari")."""
    unit = kpi.unit.strip()
    pair = _UNITS.get(unit)
    return (pair[0] if lang == "id" else pair[1]) if pair else unit


def value_text(kpi: KPI, value: float | None, lang: str) -> str:
    """A target or realisasi as :func:`scorecard.display.value` writes it (the unit is in its own column),
    or the word of a qualitative KPI."""
    word = kpi.word_of(value)
    return word or display.value(value, kpi.unit, lang, with_unit=False)


def pct_text(value: float | None, lang: str) -> str:
    """A capaian for a column headed "Capaian (%)": cut to 2 decimals as :func:`scorecard.display.capaian`,
    without the "%" ("98,59")."""
    if value is None:
        return display.MISSING
    return display.number(display.cut(value, display.CAPAIAN_DECIMALS), lang, display.CAPAIAN_DECIMALS)


def level_text(value: float | None, lang: str) -> str:
    """An OMAX level or the index: :func:`scorecard.display.level` (cut to 2 decimals, "7,88")."""
    return display.level(value, lang)


def earlier_periods(sc: Scorecard, period: str, n: int = MAX_EARLIER) -> list[str]:
    """Up to ``n`` periods of the same kind (year, quarter, month) before ``period``, oldest first."""
    kind = parse_period(period).kind
    before = [p for p in sc.periods() if parse_period(p).kind == kind]
    before = before[:before.index(period)] if period in before else []
    return before[-n:]


# ---- the data -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LkjipRow:
    """One indicator in the Pengukuran Kinerja table, with its history for the comparison and chart."""

    no: int
    code: str
    name: str
    unit: str
    target: str
    realisasi: str
    capaian: float | None
    capaian_text: str
    predikat: str
    colour: str
    level: float | None
    level_text: str
    light: str
    history: tuple[tuple[str, str, str], ...]  # (period, realisasi, capaian) for earlier periods + this one
    series: tuple[tuple[str, float | None, float | None], ...]  # (period, target, realisasi) numbers
    cause: str
    action: str
    no_capaian: str = ""
    lower_is_better: bool = False
    scale_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class LkjipSasaran:
    code: str
    name: str
    rows: list[LkjipRow]


@dataclass(frozen=True)
class LkjipPerspective:
    key: str
    name: str
    weight: float
    nko: float | None
    predikat: str
    colour: str
    subtotal: float
    light: str
    sasaran: list[LkjipSasaran] = field(default_factory=list)


@dataclass(frozen=True)
class LkjipReport:
    """Everything the LKjIP document (and the Excel sheet) shows for one period."""

    lang: str
    scorecard: str
    organisation: str
    period: str
    earlier: tuple[str, ...]
    nko: float | None
    nko_predikat: str
    nko_colour: str
    nko_note: str
    index: float
    light: str
    perspectives: list[LkjipPerspective]
    bands_source: str
    rule: str

    @property
    def rows(self) -> list[LkjipRow]:
        return [r for p in self.perspectives for s in p.sasaran for r in s.rows]


def _label(band: object, lang: str) -> str:
    if band is None:
        return ""
    return band.label_id if lang == "id" else band.label_en  # type: ignore[attr-defined]


def lkjip_report(sc: Scorecard, period: str, lang: str = "id") -> LkjipReport:
    """Gather the LKjIP data of ``period`` in ``lang`` ("id" or "en")."""
    lang = "id" if lang == "id" else "en"
    w = compute_weights(sc)
    ps: PeriodScore = score_period(sc, period, w)
    result: NkoResult = nko(sc, period, w)
    earlier = earlier_periods(sc, period)
    past = {p: nko(sc, p, w).capaian for p in earlier}
    meas: dict[tuple[str, str], Measurement] = {(m.kpi, m.period): m for m in sc.measurements}
    bands = bands_of(sc.settings)
    persps: list[LkjipPerspective] = []
    no = 0
    for p in sc.perspectives:
        g, pn = ps.perspective(p.key), result.perspective(p.key)
        sas: list[LkjipSasaran] = []
        for o in sc.objectives_of(p.key):
            rows: list[LkjipRow] = []
            for k in sc.kpis_of(o.code):
                no += 1
                m = meas.get((k.code, period))
                c = result.capaian[k.code]
                ks = ps.kpi(k.code)
                hist = []
                series = []
                for q in [*earlier, period]:
                    mq = meas.get((k.code, q))
                    cq = past[q][k.code] if q in past else c
                    hist.append((q, value_text(k, actual_of(k, mq), lang), pct_text(cq.value, lang)))
                    series.append((q, mq.target if mq else None, actual_of(k, mq)))
                note = sc.note(k.code, period)
                action = ""
                if note is not None and note.action:
                    extra = [x for x in (note.owner and _t("owner", lang, o=note.owner),
                                         note.due and _t("due", lang, d=note.due)) if x]
                    action = note.action + (f" ({'; '.join(extra)})" if extra else "")
                band = c.predikat
                shown = level_text(ks.level, lang)
                rows.append(LkjipRow(
                    no, k.code, k.name(lang), unit_text(k, lang), value_text(k, m.target if m else None, lang),
                    value_text(k, actual_of(k, m), lang), c.value, pct_text(c.value, lang), _label(band, lang),
                    band.colour if band else "", ks.level, f"{shown} {lights.label(ks.light, lang)}", ks.light,
                    tuple(hist), tuple(series), note.root_cause if note else "", action,
                    c.message.text(lang) if c.message and c.value is None else "", k.direction == "lower",
                    k.scale_words))
            sas.append(LkjipSasaran(o.code, o.name(lang), rows))
        persps.append(LkjipPerspective(p.key, p.name(lang), g.weight, pn.nko, _label(pn.predikat, lang),
                                       pn.predikat.colour if pn.predikat else "", g.subtotal, g.light, sas))
    s = sc.settings
    if s.predikat_bands:
        shown = "; ".join(f"{_label(b, lang)} >= {display.number(b.lower, lang)}" for b in bands)
        source = _t("custom_bands", lang, b=shown)
    else:
        source = _t("bands", lang, s=PRESETS[s.predikat_preset].source(lang) if s.predikat_preset in PRESETS
                    else PRESETS["kabupaten-5"].source(lang))
    return LkjipReport(
        lang, sc.name, sc.organisation, period, tuple(earlier), result.nko, _label(result.predikat, lang),
        result.predikat.colour if result.predikat else "", result.note.text(lang) if result.note else "",
        ps.index, ps.light, persps, source, _t("rule", lang, cap=display.number(s.capaian_cap, lang)))


# ---- the chart ------------------------------------------------------------------------------------

def sasaran_chart(sas: LkjipSasaran, lang: str) -> bytes:
    """PNG bytes: per indicator of the sasaran, target (dashed line, hollow squares) and realisasi (bars)
    over the periods. Matplotlib's Agg backend: no display and no browser needed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    n = max(1, len(sas.rows))
    fig, axes = plt.subplots(1, n, figsize=(2.3 * n + 0.9, 2.5), dpi=150, squeeze=False)
    loc = "id" if lang == "id" else "en"
    fmt = FuncFormatter(lambda x, _pos: _short(x, loc))
    for ax, row in zip(axes[0], sas.rows, strict=False):
        periods = [q for q, _, _ in row.series]
        xs = list(range(len(periods)))
        real = [a if a is not None else 0.0 for _, _, a in row.series]
        ax.bar(xs, real, width=0.55, color="#4C78A8", label=_t("realisasi", lang), zorder=2)
        tx = [(x, t) for x, (_, t, _) in zip(xs, row.series, strict=True) if t is not None]
        if tx:
            ax.plot([x for x, _ in tx], [t for _, t in tx], linestyle="--", marker="s", markerfacecolor="white",
                    color="#D55E00", linewidth=1.5, label=_t("target", lang), zorder=3)
        ax.set_xticks(xs, periods, fontsize=7)
        if row.scale_words:  # a qualitative KPI: its words on the axis, worst at the bottom
            ax.set_yticks(range(1, len(row.scale_words) + 1), row.scale_words)
            ax.set_ylim(0, len(row.scale_words) + 0.5)
        else:
            ax.yaxis.set_major_formatter(fmt)
        ax.tick_params(axis="y", labelsize=7)
        arrow = "↓" if row.lower_is_better else "↑"
        ax.set_title((f"{row.code} ({row.unit}) {arrow}" if row.unit else f"{row.code} {arrow}"), fontsize=8)
        ax.grid(axis="y", color="#DDDDDD", zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize=7, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _short(x: float, locale: str) -> str:
    """Axis numbers: 52.3 M / 1,2 jt style for big values, else plain."""
    big = (("T", 1e12), ("M", 1e9), ("jt", 1e6)) if locale == "id" else (("T", 1e12), ("B", 1e9), ("M", 1e6))
    for word, size in big:
        if abs(x) >= size:
            return f"{display.number(x / size, locale)} {word}"
    return display.number(x, locale)


# ---- the document ---------------------------------------------------------------------------------

def _set(cell, text: str, *, bold: bool = False, align: str | None = None, size: float = 9) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.text = ""
    par = cell.paragraphs[0]
    run = par.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if align == "right":
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _compare_widths(k: int, total_cm: float) -> list[float]:
    """Columns of the comparison table for ``k`` periods: the indicator (7 cm, down to 3.8 cm when the periods
    need the room), then ``k`` realisasi columns (3.3 cm: "51.561.555.515" on one line) and ``k`` capaian
    columns (2.2 cm); with more periods than fit, capaian keeps 1.8 cm (the word "Capaian" at 8 pt) and
    realisasi gets the rest."""
    per = 3.3 + 2.2
    first = min(7.0, max(3.8, total_cm - k * per))
    if first + k * per <= total_cm:
        return [first] + [3.3] * k + [2.2] * k
    each = (total_cm - first) / k  # 5 periods on A4 landscape: 2.66 cm (money at 8 pt) and 1.8 cm ("Capaian")
    return [first] + [each - 1.8] * k + [1.8] * k


def _table(doc, header: list[str], rows: list[list[str]], widths_cm: list[float], numbers_from: int = 3,
           header_rows: int = 1, size: float = 9, center: tuple[int, ...] = ()):
    """A table with a shaded bold header row repeated on every page, rows that never split across a page,
    columns of these widths (scaled to the page's text width) and numbers right-aligned from column
    ``numbers_from`` (words such as predikat and lights centred: columns ``center``). ``header_rows`` > 1 also repeats the first body rows (the "(1) (2) ..." row)."""
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for i, h in enumerate(header):
        _set(t.rows[0].cells[i], h, bold=True, align="center", size=size)
        tables.shade(t.rows[0].cells[i], tables.HEADER_FILL)
    for row in rows:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            _set(cells[i], v, align="center" if i in center else "right" if i >= numbers_from else None, size=size)
    tables.set_widths(t, widths_cm, tables.text_width_cm(doc.sections[-1]))
    tables.repeat_header(t, header_rows)
    tables.no_split(t, keep_together=len(t.rows) <= _KEEP_TOGETHER)
    return t


def build_lkjip_docx(sc: Scorecard, period: str, lang: str = "id", *, evidence: EvidenceInputs | None = None,
                     appendix: bool = True) -> bytes:
    """The LKjIP document of ``period`` as ``.docx`` bytes (see the module docstring).

    With ``appendix`` (default) it ends with the period's narratives, the evidence and verification
    status (when ``evidence`` is given) and the KPI manual (:func:`scorecard.reports.kpi_manual.add_report_appendix`)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    rep = lkjip_report(sc, period, lang)
    lang = rep.lang
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.8))
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"LKjIP {rep.scorecard} {period}"
    doc.core_properties.author = "scorecard"

    title = doc.add_heading(_t("title", lang), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(_t("subtitle", lang, p=period))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for key, value in (("org", rep.organisation), ("scorecard", rep.scorecard)):
        if value:
            par = doc.add_paragraph(f"{_t(key, lang)}: {value}")
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # summary
    doc.add_heading(_t("summary", lang), level=1)
    summary = _table(doc, ["", _t("predikat_light", lang)], [
        [f"{_t('nko', lang)}: {display.capaian(rep.nko, lang)}", rep.nko_predikat or "—"],
        [f"{_t('index', lang)}: {level_text(rep.index, lang)}", lights.label(rep.light, lang)],
    ], [14.0, 6.0], numbers_from=9, center=(1,))
    if rep.nko_colour:
        tables.shade(summary.rows[1].cells[1], rep.nko_colour, ink=True, bold=True)
    doc.add_paragraph()
    per = _table(doc, [_t("perspective", lang), _t("weight", lang), "NKO (%)", _t("predikat", lang),
                       _t("subtotal", lang), _t("light", lang)],
                 [[p.name, display.weight(p.weight, lang), pct_text(p.nko, lang), p.predikat or "—",
                   display.points(p.subtotal, lang), lights.label(p.light, lang)]
                  for p in rep.perspectives], [7.5, 2.5, 2.5, 3.5, 3.0, 3.5], numbers_from=1, center=(3, 5))
    for i, p in enumerate(rep.perspectives, start=1):
        if p.colour:
            tables.shade(per.rows[i].cells[3], p.colour, ink=True, bold=True)
    for text in (rep.nko_note, rep.rule, rep.bands_source):
        if text:
            par = doc.add_paragraph(text)
            par.runs[0].font.size = Pt(8.5)
            par.paragraph_format.space_before = Pt(3)

    # per perspective and sasaran
    doc.add_heading(_t("chapter", lang), level=1)
    widths = [1.0, 7.8, 2.2, 3.2, 3.2, 2.0, 3.1, 3.0]  # 25.5 cm of the 26.1 cm between the margins
    n_table = n_chart = 0
    for p in rep.perspectives:
        doc.add_heading(f"{_t('perspective', lang)} {p.name}", level=2)
        for s in p.sasaran:
            if not s.rows:
                continue
            doc.add_heading(_t("sasaran", lang, c=s.code, n=s.name), level=3)
            n_table += 1
            cap = doc.add_paragraph(_t("table_caption", lang, i=n_table, c=s.code, p=period))
            cap.runs[0].italic = True
            cap.paragraph_format.keep_with_next = True  # the caption stays with its table
            header = [h[0] if lang == "id" else h[1] for h in HEADERS]
            body = [[str(r.no), f"{r.code} {r.name}", r.unit, r.target, r.realisasi, r.capaian_text,
                     r.predikat or "—", r.level_text] for r in s.rows]
            t = _table(doc, header, [[f"({i})" for i in range(1, 9)], *body], widths, header_rows=2, center=(6,))
            for c in t.rows[1].cells:
                c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for i, r in enumerate(s.rows, start=2):
                if r.colour:
                    tables.shade(t.rows[i].cells[6], r.colour, ink=True, bold=True)
            missing = [r.no_capaian if r.no_capaian.startswith(r.code) else f"{r.code}: {r.no_capaian}"
                       for r in s.rows if r.no_capaian]
            if missing:
                par = doc.add_paragraph(_t("no_capaian", lang, m=" ".join(missing)))
                par.runs[0].font.size = Pt(8.5)
                par.paragraph_format.space_before = Pt(3)

            head = doc.add_paragraph(_t("compare", lang))
            head.runs[0].bold = True
            head.paragraph_format.space_before = Pt(6)
            head.paragraph_format.keep_with_next = True
            if rep.earlier:
                periods = [q for q, _, _ in s.rows[0].history]
                hdr = [HEADERS[1][0 if lang == "id" else 1]] + [f"{_t('realisasi', lang)} {q}" for q in periods] + \
                    [f"{_t('capaian', lang)} {q} (%)" for q in periods]
                rows = [[f"{r.code} {r.name}"] + [h[1] for h in r.history] + [h[2] for h in r.history]
                        for r in s.rows]
                _table(doc, hdr, rows, _compare_widths(len(periods), tables.text_width_cm(sec)), numbers_from=1,
                       size=9 if len(periods) <= 3 else 8)
            else:
                doc.add_paragraph(_t("no_earlier", lang))

            n_chart += 1
            doc.add_picture(io.BytesIO(sasaran_chart(s, lang)), width=Cm(min(25.0, 5.0 * len(s.rows) + 2.0)))
            pic = doc.paragraphs[-1].paragraph_format
            pic.space_before, pic.keep_with_next = Pt(8), True  # clear of the table above, with its caption
            cap = doc.add_paragraph(_t("chart", lang, i=n_chart, c=s.code))
            cap.runs[0].italic = True

            for key, attr in (("cause", "cause"), ("action", "action")):
                doc.add_paragraph(_t(key, lang)).runs[0].bold = True
                items = [(r.code, getattr(r, attr)) for r in s.rows if getattr(r, attr)]
                if not items:
                    doc.add_paragraph(_t("no_notes", lang))
                for code, text in items:
                    doc.add_paragraph(f"{code}: {text}", style="List Bullet")
    if appendix:
        add_report_appendix(doc, sc, period, lang, evidence)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

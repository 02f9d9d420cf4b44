"""The briefing PDF for the head of office: the presenter screens as A4 landscape pages, large type.

Pages (matplotlib's ``PdfPages``: pure Python, no browser, fonts embedded as TrueType so the text can
be searched and copied):

1. **Index and lights**: the OMAX performance index with its light, NKO and its predikat, and per
   perspective its status level, light, NKO and predikat;
2. **Strategy map**: objectives in perspective bands (the same layout as the app's map,
   :mod:`scorecard.charts.map`, drawn by :func:`scorecard.reports.map_picture.draw_map`), boxes coloured by
   status light with the light's symbol and level;
3. **Heatmap**: KPIs x the last (up to five) periods of the same kind, each cell the level with its
   symbol, coloured by light;
4. **Red and yellow KPIs** (red first, lowest level first), each with its level, light and capaian, its
   narrative (``Note.narrative``), the follow-up note's root cause, action, owner and due date (a missing
   one shows as "— (not written yet)": a gap to see), and, when the caller passes
   :class:`~scorecard.reports.evidence_status.EvidenceInputs`, its evidence count and verification
   (:func:`~scorecard.reports.evidence_status.kpi_evidence`, "0 — no evidence" in red). Long texts are
   cut to a few lines with "…" (the Word report has them whole); blocks are never split across pages,
   and there are as many pages as needed (:func:`paginate`).

Type: titles 26 pt, KPI names 18 pt, body 14 pt on an A4 landscape page, so that a projected page reads
from the back of a meeting room and a printed one at arm's length.

Colour is never the only signal: every light carries its symbol and word from
:mod:`scorecard.method.lights` (■ red, ▲ yellow, ● green).
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from scorecard import display
from scorecard.method import lights
from scorecard.method.capaian import NkoResult, ink_on, nko
from scorecard.method.scoring import PeriodScore, score_period
from scorecard.method.weights import compute_weights
from scorecard.model import Scorecard
from scorecard.reports.evidence_status import EvidenceInputs, kpi_evidence
from scorecard.reports.lkjip import earlier_periods, level_text
from scorecard.reports.map_picture import draw_map

__all__ = ["build_briefing_pdf", "briefing_pngs", "action_blocks", "action_summary", "paginate", "PAGE_SIZE"]

#: A4 landscape in inches.
PAGE_SIZE = (11.69, 8.27)
MAX_PERIODS = 5
#: Bold text on a light's fill is at least this size: WCAG "large text" (14 pt bold), for which 3:1 is enough
#: (white on the red and green fills of :data:`scorecard.method.lights.STYLES` is 3.9:1 and 3.4:1).
LARGE_PT = 14.0

_T: dict[str, tuple[str, str]] = {
    "title": ("Ringkasan Kinerja", "Performance Briefing"),
    "index": ("Indeks kinerja (OMAX, 0-10)", "Performance index (OMAX, 0-10)"),
    "nko": ("NKO (capaian tertimbang)", "NKO (weighted capaian)"),
    "perspective": ("Perspektif", "Perspective"),
    "level": ("Level", "Level"),
    "light": ("Lampu", "Light"),
    "predikat": ("Predikat", "Predikat"),
    "map": ("Peta strategi", "Strategy map"),
    "heatmap": ("Peta panas level OMAX per IKU", "Heatmap of OMAX levels per KPI"),
    "actions": ("IKU merah dan kuning", "Red and yellow KPIs"),
    "none_red": ("Tidak ada IKU merah atau kuning.", "No red or yellow KPIs."),
    "narrative": ("Narasi", "Narrative"),
    "cause": ("Penyebab", "Root cause"),
    "action": ("Tindakan", "Action"),
    "owner": ("Penanggung jawab", "Owner"),
    "due": ("Tenggat", "Due"),
    "evidence": ("Bukti dukung", "Evidence"),
    "missing": ("— (belum diisi)", "— (not written yet)"),
    "counts": ("{r} merah, {y} kuning", "{r} red, {y} yellow"),
    "no_action": ("{n} tanpa tindakan", "{n} without an action"),
    "no_evidence": ("{n} tanpa bukti dukung", "{n} without evidence"),
    "page": ("halaman {i} dari {n}", "page {i} of {n}"),
    "legend": ("■ merah: perlu tindakan segera   ▲ kuning: perlu perhatian   ● hijau: tercapai",
               "■ red: needs action first   ▲ yellow: needs attention   ● green: achieved"),
}


def _t(key: str, lang: str, **params: object) -> str:
    pair = _T[key]
    return (pair[0] if lang == "id" else pair[1]).format(**params)


def _num(x: float | None, lang: str) -> str:
    """A capaian or NKO: :func:`scorecard.display.capaian` ("85,59 %")."""
    return display.capaian(x, lang)


def _band_label(result: NkoResult, key: str | None, lang: str) -> str:
    band = result.predikat if key is None else result.perspective(key).predikat
    if band is None:
        return "—"
    return band.label_id if lang == "id" else band.label_en


def _header(fig, sc: Scorecard, period: str, title: str, lang: str, extra: str = "") -> None:
    fig.text(0.04, 0.955, title, fontsize=26, fontweight="bold", va="top")
    fig.text(0.04, 0.885, " · ".join(x for x in (sc.name, period, extra) if x), fontsize=14, va="top",
             color="#475467")
    fig.text(0.04, 0.025, _t("legend", lang), fontsize=11, color="#344054")


def _index_page(fig, sc: Scorecard, ps: PeriodScore, result: NkoResult, lang: str) -> None:
    from matplotlib.patches import FancyBboxPatch

    st = lights.STYLES[ps.light]
    ax = fig.add_axes((0.04, 0.55, 0.44, 0.28))
    ax.set_axis_off()
    ax.add_patch(FancyBboxPatch((0, 0), 1, 1, boxstyle="round,pad=0,rounding_size=0.05", color=st.fill))
    ax.text(0.5, 0.8, _t("index", lang), ha="center", fontsize=16, color=st.ink)
    ax.text(0.5, 0.42, level_text(ps.index, lang), ha="center", va="center", fontsize=60, fontweight="bold", color=st.ink)
    ax.text(0.5, 0.1, lights.label(ps.light, lang), ha="center", fontsize=20, color=st.ink)
    ax2 = fig.add_axes((0.52, 0.55, 0.44, 0.28))
    ax2.set_axis_off()
    colour = result.predikat.colour if result.predikat else "#EAECF0"
    ax2.add_patch(FancyBboxPatch((0, 0), 1, 1, boxstyle="round,pad=0,rounding_size=0.05", color=colour))
    ink = ink_on(colour)
    ax2.text(0.5, 0.8, _t("nko", lang), ha="center", fontsize=16, color=ink)
    ax2.text(0.5, 0.42, _num(result.nko, lang), ha="center", va="center",
             fontsize=54, fontweight="bold", color=ink)
    ax2.text(0.5, 0.1, _band_label(result, None, lang), ha="center", fontsize=20, color=ink)
    # perspectives
    table = fig.add_axes((0.04, 0.07, 0.92, 0.44))
    table.set_axis_off()
    cols = (0.0, 0.43, 0.53, 0.71)
    heads = (_t("perspective", lang), _t("level", lang), _t("light", lang), "NKO · " + _t("predikat", lang))
    for x, h in zip(cols, heads, strict=True):
        table.text(x, 0.95, h, fontsize=15, fontweight="bold", color="#475467", va="center")
    n = len(sc.perspectives)
    step = 0.85 / max(n, 1)
    for i, p in enumerate(sc.perspectives):
        y = 0.83 - i * step
        g = ps.perspective(p.key)
        pn = result.perspective(p.key)
        s = lights.STYLES[g.light]
        table.text(cols[0], y, textwrap.shorten(p.name(lang), 34, placeholder="…"), fontsize=18, va="center")
        table.text(cols[1], y, level_text(g.level, lang), fontsize=20, va="center")
        table.text(cols[2], y, lights.label(g.light, lang), fontsize=18, va="center", color=s.ink,
                   bbox={"boxstyle": "round,pad=0.35", "facecolor": s.fill, "edgecolor": "none"})
        table.text(cols[3], y, f"{_num(pn.nko, lang)} · {_band_label(result, p.key, lang)}", fontsize=17,
                   va="center")
        table.axhline(y - step / 2, color="#EAECF0", linewidth=1)


def _map_page(fig, sc: Scorecard, ps: PeriodScore, lang: str) -> None:
    draw_map(fig.add_axes((0.02, 0.06, 0.96, 0.78)), sc, ps, lang)


def _heatmap_page(fig, sc: Scorecard, scores: dict[str, PeriodScore], periods: list[str], lang: str) -> None:
    from matplotlib.patches import Rectangle

    ax = fig.add_axes((0.04, 0.06, 0.92, 0.79))
    ax.set_axis_off()
    n = len(sc.kpis)
    cols = len(periods)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, n + 1)
    left = 0.52
    w = (1 - left) / max(cols, 1)
    size = 12 if n <= 24 else max(6, 12 * 24 / n)
    for j, q in enumerate(periods):
        ax.text(left + (j + 0.5) * w, n + 0.5, q, ha="center", va="center", fontsize=size + 2, fontweight="bold")
    for i, k in enumerate(sc.kpis):
        y = n - i - 0.5
        ax.text(0, y, f"{k.code}  {textwrap.shorten(k.name(lang), 52, placeholder='…')}", va="center",
                fontsize=size)
        for j, q in enumerate(periods):
            ks = scores[q].kpi(k.code)
            st = lights.STYLES[ks.light]
            ax.add_patch(Rectangle((left + j * w + 0.003, y - 0.45), w - 0.006, 0.9, color=st.fill))
            ax.text(left + (j + 0.5) * w, y, f"{st.symbol} {level_text(ks.level, lang)}", ha="center", va="center",
                    fontsize=max(size, LARGE_PT) if n <= 24 else size, color=st.ink, fontweight="bold")


# ---- red and yellow KPIs: narrative, follow-up and evidence --------------------------------------

#: Type sizes (points) of a KPI block; line height is :data:`LEADING` x size.
TITLE_PT, BODY_PT, LEADING = 18.0, 14.0, 1.4
#: The text area of an actions page, in inches from the page's bottom: below the header, above the legend.
AREA_TOP, AREA_BOTTOM = 7.0, 0.4
#: Space between two blocks (a thin rule in its middle), inches.
GAP = 0.18
#: Where a block's badge and labels, its name and its values start, and where its lines end (inches from the left).
LEFT, TITLE_X, VALUE_X, RIGHT = 0.47, 1.65, 2.8, 11.22
#: At most this many lines per field (the whole text is in the Word report).
MAX_LINES = {"narrative": 4, "cause": 2, "action": 2}
_CHAR_EM = 0.55  # mean width of a DejaVu Sans character, in em (for wrapping)
_BOLD = 0.88  # a bold character is about 1 / 0.88 as wide
_MUTED, _TEXT, _NO_EVIDENCE = "#344054", "#101828", "#B42318"


@dataclass(frozen=True)
class Line:
    """One line of a KPI block: a label (bold, in the label column; "" for a continued value) and its text."""

    label: str
    text: str
    size: float = BODY_PT
    bold: bool = False
    colour: str = _TEXT

    @property
    def height(self) -> float:
        """Height in inches."""
        return self.size * LEADING / 72


@dataclass(frozen=True)
class Block:
    """A red or yellow KPI on an actions page: its light, code, name and status line, then its lines."""

    light: str
    code: str
    title: str
    status: str
    lines: tuple[Line, ...]
    no_action: bool = False  # no action written in the follow-up note
    no_evidence: bool | None = None  # None: evidence not known (no EvidenceInputs given)

    @property
    def height(self) -> float:
        """Height in inches, with the gap below it."""
        return (TITLE_PT * LEADING + BODY_PT * LEADING) / 72 + sum(x.height for x in self.lines) + GAP


def _wrap(text: str, size: float, width_in: float, max_lines: int) -> list[str]:
    """``text`` in lines that fit ``width_in`` inches at ``size`` points, at most ``max_lines`` (the last
    ends with "…" when cut)."""
    chars = max(20, int(width_in * 72 / (size * _CHAR_EM)))
    lines = textwrap.wrap(" ".join(text.split()), chars) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = textwrap.shorten(lines[-1] + " …", chars, placeholder=" …")
    return lines


def _field(label: str, text: str, max_lines: int, colour: str = _TEXT) -> list[Line]:
    width = RIGHT - VALUE_X
    return [Line(label if i == 0 else "", part, colour=colour)
            for i, part in enumerate(_wrap(text, BODY_PT, width, max_lines))]


def action_blocks(sc: Scorecard, ps: PeriodScore, result: NkoResult, lang: str,
                  evidence: EvidenceInputs | None = None) -> list[Block]:
    """One block per red KPI, then per yellow KPI (each lowest level first): name, level, light and capaian;
    the narrative; root cause, action, owner and due date of the follow-up note (each "—" when not written:
    a gap the head of office should see); and, with ``evidence``, its evidence count and verification."""
    order = {"red": 0, "yellow": 1}
    todo = sorted((k for k in ps.kpis if k.light in order),
                  key=lambda k: (order[k.light], -1.0 if k.level is None else k.level))
    missing = _t("missing", lang)
    out = []
    for ks in todo:
        note = sc.note(ks.code, ps.period)
        cap = result.capaian[ks.code]
        cap_text = "" if cap.value is None else f" · capaian {_num(cap.value, lang)} {cap.label(lang)}"
        status = f"{_t('level', lang)} {level_text(ks.level, lang)} {lights.label(ks.light, lang)}{cap_text}"
        lines: list[Line] = []
        narrative = note.narrative.strip() if note else ""
        if narrative:
            lines += _field(_t("narrative", lang), narrative, MAX_LINES["narrative"])
        cause = note.root_cause.strip() if note else ""
        action = note.action.strip() if note else ""
        lines += _field(_t("cause", lang), cause or missing, MAX_LINES["cause"], _TEXT if cause else _MUTED)
        lines += _field(_t("action", lang), action or missing, MAX_LINES["action"], _TEXT if action else _MUTED)
        owner = note.owner.strip() if note else ""
        due = note.due.strip() if note else ""
        lines += _field(_t("owner", lang), f"{owner or '—'} · {_t('due', lang)}: {due or '—'}", 1,
                        _TEXT if owner and due else _MUTED)
        bare: bool | None = None
        if evidence is not None:
            text, bare = kpi_evidence(sc, ps.period, ks.code, evidence, lang)
            lines += _field(_t("evidence", lang), text, 1, _NO_EVIDENCE if bare else _TEXT)
        title = _wrap(sc.kpi(ks.code).name(lang), TITLE_PT / _BOLD, RIGHT - TITLE_X, 1)[0]  # one line
        out.append(Block(ks.light, ks.code, title, status, tuple(lines), not action, bare))
    return out


def action_summary(blocks: list[Block], lang: str) -> str:
    """The actions pages' line under the title: "3 merah, 4 kuning · 5 tanpa tindakan · 6 tanpa bukti"."""
    red = sum(1 for b in blocks if b.light == "red")
    parts = [_t("counts", lang, r=red, y=len(blocks) - red),
             _t("no_action", lang, n=sum(1 for b in blocks if b.no_action))]
    if any(b.no_evidence is not None for b in blocks):
        parts.append(_t("no_evidence", lang, n=sum(1 for b in blocks if b.no_evidence)))
    return " · ".join(parts)


def paginate(blocks: list[Block], room: float = AREA_TOP - AREA_BOTTOM) -> list[list[Block]]:
    """Blocks in pages of at most ``room`` inches each (a block is never split; at least one per page)."""
    pages: list[list[Block]] = [[]]
    used = 0.0
    for b in blocks:
        if pages[-1] and used + b.height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(b)
        used += b.height
    return pages


def _actions_page(fig, blocks: list[Block], lang: str) -> None:
    """Draw the blocks top-down in inches (``fig.dpi_scale_trans``)."""
    from matplotlib.lines import Line2D

    tr = fig.dpi_scale_trans
    if not blocks:
        fig.text(0.5, 0.5, _t("none_red", lang), ha="center", fontsize=22)
        return
    y = AREA_TOP
    for b in blocks:
        st = lights.STYLES[b.light]
        y -= TITLE_PT * LEADING / 72 * 0.6
        fig.text(LEFT, y, f"{st.symbol} {b.code}", fontsize=TITLE_PT, fontweight="bold", va="center", color=st.ink,
                 transform=tr, bbox={"boxstyle": "round,pad=0.3", "facecolor": st.fill, "edgecolor": "none"})
        fig.text(TITLE_X, y, b.title, fontsize=TITLE_PT, fontweight="bold", va="center", transform=tr)
        y -= TITLE_PT * LEADING / 72 * 0.4 + BODY_PT * LEADING / 72 * 0.55
        fig.text(TITLE_X, y, b.status, fontsize=BODY_PT, va="center", color=_MUTED, transform=tr)
        y -= BODY_PT * LEADING / 72 * 0.45
        for line in b.lines:
            y -= line.height * 0.5
            if line.label:
                fig.text(LEFT, y, line.label, fontsize=line.size, fontweight="bold", va="center", color=_MUTED,
                         transform=tr)
            fig.text(VALUE_X, y, line.text, fontsize=line.size, va="center", color=line.colour, transform=tr)
            y -= line.height * 0.5
        y -= GAP / 2
        fig.add_artist(Line2D([LEFT, RIGHT], [y, y], color="#D0D5DD", linewidth=1, transform=tr))
        y -= GAP / 2


def _figures(sc: Scorecard, period: str, lang: str, evidence: EvidenceInputs | None = None):
    """Yield the pages as matplotlib figures (closed after each is used)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    w = compute_weights(sc)
    periods = [*earlier_periods(sc, period, MAX_PERIODS - 1), period]
    scores = {q: score_period(sc, q, w) for q in periods}
    ps = scores[period]
    result = nko(sc, period, w)
    blocks = action_blocks(sc, ps, result, lang, evidence)
    action_pages = paginate(blocks)
    extra = action_summary(blocks, lang) if blocks else ""
    pages = [(_t("title", lang), lambda f: _index_page(f, sc, ps, result, lang), ""),
             (_t("map", lang), lambda f: _map_page(f, sc, ps, lang), ""),
             (_t("heatmap", lang), lambda f: _heatmap_page(f, sc, scores, periods, lang), "")]
    for i, chunk in enumerate(action_pages):
        title = _t("actions", lang) + (f" ({i + 1}/{len(action_pages)})" if len(action_pages) > 1 else "")
        pages.append((title, lambda f, chunk=chunk: _actions_page(f, chunk, lang), extra))
    for i, (title, draw, note) in enumerate(pages, start=1):
        fig = plt.figure(figsize=PAGE_SIZE)
        _header(fig, sc, period, title, lang, note)
        draw(fig)
        fig.text(0.96, 0.025, _t("page", lang, i=i, n=len(pages)), fontsize=11, ha="right", color="#667085")
        try:
            yield fig
        finally:
            plt.close(fig)


_RC = {"pdf.fonttype": 42, "font.family": "DejaVu Sans"}


def build_briefing_pdf(sc: Scorecard, period: str, lang: str = "id", *, evidence: EvidenceInputs | None = None) -> bytes:
    """The briefing of ``period`` as PDF bytes (see the module docstring); with ``evidence`` (read from the
    store by the caller) the red and yellow KPIs also show their evidence count and verification."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    lang = "id" if lang == "id" else "en"
    buf = io.BytesIO()
    with matplotlib.rc_context(_RC), PdfPages(buf) as pdf:
        for fig in _figures(sc, period, lang, evidence):
            pdf.savefig(fig)
        info = pdf.infodict()
        info["Title"] = f"{_t('title', lang)}: {sc.name} {period}"
        info["Creator"] = "scorecard"
    return buf.getvalue()


def briefing_pngs(sc: Scorecard, period: str, lang: str = "id", dpi: int = 60, *,
                  evidence: EvidenceInputs | None = None) -> list[bytes]:
    """The same pages as PNG images (for a preview on screen)."""
    import matplotlib

    lang = "id" if lang == "id" else "en"
    out = []
    with matplotlib.rc_context(_RC):
        for fig in _figures(sc, period, lang, evidence):
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi)
            out.append(buf.getvalue())
    return out

"""The OMAX tables of the Scores page: the study's classic Objective Matrix (performance, levels
10..0, level, weight, value per KPI; the band of the actual framed in blue, the level cell in the
light's colour) and the compact table of KPIs with their lights (METHOD §3-§4).

Values are formatted text (locale of the session); money (``Rp``) without decimals.
"""

from __future__ import annotations

import math

import pandas as pd

from scorecard import display
from scorecard.charts.scores import unit_label, value_text
from scorecard.method import lights
from scorecard.method.scoring import KpiScore, PeriodScore
from scorecard.model import Scorecard
from scorecard.ui import components, state
from scorecard.ui.state import tr

BAND_BG = "#BDD7EE"  # the level band the actual falls in (as in the report workbook)
HEAD_BG = "#D9E1F2"
LABEL_BG = "#F2F2F2"


def _cell_value(value: float | None, unit: str, lang: str) -> str:
    """A scale value in a matrix cell: no unit (it is in the header), money whole (scorecard.display.value)."""
    return display.value(value, unit, lang, with_unit=False)


def _unit_header(unit: str, direction: str) -> str:
    return unit_label(unit, state.lang(), direction)


def _level_text(ks: KpiScore) -> str:
    symbol = lights.STYLES[ks.light].symbol
    if ks.level is None:
        return f"{symbol} {tr('not scored', 'belum dinilai')}"
    return f"{symbol} {components.level_text(ks.level)}"


def perspective_kpis(sc: Scorecard, ps: PeriodScore, pkey: str) -> list[KpiScore]:
    """The scores of the KPIs of perspective ``pkey``, objective by objective."""
    return [ps.kpi(k.code) for o in sc.objectives_of(pkey) for k in sc.kpis_of(o.code)]


# ---- (1) the classic OMAX matrix ------------------------------------------------------------------

def matrix_styler(sc: Scorecard, kscores: list[KpiScore]) -> pd.io.formats.style.Styler:
    """The study's OMAX matrix of some KPIs as a pandas Styler (values already formatted as text).

    Columns are the KPIs (code / name / unit and direction); rows: performance, levels 10..0, level,
    weight, value. The band the actual falls in is highlighted; the level row carries the light.
    """
    lang = state.lang()
    perf, lev_lbl, w_lbl, v_lbl = (tr("Performance", "Pencapaian"), tr("Level", "Skor"), tr("Weight", "Bobot"),
                                   tr("Value", "Nilai"))
    index = [perf, *[str(lev) for lev in range(10, -1, -1)], lev_lbl, w_lbl, v_lbl]
    columns = []
    data: dict[tuple[str, str, str], list[str]] = {}
    styles: dict[tuple[str, str, str], list[str]] = {}
    for ks in kscores:
        kpi = sc.kpi(ks.code)
        col = (kpi.code, kpi.name(lang), _unit_header(kpi.unit, kpi.direction))
        columns.append(col)
        vals = ks.scale.values
        body = [_cell_value(vals[lev], kpi.unit, lang) if len(vals) == 11 else "—" for lev in range(10, -1, -1)]
        data[col] = [_cell_value(ks.actual, kpi.unit, lang), *body, _level_text(ks),
                     components.weight_text(ks.global_weight), components.points_text(ks.value)]
        right = "text-align:right !important;white-space:nowrap"
        css = [f"font-weight:700;{right}"] + [right] * 11 + ["", right, right]
        if ks.level is not None and len(vals) == 11:
            band = min(int(math.floor(ks.level)), 10)
            css[1 + (10 - band)] = f"background-color:{BAND_BG};font-weight:700;outline:3px solid #1F4E79;" \
                                   f"outline-offset:-3px;{right}"
        lst = lights.STYLES[ks.light]
        css[12] = f"background-color:{lst.fill};color:{lst.ink};font-weight:700;text-align:center !important;" \
                  "white-space:nowrap"
        styles[col] = css
    frame = pd.DataFrame(data, index=index, columns=pd.MultiIndex.from_tuples(columns) if columns else None)
    css_frame = pd.DataFrame(styles, index=index, columns=frame.columns)
    sty = frame.style.apply(lambda _: css_frame, axis=None)
    sty = sty.set_table_styles([
        {"selector": "th", "props": f"background-color:{HEAD_BG};text-align:center;font-weight:700"},
        {"selector": "th.row_heading", "props": f"background-color:{LABEL_BG};text-align:center"},
    ], overwrite=False)
    return sty


# ---- (2) the compact table ------------------------------------------------------------------------

def compact_frame(sc: Scorecard, kscores: list[KpiScore]) -> pd.DataFrame:
    """One row per KPI: code, name, actual, target, level, light, global weight, value."""
    lang = state.lang()
    rows = []
    for ks in kscores:
        kpi = sc.kpi(ks.code)
        rows.append({
            tr("KPI", "IKU"): ks.code,
            tr("Name", "Nama"): kpi.name(lang),
            tr("Actual", "Realisasi"): components.actual_text(ks.actual, ks.actual_text, kpi.unit),
            tr("Target", "Target"): value_text(ks.target, kpi.unit, lang),
            tr("Level", "Level"): components.level_text(ks.level),
            tr("Light", "Lampu"): lights.label(ks.light, lang),
            tr("Weight", "Bobot"): components.weight_text(ks.global_weight),
            tr("Value", "Nilai"): components.points_text(ks.value),
        })
    return pd.DataFrame(rows)


def light_css(light: str, extra_css: str = "") -> str:
    """The CSS of a cell that names a light: the light's fill and ink, bold (its text says the light too)."""
    s = lights.STYLES[light]
    return f"background-color:{s.fill};color:{s.ink};font-weight:700{extra_css}"


def light_styler(frame: pd.DataFrame, kscores: list[KpiScore], light_col: str,
                 extra_css: str = "") -> pd.io.formats.style.Styler:
    """``frame`` (one row per KPI of ``kscores``, in order) with the ``light_col`` cells in the lights' colours."""
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for i, ks in enumerate(kscores):
        css.loc[i, light_col] = light_css(ks.light, extra_css)
    return frame.style.apply(lambda _: css, axis=None)

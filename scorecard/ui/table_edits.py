"""The Data page's period table and the shared rules for applying edited tables.

An edited table is read with the upload rules (:func:`scorecard.io.numbers.parse_value`,
:func:`scorecard.model.validate`) into a copy of the scorecard; one bad cell refuses the whole save
and its message names the row and column. A typed ratio (1035/249.137) is scored as the KPI says:
numerator, denominator, quotient or percent (:func:`scorecard.io.numbers.ratio_value`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from scorecard import display
from scorecard.charts.scores import unit_label, value_text
from scorecard.io.numbers import parse_value, ratio_value
from scorecard.method import lights
from scorecard.model import Measurement, Scorecard, validate
from scorecard.ui import components, state
from scorecard.ui.state import tr


@dataclass
class EditResult:
    """The outcome of applying a table's edits: a new scorecard (None when refused), audit, messages."""

    scorecard: Scorecard | None
    audit: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def cell_where(row: int, code: str, column: str) -> str:
    """Where a cell is, for messages: row number (1-based), KPI code and column label."""
    return tr(f"Row {row} ({code}), column “{column}”", f"Baris {row} ({code}), kolom “{column}”")


def cell_text(value: object) -> str:
    """A cell as stripped text ('' for empty or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def finish_edits(new: Scorecard, audit: list[dict[str, Any]], errors: list[str], warnings: list[str]) -> EditResult:
    """The result of an edit: refused when there are cell errors or ``new`` does not validate."""
    if not errors:
        errors = [p.text(state.lang()) for p in validate(new).errors]
    if errors:
        return EditResult(None, [], errors, warnings)
    return EditResult(new, audit, [], warnings)


def parse_typed(text: str, lang: str) -> tuple[Any, str, list[str]]:
    """(parsed, error, warnings) of a typed value; empty or '-' is a missing value (no error)."""
    p = parse_value(text, locale="id" if lang == "id" else "en")
    if p.error is not None:
        return p, p.error.text(lang), []
    return p, "", [w.text(lang) for w in p.warnings]


# ---- the period's data ------------------------------------------------------------------------------

DATA_COLS = ("kpi", "name", "unit", "target", "actual", "level", "light")


def data_frame(sc: Scorecard, period: str, lang: str) -> pd.DataFrame:
    """One row per KPI: target and actual as the user reads them, the level and light they give."""
    ps = state.scores(period)
    rows = []
    for k in sc.kpis:
        m = sc.measurement(k.code, period)
        ks = ps.kpi(k.code)
        actual = display.actual(m.actual, m.actual_text, k.unit, lang, meaning=False) if m is not None and (
            m.actual_text or m.actual is not None) else ""  # the display rule; a typed ratio as typed
        if k.scale_words and m is not None:  # a qualitative KPI: its words, not its ranks
            actual = k.word_of(m.actual) or actual
        rows.append({"kpi": k.code, "name": k.name(lang), "unit": unit_label(k.unit, lang, k.direction),
                     "target": (k.word_of(m.target) or value_text(m.target, k.unit, lang))
                     if m is not None and m.target is not None else "",
                     "actual": actual, "level": components.level_text(ks.level),
                     "light": lights.label(ks.light, lang)})
    return pd.DataFrame(rows, columns=list(DATA_COLS))


def apply_data_edits(sc: Scorecard, period: str, before: pd.DataFrame, after: pd.DataFrame,
                     lang: str) -> EditResult:
    """Apply changed target/actual cells (row order as in :func:`data_frame`) to a copy of ``sc``."""
    new = sc.copy()
    audit: list[dict[str, Any]] = []
    errors: list[str] = []
    warnings: list[str] = []
    labels = {"target": tr("Target", "Target"), "actual": tr("Actual", "Realisasi")}
    for i in range(len(before)):
        code = before.iloc[i]["kpi"]
        kpi = new.kpi(code)
        old = new.measurement(code, period)
        m = replace(old) if old is not None else Measurement(code, period)
        touched = False
        for col in ("target", "actual"):
            typed, shown = cell_text(after.iloc[i][col]), cell_text(before.iloc[i][col])
            if typed == shown:
                continue
            rank = next((float(j) for j, w in enumerate(kpi.scale_words, start=1)
                         if w.casefold() == typed.strip().casefold()), None)
            p, err, warns = parse_typed(typed, lang)
            where = cell_where(i + 1, code, labels[col])
            if rank is None and err:
                if kpi.scale_words:
                    err += " " + tr(f"Type one of: {' < '.join(kpi.scale_words)}.",
                                    f"Ketik salah satu: {' < '.join(kpi.scale_words)}.")
                errors.append(f"{where}: {err}")
                continue
            warnings += [f"{where}: {w}" for w in warns] if rank is None else []
            value = rank if rank is not None else (None if p.is_missing else ratio_value(p, kpi.ratio_use))
            if col == "target":
                if value == m.target:
                    continue  # the same number typed another way
                audit.append({"kind": "target", "target": f"{code} {period}", "before": m.target, "after": value})
                m.target = value
            else:
                audit.append({"kind": "actual", "target": f"{code} {period}", "before": m.actual_text or m.actual,
                              "after": typed})
                m.actual = value
                m.actual_text = "" if p.is_missing and rank is None else typed
                m.numerator, m.denominator = ((p.numerator, p.denominator) if p.kind == "ratio" and rank is None
                                              else (None, None))
            touched = True
        if touched:
            new.set_measurement(m)
    return finish_edits(new, audit, errors, warnings)


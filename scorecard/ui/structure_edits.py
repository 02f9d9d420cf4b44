"""The Data page's structure and anchor tables and how their edits are applied: KPI names and worst
values (OMAX level 0), perspective and objective names, and the own OMAX anchors (level 0-10 per KPI,
for one period or all). Same rules as :mod:`scorecard.ui.table_edits`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from scorecard.charts.scores import unit_label, value_text
from scorecard.io.demo import note_from_text, note_text
from scorecard.io.numbers import ratio_value
from scorecard.model import Anchor, Scorecard
from scorecard.ui.state import tr
from scorecard.ui.table_edits import EditResult, cell_text, cell_where, finish_edits, parse_typed

KPI_COLS = ("perspective", "objective", "kpi", "name_en", "name_id", "unit", "worst")


def kpi_frame(sc: Scorecard, lang: str) -> pd.DataFrame:
    rows = []
    for k in sc.kpis:
        try:
            o = sc.objective(k.objective)
            persp = sc.perspective(o.perspective).name(lang)
            obj = f"{o.code} {o.name(lang)}"
        except StopIteration:
            persp, obj = "—", k.objective
        rows.append({"perspective": persp, "objective": obj, "kpi": k.code, "name_en": k.name_en,
                     "name_id": k.name_id, "unit": unit_label(k.unit, lang, k.direction),
                     "worst": value_text(k.worst, k.unit, lang) if k.worst is not None else ""})
    return pd.DataFrame(rows, columns=list(KPI_COLS))


def _name_check(text: str, where: str, required: bool) -> str:
    if required and not text:
        return f"{where}: " + tr("a name is needed.", "nama wajib diisi.")
    if len(text) > 200:
        return f"{where}: " + tr("at most 200 characters.", "paling banyak 200 karakter.")
    return ""


def apply_kpi_edits(sc: Scorecard, before: pd.DataFrame, after: pd.DataFrame, lang: str) -> EditResult:
    """Apply changed KPI names and worst values (rows as in :func:`kpi_frame`) to a copy of ``sc``."""
    new = sc.copy()
    audit: list[dict[str, Any]] = []
    errors: list[str] = []
    warnings: list[str] = []
    labels = {"name_en": tr("Name (English)", "Nama (Inggris)"), "name_id": tr("Name (Indonesian)", "Nama (Indonesia)"),
              "worst": tr("Worst (level 0)", "Terburuk (level 0)")}
    for i in range(len(before)):
        code = before.iloc[i]["kpi"]
        kpi = new.kpi(code)
        for col in ("name_en", "name_id", "worst"):
            typed, shown = cell_text(after.iloc[i][col]), cell_text(before.iloc[i][col])
            if typed == shown:
                continue
            where = cell_where(i + 1, code, labels[col])
            if col == "worst":
                p, err, warns = parse_typed(typed, lang)
                if err:
                    errors.append(f"{where}: {err}")
                    continue
                warnings += [f"{where}: {w}" for w in warns]
                value = None if p.is_missing else ratio_value(p, kpi.ratio_use)
                if value == kpi.worst:
                    continue
                audit.append({"kind": "anchor", "target": f"{code} worst (level 0)", "before": kpi.worst,
                              "after": value})
                kpi.worst = value
            else:
                err = _name_check(typed, where, col == "name_en")
                if err:
                    errors.append(err)
                    continue
                audit.append({"kind": "setting", "target": f"{code} {col}", "before": getattr(kpi, col),
                              "after": typed})
                setattr(kpi, col, typed)
    return finish_edits(new, audit, errors, warnings)


NAME_COLS = ("what", "code", "name_en", "name_id")


def names_frame(sc: Scorecard) -> pd.DataFrame:
    rows = [{"what": tr("Perspective", "Perspektif"), "code": p.key, "name_en": p.name_en, "name_id": p.name_id}
            for p in sc.perspectives]
    rows += [{"what": tr("Objective", "Sasaran"), "code": o.code, "name_en": o.name_en, "name_id": o.name_id}
             for o in sc.objectives]
    return pd.DataFrame(rows, columns=list(NAME_COLS))


def apply_name_edits(sc: Scorecard, before: pd.DataFrame, after: pd.DataFrame, lang: str) -> EditResult:
    """Apply changed perspective / objective names (rows as in :func:`names_frame`)."""
    new = sc.copy()
    items = [*new.perspectives, *new.objectives]
    audit: list[dict[str, Any]] = []
    errors: list[str] = []
    labels = {"name_en": tr("Name (English)", "Nama (Inggris)"), "name_id": tr("Name (Indonesian)", "Nama (Indonesia)")}
    for i in range(len(before)):
        item = items[i]
        code = before.iloc[i]["code"]
        for col in ("name_en", "name_id"):
            typed, shown = cell_text(after.iloc[i][col]), cell_text(before.iloc[i][col])
            if typed == shown:
                continue
            err = _name_check(typed, cell_where(i + 1, code, labels[col]), col == "name_en")
            if err:
                errors.append(err)
                continue
            audit.append({"kind": "setting", "target": f"{code} {col}", "before": getattr(item, col), "after": typed})
            setattr(item, col, typed)
    return finish_edits(new, audit, errors, [])


# ---- anchors ----------------------------------------------------------------------------------------

ANCHOR_COLS = ("kpi", "level", "value", "period", "note")


def all_periods_label() -> str:
    """The period cell of an anchor that holds for every period."""
    return tr("(all periods)", "(semua periode)")


def anchors_frame(sc: Scorecard, lang: str) -> pd.DataFrame:
    units = {k.code: k.unit for k in sc.kpis}
    rows = [{"kpi": a.kpi, "level": a.level, "value": value_text(a.value, units.get(a.kpi, ""), lang),
             "period": a.period or all_periods_label(), "note": note_text(a.note, lang)} for a in sc.anchors]
    frame = pd.DataFrame(rows, columns=list(ANCHOR_COLS))
    frame["level"] = frame["level"].astype("Int64")
    return frame


def apply_anchor_edits(sc: Scorecard, before: pd.DataFrame, after: pd.DataFrame, lang: str) -> EditResult:
    """Replace the anchors by the rows of the edited table (rows may be added or deleted)."""
    new = sc.copy()
    errors: list[str] = []
    warnings: list[str] = []
    codes = {k.code for k in sc.kpis}
    periods = set(sc.periods())
    anchors: list[Anchor] = []
    seen: dict[tuple[str, int, str | None], int] = {}
    col = {"kpi": tr("KPI", "IKU"), "level": tr("Level", "Level"), "value": tr("Value", "Nilai"),
           "period": tr("Period", "Periode")}
    for i, row in enumerate(after.to_dict("records"), start=1):
        code, typed, ptext = cell_text(row.get("kpi")), cell_text(row.get("value")), cell_text(row.get("period"))
        level = row.get("level")
        if not code and not typed and (level is None or pd.isna(level)):
            continue  # an empty new row
        if code not in codes:
            errors.append(f"{cell_where(i, code or '—', col['kpi'])}: " + tr("choose one of the scorecard's KPIs.",
                                                                              "pilih salah satu IKU kartu skor."))
            continue
        if level is None or pd.isna(level) or not float(level).is_integer() or not 0 <= int(level) <= 10:
            errors.append(f"{cell_where(i, code, col['level'])}: " + tr("a whole number from 0 to 10 is needed.",
                                                                         "harus bilangan bulat 0 sampai 10."))
            continue
        period = None if ptext in ("", all_periods_label()) else ptext
        if period is not None and period not in periods:
            errors.append(f"{cell_where(i, code, col['period'])}: " + tr(f"unknown period “{ptext}”.",
                                                                          f"periode “{ptext}” tidak dikenal."))
            continue
        p, err, warns = parse_typed(typed, lang)
        if err or p.value is None:
            errors.append(f"{cell_where(i, code, col['value'])}: " + (err or tr("a value is needed.",
                                                                                 "nilai wajib diisi.")))
            continue
        warnings += [f"{cell_where(i, code, col['value'])}: {w}" for w in warns]
        key = (code, int(level), period)
        if key in seen:
            errors.append(f"{cell_where(i, code, col['level'])}: " + tr(f"level {int(level)} is already set in row "
                                                                         f"{seen[key]} for the same period.",
                                                                         f"level {int(level)} sudah diisi di baris "
                                                                         f"{seen[key]} untuk periode yang sama."))
            continue
        seen[key] = i
        kpi = new.kpi(code)
        note = note_from_text(cell_text(row.get("note")), [a.note for a in sc.anchors], lang)
        anchors.append(Anchor(code, int(level), float(ratio_value(p, kpi.ratio_use)), period, note))
    old = {(a.kpi, a.level, a.period): a.value for a in sc.anchors}
    now = {(a.kpi, a.level, a.period): a.value for a in anchors}
    audit = [{"kind": "anchor", "target": f"{k[0]} level {k[1]} {k[2] or 'all'}", "before": old.get(k),
              "after": now.get(k)} for k in sorted(set(old) | set(now), key=str) if old.get(k) != now.get(k)]
    new.anchors = anchors
    if not audit and not errors and [(a.note) for a in anchors] != [(a.note) for a in sc.anchors]:
        audit = [{"kind": "anchor", "target": "notes", "before": None, "after": None}]
    return finish_edits(new, audit, errors, warnings)


"""Data page: "Import from your own table" — upload an office's own workbook (LKjIP, PK, "Data 2024"
sheets ...), review every detected assumption in editable tables, then create the scorecard.

Flow: upload -> :func:`scorecard.io.table_import.build_plan` -> preview (problems with sheet and
cell; editable sheets/periods, column roles, sasaran perspectives and codes, indicator codes,
units, directions and worst values, qualitative scales; the values read, read-only) -> "Apply
changes" rebuilds the plan from the edited :class:`~scorecard.io.table_import.Mapping` -> "Create
the scorecard" commits :func:`~scorecard.io.table_import.apply_plan` as one change.

When the working scorecard was itself imported, its kept mapping is the starting point, so next
year's file of the same layout needs one click. The pure parts (:func:`frames`,
:func:`mapping_from_edits`) are testable without Streamlit.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.io.detect import ROLES
from scorecard.io.format import norm
from scorecard.io.table_import import (
    PERSPECTIVE_KEYS,
    ImportPlan,
    Mapping,
    apply_plan,
    build_plan,
    equal_weights_note,
    mapping_from_settings,
    period_ok,
    why_text,
)
from scorecard.method.weights import partial_rule
from scorecard.ui import jobs, state
from scorecard.ui.state import tr

log = logging.getLogger(__name__)

_K_FILE = "import_file"
_K_SRC = "import_source"  # (file_id, name, bytes)
_K_MAP = "import_mapping"  # the mapping JSON the current plan was built with
_K_MSG = "import_message"
_K_NONCE = "import_nonce"
_K_PLAN = "import_plan"  # ((file_id, mapping JSON), the plan built from them)


# ---- pure parts ---------------------------------------------------------------------------------

def frames(plan: ImportPlan, lang: str) -> dict[str, pd.DataFrame]:
    """The preview tables: sheets, columns, objectives, kpis, scales (editable) and values (read-only)."""
    id_ = lang == "id"
    sheets = pd.DataFrame([{"sheet": s.sheet, "header_row": s.header_row, "period": s.period,
                            "source": why_text(s.period_source, lang), "cumulative": s.cumulative,
                            "rows": s.rows_read} for s in plan.sheets],
                          columns=["sheet", "header_row", "period", "source", "cumulative", "rows"])
    columns = pd.DataFrame([{"sheet": s.sheet, "column": c.letter, "header": c.header, "role": c.role,
                             "period": c.period} for s in plan.sheets for c in s.columns],
                           columns=["sheet", "column", "header", "role", "period"])
    objectives = pd.DataFrame([{"code": o.code, "sasaran": o.name, "perspective": o.perspective,
                                "why": why_text(o.perspective_why, lang)} for o in plan.objectives],
                              columns=["code", "sasaran", "perspective", "why"])
    kpis = pd.DataFrame([{"code": k.code, "indicator": k.name, "objective": k.objective, "unit": k.unit,
                          "direction": k.direction, "why": why_text(k.direction_why, lang), "worst": k.worst,
                          "worst_rule": why_text(k.worst_why, lang)} for k in plan.kpis],
                        columns=["code", "indicator", "objective", "unit", "direction", "why", "worst", "worst_rule"])
    used = {k.scale for k in plan.kpis if k.scale}
    scales = pd.DataFrame([{"scale": key, "name": s.name(lang), "words": " < ".join(s.words)}
                           for key, s in plan.scales.items() if key in used], columns=["scale", "name", "words"])
    values = pd.DataFrame([{"code": k.code, "period": v.period + (" (kumulatif)" if id_ and v.cumulative else
                                                                 " (cumulative)" if v.cumulative else ""),
                            "target": v.target, "actual": v.actual, "capaian": v.capaian,
                            "cells": ", ".join(c.split("!")[-1] for c in (v.target_cell, v.actual_cell) if c)}
                           for k in plan.kpis for v in k.values],
                          columns=["code", "period", "target", "actual", "capaian", "cells"])
    return {"sheets": sheets, "columns": columns, "objectives": objectives, "kpis": kpis, "scales": scales,
            "values": values}


def mapping_from_edits(plan: ImportPlan, edited: dict[str, pd.DataFrame], lang: str) -> tuple[Mapping, list[str]]:
    """The plan's mapping with the preview's edits; errors (one line each, naming the row) for bad cells."""
    m = replace(plan.mapping, columns=dict(plan.mapping.columns), periods=dict(plan.mapping.periods),
                objective_codes=dict(plan.mapping.objective_codes), perspectives=dict(plan.mapping.perspectives),
                codes=dict(plan.mapping.codes), units=dict(plan.mapping.units),
                directions=dict(plan.mapping.directions), worst=dict(plan.mapping.worst),
                scales={k: list(v) for k, v in plan.mapping.scales.items()})
    errors: list[str] = []
    id_ = lang == "id"

    def where(table: str, i: int) -> str:
        return f"{table} {'baris' if id_ else 'row'} {i + 1}"

    for i, row in edited.get("sheets", pd.DataFrame()).reset_index(drop=True).iterrows():
        period = str(row.get("period") or "").strip()
        if period and not period_ok(period):
            errors.append(f"{where('sheets', i)}: " + (f'"{period}" bukan periode (contoh: 2024, TW I 2024)' if id_
                                                         else f'"{period}" is not a period (e.g. 2024, TW I 2024)'))
        elif period and period != plan.sheets[i].period:
            m.periods[str(row["sheet"])] = period  # only a period the user changed is remembered
    for _, row in edited.get("columns", pd.DataFrame()).iterrows():
        role = str(row.get("role") or "ignore")
        m.columns[norm(row["header"])] = role if role in ROLES else "ignore"
    codes: set[str] = set()
    for i, row in edited.get("objectives", pd.DataFrame()).reset_index(drop=True).iterrows():
        code, persp = str(row.get("code") or "").strip(), str(row.get("perspective") or "")
        if not code or code.casefold() in codes:
            errors.append(f"{where('objectives', i)}: " + ("kode kosong atau ganda" if id_ else
                                                             "empty or duplicate code"))
        codes.add(code.casefold())
        if persp not in PERSPECTIVE_KEYS:
            errors.append(f"{where('objectives', i)}: " + (f'perspektif "{persp}" tidak dikenal' if id_ else
                                                             f'unknown perspective "{persp}"'))
        m.objective_codes[str(row["sasaran"])] = code
        m.perspectives[str(row["sasaran"])] = persp
    before = {k.name: k for k in plan.kpis}
    for i, row in edited.get("kpis", pd.DataFrame()).reset_index(drop=True).iterrows():
        name, code = str(row["indicator"]), str(row.get("code") or "").strip()
        if not code or code.casefold() in codes:
            errors.append(f"{where('kpis', i)}: " + ("kode kosong atau ganda" if id_ else "empty or duplicate code"))
        codes.add(code.casefold())
        m.codes[name] = code
        direction = str(row.get("direction") or "")
        if direction not in ("higher", "lower"):
            errors.append(f"{where('kpis', i)}: " + ("arah harus higher atau lower" if id_ else
                                                     "direction must be higher or lower"))
        else:
            m.directions[name] = direction
        worst = row.get("worst")
        if worst is None or (isinstance(worst, float) and pd.isna(worst)):
            m.worst.pop(name, None)
        else:
            try:
                m.worst[name] = float(worst)
            except (TypeError, ValueError):
                errors.append(f"{where('kpis', i)}: " + ("nilai terburuk bukan angka" if id_ else
                                                         "worst value is not a number"))
        unit = str(row.get("unit") or "")
        if name in before and unit != before[name].unit and not before[name].scale:
            m.units[name] = unit
    for _, row in edited.get("scales", pd.DataFrame()).iterrows():
        words = [w.strip() for w in re.split(r"[<,;]", str(row.get("words") or "")) if w.strip()]
        key = str(row["scale"])
        if len(words) < 2 or sorted(w.casefold() for w in words) != sorted(
                w.casefold() for w in plan.scales[key].words):
            errors.append(f"{key}: " + ("urutkan kata yang sama, dipisah <" if id_ else
                                        "reorder the same words, separated by <"))
        else:
            m.scales[key] = words
    return m, errors


# ---- the section --------------------------------------------------------------------------------

def _plan() -> ImportPlan | None:
    ss = st.session_state
    src = ss.get(_K_SRC)
    if src is None:
        return None
    text = ss.get(_K_MAP)
    cached = ss.get(_K_PLAN)
    if cached is not None and cached[0] == (src[0], text):
        return cached[1]  # the plan is a pure function of the file and the mapping: built once per change
    mapping = Mapping.from_json(text) if text else None
    plan = jobs.run(build_plan, src[2], src[1], mapping)  # off the script thread; None: the message is shown
    if plan is not None:
        ss[_K_PLAN] = ((src[0], text), plan)
    return plan


def _problems(plan: ImportPlan, lang: str) -> None:
    if not plan.problems:
        return
    rows = [{tr("Level", "Tingkat"): tr("error", "kesalahan") if p.is_error else tr("warning", "peringatan"),
             tr("Sheet", "Lembar"): p.sheet or "—", tr("Cell", "Sel"): p.cell or "—",
             tr("Value", "Nilai"): p.value, tr("What", "Keterangan"): p.what.text(lang)} for p in plan.problems]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


_LABELS = {  # column -> (English, Indonesian) header in the preview tables
    "sheet": ("Sheet", "Lembar"), "header_row": ("Header row", "Baris judul"), "period": ("Period", "Periode"),
    "source": ("Found in", "Ditemukan di"), "cumulative": ("Cumulative", "Kumulatif"), "rows": ("Rows", "Baris"),
    "column": ("Column", "Kolom"), "header": ("Header", "Judul kolom"), "role": ("Role", "Peran"),
    "code": ("Code", "Kode"), "sasaran": ("Sasaran", "Sasaran"), "perspective": ("Perspective", "Perspektif"),
    "why": ("Why", "Alasan"), "indicator": ("Indicator", "Indikator"), "objective": ("Sasaran", "Sasaran"),
    "unit": ("Unit", "Satuan"), "direction": ("Direction", "Arah"), "worst": ("Worst (level 0)", "Terburuk (level 0)"),
    "worst_rule": ("Worst: rule", "Terburuk: aturan"), "scale": ("Scale", "Skala"), "name": ("Name", "Nama"),
    "words": ("Words, worst < … < best", "Kata, terburuk < … < terbaik"), "target": ("Target", "Target"),
    "actual": ("Actual", "Realisasi"), "capaian": ("Capaian (typed)", "Capaian (tertulis)"),
    "cells": ("Cells", "Sel"),
}


def _config(frame: pd.DataFrame, lang: str, **special: Any) -> dict[str, Any]:
    """Column headers in ``lang`` for every column, with the given special columns (select boxes ...)."""
    out: dict[str, Any] = {c: _LABELS.get(c, (c, c))[1 if lang == "id" else 0] for c in frame.columns}
    out.update(special)
    return out


def _editors(plan: ImportPlan, lang: str) -> dict[str, pd.DataFrame]:
    f = frames(plan, lang)
    nonce = st.session_state.get(_K_NONCE, 0)
    col = st.column_config
    out: dict[str, pd.DataFrame] = {}
    st.markdown("**" + tr("Sheets and periods", "Lembar dan periode") + "**")
    out["sheets"] = st.data_editor(f["sheets"], key=f"imp_ed_sheets_{nonce}", hide_index=True, width="stretch",
                                   disabled=["sheet", "header_row", "source", "cumulative", "rows"],
                                   column_config=_config(f["sheets"], lang))
    st.markdown("**" + tr("Columns (role of each header)", "Kolom (peran tiap judul)") + "**")
    out["columns"] = st.data_editor(f["columns"], key=f"imp_ed_columns_{nonce}", hide_index=True, width="stretch",
                                    disabled=["sheet", "column", "header", "period"],
                                    column_config=_config(f["columns"], lang, role=col.SelectboxColumn(
                                        tr("Role", "Peran"), options=ROLES, required=True)))
    st.markdown("**" + tr("Sasaran → BSC perspective", "Sasaran → perspektif BSC") + "**")
    out["objectives"] = st.data_editor(f["objectives"], key=f"imp_ed_objectives_{nonce}", hide_index=True,
                                       width="stretch", disabled=["sasaran", "why"],
                                       column_config=_config(f["objectives"], lang, perspective=col.SelectboxColumn(
                                           tr("Perspective", "Perspektif"), options=PERSPECTIVE_KEYS, required=True)))
    st.markdown("**" + tr("Indicators (KPIs)", "Indikator (IKU)") + "**")
    out["kpis"] = st.data_editor(f["kpis"], key=f"imp_ed_kpis_{nonce}", hide_index=True, width="stretch",
                                 disabled=["indicator", "objective", "why", "worst_rule"],
                                 column_config=_config(f["kpis"], lang, direction=col.SelectboxColumn(
                                     tr("Direction", "Arah"), options=["higher", "lower"], required=True),
                                     worst=col.NumberColumn(tr("Worst (level 0)", "Terburuk (level 0)"))))
    if not f["scales"].empty:
        st.markdown("**" + tr("Qualitative scales (worst < … < best)", "Skala kualitatif (terburuk < … < terbaik)")
                    + "**")
        out["scales"] = st.data_editor(f["scales"], key=f"imp_ed_scales_{nonce}", hide_index=True, width="stretch",
                                       disabled=["scale", "name"], column_config=_config(f["scales"], lang))
    with st.expander(tr("Values read (with their cells)", "Nilai yang dibaca (beserta selnya)")):
        st.dataframe(f["values"], hide_index=True, width="stretch", column_config=_config(f["values"], lang))
    return out


def render() -> None:
    """The whole "Import from your own table" section (inside an expander of the Data page)."""
    lang = state.lang()
    ss = st.session_state
    with st.expander(tr("Import from your own table (LKjIP, Perjanjian Kinerja, “Data 2024” sheets …)",
                        "Impor dari tabel sendiri (LKjIP, Perjanjian Kinerja, lembar “Data 2024” …)"),
                     expanded=ss.get(_K_SRC) is not None, icon=":material/table_view:"):
        st.caption(tr("Upload the workbook your office already keeps. The table is found wherever it is; every "
                      "assumption (columns, periods, perspectives, directions, worst values) is shown below and can "
                      "be changed before anything is saved.",
                      "Unggah buku kerja yang sudah dipakai kantor Anda. Tabel dicari di mana pun letaknya; setiap "
                      "asumsi (kolom, periode, perspektif, arah, nilai terburuk) ditampilkan di bawah dan dapat "
                      "diubah sebelum apa pun disimpan."))
        up = st.file_uploader(tr("Office workbook (.xlsx, .xlsm; up to 20 MB)", "Buku kerja kantor (.xlsx, .xlsm; maks. 20 MB)"), type=["xlsx", "xlsm"],
                              key=_K_FILE, max_upload_size=20)
        if up is None:
            for k in (_K_SRC, _K_MAP, _K_PLAN):
                ss.pop(k, None)
            if (msg := ss.pop(_K_MSG, None)) is not None:
                st.success(msg, icon=":material/check_circle:")
            return
        if ss.get(_K_SRC) is None or ss[_K_SRC][0] != up.file_id:
            kept = mapping_from_settings(state.scorecard())
            ss[_K_SRC] = (up.file_id, up.name, up.getvalue())
            ss[_K_MAP] = kept.to_json() if kept is not None else ""
            ss.pop(_K_MSG, None)
        try:
            plan = _plan()
        except Exception:  # noqa: BLE001 - never a traceback
            log.exception("import preview failed")
            st.error(tr("Something unexpected went wrong while reading the file; nothing was changed.",
                        "Terjadi kesalahan tak terduga saat membaca berkas; tidak ada yang diubah."))
            return
        if plan is None:
            return
        if ss.get(_K_MAP):
            st.info(tr("The saved mapping of the current scorecard was used as the starting point.",
                       "Pemetaan tersimpan dari kartu skor saat ini dipakai sebagai titik awal."))
        n_err = sum(p.is_error for p in plan.problems)
        st.markdown(tr(f"**Found:** {len(plan.sheets)} sheet(s), {len(plan.objectives)} sasaran, {len(plan.kpis)} "
                       f"indicator(s), period(s) {', '.join(plan.periods) or '—'}.",
                       f"**Ditemukan:** {len(plan.sheets)} lembar, {len(plan.objectives)} sasaran, {len(plan.kpis)} "
                       f"indikator, periode {', '.join(plan.periods) or '—'}."))
        _problems(plan, lang)
        if not plan.sheets:
            return
        with st.form("imp_form", border=False):
            edited = _editors(plan, lang)
            applied = st.form_submit_button(tr("Apply changes to the preview", "Terapkan perubahan ke pratinjau"),
                                            icon=":material/refresh:")
        if applied:
            mapping, errors = mapping_from_edits(plan, edited, lang)
            if errors:
                st.error("\n".join(f"- {e}" for e in errors))
            else:
                ss[_K_MAP] = mapping.to_json()
                ss[_K_NONCE] = ss.get(_K_NONCE, 0) + 1
                st.rerun()
        with st.expander(tr("All assumptions (text)", "Semua asumsi (teks)")):
            st.markdown("\n".join(f"- {a}" for a in plan.assumptions(lang)))
        st.caption(equal_weights_note().text(lang) + " " + partial_rule().text(lang))
        create = st.button(tr("Create the scorecard from this table", "Buat kartu skor dari tabel ini"),
                           type="primary", disabled=not plan.ok, key="imp_create", icon=":material/check:")
        if n_err:
            st.caption(tr(f"{n_err} error(s) above must be fixed (in the file or in the tables) first.",
                          f"{n_err} kesalahan di atas harus diperbaiki dahulu (di berkas atau di tabel)."))
        if create and plan.ok:
            _create(plan)


def _create(plan: ImportPlan) -> None:
    ss = st.session_state
    try:
        sc = apply_plan(plan)
    except ValueError as exc:
        st.error(str(exc))
        return
    state.commit(sc, kind="upload", detail=plan.source,
                 audit=[{"kind": "upload", "target": plan.source, "before": None,
                         "after": f"import: {len(sc.kpis)} KPIs, {len(sc.periods())} periods"}])
    ss[_K_MSG] = tr(f"Scorecard created from “{plan.source}”: {len(sc.kpis)} KPIs, periods {', '.join(sc.periods())}. "
                    + equal_weights_note().en,
                    f"Kartu skor dibuat dari “{plan.source}”: {len(sc.kpis)} IKU, periode {', '.join(sc.periods())}. "
                    + equal_weights_note().id)
    st.success(ss[_K_MSG], icon=":material/check_circle:")

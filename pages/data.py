"""Data: load a workbook (all or nothing), download templates, see and edit the scorecard in place.

* Upload: a full workbook replaces the scorecard; a workbook (or CSV) with only Data, Anchors or
  Notes rows updates the current one (:func:`scorecard.io.workbook.read_workbook` with ``base``).
  Nothing changes unless the whole file is valid; the validation report names sheet and cell.
* Edits: every table is a form. On *Save* all its changed cells are read with the upload rules
  (:func:`scorecard.io.numbers.parse_value`, :func:`scorecard.model.validate`) and committed as one
  change; one bad cell refuses the whole save and names its row and column.
"""

from __future__ import annotations

import html
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.charts.scores import unit_label, value_text
from scorecard.io import workbook
from scorecard.io.numbers import parse_value, ratio_value
from scorecard.messages import Problem
from scorecard.method import lights
from scorecard.model import Anchor, Measurement, Scorecard, validate
from scorecard.ui import components, state, table_import
from scorecard.ui.state import tr

log = logging.getLogger(__name__)

UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "csv"]
MAX_UPLOAD_MB = 20
MAX_REPORT_ROWS = 40
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_K_DONE = "data_upload_done"  # file_id of the last processed upload
_K_OUTCOME = "data_upload_outcome"  # what happened to it (shown on every rerun)
_K_NONCE = "data_edit_nonce"  # bumped by "Discard" to reset the editors
_K_EDIT_MSG = "data_edit_msg"  # {table: (kind, [lines])} after a save


# ---- upload ---------------------------------------------------------------------------------------

@dataclass
class UploadOutcome:
    """What an upload did; problems are kept whole so they show in the current language."""

    filename: str
    status: str  # "ok" | "errors" | "crash"
    mode: str = ""  # "replace" | "update"
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    kpis: int = 0
    periods: list[str] = field(default_factory=list)
    changed: int = 0


def _is_update(res: workbook.ReadResult, filename: str) -> bool:
    """True when the file has no structure sheets (a Data/Anchors/Notes update or a CSV)."""
    pre = res.preflight
    if pre is not None and pre.kind == "csv":
        return True
    names = [s.name for s in (pre.sheets if pre is not None else [])]
    structure = {workbook.norm(n) for k in workbook.STRUCTURE_SHEETS for n in workbook.SHEETS[k].names}
    return bool(names) and not any(workbook.norm(n) in structure for n in names)


def _changed_values(old: Scorecard, new: Scorecard) -> list[dict[str, Any]]:
    """Audit entries for the targets and actuals that an update changed."""
    out: list[dict[str, Any]] = []
    for m in new.measurements:
        o = old.measurement(m.kpi, m.period)
        for what in ("target", "actual"):
            before = getattr(o, what) if o is not None else None
            after = getattr(m, what)
            if before != after:
                out.append({"kind": what, "target": f"{m.kpi} {m.period}", "before": before, "after": after})
    return out


def process_upload(data: bytes, filename: str) -> UploadOutcome:
    """Read an upload against the working scorecard and commit it when it has no errors.

    All or nothing: on any error (or an unexpected exception) the working scorecard is untouched.
    """
    current = state.scorecard()
    try:
        res = workbook.read_workbook(data, filename, base=current)
        update = _is_update(res, filename)
        if res.scorecard is None or res.report.errors:
            return UploadOutcome(filename, "errors", "update" if update else "replace", list(res.report.errors),
                                 list(res.report.warnings))
        new = res.scorecard
        changes = _changed_values(current, new)
        audit = [{"kind": "upload", "target": filename, "before": None,
                  "after": f"{len(new.kpis)} KPIs, {len(new.periods())} periods"}]
        if update:
            audit += changes
        state.commit(new, kind="upload", detail=filename, audit=audit)
        return UploadOutcome(filename, "ok", "update" if update else "replace", [], list(res.report.warnings),
                             len(new.kpis), new.periods(), len(changes))
    except Exception:  # noqa: BLE001 - never show a traceback; the scorecard is untouched
        log.exception("upload of %r failed", filename)
        return UploadOutcome(filename, "crash")


def _problem_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    rows = [{tr("Sheet", "Lembar"): p.sheet or "—", tr("Cell", "Sel"): p.cell or "—",
             tr("Value found", "Nilai yang ditemukan"): p.value or "",
             tr("Problem", "Masalah"): p.what.text(lang),
             tr("How to fix", "Cara memperbaiki"): p.fix.text(lang) if p.fix is not None else ""}
            for p in problems]
    return pd.DataFrame(rows)


def _problem_styler(frame: pd.DataFrame) -> pd.io.formats.style.Styler:
    """The report table for the screen: long texts get room, an empty fix column is left out."""
    fix = tr("How to fix", "Cara memperbaiki")
    if fix in frame.columns and not frame[fix].astype(bool).any():
        frame = frame.drop(columns=[fix])
    wide = [c for c in (tr("Problem", "Masalah"), fix) if c in frame.columns]
    return (frame.style.hide(axis="index")
            .set_properties(subset=wide, **{"min-width": "22em", "white-space": "normal"})
            .set_properties(subset=[tr("Cell", "Sel")], **{"font-weight": "700", "white-space": "nowrap"}))


def _report_csv(outcome: UploadOutcome, lang: str) -> bytes:
    frames = []
    for kind, items in ((tr("error", "kesalahan"), outcome.errors), (tr("warning", "peringatan"), outcome.warnings)):
        f = _problem_frame(items, lang)
        f.insert(0, tr("Type", "Jenis"), kind)
        frames.append(f)
    return ("\ufeff" + pd.concat(frames).to_csv(index=False)).encode("utf-8")


REPORT_CSS = """<style>
[class*="st-key-data_report"] td [data-testid="stMarkdownContainer"]{max-width:none}
</style>"""


def _problem_table(problems: list[Problem], lang: str, which: str) -> None:
    st.html(REPORT_CSS)
    with st.container(key=f"data_report_{which}"):
        st.table(_problem_styler(_problem_frame(problems[:MAX_REPORT_ROWS], lang)), hide_index=True)
    if len(problems) > MAX_REPORT_ROWS:
        more = len(problems) - MAX_REPORT_ROWS
        st.caption(tr(f"… and {more} more (download the full list below).",
                      f"… dan {more} lainnya (unduh daftar lengkap di bawah)."))


def _show_outcome(outcome: UploadOutcome) -> None:
    lang = state.lang()
    name = html.escape(outcome.filename)
    if outcome.status == "crash":
        st.error(tr(f"Something unexpected went wrong while reading “{name}”. Nothing was changed: your scorecard "
                    "is as it was. Check that the file is an Excel workbook made from the template, or send it to "
                    "the person who supports this tool.",
                    f"Terjadi kesalahan tak terduga saat membaca “{name}”. Tidak ada yang diubah: kartu skor Anda "
                    "tetap seperti semula. Pastikan berkas itu buku kerja Excel yang dibuat dari templat, atau "
                    "kirimkan berkas itu kepada pengelola aplikasi ini."), icon=":material/error:")
        return
    if outcome.status == "errors":
        n = len(outcome.errors)
        st.error(tr(f"“{name}” was NOT loaded: {n} problem(s) must be fixed first. Nothing was changed — your "
                    "scorecard is as it was. Fix the cells listed below in Excel and upload the file again.",
                    f"“{name}” TIDAK dimuat: {n} masalah harus diperbaiki dahulu. Tidak ada yang diubah — kartu "
                    "skor Anda tetap seperti semula. Perbaiki sel yang tercantum di bawah di Excel, lalu unggah "
                    "lagi."), icon=":material/error:")
        st.markdown(f"**{tr('Errors (must be fixed)', 'Kesalahan (harus diperbaiki)')}**")
        _problem_table(outcome.errors, lang, "errors")
    else:
        periods = ", ".join(outcome.periods) or "—"
        if outcome.mode == "update":
            st.success(tr(f"“{name}” loaded: the current scorecard was updated — {outcome.changed} target/actual "
                          f"value(s) changed. Now {outcome.kpis} KPIs, {len(outcome.periods)} period(s): {periods}.",
                          f"“{name}” dimuat: kartu skor saat ini diperbarui — {outcome.changed} nilai target/"
                          f"realisasi berubah. Sekarang {outcome.kpis} IKU, {len(outcome.periods)} periode: "
                          f"{periods}."), icon=":material/check_circle:")
        else:
            st.success(tr(f"“{name}” loaded: the scorecard was replaced — {outcome.kpis} KPIs, "
                          f"{len(outcome.periods)} period(s): {periods}.",
                          f"“{name}” dimuat: kartu skor diganti — {outcome.kpis} IKU, {len(outcome.periods)} "
                          f"periode: {periods}."), icon=":material/check_circle:")
    if outcome.warnings:
        head = tr("Warnings (worth checking, nothing blocked)", "Peringatan (perlu dicek, tidak menghalangi)")
        st.markdown(f"**{head} — {len(outcome.warnings)}**")
        _problem_table(outcome.warnings, lang, "warnings")
    if outcome.errors or outcome.warnings:
        st.download_button(tr("Download this list (CSV)", "Unduh daftar ini (CSV)"), icon=":material/download:",
                           data=_report_csv(outcome, lang),
                           file_name=f"{tr('check', 'periksa')}_{outcome.filename}.csv",
                           mime="text/csv", on_click="ignore", key="data_report_csv")


def _upload_section() -> None:
    st.subheader(tr("1. Load a workbook", "1. Muat buku kerja"))
    st.caption(tr("A full workbook (with the Perspectives, Objectives and KPIs sheets) replaces the scorecard. "
                  "A workbook with only a Data sheet (or a CSV of Data rows) updates targets and actuals of the "
                  "current one. Nothing changes unless the whole file is valid.",
                  "Buku kerja lengkap (dengan lembar Perspektif, Sasaran dan IKU) mengganti kartu skor. Buku kerja "
                  "yang hanya berisi lembar Data (atau CSV berisi baris Data) memperbarui target dan realisasi "
                  "kartu skor saat ini. Tidak ada yang berubah kecuali seluruh berkas valid."))
    uploaded = st.file_uploader(tr("Excel workbook or CSV (up to 20 MB)", "Buku kerja Excel atau CSV (maks. 20 MB)"),
                                type=UPLOAD_TYPES, key="data_upload_file", max_upload_size=MAX_UPLOAD_MB)
    ss = st.session_state
    if uploaded is None:
        ss.pop(_K_OUTCOME, None)
        return
    if ss.get(_K_DONE) != uploaded.file_id:
        with st.spinner(tr("Checking the workbook…", "Memeriksa buku kerja…")):
            ss[_K_OUTCOME] = process_upload(uploaded.getvalue(), uploaded.name)
        ss[_K_DONE] = uploaded.file_id
    outcome = ss.get(_K_OUTCOME)
    if outcome is not None:
        _show_outcome(outcome)


# ---- downloads ------------------------------------------------------------------------------------

def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in (text or "scorecard"))[:40]


def _downloads_section(sc: Scorecard) -> None:
    lang = state.lang()
    st.subheader(tr("2. Templates and downloads", "2. Templat dan unduhan"))
    c1, c2, c3 = st.columns(3)
    with c1:
        st.download_button(tr("Blank template", "Templat kosong"), icon=":material/download:",
                           data=lambda: workbook.template(lang),
                           file_name=f"{tr('scorecard_template', 'templat_kartu_skor')}.xlsx", mime=XLSX_MIME,
                           on_click="ignore", width="stretch", key="dl_tpl_blank",
                           help=tr("Empty sheets with instructions and example rows.",
                                   "Lembar kosong dengan petunjuk dan contoh baris."))
    with c2:
        st.download_button(tr("Template pre-filled with this scorecard", "Templat berisi kartu skor ini"),
                           icon=":material/download:",
                           data=lambda: workbook.template(lang, from_scorecard=sc),
                           file_name=f"{_safe_name(sc.name)}_{tr('template', 'templat')}.xlsx", mime=XLSX_MIME,
                           on_click="ignore", width="stretch", key="dl_tpl_filled",
                           help=tr("This scorecard's KPIs with rows ready for the next period's data.",
                                   "IKU kartu skor ini dengan baris siap diisi data periode berikutnya."))
    with c3:
        st.download_button(tr("This scorecard as a workbook", "Kartu skor ini sebagai buku kerja"),
                           icon=":material/download:",
                           data=lambda: workbook.write_workbook(sc, lang=lang),
                           file_name=f"{_safe_name(sc.name)}.xlsx", mime=XLSX_MIME, on_click="ignore",
                           width="stretch", key="dl_workbook",
                           help=tr("Everything: structure, data, anchors, judgments, notes. Upload it again later.",
                                   "Semuanya: struktur, data, anchor, perbandingan, catatan. Bisa diunggah lagi "
                                   "nanti."))


# ---- edits: shared plumbing ------------------------------------------------------------------------

@dataclass
class EditResult:
    """The outcome of applying a table's edits: a new scorecard (None when refused), audit, messages."""

    scorecard: Scorecard | None
    audit: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _where(row: int, code: str, column: str) -> str:
    return tr(f"Row {row} ({code}), column “{column}”", f"Baris {row} ({code}), kolom “{column}”")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _finish(new: Scorecard, audit: list[dict[str, Any]], errors: list[str], warnings: list[str]) -> EditResult:
    if not errors:
        errors = [p.text(state.lang()) for p in validate(new).errors]
    if errors:
        return EditResult(None, [], errors, warnings)
    return EditResult(new, audit, [], warnings)


def _parse(text: str, lang: str) -> tuple[Any, str, list[str]]:
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
        actual = (m.actual_text or value_text(m.actual, k.unit, lang)) if m is not None and (
            m.actual_text or m.actual is not None) else ""
        rows.append({"kpi": k.code, "name": k.name(lang), "unit": unit_label(k.unit, lang, k.direction),
                     "target": value_text(m.target, k.unit, lang) if m is not None and m.target is not None else "",
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
            typed, shown = _text(after.iloc[i][col]), _text(before.iloc[i][col])
            if typed == shown:
                continue
            p, err, warns = _parse(typed, lang)
            where = _where(i + 1, code, labels[col])
            if err:
                errors.append(f"{where}: {err}")
                continue
            warnings += [f"{where}: {w}" for w in warns]
            value = None if p.is_missing else ratio_value(p, kpi.ratio_use)
            if col == "target":
                if value == m.target:
                    continue  # the same number typed another way
                audit.append({"kind": "target", "target": f"{code} {period}", "before": m.target, "after": value})
                m.target = value
            else:
                audit.append({"kind": "actual", "target": f"{code} {period}", "before": m.actual_text or m.actual,
                              "after": typed})
                m.actual = value
                m.actual_text = "" if p.is_missing else typed
                m.numerator, m.denominator = (p.numerator, p.denominator) if p.kind == "ratio" else (None, None)
            touched = True
        if touched:
            new.set_measurement(m)
    return _finish(new, audit, errors, warnings)


# ---- the structure: KPIs, perspectives and objectives -------------------------------------------------

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
            typed, shown = _text(after.iloc[i][col]), _text(before.iloc[i][col])
            if typed == shown:
                continue
            where = _where(i + 1, code, labels[col])
            if col == "worst":
                p, err, warns = _parse(typed, lang)
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
    return _finish(new, audit, errors, warnings)


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
            typed, shown = _text(after.iloc[i][col]), _text(before.iloc[i][col])
            if typed == shown:
                continue
            err = _name_check(typed, _where(i + 1, code, labels[col]), col == "name_en")
            if err:
                errors.append(err)
                continue
            audit.append({"kind": "setting", "target": f"{code} {col}", "before": getattr(item, col), "after": typed})
            setattr(item, col, typed)
    return _finish(new, audit, errors, [])


# ---- anchors ----------------------------------------------------------------------------------------

ANCHOR_COLS = ("kpi", "level", "value", "period", "note")


def _all_periods_label() -> str:
    return tr("(all periods)", "(semua periode)")


def anchors_frame(sc: Scorecard, lang: str) -> pd.DataFrame:
    units = {k.code: k.unit for k in sc.kpis}
    rows = [{"kpi": a.kpi, "level": a.level, "value": value_text(a.value, units.get(a.kpi, ""), lang),
             "period": a.period or _all_periods_label(), "note": a.note} for a in sc.anchors]
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
        code, typed, ptext = _text(row.get("kpi")), _text(row.get("value")), _text(row.get("period"))
        level = row.get("level")
        if not code and not typed and (level is None or pd.isna(level)):
            continue  # an empty new row
        if code not in codes:
            errors.append(f"{_where(i, code or '—', col['kpi'])}: " + tr("choose one of the scorecard's KPIs.",
                                                                          "pilih salah satu IKU kartu skor."))
            continue
        if level is None or pd.isna(level) or not float(level).is_integer() or not 0 <= int(level) <= 10:
            errors.append(f"{_where(i, code, col['level'])}: " + tr("a whole number from 0 to 10 is needed.",
                                                                     "harus bilangan bulat 0 sampai 10."))
            continue
        period = None if ptext in ("", _all_periods_label()) else ptext
        if period is not None and period not in periods:
            errors.append(f"{_where(i, code, col['period'])}: " + tr(f"unknown period “{ptext}”.",
                                                                      f"periode “{ptext}” tidak dikenal."))
            continue
        p, err, warns = _parse(typed, lang)
        if err or p.value is None:
            errors.append(f"{_where(i, code, col['value'])}: " + (err or tr("a value is needed.",
                                                                             "nilai wajib diisi.")))
            continue
        warnings += [f"{_where(i, code, col['value'])}: {w}" for w in warns]
        key = (code, int(level), period)
        if key in seen:
            errors.append(f"{_where(i, code, col['level'])}: " + tr(f"level {int(level)} is already set in row "
                                                                     f"{seen[key]} for the same period.",
                                                                     f"level {int(level)} sudah diisi di baris "
                                                                     f"{seen[key]} untuk periode yang sama."))
            continue
        seen[key] = i
        kpi = new.kpi(code)
        anchors.append(Anchor(code, int(level), float(ratio_value(p, kpi.ratio_use)), period, _text(row.get("note"))))
    old = {(a.kpi, a.level, a.period): a.value for a in sc.anchors}
    now = {(a.kpi, a.level, a.period): a.value for a in anchors}
    audit = [{"kind": "anchor", "target": f"{k[0]} level {k[1]} {k[2] or 'all'}", "before": old.get(k),
              "after": now.get(k)} for k in sorted(set(old) | set(now), key=str) if old.get(k) != now.get(k)]
    new.anchors = anchors
    if not audit and not errors and [(a.note) for a in anchors] != [(a.note) for a in sc.anchors]:
        audit = [{"kind": "anchor", "target": "notes", "before": None, "after": None}]
    return _finish(new, audit, errors, warnings)


# ---- edit forms ---------------------------------------------------------------------------------------

def _editor_key(name: str) -> str:
    """A key that changes with every commit, Discard, language and period (a fresh editor each time)."""
    return (f"data_ed_{name}_{state.revision()}_{st.session_state.get(_K_NONCE, 0)}_{state.lang()}_"
            f"{state.period()}")


def _edit_form(name: str, frame: pd.DataFrame, config: dict[str, Any], disabled: list[str],
               apply: Callable[[pd.DataFrame], EditResult], *, dynamic: bool = False) -> None:
    """A table in a form with Save / Discard; Save commits all edits as one change or refuses them all."""
    with st.form(f"data_form_{name}", border=False):
        rows = len(frame) + (1 if dynamic else 0)
        edited = st.data_editor(frame, key=_editor_key(name), hide_index=True, width="stretch",
                                height=min(36 + 35 * max(rows, 1), 36 + 35 * 30), column_config=config,
                                disabled=disabled, num_rows="dynamic" if dynamic else "fixed")
        b1, b2, _ = st.columns([1, 1, 4])
        save = b1.form_submit_button(tr("Save changes", "Simpan perubahan"), type="primary", width="stretch")
        discard = b2.form_submit_button(tr("Discard", "Batalkan"), width="stretch")
    msgs = st.session_state.setdefault(_K_EDIT_MSG, {})
    if discard:
        st.session_state[_K_NONCE] = st.session_state.get(_K_NONCE, 0) + 1
        msgs.pop(name, None)
        st.rerun()
    if save:
        try:
            res = apply(edited)
        except Exception:  # noqa: BLE001 - a bug must not show a traceback; nothing is changed
            log.exception("applying edits to %s failed", name)
            res = EditResult(None, [], [tr("Something unexpected went wrong; nothing was changed.",
                                           "Terjadi kesalahan tak terduga; tidak ada yang diubah.")])
        if res.scorecard is None:
            msgs[name] = ("error", res.errors)
        elif not res.audit:
            msgs[name] = ("info", [tr("Nothing to save: no value changed.", "Tidak ada yang disimpan: tidak ada nilai "
                                                                          "yang berubah.")])
        else:
            state.commit(res.scorecard, kind="edit", detail=f"data page: {name}", audit=res.audit)
            msgs.clear()
            msgs[name] = ("success", [tr(f"Saved {len(res.audit)} change(s).",
                                         f"{len(res.audit)} perubahan tersimpan.")] + res.warnings)
            st.rerun()
    item = msgs.get(name)
    if item:
        kind, lines = item
        if kind == "error":
            st.error(tr("Not saved — nothing was changed. Correct these cells and press Save again "
                        "(or Discard to go back to the saved values):",
                        "Tidak disimpan — tidak ada yang diubah. Perbaiki sel berikut lalu tekan Simpan lagi "
                        "(atau Batalkan untuk kembali ke nilai tersimpan):") + "\n\n"
                     + "\n".join(f"- {line}" for line in lines), icon=":material/error:")
        elif kind == "success":
            st.success(lines[0], icon=":material/check_circle:")
            st.toast(lines[0], icon=":material/check_circle:")
            if len(lines) > 1:
                st.warning("\n".join(f"- {line}" for line in lines[1:]))
            msgs.pop(name, None)
        else:
            st.info(lines[0])
            msgs.pop(name, None)


def _text_col(label: str, **kw: Any) -> Any:
    return st.column_config.TextColumn(label, **kw)


def _data_section(sc: Scorecard, period: str) -> None:
    lang = state.lang()
    st.subheader(tr(f"3. Data for period {period}", f"3. Data periode {period}"))
    st.caption(tr("Actuals are shown exactly as typed. Type numbers as you would in Excel "
                  "(Rp 52.295.456.000, 35,73%, 1035/249.137, 3 days). Change the period in the sidebar.",
                  "Realisasi ditampilkan persis seperti diketik. Ketik angka seperti di Excel "
                  "(Rp 52.295.456.000, 35,73%, 1035/249.137, 3 hari). Ganti periode di bilah samping."))
    before = data_frame(sc, period, lang)
    config = {"kpi": _text_col(tr("KPI", "IKU"), width=55, pinned=True),
              "name": _text_col(tr("Name", "Nama"), width=260),
              "unit": _text_col(tr("Unit", "Satuan"), width="small",
                                help=tr("↑ higher is better, ↓ lower is better",
                                        "↑ makin tinggi makin baik, ↓ makin rendah makin baik")),
              "target": _text_col(tr("Target ✎", "Target ✎"), width=170, alignment="right"),
              "actual": _text_col(tr("Actual ✎", "Realisasi ✎"), width=170, alignment="right"),
              "level": _text_col(tr("Level", "Level"), width=65, alignment="right"),
              "light": _text_col(tr("Light", "Lampu"), width=90)}
    _edit_form("data", before, config, ["kpi", "name", "unit", "level", "light"],
               lambda after: apply_data_edits(sc, period, before, after, lang))


def _structure_section(sc: Scorecard) -> None:
    lang = state.lang()
    st.subheader(tr("4. Perspectives → objectives → KPIs", "4. Perspektif → sasaran → IKU"))
    st.caption(tr("Names and worst values (OMAX level 0) can be changed here; codes, units and directions come "
                  "from the workbook.",
                  "Nama dan nilai terburuk (level 0 OMAX) dapat diubah di sini; kode, satuan dan arah berasal dari "
                  "buku kerja."))
    before = kpi_frame(sc, lang)
    config = {"perspective": _text_col(tr("Perspective", "Perspektif"), width=95),
              "objective": _text_col(tr("Objective", "Sasaran"), width=170),
              "kpi": _text_col(tr("KPI", "IKU"), width=50),
              "name_en": _text_col(tr("Name (English) ✎", "Nama (Inggris) ✎"), width=180, max_chars=200),
              "name_id": _text_col(tr("Name (Indonesian) ✎", "Nama (Indonesia) ✎"), width=180, max_chars=200),
              "unit": _text_col(tr("Unit", "Satuan"), width=75,
                                help=tr("↑ higher is better, ↓ lower is better",
                                        "↑ makin tinggi makin baik, ↓ makin rendah makin baik")),
              "worst": _text_col(tr("Worst (level 0) ✎", "Terburuk (level 0) ✎"), width=150, alignment="right")}
    _edit_form("kpis", before, config, ["perspective", "objective", "kpi", "unit"],
               lambda after: apply_kpi_edits(sc, before, after, lang))
    with st.expander(tr("Names of perspectives and objectives", "Nama perspektif dan sasaran")):
        nb = names_frame(sc)
        nconfig = {"what": _text_col(tr("Level", "Tingkat"), width="small"),
                   "code": _text_col(tr("Code", "Kode"), width="small"),
                   "name_en": _text_col(tr("Name (English) ✎", "Nama (Inggris) ✎"), width="large", max_chars=200),
                   "name_id": _text_col(tr("Name (Indonesian) ✎", "Nama (Indonesia) ✎"), width="large",
                                        max_chars=200)}
        _edit_form("names", nb, nconfig, ["what", "code"], lambda after: apply_name_edits(sc, nb, after, lang))


def _anchors_section(sc: Scorecard) -> None:
    lang = state.lang()
    st.subheader(tr("5. Own OMAX anchors", "5. Anchor OMAX sendiri"))
    st.caption(tr("By default level 10 = the target, level 3 = the previous period's actual and level 0 = the worst "
                  "value. A row here fixes another value at a level for one KPI (for one period or all). "
                  "Add rows at the bottom; select a row and press Delete to remove it.",
                  "Bawaannya level 10 = target, level 3 = realisasi periode sebelumnya dan level 0 = nilai terburuk. "
                  "Baris di sini menetapkan nilai lain pada suatu level untuk satu IKU (untuk satu periode atau "
                  "semua). Tambah baris di bawah; pilih baris lalu tekan Delete untuk menghapusnya."))
    before = anchors_frame(sc, lang)
    config = {"kpi": st.column_config.SelectboxColumn(tr("KPI", "IKU"), options=[k.code for k in sc.kpis],
                                                      required=True, width="small"),
              "level": st.column_config.NumberColumn(tr("Level", "Level"), min_value=0, max_value=10, step=1,
                                                     required=True, width="small"),
              "value": _text_col(tr("Value", "Nilai"), required=True, width=170, alignment="right"),
              "period": st.column_config.SelectboxColumn(tr("Period", "Periode"),
                                                         options=[_all_periods_label(), *sc.periods()],
                                                         default=_all_periods_label(), width="small"),
              "note": _text_col(tr("Note", "Catatan"), width="large", max_chars=300)}
    _edit_form("anchors", before, config, [], lambda after: apply_anchor_edits(sc, before, after, lang),
               dynamic=True)


# ---- the page ---------------------------------------------------------------------------------------

def render() -> None:
    st.title(tr("Data", "Data"))
    header = st.empty()
    _upload_section()
    table_import.render()  # "Import from your own table" (scorecard/ui/table_import.py)
    sc = state.scorecard()  # after the upload, which may have replaced it
    period = state.period()
    header.html(f'<div class="sc-muted">{html.escape(tr("Working scorecard", "Kartu skor aktif"))}: '
                f'<b>{html.escape(sc.name)}</b> · {len(sc.kpis)} {html.escape(tr("KPIs", "IKU"))} · '
                f'{html.escape(tr("periods", "periode"))}: {html.escape(", ".join(sc.periods()) or "—")}</div>')
    _downloads_section(sc)
    if not sc.kpis:
        st.info(tr("The scorecard has no KPIs yet: download the blank template, fill it in and load it above.",
                   "Kartu skor belum punya IKU: unduh templat kosong, isi, lalu muat di atas."))
        return
    if period:
        _data_section(sc, period)
    _structure_section(sc)
    _anchors_section(sc)


if __name__ == "__main__":
    render()

"""Loading a workbook on the Data page: the file uploader, reading the file against the working
scorecard (all or nothing) and the validation report (sheet, cell, value found, problem, how to fix),
with the full list as a CSV download.

A full workbook replaces the scorecard; one with only Data, Anchors or Notes rows (or a CSV) updates
it (:func:`scorecard.io.workbook.read_workbook` with ``base``). Nothing changes unless the whole file
is valid; an unexpected exception is logged and shown as a plain message, never a traceback. The
file is read outside the script thread (:mod:`scorecard.ui.jobs` / :mod:`scorecard.store.jobs`: a child
process with time and memory limits, a bounded number at once; "busy" when full), so one big upload
never stalls others.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.io import workbook
from scorecard.messages import Msg, Problem
from scorecard.model import Scorecard
from scorecard.ui import jobs, state
from scorecard.ui.state import tr

log = logging.getLogger(__name__)

UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "csv"]
MAX_UPLOAD_MB = 20
MAX_REPORT_ROWS = 40
_K_DONE = "data_upload_done"  # file_id of the last processed upload
_K_OUTCOME = "data_upload_outcome"  # what happened to it (shown on every rerun)


@dataclass
class UploadOutcome:
    """What an upload did; problems are kept whole so they show in the current language."""

    filename: str
    status: str  # "ok" | "errors" | "crash" | "job"
    mode: str = ""  # "replace" | "update"
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    kpis: int = 0
    periods: list[str] = field(default_factory=list)
    changed: int = 0
    message: Msg | None = None  # status "job": why the reading job gave no result (busy, too long, memory)
    problem: str = ""  # the job's problem code ("busy" | "timeout" | "memory" | "failed")


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
        job = jobs.run_outcome(workbook.read_workbook, data, filename, base=current)  # off the script thread
        if not job.ok:
            return UploadOutcome(filename, "job", message=job.message, problem=job.problem)
        res = job.value
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
    if outcome.status == "job" and outcome.message is not None:
        text = f"“{name}”: {outcome.message.text(lang)}"
        if outcome.problem == "busy":
            st.warning(text, icon=":material/hourglass_top:")
            st.button(tr("Try again", "Coba lagi"), icon=":material/refresh:", key="data_upload_retry")
        else:
            st.error(text, icon=":material/error:")
        return
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


def upload_section() -> None:
    """Section 1 of the Data page: the uploader and what the last upload did."""
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
        if ss[_K_OUTCOME].problem != "busy":  # busy: read it again on the next rerun ("Try again")
            ss[_K_DONE] = uploaded.file_id
    outcome = ss.get(_K_OUTCOME)
    if outcome is not None:
        _show_outcome(outcome)


"""Report downloads of the Scores page: the styled Excel report and the results CSV of a period
(built only when clicked, in a job process: :mod:`scorecard.ui.jobs`, :mod:`scorecard.reports.excel`)."""

from __future__ import annotations

from functools import partial  # the reports take lang as a keyword, and so does download_data

import streamlit as st

from scorecard.model import Scorecard
from scorecard.reports import excel as report
from scorecard.ui import jobs, state
from scorecard.ui.evidence_view import evidence_inputs
from scorecard.ui.state import tr


def report_downloads(sc: Scorecard, period: str) -> None:
    """The two download buttons, right-aligned."""
    lang = state.lang()
    inputs = evidence_inputs()  # read now: the download callback runs outside the page script
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in (sc.name or "scorecard"))[:40]
    with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
        st.download_button(tr("Report (Excel)", "Laporan (Excel)"), icon=":material/download:",
                           data=jobs.download_data(lang, partial(report.export_report, lang=lang, evidence=inputs), sc, period),
                           file_name=f"{safe}_{tr('report', 'laporan')}_{period}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", key="dl_report",
                           help=tr("Summary, one OMAX matrix per perspective, AHP weights, the actions list and "
                                   "the evidence status.", "Ringkasan, satu matriks OMAX per perspektif, bobot AHP, "
                                   "daftar tindak lanjut dan status bukti dukung."))
        st.download_button(tr("Results (CSV)", "Hasil (CSV)"), icon=":material/download:",
                           data=jobs.download_data(lang, partial(report.export_csv, lang=lang), sc, period),
                           file_name=f"{safe}_{tr('results', 'hasil')}_{period}.csv", mime="text/csv",
                           on_click="ignore", key="dl_csv",
                           help=tr("One row per KPI, for other tools.", "Satu baris per IKU, untuk aplikasi lain."))


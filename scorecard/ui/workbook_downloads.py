"""Workbook downloads on the Data page: the blank template, a template pre-filled with the working
scorecard, and the whole scorecard as a workbook (built only when clicked)."""

from __future__ import annotations

import streamlit as st

from scorecard.io import workbook
from scorecard.model import Scorecard
from scorecard.ui import state
from scorecard.ui.state import tr

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe_name(text: str) -> str:
    """A file-name-safe form of ``text`` (letters, digits, - and _; at most 40 characters)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in (text or "scorecard"))[:40]


def downloads_section(sc: Scorecard) -> None:
    """Section 2 of the Data page: three download buttons."""
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


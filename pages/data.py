"""Data: load a workbook (all or nothing), download templates, see and edit the scorecard in place.

* Upload: a full workbook replaces the scorecard; a workbook (or CSV) with only Data, Anchors or
  Notes rows updates the current one (:func:`scorecard.io.workbook.read_workbook` with ``base``).
  Nothing changes unless the whole file is valid; the validation report names sheet and cell.
* Edits: every table is a form. On *Save* all its changed cells are read with the upload rules
  (:func:`scorecard.io.numbers.parse_value`, :func:`scorecard.model.validate`) and committed as one
  change; one bad cell refuses the whole save and names its row and column.

The sections live in :mod:`scorecard.ui.upload`, :mod:`scorecard.ui.workbook_downloads` and
:mod:`scorecard.ui.data_editor` (tables and their edit rules: :mod:`scorecard.ui.table_edits`,
:mod:`scorecard.ui.structure_edits`); "Import from your own table" in :mod:`scorecard.ui.table_import`.
"""

from __future__ import annotations

import html

import streamlit as st

from scorecard.ui import state, table_import
from scorecard.ui.data_editor import anchors_section, data_section, structure_section
from scorecard.ui.evidence_view import evidence_section
from scorecard.ui.kpi_manual_view import manual_section
from scorecard.ui.kpi_quality_view import quality_section
from scorecard.ui.state import tr
from scorecard.ui.upload import upload_section
from scorecard.ui.workbook_downloads import downloads_section


def render() -> None:
    """The Data page: upload, downloads, then the editable tables."""
    st.title(tr("Data", "Data"))
    header = st.empty()
    upload_section()
    table_import.render()  # "Import from your own table" (scorecard/ui/table_import.py)
    sc = state.scorecard()  # after the upload, which may have replaced it
    period = state.period()
    header.html(f'<div class="sc-muted">{html.escape(tr("Working scorecard", "Kartu skor aktif"))}: '
                f'<b>{html.escape(sc.name)}</b> · {len(sc.kpis)} {html.escape(tr("KPIs", "IKU"))} · '
                f'{html.escape(tr("periods", "periode"))}: {html.escape(", ".join(sc.periods()) or "—")}</div>')
    downloads_section(sc)
    if not sc.kpis:
        st.info(tr("The scorecard has no KPIs yet: download the blank template, fill it in and load it above.",
                   "Kartu skor belum punya IKU: unduh templat kosong, isi, lalu muat di atas."))
        return
    if period:
        data_section(sc, period)
    structure_section(sc)
    anchors_section(sc)
    quality_section(state.scorecard())  # sections 6-8 (issue #16); each reads the scorecard after edits above
    manual_section(state.scorecard())
    if period:
        evidence_section(state.scorecard(), period)


if __name__ == "__main__":
    render()

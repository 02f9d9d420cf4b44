"""Streamlit helpers: the only Streamlit code outside ``app.py`` and ``pages/``.

Pages (``pages/*.py``, at most 200 lines each) only lay out; what they show lives here, one module
per thing shown:

* shared: :mod:`~scorecard.ui.state` (session scorecard, undo, language, period),
  :mod:`~scorecard.ui.persistence` (store, autosave, workspace link), :mod:`~scorecard.ui.components`
  (badges, cards, numbers, sidebar), :mod:`~scorecard.ui.pairwise` (the two-sided judgment slider)
* Data page: :mod:`~scorecard.ui.upload`, :mod:`~scorecard.ui.table_import`, :mod:`~scorecard.ui.workbook_downloads`,
  :mod:`~scorecard.ui.data_editor` (edit rules in :mod:`~scorecard.ui.table_edits` and
  :mod:`~scorecard.ui.structure_edits`)
* Weights page: :mod:`~scorecard.ui.judgments`, :mod:`~scorecard.ui.global_weights`,
  :mod:`~scorecard.ui.ahp_settings`, :mod:`~scorecard.ui.sensitivity`, :mod:`~scorecard.ui.scenarios`,
  shared bits in :mod:`~scorecard.ui.weights_common`
* Scores page: :mod:`~scorecard.ui.perspective_tab`, :mod:`~scorecard.ui.omax_table`,
  :mod:`~scorecard.ui.scale_fix`, :mod:`~scorecard.ui.followup_notes`, :mod:`~scorecard.ui.report_downloads`,
  :mod:`~scorecard.ui.scores_messages`
* Workshop page: :mod:`~scorecard.ui.workshop_participant`, :mod:`~scorecard.ui.workshop_create`,
  :mod:`~scorecard.ui.workshop_facilitator`, :mod:`~scorecard.ui.workshop_live`, shared bits in
  :mod:`~scorecard.ui.workshop_common`
"""

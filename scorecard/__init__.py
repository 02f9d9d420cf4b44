"""Balanced Scorecard engine: AHP weights, OMAX scoring, traffic lights (no Streamlit here).

Where each rule lives (one home each):

* :mod:`scorecard.model`      the dataclasses (scorecard, perspectives, objectives, KPIs, periods, settings)
* :mod:`scorecard.ahp`        pairwise matrices: priorities, CR, RI tables, hints, group aggregation
* :mod:`scorecard.weights`    local and global weights through the hierarchy
* :mod:`scorecard.omax`       OMAX scales, anchors, fallbacks and levels
* :mod:`scorecard.lights`     traffic-light bands, colours, shapes and words
* :mod:`scorecard.scoring`    a period's levels, values, subtotals and index
* :mod:`scorecard.numbers`    numbers and periods as people type them
* :mod:`scorecard.preflight`  upload safety checks on raw bytes
* :mod:`scorecard.workbook`   the workbook format: read, write, template
* :mod:`scorecard.report`     the styled report workbook and CSV export
* :mod:`scorecard.whatif`     sensitivity, consistency strips, scenarios, index movement
* :mod:`scorecard.messages`   bilingual messages and validation reports
* :mod:`scorecard.cli`        ``python -m scorecard ...``
"""

__all__ = ["ahp", "lights", "model", "omax", "scoring", "weights"]

"""Data page section: the indicator quality check (:mod:`scorecard.method.kpi_quality`).

A summary line ("7 of 22 indicators need attention"), how many findings each rule gave, and a
table of findings with the reason and a suggestion, filterable by rule and KPI. Advice only: it
never blocks scoring or editing.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scorecard.method.kpi_quality import QualityReport, check_kpis, rule_label
from scorecard.model import Scorecard
from scorecard.ui import state
from scorecard.ui.state import tr


def quality_report(sc: Scorecard) -> QualityReport:
    """The check of the working scorecard, computed once per revision."""
    cache = st.session_state.setdefault("_kpi_quality", {})
    key = (id(sc), state.revision())
    if key not in cache:
        cache.clear()
        cache[key] = check_kpis(sc)
    return cache[key]


def findings_frame(rep: QualityReport, lang: str, rules: list[str] | None = None) -> pd.DataFrame:
    """The findings as a table: KPI (or objective), rule, what was found, suggestion."""
    rows = [{tr("KPI", "IKU"): f.code, tr("Rule", "Aturan"): rule_label(f.rule, lang), tr("Finding", "Temuan"): f.message.text(lang),
             tr("Suggestion", "Saran"): f.suggestion.text(lang)}
            for f in rep.findings if rules is None or f.rule in rules]
    return pd.DataFrame(rows, columns=[tr("KPI", "IKU"), tr("Rule", "Aturan"), tr("Finding", "Temuan"),
                                       tr("Suggestion", "Saran")])


def quality_section(sc: Scorecard) -> None:
    """The indicator quality check of ``sc`` (summary, counts by rule, findings table)."""
    lang = state.lang()
    rep = quality_report(sc)
    st.subheader(tr("6. Indicator quality", "6. Mutu indikator"))
    summary = rep.summary().text(lang)
    if rep.findings:
        st.warning(summary, icon=":material/rule:")
    else:
        st.success(summary)
    if not rep.findings:
        return
    by_rule = rep.by_rule()
    st.caption(" · ".join(f"{rule_label(rule, lang)}: {n}" for rule, n in by_rule.items()))
    with st.expander(tr("Which indicators and why", "IKU mana dan mengapa"), expanded=False):
        picked = st.multiselect(tr("Rules", "Aturan"), list(by_rule), default=list(by_rule), key="kq_rules",
                                placeholder=tr("Choose one or more rules", "Pilih satu aturan atau lebih"),
                                format_func=lambda rule: rule_label(rule, lang))
        st.dataframe(findings_frame(rep, lang, picked), hide_index=True, width="stretch",
                     column_config={tr("Finding", "Temuan"): st.column_config.TextColumn(width="large"),
                                    tr("Suggestion", "Saran"): st.column_config.TextColumn(width="large")})
        st.caption(tr("Advice only: findings never block scoring. The rules are listed in the README "
                      "(Good indicators). Formula and data source come from the KPI manual below.",
                      "Hanya saran: temuan tidak pernah menghalangi penilaian. Aturannya tercantum di README "
                      "(Good indicators). Rumus dan sumber data diambil dari Manual IKU di bawah."))

"""AHP settings of the Weights page: priority method (eigenvector, approximate, geometric mean), the
Random Index table (Saaty or Alonso & Lamata) and the consistency policy (CR <= 0.10, or by size).
A change is one ``state.commit`` with an audit entry.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from scorecard.model import Scorecard
from scorecard.ui import state
from scorecard.ui import weights_common as common
from scorecard.ui.state import tr
from scorecard.ui.weights_common import SETTINGS_FIELDS


def _on_setting(field: str, key: str) -> None:
    sc = state.scorecard()
    old, new_value = getattr(sc.settings, field), st.session_state[key]
    if old == new_value:
        return
    new = dataclasses.replace(sc, settings=dataclasses.replace(sc.settings, **{field: new_value}))
    state.commit(new, kind="setting", detail=f"{field}: {old} -> {new_value}",
                 audit=[{"target": f"settings.{field}", "before": old, "after": new_value}])


def settings_expander(sc: Scorecard) -> None:
    """The "AHP settings" button with one radio per setting. It opens a popover that floats over the
    page (an expander would grow the top row and push the judgment sliders down)."""
    names = {
        "priority_method": {"eigen": tr("Eigenvector (Saaty)", "Vektor eigen (Saaty)"),
                            "approx": tr("Approximate: normalised columns, row means (hand method of the study)",
                                         "Pendekatan: kolom dinormalkan, rata-rata baris (cara manual studi)"),
                            "geometric": tr("Geometric mean of rows (consistency by GCI: 0.31 / 0.35 / 0.37)",
                                            "Rata-rata geometrik baris (konsistensi dengan GCI: 0,31 / 0,35 / 0,37)")},
        "ri_table": {"saaty": "Saaty (1980)", "alonso-lamata": "Alonso & Lamata (2006)"},
        "cr_policy": {"fixed": tr("CR ≤ 0.10 for every size", "CR ≤ 0,10 untuk semua ukuran"),
                      "by-size": tr("By size: 0.05 (3 items), 0.08 (4), 0.10 (5 or more)",
                                    "Menurut ukuran: 0,05 (3 elemen), 0,08 (4), 0,10 (5 atau lebih)")},
    }
    labels = {"priority_method": tr("Priority method", "Metode prioritas"),
              "ri_table": tr("Random Index table", "Tabel Indeks Acak (RI)"),
              "cr_policy": tr("When is a comparison consistent?", "Kapan perbandingan dianggap konsisten?")}
    with st.popover(tr("AHP settings", "Pengaturan AHP"), icon=":material/settings:", width="stretch"):
        for field in SETTINGS_FIELDS:
            key = common.wkey(f"w_set_{field}")
            common.sync(key, getattr(sc.settings, field))
            opts = list(names[field])
            if st.session_state[key] not in opts:
                opts.append(st.session_state[key])
            st.radio(labels[field], opts, key=key, format_func=lambda v, f=field: names[f].get(v, v),
                     on_change=_on_setting, args=(field, key))


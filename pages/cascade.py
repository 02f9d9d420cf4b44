"""Cascade: the performance tree from the office to its units and employees, and the chain behind a red KPI."""

from __future__ import annotations

import streamlit as st

from scorecard import display
from scorecard.charts.tree import tree_nodes
from scorecard.charts.tree_html import tree_html
from scorecard.ui import cascade_view as cv
from scorecard.ui.components import badge_html
from scorecard.ui.state import lang, tr

tree, revision, grant = cv.current()
periods = cv.periods(tree)
codes = tree.subtree(tree.root().code)
with st.sidebar:
    st.divider()
    st.markdown(f"**{tr('Performance tree', 'Pohon kinerja')}**")
    unit = st.selectbox(tr("Unit", "Unit kerja"), codes, format_func=lambda c: cv.unit_label(tree, c),
                        key="cascade_unit")
    period = st.selectbox(tr("Tree period", "Periode pohon"), periods, index=len(periods) - 1,
                          key="cascade_period") if periods else None
res = cv.result(tree, revision, period)

st.title(tr("Cascade: performance tree", "Kaskade: pohon kinerja"))
cv.demo_banner()  # while the example is shown: says so, offers the blank workbook and the upload
root = res.units[tree.root().code]
st.html(f"<div style='font-size:1.25rem'>{tree.root().label(lang())} · {res.period} · "
        f"{tr('index', 'indeks')} <b>{display.level(root.index, lang())}</b> {badge_html(root.light)}</div>")
if grant is not None:
    st.caption(tr(f"Opened with {'an edit' if grant.role == 'edit' else 'a view'} link for unit {grant.unit}.",
                  f"Dibuka dengan tautan {'ubah' if grant.role == 'edit' else 'lihat'} untuk unit {grant.unit}."))
if not res.report.ok:
    st.error(res.report.text(lang()))

expand = st.multiselect(tr("Expand units (show their KPIs and employees)",
                           "Buka unit (tampilkan IKU dan pegawainya)"), codes, default=[],
                        format_func=lambda c: cv.unit_label(tree, c), key="cascade_expand",
                        placeholder=tr("Choose units", "Pilih unit"))
st.html(tree_html(tree_nodes(res, set(expand), lang()), lang()))  # light HTML: no plotly.js (issue #13)
st.caption(tr("The office and its units, the unit pulling its parent down first (red first, then the shortest bar); "
              "expand units with the selector above to see their KPIs and employees. Σ marks a value computed from "
              "the units or employees below: point at it to see where it comes from.",
              "Kantor dan unitnya, unit yang menarik turun atasannya paling atas (merah dulu, lalu batang terpendek); "
              "buka unit dengan pilihan di atas untuk melihat IKU dan pegawainya. Σ menandai nilai yang dihitung dari "
              "unit atau pegawai di bawahnya: arahkan penunjuk ke Σ untuk melihat asal nilainya."))

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader(tr(f"KPIs of {unit}", f"IKU {unit}"))
    cv.unit_kpis(res, unit)
with right:
    st.subheader(tr("What is beneath a KPI", "Apa yang ada di bawah sebuah IKU"))
    ur = res.units[unit]
    kpis = [k.code for k in ur.score.kpis] if ur.score else []
    red = res.red_kpis(unit)
    kpis = red + [k for k in kpis if k not in red]
    if kpis:
        pick = st.selectbox(tr("KPI (red first)", "IKU (merah lebih dulu)"), kpis, key="cascade_kpi",
                            format_func=lambda c: f"{'■ ' if c in red else ''}{c} "
                                                  f"{ur.scorecard.kpi(c).name(lang())}")
        down = res.beneath(unit, pick, lang())
        st.html(cv.trace_table(down))
        worst = [c for c in down.children if c.light == "red"]
        if worst and down.light == "red":
            st.warning(tr("Pulled down by: ", "Ditarik turun oleh: ") + "; ".join(
                f"{c.unit} {c.code} ({tr('actual', 'realisasi')} {cv.num(c.actual)} / target {cv.num(c.target)})"
                for c in worst))

st.subheader(tr("A person's chain up to the office", "Rantai kinerja pegawai sampai ke kantor"))
scope = set(tree.subtree(unit))
people = {r.row.employee: r.row.person for r in res.skp if r.row.unit in scope}
if people:
    who = st.selectbox(tr("Employee", "Pegawai"), sorted(people, key=people.get), key="cascade_person",
                       format_func=lambda e: f"{people[e]} ({e})")
    for path in res.chains(who, lang()):
        st.html(cv.chain_html(path))
else:
    st.caption(tr("No SKP rows in this unit for the period.", "Tidak ada baris SKP di unit ini pada periode ini."))

with st.expander(tr("Alignment checks", "Pemeriksaan keselarasan")):
    cv.alignment(res)
with st.expander(tr("Upload a workbook", "Unggah buku kerja")):
    cv.upload(unit)
with st.expander(tr("Links, downloads and history", "Tautan, unduhan dan riwayat")):
    cv.links_and_export(tree, revision, grant, unit)

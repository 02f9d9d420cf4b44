"""Capaian, predikat and NKO on screen beside the OMAX index (METHOD §7), and the LKjIP / briefing downloads.

* :func:`view_choice`: "OMAX level" or "Capaian (%)"; the scorecard setting ``primary_view`` decides the
  default, the other is one click away (a segmented control per page).
* :func:`nko_card` and :func:`nko_perspective_cards`: NKO and predikat, next to the index cards.
* :func:`capaian_table`: the Pengukuran Kinerja table of a period; :func:`capaian_heatmap`: KPI x period.
* :func:`capaian_settings`: cap, predikat preset or own bands, primary view (committed as a copy).
* :func:`lkjip_downloads`: the LKjIP ``.docx`` and the briefing ``.pdf`` (built only when clicked).

Rules live in :mod:`scorecard.method.capaian`; the table data in :func:`scorecard.reports.lkjip.lkjip_report`.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from scorecard import display
from scorecard.method.capaian import CUSTOM, PRESETS, NkoResult, bands_of, check_bands, ink_on, nko
from scorecard.model import PredikatBand, Scorecard
from scorecard.reports.lkjip import LkjipReport, lkjip_report
from scorecard.ui import html_table, jobs, state
from scorecard.ui.state import tr

VIEWS = ("omax", "capaian")


def nko_result(period: str) -> NkoResult:
    """NKO of ``period`` for the working scorecard (memoised on the scorecard's revision)."""
    sc = state.scorecard()
    return state._cached(f"nko:{period}", lambda: nko(sc, period, state.weights()))  # noqa: SLF001


def _report(period: str) -> LkjipReport:
    sc, lang = state.scorecard(), state.lang()
    return state._cached(f"lkjip:{period}:{lang}", lambda: lkjip_report(sc, period, lang))  # noqa: SLF001


def view_choice(key: str) -> str:
    """The reading to show first on this page: "omax" or "capaian" (default: the scorecard's setting)."""
    sc = state.scorecard()
    names = {"omax": tr("OMAX level", "Level OMAX"), "capaian": tr("Capaian (%)", "Capaian (%)")}
    if st.session_state.get(key) not in VIEWS:
        st.session_state[key] = sc.settings.primary_view if sc.settings.primary_view in VIEWS else "omax"
    value = st.segmented_control(tr("Show", "Tampilkan"), list(VIEWS), key=key, format_func=names.get,
                                 help=tr("OMAX levels and capaian are two readings of the same targets and actuals. "
                                         "The scorecard setting 'primary view' chooses which comes first.",
                                         "Level OMAX dan capaian adalah dua pembacaan dari target dan realisasi yang "
                                         "sama. Pengaturan 'tampilan utama' menentukan mana yang pertama."))
    return value or "omax"


def predikat_html(band: PredikatBand | None, text: str | None = None) -> str:
    """A predikat badge: its colour and its word (never colour alone)."""
    if band is None:
        return '<span class="sc-muted">—</span>'
    label = text if text is not None else (band.label_id if state.lang() == "id" else band.label_en)
    return (f'<span class="sc-badge" style="background:{band.colour};color:{ink_on(band.colour)}">{html.escape(label)}</span>')


def nko_card(period: str) -> None:
    """NKO of the period, large, with its predikat and how KPIs without capaian were treated."""
    r = nko_result(period)
    value = display.capaian(r.nko, state.lang())
    note = f'<div class="sc-muted">{html.escape(r.note.text(state.lang()))}</div>' if r.note else ""
    st.html(f'<div class="sc-card"><div class="sc-muted">{html.escape(tr("NKO (weighted capaian)", "NKO (capaian tertimbang)"))}'
            f' — {html.escape(period)}</div><div class="sc-index">{value} '
            f'<span style="font-size:1.2rem;vertical-align:middle">{predikat_html(r.predikat)}</span></div>'
            f'{note}</div>')


def nko_line(period: str, font: str = "1.6rem") -> None:
    """One large line for the presenter: "NKO 85,59 % [Baik]"."""
    r = nko_result(period)
    value = display.capaian(r.nko, state.lang())
    st.html(f'<div style="font-size:{font};margin:.4rem 0">NKO {value} {predikat_html(r.predikat)}</div>')


def nko_perspective_cards(period: str) -> None:
    """One card per perspective: NKO, predikat and the part of its weight that has a capaian."""
    sc, r = state.scorecard(), nko_result(period)
    cols = st.columns(max(len(r.perspectives), 1))
    for col, g in zip(cols, r.perspectives, strict=False):
        with col:
            st.html(f'<div class="sc-card"><h4>{html.escape(sc.perspective(g.key).name(state.lang()))}</h4>'
                    f'<div>{predikat_html(g.predikat)}</div>'
                    f'<div class="sc-muted">NKO {display.capaian(g.nko, state.lang())} · '
                    f'{html.escape(tr("weight", "bobot"))} {display.weight(g.weight, state.lang())}</div></div>')


def capaian_table(period: str) -> None:
    """The Pengukuran Kinerja table of ``period`` (predikat cells coloured, with their words)."""
    rep = _report(period)
    cols = [tr("Objective", "Sasaran"), "No",
            tr("Performance indicator", "Indikator Kinerja"), tr("Unit", "Satuan"), "Target", "Realisasi",
            "Capaian (%)", "Predikat", tr("OMAX level", "Level OMAX")]
    rows, colours = [], []
    for p in rep.perspectives:
        for s in p.sasaran:
            for r in s.rows:
                rows.append([s.code, r.no, f"{r.code} {r.name}", r.unit, r.target, r.realisasi,
                             r.capaian_text, r.predikat or "—", r.level_text])
                colours.append(r.colour)
    frame = pd.DataFrame(rows, columns=cols)
    styled = frame.style.apply(lambda col: [f"background-color:{c};color:{ink_on(c)};font-weight:600" if c else ""
                                            for c in colours], subset=["Predikat"])
    st.dataframe(styled, hide_index=True, width="stretch",
                 column_config={cols[2]: st.column_config.TextColumn(width="medium")})
    for text in (rep.nko_note, rep.rule, rep.bands_source):
        if text:
            st.caption(text)
    missing = [f"{r.code}: {r.no_capaian}" for r in rep.rows if r.no_capaian]
    if missing:
        with st.expander(tr(f"{len(missing)} KPI(s) without capaian", f"{len(missing)} IKU tanpa capaian")):
            for m in missing:
                st.markdown(f"- {m}")


def capaian_heatmap() -> None:
    """KPI x period capaian, each cell "98,60 Sangat Baik" on its predikat colour."""
    sc, lang = state.scorecard(), state.lang()
    periods = sc.periods()
    cells: dict[str, list[str]] = {}
    fills: dict[str, list[str]] = {}
    for q in periods:
        caps = nko_result(q).capaian
        cells[q] = [("—" if caps[k.code].value is None else f"{display.capaian(caps[k.code].value, lang)} "
                     f"{caps[k.code].label(lang)}") for k in sc.kpis]
        fills[q] = [caps[k.code].predikat.colour if caps[k.code].predikat else "" for k in sc.kpis]
    records = [{tr("KPI", "IKU"): f"{k.code} {k.name(lang)}", **{q: cells[q][i] for q in periods}}
               for i, k in enumerate(sc.kpis)]
    style = {q: {t: f"background-color:{c};color:{ink_on(c)}" for t, c in zip(cells[q], fills[q], strict=True) if c}
             for q in periods}
    html_table.show(records, cell_style=style, nowrap=periods, max_height_px=900)  # light HTML, no data grid
    st.caption(" · ".join(f"NKO {q}: {display.capaian(nko_result(q).nko, lang)} {nko_result(q).label(lang)}"
                          for q in periods))


def capaian_settings() -> None:
    """Cap, predikat preset or own bands, and the primary view; saved as a new revision of the scorecard."""
    sc = state.scorecard()
    s = sc.settings
    lang = state.lang()
    with st.expander(tr("Capaian and predikat settings", "Pengaturan capaian dan predikat")):
        cap = st.number_input(tr("Cap on capaian (%)", "Batas atas capaian (%)"), min_value=100.0, max_value=1000.0,
                              value=float(s.capaian_cap), step=5.0, key="cap_cap")
        options = [*PRESETS, CUSTOM]
        names = {k: k for k in PRESETS} | {CUSTOM: tr("custom (edit the table)", "sendiri (ubah tabel)")}
        preset = st.selectbox(tr("Predikat bands", "Rentang predikat"), options, format_func=names.get,
                              index=options.index(s.predikat_preset) if s.predikat_preset in options else 0,
                              key="cap_preset")
        if preset in PRESETS:
            st.caption(tr("Source: ", "Sumber: ") + PRESETS[preset].source(lang))
        bands = bands_of(s) if preset == CUSTOM else PRESETS[preset].bands
        edited = st.data_editor(
            pd.DataFrame([list(b) for b in bands], columns=["lower", "label_id", "label_en", "colour"]),
            num_rows="dynamic" if preset == CUSTOM else "fixed", disabled=preset != CUSTOM, hide_index=True,
            key=f"cap_bands_{preset}",
            column_config={"lower": st.column_config.NumberColumn(tr("From capaian (>=, %)", "Mulai capaian (>=, %)")),
                           "label_id": st.column_config.TextColumn(tr("Label (Indonesian)", "Label (Indonesia)")),
                           "label_en": st.column_config.TextColumn(tr("Label (English)", "Label (Inggris)")),
                           "colour": st.column_config.TextColumn(tr("Colour (#RRGGBB)", "Warna (#RRGGBB)"))})
        view_names = {"omax": tr("OMAX level", "Level OMAX"), "capaian": "Capaian (%)"}
        primary = st.radio(tr("Primary view", "Tampilan utama"), list(VIEWS), format_func=view_names.get,
                           index=VIEWS.index(s.primary_view) if s.primary_view in VIEWS else 0, horizontal=True,
                           key="cap_primary")
        new_bands: tuple = ()
        if preset == CUSTOM:
            new_bands = tuple((float(r["lower"]), str(r["label_id"] or ""), str(r["label_en"] or ""),
                               str(r["colour"] or "").upper()) for _, r in edited.dropna(subset=["lower"]).iterrows())
            for problem in check_bands(new_bands):
                st.warning(problem.text(lang))
        if st.button(tr("Save capaian settings", "Simpan pengaturan capaian"), key="cap_save"):
            if preset == CUSTOM and not new_bands:
                st.error(tr("Give at least one band.", "Isi minimal satu predikat."))
                return
            new: Scorecard = sc.copy()
            new.settings.capaian_cap = float(cap)
            new.settings.predikat_preset = preset
            new.settings.predikat_bands = new_bands
            new.settings.primary_view = primary  # type: ignore[assignment]
            state.commit(new, kind="settings", detail="capaian")
            st.rerun()


def lkjip_downloads(sc: Scorecard, period: str) -> None:
    """Download buttons: LKjIP (Word) and briefing (PDF) of the period, in the session's language."""
    from scorecard.reports.briefing import build_briefing_pdf
    from scorecard.reports.lkjip import build_lkjip_docx
    from scorecard.ui.evidence_view import evidence_inputs

    lang = state.lang()
    evidence = evidence_inputs()  # read now: the download callback runs outside the page script
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in (sc.name or "scorecard"))[:40]
    with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
        st.download_button("LKjIP (Word)", icon=":material/description:",
                           data=jobs.download_data(lang, build_lkjip_docx, sc, period, lang, evidence=evidence),
                           file_name=f"{safe}_LKjIP_{period}.docx",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           on_click="ignore", key="dl_lkjip",
                           help=tr("Pengukuran Kinerja tables per perspective and sasaran, comparison with earlier "
                                   "periods, a chart per sasaran, causes and solutions: editable Word.",
                                   "Tabel Pengukuran Kinerja per perspektif dan sasaran, perbandingan dengan periode "
                                   "sebelumnya, grafik per sasaran, penyebab dan solusi: Word yang dapat diubah."))
        st.download_button(tr("Briefing (PDF)", "Ringkasan (PDF)"), icon=":material/picture_as_pdf:",
                           data=jobs.download_data(lang, build_briefing_pdf, sc, period, lang, evidence=evidence),
                           file_name=f"{safe}_{tr('briefing', 'ringkasan')}_{period}.pdf", mime="application/pdf",
                           on_click="ignore", key="dl_briefing",
                           help=tr("A4 landscape pages with large type: index and lights, strategy map, heatmap, red "
                                   "and yellow KPIs with their narrative, follow-up and evidence.",
                                   "Halaman A4 lanskap dengan huruf besar: indeks dan lampu, peta strategi, peta "
                                   "panas, IKU merah dan kuning beserta narasi, tindak lanjut, dan bukti dukungnya."))

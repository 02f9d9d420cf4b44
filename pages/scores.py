"""Scores (OMAX): per perspective the classic Objective Matrix, a compact table, the scale of one KPI,
fixes for invalid scales and the follow-up notes of red and yellow KPIs (METHOD §3-§4).

The page only presents: levels, values and lights come from :mod:`scorecard.method.scoring` (through
:func:`scorecard.ui.state.scores`), charts from :mod:`scorecard.charts.scores`, the downloads from
:mod:`scorecard.reports.excel`. Changes (anchors, notes) are committed as modified copies of the scorecard.
"""

from __future__ import annotations

import html
import math
from dataclasses import replace

import pandas as pd
import streamlit as st

from scorecard.charts.scores import scale_figure, unit_label, value_text
from scorecard.io.numbers import format_number, parse_value
from scorecard.method import lights
from scorecard.method.omax import Scale
from scorecard.method.scoring import KpiScore, PeriodScore, scale_for
from scorecard.model import Anchor, Note, Scorecard
from scorecard.reports import excel as report
from scorecard.ui import components, state
from scorecard.ui.state import tr

BAND_BG = "#BDD7EE"  # the level band the actual falls in (as in the report workbook)
HEAD_BG = "#D9E1F2"
LABEL_BG = "#F2F2F2"


# ---- small helpers (presentation) ---------------------------------------------------------------

def _cell_value(value: float | None, unit: str, lang: str) -> str:
    """A scale value in a matrix cell: no unit (it is in the header), money without decimals."""
    if value is None or not math.isfinite(float(value)):
        return "—"
    decimals = 0 if unit.strip().startswith("Rp") else None
    return format_number(value, locale=lang, decimals=decimals)


def _unit_header(unit: str, direction: str) -> str:
    return unit_label(unit, state.lang(), direction)


def _level_text(ks: KpiScore) -> str:
    symbol = lights.STYLES[ks.light].symbol
    if ks.level is None:
        return f"{symbol} {tr('not scored', 'belum dinilai')}"
    return f"{symbol} {components.level_text(ks.level)}"


def _perspective_kpis(sc: Scorecard, ps: PeriodScore, pkey: str) -> list[KpiScore]:
    return [ps.kpi(k.code) for o in sc.objectives_of(pkey) for k in sc.kpis_of(o.code)]


# ---- (1) the classic OMAX matrix ------------------------------------------------------------------

def matrix_styler(sc: Scorecard, kscores: list[KpiScore]) -> pd.io.formats.style.Styler:
    """The study's OMAX matrix of some KPIs as a pandas Styler (values already formatted as text).

    Columns are the KPIs (code / name / unit and direction); rows: performance, levels 10..0, level,
    weight, value. The band the actual falls in is highlighted; the level row carries the light.
    """
    lang = state.lang()
    perf, lev_lbl, w_lbl, v_lbl = (tr("Performance", "Pencapaian"), tr("Level", "Skor"), tr("Weight", "Bobot"),
                                   tr("Value", "Nilai"))
    index = [perf, *[str(lev) for lev in range(10, -1, -1)], lev_lbl, w_lbl, v_lbl]
    columns = []
    data: dict[tuple[str, str, str], list[str]] = {}
    styles: dict[tuple[str, str, str], list[str]] = {}
    for ks in kscores:
        kpi = sc.kpi(ks.code)
        col = (kpi.code, kpi.name(lang), _unit_header(kpi.unit, kpi.direction))
        columns.append(col)
        vals = ks.scale.values
        body = [_cell_value(vals[lev], kpi.unit, lang) if len(vals) == 11 else "—" for lev in range(10, -1, -1)]
        data[col] = [_cell_value(ks.actual, kpi.unit, lang), *body, _level_text(ks),
                     components.num(ks.global_weight, 4), components.num(ks.value, 4)]
        right = "text-align:right !important;white-space:nowrap"
        css = [f"font-weight:700;{right}"] + [right] * 11 + ["", right, right]
        if ks.level is not None and len(vals) == 11:
            band = min(int(math.floor(ks.level)), 10)
            css[1 + (10 - band)] = f"background-color:{BAND_BG};font-weight:700;outline:3px solid #1F4E79;" \
                                   f"outline-offset:-3px;{right}"
        lst = lights.STYLES[ks.light]
        css[12] = f"background-color:{lst.fill};color:{lst.ink};font-weight:700;text-align:center !important;" \
                  "white-space:nowrap"
        styles[col] = css
    frame = pd.DataFrame(data, index=index, columns=pd.MultiIndex.from_tuples(columns) if columns else None)
    css_frame = pd.DataFrame(styles, index=index, columns=frame.columns)
    sty = frame.style.apply(lambda _: css_frame, axis=None)
    sty = sty.set_table_styles([
        {"selector": "th", "props": f"background-color:{HEAD_BG};text-align:center;font-weight:700"},
        {"selector": "th.row_heading", "props": f"background-color:{LABEL_BG};text-align:center"},
    ], overwrite=False)
    return sty


# ---- (2) the compact table ------------------------------------------------------------------------

def compact_frame(sc: Scorecard, kscores: list[KpiScore]) -> pd.DataFrame:
    lang = state.lang()
    rows = []
    for ks in kscores:
        kpi = sc.kpi(ks.code)
        rows.append({
            tr("KPI", "IKU"): ks.code,
            tr("Name", "Nama"): kpi.name(lang),
            tr("Actual (as typed)", "Realisasi (seperti diketik)"): ks.actual_text or value_text(ks.actual, kpi.unit,
                                                                                               lang),
            tr("Target", "Target"): value_text(ks.target, kpi.unit, lang),
            tr("Level", "Level"): components.level_text(ks.level),
            tr("Light", "Lampu"): lights.label(ks.light, lang),
            tr("Weight", "Bobot"): components.num(ks.global_weight, 4),
            tr("Value", "Nilai"): components.num(ks.value, 4),
        })
    return pd.DataFrame(rows)


def _light_styler(frame: pd.DataFrame, kscores: list[KpiScore], light_col: str,
                  extra_css: str = "") -> pd.io.formats.style.Styler:
    """``frame`` (one row per KPI of ``kscores``, in order) with the ``light_col`` cells in the lights' colours."""
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for i, ks in enumerate(kscores):
        s = lights.STYLES[ks.light]
        css.loc[i, light_col] = f"background-color:{s.fill};color:{s.ink};font-weight:700{extra_css}"
    return frame.style.apply(lambda _: css, axis=None)


def _compact_styler(frame: pd.DataFrame, kscores: list[KpiScore]) -> pd.io.formats.style.Styler:
    return _light_styler(frame, kscores, tr("Light", "Lampu"))


# ---- (4) fixing a scale ---------------------------------------------------------------------------

def with_anchors(sc: Scorecard, code: str, period: str, anchors: dict[int, float]) -> Scorecard:
    """A copy of ``sc`` whose KPI ``code`` has exactly these own anchors for ``period``."""
    new = sc.copy()
    new.anchors = [a for a in new.anchors if not (a.kpi == code and a.period == period)]
    new.anchors += [Anchor(code, lev, val, period) for lev, val in sorted(anchors.items())]
    return new


def _scale_after(sc: Scorecard, code: str, period: str) -> Scale:
    return scale_for(sc, sc.kpi(code), period)


def _say(pkey: str, kind: str, text: str, code: str = "") -> None:
    """Remember a message for the tab of perspective ``pkey`` (shown after the rerun), next to the fix
    editor of KPI ``code`` when given; successes also pop up as a toast."""
    st.session_state["scores_msg"] = (pkey, kind, text, code)


def _commit_anchors(sc: Scorecard, code: str, period: str, anchors: dict[int, float], pkey: str) -> None:
    """Commit the new anchors when they give a valid scale; otherwise keep everything and explain."""
    new = with_anchors(sc, code, period, anchors)
    scale = _scale_after(new, code, period)
    lang = state.lang()
    if not scale.valid:
        why = scale.problem.text(lang) if scale.problem is not None else ""
        _say(pkey, "error", tr(f"{code} not saved: these anchors still do not give a valid scale. ",
                               f"{code} tidak disimpan: anchor ini masih belum menghasilkan skala yang valid. ") + why,
             code)
        return
    before = {a.level: a.value for a in sc.anchors if a.kpi == code and a.period == period}
    audit = [{"kind": "anchor", "target": f"{code} {period} level {lev}", "before": before.get(lev), "after": val}
             for lev, val in sorted(anchors.items()) if before.get(lev) != val]
    audit += [{"kind": "anchor", "target": f"{code} {period} level {lev}", "before": val, "after": None}
              for lev, val in before.items() if lev not in anchors]
    state.commit(new, kind="edit", detail=f"anchors {code} {period}", audit=audit)
    _say(pkey, "success", tr(f"Saved: {code} now has a valid scale.", f"Tersimpan: skala {code} kini valid."))


def _parse_number(text: str, what: str) -> tuple[float | None, str]:
    p = parse_value(text, locale=state.lang())
    if p.ok:
        return p.value, ""
    why = p.error.text(state.lang()) if p.error is not None else tr("Empty.", "Kosong.")
    return None, f"{what}: {why}"


def _fix_editor(sc: Scorecard, ks: KpiScore, period: str, pkey: str) -> None:
    """Problem, suggested fix and an anchor editor (level 3 alone, or all anchors) for one KPI."""
    lang = state.lang()
    kpi = sc.kpi(ks.code)
    key = f"fix_{ks.code}_{period}_{state.revision()}"
    st.markdown(f"**{tr('What is wrong', 'Masalahnya')}:** {ks.scale.problem.text(lang) if ks.scale.problem else ''}")
    if ks.scale.fix is not None:
        st.markdown(f"**{tr('How to fix it', 'Cara memperbaikinya')}:** {ks.scale.fix.text(lang)}")
    req = ks.scale.requested
    known = ", ".join(f"{lev} = {value_text(v, kpi.unit, lang)}" for lev, v in sorted(req.items(), reverse=True)
                      if v is not None)
    st.caption(tr(f"Anchors asked for now: {known}.", f"Anchor yang diminta sekarang: {known}."))
    left, right = st.columns(2)
    with left, st.form(f"{key}_l3", border=True):
        st.markdown(tr("**Quick fix: a level-3 value**", "**Perbaikan cepat: nilai level 3**"))
        text = st.text_input(tr("Level-3 value (between the worst value and the target)",
                                "Nilai level 3 (di antara nilai terburuk dan target)"), key=f"{key}_l3v",
                             placeholder=value_text(_midpoint(req), kpi.unit, lang))
        if st.form_submit_button(tr("Save level 3", "Simpan level 3"), type="primary"):
            val, err = _parse_number(text, f"{ks.code}, {tr('level 3', 'level 3')}")
            if err:
                _say(pkey, "error", err, ks.code)
            else:
                _commit_anchors(sc, ks.code, period, {**_own_for_period(sc, ks.code, period), 3: val}, pkey)
            st.rerun()
    with right, st.form(f"{key}_all", border=True):
        st.markdown(tr("**Or set all anchors**", "**Atau tetapkan semua anchor**"))
        rows = [{"level": lev, "value": value_text(v, kpi.unit, lang) if v is not None else ""}
                for lev, v in sorted(req.items(), reverse=True)]
        edited = st.data_editor(
            pd.DataFrame(rows, columns=["level", "value"]), key=f"{key}_tbl", num_rows="dynamic", hide_index=True,
            column_config={
                "level": st.column_config.NumberColumn(tr("Level", "Level"), min_value=0, max_value=10, step=1,
                                                       required=True),
                "value": st.column_config.TextColumn(tr("Value", "Nilai"), required=True)},
            width="stretch")
        if st.form_submit_button(tr("Save anchors", "Simpan anchor"), type="primary"):
            anchors, errors = _anchors_from_rows(edited)
            if errors:
                _say(pkey, "error", f"{ks.code}: " + " ".join(errors), ks.code)
            else:
                _commit_anchors(sc, ks.code, period, anchors, pkey)
            st.rerun()


def _midpoint(req: dict[int, float | None]) -> float | None:
    lo, hi = req.get(0), req.get(10)
    return (lo + hi) / 2 if lo is not None and hi is not None else None


def _own_for_period(sc: Scorecard, code: str, period: str) -> dict[int, float]:
    return {a.level: a.value for a in sc.anchors if a.kpi == code and a.period == period}


def _anchors_from_rows(frame: pd.DataFrame) -> tuple[dict[int, float], list[str]]:
    anchors: dict[int, float] = {}
    errors: list[str] = []
    for i, row in enumerate(frame.to_dict("records"), start=1):
        lev, text = row.get("level"), row.get("value")
        if (lev is None or (isinstance(lev, float) and math.isnan(lev))) and not text:
            continue
        if lev is None or (isinstance(lev, float) and math.isnan(lev)) or not float(lev).is_integer() \
                or not 0 <= int(lev) <= 10:
            errors.append(tr(f"Row {i}: the level must be a whole number 0 to 10.",
                             f"Baris {i}: level harus bilangan bulat 0 sampai 10."))
            continue
        if int(lev) in anchors:
            errors.append(tr(f"Row {i}: level {int(lev)} appears twice.",
                             f"Baris {i}: level {int(lev)} muncul dua kali."))
            continue
        val, err = _parse_number(str(text or ""), tr(f"Row {i}, value", f"Baris {i}, nilai"))
        if err:
            errors.append(err)
            continue
        anchors[int(lev)] = val
    return anchors, errors


# ---- (5) notes of red and yellow KPIs ------------------------------------------------------------

NOTE_FIELDS = ("root_cause", "action", "owner", "due")


def _note_labels() -> dict[str, str]:
    return {"root_cause": tr("Root cause", "Akar masalah"), "action": tr("Improvement action", "Tindakan perbaikan"),
            "owner": tr("Owner", "Penanggung jawab"), "due": tr("Due date", "Tenggat")}


def _needs_action(kscores: list[KpiScore]) -> list[KpiScore]:
    rank = {"red": 0, "yellow": 1}
    todo = [k for k in kscores if k.light in rank]
    return sorted(todo, key=lambda k: (rank[k.light], -1.0 if k.level is None else k.level))


def apply_notes(sc: Scorecard, period: str, rows: list[dict[str, str]]) -> tuple[Scorecard, list[dict]]:
    """A copy of ``sc`` with the notes of ``rows`` ({kpi, root_cause, action, owner, due}) for ``period``,
    and the audit entries of what changed (empty when nothing did)."""
    new = sc.copy()
    audit: list[dict] = []
    for row in rows:
        code = row["kpi"]
        old = sc.note(code, period) or Note(code, period)
        values = {f: ("" if row.get(f) is None else str(row.get(f)).strip()) for f in NOTE_FIELDS}
        changed = {f: v for f, v in values.items() if v != getattr(old, f)}
        if not changed:
            continue
        note = replace(old, **changed)
        new.notes = [n for n in new.notes if not (n.kpi == code and n.period == period)]
        if any(getattr(note, f) for f in NOTE_FIELDS):
            new.notes.append(note)
        audit += [{"kind": "setting", "target": f"note {code} {period} {f}", "before": getattr(old, f), "after": v}
                  for f, v in changed.items()]
    return new, audit


def _notes_editor(sc: Scorecard, todo: list[KpiScore], period: str, pkey: str) -> None:
    key = f"notes_{pkey}"
    lang = state.lang()
    labels = _note_labels()
    rows = []
    for ks in todo:
        note = sc.note(ks.code, period)
        rows.append({"kpi": ks.code, "name": sc.kpi(ks.code).name(lang),
                     "light": f"{lights.label(ks.light, lang)} {components.level_text(ks.level)}",
                     **{f: getattr(note, f) if note else "" for f in NOTE_FIELDS}})
    frame = pd.DataFrame(rows, columns=["kpi", "name", "light", *NOTE_FIELDS])
    with st.form(key, border=False):
        edited = st.data_editor(
            frame, key=f"{key}_{state.revision()}_{lang}_{period}", hide_index=True, width="stretch",
            disabled=["kpi", "name", "light"],
            column_config={
                "kpi": st.column_config.TextColumn(tr("KPI", "IKU"), width=50, pinned=True),
                "name": st.column_config.TextColumn(tr("Name", "Nama"), width=160),
                "light": st.column_config.TextColumn(tr("Light · level", "Lampu · level"), width=110),
                "root_cause": st.column_config.TextColumn(labels["root_cause"] + " ✎", width=210, max_chars=500),
                "action": st.column_config.TextColumn(labels["action"] + " ✎", width=210, max_chars=500),
                "owner": st.column_config.TextColumn(labels["owner"] + " ✎", width=120, max_chars=120),
                "due": st.column_config.TextColumn(labels["due"] + " ✎", width=100, max_chars=40,
                                                   help=tr("For example 2011-06-30 or Q2 2011",
                                                           "Misalnya 2011-06-30 atau TW II 2011")),
            })
        if st.form_submit_button(tr("Save notes", "Simpan catatan"), type="primary"):
            new, audit = apply_notes(sc, period, edited.to_dict("records"))
            if audit:
                state.commit(new, kind="note", detail=f"notes {period}", audit=audit)
                _say(pkey, "success", tr(f"Notes saved ({len(audit)} change(s)).",
                                         f"Catatan tersimpan ({len(audit)} perubahan)."))
            else:
                _say(pkey, "info", tr("Nothing changed.", "Tidak ada yang berubah."))
            st.rerun()


def recommendations_frame(sc: Scorecard, ps: PeriodScore) -> pd.DataFrame:
    """The study's recommendations table: red then yellow KPIs (lowest level first) with their notes."""
    lang = state.lang()
    labels = _note_labels()
    rows = []
    for i, ks in enumerate(_needs_action(ps.kpis), start=1):
        note = sc.note(ks.code, ps.period)
        rows.append({
            tr("No", "No"): str(i), tr("KPI", "IKU"): ks.code, tr("Name", "Nama"): sc.kpi(ks.code).name(lang),
            tr("Perspective", "Perspektif"): sc.perspective(ks.perspective).name(lang),
            tr("Light · level", "Lampu · level"): f"{lights.label(ks.light, lang)} {components.level_text(ks.level)}",
            **{labels[f]: (getattr(note, f) if note else "") for f in NOTE_FIELDS}})
    return pd.DataFrame(rows)


def _recommendations_styler(frame: pd.DataFrame, kscores: list[KpiScore]) -> pd.io.formats.style.Styler:
    light_col = tr("Light · level", "Lampu · level")
    return _light_styler(frame, kscores, light_col, ";white-space:nowrap").hide(axis="index")


# ---- (6) downloads --------------------------------------------------------------------------------

def _downloads(sc: Scorecard, period: str) -> None:
    lang = state.lang()
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in (sc.name or "scorecard"))[:40]
    with st.container(horizontal=True, horizontal_alignment="right", gap="small"):
        st.download_button(tr("Report (Excel)", "Laporan (Excel)"), icon=":material/download:",
                           data=lambda: report.export_report(sc, period, lang=lang),
                           file_name=f"{safe}_{tr('report', 'laporan')}_{period}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", key="dl_report",
                           help=tr("Summary, one OMAX matrix per perspective, AHP weights and the actions list.",
                                   "Ringkasan, satu matriks OMAX per perspektif, bobot AHP dan daftar tindak lanjut."))
        st.download_button(tr("Results (CSV)", "Hasil (CSV)"), icon=":material/download:",
                           data=lambda: report.export_csv(sc, period, lang=lang).encode("utf-8"),
                           file_name=f"{safe}_{tr('results', 'hasil')}_{period}.csv", mime="text/csv",
                           on_click="ignore", key="dl_csv",
                           help=tr("One row per KPI, for other tools.", "Satu baris per IKU, untuk aplikasi lain."))


# ---- the page -------------------------------------------------------------------------------------

def _flash(pkey: str, code: str = "") -> bool:
    """Show the remembered message of this tab (and KPI); True when there was one."""
    item = st.session_state.get("scores_msg")
    if item and item[0] == pkey and item[3] == code:
        del st.session_state["scores_msg"]
        getattr(st, item[1])(item[2])
        if item[1] == "success":
            st.toast(item[2], icon=":material/check_circle:")
        return True
    return False


def _perspective_tab(sc: Scorecard, ps: PeriodScore, pkey: str) -> None:
    lang = state.lang()
    period = ps.period
    g = ps.perspective(pkey)
    kscores = _perspective_kpis(sc, ps, pkey)
    st.html(f'<div class="sc-muted">{html.escape(tr("Status", "Status"))}: {components.badge_html(g.light)} · '
            f'{html.escape(tr("level", "level"))} <b>{components.level_text(g.level)}</b> · '
            f'{html.escape(tr("weight", "bobot"))} <b>{components.num(g.weight, 4)}</b> · '
            f'{html.escape(tr("value (subtotal)", "nilai (subtotal)"))} '
            f'<b>{components.num(g.subtotal, 4)}</b></div>')
    _flash(pkey)
    if not kscores:
        st.info(tr("This perspective has no KPIs yet.", "Perspektif ini belum punya IKU."))
        return

    st.subheader(tr("Objective Matrix (OMAX)", "Objective Matrix (OMAX)"))
    st.table(matrix_styler(sc, kscores))
    st.caption(tr("Rows 10 to 0 are the scale of each KPI; the framed blue cell is the band where the actual falls. "
                  "↑ higher is better, ↓ lower is better. Value = level × weight.",
                  "Baris 10 sampai 0 adalah skala setiap IKU; sel biru berbingkai adalah pita tempat realisasi "
                  "berada. ↑ makin tinggi makin baik, ↓ makin rendah makin baik. Nilai = skor × bobot."))

    for ks in kscores:
        if ks.scale.problem is not None:
            kpi = sc.kpi(ks.code)
            st.warning(f"**{ks.code} — {kpi.name(lang)}**: {ks.scale.problem.text(lang)}", icon=":material/warning:")
            pending = (st.session_state.get("scores_msg") or ("", "", "", ""))[3] == ks.code
            with st.expander(tr(f"Fix the scale of {ks.code}", f"Perbaiki skala {ks.code}"), expanded=pending):
                _flash(pkey, ks.code)
                if not ks.scale.scorable:
                    st.info(tr("Enter the missing target or worst value on the Data page.",
                               "Isi target atau nilai terburuk yang belum ada di halaman Data."))
                else:
                    _fix_editor(sc, ks, period, pkey)

    st.subheader(tr("KPIs at a glance", "Ringkasan IKU"))
    frame = compact_frame(sc, kscores)
    st.dataframe(_compact_styler(frame, kscores), hide_index=True, width="stretch")

    st.subheader(tr("Scale of one KPI", "Skala satu IKU"))
    codes = [k.code for k in kscores]
    choice = st.selectbox(tr("KPI", "IKU"), codes, key=f"scale_kpi_{pkey}",
                          format_func=lambda c: f"{c} — {sc.kpi(c).name(lang)}")
    ks = ps.kpi(choice or codes[0])
    fig = scale_figure(ks, sc.kpi(ks.code), lang=lang, yellow_from=sc.settings.yellow_from,
                       green_from=sc.settings.green_from)
    st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key=f"chart_{pkey}")

    todo = _needs_action(kscores)
    st.subheader(tr("Follow-up of red and yellow KPIs", "Tindak lanjut IKU merah dan kuning"))
    if not todo:
        st.success(tr("All KPIs of this perspective are green: nothing to follow up.",
                      "Semua IKU perspektif ini hijau: tidak ada tindak lanjut."))
    else:
        st.caption(tr("Write the root cause, the improvement action, who owns it and by when; then Save notes.",
                      "Tulis akar masalah, tindakan perbaikan, penanggung jawab dan tenggatnya; lalu Simpan catatan."))
        _notes_editor(sc, todo, period, pkey)


def render() -> None:
    sc = state.scorecard()
    ps = state.scores()
    period = ps.period
    st.title(tr("Scores (OMAX)", "Skor (OMAX)"))
    if not sc.kpis or not period:
        st.info(tr("There is nothing to score yet: load a workbook on the Data page.",
                   "Belum ada yang bisa dinilai: muat buku kerja di halaman Data."))
        return
    head_l, head_r = st.columns([3, 2], vertical_alignment="center")
    with head_l:
        counts = {lt: len(ps.by_light(lt)) for lt in lights.LIGHTS}
        st.html(f'<div style="font-size:1.15rem">{html.escape(tr("Period", "Periode"))} <b>{html.escape(period)}</b>'
                f' · {html.escape(tr("Performance index", "Indeks kinerja"))} <b>{components.level_text(ps.index)}</b> '
                f'{components.badge_html(ps.light)}</div><div class="sc-muted" style="margin-top:.3rem">'
                + " &nbsp; ".join(components.badge_html(lt, f"{lights.label(lt, state.lang())}: {counts[lt]}")
                                  for lt in ("red", "yellow", "green")) + "</div>")
    with head_r:
        _downloads(sc, period)
    invalid = [k for k in ps.kpis if k.scale.problem is not None]
    if invalid:
        where = ", ".join(f"{k.code} ({sc.perspective(k.perspective).name(state.lang())})" for k in invalid)
        st.warning(tr(f"{len(invalid)} KPI scale(s) need a decision: {where}. Open that tab to see why and fix it.",
                      f"{len(invalid)} skala IKU perlu keputusan: {where}. Buka tab itu untuk melihat sebabnya dan "
                      "memperbaikinya."), icon=":material/warning:")
    names = [sc.perspective(g.key).name(state.lang()) for g in ps.perspectives]
    tabs = st.tabs([*names, tr("Recommendations", "Rekomendasi")], key="scores_tabs", on_change="rerun")
    for tab, g in zip(tabs, ps.perspectives, strict=False):
        if tab.open is False:
            continue  # only the open tab is built (switching tabs reruns the page)
        with tab:
            _perspective_tab(sc, ps, g.key)
    if tabs[-1].open is False:
        return
    with tabs[-1]:
        st.subheader(tr(f"Recommendations, period {period}", f"Rekomendasi, periode {period}"))
        st.caption(tr("Red first, then yellow; lowest level first. Notes are written in each perspective's tab.",
                      "Merah dahulu, lalu kuning; level terendah dahulu. Catatan ditulis di tab setiap perspektif."))
        rec = recommendations_frame(sc, ps)
        if rec.empty:
            st.success(tr("All KPIs are green: no actions needed.", "Semua IKU hijau: tidak ada tindak lanjut."))
        else:
            st.table(_recommendations_styler(rec, _needs_action(ps.kpis)), hide_index=True)


if __name__ == "__main__":
    render()

"""Fixing an invalid OMAX scale on the Scores page: what is wrong, the suggested fix, a quick level-3
value and an editor for all own anchors of one KPI and period. New anchors are committed only when
they give a valid scale (:func:`scorecard.method.scoring.scale_for`); otherwise nothing changes and
the reason is shown.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from scorecard.charts.scores import value_text
from scorecard.io.numbers import parse_value
from scorecard.method.omax import Scale
from scorecard.method.scoring import KpiScore, scale_for
from scorecard.model import Anchor, Scorecard
from scorecard.ui import state
from scorecard.ui.scores_messages import say
from scorecard.ui.state import tr


def with_anchors(sc: Scorecard, code: str, period: str, anchors: dict[int, float]) -> Scorecard:
    """A copy of ``sc`` whose KPI ``code`` has exactly these own anchors for ``period``."""
    new = sc.copy()
    new.anchors = [a for a in new.anchors if not (a.kpi == code and a.period == period)]
    new.anchors += [Anchor(code, lev, val, period) for lev, val in sorted(anchors.items())]
    return new


def _scale_after(sc: Scorecard, code: str, period: str) -> Scale:
    return scale_for(sc, sc.kpi(code), period)


def _commit_anchors(sc: Scorecard, code: str, period: str, anchors: dict[int, float], pkey: str) -> None:
    """Commit the new anchors when they give a valid scale; otherwise keep everything and explain."""
    new = with_anchors(sc, code, period, anchors)
    scale = _scale_after(new, code, period)
    lang = state.lang()
    if not scale.valid:
        why = scale.problem.text(lang) if scale.problem is not None else ""
        say(pkey, "error", tr(f"{code} not saved: these anchors still do not give a valid scale. ",
                              f"{code} tidak disimpan: anchor ini masih belum menghasilkan skala yang valid. ") + why,
            code)
        return
    before = {a.level: a.value for a in sc.anchors if a.kpi == code and a.period == period}
    audit = [{"kind": "anchor", "target": f"{code} {period} level {lev}", "before": before.get(lev), "after": val}
             for lev, val in sorted(anchors.items()) if before.get(lev) != val]
    audit += [{"kind": "anchor", "target": f"{code} {period} level {lev}", "before": val, "after": None}
              for lev, val in before.items() if lev not in anchors]
    state.commit(new, kind="edit", detail=f"anchors {code} {period}", audit=audit)
    say(pkey, "success", tr(f"Saved: {code} now has a valid scale.", f"Tersimpan: skala {code} kini valid."))


def _parse_number(text: str, what: str) -> tuple[float | None, str]:
    p = parse_value(text, locale=state.lang())
    if p.ok:
        return p.value, ""
    why = p.error.text(state.lang()) if p.error is not None else tr("Empty.", "Kosong.")
    return None, f"{what}: {why}"


def fix_editor(sc: Scorecard, ks: KpiScore, period: str, pkey: str) -> None:
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
                say(pkey, "error", err, ks.code)
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
                say(pkey, "error", f"{ks.code}: " + " ".join(errors), ks.code)
            else:
                _commit_anchors(sc, ks.code, period, anchors, pkey)
            st.rerun()


def _midpoint(req: dict[int, float | None]) -> float | None:
    """Halfway between level 0 and level 10 (a placeholder for level 3), None when unknown."""
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


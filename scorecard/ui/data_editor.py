"""The Data page's editable tables: the period's targets and actuals, the KPI structure, the names
of perspectives and objectives, and the own OMAX anchors. Each table is a form with Save / Discard;
Save commits all its changed cells as one change (undo + autosave) or refuses them all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.display import typing_examples
from scorecard.model import Scorecard
from scorecard.ui import state
from scorecard.ui.state import tr
from scorecard.ui.structure_edits import (
    all_periods_label,
    anchors_frame,
    apply_anchor_edits,
    apply_kpi_edits,
    apply_name_edits,
    kpi_frame,
    names_frame,
)
from scorecard.ui.table_edits import EditResult, apply_data_edits, data_frame

log = logging.getLogger(__name__)

_K_NONCE = "data_edit_nonce"  # bumped by "Discard" to reset the editors
_K_EDIT_MSG = "data_edit_msg"  # {table: (kind, [lines])} after a save


def _editor_key(name: str) -> str:
    """A key that changes with every commit, Discard, language and period (a fresh editor each time)."""
    return (f"data_ed_{name}_{state.revision()}_{st.session_state.get(_K_NONCE, 0)}_{state.lang()}_"
            f"{state.period()}")


def _edit_form(name: str, frame: pd.DataFrame, config: dict[str, Any], disabled: list[str],
               apply: Callable[[pd.DataFrame], EditResult], *, dynamic: bool = False,
               order: list[str] | None = None) -> None:
    """A table in a form with Save / Discard; Save commits all edits as one change or refuses them all.
    ``order``: the columns' order on screen (the frame's own order when None)."""
    with st.form(f"data_form_{name}", border=False):
        rows = len(frame) + (1 if dynamic else 0)
        edited = st.data_editor(frame, key=_editor_key(name), hide_index=True, width="stretch",
                                height=min(36 + 35 * max(rows, 1), 36 + 35 * 30), column_config=config,
                                disabled=disabled, num_rows="dynamic" if dynamic else "fixed", column_order=order)
        b1, b2, _ = st.columns([1, 1, 4])
        save = b1.form_submit_button(tr("Save changes", "Simpan perubahan"), type="primary", width="stretch")
        discard = b2.form_submit_button(tr("Discard", "Batalkan"), width="stretch")
    msgs = st.session_state.setdefault(_K_EDIT_MSG, {})
    if discard:
        st.session_state[_K_NONCE] = st.session_state.get(_K_NONCE, 0) + 1
        msgs.pop(name, None)
        st.rerun()
    if save:
        try:
            res = apply(edited)
        except Exception:  # noqa: BLE001 - a bug must not show a traceback; nothing is changed
            log.exception("applying edits to %s failed", name)
            res = EditResult(None, [], [tr("Something unexpected went wrong; nothing was changed.",
                                           "Terjadi kesalahan tak terduga; tidak ada yang diubah.")])
        if res.scorecard is None:
            msgs[name] = ("error", res.errors)
        elif not res.audit:
            msgs[name] = ("info", [tr("Nothing to save: no value changed.", "Tidak ada yang disimpan: tidak ada nilai "
                                                                          "yang berubah.")])
        else:
            state.commit(res.scorecard, kind="edit", detail=f"data page: {name}", audit=res.audit)
            msgs.clear()
            msgs[name] = ("success", [tr(f"Saved {len(res.audit)} change(s).",
                                         f"{len(res.audit)} perubahan tersimpan.")] + res.warnings)
            st.rerun()
    item = msgs.get(name)
    if item:
        kind, lines = item
        if kind == "error":
            st.error(tr("Not saved — nothing was changed. Correct these cells and press Save again "
                        "(or Discard to go back to the saved values):",
                        "Tidak disimpan — tidak ada yang diubah. Perbaiki sel berikut lalu tekan Simpan lagi "
                        "(atau Batalkan untuk kembali ke nilai tersimpan):") + "\n\n"
                     + "\n".join(f"- {line}" for line in lines), icon=":material/error:")
        elif kind == "success":
            st.success(lines[0], icon=":material/check_circle:")
            st.toast(lines[0], icon=":material/check_circle:")
            if len(lines) > 1:
                st.warning("\n".join(f"- {line}" for line in lines[1:]))
            msgs.pop(name, None)
        else:
            st.info(lines[0])
            msgs.pop(name, None)


def _text_col(label: str, **kw: Any) -> Any:
    return st.column_config.TextColumn(label, **kw)


#: Average width of a character in the grid's 14 px font, and a cell's padding (px).
_CHAR_PX, _PAD_PX = 7.0, 24


def fit_width(frame: pd.DataFrame, column: str, label: str, *, lo: int = 50, hi: int = 340) -> int:
    """A column width in px that shows its longest cell and its header (an editable column's header
    has an edit icon: ``label`` ends with ✎), kept between ``lo`` and ``hi``. The grid cuts a cell's
    text at its width and does not wrap it; a table wider than the page scrolls sideways."""
    cells = frame[column].astype("string").fillna("") if column in frame else pd.Series([], dtype="string")
    longest = max([len(label) + (3 if label.endswith("✎") else 0), *(len(c) for c in cells)])
    return int(min(max(longest * _CHAR_PX + _PAD_PX, lo), hi))


def data_section(sc: Scorecard, period: str) -> None:
    """Section 3: targets and actuals of ``period``."""
    lang = state.lang()
    st.subheader(tr(f"3. Data for period {period}", f"3. Data periode {period}"))
    st.caption(tr(f"Numbers are shown in English style; a ratio as typed. Type numbers as you would in Excel "
                  f"({typing_examples('en')}). Change the period in the sidebar.",
                  f"Angka ditampilkan dalam gaya Indonesia; rasio seperti diketik. Ketik angka seperti di Excel "
                  f"({typing_examples('id')}). Ganti periode di bilah samping."))
    before = data_frame(sc, period, lang)
    labels = {"kpi": tr("KPI", "IKU"), "name": tr("Name", "Nama"), "unit": tr("Unit", "Satuan"),
              "target": tr("Target ✎", "Target ✎"), "actual": tr("Actual ✎", "Realisasi ✎"),
              "level": tr("Level", "Level"), "light": tr("Light", "Lampu")}
    # the name gives way first: at 1366 x 768 the level and the light stay in sight without scrolling
    w = {col: fit_width(before, col, label, hi=320 if col == "name" else 340) for col, label in labels.items()}
    config = {"kpi": _text_col(labels["kpi"], width=w["kpi"], pinned=True),
              "name": _text_col(labels["name"], width=w["name"]),
              "unit": _text_col(labels["unit"], width=w["unit"],
                                help=tr("↑ higher is better, ↓ lower is better",
                                        "↑ makin tinggi makin baik, ↓ makin rendah makin baik")),
              "target": _text_col(labels["target"], width=w["target"], alignment="right"),
              "actual": _text_col(labels["actual"], width=w["actual"], alignment="right"),
              "level": _text_col(labels["level"], width=w["level"], alignment="right"),
              "light": _text_col(labels["light"], width=w["light"])}
    _edit_form("data", before, config, ["kpi", "name", "unit", "level", "light"],
               lambda after: apply_data_edits(sc, period, before, after, lang))


def structure_section(sc: Scorecard) -> None:
    """Section 4: KPI names and worst values; perspective and objective names."""
    lang = state.lang()
    st.subheader(tr("4. Perspectives → objectives → KPIs", "4. Perspektif → sasaran → IKU"))
    st.caption(tr("Names and worst values (OMAX level 0) can be changed here; codes, units and directions come "
                  "from the workbook.",
                  "Nama dan nilai terburuk (level 0 OMAX) dapat diubah di sini; kode, satuan dan arah berasal dari "
                  "buku kerja."))
    before = kpi_frame(sc, lang)
    labels = {"perspective": tr("Perspective", "Perspektif"), "objective": tr("Objective", "Sasaran"),
              "kpi": tr("KPI", "IKU"), "name_en": tr("Name (English) ✎", "Nama (Inggris) ✎"),
              "name_id": tr("Name (Indonesian) ✎", "Nama (Indonesia) ✎"), "unit": tr("Unit", "Satuan"),
              "worst": tr("Worst (level 0) ✎", "Terburuk (level 0) ✎")}
    w = {col: fit_width(before, col, label, hi=290) for col, label in labels.items()}  # fits 1920 x 1080
    config = {"perspective": _text_col(labels["perspective"], width=w["perspective"]),
              "objective": _text_col(labels["objective"], width=w["objective"]),
              "kpi": _text_col(labels["kpi"], width=w["kpi"], pinned=True),  # stays in sight when scrolled
              "name_en": _text_col(labels["name_en"], width=w["name_en"], max_chars=200),
              "name_id": _text_col(labels["name_id"], width=w["name_id"], max_chars=200),
              "unit": _text_col(labels["unit"], width=w["unit"],
                                help=tr("↑ higher is better, ↓ lower is better",
                                        "↑ makin tinggi makin baik, ↓ makin rendah makin baik")),
              "worst": _text_col(labels["worst"], width=w["worst"], alignment="right")}
    # what can be changed first (the session's language's name, the worst value), where the KPI sits last:
    # at 1366 the table is wider than the page and scrolls sideways
    own, other = ("name_id", "name_en") if lang == "id" else ("name_en", "name_id")
    _edit_form("kpis", before, config, ["perspective", "objective", "kpi", "unit"],
               lambda after: apply_kpi_edits(sc, before, after, lang),
               order=["kpi", own, "worst", other, "unit", "objective", "perspective"])
    with st.expander(tr("Names of perspectives and objectives", "Nama perspektif dan sasaran")):
        nb = names_frame(sc)
        nconfig = {"what": _text_col(tr("Level", "Tingkat"), width="small"),
                   "code": _text_col(tr("Code", "Kode"), width="small"),
                   "name_en": _text_col(tr("Name (English) ✎", "Nama (Inggris) ✎"), width="large", max_chars=200),
                   "name_id": _text_col(tr("Name (Indonesian) ✎", "Nama (Indonesia) ✎"), width="large",
                                        max_chars=200)}
        _edit_form("names", nb, nconfig, ["what", "code"], lambda after: apply_name_edits(sc, nb, after, lang))


def anchors_section(sc: Scorecard) -> None:
    """Section 5: the own OMAX anchors (rows may be added and deleted)."""
    lang = state.lang()
    st.subheader(tr("5. Own OMAX anchors", "5. Anchor OMAX sendiri"))
    st.caption(tr("By default level 10 = the target, level 3 = the previous period's actual and level 0 = the worst "
                  "value. A row here fixes another value at a level for one KPI (for one period or all). "
                  "Add rows at the bottom; select a row and press Delete to remove it.",
                  "Bawaannya level 10 = target, level 3 = realisasi periode sebelumnya dan level 0 = nilai terburuk. "
                  "Baris di sini menetapkan nilai lain pada suatu level untuk satu IKU (untuk satu periode atau "
                  "semua). Tambah baris di bawah; pilih baris lalu tekan Delete untuk menghapusnya."))
    before = anchors_frame(sc, lang)
    config = {"kpi": st.column_config.SelectboxColumn(tr("KPI", "IKU"), options=[k.code for k in sc.kpis],
                                                      required=True, width="small"),
              "level": st.column_config.NumberColumn(tr("Level", "Level"), min_value=0, max_value=10, step=1,
                                                     required=True, width="small"),
              "value": _text_col(tr("Value", "Nilai"), required=True, alignment="right",
                                 width=fit_width(before, "value", tr("Value", "Nilai"), lo=110)),
              "period": st.column_config.SelectboxColumn(
                  tr("Period", "Periode"), options=[all_periods_label(), *sc.periods()], default=all_periods_label(),
                  width=fit_width(pd.DataFrame({"p": [all_periods_label(), *sc.periods()]}), "p",
                                  tr("Period ✎", "Periode ✎"))),
              "note": _text_col(tr("Note", "Catatan"), max_chars=300,
                                width=fit_width(before, "note", tr("Note", "Catatan"), lo=300, hi=640))}
    _edit_form("anchors", before, config, [], lambda after: apply_anchor_edits(sc, before, after, lang),
               dynamic=True)


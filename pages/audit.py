"""Audit log: who changed which judgment, weight, target or anchor and when, before -> after, CR
before -> after, for the scorecard of this browser's workspace. Filters by kind and text; the rows
shown download as CSV (written by :meth:`scorecard.store.storage.Store.export_audit_csv`, so cells that
look like spreadsheet formulas are neutralised)."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from scorecard.method import ahp
from scorecard.model import ROOT, Scorecard, root_title
from scorecard.store.storage import KINDS, Change
from scorecard.ui import components, persistence, sharing, state
from scorecard.ui.state import tr

K_KINDS = "audit_kinds"
K_SEARCH = "audit_search"
JUDGMENT_KINDS = {"judgment", "adopt"}


def kind_label(kind: str) -> str:
    names = {
        "judgment": tr("Judgment", "Penilaian"),
        "weight": tr("Weight", "Bobot"),
        "target": tr("Target", "Target"),
        "actual": tr("Actual", "Realisasi"),
        "anchor": tr("Anchor", "Jangkar"),
        "upload": tr("Upload", "Unggahan"),
        "adopt": tr("Workshop adopted", "Hasil lokakarya"),
        "setting": tr("Setting", "Pengaturan"),
        "note": tr("Note", "Catatan"),
        "link": tr("Link", "Tautan"),
        "edit": tr("Edit", "Suntingan"),
        "undo": tr("Undo", "Pembatalan"),
        "scenario": tr("Scenario", "Skenario"),
        "evidence": tr("Evidence", "Bukti dukung"),
        "verify": tr("Verified", "Verifikasi"),
        "lock": tr("Period locked", "Periode dikunci"),
        "unlock": tr("Period unlocked", "Kunci dibuka"),
        "manual": tr("KPI manual", "Manual IKU"),
    }
    return names.get(kind, kind)


def _value(kind: str, v: Any) -> str:
    """A logged value for people: judgments on Saaty's scale ("3", "1/2.289"), numbers in the
    session's locale, anything else as short text."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return tr("yes", "ya") if v else tr("no", "tidak")
    if isinstance(v, int | float):
        x = float(v)
        if not math.isfinite(x):
            return "—"
        if kind in JUDGMENT_KINDS and x > 0:
            return ahp.scale_label(x, state.lang())
        return components.num(x, None)
    if isinstance(v, str):
        return v
    text = json.dumps(v, ensure_ascii=False, default=str)
    return text if len(text) <= 200 else text[:199] + "…"


STOCK_TARGETS = {"saved to start a workshop": ("saved to start a workshop", "disimpan untuk memulai lokakarya")}
_PAIR = re.compile(r"^(?P<node>.+?): (?P<a>.+) vs (?P<b>.+)$")


def _target(sc: Scorecard, target: str) -> str:
    """An audit target for people: "Scorecard: Financial vs Customer" -> "Perspectives: Financial vs
    Customer" with the names in the session's language (the CSV keeps the stored text)."""
    if target in STOCK_TARGETS:
        return tr(*STOCK_TARGETS[target])
    if target.startswith("undo: "):
        return f"{tr('Undone', 'Dibatalkan')}: {_target(sc, target[6:])}"
    m = _PAIR.match(target)
    if not m:
        return target
    node, a, b = m["node"], m["a"], m["b"]
    try:
        kids = sc.children(node)
    except KeyError:
        return target
    if a not in kids or b not in kids:
        return target
    lang = state.lang()
    if node == ROOT:
        return f"{root_title(lang)}: {sc.node_label(a, lang)} {tr('vs', 'vs')} {sc.node_label(b, lang)}"
    return f"{sc.node_label(node, lang)}: {a} {tr('vs', 'vs')} {b}"


def _cr(v: float | None) -> str:
    return "—" if v is None else components.cr_text(float(v))


def _matches(ch: Change, needle: str) -> bool:
    if not needle:
        return True
    hay = " ".join(str(x) for x in (ch.actor, ch.target, ch.before, ch.after)).lower()
    return all(part in hay for part in needle.lower().split())


def _csv_of(text: str, ids: set[int]) -> str:
    """The rows of the stored CSV export whose id is in ``ids`` (header kept)."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    w = csv.writer(out)
    if rows:
        w.writerow(rows[0])
    for r in rows[1:]:
        if r and r[0].isdigit() and int(r[0]) in ids:
            w.writerow(r)
    return out.getvalue()


st.title(tr("Audit log", "Log audit"))
sc = state.scorecard()
sid = persistence.workspace_id()
if sid is None:
    st.info(tr("Nothing recorded yet. From the first change of this scorecard on (a slider, an upload, a target, a "
               "workshop adoption) every change is saved here with who, when, before and after.",
               "Belum ada yang tercatat. Sejak perubahan pertama pada kartu skor ini (penggeser, unggahan, target, "
               "penerapan lokakarya) setiap perubahan disimpan di sini beserta siapa, kapan, sebelum dan sesudah."))
    st.stop()

try:
    store = persistence.store()
    changes = store.changes(sid)
except Exception:  # noqa: BLE001 - a broken store must show a message, not a traceback
    st.error(tr("The audit log cannot be read right now. Try again in a moment.",
                "Log audit tidak dapat dibaca saat ini. Coba lagi sebentar lagi."))
    st.stop()

st.caption(tr(f"Scorecard {sc.name}: {len(changes)} entries, newest first. Times in your time zone.",
              f"Kartu skor {sc.name}: {len(changes)} entri, terbaru di atas. Waktu dalam zona waktu Anda."))
present = [k for k in KINDS if any(c.kind == k for c in changes)]
if K_KINDS in st.session_state:
    st.session_state[K_KINDS] = [k for k in st.session_state[K_KINDS] if k in present]
left, right = st.columns([3, 2], vertical_alignment="bottom")
with left:
    chosen = st.multiselect(tr("Kinds of change", "Jenis perubahan"), present, key=K_KINDS, format_func=kind_label,
                            placeholder=tr("All kinds", "Semua jenis"))
with right:
    needle = st.text_input(tr("Search who or what", "Cari siapa atau apa"), key=K_SEARCH,
                           placeholder=tr("e.g. Customer or Budi", "mis. Customer atau Budi"))

shown = [c for c in changes if (not chosen or c.kind in chosen) and _matches(c, needle.strip())]
shown.reverse()  # newest first
if not shown:
    st.info(tr("No entries match the filters.", "Tidak ada entri yang cocok dengan filter."))
else:
    rows = [{
        tr("When", "Kapan"): components.local_time(c.at),
        tr("Who", "Siapa"): c.actor,
        tr("Kind", "Jenis"): kind_label(c.kind),
        tr("What", "Apa"): _target(sc, c.target),
        tr("Before", "Sebelum"): _value(c.kind, c.before),
        tr("After", "Sesudah"): _value(c.kind, c.after),
        tr("CR before → after", "CR sebelum → sesudah"): ("—" if c.cr_before is None and c.cr_after is None
                                                          else f"{_cr(c.cr_before)} → {_cr(c.cr_after)}"),
        tr("Link", "Tautan"): c.via or "—",
    } for c in shown]
    widths = {tr("When", "Kapan"): 145, tr("Who", "Siapa"): 90, tr("Kind", "Jenis"): 115, tr("What", "Apa"): 230,
              tr("Before", "Sebelum"): 80, tr("After", "Sesudah"): 80, tr("CR before → after", "CR sebelum → sesudah"): 150}
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="audit_table",  # 890 px: CR in sight at 1366
                 height=min(35 * len(rows) + 38, 640), column_config={k: st.column_config.TextColumn(width=v)
                                                                      for k, v in widths.items()})
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", sc.name).strip("-").lower() or "scorecard"
    try:
        data = _csv_of(store.export_audit_csv(sid), {int(c.id) for c in shown if c.id is not None})
    except Exception:  # noqa: BLE001
        data = ""
    st.download_button(tr(f"Download these {len(shown)} entries (CSV)", f"Unduh {len(shown)} entri ini (CSV)"),
                       data=data, file_name=f"audit-{slug}-{stamp}.csv", mime="text/csv", icon=":material/download:",
                       key="audit_csv", disabled=not data, on_click="ignore")
    st.caption(tr("The CSV has times in UTC (ISO 8601) and the raw values; judgments “a vs b” mean a is that many "
                  "times as important as b.",
                  "CSV memuat waktu dalam UTC (ISO 8601) dan nilai aslinya; penilaian “a vs b” berarti a sekian kali "
                  "lebih penting daripada b."))

sharing.panel()

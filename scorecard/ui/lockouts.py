"""The facilitator's view of join lockouts (wrong workshop codes): who is locked, since when,
and a button to lift each lockout. Shown in the live part of the facilitator's workshop page.

A locked participant sees a reference such as ``S-3FA2C1`` ("S" browser session, "N" network
address, "C" attempted code); the facilitator finds it here. See
:func:`scorecard.store.workshop.lockouts`.
"""

from __future__ import annotations

import streamlit as st

from scorecard.store import workshop as ws
from scorecard.ui import components
from scorecard.ui.state import tr


def _kind(kind: str) -> str:
    return {"session": tr("one browser", "satu peramban"), "network": tr("a whole network address", "satu alamat "
            "jaringan"), "code": tr("one wrong code", "satu kode salah")}.get(kind, kind)


def _lift(store: object, token: str, ref: str) -> None:
    n = ws.lift_lockout(store, token, ref)  # type: ignore[arg-type]
    st.session_state["_lockout_lifted"] = (ref, n)


def panel(store: object, token: str) -> None:
    """The lockouts in force now, each with a *Lift* button (nothing shown when there are none)."""
    try:
        found = ws.lockouts(store, token)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - the page shows storage problems elsewhere
        return
    lifted = st.session_state.pop("_lockout_lifted", None)
    if lifted:
        st.success(tr(f"Lockout {lifted[0]} lifted.", f"Penguncian {lifted[0]} dicabut."))
    if not found:
        return
    st.warning(tr("Locked out after too many wrong codes (the person sees the reference):",
                  "Terkunci karena terlalu banyak kode salah (orangnya melihat referensi ini):"),
               icon=":material/lock_clock:")
    for lo in found:
        cols = st.columns([2, 3, 1], vertical_alignment="center")
        cols[0].markdown(f"**{lo.ref}** · {_kind(lo.kind)}")
        cols[1].caption(tr(f"{lo.failures} wrong codes since {components.local_time(lo.since, '%H:%M:%S')}, "
                           f"until {components.local_time(lo.until, '%H:%M')}",
                           f"{lo.failures} kode salah sejak {components.local_time(lo.since, '%H:%M:%S')}, "
                           f"sampai {components.local_time(lo.until, '%H:%M')}"))
        cols[2].button(tr("Lift", "Cabut"), key=f"ws_lift_{lo.ref}", on_click=_lift, args=(store, token, lo.ref))

"""Share links of the workspace (shown on the Audit log page): make a read-only link for viewers
(the head of office, an auditor, a presenter), see every link with its rights, revoke one.

Links are made and checked by :mod:`scorecard.store.storage` (hashed 144-bit tokens, role
"edit" or "view", revocable; every change records the link it came through). A new link's
token is shown once, right after it is made; afterwards only its short ``link_id`` is known.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

import streamlit as st

from scorecard.ui import components, persistence
from scorecard.ui.state import tr

K_LABEL = "share_label"
K_NEW = "_share_new_link"


def _base_url() -> str:
    try:
        url = (st.context.url or "").rstrip("/")
    except Exception:  # noqa: BLE001 - AppTest has no URL
        url = ""
    return url.rsplit("/", 1)[0] if url.count("/") > 2 else url


def link_url(token: str) -> str:
    """The address that opens the workspace with ``token`` (a path-relative link when unknown)."""
    return f"{_base_url()}/?{urlencode({persistence.QUERY_KEY: token})}"


def _on_create(sid: int) -> None:
    label = " ".join(str(st.session_state.get(K_LABEL, "")).split())[:200]
    token = persistence.store().create_workspace(sid, role="view", label=label, created_by=persistence.actor())
    st.session_state[K_NEW] = token
    st.session_state[K_LABEL] = ""


def _on_revoke(sid: int, link_id: str) -> None:
    persistence.store().revoke_link(sid, link_id)
    st.session_state.pop(K_NEW, None)


def panel() -> None:
    """The share-links section (editors: make and revoke; viewers: nothing to manage)."""
    sid = persistence.workspace_id()
    if sid is None or persistence.read_only():
        return
    st.subheader(tr("Share links", "Tautan berbagi"))
    st.caption(tr("A read-only link shows every page and lets its holder download reports, but changes nothing. "
                  "Your own address (with ?w=) is the private editor link: share it only with people who may edit.",
                  "Tautan hanya-baca menampilkan semua halaman dan memungkinkan pemegangnya mengunduh laporan, tetapi "
                  "tidak mengubah apa pun. Alamat Anda sendiri (dengan ?w=) adalah tautan penyunting pribadi: bagikan "
                  "hanya kepada yang boleh menyunting."))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        st.text_input(tr("For whom (label)", "Untuk siapa (label)"), key=K_LABEL, max_chars=200,
                      placeholder=tr("e.g. Head of office", "mis. Kepala kantor"))
    with right:
        st.button(tr("Make read-only link", "Buat tautan hanya-baca"), key="share_create", on_click=_on_create,
                  args=(sid,), icon=":material/add_link:", width="stretch")
    new = st.session_state.get(K_NEW)
    if new:
        st.success(tr("New read-only link (shown once; copy it now):", "Tautan hanya-baca baru (hanya tampil sekali; "
                      "salin sekarang):"))
        st.code(link_url(new), language=None, wrap_lines=True)
    try:
        links = persistence.store().list_links(sid)
    except Exception:  # noqa: BLE001 - the banner says what is wrong with storage
        return
    own = persistence.link_token()
    own_id = hashlib.sha256(own.encode()).hexdigest()[:12] if own else ""
    for link in links:
        cols = st.columns([2, 2, 2, 1], vertical_alignment="center")
        role = tr("edit", "sunting") if link.role == "edit" else tr("read-only", "hanya-baca")
        who = link.label or (tr("this editor link", "tautan penyunting ini") if link.link_id == own_id else "—")
        cols[0].markdown(f"**{who}** · `{link.link_id}`")
        cols[1].caption(f"{role} · {components.local_time(link.created_at, '%Y-%m-%d %H:%M')}"
                        + (f" · {link.created_by}" if link.created_by else ""))
        if link.active:
            cols[2].caption(tr("active", "aktif"))
            if link.link_id != own_id:
                cols[3].button(tr("Revoke", "Cabut"), key=f"share_revoke_{link.link_id}", on_click=_on_revoke,
                               args=(sid, link.link_id), icon=":material/link_off:")
        else:
            cols[2].caption(tr("revoked ", "dicabut ") + components.local_time(link.revoked_at, "%Y-%m-%d %H:%M"))

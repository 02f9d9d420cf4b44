"""Strategy map: objectives coloured by status, cause -> effect arrows, link editing and export."""

from __future__ import annotations

import re

import streamlit as st

from scorecard.charts import map as smap
from scorecard.charts import map_svg
from scorecard.model import Link
from scorecard.reports import map_picture
from scorecard.ui import state
from scorecard.ui.state import tr

sc = state.scorecard()
ps = state.scores()
lang = state.lang()

st.title(tr("Strategy map", "Peta strategi"))
st.caption(tr(
    f"Each box is an objective, coloured by its status in {ps.period} (the weighted mean level of its KPIs, "
    "with the symbol and the level written in the box). Arrows run from cause to effect. "
    "Hover over a box to see its KPIs.",
    f"Setiap kotak adalah satu sasaran, diwarnai menurut statusnya pada {ps.period} (rata-rata tertimbang level "
    "IKU-nya; simbol dan level tertulis di dalam kotak). Panah menunjukkan sebab → akibat. "
    "Arahkan kursor ke kotak untuk melihat IKU-nya."))

# ---- the map (inline SVG: no plotly.js to download, first load, issue #13) ----------------------
svg = map_svg.strategy_map_svg(sc, ps, lang=lang, width_px=900)  # the map column at 1366 x 768: 906 px
with st.container(key="map_scroll"):  # on a phone: a readable map that scrolls sideways (components.BASE_CSS)
    st.markdown(map_svg.svg_markdown(svg), unsafe_allow_html=True)  # st.html strips inline <svg>

# ---- export -------------------------------------------------------------------------------------
slug = re.sub(r"[^A-Za-z0-9]+", "-", sc.name).strip("-").lower() or "scorecard"
filename = f"{tr('strategy-map', 'peta-strategi')}-{slug}-{ps.period}"
exports = st.container(horizontal=True, gap="small", key="map_exports")
exports.download_button(
    tr("Download SVG", "Unduh SVG"), data=map_svg.svg_file(svg), file_name=f"{filename}.svg", mime="image/svg+xml",
    on_click="ignore", icon=":material/download:", key="map_dl_svg",
    help=tr("The map as drawn here: sharp at any size, opens in any browser (hover a box for its KPIs).",
            "Peta seperti di sini: tajam di ukuran berapa pun, bisa dibuka di peramban apa pun (arahkan kursor ke "
            "kotak untuk melihat IKU-nya)."))
exports.download_button(
    tr("Download PNG", "Unduh PNG"), data=lambda: map_picture.map_png(sc, ps, lang), file_name=f"{filename}.png",
    mime="image/png", on_click="ignore", icon=":material/image:", key="map_dl_png",
    help=tr("A picture for slides and documents (the map of the briefing PDF).",
            "Gambar untuk slide dan dokumen (peta pada PDF ringkasan)."))

# ---- links --------------------------------------------------------------------------------------
codes = [o.code for o in sc.objectives]


def _label(code: str) -> str:
    try:
        return f"{code} · {sc.objective(code).name(lang)}"
    except StopIteration:
        return f"{code} · {tr('unknown objective', 'sasaran tidak dikenal')}"


def _flash(kind: str, text: str) -> None:
    st.session_state["map_flash"] = (kind, text)


def _add_link() -> None:
    cur = state.scorecard()
    cause, effect = st.session_state.get("map_cause"), st.session_state.get("map_effect")
    known = {o.code for o in cur.objectives}
    if cause not in known or effect not in known:
        _flash("error", tr("Choose two existing objectives.", "Pilih dua sasaran yang ada."))
        return
    if cause == effect:
        _flash("error", tr("An objective cannot cause itself: choose two different objectives.",
                           "Sasaran tidak dapat menjadi sebab bagi dirinya sendiri: pilih dua sasaran berbeda."))
        return
    if any(ln.cause == cause and ln.effect == effect for ln in cur.links):
        _flash("warning", tr(f"The link {cause} → {effect} is already on the map.",
                             f"Panah {cause} → {effect} sudah ada di peta."))
        return
    new = cur.copy()
    new.links.append(Link(cause, effect))
    state.commit(new, kind="link", detail=f"add {cause} -> {effect}")
    _flash("success", tr(f"Added {cause} → {effect}.", f"Panah {cause} → {effect} ditambahkan."))


def _remove_link(cause: str, effect: str) -> None:
    cur = state.scorecard()
    new = cur.copy()
    new.links = [ln for ln in new.links if not (ln.cause == cause and ln.effect == effect)]
    if len(new.links) == len(cur.links):
        return
    state.commit(new, kind="link", detail=f"remove {cause} -> {effect}")
    _flash("success", tr(f"Removed {cause} → {effect}. Use “Undo last change” in the sidebar to bring it back.",
                         f"Panah {cause} → {effect} dihapus. Pakai “Batalkan perubahan terakhir” di samping "
                         "untuk mengembalikannya."))


flash = st.session_state.pop("map_flash", None)
if flash:
    {"success": st.success, "warning": st.warning, "error": st.error}[flash[0]](flash[1])

with st.expander(tr("Edit cause-and-effect links (add or remove arrows)",
                    "Ubah hubungan sebab-akibat (tambah atau hapus panah)"), icon=":material/edit:"):
    if codes:
        a, b, c = st.columns([3, 3, 1.3], vertical_alignment="bottom")
        a.selectbox(tr("Cause (from)", "Sebab (dari)"), codes, key="map_cause", format_func=_label)
        b.selectbox(tr("Effect (to)", "Akibat (ke)"), codes, index=min(1, len(codes) - 1), key="map_effect",
                    format_func=_label)
        cause, effect = st.session_state.get("map_cause"), st.session_state.get("map_effect")
        duplicate = any(ln.cause == cause and ln.effect == effect for ln in sc.links)
        c.button(tr("Add link", "Tambah panah"), on_click=_add_link, type="primary", width="stretch",
                 key="map_add", disabled=(cause == effect or duplicate), icon=":material/add:")
        if cause == effect:
            st.caption(tr("Choose two different objectives.", "Pilih dua sasaran yang berbeda."))
        elif duplicate:
            st.caption(tr(f"{cause} → {effect} is already on the map.", f"{cause} → {effect} sudah ada di peta."))
    else:
        st.info(tr("Add objectives on the Data page first.", "Tambahkan sasaran di halaman Data terlebih dahulu."))

    if not sc.links:
        st.caption(tr("No links yet.", "Belum ada panah."))
    valid = {(ln.cause, ln.effect) for ln in smap.valid_links(sc)}
    ordered = sorted(sc.links, key=lambda x: (codes.index(x.cause) if x.cause in codes else 999,
                                              codes.index(x.effect) if x.effect in codes else 999))
    for i, ln in enumerate(ordered):
        left, right = st.columns([6, 1], vertical_alignment="center")
        problem = "" if (ln.cause, ln.effect) in valid else " ⚠️ " + tr(
            "not drawn: unknown objective or duplicate", "tidak digambar: sasaran tidak dikenal atau ganda")
        left.markdown(f"**{ln.cause} → {ln.effect}** &nbsp; {_label(ln.cause).split(' · ', 1)[1]} → "
                      f"{_label(ln.effect).split(' · ', 1)[1]}{problem}")
        right.button(tr("Remove", "Hapus"), key=f"map_rm_{i}_{ln.cause}_{ln.effect}", on_click=_remove_link,
                     args=(ln.cause, ln.effect), width="stretch", icon=":material/delete:")

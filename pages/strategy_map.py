"""Strategy map: objectives coloured by status, cause -> effect arrows, link editing and export."""

from __future__ import annotations

import re

import streamlit as st

from scorecard.charts import map as smap
from scorecard.model import Link
from scorecard.ui import components, state
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

# ---- the map ------------------------------------------------------------------------------------
fig = smap.strategy_map_figure(sc, ps, lang=lang, width_px=1000)
fmt = st.session_state.get("map_image_format") or "png"
slug = re.sub(r"[^A-Za-z0-9]+", "-", sc.name).strip("-").lower() or "scorecard"
filename = f"{tr('strategy-map', 'peta-strategi')}-{slug}-{ps.period}"
config = {"displaylogo": False, "responsive": True,
          "modeBarButtonsToRemove": ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d",
                                     "autoScale2d", "resetScale2d"],
          "toImageButtonOptions": {"format": fmt, "filename": filename, "scale": 2, "width": 1400,
                                   "height": fig.layout.height},
          **components.plotly_locale(lang)}
with st.container(key="map_scroll"):  # on a phone: a readable map that scrolls sideways (components.BASE_CSS)
    st.plotly_chart(fig, width="stretch", config=config, key="strategy_map_chart", theme=None)

# ---- export -------------------------------------------------------------------------------------
c1, c2, c3 = st.columns([1.1, 1.2, 3], vertical_alignment="bottom")
with c1:
    st.segmented_control(tr("Picture format", "Format gambar"), ["png", "svg"], default="png",
                         key="map_image_format", format_func=str.upper,
                         help=tr("PNG for slides and documents, SVG for printing at any size.",
                                 "PNG untuk slide dan dokumen, SVG untuk cetak ukuran berapa pun."))
with c2:
    st.download_button(
        tr("Download HTML", "Unduh HTML"),
        data=lambda: fig.to_html(include_plotlyjs=True, full_html=True, config=config),
        file_name=f"{filename}.html", mime="text/html", on_click="ignore", icon=":material/download:",
        help=tr("One self-contained file: opens in any browser, also without internet.",
                "Satu berkas mandiri: bisa dibuka di peramban apa pun, juga tanpa internet."))
with c3:
    st.caption(tr(
        "To save a picture: choose PNG or SVG, move the mouse over the map and click the camera icon "
        "(“Download plot”) at its top right. The HTML file keeps the hover details and opens without internet.",
        "Untuk menyimpan gambar: pilih PNG atau SVG, arahkan kursor ke peta lalu klik ikon kamera "
        "(“Unduh gambar”) di pojok kanan atasnya. Berkas HTML tetap menampilkan detail dan bisa dibuka tanpa "
        "internet."))

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

"""Presenter mode: a clean, large, high-contrast view for screen sharing, one screen per key view.

Screens: (1) index and lights per perspective, (2) strategy map, (3) heatmap with the index trend,
(4) red and yellow KPIs with their actions. Step with the big Previous / Next buttons or the
keyboard: ArrowLeft / ArrowRight (button shortcuts) and PageUp / PageDown (what presentation
clickers send; a tiny script clicks the buttons). No editing widgets here.
"""

from __future__ import annotations

import html

import streamlit as st

from scorecard.charts import heat_html, map_svg
from scorecard.charts import heatmap as hm
from scorecard.method import lights
from scorecard.method.whatif import index_movement
from scorecard.ui import capaian_view, components, state
from scorecard.ui.evidence_view import narrative_html
from scorecard.ui.state import tr

ss = st.session_state

SCREENS = 4
K_SCREEN = "presenter_screen"
ss[K_SCREEN] = min(max(int(ss.get(K_SCREEN, 0) or 0), 0), SCREENS - 1)

sc = state.scorecard()
ps = state.scores()
lang = state.lang()
names = [tr("Index and perspectives", "Indeks dan perspektif"), tr("Strategy map", "Peta strategi"),
         tr("Heatmap", "Peta panas"), tr("KPIs that need action", "IKU yang perlu tindakan")]

st.html("""<style>
div.block-container, [data-testid="stMainBlockContainer"]{max-width:100% !important;padding:1rem 2rem 1rem 2rem !important}
div[data-testid="stButton"] button{min-height:3.4rem;font-weight:700;padding:0 .7rem}
div[data-testid="stButton"] button p{font-size:1.25rem;white-space:nowrap}
.pm-top{display:flex;align-items:center;gap:1.2rem;flex-wrap:nowrap;min-height:3.4rem}
.pm-title{font-size:1.75rem;font-weight:800;color:#101828;line-height:1.15;overflow:hidden;min-width:0;flex:0 1 auto;
  display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.pm-screen{font-size:1.15rem;color:#101828;background:#EAECF0;border-radius:.5rem;padding:.2rem .8rem;
  white-space:nowrap;flex:0 0 auto}
.pm-tiles{display:grid;grid-template-columns:repeat(2,1fr);gap:1rem}
.pm-tile{border-radius:.8rem;padding:1.1rem 1.4rem;border:2px solid #101828;min-height:11rem}
.pm-tile .nm{font-size:1.6rem;font-weight:700}
.pm-tile .lv{font-size:3rem;font-weight:800;line-height:1.1}
.pm-tile .wd{font-size:1.3rem}
.pm-big{border:2px solid #101828;border-radius:.8rem;padding:1.2rem 1.5rem;background:#fff}
.pm-big .lbl{font-size:1.4rem;color:#344054}
.pm-big .idx{font-size:6.5rem;font-weight:800;line-height:1.05;color:#101828}
.pm-counts{font-size:1.4rem;margin-top:1.2rem;display:flex;gap:.6rem;flex-wrap:wrap;align-items:center}
table.pm-table{border-collapse:collapse;width:100%;font-size:1.25rem}
table.pm-table th{background:#101828;color:#fff;text-align:left;padding:.5rem .7rem}
table.pm-table td{border-bottom:1px solid #98A2B3;padding:.5rem .7rem;vertical-align:top;color:#101828}
@media (max-width:1500px){div[data-testid="stButton"] button p{font-size:1rem} .pm-title{font-size:1.4rem}}
@media (max-width:767px){.pm-top{flex-wrap:wrap} .pm-screen{white-space:normal;flex:1 1 100%;min-width:0}}
/* a laptop screen shared as it is (1366 x 768): the same screens, smaller, so that they fit its height */
@media (min-width:768px) and (max-height:820px){
  div[data-testid="stButton"] button{min-height:2.6rem}
  .pm-tile{min-height:8rem;padding:.7rem 1.1rem} .pm-tile .nm{font-size:1.3rem} .pm-tile .lv{font-size:2.3rem}
  .pm-tile .wd{font-size:1.05rem} .pm-big{padding:.8rem 1.2rem} .pm-big .idx{font-size:4.6rem}
  .pm-big .lbl,.pm-counts{font-size:1.15rem} .pm-counts{margin-top:.6rem}
  .sc-heat{font-size:14px !important} .sc-heat tr{height:20px !important}
}
</style>""")


def _go(step: int) -> None:
    ss[K_SCREEN] = min(max(int(ss.get(K_SCREEN, 0)) + step, 0), SCREENS - 1)


def _exit() -> None:
    ss["presenter"] = False


k = ss[K_SCREEN]
top_l, top_prev, top_next, top_exit = st.columns([5.5, 1.3, 1.5, 2.7], vertical_alignment="center")
with top_l:
    st.html(f'<div class="pm-top"><span class="pm-title">{html.escape(sc.name)} · {html.escape(ps.period)}</span>'
            f'<span class="pm-screen" data-testid="pm-screen">{html.escape(tr("Screen", "Layar"))} {k + 1} '
            f'{html.escape(tr("of", "dari"))} {SCREENS} · <b>{html.escape(names[k])}</b></span></div>')
top_prev.button(tr("Previous", "Kembali"), on_click=_go, args=(-1,), key="pm_prev", shortcut="Left",
                disabled=k == 0, width="stretch")
top_next.button(tr("Next", "Berikutnya"), on_click=_go, args=(1,), key="pm_next", shortcut="Right",
                disabled=k == SCREENS - 1, width="stretch", type="primary")
top_exit.button(tr("Exit presenter mode", "Keluar dari mode presentasi"), on_click=_exit, key="pm_exit",
                width="stretch", icon=":material/close:")

# Presentation clickers send PageUp / PageDown: click the buttons (ArrowLeft / ArrowRight are the
# buttons' own shortcuts). The listener is installed once per browser tab.
st.html("""<script>
(function(){
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__pmKeys) return; w.__pmKeys = true;
  w.document.addEventListener('keydown', function(e){
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target; if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const which = e.key === 'PageDown' ? 'pm_next' : (e.key === 'PageUp' ? 'pm_prev' : null);
    if (!which) return;
    const el = w.document.querySelector('.st-key-' + which + ' button');
    if (el && !el.disabled) { e.preventDefault(); el.click(); }
  }, true);
})();
</script>""", unsafe_allow_javascript=True)


def _movement_html(font: str = "1.35rem") -> str:
    """The one-line 'why the index moved' from the previous period, or '' for the first period."""
    scores = state.all_scores()
    periods = list(scores)
    if len(periods) < 2 or ps.period not in periods or periods.index(ps.period) == 0:
        return ""
    i = periods.index(ps.period)
    mv = index_movement(sc, periods[i - 1], ps.period, weights_from=state.weights(), weights_to=state.weights())
    return (f'<div style="font-size:{font};line-height:1.45;border-left:6px solid #101828;padding:.3rem 1rem;'
            f'color:#101828">{html.escape(hm.movement_summary(mv, sc, lang))}</div>')


if k == 0:
    scores = state.all_scores()
    left, right = st.columns([1, 1.6], gap="large")
    with left:
        prev = components.previous_scores(ps)
        delta = components.index_delta_html(ps, prev, "lbl")
        st.html(f'<div class="pm-big"><div class="lbl">{html.escape(tr("Performance index", "Indeks kinerja"))} '
                f'· {html.escape(tr("scale 0 to 10", "skala 0 sampai 10"))}</div>'
                f'<div class="idx">{components.level_text(ps.index)}</div>'
                f'<div style="font-size:1.6rem">{components.badge_html(ps.light)} '
                f'{html.escape(lights.STYLES[ps.light].meaning(lang))}</div>{delta}'
                f'<div class="pm-counts"><span>{html.escape(tr("KPIs:", "IKU:"))}</span>' + "".join(
                    components.badge_html(x, f"{lights.STYLES[x].symbol} {len(ps.by_light(x))} "
                                             f"{lights.STYLES[x].word(lang).lower()}")
                    for x in ("red", "yellow", "green")) + '</div></div>')
        capaian_view.nko_line(ps.period)
        if len(scores) > 1:
            st.html(hm.index_trend_img(sc, scores, lang=lang, height=250, width=420))
    with right:
        tiles = []
        for g in ps.perspectives:
            s = lights.STYLES[g.light]
            tiles.append(f'<div class="pm-tile" style="background:{s.fill};color:{s.ink}">'
                         f'<div class="nm">{html.escape(sc.perspective(g.key).name(lang))}</div>'
                         f'<div class="lv">{s.symbol} {components.level_text(g.level)}</div>'
                         f'<div class="wd">{html.escape(s.word(lang))} · {html.escape(s.meaning(lang))} · '
                         f'{html.escape(tr("weight", "bobot"))} {components.weight_text(g.weight)}</div></div>')
        st.html(f'<div class="pm-tiles">{"".join(tiles)}</div>')
        moved = _movement_html("1.5rem")
        if moved:
            st.html(f'<div style="margin-top:1.2rem">{moved}</div>')
elif k == 1:
    # inline SVG (no plotly.js): as wide as the screen but never taller than what is left below the buttons
    svg = map_svg.strategy_map_svg(sc, ps, lang=lang, font_size=22, width_px=1600, height_px=880, title="",
                                   uid="pm", max_height="calc(100vh - 8.5rem)")
    st.markdown(map_svg.svg_markdown(svg), unsafe_allow_html=True)
elif k == 2:
    scores = state.all_scores()
    periods = list(scores)
    left, right = st.columns([1.45, 1], gap="large")
    with left:
        st.html(heat_html.heatmap_html(sc, scores, lang=lang, font_size=20, row_px=32, label_chars=64))  # fits 1080
    with right:
        st.html(hm.index_trend_img(sc, scores, lang=lang, height=250, width=480))
        i = periods.index(ps.period) if ps.period in periods else len(periods) - 1
        if len(periods) >= 2:
            p_from, p_to = (periods[i - 1], periods[i]) if i > 0 else (periods[0], periods[1])
            mv = index_movement(sc, p_from, p_to, weights_from=state.weights(), weights_to=state.weights())
            st.html(heat_html.waterfall_html(mv, sc, lang=lang, top=6, font_size=18))
else:
    rows = hm.attention_rows(sc, ps, lang)
    if not rows:
        st.html(f'<div class="pm-big" style="font-size:2rem">{components.badge_html("green")} '
                f'{html.escape(tr("Every KPI is green in", "Semua IKU hijau pada"))} {html.escape(ps.period)}.</div>')
    else:
        head = [tr("KPI", "IKU"), tr("Status", "Status"), tr("Level", "Level"), tr("Root cause", "Akar masalah"),
                tr("Action", "Tindakan"), tr("Owner", "Penanggung jawab"), tr("Due", "Tenggat")]
        body = []
        for r in rows:
            dash = '<span style="color:#475467">—</span>'
            body.append("<tr>" + "".join([
                f"<td><b>{html.escape(r['code'])}</b> {html.escape(r['name'])}{narrative_html(r['narrative'])}</td>",
                f"<td>{components.badge_html(r['light'])}</td>",
                f"<td><b>{components.level_text(r['level'])}</b></td>",
                f"<td>{html.escape(r['root_cause']) or dash}</td>",
                f"<td>{html.escape(r['action']) or dash}</td>",
                f"<td>{html.escape(r['owner']) or dash}</td>",
                f"<td>{html.escape(r['due']) or dash}</td>"]) + "</tr>")
        missing = sum(1 for r in rows if not r["action"])
        note = ""
        if missing:
            note = (f'<div style="font-size:1.2rem;margin-top:.6rem;color:#344054">'
                    f'{html.escape(tr(f"{missing} of {len(rows)} KPIs have no action recorded yet.", f"{missing} dari {len(rows)} IKU belum punya tindakan."))}</div>')
        st.html(f'<table class="pm-table"><thead><tr>{"".join(f"<th>{html.escape(h)}</th>" for h in head)}'
                f'</tr></thead><tbody>{"".join(body)}</tbody></table>{note}')

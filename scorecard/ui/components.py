"""Small Streamlit building blocks shared by the pages (badges, index card, sidebar, styles).

Pages stay thin: they read state (:mod:`scorecard.ui.state`), call the domain and render with
these helpers. Colours and shapes of lights come from :mod:`scorecard.method.lights` only.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from scorecard import display
from scorecard.method import lights
from scorecard.method.scoring import PeriodScore
from scorecard.ui import state
from scorecard.ui.state import tr

BASE_CSS = """
<style>
.sc-badge{display:inline-block;padding:.15em .6em;border-radius:.4em;font-weight:600;white-space:nowrap;
  border:1px solid rgba(0,0,0,.25)}
.sc-index{font-size:3.2rem;font-weight:700;line-height:1.1}
.sc-card{border:1px solid #d0d5dd;border-radius:.6rem;padding:.7rem 1rem;margin-bottom:.5rem;background:#fff}
.sc-card h4{margin:0 0 .3rem 0;font-size:1.05rem}
.sc-muted{color:#475467;font-size:.9rem}
/* less empty space above the page title (Streamlit's default is 6rem) */
[data-testid="stMainBlockContainer"], div.block-container{padding-top:3rem}
/* view switches wrap on a phone instead of hiding their last option */
[data-testid="stButtonGroup"] [role="radiogroup"], [data-testid="stButtonGroup"] [role="group"]{flex-wrap:wrap}
/* on a phone the strategy map keeps a readable width (its boxes' words are sized for it) and scrolls sideways */
@media (max-width: 767px){
  /* columns stacked on a phone: no "large" gap (4 rem of nothing) between them */
  [data-testid="stHorizontalBlock"]{row-gap:1rem}
  .st-key-map_scroll{overflow-x:auto}
  .st-key-map_scroll .sc-map-wrap{min-width:760px}
}
</style>
"""

PRESENTER_CSS = """
<style>
html, body, [class*="css"] {font-size: 20px;}
section[data-testid="stSidebar"] {display:none;}
header[data-testid="stHeader"] {display:none;}
div.block-container {padding-top:1rem; max-width: 100%;}
.sc-index{font-size:5rem}
h1{font-size:2.6rem !important} h2{font-size:2.0rem !important} h3{font-size:1.6rem !important}
.stDataFrame, .stTable {font-size: 1.1rem;}
</style>
"""


def _replace_text_css(selector: str, text: str | None, size: str = ".875rem") -> str:
    """CSS that draws ``text`` (at ``size``) in place of the text of ``selector`` (nothing when ``text``
    is None)."""
    css = f"{selector}{{font-size:0}}"
    if text is not None:
        css += f'{selector}::after{{content:"{text.replace(chr(34), "")}";font-size:{size}}}'
    return css


def own_words_css() -> str:
    """Streamlit writes some texts of its widgets in English, with no parameter to change them:

    * the file uploader's button ("Upload") and its size line ("20MB per file • XLSX, ..." from the
      server-wide limit, wrong for the 10 MB evidence files): the session's word for the button and a
      drop hint instead (each uploader's label names its types and its own limit);
    * in Indonesian, the hint under a text box ("Press Enter to apply", "Press Enter to submit form"):
      the Indonesian words (a text area's "Press ⌘+Enter" hint is hidden: the key differs by system).
      A length counter ("4/80") next to it stays.
    """
    zone = '[data-testid="stFileUploaderDropzone"]'
    css = [_replace_text_css(f'{zone} button [data-testid="stMarkdownContainer"] p', tr("Upload", "Unggah")),
           _replace_text_css('[data-testid="stFileUploaderDropzoneInstructions"] span',
                             tr("or drop a file here", "atau seret berkas ke sini"))]
    if state.lang() == "id":
        hint = '[data-testid="InputInstructions"] > span:first-child'
        for box in ("stTextInput", "stNumberInput"):
            css += [_replace_text_css(f'[data-testid="{box}"] {hint}', "Enter untuk menerapkan", ".75rem"),
                    _replace_text_css(f'[data-testid="stForm"] [data-testid="{box}"] {hint}', "Enter untuk mengirim",
                                      ".75rem")]
        css.append(_replace_text_css(f'[data-testid="stTextArea"] {hint}', None))
    return "<style>" + "".join(css) + "</style>"


def styles() -> None:
    """Inject the app's CSS (and the presenter's large high-contrast type when on)."""
    st.html(BASE_CSS)
    st.html(own_words_css())
    if state.presenter():
        st.html(PRESENTER_CSS)


#: Indonesian words for the texts of plotly's mode bar that the app leaves on (the picture download).
_PLOTLY_ID = {"Download plot as a PNG": "Unduh gambar (PNG)", "Download plot as a png": "Unduh gambar (PNG)",
              "Download plot": "Unduh gambar",
              "Preparing image - this may take a few seconds": "Menyiapkan gambar, tunggu sebentar",
              "Taking snapshot - this may take a few seconds": "Menyiapkan gambar, tunggu sebentar",
              "Snapshot succeeded": "Gambar tersimpan",
              "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar gagal diunduh."}


def plotly_locale(lang: str) -> dict[str, object]:
    """Plotly config entries that write its mode bar's tooltips in ``lang`` (plotly's own are English)."""
    if lang != "id":
        return {}
    return {"locale": "id", "locales": {"id": {"dictionary": dict(_PLOTLY_ID), "format": {}}}}


#: Streamlit's breakpoint below which its sidebar floats over the page (its theme's "md", 768 px).
NARROW_PX = 768

#: On a narrow screen, fold the sidebar away when a page opens. Streamlit starts it folded there
#: ("auto"), but it remembers an opened sidebar in localStorage (a reload on the phone then opens it
#: over the page) and folds it after a page change only for a phone's user agent. The script acts once
#: per page opened (it notes the page in the window), so a sidebar opened to change the period or the
#: language stays open.
_FOLD_JS = """<script data-sc="fold-sidebar">/* page: %(page)s */
(() => {
  const narrow = () => window.innerWidth < %(narrow)d;
  const foldNow = () => {
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const btn = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (bar && btn && bar.getBoundingClientRect().right > 1) { btn.click(); return true; }
    return false;
  };
  if (!window.__scFoldOnNav) {  /* a tap on a page link, also on the page already open */
    window.__scFoldOnNav = true;
    document.addEventListener('click', e => {
      if (narrow() && e.target.closest && e.target.closest('[data-testid="stSidebarNav"] a')) setTimeout(foldNow, 150);
    }, true);
  }
  if (window.__scFoldedFor === '%(page)s') return;  /* a rerun of the same page (Streamlit may redraw this) */
  window.__scFoldedFor = '%(page)s';
  if (!narrow()) return;
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith('stSidebarCollapsed-')) localStorage.setItem(k, 'true');
    }
  } catch (e) { /* storage off: nothing remembered either */ }
  let tries = 0;
  const fold = () => {
    if (foldNow()) return;
    if (document.querySelector('[data-testid="stExpandSidebarButton"]')) return;  /* folded already */
    if (++tries < 20) setTimeout(fold, 100);  /* the sidebar is not drawn yet */
  };
  setTimeout(fold, 50);
})();
</script>"""

FOLD_CSS = ('<style>[data-testid="stElementContainer"]:has(script[data-sc="fold-sidebar"]),'
            '[data-testid="stElementContainer"]:has(.sc-fold){display:none}</style>')


def fold_sidebar_on_phone(page_path: str) -> None:
    """Fold the sidebar over a narrow screen (a phone) when ``page_path`` opens; see ``_FOLD_JS``."""
    st.html(FOLD_CSS)
    page = "".join(ch for ch in page_path if ch.isalnum() or ch in "-_") or "home"
    st.html(f'<span class="sc-fold"></span>{_FOLD_JS % {"page": page, "narrow": NARROW_PX}}',
            unsafe_allow_javascript=True)


_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:<>])")


def md_text(text: str) -> str:
    """User text (a description, a name) for ``st.markdown``: shown as typed, never as Markdown
    (``[Login](https://…)`` stays text, no link; no image, emphasis or ``:material/…:`` icon)."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", html.escape(text, quote=False))


def badge_html(light: str, text: str | None = None) -> str:
    """An inline light badge: fill colour + shape + word (never colour alone)."""
    s = lights.STYLES[light]
    label = text if text is not None else lights.label(light, state.lang())
    return (f'<span class="sc-badge" style="background:{s.fill};color:{s.ink}" '
            f'title="{html.escape(s.meaning(state.lang()))}">{html.escape(label)}</span>')


def badge(light: str, text: str | None = None) -> None:
    st.html(badge_html(light, text))


# The session's locale applied to the one display rule (scorecard.display): pages and ui modules
# write every number through these, never with format strings of their own.

def num(value: float | None, decimals: int | None = 2, unit: str = "") -> str:
    """A plain number (counts, λmax, CI, spreads) in the session's locale ('—' when missing)."""
    return display.number(value, state.lang(), decimals, unit)


def level_text(value: float | None) -> str:
    """A level, status level or the index: cut to 2 decimals so that the number shown never crosses
    a light threshold that the value itself has not crossed (7.997 -> 7.99, yellow)."""
    return display.level(value, state.lang())


def change_text(before: float | None, after: float | None) -> str:
    """The change of a level or the index as the difference of the shown values ("+0.75")."""
    return display.level_change(before, after, state.lang())


def weight_text(value: float | None) -> str:
    """A weight (0..1) as a percentage with 2 decimals ("24.13 %")."""
    return display.weight(value, state.lang())


def points_text(value: float | None) -> str:
    """A value (level × weight) or a subtotal, 3 decimals."""
    return display.points(value, state.lang())


def cr_text(value: float | None) -> str:
    """A consistency ratio, rounded up to 3 decimals."""
    return display.cr(value, state.lang())


def value_text(value: float | None, unit: str, *, with_unit: bool = True) -> str:
    """A KPI value (actual, target, scale value) by its unit: money "Rp 52.295.456.000", "25,88 %"."""
    return display.value(value, unit, state.lang(), with_unit=with_unit)


def actual_text(value: float | None, typed: str, unit: str) -> str:
    """An actual as shown everywhere (a typed ratio with its meaning, else by :func:`value_text`)."""
    return display.actual(value, typed, unit, state.lang())


def local_time(dt: datetime | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    """A stored (UTC; naive means UTC) time in the browser's time zone ('—' when missing); in UTC,
    marked so, when the zone is unknown or there is no browser context."""
    if dt is None:
        return "—"
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        name = st.context.timezone
        return dt.astimezone(ZoneInfo(name)).strftime(fmt) if name else dt.strftime(f"{fmt} UTC")
    except Exception:  # noqa: BLE001 - unknown zone name or no browser context (tests)
        return dt.strftime(f"{fmt} UTC")


def index_delta_html(ps: PeriodScore, previous: PeriodScore | None, css_class: str = "sc-muted") -> str:
    """'▲ +0.75 since 2009': the change of the index from the previous period ('' without one), the
    difference of the shown values (:func:`scorecard.display.level_change`)."""
    if previous is None:
        return ""
    text = change_text(previous.index, ps.index)
    arrow = "▲" if text.startswith("+") else ("▼" if text.startswith(display.MINUS) else "■")
    return (f'<div class="{css_class}">{arrow} {html.escape(text)} '
            f'{html.escape(tr("since", "sejak"))} {html.escape(previous.period)}</div>')


def index_card(ps: PeriodScore, previous: PeriodScore | None = None) -> None:
    """The performance index, large, with its light and the change from the previous period."""
    delta = index_delta_html(ps, previous)
    st.html(f'<div class="sc-card"><div class="sc-muted">{html.escape(tr("Performance index", "Indeks kinerja"))}'
            f' — {html.escape(ps.period)}</div><div class="sc-index">{level_text(ps.index)} '
            f'<span style="font-size:1.2rem;vertical-align:middle">{badge_html(ps.light)}</span></div>'
            f'{delta}<div class="sc-muted">{html.escape(tr("scale 0 to 10", "skala 0 sampai 10"))}</div></div>')


def perspective_cards(ps: PeriodScore) -> None:
    """One card per perspective: weight, subtotal, status level and light."""
    sc = state.scorecard()
    cols = st.columns(max(len(ps.perspectives), 1))
    for col, g in zip(cols, ps.perspectives, strict=False):
        name = sc.perspective(g.key).name(state.lang())
        with col:
            st.html(f'<div class="sc-card"><h4>{html.escape(name)}</h4>'
                    f'<div>{badge_html(g.light)}</div>'
                    f'<div class="sc-muted">{html.escape(tr("level", "level"))} {level_text(g.level)} · '
                    f'{html.escape(tr("weight", "bobot"))} {weight_text(g.weight)} · '
                    f'{html.escape(tr("value", "nilai"))} {points_text(g.subtotal)}</div></div>')


def previous_scores(ps: PeriodScore) -> PeriodScore | None:
    periods = state.scorecard().periods()
    i = periods.index(ps.period) if ps.period in periods else -1
    return state.scores(periods[i - 1]) if i > 0 else None


def cr_html(cr: float, acceptable: bool, threshold: float, name: str = "CR") -> str:
    """The consistency ratio coloured by the acceptance policy, with words. ``name`` is ``"GCI"``
    when the geometric method shows the geometric consistency index instead."""
    light = "green" if acceptable else "red"
    word = tr("consistent", "konsisten") if acceptable else tr("inconsistent", "tidak konsisten")
    limit = display.cr_limit(threshold, state.lang())
    return badge_html(light, f"{name} {cr_text(cr)} ≤ {limit} · {word}" if acceptable
                      else f"{name} {cr_text(cr)} > {limit} · {word}")


def synced(widget, canonical: str, label: str, *args, **kwargs):
    """A widget that shows and edits ``st.session_state[canonical]`` without owning it.

    Streamlit deletes a widget's key when the widget is not drawn in a run (another page, the
    presenter view), so app-wide choices (language, period, presenter mode) live under their own
    key and each widget copies them in before it is drawn and back in its callback.
    """
    ss = st.session_state
    key = f"_w_{canonical}"
    ss[key] = ss.get(canonical)

    def _back() -> None:
        ss[canonical] = ss[key]

    return widget(label, *args, key=key, on_change=_back, **kwargs)


def language_picker() -> None:
    synced(st.radio, "lang", tr("Language", "Bahasa"), ["id", "en"], horizontal=True,
           format_func=lambda v: "Bahasa Indonesia" if v == "id" else "English")


def sidebar() -> None:
    """Scorecard and period, language, presenter mode, who is editing."""
    sc = state.scorecard()
    with st.sidebar:
        st.markdown(f"**{sc.name}**")
        periods = sc.periods()
        if periods:
            synced(st.selectbox, "period", tr("Period", "Periode"), periods)
        language_picker()
        synced(st.toggle, "presenter", tr("Presenter mode", "Mode presentasi"),
               help=tr("Large type, no editing widgets, one screen per key view.",
                       "Huruf besar, tanpa kontrol penyuntingan, satu layar per tampilan utama."))
        st.session_state.setdefault("user_name", "")
        synced(st.text_input, "user_name", tr("Your name (for the audit log)", "Nama Anda (untuk log audit)"),
               max_chars=80)
        if state.can_undo():
            st.button(tr("Undo last change", "Batalkan perubahan terakhir"), on_click=state.undo,
                      width="stretch")


def run_guarded(page) -> None:
    """Run a page; any unexpected error becomes a short bilingual message (never a traceback).

    Streamlit's own control flow (rerun, stop) derives from BaseException and passes through.
    The full error goes to the server log with a reference the user can quote.
    """
    import logging
    import secrets

    try:
        page.run()
    except Exception:  # noqa: BLE001 - the screen must never show a traceback
        ref = secrets.token_hex(3)
        logging.getLogger("scorecard.ui").exception("page error ref=%s", ref)
        st.error(tr(f"Something went wrong on this page (reference {ref}). Your scorecard is safe; "
                    "try again, or go back with Undo.",
                    f"Terjadi kesalahan di halaman ini (referensi {ref}). Kartu skor Anda aman; "
                    "coba lagi, atau kembali dengan Batalkan."))

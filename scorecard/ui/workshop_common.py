"""Workshop pieces shared by the facilitator's and the participant's views: query and session keys,
page CSS, the workshop store, one-shot messages ("flash"), bilingual error text, the join address and
its QR code, and short labels and number texts (percent, CR with a tick) for the workshop tables.

Times are stored in UTC and shown in the browser's time zone; percentages are fractions x 100.
"""

from __future__ import annotations

import io
import secrets
from datetime import datetime
from typing import Any

import streamlit as st

from scorecard import display
from scorecard.method import ahp
from scorecard.model import ROOT, Scorecard, root_title
from scorecard.ui import components, persistence, state
from scorecard.ui.state import tr

QP_FT, QP_PT, QP_JOIN, QP_WS = "ft", "pt", "join", persistence.QUERY_KEY
K_FT = "_ws_ft"  # this session's facilitator token (the URL keeps it too)
K_PT = "_ws_pt"  # this session's participant token
K_DRAFT = "_ws_draft"  # {"token": pt, "values": {node: {(a, b): value}}}
K_FLASH = "_ws_flash"  # [(level, text)] shown once after the next run
K_CLIENT = "_ws_client"
K_W = "_ws_w"  # the workspace token (?w=) this session's scorecard was opened or saved under
K_MODE = "ws_mode"
K_NODES = "ws_nodes"
K_FAC_NAME = "ws_fac_name"
REFRESH_S = 2

PAGE_CSS = """
<style>
.sc-code{font-size:2.6rem;font-weight:800;letter-spacing:.12em;font-family:ui-monospace,Menlo,Consolas,monospace;
  line-height:1.1;color:#101828}
.sc-link{font-size:1.05rem;word-break:break-all}
.sc-chip{display:inline-block;padding:.15rem .6rem;margin:.15rem .25rem .15rem 0;border-radius:1rem;
  border:1px solid #98A2B3;background:#fff;font-size:.95rem}
.sc-chip.done{border-color:#009E73;background:#E8F6F0}
.sc-disc{border-left:5px solid #CC79A7;background:#FBF1F7;padding:.45rem .8rem;border-radius:.3rem;margin:.25rem 0}
</style>
"""

#: On a phone the strip's caption gets its own line under the two ends (else it is squeezed thin).
PARTICIPANT_CSS = """
<style>
@media (max-width: 640px){
  .sc-ends{flex-wrap:wrap}
  .sc-ends .mid{order:3;flex-basis:100%;text-align:left}
}
</style>
"""


# ------------------------------------------------------------------------------------------------
# Small helpers
# ------------------------------------------------------------------------------------------------


def store() -> Any:
    """The app's store (the workshop tables live next to the scorecards)."""
    return persistence.store()


def flash(level: str, text: str) -> None:
    """Remember a message to show once on the next run (level: success, info, warning or error)."""
    st.session_state.setdefault(K_FLASH, []).append((level, text))


def show_flash() -> None:
    """Show (and forget) the remembered messages."""
    for level, text in st.session_state.pop(K_FLASH, []):
        getattr(st, level if level in ("success", "info", "warning", "error") else "info")(text)


def err_text(exc: Exception) -> str:
    """A bilingual domain message in the session's language; a generic one for anything else."""
    m = getattr(exc, "msg", None)
    if m is not None and hasattr(m, "text"):
        return m.text(state.lang())
    return tr("The workshop store is not available right now. Try again in a moment.",
              "Penyimpanan lokakarya sedang tidak tersedia. Coba lagi sebentar lagi.")


def local_time(dt: datetime | None) -> str:
    """A stored (UTC) time in the browser's time zone, HH:MM:SS."""
    return components.local_time(dt, "%H:%M:%S")


def base_url() -> str:
    """The app's address as the browser sees it, without this page's path ('' when unknown)."""
    try:
        url = (st.context.url or "").rstrip("/")
    except Exception:  # noqa: BLE001
        url = ""
    return url[: -len("/workshop")] if url.endswith("/workshop") else url


def client_key() -> str:
    """Rate-limit key of this browser: its address when known, else a random per-session key."""
    try:
        ip = st.context.ip_address
    except Exception:  # noqa: BLE001
        ip = None
    if ip:
        return "ip:" + ip
    return "session:" + st.session_state.setdefault(K_CLIENT, secrets.token_hex(16))


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(text: str) -> bytes:
    """A PNG QR code of ``text`` (cached)."""
    import qrcode

    img = qrcode.make(text, box_size=8, border=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def node_title(sc: Scorecard, node: str) -> str:
    """What a node's comparison is about, for people."""
    label = sc.node_label(node, state.lang())
    if node == ROOT:
        return root_title(state.lang())
    if any(p.key == node for p in sc.perspectives):
        return tr(f"Objectives of {label}", f"Sasaran {label}")
    if any(o.code == node for o in sc.objectives):
        return tr(f"KPIs of {label}", f"IKU {label}")
    return label


def short_label(sc: Scorecard, item: str) -> str:
    """Perspectives by name, objectives and KPIs by code (like the slider ends)."""
    if any(p.key == item for p in sc.perspectives):
        return sc.node_label(item, state.lang())
    return item


def consensus_word(s: float) -> str:
    """Goepel's bands for S*: very low < 50 % <= low < 65 % <= moderate < 75 % <= high < 85 % <= very high."""
    if s < 0.50:
        return tr("very low", "sangat rendah")
    if s < 0.65:
        return tr("low", "rendah")
    if s < 0.75:
        return tr("moderate", "sedang")
    if s < 0.85:
        return tr("high", "tinggi")
    return tr("very high", "sangat tinggi")


def pct(x: float) -> str:
    """A weight or share (0..1) as a percentage, as everywhere (scorecard.display.weight: '25.60 %')."""
    return components.weight_text(x)


def cr_text(cr: float | None, n: int, policy: str, method: str = "eigen") -> str:
    """A consistency ratio with ✓ (acceptable for ``n`` items under ``policy``) or ✗; '—' when unknown.
    With the geometric method ``cr`` is the GCI and its limit is the GCI's (0.31 / 0.35 / 0.37)."""
    if cr is None:
        return "—"
    limit = ahp.gci_threshold(n) if method == "geometric" else ahp.acceptance_threshold(n, policy)
    ok = cr <= limit + display.CR_TOLERANCE
    return f"{components.cr_text(cr)} {'✓' if ok else '✗'}"


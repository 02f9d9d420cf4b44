"""A small read-only table as plain HTML (``st.html``) instead of ``st.dataframe``: the browser then needs
no data-grid bundle (about 1.2 MB of JavaScript, parsed on the page's first load; issue #13). For short
lists on a page's first screen; long or sortable tables stay ``st.dataframe``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import streamlit as st

CSS = """<style>
.sc-htable{overflow:auto;border:1px solid rgba(49,51,63,.15);border-radius:.5rem}
.sc-htable table{width:100%;border-collapse:collapse;font-size:.875rem}
.sc-htable th{position:sticky;top:0;background:#F9FAFB;text-align:left;font-weight:600;color:#475467}
.sc-htable th,.sc-htable td{padding:.25rem .6rem;border-bottom:1px solid rgba(49,51,63,.08);vertical-align:top}
.sc-htable td.nw{white-space:nowrap}
</style>"""


def table_html(records: Sequence[Mapping[str, str]], *, cell_style: Mapping[str, Mapping[str, str]] | None = None,
               nowrap: Sequence[str] = (), max_height_px: int | None = None) -> str:
    """``records`` (one dict per row, same keys = column headers, texts as shown) as an HTML table.
    ``cell_style``: per column, a CSS declaration per cell text (e.g. a light's fill for its label);
    ``nowrap``: columns kept on one line. All texts are escaped."""
    if not records:
        return ""
    cols = list(records[0])
    styles = cell_style or {}
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    rows = []
    for r in records:
        cells = []
        for c in cols:
            text = str(r.get(c, ""))
            css = styles.get(c, {}).get(text, "")
            attrs = (" class='nw'" if c in nowrap else "") + (f" style='{html.escape(css, quote=True)}'" if css else "")
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    box = f" style='max-height:{max_height_px}px'" if max_height_px else ""
    return f"{CSS}<div class='sc-htable'{box}><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"


def show(records: Sequence[Mapping[str, str]], **kw) -> None:
    """:func:`table_html` on the page."""
    st.html(table_html(records, **kw))

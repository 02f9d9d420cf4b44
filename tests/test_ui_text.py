"""User text shown through st.markdown is shown as typed, never interpreted (review of issue #16:
an evidence description "[Login](https://…)" must not become a link)."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from scorecard.ui.components import md_text

SIGNS = set("\\`*_{}[]()#+-.!|~:<>")


def _unescaped(shown: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", shown))


def test_links_images_and_icons_stay_text():
    shown = md_text("[Login](https://phish.example) ![x](http://a/b.png) **b** :material/home: <b>")
    assert "](" not in shown.replace("\\](", "").replace("\\(", "")
    assert "<b>" not in shown and "&lt;b&gt;" in shown
    assert shown.startswith("\\[Login\\]\\(https\\:")


@given(st.text())
def test_every_sign_is_escaped_and_the_text_comes_back(text):
    shown = md_text(text)
    assert _unescaped(shown) == text
    for i, ch in enumerate(shown):  # each Markdown sign is preceded by a backslash (or is one escaping)
        if ch in SIGNS - {"\\"}:
            assert shown[i - 1] == "\\" or (ch == "#" and shown[i - 2:i] == "&#"), (text, shown)

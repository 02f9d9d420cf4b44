"""Traffic lights (METHOD §4): OMAX levels to red / yellow / green.

Default bands: red [0, 4), yellow [4, 8), green [8, 10]. Thresholds are settings
(:class:`scorecard.model.Settings` ``yellow_from`` and ``green_from``). The same bands classify
objectives, perspectives and the overall index. Colour is never the only signal: each light has a
shape and a word, and the palette is colour-blind safe (Okabe-Ito based, distinct in lightness).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scorecard.display import denoise

Light = Literal["red", "yellow", "green"]
LIGHTS: tuple[Light, ...] = ("red", "yellow", "green")


@dataclass(frozen=True)
class LightStyle:
    """How a light is shown: fill colour, text colour on it, a shape symbol and words."""

    fill: str
    ink: str
    symbol: str
    en: str
    id: str
    meaning_en: str
    meaning_id: str

    def word(self, lang: str = "en") -> str:
        return self.id if lang == "id" else self.en

    def meaning(self, lang: str = "en") -> str:
        return self.meaning_id if lang == "id" else self.meaning_en


# Red is a vermillion and green a bluish green (Okabe-Ito), so red/green stay apart for
# deuteranopes; the shapes (square, triangle, circle) carry the meaning in black and white.
# Text on every fill is black: white on these fills reads at only 3.4:1 (green) and 3.9:1 (red),
# black at 6.1:1 and 5.4:1 (WCAG asks 4.5:1 for normal text; tests/test_omax_lights_scoring.py checks it).
STYLES: dict[str, LightStyle] = {
    "red": LightStyle("#D55E00", "#000000", "■", "Red", "Merah", "needs action first", "perlu tindakan segera"),
    "yellow": LightStyle("#F0E442", "#000000", "▲", "Yellow", "Kuning", "needs attention", "perlu perhatian"),
    "green": LightStyle("#009E73", "#000000", "●", "Green", "Hijau", "achieved", "tercapai"),
}


def classify(level: float | None, yellow_from: float = 4.0, green_from: float = 8.0) -> Light:
    """The light of a level (0..10). ``None`` (not scored) counts as red. The level is compared
    without floating-point noise (:func:`scorecard.display.denoise`, the value that is shown), so a
    level computed as 7.9999999999999991 is 8 and green.

    >>> classify(3.71), classify(4.0), classify(7.9), classify(8.0), classify(8 - 1e-15)
    ('red', 'yellow', 'yellow', 'green', 'green')
    """
    if level is None:
        return "red"
    level = denoise(level)
    if level < yellow_from:
        return "red"
    if level < green_from:
        return "yellow"
    return "green"


def label(light: str, lang: str = "en") -> str:
    """Symbol and word, e.g. '● Green' / '● Hijau' (readable without colour)."""
    st = STYLES[light]
    return f"{st.symbol} {st.word(lang)}"

"""Qualitative values in office tables: ordinal scales (BPK opinions, SAKIP/RB grades, rating words).

A qualitative value is scored by its rank on an ordinal scale: rank 1 is the worst word, the
last rank the best. The scales are data (:data:`SCALES`), shown to the user in the import
preview and changeable there (:class:`Scale` is plain data and serialises to JSON).

* BPK audit opinion: TW (adverse) < TMP (disclaimer) < WDP (qualified) < WTP (unqualified).
* SAKIP / reformasi birokrasi grades: D < C < CC < B < BB < A < AA.
* Rating words: Sangat Kurang < Kurang < Butuh Perbaikan < Cukup < Baik < Sangat Baik.

A number with a grade in brackets ("70,25 (BB)") is the number (70.25); the grade is a note.
Nothing here knows about KPIs or Streamlit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

__all__ = ["SCALES", "Scale", "find_scale", "grade_note", "rank"]


@dataclass
class Scale:
    """An ordinal scale: ``words`` from worst (rank 1) to best; ``aliases`` map other spellings to a word."""

    key: str
    name_en: str
    name_id: str
    words: list[str]
    aliases: dict[str, str] = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        return self.name_id if lang == "id" else self.name_en

    def lookup(self, text: str) -> str | None:
        """The scale word ``text`` stands for (case and spacing ignored), or None."""
        if len(text) > 40:
            return None
        return _index(tuple(self.words), tuple(self.aliases.items())).get(_key(text))

    def unit(self, lang: str = "en") -> str:
        """The KPI unit written for this scale: "rank 1-4 (TW..WTP)" / "peringkat 1-4 (TW..WTP)"."""
        head = "peringkat" if lang == "id" else "rank"
        return f"{head} 1-{len(self.words)} ({self.words[0]}..{self.words[-1]})"


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).strip()


@functools.lru_cache(maxsize=64)
def _index(words: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """{matching key: scale word} of a scale (words win over aliases)."""
    out = {_key(alias): w for alias, w in aliases}
    out.update({_key(w): w for w in words})
    return out


SCALES: dict[str, Scale] = {s.key: s for s in (
    Scale("bpk", "BPK audit opinion", "Opini BPK", ["TW", "TMP", "WDP", "WTP"], {
        "tidak wajar": "TW", "tidak menyatakan pendapat": "TMP", "disclaimer": "TMP",
        "wajar dengan pengecualian": "WDP", "wajar tanpa pengecualian": "WTP", "adverse": "TW",
        "qualified": "WDP", "unqualified": "WTP"}),
    Scale("grade", "SAKIP / RB grade", "Predikat SAKIP / RB", ["D", "C", "CC", "B", "BB", "A", "AA"]),
    Scale("rating", "Rating words", "Kata penilaian",
          ["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Cukup", "Baik", "Sangat Baik"], {
              "memuaskan": "Sangat Baik", "very good": "Sangat Baik", "good": "Baik", "fair": "Cukup",
              "poor": "Kurang", "very poor": "Sangat Kurang", "needs improvement": "Butuh Perbaikan"}),
)}

_GRADE_NOTE_RE = re.compile(r"^\s*(?P<num>[-+]?[0-9][0-9.,]*)\s*\(\s*(?P<word>[A-Za-z][A-Za-z ]{0,30})\s*\)\s*$")


def find_scale(text: str, scales: dict[str, Scale] | None = None) -> tuple[Scale, str] | None:
    """The scale and word of a purely qualitative cell ("WTP", "Baik", "BB"), or None."""
    for scale in (scales or SCALES).values():
        word = scale.lookup(text)
        if word is not None:
            return scale, word
    return None


def rank(scale: Scale, word: str) -> int:
    """The rank of a scale word: 1 for the worst, ``len(words)`` for the best."""
    return scale.words.index(word) + 1


def grade_note(text: str) -> tuple[str, str] | None:
    """("70,25", "BB") for "70,25 (BB)": a number with a grade or word in brackets; else None."""
    m = _GRADE_NOTE_RE.match(text)
    return (m["num"], m["word"].strip()) if m else None

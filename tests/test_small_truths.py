"""Small truths of issue #10: the top node has one title everywhere, and the demo's anchor notes read
in Indonesian (without a shown translation ever counting as an edit)."""

from __future__ import annotations

import re

import pytest

from scorecard.io.demo import note_from_text, note_text
from scorecard.model import ROOT, root_title
from tests.conftest import no_exception, open_page
from tests.test_page_data import editor


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'truths.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def test_top_node_title(demo) -> None:
    assert demo.node_label(ROOT, "en") == root_title("en") == "Perspectives (top level)"
    assert demo.node_label(ROOT, "id") == root_title("id") == "Perspektif (tingkat teratas)"


ENGLISH = re.compile(r"\b(worst|ceiling|baseline|already|beats|placed|study|equals)\b")


def test_every_demo_note_has_indonesian_words(demo) -> None:
    notes = [a.note for a in demo.anchors if a.note]
    assert len(notes) >= 20
    for n in notes:
        shown = note_text(n, "id")
        assert not ENGLISH.search(shown), shown
        assert note_from_text(shown, notes, "id") == n  # and back to what is stored
        assert note_text(n, "en") == n
    assert note_text("baseline 35.73 already beats the target; the study put 5 at level 3", "id") == \
        "nilai dasar 35,73 sudah melampaui target; penelitian menempatkan 5 di level 3"
    assert note_text("my own note", "id") == "my own note"


def test_data_page_shows_indonesian_notes_and_saving_keeps_them() -> None:
    at = open_page("pages/data.py", "id")
    ed = editor(at, "anchors")
    shown = list(ed.value["note"])
    assert "terburuk" in shown and "worst" not in shown
    before = [a.note for a in at.session_state["sc"].anchors]
    rev = at.session_state["sc_rev"]
    # change one value; the (translated) notes of every row are sent back unchanged
    r = int(ed.value.index[ed.value["note"] == "terburuk"][0])
    at.session_state[ed.key] = {"edited_rows": {r: {"value": "1"}}, "added_rows": [], "deleted_rows": []}
    next(b for b in at.button if b.form_id == "data_form_anchors" and b.label == "Simpan perubahan").click().run()
    no_exception(at)
    assert at.session_state["sc_rev"] == rev + 1
    assert [a.note for a in at.session_state["sc"].anchors] == before  # stored in English, as before


@pytest.mark.parametrize("lang", ["en", "id"])
def test_unchanged_anchor_table_is_not_an_edit(lang: str) -> None:
    at = open_page("pages/data.py", lang)
    rev = at.session_state["sc_rev"]
    label = "Simpan perubahan" if lang == "id" else "Save changes"
    next(b for b in at.button if b.form_id == "data_form_anchors" and b.label == label).click().run()
    no_exception(at)
    assert at.session_state["sc_rev"] == rev

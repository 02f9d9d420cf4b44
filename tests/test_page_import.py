"""The Data page's "Import from your own table" with AppTest: upload an LKjIP workbook, see the
preview with every assumption, change a perspective, create the scorecard (equal weights, said so).
The pure parts (preview frames and edits -> mapping) are tested directly."""

from __future__ import annotations

import pytest

from scorecard.io.table_import import build_plan
from scorecard.ui.table_import import frames, mapping_from_edits
from tests import foreign_tables as ft
from tests.conftest import no_exception, open_page, texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'import-page.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def _upload(at, data: bytes, name: str):
    at.file_uploader(key="import_file").set_value((name, data, XLSX)).run()
    no_exception(at)
    return at


def test_preview_frames_and_edits():
    plan = build_plan(ft.lkjip(), "lkjip.xlsx")
    f = frames(plan, "en")
    assert list(f["objectives"]["perspective"]) == ["Financial", "Customer", "Internal Business Process"]
    assert list(f["kpis"]["code"]) == ["S1.1", "S1.2", "S1.3", "S2.1", "S2.2", "S3.1"]
    assert f["sheets"].iloc[0]["period"] == "2024"
    assert list(f["scales"]["words"]) == ["TW < TMP < WDP < WTP"]
    assert f["values"].iloc[0]["cells"] == "E6, F6"
    edited = {k: v.copy() for k, v in f.items()}
    edited["objectives"].loc[2, "perspective"] = "Learning and Growth"
    edited["kpis"].loc[4, "direction"] = "lower"
    edited["kpis"].loc[4, "worst"] = 100.0
    edited["sheets"].loc[0, "period"] = "2025"
    mapping, errors = mapping_from_edits(plan, edited, "en")
    assert errors == []
    again = build_plan(ft.lkjip(), "lkjip.xlsx", mapping)
    assert again.objectives[2].perspective == "Learning and Growth"
    assert (again.kpis[4].direction, again.kpis[4].worst) == ("lower", 100.0)
    assert again.periods == ["2025"]
    bad = {k: v.copy() for k, v in f.items()}
    bad["sheets"].loc[0, "period"] = "next year"
    bad["kpis"].loc[1, "code"] = "s1.1"  # differs from S1.1 only in case
    bad["scales"].loc[0, "words"] = "TW < WTP"
    _, errors = mapping_from_edits(plan, bad, "id")
    assert len(errors) == 3 and any("kpis baris 2" in e for e in errors) and any("bukan periode" in e for e in errors)


def test_import_preview_and_create_on_the_data_page():
    at = open_page("pages/data.py", "en")
    _upload(at, ft.lkjip(), "lkjip.xlsx")
    shown = texts(at)
    assert "Found:** 1 sheet(s), 3 sasaran, 6 indicator(s), period(s) 2024" in shown
    assert 'title A2 "TAHUN ANGGARAN 2024"' in shown  # the assumptions, as text
    assert "Weights are equal until you judge them" in shown
    assert "never counted as level 0" in shown  # the partial-data rule, on screen
    keys = {e.key.rsplit("_", 1)[0] for e in at.data_editor if (e.key or "").startswith("imp_ed_")}
    assert keys == {"imp_ed_sheets", "imp_ed_columns", "imp_ed_objectives", "imp_ed_kpis", "imp_ed_scales"}
    problems = [d.value for d in at.dataframe if "Cell" in getattr(d.value, "columns", [])]
    assert problems and "G10" in list(problems[0]["Cell"])  # the capaian disagreement, with its cell
    at.button(key="imp_create").click().run()
    no_exception(at)
    sc = at.session_state["sc"]  # the working scorecard (scorecard.ui.state)
    shown = texts(at)
    assert "Scorecard created from “lkjip.xlsx”: 6 KPIs, periods 2024" in shown
    assert [k.code for k in sc.kpis] == ["S1.1", "S1.2", "S1.3", "S2.1", "S2.2", "S3.1"]
    assert '"Nilai SAKIP": "S3.1"' in sc.settings.import_mapping


def test_import_with_errors_cannot_be_created_and_says_why_in_indonesian():
    at = open_page("pages/data.py", "id")
    _upload(at, ft.misreadings(), "data.xlsx")
    shown = texts(at)
    assert "kesalahan di atas harus diperbaiki" in shown
    assert at.button(key="imp_create").disabled
    cells = [d.value for d in at.dataframe if "Sel" in getattr(d.value, "columns", [])][0]
    assert {"F2", "F3", "F5", "F7", "E8"} <= set(cells["Sel"])


def test_adjust_a_perspective_in_the_preview_then_create():
    at = open_page("pages/data.py", "en")
    _upload(at, ft.lkjip(), "lkjip.xlsx")
    key = next(e.key for e in at.data_editor if (e.key or "").startswith("imp_ed_objectives_"))
    # what the grid sends when the user picks another perspective for row 3 (S3)
    at.session_state[key] = {"edited_rows": {2: {"perspective": "Learning and Growth"}}, "added_rows": [],
                             "deleted_rows": []}
    apply = next(b for b in at.button if b.label == "Apply changes to the preview")
    apply.click().run()
    no_exception(at)
    assert "S3 \"Meningkatnya akuntabilitas kinerja\": perspective Learning and Growth (mapping)" in texts(at)
    at.button(key="imp_create").click().run()
    sc = at.session_state["sc"]
    assert sc.objective("S3").perspective == "Learning and Growth"
    assert [p.key for p in sc.perspectives] == ["Financial", "Customer", "Learning and Growth"]

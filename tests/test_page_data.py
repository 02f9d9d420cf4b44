"""The Data page with Streamlit's AppTest: uploads are all or nothing (a bad workbook shows a report
naming sheet and cell and leaves the scorecard untouched; a good one is committed once), in-place
edits are validated like uploads, and every label follows the language."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.conftest import no_exception, open_page, texts

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DEMO = ROOT / "data" / "demo.xlsx"
TIMEOUT = 60
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'data-page.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def demo_with(cells: dict[str, object], sheet: str = "Data", keep: tuple[str, ...] | None = None) -> bytes:
    """The demo workbook with some cells changed (and, with ``keep``, only those sheets left)."""
    wb = load_workbook(DEMO)
    ws = wb[sheet]
    for ref, value in cells.items():
        ws[ref] = value
    if keep is not None:
        for name in list(wb.sheetnames):
            if name not in keep:
                del wb[name]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def data_page(lang: str = "en") -> AppTest:
    return open_page("pages/data.py", lang)


def tables(at: AppTest) -> list:
    return [t.value for t in at.table]


def editor(at: AppTest, name: str):
    """The data editor of one table of the page (keys are data_ed_<name>_<revision>_<nonce>)."""
    found = [e for e in at.data_editor if (e.key or "").startswith(f"data_ed_{name}_")]
    assert len(found) == 1, [e.key for e in at.data_editor]
    return found[0]


def upload(at: AppTest, data: bytes, name: str = "scorecard.xlsx") -> AppTest:
    at.file_uploader(key="data_upload_file").set_value((name, data, XLSX)).run()
    no_exception(at)
    return at


def actual_shown(at: AppTest, kpi: str) -> str:
    frame = editor(at, "data").value
    return str(frame.loc[frame["kpi"] == kpi, "actual"].iloc[0])


def level_shown(at: AppTest, kpi: str) -> str:
    frame = editor(at, "data").value
    return str(frame.loc[frame["kpi"] == kpi, "level"].iloc[0])


def test_page_renders_preview_templates_and_editors():
    at = data_page()
    assert [t.value for t in at.title] == ["Data"]
    assert {"data_ed_data", "data_ed_kpis", "data_ed_names", "data_ed_anchors"} <= {
        "_".join((e.key or "").split("_")[:3]) for e in at.data_editor}
    data = editor(at, "data").value
    assert len(data) == 22 and actual_shown(at, "F1a") == "Rp 51,561,555,515"  # English style, like its target
    assert actual_shown(at, "C1a") == "1035/249.137"  # a ratio stays as typed
    kpis = editor(at, "kpis").value
    assert list(kpis["kpi"])[:3] == ["F1a", "F1b", "F2a"] and kpis["perspective"].iloc[0] == "Financial"
    labels = [b.label for b in at.get("download_button")]
    assert any("Blank template" in x for x in labels) and any("pre-filled" in x for x in labels)
    assert any("as a workbook" in x for x in labels)


def test_bad_workbook_names_the_cell_and_keeps_the_scorecard():
    at = data_page()
    before = at.session_state["sc"]
    rev = at.session_state["sc_rev"]
    upload(at, demo_with({"D7": "abc"}), "bad.xlsx")
    assert at.session_state["sc"] is before and at.session_state["sc_rev"] == rev
    assert "NOT loaded" in texts(at) and "Nothing was changed" in texts(at)
    report = tables(at)[0]
    assert list(report.columns)[:4] == ["Sheet", "Cell", "Value found", "Problem"]  # (+ "How to fix" when any)
    row = report[(report["Sheet"] == "Data") & (report["Cell"] == "D7")]
    assert len(row) == 1 and row["Value found"].iloc[0] == "abc" and "abc" in row["Problem"].iloc[0]
    assert actual_shown(at, "F2a") == "25.88 %"  # still the old value (in English style)


def test_bad_workbook_report_in_indonesian():
    at = data_page("id")
    upload(at, demo_with({"D7": "abc"}), "salah.xlsx")
    assert "TIDAK dimuat" in texts(at)
    report = tables(at)[0]
    assert list(report.columns)[:4] == ["Lembar", "Sel", "Nilai yang ditemukan", "Masalah"]
    assert "D7" in set(report["Sel"]) and "Tidak dapat membaca" in " ".join(report["Masalah"])


def test_good_upload_replaces_and_is_processed_once():
    at = data_page()
    assert actual_shown(at, "F2a") == "25.88 %"
    upload(at, demo_with({"D7": "30%"}), "demo-2.xlsx")
    assert "demo-2.xlsx" in texts(at) and "scorecard was replaced" in texts(at) and "22 KPIs" in texts(at)
    assert actual_shown(at, "F2a") == "30 %"
    rev = at.session_state["sc_rev"]
    at.run()  # a rerun keeps the file in the uploader but does not import it again
    no_exception(at)
    assert at.session_state["sc_rev"] == rev and actual_shown(at, "F2a") == "30 %"


def test_data_only_workbook_updates_the_current_scorecard():
    at = data_page()
    name_before = at.session_state["sc"].kpi("F1a").name_en
    upload(at, demo_with({"D7": 31}, keep=("Data",)), "data-only.xlsx")
    assert "was updated" in texts(at) and "1 target/actual value(s) changed" in texts(at)
    sc = at.session_state["sc"]
    assert sc.measurement("F2a", "2010").actual == 31 and sc.kpi("F1a").name_en == name_before


def test_wrong_sheets_report_says_how_to_fix():
    at = data_page()
    rev = at.session_state["sc_rev"]
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.active["A1"] = "hello"
    buf = io.BytesIO()
    wb.save(buf)
    upload(at, buf.getvalue(), "other.xlsx")
    assert at.session_state["sc_rev"] == rev
    report = tables(at)[0]
    assert "How to fix" in report.columns and "template" in " ".join(report["How to fix"])


def test_csv_of_data_rows_updates_the_current_scorecard():
    at = data_page()
    csv = b"KPI,Period,Target,Actual\nF2a,2010,\"33,75\",\"30,5%\"\n"
    at.file_uploader(key="data_upload_file").set_value(("data.csv", csv, "text/csv")).run()
    no_exception(at)
    assert "was updated" in texts(at)
    assert at.session_state["sc"].measurement("F2a", "2010").actual == pytest.approx(30.5)
    assert actual_shown(at, "F2a") == "30.5 %"


def test_not_a_workbook_gets_a_friendly_message():
    at = data_page()
    rev = at.session_state["sc_rev"]
    upload(at, b"this is not excel at all \x00\x01", "junk.xlsx")
    assert at.session_state["sc_rev"] == rev
    assert at.error and not at.exception


def test_hostile_files_never_break_the_page():
    from tests.hostile_files import CORPUS

    at = data_page()
    for name, build in CORPUS.items():
        rev = at.session_state["sc_rev"]
        before = at.session_state["sc"]
        ext = "csv" if "csv" in name else "xls" if "xls" in name and "xlsx" not in name else "xlsx"
        upload(at, build(), f"{name}.{ext}")
        changed = at.session_state["sc_rev"] != rev
        if changed:  # only a file that passed every check may change the scorecard
            assert at.success, name
        else:
            assert at.session_state["sc"] is before and at.error, name
        assert "Traceback" not in texts(at), name


def test_unexpected_exception_never_reaches_the_screen(monkeypatch):
    from scorecard.io import workbook

    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(workbook, "read_workbook", boom)
    at = data_page()
    rev = at.session_state["sc_rev"]
    upload(at, demo_with({}), "any.xlsx")
    assert at.session_state["sc_rev"] == rev
    assert "Something unexpected went wrong" in texts(at) and "secret" not in texts(at)


def set_edits(at: AppTest, name: str, edited_rows: dict[int, dict[str, object]]) -> None:
    at.session_state[editor(at, name).key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}


def save(at: AppTest, name: str) -> AppTest:
    """Press Save of one table's form."""
    buttons = [b for b in at.button if b.label == "Save changes" and b.form_id == f"data_form_{name}"]
    assert buttons, [(b.label, b.form_id) for b in at.button]
    buttons[0].click().run()
    no_exception(at)
    return at


def row_of(at: AppTest, name: str, kpi: str) -> int:
    frame = editor(at, name).value
    return int(frame.index[frame["kpi"] == kpi][0])


def test_edit_actual_changes_the_level():
    at = data_page()
    assert level_shown(at, "F2a") == "8.08"
    rev = at.session_state["sc_rev"]
    set_edits(at, "data", {row_of(at, "data", "F2a"): {"actual": "33,75%"}})
    save(at, "data")
    assert at.session_state["sc_rev"] == rev + 1
    m = at.session_state["sc"].measurement("F2a", "2010")
    assert m.actual == pytest.approx(33.75) and m.actual_text == "33,75%"
    assert level_shown(at, "F2a") == "10.00" and actual_shown(at, "F2a") == "33.75 %"
    assert "Saved 1 change" in texts(at)


def test_invalid_edit_is_refused_and_names_row_and_column():
    at = data_page()
    rev = at.session_state["sc_rev"]
    before = at.session_state["sc"]
    set_edits(at, "data", {row_of(at, "data", "F2a"): {"actual": "lots"},
                           row_of(at, "data", "F1a"): {"target": "Rp 1"}})
    save(at, "data")
    assert at.session_state["sc_rev"] == rev and at.session_state["sc"] is before  # all or nothing
    msg = "\n".join(e.value for e in at.error)
    assert "Not saved" in msg and "Row 3 (F2a)" in msg and "“Actual”" in msg and "lots" in msg
    assert before.measurement("F2a", "2010").actual == pytest.approx(25.88)


def test_edit_names_worst_and_anchors():
    at = data_page()
    r = row_of(at, "kpis", "C1a")
    set_edits(at, "kpis", {r: {"name_en": "Complaints from customers", "worst": "2,000"}})
    save(at, "kpis")
    k = at.session_state["sc"].kpi("C1a")
    assert k.name_en == "Complaints from customers" and k.worst == 2000
    set_edits(at, "kpis", {row_of(at, "kpis", "C1a"): {"name_en": ""}})
    save(at, "kpis")
    assert "a name is needed" in "\n".join(e.value for e in at.error)
    assert at.session_state["sc"].kpi("C1a").name_en == "Complaints from customers"
    # anchors: level 11 is refused, level 3 for C4a is accepted
    ed = editor(at, "anchors")
    n = len(ed.value)
    at.session_state[ed.key] = {"edited_rows": {}, "deleted_rows": [],
                                "added_rows": [{"kpi": "C4a", "level": 11, "value": "3"}]}
    save(at, "anchors")
    assert "whole number from 0 to 10" in "\n".join(e.value for e in at.error)
    ed = editor(at, "anchors")
    at.session_state[ed.key] = {"edited_rows": {}, "deleted_rows": [],
                                "added_rows": [{"kpi": "C4a", "level": 3, "value": "3 hari", "period": "2010"}]}
    save(at, "anchors")
    sc = at.session_state["sc"]
    assert len(sc.anchors) == n + 1 and sc.anchors_for("C4a", "2010") == {3: 3.0}


def test_language_switch_shows_indonesian_labels():
    at = data_page()
    at.session_state["lang"] = "id"
    at.run()
    no_exception(at)
    text = texts(at)
    assert "1. Muat buku kerja" in text and "2. Templat dan unduhan" in text and "3. Data periode 2010" in text
    labels = [b.label for b in at.get("download_button")]
    assert "Templat kosong" in labels
    assert at.file_uploader(key="data_upload_file").label.startswith("Buku kerja Excel")

"""The tree workbook (read/write), the shipped cascade example and the ``cascade`` CLI."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from scorecard.cli import main
from scorecard.io.cascade_demo import CASCADE_DEMO_PATH, demo_tree, load_cascade_demo
from scorecard.io.tree_workbook import read_tree_workbook, write_tree_workbook
from scorecard.method.cascade import evaluate
from scorecard.store.serialize import to_dict


def _plain(sc) -> dict:
    d = to_dict(sc)
    for m in d["measurements"]:
        m["actual_text"] = ""  # written as numbers: the text comes back as the number format shows it
    return d


def test_tree_workbook_round_trip():
    tree = demo_tree()
    back = read_tree_workbook(write_tree_workbook(tree), "tree.xlsx")
    assert back.report.ok, back.report.text()
    assert [(u.code, u.name, u.parent, u.name_en) for u in back.tree.units] == [
        (u.code, u.name, u.parent, u.name_en) for u in tree.units]
    for a, b in zip(tree.units, back.tree.units, strict=True):
        assert _plain(a.scorecard) == _plain(b.scorecard)
    assert back.tree.links == tree.links
    assert back.tree.skp == tree.skp


def test_english_headers_round_trip_too():
    tree = demo_tree()
    back = read_tree_workbook(write_tree_workbook(tree, lang="en"), "tree.xlsx")
    assert back.report.ok, back.report.text()
    assert back.tree.skp == tree.skp and back.tree.links == tree.links


def _edit(data: bytes, sheet: str, cell: str, value: object) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb[sheet][cell] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _find(data: bytes, sheet: str, unit: str, col: int, text: str) -> str:
    ws = load_workbook(io.BytesIO(data))[sheet]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == unit and row[col - 1].value == text:
            return row[0].row
    raise AssertionError(f"no row {unit}/{text} on {sheet}")


def test_bad_number_in_a_unit_row_names_the_real_sheet_and_cell():
    data = write_tree_workbook(demo_tree())
    r = _find(data, "Data", "CAPIL", 2, "c2")  # column B: IKU (column A is the unit)
    bad = _edit(data, "Data", f"E{r}", "tujuh puluh")  # E = Realisasi (shifted one right)
    res = read_tree_workbook(bad, "tree.xlsx")
    assert res.tree is None
    err = res.report.errors[0]
    assert (err.sheet, err.cell) == ("Data", f"E{r}")
    assert "tujuh puluh" in err.text("id")


def test_unknown_unit_in_a_row_is_an_error_at_its_cell():
    data = write_tree_workbook(demo_tree())
    bad = _edit(data, "IKU", "A3", "SEKRETARIAT")
    res = read_tree_workbook(bad, "tree.xlsx")
    assert res.tree is None
    err = next(p for p in res.report.errors if p.code == "tree.unknown_unit")
    assert (err.sheet, err.cell, err.value) == ("IKU", "A3", "SEKRETARIAT")
    assert "DAFDUK" in err.text("en") and "Unit kerja" in err.text("id")


def test_cascade_link_to_a_missing_kpi_is_refused():
    data = write_tree_workbook(demo_tree())
    bad = _edit(data, "Kaskade", "C2", "K99")
    res = read_tree_workbook(bad, "tree.xlsx")
    assert res.tree is None
    assert [p.code for p in res.report.errors] == ["cascade.link_target"]
    err = res.report.errors[0]
    assert (err.sheet, err.cell) == ("Kaskade", "C2") and "K99" in err.text("id")


def test_tree_rule_problems_name_their_rows():
    data = write_tree_workbook(demo_tree())
    # a second rule into K1 (conflict: whole-tree message) and an SKP row supporting a KPI its unit lacks
    bad = _edit(_edit(data, "Kaskade", "D3", "average"), "SKP", "L4", "zz")
    res = read_tree_workbook(bad, "tree.xlsx")
    assert res.tree is None
    where = {p.code: (p.sheet, p.cell) for p in res.report.errors}
    assert where["cascade.skp_supports"] == ("SKP", "L4")
    assert "cascade.rule_conflict" in where
    assert all(p.sheet for p in res.report.errors if p.code != "cascade.rule_conflict")


def test_codes_in_the_cascade_and_skp_sheets_ignore_case_and_spaces():
    data = write_tree_workbook(demo_tree())
    # DAFDUK has KPIs d1..d3 and objectives D1, D2: an exact code wins, else a KPI, else an objective
    typed = _edit(_edit(_edit(data, "Kaskade", "B2", " d1 "), "Kaskade", "C2", "k1"), "SKP", "L2", "D3")
    res = read_tree_workbook(typed, "tree.xlsx")
    assert res.report.ok, res.report.text()
    assert (res.tree.links[0].item, res.tree.links[0].target) == ("d1", "K1")
    assert res.tree.skp[0].supports == "d3"


def test_bad_rule_word_names_its_cell():
    data = write_tree_workbook(demo_tree())
    res = read_tree_workbook(_edit(data, "Kaskade", "D2", "median"), "tree.xlsx")
    err = res.report.errors[0]
    assert (err.sheet, err.cell, err.code) == ("Kaskade", "D2", "workbook.bad_choice")


def test_not_a_workbook_gives_a_message_not_a_traceback():
    res = read_tree_workbook(b"hello", "x.xlsx")
    assert res.tree is None and res.report.errors


def test_shipped_example_is_the_generated_one_and_tells_the_story():
    tree = load_cascade_demo()
    gen = demo_tree()
    for a, b in zip(gen.units, tree.units, strict=True):
        assert _plain(a.scorecard) == _plain(b.scorecard)
    res = evaluate(tree)
    assert res.period == "2024"
    office = res.units["DINAS"]
    # K1 = 39,000 + 8,000 = 47,000 documents; level 3 x (47,000 - 30,000) / (52,000 - 30,000) = 2.32: red
    assert office.rollups["K1"].value == 47000.0
    assert office.score.kpi("K1").level == pytest.approx(3 * 17000 / 22000)
    assert res.red_kpis("DINAS") == ["K1"]
    down = res.beneath("DINAS", "K1")
    assert [(c.unit, c.light) for c in down.children] == [("DAFDUK", "green"), ("CAPIL", "red")]
    capil = down.children[1]
    assert sorted(n.actual for n in capil.children if n.kind == "skp") == [1000.0, 3000.0, 4000.0]
    al = res.alignment()
    assert al.supports_nothing == [("CAPIL", "c3")] and al.unsupported == [("DINAS", "K4")]


def test_cli_cascade_json(capsys):
    assert main(["cascade", str(CASCADE_DEMO_PATH), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["period"] == "2024"
    units = {u["code"]: u for u in out["units"]}
    assert [u["code"] for u in out["units"]] == ["DINAS", "DAFDUK", "CAPIL"]
    assert units["CAPIL"]["light"] == "red" and units["DAFDUK"]["light"] == "green"
    k1 = next(k for k in units["DINAS"]["kpis"] if k["code"] == "K1")
    assert k1["computed"] and k1["light"] == "red" and k1["rollup"]["rule"] == "sum"
    assert [(s["unit"], s["value"]) for s in k1["rollup"]["supporters"]] == [("DAFDUK", 39000.0), ("CAPIL", 8000.0)]
    assert units["DINAS"]["index"] == pytest.approx(evaluate(demo_tree()).units["DINAS"].index)
    assert out["alignment"]["unsupported"] == [["DINAS", "K4"]]


def test_cli_cascade_period_and_errors(capsys, tmp_path):
    assert main(["cascade", str(CASCADE_DEMO_PATH), "--period", "2023", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    k1 = next(k for k in out["units"][0]["kpis"] if k["code"] == "K1")
    # 2023: the units' own 36,000 + 16,000 roll up to the office's typed 52,000 (no disagreement)
    assert out["period"] == "2023" and k1["computed"] and k1["actual"] == 52000.0
    assert k1["rollup"]["typed"] == 52000.0 and not k1["rollup"]["disagrees"]
    assert main(["cascade", str(CASCADE_DEMO_PATH), "--period", "2030"]) == 1
    assert "2030" in capsys.readouterr().err
    assert main(["cascade", str(tmp_path / "none.xlsx")]) == 1
    assert main(["--lang", "id", "cascade", str(CASCADE_DEMO_PATH)]) == 0
    assert "Merah" in capsys.readouterr().out


def test_cli_cascade_demo_writes_a_readable_tree(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["cascade-demo", str(out)]) == 0
    assert read_tree_workbook(out.read_bytes(), "t.xlsx").tree is not None

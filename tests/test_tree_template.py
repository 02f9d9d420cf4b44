"""The blank tree workbook (scorecard.io.tree_template): it reads back through the tree reader with no errors
(and no tree: a warning asks for the office), a unit typed into it reads as that unit, its headers carry help,
and ``python -m scorecard tree-template`` writes it."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from scorecard.cli import main
from scorecard.io.format import SHEETS
from scorecard.io.tree_template import write_tree_template
from scorecard.io.tree_workbook import _SCORECARD_KEYS, TREE_SHEETS, read_tree_workbook


def _with_rows(data: bytes, rows: dict[str, list[list[object]]]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for sheet, values in rows.items():
        for row in values:
            wb[sheet].append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_blank_template_reads_back_with_no_errors_and_no_tree(lang):
    res = read_tree_workbook(write_tree_template(lang=lang), "pohon.xlsx")
    assert res.report.errors == [] and res.tree is None
    (warning,) = res.report.warnings
    assert warning.code == "tree.no_units_yet" and warning.sheet == TREE_SHEETS["units"].title(lang)
    assert "no units yet" in warning.what.en and "belum punya unit" in warning.what.id


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sheets_headers_and_header_help(lang):
    wb = load_workbook(io.BytesIO(write_tree_template(lang=lang)))
    titles = wb.sheetnames
    for key in ("units", "cascade", "skp"):
        spec = TREE_SHEETS[key]
        ws = wb[spec.title(lang)]
        assert [c.value for c in ws[1]] == [c.label(lang) for c in spec.columns]
        assert all(c.comment is not None and len(c.comment.text) > 10 for c in ws[1])  # every header explained
        assert all(str(r[0].value).startswith("#") for r in ws.iter_rows(min_row=2) if r[0].value)  # examples only
    for key in _SCORECARD_KEYS:
        ws = wb[SHEETS[key].title(lang)]
        assert ws["A1"].value == ("Unit kerja" if lang == "id" else "Org unit") and ws["A1"].comment is not None
        assert ws.max_row == 1  # headers only
    parent = wb[TREE_SHEETS["units"].title(lang)]["D1"].comment.text
    assert ("Kosong untuk kantor" if lang == "id" else "Empty for the office") in parent
    assert titles[0] == SHEETS["instructions"].title(lang) and wb.active.title == TREE_SHEETS["units"].title(lang)


def test_one_unit_typed_in_reads_as_that_unit():
    data = _with_rows(write_tree_template(lang="id"), {"Unit kerja": [["DINAS", "Dinas Kependudukan", "Civil "
                                                                       "registry", None]]})
    res = read_tree_workbook(data, "pohon.xlsx")
    assert res.report.problems == [], res.report.text()
    tree = res.tree
    assert tree is not None and tree.name == "Dinas Kependudukan"
    (unit,) = tree.units
    assert (unit.code, unit.name, unit.name_en, unit.parent) == ("DINAS", "Dinas Kependudukan", "Civil registry", None)
    assert unit.scorecard.name == "Dinas Kependudukan" and unit.scorecard.kpis == [] and tree.links == tree.skp == []


def test_a_unit_with_a_kpi_and_a_value_typed_in(tmp_path):
    """Rows typed under the template's headers, in its column order (unit column first)."""
    data = _with_rows(write_tree_template(lang="en"), {
        "Units": [["DINAS", "Dinas Kependudukan", "", None]],
        "Perspectives": [["DINAS", "Customer", "Customer", "Pelanggan"]],
        "Objectives": [["DINAS", "S1", "Customer", "Better services", "Layanan lebih baik"]],
        "KPIs": [["DINAS", "K1", "S1", "Documents issued", "Dokumen diterbitkan", "documents", "higher", 0]],
        "Data": [["DINAS", "K1", "2024", 1000, 900]],
    })
    res = read_tree_workbook(data, "tree.xlsx")
    assert res.report.errors == [], res.report.text()
    sc = res.tree.unit("DINAS").scorecard
    assert [k.code for k in sc.kpis] == ["K1"]
    m = sc.measurement("K1", "2024")
    assert (m.target, m.actual) == (1000, 900)


def test_cli_tree_template(tmp_path, capsys):
    out = tmp_path / "pohon.xlsx"
    assert main(["--lang", "id", "tree-template", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert load_workbook(out).sheetnames[1] == "Unit kerja"
    res = read_tree_workbook(out.read_bytes(), out.name)
    assert res.report.errors == []
    # reading the blank workbook as a tree says what is missing (exit 1), never "unreadable"
    assert main(["--lang", "en", "cascade", str(out)]) == 1
    assert "The workbook has no units yet" in capsys.readouterr().err
    en = tmp_path / "tree.xlsx"
    assert main(["tree-template", str(en), "--lang", "en"]) == 0
    assert load_workbook(en).sheetnames[1] == "Units"

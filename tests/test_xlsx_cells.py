"""The fast cell reader (scorecard.io.xlsx_cells) gives exactly the cells openpyxl's full load gives.

Each workbook is read both ways: the reader's fast path (``_sheets_fast``) and the openpyxl path
(``safe_load_workbook`` + ``_sheet_from_ws``, what every upload used before); the grids (value, type,
number format, error flag, merged ranges) must be equal cell for cell.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from scorecard.io import reader
from scorecard.io.demo import DEMO_PATH
from scorecard.io.preflight import safe_load_workbook
from scorecard.io.xlsx_cells import load_cells
from tests.hostile_files import sheet_xml, xlsx


def _grid(sheet: reader._Sheet) -> dict:
    return {rc: (type(c.value), c.value, c.fmt, c.error, c.formula) for rc, c in sheet.cells.items()}


def assert_same_cells(data: bytes) -> None:
    book = load_cells(data)
    assert book is not None
    wb = safe_load_workbook(data, read_only=False, data_only=True)
    assert book.sheetnames == wb.sheetnames
    used = {t: t for t in wb.sheetnames}
    # once more from a fresh book if the first read fell back (seen once on a machine under load 20)
    fast = reader._sheets_fast(book, used) or reader._sheets_fast(load_cells(data), used)
    assert fast is not None
    for title in wb.sheetnames:
        slow = reader._sheet_from_ws(wb[title], {})
        assert _grid(fast[title]) == _grid(slow), title
        assert fast[title].merged == slow.merged
        assert book.sheet(title).max_row == wb[title].max_row


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_demo_and_generated_workbooks_read_the_same() -> None:
    from bench.gen import generate
    from scorecard.io.workbook import write_workbook

    assert_same_cells(DEMO_PATH.read_bytes())
    assert_same_cells(write_workbook(generate(40, 6)))


def test_every_cell_type_reads_as_openpyxl_reads_it() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"], ws["B1"], ws["C1"] = 42, 3.25, "teks"
    ws["D1"], ws["E1"] = True, False
    ws["A2"] = dt.datetime(2024, 3, 1)
    ws["B2"] = dt.date(2024, 1, 24)
    ws["C2"] = dt.time(13, 30)
    ws["D2"] = 0.3573
    ws["D2"].number_format = "0.00%"
    ws["E2"] = 44177214540
    ws["E2"].number_format = '"Rp "#,##0'
    ws["F2"] = 1.5
    ws["F2"].number_format = "[$Rp-421]#,##0.00"
    ws["A3"] = "#DIV/0!"
    ws["B3"] = CellRichText([TextBlock(InlineFont(b=True), "tebal"), " biasa"])
    ws["C3"] = "x005F_x000D_"
    ws.merge_cells("A5:C6")
    ws["A5"] = "gabung"
    ws["H9"] = "   "
    wb.create_sheet("Kosong")
    assert_same_cells(_save(wb))


def test_hand_written_xml_edge_cases_read_the_same() -> None:
    strings = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
               '2006/main"><si><t>satu</t></si><si><r><t>ka</t></r><r><t>ya</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>'
               "<si><t/></si><si><t>a_x005F_b</t></si></sst>")
    cells = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
             '<c r="D1" t="s"><v>3</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c></row>'
             '<row r="2"><c r="A2" t="str"><f>A1</f><v>satu</v></c><c r="B2"><f>1+1</f><v>2</v></c>'
             '<c r="C2" t="d"><v>2024-02-29T00:00:00</v></c><c r="D2"><v>1E3</v></c><c r="E2"><v></v></c></row>'
             "<row><c><v>7</v></c><c><v>8</v></c></row>"  # a row and cells without references
             '<row r="6"><c r="A6" t="inlineStr"><is><t>di tempat</t></is></c><c r="B6"><v>5</v></c>'
             '<c r="C6" t="inlineStr"><is><r><t>run</t></r></is></c></row>'
             '<row r="7"><c r="A7"><v>1</v></c><c r="A7"><v>2</v></c></row>')  # the later one wins
    data = xlsx([("Data", sheet_xml(cells, "A1:F7", tail='<mergeCells count="1"><mergeCell ref="A6:B6"/>'
                                    "</mergeCells>"))], shared_strings=strings)
    assert_same_cells(data)


_VALUES = st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
                    st.booleans(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)))
_FORMATS = st.sampled_from(["General", "0", "0.00", "#,##0", "0.00%", '"Rp "#,##0', "yyyy-mm-dd", "@"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 8), _VALUES, _FORMATS), max_size=40))
def test_any_cells_read_the_same(cells: list) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, c, v, fmt in cells:
        ws.cell(r, c).value = v
        ws.cell(r, c).number_format = fmt
    assert_same_cells(_save(wb))


def test_formula_without_saved_result_uses_the_openpyxl_path_and_names_the_formula() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "=SUM(B1:B3)"
    data = _save(wb)
    book = load_cells(data)
    assert book is not None
    assert reader._sheets_fast(book, {"x": ws.title}) is None  # falls back: the formula text is needed
    sheet = reader._sheet_from_ws(safe_load_workbook(data)[ws.title], reader._formula_cells(data, [ws.title])[ws.title])
    assert sheet.get(1, 1).formula == "=SUM(B1:B3)"


@pytest.mark.parametrize("data", [b"PK\x03\x04 not a zip", xlsx([("Data", "<worksheet>unclosed")])])
def test_unreadable_parts_give_none_or_fall_back(data: bytes) -> None:
    book = load_cells(data)
    if book is not None:
        assert reader._sheets_fast(book, {"data": "Data"}) is None

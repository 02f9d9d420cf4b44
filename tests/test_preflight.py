"""The upload safety gate: every hostile or messy file gets a precise, bilingual refusal; good files pass."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.io import preflight as pf
from scorecard.io.preflight import Limits, Preflight, PreflightError, SheetInfo, preflight, safe_load_workbook
from tests import hostile_files as H

MiB = 1024 * 1024


@cache
def build(name: str) -> bytes:
    """Corpus files are built once per test session."""
    return H.CORPUS[name]()


def the_error(result: Preflight):
    """The single problem of a refused file, after the checks every refusal must pass."""
    assert not result.ok
    assert len(result.problems) == 1, result.codes
    problem = result.problems[0]
    assert problem.severity == "error"
    assert_bilingual(problem)
    return problem


def assert_bilingual(problem) -> None:
    assert problem.what.en and problem.what.id and problem.what.id != problem.what.en
    assert problem.fix is not None, problem.code
    assert problem.fix.en and problem.fix.id and problem.fix.id != problem.fix.en
    assert problem.code in pf.TEXTS


# --------------------------------------------------------------------------------------------------
# Good files


def test_valid_workbook_passes_with_no_problems():
    result = preflight(build("valid_minimal_xlsx"), "kpi.xlsx")
    assert result.ok
    assert result.kind == "xlsx"
    assert result.problems == []
    assert not result.macro
    assert result.sheets == [SheetInfo("Data", "A1:C3", 3, 3)]


def test_default_sheet_names_are_not_the_gate_s_business():
    result = preflight(build("wrong_sheet_names"))
    assert result.ok and result.problems == []
    assert [s.name for s in result.sheets] == ["Sheet1", "Sheet2"]


def test_macro_workbook_passes_with_only_the_macro_warning():
    result = preflight(build("macro_enabled_xlsm"), "kpi.xlsm")
    assert result.ok
    assert result.kind == "xlsm"
    assert result.macro
    assert result.codes == ["file.macros_ignored"]
    warning = result.problems[0]
    assert warning.severity == "warning"
    assert (
        warning.what.en
        == "The workbook contains macros; macros are ignored and the file is read as data only."
    )
    assert (
        warning.what.id
        == "Buku kerja ini berisi makro; makro diabaikan dan berkas hanya dibaca sebagai data."
    )
    assert_bilingual(warning)


def test_csv_text_is_handed_to_the_caller():
    result = preflight(build("csv_semicolon"), "kpi.csv")
    assert result.ok and result.kind == "csv" and result.problems == []


def test_excel_unicode_text_export_is_csv():
    """Excel's "Unicode Text" is tab-separated UTF-16 with a BOM."""
    result = preflight("KPI\tTarget\r\nPAD\t100\r\n".encode("utf-16"), "kpi.txt")
    assert result.ok and result.kind == "csv"


# --------------------------------------------------------------------------------------------------
# Refused files: kind, code, exact English text, Indonesian present and different, fix present

SAVE_AS_EN = (
    'Open it in Excel, choose File > Save As, pick "Excel Workbook (*.xlsx)", and upload the new file.'
)

REFUSED = [
    ("empty_file", "empty", "file.empty", "The file is empty (0 bytes)."),
    (
        "html_renamed_xls",
        "html",
        "file.html_disguised",
        "This file is a web page (HTML/XML) with an Excel file name, not a real Excel workbook; "
        "many reporting systems export files like this.",
    ),
    (
        "html_table_only",
        "html",
        "file.html_disguised",
        "This file is a web page (HTML/XML) with an Excel file name, not a real Excel workbook; "
        "many reporting systems export files like this.",
    ),
    (
        "spreadsheetml_2003",
        "html",
        "file.html_disguised",
        "This file is a web page (HTML/XML) with an Excel file name, not a real Excel workbook; "
        "many reporting systems export files like this.",
    ),
    (
        "pdf_renamed",
        "unknown",
        "file.not_spreadsheet",
        "This file is not a spreadsheet that can be read; an Excel workbook (.xlsx) is expected.",
    ),
    (
        "legacy_xls",
        "xls",
        "file.legacy_xls",
        "This is an old-format Excel file (.xls, Excel 97-2003); only .xlsx workbooks are accepted.",
    ),
    (
        "encrypted_ooxml",
        "encrypted",
        "file.encrypted",
        "The workbook is protected with a password, so it cannot be read.",
    ),
    (
        "truncated_xlsx",
        "truncated",
        "file.truncated",
        "The file is damaged or incomplete; it may not have finished downloading or copying.",
    ),
    (
        "docx_renamed",
        "zip-not-excel",
        "file.not_excel",
        "This is a zip file, but not an Excel workbook "
        "(for example a Word document or a zip folder renamed to .xlsx).",
    ),
    (
        "xlsb_renamed",
        "xlsb",
        "file.xlsb",
        "This is an Excel Binary Workbook (.xlsb); only .xlsx workbooks are accepted.",
    ),
    (
        "ods_renamed",
        "ods",
        "file.ods",
        "This is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice); "
        "only .xlsx workbooks are accepted.",
    ),
    (
        "path_traversal_zip",
        "xlsx",
        "zip.unsafe_path",
        'The file contains an internal part with an unsafe name ("../../evil.sh"); '
        "it was not saved by Excel.",
    ),
    (
        "zip_encrypted_member",
        "xlsx",
        "zip.encrypted_member",
        "Parts of the file are locked with a zip password, so it cannot be read.",
    ),
    (
        "bzip2_member",
        "xlsx",
        "zip.unsupported_compression",
        "The file uses a compression method that Excel does not use (bzip2).",
    ),
    (
        "zip_bomb_1gb_declared",
        "xlsx",
        "zip.too_large",
        "Unpacked, the file would take 1,024 MB; the limit is 200 MB.",
    ),
    (
        "too_many_members",
        "zip",
        "zip.too_many_members",
        "The file is made of 2,105 internal parts; the limit is 2,000.",
    ),
    (
        "entity_bomb",
        "xlsx",
        "xml.doctype",
        "The file contains XML declarations that are not allowed (DOCTYPE/ENTITY).",
    ),
    (
        "doctype_after_long_comment",
        "xlsx",
        "xml.doctype",
        "The file contains XML declarations that are not allowed (DOCTYPE/ENTITY).",
    ),
    (
        "too_many_sheets",
        "xlsx",
        "workbook.too_many_sheets",
        "The workbook has 51 sheets; the limit is 50.",
    ),
]


@pytest.mark.parametrize(("name", "kind", "code", "english"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_with_exact_message(name, kind, code, english):
    result = preflight(build(name), f"{name}.xlsx")
    problem = the_error(result)
    assert result.kind == kind
    assert problem.code == code
    assert problem.what.en == english
    assert problem.sheet == "" and problem.cell == ""


def test_legacy_and_html_files_are_told_to_save_as_xlsx():
    for name in ("legacy_xls", "html_renamed_xls", "xlsb_renamed"):
        problem = the_error(preflight(build(name)))
        assert problem.fix.en == SAVE_AS_EN


def test_password_message_says_how_to_remove_the_password():
    problem = the_error(preflight(build("encrypted_ooxml"), "kpi.xlsx"))
    assert problem.fix.en == (
        "Remove the password: open it in Excel, go to File > Info > Protect Workbook > Encrypt with "
        "Password, clear the password, click OK, save, and upload again."
    )
    assert "Enkripsi dengan Kata Sandi" in problem.fix.id


def test_indonesian_numbers_use_dots():
    problem = the_error(preflight(build("too_many_members")))
    assert problem.what.id == "Berkas ini terdiri atas 2.105 bagian internal; batasnya 2.000."


def test_too_large_file_is_not_opened():
    result = preflight(bytes(21 * MiB), "big.xlsx")
    problem = the_error(result)
    assert result.kind == "too-large"
    assert problem.code == "file.too_large"
    assert problem.what.en == "The file is 21 MB but the limit is 20 MB."
    assert problem.what.id == "Ukuran berkas ini 21 MB, melebihi batas 20 MB."


def test_size_limit_is_configurable():
    problem = the_error(preflight(b"x" * 2048, limits=Limits(max_bytes=1024)))
    assert problem.what.en == "The file is 2 KB but the limit is 1 KB."


def test_zip_bomb_is_refused_from_its_headers():
    data = build("zip_bomb")
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size == 150 * MiB
    ratio = info.file_size // info.compress_size
    packed = f"{info.compress_size / 1024:,.0f} KB"
    result = preflight(data)
    problem = the_error(result)
    assert result.kind == "xlsx"
    assert problem.code == "zip.bomb_ratio"
    assert problem.what.en == (
        f'Part "xl/worksheets/sheet1.xml" of the file expands {ratio:,}-fold when unpacked '
        f"({packed} to 150 MB); files like this can overload the server and are refused."
    )


@pytest.mark.parametrize(
    "name",
    [
        "zip_bomb",
        "zip_bomb_1gb_declared",
        "too_many_members",
        "path_traversal_zip",
        "zip_encrypted_member",
        "bzip2_member",
    ],
)
def test_zip_attacks_are_refused_without_unpacking_anything(name, monkeypatch):
    def no_unpacking(*args, **kwargs):
        raise AssertionError("a part was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_unpacking)
    result = preflight(build(name))
    assert not result.ok
    assert result.codes[0].startswith("zip."), result.codes


# --------------------------------------------------------------------------------------------------
# XML attacks


def test_xxe_in_a_sheet_names_the_sheet():
    problem = the_error(preflight(build("xxe")))
    assert problem.code == "xml.doctype"
    assert problem.sheet == "Data"
    assert problem.what.en == "The file contains XML declarations that are not allowed (DOCTYPE/ENTITY)."
    assert problem.fix.en == (
        'Save it again from Excel (File > Save As > "Excel Workbook (*.xlsx)") and upload the new file.'
    )


def test_doctype_in_utf16_shared_strings_is_seen():
    strings = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE sst [<!ENTITY a "b">]>'
        f'<sst xmlns="{H.NS_MAIN}"><si><t>&a;</t></si></sst>'
    ).encode("utf-16")
    data = H.xlsx([("Data", H.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>'))], shared_strings=strings)
    assert the_error(preflight(data)).code == "xml.doctype"


def test_doctype_in_workbook_xml_is_refused_before_parsing():
    data = build("valid_minimal_xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    assert not parts["xl/workbook.xml"].startswith(b"<?xml")  # openpyxl writes no declaration
    parts["xl/workbook.xml"] = (
        b'<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + parts["xl/workbook.xml"]
    )
    assert the_error(preflight(H.zip_of(parts))).code == "xml.doctype"


def test_sheet_in_utf16_is_refused():
    problem = the_error(preflight(build("utf16_sheet")))
    assert problem.code == "xml.encoding"
    assert problem.sheet == "Data"
    assert problem.what.en == "the sheet is stored in a text encoding that Excel does not produce (utf-16)."


# --------------------------------------------------------------------------------------------------
# Sheet size


FAR = [
    ("far_cell", "XFD1048576", "A1:XFD1048576"),
    ("far_cell_lying_dimension", "XFD1048576", "A1:B2"),
    ("entity_coded_far_cell", "XFD1048576", "A1"),
    ("prefixed_far_cell", "XFD1048576", "A1"),
]


@pytest.mark.parametrize(("name", "cell", "dimension"), FAR, ids=[f[0] for f in FAR])
def test_far_cell_is_found_whatever_the_dimension_says(name, cell, dimension):
    result = preflight(build(name))
    problem = the_error(result)
    assert result.kind == "xlsx"
    assert problem.code == "sheet.too_big"
    assert (problem.sheet, problem.cell) == ("Data", cell)
    assert result.sheets == [SheetInfo("Data", dimension, 1048576, 16384)]
    assert problem.text("en") == (
        'Sheet "Data", cell XFD1048576: the sheet reaches column XFD and row 1,048,576; the limit is '
        "500 columns and 100,000 rows. Delete the unused rows and columns "
        "(select them, right-click > Delete) and save."
    )
    assert problem.text("id") == (
        'Lembar "Data", sel XFD1048576: lembar ini mencapai kolom XFD dan baris 1.048.576; batasnya '
        "500 kolom dan 100.000 baris. Hapus baris dan kolom yang tidak dipakai (pilih, klik kanan > "
        "Delete/Hapus), lalu simpan."
    )


def test_cell_below_its_row_tag_counts():
    problem = the_error(preflight(build("far_cell_in_wrong_row")))
    assert (problem.code, problem.sheet, problem.cell) == ("sheet.too_big", "Data", "C1048576")
    assert problem.what.en == (
        "the sheet reaches column C and row 1,048,576; the limit is 500 columns and 100,000 rows."
    )


def test_cells_without_references_are_counted_like_openpyxl_does():
    result = preflight(build("rless_wide_row"))
    problem = the_error(result)
    assert (problem.code, problem.cell) == ("sheet.too_big", "WB2")
    assert result.sheets[0].max_col == 600


def test_used_area_over_the_cell_limit():
    result = preflight(H.wide_sheet(100, 20), limits=Limits(max_cells=1000))
    problem = the_error(result)
    assert (problem.code, problem.sheet, problem.cell) == ("sheet.too_many_cells", "Data", "T100")
    assert (
        problem.what.en == "the sheet covers 2,000 cells (up to column T, row 100); the limit is 1,000 cells."
    )


def test_duplicated_cells_count_against_the_cell_limit():
    assert preflight(build("duplicate_cells")).ok  # 2,000 copies of A1: fine with the default limits
    problem = the_error(preflight(build("duplicate_cells"), limits=Limits(max_cells=1000)))
    assert problem.code == "sheet.too_many_cells"
    assert (
        problem.what.en == "the sheet covers 2,000 cells (up to column A, row 1); the limit is 1,000 cells."
    )


def test_merged_ranges_count_their_area():
    problem = the_error(preflight(build("merged_area")))
    assert (problem.code, problem.sheet) == ("sheet.too_many_merged", "Data")
    assert problem.what.en == (
        "merged cells and links on the sheet cover 6,000,000 cells in total; the limit is 3,000,000 cells."
    )


def test_too_many_merged_ranges():
    problem = the_error(preflight(H.merged_area(11, "A1:B2"), limits=Limits(max_ranges=10)))
    assert problem.code == "sheet.too_many_ranges"
    assert problem.what.en == "the sheet has more than 10 merged ranges and links."


def test_exact_path_stops_at_the_cell_limit():
    body = '<row r="1">' + "<c><v>1</v></c>" * 150 + "</row>"  # no r: the exact path counts them
    data = H.xlsx([("Data", H.sheet_xml(body, "A1"))])
    problem = the_error(preflight(data, limits=Limits(max_cells=100, max_cols=1000)))
    assert problem.code == "sheet.too_many_cells"
    assert problem.what.en == "the sheet covers 101 cells (up to column CW, row 1); the limit is 100 cells."


def test_rescanning_an_odd_sheet_does_not_count_against_the_unpacked_size_budget():
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 3000))
    body += "<row><c><v>1</v></c></row>"  # odd XML at the very end: fast path first, then exact path
    data = H.xlsx([("Data", H.sheet_xml(body, "A1"))])
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    result = preflight(data, limits=Limits(max_uncompressed=declared + 10))
    assert result.ok, result.codes
    assert result.sheets == [SheetInfo("Data", "A1", 3000, 1)]


def test_hyperlink_range_reaches_far():
    tail = '<hyperlinks><hyperlink ref="A1:XFD1048576" r:id="rId9"/></hyperlinks>'
    data = H.xlsx([("Data", H.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', "A1", tail=tail))])
    problem = the_error(preflight(data))
    assert (problem.code, problem.cell) == ("sheet.too_big", "XFD1048576")


def test_every_sheet_over_the_limit_is_reported():
    far = H.sheet_xml('<row r="200000"><c r="A200000"><v>1</v></c></row>', "A1")
    ok = H.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', "A1")
    result = preflight(H.xlsx([("One", far), ("Two", ok), ("Three", far)]))
    assert not result.ok
    assert [(p.code, p.sheet, p.cell) for p in result.problems] == [
        ("sheet.too_big", "One", "A200000"),
        ("sheet.too_big", "Three", "A200000"),
    ]
    assert [s.name for s in result.sheets] == ["One", "Two", "Three"]


SIZE_CASES = [
    "far_cell",
    "far_cell_lying_dimension",
    "far_cell_in_wrong_row",
    "entity_coded_far_cell",
    "prefixed_far_cell",
    "rless_wide_row",
    "merged_area",
    "duplicate_cells",
    "valid_minimal_xlsx",
    "macro_enabled_xlsm",
    "wrong_sheet_names",
]


@pytest.mark.parametrize("chunk", [1, 7, 64, 4096])
def test_chunk_boundaries_do_not_change_the_result(chunk, monkeypatch):
    expected = {name: preflight(build(name)) for name in SIZE_CASES}
    monkeypatch.setattr(pf, "CHUNK_BYTES", chunk)
    for name in SIZE_CASES:
        assert preflight(build(name)) == expected[name], name


def test_oversized_xml_piece_is_refused(monkeypatch):
    monkeypatch.setattr(pf, "MAX_SEGMENT", 100)
    monkeypatch.setattr(pf, "CHUNK_BYTES", 64)
    text = "x" * 300
    sheet = H.sheet_xml(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row>', "A1")
    problem = the_error(preflight(H.xlsx([("Data", sheet)])))
    assert (problem.code, problem.sheet) == ("xml.oversized", "Data")
    assert problem.what.en == (
        "the sheet contains a single piece of XML data longer than 100 bytes, which Excel does not produce."
    )


def test_cell_surprise_regex_matches_exactly_the_new_maxima():
    for col in (1, 25, 26, 27, 30, 500, 702, 703):
        for row in (1, 9, 10, 99, 20000, 1048576):
            pattern = pf._cell_surprise(b"", col, row)
            for c in {1, col - 1, col, col + 1, 27, 703, 16384} - {0}:
                for r in {1, row - 1, row, row + 1, 100000} - {0}:
                    tag = f'<c r="{pf._col_letters(c)}{r}" s="1">'.encode()
                    assert bool(pattern.search(tag)) == (c > col or r > row), (col, row, c, r)
    assert pf._cell_surprise(b"", 30, 30).search(b'<c t="s" r="A1">')  # r not first: exact path
    assert pf._cell_surprise(b"", 30, 30).search(b"<c><v>1</v></c>")


# --------------------------------------------------------------------------------------------------
# Loading


def test_safe_load_workbook_loads_a_good_file():
    wb = safe_load_workbook(build("valid_minimal_xlsx"))
    assert wb.sheetnames == ["Data"]
    assert wb["Data"]["C3"].value == 55.5


def test_safe_load_workbook_uses_the_given_limits():
    with pytest.raises(PreflightError) as caught:
        safe_load_workbook(build("valid_minimal_xlsx"), limits=Limits(max_cols=2))
    assert caught.value.preflight.codes == ["sheet.too_big"]
    assert str(caught.value).startswith('Sheet "Data", cell C3: the sheet reaches column C and row 3;')


def test_safe_load_workbook_drops_macros():
    wb = safe_load_workbook(build("macro_enabled_xlsm"), read_only=True)
    assert wb.vba_archive is None
    assert [row for row in wb["Data"].iter_rows(values_only=True)] == [("KPI", "Target"), ("Revenue", 100)]


@pytest.mark.parametrize(
    "name", ["far_cell", "xxe", "entity_bomb", "zip_bomb", "legacy_xls", "csv_semicolon"]
)
def test_safe_load_workbook_refuses_what_preflight_refuses(name):
    with pytest.raises(PreflightError) as caught:
        safe_load_workbook(build(name))
    assert isinstance(caught.value, ValueError)
    assert caught.value.preflight.kind == preflight(build(name)).kind


# --------------------------------------------------------------------------------------------------
# Never raises


@pytest.mark.parametrize("name", sorted(H.CORPUS))
def test_every_problem_in_the_corpus_is_bilingual_with_a_fix(name):
    result = preflight(build(name))
    assert result.ok == (not result.errors)
    for problem in result.problems:
        assert_bilingual(problem)


def test_unexpected_failure_becomes_a_problem(monkeypatch):
    def boom(self):
        raise RuntimeError("bug")

    monkeypatch.setattr(pf._ZipCheck, "run", boom)
    problem = the_error(preflight(build("valid_minimal_xlsx")))
    assert problem.code == "file.check_failed"


def check_never_raises(data: bytes) -> None:
    result = preflight(data, "upload.xlsx")
    assert isinstance(result, Preflight)
    assert result.ok == (not result.errors)
    for problem in result.problems:
        assert_bilingual(problem)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(data):
    check_never_raises(data)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_after_zip_magic_never_raise(data):
    check_never_raises(b"PK\x03\x04" + data)
    check_never_raises(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data)


MUTATION_BASES = [
    "valid_minimal_xlsx",
    "far_cell",
    "rless_wide_row",
    "entity_coded_far_cell",
    "macro_enabled_xlsm",
]


@FUZZ
@given(
    st.sampled_from(MUTATION_BASES),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8),
    st.one_of(st.none(), st.floats(0, 1)),
)
def test_mutated_workbooks_never_raise(base, flips, cut):
    data = bytearray(build(base))
    for where, value in flips:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    check_never_raises(bytes(data))


@FUZZ
@given(st.sampled_from(MUTATION_BASES), st.data())
def test_mutated_sheet_xml_never_raises(base, data):
    """Mutations inside the sheet XML (re-zipped, so they reach the scanners rather than the CRC)."""
    with zipfile.ZipFile(io.BytesIO(build(base))) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/"))
    xml = bytearray(parts[name])
    pieces = [b"<", b">", b'"', b"'", b"&#88;", b" r=", b"<c>", b"<row>", b"x:", b"<!DOCTYPE", b"\x00"]
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(xml)))
        xml[at:at] = data.draw(st.one_of(st.sampled_from(pieces), st.binary(max_size=8)))
    parts[name] = bytes(xml)
    check_never_raises(H.zip_of(parts))

"""Messy and hostile upload files, built in memory (no binary files are committed).

Every public function returns the bytes of one file. They are small and quick to build: the zip
bomb is made by repeating one pre-compressed block instead of compressing zeros, and the big sizes
are declared in headers rather than written. Used by ``tests/test_preflight.py`` and by workbook/app
tests that need realistic bad uploads; ``CORPUS`` lists them all by name.

Low-level builders are public too: :func:`xlsx` (hand-written OOXML package), :func:`sheet_xml`,
:func:`zip_of` (deterministic zip) and :func:`raw_zip` (zip with hand-made headers, for lies).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import quoteattr

import openpyxl

MiB = 1024 * 1024
_DATE = (2024, 1, 1, 0, 0, 0)
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
REL_DOC = NS_REL + "/officeDocument"
REL_SHEET = NS_REL + "/worksheet"
REL_STRINGS = NS_REL + "/sharedStrings"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# --------------------------------------------------------------------------------------------------
# Builders


def zip_of(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A deterministic zip (fixed timestamps) of ``parts`` in the given order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = compression
            zf.writestr(info, content.encode() if isinstance(content, str) else content)
    return out.getvalue()


def sheet_xml(sheet_data: str, dimension: str | None = "A1", *, prefix: str = "", tail: str = "") -> str:
    """A worksheet part: ``sheet_data`` is the inner XML of <sheetData>; ``tail`` follows it.

    With ``prefix`` (e.g. "x") every SpreadsheetML tag in the given XML must already carry it;
    this function only prefixes the tags it writes itself.
    """
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns{":" + prefix if prefix else ""}="{NS_MAIN}"'
    dim = f'<{p}dimension ref="{dimension}"/>' if dimension is not None else ""
    return (
        f'{XML_DECL}<{p}worksheet {xmlns} xmlns:r="{NS_REL}">{dim}'
        f"<{p}sheetData>{sheet_data}</{p}sheetData>{tail}</{p}worksheet>"
    )


def xlsx(
    sheets: list[tuple[str, bytes | str]],
    *,
    shared_strings: bytes | str | None = None,
    macro: bool = False,
    extra: dict[str, bytes | str] | None = None,
) -> bytes:
    """A hand-written OOXML workbook: ``sheets`` are (name, worksheet XML) in tab order.

    Minimal but complete enough for openpyxl (no styles part: openpyxl uses its defaults).
    ``macro`` adds xl/vbaProject.bin and the macro-enabled content type, like Excel's .xlsm.
    """
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{CT_XLSM if macro else CT_XLSX}"/>']
    rels = []
    sheet_entries = []
    for i, (name, _) in enumerate(sheets, start=1):
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT_SHEET}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL_SHEET}" Target="worksheets/sheet{i}.xml"/>')
        sheet_entries.append(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>')
    if shared_strings is not None:
        overrides.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT_STRINGS}"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{REL_STRINGS}" Target="sharedStrings.xml"/>')
    defaults = [
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
    ]
    if macro:
        defaults.append('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
        rels.append(f'<Relationship Id="rIdV" Type="{REL_VBA}" Target="vbaProject.bin"/>')
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(defaults + overrides)
        + "</Types>",
        "_rels/.rels": XML_DECL
        + f'<Relationships xmlns="{NS_PKG_REL}">'
        + f'<Relationship Id="rId1" Type="{REL_DOC}" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": XML_DECL
        + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
        + f"<sheets>{''.join(sheet_entries)}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": XML_DECL
        + f'<Relationships xmlns="{NS_PKG_REL}">{"".join(rels)}</Relationships>',
    }
    for i, (_, content) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = content
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    if macro:
        # Not a real VBA project (an OLE header and junk) - the gate must never need to read it.
        parts["xl/vbaProject.bin"] = OLE_MAGIC + b"\x00" * 504 + b'Attribute VB_Name = "Module1"\r\n'
    parts.update(extra or {})
    return zip_of(parts)


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _simple_sheet() -> str:
    return sheet_xml(
        f'<row r="1">{_inline("A1", "KPI")}{_inline("B1", "Target")}</row>'
        f'<row r="2">{_inline("A2", "Revenue")}<c r="B2"><v>100</v></c></row>',
        "A1:B2",
    )


@dataclass(frozen=True)
class RawEntry:
    """One zip member written byte for byte: ``payload`` is stored as is (already compressed)."""

    name: str
    payload: bytes
    method: int = zipfile.ZIP_STORED
    crc: int | None = None  # None: CRC of the payload (right for stored members)
    file_size: int | None = None  # None: len(payload); set it to lie about the unpacked size
    flags: int = 0


def raw_zip(entries: list[RawEntry]) -> bytes:
    """A zip with headers written by hand, so sizes, flags and names can say anything."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e.name.encode("utf-8")
        crc = zlib.crc32(e.payload) if e.crc is None else e.crc
        size = len(e.payload) if e.file_size is None else e.file_size
        # version, flags, method, time, date, CRC, packed size, unpacked size, name length, extra length
        common = (20, e.flags, e.method, 0, 0x5821, crc, len(e.payload), size, len(name), 0)
        central += struct.pack("<4sH", b"PK\x01\x02", 20)  # + version made by
        central += struct.pack("<5H3L2H", *common)
        central += struct.pack("<3HLL", 0, 0, 0, 0, len(out)) + name  # comment, disk, attrs, offset
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *common) + name + e.payload
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def _deflate(data: bytes) -> bytes:
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush()


def _xlsx_raw_entries() -> list[RawEntry]:
    """The parts of a small valid workbook as RawEntry objects (deflated), to mix with crafted ones."""
    with zipfile.ZipFile(io.BytesIO(xlsx([("Data", _simple_sheet())]))) as zf:
        return [
            RawEntry(i.filename, _deflate(zf.read(i)), zipfile.ZIP_DEFLATED, i.CRC, i.file_size)
            for i in zf.infolist()
        ]


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREESECT, _ENDOFCHAIN, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(stream_names: list[str]) -> bytes:
    """A minimal OLE2 compound file (v3, 512-byte sectors): header, one FAT sector and one directory
    sector whose entries are the root plus ``stream_names`` (at most 3, all empty streams).

    Enough for magic-byte and stream-name sniffing; real readers may want more.
    """
    assert len(stream_names) <= 3
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<5H", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<9L", header, 40, 0, 1, 1, 0, 4096, _ENDOFCHAIN, 0, _ENDOFCHAIN, 0)
    struct.pack_into("<109L", header, 76, 0, *([_FREESECT] * 108))
    fat = struct.pack("<128L", _FATSECT, _ENDOFCHAIN, *([_FREESECT] * 126))

    def entry(name: str, kind: int, right: int, child: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return struct.pack(
            "<64sHBB3L16sL16sLLL",
            encoded,
            len(encoded),
            kind,
            1,
            _NOSTREAM,
            right,
            child,
            b"\x00" * 16,
            0,
            b"\x00" * 16,
            _ENDOFCHAIN,
            0,
            0,
        )

    names = list(stream_names)
    directory = entry("Root Entry", 5, _NOSTREAM, 1 if names else _NOSTREAM)
    for i, name in enumerate(names, start=1):
        directory += entry(name, 2, i + 1 if i < len(names) else _NOSTREAM, _NOSTREAM)
    directory += b"\x00" * (512 - len(directory))
    return bytes(header) + fat + directory


# --------------------------------------------------------------------------------------------------
# Good files


def valid_minimal_xlsx() -> bytes:
    """A small, ordinary workbook written by openpyxl: sheet "Data", A1:C3, strings and numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["KPI", "Target", "Actual"])
    ws.append(["Revenue", 100, 90])
    ws.append(["Cost", 50, 55.5])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def wrong_sheet_names() -> bytes:
    """A valid workbook whose sheets are still called "Sheet1" and "Sheet2" (fine for the gate)."""
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["KPI", "Target"])
    wb.create_sheet("Sheet2")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def macro_enabled_xlsm() -> bytes:
    """An .xlsm: xl/vbaProject.bin plus the macro-enabled workbook content type (passes, with a warning)."""
    return xlsx([("Data", _simple_sheet())], macro=True)


def csv_semicolon() -> bytes:
    """CSV as Indonesian-locale Excel writes it: semicolons, decimal commas, CRLF."""
    return b"KPI;Target;Realisasi\r\nCapaian PAD;100;95,5\r\nIndeks Kepuasan;80;82,1\r\n"


def wide_sheet(rows: int, cols: int) -> bytes:
    """A dense numeric sheet "Data" of rows x cols, written in Excel's style (for size and speed checks)."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, cols + 1)]
    body = "".join(
        f'<row r="{r}" spans="1:{cols}">'
        + "".join(f'<c r="{c}{r}" s="1"><v>{r}</v></c>' for c in letters)
        + "</row>"
        for r in range(1, rows + 1)
    )
    return xlsx([("Data", sheet_xml(body, f"A1:{letters[-1]}{rows}"))])


# --------------------------------------------------------------------------------------------------
# Not a workbook (or not the right kind)


def empty_file() -> bytes:
    """Zero bytes."""
    return b""


def html_renamed_xls() -> bytes:
    """An HTML table saved as "laporan.xls", as many government reporting systems export (BOM first)."""
    return (
        "\ufeff\r\n"
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\r\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>"
        "<x:Name>Laporan</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->"
        '</head><body><table border="1"><tr><th>Indikator Kinerja</th><th>Target</th><th>Realisasi</th></tr>'
        "<tr><td>Capaian PAD</td><td>100</td><td>95,5</td></tr></table></body></html>\r\n"
    ).encode("utf-8")


def html_table_only() -> bytes:
    """A bare <table> fragment with an .xls name (another common export)."""
    return b"  <table><tr><td>KPI</td><td>Target</td></tr><tr><td>PAD</td><td>100</td></tr></table>"


def spreadsheetml_2003() -> bytes:
    """An "XML Spreadsheet 2003" file (mso-application progid) with an .xls name."""
    return (
        XML_DECL + '<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Data"><Table>'
        '<Row><Cell><Data ss:Type="String">KPI</Data></Cell></Row></Table></Worksheet></Workbook>'
    ).encode()


def pdf_renamed() -> bytes:
    """A PDF report saved with an .xlsx name."""
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 256 >>\nstream\n"
        + bytes(range(256))
        + b"\nendstream"
    )


def legacy_xls() -> bytes:
    """An Excel 97-2003 .xls: OLE2 container with a "Workbook" stream."""
    return ole_file(["Workbook", "\x05SummaryInformation"])


def encrypted_ooxml() -> bytes:
    """A password-protected .xlsx: Excel wraps it in OLE2 with EncryptionInfo/EncryptedPackage streams."""
    return ole_file(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


def truncated_xlsx() -> bytes:
    """The first half of a valid workbook (an interrupted download)."""
    data = valid_minimal_xlsx()
    return data[: len(data) // 2]


def docx_renamed() -> bytes:
    """A Word document renamed to .xlsx: a zip with [Content_Types].xml but no xl/workbook.xml."""
    return zip_of(
        {
            "[Content_Types].xml": XML_DECL
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
            "_rels/.rels": XML_DECL + f'<Relationships xmlns="{NS_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL_DOC}" Target="word/document.xml"/></Relationships>',
            "word/document.xml": XML_DECL + '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Laporan</w:t></w:r></w:p></w:body></w:document>',
        }
    )


def xlsb_renamed() -> bytes:
    """An Excel binary workbook (.xlsb) renamed to .xlsx (parts are binary records, not XML)."""
    return zip_of({"[Content_Types].xml": XML_DECL + "<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})


def ods_renamed() -> bytes:
    """A LibreOffice .ods renamed to .xlsx (stored "mimetype" first, as ODF requires)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", _DATE), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(zipfile.ZipInfo("content.xml", _DATE), XML_DECL + "<office:document-content/>")
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# Zip attacks


@lru_cache(maxsize=4)
def _zeros_deflated(size_mib: int) -> tuple[bytes, int]:
    """(raw deflate stream, CRC-32) of ``size_mib`` MiB of zeros, built from one repeated block.

    A full flush makes the compressed 1 MiB block self-contained, so copies can be concatenated;
    b"\\x03\\x00" is an empty final block. About 1 KB per MiB.
    """
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(MiB)
    block = co.compress(zeros) + co.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size_mib):
        crc = zlib.crc32(zeros, crc)
    return block * size_mib + b"\x03\x00", crc


def zip_bomb(size_mib: int = 150) -> bytes:
    """A workbook whose sheet part truly unpacks to ``size_mib`` MiB of zeros from ~1 KB per MiB
    (ratio ~1000:1). The default stays under Limits.max_uncompressed, so the ratio check fires."""
    payload, crc = _zeros_deflated(size_mib)
    entries = [e for e in _xlsx_raw_entries() if e.name != "xl/worksheets/sheet1.xml"]
    entries.append(RawEntry("xl/worksheets/sheet1.xml", payload, zipfile.ZIP_DEFLATED, crc, size_mib * MiB))
    return raw_zip(entries)


def zip_bomb_1gb_declared() -> bytes:
    """A lying header: the sheet part declares 1 GiB unpacked but holds 1 MiB of deflated zeros."""
    payload, crc = _zeros_deflated(1)
    entries = [e for e in _xlsx_raw_entries() if e.name != "xl/worksheets/sheet1.xml"]
    entries.append(RawEntry("xl/worksheets/sheet1.xml", payload, zipfile.ZIP_DEFLATED, crc, 1024 * MiB))
    return raw_zip(entries)


def too_many_members(count: int = 2100) -> bytes:
    """A valid workbook padded with ``count`` empty parts (default: over Limits.max_members)."""
    pad: dict[str, bytes | str] = {f"xl/media/p{i}.bin": b"" for i in range(count)}
    return xlsx([("Data", _simple_sheet())], extra=pad)


def path_traversal_zip() -> bytes:
    """A valid workbook plus a part named "../../evil.sh" (zip-slip if anyone ever extracted it)."""
    return xlsx([("Data", _simple_sheet())], extra={"../../evil.sh": "#!/bin/sh\necho pwned\n"})


def zip_encrypted_member() -> bytes:
    """A workbook whose sheet part has the zip "encrypted" flag (bit 0) set."""
    entries = _xlsx_raw_entries()
    return raw_zip(
        [
            RawEntry(e.name, e.payload, e.method, e.crc, e.file_size, 0x1 if "sheet" in e.name else 0)
            for e in entries
        ]
    )


def bzip2_member() -> bytes:
    """A workbook with a bzip2-compressed part (zipfile would unpack it without an output bound)."""
    base = zipfile.ZipFile(io.BytesIO(xlsx([("Data", _simple_sheet())])))
    out = io.BytesIO()
    with base, zipfile.ZipFile(out, "w") as zf:
        for info in base.infolist():
            zf.writestr(info, base.read(info))
        extra = zipfile.ZipInfo("xl/media/blob.bin", _DATE)
        extra.compress_type = zipfile.ZIP_BZIP2
        zf.writestr(extra, b"\x00" * 1000)
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# XML attacks


def entity_bomb() -> bytes:
    """ "Billion laughs" in xl/sharedStrings.xml: nine levels of entities expanding to 10^9 "lol"s."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    strings = (
        f"{XML_DECL}<!DOCTYPE sst [{entities}]>"
        f'<sst xmlns="{NS_MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    sheet = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', "A1")
    return xlsx([("Data", sheet)], shared_strings=strings)


def xxe() -> bytes:
    """An external entity reading file:///etc/passwd into cell A1 of sheet "Data"."""
    sheet = sheet_xml(f'<row r="1">{_inline("A1", "&xxe;")}</row>', "A1").replace(
        XML_DECL, XML_DECL + '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', 1
    )
    return xlsx([("Data", sheet)])


def doctype_after_long_comment() -> bytes:
    """sharedStrings.xml whose DOCTYPE hides behind a 100 KB comment (past the 64 KiB head)."""
    strings = (
        f"{XML_DECL}<!--{'x' * 100_000}-->"
        f'<!DOCTYPE sst [<!ENTITY a "b">]><sst xmlns="{NS_MAIN}"><si><t>&a;</t></si></sst>'
    )
    return xlsx([("Data", _simple_sheet())], shared_strings=strings)


def utf16_sheet() -> bytes:
    """A sheet stored as UTF-16 (Excel never does this; a byte-level scanner would be blind to it)."""
    text = sheet_xml('<row r="1"><c r="XFD1"><v>1</v></c></row>', "A1").replace("UTF-8", "UTF-16")
    return xlsx([("Data", text.encode("utf-16"))])


# --------------------------------------------------------------------------------------------------
# Sheet size attacks


def far_cell() -> bytes:
    """Sheet "Data" with A1 and a cell at XFD1048576; the dimension honestly says A1:XFD1048576."""
    body = f'<row r="1">{_inline("A1", "KPI")}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return xlsx([("Data", sheet_xml(body, "A1:XFD1048576"))])


def far_cell_lying_dimension() -> bytes:
    """As :func:`far_cell`, but the dimension claims A1:B2."""
    body = (
        f'<row r="1">{_inline("A1", "KPI")}<c r="B1"><v>1</v></c></row>'
        '<row r="2"><c r="B2"><v>2</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    return xlsx([("Data", sheet_xml(body, "A1:B2"))])


def far_cell_in_wrong_row() -> bytes:
    """The far cell sits in <row r="2"> but names row 1,048,576 itself (openpyxl trusts the cell)."""
    body = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="C1048576"><v>1</v></c></row>'
    return xlsx([("Data", sheet_xml(body, "A1:C2"))])


def rless_wide_row(cols: int = 600) -> bytes:
    """A row of ``cols`` cells without r attributes (openpyxl counts them: column ``cols``)."""
    body = '<row r="1"><c r="A1"><v>0</v></c></row><row>' + "<c><v>1</v></c>" * cols + "</row>"
    return xlsx([("Data", sheet_xml(body, "A1"))])


def entity_coded_far_cell() -> bytes:
    """The far cell's reference is written with character references: r="&#88;FD1048576" (XFD...)."""
    body = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="&#49;048576"><c r="&#88;FD1048576"><v>1</v></c></row>'
    )
    return xlsx([("Data", sheet_xml(body, "A1"))])


def prefixed_far_cell() -> bytes:
    """SpreadsheetML with an "x:" namespace prefix on every tag (valid XML) and a far cell at XFD1048576."""
    body = (
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="1048576"><x:c r="XFD1048576"/></x:row>'
    )
    return xlsx([("Data", sheet_xml(body, "A1", prefix="x"))])


def merged_area(merges: int = 2, ref: str = "A1:SF6000") -> bytes:
    """``merges`` merged ranges ``ref`` (default A1:SF6000, 3,000,000 cells each: the sheet stays within
    500 x 6000 but openpyxl would create a cell object for every merged cell)."""
    cells = '<row r="1"><c r="A1"><v>1</v></c></row>'
    tail = f'<mergeCells count="{merges}">' + f'<mergeCell ref="{ref}"/>' * merges + "</mergeCells>"
    return xlsx([("Data", sheet_xml(cells, ref, tail=tail))])


def duplicate_cells(count: int = 2000) -> bytes:
    """``count`` copies of cell A1 (openpyxl would process every one; the area stays one cell)."""
    body = '<row r="1">' + '<c r="A1"><v>1</v></c>' * count + "</row>"
    return xlsx([("Data", sheet_xml(body, "A1"))])


def too_many_sheets(count: int = 51) -> bytes:
    """A workbook with ``count`` small sheets (default: one over Limits.max_sheets)."""
    return xlsx([(f"S{i}", _simple_sheet()) for i in range(1, count + 1)])


CORPUS: dict[str, Callable[[], bytes]] = {
    fn.__name__: fn
    for fn in (
        valid_minimal_xlsx,
        wrong_sheet_names,
        macro_enabled_xlsm,
        csv_semicolon,
        empty_file,
        html_renamed_xls,
        html_table_only,
        spreadsheetml_2003,
        pdf_renamed,
        legacy_xls,
        encrypted_ooxml,
        truncated_xlsx,
        docx_renamed,
        xlsb_renamed,
        ods_renamed,
        zip_bomb,
        zip_bomb_1gb_declared,
        too_many_members,
        path_traversal_zip,
        zip_encrypted_member,
        bzip2_member,
        entity_bomb,
        xxe,
        doctype_after_long_comment,
        utf16_sheet,
        far_cell,
        far_cell_lying_dimension,
        far_cell_in_wrong_row,
        rless_wide_row,
        entity_coded_far_cell,
        prefixed_far_cell,
        merged_area,
        duplicate_cells,
        too_many_sheets,
    )
}

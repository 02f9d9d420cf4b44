"""Safety gate for uploaded workbooks: checks the raw bytes *before* any spreadsheet parsing.

Managers upload Excel files that may be damaged, mislabelled or hostile. :func:`preflight` looks at
the bytes with cheap, bounded operations and says whether the file may be handed to openpyxl:

1. empty file, file too large;
2. what the bytes really are (zip/OOXML, OLE2 = legacy .xls or password-protected workbook,
   HTML/XML pretending to be .xls, CSV text, anything else);
3. zip structure from the headers only: damaged archive, number of parts, declared unpacked size,
   per-part compression ratio (zip bombs), zip encryption, compression methods, unsafe part names,
   zip files that are not Excel workbooks, macros (a warning: they are never run);
4. XML safety: the head of every XML part is refused if it has ``<!DOCTYPE`` or ``<!ENTITY``
   (billion laughs, XXE), or a prolog too long to see past. openpyxl also parses through defusedxml
   when it is installed (it is, see requirements), but this gate does not rely on that;
5. sheet size: the declared ``<dimension>`` *and* a streaming scan of the sheet XML for the farthest
   ``<row r>`` / ``<c r>`` / merged range / hyperlink range, so a lying dimension does not help.

:func:`preflight` never raises: every failure becomes an error :class:`~scorecard.messages.Problem`
with a bilingual message and a fix.

Cost. Header-level refusals (size, bombs, member count, encryption, ...) decompress nothing. After
that it decompresses at most ``HEAD_BYTES`` per XML part plus the worksheets, whose declared sizes
were checked against ``Limits.max_uncompressed`` (zipfile never returns more than a part's declared
size; only stored/deflated parts are accepted, so every read is bounded). Sheets written the way
Excel writes them take the fast path: a handful of C-level regex passes per 4 MiB chunk and no Python
work per cell, roughly 1-1.5 s per 100 MB of sheet XML (a 1 MB upload: a few ms to tens of ms).
Sheets with unusual XML (cells or rows without ``r``, reordered attributes, character references)
take the exact path, which mirrors openpyxl's row/column counters in Python (about 1-2 us per
element) and stops as soon as the number of cells, rows or ranges passes its limit.

:func:`safe_load_workbook` is the only place that should call ``openpyxl.load_workbook`` on uploads.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from scorecard.messages import Problem, msg

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["Kind", "Limits", "Preflight", "PreflightError", "SheetInfo", "preflight", "safe_load_workbook"]

MiB = 1024 * 1024
HEAD_BYTES = 64 * 1024  # bytes of each XML part decompressed for the DOCTYPE/ENTITY check
CHUNK_BYTES = 4 * MiB  # sheet XML is scanned in chunks of this size
MAX_SEGMENT = 2 * MiB  # longest stretch of sheet XML between two "<" (Excel: < 200 KB)
SMALL_PART_CAP = 8 * MiB  # [Content_Types].xml, workbook.xml and its rels are read whole up to this
RATIO_MIN_SIZE = MiB  # the compression-ratio check applies to parts larger than this

Kind = Literal[
    "xlsx",  # Office Open XML workbook (also .xltx templates)
    "xlsm",  # the same with macros (vbaProject.bin, macro sheets or a macro-enabled content type)
    "empty",  # zero bytes
    "too-large",  # larger than Limits.max_bytes; not looked at further
    "html",  # HTML / SpreadsheetML 2003 XML / MHT web page saved with an .xls name
    "xls",  # legacy OLE2 workbook (Excel 97-2003)
    "encrypted",  # OLE2 container holding a password-encrypted OOXML package
    "csv",  # delimited plain text: ok=True, the caller reads it as CSV
    "xlsb",  # Excel binary workbook
    "ods",  # OpenDocument spreadsheet
    "zip",  # a zip archive refused before its contents were identified (too many parts)
    "zip-not-excel",  # a zip archive without an Excel workbook inside (.docx, plain .zip, ...)
    "truncated",  # a damaged or incomplete zip archive
    "unknown",  # anything else
]


@dataclass(frozen=True)
class Limits:
    """What an upload may contain. The defaults fit balanced-scorecard workbooks with a wide margin."""

    max_bytes: int = 20 * MiB
    max_members: int = 2000
    max_uncompressed: int = 200 * MiB  # sum of the declared unpacked sizes of all zip parts
    max_ratio: int = 200  # unpacked/packed, for parts larger than 1 MiB unpacked
    max_rows: int = 100_000
    max_cols: int = 500
    max_cells: int = 3_000_000  # rows x columns of the used area, merged areas, <c> elements
    max_sheets: int = 50
    max_ranges: int = 100_000  # <mergeCell> + <hyperlink> elements per sheet


class SheetInfo(NamedTuple):
    """One sheet as seen by the preflight.

    ``dimension`` is the ``<dimension ref>`` written in the file ("" when absent, or for chart
    sheets); ``max_row``/``max_col`` are the farthest row and column actually found by the scan
    (cells, rows, merged ranges, hyperlinks). The limits are checked against the larger of both.
    """

    name: str
    dimension: str
    max_row: int
    max_col: int


@dataclass(frozen=True)
class Preflight:
    """Verdict on an upload. ``ok`` is True when there is no error (warnings are allowed)."""

    ok: bool
    kind: Kind
    problems: list[Problem] = field(default_factory=list)
    macro: bool = False
    sheets: list[SheetInfo] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


class PreflightError(ValueError):
    """Raised by :func:`safe_load_workbook` when the file did not pass; carries the :class:`Preflight`."""

    def __init__(self, result: Preflight) -> None:
        first = result.errors[0].text("en") if result.errors else f"not an Excel workbook ({result.kind})"
        super().__init__(first)
        self.preflight = result


# --------------------------------------------------------------------------------------------------
# Messages. Keys are the stable codes; values: (English, Indonesian, fix English, fix Indonesian).
# Sheet-level texts start in lower case because Problem.text() puts 'Sheet "X", cell Y: ' first.
# Numbers and sizes come in two spellings: {n} (1,048,576) and {n_id} (1.048.576).

_SAVE_AS = (
    'Open it in Excel, choose File > Save As, pick "Excel Workbook (*.xlsx)", and upload the new file.',
    'Buka berkas ini di Excel, pilih File > Save As (Simpan Sebagai), pilih "Excel Workbook (*.xlsx)", '
    "lalu unggah berkas yang baru.",
)
_RESAVE = (
    'Open it in Excel, save it again as "Excel Workbook (*.xlsx)", and upload the new file.',
    'Buka berkas ini di Excel, simpan ulang sebagai "Excel Workbook (*.xlsx)", lalu unggah berkas yang baru.',
)
_DOWNLOAD_AGAIN = (
    "Download or copy the file again, check that it opens in Excel, and upload it again.",
    "Unduh atau salin ulang berkasnya, pastikan berkas itu bisa dibuka di Excel, lalu unggah lagi.",
)
_SHRINK = (
    "Delete unused sheets, pictures and empty rows and columns, save, and upload again; "
    "or split the data over several files.",
    "Hapus lembar, gambar, serta baris dan kolom kosong yang tidak dipakai, simpan, lalu unggah lagi; "
    "atau bagi datanya ke beberapa berkas.",
)
_DELETE_UNUSED = (
    "Delete the unused rows and columns (select them, right-click > Delete) and save.",
    "Hapus baris dan kolom yang tidak dipakai (pilih, klik kanan > Delete/Hapus), lalu simpan.",
)

TEXTS: dict[str, tuple[str, str, str, str]] = {
    "file.empty": (
        "The file is empty (0 bytes).",
        "Berkas ini kosong (0 byte).",
        "Check that you picked the right file and upload it again.",
        "Periksa apakah berkas yang dipilih sudah benar, lalu unggah lagi.",
    ),
    "file.too_large": (
        "The file is {size} but the limit is {limit}.",
        "Ukuran berkas ini {size_id}, melebihi batas {limit_id}.",
        *_SHRINK,
    ),
    "file.html_disguised": (
        "This file is a web page (HTML/XML) with an Excel file name, not a real Excel workbook; "
        "many reporting systems export files like this.",
        "Berkas ini sebenarnya halaman web (HTML/XML) yang diberi nama berkas Excel, bukan buku kerja "
        "Excel asli; banyak sistem pelaporan mengekspor berkas seperti ini.",
        *_SAVE_AS,
    ),
    "file.legacy_xls": (
        "This is an old-format Excel file (.xls, Excel 97-2003); only .xlsx workbooks are accepted.",
        "Berkas ini berformat Excel lama (.xls, Excel 97-2003); hanya buku kerja .xlsx yang diterima.",
        *_SAVE_AS,
    ),
    "file.encrypted": (
        "The workbook is protected with a password, so it cannot be read.",
        "Buku kerja ini dilindungi kata sandi sehingga tidak dapat dibaca.",
        "Remove the password: open it in Excel, go to File > Info > Protect Workbook > Encrypt with "
        "Password, clear the password, click OK, save, and upload again.",
        "Hapus kata sandinya: buka di Excel, pilih File > Info > Protect Workbook (Lindungi Buku Kerja) > "
        "Encrypt with Password (Enkripsi dengan Kata Sandi), kosongkan kata sandinya, klik OK, simpan, "
        "lalu unggah lagi.",
    ),
    "file.truncated": (
        "The file is damaged or incomplete; it may not have finished downloading or copying.",
        "Berkas ini rusak atau tidak lengkap; mungkin proses unduh atau salinnya belum selesai.",
        *_DOWNLOAD_AGAIN,
    ),
    "file.damaged": (
        'The file is damaged: its part "{part}" cannot be read.',
        'Berkas ini rusak: bagian "{part}" di dalamnya tidak dapat dibaca.',
        *_DOWNLOAD_AGAIN,
    ),
    "file.not_excel": (
        "This is a zip file, but not an Excel workbook "
        "(for example a Word document or a zip folder renamed to .xlsx).",
        "Berkas ini berupa arsip zip, tetapi bukan buku kerja Excel "
        "(misalnya dokumen Word atau folder zip yang namanya diganti menjadi .xlsx).",
        "Upload the Excel workbook (.xlsx) itself.",
        "Unggah buku kerja Excel (.xlsx) yang sebenarnya.",
    ),
    "file.xlsb": (
        "This is an Excel Binary Workbook (.xlsb); only .xlsx workbooks are accepted.",
        "Berkas ini adalah Excel Binary Workbook (.xlsb); hanya buku kerja .xlsx yang diterima.",
        *_SAVE_AS,
    ),
    "file.ods": (
        "This is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice); "
        "only .xlsx workbooks are accepted.",
        "Berkas ini adalah lembar kerja OpenDocument (.ods, dari LibreOffice atau OpenOffice); "
        "hanya buku kerja .xlsx yang diterima.",
        "Open it in LibreOffice or Excel, save it as an Excel workbook (.xlsx), and upload the new file.",
        "Buka di LibreOffice atau Excel, simpan sebagai buku kerja Excel (.xlsx), "
        "lalu unggah berkas yang baru.",
    ),
    "file.not_spreadsheet": (
        "This file is not a spreadsheet that can be read; an Excel workbook (.xlsx) is expected.",
        "Berkas ini bukan lembar kerja yang dapat dibaca; yang diharapkan adalah buku kerja Excel (.xlsx).",
        'Check that you picked the right file. If it opens in Excel, save it as "Excel Workbook (*.xlsx)" '
        "and upload that.",
        "Periksa apakah berkas yang dipilih sudah benar. Jika berkas itu bisa dibuka di Excel, simpan "
        'sebagai "Excel Workbook (*.xlsx)" lalu unggah berkas tersebut.',
    ),
    "file.check_failed": (
        "The file could not be checked because of an unexpected problem inside it.",
        "Berkas ini tidak dapat diperiksa karena ada masalah tak terduga di dalamnya.",
        'Save it again from Excel as "Excel Workbook (*.xlsx)" and upload it; if it still fails, '
        "send the file to the administrator.",
        'Simpan ulang dari Excel sebagai "Excel Workbook (*.xlsx)" lalu unggah; jika masih gagal, '
        "kirim berkasnya ke administrator.",
    ),
    "file.macros_ignored": (
        "The workbook contains macros; macros are ignored and the file is read as data only.",
        "Buku kerja ini berisi makro; makro diabaikan dan berkas hanya dibaca sebagai data.",
        'Nothing to do; to avoid this note, save a copy as "Excel Workbook (*.xlsx)".',
        "Tidak perlu tindakan apa pun; agar catatan ini tidak muncul, simpan salinannya sebagai "
        '"Excel Workbook (*.xlsx)".',
    ),
    "zip.too_many_members": (
        "The file is made of {count} internal parts; the limit is {limit}.",
        "Berkas ini terdiri atas {count_id} bagian internal; batasnya {limit_id}.",
        "Save the workbook again from Excel; if the problem stays, copy the sheets you need into a new "
        "workbook.",
        "Simpan ulang buku kerja ini dari Excel; jika masalahnya tetap ada, salin lembar yang diperlukan "
        "ke buku kerja baru.",
    ),
    "zip.unsafe_path": (
        'The file contains an internal part with an unsafe name ("{name}"); it was not saved by Excel.',
        'Berkas ini berisi bagian internal dengan nama yang tidak aman ("{name}"); berkas ini bukan hasil '
        "simpan Excel.",
        'Ask the sender for the original file, or open it in Excel and save it as "Excel Workbook (*.xlsx)".',
        "Mintalah berkas aslinya kepada pengirim, atau buka di Excel dan simpan sebagai "
        '"Excel Workbook (*.xlsx)".',
    ),
    "zip.encrypted_member": (
        "Parts of the file are locked with a zip password, so it cannot be read.",
        "Sebagian isi berkas ini dikunci dengan kata sandi zip sehingga tidak dapat dibaca.",
        'Remove the password, save the file from Excel as "Excel Workbook (*.xlsx)", and upload it again.',
        'Hapus kata sandinya, simpan dari Excel sebagai "Excel Workbook (*.xlsx)", lalu unggah lagi.',
    ),
    "zip.unsupported_compression": (
        "The file uses a compression method that Excel does not use ({method}).",
        "Berkas ini memakai metode kompresi yang tidak dipakai Excel ({method}).",
        *_RESAVE,
    ),
    "zip.too_large": (
        "Unpacked, the file would take {size}; the limit is {limit}.",
        "Jika dibuka, isi berkas ini mencapai {size_id}; batasnya {limit_id}.",
        *_SHRINK,
    ),
    "zip.bomb_ratio": (
        'Part "{part}" of the file expands {ratio}-fold when unpacked ({packed} to {size}); '
        "files like this can overload the server and are refused.",
        'Bagian "{part}" di dalam berkas ini membesar {ratio_id} kali lipat saat dibuka '
        "({packed_id} menjadi {size_id}); berkas seperti ini dapat membebani server sehingga ditolak.",
        "If this is a real workbook, delete unused rows, columns and formatting, save it again from Excel, "
        "and upload it again.",
        "Jika ini buku kerja yang sah, hapus baris, kolom, dan format yang tidak dipakai, simpan ulang dari "
        "Excel, lalu unggah lagi.",
    ),
    "xml.doctype": (
        "The file contains XML declarations that are not allowed (DOCTYPE/ENTITY).",
        "Berkas ini berisi deklarasi XML yang tidak diizinkan (DOCTYPE/ENTITY).",
        'Save it again from Excel (File > Save As > "Excel Workbook (*.xlsx)") and upload the new file.',
        'Simpan ulang dari Excel (File > Save As > "Excel Workbook (*.xlsx)") lalu unggah berkas yang baru.',
    ),
    "xml.encoding": (
        "the sheet is stored in a text encoding that Excel does not produce ({encoding}).",
        "lembar ini disimpan dengan pengodean teks yang tidak dihasilkan Excel ({encoding}).",
        *_RESAVE,
    ),
    "xml.oversized": (
        "the sheet contains a single piece of XML data longer than {size}, which Excel does not produce.",
        "lembar ini berisi satu potongan data XML yang lebih panjang dari {size_id}, yang tidak pernah "
        "dihasilkan Excel.",
        *_RESAVE,
    ),
    "workbook.too_many_sheets": (
        "The workbook has {count} sheets; the limit is {limit}.",
        "Buku kerja ini memiliki {count_id} lembar; batasnya {limit_id}.",
        "Delete the sheets you do not need (right-click the sheet tab > Delete), save, and upload again.",
        "Hapus lembar yang tidak diperlukan (klik kanan tab lembar > Delete/Hapus), simpan, "
        "lalu unggah lagi.",
    ),
    "sheet.too_big": (
        "the sheet reaches column {col} and row {row}; the limit is {max_cols} columns and {max_rows} rows.",
        "lembar ini mencapai kolom {col} dan baris {row_id}; batasnya {max_cols_id} kolom dan "
        "{max_rows_id} baris.",
        *_DELETE_UNUSED,
    ),
    "sheet.too_many_cells": (
        "the sheet covers {cells} cells (up to column {col}, row {row}); the limit is {limit} cells.",
        "lembar ini mencakup {cells_id} sel (sampai kolom {col}, baris {row_id}); batasnya {limit_id} sel.",
        *_DELETE_UNUSED,
    ),
    "sheet.too_many_ranges": (
        "the sheet has more than {limit} merged ranges and links.",
        "lembar ini memiliki lebih dari {limit_id} rentang sel gabungan dan tautan.",
        "Unmerge the cells you do not need (Home > Merge & Center > Unmerge Cells), remove unneeded links, "
        "and save.",
        "Pisahkan sel gabungan yang tidak diperlukan (Home/Beranda > Merge & Center > Unmerge Cells), "
        "hapus tautan yang tidak perlu, lalu simpan.",
    ),
    "sheet.too_many_merged": (
        "merged cells and links on the sheet cover {cells} cells in total; the limit is {limit} cells.",
        "sel gabungan dan tautan di lembar ini mencakup total {cells_id} sel; batasnya {limit_id} sel.",
        "Unmerge the cells you do not need (Home > Merge & Center > Unmerge Cells), remove unneeded links, "
        "and save.",
        "Pisahkan sel gabungan yang tidak diperlukan (Home/Beranda > Merge & Center > Unmerge Cells), "
        "hapus tautan yang tidak perlu, lalu simpan.",
    ),
}


def _num(n: int) -> tuple[str, str]:
    en = f"{n:,}"
    return en, en.replace(",", ".")


def _size(n: int) -> tuple[str, str]:
    if n >= MiB:
        en = f"{n / MiB:,.1f} MB".replace(".0 MB", " MB")
    elif n >= 1024:
        en = f"{n / 1024:,.0f} KB"
    else:
        en = f"{n:,} bytes"
    idn = en.replace(",", "\0").replace(".", ",").replace("\0", ".").replace("bytes", "byte")
    return en, idn


def _problem(
    code: str,
    severity: Literal["error", "warning"] = "error",
    *,
    sheet: str = "",
    cell: str = "",
    nums: dict[str, int] | None = None,
    sizes: dict[str, int] | None = None,
    **params: object,
) -> Problem:
    """Build a Problem from TEXTS; ``nums``/``sizes`` are formatted per language ({k} and {k_id})."""
    for key, value in (nums or {}).items():
        params[key], params[key + "_id"] = _num(value)
    for key, value in (sizes or {}).items():
        params[key], params[key + "_id"] = _size(value)
    en, idn, fix_en, fix_id = TEXTS[code]
    return Problem(
        severity=severity,
        what=msg(code, en, idn, **params),
        fix=msg(code + ".fix", fix_en, fix_id, **params),
        sheet=sheet,
        cell=cell,
    )


class _Refused(Exception):
    """Internal: stop checking and report these problems."""

    def __init__(self, *problems: Problem, kind: Kind | None = None) -> None:
        super().__init__(problems[0].code if problems else "")
        self.problems = list(problems)
        self.kind = kind


# --------------------------------------------------------------------------------------------------
# Entry points


def preflight(data: bytes, filename: str = "", limits: Limits = Limits()) -> Preflight:
    """Check an uploaded file's raw bytes. Never raises; see the module docstring for the checks."""
    try:
        return _preflight(bytes(data), filename or "", limits)
    except Exception:  # noqa: BLE001 - the contract is "never raises": any surprise is a refusal
        return Preflight(ok=False, kind="unknown", problems=[_problem("file.check_failed")])


def safe_load_workbook(
    data: bytes, *, read_only: bool = False, data_only: bool = True, limits: Limits = Limits()
) -> Workbook:
    """Load an upload with openpyxl after :func:`preflight` passed; raise :class:`PreflightError` if not.

    Macros are dropped (``keep_vba=False``) and links to other workbooks are not kept. openpyxl
    parses XML through defusedxml when it is installed (it is a dependency of this project), so DTDs
    and entities are refused a second time, after the preflight's own DOCTYPE/ENTITY check.
    """
    import openpyxl

    result = preflight(data, limits=limits)
    if not result.ok or result.kind not in ("xlsx", "xlsm"):
        raise PreflightError(result)
    return openpyxl.load_workbook(
        io.BytesIO(data), read_only=read_only, keep_vba=False, data_only=data_only, keep_links=False
    )


def _preflight(data: bytes, filename: str, limits: Limits) -> Preflight:
    if not data:
        return Preflight(ok=False, kind="empty", problems=[_problem("file.empty")])
    if len(data) > limits.max_bytes:
        problem = _problem("file.too_large", sizes={"size": len(data), "limit": limits.max_bytes})
        return Preflight(ok=False, kind="too-large", problems=[problem])
    if data[:4] == b"PK\x03\x04" or data[:4] in (b"PK\x05\x06", b"PK\x07\x08"):
        return _ZipCheck(data, limits).run()
    if data[:8] == OLE_MAGIC:
        return _check_ole(data)
    return _check_text(data, filename)


# --------------------------------------------------------------------------------------------------
# Non-zip files

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _check_ole(data: bytes) -> Preflight:
    """OLE2 compound file: an encrypted OOXML package, a legacy .xls workbook, or something else."""
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        return Preflight(ok=False, kind="encrypted", problems=[_problem("file.encrypted")])
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return Preflight(ok=False, kind="xls", problems=[_problem("file.legacy_xls")])
    return Preflight(ok=False, kind="unknown", problems=[_problem("file.not_spreadsheet")])


def _decode_text_head(head: bytes) -> str | None:
    """The start of a text file as str, or None when it looks binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    elif head[:2].count(b"\x00") == 1 and head[:64].count(b"\x00") >= 16:  # UTF-16 without a BOM
        text = head.decode("utf-16-be" if head[0] == 0 else "utf-16-le", errors="replace")
    elif b"\x00" in head:
        return None
    else:
        text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    text = text[:-1] if text.endswith("\ufffd") else text  # a character cut at the end of the head
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\r\n\f"))
    if bad > max(2, len(text) // 50):
        return None
    return text


_HTML_STARTS = ("<html", "<!doctype html", "<table", "<head", "<body", "<meta", "<style", "<!--")


def _check_text(data: bytes, filename: str) -> Preflight:
    text = _decode_text_head(data[:8192])
    if text is None:
        return Preflight(ok=False, kind="unknown", problems=[_problem("file.not_spreadsheet")])
    low = text.lstrip().lower()
    spreadsheet_xml = low.startswith("<?xml") and (
        "mso-application" in low or "urn:schemas-microsoft-com:office:spreadsheet" in low or "<html" in low
    )
    commented = low.startswith("<!--")  # a comment first: only a web page if html/table follows
    web_page = low.startswith(_HTML_STARTS) and ("<html" in low or "<table" in low or not commented)
    mht = low.startswith("mime-version:") and "text/html" in low
    if spreadsheet_xml or web_page or mht:
        return Preflight(ok=False, kind="html", problems=[_problem("file.html_disguised")])
    lines = [line for line in low.splitlines()[:5] if line.strip()]
    delimited = any(sep in line for line in lines for sep in (",", ";", "\t"))
    named_as_text = filename.lower().endswith((".csv", ".txt", ".tsv"))
    if lines and not low.startswith("<") and (delimited or named_as_text):
        return Preflight(ok=True, kind="csv")
    return Preflight(ok=False, kind="unknown", problems=[_problem("file.not_spreadsheet")])


# --------------------------------------------------------------------------------------------------
# XML helpers

_ENCODING_DECL = re.compile(rb'^\s*<\?xml[^>]*?encoding\s*=\s*["\']([A-Za-z0-9._:-]+)["\']')


def _head_text(head: bytes) -> tuple[str, str]:
    """(text, encoding) of the head of an XML part, decoded the way an XML parser would."""
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:].decode("utf-8", errors="replace"), "utf-8"
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return head.decode("utf-32", errors="replace"), "utf-32"
    if head[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<"):
        codec = "utf-32-le" if head[0] == 0x3C else "utf-32-be"
        return head.decode(codec, errors="replace"), "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace"), "utf-16"
    if head[:2] in (b"<\x00", b"\x00<"):
        codec = "utf-16-le" if head[0] == 0x3C else "utf-16-be"
        return head.decode(codec, errors="replace"), "utf-16"
    declared = _ENCODING_DECL.match(head)
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        return head.decode(encoding, errors="replace"), encoding
    except (LookupError, UnicodeError, ValueError):  # unknown or not a text codec: expat refuses it too
        return head.decode("latin-1"), encoding


def _has_doctype(head: bytes, complete: bool) -> bool:
    """True if an XML head declares (or may declare) a DOCTYPE or an ENTITY.

    Looks for <!DOCTYPE / <!ENTITY in the raw bytes and in the text decoded as the part declares,
    then walks the prolog: a DOCTYPE can only come before the root element, so a prolog that does
    not end inside the head (``complete`` is False when the part is longer than the head) is refused.
    """
    low = head.lower()
    if b"<!doctype" in low or b"<!entity" in low:
        return True
    text, _ = _head_text(head)
    low_text = text.lower()
    if "<!doctype" in low_text or "<!entity" in low_text:
        return True
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if pos >= end:
            return not complete
        if text.startswith("<?", pos):
            close, step = text.find("?>", pos + 2), 2
        elif text.startswith("<!--", pos):
            close, step = text.find("-->", pos + 4), 3
        else:
            # "<!" here can only be a DOCTYPE; anything else is the root element (or junk for the parser)
            return text.startswith("<!", pos)
        if close < 0:
            return not complete
        pos = close + step


def _ascii_compatible(encoding: str) -> bool:
    """Whether the byte-level sheet scan can read XML in this encoding."""
    if encoding in ("utf-16", "utf-32"):
        return False
    probe = '<c r="A1"><row r="1">'
    try:
        return probe.encode(encoding) == probe.encode("ascii")
    except (LookupError, UnicodeError, ValueError):
        return False


def _parse_xml(data: bytes):
    # forbid_dtd on top of defusedxml's defaults (no entities, no external references)
    return SafeET.fromstring(data, forbid_dtd=True)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attr(element, local_name: str) -> str | None:
    """Attribute by local name, whatever its namespace."""
    for key, value in element.attrib.items():
        if _local(key) == local_name:
            return value
    return None


# --------------------------------------------------------------------------------------------------
# Cell references


def _col_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=20000)
def _col_index(letters: str) -> int | None:
    """Column number for 1-3 letters (any case), like openpyxl; None if invalid."""
    if not 0 < len(letters) <= 3:
        return None
    idx = 0
    for ch in letters.upper():
        if not "A" <= ch <= "Z":
            return None
        idx = idx * 26 + ord(ch) - 64
    return idx


ROW_CAP = 10**9  # rows beyond this are reported as this (keeps messages short; far over any limit)


def _row_number(text: str) -> int | None:
    """A <row r> the way openpyxl reads it (int, else an integral float); None where openpyxl fails."""
    try:
        return min(int(text), ROW_CAP)
    except ValueError:
        pass
    try:
        value = float(text)
    except (ValueError, OverflowError):
        return None
    return min(int(value), ROW_CAP) if value.is_integer() else None


_PLAIN_COORD_RE = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def _coordinate(text: str) -> tuple[int, int] | None:
    """(row, col) of a <c r> split the way openpyxl's coordinate_to_tuple does; None where it fails."""
    plain = _PLAIN_COORD_RE.fullmatch(text)
    if plain:
        return int(plain.group(2)), _col_index(plain.group(1))  # type: ignore[return-value]
    idx = next((i for i, ch in enumerate(text) if ch in "0123456789"), None)
    if idx is None:
        return None
    col = _col_index(text[:idx])
    try:
        row = min(int(text[idx:]), ROW_CAP)
    except ValueError:
        return None
    return (row, col) if col else None


_ATTR_RE = re.compile(rb'([^\s=/>"\']+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def _attr_value(raw: bytes, name: bytes) -> str | None:
    """One attribute of a start tag (``raw`` = everything after the tag name), unescaped like XML.

    Attributes are read pair by pair, so text inside another attribute's quotes is never mistaken
    for this one.
    """
    for m in _ATTR_RE.finditer(raw):
        if m.group(1) == name:
            value = m.group(2) if m.group(2) is not None else m.group(3)
            text = value.decode("utf-8", errors="replace")
            return html.unescape(text) if "&" in text else text
    return None


# --------------------------------------------------------------------------------------------------
# Sheet scan

_PREFIX = rb'(?:[^\s<>/:="\'!?]+:)?'  # an optional namespace prefix, any characters
_TAG_ATTRS = rb'((?:[^>"\']|"[^"]*"|\'[^\']*\')*)'  # attributes up to ">" ('>' allowed inside quotes)
_ROOT_RE = re.compile(rb'<(?:([^\s<>/:="\'!?]+):)?worksheet[\s/>]')
_DIMENSION_RE = re.compile(rb"<" + _PREFIX + rb"dimension(?=[\s/>])" + _TAG_ATTRS)
_ANY_TAG_RE = re.compile(rb"<" + _PREFIX + rb"(c|row|mergeCell|hyperlink)(?=[\s/>])([^>]*)")
_ANY_TAG_QUOTED_RE = re.compile(rb"<" + _PREFIX + rb"(c|row|mergeCell|hyperlink)(?=[\s/>])" + _TAG_ATTRS)


def _at_most(s: str, lo: str, hi: str, first: str) -> str:
    """Regex for strings over [lo-hi] (no leading ``lo``) that are <= ``s`` (shorter < longer).

    ``_at_most("AD", "A", "Z", "A")`` matches A..Z and AA..AD; ``_at_most("", ...)`` matches nothing.
    """
    if not s:
        return "(?!)"
    alts = [f"[{first}-{hi}][{lo}-{hi}]{{0,{len(s) - 2}}}"] if len(s) > 1 else []
    for i, ch in enumerate(s):
        low = first if i == 0 else lo
        if ch > low:
            rest = len(s) - i - 1
            alts.append(s[:i] + f"[{low}-{chr(ord(ch) - 1)}]" + (f"[{lo}-{hi}]{{{rest}}}" if rest else ""))
    alts.append(s)
    return "|".join(alts)


class _Fast(NamedTuple):
    """Fast-path regexes for sheet XML written the way Excel (openpyxl, LibreOffice, ...) write it:
    every tag with the sheet's own namespace prefix ("" or e.g. "x:"), ``<row r="7" ...>`` and
    ``<c r="B7" ...>`` with r as the first attribute. Anything else sends the sheet to the exact path.
    """

    prefix: bytes
    odd_row: re.Pattern[bytes]  # a <row> without a plain r="7" first
    foreign: re.Pattern[bytes]  # a c/row/mergeCell/hyperlink tag with another prefix (or none)
    foreign_hint: bytes  # cheap pre-test for ``foreign`` (b"" = always run it)
    row_r: re.Pattern[bytes]
    cell_start: bytes  # b'<c ' - the number of cells in a regular chunk
    cell: re.Pattern[bytes]
    odd_cell: re.Pattern[bytes]  # <c>, <c/>, <c\t...
    range_tag: re.Pattern[bytes]


@lru_cache(maxsize=8)
def _fast(prefix: bytes) -> _Fast:
    p = re.escape(prefix)
    names = rb"(?:c|row|mergeCell|hyperlink)[\s/>]"
    if prefix:
        foreign, hint = rb"<(?!" + p + rb")" + _PREFIX + names, b""
    else:
        foreign, hint = rb'<[^\s<>/:="\'!?]+:' + names, b":"
    return _Fast(
        prefix=prefix,
        odd_row=re.compile(rb"<" + p + rb'row(?=[\s/>])(?! r="[1-9][0-9]{0,6}"[\s/>])'),
        foreign=re.compile(foreign),
        foreign_hint=hint,
        row_r=re.compile(rb"<" + p + rb'row r="([0-9]+)"'),
        cell_start=b"<" + prefix + b"c ",
        cell=re.compile(rb"<" + p + rb'c r="([A-Z]{1,3})([1-9][0-9]{0,6})"[\s/>]'),
        odd_cell=re.compile(rb"<" + p + rb"c[\t\r\n/>]"),
        range_tag=re.compile(rb"<" + p + rb"(?:mergeCell|hyperlink)(?=[\s/>])" + _TAG_ATTRS),
    )


@lru_cache(maxsize=256)
def _cell_surprise(prefix: bytes, col: int, row: int) -> re.Pattern[bytes]:
    """Any <c> start tag except ``<c r="B7"`` with column <= ``col`` and row <= ``row``.

    One pass with one cheap test per cell: in an ordinary chunk nothing matches.
    """
    cols = _at_most(_col_letters(col), "A", "Z", "A").encode()
    rows = _at_most(str(row) if row else "", "0", "9", "1").encode()
    known = rb'r="(?:' + cols + rb")(?:" + rows + rb')"[\s/>]'
    return re.compile(rb"<" + re.escape(prefix) + rb"c(?:[\t\r\n/>]| (?!" + known + rb"))")


class _Irregular(Exception):
    """Internal: the fast scan met XML it does not model; rescan with the exact path."""


@dataclass
class _SheetScan:
    limits: Limits
    max_row: int = 0
    max_col: int = 0
    cells: int = 0  # <c> elements
    rows: int = 0  # <row> elements
    ranges: int = 0  # <mergeCell> and <hyperlink> elements with a ref
    ranged: int = 0  # cells covered by those ranges
    row_counter: int = 0  # exact path: openpyxl's counters
    col_counter: int = 0

    def add_range(self, ref: str) -> None:
        for part in ref.replace("$", "").split():
            corners = [_coordinate(c) for c in part.split(":")]
            if not corners or len(corners) > 2 or None in corners:
                continue
            (r1, c1), (r2, c2) = corners[0], corners[-1]  # type: ignore[misc]
            self.max_row = max(self.max_row, r1, r2)
            self.max_col = max(self.max_col, c1, c2)
            self.ranged += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
        self.ranges += 1

    def fast(self, buf: bytes, fast: _Fast) -> None:
        """Excel-style XML: a few C-level regex passes per chunk, no Python work per cell."""
        if fast.odd_row.search(buf) or (fast.foreign_hint in buf and fast.foreign.search(buf)):
            raise _Irregular
        rows = fast.row_r.findall(buf)
        if rows:
            self.rows += len(rows)
            self.max_row = max(self.max_row, max(map(int, rows)))
        count = buf.count(fast.cell_start)
        self.cells += count
        if _cell_surprise(fast.prefix, self.max_col, self.max_row).search(buf):
            # A new column, a cell beyond its row tags, or odd XML: look at every cell of this chunk.
            # (Always happens in the first chunk, where the column maximum is still unknown.)
            cells = fast.cell.findall(buf)
            if len(cells) != count or fast.odd_cell.search(buf):
                raise _Irregular
            cols = {c for c, _ in cells}
            self.max_col = max(self.max_col, max((_col_index(c.decode()) or 0 for c in cols), default=0))
            self.max_row = max(self.max_row, max((int(r) for r in {r for _, r in cells}), default=0))
        if b"mergeCell" in buf or b"hyperlink" in buf:
            for m in fast.range_tag.finditer(buf):
                ref = _attr_value(m.group(1), b"ref")
                if ref:
                    self.add_range(ref)
                    if self.ranged > self.limits.max_cells or self.ranges > self.limits.max_ranges:
                        break

    def exact(self, buf: bytes) -> bool:
        """Any XML: follow openpyxl's row and column counters tag by tag (rows and cells without r).

        Python work per element, so it stops (returns True) as soon as an element count passes its
        limit; the far cell found so far is then a lower bound.
        """
        lim = self.limits
        for m in _ANY_TAG_RE.finditer(buf):
            tag, raw = m.group(1, 2)
            if raw.count(b'"') % 2 or raw.count(b"'") % 2:  # a ">" inside a quoted value: re-read
                tag, raw = _ANY_TAG_QUOTED_RE.match(buf, m.start()).group(1, 2)  # type: ignore[union-attr]
            if tag == b"c":
                self.cells += 1
                ref = _attr_value(raw, b"r") if raw else None
                if ref is None:
                    self.col_counter += 1
                    row, col = self.row_counter, self.col_counter
                else:
                    coord = _coordinate(ref)
                    if coord is None:
                        continue  # openpyxl refuses the file; nothing to measure
                    row, col = coord
                    self.col_counter = col
                if row > self.max_row:
                    self.max_row = row
                if col > self.max_col:
                    self.max_col = col
                if self.cells > lim.max_cells:
                    return True
            elif tag == b"row":
                self.rows += 1
                ref = _attr_value(raw, b"r") if raw else None
                number = _row_number(ref) if ref is not None else None
                self.row_counter = number if number is not None else self.row_counter + 1
                self.col_counter = 0
                self.max_row = max(self.max_row, self.row_counter)
                if self.rows > lim.max_rows:
                    return True
            else:
                ref = _attr_value(raw, b"ref")
                if ref:
                    self.add_range(ref)
                    if self.ranged > lim.max_cells or self.ranges > lim.max_ranges:
                        return True
        return False


# --------------------------------------------------------------------------------------------------
# Zip / OOXML

_WORKBOOK_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
)
_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_XML_SUFFIXES = (".xml", ".rels", ".vml")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_COMPRESSION_NAMES = {12: "bzip2", 14: "lzma", 9: "deflate64", 99: "AES"}


def _is_macro_part(name: str) -> bool:
    low = name.lower()
    return low.endswith("vbaproject.bin") or low.startswith("xl/macrosheets/")


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or "\x00" in name
        or ".." in parts
        or bool(re.match(r"^[A-Za-z]:", name))
    )


class _ZipCheck:
    def __init__(self, data: bytes, limits: Limits) -> None:
        self.data = data
        self.limits = limits
        self.kind: Kind = "xlsx"
        self.macro = False
        self.problems: list[Problem] = []
        self.sheets: list[SheetInfo] = []
        self.checked: set[str] = set()  # parts whose head passed the DOCTYPE/ENTITY check
        self.sheet_heads: dict[str, bytes] = {}  # kept for the dimension (at most max_sheets x 64 KiB)
        self.budget = limits.max_uncompressed  # decompressed bytes the sheet scan may still read

    def result(self) -> Preflight:
        ok = not any(p.is_error for p in self.problems)
        return Preflight(ok=ok, kind=self.kind, problems=self.problems, macro=self.macro, sheets=self.sheets)

    def run(self) -> Preflight:
        try:
            self._run()
        except _Refused as refused:
            self.problems.extend(refused.problems)
            if refused.kind:
                self.kind = refused.kind
        return self.result()

    # -- structure, from the zip headers only ------------------------------------------------------

    def _run(self) -> None:
        lim = self.limits
        # Count central-directory entries before zipfile builds one object per entry.
        entries = self.data.count(b"PK\x01\x02")
        if entries > lim.max_members:
            problem = _problem("zip.too_many_members", nums={"count": entries, "limit": lim.max_members})
            raise _Refused(problem, kind="zip")
        try:
            zf = zipfile.ZipFile(io.BytesIO(self.data))
            infos = zf.infolist()
        except Exception:  # noqa: BLE001 - BadZipFile, but also struct/EOF/overflow errors on junk
            raise _Refused(_problem("file.truncated"), kind="truncated") from None
        with zf:
            names = {i.filename for i in infos}
            self._identify(names)  # from the names only: nothing is decompressed before _structure
            self._structure(infos)
            if self.kind == "xlsb":
                raise _Refused(_problem("file.xlsb"))
            if self.kind == "zip-not-excel":
                mimetype = zf.getinfo("mimetype") if "mimetype" in names else None
                if mimetype and self._read(zf, mimetype, 200).startswith(ODS_MIMETYPE):
                    raise _Refused(_problem("file.ods"), kind="ods")
                raise _Refused(_problem("file.not_excel"))
            if self.macro:
                self.problems.append(_problem("file.macros_ignored", "warning"))
            self._xml(zf, infos)

    def _structure(self, infos: list[zipfile.ZipInfo]) -> None:
        lim = self.limits
        if len(infos) > lim.max_members:
            nums = {"count": len(infos), "limit": lim.max_members}
            raise _Refused(_problem("zip.too_many_members", nums=nums))
        for info in infos:
            if _unsafe_name(info.filename):
                raise _Refused(_problem("zip.unsafe_path", name=info.filename[:200]))
        if any(info.flag_bits & 0x1 for info in infos):
            raise _Refused(_problem("zip.encrypted_member"))
        for info in infos:
            # Excel only writes stored/deflated parts. zipfile decompresses bzip2/lzma parts without an
            # output bound, so a few KB could blow up memory even when we read just 64 KiB.
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                method = _COMPRESSION_NAMES.get(info.compress_type, f"method {info.compress_type}")
                raise _Refused(_problem("zip.unsupported_compression", method=method))
        total = sum(info.file_size for info in infos)
        if total > lim.max_uncompressed:
            raise _Refused(_problem("zip.too_large", sizes={"size": total, "limit": lim.max_uncompressed}))
        worst, worst_ratio = None, 0.0
        for info in infos:
            if info.file_size > RATIO_MIN_SIZE:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > lim.max_ratio and ratio > worst_ratio:
                    worst, worst_ratio = info, ratio
        if worst is not None:
            raise _Refused(
                _problem(
                    "zip.bomb_ratio",
                    part=worst.filename[:200],
                    nums={"ratio": int(worst_ratio)},
                    sizes={"packed": worst.compress_size, "size": worst.file_size},
                )
            )

    def _identify(self, names: set[str]) -> None:
        if "xl/workbook.bin" in names:
            self.kind = "xlsb"
        elif "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            self.kind = "zip-not-excel"
        elif any(_is_macro_part(n) for n in names):
            self.macro = True
            self.kind = "xlsm"

    # -- XML parts ----------------------------------------------------------------------------------

    def _read(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> bytes:
        try:
            with zf.open(info) as f:
                return f.read(size)
        except Exception:  # noqa: BLE001 - bad local header, bad deflate data, CRC error, ...
            raise _Refused(_problem("file.damaged", part=info.filename[:200])) from None

    def _head(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str = "") -> bytes:
        """First HEAD_BYTES of a part, refused if it declares a DOCTYPE or an ENTITY."""
        if sheet and info.filename in self.sheet_heads:
            return self.sheet_heads[info.filename]
        head = self._read(zf, info, HEAD_BYTES)
        if info.filename not in self.checked:
            if _has_doctype(head, complete=len(head) < HEAD_BYTES):
                raise _Refused(_problem("xml.doctype", sheet=sheet))
            self.checked.add(info.filename)
        if sheet:
            self.sheet_heads[info.filename] = head
        return head

    def _small_xml(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo):
        """A small part parsed whole with defusedxml, after the DOCTYPE check on its head."""
        self._head(zf, info)
        if info.file_size > SMALL_PART_CAP:
            raise _Refused(_problem("file.damaged", part=info.filename[:200]))
        raw = self._read(zf, info, SMALL_PART_CAP)
        try:
            return _parse_xml(raw)
        except DefusedXmlException:  # a DTD or entity further down than the head check looked
            raise _Refused(_problem("xml.doctype")) from None
        except Exception:  # noqa: BLE001 - ParseError and friends
            raise _Refused(_problem("file.damaged", part=info.filename[:200])) from None

    def _xml(self, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
        by_name = {i.filename: i for i in infos}
        by_lower = {i.filename.lower(): i for i in infos}

        def find(name: str) -> zipfile.ZipInfo | None:
            return by_name.get(name) or by_lower.get(name.lower())

        # 1. content types -> workbook part (as openpyxl finds it)
        types = self._small_xml(zf, by_name["[Content_Types].xml"])
        overrides = {
            (_attr(e, "PartName") or "").lstrip("/"): _attr(e, "ContentType") or ""
            for e in types.iter()
            if _local(e.tag) == "Override"
        }
        workbook_name = next((n for n, t in overrides.items() if t in _WORKBOOK_TYPES), "xl/workbook.xml")
        workbook_info = find(workbook_name)
        if workbook_info is None:
            raise _Refused(_problem("file.not_excel"), kind="zip-not-excel")
        if overrides.get(workbook_name, "").startswith("application/vnd.ms-excel.") and not self.macro:
            self.kind = "xlsm"

        # 2. workbook + its relationships -> (sheet name, part, is worksheet)
        workbook = self._small_xml(zf, workbook_info)
        folder, base = posixpath.split(workbook_info.filename)
        rels_info = find(posixpath.join(folder, "_rels", base + ".rels"))
        targets: dict[str, tuple[str, str]] = {}
        if rels_info is not None:
            for rel in self._small_xml(zf, rels_info).iter():
                if _local(rel.tag) != "Relationship" or (_attr(rel, "TargetMode") or "") == "External":
                    continue
                target = _attr(rel, "Target") or ""
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                targets[_attr(rel, "Id") or ""] = (posixpath.normpath(path), (_attr(rel, "Type") or ""))
        sheets: list[tuple[str, zipfile.ZipInfo | None, bool]] = []
        for element in workbook.iter():
            if _local(element.tag) == "sheet":
                path, rel_type = targets.get(_attr(element, "id") or "", ("", ""))
                info = find(path) if path else None
                name = (element.get("name") or "")[:200]  # Excel allows 31 characters
                sheets.append((name, info, rel_type.endswith("/worksheet")))

        # 3. DOCTYPE/ENTITY check on every other XML part (worksheets with their sheet names)
        sheet_of = {info.filename: name for name, info, _ in sheets if info is not None}
        strings_info = find(next((n for n, t in overrides.items() if t == _SHARED_STRINGS_TYPE), "-"))
        for info in infos:
            is_xml = info.filename.lower().endswith(_XML_SUFFIXES) or info is strings_info
            if (is_xml or info.filename in sheet_of) and info.filename not in self.checked:
                self._head(zf, info, sheet_of.get(info.filename, ""))

        # 4. sheet count and sizes
        if len(sheets) > self.limits.max_sheets:
            nums = {"count": len(sheets), "limit": self.limits.max_sheets}
            raise _Refused(_problem("workbook.too_many_sheets", nums=nums))
        for name, info, is_worksheet in sheets:
            if info is None or not is_worksheet:
                self.sheets.append(SheetInfo(name, "", 0, 0))
                continue
            self._sheet(zf, info, name)

    def _sheet(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
        lim = self.limits
        head = self._head(zf, info, name)
        _, encoding = _head_text(head)
        if not _ascii_compatible(encoding):
            self.problems.append(_problem("xml.encoding", sheet=name, encoding=encoding))
            self.sheets.append(SheetInfo(name, "", 0, 0))
            return
        root = _ROOT_RE.search(head)
        prefix = (root.group(1) + b":") if root and root.group(1) else b""  # <x:worksheet ...>
        dimension, dim_row, dim_col = "", 0, 0
        dim_match = _DIMENSION_RE.search(head)
        if dim_match:
            dimension = _attr_value(dim_match.group(1), b"ref") or ""
            probe = _SheetScan(lim)
            probe.add_range(dimension)
            dim_row, dim_col = probe.max_row, probe.max_col

        budget = self.budget
        try:
            try:
                scan = self._scan(zf, info, lim, _fast(prefix))
            except _Irregular:
                self.budget = budget  # the exact path reads the sheet again from the start
                scan = self._scan(zf, info, lim, None)
        except _Refused as refused:  # oversized XML segment, damaged data: report it on this sheet
            for problem in refused.problems:
                self.problems.append(Problem(problem.severity, problem.what, problem.fix, sheet=name))
            self.sheets.append(SheetInfo(name, dimension, 0, 0))
            return
        self.sheets.append(SheetInfo(name, dimension, scan.max_row, scan.max_col))

        # scan.rows: duplicated <row> elements count as rows (openpyxl would walk every one)
        rows, cols = max(scan.max_row, dim_row, scan.rows), max(scan.max_col, dim_col)
        cell = f"{_col_letters(cols)}{rows}" if rows and cols else ""
        nums = {"row": rows, "max_rows": lim.max_rows, "max_cols": lim.max_cols}
        if rows > lim.max_rows or cols > lim.max_cols:
            self.problems.append(
                _problem("sheet.too_big", sheet=name, cell=cell, col=_col_letters(cols) or "A", nums=nums)
            )
        elif rows * cols > lim.max_cells or scan.cells > lim.max_cells:
            cells = max(rows * cols, scan.cells)  # duplicated <c> elements count too
            self.problems.append(
                _problem(
                    "sheet.too_many_cells",
                    sheet=name,
                    cell=cell,
                    col=_col_letters(cols) or "A",
                    nums={"cells": cells, "row": rows, "limit": lim.max_cells},
                )
            )
        elif scan.ranges > lim.max_ranges:  # one message per sheet: the first that applies
            problem = _problem("sheet.too_many_ranges", sheet=name, nums={"limit": lim.max_ranges})
            self.problems.append(problem)
        elif scan.ranged > lim.max_cells:
            nums = {"cells": scan.ranged, "limit": lim.max_cells}
            self.problems.append(_problem("sheet.too_many_merged", sheet=name, nums=nums))

    def _scan(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, lim: Limits, fast: _Fast | None):
        """Stream the sheet XML in chunks cut just before a "<", so no tag is ever split.

        ``fast`` None: the exact path (after the fast path met XML it does not model).
        """
        scan = _SheetScan(lim)
        try:
            with zf.open(info) as f:
                carry = b""
                while True:
                    block = f.read(CHUNK_BYTES)
                    self.budget -= len(block)
                    if self.budget < 0:  # cannot happen (declared sizes were checked); belt and braces
                        sizes = {"size": lim.max_uncompressed + 1, "limit": lim.max_uncompressed}
                        raise _Refused(_problem("zip.too_large", sizes=sizes))
                    buf = carry + block
                    if block:
                        cut = buf.rfind(b"<")  # keep the last, possibly incomplete, tag for the next round
                        buf, carry = (buf[:cut], buf[cut:]) if cut > 0 else (b"", buf)
                        if len(carry) > MAX_SEGMENT:
                            raise _Refused(_problem("xml.oversized", sizes={"size": MAX_SEGMENT}))
                        if not buf:
                            continue
                    if fast is not None:
                        scan.fast(buf, fast)  # C-level passes: its time is bounded by the bytes
                    elif scan.exact(buf):
                        break
                    if not block:
                        break
        except (_Refused, _Irregular):
            raise
        except Exception:  # noqa: BLE001 - corrupt deflate data, CRC mismatch, ...
            raise _Refused(_problem("file.damaged", part=info.filename[:200])) from None
        return scan

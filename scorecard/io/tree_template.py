"""The blank tree workbook: the layout of :mod:`scorecard.io.tree_workbook` with no units yet.

What it holds (headers in ``lang``, row 1 of every sheet, frozen):

* Petunjuk / Instructions: how to fill it in, in a few lines (the reader ignores this sheet).
* Unit kerja / Units, Kaskade / Cascade, SKP: their headers, each header cell with a comment that
  says what goes in the column (the "header help"), and example rows whose first cell starts with
  "#" (the reader skips them, as in the single-scorecard template).
* every single-scorecard sheet (Pengaturan, Perspektif, Sasaran, IKU, Data, ...): the unit column
  "Unit kerja" / "Org unit" in front of the single template's headers, nothing else.

Read back by :func:`scorecard.io.tree_workbook.read_tree_workbook` it gives no errors and no tree
(a warning says to type the office on the Units sheet); with one unit row typed into the Units
sheet it reads as a tree of that one unit (an empty scorecard named after it).
"""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from scorecard.io.format import SHEETS
from scorecard.io.tree_workbook import _HEADER_FILL, _HEADER_FONT, _SCORECARD_KEYS, TREE_SHEETS, UNIT_COL
from scorecard.io.writer import template

#: Header help per tree sheet and column: (English, Indonesian).
HELP: dict[str, dict[str, tuple[str, str]]] = {
    "units": {
        "code": ("Short unique code of the unit, e.g. DINAS, BID-A. Other sheets name units by this code.",
                 "Kode unit yang singkat dan unik, mis. DINAS, BID-A. Lembar lain menyebut unit dengan kode ini."),
        "name": ("The unit's name, e.g. Bidang Pendaftaran Penduduk.", "Nama unit, mis. Bidang Pendaftaran Penduduk."),
        "name_en": ("The unit's name in English (optional).", "Nama unit dalam bahasa Inggris (boleh kosong)."),
        "parent": ("Code of the unit above. Empty for the office: exactly one unit has no parent.",
                   "Kode unit di atasnya. Kosong untuk kantor: tepat satu unit tanpa induk."),
    },
    "cascade": {
        "unit": ("Code of the unit (from the Units sheet) whose KPI or objective supports one above.",
                 "Kode unit (dari lembar Unit kerja) yang IKU atau sasarannya mendukung yang di atas."),
        "item": ("The unit's own KPI or objective code (as on its IKU / Sasaran rows).",
                 "Kode IKU atau sasaran unit itu sendiri (seperti pada baris IKU / Sasaran-nya)."),
        "target": ("The KPI or objective of the unit ABOVE that it supports.",
                   "IKU atau sasaran unit DI ATASNYA yang didukung."),
        "rule": ("How values roll up: sum, average, weighted, minimum, latest, or alignment (empty = alignment: "
                 "no value is computed).",
                 "Cara nilai direkap: jumlah, rata-rata, tertimbang, minimum, terakhir, atau keselarasan (kosong = "
                 "keselarasan: tidak ada nilai yang dihitung)."),
        "weight": ("Weight for the weighted rule (empty = 1).", "Bobot untuk aturan tertimbang (kosong = 1)."),
    },
    "skp": {
        "unit": ("Code of the employee's unit (from the Units sheet).", "Kode unit pegawai (dari lembar Unit kerja)."),
        "employee": ("Employee id (NIP), typed as text.", "NIP pegawai, diketik sebagai teks."),
        "person": ("The employee's name as it should be shown.", "Nama pegawai seperti yang ingin ditampilkan."),
        "code": ("Short code of this SKP indicator, unique per employee.",
                 "Kode singkat indikator SKP ini, unik per pegawai."),
        "plan": ("Planned result (rencana hasil kerja).", "Rencana hasil kerja."),
        "indicator": ("The indicator of the planned result.", "Indikator rencana hasil kerja."),
        "measure": ("Unit of measure, e.g. dokumen, %.", "Satuan, mis. dokumen, %."),
        "direction": ("higher (more is better) or lower (less is better).",
                      "naik (makin besar makin baik) atau turun (makin kecil makin baik)."),
        "period": ("Period, e.g. 2024.", "Periode, mis. 2024."),
        "target": ("Target value for the period (a number).", "Nilai target periode itu (angka)."),
        "actual": ("Actual value (realisasi) for the period; empty when not known yet.",
                   "Nilai realisasi periode itu; kosong bila belum diketahui."),
        "supports": ("The unit's KPI this indicator supports (empty: supports nothing).",
                     "IKU unit yang didukung indikator ini (kosong: tidak mendukung)."),
        "rule": ("How it rolls up into that KPI (as on the Cascade sheet).",
                 "Cara direkap ke IKU itu (seperti pada lembar Kaskade)."),
        "weight": ("Weight for the weighted rule (empty = 1).", "Bobot untuk aturan tertimbang (kosong = 1)."),
    },
}

UNIT_HELP = ("Code of the unit (from the Units sheet) this row belongs to; the rest of the row is as in the "
             "single-scorecard template.",
             "Kode unit (dari lembar Unit kerja) pemilik baris ini; isi baris lainnya sama seperti templat kartu "
             "skor tunggal.")

#: Example rows ("#" in the first cell: skipped on read), per tree sheet.
EXAMPLES: dict[str, list[dict[str, object]]] = {
    "units": [{"code": "# DINAS", "name": "Dinas Contoh", "name_en": "Example office", "parent": ""},
              {"code": "# BID-A", "name": "Bidang A", "name_en": "Division A", "parent": "DINAS"}],
    "cascade": [{"unit": "# BID-A", "item": "A1", "target": "K1", "rule": "jumlah", "weight": None}],
    "skp": [{"unit": "# BID-A", "employee": "199001012015031001", "person": "Nama Pegawai", "code": "1",
             "plan": "Terlayaninya dokumen", "indicator": "Jumlah dokumen diterbitkan", "measure": "dokumen",
             "direction": "naik", "period": "2024", "target": 1000, "actual": 900, "supports": "A1",
             "rule": "jumlah", "weight": None}],
}

INSTRUCTIONS: dict[str, list[str]] = {
    "en": [
        "Performance tree workbook (blank)",
        "",
        "1. Units: one row per unit: code, name, parent (the unit above). The office has no parent.",
        "2. The scorecard sheets (Settings, Perspectives, Objectives, KPIs, Data, ...) are the single-scorecard "
        "sheets with one more column in front, Org unit: each row belongs to the unit named there.",
        "3. Cascade: which KPI or objective of a unit supports which one of the unit above, and how values roll up.",
        "4. SKP: the employees' indicators, each supporting a KPI of its unit.",
        "",
        "Rows whose first cell starts with # are examples: they are skipped when the workbook is read.",
        "Hover over a header to see what goes in the column. Upload the filled workbook on the Cascade page.",
    ],
    "id": [
        "Buku kerja pohon kinerja (kosong)",
        "",
        "1. Unit kerja: satu baris per unit: kode, nama, induk (unit di atasnya). Kantor tidak punya induk.",
        "2. Lembar kartu skor (Pengaturan, Perspektif, Sasaran, IKU, Data, ...) sama dengan lembar kartu skor "
        "tunggal, ditambah satu kolom di depan, Unit kerja: setiap baris milik unit yang disebut di sana.",
        "3. Kaskade: IKU atau sasaran unit mana yang mendukung IKU atau sasaran unit di atasnya, dan cara "
        "nilainya direkap.",
        "4. SKP: indikator kinerja pegawai, masing-masing mendukung IKU unitnya.",
        "",
        "Baris yang sel pertamanya diawali # adalah contoh: dilewati saat buku kerja dibaca.",
        "Arahkan kursor ke judul kolom untuk melihat isinya. Unggah buku kerja yang sudah diisi di halaman Kaskade.",
    ],
}


def _head(ws, c: int, text: str, width: float | None, help_: str | None) -> None:
    cell = ws.cell(row=1, column=c, value=text)
    cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    if width:
        ws.column_dimensions[get_column_letter(c)].width = width
    if help_:
        cell.comment = Comment(help_, "Scorecard", width=320, height=110)


def write_tree_template(*, lang: str = "id") -> bytes:
    """A blank tree workbook in ``lang`` ("id" or "en"); see the module docstring."""
    lang = "id" if lang == "id" else "en"
    i = 1 if lang == "id" else 0
    wb = Workbook()
    guide = wb.active
    guide.title = SHEETS["instructions"].title(lang)
    guide.column_dimensions["A"].width = 120
    for r, line in enumerate(INSTRUCTIONS[lang], start=1):
        cell = guide.cell(row=r, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if r == 1:
            cell.font = Font(bold=True, size=14)

    def tree_sheet(key: str) -> None:
        spec = TREE_SHEETS[key]
        ws = wb.create_sheet(spec.title(lang))
        for c, col in enumerate(spec.columns, start=1):
            _head(ws, c, col.label(lang), col.width, HELP[key][col.key][i])
        for r, row in enumerate(EXAMPLES[key], start=2):
            for c, col in enumerate(spec.columns, start=1):
                v = row.get(col.key)
                if v is not None and v != "":
                    ws.cell(row=r, column=c, value=v).font = Font(italic=True, color="808080")
        ws.freeze_panes = "A2"

    tree_sheet("units")
    single = load_workbook(io.BytesIO(template(lang)))
    for key in _SCORECARD_KEYS:
        src = single[SHEETS[key].title(lang)]
        ws = wb.create_sheet(src.title)
        _head(ws, 1, UNIT_COL.label(lang), UNIT_COL.width, UNIT_HELP[i])
        for c in range(1, src.max_column + 1):
            value = src.cell(row=1, column=c).value
            if value is not None:
                _head(ws, c + 1, value, src.column_dimensions[get_column_letter(c)].width, None)
        ws.freeze_panes = "B2"
    tree_sheet("cascade")
    tree_sheet("skp")
    wb.active = 1  # open on the Units sheet; the instructions are one tab to the left
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

"""A generated corpus of office tables in their own layouts (built in memory with openpyxl).

Each builder returns the bytes of an .xlsx file laid out as Indonesian offices keep their data
(see /work/shared/reference/indonesian-reporting.md): LKjIP "Pengukuran Kinerja" with a title
block, merged Sasaran cells and a "(1) (2) ... (7)" column-number row; a Perjanjian Kinerja
sheet; monthly-style "Data 2023" / "Data 2024" sheets; an SKP-like table; years side by side;
a two-row header; and a file full of the misreadings the importer must never pass silently.
The values are chosen so that tests can check them by hand.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def _bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rows(ws: Worksheet, start: int, rows: list[list[object]]) -> None:
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is not None:
                ws.cell(start + i, j + 1, v)


LKJIP_HEADER = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)"]


def lkjip(year: int = 2024) -> bytes:
    """LKjIP Bab III table, year in the title, merged Sasaran and No, column numbers, a total row.

    Rows 6-8: sasaran 1 (No 1, merged A6:A8 / B6:B8), rows 9-10 sasaran 2, row 11 sasaran 3,
    row 12 "Rata-rata" (skipped). Capaian in G10 is wrong on purpose (typed 95, computed 90).
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Pengukuran Kinerja"
    ws["A1"] = "PENGUKURAN KINERJA BADAN PENDAPATAN DAERAH"
    ws["A2"] = f"TAHUN ANGGARAN {year}"
    ws.merge_cells("A1:G1")
    ws.merge_cells("A2:G2")
    _rows(ws, 4, [LKJIP_HEADER, [f"({i})" for i in range(1, 8)]])
    _rows(ws, 6, [
        [1, "Meningkatnya pendapatan asli daerah", "Realisasi pendapatan pajak daerah", "Rp",
         "Rp 1.250.000.000.000", "Rp 1.287.450.332.150", "103,00"],
        [None, None, "Persentase pertumbuhan pendapatan", "%", "25,88", "26,5%", None],
        [None, None, "Opini BPK atas laporan keuangan", "Opini", "WTP", "WTP", None],
        [2, "Meningkatnya kualitas pelayanan publik", "Rata-rata waktu penyelesaian layanan", "hari", 4, "5 hari",
         None],
        [None, None, "Indeks kepuasan masyarakat", "Indeks", 80, 72, 95],
        [3, "Meningkatnya akuntabilitas kinerja", "Nilai SAKIP", "Nilai", "70 (BB)", "70,25 (BB)", "100,36"],
        ["Rata-rata", None, None, None, None, None, 99.5],
    ])
    for rng in ("A6:A8", "B6:B8", "A9:A10", "B9:B10"):
        ws.merge_cells(rng)
    return _bytes(wb)


def pk() -> bytes:
    """Perjanjian Kinerja: targets only, sheet "PK 2025", "Indikator Kinerja Utama", "Ket." column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "PK 2025"
    ws["B2"] = "PERJANJIAN KINERJA"
    _rows(ws, 4, [["No", "Sasaran", "Indikator Kinerja Utama", "Satuan", "Target", "Ket."]])
    _rows(ws, 5, [
        [1, "Meningkatnya kompetensi aparatur", "Persentase pegawai yang mengikuti diklat", "%", "80", ""],
        [2, "Meningkatnya pendapatan asli daerah", "Jumlah tunggakan pajak kendaraan", "Rp juta", "Rp 2,5 M", ""],
    ])
    return _bytes(wb)


def monthly() -> bytes:
    """Two sheets "Data 2023" and "Data 2024" (English headers), the same indicators: two periods.

    A third sheet "Data 2022" holds a note only: it looks like data but has no table.
    """
    wb = Workbook()
    for i, (title, target, actual) in enumerate((("Data 2023", 90, 88), ("Data 2024", 92, 93.5))):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        _rows(ws, 1, [["No.", "Objective", "KPI", "Unit", "Target", "Actual"],
                      [1, "Increase customer satisfaction", "Customer satisfaction index", "%", target, actual],
                      [2, "Improve internal process", "Average waiting time", "minutes", 15, "1 jam" if i else 20]])
    note = wb.create_sheet("Data 2022")
    note["A1"] = "belum diisi"
    return _bytes(wb)


def skp() -> bytes:
    """SKP-like table in sheet "SKP TW I 2024" with "Rencana Hasil Kerja", rating words as values."""
    wb = Workbook()
    ws = wb.active
    ws.title = "SKP TW I 2024"
    _rows(ws, 3, [["No", "Rencana Hasil Kerja", "Indikator Kinerja Individu", "Target", "Realisasi"],
                  [1, "Terlaksananya pengawasan internal", "Jumlah laporan hasil audit", "12 laporan", "10 laporan"],
                  [2, "Terlaksananya pengawasan internal", "Kualitas laporan", "Baik", "Cukup"]])
    return _bytes(wb)


def side_by_side() -> bytes:
    """Years side by side: "Realisasi 2022 | Realisasi 2023 | Target 2024 | Realisasi 2024"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "IKU"
    _rows(ws, 2, [["No", "Sasaran Strategis", "IKU", "Satuan", "Realisasi 2022", "Realisasi 2023", "Target 2024",
                   "Realisasi 2024"],
                  [1, "Meningkatnya PAD", "Pendapatan retribusi", "Rp juta", 900, 950, 1000, 1010]])
    return _bytes(wb)


def two_row_header() -> bytes:
    """"Target" and "Realisasi" merged over "TW I 2024 | TW II 2024" (cumulative "s.d. TW II 2024")."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Triwulan"
    _rows(ws, 1, [["No", "Indikator", "Satuan", "Target", None, "Realisasi", None],
                  [None, None, None, "TW I 2024", "s.d. TW II 2024", "TW I 2024", "s.d. TW II 2024"],
                  [1, "Jumlah wajib pajak baru", "orang", 100, 200, 90, 210]])
    for rng in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"):
        ws.merge_cells(rng)
    return _bytes(wb)


def misreadings() -> bytes:
    """Values that must never load silently wrong (each test names its cell)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data 2024"
    _rows(ws, 1, [["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi"],
                  [1, "Meningkatnya pendapatan", "Pertumbuhan pendapatan", "%", "25,88", "2588%"],   # row 2
                  [2, "Meningkatnya pendapatan", "Rasio kemandirian", "%", "25,88", 0.2588],         # row 3
                  [3, "Meningkatnya layanan", "Waktu tunggu", "menit", 30, "1 jam"],                 # row 4
                  [4, "Meningkatnya layanan", "Lama proses izin", "hari", 5, "1 bulan"],              # row 5
                  [5, "Meningkatnya pendapatan", "Penerimaan BBNKB", "Rp juta", 50000, "Rp 52,3 M"],  # row 6
                  [6, "Meningkatnya pendapatan", "Cakupan layanan", "%", 90, "Rp 52,3 M"],          # row 7
                  [7, "Meningkatnya pendapatan", "Jumlah inovasi", "inovasi", 0, 3]])               # row 8
    return _bytes(wb)


def dated_period_workbook() -> bytes:
    """Our own format's Data sheet with a period typed "Jan-24" that Excel stored as a date."""
    from scorecard.io.demo import load_demo
    from scorecard.io.workbook import write_workbook

    sc = load_demo()
    data = write_workbook(sc, lang="en")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb["Data"]
    ws["B2"] = dt.datetime(2026, 1, 24)
    return _bytes(wb)


def ambiguous_counts() -> bytes:
    """Counts typed "1.035" (thousands in Indonesian style) in one column, and a column that shows its style."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data 2024"
    _rows(ws, 1, [["No", "Indikator", "Satuan", "Target", "Realisasi"],
                  [1, "Jumlah wajib pajak baru", "orang", "1.000", "1.035"],
                  [2, "Jumlah kendaraan terdaftar", "unit", "2.000", "2.070"],
                  [3, "Persentase pelunasan", "%", "90,5", "1.035"]])
    return _bytes(wb)


def random_table(cells: list[object]) -> bytes:
    """An LKjIP-like table whose Realisasi cells are ``cells`` (for property tests)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "PK 2024"
    _rows(ws, 1, [LKJIP_HEADER])
    for i, v in enumerate(cells, start=2):
        _rows(ws, i, [[i - 1, "Sasaran", f"Indikator {i}", "%", 50, v, None]])
    return _bytes(wb)


def monthly_columns() -> bytes:
    """A monthly sheet "Data 2024": Target per year, then Januari .. Maret actuals (one month missing)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data 2024"
    _rows(ws, 1, [["No", "Indikator", "Satuan", "Target", "Januari", "Februari", "Maret"],
                  [1, "Jumlah wajib pajak baru", "orang", 1200, 95, 110, None],
                  [2, "Rata-rata waktu pelayanan", "menit", 15, 18, "1 jam", 14]])
    return _bytes(wb)


def capaian_says_lower() -> bytes:
    """An indicator whose name says nothing of its direction, but whose typed Capaian uses the LKjIP
    lower-is-better formula: (2 - 12/10) x 100 = 80."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Pengukuran Kinerja 2024"
    _rows(ws, 1, [LKJIP_HEADER, [1, "Meningkatnya tata kelola", "Indeks risiko", "indeks", 10, 12, "80"]])
    return _bytes(wb)

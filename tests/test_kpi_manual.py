"""KPI manual (Manual IKU): model, storage payload, workbook sheet (template, round trip, errors), Word document."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
from docx import Document

from scorecard.io.reference_case import load_reference
from scorecard.io.workbook import read_workbook, template, write_workbook
from scorecard.model import KpiManual
from scorecard.reports.kpi_manual import kpi_manual_docx, record
from scorecard.store.serialize import from_dict, to_dict
from tests.conftest import ROOT

F1A = KpiManual("F1a", definition="Pajak kendaraan bermotor yang diterima dalam satu tahun anggaran",
                purpose="Kontribusi UPT pada PAD", formula="=SUM(penerimaan harian)",  # starts like a formula
                data_source="Laporan penerimaan harian (kasir)", measure_frequency="bulanan",
                review_frequency="triwulanan", owner="Seksi Pendapatan", verifier="Kepala UPT")


def demo_with_manual():
    sc = load_reference()
    sc.manuals = [F1A, KpiManual("C1b", formula="rata-rata hari dari pengaduan masuk sampai selesai")]
    return sc


def sheet_of(data: bytes, title: str):
    return openpyxl.load_workbook(io.BytesIO(data))[title]


def test_model_manual_lookup_and_replace():
    sc = demo_with_manual()
    assert sc.manual("F1a") is F1A and sc.manual("F1b") is None
    sc.set_manual(KpiManual("F1a", formula="x"))
    assert sc.manual("F1a").formula == "x" and len(sc.manuals) == 2
    assert KpiManual("K").is_empty() and not F1A.is_empty()


def test_payload_round_trip_and_old_payloads_still_load():
    sc = demo_with_manual()
    assert from_dict(to_dict(sc)) == sc
    old = to_dict(sc)
    del old["manuals"]  # written before the manual existed
    assert from_dict(old).manuals == []


def test_workbook_round_trip_both_languages():
    sc = demo_with_manual()
    for lang in ("id", "en"):
        data = write_workbook(sc, lang=lang)
        res = read_workbook(data, "x.xlsx")
        assert res.scorecard is not None, res.report.text()
        assert res.scorecard.manuals == sc.manuals
        assert res.scorecard == sc
    ws = sheet_of(write_workbook(sc, lang="id"), "Manual IKU")
    assert [c.value for c in ws[1]][:6] == ["IKU", "Nama IKU", "Satuan", "Definisi", "Tujuan", "Rumus"]
    assert ws.max_row == 23  # one row per KPI, filled or blank to fill in
    assert ws["F2"].value == "=SUM(penerimaan harian)" and ws["F2"].data_type == "s"  # text, never a formula


def test_blank_template_has_the_sheet_with_a_skipped_example():
    for lang, title in (("id", "Manual IKU"), ("en", "KPI manual")):
        data = template(lang)
        ws = sheet_of(data, title)
        assert ws["A2"].value == "#F1a"
        res = read_workbook(data, "t.xlsx")
        assert res.scorecard is not None and res.scorecard.manuals == []


def test_template_from_a_scorecard_lists_every_kpi():
    ws = sheet_of(template("id", from_scorecard=load_reference()), "Manual IKU")
    assert [ws.cell(r, 1).value for r in range(2, 24)][:3] == ["F1a", "F1b", "F2a"]


def _edited(sc, edit) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(write_workbook(sc, lang="id")))
    edit(wb["Manual IKU"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_study_record_sheet_headers_are_understood():
    def study_headers(ws):
        ws["D1"], ws["F1"], ws["K1"] = "Deskripsi", "Formulasi", "Pengukur"
    res = read_workbook(_edited(demo_with_manual(), study_headers), "x.xlsx")
    assert res.scorecard is not None and res.scorecard.manual("F1a") == F1A


def test_duplicate_and_unknown_kpi_rows_name_sheet_and_cell():
    def dup(ws):
        ws["A3"] = "F1a"  # F1b's row now says F1a too
        ws["D3"] = "lagi"
        ws["A24"], ws["D24"] = "X9", "tidak ada"
    res = read_workbook(_edited(demo_with_manual(), dup), "x.xlsx")
    assert res.scorecard is None
    texts = [p.text("en") for p in res.report.errors]
    assert any('Sheet "Manual IKU", cell A3' in t and "F1a appears twice" in t for t in texts), texts
    assert any('Sheet "Manual IKU", cell A24' in t and '"X9" is not known' in t for t in texts), texts


def test_update_upload_with_only_the_manual_sheet():
    base = load_reference()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Manual IKU"
    ws.append(["IKU", "Rumus", "Sumber data", "Verifikator"])
    ws.append(["C1a", "jumlah pengaduan dalam setahun", "buku register pengaduan", "Kasi Pelayanan"])
    buf = io.BytesIO()
    wb.save(buf)
    res = read_workbook(buf.getvalue(), "m.xlsx", base=base)
    assert res.scorecard is not None, res.report.text()
    assert res.scorecard.manual("C1a") == KpiManual("C1a", formula="jumlah pengaduan dalam setahun",
                                                    data_source="buku register pengaduan", verifier="Kasi Pelayanan")
    assert res.scorecard.measurements == base.measurements


def test_record_rows():
    sc = demo_with_manual()
    rows = dict(record(sc, sc.kpi("F1a"), "id"))
    assert rows["Satuan"] == "Rp" and rows["Arah (polaritas)"] == "makin tinggi makin baik"
    assert rows["Target"] == "2009: Rp 42.340.374.000; 2010: Rp 52.295.456.000"
    assert rows["Verifikator"] == "Kepala UPT"
    assert dict(record(sc, sc.kpi("F1b"), "en"))["Formula"] == ""


def test_word_document_one_section_per_kpi():
    sc = demo_with_manual()
    doc = Document(io.BytesIO(kpi_manual_docx(sc, "id")))
    assert len(doc.sections) == 22
    heads = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert heads[0] == "F1a — PKB" and len(heads) == 22
    assert len(doc.tables) == 22
    first = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert first["Sumber data"] == "Laporan penerimaan harian (kasir)"
    second = {r.cells[0].text: r.cells[1].text for r in doc.tables[1].rows}
    assert second["Rumus"] == "— (belum diisi)"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2 dari 22 IKU sudah punya manual." in text  # F1a in full, C1b a formula only
    assert "[no-data-source]" in text


def test_cli_manual_writes_a_docx(tmp_path):
    wb = tmp_path / "m.xlsx"
    wb.write_bytes(write_workbook(demo_with_manual(), lang="en"))
    out = tmp_path / "manual.docx"
    res = subprocess.run([sys.executable, "-m", "scorecard", "manual", str(wb), str(out), "--lang", "en"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    doc = Document(str(out))
    assert doc.paragraphs[0].text.startswith("KPI manual")
    assert any(p.text == "F1a — Motor vehicle tax (PKB) revenue" for p in doc.paragraphs)


def test_lkjip_word_report_ends_with_narratives_evidence_and_the_manual():
    from scorecard.model import Note
    from scorecard.reports.evidence_status import EvidenceInputs
    from scorecard.reports.lkjip import build_lkjip_docx

    sc = demo_with_manual()
    sc.notes.append(Note("C3b", "2010", narrative="Renovasi gedung sejak Mei 2010"))
    inputs = EvidenceInputs(counts={("F1a", "2010"): 2})
    doc = Document(io.BytesIO(build_lkjip_docx(sc, "2010", "id", evidence=inputs)))
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1[-3:] == ["Narasi, 2010", "Bukti dukung dan verifikasi, 2010", "Manual IKU"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "C3b Persentase keterlambatan pegawai: Renovasi gedung sejak Mei 2010" in text
    assert "2010: 21 dari 22 nilai belum punya bukti dukung; 0 terverifikasi." in text
    manual = next(t for t in doc.tables if t.rows[0].cells[0].text == "Definisi")
    assert manual.rows[0].cells[1].text.startswith("Pajak kendaraan bermotor")
    plain = Document(io.BytesIO(build_lkjip_docx(sc, "2010", "id", appendix=False)))
    assert "Manual IKU" not in [p.text for p in plain.paragraphs if p.style.name == "Heading 1"]

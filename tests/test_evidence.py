"""Evidence per KPI and period: upload safety (type sniffing, size cap, HTML disguised as PDF, macros),
links, storage on SQLite and PostgreSQL, audit entries, counts and KPI-periods without evidence."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from scorecard.io.reference_case import load_reference
from scorecard.store import evidence as ev
from scorecard.store.storage import Store
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32) + b"\xff\xd9"
CSV = b"kpi,period,value\nF1a,2010,51561555515\n"
HTML_PDF = b"<!DOCTYPE html><html><body><script>document.location='https://evil.example'</script></body></html>"


def xlsx(macro: bool = False) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["Realisasi PKB", 51561555515])
    buf = io.BytesIO()
    wb.save(buf)
    if not macro:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(100))
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("bukti.pdf", PDF, "pdf"), ("Foto.PNG", PNG, "png"), ("foto.jpg", JPEG, "jpeg"), ("foto.jpeg", JPEG, "jpeg"),
    ("rekap.xlsx", None, "xlsx"), ("rekap.csv", CSV, "csv")])
def test_accepted_types_are_sniffed(name, data, kind):
    assert ev.sniff(xlsx() if data is None else data, name) == kind


@pytest.mark.parametrize(("name", "data", "code"), [
    ("bukti.pdf", HTML_PDF, "evidence.html"),               # HTML disguised as PDF
    ("bukti.pdf", b"\n\n  <html><body>hi</body></html>", "evidence.html"),
    ("gambar.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "evidence.html"),
    ("bukti.pdf", PNG, "evidence.mismatch"),                # a PNG named .pdf
    ("foto.jpg", PDF, "evidence.mismatch"),
    ("bukti.pdf", b"just some text", "evidence.mismatch"),
    ("setup.exe", b"MZ\x90\x00" + bytes(64), "evidence.type"),  # wrong type
    ("laporan.docx", b"PK\x03\x04" + bytes(64), "evidence.type"),
    ("gambar.svg", b"<svg/>", "evidence.type"),
    ("page.html", b"<html></html>", "evidence.type"),
    ("tanpa_ekstensi", PDF, "evidence.type"),
    ("rekap.xlsx", PDF, "evidence.bad_sheet"),              # not a workbook
    ("rekap.xlsx", b"PK\x03\x04garbage", "evidence.bad_sheet"),
    ("rekap.csv", xlsx(), "evidence.bad_sheet"),            # a workbook named .csv
    ("makro.xlsx", xlsx(macro=True), "evidence.macro"),
    ("kosong.pdf", b"", "evidence.empty"),
])
def test_unsafe_or_wrong_files_are_refused_with_a_message(name, data, code):
    with pytest.raises(ev.EvidenceError) as exc:
        ev.sniff(data, name)
    assert exc.value.msg.code == code
    assert name in exc.value.msg.en and name in exc.value.msg.id


def test_size_cap():
    big = PDF + b"0" * (ev.MAX_BYTES - len(PDF) + 1)
    with pytest.raises(ev.EvidenceError) as exc:
        ev.sniff(big, "besar.pdf")
    assert exc.value.msg.code == "evidence.too_large" and "10.0 MB" in exc.value.msg.en
    assert "10,0 MB" in exc.value.msg.id  # the Indonesian number style in the Indonesian text
    assert ev.sniff(big[:ev.MAX_BYTES], "pas.pdf") == "pdf"  # exactly at the cap is fine


@pytest.mark.parametrize("url", ["https://ppid.jatimprov.go.id/laporan-2010.pdf", "http://10.0.0.5/share/bukti"])
def test_links_http_and_https_only(url):
    assert ev.check_url(url) == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "file:///etc/passwd", "ftp://x.example/a", "https://", "www.example.com",
                                 "https://user:pw@example.com/", "https://example.com/a b", ""])
def test_bad_links_are_refused(url):
    with pytest.raises(ev.EvidenceError) as exc:
        ev.check_url(url)
    assert exc.value.msg.code == "evidence.url"


def test_safe_filename_and_download_headers():
    assert ev.safe_filename("../../etc/Laporan Realisasi\u00a0PKB <2010>.pdf", "pdf") == "Laporan Realisasi PKB _2010.pdf"
    assert ev.safe_filename('a"b;c.PDF', "pdf") == "a_b_c.pdf"
    assert ev.safe_filename("....", "png") == "bukti.png"


@pytest.fixture
def stored(db_url):
    with Store(db_url) as store:
        store.migrate()
        sid = store.save_scorecard(load_reference(), "ana").id
        yield store, sid


def test_store_files_and_links_with_audit(stored):
    store, sid = stored
    f = ev.add_file(store, sid, "F1a", "2010", "Rekap PKB 2010.pdf", PDF, "Rekap penerimaan PKB dari kasir", "ana")
    assert (f.kind, f.filename, f.content_type, f.size) == ("file", "Rekap PKB 2010.pdf", "application/pdf", len(PDF))
    link = ev.add_link(store, sid, "F1a", "2010", " https://bapenda.jatimprov.go.id/pkb ", "Data PKB daring", "budi")
    assert link.url == "https://bapenda.jatimprov.go.id/pkb" and link.added_by == "budi"
    assert [e.id for e in ev.list_evidence(store, sid, "F1a", "2010")] == [f.id, link.id]
    assert ev.file_bytes(store, sid, f.id) == PDF
    with pytest.raises(KeyError):
        ev.file_bytes(store, sid, link.id)  # a link has no bytes
    with pytest.raises(KeyError):
        ev.file_bytes(store, sid + 1, f.id)  # another scorecard's file is not reachable
    h = ev.download_headers(f)
    assert h["Content-Disposition"] == 'attachment; filename="Rekap PKB 2010.pdf"'
    assert h["X-Content-Type-Options"] == "nosniff" and h["Content-Type"] == "application/pdf"
    audit = [c for c in store.changes(sid) if c.kind == "evidence"]
    assert [(c.actor, c.target) for c in audit] == [("ana", "F1a 2010"), ("budi", "F1a 2010")]
    assert "Rekap PKB 2010.pdf" in audit[0].after and "sha256" in audit[0].after
    assert ev.delete_evidence(store, sid, link.id, "ana") is True
    assert ev.delete_evidence(store, sid, link.id, "ana") is False
    assert [c.before for c in store.changes(sid) if c.kind == "evidence"][-1].startswith("https://bapenda")


def test_refused_upload_stores_nothing(stored):
    store, sid = stored
    with pytest.raises(ev.EvidenceError):
        ev.add_file(store, sid, "F1a", "2010", "bukti.pdf", HTML_PDF, "laporan", "ana")
    with pytest.raises(ev.EvidenceError) as exc:
        ev.add_file(store, sid, "F1a", "2010", "bukti.pdf", PDF, "   ", "ana")
    assert exc.value.msg.code == "evidence.no_description"
    assert ev.list_evidence(store, sid) == []
    assert not [c for c in store.changes(sid) if c.kind == "evidence"]


def test_counts_and_kpi_periods_without_evidence(stored):
    store, sid = stored
    ev.add_file(store, sid, "F1a", "2010", "a.png", PNG, "foto papan realisasi", "ana")
    ev.add_link(store, sid, "F1a", "2010", "https://example.org/x", "rekap", "ana")
    ev.add_file(store, sid, "C1a", "2009", "b.csv", CSV, "register keluhan", "ana")
    have = ev.counts(store, sid)
    assert have == {("F1a", "2010"): 2, ("C1a", "2009"): 1}
    sc = load_reference()
    gaps = ev.missing(sc, have, "2010")
    assert "F1a" not in gaps and len(gaps) == 21  # the 22 KPIs all have a 2010 actual
    assert "C1a" not in ev.missing(sc, have, "2009")


def test_reports_show_evidence_counts_and_verification(stored):
    from docx import Document
    from openpyxl import load_workbook

    from scorecard.model import KpiManual
    from scorecard.reports.evidence_status import EvidenceInputs, status_rows
    from scorecard.reports.excel import export_report
    from scorecard.reports.kpi_manual import kpi_manual_docx
    from scorecard.store import verification as vf

    store, sid = stored
    sc = load_reference()
    sc.manuals = [KpiManual("F1a", verifier="Sari")]
    ev.add_file(store, sid, "F1a", "2010", "rekap.pdf", PDF, "rekap kasir", "ana")
    vf.verify(store, sid, sc, "F1a", "2010", "Sari")
    vf.lock_period(store, sid, sc, "2010", "Sari")
    inputs = EvidenceInputs(ev.counts(store, sid), vf.verifications_of(store, sid), vf.locked_periods(store, sid))
    rows = status_rows(sc, "2010", inputs.counts, inputs.verifications, "id")
    assert (rows[0].code, rows[0].evidence, rows[0].verification, rows[0].verified_by) == ("F1a", 1, "verified", "Sari")
    assert sum(1 for r in rows if r.evidence == 0) == 21

    doc = Document(io.BytesIO(kpi_manual_docx(sc, "id", period="2010", evidence=inputs)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2010: 21 dari 22 nilai belum punya bukti dukung; 1 terverifikasi. Dikunci oleh Sari pada" in text
    table = doc.tables[-1]
    f1a = [c.text for c in table.rows[1].cells]
    assert f1a[0].startswith("F1a") and f1a[2] == "1" and f1a[3] == "terverifikasi (Sari)"
    assert [c.text for c in table.rows[2].cells][2] == "0 — tanpa bukti"

    wb = load_workbook(io.BytesIO(export_report(sc, "2010", lang="en", evidence=inputs)))
    ws = wb["Evidence"]
    assert ws["A1"].value.startswith("2010: 21 of 22 values have no evidence; 1 verified. Locked by Sari")
    assert [ws.cell(4, c).value for c in (1, 4, 5, 6)] == ["F1a", 1, "verified", "Sari"]
    assert "Evidence" not in load_workbook(io.BytesIO(export_report(sc, "2010", lang="en"))).sheetnames

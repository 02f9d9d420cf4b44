"""The LKjIP Word document of the demo for 2010, read back with python-docx in both languages."""

from __future__ import annotations

import io
import subprocess
import sys

import docx
import pytest

from scorecard.reports.lkjip import build_lkjip_docx, earlier_periods, lkjip_report
from tests.conftest import ROOT

DEMO = str(ROOT / "data" / "demo.xlsx")


@pytest.fixture(scope="module")
def docs(request):
    from scorecard.io.demo import load_demo

    sc = load_demo()
    # the LKjIP chapters only; the appendix (narratives, evidence, KPI manual) is tested in tests/test_kpi_manual.py
    return sc, {lang: docx.Document(io.BytesIO(build_lkjip_docx(sc, "2010", lang, appendix=False)))
                for lang in ("id", "en")}


def _measurement_tables(d):
    """Pengukuran Kinerja tables: first header cell "No"; rows after the "(1) (2) ..." row."""
    return [t for t in d.tables if t.rows[0].cells[0].text == "No"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_all_22_indicators_in_measurement_tables(docs, lang):
    sc, by_lang = docs
    d = by_lang[lang]
    tables = _measurement_tables(d)
    assert len(tables) == 12  # one per sasaran of the demo
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == (["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat",
                       "Level OMAX"] if lang == "id" else
                      ["No", "Performance indicator", "Unit", "Target", "Realisasi", "Capaian (%)", "Predikat",
                       "OMAX level"])
    assert [c.text for c in tables[0].rows[1].cells] == [f"({i})" for i in range(1, 9)]
    rows = [[c.text for c in r.cells] for t in tables for r in t.rows[2:]]
    assert len(rows) == 22
    assert [r[0] for r in rows] == [str(i) for i in range(1, 23)]
    assert [r[1].split()[0] for r in rows] == [k.code for k in sc.kpis]
    by_code = {r[1].split()[0]: r for r in rows}
    if lang == "id":
        # F1a 2010: target 52.295.456.000, realisasi 51.561.555.515, capaian 98,5966 cut to 98,59, Sangat Baik, level 9.367 cut to 9,36 (as the app shows it), green
        assert by_code["F1a"][2:] == ["Rp", "52.295.456.000", "51.561.555.515", "98,59", "Sangat Baik",
                                      "9,36 ● Hijau"]
        assert by_code["C4b"][2:7] == ["hari", "14", "18", "71,42", "Cukup"]
        assert by_code["I2a"][5:7] == ["120,00", "Sangat Baik"]  # 133 % capped
        assert by_code["C1a"][5:7] == ["—", "—"]  # target 0: no capaian
        assert by_code["F2a"][3:6] == ["33,75", "25,88", "76,68"]
    else:
        assert by_code["F1a"][2:] == ["Rp", "52,295,456,000", "51,561,555,515", "98.59", "Very good",
                                      "9.36 ● Green"]
        assert by_code["C4b"][6] == "Fair"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_grouped_by_perspective_and_sasaran_with_one_chart_each(docs, lang):
    sc, by_lang = docs
    d = by_lang[lang]
    h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    h3 = [p.text for p in d.paragraphs if p.style.name == "Heading 3"]
    assert h2 == [("Perspektif " if lang == "id" else "Perspective ") + p.name(lang) for p in sc.perspectives]
    assert [h.split(":")[0].split()[-1] for h in h3] == [o.code for o in sc.objectives]
    assert len(d.inline_shapes) == 12  # one chart per sasaran
    text = "\n".join(p.text for p in d.paragraphs)
    if lang == "id":
        assert text.count("Analisis penyebab") == 12 and text.count("Solusi / rencana tindak lanjut") == 12
        assert "Ringkasan Capaian Kinerja" in text and "satu Kabupaten" in text
        assert "85,8 % dari total bobot" in text
    else:
        assert text.count("Analysis of causes") == 12 and "one Kabupaten" in text


def test_summary_and_comparison(docs):
    _, by_lang = docs
    d = by_lang["id"]
    summary = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert summary[1] == ["Nilai Kinerja Organisasi (NKO): 85,59 %", "Baik"]
    assert summary[2][0].startswith("Indeks kinerja OMAX (0-10): 7,88")
    persp = [[c.text for c in r.cells] for r in d.tables[1].rows]
    assert persp[1][0] == "Keuangan" and persp[1][2] == "93,06" and persp[1][3] == "Sangat Baik"
    compare = next(t for t in d.tables if t.rows[0].cells[1].text == "Realisasi 2009")
    assert [c.text for c in compare.rows[1].cells] == ["F1a PKB", "44.177.214.540", "51.561.555.515", "104,33",
                                                       "98,59"]


def test_notes_become_analysis_and_solutions():
    from scorecard.io.demo import load_demo
    from scorecard.model import Note

    sc = load_demo()
    sc.notes.append(Note("C3b", "2010", "Apel pagi tidak diawasi", "Absensi sidik jari", "Kasubag TU", "2011-03"))
    d = docx.Document(io.BytesIO(build_lkjip_docx(sc, "2010", "id")))
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert "C3b: Apel pagi tidak diawasi" in bullets
    assert "C3b: Absensi sidik jari (penanggung jawab: Kasubag TU; tenggat: 2011-03)" in bullets


def test_earlier_periods_are_of_the_same_kind_and_at_most_four():
    from scorecard.model import KPI, Measurement, Objective, Perspective, Scorecard

    sc = Scorecard("t", [Perspective("P", "P", "P")], [Objective("O", "P", "o")], [KPI("K", "O", "k")])
    sc.measurements = [Measurement("K", p, 1, 1) for p in ("2005", "2006", "2007", "2008", "2009", "2010",
                                                          "2010-Q1")]
    assert earlier_periods(sc, "2010") == ["2006", "2007", "2008", "2009"]
    assert earlier_periods(sc, "2005") == []
    rep = lkjip_report(sc, "2010", "en")
    assert [h[0] for h in rep.rows[0].history] == ["2006", "2007", "2008", "2009", "2010"]


def test_cli_lkjip(tmp_path):
    out = tmp_path / "lkjip.docx"
    res = subprocess.run([sys.executable, "-m", "scorecard", "lkjip", DEMO, str(out), "--period", "2010",
                          "--lang", "id"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    d = docx.Document(str(out))
    assert len(_measurement_tables(d)) == 12
    bad = subprocess.run([sys.executable, "-m", "scorecard", "lkjip", DEMO, str(out), "--period", "1990"],
                         cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert bad.returncode == 1 and "1990" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("lang", ["id", "en"])
def test_excel_report_has_the_same_table(lang):
    import openpyxl

    from scorecard.io.demo import load_demo
    from scorecard.reports.excel import export_report

    sc = load_demo()
    wb = openpyxl.load_workbook(io.BytesIO(export_report(sc, "2010", lang=lang)))
    ws = wb["Pengukuran Kinerja" if lang == "id" else "Performance measurement"]
    assert ws.cell(4, 9).value == "Predikat" and ws.cell(5, 1).value == "(1)"
    rows = [r for r in ws.iter_rows(min_row=6, max_row=27, values_only=True)]
    assert [r[0] for r in rows] == list(range(1, 23))
    f1a = rows[0]
    assert f1a[5:8] == (52295456000, 51561555515, 98.59)  # capaian stored cut, as every screen shows it
    assert f1a[8] == ("Sangat Baik" if lang == "id" else "Very good")
    assert f1a[9] == 9.36
    c1a = next(r for r in rows if r[3].startswith("C1a"))
    assert c1a[7] == "—" and c1a[8] == "—"
    assert "C3:C4" in {str(m) for m in ws.merged_cells.ranges} or any(
        str(m).startswith("C6:") for m in ws.merged_cells.ranges)  # sasaran merged over its indicators
    nko_row = next(r for r in ws.iter_rows(min_row=28, values_only=True) if r[0] and str(r[0]).startswith("NKO"))
    assert nko_row[1] == 85.59


def test_qualitative_kpi_shows_its_words():
    from scorecard.io.demo import load_demo
    from scorecard.model import Measurement

    sc = load_demo()
    sc.kpis[0].scale_words = ("TW", "TMP", "WDP", "WTP")  # F1a as a BPK opinion, for the test
    sc.set_measurement(Measurement("F1a", "2009", target=4, actual=3))
    sc.set_measurement(Measurement("F1a", "2010", target=4, actual=3))
    rep = lkjip_report(sc, "2010", "id")
    r = rep.rows[0]
    assert (r.target, r.realisasi, r.capaian_text, r.predikat) == ("WTP", "WDP", "75,00", "Cukup")
    assert r.history[0] == ("2009", "WDP", "75,00")


# ---- print layout: header rows, rows kept whole, widths, readable predikat cells ------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _flag(row, tag: str) -> bool:
    tr_pr = row._tr.trPr
    el = None if tr_pr is None else tr_pr.find(W + tag)
    return el is not None and el.get(W + "val", "true") in ("true", "1", "on")


@pytest.fixture(scope="module")
def full_docs():
    """The whole document (with the appendix: narratives, evidence table, KPI manual) in both languages."""
    from scorecard.io.demo import load_demo
    from scorecard.model import Note
    from scorecard.reports.evidence_status import EvidenceInputs

    sc = load_demo()
    sc.notes.append(Note("L1a", "2010", "Anggaran diklat dipotong", "Jadwalkan ulang diklat", "Kasubag TU", "2011-03",
                         narrative="Peserta diklat turun karena anggaran dipotong."))
    ev = EvidenceInputs(counts={("L1a", "2010"): 1})
    return {lang: docx.Document(io.BytesIO(build_lkjip_docx(sc, "2010", lang, evidence=ev))) for lang in ("id", "en")}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_table_repeats_its_header_and_never_splits_a_row(full_docs, lang):
    from scorecard.reports.kpi_manual import LABELS

    d = full_docs[lang]
    record_labels = {x[1] for x in LABELS} | {x[2] for x in LABELS}
    kinds = {"measurement": 0, "record": 0, "other": 0}
    for t in d.tables:
        rows = list(t.rows)
        assert all(_flag(r, "cantSplit") for r in rows), [c.text for c in rows[0].cells]
        first = rows[0].cells[0].text
        if first in record_labels:  # a KPI manual record sheet: labels in the first column, no header row
            kinds["record"] += 1
            assert not any(_flag(r, "tblHeader") for r in rows)
            continue
        n_head = 2 if first == "No" else 1  # the Pengukuran Kinerja table repeats its "(1) (2) ..." row too
        kinds["measurement" if first == "No" else "other"] += 1
        assert [_flag(r, "tblHeader") for r in rows] == [True] * n_head + [False] * (len(rows) - n_head), first
    # 12 measurement tables, 22 record sheets; summary, perspectives, 12 comparisons and the evidence table
    assert kinds == {"measurement": 12, "record": 22, "other": 2 + 12 + 1}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_tables_fit_between_the_margins(full_docs, lang):
    d = full_docs[lang]
    sec = d.sections[0]
    text_width = (sec.page_width - sec.left_margin - sec.right_margin) / 635  # EMU -> twips
    for t in d.tables:
        grid = [int(c.get(W + "w")) for c in t._tbl.tblGrid.findall(W + "gridCol")]
        assert len(grid) == len(t.columns) and all(w > 0 for w in grid)
        assert sum(grid) <= text_width + 1, (t.rows[0].cells[0].text, sum(grid), text_width)
    measurement = next(t for t in d.tables if t.rows[0].cells[0].text == "No")
    widths = [int(c.get(W + "w")) for c in measurement._tbl.tblGrid.findall(W + "gridCol")]
    assert widths[1] == max(widths)  # the indicator's name gets the widest column


@pytest.mark.parametrize("lang", ["id", "en"])
def test_predikat_cells_have_readable_text(full_docs, lang):
    """Every shaded predikat cell: its text colour against its fill has a WCAG contrast of at least 4.5:1."""
    from scorecard.method.capaian import MIN_CONTRAST, PRESETS, contrast_ratio

    fills = {b.colour.lstrip("#").upper(): (b.label_id if lang == "id" else b.label_en)
             for b in PRESETS["kabupaten-5"].bands}
    seen = set()
    for t in full_docs[lang].tables:
        for row in t.rows:
            for cell in row.cells:
                shd = cell._tc.tcPr.find(W + "shd") if cell._tc.tcPr is not None else None
                fill = (shd.get(W + "fill") or "").upper() if shd is not None else ""
                if fill not in fills:
                    continue
                assert cell.text == fills[fill]  # the word always goes with the colour
                for run in (r for p in cell.paragraphs for r in p.runs):
                    ink = f"#{run.font.color.rgb}" if run.font.color.rgb is not None else "#000000"
                    assert contrast_ratio(f"#{fill}", ink) >= MIN_CONTRAST, (cell.text, fill, ink)
                    assert run.bold
                seen.add(fill)
    # the demo's 2010 shows Sangat Baik, Baik, Cukup, Kurang and Sangat Kurang
    assert seen == set(fills)


def test_numbers_in_the_appendix_follow_the_reports_language(full_docs):
    """The KPI manual's targets are written by the display rule in the document's language (not the
    workbook's locale), as in the tables: F1a 2010 target 52,295,456,000 in English."""
    texts = {lang: [c.text for t in d.tables for r in t.rows for c in r.cells] for lang, d in full_docs.items()}
    assert "2009: Rp 42,340,374,000; 2010: Rp 52,295,456,000" in texts["en"]
    assert "2009: Rp 42.340.374.000; 2010: Rp 52.295.456.000" in texts["id"]
    note = {lang: "\n".join(p.text for p in d.paragraphs) for lang, d in full_docs.items()}
    assert "targetnya 0;" in note["id"] and "the target is 0;" in note["en"]  # "0", not the raw float "0.0"
    assert "C1a: C1a" not in note["en"]


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_comparison_columns_fit_a4_landscape_up_to_five_periods(k):
    """Between 1.8 cm margins of A4 landscape (26.1 cm): the indicator, k realisasi columns wide enough for
    "51.561.555.515" at 8 pt (2.6 cm) and k capaian columns wide enough for the word "Capaian" (1.8 cm)."""
    from scorecard.reports.lkjip import _compare_widths

    w = _compare_widths(k, 26.1)
    assert len(w) == 1 + 2 * k and sum(w) <= 26.1 + 1e-9
    assert w[0] >= 3.8 and min(w[1:k + 1]) >= 2.6 and min(w[k + 1:]) >= 1.8
    if k <= 3:
        assert w == [7.0] + [3.3] * k + [2.2] * k  # room for everything at full width

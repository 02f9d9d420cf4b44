"""Narrative per KPI and period (issue #16): model, workbook Notes column, heatmap rows, the report."""

from __future__ import annotations

import io

import openpyxl

from scorecard.charts.heatmap import attention_rows
from scorecard.io.reference_case import load_reference
from scorecard.io.workbook import read_workbook, write_workbook
from scorecard.method.scoring import score_period
from scorecard.model import Note
from scorecard.reports.excel import export_report
from scorecard.store.serialize import from_dict, to_dict

STORY = "Kantor bersama SAMSAT baru dibuka Maret 2010; antrean pindah ke sana selama renovasi."


def with_narrative():
    sc = load_reference()
    sc.notes = [Note("C3b", "2010", root_cause="Apel pagi tidak dipantau", action="Absensi sidik jari", narrative=STORY),
                Note("F1a", "2010", narrative="Hijau karena target PKB naik sesuai tren.")]
    return sc


def test_narrative_round_trips_through_workbook_and_payload():
    sc = with_narrative()
    assert from_dict(to_dict(sc)) == sc
    for lang, header in (("id", "Narasi (konteks)"), ("en", "Narrative (context)")):
        data = write_workbook(sc, lang=lang)
        ws = openpyxl.load_workbook(io.BytesIO(data))["Catatan" if lang == "id" else "Notes"]
        assert ws.cell(1, 7).value == header
        res = read_workbook(data, "x.xlsx")
        assert res.scorecard is not None and res.scorecard.notes == sc.notes


def test_lkjip_keterangan_header_is_read_as_narrative():
    wb = openpyxl.load_workbook(io.BytesIO(write_workbook(with_narrative(), lang="id")))
    wb["Catatan"]["G1"] = "Ket."
    buf = io.BytesIO()
    wb.save(buf)
    res = read_workbook(buf.getvalue(), "x.xlsx")
    assert res.scorecard is not None and res.scorecard.note("C3b", "2010").narrative == STORY


def test_heatmap_attention_rows_and_report_carry_the_narrative():
    sc = with_narrative()
    ps = score_period(sc, "2010")
    rows = {r["code"]: r for r in attention_rows(sc, ps, "id")}
    assert rows["C3b"]["narrative"] == STORY
    assert all("narrative" in r for r in rows.values())
    wb = openpyxl.load_workbook(io.BytesIO(export_report(sc, "2010", lang="id")))
    ws = wb["Tindak lanjut"]
    assert ws.cell(4, 12).value == "Narasi (konteks)"
    c3b = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value == "C3b")
    assert ws.cell(c3b, 12).value == STORY

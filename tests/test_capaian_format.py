"""Capaian settings, qualitative scales and range targets survive the workbook and JSON round trips;
bad cells give messages that name sheet and cell."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from scorecard.io.demo import load_demo
from scorecard.io.workbook import read_workbook, write_workbook
from scorecard.model import Measurement, Scorecard
from scorecard.store.serialize import from_dict, to_dict


def _with_capaian_fields() -> Scorecard:
    sc = load_demo()
    sc.kpis[0].scale_words = ("TW", "TMP", "WDP", "WTP")
    sc.set_measurement(Measurement("F1a", "2011", target=4, actual=3, actual_text="WDP"))
    sc.set_measurement(Measurement("F1b", "2011", target=5, actual=6, actual_text="6", target_min=2.5,
                                   target_max=7.25))
    s = sc.settings
    s.predikat_preset = "custom"
    s.predikat_bands = ((85.5, "Memuaskan", "Satisfying", "#1A9850"), (0.0, "Kurang", "Poor", "#D73027"))
    s.capaian_cap = 110.0
    s.primary_view = "capaian"
    return sc


def test_json_round_trip_keeps_tuples():
    sc = _with_capaian_fields()
    back = from_dict(json.loads(json.dumps(to_dict(sc))))
    assert back == sc
    assert isinstance(back.kpis[0].scale_words, tuple)
    assert isinstance(back.settings.predikat_bands[0], tuple)
    old = to_dict(sc)
    del old["settings"]["predikat_bands"], old["kpis"][0]["scale_words"]  # a payload from before the fields
    legacy = from_dict(old)
    assert legacy.settings.predikat_bands == () and legacy.kpis[0].scale_words == ()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_workbook_round_trip(lang):
    sc = _with_capaian_fields()
    data = write_workbook(sc, lang=lang)
    res = read_workbook(data, "x.xlsx")
    assert res.scorecard is not None, res.report.text("en")
    back = res.scorecard
    assert back.settings == sc.settings
    assert back.kpis[0].scale_words == ("TW", "TMP", "WDP", "WTP")
    m = back.measurement("F1a", "2011")
    assert (m.target, m.actual, m.actual_text) == (4.0, 3.0, "WDP")
    r = back.measurement("F1b", "2011")
    assert (r.target_min, r.target_max) == (2.5, 7.25)
    # the words, not the ranks, are in the Data sheet
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Data"]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "WTP" in values and "WDP" in values
    settings = wb["Pengaturan" if lang == "id" else "Settings"]
    keys = [settings.cell(r, 1).value for r in range(1, settings.max_row + 1)]
    assert ("batas_capaian" if lang == "id" else "capaian_cap") in keys


def _edit(data: bytes, sheet_en: str, edits: dict[str, object]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet_en]
    for cell, value in edits.items():
        ws[cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _find(ws, value) -> str:
    for row in ws.iter_rows():
        for c in row:
            if c.value == value:
                return c.coordinate
    raise KeyError(value)


def test_bad_cells_are_named():
    sc = _with_capaian_fields()
    data = write_workbook(sc, lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    bands_row = int(_find(wb["Settings"], "predikat_bands")[1:])
    f1a_actual = _find(wb["Data"], "WDP")
    tmin = _find(wb["Data"], 2.5)
    bad = _edit(data, "Settings", {f"B{bands_row}": "90 | Baik | Good"})
    bad = _edit(bad, "Data", {f1a_actual: "WTT", tmin: None})
    res = read_workbook(bad, "x.xlsx")
    assert res.scorecard is None
    errors = {(p.sheet, p.cell, p.code) for p in res.report.errors}
    assert ("Settings", f"B{bands_row}", "workbook.bad_band") in errors
    assert ("Data", f1a_actual, "workbook.not_on_scale") in errors
    assert any(code == "workbook.range_half" for _, _, code in errors)
    texts = " ".join(p.text("id") for p in res.report.errors)
    assert "TW < TMP < WDP < WTP" in texts and "Target rentang" in texts


def test_in_app_data_editor_takes_words_of_a_qualitative_kpi():
    import pandas as pd

    from scorecard.ui.table_edits import DATA_COLS, apply_data_edits

    sc = _with_capaian_fields()
    before = pd.DataFrame([{c: "" for c in DATA_COLS} | {"kpi": "F1a", "target": "WTP", "actual": "WDP"}])
    after = before.copy()
    after.loc[0, "actual"] = "wtp"
    res = apply_data_edits(sc, "2011", before, after, "en")
    m = res.scorecard.measurement("F1a", "2011")
    assert (m.actual, m.actual_text) == (4.0, "wtp")
    after.loc[0, "actual"] = "WTT"
    res = apply_data_edits(sc, "2011", before, after, "en")
    assert res.scorecard is None and "TW < TMP < WDP < WTP" in res.errors[0]


def test_custom_preset_without_bands_is_named_at_its_cell():
    sc = _with_capaian_fields()
    data = write_workbook(sc, lang="id")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Pengaturan"]
    bands_row = int(_find(ws, "rentang_predikat")[1:])
    preset_row = int(_find(ws, "preset_predikat")[1:])
    res = read_workbook(_edit(data, "Pengaturan", {f"B{bands_row}": None}), "x.xlsx")
    assert res.scorecard is None
    p = next(p for p in res.report.errors if p.code == "workbook.custom_without_bands")
    assert (p.sheet, p.cell) == ("Pengaturan", f"B{preset_row}")
    assert "kabupaten-5" in p.text("id")


def test_imported_qualitative_kpi_keeps_its_scale_for_capaian():
    from scorecard.io.table_import import apply_plan, build_plan
    from scorecard.method.capaian import nko
    from scorecard.reports.lkjip import lkjip_report
    from tests import foreign_tables as ft

    sc = apply_plan(build_plan(ft.lkjip(), "lkjip.xlsx"))
    opini = next(k for k in sc.kpis if k.name_id.startswith("Opini BPK"))
    assert opini.scale_words == ("TW", "TMP", "WDP", "WTP")
    m = sc.measurement(opini.code, "2024")
    c = nko(sc, "2024").capaian[opini.code]
    assert c.rule == "ordinal" and c.value == pytest.approx(m.actual / m.target * 100)
    row = next(r for r in lkjip_report(sc, "2024", "id").rows if r.code == opini.code)
    assert row.realisasi == "WTP"
    assert from_dict(json.loads(json.dumps(to_dict(sc)))) == sc

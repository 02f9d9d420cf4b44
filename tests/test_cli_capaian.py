"""``score`` shows capaian, predikat and NKO (METHOD §7) beside the OMAX level."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import DEMO, run


def test_score_json_has_capaian_predikat_and_nko():
    res = run("score", DEMO, "--period", "2010", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    kpis = {k["code"]: k for k in out["kpis"]}
    # F1a: 51 561 555 515 / 52 295 456 000 = 98.597 %; C4b lower: (2 - 18/14) = 71.43 %; I2a 32/24 capped 120
    assert kpis["F1a"]["capaian"] == pytest.approx(98.5966, abs=1e-3)
    assert kpis["F1a"]["predikat"] == "Sangat Baik"
    assert kpis["C4b"]["capaian"] == pytest.approx(71.4286, abs=1e-3) and kpis["C4b"]["predikat"] == "Cukup"
    assert kpis["I2a"]["capaian"] == 120.0
    for code in ("C1a", "C2a", "C3a", "C3b"):  # target 0: null, never an error
        assert kpis[code]["capaian"] is None and kpis[code]["predikat"] is None
    have = [k for k in out["kpis"] if k["capaian"] is not None]
    expected = sum(k["weight"] * k["capaian"] for k in have) / sum(k["weight"] for k in have)
    assert out["nko"] == pytest.approx(expected)
    assert out["nko_predikat"] == "Baik"  # 85.59 % is in 76-90
    assert "C1a" in out["nko_note"]
    assert all("nko" in p for p in out["perspectives"])


def test_score_text_shows_capaian_in_both_languages():
    res = run("score", DEMO, "--period", "2010", "--lang", "id")
    assert res.returncode == 0, res.stderr
    assert "Capaian" in res.stdout and "98,59 %" in res.stdout and "NKO: 85,59 %" in res.stdout
    assert "dinormalkan ulang" in res.stdout
    res = run("score", DEMO, "--period", "2010")
    assert "Very good" in res.stdout and "renormalised" in res.stdout

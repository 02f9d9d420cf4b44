"""The briefing PDF: A4 landscape pages read back with pypdf, in both languages."""

from __future__ import annotations

import io
import subprocess
import sys

import pypdf
import pytest

from scorecard.reports.briefing import ACTIONS_PER_PAGE, build_briefing_pdf
from tests.conftest import ROOT

DEMO = str(ROOT / "data" / "demo.xlsx")


@pytest.fixture(scope="module")
def demo_sc():
    from scorecard.io.demo import load_demo
    from scorecard.model import Note

    sc = load_demo()
    sc.notes.append(Note("L1a", "2010", "Anggaran diklat dipotong", "Jadwalkan ulang diklat", "Kasubag TU", "2011-03"))
    return sc


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_text_and_size(demo_sc, lang):
    data = build_briefing_pdf(demo_sc, "2010", lang)
    assert data.startswith(b"%PDF-")
    r = pypdf.PdfReader(io.BytesIO(data))
    # index, strategy map, heatmap, then the 7 red and yellow KPIs of 2010 on ceil(7 / 5) = 2 pages
    from scorecard.method.scoring import score_period

    todo = [k for k in score_period(demo_sc, "2010").kpis if k.light != "green"]
    assert len(todo) == 7
    assert len(r.pages) == 3 + -(-len(todo) // ACTIONS_PER_PAGE)
    for page in r.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (w, h) == (pytest.approx(841.68, abs=1), pytest.approx(595.44, abs=1))  # A4 landscape, points
    texts = [p.extract_text() for p in r.pages]
    if lang == "id":
        assert "Indeks kinerja" in texts[0] and "7,88" in texts[0] and "85,59 %" in texts[0]
        assert "▲ Kuning" in texts[0] and "Baik" in texts[0]
        assert "Peta strategi" in texts[1] and "F1" in texts[1] and "L2" in texts[1]
        assert "2009" in texts[2] and "2010" in texts[2] and "9,36" in texts[2]
        assert "Penyebab: Anggaran diklat dipotong" in texts[3]
        assert "Tindakan: Jadwalkan ulang diklat (Kasubag TU, 2011-03)" in texts[3]
        assert "halaman 1 dari 5" in texts[0]
    else:
        assert "Performance index" in texts[0] and "7.88" in texts[0] and "▲ Yellow" in texts[0]
        assert "Strategy map" in texts[1] and "Heatmap" in texts[2]
        assert "Cause: Anggaran diklat dipotong" in texts[3]
    # colour is never the only signal: the words and symbols are in the text
    joined = "\n".join(texts)
    assert "■" in joined and "▲" in joined and "●" in joined
    # red first: L1a (level 2.78) is the first KPI on the first actions page
    assert texts[3].index("L1a") < texts[3].index("C1a")


def test_cli_briefing(tmp_path):
    out = tmp_path / "b.pdf"
    res = subprocess.run([sys.executable, "-m", "scorecard", "briefing", DEMO, str(out), "--lang", "id"], cwd=ROOT,
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    assert len(pypdf.PdfReader(str(out)).pages) == 5

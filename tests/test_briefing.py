"""The briefing PDF: A4 landscape pages read back with pypdf, in both languages."""

from __future__ import annotations

import io
import subprocess
import sys

import pypdf
import pytest

from scorecard.reports.briefing import action_blocks, build_briefing_pdf, paginate
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
    # index, strategy map, heatmap, then the 7 red and yellow KPIs of 2010, a few per page
    from scorecard.method.capaian import nko
    from scorecard.method.scoring import score_period

    ps = score_period(demo_sc, "2010")
    todo = [k for k in ps.kpis if k.light != "green"]
    assert len(todo) == 7
    pages = paginate(action_blocks(demo_sc, ps, nko(demo_sc, "2010"), lang))
    assert sum(len(p) for p in pages) == 7 and len(pages) == 2
    assert len(r.pages) == 3 + len(pages)
    for page in r.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (w, h) == (pytest.approx(841.68, abs=1), pytest.approx(595.44, abs=1))  # A4 landscape, points
    texts = [p.extract_text() for p in r.pages]
    if lang == "id":
        assert "Indeks kinerja" in texts[0] and "7,88" in texts[0] and "85,59 %" in texts[0]
        assert "▲ Kuning" in texts[0] and "Baik" in texts[0]
        assert "Peta strategi" in texts[1] and "F1" in texts[1] and "L2" in texts[1]
        assert "2009" in texts[2] and "2010" in texts[2] and "9,36" in texts[2]
        assert "Penyebab Anggaran diklat dipotong" in texts[3]
        assert "Tindakan Jadwalkan ulang diklat" in texts[3]
        assert "Penanggung jawab Kasubag TU · Tenggat: 2011-03" in texts[3]
        assert "halaman 1 dari 5" in texts[0]
    else:
        assert "Performance index" in texts[0] and "7.88" in texts[0] and "▲ Yellow" in texts[0]
        assert "Strategy map" in texts[1] and "Heatmap" in texts[2]
        assert "Root cause Anggaran diklat dipotong" in texts[3]
        assert "Owner Kasubag TU · Due: 2011-03" in texts[3]
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


# ---- red KPIs with their narrative, follow-up and evidence --------------------------------------------

def _page_of(texts: list[str], code: str) -> str:
    return next(t for t in texts[3:] if f"■ {code} " in t or f"▲ {code} " in t)


@pytest.fixture(scope="module")
def with_evidence():
    """The demo with a full note on the red L1a (narrative and follow-up) and one piece of evidence for it."""
    from scorecard.io.demo import load_demo
    from scorecard.model import Note
    from scorecard.reports.evidence_status import EvidenceInputs

    sc = load_demo()
    sc.notes.append(Note("L1a", "2010", "Anggaran diklat dipotong", "Jadwalkan ulang diklat", "Kasubag TU", "2011-03",
                         narrative="Peserta diklat turun dari 40 menjadi 31 orang karena anggaran dipotong."))
    return sc, EvidenceInputs(counts={("L1a", "2010"): 1})


@pytest.mark.parametrize("lang", ["id", "en"])
def test_red_kpi_shows_narrative_follow_up_and_evidence(with_evidence, lang):
    sc, ev = with_evidence
    texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(build_briefing_pdf(sc, "2010", lang,
                                                                                      evidence=ev))).pages]
    page = _page_of(texts, "L1a")
    flat = " ".join(page.split())
    assert "Peserta diklat turun dari 40 menjadi 31 orang karena anggaran dipotong." in flat
    if lang == "id":
        assert "Narasi Peserta diklat" in flat
        assert "Penyebab Anggaran diklat dipotong" in flat and "Tindakan Jadwalkan ulang diklat" in flat
        assert "Penanggung jawab Kasubag TU · Tenggat: 2011-03" in flat
        assert "Bukti dukung 1 · belum diverifikasi" in flat
        # under each actions page's title: how many red and yellow, and how many lack an action or evidence
        assert all("2010 · 3 merah, 4 kuning · 6 tanpa tindakan · 6 tanpa bukti dukung" in t for t in texts[3:])
        # a red KPI without a note or evidence shows the gaps, not nothing
        c3b = " ".join(_page_of(texts, "C3b").split())
        assert "Penyebab — (belum diisi)" in c3b and "Bukti dukung 0 — tanpa bukti · belum diverifikasi" in c3b
    else:
        assert "Narrative Peserta diklat" in flat
        assert "Root cause Anggaran diklat dipotong" in flat and "Action Jadwalkan ulang diklat" in flat
        assert "Owner Kasubag TU · Due: 2011-03" in flat
        assert "Evidence 1 · not verified" in flat
        assert all("3 red, 4 yellow · 6 without an action · 6 without evidence" in t for t in texts[3:])
        c3b = " ".join(_page_of(texts, "C3b").split())
        assert "Root cause — (not written yet)" in c3b and "Evidence 0 — no evidence · not verified" in c3b
    # red KPIs come before yellow ones; L1a (level 2.78) first of all
    order = [c for c in ("L1a", "C3b", "I3a", "C1a", "C2a") if c in "".join(texts[3:])]
    joined = "".join(texts[3:])
    assert [joined.index(f"{c} ") for c in order] == sorted(joined.index(f"{c} ") for c in order)


def test_verified_evidence_names_the_verifier(with_evidence):
    from datetime import datetime

    from scorecard.method.capaian import nko
    from scorecard.method.scoring import score_period
    from scorecard.reports.evidence_status import EvidenceInputs
    from scorecard.store.verification import Verification

    sc, ev = with_evidence
    m = sc.measurement("L1a", "2010")
    ver = Verification("L1a", "2010", {"target": m.target, "actual": m.actual}, "Budi", "Sari", datetime(2011, 1, 5))
    ev2 = EvidenceInputs(counts={("L1a", "2010"): 2}, verifications={("L1a", "2010"): ver})
    blocks = action_blocks(sc, score_period(sc, "2010"), nko(sc, "2010"), "id", ev2)
    l1a = next(b for b in blocks if b.code == "L1a")
    assert [x.text for x in l1a.lines if x.label == "Bukti dukung"] == ["2 · terverifikasi (Sari)"]
    # without evidence inputs (the CLI reads a workbook, not the store) there is no evidence line at all
    plain = action_blocks(sc, score_period(sc, "2010"), nko(sc, "2010"), "en")
    assert not any(x.label == "Evidence" for b in plain for x in b.lines)


def test_long_texts_are_cut_and_blocks_fill_pages_without_splitting(with_evidence):
    from scorecard.method.capaian import nko
    from scorecard.method.scoring import score_period
    from scorecard.model import Note
    from scorecard.reports import briefing

    sc, ev = with_evidence
    sc2 = sc.__class__(**{**sc.__dict__, "notes": [n for n in sc.notes if n.kpi != "C3b"]})
    sc2.notes.append(Note("C3b", "2010", "sebab " * 200, "tindak " * 200, "", "", narrative="cerita " * 300))
    blocks = action_blocks(sc2, score_period(sc2, "2010"), nko(sc2, "2010"), "id", ev)
    c3b = next(b for b in blocks if b.code == "C3b")
    by_label: dict[str, int] = {}
    current = ""
    for line in c3b.lines:
        current = line.label or current
        by_label[current] = by_label.get(current, 0) + 1
    assert by_label["Narasi"] == briefing.MAX_LINES["narrative"] and by_label["Penyebab"] == briefing.MAX_LINES["cause"]
    assert by_label["Tindakan"] == briefing.MAX_LINES["action"]
    assert [x.text for x in c3b.lines if x.label == "Penanggung jawab"] == ["— · Tenggat: —"]
    cut = [x.text for x in c3b.lines if x.label == "Narasi" or not x.label][briefing.MAX_LINES["narrative"] - 1]
    assert cut.endswith("…")
    pages = paginate(blocks)
    room = briefing.AREA_TOP - briefing.AREA_BOTTOM
    assert [b.code for p in pages for b in p] == [b.code for b in blocks]  # every block once, in order
    assert all(sum(b.height for b in p) <= room for p in pages if len(p) > 1)

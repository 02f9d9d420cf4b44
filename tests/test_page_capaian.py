"""Capaian, predikat and NKO on screen (Overview, Scores, Heatmap) and the LKjIP / briefing downloads (AppTest)."""

from __future__ import annotations

import html
import re

import pytest

from scorecard.method.capaian import bands_of
from tests.test_pages_map_heatmap_presenter import page, texts


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'capaian-page.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def test_overview_shows_nko_beside_the_index_and_switches_primary():
    at = page("overview", lang="id")
    assert not at.exception
    text = texts(at)
    assert "Indeks kinerja" in text and "NKO (capaian tertimbang)" in text and "85,59 %" in text
    assert "Baik" in text and "dinormalkan ulang" in text
    html = [str(h.proto.body) for h in at.get("html")]
    assert html.index(next(h for h in html if "Indeks kinerja" in h)) < html.index(next(h for h in html if "NKO" in h))
    at.segmented_control(key="overview_view").set_value("capaian").run()
    assert not at.exception
    html = [str(h.proto.body) for h in at.get("html")]
    nko_first = html.index(next(h for h in html if "NKO (capaian" in h))
    assert nko_first < html.index(next(h for h in html if "Indeks kinerja" in h))
    assert any("NKO 93,06 %" in h and "Sangat Baik" in h for h in html)  # Keuangan's card


def test_scores_capaian_view_table_downloads_and_settings():
    at = page("scores", lang="id")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "LKjIP (Word)" in labels and "Ringkasan (PDF)" in labels
    at.segmented_control(key="scores_view").set_value("capaian").run()
    assert not at.exception
    df = at.dataframe[0].value
    df = df.data if hasattr(df, "data") else df
    assert len(df) == 22
    f1a = df[df["Indikator Kinerja"].str.startswith("F1a")].iloc[0]
    assert (f1a["Target"], f1a["Realisasi"], f1a["Capaian (%)"], f1a["Predikat"]) == (
        "52.295.456.000", "51.561.555.515", "98,59", "Sangat Baik")
    assert "satu Kabupaten" in texts(at)
    # settings: cap 110 and capaian as the primary view
    at.number_input(key="cap_cap").set_value(110.0)
    at.radio(key="cap_primary").set_value("capaian")
    at.button(key="cap_save").click().run()
    assert not at.exception
    s = at.session_state["sc"].settings
    assert (s.capaian_cap, s.primary_view) == (110.0, "capaian")
    df = at.dataframe[0].value
    df = df.data if hasattr(df, "data") else df
    assert df[df["Indikator Kinerja"].str.startswith("I2a")].iloc[0]["Capaian (%)"] == "110,00"


def test_heatmap_capaian_view_and_primary_setting():
    from scorecard.ui.state import demo_scorecard

    sc = demo_scorecard()
    sc.settings.primary_view = "capaian"
    at = page("heatmap", lang="en", sc=sc, sc_rev=0, sc_undo=[])
    assert not at.exception
    assert at.segmented_control(key="heatmap_view").value == "capaian"  # the setting chooses the default
    assert not at.dataframe  # light HTML table (no data grid on the page's first load, issue #13)
    (table,) = [str(h.proto.body) for h in at.get("html") if "sc-htable" in str(h.proto.body)]
    rows = {r[0]: r for r in ([html.unescape(c) for c in re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)]
                              for row in re.findall(r"<tr>(.*?)</tr>", table))}
    assert rows["KPI"] == ["KPI", "2009", "2010"]
    f1a = next(r for code, r in rows.items() if code.startswith("F1a"))
    assert f1a[2] == "98.59 % Very good"
    assert next(r for code, r in rows.items() if code.startswith("C1a"))[2] == "—"
    colour = next(b.colour for b in bands_of(sc.settings) if b.label_en == "Very good")  # colour and word
    assert re.search(rf"<td class='nw' style='background-color:{colour};[^']*'>98.59 % Very good</td>", table, re.I)
    at.segmented_control(key="heatmap_view").set_value("omax").run()
    assert not at.exception and any("sc-heat" in str(h.proto.body) for h in at.get("html"))


def test_presenter_shows_nko_under_the_index():
    at = page("presenter", lang="id")
    assert not at.exception
    assert any("NKO 85,59 %" in str(h.proto.body) and "Baik" in str(h.proto.body) for h in at.get("html"))

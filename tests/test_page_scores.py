"""The Scores page with Streamlit's AppTest (the OMAX matrix per perspective, the compact table, the
scale chart, fixing an invalid scale, notes for red and yellow KPIs, downloads, languages) and the
SVG chart builder of :mod:`scorecard.charts.scores`."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.charts.scores import scale_img, scale_svg, scale_texts, unit_label, value_text
from scorecard.method import lights
from scorecard.method.scoring import score_period
from tests.conftest import no_exception, open_page, texts

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 60
MATRIX_ROWS_EN = ["Performance", *[str(i) for i in range(10, -1, -1)], "Level", "Weight", "Value"]


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'scores-page.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def scores_page(lang: str = "en") -> AppTest:
    return open_page("pages/scores.py", lang)


def open_tab(at: AppTest, label: str) -> AppTest:
    """Select a tab (only the open tab's content is built; a click in the browser does the same)."""
    at.session_state["scores_tabs"] = label
    at.run()
    no_exception(at)
    return at


def matrix(at: AppTest, first_kpi: str):
    """The OMAX matrix table whose first column is ``first_kpi`` (value and its Styler CSS)."""
    for t in at.table:
        frame = t.value
        if frame.columns.nlevels == 3 and frame.columns[0][0] == first_kpi:
            return frame, t.proto.arrow_data.styler.styles
    raise AssertionError(f"no OMAX matrix starting with {first_kpi}")


def test_matrix_per_perspective_as_the_study_prints_it():
    at = scores_page()
    assert [t.label for t in at.tabs] == ["Financial", "Customer", "Internal Business Process",
                                          "Learning and Growth", "Recommendations"]
    frame, css = matrix(at, "F1a")
    assert list(frame.index) == MATRIX_ROWS_EN
    assert [c[0] for c in frame.columns] == ["F1a", "F1b", "F2a", "F2b"]
    assert frame[("F1a",) + frame.columns[0][1:]]["Performance"] == "51,561,555,515"
    f2a = frame[frame.columns[2]]
    assert f2a["8"] == "25.54" and f2a["9"] == "29.64" and f2a["Level"] == "● 8.08"  # the study's F2a, 2010
    assert "#BDD7EE" in css  # the band where the actual falls
    assert lights.STYLES["green"].fill in css
    assert len([t for t in at.table if t.value.columns.nlevels == 3]) == 1  # only the open tab is built
    open_tab(at, "Customer")
    customer, _ = matrix(at, "C1a")
    assert len(customer.columns) == 8 and customer[customer.columns[5]]["Level"].startswith("■")  # C3b red


def html_rows(at: AppTest, header: str) -> list[tuple[list[str], list[str]]]:
    """The rows (cell texts, cell styles) of the page's HTML table with a column ``header``, header row first."""
    (table,) = [str(h.proto.body) for h in at.get("html") if f"<th>{header}</th>" in str(h.proto.body)]
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", table):
        cells = re.findall(r"<t[hd]([^>]*)>([^<]*)</t[hd]>", row)
        out.append(([html.unescape(t) for _, t in cells],
                     [(re.search(r"style='([^']*)'", a) or re.search("()", "")).group(1) for a, _ in cells]))
    return out


def scale_image(at: AppTest) -> tuple[str, str]:
    """(tooltip, SVG text) of the tab's scale image."""
    (body,) = [str(h.proto.body) for h in at.get("html") if 'class="sc-scale"' in str(h.proto.body)]
    tip = html.unescape(re.search(r'title="([^"]*)"', body).group(1))
    return tip, base64.b64decode(re.search(r"base64,([^\"]+)", body).group(1)).decode()


def test_compact_table_shows_actuals_by_the_display_rule_and_lights():
    at = scores_page()
    open_tab(at, "Customer")
    rows = html_rows(at, "Actual")  # light HTML table, no data grid (issue #13)
    head = rows[0][0]
    assert head == ["KPI", "Name", "Actual", "Target", "Level", "Light", "Weight", "Value"]
    customer = {cells[0]: dict(zip(head, zip(cells, styles, strict=True), strict=True)) for cells, styles in rows[1:]}
    assert customer["C1a"]["Actual"][0].startswith("1035/249.137 = ")  # a typed ratio with its meaning
    assert customer["C3b"]["Light"][0] == "■ Red" and customer["C1b"]["Light"][0] == "● Green"
    assert lights.STYLES["red"].fill in customer["C3b"]["Light"][1]
    assert lights.STYLES["green"].fill in customer["C1b"]["Light"][1]
    assert customer["C1a"]["Level"][0] == "4.19" and customer["C3b"]["Level"][0] == "2.95"


def test_scale_chart_for_the_selected_kpi():
    at = scores_page()
    # the first tab (all green, valid scales): an SVG image and HTML tables, no plotly.js, no data grid (issue #13)
    assert not at.get("plotly_chart") and not at.dataframe
    tip, svg = scale_image(at)
    assert tip.startswith("F1a — ") and "Actual Rp 51,561,555,515 → level 9.36 ●" in tip
    assert "Level 10: Rp 52,295,456,000" in tip and "0 = worst: Rp 28,671,665,000" in tip
    assert f'fill="{lights.STYLES["green"].fill}" stroke="#000000"' in svg  # the actual's star, green
    at.selectbox(key="scale_kpi_Financial").set_value("F2a").run()
    no_exception(at)
    tip, svg = scale_image(at)
    assert tip.startswith("F2a — ") and "→ level 8.08 ●" in tip and "Level 8: 25.54 %" in tip


def test_invalid_scale_is_flagged_and_fixed_in_place():
    at = scores_page()
    assert "C4a (Customer)" in at.warning[0].value and "need a decision" in at.warning[0].value
    open_tab(at, "Customer")
    assert any("C4a" in w.value and "same value" in w.value for w in at.warning)
    rev = at.session_state["sc_rev"]
    # a level-3 value that does not help is refused and nothing changes
    box = next(t for t in at.text_input if (t.key or "").startswith("fix_C4a_2010_"))
    box.set_value("0,5")
    next(b for b in at.button if b.label == "Save level 3").click().run()
    no_exception(at)
    assert at.session_state["sc_rev"] == rev and "not saved" in "\n".join(e.value for e in at.error)
    # a good one is committed and the scale is valid
    box = next(t for t in at.text_input if (t.key or "").startswith("fix_C4a_2010_"))
    box.set_value("3")
    next(b for b in at.button if b.label == "Save level 3").click().run()
    no_exception(at)
    sc = at.session_state["sc"]
    assert at.session_state["sc_rev"] == rev + 1 and sc.anchors_for("C4a", "2010") == {3: 3.0}
    assert "now has a valid scale" in texts(at)
    assert not any("decision" in w.value for w in at.warning)


def test_notes_for_red_and_yellow_kpis():
    at = scores_page()
    open_tab(at, "Customer")
    ed = next(e for e in at.data_editor if (e.key or "").startswith("notes_Customer_"))
    frame = ed.value
    assert set(frame["kpi"]) == {"C1a", "C2a", "C2b", "C3b", "C4b"}  # red and yellow only
    assert frame["kpi"].iloc[0] == "C3b"  # red first
    at.session_state[ed.key] = {"edited_rows": {0: {"root_cause": "Late shuttle bus", "action": "Flexible hours",
                                                    "owner": "Head of admin", "due": "2011-06-30"}},
                                "added_rows": [], "deleted_rows": []}
    btn = next(b for b in at.button if b.label == "Save notes" and b.form_id == "notes_Customer")
    btn.click().run()
    no_exception(at)
    note = at.session_state["sc"].note("C3b", "2010")
    assert note is not None and note.action == "Flexible hours" and note.due == "2011-06-30"
    open_tab(at, "Recommendations")
    rec = next(t.value for t in at.table if "Root cause" in t.value.columns)
    assert list(rec["KPI"])[:3] == ["L1a", "C3b", "I3a"]  # red first, lowest level first
    assert rec.set_index("KPI").loc["C3b", "Improvement action"] == "Flexible hours"


def test_downloads_and_indonesian_labels():
    at = scores_page("id")
    labels = [b.label for b in at.get("download_button")]
    assert "Laporan (Excel)" in labels and "Hasil (CSV)" in labels
    assert [t.label for t in at.tabs][:2] == ["Keuangan", "Pelanggan"]
    frame, _ = matrix(at, "F1a")
    assert list(frame.index) == ["Pencapaian", *[str(i) for i in range(10, -1, -1)], "Skor", "Bobot", "Nilai"]
    assert frame[frame.columns[0]]["Pencapaian"] == "51.561.555.515"
    assert frame[frame.columns[2]]["Skor"] == "● 8,08"
    text = texts(at)
    assert "Skor (OMAX)" in text and "Ringkasan IKU" in text and "Skala satu IKU" in text
    assert "Tindak lanjut IKU merah dan kuning" in text


def test_language_switch_changes_the_page():
    at = scores_page("en")
    assert "KPIs at a glance" in texts(at)
    at.session_state["lang"] = "id"
    at.run()
    no_exception(at)
    assert "Ringkasan IKU" in texts(at) and "KPIs at a glance" not in texts(at)


# ---- the chart builder (SVG, no Streamlit) --------------------------------------------------------

def _y(svg_top: float, level: float, height: int = 360) -> float:
    """Where :func:`scale_svg` puts a level: plot from ``svg_top`` to height - 50, levels -1.3 .. 11.3."""
    ph = height - svg_top - 50
    return svg_top + ph * (11.3 - level) / 12.6


def test_scale_svg_marks_anchors_and_actual(reference_sc):
    ps = score_period(reference_sc, "2010")
    ks = ps.kpi("F1a")
    t = scale_texts(ks, reference_sc.kpi("F1a"), lang="id")
    assert [lev for lev, _ in t["levels"]] == list(range(11))
    assert t["levels"][10] == (10, "Rp 52.295.456.000")
    assert [label for _, label, _ in t["anchors"]] == ["0 = terburuk", "3 = baseline", "10 = target"]
    assert t["actual"] == "Realisasi Rp 51.561.555.515 → level 9,36 ●"
    svg = scale_svg(ks, reference_sc.kpi("F1a"), lang="id")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert len(re.findall(r'<circle [^>]*r="3.5"', svg)) == 11  # a dot per level
    assert svg.count('fill="#FFFFFF" stroke="#1F4E79"') == 3  # the anchors' diamonds
    for label in ("0 = terburuk", "3 = baseline", "10 = target", "Realisasi Rp 51.561.555.515", "● Hijau",
                  "Nilai (Rp)"):
        assert label in svg
    assert re.search(r">\d{2}\.000\.000\.000</text>", svg)  # x ticks in Indonesian style
    # hand-checked geometry: the star's top point sits at the actual's level, 11 units above its centre
    star = re.search(r'<polygon points="([\d.]+),([\d.]+) [^"]*" fill="#009E73"', svg)
    assert float(star.group(2)) == pytest.approx(_y(44.0, ks.level) - 11, abs=0.06)


def test_scale_svg_invalid_and_unscorable(reference_sc):
    sc = reference_sc.copy()
    ps = score_period(sc, "2010")
    svg = scale_svg(ps.kpi("C4a"), sc.kpi("C4a"), lang="en")
    assert "⚠ invalid scale — fallback used" in svg
    sc.kpi("C4a").worst = None
    ps = score_period(sc, "2010")
    svg = scale_svg(ps.kpi("C4a"), sc.kpi("C4a"), lang="en")
    assert "Cannot be scored yet" in svg and "<polyline" not in svg
    img = scale_img(ps.kpi("C4a"), sc.kpi("C4a"), lang="en")
    tip = html.unescape(re.search(r'title="([^"]*)"', img).group(1))
    assert tip.startswith("C4a — ") and ps.kpi("C4a").scale.problem.text("en") in tip  # the reason, on hover


def test_units_and_values_in_both_languages():
    assert unit_label("count", "id", "lower") == "kali ↓" and unit_label("days", "en") == "days"
    assert value_text(51561555515, "Rp", "id") == "Rp 51.561.555.515"
    assert value_text(25.88, "%", "en") == "25.88 %" and value_text(None) == "—"
    assert value_text(1035, "count", "en") == "1,035"


@pytest.fixture(scope="module")
def reference_sc():
    from scorecard.io.demo import load_demo

    return load_demo()

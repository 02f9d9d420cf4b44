"""One number, one string (issue #10 part 7): the demo's 2010 index and three KPI levels read from
every page a user sees in real headless Chromium (Overview, Scores, Heatmap, Strategy map, the
presenter's screens) and from every export downloaded through the browser (Excel report as an
Excel user sees it, LKjIP Word, briefing PDF) are the same strings, in English and in Indonesian.
The CSV is for machines (full precision, decimal point): its level of each KPI, written by the
rule, must be the same string.

The three KPIs are the ones whose 2010 level would round differently from the display rule's cut
(F1a 9.367, C3b 2.956, L2a 8.666), so a place that formats on its own shows up here. The expected
strings come from :mod:`scorecard.display`; the rounded strings must appear nowhere.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from scorecard import display
from scorecard.method.scoring import score_all
from tests.conftest import new_page
from tests.test_browser_presenter import settle

pytestmark = pytest.mark.browser

KPIS = ("F1a", "C3b", "L2a")
OBJECTIVES = ("F1", "C3", "L2")  # the strategy map shows objectives: theirs are checked there
LOCALES = {"en": "en-US", "id": "id-ID"}
NAV = {"en": {"overview": "Overview", "scores": "Scores (OMAX)", "map": "Strategy map", "heatmap": "Heatmap",
              "presenter": "Presenter mode"},
       "id": {"overview": "Ringkasan", "scores": "Skor (OMAX)", "map": "Peta strategi", "heatmap": "Peta panas",
              "presenter": "Mode presentasi"}}
#: Where each number appears (the index everywhere; KPI levels where KPIs are listed).
EXPECT = {
    "overview": ("index",),
    "scores": ("index", *KPIS),
    "heatmap": KPIS,
    "map": OBJECTIVES,
    "presenter-1": ("index",),
    "presenter-2": OBJECTIVES,
    "presenter-3": ("index", *KPIS),
    "excel": ("index", *KPIS),
    "csv": KPIS,
    "word": KPIS,
    "pdf": ("index", *KPIS),
}


def _text(page) -> str:
    """All text of the main area, SVG chart text included, one line per text node (the canvas tables
    are not text): joined textContent would glue "— 2010" and "7.88" into "20107.88"."""
    return page.evaluate("""() => {
        const root = document.querySelector('[data-testid="stMain"]') || document.body;
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const out = [];
        while (walk.nextNode()) out.push(walk.currentNode.nodeValue);
        return out.join("\\n");
    }""")


def _download(page, label: str) -> bytes:
    with page.expect_download(timeout=120_000) as dl:
        page.locator('[data-testid="stDownloadButton"] button', has_text=label).first.click()
    with open(dl.value.path(), "rb") as fh:
        return fh.read()


def _excel_text(data: bytes, lang: str) -> str:
    """Every cell as Excel shows it: numbers with the decimals of their number format, with the
    decimal comma of an Indonesian reader's Excel for an Indonesian report."""
    wb = load_workbook(io.BytesIO(data))
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, float):
                    m = re.search(r"0\.(0+)", c.number_format or "")
                    shown = f"{c.value:.{len(m.group(1)) if m else 2}f}"
                    out.append(shown.replace(".", ",") if lang == "id" else shown)
                elif c.value is not None:
                    out.append(str(c.value))
    return "\n".join(out)


def _word_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        parts += [cell.text for row in t.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def _csv_text(data: bytes, lang: str) -> str:
    """The CSV is for machines (full precision, decimal point): each KPI's level as the display
    rule writes it, one "code level" line per KPI."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    code, level = rows[0].index("Kode IKU" if lang == "id" else "KPI code"), rows[0].index("Level")
    return "\n".join(f"{r[code]} {display.level(float(r[level]), lang)}" for r in rows[1:] if r[level])


@pytest.mark.parametrize("lang", ["en", "id"])
def test_index_and_levels_are_the_same_strings_everywhere(browser, app_server, demo, lang):
    ps = score_all(demo)["2010"]
    want = {"index": display.level(ps.index, lang), **{k: display.level(ps.kpi(k).level, lang) for k in KPIS},
            **{o: display.level(ps.objective(o).level, lang) for o in OBJECTIVES}}
    never = {"index": display.number(ps.index, lang, 2), **{k: display.number(ps.kpi(k).level, lang, 2) for k in KPIS}}
    assert all(want[k] != never[k] for k in never)  # the chosen numbers do tell a cut from a rounding

    seen: dict[str, str] = {}
    page = new_page(browser, width=1366, height=768, locale=LOCALES[lang])
    nav = NAV[lang]
    try:
        page.goto(app_server.url + "/")
        page.wait_for_selector(".st-key-_w_lang", timeout=60_000)
        settle(page, 0)  # no plotly chart on the Overview any more (first load, issue #13)
        seen["overview"] = _text(page)
        for name, charts in (("scores", 0), ("heatmap", 0), ("map", 0)):  # no plotly anywhere (issue #13)
            page.locator('[data-testid="stSidebarNav"] a', has_text=nav[name]).first.click()
            settle(page, charts)
            page.wait_for_timeout(800)
            seen[name] = _text(page)
            if name == "scores":  # one tab per perspective: the KPI tables of each
                for tab in page.get_by_role("tab").all():
                    tab.click()
                    settle(page)
                    seen[name] += _text(page)
                seen["excel"] = _excel_text(_download(page, "Excel"), lang)
                seen["csv"] = _csv_text(_download(page, "CSV"), lang)
                seen["word"] = _word_text(_download(page, "LKjIP"))
                seen["pdf"] = _pdf_text(_download(page, "PDF"))
        page.get_by_text(nav["presenter"], exact=True).click()
        settle(page)
        page.wait_for_selector(".pm-screen")
        seen["presenter-1"] = _text(page)
        page.keyboard.press("PageDown")
        settle(page)
        page.wait_for_selector("svg.sc-map g.node", timeout=30_000)  # the map as inline SVG
        page.wait_for_timeout(800)
        seen["presenter-2"] = _text(page)
        page.keyboard.press("PageDown")
        settle(page)
        page.wait_for_function("() => document.querySelectorAll('.sc-heat td.c').length >= 40 && "
                               "!!document.querySelector('.sc-wf')", timeout=30_000)  # HTML heatmap and waterfall
        page.wait_for_timeout(800)
        seen["presenter-3"] = _text(page)
    finally:
        page.context.close()

    missing = {where: [f"{what} {want[what]}" for what in whats if not re.search(
        rf"(?<![0-9.,]){re.escape(want[what])}(?![0-9])", seen[where].replace("\u00a0", " "))]
        for where, whats in EXPECT.items()}
    for code in KPIS:  # the CSV row of the KPI itself, not just any equal number
        assert f"{code} {want[code]}" in seen["csv"], seen["csv"]
    rounded = {where: [f"{what} {never[what]}" for what in never if re.search(
        rf"(?<![0-9.,]){re.escape(never[what])}(?![0-9])", seen[where].replace("\u00a0", " "))]
        for where in EXPECT}
    assert not any(missing.values()), {k: v for k, v in missing.items() if v}
    assert not any(rounded.values()), {k: v for k, v in rounded.items() if v}

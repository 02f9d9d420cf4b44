"""How the Word reports lay out their tables (python-docx), so that a printed table reads well.

One home for the table rules of the LKjIP report, the KPI manual and the evidence section:

* :func:`repeat_header` flags the header row(s) ``w:tblHeader``: Word and LibreOffice print them again at
  the top of every page the table runs onto;
* :func:`no_split` flags every row ``w:cantSplit``: a row (an indicator with its numbers) is never cut
  in two by a page break; with ``keep_together`` the rows also keep with the next one, so that a short
  table is not torn from its header at the foot of a page;
* :func:`set_widths` writes column widths where both readers look (the grid ``w:gridCol`` that
  LibreOffice uses and each cell's ``w:tcW`` that Word uses), with a fixed layout, scaled down to fit
  ``max_cm`` (the page's text width) so that no column is cut off;
* :func:`shade` fills a cell and, for a predikat or light fill, sets its text colour to the ink of
  :func:`scorecard.method.capaian.ink_on` (contrast at least 4.5:1, WCAG AA).

Widths are in centimetres.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

from scorecard.method.capaian import ink_on

__all__ = ["HEADER_FILL", "repeat_header", "no_split", "set_widths", "shade", "text_width_cm"]

#: Fill of header rows (a pale blue; black text on it has a contrast of about 15:1).
HEADER_FILL = "#DCE6F1"


def _tr_flag(row: Any, tag: str) -> None:
    """Set an on/off flag (``w:tblHeader``, ``w:cantSplit``) in a row's ``w:trPr`` once."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn(tag)) is None:
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def repeat_header(table: Any, n_rows: int = 1) -> None:
    """Flag the first ``n_rows`` rows as header rows, repeated at the top of each page."""
    for row in list(table.rows)[:n_rows]:
        _tr_flag(row, "w:tblHeader")
        for cell in row.cells:
            for par in cell.paragraphs:
                par.paragraph_format.keep_with_next = True


def no_split(table: Any, *, keep_together: bool = False) -> None:
    """Flag every row ``w:cantSplit``; with ``keep_together`` every row but the last also keeps with the next
    (for short tables: the whole table moves to the next page rather than leave its header behind)."""
    rows = list(table.rows)
    for i, row in enumerate(rows):
        _tr_flag(row, "w:cantSplit")
        if keep_together and i < len(rows) - 1:
            for cell in row.cells:
                for par in cell.paragraphs:
                    par.paragraph_format.keep_with_next = True


def text_width_cm(section: Any) -> float:
    """The width of the text between the margins of a python-docx section, in cm."""
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def set_widths(table: Any, widths_cm: list[float], max_cm: float | None = None) -> list[float]:
    """Give the columns these widths (scaled down proportionally when they add up to more than ``max_cm``);
    returns the widths used."""
    total = sum(widths_cm)
    if max_cm is not None and total > max_cm:
        widths_cm = [w * max_cm / total for w in widths_cm]
    table.autofit = False  # w:tblLayout w:type="fixed", in its place in w:tblPr
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(w)
    return widths_cm


def shade(cell: Any, colour: str, *, ink: bool = False, bold: bool = False) -> None:
    """Fill a table cell with ``colour`` (hex "#RRGGBB"); with ``ink`` also colour its text with
    :func:`ink_on` (and make it bold with ``bold``) so that it reads on the fill."""
    if ink:
        rgb = RGBColor.from_string(ink_on(colour).lstrip("#"))
        for par in cell.paragraphs:
            for run in par.runs:
                run.font.color.rgb = rgb
                if bold:
                    run.bold = True
    tc_pr = cell._tc.get_or_add_tcPr()
    old = tc_pr.find(qn("w:shd"))
    if old is not None:
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#"))
    tc_pr.append(shd)

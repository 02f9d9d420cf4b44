"""One workbook for a whole cascade tree: every unit's scorecard, the cascade links and the SKP rows.

The layout reuses the single-scorecard format (:mod:`scorecard.io.format`) unit by unit:

=====================  ===========================================================================
Unit kerja / Units     code | name | name_en | parent (empty for the office; exactly one such row)
every scorecard sheet  the single-scorecard sheet (Pengaturan, Perspektif, Sasaran, IKU, Data,
                       Anchor, Perbandingan, Peta strategi, Catatan) with one more column,
                       "Unit kerja" / "Org unit", naming the unit each row belongs to
Kaskade / Cascade      unit | item (the unit's KPI or objective) | supports (a KPI or objective of
                       the unit above) | rule (sum, average, weighted, minimum, latest, alignment;
                       empty = alignment) | weight (for weighted; empty = 1)
SKP                    unit | employee (NIP) | person | code | plan (rencana hasil kerja) |
                       indicator | measure | direction | period | target | actual (realisasi) |
                       supports (the unit's KPI) | rule | weight
=====================  ===========================================================================

Reading: the rows of each unit are cut out of every scorecard sheet *in place* (same rows, same
columns; other units' rows and the unit column left empty) and read by the single-scorecard reader,
so every problem names the real sheet and cell of the tree workbook. All or nothing: any error gives
no tree. The tree itself is then checked by :func:`scorecard.method.cascade.validate_tree`. A workbook
without units (the blank template, :mod:`scorecard.io.tree_template`) gives no tree and no error, only
a warning saying to type the office in.
Writing: each unit's scorecard is written by :func:`scorecard.io.writer.write_workbook` and its rows
are copied under one header with the unit column in front.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from scorecard.io.format import DIRECTIONS, HEADER_SCAN_ROWS, SHEETS, STRUCTURE_SHEETS, Column, SheetSpec, norm
from scorecard.io.preflight import preflight, safe_load_workbook
from scorecard.io.reader import (
    _addr,
    _Cell,
    _finish,
    _formula_cells,
    _match_sheets,
    _Reader,
    _ScorecardReader,
    _Sheet,
    _sheet_from_ws,
)
from scorecard.io.tree_rules import validate_tree
from scorecard.io.writer import write_workbook
from scorecard.messages import Msg, Problem, Report, msg
from scorecard.model import CascadeLink, ScorecardTree, SkpIndicator, Unit

UNIT_COL = Column("unit", "Org unit", "Unit kerja", ("unit kerja", "org unit", "organisational unit",
                                                    "organizational unit", "unitkerja", "satker"), 14)

#: Rule words: value -> accepted words (first written in English, second in Indonesian).
RULE_WORDS: dict[str, tuple[str, ...]] = {
    "sum": ("sum", "jumlah", "total", "penjumlahan"),
    "average": ("average", "rata-rata", "mean", "rerata"),
    "weighted": ("weighted", "rata-rata tertimbang", "weighted average", "tertimbang", "berbobot"),
    "minimum": ("minimum", "minimum", "min", "terendah"),
    "latest": ("latest", "terakhir", "terbaru", "last"),
    "alignment": ("alignment", "keselarasan", "alignment only", "selaras", "hanya keselarasan"),
}

TREE_SHEETS: dict[str, SheetSpec] = {s.key: s for s in (
    SheetSpec("units", "Units", "Unit kerja", (
        Column("code", "Code", "Kode", ("kode unit", "unit code"), 12),
        Column("name", "Name", "Nama", ("nama unit", "unit name"), 44),
        Column("name_en", "Name (English)", "Nama (Inggris)", ("english name",), 36),
        Column("parent", "Parent", "Induk", ("unit induk", "parent unit", "atasan"), 12),
    ), ("code", "name"), ("unit", "org units")),
    SheetSpec("cascade", "Cascade", "Kaskade", (
        UNIT_COL,
        Column("item", "KPI or objective", "IKU atau sasaran", ("item", "kode", "code", "iku", "kpi"), 16),
        Column("target", "Supports", "Mendukung", ("supports", "target above", "iku atasan", "induk"), 16),
        Column("rule", "Rule", "Aturan", ("contribution rule", "aturan kontribusi", "roll-up"), 22),
        Column("weight", "Weight", "Bobot", ("bobot kontribusi",), 10),
    ), ("unit", "item", "target"), ("cascading", "kaskade kinerja", "pohon kinerja")),
    SheetSpec("skp", "SKP", "SKP", (
        UNIT_COL,
        Column("employee", "Employee id (NIP)", "NIP", ("employee", "nip", "pegawai id"), 20),
        Column("person", "Name", "Nama pegawai", ("nama", "name", "pegawai", "person"), 26),
        Column("code", "Code", "Kode", ("kode indikator", "indicator code"), 8),
        Column("plan", "Planned result", "Rencana hasil kerja", ("rhk", "rencana hasil kerja", "plan"), 36),
        Column("indicator", "Indicator", "Indikator", ("indikator kinerja", "indikator kinerja individu"), 32),
        Column("measure", "Measure", "Satuan", ("unit of measure",), 12),
        Column("direction", "Direction", "Arah", ("polaritas",), 14),
        Column("period", "Period", "Periode", ("tahun", "year"), 10),
        Column("target", "Target", "Target", (), 12),
        Column("actual", "Actual", "Realisasi", ("capaian realisasi",), 12),
        Column("supports", "Supports unit KPI", "Mendukung IKU unit", ("supports", "mendukung", "iku unit"), 16),
        Column("rule", "Rule", "Aturan", ("aturan kontribusi",), 14),
        Column("weight", "Weight", "Bobot", (), 8),
    ), ("unit", "employee", "code", "indicator", "period"), ("sasaran kinerja pegawai", "employees", "pegawai")),
)}

_SCORECARD_KEYS = ("settings", "perspectives", "objectives", "kpis", "data", "anchors", "judgments", "links", "notes")


@dataclass
class TreeReadResult:
    """The tree (None when the report has errors) and the report."""

    tree: ScorecardTree | None
    report: Report


def _m(code: str, en: str, id_: str, **params: object) -> Msg:
    return msg(code, en, id_, **params)


def _key(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _unit_column(sheet: _Sheet) -> tuple[int, int] | None:
    """(header row, column) of the unit column, or None."""
    for r in range(1, min(sheet.nrows, HEADER_SCAN_ROWS) + 1):
        for c in range(1, sheet.ncols + 1):
            v = sheet.get(r, c).value
            if v is not None and norm(v) in UNIT_COL.names:
                return r, c
    return None


def _split(sheet: _Sheet, units: dict[str, str], reader: _Reader) -> dict[str, _Sheet]:
    """{unit code: the sheet with only that unit's rows}, rows and columns in place."""
    found = _unit_column(sheet)
    if found is None:
        reader.problem("error", sheet, "A1", "", _m(
            "tree.no_unit_column", 'No "Unit kerja" column in the first {n} rows.',
            'Tidak ada kolom "Unit kerja" dalam {n} baris pertama.', n=HEADER_SCAN_ROWS),
            _m("tree.unit_column_fix", "Add a column \"Unit kerja\" naming each row's unit, as in the tree template.",
               "Tambahkan kolom \"Unit kerja\" yang menyebut unit setiap baris, seperti pada templat pohon."))
        return {}
    hr, uc = found
    per: dict[str, dict[tuple[int, int], _Cell]] = {u: {} for u in units.values()}
    rows: dict[int, dict[int, _Cell]] = {}
    for (r, c), cell in sheet.cells.items():
        rows.setdefault(r, {})[c] = cell
    for r, cells in sorted(rows.items()):
        if r <= hr:
            for u in per:
                per[u].update({(r, c): v for c, v in cells.items() if c != uc})
            continue
        rest = {c: v for c, v in cells.items() if c != uc and not v.empty}
        if not rest:
            continue
        first = rest[min(rest)]
        if isinstance(first.value, str) and first.value.strip().startswith("#"):
            continue
        ucell = cells.get(uc, _Cell())
        code = units.get(_key(ucell.value)) if not ucell.empty else None
        if code is None:
            shown = ", ".join(units.values())
            what = (_m("tree.no_unit", "The row has no unit.", "Baris ini tidak punya unit.") if ucell.empty else
                    _m("tree.unknown_unit", 'Unit "{u}" is not on the Units sheet.',
                       'Unit "{u}" tidak ada di lembar Unit kerja.', u=str(ucell.value).strip()))
            reader.problem("error", sheet, _addr(r, uc), ucell, what,
                           _m("tree.unit_fix", "Use one of: {u}.", "Pakai salah satu: {u}.", u=shown))
            continue
        per[code].update({(r, c): v for c, v in cells.items() if c != uc})
    return {u: _Sheet(sheet.title, cells, list(sheet.merged)) for u, cells in per.items()}


def _units(reader: _Reader, sheet: _Sheet | None) -> list[Unit]:
    if sheet is None:
        reader.problem("error", "", "", "", _m(
            "tree.no_units_sheet", 'The workbook has no "Unit kerja" (Units) sheet.',
            'Buku kerja tidak punya lembar "Unit kerja" (Units).'),
            _m("tree.units_fix", "Add it: one row per unit with code, name and parent (empty for the office).",
               "Tambahkan: satu baris per unit berisi kode, nama dan induk (kosong untuk kantor)."))
        return []
    t = reader.table(sheet, TREE_SHEETS["units"])
    out: list[Unit] = []
    seen: set[str] = set()
    from scorecard.model import Scorecard

    for row in t.rows() if t else []:
        code = reader.text(row, "code", required=True)
        name = reader.text(row, "name", required=True)
        if not code:
            continue
        if _key(code) in seen:
            reader.error(row, "code", _m("tree.duplicate_unit", 'Unit "{u}" appears twice.',
                                         'Unit "{u}" muncul dua kali.', u=code))
            continue
        seen.add(_key(code))
        out.append(Unit(code, name, Scorecard(name=name), reader.text(row, "parent") or None,
                        reader.text(row, "name_en")))
    return out


def _float(reader: _Reader, row, key: str, default: float | None = None) -> float | None:
    if row.cell(key).empty:
        return default
    p = reader.number(row, key)
    return default if p is None or p.value is None else float(p.value)


def _rule(reader: _Reader, row) -> str:
    return reader.choice(row, "rule", RULE_WORDS, "alignment") or "alignment"


def _links(reader: _Reader, sheet: _Sheet | None, units: dict[str, str],
           rows: list[tuple[str, dict[str, str]]]) -> list[CascadeLink]:
    """The Cascade sheet's links; ``rows`` gets (sheet, {column: cell}) of each, in the same order."""
    t = reader.table(sheet, TREE_SHEETS["cascade"]) if sheet is not None else None
    out = []
    for row in t.rows() if t else []:
        unit = _unit_ref(reader, row, units)
        item, target = reader.text(row, "item", required=True), reader.text(row, "target", required=True)
        rule, weight = _rule(reader, row), _float(reader, row, "weight", 1.0)
        if unit and item and target:
            out.append(CascadeLink(unit, item, target, rule, weight))  # type: ignore[arg-type]
            rows.append((row.sheet.title, {k: row.addr(k) for k in ("unit", "item", "target", "rule", "weight")}))
    return out


def _unit_ref(reader: _Reader, row, units: dict[str, str]) -> str | None:
    text = reader.text(row, "unit", required=True)
    if text and _key(text) not in units:
        reader.error(row, "unit", _m("tree.unknown_unit", 'Unit "{u}" is not on the Units sheet.',
                                     'Unit "{u}" tidak ada di lembar Unit kerja.', u=text))
        return None
    return units.get(_key(text)) if text else None


def _skp(reader: _Reader, sheet: _Sheet | None, units: dict[str, str],
         rows: list[tuple[str, dict[str, str]]]) -> list[SkpIndicator]:
    """The SKP sheet's rows; ``rows`` gets (sheet, {column: cell}) of each, in the same order."""
    t = reader.table(sheet, TREE_SHEETS["skp"]) if sheet is not None else None
    out = []
    for row in t.rows() if t else []:
        unit = _unit_ref(reader, row, units)
        emp, code = reader.text(row, "employee", required=True), reader.text(row, "code", required=True)
        ind, period = reader.text(row, "indicator", required=True), reader.period(row, "period")
        direction = reader.choice(row, "direction", DIRECTIONS, "higher") or "higher"
        vals = (_float(reader, row, "target"), _float(reader, row, "actual"))
        if unit and emp and code and ind and period:
            out.append(SkpIndicator(unit, emp, reader.text(row, "person") or emp, code, reader.text(row, "plan"), ind,
                                    period, vals[0], vals[1], reader.text(row, "measure"), direction,  # type: ignore[arg-type]
                                    reader.text(row, "supports"), _rule(reader, row),  # type: ignore[arg-type]
                                    _float(reader, row, "weight", 1.0) or 1.0))
            rows.append((row.sheet.title, {k: row.addr(k) for k in ("unit", "supports", "rule", "weight")}))
    return out


def read_tree_workbook(data: bytes, filename: str = "") -> TreeReadResult:
    """Read a tree workbook (see the module docstring); never raises for any input."""
    try:
        return _read(data, filename)
    except Exception as exc:  # noqa: BLE001 - user input must never crash the caller
        rep = Report()
        rep.add(Problem("error", _m("workbook.internal", "The workbook could not be read ({e}).",
                                    "Buku kerja tidak dapat dibaca ({e}).", e=f"{type(exc).__name__}: {exc}"[:200]),
                        sheet=filename))
        return TreeReadResult(None, rep)


def _read(data: bytes, filename: str) -> TreeReadResult:
    rep = Report()
    pre = preflight(data, filename)
    rep.extend(list(pre.problems))
    if not pre.ok or pre.kind == "csv":
        if pre.ok:
            rep.add(Problem("error", _m("tree.csv", "A tree needs the .xlsx workbook, not CSV.",
                                        "Pohon kinerja perlu buku kerja .xlsx, bukan CSV."), sheet=filename))
        return TreeReadResult(None, rep)
    wb = safe_load_workbook(data, read_only=False, data_only=True)
    titles = list(wb.sheetnames)
    matched = _match_sheets(titles)
    matched.pop("instructions", None)
    extra = {k: next((t for t in titles if norm(t) in s.names), None) for k, s in TREE_SHEETS.items()}
    formulas = _formula_cells(data, list(matched.values()) + [t for t in extra.values() if t])
    sheet = {k: _sheet_from_ws(wb[t], formulas.get(t, {})) for k, t in matched.items()}
    tsheet = {k: _sheet_from_ws(wb[t], formulas.get(t, {})) if t else None for k, t in extra.items()}
    reader = _Reader()
    units = _units(reader, tsheet["units"])
    codes = {_key(u.code): u.code for u in units}
    missing = [SHEETS[k].id for k in STRUCTURE_SHEETS if k not in matched]
    if missing:
        reader.problem("error", "", "", "", _m(
            "tree.sheets_missing", "The workbook lacks the sheets {s}.", "Buku kerja tidak punya lembar {s}.",
            s=", ".join(missing)))
    per_unit: dict[str, dict[str, _Sheet]] = {u.code: {} for u in units}
    for k, sh in sheet.items():
        if k not in _SCORECARD_KEYS:
            continue
        for code, part in _split(sh, codes, reader).items():
            per_unit[code][k] = part
    link_rows: list[tuple[str, dict[str, str]]] = []
    skp_rows: list[tuple[str, dict[str, str]]] = []
    links = _links(reader, tsheet["cascade"], codes, link_rows)
    skp = _skp(reader, tsheet["skp"], codes, skp_rows)
    rep.extend(reader.rep)
    if not rep.ok:
        return TreeReadResult(None, rep)
    if not units:  # the blank template as downloaded: nothing wrong, nothing to show yet
        rep.add(Problem("warning", _m("tree.no_units_yet", "The workbook has no units yet: type the office (a unit "
                                      "without parent) and its units on the Units sheet, then load it again.",
                                      "Buku kerja belum punya unit: ketik kantor (unit tanpa induk) dan unit-unitnya "
                                      "di lembar Unit kerja, lalu muat lagi."),
                        sheet=tsheet["units"].title if tsheet["units"] else ""))
        return TreeReadResult(None, rep)
    for u in units:
        sr = _ScorecardReader(per_unit[u.code])
        res = _finish(sr, sr.read_full(), None, Report())
        rep.extend(res.report)
        if res.scorecard is not None:
            u.scorecard = res.scorecard
            if not u.scorecard.name:
                u.scorecard.name = u.name
    if not rep.ok:
        return TreeReadResult(None, rep)
    name = units[0].name if units else ""
    root = next((u for u in units if u.parent is None), None)
    tree = ScorecardTree(root.name if root else name, units, links, skp)
    _canonical_codes(tree)
    found = validate_tree(tree)
    rep.extend(found if found.ok else _placed(tree, found, link_rows, skp_rows))
    return TreeReadResult(tree if rep.ok else None, rep)


def _canonical_codes(tree: ScorecardTree) -> None:
    """KPI and objective codes typed in the Cascade and SKP sheets, matched like everywhere else in the
    format (ignoring case and extra spaces), become the codes as the unit's sheets spell them. An exact
    code wins; else a KPI, else an objective (a KPI "d1" and an objective "D1" may both exist)."""
    exact = {u.code: {*(k.code for k in u.scorecard.kpis), *(o.code for o in u.scorecard.objectives)}
             for u in tree.units}
    loose = {u.code: ({_key(k.code): k.code for k in u.scorecard.kpis},
                      {_key(o.code): o.code for o in u.scorecard.objectives}) for u in tree.units}
    parent = {u.code: u.parent for u in tree.units}

    def fix(unit: str | None, code: str) -> str:
        if unit not in exact or code in exact[unit]:
            return code
        kpis, objectives = loose[unit]
        return kpis.get(_key(code)) or objectives.get(_key(code)) or code

    for ln in tree.links:
        ln.item, ln.target = fix(ln.unit, ln.item), fix(parent.get(ln.unit), ln.target)
    for r in tree.skp:
        if r.supports:
            r.supports = fix(r.unit, r.supports)


#: Which column of a Cascade / SKP row a tree problem is about.
_PROBLEM_COLUMN = {"cascade.link_unit": "unit", "cascade.link_root": "unit", "cascade.link_item": "item",
                   "cascade.link_target": "target", "cascade.rule": "rule", "cascade.rule_objective": "rule",
                   "cascade.weight": "weight", "cascade.skp_unit": "unit", "cascade.skp_supports": "supports"}


def _placed(tree: ScorecardTree, found: Report, link_rows: list[tuple[str, dict[str, str]]],
            skp_rows: list[tuple[str, dict[str, str]]]) -> Report:
    """The tree's problems with the sheet and cell of the Cascade or SKP row each comes from: every link
    and SKP row is checked alone against the units; what only shows together (two rules into one KPI,
    the units' own structure) keeps the whole tree's message."""
    import dataclasses

    out = Report()
    bare = ScorecardTree(tree.name, tree.units)
    out.extend(validate_tree(bare))
    placed: set[str] = set()
    for items, rows, kind in ((tree.links, link_rows, "links"), (tree.skp, skp_rows, "skp")):
        for item, (title, cells) in zip(items, rows, strict=True):
            one = dataclasses.replace(bare, **{kind: [item]})
            for p in validate_tree(one).errors:
                col = _PROBLEM_COLUMN.get(p.code, "unit")
                out.add(dataclasses.replace(p, sheet=title, cell=cells.get(col, cells["unit"])))
                placed.add(p.code)
    whole = {p.what for p in out.problems}
    for p in found.problems:
        if p.what not in whole and (p.code not in placed or p.code == "cascade.rule_conflict"):
            out.add(p)
    return out


def read_tree_path(path) -> TreeReadResult:
    from pathlib import Path

    p = Path(path)
    return read_tree_workbook(p.read_bytes(), p.name)


# ---- writing -------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def _header(ws, labels: list[str], widths: list[int]) -> None:
    for c, (text, w) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=c, value=text)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "B2"


def _write_spec_rows(wb: Workbook, spec: SheetSpec, lang: str, rows: list[dict[str, object]]) -> None:
    ws = wb.create_sheet(spec.title(lang))
    _header(ws, [c.label(lang) for c in spec.columns], [c.width for c in spec.columns])
    for r, row in enumerate(rows, start=2):
        for c, col in enumerate(spec.columns, start=1):
            v = row.get(col.key)
            if v is not None and v != "":
                ws.cell(row=r, column=c, value=v)


def write_tree_workbook(tree: ScorecardTree, *, lang: str = "id") -> bytes:
    """The whole tree in one workbook (headers and choice words in ``lang``)."""
    lang = "id" if lang == "id" else "en"
    wb = Workbook()
    wb.remove(wb.active)
    _write_spec_rows(wb, TREE_SHEETS["units"], lang, [
        {"code": u.code, "name": u.name, "name_en": u.name_en, "parent": u.parent or ""} for u in tree.units])
    out: dict[str, object] = {}
    for u in tree.units:
        single = load_workbook(io.BytesIO(write_workbook(u.scorecard, lang=lang)))
        for key in _SCORECARD_KEYS:
            src = single[SHEETS[key].title(lang)]
            ws = out.get(key)
            if ws is None:
                ws = wb.create_sheet(src.title)
                ws.cell(row=1, column=1, value=UNIT_COL.label(lang))
                ws.column_dimensions["A"].width = UNIT_COL.width
                for c in range(1, src.max_column + 1):
                    h = src.cell(row=1, column=c)
                    ws.cell(row=1, column=c + 1, value=h.value)
                    letter = get_column_letter(c)
                    ws.column_dimensions[get_column_letter(c + 1)].width = src.column_dimensions[letter].width
                for c in range(1, src.max_column + 2):
                    ws.cell(row=1, column=c).font, ws.cell(row=1, column=c).fill = _HEADER_FONT, _HEADER_FILL
                ws.freeze_panes = "B2"
                out[key] = ws
            for row in src.iter_rows(min_row=2):
                if all(c.value is None for c in row):
                    continue
                r = ws.max_row + 1
                ws.cell(row=r, column=1, value=u.code)
                for c in row:
                    if c.value is not None:
                        dst = ws.cell(row=r, column=c.column + 1, value=c.value)
                        dst.number_format = c.number_format
                        if c.quotePrefix:
                            dst.quotePrefix = True
    rule = lambda r: RULE_WORDS[r][1 if lang == "id" else 0]  # noqa: E731
    _write_spec_rows(wb, TREE_SHEETS["cascade"], lang, [
        {"unit": ln.unit, "item": ln.item, "target": ln.target, "rule": rule(ln.rule), "weight": ln.weight}
        for ln in tree.links])
    _write_spec_rows(wb, TREE_SHEETS["skp"], lang, [
        {"unit": r.unit, "employee": r.employee, "person": r.person, "code": r.code, "plan": r.plan,
         "indicator": r.indicator, "measure": r.measure,
         "direction": DIRECTIONS[r.direction][1 if lang == "id" else 0], "period": r.period, "target": r.target,
         "actual": r.actual, "supports": r.supports, "rule": rule(r.rule), "weight": r.weight} for r in tree.skp])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

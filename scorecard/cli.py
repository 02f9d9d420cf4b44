"""Command line: ``python -m scorecard <command> ...``.

Commands: ``score``, ``validate``, ``template``, ``export``, ``sensitivity``, ``import``, ``demo-workbook``,
``lkjip``, ``briefing``, ``cascade``, ``cascade-demo``, ``tree-template``, ``check-kpis``, ``manual``, ``doctor`` (is storage
usable? exit 0 yes, 1 no).
Exit codes: 0 success, 1 the input has errors (a one-line reason on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from scorecard.model import Scorecard


class CliError(Exception):
    """A one-line reason for a non-zero exit."""


def _load(path: str, lang: str) -> Scorecard:
    """Load a scorecard workbook (or the reference CSV folder), or raise CliError."""
    p = Path(path)
    if p.is_dir():
        from scorecard.io.reference_case import load_reference

        return load_reference(p)
    if not p.exists():
        raise CliError(("berkas tidak ditemukan: " if lang == "id" else "file not found: ") + path)
    from scorecard.io.workbook import read_path

    res = read_path(p)
    if res.scorecard is None:
        first = res.report.errors[0].text(lang) if res.report.errors else "unreadable workbook"
        n = len(res.report.errors)
        more = f" (+{n - 1} more; run 'python -m scorecard validate {path}')" if n > 1 else ""
        raise CliError(first + more)
    return res.scorecard


def _period(sc: Scorecard, period: str | None, lang: str) -> str:
    periods = sc.periods()
    if not periods:
        raise CliError("tidak ada periode dalam data" if lang == "id" else "the workbook has no periods")
    if period is None:
        return periods[-1]
    from scorecard.io.numbers import PeriodError, parse_period

    try:
        label = parse_period(period).label
    except PeriodError as exc:
        raise CliError(exc.msg.text(lang)) from None
    if label not in periods:
        raise CliError((f"periode {period} tidak ada; tersedia: " if lang == "id"
                        else f"period {period} not found; available: ") + ", ".join(periods))
    return label


def score_json(sc: Scorecard, period: str) -> dict:
    """The ``score --json`` object (see README)."""
    from scorecard.method.capaian import nko
    from scorecard.method.scoring import score_period
    from scorecard.method.weights import compute_weights

    w = compute_weights(sc)
    ps = score_period(sc, period, w)
    n = nko(sc, period, w)
    caps = n.capaian
    return {
        "period": ps.period,
        "index": ps.index,
        "light": ps.light,
        "nko": n.nko,
        "nko_predikat": n.label("id") or None,
        "nko_note": n.note.text("en") if n.note else None,
        "kpis": [{"code": k.code, "level": k.level, "weight": k.global_weight, "value": k.value, "light": k.light,
                  "capaian": caps[k.code].value, "predikat": caps[k.code].label("id") or None}
                 for k in ps.kpis],
        "perspectives": [{"name": p.key, "subtotal": p.subtotal, "nko": n.perspective(p.key).nko}
                         for p in ps.perspectives],
        "warnings": [w.text("en") for w in ps.warnings],
    }


def score_text(sc: Scorecard, period: str, lang: str) -> str:
    """A readable table: KPI, level, weight, value, light, capaian, predikat; perspective subtotals and NKO;
    the index and the NKO. Every number is written by :mod:`scorecard.display`."""
    from scorecard import display
    from scorecard.method import lights
    from scorecard.method.capaian import nko
    from scorecard.method.scoring import score_period
    from scorecard.method.weights import compute_weights

    w = compute_weights(sc)
    ps = score_period(sc, period, w)
    n = nko(sc, period, w)
    hdr = (("IKU", "Level", "Bobot", "Nilai", "Lampu", "Capaian", "Predikat") if lang == "id"
           else ("KPI", "Level", "Weight", "Value", "Light", "Capaian", "Predikat"))
    lines = [f"{sc.name} — {period}", ""]
    fmt = "{:<8} {:>6} {:>9} {:>7}  {:<10} {:>9}  {}"
    lines.append(fmt.format(*hdr))
    for p in sc.perspectives:
        lines.append("")
        lines.append(p.name(lang))
        for k in (x for x in ps.kpis if x.perspective == p.key):
            c = n.capaian[k.code]
            lines.append(fmt.format(k.code, display.level(k.level, lang), display.weight(k.global_weight, lang),
                                    display.points(k.value, lang), lights.label(k.light, lang),
                                    display.capaian(c.value, lang), c.label(lang) or "—"))
        g = ps.perspective(p.key)
        pn = n.perspective(p.key)
        lines.append(fmt.format("", display.level(g.level, lang), display.weight(g.weight, lang),
                                display.points(g.subtotal, lang), "subtotal " + lights.label(g.light, lang),
                                display.capaian(pn.nko, lang), pn.predikat and
                                (pn.predikat.label_id if lang == "id" else pn.predikat.label_en) or "—"))
    lines += ["", f"{'Indeks kinerja' if lang == 'id' else 'Performance index'}: {display.level(ps.index, lang)}  "
              f"{lights.label(ps.light, lang)}",
              f"NKO: {display.capaian(n.nko, lang)}  {n.label(lang)}"]
    if n.note is not None:
        lines.append("  " + n.note.text(lang))
    if ps.warnings:
        lines += ["", "Peringatan:" if lang == "id" else "Warnings:"]
        lines += ["  - " + w.text(lang) for w in ps.warnings]
    return "\n".join(lines)


def _cmd_score(a: argparse.Namespace) -> int:
    sc = _load(a.workbook, a.lang)
    period = _period(sc, a.period, a.lang)
    if a.json:
        print(json.dumps(score_json(sc, period), ensure_ascii=False, indent=2))
    else:
        print(score_text(sc, period, a.lang))
    return 0


def _cmd_validate(a: argparse.Namespace) -> int:
    from scorecard.io.workbook import read_path

    p = Path(a.file)
    if not p.exists():
        raise CliError(("berkas tidak ditemukan: " if a.lang == "id" else "file not found: ") + a.file)
    res = read_path(p)
    print(res.report.text(a.lang))
    return 0 if res.scorecard is not None else 1


def _cmd_template(a: argparse.Namespace) -> int:
    from scorecard.io.workbook import template

    base = _load(a.from_, a.lang) if a.from_ else None
    Path(a.out).write_bytes(template(a.lang, from_scorecard=base))
    print(a.out)
    return 0


def _cmd_export(a: argparse.Namespace) -> int:
    from scorecard.reports.excel import export_csv, export_report

    sc = _load(a.workbook, a.lang)
    period = _period(sc, a.period, a.lang)
    out = Path(a.out)
    if out.suffix.lower() == ".csv":
        out.write_text(export_csv(sc, period, lang=a.lang), encoding="utf-8")
    else:
        out.write_bytes(export_report(sc, period, lang=a.lang))
    print(out)
    return 0


def _cmd_sensitivity(a: argparse.Namespace) -> int:
    from scorecard.method.whatif import sensitivity_json

    sc = _load(a.workbook, a.lang)
    period = _period(sc, a.period, a.lang)
    print(json.dumps(sensitivity_json(sc, period), ensure_ascii=False, indent=2))
    return 0


def _period_document(sub: argparse._SubParsersAction, name: str, help_: str, build: str) -> None:
    """A command that writes one document of a period: ``name WORKBOOK OUT [--period P]``; ``build`` is
    ``module:function`` taking (scorecard, period, lang) and returning the file's bytes (imported when run)."""

    def run(a: argparse.Namespace) -> int:
        import importlib

        module, func = build.split(":")
        sc = _load(a.workbook, a.lang)
        period = _period(sc, a.period, a.lang)
        Path(a.out).write_bytes(getattr(importlib.import_module(module), func)(sc, period, a.lang))
        print(a.out)
        return 0

    p = sub.add_parser(name, help=help_)
    p.add_argument("workbook")
    p.add_argument("out")
    p.add_argument("--period", help="period label (default: the latest)")
    p.set_defaults(func=run)


def _add_lkjip(sub: argparse._SubParsersAction) -> None:
    _period_document(sub, "lkjip", "write the LKjIP Pengukuran Kinerja report of a period (.docx)",
                     "scorecard.reports.lkjip:build_lkjip_docx")


def _add_briefing(sub: argparse._SubParsersAction) -> None:
    _period_document(sub, "briefing", "write the briefing PDF of a period (A4 landscape, large type)",
                     "scorecard.reports.briefing:build_briefing_pdf")


def _cmd_demo_workbook(a: argparse.Namespace) -> int:
    from scorecard.io.workbook import build_demo_workbook

    build_demo_workbook(Path(a.out))
    print(a.out)
    return 0


def _cmd_doctor(a: argparse.Namespace) -> int:
    """Is storage usable? One line per check; exit 0 usable, 1 not usable."""
    from scorecard.store.health import check, usable

    findings = check(a.url)
    for f in findings:
        print(f.text(a.lang))
    ok = usable(findings)
    if a.lang == "id":
        print("Penyimpanan dapat dipakai." if ok else "Penyimpanan TIDAK dapat dipakai.")
    else:
        print("Storage is usable." if ok else "Storage is NOT usable.")
    return 0 if ok else 1
def check_kpis_text(sc: Scorecard, lang: str) -> str:
    """The indicator quality check for people: the summary, then each finding and its suggestion."""
    from scorecard.method.kpi_quality import check_kpis

    rep = check_kpis(sc)
    lines = [rep.summary().text(lang)]
    for f in rep.findings:
        lines += [f"  {f.code} [{f.rule}] {f.message.text(lang)}", f"      -> {f.suggestion.text(lang)}"]
    return "\n".join(lines)


def _cmd_check_kpis(a: argparse.Namespace) -> int:
    """Findings never fail the command (exit 0): they are advice, not errors."""
    from scorecard.method.kpi_quality import check_kpis

    sc = _load(a.workbook, a.lang)
    if a.json:
        print(json.dumps(check_kpis(sc).as_json(a.lang), ensure_ascii=False, indent=2))
    else:
        print(check_kpis_text(sc, a.lang))
    return 0


def _add_check_kpis(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("check-kpis", help="indicator quality check: which KPIs need attention and why")
    q.add_argument("workbook")
    q.add_argument("--json", action="store_true", help='print one JSON object {"findings": [...], ...}')
    q.set_defaults(func=_cmd_check_kpis)


def _cmd_manual(a: argparse.Namespace) -> int:
    from scorecard.reports.kpi_manual import kpi_manual_docx

    sc = _load(a.workbook, a.lang)
    Path(a.out).write_bytes(kpi_manual_docx(sc, a.lang))
    print(a.out)
    return 0


def _cmd_import(a: argparse.Namespace) -> int:
    """Import an office's own table (LKjIP, PK, "Data 2024" sheets, ...) and write our workbook."""
    from scorecard.io.table_import import Mapping, apply_plan, build_plan, equal_weights_note, plan_json
    from scorecard.io.workbook import write_workbook

    src = Path(a.source)
    if not src.exists():
        raise CliError(("berkas tidak ditemukan: " if a.lang == "id" else "file not found: ") + a.source)
    mapping = None
    if a.mapping and Path(a.mapping).suffix.lower() in (".xlsx", ".xlsm"):
        from scorecard.io.table_import import mapping_from_settings

        mapping = mapping_from_settings(_load(a.mapping, a.lang))  # last year's imported workbook
        if mapping is None:
            raise CliError(("buku kerja ini tidak menyimpan pemetaan impor: " if a.lang == "id" else
                            "this workbook keeps no import mapping: ") + a.mapping)
    elif a.mapping:
        try:
            mapping = Mapping.from_json(Path(a.mapping).read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError) as exc:
            raise CliError(("pemetaan tidak terbaca: " if a.lang == "id" else "unreadable mapping: ")
                           + f"{a.mapping}: {exc}") from None
    plan = build_plan(src.read_bytes(), src.name, mapping)
    errors = [p for p in plan.problems if p.is_error]
    if errors or not plan.kpis:
        if a.json:
            print(json.dumps({**plan_json(plan, a.lang), "written": None}, ensure_ascii=False, indent=2))
        first = errors[0].text(a.lang) if errors else ("tidak ada tabel" if a.lang == "id" else "no table found")
        more = f" (+{len(errors) - 1})" if len(errors) > 1 else ""
        raise CliError(first + more)
    sc = apply_plan(plan)
    Path(a.out).write_bytes(write_workbook(sc, lang=a.lang))
    if a.save_mapping:
        Path(a.save_mapping).write_text(plan.mapping.to_json(), encoding="utf-8")
    if a.json:
        print(json.dumps({**plan_json(plan, a.lang), "written": a.out}, ensure_ascii=False, indent=2))
        return 0
    for line in plan.assumptions(a.lang):
        print("- " + line)
    for p in plan.problems:
        print(("peringatan: " if a.lang == "id" else "warning: ") + p.text(a.lang))
    print(equal_weights_note().text(a.lang))
    print(a.out)
    return 0


# ---- cascade (a tree of scorecards, METHOD §8) -------------------------------------------------

def _load_tree(path: str, lang: str):
    """Read a tree workbook, or raise CliError with its first error."""
    from scorecard.io.tree_workbook import read_tree_path

    p = Path(path)
    if not p.exists():
        raise CliError(("berkas tidak ditemukan: " if lang == "id" else "file not found: ") + path)
    res = read_tree_path(p)
    if res.tree is None:  # errors, or no units yet (the blank template: a warning says so)
        found = res.report.errors or res.report.warnings
        first = found[0].text(lang) if found else "unreadable workbook"
        raise CliError(first + (f" (+{len(res.report.errors) - 1} more)" if len(res.report.errors) > 1 else ""))
    return res.tree


def cascade_json(result) -> dict:
    """The ``cascade --json`` object: every unit (top down) with index, light and KPI roll-ups."""
    def kpi(u, k) -> dict:
        ru = u.rollups.get(k.code)
        return {"code": k.code, "actual": k.actual, "target": k.target, "level": k.level, "light": k.light,
                "computed": ru is not None,
                "rollup": None if ru is None else {
                    "rule": ru.rule, "value": ru.value, "typed": ru.typed, "disagrees": ru.disagrees,
                    "supporters": [{"unit": s.unit, "item": s.item, "employee": s.employee or None, "value": s.value}
                                   for s in ru.supporters]}}

    tree = result.tree
    order = tree.subtree(tree.root().code)
    al = result.alignment()
    return {
        "tree": tree.name, "period": result.period,
        "units": [{"code": c, "name": result.units[c].name, "parent": result.units[c].parent,
                   "depth": result.units[c].depth, "index": result.units[c].index, "light": result.units[c].light,
                   "kpis": [kpi(result.units[c], k) for k in (result.units[c].score.kpis
                                                            if result.units[c].score else [])]} for c in order],
        "employees": [{"unit": r.row.unit, "employee": r.row.employee, "person": r.row.person, "code": r.row.code,
                       "indicator": r.row.indicator, "target": r.row.target, "actual": r.row.actual,
                       "capaian": r.capaian, "light": r.light, "supports": r.row.supports} for r in result.skp],
        "alignment": {"supports_nothing": [list(x) for x in al.supports_nothing],
                      "unsupported": [list(x) for x in al.unsupported],
                      "no_employee": [list(x) for x in al.no_employee]},
    }


def cascade_text(result, lang: str) -> str:
    """The tree as indented lines: unit, index, light; red KPIs with what pulls them down."""
    from scorecard import display
    from scorecard.method import lights

    tree = result.tree
    lines = [f"{tree.name} — {result.period}", ""]
    for c in tree.subtree(tree.root().code):
        u = result.units[c]
        idx = display.level(u.index, lang)
        lines.append(f"{'  ' * u.depth}{u.code} {u.name}: {idx} {lights.label(u.light, lang)}")
        for k in (u.score.kpis if u.score else []):
            mark = " Σ" if k.code in u.rollups else ""
            lvl = display.level(k.level, lang)
            lines.append(f"{'  ' * u.depth}  · {k.code}{mark} {lvl} {lights.label(k.light, lang)}")
    return "\n".join(lines)


def _cmd_cascade(a: argparse.Namespace) -> int:
    from scorecard.method.cascade import evaluate

    tree = _load_tree(a.workbook, a.lang)
    period = None
    if a.period:
        from scorecard.io.numbers import PeriodError, parse_period

        try:
            period = parse_period(a.period).label
        except PeriodError as exc:
            raise CliError(exc.msg.text(a.lang)) from None
        known = sorted({p for u in tree.units for p in u.scorecard.periods()} | {r.period for r in tree.skp})
        if period not in known:
            raise CliError((f"periode {a.period} tidak ada; tersedia: " if a.lang == "id"
                            else f"period {a.period} not found; available: ") + ", ".join(known))
    result = evaluate(tree, period)
    if a.json:
        print(json.dumps(cascade_json(result), ensure_ascii=False, indent=2))
    else:
        print(cascade_text(result, a.lang))
    return 0


def _cmd_cascade_demo(a: argparse.Namespace) -> int:
    from scorecard.io.cascade_demo import build_cascade_demo

    print(build_cascade_demo(a.out, a.lang))
    return 0


def _cmd_tree_template(a: argparse.Namespace) -> int:
    from scorecard.io.tree_template import write_tree_template

    Path(a.out).write_bytes(write_tree_template(lang=a.lang))
    print(a.out)
    return 0


def _add_cascade_commands(sub) -> None:
    c = sub.add_parser("cascade", help="roll a tree workbook up: each unit's index, light and roll-up values")
    c.add_argument("workbook")
    c.add_argument("--period", help="period label (default: the office's latest)")
    c.add_argument("--json", action="store_true", help="print one JSON object")
    c.set_defaults(func=_cmd_cascade)
    d = sub.add_parser("cascade-demo", help="write the example tree workbook (office, two units, employees)")
    d.add_argument("out", nargs="?", default=None, help="default data/cascade_demo.xlsx")
    d.set_defaults(func=_cmd_cascade_demo)
    tt = sub.add_parser("tree-template", help="write a blank tree workbook (Units, Kaskade, SKP and the scorecard "
                        "sheets with a unit column; headers in --lang, with help)")
    tt.add_argument("out")
    tt.set_defaults(func=_cmd_tree_template)
def _add_manual(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("manual", help="write the KPI manual (Manual IKU) as a Word document, one section per KPI")
    m.add_argument("workbook")
    m.add_argument("out", help="the .docx file to write")
    m.set_defaults(func=_cmd_manual)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m scorecard",
                                 description="Balanced Scorecard: AHP weights, OMAX scoring, traffic lights.")
    ap.add_argument("--lang", choices=("id", "en"), default="en", help="language of messages and tables")
    sub = ap.add_subparsers(dest="command", required=True)

    s = sub.add_parser("score", help="score a period: levels, weights, values, lights, index")
    s.add_argument("workbook")
    s.add_argument("--period", help="period label (default: the latest)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=_cmd_score)

    v = sub.add_parser("validate", help="print the validation report; exit 1 when it has errors")
    v.add_argument("file")
    v.set_defaults(func=_cmd_validate)

    t = sub.add_parser("template", help="write a blank or pre-filled workbook template")
    t.add_argument("out")
    t.add_argument("--from", dest="from_", metavar="WORKBOOK", help="pre-fill from this workbook")
    t.set_defaults(func=_cmd_template)

    e = sub.add_parser("export", help="write the styled report workbook (or CSV when OUT ends in .csv)")
    e.add_argument("workbook")
    e.add_argument("out")
    e.add_argument("--period")
    e.set_defaults(func=_cmd_export)

    n = sub.add_parser("sensitivity", help="index and lights when each weight moves -25/-10/+10/+25 %%")
    n.add_argument("workbook")
    n.add_argument("--period")
    n.add_argument("--json", action="store_true", default=True, help="JSON output (the only format)")
    n.set_defaults(func=_cmd_sensitivity)

    i = sub.add_parser("import", help="import an office's own table (LKjIP, PK, Data 2024 ...) into OUT.xlsx")
    i.add_argument("source")
    i.add_argument("out")
    i.add_argument("--mapping", metavar="MAP.json", help="a saved mapping (from --save-mapping), or a workbook "
                   "written by an earlier import (it keeps its mapping in its settings)")
    i.add_argument("--save-mapping", metavar="MAP.json", help="write the mapping used, for next year's file")
    i.add_argument("--json", action="store_true", help="print one JSON object (sheets, periods, kpis, assumptions)")
    i.set_defaults(func=_cmd_import)

    d = sub.add_parser("demo-workbook", help="regenerate the demo workbook from data/reference")
    d.add_argument("out", nargs="?", default=str(Path(__file__).resolve().parent.parent / "data" / "demo.xlsx"))
    d.set_defaults(func=_cmd_demo_workbook)

    doc = sub.add_parser("doctor", help="say whether storage is usable (exit 0) or not (exit 1); changes nothing")
    doc.add_argument("--url", help="database URL (default: $SCORECARD_DB_URL, else data/scorecard.sqlite)")
    doc.set_defaults(func=_cmd_doctor)
    _add_lkjip(sub)
    _add_briefing(sub)
    _add_cascade_commands(sub)
    _add_check_kpis(sub)
    _add_manual(sub)
    return ap


def _lang_anywhere(argv: Sequence[str]) -> list[str]:
    """Accept ``--lang`` after the command too (``score X --lang id``)."""
    args = list(argv)
    for i, tok in enumerate(args):
        if tok == "--lang" and i + 1 < len(args) and i > 0:
            return [tok, args[i + 1]] + args[:i] + args[i + 2:]
        if tok.startswith("--lang="):
            return [tok] + args[:i] + args[i + 1:]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(_lang_anywhere(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the CLI must end with one line, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1

"""Command line: ``python -m scorecard <command> ...``.

Commands: ``score``, ``validate``, ``template``, ``export``, ``sensitivity``, ``demo-workbook``,
``doctor`` (is storage usable? exit 0 yes, 1 no).
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
    from scorecard.method.scoring import score_period

    ps = score_period(sc, period)
    return {
        "period": ps.period,
        "index": ps.index,
        "light": ps.light,
        "kpis": [{"code": k.code, "level": k.level, "weight": k.global_weight, "value": k.value, "light": k.light}
                 for k in ps.kpis],
        "perspectives": [{"name": p.key, "subtotal": p.subtotal} for p in ps.perspectives],
        "warnings": [w.text("en") for w in ps.warnings],
    }


def score_text(sc: Scorecard, period: str, lang: str) -> str:
    """A readable table: KPI, level, weight, value, light; perspective subtotals; the index."""
    from scorecard.method import lights
    from scorecard.method.scoring import score_period

    ps = score_period(sc, period)
    hdr = ("IKU", "Level", "Bobot", "Nilai", "Lampu") if lang == "id" else ("KPI", "Level", "Weight", "Value", "Light")
    lines = [f"{sc.name} — {period}", ""]
    fmt = "{:<8} {:>6} {:>7} {:>7}  {}"
    lines.append(fmt.format(*hdr))
    for p in sc.perspectives:
        lines.append("")
        lines.append(p.name(lang))
        for k in (x for x in ps.kpis if x.perspective == p.key):
            lvl = "—" if k.level is None else f"{k.level:.2f}"
            lines.append(fmt.format(k.code, lvl, f"{k.global_weight:.4f}", f"{k.value:.4f}",
                                    lights.label(k.light, lang)))
        g = ps.perspective(p.key)
        lines.append(fmt.format("", "", f"{g.weight:.4f}", f"{g.subtotal:.4f}",
                                ("subtotal " if lang == "en" else "subtotal ") + lights.label(g.light, lang)))
    lines += ["", f"{'Indeks kinerja' if lang == 'id' else 'Performance index'}: {ps.index:.2f}  "
              f"{lights.label(ps.light, lang)}"]
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

    d = sub.add_parser("demo-workbook", help="regenerate the demo workbook from data/reference")
    d.add_argument("out", nargs="?", default=str(Path(__file__).resolve().parent.parent / "data" / "demo.xlsx"))
    d.set_defaults(func=_cmd_demo_workbook)

    doc = sub.add_parser("doctor", help="say whether storage is usable (exit 0) or not (exit 1); changes nothing")
    doc.add_argument("--url", help="database URL (default: $SCORECARD_DB_URL, else data/scorecard.sqlite)")
    doc.set_defaults(func=_cmd_doctor)
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

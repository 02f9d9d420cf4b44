"""Scoring commands: ``score`` (a period's levels, weights, values, lights, capaian, index and NKO; text or
``--json``) and ``sensitivity`` (the index and lights when each weight moves, JSON)."""

from __future__ import annotations

import argparse

from scorecard.cli.common import load_period, print_json
from scorecard.model import Scorecard


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
    sc, period = load_period(a)
    if a.json:
        print_json(score_json(sc, period))
    else:
        print(score_text(sc, period, a.lang))
    return 0


def _cmd_sensitivity(a: argparse.Namespace) -> int:
    from scorecard.method.whatif import sensitivity_json

    print_json(sensitivity_json(*load_period(a)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``score`` and ``sensitivity``."""
    s = sub.add_parser("score", help="score a period: levels, weights, values, lights, index")
    s.add_argument("workbook")
    s.add_argument("--period", help="period label (default: the latest)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=_cmd_score)

    n = sub.add_parser("sensitivity", help="index and lights when each weight moves -25/-10/+10/+25 %%")
    n.add_argument("workbook")
    n.add_argument("--period")
    n.add_argument("--json", action="store_true", default=True, help="JSON output (the only format)")
    n.set_defaults(func=_cmd_sensitivity)

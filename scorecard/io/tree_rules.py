"""The structural rules of a cascade tree (METHOD §8): one office, known parents and no cycles, links
from a unit to an existing KPI or objective one level up with a known contribution rule, SKP rows
that name an existing unit KPI. The tree workbook reader runs them on every upload, like
:func:`scorecard.model.validate` for one scorecard; :mod:`scorecard.method.cascade` rolls up only a
tree that passes them.
"""

from __future__ import annotations

from scorecard.messages import Problem, Report, msg
from scorecard.model import CONTRIBUTION_RULES, Scorecard, ScorecardTree, Unit


def _err(code: str, en: str, id_: str, **params: object) -> Problem:
    return Problem("error", msg(code, en, id_, **params))


def validate_tree(tree: ScorecardTree) -> Report:
    """Structural problems of a tree (units, links, SKP rows); errors make the roll-up meaningless."""
    rep = Report()
    codes: dict[str, Unit] = {}
    for u in tree.units:
        if u.code in codes:
            rep.add(_err("cascade.duplicate_unit", 'Unit "{u}" appears twice.', 'Unit "{u}" muncul dua kali.',
                         u=u.code))
        codes[u.code] = u
    roots = [u.code for u in tree.units if u.parent is None]
    if len(roots) != 1:
        rep.add(_err("cascade.roots", "The tree needs exactly one office (a unit without parent); found {n}: {r}.",
                     "Pohon harus punya tepat satu kantor (unit tanpa induk); ditemukan {n}: {r}.",
                     n=len(roots), r=", ".join(roots) or "-"))
    for u in tree.units:
        if u.parent is not None and u.parent not in codes:
            rep.add(_err("cascade.unknown_parent", 'Unit "{u}" names parent "{p}", which does not exist.',
                         'Unit "{u}" menyebut induk "{p}" yang tidak ada.', u=u.code, p=u.parent))
        elif _cyclic(tree, u.code):
            rep.add(_err("cascade.cycle", 'Unit "{u}" is its own ancestor.', 'Unit "{u}" menjadi induknya sendiri.',
                         u=u.code))
    value_rule: dict[tuple[str, str], str] = {}
    for ln in tree.links:
        u = codes.get(ln.unit)
        if u is None:
            rep.add(_err("cascade.link_unit", 'A cascade link names unit "{u}", which does not exist.',
                         'Tautan kaskade menyebut unit "{u}" yang tidak ada.', u=ln.unit))
            continue
        if u.parent is None or u.parent not in codes:
            rep.add(_err("cascade.link_root", 'Unit "{u}" has no unit above it; its "{i}" cannot support "{t}".',
                         'Unit "{u}" tidak punya unit di atasnya; "{i}" tidak dapat mendukung "{t}".',
                         u=ln.unit, i=ln.item, t=ln.target))
            continue
        parent = codes[u.parent].scorecard
        own_kpi = has_kpi(u.scorecard, ln.item)
        if not own_kpi and not has_objective(u.scorecard, ln.item):
            rep.add(_err("cascade.link_item", 'Unit "{u}" has no KPI or objective "{i}".',
                         'Unit "{u}" tidak punya IKU atau sasaran "{i}".', u=ln.unit, i=ln.item))
        target_kpi = has_kpi(parent, ln.target)
        if not target_kpi and not has_objective(parent, ln.target):
            rep.add(_err("cascade.link_target", 'Unit "{p}" (above "{u}") has no KPI or objective "{t}".',
                         'Unit "{p}" (di atas "{u}") tidak punya IKU atau sasaran "{t}".', p=u.parent, u=ln.unit,
                         t=ln.target))
        if (own_kpi or has_objective(u.scorecard, ln.item)) and (target_kpi or has_objective(parent, ln.target)):
            _check_rule(rep, ln.rule, ln.weight, f"{ln.unit}/{ln.item}", own_kpi and target_kpi,
                        (u.parent, ln.target), value_rule)
    kpis_of = {code: {k.code for k in u.scorecard.kpis} for code, u in codes.items()}
    for r in tree.skp:
        u = codes.get(r.unit)
        if u is not None and r.rule == "alignment" and (not r.supports or r.supports in kpis_of[r.unit]):
            continue  # the common case, nothing to check
        where = f"{r.employee}/{r.code}"
        if u is None:
            rep.add(_err("cascade.skp_unit", 'SKP row {w} names unit "{u}", which does not exist.',
                         'Baris SKP {w} menyebut unit "{u}" yang tidak ada.', w=where, u=r.unit))
            continue
        if r.supports and r.supports not in kpis_of[r.unit]:
            rep.add(_err("cascade.skp_supports", 'SKP row {w}: unit "{u}" has no KPI "{k}".',
                         'Baris SKP {w}: unit "{u}" tidak punya IKU "{k}".', w=where, u=r.unit, k=r.supports))
            continue
        _check_rule(rep, r.rule, r.weight, where, bool(r.supports), (r.unit, r.supports), value_rule)
    return rep


def _cyclic(tree: ScorecardTree, code: str) -> bool:
    by = {u.code: u.parent for u in tree.units}
    seen = {code}
    cur = by.get(code)
    while cur is not None:
        if cur in seen:
            return True
        seen.add(cur)
        cur = by.get(cur)
    return False


def _check_rule(rep: Report, rule: str, weight: float, where: str, kpi_to_kpi: bool, target: tuple[str, str],
                value_rule: dict[tuple[str, str], str]) -> None:
    if rule not in CONTRIBUTION_RULES:
        rep.add(_err("cascade.rule", '{w}: unknown contribution rule "{r}" (use {rules}).',
                     '{w}: aturan kontribusi "{r}" tidak dikenal (pakai {rules}).', w=where, r=rule,
                     rules=", ".join(CONTRIBUTION_RULES)))
        return
    if rule == "alignment":
        return
    if not kpi_to_kpi:
        rep.add(_err("cascade.rule_objective", '{w}: only a KPI can pass a value ("{r}") to a KPI; use "alignment".',
                     '{w}: hanya IKU yang dapat meneruskan nilai ("{r}") ke IKU; pakai "alignment".', w=where, r=rule))
        return
    if rule == "weighted" and not weight > 0:
        rep.add(_err("cascade.weight", "{w}: a weighted link needs a weight above 0.",
                     "{w}: tautan berbobot perlu bobot di atas 0.", w=where))
    old = value_rule.setdefault(target, rule)
    if old != rule:
        rep.add(_err("cascade.rule_conflict", '{w}: "{t}" is already rolled up by "{o}", not "{r}".',
                     '{w}: "{t}" sudah dihitung dengan aturan "{o}", bukan "{r}".', w=where, t=target[1], o=old,
                     r=rule))


def has_kpi(sc: Scorecard, code: str) -> bool:
    return any(k.code == code for k in sc.kpis)


def has_objective(sc: Scorecard, code: str) -> bool:
    return any(o.code == code for o in sc.objectives)


# ---- rules ---------------------------------------------------------------------------------------

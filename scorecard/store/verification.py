"""Owners and verification: who entered a value, who verified it, and period locks (issue #16).

Identity
--------
People are identified the way the audit log identifies actors (:mod:`scorecard.store.storage`):
by the name typed in the app's sidebar (``scorecard.ui.persistence.actor``), or ``"browser"``
when nobody typed one. Names are compared without regard to case and repeated spaces. Anonymous
actors (:data:`ANONYMOUS`) may enter values but may not verify, lock or unlock.

Rules
-----
* **Who entered a value**: the actor of the latest audit entry of kind ``actual`` or ``target``
  whose target is ``"<KPI> <period>"`` (the text the Data page and uploads write). None when the
  log has no such entry (for example values that came with the first workbook).
* **Verify** (kind ``verify`` in the audit log, with the value, who entered it and who verified it):
  only the KPI's verifier named in its KPI manual (:class:`~scorecard.model.KpiManual`), never
  the person who entered the value, only a value that has an actual. A verification holds the
  verified target and actual; when the value changes later, its status becomes ``changed``.
* **Lock a period** (kind ``lock``): by a person named as verifier of at least one KPI, when at least
  one value of that period has been verified. Until someone **unlocks** it (kind ``unlock``, same
  rights, with a reason), which is the only way back:
* **A locked period is the record that was reported** (the one rule, one message: :func:`locked_message`).
  Nothing of that period changes: its values (targets, actuals; added, changed or removed), its
  notes (narrative and follow-up: root cause, action, owner, due date) and its evidence (adding or
  deleting). Scorecard changes are checked by :func:`guard` / :func:`check_change` (before vs after);
  evidence by :func:`refuse_if_locked` inside the evidence transaction
  (:mod:`scorecard.store.evidence`). Refused attempts are not recorded.

Refusals raise :class:`RightsError`, whose ``.msg`` says why in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa

from scorecard.messages import Msg, msg
from scorecard.model import Scorecard
from scorecard.store.storage import Change, ScorecardNotFound, Store, audit_log, period_locks, scorecards, verifications

__all__ = ["ANONYMOUS", "RightsError", "Verification", "Lock", "same_person", "entered_by", "verify",
           "verifications_of", "status", "lock_period", "unlock_period", "locked_periods", "locked_edits", "guard",
           "locked_note_edits", "locked_message", "refuse_if_locked", "check_change"]

#: Actor names that identify nobody (the app's default when no name is typed).
ANONYMOUS = frozenset({"", "browser", "anonymous", "anonim"})

Status = Literal["verified", "changed", "unverified"]


class RightsError(PermissionError):
    """An action this person may not take (or not now); ``.msg`` is bilingual, str() is English."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.msg = message


@dataclass(frozen=True)
class Verification:
    """A verified value: ``value`` = {"target": ..., "actual": ...} as it was when verified."""

    kpi: str
    period: str
    value: dict[str, Any]
    entered_by: str | None
    verified_by: str
    verified_at: datetime


@dataclass(frozen=True)
class Lock:
    """A locked period."""

    period: str
    locked_by: str
    locked_at: datetime


def _norm(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def same_person(a: str | None, b: str | None) -> bool:
    """True when two actor names name the same person (case and spacing ignored; never for empty names)."""
    return bool(_norm(a)) and _norm(a) == _norm(b)


def _named(actor: str, what_en: str, what_id: str) -> str:
    if _norm(actor) in ANONYMOUS:
        raise RightsError(msg("rights.anonymous", "Type your name in the sidebar first: {w} is recorded under a name.",
                              "Ketik nama Anda di panel samping dulu: {wi} dicatat atas nama seseorang.",
                              w=what_en, wi=what_id))
    return " ".join(actor.split())


def _value(sc: Scorecard, kpi: str, period: str) -> dict[str, Any] | None:
    m = sc.measurement(kpi, period)
    if m is None or m.actual is None:
        return None
    return {"target": m.target, "actual": m.actual}


def _require(conn: sa.Connection, scorecard_id: int) -> None:
    if conn.scalar(sa.select(scorecards.c.id).where(scorecards.c.id == scorecard_id)) is None:
        raise ScorecardNotFound(scorecard_id)


# ---- who entered -----------------------------------------------------------------------------------


def entered_by(store: Store, scorecard_id: int, kpi: str, period: str) -> str | None:
    """Who last entered the target or actual of (kpi, period), from the audit log (None: not logged)."""
    with store.read() as conn:
        return conn.scalar(sa.select(audit_log.c.actor)
                           .where(audit_log.c.scorecard_id == scorecard_id, audit_log.c.kind.in_(("actual", "target")),
                                  audit_log.c.target == f"{kpi} {period}")
                           .order_by(audit_log.c.id.desc()).limit(1))


# ---- verification ------------------------------------------------------------------------------------


def verify(store: Store, scorecard_id: int, sc: Scorecard, kpi: str, period: str, actor: str) -> Verification:
    """Mark the value of (kpi, period) verified by ``actor`` (see the rules in the module docstring)."""
    who = _named(actor, "a verification", "verifikasi")
    value = _value(sc, kpi, period)
    if value is None:
        raise RightsError(msg("rights.no_value", "{k} has no actual for {p}: there is nothing to verify.",
                              "{k} belum punya realisasi untuk {p}: belum ada yang bisa diverifikasi.", k=kpi, p=period))
    man = sc.manual(kpi)
    verifier = man.verifier.strip() if man is not None else ""
    if not verifier:
        raise RightsError(msg("rights.no_verifier", "{k} has no verifier: name one in its KPI manual first.",
                              "{k} belum punya verifikator: tuliskan dulu di Manual IKU-nya.", k=kpi))
    if not same_person(who, verifier):
        raise RightsError(msg("rights.not_verifier", "Only {v}, the verifier of {k} in its KPI manual, may verify it "
                              "(you are {a}).", "Hanya {v}, verifikator {k} menurut Manual IKU, yang boleh "
                              "memverifikasinya (Anda: {a}).", v=verifier, k=kpi, a=who))
    enterer = entered_by(store, scorecard_id, kpi, period)
    if same_person(enterer, who):
        raise RightsError(msg("rights.own_value", "You entered the value of {k} {p} yourself; someone else must verify it.",
                              "Anda sendiri yang mengisi nilai {k} {p}; orang lain yang harus memverifikasinya.",
                              k=kpi, p=period))
    now = store.now()
    with store.begin() as conn:
        _require(conn, scorecard_id)
        before = conn.execute(sa.select(verifications.c.value, verifications.c.verified_by)
                              .where(verifications.c.scorecard_id == scorecard_id, verifications.c.kpi == kpi,
                                     verifications.c.period == period)).first()
        store.upsert(conn, verifications, {"scorecard_id": scorecard_id, "kpi": kpi, "period": period, "value": value,
                                           "entered_by": enterer, "verified_by": who, "verified_at": now},
                     keys=("scorecard_id", "kpi", "period"), update=("value", "entered_by", "verified_by", "verified_at"))
        store.audit(conn, scorecard_id, who, Change(
            "verify", f"{kpi} {period}",
            None if before is None else {"value": before.value, "verified_by": before.verified_by},
            {"value": value, "entered_by": enterer, "verified_by": who}))
    return Verification(kpi, period, value, enterer, who, now)


def verifications_of(store: Store, scorecard_id: int) -> dict[tuple[str, str], Verification]:
    """Every verification of a scorecard by (kpi, period)."""
    with store.read() as conn:
        rows = conn.execute(sa.select(verifications).where(verifications.c.scorecard_id == scorecard_id)).all()
    return {(r.kpi, r.period): Verification(r.kpi, r.period, r.value, r.entered_by, r.verified_by, r.verified_at)
            for r in rows}


def status(sc: Scorecard, ver: Verification | None, kpi: str, period: str) -> Status:
    """``verified`` (the verified value is still the value), ``changed`` (edited since) or ``unverified``."""
    if ver is None:
        return "unverified"
    return "verified" if ver.value == _value(sc, kpi, period) else "changed"


# ---- locks -------------------------------------------------------------------------------------------


def _may_lock(sc: Scorecard, who: str, period: str) -> None:
    if not any(same_person(m.verifier, who) for m in sc.manuals):
        raise RightsError(msg("rights.not_a_verifier", "Only a person named as verifier in a KPI manual may lock or "
                              "unlock {p} (you are {a}).", "Hanya orang yang tercatat sebagai verifikator di Manual IKU "
                              "yang boleh mengunci atau membuka {p} (Anda: {a}).", p=period, a=who))


def lock_period(store: Store, scorecard_id: int, sc: Scorecard, period: str, actor: str) -> Lock:
    """Lock ``period``: its values can no longer change until it is unlocked (audited)."""
    who = _named(actor, "a lock", "penguncian")
    _may_lock(sc, who, period)
    vers = verifications_of(store, scorecard_id)
    values = [k.code for k in sc.kpis if _value(sc, k.code, period) is not None]
    verified = [c for c in values if status(sc, vers.get((c, period)), c, period) == "verified"]
    if not verified:
        raise RightsError(msg("rights.nothing_verified", "No value of {p} is verified yet; verify values before "
                              "locking the period.", "Belum ada nilai {p} yang diverifikasi; verifikasi nilai "
                              "sebelum mengunci periode.", p=period))
    now = store.now()
    with store.begin() as conn:
        _require(conn, scorecard_id)
        if conn.scalar(sa.select(period_locks.c.id).where(period_locks.c.scorecard_id == scorecard_id,
                                                          period_locks.c.period == period)) is not None:
            raise RightsError(msg("rights.already_locked", "{p} is already locked.", "{p} sudah dikunci.", p=period))
        conn.execute(sa.insert(period_locks).values(scorecard_id=scorecard_id, period=period, locked_by=who,
                                                    locked_at=now))
        store.audit(conn, scorecard_id, who, Change("lock", period, None, {
            "verified": len(verified), "values": len(values), "unverified": [c for c in values if c not in verified]}))
    return Lock(period, who, now)


def unlock_period(store: Store, scorecard_id: int, sc: Scorecard, period: str, actor: str, reason: str) -> None:
    """Unlock ``period`` with a reason (recorded; same rights as locking)."""
    who = _named(actor, "an unlock", "pembukaan kunci")
    _may_lock(sc, who, period)
    why = " ".join((reason or "").split())
    if not why:
        raise RightsError(msg("rights.no_reason", "Give the reason for unlocking {p}; it is recorded.",
                              "Tuliskan alasan membuka kunci {p}; alasan ini dicatat.", p=period))
    with store.begin() as conn:
        row = conn.execute(sa.select(period_locks).where(period_locks.c.scorecard_id == scorecard_id,
                                                         period_locks.c.period == period)).first()
        if row is None:
            raise RightsError(msg("rights.not_locked", "{p} is not locked.", "{p} tidak sedang dikunci.", p=period))
        conn.execute(sa.delete(period_locks).where(period_locks.c.id == row.id))
        store.audit(conn, scorecard_id, who, Change("unlock", period,
                                                    {"locked_by": row.locked_by, "locked_at": row.locked_at.isoformat()},
                                                    {"reason": why}))


def locked_periods(store: Store, scorecard_id: int) -> dict[str, Lock]:
    """The locked periods of a scorecard."""
    with store.read() as conn:
        rows = conn.execute(sa.select(period_locks).where(period_locks.c.scorecard_id == scorecard_id)).all()
    return {r.period: Lock(r.period, r.locked_by, r.locked_at) for r in rows}


def locked_edits(before: Scorecard, after: Scorecard, locked: set[str] | dict[str, Lock]) -> list[tuple[str, str]]:
    """(kpi, period) pairs of locked periods whose measurement differs (added, changed or removed)."""
    if not locked:
        return []
    old = {(m.kpi, m.period): m for m in before.measurements if m.period in locked}
    new = {(m.kpi, m.period): m for m in after.measurements if m.period in locked}
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def locked_anchor_edits(before: Scorecard, after: Scorecard,
                        locked: set[str] | dict[str, Lock]) -> list[tuple[str, str]]:
    """(kpi, period) of locked periods whose own OMAX anchors (anchors typed for that period) differ.
    Anchors for every period, weights and thresholds are the method: changing them recomputes every
    period, locked ones included; the lock keeps what was reported for the period itself."""
    if not locked:
        return []

    def own(sc: Scorecard) -> dict[tuple[str, str], list[tuple[int, float]]]:
        out: dict[tuple[str, str], list[tuple[int, float]]] = {}
        for a in sc.anchors:
            if a.period in locked:
                out.setdefault((a.kpi, a.period), []).append((a.level, a.value))
        return {k: sorted(v) for k, v in out.items()}

    old, new = own(before), own(after)
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


_NOTE_FIELDS = ("root_cause", "action", "owner", "due", "narrative")


def locked_note_edits(before: Scorecard, after: Scorecard,
                      locked: set[str] | dict[str, Lock]) -> list[tuple[str, str, str]]:
    """(kpi, period, what) of locked periods whose note differs; ``what`` is ``"narrative"`` when only
    the narrative changed, else ``"notes"`` (the follow-up fields). An empty note equals no note."""
    if not locked:
        return []

    def fields(sc: Scorecard) -> dict[tuple[str, str], tuple[str, ...]]:
        out = {(n.kpi, n.period): tuple(getattr(n, f) or "" for f in _NOTE_FIELDS) for n in sc.notes
               if n.period in locked}
        return {k: v for k, v in out.items() if any(v)}

    old, new = fields(before), fields(after)
    empty = ("",) * len(_NOTE_FIELDS)
    hits = []
    for k in sorted(old.keys() | new.keys()):
        a, b = old.get(k, empty), new.get(k, empty)
        if a != b:
            hits.append((*k, "narrative" if a[:-1] == b[:-1] else "notes"))
    return hits


def _by(periods: list[str], locked: set[str] | dict[str, Lock]) -> str:
    """Who locked ``periods`` ("" when not known: ``locked`` is a plain set)."""
    if not isinstance(locked, dict):
        return ""
    return ", ".join(dict.fromkeys(locked[p].locked_by for p in periods if p in locked))


def locked_message(period: str, locked_by: str, what_en: str, what_id: str) -> Msg:
    """THE refusal of a change to a locked period (values, notes or evidence), in both languages.

    ``period``: one period or several joined with ", "; ``locked_by``: who locked it ("" when not
    known); ``what_en`` / ``what_id``: what cannot change (e.g. "F1b 2010", "evidence of F1a 2010")."""
    by_en = f" by {locked_by}" if locked_by else ""
    by_id = f" oleh {locked_by}" if locked_by else ""
    return msg("rights.locked", "Period {p} is locked{b} after verification: it is the record that was reported, so "
               "{i} cannot change. Ask a verifier to unlock it first (the unlock and its reason are recorded).",
               "Periode {p} dikunci{bi} setelah verifikasi: itulah catatan yang sudah dilaporkan, jadi {ii} tidak "
               "bisa diubah. Minta verifikator membuka kuncinya dulu (pembukaan dan alasannya dicatat).",
               p=period, b=by_en, bi=by_id, i=what_en, ii=what_id)


def guard(before: Scorecard, after: Scorecard, locked: set[str] | dict[str, Lock]) -> Msg | None:
    """None when the change touches no locked period (values, notes or the period's own OMAX anchors),
    else the message refusing it."""
    hits = locked_edits(before, after, locked)
    notes = locked_note_edits(before, after, locked)
    anchors = locked_anchor_edits(before, after, locked)
    if not hits and not notes and not anchors:
        return None
    periods = sorted({p for _, p in hits} | {p for _, p, _ in notes} | {p for _, p in anchors})
    en = [f"{k} {p}" for k, p in hits] + [f"the {'narrative' if w == 'narrative' else 'notes'} of {k} {p}"
                                          for k, p, w in notes] + [f"the OMAX anchors of {k} {p}" for k, p in anchors]
    id_ = [f"{k} {p}" for k, p in hits] + [f"{'narasi' if w == 'narrative' else 'catatan tindak lanjut'} {k} {p}"
                                           for k, p, w in notes] + [f"anchor OMAX {k} {p}" for k, p in anchors]

    def items(xs: list[str]) -> str:
        return ", ".join(xs[:8]) + (" ..." if len(xs) > 8 else "")

    return locked_message(", ".join(periods), _by(periods, locked), items(en), items(id_))


def check_change(store: Store, scorecard_id: int, before: Scorecard, after: Scorecard) -> None:
    """Raise :class:`RightsError` (the :func:`guard` message) when the change from ``before`` to
    ``after`` touches a period of the stored scorecard that is locked now."""
    refusal = guard(before, after, locked_periods(store, scorecard_id))
    if refusal is not None:
        raise RightsError(refusal)


def refuse_if_locked(conn: sa.Connection, scorecard_id: int, period: str, what_en: str, what_id: str) -> None:
    """Raise :class:`RightsError` when ``period`` of the scorecard is locked (read in the caller's
    transaction ``conn``, so a lock taken meanwhile is seen); ``what_*`` says what cannot change."""
    by = conn.scalar(sa.select(period_locks.c.locked_by).where(period_locks.c.scorecard_id == scorecard_id,
                                                             period_locks.c.period == period))
    if by is not None:
        raise RightsError(locked_message(period, by, what_en, what_id))

"""Live group workshops (METHOD.md §2, "Groups"): participants judge pairs on their own devices,
the facilitator watches the group result form, then adopts it into the scorecard.

Roles and secrets
-----------------
* The **facilitator** creates a workshop for some judgment nodes of a scorecard and gets a
  ``join_code`` (8 characters from :data:`ALPHABET`, which leaves out 0/O/1/I/L; 31**8, about
  40 bits, from :mod:`secrets`) to show the room, and a ``facilitator_token``
  (``secrets.token_urlsafe(24)``) that every facilitator action requires.
* A **participant** joins with the code and a display name and gets a ``participant_token``.
  The token is the participant's only identity: no function takes a participant, workshop or
  scorecard id from a participant, so a participant can only read and change their own answers.
* The database stores only SHA-256 hashes of tokens; a presented token is hashed, looked up and
  compared with :func:`hmac.compare_digest`. Tampered or unknown tokens raise :class:`Forbidden`.

Joining is rate limited: at most :data:`JOIN_LIMIT` failed attempts per ``client_key`` (e.g. the
browser session or client address the page chooses) and per attempted code within
:data:`JOIN_WINDOW`; beyond that every attempt, even a right one, raises :class:`RateLimited`
until the window has passed. A wrong, malformed or closed code raises :class:`NotFound` with one
and the same message, so failures reveal nothing about which codes exist.

Answers
-------
A submission is one judgment "a is ``value`` times as important as b" under a node of the
workshop, on Saaty's scale (one of the 17 values 1/9 .. 9; ``"1/3"`` is accepted). It is stored
once per participant and pair in the node's child order ((b, a, v) is stored as (a, b, 1/v));
submitting the pair again replaces the answer (the latest answer wins).

A participant may answer "not sure" to a pair (:func:`skip`): it is stored as the marker
:data:`SKIPPED` (never a valid judgment) so that the facilitator sees the pair as dealt with, and it
is no judgment. For long nodes the facilitator may ask only some pairs (``pairs`` of
:func:`create_workshop`, e.g. :func:`ahp.spanning_pairs`: n - 1 that connect all children plus a
few); the pairs asked must connect all children.

Group result and partial answers
--------------------------------
All arithmetic comes from :mod:`scorecard.method.ahp`. Per node, every participant's answers count,
complete or not: the group matrix is :func:`ahp.aggregate_group`, whose entry for a pair is the
geometric mean over the participants who judged that pair (a pair nobody judged stays unjudged and
the group is weighed by Harker's method). :attr:`NodeGroup.respondents` counts participants with
at least one judgment of the node, :attr:`NodeGroup.partial` those of them who have not yet
answered or skipped every asked pair. Weights and CR (GCI for the geometric method) come from
:func:`ahp.analyze` with the scorecard's settings; when the judged pairs do not connect all
children there are no weights and :attr:`NodeGroup.problem` says so. Consensus is Goepel's S*
(:func:`ahp.consensus`) of the weights of the participants whose own judgments connect all
children; disputed pairs come from :func:`ahp.disputed_pairs`, largest spread first.

:func:`adopt` writes the group matrix's judgments (exact geometric means, not rounded to the
scale) into the scorecard, saves it and records one audit entry (kind ``adopt``) per changed
judgment with the node's CR before and after, all in one transaction. A pair nobody judged in the
workshop becomes unjudged in the scorecard too (audited with ``after`` None), so the node's
weights come from the group's judgments alone.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from scorecard.messages import Msg, msg
from scorecard.method import ahp
from scorecard.method.weights import node_weights
from scorecard.model import Scorecard
from scorecard.store.serialize import from_dict
from scorecard.store.storage import (
    Change,
    ConflictError,
    Saved,
    Store,
    join_attempts,
    pair_target,
    participants,
    scorecards,
    submissions,
    workshops,
)

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "JOIN_LIMIT",
    "JOIN_WINDOW",
    "WorkshopError",
    "NotFound",
    "RateLimited",
    "Forbidden",
    "Closed",
    "InvalidAnswer",
    "ParticipantStatus",
    "NodeGroup",
    "WorkshopView",
    "NodeQuestion",
    "ParticipantView",
    "AdoptResult",
    "create_workshop",
    "join",
    "submit",
    "skip",
    "SKIPPED",
    "my_answers",
    "participant_view",
    "facilitator_view",
    "close",
    "adopt",
    "format_code",
]

#: Join-code characters: no 0/O, 1/I/L (they are easily confused when read aloud or off a screen).
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
JOIN_LIMIT = 10
JOIN_WINDOW = timedelta(minutes=10)
MAX_NAME = 80
#: Stored in place of a value when a participant answers "not sure / skip" (judgments are > 0).
SKIPPED = -1.0
_TOKEN_BYTES = 24
_MAX_TOKEN_CHARS = 200


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class WorkshopError(Exception):
    """A workshop problem for people. ``.msg`` holds the bilingual message; str() is English."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.msg = message


class NotFound(WorkshopError):
    """No open workshop with that code (whatever the reason)."""

    def __init__(self) -> None:
        super().__init__(msg(
            "workshop.not_found",
            en="No open workshop has this code. Check the code with the facilitator and try again.",
            id="Tidak ada lokakarya terbuka dengan kode ini. Periksa kembali kodenya dengan fasilitator "
               "lalu coba lagi.",
        ))


class RateLimited(WorkshopError):
    """Too many failed join attempts."""

    def __init__(self) -> None:
        minutes = int(JOIN_WINDOW.total_seconds() // 60)
        super().__init__(msg(
            "workshop.rate_limited",
            en="Too many wrong codes. Wait {m} minutes, then try again.",
            id="Terlalu banyak kode yang salah. Tunggu {m} menit, lalu coba lagi.",
            m=minutes,
        ))


class Forbidden(WorkshopError):
    """The token is not valid for this action."""

    def __init__(self) -> None:
        super().__init__(msg(
            "workshop.forbidden",
            en="This link or key is not valid for this workshop. Ask the facilitator for a new one.",
            id="Tautan atau kunci ini tidak berlaku untuk lokakarya ini. Minta yang baru kepada fasilitator.",
        ))


class Closed(WorkshopError):
    """The workshop no longer accepts answers."""

    def __init__(self) -> None:
        super().__init__(msg(
            "workshop.closed",
            en="The facilitator has closed this workshop; answers can no longer be changed.",
            id="Fasilitator sudah menutup lokakarya ini; jawaban tidak dapat diubah lagi.",
        ))


class InvalidAnswer(WorkshopError, ValueError):
    """A value, pair, node or name that the workshop cannot accept."""


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantStatus:
    """One participant as the facilitator sees them. ``number`` is the join order (1-based; names
    need not be unique). ``cr[node]`` is the participant's own CR, None until the node is complete."""

    number: int
    name: str
    joined_at: datetime
    submitted: int
    total: int
    complete: bool
    cr: dict[str, float | None]
    last_answer_at: datetime | None
    skipped: int = 0


@dataclass(frozen=True, eq=False)
class NodeGroup:
    """The group result of one node. Everything is None (and ``disputed`` empty) until at least
    one participant has judged a pair of the node. ``matrix`` has NaN for pairs nobody judged;
    ``weights``/``cr``/``acceptable`` stay None while the judged pairs do not connect all children
    (``problem`` says so). ``pairs`` is the number of pairs asked; ``asked`` lists them.
    ``index_name``/``index`` is the consistency shown (``"GCI"`` for the geometric method)."""

    node: str
    children: tuple[str, ...]
    pairs: int
    respondents: int
    partial: int
    matrix: np.ndarray | None
    weights: dict[str, float] | None
    cr: float | None
    acceptable: bool | None
    consensus: float | None
    disputed: list[tuple[str, str, float]]
    skipped: int = 0
    problem: Msg | None = None
    asked: tuple[tuple[str, str], ...] = ()
    index_name: str = "CR"
    index: float | None = None


@dataclass(frozen=True, eq=False)
class WorkshopView:
    """What the facilitator sees."""

    workshop_id: int
    scorecard_id: int
    join_code: str
    status: str
    facilitator: str
    created_at: datetime
    closed_at: datetime | None
    adopted_at: datetime | None
    method: str
    ri_table: str
    policy: str
    participants: list[ParticipantStatus]
    nodes: list[NodeGroup]


@dataclass(frozen=True)
class NodeQuestion:
    """One node a participant answers: its children and the pairs (a, b) to judge, in order."""

    node: str
    children: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ParticipantView:
    """What a participant sees: the questions, readable labels ``{id: (en, id)}`` for nodes and
    children, and their own answers ``{node: {(a, b): value}}``."""

    name: str
    status: str
    questions: list[NodeQuestion]
    labels: dict[str, tuple[str, str]]
    answers: dict[str, dict[tuple[str, str], float]]


@dataclass(frozen=True)
class AdoptResult:
    """What :func:`adopt` did: the scorecard's new revision, the audit entries written, and the
    nodes left unchanged because nobody had answered all of their pairs."""

    scorecard_id: int
    revision: int
    changes: list[Change]
    skipped: list[str]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _token_hash(token: object) -> str:
    """The hash of a presented token, or Forbidden for anything that cannot be a token."""
    if not isinstance(token, str) or not 0 < len(token) <= _MAX_TOKEN_CHARS:
        raise Forbidden()
    return _sha256(token)


def _normalise_code(code: object) -> str:
    if not isinstance(code, str):
        return ""
    return "".join(ch for ch in code.upper() if not ch.isspace() and ch != "-")[:64]


def format_code(code: str) -> str:
    """A join code for display: ``"ABCD-EFGH"`` (join accepts it with or without the dash)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _pairs(children: Sequence[str]) -> list[tuple[str, str]]:
    return [(children[i], children[j]) for i in range(len(children)) for j in range(i + 1, len(children))]


def _questions(nodes_json: Any) -> list[NodeQuestion]:
    out = []
    for item in nodes_json:
        children = tuple(item["children"])
        asked = item.get("pairs")
        pairs = tuple((a, b) for a, b in asked) if asked else tuple(_pairs(children))
        out.append(NodeQuestion(item["node"], children, pairs))
    return out


def _scale_value(value: object) -> float:
    """``value`` as one of the 17 values of Saaty's scale, or InvalidAnswer."""
    try:
        v = ahp.parse_judgment(value)  # type: ignore[arg-type]
    except ahp.AhpInputError as e:
        raise InvalidAnswer(e.msg) from None
    s = ahp.nearest_scale(v)
    if abs(math.log(v / s)) > 1e-6:
        raise InvalidAnswer(msg(
            "workshop.off_scale",
            en="{v} is not on the scale: choose 1, 2, ..., 9 or 1/2, ..., 1/9.",
            id="{v} tidak ada pada skala: pilih 1, 2, ..., 9 atau 1/2, ..., 1/9.",
            v=repr(value),
        ))
    return s


def _facilitator_workshop(conn: Connection, token: object) -> Row[Any]:
    h = _token_hash(token)
    row = conn.execute(sa.select(workshops).where(workshops.c.facilitator_token_hash == h)).first()
    if row is None or not hmac.compare_digest(row.facilitator_token_hash, h):
        raise Forbidden()
    return row


def _participant(conn: Connection, token: object) -> tuple[Row[Any], Row[Any]]:
    """(participant row, workshop row) for a participant token, or Forbidden."""
    h = _token_hash(token)
    p = conn.execute(sa.select(participants).where(participants.c.participant_token_hash == h)).first()
    if p is None or not hmac.compare_digest(p.participant_token_hash, h):
        raise Forbidden()
    w = conn.execute(sa.select(workshops).where(workshops.c.id == p.workshop_id)).one()
    return p, w


def _answers_of(conn: Connection, participant_ids: Iterable[int]) -> dict[int, dict[str, dict[tuple[str, str], float]]]:
    ids = list(participant_ids)
    out: dict[int, dict[str, dict[tuple[str, str], float]]] = {i: {} for i in ids}
    if not ids:
        return out
    rows = conn.execute(sa.select(submissions.c.participant_id, submissions.c.node, submissions.c.a,
                                  submissions.c.b, submissions.c.value)
                        .where(submissions.c.participant_id.in_(ids))
                        .order_by(submissions.c.participant_id, submissions.c.id)).all()
    for r in rows:
        out[r.participant_id].setdefault(r.node, {})[(r.a, r.b)] = r.value  # SKIPPED included
    return out


def _judged(given: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """The real judgments among a participant's answers (without "not sure" markers)."""
    return {k: v for k, v in given.items() if v > 0}


def _scorecard_of(conn: Connection, scorecard_id: int) -> Scorecard:
    payload = conn.scalar(sa.select(scorecards.c.payload).where(scorecards.c.id == scorecard_id))
    return from_dict(payload)


# --------------------------------------------------------------------------------------------
# Facilitator: create
# --------------------------------------------------------------------------------------------


def _asked_pairs(node: str, children: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    """The pairs to ask under ``node`` in child order, checked: known children, no duplicates, and
    together connecting all children."""
    index = {c: k for k, c in enumerate(children)}
    seen: set[tuple[int, int]] = set()
    for a, b in pairs:
        if a not in index or b not in index or a == b:
            raise InvalidAnswer(msg(
                "workshop.bad_pair",
                en='"{a}" vs "{b}" under "{n}" is not one of this workshop\'s comparisons.',
                id='"{a}" terhadap "{b}" di bawah "{n}" bukan perbandingan dalam lokakarya ini.',
                a=a, b=b, n=node,
            ))
        i, j = sorted((index[a], index[b]))
        seen.add((i, j))
    if not ahp.connects_all(len(children), sorted(seen)):
        raise InvalidAnswer(msg(
            "workshop.pairs_disconnected",
            en='The pairs asked under "{n}" do not connect all of its {k} items: ask at least {m} pairs that '
               "link every item to the others.",
            id='Pasangan yang ditanyakan di bawah "{n}" tidak menghubungkan semua {k} elemennya: tanyakan '
               "minimal {m} pasangan yang menghubungkan setiap elemen dengan yang lain.",
            n=node, k=len(children), m=len(children) - 1,
        ))
    return [[children[i], children[j]] for i, j in sorted(seen)]


def create_workshop(store: Store, scorecard_id: int, nodes: Sequence[str], facilitator: str,
                    pairs: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> tuple[int, str, str]:
    """Open a workshop on ``nodes`` (judgment nodes of the scorecard, each with >= 2 children).

    Returns ``(workshop_id, join_code, facilitator_token)``. The token is shown once: only its
    hash is stored. The children of each node are frozen at this moment (their order is the
    order of the pairs participants see). ``pairs[node]`` asks only those pairs of a node (they
    must connect all its children, e.g. :func:`ahp.spanning_pairs`); other nodes ask every pair.
    """
    sc = store.load_scorecard(scorecard_id)
    chosen: list[dict[str, Any]] = []
    for node in dict.fromkeys(nodes):
        try:
            children = sc.children(node)
        except KeyError:
            raise InvalidAnswer(msg(
                "workshop.bad_node",
                en='"{n}" is not a node of this scorecard.',
                id='"{n}" bukan simpul dalam kartu skor ini.',
                n=node,
            )) from None
        if len(children) < 2:
            raise InvalidAnswer(msg(
                "workshop.small_node",
                en='"{n}" has fewer than two children: there is nothing to compare.',
                id='"{n}" memiliki kurang dari dua anggota: tidak ada yang dapat dibandingkan.',
                n=node,
            ))
        item: dict[str, Any] = {"node": node, "children": list(children)}
        if pairs and node in pairs:
            item["pairs"] = _asked_pairs(node, children, pairs[node])
        chosen.append(item)
    if not chosen:
        raise InvalidAnswer(msg(
            "workshop.no_nodes",
            en="Choose at least one comparison for the workshop.",
            id="Pilih minimal satu perbandingan untuk lokakarya.",
        ))
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    for _ in range(10):  # a code collision (~1 in 8.5e11 per open workshop) just draws again
        code = _new_code()
        try:
            with store.begin() as conn:
                res = conn.execute(sa.insert(workshops).values(
                    scorecard_id=scorecard_id, join_code=code, facilitator_token_hash=_sha256(token),
                    facilitator=facilitator, nodes=chosen, status="open", created_at=store.now()))
                return int(res.inserted_primary_key[0]), code, token
        except sa.exc.IntegrityError:
            continue
    raise RuntimeError("could not draw a unique join code")  # pragma: no cover


# --------------------------------------------------------------------------------------------
# Participants
# --------------------------------------------------------------------------------------------


def join(store: Store, code: str, name: str, client_key: str) -> str:
    """Join the open workshop with ``code`` as ``name``; returns the participant token.

    Raises :class:`InvalidAnswer` for an empty or too long name (not counted as an attempt),
    :class:`RateLimited` after too many failures from ``client_key`` or on ``code``, and
    :class:`NotFound` (always the same message) for a wrong, malformed or closed code.
    """
    clean = " ".join(str(name).split())
    if not clean or len(clean) > MAX_NAME:
        raise InvalidAnswer(msg(
            "workshop.bad_name",
            en="Enter your name (1 to {m} characters).",
            id="Isi nama Anda (1 sampai {m} karakter).",
            m=MAX_NAME,
        ))
    normal = _normalise_code(code)
    client_hash = _sha256("client:" + str(client_key))
    code_hash = _sha256("code:" + normal)
    now = store.now()
    failed = False
    with store.begin() as conn:
        store.lock(conn, "join-client:" + client_hash)
        store.lock(conn, "join-code:" + code_hash)
        since = now - JOIN_WINDOW
        for column, value in ((join_attempts.c.client_key_hash, client_hash), (join_attempts.c.code_hash, code_hash)):
            n = conn.scalar(sa.select(sa.func.count()).select_from(join_attempts)
                            .where(column == value, join_attempts.c.at > since))
            if int(n or 0) >= JOIN_LIMIT:
                raise RateLimited()
        row = None
        if len(normal) == CODE_LENGTH and all(ch in ALPHABET for ch in normal):
            row = conn.execute(sa.select(workshops.c.id, workshops.c.join_code)
                               .where(workshops.c.join_code == normal, workshops.c.status == "open")).first()
        if row is None or not hmac.compare_digest(row.join_code, normal):
            failed = True
            conn.execute(sa.insert(join_attempts).values(client_key_hash=client_hash, code_hash=code_hash, at=now))
            # Housekeeping: old attempts no longer count for anything.
            conn.execute(sa.delete(join_attempts).where(join_attempts.c.at < now - 6 * JOIN_WINDOW))
            token = ""
        else:
            token = secrets.token_urlsafe(_TOKEN_BYTES)
            conn.execute(sa.insert(participants).values(workshop_id=row.id, name=clean,
                                                        participant_token_hash=_sha256(token), joined_at=now))
    if failed:  # raised after the commit, so the failed attempt is recorded
        raise NotFound()
    return token


def skip(store: Store, participant_token: str, node: str, a: str, b: str) -> None:
    """Record "not sure" for the pair (replacing an earlier answer): the pair counts as dealt with
    for the participant's progress but is no judgment (the group uses the others' answers)."""
    _record(store, participant_token, node, a, b, SKIPPED)


def submit(store: Store, participant_token: str, node: str, a: str, b: str, value: float | str) -> None:
    """Record the participant's judgment "``a`` is ``value`` times as important as ``b``" under
    ``node`` (replacing their earlier answer to that pair). One transaction."""
    _record(store, participant_token, node, a, b, _scale_value(value))


def _record(store: Store, participant_token: str, node: str, a: str, b: str, v: float) -> None:
    """Store one answer (a scale value or :data:`SKIPPED`) in the node's child order."""
    with store.begin() as conn:
        p, w = _participant(conn, participant_token)
        if w.status != "open":
            raise Closed()
        question = next((q for q in _questions(w.nodes) if q.node == node), None)
        if question is None or a == b or a not in question.children or b not in question.children:
            raise InvalidAnswer(msg(
                "workshop.bad_pair",
                en='"{a}" vs "{b}" under "{n}" is not one of this workshop\'s comparisons.',
                id='"{a}" terhadap "{b}" di bawah "{n}" bukan perbandingan dalam lokakarya ini.',
                a=a, b=b, n=node,
            ))
        if question.children.index(a) > question.children.index(b):
            a, b, v = b, a, (v if v == SKIPPED else ahp.nearest_scale(1.0 / v))
        if (a, b) not in question.pairs:
            raise InvalidAnswer(msg(
                "workshop.pair_not_asked",
                en='"{a}" vs "{b}" under "{n}" is not asked in this workshop.',
                id='"{a}" terhadap "{b}" di bawah "{n}" tidak ditanyakan dalam lokakarya ini.',
                a=a, b=b, n=node,
            ))
        store.upsert(conn, submissions,
                     {"participant_id": p.id, "node": node, "a": a, "b": b, "value": v,
                      "submitted_at": store.now()},
                     keys=("participant_id", "node", "a", "b"), update=("value", "submitted_at"))


def my_answers(store: Store, participant_token: str) -> dict[str, dict[tuple[str, str], float]]:
    """The participant's own answers, ``{node: {(a, b): value}}`` in the node's child order."""
    with store.read() as conn:
        p, _ = _participant(conn, participant_token)
        return _answers_of(conn, [p.id])[p.id]


def participant_view(store: Store, participant_token: str) -> ParticipantView:
    """Everything a participant's page needs: questions, labels, own answers, workshop status."""
    with store.read() as conn:
        p, w = _participant(conn, participant_token)
        answers = _answers_of(conn, [p.id])[p.id]
        sc = _scorecard_of(conn, w.scorecard_id)
    questions = _questions(w.nodes)
    labels: dict[str, tuple[str, str]] = {}
    for q in questions:
        for item in (q.node, *q.children):
            labels[item] = (sc.node_label(item, "en"), sc.node_label(item, "id"))
    return ParticipantView(p.name, w.status, questions, labels, answers)


# --------------------------------------------------------------------------------------------
# Facilitator: view, close, adopt
# --------------------------------------------------------------------------------------------


def _build_view(w: Row[Any], sc: Scorecard, people: Sequence[Row[Any]],
                answers: dict[int, dict[str, dict[tuple[str, str], float]]]) -> WorkshopView:
    s = sc.settings
    method, ri, policy = s.priority_method, s.ri_table, s.cr_policy
    questions = _questions(w.nodes)
    total = sum(len(q.pairs) for q in questions)
    crs: dict[int, dict[str, float | None]] = {p.id: {} for p in people}
    groups: list[NodeGroup] = []
    nan = float("nan")
    for q in questions:
        matrices: list[np.ndarray] = []
        vectors: list[np.ndarray] = []
        partial = skipped = 0
        for p in people:
            given = answers[p.id].get(q.node, {})
            judged = _judged(given)
            skipped += len(given) - len(judged)
            crs[p.id][q.node] = None
            if not judged:
                continue
            partial += len(given) < len(q.pairs)
            matrix, _missing = ahp.matrix_from_pairs(q.children, judged, missing_as=nan)
            matrices.append(matrix)
            try:
                res = ahp.analyze(matrix, method=method, ri=ri, policy=policy, labels=q.children)
            except ahp.AhpInputError:  # the participant's own judgments do not connect all children (yet)
                continue
            crs[p.id][q.node] = float(res.index)
            vectors.append(res.weights)
        if not matrices:
            groups.append(NodeGroup(q.node, q.children, len(q.pairs), 0, partial, None, None, None, None, None, [],
                                    skipped, None, q.pairs))
            continue
        group = ahp.aggregate_group(matrices)
        disputed = ahp.disputed_pairs(matrices, q.children)
        consensus = float(ahp.consensus(vectors)) if vectors else None
        try:
            res = ahp.analyze(group, method=method, ri=ri, policy=policy, labels=q.children)
        except ahp.AhpInputError as e:
            groups.append(NodeGroup(q.node, q.children, len(q.pairs), len(matrices), partial, group, None, None,
                                    None, consensus, disputed, skipped, e.msg, q.pairs))
            continue
        groups.append(NodeGroup(
            q.node, q.children, len(q.pairs), len(matrices), partial, group,
            {c: float(x) for c, x in zip(q.children, res.weights, strict=True)}, float(res.cr),
            bool(res.acceptable), consensus, disputed, skipped, None, q.pairs, res.index_name, float(res.index)))
    statuses = []
    for number, p in enumerate(people, start=1):
        given = answers[p.id]
        submitted = sum(len(given.get(q.node, {})) for q in questions)
        judged = sum(len(_judged(given.get(q.node, {}))) for q in questions)
        statuses.append(ParticipantStatus(number, p.name, p.joined_at, submitted, total, submitted >= total,
                                          crs[p.id], p.last_answer_at, submitted - judged))
    return WorkshopView(w.id, w.scorecard_id, w.join_code, w.status, w.facilitator, w.created_at, w.closed_at,
                        w.adopted_at, method, ri, policy, statuses, groups)


def _read_view(conn: Connection, w: Row[Any]) -> WorkshopView:
    last = (sa.select(sa.func.max(submissions.c.submitted_at))
            .where(submissions.c.participant_id == participants.c.id).scalar_subquery())
    people = conn.execute(sa.select(participants.c.id, participants.c.name, participants.c.joined_at,
                                    last.label("last_answer_at"))
                          .where(participants.c.workshop_id == w.id)
                          .order_by(participants.c.joined_at, participants.c.id)).all()
    answers = _answers_of(conn, [p.id for p in people])
    sc = _scorecard_of(conn, w.scorecard_id)
    return _build_view(w, sc, people, answers)


def facilitator_view(store: Store, facilitator_token: str) -> WorkshopView:
    """Participants' progress and the group result per node (one consistent snapshot)."""
    with store.read() as conn:
        w = _facilitator_workshop(conn, facilitator_token)
        return _read_view(conn, w)


def close(store: Store, facilitator_token: str) -> None:
    """Stop accepting joins and answers (idempotent)."""
    with store.begin() as conn:
        w = _facilitator_workshop(conn, facilitator_token)
        if w.status != "closed":
            conn.execute(sa.update(workshops).where(workshops.c.id == w.id)
                         .values(status="closed", closed_at=store.now()))


def _children(sc: Scorecard, node: str) -> list[str]:
    try:
        return sc.children(node)
    except KeyError:
        return []


def _current_value(pairs: dict[tuple[str, str], float], a: str, b: str) -> float | None:
    if (a, b) in pairs:
        return float(pairs[(a, b)])
    if (b, a) in pairs:
        return 1.0 / float(pairs[(b, a)])
    return None


def adopt(store: Store, facilitator_token: str, actor: str) -> AdoptResult:
    """Write the group judgments into the scorecard (exact geometric means), save it and audit
    every changed judgment (kind ``adopt``, with the node's CR before and after), in one
    transaction. Works whether the workshop is open or closed; nodes that nobody has completed
    are left as they are (``skipped``). Raises :class:`InvalidAnswer` if the scorecard's
    hierarchy under a workshop node has changed since the workshop was created, and
    :class:`~scorecard.store.storage.ConflictError` only if the scorecard keeps changing under it.
    """
    for _attempt in range(3):
        with store.begin() as conn:
            w = _facilitator_workshop(conn, facilitator_token)
            view = _read_view(conn, w)
            row = conn.execute(sa.select(scorecards.c.revision, scorecards.c.payload)
                               .where(scorecards.c.id == w.scorecard_id)).one()
            sc = from_dict(row.payload)
            s = sc.settings
            changed_structure = [g.node for g in view.nodes
                                 if g.matrix is not None and set(_children(sc, g.node)) != set(g.children)]
            if changed_structure:
                raise InvalidAnswer(msg(
                    "workshop.structure_changed",
                    en="The scorecard's structure under {n} changed after the workshop started; the group "
                       "answers no longer fit and were not adopted.",
                    id="Struktur kartu skor di bawah {n} berubah setelah lokakarya dimulai; jawaban kelompok "
                       "tidak lagi cocok dan tidak diterapkan.",
                    n=", ".join(changed_structure),
                ))
            changes: list[Change] = []
            skipped: list[str] = []
            for g in view.nodes:
                if g.matrix is None or g.weights is None:
                    skipped.append(g.node)
                    continue
                cr_before = node_weights(sc, g.node, s.priority_method, s.ri_table, s.cr_policy).cr
                current = sc.judgments.get(g.node, {})
                pending: list[tuple[str, str, float | None, float | None]] = []
                judged = ahp.pairs_from_matrix(g.children, g.matrix)
                for a, b in _pairs(g.children):
                    before, value = _current_value(current, a, b), judged.get((a, b))
                    if before != value:
                        pending.append((a, b, before, value))
                for a, b, _before, value in pending:
                    if value is None:  # nobody judged the pair in the workshop: unjudged in the scorecard too
                        sc.judgments.get(g.node, {}).pop((a, b), None)
                        sc.judgments.get(g.node, {}).pop((b, a), None)
                    else:
                        sc.set_judgment(g.node, a, b, value)
                if not pending:
                    continue
                cr_after = node_weights(sc, g.node, s.priority_method, s.ri_table, s.cr_policy).cr
                changes += [Change("adopt", pair_target(g.node, a, b), before, value, cr_before, cr_after)
                            for a, b, before, value in pending]
            try:
                saved: Saved = store.write_scorecard(conn, sc, actor, scorecard_id=w.scorecard_id,
                                                     expected_revision=row.revision, changes=changes)
            except ConflictError:  # PostgreSQL: someone saved between our read and write; nothing written
                continue
            conn.execute(sa.update(workshops).where(workshops.c.id == w.id).values(adopted_at=store.now()))
            return AdoptResult(saved.id, saved.revision, changes, skipped)
    raise ConflictError(view.scorecard_id, int(row.revision), int(row.revision) + 1)

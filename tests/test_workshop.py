"""Live group workshops: joining, answering, the facilitator's view, adopting, access control,
concurrency and durability. Every test runs on SQLite and PostgreSQL (tests/pg.py)."""

from __future__ import annotations

import inspect
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from scorecard.method import ahp
from scorecard.method.weights import node_weights
from scorecard.model import KPI, ROOT, Objective, Perspective, Scorecard
from scorecard.store import storage
from scorecard.store import workshop as ws
from scorecard.store.storage import Store
from tests.pg import db_url, pg_server_url

# pytest fixtures from tests/pg.py (no conftest); listing them marks the import as used.
__all__ = ["db_url", "pg_server_url"]

REPO = Path(__file__).resolve().parent.parent
PERSPECTIVES = ["Financial", "Customer", "Internal", "Learning"]


def make_scorecard() -> Scorecard:
    """4 perspectives x 4 objectives x 3 KPIs: 6 + 4*6 + 16*3 = 78 pairs in all."""
    sc = Scorecard(name="Workshop office")
    for p in PERSPECTIVES:
        sc.perspectives.append(Perspective(p, p, p + " (id)"))
        for i in range(1, 5):
            code = f"{p[0]}{i}"
            sc.objectives.append(Objective(code, p, f"Objective {code}"))
            for k in "abc":
                sc.kpis.append(KPI(code + k, code, f"KPI {code}{k}", worst=0.0))
    sc.set_judgment(ROOT, "Financial", "Customer", 1 / 3)  # some existing judgments
    sc.set_judgment(ROOT, "Internal", "Financial", 2.0)
    return sc


def all_pairs(sc: Scorecard, nodes: list[str]) -> list[tuple[str, str, str]]:
    out = []
    for node in nodes:
        kids = sc.children(node)
        out += [(node, kids[i], kids[j]) for i in range(len(kids)) for j in range(i + 1, len(kids))]
    return out


class Clock:
    """A clock the tests move forward."""

    def __init__(self) -> None:
        self.t = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(microseconds=1)
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(db_url: str, clock: Clock) -> Iterator[Store]:
    with Store(db_url, clock=clock) as s:
        s.migrate()
        yield s


@pytest.fixture
def scorecard_id(store: Store) -> int:
    return store.save_scorecard(make_scorecard(), "facilitator").id


# --------------------------------------------------------------------------------------------
# Creating and joining
# --------------------------------------------------------------------------------------------


def test_create_workshop_codes_tokens_and_hashes(store: Store, scorecard_id: int) -> None:
    wid, code, token = ws.create_workshop(store, scorecard_id, [ROOT, "Customer", ROOT], "Dewi")
    assert len(code) == ws.CODE_LENGTH and set(code) <= set(ws.ALPHABET)
    assert not set("0O1IL") & set(ws.ALPHABET) and len(ws.ALPHABET) ** ws.CODE_LENGTH > 2**39
    assert len(token) >= 32
    codes = {ws.create_workshop(store, scorecard_id, [ROOT], "Dewi")[1] for _ in range(5)}
    assert len(codes) == 5
    ptoken = ws.join(store, ws.format_code(code).lower(), "  Ayu  Lestari ", "laptop-1")  # dash, case, spaces
    with store.read() as conn:
        w = conn.execute(sa.select(storage.workshops).where(storage.workshops.c.id == wid)).one()
        p = conn.execute(sa.select(storage.participants)).one()
    assert w.status == "open" and w.facilitator == "Dewi"
    assert [n["node"] for n in w.nodes] == [ROOT, "Customer"]  # duplicates dropped, order kept
    assert w.facilitator_token_hash != token and len(w.facilitator_token_hash) == 64
    assert p.name == "Ayu Lestari" and p.participant_token_hash != ptoken
    dump = json.dumps([list(w), list(p)], default=str)
    assert token not in dump and ptoken not in dump  # only hashes are stored
    for bad_nodes in ([], ["Nowhere"], ["F1a"]):
        with pytest.raises(ws.InvalidAnswer):
            ws.create_workshop(store, scorecard_id, bad_nodes, "Dewi")
    with pytest.raises(storage.ScorecardNotFound):
        ws.create_workshop(store, 987_654, [ROOT], "Dewi")
    for bad_name in ("", "   ", "x" * (ws.MAX_NAME + 1)):
        with pytest.raises(ws.InvalidAnswer):
            ws.join(store, code, bad_name, "laptop-1")


def test_submit_validates_and_latest_answer_wins(store: Store, scorecard_id: int) -> None:
    _, code, _ = ws.create_workshop(store, scorecard_id, [ROOT, "C1"], "Dewi")
    t = ws.join(store, code, "Ayu", "k")
    ws.submit(store, t, ROOT, "Financial", "Customer", 3)
    ws.submit(store, t, ROOT, "Learning", "Financial", "1/5")  # reversed pair: stored as Financial vs Learning
    ws.submit(store, t, "C1", "C1a", "C1b", "7")
    ws.submit(store, t, ROOT, "Financial", "Customer", 0.5)  # replaces 3
    ws.submit(store, t, ROOT, "Customer", "Financial", 4)  # the same pair again, other way round
    assert ws.my_answers(store, t) == {ROOT: {("Financial", "Customer"): 0.25, ("Financial", "Learning"): 5.0},
                                       "C1": {("C1a", "C1b"): 7.0}}
    with store.read() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(storage.submissions)) == 3
    for value in (0, -3, 10, 1 / 10, 2.5, "abc", "1/0", True, None, float("nan")):
        with pytest.raises(ws.InvalidAnswer):
            ws.submit(store, t, ROOT, "Financial", "Customer", value)  # type: ignore[arg-type]
    for node, a, b in ((ROOT, "Financial", "Financial"), (ROOT, "Financial", "F1"), ("C2", "C2a", "C2b"),
                       ("Nowhere", "x", "y")):
        with pytest.raises(ws.InvalidAnswer) as info:
            ws.submit(store, t, node, a, b, 3)
        assert info.value.msg.id
    assert ws.my_answers(store, t)[ROOT][("Financial", "Customer")] == 0.25

    view = ws.participant_view(store, t)
    assert view.name == "Ayu" and view.status == "open"
    assert [q.node for q in view.questions] == [ROOT, "C1"]
    assert view.questions[1].pairs == (("C1a", "C1b"), ("C1a", "C1c"), ("C1b", "C1c"))
    assert view.labels["C1a"] == ("C1a KPI C1a", "C1a KPI C1a") and view.labels["Customer"][1] == "Customer (id)"
    assert view.answers == ws.my_answers(store, t)


# --------------------------------------------------------------------------------------------
# Facilitator view and adopting
# --------------------------------------------------------------------------------------------

ANSWERS = {  # participant -> judgments of "Customer" (C1..C4) ; "Ika" answers only some pairs
    "Ayu": {("C1", "C2"): 3, ("C1", "C3"): 5, ("C1", "C4"): 1, ("C2", "C3"): 2, ("C2", "C4"): 1 / 3,
            ("C3", "C4"): 1 / 5},
    "Budi": {("C1", "C2"): 1 / 2, ("C1", "C3"): 4, ("C1", "C4"): 2, ("C2", "C3"): 3, ("C2", "C4"): 1,
             ("C3", "C4"): 1 / 3},
    "Citra": {("C1", "C2"): 9, ("C1", "C3"): 1 / 9, ("C1", "C4"): 7, ("C2", "C3"): 1 / 7, ("C2", "C4"): 6,
              ("C3", "C4"): 8},
    "Ika": {("C1", "C2"): 5, ("C3", "C4"): 1},
}


def _run_workshop(store: Store, scorecard_id: int) -> tuple[str, dict[str, str]]:
    _, code, ftoken = ws.create_workshop(store, scorecard_id, ["Customer", ROOT], "Dewi")
    tokens = {}
    for name, pairs in ANSWERS.items():
        tokens[name] = ws.join(store, code, name, "room-1")
        for (a, b), v in pairs.items():
            ws.submit(store, tokens[name], "Customer", a, b, v)
    ws.submit(store, tokens["Ayu"], ROOT, "Financial", "Customer", 3)  # ROOT: partial answers only
    return ftoken, tokens


def test_facilitator_view_uses_ahp_group_functions(store: Store, scorecard_id: int) -> None:
    ftoken, _ = _run_workshop(store, scorecard_id)
    view = ws.facilitator_view(store, ftoken)
    kids = ["C1", "C2", "C3", "C4"]
    complete = ["Ayu", "Budi", "Citra"]
    mats = [ahp.matrix_from_pairs(kids, ANSWERS[n])[0] for n in complete]
    results = [ahp.analyze(m, method="eigen") for m in mats]

    assert view.status == "open" and view.method == "eigen" and view.scorecard_id == scorecard_id
    assert [(p.number, p.name, p.submitted, p.total, p.complete) for p in view.participants] == [
        (1, "Ayu", 7, 12, False), (2, "Budi", 6, 12, False), (3, "Citra", 6, 12, False), (4, "Ika", 2, 12, False)]
    for p, r in zip(view.participants[:3], results, strict=True):
        assert p.cr["Customer"] == pytest.approx(r.cr) and p.cr[ROOT] is None
        assert p.joined_at.tzinfo is not None and p.last_answer_at is not None
    assert view.participants[3].cr == {"Customer": None, ROOT: None}

    customer, root = view.nodes
    assert customer.node == "Customer" and customer.children == tuple(kids) and customer.pairs == 6
    # Ika judged 2 of 6 pairs: she counts for those two (geometric mean over who judged each pair),
    # but her own judgments do not connect C1..C4, so she has no CR and no weights for the consensus.
    assert (customer.respondents, customer.partial, customer.skipped) == (4, 1, 0)
    ika = ahp.matrix_from_pairs(kids, ANSWERS["Ika"], missing_as=float("nan"))[0]
    group = ahp.aggregate_group([*mats, ika])
    assert group[0, 1] == pytest.approx((3 * 0.5 * 9 * 5) ** 0.25) and group[0, 2] == pytest.approx((5 * 4 / 9) ** (1 / 3))
    assert customer.matrix is not None and np.allclose(customer.matrix, group, rtol=0, atol=1e-15)
    res = ahp.analyze(group)
    assert list(customer.weights.values()) == pytest.approx(list(res.weights))  # type: ignore[union-attr]
    assert customer.cr == pytest.approx(res.cr) and customer.acceptable == res.acceptable
    assert customer.consensus == pytest.approx(ahp.consensus([r.weights for r in results]))
    assert customer.disputed == ahp.disputed_pairs([*mats, ika], kids)
    assert customer.disputed[0][2] >= customer.disputed[-1][2] > 0
    assert customer.index_name == "CR" and customer.index == pytest.approx(res.cr) and customer.problem is None
    # ROOT: one pair judged by one person cannot weigh four perspectives: no weights, and a message.
    assert (root.respondents, root.partial, root.weights, root.cr, root.consensus) == (1, 1, None, None, None)
    assert root.matrix is not None and root.matrix[0, 1] == pytest.approx(3) and np.isnan(root.matrix[0, 2])
    assert root.problem is not None and root.problem.code == "ahp.disconnected"


def test_adopt_writes_exact_group_values_with_audit(store: Store, scorecard_id: int) -> None:
    ftoken, tokens = _run_workshop(store, scorecard_id)
    before = store.load_record(scorecard_id)
    group = ws.facilitator_view(store, ftoken).nodes[0].matrix
    result = ws.adopt(store, ftoken, "Dewi")
    assert result.scorecard_id == scorecard_id and result.revision == before.revision + 1
    assert result.skipped == [ROOT]
    after = store.load_record(scorecard_id)
    assert after.revision == result.revision and after.updated_by == "Dewi"
    kids = ["C1", "C2", "C3", "C4"]
    expected = ahp.pairs_from_matrix(kids, group)
    assert after.scorecard.judgments["Customer"] == expected  # exact floats, not rounded to the scale
    assert any(v not in ahp.SCALE for v in expected.values())
    assert after.scorecard.judgments[ROOT] == before.scorecard.judgments[ROOT]  # skipped node untouched

    log = store.changes(scorecard_id)
    assert len(log) == 6 and {c.kind for c in log} == {"adopt"} and {c.actor for c in log} == {"Dewi"}
    s = after.scorecard.settings
    cr_before = node_weights(before.scorecard, "Customer", s.priority_method, s.ri_table, s.cr_policy).cr
    cr_after = node_weights(after.scorecard, "Customer", s.priority_method, s.ri_table, s.cr_policy).cr
    for c, ((a, b), v) in zip(log, expected.items(), strict=True):
        assert c.target == storage.pair_target("Customer", a, b)
        assert (c.before, c.after) == (None, v)
        assert c.cr_before == pytest.approx(cr_before) and c.cr_after == pytest.approx(cr_after)
    assert result.changes[0].after == log[0].after
    assert ws.facilitator_view(store, ftoken).adopted_at is not None

    # Adopting the same result again changes nothing (and audits nothing).
    again = ws.adopt(store, ftoken, "Dewi")
    assert again.changes == [] and len(store.changes(scorecard_id)) == 6

    # One more answer changes the group: only the pairs whose value moved are audited, with old values.
    ws.submit(store, tokens["Ika"], "Customer", "C1", "C3", 1)
    ws.submit(store, tokens["Ika"], "Customer", "C1", "C4", 1)
    ws.submit(store, tokens["Ika"], "Customer", "C2", "C3", 1)
    ws.submit(store, tokens["Ika"], "Customer", "C2", "C4", 1)
    third = ws.adopt(store, ftoken, "Dewi")
    assert 0 < len(third.changes) <= 6
    assert all(c.before == expected[tuple(c.target.split(": ")[1].split(" vs "))] for c in third.changes)


def test_adopt_refuses_when_the_hierarchy_changed(store: Store, scorecard_id: int) -> None:
    ftoken, _ = _run_workshop(store, scorecard_id)
    rec = store.load_record(scorecard_id)
    sc = rec.scorecard
    sc.objectives.append(Objective("C5", "Customer", "New objective"))
    store.save_scorecard(sc, "someone", scorecard_id=scorecard_id, expected_revision=rec.revision)
    with pytest.raises(ws.InvalidAnswer) as info:
        ws.adopt(store, ftoken, "Dewi")
    assert info.value.msg.code == "workshop.structure_changed"
    assert store.load_record(scorecard_id).revision == rec.revision + 1


# --------------------------------------------------------------------------------------------
# Access control
# --------------------------------------------------------------------------------------------


def _tamper(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def test_tokens_and_roles(store: Store, scorecard_id: int) -> None:
    _, code_a, fac_a = ws.create_workshop(store, scorecard_id, ["Customer"], "Dewi")
    _, code_b, fac_b = ws.create_workshop(store, scorecard_id, ["Financial"], "Eko")
    ayu = ws.join(store, code_a, "Ayu", "k1")
    budi = ws.join(store, code_a, "Budi", "k2")
    other = ws.join(store, code_b, "Citra", "k3")

    for bad in (_tamper(fac_a), fac_a + "x", "", "x" * 5000, None, 12345, ayu):
        with pytest.raises(ws.Forbidden) as info:
            ws.facilitator_view(store, bad)  # type: ignore[arg-type]
        assert info.value.msg.code == "workshop.forbidden"
        for action in (ws.close, lambda s, t: ws.adopt(s, t, "x")):
            with pytest.raises(ws.Forbidden):
                action(store, bad)  # type: ignore[arg-type]
    for bad in (_tamper(ayu), fac_a, "", None):
        with pytest.raises(ws.Forbidden):
            ws.submit(store, bad, "Customer", "C1", "C2", 3)  # type: ignore[arg-type]
        with pytest.raises(ws.Forbidden):
            ws.my_answers(store, bad)  # type: ignore[arg-type]

    # Each token sees only its own workshop: B's facilitator sees Citra only.
    assert [p.name for p in ws.facilitator_view(store, fac_b).participants] == ["Citra"]
    # A participant of workshop B cannot answer workshop A's questions.
    with pytest.raises(ws.InvalidAnswer):
        ws.submit(store, other, "Customer", "C1", "C2", 3)

    # Participants only ever touch their own answers.
    ws.submit(store, ayu, "Customer", "C1", "C2", 3)
    ws.submit(store, budi, "Customer", "C1", "C2", 1 / 7)
    ws.submit(store, ayu, "Customer", "C2", "C1", 9)
    assert ws.my_answers(store, budi) == {"Customer": {("C1", "C2"): 1 / 7}}
    assert ws.my_answers(store, ayu) == {"Customer": {("C1", "C2"): 1 / 9}}
    assert ws.my_answers(store, other) == {}

    # No participant-facing function accepts an id of any kind.
    for fn in (ws.join, ws.submit, ws.my_answers, ws.participant_view):
        assert not [p for p in inspect.signature(fn).parameters if p.endswith("id")], fn.__name__
    for fn in (ws.facilitator_view, ws.close, ws.adopt):
        assert "facilitator_token" in inspect.signature(fn).parameters

    # Closing: no more answers, and the code behaves like any wrong code.
    ws.close(store, fac_a)
    ws.close(store, fac_a)  # idempotent
    view = ws.facilitator_view(store, fac_a)
    assert view.status == "closed" and view.closed_at is not None
    with pytest.raises(ws.Closed) as closed:
        ws.submit(store, ayu, "Customer", "C1", "C3", 3)
    assert closed.value.msg.id
    with pytest.raises(ws.NotFound) as nf_closed:
        ws.join(store, code_a, "Late", "k4")
    with pytest.raises(ws.NotFound) as nf_wrong:
        ws.join(store, "ABCDEFGH" if code_a != "ABCDEFGH" else "HGFEDCBA", "Late", "k4")
    with pytest.raises(ws.NotFound) as nf_malformed:
        ws.join(store, "0OIL!", "Late", "k4")
    assert nf_closed.value.msg == nf_wrong.value.msg == nf_malformed.value.msg  # no oracle
    assert ws.my_answers(store, ayu) == {"Customer": {("C1", "C2"): 1 / 9}}  # still readable
    ws.join(store, code_b, "Dian", "k4")  # the other workshop is still open


def _wrong_code(real: set[str], k: int) -> str:
    code = "".join(ws.ALPHABET[(k * 7 + i) % len(ws.ALPHABET)] for i in range(ws.CODE_LENGTH))
    assert code not in real
    return code


def test_guessing_hits_the_rate_limit(store: Store, scorecard_id: int, clock: Clock) -> None:
    _, code, _ = ws.create_workshop(store, scorecard_id, ["Customer"], "Dewi")
    for k in range(ws.JOIN_LIMIT):
        with pytest.raises(ws.NotFound):
            ws.join(store, _wrong_code({code}, k), "Mallory", "attacker")
    with pytest.raises(ws.RateLimited) as info:
        ws.join(store, _wrong_code({code}, 99), "Mallory", "attacker")
    assert info.value.msg.code == "workshop.rate_limited" and "10" in info.value.msg.id
    with pytest.raises(ws.RateLimited):
        ws.join(store, code, "Mallory", "attacker")  # even the right code: no oracle while limited
    assert ws.join(store, code, "Ayu", "someone-else")  # other clients are not affected

    # Per code: many clients guessing the same code.
    target = _wrong_code({code}, 3)
    for k in range(ws.JOIN_LIMIT):
        with pytest.raises((ws.NotFound, ws.RateLimited)):
            ws.join(store, target, "Bot", f"bot-{k}")
    with pytest.raises(ws.RateLimited):
        ws.join(store, target, "Bot", "fresh-client")

    clock.t += ws.JOIN_WINDOW  # the window passes
    assert ws.join(store, code, "Mallory", "attacker")
    with pytest.raises(ws.NotFound):
        ws.join(store, target, "Bot", "fresh-client")


# --------------------------------------------------------------------------------------------
# Concurrency and durability
# --------------------------------------------------------------------------------------------


def test_thirty_participants_submit_at_once(store: Store, scorecard_id: int) -> None:
    sc = store.load_scorecard(scorecard_id)
    nodes = [ROOT, "Financial", "Customer"]
    pairs = all_pairs(sc, nodes)  # 18 unique pairs
    _, code, ftoken = ws.create_workshop(store, scorecard_id, nodes, "Dewi")
    n_people, n_submissions = 30, 20
    tokens = [ws.join(store, code, f"P{i:02d}", "room") for i in range(n_people)]
    plan: list[list[tuple[str, str, str, float]]] = []
    for i in range(n_people):
        seq = [(node, a, b, ahp.SCALE[(i * 5 + k) % 17]) for k, (node, a, b) in enumerate(pairs)]
        # Two answers are changed later (latest wins), one of them given the other way round.
        seq.append((pairs[0][0], pairs[0][1], pairs[0][2], ahp.SCALE[(i + 3) % 17]))
        node, a, b = pairs[1]
        seq.append((node, b, a, ahp.SCALE[(i + 11) % 17]))
        assert len(seq) == n_submissions
        plan.append(seq)
    barrier = threading.Barrier(n_people)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            for node, a, b, v in plan[i]:
                ws.submit(store, tokens[i], node, a, b, v)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n_people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]

    with store.read() as conn:
        rows = conn.execute(sa.select(storage.submissions.c.participant_id, storage.submissions.c.node,
                                      storage.submissions.c.a, storage.submissions.c.b)).all()
    assert len(rows) == n_people * len(pairs)
    assert len(set(rows)) == len(rows)
    for i in range(n_people):
        expected: dict[str, dict[tuple[str, str], float]] = {}
        for node, a, b, v in plan[i]:
            kids = sc.children(node)
            if kids.index(a) > kids.index(b):
                a, b, v = b, a, ahp.nearest_scale(1 / v)
            expected.setdefault(node, {})[(a, b)] = v
        assert ws.my_answers(store, tokens[i]) == expected
    view = ws.facilitator_view(store, ftoken)
    assert all(p.complete and p.submitted == len(pairs) for p in view.participants)
    assert [g.respondents for g in view.nodes] == [n_people] * len(nodes)


_WRITER = """
import sys, time
from scorecard.store import workshop
from scorecard.store.storage import Store
store = Store(sys.argv[1])
token = sys.argv[2]
rows = [line.split("|") for line in sys.argv[3].split(";")]
for i, (node, a, b, v) in enumerate(rows, start=1):
    workshop.submit(store, token, node, a, b, float(v))
    print(f"acked {i}", flush=True)
    time.sleep(0.01)
"""


def test_acked_answers_survive_a_killed_writer(db_url: str, store: Store, scorecard_id: int) -> None:
    sc = store.load_scorecard(scorecard_id)
    pairs = all_pairs(sc, sc.nodes())  # 78 pairs
    _, code, _ = ws.create_workshop(store, scorecard_id, sc.nodes(), "Dewi")
    token = ws.join(store, code, "Writer", "k")
    rows = [(node, a, b, ahp.SCALE[k % 17]) for k, (node, a, b) in enumerate(pairs)]
    arg = ";".join(f"{n}|{a}|{b}|{v!r}" for n, a, b, v in rows)
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop(storage.ENV_URL, None)
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, db_url, token, arg], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acked = 0
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            acked = int(line.split()[1])
            if acked == 15:
                proc.send_signal(signal.SIGKILL)  # mid-way, between or inside transactions
                break
        for line in proc.stdout:  # anything printed before the kill landed was acked too
            acked = int(line.split()[1])
    finally:
        proc.kill()
        proc.wait(timeout=30)
        err = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == -signal.SIGKILL, err
    assert 15 <= acked < len(rows), "the writer must be killed mid-way"

    store.dispose()
    with Store(db_url) as reopened:  # a fresh process view of the database
        answers = ws.my_answers(reopened, token)
    got = {(node, a, b): v for node, pairs_ in answers.items() for (a, b), v in pairs_.items()}
    for node, a, b, v in rows[:acked]:
        assert got.get((node, a, b)) == v, (node, a, b)
    assert len(got) in (acked, acked + 1)  # at most the one in flight committed without its ack
    assert set(got) <= {(n, a, b) for n, a, b, _ in rows[:acked + 1]}


# --------------------------------------------------------------------------------------------
# Not sure / skip, and asking only some pairs
# --------------------------------------------------------------------------------------------


def test_skip_counts_as_dealt_with_but_not_as_a_judgment(store: Store, scorecard_id: int) -> None:
    _, code, ftoken = ws.create_workshop(store, scorecard_id, ["Customer"], "Dewi")
    kids = ["C1", "C2", "C3", "C4"]
    a_tok, b_tok = ws.join(store, code, "Ayu", "r"), ws.join(store, code, "Budi", "r")
    for (x, y), v in ANSWERS["Ayu"].items():
        if (x, y) != ("C1", "C3"):
            ws.submit(store, a_tok, "Customer", x, y, v)
    ws.skip(store, a_tok, "Customer", "C3", "C1")  # either way round
    ws.submit(store, b_tok, "Customer", "C1", "C3", 4)
    view = ws.facilitator_view(store, ftoken)
    ayu = view.participants[0]
    assert (ayu.submitted, ayu.skipped, ayu.complete) == (6, 1, True)
    assert ayu.cr["Customer"] is not None  # 5 judgments that connect C1..C4: Harker's CR
    g = view.nodes[0]
    assert (g.respondents, g.partial, g.skipped) == (2, 1, 1)
    assert g.matrix is not None and g.matrix[0, 2] == pytest.approx(4.0)  # only Budi judged C1 vs C3
    assert g.matrix[0, 1] == pytest.approx(3.0)  # only Ayu judged C1 vs C2
    assert g.weights is not None and g.cr is not None
    assert ws.my_answers(store, a_tok)["Customer"][("C1", "C3")] == ws.SKIPPED
    # Skipping replaces an answer, answering replaces a skip.
    ws.skip(store, b_tok, "Customer", "C1", "C3")
    assert np.isnan(ws.facilitator_view(store, ftoken).nodes[0].matrix[0, 2])  # type: ignore[index]
    ws.submit(store, a_tok, "Customer", "C1", "C3", 5)
    assert ws.facilitator_view(store, ftoken).nodes[0].matrix[0, 2] == pytest.approx(5.0)  # type: ignore[index]
    # Adopting writes the group judgments, every pair judged by someone.
    result = ws.adopt(store, ftoken, "Dewi")
    assert result.skipped == [] and set(store.load_scorecard(scorecard_id).judgments["Customer"]) == set(
        ahp.pairs_from_matrix(kids, ws.facilitator_view(store, ftoken).nodes[0].matrix))


def test_facilitator_asks_a_spanning_subset(store: Store, scorecard_id: int) -> None:
    sc = store.load_scorecard(scorecard_id)
    kids = sc.children("Customer")
    asked = [(kids[i], kids[j]) for i, j in ahp.spanning_pairs(len(kids), extra=1)]
    assert len(asked) == 4  # n - 1 = 3 chain pairs plus one
    _, code, ftoken = ws.create_workshop(store, scorecard_id, ["Customer", ROOT], "Dewi", pairs={"Customer": asked})
    tok = ws.join(store, code, "Ayu", "r")
    view = ws.participant_view(store, tok)
    assert view.questions[0].pairs == tuple(asked) and len(view.questions[1].pairs) == 6
    with pytest.raises(ws.InvalidAnswer) as exc:
        ws.submit(store, tok, "Customer", kids[0], kids[2], 3)  # not asked
    assert exc.value.msg.code == "workshop.pair_not_asked"
    for a, b in asked:
        ws.submit(store, tok, "Customer", a, b, 2)
    fview = ws.facilitator_view(store, ftoken)
    assert fview.participants[0].submitted == 4 and fview.participants[0].total == 10
    g = fview.nodes[0]
    assert g.pairs == 4 and g.asked == tuple(asked) and g.partial == 0
    assert g.weights is not None and len(ahp.pairs_from_matrix(kids, g.matrix)) == 4  # type: ignore[arg-type]
    # Adopt: only the asked pairs are judged in the scorecard; the other two stay unjudged (Harker).
    result = ws.adopt(store, ftoken, "Dewi")
    after = store.load_scorecard(scorecard_id)
    assert set(after.judgments["Customer"]) == set(asked)
    assert compute_weights_missing(after) == 2
    assert all(c.after is not None for c in result.changes)  # Customer had no judgments before


def compute_weights_missing(sc: Scorecard) -> int:
    return len(node_weights(sc, "Customer", "eigen", "saaty", "fixed").missing)


@pytest.mark.parametrize("pairs", [[("C1", "C2"), ("C3", "C4")], [("C1", "C9")], [("C1", "C1")]])
def test_asked_pairs_must_connect_known_children(store: Store, scorecard_id: int,
                                                 pairs: list[tuple[str, str]]) -> None:
    with pytest.raises(ws.InvalidAnswer) as exc:
        ws.create_workshop(store, scorecard_id, ["Customer"], "Dewi", pairs={"Customer": pairs})
    assert exc.value.msg.code in {"workshop.pairs_disconnected", "workshop.bad_pair"}
    assert exc.value.msg.id != exc.value.msg.en


@pytest.mark.parametrize("bad", ["1e400", 10**400, "9" * 400, True, 3j, "nan", "inf", -3, 0, "1/0", None, [3], 2.5])
def test_bad_answers_are_invalid_answers(store: Store, scorecard_id: int, bad: object) -> None:
    _, code, _ftoken = ws.create_workshop(store, scorecard_id, ["Customer"], "Dewi")
    tok = ws.join(store, code, "Ayu", "r")
    with pytest.raises(ws.InvalidAnswer) as exc:
        ws.submit(store, tok, "Customer", "C1", "C2", bad)  # type: ignore[arg-type]
    assert exc.value.msg.en and exc.value.msg.id != exc.value.msg.en
    ws.submit(store, tok, "Customer", "C1", "C2", "0.333")  # a typed 1/3
    assert ws.my_answers(store, tok)["Customer"][("C1", "C2")] == 1 / 3

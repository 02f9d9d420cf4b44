"""Durable storage: scorecards, weight scenarios, the audit log, undo history and live workshops (SQLAlchemy 2 Core).

Where the data lives
--------------------
``Store(url=None)``: ``url`` if given, else the environment variable ``SCORECARD_DB_URL`` (any
SQLAlchemy URL, e.g. ``postgresql+psycopg://user:pass@db:5432/scorecard``; a bare
``postgresql://`` is read as psycopg 3), else the SQLite file ``data/scorecard.sqlite`` under the
repository root (gitignored). One ``Store`` per process is enough: it owns a thread-safe
connection pool (cache it with ``st.cache_resource`` in the app) and can be used from any thread.

Call :meth:`Store.migrate` once at start (idempotent, safe when several replicas start at the
same time). Nothing else creates tables.

Schema migrations
-----------------
Alembic: the revisions are in ``scorecard/store/migrations/versions`` (``0001`` ...), run by
:meth:`Store.migrate` or ``alembic upgrade head`` (``alembic.ini`` at the repository root), both
under a lock and adopting a database made before Alembic (see :mod:`scorecard.store.migrate`).
The schema version is the revision number (:data:`LATEST_VERSION` for this program).

To change the schema: ``alembic revision -m "what"`` and write the new revision with its own
frozen definitions (``op.add_column``, ``op.create_table``, ...), then change the current table
definitions below to match. Never edit a revision that has shipped. ``tests/test_migrations.py``
checks that upgrading an empty database gives exactly the current definitions.

Concurrency and cost
--------------------
Every public method is one short transaction. SQLite runs in WAL mode (readers never block the
writer) with ``synchronous=FULL`` (a returned call is on disk, even across a power cut) and a
busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so concurrent writers queue on
the busy timeout instead of failing when a read lock cannot be upgraded. :meth:`save_scorecard`
writes one row (the whole model as JSON) plus its audit entries, so calling it on every accepted
change (autosave) costs about one fsync.

Scorecards use optimistic concurrency: each row has a ``revision``; an update names the revision
it was based on and fails with :class:`ConflictError` when someone else saved in between.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.engine.interfaces import Dialect

from scorecard.messages import Msg, msg
from scorecard.model import Scorecard
from scorecard.store.merge import Clash, describe_path, merge
from scorecard.store.serialize import from_dict, to_dict

__all__ = [
    "ENV_URL",
    "DEFAULT_SQLITE_PATH",
    "KINDS",
    "LATEST_VERSION",
    "StorageError",
    "ConflictError",
    "EditClashError",
    "LinkRefused",
    "LinkInfo",
    "ROLES",
    "Applied",
    "ScorecardNotFound",
    "Saved",
    "StoredScorecard",
    "ScorecardInfo",
    "Change",
    "Scenario",
    "UndoStep",
    "UNDO_DEPTH",
    "Store",
    "resolve_url",
    "pair_target",
]

ENV_URL = "SCORECARD_DB_URL"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = REPO_ROOT / "data" / "scorecard.sqlite"

#: What an audit entry is about.
KINDS: tuple[str, ...] = ("judgment", "weight", "target", "actual", "anchor", "upload", "adopt", "setting",
                          "note", "link", "edit", "undo", "scenario",
                          "evidence", "verify", "lock", "unlock", "manual")

#: How many undo steps a workspace keeps (older ones are dropped).
UNDO_DEPTH = 50

#: SQLite waits this long for another writer before giving up ("database is locked").
SQLITE_BUSY_TIMEOUT_S = 30.0


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class StorageError(Exception):
    """A storage problem for people. ``.msg`` holds the bilingual message; str() is English."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.msg = message


class ConflictError(StorageError):
    """The scorecard was saved by someone else since the revision this update was based on."""

    def __init__(self, scorecard_id: int, expected: int, current: int) -> None:
        super().__init__(msg(
            "storage.conflict",
            en="This scorecard was changed by someone else in the meantime (now revision {c}, your edit was "
               "based on revision {e}). Your change was not saved: reload the scorecard and make it again.",
            id="Kartu skor ini sudah diubah orang lain (sekarang revisi {c}, perubahan Anda berdasarkan "
               "revisi {e}). Perubahan Anda belum tersimpan: muat ulang kartu skor lalu ulangi perubahannya.",
            c=current, e=expected,
        ))
        self.scorecard_id = scorecard_id
        self.expected = expected
        self.current = current


class EditClashError(ConflictError):
    """The change clashes with a change saved elsewhere since this session's revision: the same
    item was changed on both sides to different values. ``clashes`` lists them (what the store
    holds now, what this session wanted); ``latest`` is the stored scorecard. Nothing was saved."""

    def __init__(self, scorecard_id: int, expected: int, latest: StoredScorecard,
                 clashes: Sequence[Clash]) -> None:
        super().__init__(scorecard_id, expected, latest.revision)
        lines_en = [f"{c.describe()}: stored {_short(c.theirs)}, yours {_short(c.mine)}" for c in clashes[:8]]
        lines_id = [f"{c.describe()}: tersimpan {_short(c.theirs)}, milik Anda {_short(c.mine)}"
                    for c in clashes[:8]]
        more = len(clashes) - len(lines_en)
        self.msg = msg(
            "storage.clash",
            en="Not saved: {who} changed the same item(s) in the meantime (now revision {c}). {items}{more}. "
               "The screen now shows the stored scorecard; make your change again if it is still needed.",
            id="Tidak tersimpan: {who} mengubah butir yang sama sementara itu (sekarang revisi {c}). {items_id}"
               "{more}. Layar kini menampilkan kartu skor yang tersimpan; ulangi perubahan Anda bila masih perlu.",
            who=latest.updated_by, c=latest.revision, items="; ".join(lines_en), items_id="; ".join(lines_id),
            more=f" (+{more})" if more > 0 else "",
        )
        self.args = (self.msg.en,)
        self.latest = latest
        self.clashes = tuple(clashes)


def _short(value: Any) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


class ScorecardNotFound(StorageError, LookupError):
    """No scorecard with that id."""

    def __init__(self, scorecard_id: int) -> None:
        super().__init__(msg(
            "storage.not_found",
            en="Scorecard {i} does not exist (it may have been deleted).",
            id="Kartu skor {i} tidak ada (mungkin sudah dihapus).",
            i=scorecard_id,
        ))
        self.scorecard_id = scorecard_id


# --------------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------------


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps naive UTC text that sorts)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_json_dumps = partial(json.dumps, allow_nan=False, ensure_ascii=False, separators=(",", ":"))


class _SQLiteJSON(sa.types.TypeDecorator[Any]):
    """JSON as TEXT on SQLite. (A column declared ``JSON`` has NUMERIC affinity in SQLite, which
    would turn a stored ``1.0`` into the integer 1; TEXT keeps the JSON text exactly.)"""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else _json_dumps(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


def JSONValue() -> sa.types.TypeEngine[Any]:  # noqa: N802 - used like a type
    """Any JSON value; SQL NULL for None. ``json`` on PostgreSQL (keeps the text as written,
    unlike ``jsonb``), TEXT on SQLite. Floats are written with ``repr`` (exact) and NaN is refused.
    Part of the frozen migrations: do not change what it stores."""
    return sa.JSON(none_as_null=True).with_variant(_SQLiteJSON(), "sqlite")


# --------------------------------------------------------------------------------------------
# The current schema (what queries use; must equal the result of all migrations)
# --------------------------------------------------------------------------------------------

METADATA = sa.MetaData()

scorecards = sa.Table(
    "scorecards", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("payload", JSONValue(), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
)

scenarios = sa.Table(
    "scenarios", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("weights", JSONValue(), nullable=False),
    sa.Column("saved_at", UTCDateTime, nullable=False),
    sa.Column("saved_by", sa.String(200), nullable=False),
    sa.UniqueConstraint("scorecard_id", "name", name="uq_scenarios_scorecard_name"),
)

audit_log = sa.Table(
    "audit_log", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("target", sa.String(500), nullable=False),
    sa.Column("before", JSONValue(), nullable=True),
    sa.Column("after", JSONValue(), nullable=True),
    sa.Column("cr_before", sa.Float, nullable=True),
    sa.Column("cr_after", sa.Float, nullable=True),
    sa.Column("via", sa.String(16), nullable=True),
    sa.Index("ix_audit_log_scorecard", "scorecard_id", "id"),
)

workshops = sa.Table(
    "workshops", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
    sa.Column("join_code", sa.String(16), nullable=False, unique=True),
    sa.Column("facilitator_token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("facilitator", sa.String(200), nullable=False),
    sa.Column("nodes", JSONValue(), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("closed_at", UTCDateTime, nullable=True),
    sa.Column("adopted_at", UTCDateTime, nullable=True),
)

participants = sa.Table(
    "participants", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("participant_token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("joined_at", UTCDateTime, nullable=False),
    sa.Index("ix_participants_workshop", "workshop_id"),
)

submissions = sa.Table(
    "submissions", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("node", sa.String(200), nullable=False),
    sa.Column("a", sa.String(200), nullable=False),
    sa.Column("b", sa.String(200), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("submitted_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("participant_id", "node", "a", "b", name="uq_submissions_answer"),
)

join_attempts = sa.Table(
    "join_attempts", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("client_key_hash", sa.String(64), nullable=False),
    sa.Column("code_hash", sa.String(64), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("session_hash", sa.String(64), nullable=True),
    sa.Index("ix_join_attempts_client", "client_key_hash", "at"),
    sa.Index("ix_join_attempts_code", "code_hash", "at"),
    sa.Index("ix_join_attempts_session", "session_hash", "at"),
)


workspaces = sa.Table(
    "workspaces", METADATA,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("role", sa.String(10), nullable=False, server_default="edit"),
    sa.Column("label", sa.String(200), nullable=False, server_default=""),
    sa.Column("created_by", sa.String(200), nullable=False, server_default=""),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
)

# Cascade trees (METHOD §8): the whole tree as one JSON document, access tokens per unit, audit log.
trees = sa.Table(
    "trees", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("payload", JSONValue(), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
)

tree_access = sa.Table(
    "tree_access", METADATA,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("tree_id", sa.Integer, sa.ForeignKey("trees.id", ondelete="CASCADE"), nullable=False),
    sa.Column("unit", sa.String(100), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_tree_access_tree", "tree_id"),
)

tree_audit = sa.Table(
    "tree_audit", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("tree_id", sa.Integer, sa.ForeignKey("trees.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("unit", sa.String(100), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("target", sa.String(500), nullable=False),
    sa.Column("before", JSONValue(), nullable=True),
    sa.Column("after", JSONValue(), nullable=True),
    sa.Index("ix_tree_audit_tree", "tree_id", "id"),
)

def _evidence_tables(md: sa.MetaData) -> tuple[sa.Table, sa.Table, sa.Table]:
    """The current evidence, verifications and period_locks tables (see migration revision 0005)."""
    ev = sa.Table(
        "evidence", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kpi", sa.String(100), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),  # "file" or "link"
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("filename", sa.String(255), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=True),
        sa.Column("size", sa.Integer, nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("data", sa.LargeBinary, nullable=True),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("added_at", UTCDateTime, nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Index("ix_evidence_kpi_period", "scorecard_id", "kpi", "period"),
    )
    ver = sa.Table(
        "verifications", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kpi", sa.String(100), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("value", JSONValue(), nullable=True),  # {"target": ..., "actual": ...} when verified
        sa.Column("entered_by", sa.String(200), nullable=True),
        sa.Column("verified_by", sa.String(200), nullable=False),
        sa.Column("verified_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("scorecard_id", "kpi", "period"),
    )
    locks = sa.Table(
        "period_locks", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("locked_by", sa.String(200), nullable=False),
        sa.Column("locked_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("scorecard_id", "period"),
    )
    return ev, ver, locks


evidence, verifications, period_locks = _evidence_tables(METADATA)

undo_history = sa.Table(
    "undo_history", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
    sa.Column("label", sa.String(500), nullable=False),
    sa.Column("payload", JSONValue(), nullable=False),
    sa.Column("pushed_at", UTCDateTime, nullable=False),
    sa.Index("ix_undo_history_scorecard", "scorecard_id", "id"),
)

#: The schema version of this program: the number of the newest Alembic revision
#: (``scorecard/store/migrations/versions``; tests/test_migrations.py checks they agree).
LATEST_VERSION = 8


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


class Saved(NamedTuple):
    """What :meth:`Store.save_scorecard` returns: the id and the new revision (pass it back as
    ``expected_revision`` with the next save)."""

    id: int
    revision: int


@dataclass(frozen=True)
class Applied:
    """What :meth:`Store.apply_change` returns: the stored result (``scorecard`` at ``revision``)
    and ``merged_from``: descriptions of changes made elsewhere that the result now includes
    (empty when the session was on the latest revision)."""

    id: int
    revision: int
    scorecard: Scorecard
    merged_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScorecardInfo:
    """A scorecard in the list (without its payload)."""

    id: int
    name: str
    revision: int
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class StoredScorecard:
    """A loaded scorecard with its bookkeeping."""

    id: int
    name: str
    revision: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    scorecard: Scorecard


@dataclass(frozen=True)
class Change:
    """One audit entry. To record, fill ``kind``, ``target`` and what applies; ``id``,
    ``scorecard_id``, ``at`` and (when saving with :meth:`Store.save_scorecard`) ``actor`` are set
    by the store. ``before``/``after`` are any JSON values (numbers stay numbers)."""

    kind: str
    target: str
    before: Any = None
    after: Any = None
    cr_before: float | None = None
    cr_after: float | None = None
    actor: str = ""
    at: datetime | None = None
    id: int | None = None
    scorecard_id: int | None = None
    via: str | None = None  # the link it was made through (:attr:`LinkInfo.link_id`), if any


@dataclass(frozen=True)
class Scenario:
    """A named weight set: ``weights`` = {node: {child: local weight}} (the ``local_override``
    format of :func:`scorecard.method.weights.compute_weights`)."""

    id: int
    scorecard_id: int
    name: str
    weights: dict[str, Any]
    saved_at: datetime
    saved_by: str


#: Rights a share link gives: edit the scorecard, or only see it (every page, downloads).
ROLES: tuple[str, ...] = ("edit", "view")


@dataclass(frozen=True)
class LinkInfo:
    """A share link as its owner sees it. ``link_id`` is a short public name (the first 12 hex
    digits of the token's SHA-256): it names the link in the audit log and for revoking, and
    cannot be turned back into the token."""

    link_id: str
    scorecard_id: int
    role: str
    label: str
    created_at: datetime
    created_by: str
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class LinkRefused(StorageError):
    """A change through a link that may not make it (revoked, read-only or another scorecard's)."""

    def __init__(self, reason: str) -> None:
        texts = {
            "view": ("This is a read-only link: it shows the scorecard but cannot change it. Nothing was saved.",
                     "Ini tautan hanya-baca: dapat melihat kartu skor tetapi tidak dapat mengubahnya. Tidak ada yang "
                     "disimpan."),
            "revoked": ("This link has been revoked: it can no longer change the scorecard. Nothing was saved.",
                        "Tautan ini sudah dicabut: tidak dapat lagi mengubah kartu skor. Tidak ada yang disimpan."),
        }
        en, id_ = texts.get(reason, texts["revoked"])
        super().__init__(msg("storage.link_" + reason, en=en, id=id_))
        self.reason = reason


_CONTROL = str.maketrans({c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 127]} | {9: " ", 10: " ", 13: " "})


def _line(value: object, limit: int) -> str:
    """Text for a one-line bookkeeping column (names, actors, targets, labels): control
    characters removed (line breaks and tabs become spaces; PostgreSQL refuses NUL), cut to the
    column's length so that every database accepts it. Payloads and audit values keep their
    text exactly (they are JSON)."""
    return str(value).translate(_CONTROL)[:limit]


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class UndoStep:
    """One step of a workspace's undo history: ``scorecard`` as it was before the change that
    ``label`` describes (e.g. ``"C: C1 vs C2 3 -> 5"``)."""

    label: str
    scorecard: Scorecard


def pair_target(node: str, a: str, b: str) -> str:
    """The audit ``target`` text of judgment (a, b) under ``node``: ``"C: C1 vs C2"``."""
    return f"{node}: {a} vs {b}"


# --------------------------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------------------------


def resolve_url(url: str | URL | None = None) -> URL:
    """The database URL to use: ``url``, else ``$SCORECARD_DB_URL``, else the SQLite default.

    ``postgresql://`` and ``postgres://`` are read as ``postgresql+psycopg://`` (psycopg 3).
    """
    raw: str | URL | None = url if url else os.environ.get(ENV_URL) or None
    if raw is None:
        DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        return make_url(f"sqlite:///{DEFAULT_SQLITE_PATH}")
    if isinstance(raw, str) and raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://"):]
    u = make_url(raw)
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    return u


def _is_memory_sqlite(u: URL) -> bool:
    return u.get_backend_name() == "sqlite" and u.database in (None, "", ":memory:")


def make_engine(u: URL) -> Engine:
    """The engine for ``u`` with this package's settings (SQLite pragmas, BEGIN IMMEDIATE, pools)."""
    backend = u.get_backend_name()
    if backend == "sqlite":
        kwargs: dict[str, Any] = {
            "connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
            "json_serializer": _json_dumps,
        }
        if _is_memory_sqlite(u):
            kwargs["poolclass"] = sa.pool.StaticPool  # one shared in-memory database
        else:
            kwargs.update(pool_size=5, max_overflow=10, pool_timeout=60)
        engine = sa.create_engine(u, **kwargs)

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # SQLAlchemy emits BEGIN itself (below): transactional DDL and BEGIN IMMEDIATE.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            readonly = conn.get_execution_options().get("scorecard_readonly", False)
            conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

        return engine
    kwargs = {"pool_size": 5, "max_overflow": 10, "pool_timeout": 60, "pool_pre_ping": True,
              "pool_recycle": 1800}
    if backend == "postgresql":
        kwargs["json_serializer"] = _json_dumps
    return sa.create_engine(u, **kwargs)


def _lock_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for ``name``."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _link_info(row: Any) -> LinkInfo:
    return LinkInfo(row.token_hash[:12], int(row.scorecard_id), row.role, row.label, row.created_at,
                    row.created_by, row.revoked_at)


def _utcnow() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------------------------
# CSV helpers
# --------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CSV_CONTROL = str.maketrans({c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 127]})


#: A spreadsheet cell holds at most this many characters (Excel); longer text is cut.
_CELL_MAX = 32_767


def _csv_text(s: str) -> str:
    """Text for a CSV cell that spreadsheets will not run as a formula (OWASP CSV injection):
    formula-like starts get a leading apostrophe, control characters are dropped (line breaks
    stay, inside the quoted cell), at most :data:`_CELL_MAX` characters."""
    s = s.translate(_CSV_CONTROL)[:_CELL_MAX]
    return "'" + s if s.startswith(_FORMULA_START) else s


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, str):
        return _csv_text(value)
    return _csv_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------


class Store:
    """Durable storage on one database (see the module docstring).

    ``clock`` returns the current time as an aware UTC datetime (tests move it forward).
    """

    def __init__(self, url: str | URL | None = None, *, clock: Callable[[], datetime] | None = None) -> None:
        self.url = resolve_url(url)
        self.engine = make_engine(self.url)
        self.clock = clock or _utcnow

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def now(self) -> datetime:
        return self.clock()

    def dispose(self) -> None:
        """Close every pooled connection (the store can still be used afterwards)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dispose()

    # ---- transactions ------------------------------------------------------------------------
    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction (commits on success, rolls back on an exception)."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction with one consistent snapshot (rolled back at the end)."""
        with self.engine.connect() as conn:
            conn.execution_options(scorecard_readonly=True)
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin() as tx:
                yield conn
                tx.rollback()

    def lock(self, conn: Connection, name: str) -> None:
        """Serialise transactions on ``name`` until this transaction ends (PostgreSQL advisory
        lock; on SQLite every write transaction is already serialised by BEGIN IMMEDIATE)."""
        if self.dialect == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key(name)})

    def upsert(self, conn: Connection, table: sa.Table, values: Mapping[str, Any], keys: Sequence[str],
               update: Sequence[str]) -> None:
        """Insert ``values``; when a row with the same ``keys`` exists, overwrite its ``update``
        columns instead (atomic ``ON CONFLICT DO UPDATE`` on PostgreSQL and SQLite)."""
        if self.dialect in ("postgresql", "sqlite"):
            if self.dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as dialect_insert
            else:
                from sqlalchemy.dialects.sqlite import insert as dialect_insert
            stmt = dialect_insert(table).values(**values)
            stmt = stmt.on_conflict_do_update(index_elements=[table.c[k] for k in keys],
                                              set_={c: stmt.excluded[c] for c in update})
            conn.execute(stmt)
            return
        where = sa.and_(*(table.c[k] == values[k] for k in keys))
        res = conn.execute(sa.update(table).where(where).values({c: values[c] for c in update}))
        if res.rowcount == 0:
            conn.execute(sa.insert(table).values(**values))

    # ---- migrations --------------------------------------------------------------------------
    def schema_version(self) -> int:
        """The database's schema version (0 for an empty database)."""
        from scorecard.store.migrate import revision_of

        with self.engine.connect() as conn:
            rev = revision_of(conn)
        if rev is None:
            return 0
        return int(rev.removeprefix("legacy:"))

    def migrate(self, target: int | None = None) -> int:
        """Upgrade the schema to ``target`` (default: the latest) with Alembic and return the
        version reached. Idempotent; concurrent callers (several replicas starting) serialise;
        a database made before Alembic is adopted in place (:mod:`scorecard.store.migrate`)."""
        from scorecard.store import migrate

        target = LATEST_VERSION if target is None else target
        if not 0 < target <= LATEST_VERSION:
            raise ValueError(f"target must be between 1 and {LATEST_VERSION}")
        migrate.upgrade(self.url, self.engine, f"{target:04d}")
        return self.schema_version()

    # ---- scorecards --------------------------------------------------------------------------
    def save_scorecard(self, sc: Scorecard, actor: str, *, scorecard_id: int | None = None,
                       expected_revision: int | None = None, changes: Sequence[Change] = (),
                       via_token: str | None = None) -> Saved:
        """Save the whole scorecard in one transaction, with its audit entries (``changes``).

        New scorecard (``scorecard_id`` None): revision 1. Update: ``expected_revision`` is the
        revision the edit was based on; the row is written only if it is still current, else
        :class:`ConflictError` (nothing written). Returns the id and the new revision.
        ``via_token``: the share link the change comes through (see :meth:`check_link`).
        """
        with self.begin() as conn:
            via = None if via_token is None or scorecard_id is None else self.check_link(conn, via_token, scorecard_id)
            return self.write_scorecard(conn, sc, actor, scorecard_id=scorecard_id,
                                        expected_revision=expected_revision, changes=changes, via=via)

    def write_scorecard(self, conn: Connection, sc: Scorecard, actor: str, *, scorecard_id: int | None = None,
                        expected_revision: int | None = None, changes: Sequence[Change] = (),
                        via: str | None = None) -> Saved:
        """:meth:`save_scorecard` inside the caller's transaction ``conn``."""
        payload = to_dict(sc)
        now = self.now()
        name, actor = _line(sc.name, 300), _line(actor, 200)
        if scorecard_id is None:
            res = conn.execute(sa.insert(scorecards).values(
                name=name, payload=payload, revision=1, created_at=now, created_by=actor,
                updated_at=now, updated_by=actor))
            saved = Saved(int(res.inserted_primary_key[0]), 1)
        else:
            if expected_revision is None:
                raise ValueError("expected_revision is required to update a scorecard")
            res = conn.execute(
                sa.update(scorecards)
                .where(scorecards.c.id == scorecard_id, scorecards.c.revision == expected_revision)
                .values(name=name, payload=payload, revision=scorecards.c.revision + 1,
                        updated_at=now, updated_by=actor))
            if res.rowcount != 1:
                current = conn.scalar(sa.select(scorecards.c.revision).where(scorecards.c.id == scorecard_id))
                if current is None:
                    raise ScorecardNotFound(scorecard_id)
                raise ConflictError(scorecard_id, expected_revision, int(current))
            saved = Saved(scorecard_id, expected_revision + 1)
        for ch in changes:
            self._insert_change(conn, saved.id, ch.actor or actor, ch, now, via=ch.via or via)
        return saved

    def apply_change(self, scorecard_id: int, base: Scorecard, mine: Scorecard, actor: str, *,
                     base_revision: int, changes: Sequence[Change] = (), via_token: str | None = None,
                     undo_push: UndoStep | None = None, undo_pop: bool = False) -> Applied:
        """Save one session's change: what differs between ``base`` (the scorecard as stored at
        ``base_revision``, which this session started from) and ``mine``.

        When nobody saved in between, ``mine`` is stored as is. Otherwise the change is applied
        to the latest revision (:func:`scorecard.store.merge.merge`): items this session did not
        touch keep what others saved, and the result (with ``changes`` in the audit log) becomes
        the new revision. When another save changed one of the same items differently, nothing
        is written and :class:`EditClashError` says what clashed. One transaction; the row is
        locked (``FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) while merging.
        ``via_token``: the share link the change comes through; :class:`LinkRefused` (nothing
        written) unless it is an active editor link of this scorecard. The audit rows name it.
        ``undo_push`` / ``undo_pop``: the undo-history step written with the change (not when
        nothing is written).
        """
        with self.begin() as conn:
            via = None if via_token is None else self.check_link(conn, via_token, scorecard_id)
            stmt = sa.select(scorecards).where(scorecards.c.id == scorecard_id)
            if self.dialect == "postgresql":
                stmt = stmt.with_for_update()
            row = conn.execute(stmt).first()
            if row is None:
                raise ScorecardNotFound(scorecard_id)
            if row.revision == base_revision:
                saved = self.write_scorecard(conn, mine, actor, scorecard_id=scorecard_id,
                                             expected_revision=base_revision, changes=changes, via=via)
                self._undo_step(conn, scorecard_id, undo_push, undo_pop)
                return Applied(saved.id, saved.revision, mine)
            result = merge(to_dict(base), to_dict(mine), row.payload)
            if not result.ok:
                latest = StoredScorecard(row.id, row.name, row.revision, row.created_at, row.created_by,
                                         row.updated_at, row.updated_by, from_dict(row.payload))
                raise EditClashError(scorecard_id, base_revision, latest, result.clashes)
            assert result.payload is not None
            merged = from_dict(result.payload)
            if merged == from_dict(row.payload):  # the latest already says what this session says
                return Applied(row.id, row.revision, merged, tuple(describe_path(p) for p in result.theirs_changed))
            saved = self.write_scorecard(conn, merged, actor, scorecard_id=scorecard_id,
                                         expected_revision=row.revision, changes=changes, via=via)
            self._undo_step(conn, scorecard_id, undo_push, undo_pop)
            return Applied(saved.id, saved.revision, merged, tuple(describe_path(p) for p in result.theirs_changed))

    def _undo_step(self, conn: Connection, scorecard_id: int, push: UndoStep | None, pop: bool) -> None:
        if push is not None:
            self.write_undo_push(conn, scorecard_id, push.scorecard, push.label)
        if pop:
            self.write_undo_pop(conn, scorecard_id)

    def load_record(self, scorecard_id: int) -> StoredScorecard:
        """The scorecard with its revision and bookkeeping; :class:`ScorecardNotFound` if missing."""
        with self.read() as conn:
            row = conn.execute(sa.select(scorecards).where(scorecards.c.id == scorecard_id)).first()
        if row is None:
            raise ScorecardNotFound(scorecard_id)
        return StoredScorecard(row.id, row.name, row.revision, row.created_at, row.created_by,
                               row.updated_at, row.updated_by, from_dict(row.payload))

    def load_scorecard(self, scorecard_id: int) -> Scorecard:
        """The scorecard saved under ``scorecard_id``; :class:`ScorecardNotFound` if missing."""
        return self.load_record(scorecard_id).scorecard

    def list_scorecards(self) -> list[ScorecardInfo]:
        """Every scorecard (without payloads), by name then id."""
        with self.read() as conn:
            rows = conn.execute(
                sa.select(scorecards.c.id, scorecards.c.name, scorecards.c.revision, scorecards.c.updated_at,
                          scorecards.c.updated_by).order_by(scorecards.c.name, scorecards.c.id)).all()
        return [ScorecardInfo(r.id, r.name, r.revision, r.updated_at, r.updated_by) for r in rows]

    # ---- browser workspaces ------------------------------------------------------------------
    def create_workspace(self, scorecard_id: int, *, role: str = "edit", label: str = "",
                         created_by: str = "") -> str:
        """A new share link: an unguessable token (144 random bits) that opens ``scorecard_id``
        with ``role`` ("edit": the private editor link; "view": read-only). Only the token's
        SHA-256 is stored; the token itself is returned once."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        token = secrets.token_urlsafe(18)
        with self.begin() as conn:
            conn.execute(sa.insert(workspaces).values(
                token_hash=_token_digest(token), scorecard_id=scorecard_id, created_at=self.now(), role=role,
                label=" ".join(_line(label, 10_000).split())[:200], created_by=_line(created_by, 200)))
        return token

    def create_with_link(self, sc: Scorecard, actor: str, *, changes: Sequence[Change] = (),
                         undo_push: UndoStep | None = None) -> tuple[Saved, str]:
        """Save a new scorecard and its private editor link in one transaction; the audit rows
        name that link (``undo_push``: its first undo step). Returns the saved id/revision and the
        link's token (shown once)."""
        token = secrets.token_urlsafe(18)
        digest = _token_digest(token)
        with self.begin() as conn:
            saved = self.write_scorecard(conn, sc, actor, changes=changes, via=digest[:12])
            if undo_push is not None:
                self.write_undo_push(conn, saved.id, undo_push.scorecard, undo_push.label)
            conn.execute(sa.insert(workspaces).values(token_hash=digest, scorecard_id=saved.id, created_at=self.now(),
                                                      role="edit", label="", created_by=_line(actor, 200)))
        return saved, token

    def open_link(self, token: object) -> LinkInfo | None:
        """What an active (not revoked) link opens, or None for an unknown, revoked or malformed token."""
        if not isinstance(token, str) or not 8 <= len(token) <= 100:
            return None
        with self.read() as conn:
            row = conn.execute(sa.select(workspaces).where(workspaces.c.token_hash == _token_digest(token))).first()
        if row is None or row.revoked_at is not None:
            return None
        return _link_info(row)

    def workspace_scorecard(self, token: object) -> int | None:
        """The scorecard id an active link opens (any role), or None (see :meth:`open_link`)."""
        link = self.open_link(token)
        return None if link is None else link.scorecard_id

    def check_link(self, conn: Connection, token: str, scorecard_id: int) -> str:
        """Inside a write transaction: the ``link_id`` of ``token`` if it is an active editor link
        of ``scorecard_id``, else :class:`LinkRefused`."""
        row = conn.execute(sa.select(workspaces).where(workspaces.c.token_hash == _token_digest(str(token)))).first()
        if row is None or row.revoked_at is not None or row.scorecard_id != scorecard_id:
            raise LinkRefused("revoked")
        if row.role != "edit":
            raise LinkRefused("view")
        return row.token_hash[:12]

    def list_links(self, scorecard_id: int) -> list[LinkInfo]:
        """Every link of a scorecard, revoked ones included, oldest first."""
        with self.read() as conn:
            rows = conn.execute(sa.select(workspaces).where(workspaces.c.scorecard_id == scorecard_id)
                                .order_by(workspaces.c.created_at, workspaces.c.token_hash)).all()
        return [_link_info(r) for r in rows]

    def revoke_link(self, scorecard_id: int, link_id: str) -> bool:
        """Revoke the link ``link_id`` of this scorecard (it opens nothing from now on). False when
        there is no such active link."""
        if not (isinstance(link_id, str) and len(link_id) == 12 and all(c in "0123456789abcdef" for c in link_id)):
            return False
        with self.begin() as conn:
            res = conn.execute(sa.update(workspaces).where(
                workspaces.c.scorecard_id == scorecard_id, workspaces.c.token_hash.startswith(link_id, autoescape=True),
                workspaces.c.revoked_at.is_(None)).values(revoked_at=self.now()))
        return res.rowcount > 0

    # ---- audit log ---------------------------------------------------------------------------
    def _insert_change(self, conn: Connection, scorecard_id: int, actor: str, ch: Change, now: datetime,
                       via: str | None = None) -> int:
        if ch.kind not in KINDS:
            raise ValueError(f"unknown audit kind {ch.kind!r}; use one of {', '.join(KINDS)}")
        res = conn.execute(sa.insert(audit_log).values(
            scorecard_id=scorecard_id, at=ch.at or now, actor=_line(actor, 200), kind=ch.kind,
            target=_line(ch.target, 500),
            before=ch.before, after=ch.after,
            cr_before=None if ch.cr_before is None else float(ch.cr_before),
            cr_after=None if ch.cr_after is None else float(ch.cr_after), via=via or ch.via))
        return int(res.inserted_primary_key[0])

    def audit(self, conn: Connection, scorecard_id: int, actor: str, change: Change) -> int:
        """Append one audit entry inside the caller's transaction ``conn`` (for modules of this
        package that change their own tables and must log in the same transaction)."""
        return self._insert_change(conn, scorecard_id, actor, change, self.now())

    def record_change(self, scorecard_id: int, actor: str, kind: str, target: str, before: Any = None,
                      after: Any = None, cr_before: float | None = None, cr_after: float | None = None) -> Change:
        """Append one audit entry (its own transaction) and return it as stored."""
        ch = Change(kind, target, before, after, cr_before, cr_after, actor)
        now = self.now()
        with self.begin() as conn:
            if conn.scalar(sa.select(scorecards.c.id).where(scorecards.c.id == scorecard_id)) is None:
                raise ScorecardNotFound(scorecard_id)
            new_id = self._insert_change(conn, scorecard_id, actor, ch, now)
        return Change(kind, target, before, after, ch.cr_before, ch.cr_after, actor, now, new_id, scorecard_id)

    def changes(self, scorecard_id: int) -> list[Change]:
        """The audit log of a scorecard, oldest first."""
        with self.read() as conn:
            rows = conn.execute(sa.select(audit_log).where(audit_log.c.scorecard_id == scorecard_id)
                                .order_by(audit_log.c.id)).all()
        return [Change(r.kind, r.target, r.before, r.after, r.cr_before, r.cr_after, r.actor, r.at, r.id,
                       r.scorecard_id, r.via) for r in rows]

    def export_audit_csv(self, scorecard_id: int) -> str:
        """The audit log as CSV text (header row, oldest first; times in ISO 8601 UTC). Text
        cells that start like a formula get a leading apostrophe so spreadsheets show them."""
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["id", "at_utc", "actor", "kind", "target", "before", "after", "cr_before", "cr_after", "via_link"])
        for ch in self.changes(scorecard_id):
            at = ch.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if ch.at else ""
            w.writerow([ch.id, at, _csv_cell(ch.actor), ch.kind, _csv_cell(ch.target), _csv_cell(ch.before),
                        _csv_cell(ch.after), _csv_cell(ch.cr_before), _csv_cell(ch.cr_after), _csv_cell(ch.via)])
        return out.getvalue()

    # ---- scenarios ---------------------------------------------------------------------------
    def save_scenario(self, scorecard_id: int, name: str, weights: Mapping[str, Any], actor: str) -> Scenario:
        """Save (or overwrite, by name) a weight scenario of a scorecard."""
        name = _line(name, 300).strip()
        actor = _line(actor, 200)
        if not name:
            raise ValueError("a scenario needs a name")
        now = self.now()
        data = json.loads(_json_dumps(weights))  # plain JSON data (and refuse NaN early)
        with self.begin() as conn:
            if conn.scalar(sa.select(scorecards.c.id).where(scorecards.c.id == scorecard_id)) is None:
                raise ScorecardNotFound(scorecard_id)
            self.upsert(conn, scenarios, {"scorecard_id": scorecard_id, "name": name, "weights": data,
                                          "saved_at": now, "saved_by": actor},
                        keys=("scorecard_id", "name"), update=("weights", "saved_at", "saved_by"))
            row = conn.execute(sa.select(scenarios).where(scenarios.c.scorecard_id == scorecard_id,
                                                          scenarios.c.name == name)).one()
        return Scenario(row.id, row.scorecard_id, row.name, row.weights, row.saved_at, row.saved_by)

    def list_scenarios(self, scorecard_id: int) -> list[Scenario]:
        """The scenarios of a scorecard, by name."""
        with self.read() as conn:
            rows = conn.execute(sa.select(scenarios).where(scenarios.c.scorecard_id == scorecard_id)
                                .order_by(scenarios.c.name)).all()
        return [Scenario(r.id, r.scorecard_id, r.name, r.weights, r.saved_at, r.saved_by) for r in rows]

    def delete_scenario(self, scorecard_id: int, name: str) -> bool:
        """Delete a scenario by name; False when there was none."""
        with self.begin() as conn:
            res = conn.execute(sa.delete(scenarios).where(scenarios.c.scorecard_id == scorecard_id,
                                                          scenarios.c.name == name))
        return res.rowcount > 0

    # ---- undo history ------------------------------------------------------------------------
    def write_undo_push(self, conn: Connection, scorecard_id: int, before: Scorecard, label: str,
                        depth: int = UNDO_DEPTH) -> None:
        """Inside ``conn``: remember ``before`` (the scorecard before the change ``label``) as the
        newest undo step of ``scorecard_id``; keep only the newest ``depth`` steps."""
        conn.execute(sa.insert(undo_history).values(scorecard_id=scorecard_id, label=label[:500] or "edit",
                                                     payload=to_dict(before), pushed_at=self.now()))
        ids = conn.scalars(sa.select(undo_history.c.id).where(undo_history.c.scorecard_id == scorecard_id)
                           .order_by(undo_history.c.id.desc()).offset(depth)).all()
        if ids:
            conn.execute(sa.delete(undo_history).where(undo_history.c.id.in_(ids)))

    def write_undo_pop(self, conn: Connection, scorecard_id: int) -> str | None:
        """Inside ``conn``: drop the newest undo step of ``scorecard_id`` and return its label
        (None when the history is empty)."""
        row = conn.execute(sa.select(undo_history.c.id, undo_history.c.label)
                           .where(undo_history.c.scorecard_id == scorecard_id)
                           .order_by(undo_history.c.id.desc()).limit(1)).first()
        if row is None:
            return None
        conn.execute(sa.delete(undo_history).where(undo_history.c.id == row.id))
        return str(row.label)

    def push_undo(self, scorecard_id: int, before: Scorecard, label: str, depth: int = UNDO_DEPTH) -> None:
        """:meth:`write_undo_push` in its own transaction."""
        with self.begin() as conn:
            self.write_undo_push(conn, scorecard_id, before, label, depth)

    def pop_undo(self, scorecard_id: int) -> str | None:
        """:meth:`write_undo_pop` in its own transaction."""
        with self.begin() as conn:
            return self.write_undo_pop(conn, scorecard_id)

    def undo_history(self, scorecard_id: int) -> list[UndoStep]:
        """The undo history of a workspace, oldest first (the last one is undone next)."""
        with self.read() as conn:
            rows = conn.execute(sa.select(undo_history.c.label, undo_history.c.payload)
                                .where(undo_history.c.scorecard_id == scorecard_id)
                                .order_by(undo_history.c.id)).all()
        return [UndoStep(r.label, from_dict(r.payload)) for r in rows]

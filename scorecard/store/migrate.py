"""Schema migrations with Alembic (``scorecard/store/migrations``, ``alembic.ini`` at the root).

Revisions are numbered ``0001``, ``0002``, ...; the schema *version* is that number as an int
(``Store.schema_version()``). :func:`upgrade` (what ``Store.migrate()`` and ``alembic upgrade
head`` both run, through ``migrations/env.py``):

1. takes a lock for the whole run: ``pg_advisory_lock`` on PostgreSQL (on the connection that
   migrates), an exclusive ``flock`` on ``<database file>-migrate.lock`` on SQLite (a process lock
   for an in-memory database), so replicas starting at once migrate one after the other; the
   later ones find nothing left to do;
2. adopts a database made before Alembic: the table ``schema_version`` (versions 1-6 of the old
   home-made list) becomes ``alembic_version`` at the same revision, nothing else changes;
3. refuses a database newer than this program (:class:`StorageError` ``storage.schema_newer``);
4. runs the missing revisions in one transaction (both databases have transactional DDL, so a
   failed upgrade leaves the previous version intact).
"""

from __future__ import annotations

import fcntl
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

from scorecard.messages import msg

__all__ = ["MIGRATIONS_DIR", "LEGACY_REVISIONS", "config", "upgrade", "locked", "adopt_legacy", "revision_of",
           "head"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: ``schema_version`` of the home-made list -> the Alembic revision with the same tables.
LEGACY_REVISIONS = {v: f"{v:04d}" for v in range(1, 7)}
_MEMORY_LOCK = threading.Lock()
#: Alembic's command API keeps its context in module globals: one run per process at a time.
_PROCESS_LOCK = threading.Lock()


def config(url: URL | None = None, engine: Engine | None = None) -> Any:
    """An Alembic ``Config`` for this package's migrations (no ini file needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["url"] = url
    cfg.attributes["engine"] = engine
    return cfg


def head() -> str:
    """The newest revision of this program."""
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(config()).get_current_head())


def _known() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(config()).walk_revisions()}


def revision_of(conn: Connection) -> str | None:
    """The database's revision (adopting nothing): alembic_version, else the legacy
    schema_version mapped (``"legacy:N"`` for a legacy version this program does not know), else None."""
    insp = sa.inspect(conn)
    if insp.has_table("alembic_version"):
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    if insp.has_table("schema_version"):
        v = int(conn.execute(sa.text("SELECT MAX(version) FROM schema_version")).scalar() or 0)
        return LEGACY_REVISIONS.get(v, f"legacy:{v}") if v else None
    return None


def _newer(found: str, latest: str) -> Exception:
    from scorecard.store.storage import StorageError

    return StorageError(msg(
        "storage.schema_newer",
        en="The database has schema version {v}, newer than this program ({l}). Update the program.",
        id="Basis data memakai skema versi {v}, lebih baru dari program ini ({l}). Perbarui program.",
        v=found.removeprefix("legacy:"), l=latest,
    ))


def adopt_legacy(conn: Connection) -> None:
    """Turn a pre-Alembic database's ``schema_version`` into ``alembic_version`` (own transaction);
    refuse a database newer than this program. Call with the migration lock held."""
    rev = revision_of(conn)
    latest = head()
    if rev is not None and rev not in _known():
        raise _newer(rev, latest)
    insp = sa.inspect(conn)
    legacy = insp.has_table("schema_version") and not insp.has_table("alembic_version") and rev is not None
    if conn.in_transaction():  # the inspection's read transaction
        conn.rollback()
    if legacy:
        with conn.begin():
            conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                                 "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
            conn.execute(sa.text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": rev})
            conn.execute(sa.text("DROP TABLE schema_version"))


@contextmanager
def locked(engine: Engine) -> Iterator[Connection]:
    """A connection holding the migration lock (see the module docstring) until the block ends."""
    url = engine.url
    if engine.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(b"scorecard.migrate").digest()[:8], "big", signed=True)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
            conn.commit()
            try:
                yield conn
            finally:
                conn.rollback()
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
        return
    if engine.dialect.name == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(str(url.database).removeprefix("file:").split("?", 1)[0])
        lock_path = path.with_name(path.name + "-migrate.lock")
        with lock_path.open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                with engine.connect() as conn:
                    yield conn
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return
    with _MEMORY_LOCK, engine.connect() as conn:  # an in-memory database lives in this process only
        yield conn


def upgrade(url: URL, engine: Engine | None = None, target: str = "head") -> None:
    """``alembic upgrade <target>`` on ``url`` (through ``engine`` when given), with the lock."""
    from alembic import command

    with _PROCESS_LOCK:
        command.upgrade(config(url, engine), target)

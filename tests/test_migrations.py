"""Schema migrations with Alembic: ``alembic upgrade head`` and ``Store.migrate()`` on SQLite and
PostgreSQL give exactly the declared schema; a database made by the code before Alembic
(``schema_version`` 3) is upgraded in place with nothing lost; replicas starting at once are
safe; a newer database is refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from scorecard.store import migrate, storage
from scorecard.store import workshop as ws
from scorecard.store.storage import StorageError, Store
from tests.conftest import ROOT
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]

DATA = ROOT / "tests" / "data"
#: SQLite files written by the code before Alembic (home-made migrations; see the .json next to each).
LEGACY_VERSIONS = (3, 6)
LEGACY = DATA / "created_by_schema_v6.sqlite"
LEGACY_INFO = json.loads((DATA / "created_by_schema_v6.json").read_text())


def _legacy(version: int) -> tuple[Path, dict]:
    return DATA / f"created_by_schema_v{version}.sqlite", json.loads((DATA / f"created_by_schema_v{version}.json").read_text())
BOOKKEEPING = {"alembic_version"}


def _schema(engine: sa.Engine) -> dict[str, dict[str, bool]]:
    """{table: {column: nullable}} plus unique constraints and indexes as pseudo columns."""
    insp = sa.inspect(engine)
    out: dict[str, dict[str, bool]] = {}
    for table in insp.get_table_names():
        if table in BOOKKEEPING:
            continue
        cols = {c["name"]: bool(c["nullable"]) for c in insp.get_columns(table)}
        for uc in insp.get_unique_constraints(table):
            cols["unique(" + ",".join(uc["column_names"]) + ")"] = False
        for ix in insp.get_indexes(table):
            kind = "unique" if ix.get("unique") else "index"
            cols[kind + "(" + ",".join(str(c) for c in ix["column_names"]) + ")"] = False
        out[table] = cols
    return out


def _declared() -> dict[str, dict[str, bool]]:
    out: dict[str, dict[str, bool]] = {}
    for table in storage.METADATA.sorted_tables:
        cols = {c.name: bool(c.nullable) for c in table.columns}
        for c in table.columns:
            if c.unique:
                cols[f"unique({c.name})"] = False
        for con in table.constraints:
            if isinstance(con, sa.UniqueConstraint) and len(con.columns) > 1:
                cols["unique(" + ",".join(c.name for c in con.columns) + ")"] = False
        for ix in table.indexes:
            cols[("unique" if ix.unique else "index") + "(" + ",".join(c.name for c in ix.columns) + ")"] = False
        out[table.name] = cols
    return out


def test_latest_version_is_the_alembic_head() -> None:
    assert f"{storage.LATEST_VERSION:04d}" == migrate.head()


def test_migrate_from_empty(db_url: str) -> None:
    with Store(db_url) as store:
        assert store.schema_version() == 0
        assert store.migrate() == storage.LATEST_VERSION
        assert store.migrate() == storage.LATEST_VERSION  # idempotent
        assert _schema(store.engine) == _declared()  # the revisions build exactly the declared schema
        with store.read() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [migrate.head()]


def test_alembic_command_line_upgrade_head(db_url: str) -> None:
    """The operator's way: ``alembic upgrade head`` from the repository root."""
    url = storage.resolve_url(db_url).render_as_string(hide_password=False)
    res = subprocess.run([sys.executable, "-m", "alembic", "-x", f"url={url}", "upgrade", "head"], cwd=ROOT,
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    assert "Running upgrade 0007 -> 0008" in res.stderr
    with Store(db_url) as store:
        assert store.schema_version() == storage.LATEST_VERSION
        assert _schema(store.engine) == _declared()
    res = subprocess.run([sys.executable, "-m", "alembic", "-x", f"url={url}", "current"], cwd=ROOT,
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0 and "0008 (head)" in res.stdout, res.stdout + res.stderr


def test_downgrade_and_upgrade_again(db_url: str) -> None:
    with Store(db_url) as store:
        store.migrate()
        migrate.upgrade(store.url, store.engine, "head")
        from alembic import command

        command.downgrade(migrate.config(store.url, store.engine), "0003")
        assert store.schema_version() == 3
        assert "via" not in {c["name"] for c in sa.inspect(store.engine).get_columns("audit_log")}
        assert store.migrate() == storage.LATEST_VERSION
        assert _schema(store.engine) == _declared()


def _check_legacy_data(store: Store, info: dict = LEGACY_INFO) -> None:
    sid = info["scorecard_id"]
    rec = store.load_record(sid)
    assert rec.revision == info["revision"] and rec.updated_by == "budi"
    node, a, b = info["pair"]
    assert rec.scorecard.judgments[node][(a, b)] == 7.0
    assert [(c.kind, c.actor, c.via) for c in store.changes(sid)] == [("upload", "ana", None), ("judgment", "budi", None)]
    assert [s.name for s in store.list_scenarios(sid)] == ["equal"]
    link = store.open_link(info["workspace_token"])  # an old workspace link is an editor link
    assert link is not None and (link.role, link.scorecard_id, link.active) == ("edit", sid, True)
    view = ws.facilitator_view(store, info["facilitator_token"])
    assert [p.name for p in view.participants] == ["Ani"]
    assert ws.my_answers(store, info["participant_token"]) == {node: {(a, b): 3.0}}
    # and it keeps working with today's code
    new = rec.scorecard.copy()
    new.set_judgment(node, a, b, 5.0)
    store.apply_change(sid, rec.scorecard, new, "citra", base_revision=rec.revision, via_token=info["workspace_token"],
                       changes=[storage.Change("judgment", storage.pair_target(node, a, b), 7.0, 5.0)])
    assert store.changes(sid)[-1].via == link.link_id


@pytest.mark.parametrize("version", LEGACY_VERSIONS)
def test_sqlite_file_made_by_todays_code_upgrades_in_place(tmp_path, version: int) -> None:
    """tests/data/created_by_schema_v{3,6}.sqlite were written by the code before Alembic (its
    home-made migrations 1-3 and 1-6; see the .json next to each)."""
    source, info = _legacy(version)
    path = tmp_path / "scorecard.sqlite"
    shutil.copy(source, path)
    with Store(f"sqlite:///{path}") as store:
        assert store.schema_version() == version
        assert store.migrate() == storage.LATEST_VERSION
        assert _schema(store.engine) == _declared()
        assert "schema_version" not in sa.inspect(store.engine).get_table_names()
        _check_legacy_data(store, info)
        if "undo_labels" in info:
            assert [u.label for u in store.undo_history(info["scorecard_id"])] == info["undo_labels"]


def _legacy_v6(conn: sa.Connection, now: datetime) -> None:
    """What the code before Alembic made (its three migrations and its schema_version rows), for
    PostgreSQL, where no file can be shipped: the frozen revisions 0001-0006 are those migrations."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    ctx = MigrationContext.configure(conn)
    with Operations.context(ctx):
        import importlib

        for name in ("0001_scorecards", "0002_workshops", "0003_workspaces", "0004_trees", "0005_evidence",
                     "0006_undo_history"):
            importlib.import_module(f"scorecard.store.migrations.versions.{name}").upgrade()
    conn.execute(sa.text("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                         "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)"))
    for v, name in ((1, "scorecards, scenarios, audit log"), (2, "live group workshops"), (3, "browser workspaces"),
                    (4, "cascade trees"), (5, "evidence, verifications, period locks"), (6, "workspace undo history")):
        conn.execute(sa.text("INSERT INTO schema_version VALUES (:v, :n, :t)"), {"v": v, "n": name, "t": now})


def test_postgresql_database_made_by_todays_code_upgrades_in_place(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the SQLite case uses the real file made by the old code")
    with Store(db_url) as store:
        with store.engine.begin() as conn:
            _legacy_v6(conn, store.now())
            conn.execute(sa.text("INSERT INTO scorecards (name, payload, revision, created_at, created_by, updated_at,"
                                 " updated_by) VALUES ('x', :p, 4, now(), 'ana', now(), 'ana')"),
                         {"p": '{"format": 1, "name": "x"}'})
        assert store.schema_version() == 6
        assert store.migrate() == storage.LATEST_VERSION
        assert _schema(store.engine) == _declared()
        (info,) = store.list_scorecards()
        assert (info.name, info.revision) == ("x", 4)


def test_concurrent_migrations_from_several_replicas(db_url: str) -> None:
    stores = [Store(db_url) for _ in range(4)]
    results: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(stores))

    def run(s: Store) -> None:
        try:
            barrier.wait()
            results.append(s.migrate())
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors, errors
        assert results == [storage.LATEST_VERSION] * len(stores)
        assert _schema(stores[0].engine) == _declared()
    finally:
        for s in stores:
            s.dispose()


def test_concurrent_processes_upgrade_an_old_sqlite_file_once(tmp_path) -> None:
    """Three processes start at once on a file made before Alembic: one upgrades, the others wait
    on the file lock and find nothing to do; nothing is lost."""
    path = tmp_path / "scorecard.sqlite"
    shutil.copy(LEGACY, path)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from scorecard.store.storage import Store; "
            "print(Store(sys.argv[2]).migrate())")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(ROOT), f"sqlite:///{path}"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1][-2000:] for o in outs]
    assert [o[0].strip() for o in outs] == [str(storage.LATEST_VERSION)] * 3
    with Store(f"sqlite:///{path}") as store:
        _check_legacy_data(store)


def test_newer_schema_is_refused(db_url: str) -> None:
    with Store(db_url) as store:
        store.migrate()
        with store.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
        with pytest.raises(StorageError) as info:
            store.migrate()
        assert info.value.msg.code == "storage.schema_newer" and "0099" in info.value.msg.en and info.value.msg.id

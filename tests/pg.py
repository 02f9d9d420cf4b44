"""A throwaway PostgreSQL server for the storage tests (no conftest needed).

Use in a test module::

    from tests.pg import db_url, pg_server_url
    __all__ = ["db_url", "pg_server_url"]  # pytest fixtures; marks the import as used

``pg_server_url`` (session): ``$SCORECARD_TEST_PG_URL`` when set (the tests then need CREATE
SCHEMA rights there); otherwise Debian's server binaries (``/usr/lib/postgresql/<v>/bin``) make a
cluster in a temporary directory (``initdb``, trust auth, as the ``postgres`` user when running as
root), start it on 127.0.0.1 on a free port with its unix socket in that directory, create a
database and stop and delete everything at the end. Without binaries the PostgreSQL tests are
skipped with the reason (``make test`` installs the ``postgresql`` package).

``db_url`` (per test, parametrised ``sqlite`` / ``postgresql``): an empty database, a SQLite file
in ``tmp_path`` or a fresh PostgreSQL schema (selected through ``search_path``) dropped afterwards.
With pytest-xdist each worker starts its own server.
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

ENV_URL = "SCORECARD_TEST_PG_URL"
DATABASE = "scorecard_test"


def find_pg_bin() -> Path | None:
    """The newest directory holding both ``initdb`` and ``pg_ctl`` (Debian layout first)."""
    found: list[tuple[tuple[int, ...], Path]] = []
    for d in glob.glob("/usr/lib/postgresql/*/bin"):
        p = Path(d)
        if (p / "initdb").is_file() and (p / "pg_ctl").is_file():
            version = tuple(int(x) for x in p.parent.name.split(".") if x.isdigit())
            found.append((version, p))
    if found:
        return max(found)[1]
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalPostgres:
    """One temporary cluster. ``start()`` returns its SQLAlchemy URL; ``stop()`` removes it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="scorecard-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.prefix: list[str] = []
        self.started = False
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root, ignore_errors=True)
                pytest.skip("running as root and there is no 'postgres' user to run the test server")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            runuser = shutil.which("runuser")
            self.prefix = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-c"]

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        # runuser takes the command as arguments; su takes one shell string after -c.
        cmd = [*self.prefix, shlex.join(cmd)] if self.prefix[:1] == ["su"] else [*self.prefix, *cmd]
        return subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, timeout=120, check=False)

    def _check(self, proc: subprocess.CompletedProcess[str], what: str) -> None:
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{what} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}")

    def start(self) -> str:
        self._check(self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                              "--locale=C", "--no-sync", "--no-instructions"), "initdb")
        for _ in range(3):  # the free port can be taken between probing and binding: try another
            port = _free_port()
            opts = f"-h 127.0.0.1 -p {port} -k {self.root} -c max_connections=200"
            proc = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w", "-t", "60",
                             "start")
            if proc.returncode == 0:
                self.started = True
                break
        else:
            self._check(proc, "pg_ctl start")
        base = f"postgresql+psycopg://postgres@127.0.0.1:{port}/"
        engine = sa.create_engine(base + "postgres", isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {DATABASE}")
        engine.dispose()
        return base + DATABASE

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a PostgreSQL database for the whole test session (see the module docstring)."""
    env = os.environ.get(ENV_URL)
    if env:
        yield env
        return
    bindir = find_pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb, pg_ctl): "
                    f"install the 'postgresql' package (make test does) or set {ENV_URL}")
    server = LocalPostgres(bindir)
    try:
        url = server.start()
    except BaseException:
        server.stop()
        raise
    try:
        yield url
    finally:
        server.stop()


@contextmanager
def fresh_schema(base_url: str) -> Iterator[str]:
    """A new empty schema in ``base_url``'s database; yields a URL whose connections use it."""
    schema = "t_" + uuid.uuid4().hex[:16]
    engine = sa.create_engine(base_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL, once per backend (SQLite file, PostgreSQL schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scorecard.sqlite'}"
        return
    base = request.getfixturevalue("pg_server_url")
    with fresh_schema(base) as url:
        yield url

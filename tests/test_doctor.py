"""``python -m scorecard doctor``: says whether storage is usable (exit 0) or not (exit 1), in
both languages, and changes nothing. SQLite (good, new, damaged, read-only, missing folder) and
PostgreSQL (good, unreachable)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import sqlalchemy as sa

from scorecard.cli import main
from scorecard.store.storage import Store
from tests.conftest import ROOT
from tests.pg import db_url, pg_server_url

__all__ = ["db_url", "pg_server_url"]


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["doctor", *args])
    return code, capsys.readouterr().out


def test_usable_database_exit_0_and_nothing_changes(db_url, capsys):
    with Store(db_url) as s:
        s.migrate()
    code, out = run(capsys, "--url", db_url)
    assert code == 0, out
    assert "Storage is usable." in out and "[OK  ] A write transaction works." in out
    assert "Schema version" in out and "(current)" in out
    with Store(db_url) as s, s.read() as conn:
        assert not sa.inspect(conn).has_table("scorecard_doctor_probe")


def test_new_sqlite_file_is_usable_with_a_note(tmp_path, capsys):
    code, out = run(capsys, "--url", f"sqlite:///{tmp_path / 'new.sqlite'}", "--lang", "id")
    assert code == 0, out
    assert "[WARN]" in out and "Penyimpanan dapat dipakai." in out


def test_damaged_file_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 512)
    digest = hashlib.sha256(bad.read_bytes()).hexdigest()
    code, out = run(capsys, "--url", f"sqlite:///{bad}")
    assert code == 1
    assert "[FAIL] The database cannot be opened or read: file is not a database" in out
    assert "Storage is NOT usable." in out
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == digest


def test_read_only_database_exit_1(tmp_path, capsys):
    path = tmp_path / "ro.sqlite"
    with Store(f"sqlite:///{path}") as s:
        s.migrate()
    code, out = run(capsys, "--url", f"sqlite:///file:{path}?mode=ro&uri=true")
    assert code == 1
    assert "cannot be written" in out and "readonly" in out


def test_missing_folder_and_unreachable_server_exit_1(tmp_path, capsys):
    code, out = run(capsys, "--url", f"sqlite:///{tmp_path / 'nope' / 'x.sqlite'}")
    assert code == 1 and "does not exist" in out
    code, out = run(capsys, "--url", "postgresql://u:secret@127.0.0.1:1/db")
    assert code == 1 and "cannot be opened" in out
    assert "secret" not in out  # the password is never printed


def test_doctor_as_a_command_uses_the_configured_database(tmp_path):
    env_db = f"sqlite:///{tmp_path / 'env.sqlite'}"
    with Store(env_db) as s:
        s.migrate()
    import os

    res = subprocess.run([sys.executable, "-m", "scorecard", "doctor"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "SCORECARD_DB_URL": env_db}, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert str(tmp_path / "env.sqlite") in res.stdout

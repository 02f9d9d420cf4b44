"""Is storage usable? The checks behind ``python -m scorecard doctor``.

:func:`check` opens the configured database (``SCORECARD_DB_URL`` or the SQLite default, see
:func:`scorecard.store.storage.resolve_url`) and reports, one :class:`Finding` per check:
the address (password hidden), whether a connection opens, the file and its folder (SQLite), the
database's integrity (SQLite ``quick_check``), its schema version against this program's, and
whether a write transaction succeeds (a probe table created and rolled back: nothing is left
behind). Storage is usable when no finding is an error. Nothing is migrated or changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import sqlalchemy as sa

from scorecard.messages import Msg, msg

__all__ = ["Finding", "check", "usable"]


@dataclass(frozen=True)
class Finding:
    """One check: ``level`` "ok", "warning" (usable, but note it) or "error" (not usable)."""

    level: Literal["ok", "warning", "error"]
    what: Msg

    def text(self, lang: str) -> str:
        mark = {"ok": "OK  ", "warning": "WARN", "error": "FAIL"}[self.level]
        return f"[{mark}] {self.what.text(lang)}"


def usable(findings: list[Finding]) -> bool:
    return not any(f.level == "error" for f in findings)


def _cause(e: BaseException) -> str:
    return (str(getattr(e, "orig", None) or e).splitlines() or [type(e).__name__])[0][:300]


def check(url: str | None = None) -> list[Finding]:
    """Run every check on the database at ``url`` (default: the configured one)."""
    from scorecard.store import storage

    out: list[Finding] = []
    try:
        u = storage.resolve_url(url)
    except Exception as e:  # noqa: BLE001 - a malformed URL is a finding
        return [Finding("error", msg("doctor.url", en="The database address is not valid: {c}",
                                     id="Alamat basis data tidak sah: {c}", c=_cause(e)))]
    shown = u.render_as_string(hide_password=True)
    out.append(Finding("ok", msg("doctor.address", en="Database: {u}", id="Basis data: {u}", u=shown)))
    if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:"):
        path = Path(u.database.removeprefix("file:"))  # a "file:" URI (uri=true) names a path too
        folder = path.parent
        if not folder.is_dir():
            out.append(Finding("error", msg("doctor.no_folder", en="The folder {f} does not exist.",
                                            id="Folder {f} tidak ada.", f=str(folder))))
            return out
        if not os.access(folder, os.W_OK):
            out.append(Finding("error", msg(
                "doctor.folder_ro", en="The folder {f} is not writable (SQLite needs to write its journal there).",
                id="Folder {f} tidak dapat ditulisi (SQLite perlu menulis jurnalnya di sana).", f=str(folder))))
        if not path.exists():
            out.append(Finding("warning", msg(
                "doctor.new_file", en="{p} does not exist yet; the app creates it at start.",
                id="{p} belum ada; aplikasi membuatnya saat mulai.", p=str(path))))
    try:
        store = storage.Store(u)
    except Exception as e:  # noqa: BLE001
        out.append(Finding("error", msg("doctor.engine", en="Cannot use this database: {c}",
                                        id="Basis data ini tidak dapat dipakai: {c}", c=_cause(e))))
        return out
    try:
        out += _probe(store)
    finally:
        store.dispose()
    return out


def _probe(store: object) -> list[Finding]:
    from scorecard.store import storage

    assert isinstance(store, storage.Store)
    out: list[Finding] = []
    try:
        with store.read() as conn:
            conn.execute(sa.text("SELECT 1"))
            if store.dialect == "sqlite":
                result = conn.execute(sa.text("PRAGMA quick_check")).scalar()
                if result != "ok":
                    out.append(Finding("error", msg(
                        "doctor.damaged", en="The database file is damaged: {r}", id="Berkas basis data rusak: {r}",
                        r=str(result)[:200])))
                    return out
    except Exception as e:  # noqa: BLE001
        out.append(Finding("error", msg("doctor.open", en="The database cannot be opened or read: {c}",
                                        id="Basis data tidak dapat dibuka atau dibaca: {c}", c=_cause(e))))
        return out
    out.append(Finding("ok", msg("doctor.read", en="Opened and read.", id="Terbuka dan terbaca.")))
    try:
        version, latest = store.schema_version(), storage.LATEST_VERSION
    except Exception as e:  # noqa: BLE001
        out.append(Finding("error", msg("doctor.schema_err", en="The schema version cannot be read: {c}",
                                        id="Versi skema tidak dapat dibaca: {c}", c=_cause(e))))
        return out
    if version > latest:
        out.append(Finding("error", msg(
            "doctor.schema_newer", en="Schema version {v} is newer than this program ({l}): update the program.",
            id="Versi skema {v} lebih baru dari program ini ({l}): perbarui program.", v=version, l=latest)))
    elif version < latest:
        out.append(Finding("warning", msg(
            "doctor.schema_older", en="Schema version {v}; the app upgrades it to {l} at start.",
            id="Versi skema {v}; aplikasi memperbaruinya ke {l} saat mulai.", v=version, l=latest)))
    else:
        out.append(Finding("ok", msg("doctor.schema", en="Schema version {v} (current).",
                                     id="Versi skema {v} (terkini).", v=version)))
    try:
        with store.engine.connect() as conn, conn.begin() as tx:
            # BEGIN IMMEDIATE on SQLite (see storage): this already needs the write lock.
            conn.execute(sa.text("CREATE TABLE scorecard_doctor_probe (x INTEGER)"))
            conn.execute(sa.text("INSERT INTO scorecard_doctor_probe (x) VALUES (1)"))
            tx.rollback()
    except Exception as e:  # noqa: BLE001
        out.append(Finding("error", msg("doctor.write", en="The database cannot be written: {c}",
                                        id="Basis data tidak dapat ditulisi: {c}", c=_cause(e))))
        return out
    out.append(Finding("ok", msg("doctor.written", en="A write transaction works.",
                                 id="Transaksi tulis berjalan.")))
    return out

"""Alembic environment: runs this package's revisions against the scorecard database.

The database is ``-x url=...`` (``alembic -x url=postgresql://... upgrade head``), else the
``url``/``engine`` given by :func:`scorecard.store.migrate.upgrade` (``Store.migrate()``), else
``$SCORECARD_DB_URL``, else ``data/scorecard.sqlite``. The run holds the migration lock and adopts
a pre-Alembic database first (see :mod:`scorecard.store.migrate`). Online mode only.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from scorecard.store import migrate, storage

config = context.config
if config.config_file_name is not None and config.attributes.get("engine") is None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)  # the alembic command line

if context.is_offline_mode():
    raise SystemExit("scorecard migrations run online only: alembic upgrade head (no --sql)")

x_url = context.get_x_argument(as_dictionary=True).get("url")
engine = config.attributes.get("engine") if not x_url else None
url = storage.resolve_url(x_url or config.attributes.get("url"))
own_engine = engine is None
if engine is None:
    engine = storage.make_engine(url)
try:
    with migrate.locked(engine) as conn:
        migrate.adopt_legacy(conn)
        context.configure(connection=conn, target_metadata=storage.METADATA,
                          render_as_batch=conn.dialect.name == "sqlite", transaction_per_migration=False)
        with context.begin_transaction():
            context.run_migrations()
        if conn.in_transaction():
            conn.commit()
finally:
    if own_engine:
        engine.dispose()

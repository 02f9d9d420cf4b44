"""Share links with rights: role (edit / view), label, who made it and when it was revoked, per
workspace token; the audit log records the link a change came through (``via``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scorecard.store.storage import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workspaces", sa.Column("role", sa.String(10), nullable=False, server_default="edit"))
    op.add_column("workspaces", sa.Column("label", sa.String(200), nullable=False, server_default=""))
    op.add_column("workspaces", sa.Column("created_by", sa.String(200), nullable=False, server_default=""))
    op.add_column("workspaces", sa.Column("revoked_at", UTCDateTime, nullable=True))
    op.add_column("audit_log", sa.Column("via", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("via")
    with op.batch_alter_table("workspaces") as batch:
        for column in ("revoked_at", "created_by", "label", "role"):
            batch.drop_column(column)

"""Join attempts also counted per browser session (a workshop room behind one address is not one
client).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("join_attempts", sa.Column("session_hash", sa.String(64), nullable=True))
    op.create_index("ix_join_attempts_session", "join_attempts", ["session_hash", "at"])


def downgrade() -> None:
    op.drop_index("ix_join_attempts_session", table_name="join_attempts")
    with op.batch_alter_table("join_attempts") as batch:
        batch.drop_column("session_hash")

"""The undo history of a workspace: one row per undoable change (the scorecard before it, a label).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Frozen: was migration 6 of the list that Alembic replaced (databases that have it are adopted
at this revision). Never edit it; add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scorecard.store.storage import JSONValue, UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    md = sa.MetaData()
    sa.Table("scorecards", md, sa.Column("id", sa.Integer, primary_key=True))  # FK target only
    t = sa.Table(
        "undo_history", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label", sa.String(500), nullable=False),
        sa.Column("payload", JSONValue(), nullable=False),
        sa.Column("pushed_at", UTCDateTime, nullable=False),
        sa.Index("ix_undo_history_scorecard", "scorecard_id", "id"),
    )
    md.create_all(conn, tables=[t])


def downgrade() -> None:
    op.drop_table("undo_history")

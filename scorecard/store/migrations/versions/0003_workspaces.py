"""Browser workspaces: an unguessable token in the app's URL -> the scorecard it edits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

Frozen: was migration 3 of the list that Alembic replaced (databases that have it are adopted
at this revision). Never edit it; add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scorecard.store.storage import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    md = sa.MetaData()
    sa.Table("scorecards", md, sa.Column("id", sa.Integer, primary_key=True))  # FK target only
    t = sa.Table(
        "workspaces", md,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    md.create_all(conn, tables=[t])


def downgrade() -> None:
    op.drop_table("workspaces")

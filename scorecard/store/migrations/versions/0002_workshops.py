"""Live group workshops: workshops, participants, submissions, failed join attempts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04

Frozen: was migration 2 of the list that Alembic replaced (databases that have it are adopted
at this revision). Never edit it; add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scorecard.store.storage import JSONValue, UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    md = sa.MetaData()
    sa.Table("scorecards", md, sa.Column("id", sa.Integer, primary_key=True))  # FK target only
    new = [
        sa.Table(
            "workshops", md,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"),
                      nullable=False),
            sa.Column("join_code", sa.String(16), nullable=False, unique=True),
            sa.Column("facilitator_token_hash", sa.String(64), nullable=False, unique=True),
            sa.Column("facilitator", sa.String(200), nullable=False),
            sa.Column("nodes", JSONValue(), nullable=False),
            sa.Column("status", sa.String(10), nullable=False),
            sa.Column("created_at", UTCDateTime, nullable=False),
            sa.Column("closed_at", UTCDateTime, nullable=True),
            sa.Column("adopted_at", UTCDateTime, nullable=True),
        ),
        sa.Table(
            "participants", md,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"),
                      nullable=False),
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("participant_token_hash", sa.String(64), nullable=False, unique=True),
            sa.Column("joined_at", UTCDateTime, nullable=False),
            sa.Index("ix_participants_workshop", "workshop_id"),
        ),
        sa.Table(
            "submissions", md,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE"),
                      nullable=False),
            sa.Column("node", sa.String(200), nullable=False),
            sa.Column("a", sa.String(200), nullable=False),
            sa.Column("b", sa.String(200), nullable=False),
            sa.Column("value", sa.Float, nullable=False),
            sa.Column("submitted_at", UTCDateTime, nullable=False),
            sa.UniqueConstraint("participant_id", "node", "a", "b", name="uq_submissions_answer"),
        ),
        sa.Table(
            "join_attempts", md,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("client_key_hash", sa.String(64), nullable=False),
            sa.Column("code_hash", sa.String(64), nullable=False),
            sa.Column("at", UTCDateTime, nullable=False),
            sa.Index("ix_join_attempts_client", "client_key_hash", "at"),
            sa.Index("ix_join_attempts_code", "code_hash", "at"),
        ),
    ]
    md.create_all(conn, tables=new)


def downgrade() -> None:
    op.drop_table("join_attempts")
    op.drop_table("submissions")
    op.drop_table("participants")
    op.drop_table("workshops")

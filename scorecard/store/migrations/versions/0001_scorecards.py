"""Scorecards (whole model as JSON, revision), weight scenarios, audit log.

Revision ID: 0001
Revises: -
Create Date: 2026-12-04

Frozen: was migration 1 of the list that Alembic replaced (databases that have it are adopted
at this revision). Never edit it; add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scorecard.store.storage import JSONValue, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    md = sa.MetaData()
    sa.Table(
        "scorecards", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("payload", JSONValue(), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    sa.Table(
        "scenarios", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("weights", JSONValue(), nullable=False),
        sa.Column("saved_at", UTCDateTime, nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.UniqueConstraint("scorecard_id", "name", name="uq_scenarios_scorecard_name"),
    )
    sa.Table(
        "audit_log", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target", sa.String(500), nullable=False),
        sa.Column("before", JSONValue(), nullable=True),
        sa.Column("after", JSONValue(), nullable=True),
        sa.Column("cr_before", sa.Float, nullable=True),
        sa.Column("cr_after", sa.Float, nullable=True),
        sa.Index("ix_audit_log_scorecard", "scorecard_id", "id"),
    )
    md.create_all(conn)


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("scenarios")
    op.drop_table("scorecards")

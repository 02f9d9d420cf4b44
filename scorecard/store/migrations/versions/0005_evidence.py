"""Evidence per KPI and period, verifications of values, period locks (issue #16).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

Frozen: was migration 5 of the list that Alembic replaced (databases that have it are adopted
at this revision). Never edit it; add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scorecard.store.storage import JSONValue, UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    md = sa.MetaData()
    sa.Table("scorecards", md, sa.Column("id", sa.Integer, primary_key=True))  # FK target only
    md.create_all(conn, tables=list(_frozen_tables(md)))


def _frozen_tables(md: sa.MetaData) -> tuple[sa.Table, sa.Table, sa.Table]:
    """The tables as migration 5 created them (frozen: never edit)."""
    ev = sa.Table(
        "evidence", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kpi", sa.String(100), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),  # "file" or "link"
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("filename", sa.String(255), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=True),
        sa.Column("size", sa.Integer, nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("data", sa.LargeBinary, nullable=True),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("added_at", UTCDateTime, nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Index("ix_evidence_kpi_period", "scorecard_id", "kpi", "period"),
    )
    ver = sa.Table(
        "verifications", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kpi", sa.String(100), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("value", JSONValue(), nullable=True),  # {"target": ..., "actual": ...} when verified
        sa.Column("entered_by", sa.String(200), nullable=True),
        sa.Column("verified_by", sa.String(200), nullable=False),
        sa.Column("verified_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("scorecard_id", "kpi", "period"),
    )
    locks = sa.Table(
        "period_locks", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer, sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("locked_by", sa.String(200), nullable=False),
        sa.Column("locked_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("scorecard_id", "period"),
    )
    return ev, ver, locks


def downgrade() -> None:
    op.drop_table("period_locks")
    op.drop_table("verifications")
    op.drop_table("evidence")

"""Cascade trees: one JSON document per tree, access tokens per unit, the tree's audit log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

Frozen: was migration 4 of the list that Alembic replaced (databases that have it are adopted
at this revision). Never edit it; add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scorecard.store.storage import JSONValue, UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    md = sa.MetaData()
    t = sa.Table(
        "trees", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("payload", JSONValue(), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    a = sa.Table(
        "tree_access", md,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("tree_id", sa.Integer, sa.ForeignKey("trees.id", ondelete="CASCADE"), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Index("ix_tree_access_tree", "tree_id"),
    )
    log = sa.Table(
        "tree_audit", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tree_id", sa.Integer, sa.ForeignKey("trees.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target", sa.String(500), nullable=False),
        sa.Column("before", JSONValue(), nullable=True),
        sa.Column("after", JSONValue(), nullable=True),
        sa.Index("ix_tree_audit_tree", "tree_id", "id"),
    )
    md.create_all(conn, tables=[t, a, log])


def downgrade() -> None:
    op.drop_table("tree_audit")
    op.drop_table("tree_access")
    op.drop_table("trees")

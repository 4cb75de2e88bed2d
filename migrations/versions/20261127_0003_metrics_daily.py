"""metrics_daily rollup (shop, local day, dimension) and named change-log cursors

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import app.models.base

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_log_cursors",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column(
            "last_xid", app.models.base.XID8(), server_default=sa.text("'0'::xid8"), nullable=False
        ),
        sa.Column("last_change_id", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_log_cursors")),
    )
    op.create_table(
        "metrics_daily",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("shop_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dim_kind", sa.String(length=20), nullable=False),
        sa.Column("dim_value", sa.Text(), nullable=True),
        sa.Column("orders", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("paid_orders", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("paid_count", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("gmv", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("commission", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column(
            "s2s_hours",
            postgresql.ARRAY(sa.Float()),
            server_default=sa.text("'{}'::double precision[]"),
            nullable=False,
        ),
        sa.Column("returns", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("disputes", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("refunded_amount", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("refunded_orders", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("flagged", sa.BigInteger(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metrics_daily")),
    )
    op.create_index(
        "ux_metrics_daily_shop_kind_day_value",
        "metrics_daily",
        ["shop_id", "dim_kind", "day", "dim_value"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )


def downgrade() -> None:
    op.drop_index(
        "ux_metrics_daily_shop_kind_day_value",
        table_name="metrics_daily",
        postgresql_nulls_not_distinct=True,
    )
    op.drop_table("metrics_daily")
    op.drop_table("change_log_cursors")

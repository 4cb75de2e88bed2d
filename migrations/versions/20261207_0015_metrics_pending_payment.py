"""The summary reads less at request time:

- ``metrics_daily.pending_payment``: per created day, the orders still waiting for payment
  (recomputed with the day, as every figure is: paying or closing an order is a change of
  it). The rollup is emptied and its cursor dropped, as in 0010: readers read live until the
  worker's next pass rebuilds it with the new columns.
- ``metrics_daily.s2s_hours`` becomes ``bytea``: the day's sorted durations packed as
  big-endian float8s (``float8send``), sent as stored and unpacked in one call; a
  ``float8[]``'s binary output costs a function call per element, most of a month's read.
- ``ix_orders_shop_pending_created``: a partial index of those orders, for the live part
  (the range's last 24 h, unrolled days, the funnel) — an index-only scan instead of a heap
  visit per order of the range. Built CONCURRENTLY: orders keep taking writes meanwhile.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_orders_shop_pending_created"


def _reset() -> None:
    op.execute("DELETE FROM metrics_daily")
    op.execute("DELETE FROM change_log_cursors WHERE name = 'metrics_daily'")


def upgrade() -> None:
    _reset()
    op.add_column(
        "metrics_daily",
        sa.Column("pending_payment", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.drop_column("metrics_daily", "s2s_hours")
    op.add_column(
        "metrics_daily",
        sa.Column(
            "s2s_hours", sa.LargeBinary(), server_default=sa.text("''::bytea"), nullable=False
        ),
    )
    with op.get_context().autocommit_block():
        op.create_index(
            INDEX,
            "orders",
            ["shop_id", "created_at"],
            postgresql_where=sa.text("status = 'pending_payment' AND paid_at IS NULL"),
            postgresql_concurrently=True,
            if_not_exists=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(INDEX, "orders", postgresql_concurrently=True, if_exists=True)
    _reset()
    op.drop_column("metrics_daily", "pending_payment")
    op.drop_column("metrics_daily", "s2s_hours")
    op.add_column(
        "metrics_daily",
        sa.Column(
            "s2s_hours",
            postgresql.ARRAY(sa.Float()),
            server_default=sa.text("'{}'::double precision[]"),
            nullable=False,
        ),
    )

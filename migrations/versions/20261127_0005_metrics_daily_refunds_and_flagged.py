"""metrics_daily: refunded amount/orders (by paid day) and flagged orders (by created day)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 02:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "metrics_daily",
        sa.Column("refunded_amount", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.add_column(
        "metrics_daily",
        sa.Column("refunded_orders", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.add_column(
        "metrics_daily", sa.Column("flagged", sa.BigInteger(), server_default="0", nullable=False)
    )
    # Rows built before hold zeros in the new columns: drop the cursor, so readers go live
    # and the worker rebuilds the rollup on its next pass.
    op.execute("DELETE FROM change_log_cursors WHERE name = 'metrics_daily'")


def downgrade() -> None:
    op.drop_column("metrics_daily", "flagged")
    op.drop_column("metrics_daily", "refunded_orders")
    op.drop_column("metrics_daily", "refunded_amount")

"""The refund ledger (partial refunds, after-sale refunds) and exchange offers on after-sales.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = (
    "'requested', 'approved', 'rejected', 'awaiting_return', 'returned', 'refunded', "
    "'exchanged', 'closed'"
)


def upgrade() -> None:
    op.create_table(
        "order_refunds",
        sa.Column("shop_id", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("after_sale_id", sa.BigInteger(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("lines", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_order_refunds_amount_positive")),
        sa.ForeignKeyConstraint(
            ["shop_id", "order_id"],
            ["orders.shop_id", "orders.id"],
            name=op.f("fk_order_refunds_shop_id_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("shop_id", "id", name=op.f("pk_order_refunds")),
    )
    op.create_index(
        "ix_order_refunds_shop_order", "order_refunds", ["shop_id", "order_id", "id"], unique=False
    )
    # The ledger starts with what was already refunded (one row per order, no lines).
    op.execute(
        "INSERT INTO order_refunds (shop_id, order_id, amount, reason, created_at) "
        "SELECT shop_id, id, refunded_amount, 'refunded before the ledger existed', "
        "coalesce(closed_at, updated_at) FROM orders WHERE refunded_amount > 0"
    )
    op.add_column(
        "after_sales",
        sa.Column("exchange_offer", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.drop_constraint(op.f("ck_after_sales_status_valid"), "after_sales", type_="check")
    op.create_check_constraint(
        op.f("ck_after_sales_status_valid"),
        "after_sales",
        f"status IN ({_STATUSES}, 'exchange_offered')",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_after_sales_status_valid"), "after_sales", type_="check")
    op.execute("UPDATE after_sales SET status = 'requested' WHERE status = 'exchange_offered'")
    op.create_check_constraint(
        op.f("ck_after_sales_status_valid"), "after_sales", f"status IN ({_STATUSES})"
    )
    op.drop_column("after_sales", "exchange_offer")
    op.drop_index("ix_order_refunds_shop_order", table_name="order_refunds")
    op.drop_table("order_refunds")

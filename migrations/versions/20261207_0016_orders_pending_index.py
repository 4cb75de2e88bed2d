"""A partial index of the orders still waiting for payment, so the metrics summary's
``unpaid_over_24h`` (and the funnel's ``pending_over_24h``) count them by an index-only scan
instead of visiting the heap for every order of the range that ``ix_orders_shop_status_created``
finds (its rows lack ``paid_at``). Built CONCURRENTLY: orders keep taking writes meanwhile.

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-07 22:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_orders_shop_pending_created"


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            NAME,
            "orders",
            ["shop_id", "created_at"],
            postgresql_where=sa.text("status = 'pending_payment' AND paid_at IS NULL"),
            postgresql_concurrently=True,
            if_not_exists=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(NAME, "orders", postgresql_concurrently=True, if_exists=True)

"""webhook_deliveries: the change's entity on each delivery, so the claim keeps one entity's
deliveries to one endpoint in order (never two in flight, never a later one first)

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-07 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("webhook_deliveries", sa.Column("entity", sa.String(length=20), nullable=True))
    op.add_column("webhook_deliveries", sa.Column("entity_id", sa.BigInteger(), nullable=True))
    # Rows still to send get their entity; finished ones never take part in the ordering.
    op.execute(
        "UPDATE webhook_deliveries d SET entity = c.entity, entity_id = c.entity_id "
        "FROM change_log c WHERE d.status = 'pending' AND d.change_id > 0 "
        "AND c.shop_id = d.shop_id AND c.id = d.change_id"
    )
    op.create_index(
        "ix_webhook_deliveries_entity_pending",
        "webhook_deliveries",
        ["endpoint_id", "entity", "entity_id", "change_id", "id"],
        postgresql_where=sa.text("status = 'pending' AND entity IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_deliveries_entity_pending", table_name="webhook_deliveries")
    op.drop_column("webhook_deliveries", "entity_id")
    op.drop_column("webhook_deliveries", "entity")

"""webhook_deliveries: pending rows per endpoint in due order (the delivery claim probes each
endpoint instead of scanning the global due queue)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 02:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_endpoint_due",
        "webhook_deliveries",
        ["endpoint_id", "next_attempt_at", "id"],
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_deliveries_endpoint_due", table_name="webhook_deliveries")

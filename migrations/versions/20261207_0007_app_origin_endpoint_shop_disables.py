"""Private apps remember how they were made (revoked with the grant, membership or third-party
token that made them); webhook endpoints keep the shops whose merchant disabled them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("oauth_clients", sa.Column("created_via_client_id", sa.BigInteger()))
    op.create_foreign_key(
        op.f("fk_oauth_clients_created_via_client_id_oauth_clients"),
        "oauth_clients",
        "oauth_clients",
        ["created_via_client_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.add_column("oauth_clients", sa.Column("created_by_token_id", sa.BigInteger()))
    op.create_index(
        "ix_oauth_clients_created_via",
        "oauth_clients",
        ["created_via_client_id"],
        postgresql_where=sa.text("created_via_client_id IS NOT NULL"),
    )
    op.add_column(
        "webhook_endpoints",
        sa.Column(
            "disabled_shop_ids",
            postgresql.ARRAY(sa.BigInteger()),
            server_default="{}",
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("webhook_endpoints", "disabled_shop_ids")
    op.drop_index("ix_oauth_clients_created_via", table_name="oauth_clients")
    op.drop_column("oauth_clients", "created_by_token_id")
    op.drop_constraint(
        op.f("fk_oauth_clients_created_via_client_id_oauth_clients"),
        "oauth_clients",
        type_="foreignkey",
    )
    op.drop_column("oauth_clients", "created_via_client_id")

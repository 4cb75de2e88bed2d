"""Keys that include shop_id, so every tenant table can be distributed by shop on Citus:
metrics_daily, report_events and webhook_deliveries get (shop_id, id) primary keys,
webhook_deliveries' unique key gains shop_id, and webhook_attempts gets a shop_id (backfilled
from its delivery) with a (shop_id, delivery_id) foreign key; idempotency records get the
shop they belong to (0 for a write of no shop; existing records: 0, they expire within a day)
first in their key. See docs/scaling.md.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DELIVERY_UQ_OLD = ("endpoint_id", "change_id", "replay_of")
_DELIVERY_UQ_NEW = ("shop_id", "endpoint_id", "change_id", "replay_of")


def _uq(columns: Sequence[str]) -> str:
    return "uq_webhook_deliveries_" + "_".join(columns)


def _sequential_on_citus() -> None:
    # On a distributed database Citus runs shard DDL in parallel connections; inside one
    # transaction with other DDL it needs the sequential mode (harmless on plain PostgreSQL).
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN "
        "SET LOCAL citus.multi_shard_modify_mode = 'sequential'; END IF; END $$"
    )


def _primary_key(table: str, columns: Sequence[str]) -> None:
    op.drop_constraint(f"pk_{table}", table, type_="primary")
    op.create_primary_key(f"pk_{table}", table, list(columns))


def upgrade() -> None:
    _sequential_on_citus()
    _primary_key("metrics_daily", ("shop_id", "id"))
    _primary_key("report_events", ("shop_id", "id"))

    op.add_column("webhook_attempts", sa.Column("shop_id", sa.BigInteger(), nullable=True))
    op.execute(
        "UPDATE webhook_attempts a SET shop_id = d.shop_id "
        "FROM webhook_deliveries d WHERE d.id = a.delivery_id"
    )
    op.alter_column("webhook_attempts", "shop_id", nullable=False)
    op.drop_constraint(
        "fk_webhook_attempts_delivery_id_webhook_deliveries", "webhook_attempts", type_="foreignkey"
    )
    _primary_key("webhook_deliveries", ("shop_id", "id"))
    op.drop_constraint(_uq(_DELIVERY_UQ_OLD), "webhook_deliveries", type_="unique")
    op.create_unique_constraint(_uq(_DELIVERY_UQ_NEW), "webhook_deliveries", list(_DELIVERY_UQ_NEW))
    _primary_key("webhook_attempts", ("shop_id", "id"))
    op.create_foreign_key(
        "fk_webhook_attempts_shop_id_delivery_id_webhook_deliveries",
        "webhook_attempts",
        "webhook_deliveries",
        ["shop_id", "delivery_id"],
        ["shop_id", "id"],
        ondelete="CASCADE",
    )
    op.add_column(
        "idempotency_keys",
        sa.Column("shop_id", sa.BigInteger(), server_default="0", nullable=False),
    )
    _primary_key("idempotency_keys", ("shop_id", "principal_key", "key"))


def downgrade() -> None:
    _sequential_on_citus()
    # One record per (principal, key) again: a key used for two shops keeps its first shop's.
    op.execute(
        "DELETE FROM idempotency_keys a USING idempotency_keys b WHERE a.principal_key = "
        "b.principal_key AND a.key = b.key AND a.shop_id > b.shop_id"
    )
    _primary_key("idempotency_keys", ("principal_key", "key"))
    op.drop_column("idempotency_keys", "shop_id")
    op.drop_constraint(
        "fk_webhook_attempts_shop_id_delivery_id_webhook_deliveries",
        "webhook_attempts",
        type_="foreignkey",
    )
    _primary_key("webhook_attempts", ("id",))
    op.drop_constraint(_uq(_DELIVERY_UQ_NEW), "webhook_deliveries", type_="unique")
    op.create_unique_constraint(_uq(_DELIVERY_UQ_OLD), "webhook_deliveries", list(_DELIVERY_UQ_OLD))
    _primary_key("webhook_deliveries", ("id",))
    op.create_foreign_key(
        "fk_webhook_attempts_delivery_id_webhook_deliveries",
        "webhook_attempts",
        "webhook_deliveries",
        ["delivery_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.drop_column("webhook_attempts", "shop_id")
    _primary_key("report_events", ("id",))
    _primary_key("metrics_daily", ("id",))

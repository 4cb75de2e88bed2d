"""Buyer address-change requests and complaints; the change log accepts their entities.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ENTITY_CHECK = "ck_change_log_entity_valid"
_ENTITIES_BEFORE = "'order', 'after_sale', 'dispute'"
_ENTITIES_ADDED = "'address_change', 'complaint'"


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    now = sa.text("now()")
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
    ]


def _order_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["shop_id", "order_id"],
        ["orders.shop_id", "orders.id"],
        name=op.f(f"fk_{table}_shop_id_order_id_orders"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "address_change_requests",
        sa.Column("shop_id", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("receiver_name", sa.String(length=100), nullable=False),
        sa.Column("receiver_phone", sa.String(length=32), nullable=False),
        sa.Column("receiver_address", sa.String(length=500), nullable=False),
        sa.Column("province", sa.String(length=32), nullable=False),
        sa.Column("city", sa.String(length=64), nullable=False),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=20), nullable=True),
        sa.Column("auto_approve_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')",
            name=op.f("ck_address_change_requests_status_valid"),
        ),
        sa.CheckConstraint(
            "decided_by IS NULL OR decided_by IN ('merchant', 'auto')",
            name=op.f("ck_address_change_requests_decided_by_valid"),
        ),
        _order_fk("address_change_requests"),
        sa.PrimaryKeyConstraint("shop_id", "id", name=op.f("pk_address_change_requests")),
    )
    op.create_index(
        "ix_address_change_requests_shop_order",
        "address_change_requests",
        ["shop_id", "order_id"],
    )
    op.create_index(
        "ix_address_change_requests_shop_created",
        "address_change_requests",
        ["shop_id", "created_at", "id"],
    )
    op.create_index(
        "ix_address_change_requests_shop_status",
        "address_change_requests",
        ["shop_id", "status", "created_at"],
    )
    op.create_index(
        "ix_address_change_requests_pending",
        "address_change_requests",
        ["auto_approve_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "complaints",
        sa.Column("shop_id", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "kind IN ('quality', 'not_as_described', 'logistics', 'service', 'other')",
            name=op.f("ck_complaints_kind_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'responded')", name=op.f("ck_complaints_status_valid")
        ),
        _order_fk("complaints"),
        sa.PrimaryKeyConstraint("shop_id", "id", name=op.f("pk_complaints")),
    )
    op.create_index("ix_complaints_shop_order", "complaints", ["shop_id", "order_id"])
    op.create_index("ix_complaints_shop_created", "complaints", ["shop_id", "created_at", "id"])
    _entities(f"{_ENTITIES_BEFORE}, {_ENTITIES_ADDED}")


def downgrade() -> None:
    op.execute(
        "DELETE FROM change_log WHERE entity IN (" + _ENTITIES_ADDED + ")"
    )
    _entities(_ENTITIES_BEFORE)
    op.drop_table("complaints")
    op.drop_table("address_change_requests")


def _entities(values: str) -> None:
    op.drop_constraint(op.f(_ENTITY_CHECK), "change_log", type_="check")
    op.create_check_constraint(op.f(_ENTITY_CHECK), "change_log", f"entity IN ({values})")

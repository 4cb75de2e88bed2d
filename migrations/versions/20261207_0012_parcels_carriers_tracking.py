"""Parcels: carrier registry (seeded), shipment lines / status / corrections, tracking events,
the partially_shipped order status, and trigram indexes for the note filters.

Free-text carriers become registry codes (unknown names: OTHER); a parcel's item ids become
whole-line ``lines`` (an item belongs to the first parcel that listed it, or that listed all);
a shipped, unsigned order with unshipped units becomes ``partially_shipped``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KD100 = "https://www.kuaidi100.com/chaxun?com={com}&nu={{tracking_no}}"

# code, name_zh, name_en, kuaidi100 company, aliases (lower case) — frozen here on purpose.
CARRIERS: list[tuple[str, str, str, str | None, list[str]]] = [
    ("SF", "顺丰速运", "SF Express", "shunfeng", ["顺丰", "顺丰快递", "sf-express", "sfexpress"]),
    ("YTO", "圆通速递", "YTO Express", "yuantong", ["圆通", "圆通快递", "yt"]),
    ("ZTO", "中通快递", "ZTO Express", "zhongtong", ["中通", "中通速递"]),
    ("STO", "申通快递", "STO Express", "shentong", ["申通"]),
    ("YUNDA", "韵达快递", "Yunda Express", "yunda", ["韵达", "韵达速递", "yd"]),
    ("JD", "京东物流", "JD Logistics", "jd", ["京东", "京东快递", "jdl"]),
    ("EMS", "EMS", "China Post EMS", "ems", ["中国邮政ems", "邮政ems"]),
    ("YZPY", "邮政快递包裹", "China Post Parcel", "youzhengguonei", ["中国邮政", "邮政包裹"]),
    ("JTSD", "极兔速递", "J&T Express", "jtexpress", ["极兔", "极兔快递", "jt", "j&t"]),
    ("DBL", "德邦快递", "Deppon Express", "debangkuaidi", ["德邦", "德邦物流", "deppon"]),
    ("HTKY", "百世快递", "Best Express", "huitongkuaidi", ["百世", "百世汇通", "best"]),
    ("ZJS", "宅急送", "ZJS Express", "zhaijisong", []),
    ("DNWL", "丹鸟", "Danniao Logistics", "danniao", ["丹鸟物流"]),
    ("UC", "优速快递", "UC Express", "youshuwuliu", ["优速"]),
    ("OTHER", "其他快递", "Other carrier", None, ["其他", "other"]),
]

_OLD_STATUSES = "'pending_payment', 'paid', 'shipped', 'completed', 'closed'"
_TRACKING = "'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception', "
_TRACKING += "'returned_to_sender'"
_TRGM = {"ix_orders_buyer_note_trgm": "buyer_note", "ix_orders_merchant_remark_trgm": "merchant_remark"}


def upgrade() -> None:
    carriers = op.create_table(
        "carriers",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name_zh", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.String(length=64), nullable=False),
        sa.Column("tracking_url", sa.String(length=300), nullable=True),
        sa.Column("aliases", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column("position", sa.BigInteger(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_carriers")),
    )
    op.bulk_insert(
        carriers,
        [
            {
                "code": code,
                "name_zh": zh,
                "name_en": en,
                "tracking_url": _KD100.format(com=com) if com else None,
                "aliases": aliases,
                "position": position,
            }
            for position, (code, zh, en, com, aliases) in enumerate(CARRIERS, start=1)
        ],
    )

    op.add_column("shipments", sa.Column("carrier_code", sa.String(length=16), nullable=True))
    op.add_column(
        "shipments",
        sa.Column(
            "lines",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "shipments",
        sa.Column("status", sa.String(length=20), server_default="shipped", nullable=False),
    )
    op.add_column(
        "shipments", sa.Column("corrections", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column(
        "shipments",
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.execute(
        """
        UPDATE shipments s SET carrier_code = c.code
        FROM carriers c
        WHERE lower(btrim(s.carrier)) IN (lower(c.code), lower(c.name_zh), lower(c.name_en))
           OR lower(btrim(s.carrier)) = ANY (c.aliases)
        """
    )
    op.execute("UPDATE shipments SET carrier_code = 'OTHER' WHERE carrier_code IS NULL")
    op.execute(
        """
        WITH claim AS (
            SELECT DISTINCT ON (i.shop_id, i.id)
                   i.shop_id, i.id AS item_id, i.quantity, s.id AS shipment_id
            FROM order_items i
            JOIN shipments s ON s.shop_id = i.shop_id AND s.order_id = i.order_id
             AND (s.item_ids IS NULL OR s.item_ids -> 'ids' @> to_jsonb(i.id))
            ORDER BY i.shop_id, i.id, s.id
        ), grouped AS (
            SELECT shop_id, shipment_id,
                   jsonb_agg(jsonb_build_object('item_id', item_id, 'quantity', quantity)
                             ORDER BY item_id) AS lines
            FROM claim GROUP BY shop_id, shipment_id
        )
        UPDATE shipments s SET lines = g.lines
        FROM grouped g WHERE s.shop_id = g.shop_id AND s.id = g.shipment_id
        """
    )
    op.execute("UPDATE shipments SET status = 'delivered' WHERE signed_at IS NOT NULL")
    op.execute("UPDATE shipments SET updated_at = coalesce(signed_at, shipped_at)")
    op.alter_column("shipments", "carrier_code", nullable=False)
    op.create_foreign_key(
        op.f("fk_shipments_carrier_code_carriers"),
        "shipments",
        "carriers",
        ["carrier_code"],
        ["code"],
    )
    op.create_check_constraint(
        op.f("ck_shipments_status_valid"), "shipments", f"status IN ('shipped', {_TRACKING})"
    )
    op.create_check_constraint(
        op.f("ck_shipments_corrections_range"), "shipments", "corrections BETWEEN 0 AND 3"
    )
    op.drop_column("shipments", "carrier")
    op.drop_column("shipments", "item_ids")

    op.drop_constraint(op.f("ck_orders_status_valid"), "orders", type_="check")
    op.create_check_constraint(
        op.f("ck_orders_status_valid"),
        "orders",
        f"status IN ({_OLD_STATUSES}, 'partially_shipped')",
    )
    op.execute(
        """
        UPDATE orders o SET status = 'partially_shipped'
        WHERE o.status = 'shipped' AND o.signed_at IS NULL AND EXISTS (
            SELECT 1 FROM order_items i
            WHERE i.shop_id = o.shop_id AND i.order_id = o.id AND i.quantity > coalesce((
                SELECT sum((l ->> 'quantity')::int)
                FROM shipments s, jsonb_array_elements(s.lines) l
                WHERE s.shop_id = i.shop_id AND s.order_id = i.order_id
                  AND (l ->> 'item_id')::bigint = i.id), 0))
        """
    )

    op.create_table(
        "shipment_tracking_events",
        sa.Column("shop_id", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("shipment_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            f"status IN ({_TRACKING})", name=op.f("ck_shipment_tracking_events_status_valid")
        ),
        sa.ForeignKeyConstraint(
            ["shop_id", "shipment_id"],
            ["shipments.shop_id", "shipments.id"],
            name=op.f("fk_shipment_tracking_events_shop_id_shipment_id_shipments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("shop_id", "id", name=op.f("pk_shipment_tracking_events")),
        sa.UniqueConstraint(
            "shop_id",
            "shipment_id",
            "at",
            "status",
            name=op.f("uq_shipment_tracking_events_shop_id_shipment_id_at_status"),
        ),
    )
    op.create_index(
        "ix_shipment_tracking_events_shop_order",
        "shipment_tracking_events",
        ["shop_id", "order_id"],
    )

    # Trigram indexes for the note filters, where the server ships pg_trgm (the embedded
    # server does not: there the filters scan the shop's rows, with the same answers).
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).scalar()
    if available:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in _TRGM.items():
            op.execute(f"CREATE INDEX {name} ON orders USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    for name in _TRGM:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_shipment_tracking_events_shop_order", table_name="shipment_tracking_events")
    op.drop_table("shipment_tracking_events")

    op.execute("UPDATE orders SET status = 'shipped' WHERE status = 'partially_shipped'")
    op.drop_constraint(op.f("ck_orders_status_valid"), "orders", type_="check")
    op.create_check_constraint(
        op.f("ck_orders_status_valid"), "orders", f"status IN ({_OLD_STATUSES})"
    )

    op.add_column("shipments", sa.Column("carrier", sa.String(length=64), nullable=True))
    op.add_column(
        "shipments", sa.Column("item_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=True)
    )
    op.execute("UPDATE shipments SET carrier = carrier_code")
    op.execute(
        """
        UPDATE shipments SET item_ids = jsonb_build_object('ids', (
            SELECT jsonb_agg((l ->> 'item_id')::bigint) FROM jsonb_array_elements(lines) l))
        WHERE jsonb_array_length(lines) > 0
        """
    )
    op.alter_column("shipments", "carrier", nullable=False)
    op.drop_constraint(op.f("ck_shipments_corrections_range"), "shipments", type_="check")
    op.drop_constraint(op.f("ck_shipments_status_valid"), "shipments", type_="check")
    op.drop_constraint(
        op.f("fk_shipments_carrier_code_carriers"), "shipments", type_="foreignkey"
    )
    for column in ("updated_at", "corrections", "status", "lines", "carrier_code"):
        op.drop_column("shipments", column)
    op.drop_table("carriers")

"""What one demo load will create: sizes, the seed, the time anchor and the reserved id blocks.

Anchor: the start of the current day in the shops' timezone (Asia/Shanghai) unless given.
Every timestamp is the anchor minus up to 120 days plus seeded offsets, so two loads with the
same seed on the same day (or with the same explicit anchor) produce the same rows; only
identity ids (when the database already held rows), ``change_log.xid`` and
``change_log.created_at`` (the moment of loading) differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

SHOP_TIMEZONE = ZoneInfo("Asia/Shanghai")
HISTORY_DAYS = 120
PRODUCTS_PER_SHOP = 40
AUTHORS = 40
# Id stride per order for children: ids are base + stride * i + k, so they never depend on
# batching. Gaps are harmless (ids are opaque).
ITEM_STRIDE = 4
EVENT_STRIDE = 16
CHANGE_STRIDE = 3


def default_anchor(now: datetime | None = None) -> datetime:
    """Midnight (shop timezone) of today: the fixed end of the demo history."""
    local = (now or datetime.now(UTC)).astimezone(SHOP_TIMEZONE)
    return datetime.combine(local.date(), time(0), tzinfo=SHOP_TIMEZONE).astimezone(UTC)


@dataclass(frozen=True)
class IdBlocks:
    """First id of each block reserved from the tables' identity sequences."""

    account: int
    shop: int
    author: int
    product: int
    order: int
    item: int
    shipment: int
    after_sale: int
    dispute: int
    evidence: int
    event: int
    change: int
    refund: int


@dataclass(frozen=True)
class DemoPlan:
    seed: int
    shops: int
    orders: int
    anchor: datetime
    ids: IdBlocks
    author_commission_bps: tuple[int, ...]
    owner_account_ids: tuple[int, ...]

    @property
    def seed_mix(self) -> int:
        # Salts are added to this; a wide spacing keeps different seeds' salts apart.
        return (self.seed % 1_000_000_007) * 1_000

    @property
    def anchor_epoch(self) -> int:
        return int(self.anchor.timestamp())

    @property
    def products_per_shop(self) -> int:
        return PRODUCTS_PER_SHOP

    @property
    def buyer_pool(self) -> int:
        """Distinct buyers: about one per three orders, so repeat buyers exist."""
        return max(50, self.orders // 3)

    @property
    def shop_base(self) -> int:
        return self.ids.shop

    @property
    def order_base(self) -> int:
        return self.ids.order

    @property
    def item_base(self) -> int:
        return self.ids.item

    @property
    def product_base(self) -> int:
        return self.ids.product

    @property
    def author_base(self) -> int:
        return self.ids.author

    @staticmethod
    def reservations(shops: int, orders: int) -> dict[str, int]:
        """How many ids each table needs (table -> count)."""
        return {
            "accounts": shops,
            "shops": shops,
            "authors": AUTHORS,
            "products": shops * PRODUCTS_PER_SHOP,
            "orders": orders,
            "order_items": orders * ITEM_STRIDE,
            "shipments": orders,
            "after_sales": orders,
            "disputes": orders,
            "dispute_evidence": orders,
            "order_events": orders * EVENT_STRIDE,
            "change_log": orders * CHANGE_STRIDE,
            "order_refunds": orders,
        }

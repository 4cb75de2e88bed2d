"""Which units a new parcel holds: the order's lines minus what earlier parcels hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.domain.orders.errors import UnknownOrderItems
from app.domain.shipments.errors import QuantityExceedsUnshipped
from app.domain.shipments.schemas import ShipmentLineIn
from app.errors import field_error
from app.models import OrderItem, Shipment


def unshipped(items: Sequence[OrderItem], shipments: Sequence[Shipment]) -> dict[int, int]:
    """Units not yet in any parcel, by item id (order lines in id order)."""
    shipped: Counter[int] = Counter()
    for shipment in shipments:
        for line in shipment.lines:
            shipped[int(line["item_id"])] += int(line["quantity"])
    return {item.id: item.quantity - shipped[item.id] for item in items}


def parcel_lines(
    left: dict[int, int],
    lines: Sequence[ShipmentLineIn] | None,
    whole_items: Sequence[int] | None,
) -> list[dict[str, int]]:
    """The new parcel's lines: ``lines`` as given, or the rest of each of ``whole_items``
    (the deprecated ``items``), or everything unshipped. 422 for an item not on the order or
    more units than a line has left."""
    wanted: list[tuple[int, int, list[str | int]]]
    if lines is not None:
        wanted = [
            (line.item_id, line.quantity, ["body", "lines", i, "quantity"])
            for i, line in enumerate(lines)
        ]
    elif whole_items is not None:
        wanted = [
            (item_id, left.get(item_id, 0), ["body", "items", i])
            for i, item_id in enumerate(dict.fromkeys(whole_items))
        ]
    else:
        wanted = [(item_id, n, ["body"]) for item_id, n in left.items() if n > 0]
    unknown = sorted({item_id for item_id, _, _ in wanted} - set(left))
    if unknown:
        raise UnknownOrderItems(f"Unknown item ids for this order: {unknown}.", item_ids=unknown)
    errors = [
        field_error(loc, f"item {item_id} has {left[item_id]} unit(s) left to ship")
        for item_id, quantity, loc in wanted
        if quantity > left[item_id] or quantity < 1
    ]
    if errors or not wanted:
        raise QuantityExceedsUnshipped(
            "The parcel holds more units than the order has left to ship.",
            errors or [field_error(["body"], "every unit of the order is already shipped")],
        )
    return [{"item_id": item_id, "quantity": quantity} for item_id, quantity, _ in wanted]

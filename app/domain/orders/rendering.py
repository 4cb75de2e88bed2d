"""The order list's read model (:class:`~app.domain.orders.schemas.OrderRow`) as SQL: one
expression per field, rendered by PostgreSQL (app/kit/render.py). Written against ``orders``;
the page statement adapts it to the page's rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by

from app.domain.after_sales.states import OPEN_AFTER_SALE_STATUSES
from app.domain.orders import schemas as read
from app.kit.render import Children, Shape
from app.models import AfterSale, Order, OrderItem, Shipment


def of_order(model: type[Shipment] | type[AfterSale] | type[OrderItem]) -> ColumnElement[bool]:
    """The child rows of the order (tenant key first, so the (shop_id, order_id) index serves)."""
    return (model.shop_id == Order.shop_id) & (model.order_id == Order.id)


TRACKING_NUMBERS: ColumnElement[Any] = (
    select(
        func.coalesce(
            func.array_agg(aggregate_order_by(Shipment.tracking_no, Shipment.id)),
            literal_column("'{}'::text[]"),
        )
    )
    .where(of_order(Shipment))
    .scalar_subquery()
)
AFTER_SALE_COUNT: ColumnElement[Any] = (
    select(func.count()).where(of_order(AfterSale)).scalar_subquery()
)
AFTER_SALE_OPEN: ColumnElement[Any] = (
    select(func.count())
    .where(of_order(AfterSale), AfterSale.status.in_(OPEN_AFTER_SALE_STATUSES))
    .scalar_subquery()
)
AFTER_SALE_LATEST: ColumnElement[Any] = (
    select(AfterSale.status)
    .where(of_order(AfterSale))
    .order_by(AfterSale.id.desc())
    .limit(1)
    .scalar_subquery()
)

ITEM = Shape(
    read.OrderItem,
    {
        "id": OrderItem.id,
        "product_id": OrderItem.product_id,
        "title": OrderItem.title,
        "sku": OrderItem.sku,
        "quantity": OrderItem.quantity,
        "unit_price": OrderItem.unit_price,
    },
)

ORDER_ROW = Shape(
    read.OrderRow,
    {
        "id": Order.id,
        "shop_id": Order.shop_id,
        "order_no": Order.order_no,
        "status": Order.status,
        "pay_status": Order.pay_status,
        "pay_method": Order.pay_method,
        "created_at": Order.created_at,
        "paid_at": Order.paid_at,
        "paid_amount": Order.paid_amount,
        "buyer": Shape(read.Buyer, {"id": Order.buyer_id, "nickname": Order.buyer_nickname}),
        "items": Children(OrderItem.__table__, of_order(OrderItem), [OrderItem.id], ITEM),
        "tracking_numbers": TRACKING_NUMBERS,
        "flagged": Order.flagged,
        "after_sale": Shape(
            read.AfterSaleSummary,
            {
                "count": AFTER_SALE_COUNT,
                "open": AFTER_SALE_OPEN,
                "latest_status": AFTER_SALE_LATEST,
            },
        ),
        "author_id": Order.author_id,
        "traffic_source": Order.traffic_source,
        "province": Order.province,
        "city": Order.city,
        "version": Order.version,
        "updated_at": Order.updated_at,
    },
)


# The same fields for renderers of other shapes (GraphQL selections, app/graphql/rendered.py),
# keyed by the read model's names, so interfaces reach the tables through the domain.
ORDER_COLUMNS: dict[str, Any] = {
    key: spec for key, spec in ORDER_ROW.fields.items() if not isinstance(spec, Shape | Children)
}
BUYER_COLUMNS: dict[str, Any] = dict(ORDER_ROW.fields["buyer"].fields)  # type: ignore[union-attr]
AFTER_SALE_SUMMARY_COLUMNS: dict[str, Any] = dict(
    ORDER_ROW.fields["after_sale"].fields  # type: ignore[union-attr]
)
ITEM_COLUMNS: dict[str, Any] = dict(ITEM.fields)
ORDER_TABLE = Order.__table__


def items_of_order(shape: Shape) -> Children:
    """An order's items (in id order), each rendered by ``shape``."""
    return Children(OrderItem.__table__, of_order(OrderItem), [OrderItem.id], shape)

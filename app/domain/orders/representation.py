"""The public representation of an order: what the API returns and the change log stores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, cast

from app.domain.orders import schemas as read
from app.domain.shipments.schemas import ShipmentLine
from app.kit.clock import rfc3339
from app.kit.masking import mask_receiver
from app.models import Order, OrderItem, PaymentReminder, Refund, Shipment


def item_public(item: OrderItem) -> read.OrderItem:
    return {
        "id": item.id,
        "product_id": item.product_id,
        "title": item.title,
        "sku": item.sku,
        "quantity": item.quantity,
        "unit_price": item.unit_price,
    }


def shipment_public(shipment: Shipment) -> read.Shipment:
    lines: list[ShipmentLine] = [
        {"item_id": int(line["item_id"]), "quantity": int(line["quantity"])}
        for line in shipment.lines
    ]
    return {
        "id": shipment.id,
        "carrier_code": shipment.carrier_code,
        "carrier": shipment.carrier_code,
        "tracking_no": shipment.tracking_no,
        "lines": lines,
        "item_ids": [line["item_id"] for line in lines],
        "status": shipment.status,
        "corrections": shipment.corrections,
        "shipped_at": rfc3339(shipment.shipped_at),
        "signed_at": rfc3339(shipment.signed_at),
        "updated_at": rfc3339(shipment.updated_at),
    }


def reminder_public(reminder: PaymentReminder) -> read.PaymentReminder:
    return {
        "id": reminder.id,
        "coupon_code": reminder.coupon_code,
        "message": reminder.message,
        "actor": reminder.actor_id,
        "created_at": rfc3339(reminder.created_at),
    }


def refund_public(r: Refund) -> read.Refund:
    return {
        "id": r.id,
        "order_id": r.order_id,
        "after_sale_id": r.after_sale_id,
        "amount": r.amount,
        "reason": r.reason,
        "lines": (r.lines or {}).get("lines"),
        "actor": r.actor_id,
        "created_at": rfc3339(r.created_at),
    }


def order_public(
    order: Order, items: Sequence[OrderItem], shipments: Sequence[Shipment]
) -> read.Order:
    """Full, unmasked representation; callers without PII scope pass it through :func:`masked`."""
    return {
        "id": order.id,
        "shop_id": order.shop_id,
        "order_no": order.order_no,
        "status": order.status,
        "pay_status": order.pay_status,
        "pay_method": order.pay_method,
        "goods_amount": order.goods_amount,
        "discount_amount": order.discount_amount,
        "shipping_fee": order.shipping_fee,
        "paid_amount": order.paid_amount,
        "refunded_amount": order.refunded_amount,
        "refundable_amount": order.paid_amount - order.refunded_amount,
        "buyer": {"id": order.buyer_id, "nickname": order.buyer_nickname},
        "receiver": {
            "name": order.receiver_name,
            "phone": order.receiver_phone,
            "address": order.receiver_address,
            "province": order.province,
            "city": order.city,
            "masked": False,
        },
        "province": order.province,
        "city": order.city,
        "traffic_source": order.traffic_source,
        "room_id": order.room_id,
        "video_id": order.video_id,
        "author": (
            {
                "id": order.author_id,
                "commission_rate_bps": order.commission_rate_bps,
                "commission_amount": order.commission_amount,
            }
            if order.author_id is not None
            else None
        ),
        "merchant_remark": order.merchant_remark,
        "buyer_note": order.buyer_note,
        "flagged": order.flagged,
        "flag_reason": order.flag_reason,
        "items": [item_public(i) for i in items],
        "shipments": [shipment_public(s) for s in shipments],
        "tracking_numbers": [s.tracking_no for s in shipments],
        "created_at": rfc3339(order.created_at),
        "paid_at": rfc3339(order.paid_at),
        "shipped_at": rfc3339(order.shipped_at),
        "signed_at": rfc3339(order.signed_at),
        "completed_at": rfc3339(order.completed_at),
        "closed_at": rfc3339(order.closed_at),
        "close_reason": order.close_reason,
        "version": order.version,
        "updated_at": rfc3339(order.updated_at),
    }


_O = TypeVar("_O", bound=Mapping[str, Any])


def masked(order: _O) -> _O:
    """``order`` (a representation or its detail, typed or as stored in the change log) with
    the receiver's name, phone and address masked."""
    return cast(_O, {**order, "receiver": mask_receiver(order["receiver"])})

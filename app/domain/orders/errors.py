"""Order-specific errors (stable codes; see docs/errors.md)."""

from __future__ import annotations

from app.errors import AppError, Conflict


class ShippingFeeLocked(Conflict):
    code = "shipping_fee_locked"
    title = "The shipping fee can change only before payment"


class ReceiverLocked(Conflict):
    code = "receiver_locked"
    title = "The receiver address can change only before shipment"


class ReminderWindowClosed(Conflict):
    code = "reminder_window_closed"
    title = "Payment reminders are possible only within 24 hours of the order"


class ReminderTooSoon(Conflict):
    code = "reminder_too_soon"
    title = "At most one payment reminder per order every 6 hours"


class NothingToRefund(Conflict):
    code = "nothing_to_refund"
    title = "The order has no refundable amount left"


class UnknownOrderItems(AppError):
    code = "unknown_order_items"
    status = 422
    title = "Unknown order items"


class RefundExceedsRefundable(AppError):
    code = "refund_exceeds_refundable"
    status = 422
    title = "The refund exceeds what is left to refund"

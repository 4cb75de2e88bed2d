"""The order state machine.

``sign`` (the carrier's delivery scan) keeps the order ``shipped`` and sets ``signed_at``;
``ship`` from ``shipped`` adds another parcel. ``refund`` is the merchant's full refund.
"""

from __future__ import annotations

from app.kit.state_machine import StateMachine, Transition
from app.models.orders import OrderStatus

ORDER_TRANSITIONS = (
    Transition("pay", "pending_payment", "paid"),
    Transition("close", "pending_payment", "closed"),
    Transition("ship", "paid", "shipped"),
    Transition("ship", "shipped", "shipped"),
    Transition("sign", "shipped", "shipped"),
    Transition("complete", "shipped", "completed"),
    Transition("refund", "paid", "closed"),
    Transition("refund", "shipped", "closed"),
    Transition("refund", "completed", "closed"),
)

ORDER_MACHINE = StateMachine("order", OrderStatus, ORDER_TRANSITIONS)

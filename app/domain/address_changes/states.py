"""The address-change request machine: pending -> approved | rejected."""

from __future__ import annotations

from app.kit.state_machine import StateMachine, Transition
from app.models.buyer_requests import AddressChangeStatus

ADDRESS_CHANGE_MACHINE = StateMachine(
    "address_change",
    AddressChangeStatus,
    (
        Transition("approve", "pending", "approved"),
        Transition("reject", "pending", "rejected"),
    ),
)

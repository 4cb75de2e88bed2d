"""The complaint machine: open -> responded."""

from __future__ import annotations

from app.kit.state_machine import StateMachine, Transition
from app.models.buyer_requests import ComplaintStatus

COMPLAINT_MACHINE = StateMachine(
    "complaint", ComplaintStatus, (Transition("respond", "open", "responded"),)
)

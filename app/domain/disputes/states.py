"""The dispute state machine: open → evidence_submitted → under_review → won | lost."""

from __future__ import annotations

from app.kit.state_machine import StateMachine, Transition
from app.models.after_sales import DisputeStatus

DISPUTE_TRANSITIONS = (
    Transition("add_evidence", "open", "evidence_submitted"),
    Transition("add_evidence", "evidence_submitted", "evidence_submitted"),
    Transition("submit", "evidence_submitted", "under_review"),
    Transition("win", "under_review", "won"),
    Transition("lose", "under_review", "lost"),
)

DISPUTE_MACHINE = StateMachine("dispute", DisputeStatus, DISPUTE_TRANSITIONS)

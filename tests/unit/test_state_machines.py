"""Every allowed and every forbidden transition of the three state machines."""

from __future__ import annotations

import itertools

import pytest

from app.domain.after_sales.states import AFTER_SALE_MACHINE
from app.domain.disputes.states import DISPUTE_MACHINE
from app.domain.orders.states import ORDER_MACHINE
from app.errors import InvalidTransition
from app.kit.state_machine import StateMachine, Transition
from app.models.after_sales import AfterSaleType

# The expected tables, written out independently of the code under test.
ORDER_ALLOWED = {
    ("pending_payment", "pay"): "paid",
    ("pending_payment", "close"): "closed",
    ("paid", "ship"): "shipped",
    ("paid", "refund"): "closed",
    ("partially_shipped", "ship"): "shipped",
    ("partially_shipped", "refund"): "closed",
    ("shipped", "sign"): "shipped",
    ("shipped", "complete"): "completed",
    ("shipped", "refund"): "closed",
    ("completed", "refund"): "closed",
}
# A parcel leaving units unshipped (kind "partial"); any other kind of ship is as above.
ORDER_PARTIAL_SHIP = {"paid": "partially_shipped", "partially_shipped": "partially_shipped"}
AFTER_SALE_ALLOWED = {
    # (state, action, type) -> target
    **{("requested", "approve", t): "approved" for t in AfterSaleType},
    **{("requested", "reject", t): "rejected" for t in AfterSaleType},
    **{
        (s, "close", t): "closed"
        for s in ("requested", "approved", "awaiting_return")
        for t in AfterSaleType
    },
    ("approved", "request_return", "return_refund"): "awaiting_return",
    ("approved", "request_return", "exchange"): "awaiting_return",
    ("awaiting_return", "confirm_return_received", "return_refund"): "returned",
    ("awaiting_return", "confirm_return_received", "exchange"): "returned",
    ("approved", "refund", "refund_only"): "refunded",
    ("returned", "refund", "return_refund"): "refunded",
    ("returned", "offer_exchange", "exchange"): "exchanged",
    # An exchange offered instead of the refund, before the goods came back.
    **{
        (s, "offer_exchange", t): "exchange_offered"
        for s in ("requested", "approved")
        for t in ("refund_only", "return_refund")
    },
    ("awaiting_return", "offer_exchange", "return_refund"): "exchange_offered",
    **{("exchange_offered", "close", t): "closed" for t in AfterSaleType},
}
DISPUTE_ALLOWED = {
    ("open", "add_evidence"): "evidence_submitted",
    ("evidence_submitted", "add_evidence"): "evidence_submitted",
    ("evidence_submitted", "submit"): "under_review",
    ("under_review", "win"): "won",
    ("under_review", "lose"): "lost",
}


def _actions(machine: StateMachine) -> list[str]:
    # Sorted: xdist workers must collect the same test ids in the same order.
    return sorted({t.action for t in machine.transitions})


@pytest.mark.parametrize(
    ("state", "action"), list(itertools.product(ORDER_MACHINE.states, _actions(ORDER_MACHINE)))
)
def test_order_transitions(state: str, action: str) -> None:
    expected = ORDER_ALLOWED.get((state, action))
    if expected is None:
        with pytest.raises(InvalidTransition) as info:
            ORDER_MACHINE.target(state, action)
        problem = info.value.problem()
        assert problem["code"] == "invalid_transition"
        assert problem["current_state"] == state
        assert problem["allowed_actions"] == sorted(a for (s, a) in ORDER_ALLOWED if s == state)
    else:
        assert ORDER_MACHINE.target(state, action) == expected


@pytest.mark.parametrize("state", sorted(ORDER_MACHINE.states))
def test_order_partial_ship(state: str) -> None:
    expected = ORDER_PARTIAL_SHIP.get(state)
    if expected is None:
        with pytest.raises(InvalidTransition):
            ORDER_MACHINE.target(state, "ship", "partial")
    else:
        assert ORDER_MACHINE.target(state, "ship", "partial") == expected
        assert ORDER_MACHINE.target(state, "ship") == "shipped"


@pytest.mark.parametrize(
    ("state", "action", "kind"),
    list(itertools.product(AFTER_SALE_MACHINE.states, _actions(AFTER_SALE_MACHINE), AfterSaleType)),
)
def test_after_sale_transitions(state: str, action: str, kind: str) -> None:
    expected = AFTER_SALE_ALLOWED.get((state, action, kind))
    if expected is None:
        with pytest.raises(InvalidTransition):
            AFTER_SALE_MACHINE.target(state, action, kind)
        assert not AFTER_SALE_MACHINE.can(state, action, kind)
    else:
        assert AFTER_SALE_MACHINE.target(state, action, kind) == expected


@pytest.mark.parametrize(
    ("state", "action"),
    list(itertools.product(DISPUTE_MACHINE.states, _actions(DISPUTE_MACHINE))),
)
def test_dispute_transitions(state: str, action: str) -> None:
    expected = DISPUTE_ALLOWED.get((state, action))
    if expected is None:
        with pytest.raises(InvalidTransition):
            DISPUTE_MACHINE.target(state, action)
    else:
        assert DISPUTE_MACHINE.target(state, action) == expected


def test_terminal_states() -> None:
    assert ORDER_MACHINE.terminal_states() == ["closed"]
    assert set(AFTER_SALE_MACHINE.terminal_states()) == {
        "rejected",
        "refunded",
        "exchanged",
        "closed",
    }
    assert set(DISPUTE_MACHINE.terminal_states()) == {"won", "lost"}


def test_machine_rejects_unknown_states() -> None:
    with pytest.raises(ValueError, match="unknown state"):
        StateMachine("thing", ["a"], [Transition("go", "a", "b")])

"""Which of an entity's actions a caller is offered (``allowed_actions``).

Each merchant action needs one scope (the scope its REST route and GraphQL mutation require).
Actions absent here belong to the platform or the commerce core (pay, sign, complete an order;
win or lose a dispute; a buyer's answer to an exchange offer) and are never offered through
the merchant API. The change feed carries every merchant action the state allows; a response
narrows them to the caller's effective scopes on the entity's shop."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from app.domain.access.scope import ShopScope

_AFTER_SALES = "after_sales:write"

ACTION_SCOPES: dict[str, dict[str, str]] = {
    "order": {"close": "orders:write", "ship": "orders:write", "refund": _AFTER_SALES},
    "after_sale": {
        action: _AFTER_SALES
        for action in (
            "approve",
            "reject",
            "request_return",
            "confirm_return_received",
            "refund",
            "offer_exchange",
            "close",
        )
    },
    "dispute": {"add_evidence": "disputes:write", "submit": "disputes:write"},
    "address_change": {"approve": "orders:write", "reject": "orders:write"},
    "complaint": {"respond": _AFTER_SALES},
}


def merchant_actions(entity: str, actions: Iterable[str]) -> list[str]:
    """``actions`` without the platform's and the commerce core's own."""
    scopes = ACTION_SCOPES[entity]
    return [a for a in actions if a in scopes]


def permitted(entity: str, actions: Iterable[str], granted: frozenset[str] | None) -> list[str]:
    """The merchant ``actions`` a caller holding ``granted`` may take (None: any merchant)."""
    scopes = ACTION_SCOPES[entity]
    return [a for a in actions if a in scopes and (granted is None or scopes[a] in granted)]


def deciding_scopes(entity: str, granted: frozenset[str] | None) -> frozenset[str] | None:
    """The part of ``granted`` that decides which of ``entity``'s actions are offered (None:
    any merchant's): callers with the same part see the same ``allowed_actions``, so pages
    PostgreSQL renders need one statement per part, not per caller."""
    return None if granted is None else granted & frozenset(ACTION_SCOPES[entity].values())


_E = TypeVar("_E", bound=Mapping[str, Any])


def for_caller(scope: ShopScope, entity: str, body: _E) -> _E:
    """``body`` (an after-sale, dispute, address-change request or complaint representation)
    with ``allowed_actions`` narrowed to what the caller of ``scope`` may do on its shop."""
    granted = scope.granted(body["shop_id"])
    if granted is None:
        return body
    actions = permitted(entity, body["allowed_actions"], granted)
    return {**body, "allowed_actions": actions}  # type: ignore[return-value]

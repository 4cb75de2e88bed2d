"""Scopes (docs/oauth.md) and the one table mapping staff roles to the scopes they may exercise."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from app.errors import BadRequest
from app.models.accounts import Role


class Scope(StrEnum):
    """An OAuth scope: what a token may do on the shops it was granted."""

    ORDERS_READ = "orders:read"
    ORDERS_READ_PII = "orders:read_pii"
    ORDERS_WRITE = "orders:write"
    AFTER_SALES_READ = "after_sales:read"
    AFTER_SALES_WRITE = "after_sales:write"
    DISPUTES_WRITE = "disputes:write"
    CHANGES_READ = "changes:read"
    WEBHOOKS_MANAGE = "webhooks:manage"
    EXPORTS = "exports"
    METRICS_READ = "metrics:read"
    STAFF_MANAGE = "staff:manage"
    AUDIT_READ = "audit:read"


ALL_SCOPES: tuple[str, ...] = tuple(Scope)
_ONE_SCOPE = "|".join(re.escape(s) for s in ALL_SCOPES)
# A scope request as the API's schema publishes it: `all`, or scopes separated by one space.
SCOPE_LIST_REGEX = rf"^(?:all|(?:{_ONE_SCOPE})(?: (?:{_ONE_SCOPE}))*)$"

SCOPE_DESCRIPTIONS: dict[str, str] = {
    "orders:read": "Read orders (receiver details masked)",
    "orders:read_pii": "See full receiver name, phone and address",
    "orders:write": "Ship, remark, flag and change orders",
    "after_sales:read": "Read refunds, returns, exchanges and disputes",
    "after_sales:write": "Approve, reject and complete after-sales",
    "disputes:write": "Open disputes, upload evidence, appeal",
    "changes:read": "Read the change feed",
    "webhooks:manage": "Create and manage webhook endpoints",
    "exports": "Export orders to CSV/Excel",
    "metrics:read": "Read shop metrics and reports",
    "staff:manage": "Manage staff accounts and roles",
    "audit:read": "Read the operation (audit) log",
}

_VIEWER = frozenset({"orders:read", "after_sales:read", "changes:read", "metrics:read"})

ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset(ALL_SCOPES),
    Role.VIEWER: _VIEWER,
    Role.AFTER_SALES: _VIEWER | {"after_sales:write", "disputes:write"},
    Role.SHIPPING: _VIEWER | {"orders:write"},
}


def parse_scopes(value: str | Iterable[str] | None) -> frozenset[str]:
    """A space-separated (or listed) scope set; ``all`` means every scope. Unknown -> 400."""
    if value is None:
        return frozenset()
    items = value.split() if isinstance(value, str) else [s for v in value for s in v.split()]
    if "all" in items:
        return frozenset(ALL_SCOPES)
    unknown = sorted(set(items) - set(ALL_SCOPES))
    if unknown:
        raise BadRequest(f"Unknown scope(s): {', '.join(unknown)}.", unknown_scopes=unknown)
    return frozenset(items)


def format_scopes(scopes: Iterable[str]) -> str:
    """Canonical order (ALL_SCOPES order), space-separated."""
    chosen = set(scopes)
    return " ".join(s for s in ALL_SCOPES if s in chosen)


def effective_scopes(granted: Iterable[str], role: str | None) -> frozenset[str]:
    """What a token may do on one shop: its granted scopes ∩ the account's role there."""
    if role is None:
        return frozenset()
    return frozenset(granted) & ROLE_SCOPES.get(role, frozenset())

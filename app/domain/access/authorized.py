"""Authorized: a principal acting under one scope — what a service needs to know about its caller.

Built per request by :mod:`app.auth.dependencies` (and per operation by GraphQL); services take it
to check a shop (404 when invisible, 403 when the scope is missing) and to read the caller's
grants, without knowing how the caller authenticated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.access.principal import Principal
from app.domain.access.scope import ShopScope
from app.domain.audit.actor import Actor
from app.errors import InsufficientScope, NotFound

CHANGES_READ = "changes:read"
PII_READ = "orders:read_pii"


@dataclass(frozen=True)
class Authorized:
    principal: Principal
    scope_name: str
    shops: ShopScope
    actor: Actor

    def require(self, shop_id: int) -> int:
        require_scope(self.principal, self.scope_name, shop_id)
        return shop_id

    def selected_shops(self, shop_ids: Sequence[int] | None) -> list[int]:
        """The shops a multi-shop read covers: those asked for (each must be visible, 404, and
        grant this scope, 403), or by default every shop granting the scope."""
        if shop_ids:
            return sorted({self.require(s) for s in shop_ids})
        return self.shops.sorted_ids()

    def has(self, shop_id: int, scope: str) -> bool:
        return scope in self.principal.scopes_on(shop_id)

    def can_read_pii(self, shop_id: int) -> bool:
        return self.has(shop_id, PII_READ)


def require_scope(principal: Principal, scope: str, shop_id: int) -> None:
    """404 for a shop ``principal`` cannot see, 403 when it lacks ``scope`` there."""
    if shop_id not in principal.shop_ids:
        raise NotFound(f"Shop {shop_id} was not found.")
    if scope not in principal.scopes_on(shop_id):
        # Effective scopes: the token's, narrowed by the account's staff role on the shop.
        raise InsufficientScope(scope)

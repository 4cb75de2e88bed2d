"""ShopScope: the shop ids a principal may touch for one capability.

Repositories take a ShopScope on every tenant query, so a query for a shop outside it is
impossible to write by accident: :meth:`require` turns an invisible shop into 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.errors import NotFound


@dataclass(frozen=True)
class ShopScope:
    shop_ids: frozenset[int]
    # The caller's effective scopes per shop (what ``allowed_actions`` may offer it); None for
    # the commerce core and the platform's own jobs, which see every merchant action.
    grants: Mapping[int, frozenset[str]] | None = field(default=None, compare=False, hash=False)

    @classmethod
    def of(
        cls, shop_ids: Iterable[int], grants: Mapping[int, frozenset[str]] | None = None
    ) -> ShopScope:
        return cls(frozenset(shop_ids), grants)

    def granted(self, shop_id: int) -> frozenset[str] | None:
        """The caller's scopes on ``shop_id``, or None when it is not a merchant's caller."""
        return None if self.grants is None else self.grants.get(shop_id, frozenset())

    def require(self, shop_id: int) -> int:
        if shop_id not in self.shop_ids:
            raise NotFound(f"Shop {shop_id} was not found.")
        return shop_id

    def __contains__(self, shop_id: object) -> bool:
        return shop_id in self.shop_ids

    def sorted_ids(self) -> list[int]:
        return sorted(self.shop_ids)

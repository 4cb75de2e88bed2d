"""ShopScope: the shop ids a principal may touch for one capability.

Repositories take a ShopScope on every tenant query, so a query for a shop outside it is
impossible to write by accident: :meth:`require` turns an invisible shop into 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import NotFound


@dataclass(frozen=True)
class ShopScope:
    shop_ids: frozenset[int]

    @classmethod
    def of(cls, shop_ids: Iterable[int]) -> ShopScope:
        return cls(frozenset(shop_ids))

    def require(self, shop_id: int) -> int:
        if shop_id not in self.shop_ids:
            raise NotFound(f"Shop {shop_id} was not found.")
        return shop_id

    def __contains__(self, shop_id: object) -> bool:
        return shop_id in self.shop_ids

    def sorted_ids(self) -> list[int]:
        return sorted(self.shop_ids)

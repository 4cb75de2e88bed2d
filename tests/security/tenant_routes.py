"""The app's tenant routes, read from its OpenAPI document so new routes are covered at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from app.db import Database
from app.models import Base

_PARAM = re.compile(r"\{([^}]+)\}")
WRITE_METHODS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    scopes: tuple[str, ...]

    def url(self, ids: dict[str, int]) -> str:
        return _PARAM.sub(lambda m: str(ids.get(m.group(1), 1)), self.path)

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS


def tenant_routes(app: Any) -> list[Route]:
    """Every public operation with ``{shop_id}`` in its path (the internal API has its own
    bearer and is not reachable with OAuth tokens)."""
    routes = []
    for path, operations in app.openapi()["paths"].items():
        if "{shop_id}" not in path or path.startswith("/internal/"):
            continue
        for method, op in operations.items():
            if method not in ("get", *WRITE_METHODS):
                continue
            scopes = tuple(s for req in op.get("security", []) for s in req.get("OAuth2", []))
            routes.append(Route(method, path, scopes))
    return routes


def _tenant_tables() -> list[str]:
    return sorted(t.name for t in Base.metadata.sorted_tables if "shop_id" in t.columns)


async def shop_fingerprint(db: Database, shop_id: int) -> dict[str, str]:
    """A digest of every tenant row of the shop: any write shows up as a change."""
    digests = {}
    async with db.transaction() as s:
        for table in _tenant_tables():
            digests[table] = await s.scalar(
                text(
                    f"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' "
                    f"ORDER BY t::text)), '') FROM {table} t WHERE shop_id = :shop"
                ),
                {"shop": shop_id},
            )
    return digests

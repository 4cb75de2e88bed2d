"""The merchant's side of webhooks: every endpoint, of any app, that receives (or is set up to
receive) a shop's data, and a per-shop switch to stop it.

An endpoint may serve several shops, some another merchant's, so the merchant's switch is per
shop (``webhook_endpoints.disabled_shop_ids``): it stops only this shop's data, and the app
cannot undo it (its PATCH never touches the column). The merchant's view shows nothing of other
shops, nor the URL's query string (where an app may keep a token of its own).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.authorized import Authorized
from app.domain.audit.service import record_audit
from app.domain.webhooks.access import cancel_undeliverable
from app.domain.webhooks.schemas import EndpointApp, ShopWebhookEndpoint
from app.domain.webhooks.sql import receives_sql
from app.errors import InvalidCursor, NotFound
from app.kit.clock import rfc3339
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec

LISTING = "shop-webhook-endpoints"
SORT = "id"

_SELECT = f"""
SELECT e.id, e.url, e.description, e.event_types, e.enabled, e.disabled_reason,
       e.owner_account_id, e.version, e.created_at, e.updated_at,
       e.client_id AS app_id, c.client_id AS app_client_id, c.name AS app_name,
       NOT (CAST(:shop AS bigint) = ANY(e.disabled_shop_ids)) AS enabled_for_shop,
       e.enabled AND {receives_sql("CAST(:shop AS bigint)")} AS receiving
FROM webhook_endpoints e LEFT JOIN oauth_clients c ON c.id = e.client_id
WHERE e.deleted_at IS NULL AND CAST(:shop AS bigint) = ANY(e.shop_ids)
"""
_PAGE = text(_SELECT + " AND e.id > :after ORDER BY e.id LIMIT :n")
_ONE = text(_SELECT + " AND e.id = :id")
_LOCK = text(
    "SELECT id, client_id, version, CAST(:shop AS bigint) = ANY(disabled_shop_ids) AS off "
    "FROM webhook_endpoints WHERE id = :id AND deleted_at IS NULL "
    "AND CAST(:shop AS bigint) = ANY(shop_ids) FOR UPDATE"
)
_SWITCH = text(
    """
UPDATE webhook_endpoints
SET disabled_shop_ids = CASE WHEN :off
        THEN array_append(array_remove(disabled_shop_ids, CAST(:shop AS bigint)),
                          CAST(:shop AS bigint))
        ELSE array_remove(disabled_shop_ids, CAST(:shop AS bigint)) END,
    version = version + 1, updated_at = now()
WHERE id = :id
RETURNING version
"""
)


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def shop_endpoint_view(row: Any) -> ShopWebhookEndpoint:
    app: EndpointApp | None = (
        {"id": row.app_id, "client_id": row.app_client_id, "name": row.app_name}
        if row.app_id is not None
        else None
    )
    return {
        "id": row.id,
        "app": app,
        "created_by_account_id": row.owner_account_id,
        "url": _without_query(row.url),
        "description": row.description,
        "event_types": list(row.event_types),
        "enabled": row.enabled,
        "disabled_reason": row.disabled_reason,
        "enabled_for_shop": row.enabled_for_shop,
        "receiving": row.receiving,
        "version": row.version,
        "created_at": rfc3339(row.created_at),
        "updated_at": rfc3339(row.updated_at),
    }


class ShopEndpoints:
    """Services take the request's session and never commit; ``auth`` holds
    ``webhooks:manage`` on the shop (checked by the caller for the path's shop)."""

    def __init__(self, session: AsyncSession, auth: Authorized, codec: KeysetCodec) -> None:
        self.session = session
        self.auth = auth
        self.codec = codec

    async def page(
        self, shop_id: int, *, cursor: str | None, limit: int
    ) -> Page[ShopWebhookEndpoint]:
        """``{data, has_more, next_cursor}``, by id."""
        shop_id = self.auth.require(shop_id)
        after = 0
        if cursor is not None:
            [last] = self.codec.decode(cursor, listing=LISTING, sort=SORT, arity=1)
            if not isinstance(last, int):
                raise InvalidCursor("The cursor is malformed.")
            after = last
        rows = (
            await self.session.execute(_PAGE, {"shop": shop_id, "after": after, "n": limit + 1})
        ).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = self.codec.encode(LISTING, SORT, [rows[-1].id]) if has_more else None
        return {
            "data": [shop_endpoint_view(r) for r in rows],
            "has_more": has_more,
            "next_cursor": next_cursor,
        }

    async def get(self, shop_id: int, endpoint_id: int) -> ShopWebhookEndpoint:
        row = (
            await self.session.execute(
                _ONE, {"shop": self.auth.require(shop_id), "id": endpoint_id}
            )
        ).one_or_none()
        if row is None:
            raise NotFound(f"Webhook endpoint {endpoint_id} was not found on shop {shop_id}.")
        return shop_endpoint_view(row)

    async def switch(self, shop_id: int, endpoint_id: int, *, enabled: bool) -> ShopWebhookEndpoint:
        """Stop (or resume) this shop's data to the endpoint; idempotent, audited on change.
        Stopping cancels what was pending for the shop."""
        shop_id = self.auth.require(shop_id)
        params = {"shop": shop_id, "id": endpoint_id}
        row = (await self.session.execute(_LOCK, params)).one_or_none()
        if row is None:
            raise NotFound(f"Webhook endpoint {endpoint_id} was not found on shop {shop_id}.")
        if bool(row.off) != (not enabled):
            version = (
                await self.session.execute(_SWITCH, {**params, "off": not enabled})
            ).scalar_one()
            if not enabled:
                await cancel_undeliverable(
                    self.session,
                    shop_id=shop_id,
                    endpoint_id=endpoint_id,
                    reason=f"Cancelled: the merchant disabled the endpoint for shop {shop_id}.",
                )
            await record_audit(
                self.session,
                self.auth.actor,
                shop_id=shop_id,
                action="webhook_endpoint."
                + ("enabled_for_shop" if enabled else "disabled_for_shop"),
                entity="webhook_endpoint",
                entity_id=endpoint_id,
                before_version=row.version,
                after_version=version,
                data={"app_id": row.client_id},
            )
        return await self.get(shop_id, endpoint_id)

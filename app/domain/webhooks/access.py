"""When an endpoint loses a shop (its app uninstalled there, its creator gone, the merchant's
switch), the deliveries it still has pending for that shop are cancelled at once.

The fan-out stops queueing the shop's changes and the delivery claim re-checks each row before
sending (both through ``receives_sql``); this cancels what was queued before, so a retry hours
later does not carry the shop's data out, and the delivery log says why. Sync, so the OAuth
callbacks (Authlib) can use it; async services go through :func:`cancel_undeliverable`.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.domain.webhooks.sql import receives_sql

_CANCEL = text(
    f"""
UPDATE webhook_deliveries d
SET status = 'cancelled', locked_until = NULL, last_error = :reason
FROM webhook_endpoints e
WHERE d.endpoint_id = e.id AND d.status = 'pending'
  AND (CAST(:shop AS bigint) IS NULL OR d.shop_id = CAST(:shop AS bigint))
  AND (CAST(:clients AS bigint[]) IS NULL OR e.client_id = ANY(CAST(:clients AS bigint[])))
  AND (CAST(:account AS bigint) IS NULL OR e.owner_account_id = CAST(:account AS bigint))
  AND (CAST(:endpoint AS bigint) IS NULL OR e.id = CAST(:endpoint AS bigint))
  AND NOT {receives_sql("d.shop_id")}
"""
)


def cancel_undeliverable_sync(
    session: Session,
    *,
    reason: str,
    shop_id: int | None = None,
    client_ids: list[int] | None = None,
    account_id: int | None = None,
    endpoint_id: int | None = None,
) -> int:
    """Cancel the pending deliveries (of these endpoints / shop) whose endpoint may no longer
    receive the shop's data; returns how many."""
    params = {
        "reason": reason,
        "shop": shop_id,
        "clients": client_ids,
        "account": account_id,
        "endpoint": endpoint_id,
    }
    result = session.execute(_CANCEL, params)
    return int(getattr(result, "rowcount", 0) or 0)


async def cancel_undeliverable(
    session: AsyncSession,
    *,
    reason: str,
    shop_id: int | None = None,
    client_ids: list[int] | None = None,
    account_id: int | None = None,
    endpoint_id: int | None = None,
) -> int:
    return await session.run_sync(
        lambda s: cancel_undeliverable_sync(
            s,
            reason=reason,
            shop_id=shop_id,
            client_ids=client_ids,
            account_id=account_id,
            endpoint_id=endpoint_id,
        )
    )

"""Idempotency records: an expired one no longer replays (the key runs again) and is pruned."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.idempotency import repository as idempotency
from app.kit.clock import utcnow
from app.models import IdempotencyKey


async def test_expired_records_run_again_and_are_pruned(session: AsyncSession) -> None:
    s = session  # rolled back after the test: nothing here is committed
    principal, key = f"test:{utcnow().timestamp()}", "k-1"
    response = idempotency.StoredResponse(201, {"id": 1}, {"ETag": '"1"'})
    assert await idempotency.claim(s, principal, key, "h1") is None
    await idempotency.store(s, principal, key, "h1", response)
    assert await idempotency.claim(s, principal, key, "h1") == response
    await s.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.principal_key == principal)
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    assert await idempotency.prune_expired(s) >= 1
    left = await s.scalar(
        select(func.count())
        .select_from(IdempotencyKey)
        .where(IdempotencyKey.principal_key == principal)
    )
    assert left == 0
    # An expired key behaves like a new one (its old hash no longer binds it).
    assert await idempotency.claim(s, principal, key, "h2") is None

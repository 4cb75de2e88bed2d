"""Idempotency-Key records (Stripe semantics), written in the caller's transaction.

Protocol, all inside the write's own transaction:

1. ``pg_try_advisory_xact_lock`` on (principal, key). Failing to get it means another request
   with the same key is running right now: 409 ``idempotency_in_progress`` (no waiting).
2. A committed, unexpired record for the key is either replayed (same request hash) or refused
   with 422 ``idempotency_mismatch`` (different hash). An expired one is deleted.
3. Otherwise the write runs, and its response is inserted as the record just before commit.

Because the record is inserted in the same transaction as the write, a failed or rolled-back
write leaves no record (a retry runs the write again), and a committed write always has one.
The advisory lock is released by the commit or rollback itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import IdempotencyInProgress, IdempotencyMismatch
from app.kit.clock import utcnow
from app.models import IdempotencyKey

TTL = timedelta(hours=24)


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: Any
    headers: dict[str, str]


def request_fingerprint(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def claim(
    session: AsyncSession, principal_key: str, key: str, request_hash: str
) -> StoredResponse | None:
    """The stored response to replay, or None when the caller should perform the write."""
    # Keys are visible ASCII, so a space cannot occur in either part of the lock name.
    lock_id = func.hashtextextended(f"{principal_key} {key}", 0)
    locked = await session.scalar(select(func.pg_try_advisory_xact_lock(lock_id)))
    if not locked:
        raise IdempotencyInProgress(
            "Another request with this Idempotency-Key is still being processed; retry later."
        )
    row = (
        await session.execute(
            select(IdempotencyKey).where(
                IdempotencyKey.principal_key == principal_key, IdempotencyKey.key == key
            )
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    if row.expires_at <= utcnow():
        await session.execute(
            delete(IdempotencyKey).where(
                IdempotencyKey.principal_key == principal_key, IdempotencyKey.key == key
            )
        )
        return None
    if row.request_hash != request_hash:
        raise IdempotencyMismatch(
            "This Idempotency-Key was used with a different request; use a new key."
        )
    return StoredResponse(
        row.response_status or 200,
        (row.response_body or {}).get("body"),
        {str(k): str(v) for k, v in (row.response_headers or {}).items()},
    )


def jsonb_safe(value: Any) -> Any:
    """``value`` with NUL characters replaced: PostgreSQL jsonb cannot hold ``\\u0000``, and
    error bodies may echo whatever a client sent (e.g. an unknown field's name)."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {jsonb_safe(k): jsonb_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonb_safe(v) for v in value]
    return value


async def store(
    session: AsyncSession,
    principal_key: str,
    key: str,
    request_hash: str,
    response: StoredResponse,
) -> None:
    now = utcnow()
    await session.execute(
        insert(IdempotencyKey).values(
            principal_key=principal_key,
            key=key,
            request_hash=request_hash,
            response_status=response.status,
            response_body={"body": response.body},
            response_headers=response.headers,
            created_at=now,
            expires_at=now + TTL,
        )
    )


async def prune_expired(session: AsyncSession, *, batch: int = 10_000) -> int:
    """Delete up to ``batch`` expired records (for a periodic job); returns how many."""
    expired = (
        select(IdempotencyKey.principal_key, IdempotencyKey.key)
        .where(IdempotencyKey.expires_at <= utcnow())
        .limit(batch)
    )
    result = await session.execute(
        delete(IdempotencyKey).where(
            tuple_(IdempotencyKey.principal_key, IdempotencyKey.key).in_(expired)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)

"""Audit rows, written in the same transaction as the write they describe."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.audit.actor import Actor
from app.models import AuditLog


def audit_insert(actor: Actor, **fields: Any) -> Insert:
    """The audit row as an INSERT, for async sessions and for sync ones (Authlib's callbacks);
    ``fields`` are :func:`audit_values`' keywords."""
    return insert(AuditLog).values(audit_values(actor, **fields))


def audit_values(
    actor: Actor,
    *,
    shop_id: int,
    action: str,
    entity: str,
    entity_id: int | None,
    before_version: int | None = None,
    after_version: int | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One audit row's column values (several make one multi-row INSERT)."""
    return dict(
        shop_id=shop_id,
        actor_type=actor.type,
        actor_account_id=actor.account_id,
        actor_client_id=actor.client_id,
        actor_token_id=actor.token_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before_version=before_version,
        after_version=after_version,
        request_id=actor.request_id,
        ip=actor.ip,
        data=data or {},
    )


async def record_audit(
    session: AsyncSession,
    actor: Actor,
    *,
    shop_id: int,
    action: str,
    entity: str,
    entity_id: int | None,
    before_version: int | None = None,
    after_version: int | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    await session.execute(
        audit_insert(
            actor,
            shop_id=shop_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before_version=before_version,
            after_version=after_version,
            data=data,
        )
    )

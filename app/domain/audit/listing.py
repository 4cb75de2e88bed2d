"""The operation log of a shop: filters and a newest-first keyset page."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.audit.actor import ActorType
from app.domain.audit.schemas import AuditEntry
from app.domain.orders.filters import MAX_ID, Instant
from app.domain.paging import newest_first_rows
from app.errors import ValidationFailed, field_error
from app.kit.clock import rfc3339
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import AuditLog

_ACTOR = re.compile(r"^(account|app|token):(\d{1,19})$|^(system|internal)$")


class AuditLogParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actor: str | None = Field(
        default=None,
        max_length=40,
        pattern=_ACTOR.pattern,
        description="`account:<id>`, `app:<id>`, `token:<id>`, `system` or `internal`",
    )
    action: str | None = Field(default=None, max_length=64, description="e.g. `order.shipped`")
    entity: str | None = Field(default=None, max_length=32, description="e.g. `order`, `staff`")
    entity_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    created_from: Instant | None = Field(default=None, description="Inclusive")
    created_to: Instant | None = Field(default=None, description="Exclusive")
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(default=None, max_length=512)


def _public(row: AuditLog) -> AuditEntry:
    return {
        "id": row.id,
        "created_at": rfc3339(row.created_at),
        "actor": {
            "type": ActorType(row.actor_type),
            "account_id": row.actor_account_id,
            "app_id": row.actor_client_id,
            "token_id": row.actor_token_id,
        },
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "before_version": row.before_version,
        "after_version": row.after_version,
        "request_id": row.request_id,
        "ip": row.ip,
        "data": row.data,
    }


async def audit_page(
    session: AsyncSession,
    shops: ShopScope,
    shop_id: int,
    params: AuditLogParams,
    codec: KeysetCodec,
) -> Page[AuditEntry]:
    stmt = select(AuditLog).where(AuditLog.shop_id == shops.require(shop_id))
    if params.actor is not None:
        match = _ACTOR.match(params.actor)
        # 19 digits can exceed bigint: such an id names no actor and must not reach SQL.
        if not match or (match[2] is not None and int(match[2]) > MAX_ID):
            raise ValidationFailed(
                "Invalid actor filter.",
                [field_error(["query", "actor"], "use account:<id>, app:<id>, token:<id>, …")],
            )
        kind, ident, plain = match.groups()
        if plain:
            stmt = stmt.where(AuditLog.actor_type == plain)
        else:
            column = {
                "account": AuditLog.actor_account_id,
                "app": AuditLog.actor_client_id,
                "token": AuditLog.actor_token_id,
            }[kind]
            stmt = stmt.where(column == int(ident))
    if params.action is not None:
        stmt = stmt.where(AuditLog.action == params.action)
    if params.entity is not None:
        stmt = stmt.where(AuditLog.entity == params.entity)
    if params.entity_id is not None:
        stmt = stmt.where(AuditLog.entity_id == params.entity_id)
    if params.created_from is not None:
        stmt = stmt.where(AuditLog.created_at >= params.created_from)
    if params.created_to is not None:
        stmt = stmt.where(AuditLog.created_at < params.created_to)
    page = await newest_first_rows(
        session,
        stmt,
        created_at=AuditLog.created_at,
        id_=AuditLog.id,
        listing=f"audit:{shop_id}",
        codec=codec,
        cursor=params.cursor,
        limit=params.limit,
    )
    return page.mapped([_public(r) for r in page.rows])

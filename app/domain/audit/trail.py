"""The trail every write leaves, in the write's own transaction: a timeline event on the order,
one change-log row (what the feed and webhooks publish) and one audit row.

Orders, after-sales and disputes all record through here, so the three stay in step: an entity
that changed always has its feed row at the new version and its audit row naming who did it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.audit.actor import Actor
from app.domain.audit.service import record_audit
from app.domain.sync.change_log import record_change
from app.models import OrderEvent

R = TypeVar("R", bound=Mapping[str, Any])


@dataclass(frozen=True, slots=True)
class Written:
    """The entity a write touched, after its version was bumped."""

    entity: str  # "order" | "after_sale" | "dispute"
    entity_id: int
    shop_id: int
    order_id: int
    version: int


async def record_write(
    session: AsyncSession,
    actor: Actor,
    written: Written,
    *,
    change_type: str,
    step: str,
    before_version: int | None,
    event: dict[str, Any],
    timeline: dict[str, Any],
    at: datetime,
    public: Callable[[], Awaitable[R]],
) -> R:
    """Write the timeline event, then the change row carrying the entity's public form (built
    after the flush, so generated columns are in it) and the audit row ``<entity>.<step>``.
    Returns that public form.

    The timeline is the order's: its own steps read bare (``shipped``), those of its after-sales
    and disputes carry their entity (``after_sale.approved``)."""
    audit_action = f"{written.entity}.{step}"
    session.add(
        OrderEvent(
            shop_id=written.shop_id,
            order_id=written.order_id,
            kind=step if written.entity == "order" else audit_action,
            actor_type=actor.type,
            actor_id=actor.label,
            data=timeline,
            created_at=at,
        )
    )
    await session.flush()
    representation = await public()
    await record_change(
        session,
        shop_id=written.shop_id,
        entity=written.entity,
        entity_id=written.entity_id,
        entity_version=written.version,
        type=change_type,
        data=dict(representation),
    )
    await record_audit(
        session,
        actor,
        shop_id=written.shop_id,
        action=audit_action,
        entity=written.entity,
        entity_id=written.entity_id,
        before_version=before_version,
        after_version=written.version,
        data=event,
    )
    return representation

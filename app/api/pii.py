"""Receivers in REST read responses: masked without ``orders:read_pii``; shown in clear with
it, and then audited (one ``pii.read`` row per request, app/domain/audit/pii.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import Authorized
from app.domain.audit.pii import clear_receivers, record_pii_read
from app.domain.orders.representation import masked

R = TypeVar("R", bound=Mapping[str, Any])


async def receivers_shown(
    session: AsyncSession, auth: Authorized, shop_id: int, rows: Sequence[R]
) -> list[R]:
    """``rows`` (each with a ``receiver``) as this caller may see them on ``shop_id``."""
    if not auth.can_read_pii(shop_id):
        return [masked(r) for r in rows]
    await record_pii_read(session, auth.actor, clear_receivers(rows))
    return list(rows)

"""Internal: the platform's arbitration decision on a dispute under review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.auth.internal import InternalActor
from app.db import Session
from app.domain.access.scope import ShopScope
from app.domain.disputes.schemas import Dispute, DisputeDecision
from app.domain.disputes.service import DisputeService
from app.domain.shops.repository import require_shop
from app.web.openapi import problems
from app.web.params import MAX_BIGINT, ShopId

router = APIRouter(prefix="/internal/v1/shops/{shop_id}", tags=["internal"])
DisputeId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Dispute id")]


@router.post(
    "/disputes/{dispute_id}/decide",
    response_model=Dispute,
    summary="Record the platform's decision: won or lost",
    responses=problems(400, 401, 404, 409, 422),
)
async def decide_dispute(
    shop_id: ShopId,
    dispute_id: DisputeId,
    body: DisputeDecision,
    session: Session,
    actor: InternalActor,
) -> Dispute:
    await require_shop(session, shop_id)
    service = DisputeService(session, ShopScope.of([shop_id]), actor)
    return await service.decide(shop_id, dispute_id, body)

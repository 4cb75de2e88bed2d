"""Internal: the buyer's side of an after-sale (the answer to an exchange offer)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.auth.internal import InternalActor
from app.db import Session
from app.domain.access.scope import ShopScope
from app.domain.after_sales.schemas import AfterSale, ExchangeOfferAnswer
from app.domain.after_sales.service import AfterSaleService
from app.domain.shops.repository import require_shop
from app.web.openapi import problems
from app.web.params import MAX_BIGINT, ShopId

router = APIRouter(prefix="/internal/v1/shops/{shop_id}", tags=["internal"])
AfterSaleId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="After-sale id")]


@router.post(
    "/after-sales/{after_sale_id}/exchange-offer",
    response_model=AfterSale,
    summary="The buyer accepts (-> exchange) or declines (-> the refund goes on) an offer",
    responses=problems(400, 401, 404, 409, 422),
)
async def answer_exchange_offer(
    shop_id: ShopId,
    after_sale_id: AfterSaleId,
    body: ExchangeOfferAnswer,
    session: Session,
    actor: InternalActor,
) -> AfterSale:
    await require_shop(session, shop_id)
    service = AfterSaleService(session, ShopScope.of([shop_id]), actor)
    return await service.answer_exchange_offer(shop_id, after_sale_id, body)

"""After-sales over REST: keyset list with filters, detail, and the merchant's actions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from app.api.writes import Write
from app.auth.dependencies import AfterSalesRead, AfterSalesWrite
from app.db import Session
from app.domain.after_sales.batch import act_batch
from app.domain.after_sales.schemas import (
    AfterSale,
    AfterSaleAction,
    AfterSaleBatch,
    AfterSaleBatchResult,
    AfterSaleListParams,
)
from app.domain.after_sales.service import AfterSaleService
from app.kit.contract import Page
from app.kit.versioning import etag
from app.ratelimit import per_entries_cost
from app.web.listing import Codec
from app.web.openapi import READ_ERRORS, WRITE_ERRORS, problems
from app.web.params import MAX_BIGINT, ShopId
from app.web.responses import JSON, json_bytes_response

router = APIRouter(prefix="/v1/shops/{shop_id}/after-sales", tags=["after-sales"])
AfterSaleId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="After-sale id")]


@router.get(
    "",
    summary="List after-sales (newest first, keyset)",
    response_model=Page[AfterSale],
    responses=problems(*READ_ERRORS),
)
async def list_after_sales(
    shop_id: ShopId,
    params: Annotated[AfterSaleListParams, Query()],
    auth: AfterSalesRead,
    session: Session,
    codec: Codec,
) -> Response:
    service = AfterSaleService(session, auth.shops, auth.actor)
    return Response(await service.list_rendered(shop_id, params, codec), media_type=JSON)


@router.post(
    "/batch",
    dependencies=[Depends(per_entries_cost("actions"))],
    summary="Act on up to 100 after-sales; per-entry results, one bad entry blocks no other",
    response_model=AfterSaleBatchResult,
    responses=problems(*WRITE_ERRORS),
)
async def act_on_after_sales_batch(
    shop_id: ShopId, body: AfterSaleBatch, auth: AfterSalesWrite, write: Write
) -> Response:
    service = AfterSaleService(write.session, auth.shops, auth.actor)
    request_id = auth.actor.request_id
    return await write.run(
        lambda: act_batch(write.session, service, shop_id, body, request_id=request_id)
    )


@router.get(
    # Digits only: ``…/after-sales/batch`` is the batch's (its GET is a 405, not a bad id).
    "/{after_sale_id:integer}",
    summary="One after-sale",
    response_model=AfterSale,
    responses=problems(401, 403, 404, 422),
)
async def get_after_sale(
    shop_id: ShopId, after_sale_id: AfterSaleId, auth: AfterSalesRead, session: Session
) -> Response:
    body = await AfterSaleService(session, auth.shops, auth.actor).get(shop_id, after_sale_id)
    return json_bytes_response(body, headers={"ETag": etag(body["version"])})


@router.post(
    "/{after_sale_id}/actions",
    summary="approve, reject, request_return, confirm_return_received, refund, offer_exchange, "
    "close",
    response_model=AfterSale,
    responses=problems(*WRITE_ERRORS),
)
async def act_on_after_sale(
    shop_id: ShopId,
    after_sale_id: AfterSaleId,
    body: AfterSaleAction,
    auth: AfterSalesWrite,
    write: Write,
) -> Response:
    data = write.versioned(body)
    service = AfterSaleService(write.session, auth.shops, auth.actor)
    return await write.run(lambda: service.act(shop_id, after_sale_id, data))

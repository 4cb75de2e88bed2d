"""The merchant's view of the webhook endpoints receiving a shop's data (any app's), and the
per-shop switch. Thin adapters over ShopEndpoints; writes are audited there."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from app.auth.dependencies import WebhooksManage
from app.db import Session
from app.domain.webhooks.schemas import ShopWebhookEndpoint
from app.domain.webhooks.shop_endpoints import ShopEndpoints
from app.kit.contract import Page
from app.web.listing import Codec
from app.web.openapi import READ_ERRORS, WRITE_ERRORS, problems
from app.web.params import MAX_BIGINT, ShopId
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1/shops/{shop_id}/webhook-endpoints", tags=["webhooks"])
EndpointId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Webhook endpoint id")]


@router.get(
    "",
    summary="Webhook endpoints of any app set up to receive this shop's data (by id, keyset)",
    response_model=Page[ShopWebhookEndpoint],
    responses=problems(*READ_ERRORS),
)
async def list_shop_endpoints(
    shop_id: ShopId,
    auth: WebhooksManage,
    session: Session,
    codec: Codec,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    page = await ShopEndpoints(session, auth, codec).page(shop_id, cursor=cursor, limit=limit)
    return json_bytes_response(page)


@router.post(
    "/{endpoint_id}/disable",
    summary="Stop this shop's data to the endpoint (pending deliveries for it are cancelled)",
    response_model=ShopWebhookEndpoint,
    responses=problems(*WRITE_ERRORS),
)
async def disable_for_shop(
    shop_id: ShopId, endpoint_id: EndpointId, auth: WebhooksManage, session: Session, codec: Codec
) -> Response:
    view = await ShopEndpoints(session, auth, codec).switch(shop_id, endpoint_id, enabled=False)
    return json_bytes_response(view)


@router.post(
    "/{endpoint_id}/enable",
    summary="Resume this shop's data to the endpoint (changes meanwhile are not sent: replay)",
    response_model=ShopWebhookEndpoint,
    responses=problems(*WRITE_ERRORS),
)
async def enable_for_shop(
    shop_id: ShopId, endpoint_id: EndpointId, auth: WebhooksManage, session: Session, codec: Codec
) -> Response:
    view = await ShopEndpoints(session, auth, codec).switch(shop_id, endpoint_id, enabled=True)
    return json_bytes_response(view)

"""Webhook endpoints over REST (scope ``webhooks:manage``): CRUD, secret rotation, test ping,
the delivery log with attempts, redelivery, replay and stats. Thin adapters over
WebhookService; every write is audited there."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.auth.dependencies import WebhooksManage
from app.db import Session
from app.domain.webhooks.patterns import PATTERN_REGEX
from app.domain.webhooks.schemas import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookDeliveryDetail,
    WebhookEndpoint,
    WebhookEndpointWithSecret,
    WebhookReplayAccepted,
    WebhookStats,
)
from app.domain.webhooks.service import EndpointInput, WebhookService
from app.kit.contract import Page
from app.web.openapi import problems
from app.web.params import MAX_BIGINT
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhooks"])

EndpointId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Webhook endpoint id")]
DeliveryId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Delivery id")]
ShopIds = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_BIGINT)]], Field(min_length=1, max_length=100)
]
EventTypes = Annotated[
    list[Annotated[str, Field(max_length=40, pattern=PATTERN_REGEX)]],
    Field(
        min_length=1,
        max_length=20,
        description="`*`, a family (`order.*`), exact change types, `report.daily` or `report.*`",
    ),
]
Url = Annotated[
    str,
    Field(
        min_length=8,
        max_length=2048,
        pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://",
        description="https (http only to loopback in development); public hosts only",
    ),
]


class EndpointCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: Url
    event_types: EventTypes = Field(default_factory=lambda: ["*"])
    shop_ids: ShopIds
    description: str | None = Field(default=None, max_length=500)
    enabled: bool = True


class EndpointPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: Url | None = None
    event_types: EventTypes | None = None
    shop_ids: ShopIds | None = None
    description: str | None = Field(default=None, max_length=500)
    enabled: bool | None = None


class ReplayRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    since_cursor: str | None = Field(default=None, min_length=1, max_length=128)
    since_time: datetime | None = None
    types: EventTypes | None = None


def _service(session: Session, request: Request, auth: WebhooksManage) -> WebhookService:
    return WebhookService(session, request.app.state.settings, auth)


def _location(endpoint_id: int) -> str:
    return f"/v1/webhook-endpoints/{endpoint_id}"


# Endpoints are visible only to their app and within the token's shops: anything else is 404.
_ONE = problems(404)


@router.post(
    "",
    status_code=201,
    response_model=WebhookEndpointWithSecret,
    summary="Create an endpoint (the secret is shown only here)",
    responses=problems(400, 403, 404),
)
async def create_endpoint(
    body: EndpointCreate, auth: WebhooksManage, session: Session, request: Request
) -> Response:
    endpoint = await _service(session, request, auth).create(
        EndpointInput(
            url=body.url,
            event_types=body.event_types,
            shop_ids=body.shop_ids,
            description=body.description,
            enabled=body.enabled,
        )
    )
    return json_bytes_response(
        endpoint,
        status_code=201,
        headers={"Location": _location(endpoint["id"]), "Cache-Control": "no-store"},
    )


@router.get(
    "",
    response_model=Page[WebhookEndpoint],
    summary="Endpoints visible to this token (one page: has_more is false)",
)
async def list_endpoints(auth: WebhooksManage, session: Session, request: Request) -> Response:
    return json_bytes_response(await _service(session, request, auth).list_endpoints())


@router.get(
    "/{endpoint_id}", response_model=WebhookEndpoint, summary="One endpoint", responses=_ONE
)
async def get_endpoint(
    endpoint_id: EndpointId, auth: WebhooksManage, session: Session, request: Request
) -> Response:
    return json_bytes_response(await _service(session, request, auth).get(endpoint_id))


@router.patch(
    "/{endpoint_id}",
    response_model=WebhookEndpoint,
    summary="Change url, types, shops, description or enabled",
    responses=problems(400, 403, 404),
)
async def update_endpoint(
    endpoint_id: EndpointId,
    body: EndpointPatch,
    auth: WebhooksManage,
    session: Session,
    request: Request,
) -> Response:
    changes: dict[str, Any] = body.model_dump(exclude_unset=True)
    return json_bytes_response(await _service(session, request, auth).update(endpoint_id, changes))


@router.delete(
    "/{endpoint_id}",
    status_code=204,
    summary="Delete (pending deliveries cancelled)",
    responses=_ONE,
)
async def delete_endpoint(
    endpoint_id: EndpointId, auth: WebhooksManage, session: Session, request: Request
) -> Response:
    await _service(session, request, auth).delete(endpoint_id)
    return Response(status_code=204)


@router.post(
    "/{endpoint_id}/rotate-secret",
    response_model=WebhookEndpointWithSecret,
    summary="New secret; the old one signs for 24 h",
    responses=_ONE,
)
async def rotate_secret(
    endpoint_id: EndpointId, auth: WebhooksManage, session: Session, request: Request
) -> Response:
    endpoint = await _service(session, request, auth).rotate_secret(endpoint_id)
    return json_bytes_response(endpoint, headers={"Cache-Control": "no-store"})


@router.post(
    "/{endpoint_id}/test",
    status_code=202,
    response_model=WebhookDelivery,
    summary="Queue a ping event (answers the queued delivery)",
    responses=_ONE,
)
async def test_endpoint(
    endpoint_id: EndpointId, auth: WebhooksManage, session: Session, request: Request
) -> Response:
    delivery = await _service(session, request, auth).send_test(endpoint_id)
    return json_bytes_response(delivery, status_code=202)


@router.get(
    "/{endpoint_id}/deliveries",
    response_model=Page[WebhookDelivery],
    summary="The delivery log, newest first (keyset)",
    responses=problems(400, 404),
)
async def list_deliveries(
    endpoint_id: EndpointId,
    auth: WebhooksManage,
    session: Session,
    request: Request,
    status: Annotated[DeliveryStatus | None, Query(description="Only this status")] = None,
    cursor: Annotated[
        str | None, Query(max_length=512, description="`next_cursor` of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    page = await _service(session, request, auth).deliveries(
        endpoint_id, status=status, cursor=cursor, limit=limit
    )
    return json_bytes_response(page)


@router.get(
    "/{endpoint_id}/deliveries/{delivery_id}",
    response_model=WebhookDeliveryDetail,
    summary="One delivery with its attempts",
    responses=_ONE,
)
async def get_delivery(
    endpoint_id: EndpointId,
    delivery_id: DeliveryId,
    auth: WebhooksManage,
    session: Session,
    request: Request,
) -> Response:
    detail = await _service(session, request, auth).delivery(endpoint_id, delivery_id)
    return json_bytes_response(detail)


@router.post(
    "/{endpoint_id}/deliveries/{delivery_id}/redeliver",
    status_code=202,
    response_model=WebhookDelivery,
    summary="Send this delivery again (same webhook-id)",
    responses=_ONE,
)
async def redeliver(
    endpoint_id: EndpointId,
    delivery_id: DeliveryId,
    auth: WebhooksManage,
    session: Session,
    request: Request,
) -> Response:
    delivery = await _service(session, request, auth).redeliver(endpoint_id, delivery_id)
    return json_bytes_response(delivery, status_code=202)


@router.post(
    "/{endpoint_id}/replay",
    status_code=202,
    response_model=WebhookReplayAccepted,
    summary="Re-send the feed's changes",
    responses=problems(400, 404),
)
async def replay(
    endpoint_id: EndpointId,
    body: ReplayRequest,
    auth: WebhooksManage,
    session: Session,
    request: Request,
) -> Response:
    result = await _service(session, request, auth).replay(
        endpoint_id, since_cursor=body.since_cursor, since_time=body.since_time, types=body.types
    )
    return json_bytes_response(result, status_code=202)


@router.get(
    "/{endpoint_id}/stats",
    response_model=WebhookStats,
    summary="Success rate, p50/p99 latency, backlog (24 h)",
    responses=_ONE,
)
async def stats(
    endpoint_id: EndpointId, auth: WebhooksManage, session: Session, request: Request
) -> Response:
    return json_bytes_response(await _service(session, request, auth).stats(endpoint_id))

"""Buyers' address-change requests over REST: the merchant's list, detail, approve, reject.

Scopes: reading needs ``orders:read`` (the receiver asked for is masked without
``orders:read_pii``, and audited when shown in clear); deciding needs ``orders:write``, the
scope that may change an order's receiver."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from app.api.pii import receivers_shown
from app.api.writes import Write
from app.auth.dependencies import Authorized, OrdersRead, OrdersWrite
from app.db import Session
from app.domain.address_changes.schemas import (
    AddressChangeApprove,
    AddressChangeListParams,
    AddressChangeReject,
    AddressChangeRequest,
)
from app.domain.address_changes.service import AddressChangeService
from app.domain.orders.representation import masked
from app.kit.contract import Page
from app.kit.versioning import etag
from app.web.listing import Codec
from app.web.openapi import READ_ERRORS, WRITE_ERRORS, problems
from app.web.params import MAX_BIGINT, ShopId
from app.web.responses import json_bytes_response

router = APIRouter(
    prefix="/v1/shops/{shop_id}/address-change-requests", tags=["address-change-requests"]
)
AddressChangeId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Address-change request id")]


def _service(session: Session, auth: Authorized) -> AddressChangeService:
    return AddressChangeService(session, auth.shops, auth.actor)


@router.get(
    "",
    summary="List buyers' address-change requests (newest first, keyset; `status=pending`)",
    response_model=Page[AddressChangeRequest],
    responses=problems(*READ_ERRORS),
)
async def list_address_changes(
    shop_id: ShopId,
    params: Annotated[AddressChangeListParams, Query()],
    auth: OrdersRead,
    session: Session,
    codec: Codec,
) -> Response:
    page = await _service(session, auth).list_page(shop_id, params, codec)
    data = await receivers_shown(session, auth, shop_id, page["data"])
    return json_bytes_response({**page, "data": data})


@router.get(
    "/{address_change_id}",
    summary="One address-change request",
    response_model=AddressChangeRequest,
    responses=problems(401, 403, 404, 422),
)
async def get_address_change(
    shop_id: ShopId, address_change_id: AddressChangeId, auth: OrdersRead, session: Session
) -> Response:
    found = await _service(session, auth).get(shop_id, address_change_id)
    [body] = await receivers_shown(session, auth, shop_id, [found])
    return json_bytes_response(body, headers={"ETag": etag(body["version"])})


@router.post(
    "/{address_change_id}/approve",
    summary="Approve: the order's receiver becomes the one asked for (unshipped orders only)",
    response_model=AddressChangeRequest,
    responses=problems(*WRITE_ERRORS),
)
async def approve_address_change(
    shop_id: ShopId,
    address_change_id: AddressChangeId,
    body: AddressChangeApprove,
    auth: OrdersWrite,
    write: Write,
) -> Response:
    data = write.versioned(body)
    service = _service(write.session, auth)
    return await write.run(
        lambda: _masked(auth, shop_id, service.approve(shop_id, address_change_id, data))
    )


@router.post(
    "/{address_change_id}/reject",
    summary="Reject, with a reason the buyer sees",
    response_model=AddressChangeRequest,
    responses=problems(*WRITE_ERRORS),
)
async def reject_address_change(
    shop_id: ShopId,
    address_change_id: AddressChangeId,
    body: AddressChangeReject,
    auth: OrdersWrite,
    write: Write,
) -> Response:
    data = write.versioned(body)
    service = _service(write.session, auth)
    return await write.run(
        lambda: _masked(auth, shop_id, service.reject(shop_id, address_change_id, data))
    )


async def _masked(
    auth: Authorized, shop_id: int, result: Awaitable[AddressChangeRequest]
) -> AddressChangeRequest:
    body = await result
    return body if auth.can_read_pii(shop_id) else masked(body)

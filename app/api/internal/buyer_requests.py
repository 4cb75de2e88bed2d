"""Internal: what buyers ask through the commerce core — an address change, a complaint."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.auth.internal import InternalActor
from app.db import Session
from app.domain.access.scope import ShopScope
from app.domain.address_changes.schemas import AddressChangeCreate, AddressChangeRequest
from app.domain.address_changes.service import AddressChangeService
from app.domain.address_changes.sweep import auto_approve_after
from app.domain.complaints.schemas import Complaint, ComplaintCreate
from app.domain.complaints.service import ComplaintService
from app.domain.shops.repository import require_shop
from app.web.openapi import problems
from app.web.params import OrderId, ShopId

router = APIRouter(prefix="/internal/v1/shops/{shop_id}/orders/{order_id}", tags=["internal"])


@router.post(
    "/address-change-requests",
    status_code=201,
    response_model=AddressChangeRequest,
    summary="Buyer asks to change the receiver (unshipped orders; one pending per order)",
    responses=problems(400, 401, 404, 409, 422),
)
async def request_address_change(
    shop_id: ShopId,
    order_id: OrderId,
    body: AddressChangeCreate,
    request: Request,
    session: Session,
    actor: InternalActor,
    response: Response,
) -> AddressChangeRequest:
    await require_shop(session, shop_id)
    service = AddressChangeService(
        session,
        ShopScope.of([shop_id]),
        actor,
        auto_approve_after=auto_approve_after(request.app.state.settings),
    )
    created = await service.request(shop_id, order_id, body)
    response.headers["Location"] = f"/v1/shops/{shop_id}/address-change-requests/{created['id']}"
    return created


@router.post(
    "/complaints",
    status_code=201,
    response_model=Complaint,
    summary="Buyer files a complaint (投诉) about the order",
    responses=problems(400, 401, 404, 422),
)
async def open_complaint(
    shop_id: ShopId,
    order_id: OrderId,
    body: ComplaintCreate,
    session: Session,
    actor: InternalActor,
    response: Response,
) -> Complaint:
    await require_shop(session, shop_id)
    created = await ComplaintService(session, ShopScope.of([shop_id]), actor).open(
        shop_id, order_id, body
    )
    response.headers["Location"] = f"/v1/shops/{shop_id}/complaints/{created['id']}"
    return created

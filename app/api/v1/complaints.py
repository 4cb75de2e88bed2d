"""Buyers' complaints (投诉) over REST: the merchant's list, detail and response.

Scopes: ``after_sales:read`` to read, ``after_sales:write`` to respond — complaints are
customer service, the after-sales role's work."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from app.api.writes import Write
from app.auth.dependencies import AfterSalesRead, AfterSalesWrite
from app.db import Session
from app.domain.complaints.schemas import Complaint, ComplaintListParams, ComplaintRespond
from app.domain.complaints.service import ComplaintService
from app.kit.contract import Page
from app.kit.versioning import etag
from app.web.listing import Codec
from app.web.openapi import READ_ERRORS, WRITE_ERRORS, problems
from app.web.params import MAX_BIGINT, ShopId
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1/shops/{shop_id}/complaints", tags=["complaints"])
ComplaintId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Complaint id")]


@router.get(
    "",
    summary="List complaints (newest first, keyset; filters status, kind)",
    response_model=Page[Complaint],
    responses=problems(*READ_ERRORS),
)
async def list_complaints(
    shop_id: ShopId,
    params: Annotated[ComplaintListParams, Query()],
    auth: AfterSalesRead,
    session: Session,
    codec: Codec,
) -> Response:
    service = ComplaintService(session, auth.shops, auth.actor)
    return json_bytes_response(await service.list_page(shop_id, params, codec))


@router.get(
    "/{complaint_id}",
    summary="One complaint",
    response_model=Complaint,
    responses=problems(401, 403, 404, 422),
)
async def get_complaint(
    shop_id: ShopId, complaint_id: ComplaintId, auth: AfterSalesRead, session: Session
) -> Response:
    body = await ComplaintService(session, auth.shops, auth.actor).get(shop_id, complaint_id)
    return json_bytes_response(body, headers={"ETag": etag(body["version"])})


@router.post(
    "/{complaint_id}/respond",
    summary="Answer the buyer (once): open -> responded",
    response_model=Complaint,
    responses=problems(*WRITE_ERRORS),
)
async def respond_to_complaint(
    shop_id: ShopId,
    complaint_id: ComplaintId,
    body: ComplaintRespond,
    auth: AfterSalesWrite,
    write: Write,
) -> Response:
    data = write.versioned(body)
    service = ComplaintService(write.session, auth.shops, auth.actor)
    return await write.run(lambda: service.respond(shop_id, complaint_id, data))

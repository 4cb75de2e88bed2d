"""``GET /v1/carriers``: the carrier registry (codes to send as ``carrier_code``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.auth.dependencies import CurrentPrincipal
from app.db import Session
from app.domain.carriers.repository import CarrierRegistry
from app.domain.carriers.schemas import Carrier
from app.kit.contract import Listing
from app.web.openapi import problems
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1", tags=["shipments"])


@router.get(
    "/carriers",
    response_model=Listing[Carrier],
    summary="The carrier registry: codes, names and tracking page templates",
    responses=problems(401),
)
async def list_carriers(session: Session, principal: CurrentPrincipal) -> Response:
    listing: Listing[Carrier] = {"data": await CarrierRegistry(session).all()}
    return json_bytes_response(listing)

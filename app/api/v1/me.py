"""``GET /v1/me`` and ``GET /v1/shops``: who the token is, and which shops it may touch."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.auth.dependencies import CurrentPrincipal
from app.db import Session
from app.domain.accounts.me import describe, shop_access
from app.domain.accounts.schemas import Me
from app.domain.shops.schemas import ShopAccess
from app.kit.contract import Page
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1", tags=["account"])


@router.get("/me", response_model=Me, summary="The token's account, app, shops and scopes")
async def me(session: Session, principal: CurrentPrincipal) -> Response:
    return json_bytes_response(await describe(session, principal))


@router.get(
    "/shops",
    response_model=Page[ShopAccess],
    summary="Shops this token may access (one page: every granted shop)",
)
async def list_shops(session: Session, principal: CurrentPrincipal) -> Response:
    page: Page[ShopAccess] = {
        "data": await shop_access(session, principal),
        "has_more": False,
        "next_cursor": None,
    }
    return json_bytes_response(page)

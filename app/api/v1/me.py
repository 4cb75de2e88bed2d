"""``GET /v1/me`` and ``GET /v1/shops``: who the token is, and which shops it may touch."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import CurrentPrincipal, Principal
from app.auth.scope import ShopScope
from app.auth.scopes import format_scopes
from app.db import Session
from app.domain.accounts.service import get_account
from app.domain.apps.service import find_app_by_id
from app.domain.shops.repository import shops_in

router = APIRouter(prefix="/v1", tags=["account"])


class ShopOut(BaseModel):
    id: int
    name: str
    timezone: str
    scopes: list[str]


class AccountOut(BaseModel):
    id: int
    email: str
    display_name: str


class AppOut(BaseModel):
    client_id: str
    name: str
    first_party: bool


class ShopList(BaseModel):
    items: list[ShopOut]


class MeOut(BaseModel):
    account: AccountOut | None
    app: AppOut | None
    token_id: int | None
    scopes: list[str]
    shops: list[ShopOut]


async def _shops(session: AsyncSession, principal: Principal) -> list[ShopOut]:
    shops = await shops_in(session, ShopScope.of(principal.shop_ids))
    return [
        ShopOut(
            id=s.id,
            name=s.name,
            timezone=s.timezone,
            scopes=format_scopes(principal.scopes_on(s.id)).split(),
        )
        for s in shops
    ]


@router.get("/me", response_model=MeOut, summary="The token's account, app, shops and scopes")
async def me(session: Session, principal: CurrentPrincipal) -> MeOut:
    account = await get_account(session, principal.account_id) if principal.account_id else None
    app = await find_app_by_id(session, principal.client_id) if principal.client_id else None
    all_scopes: set[str] = set()
    for scopes in principal.scopes_by_shop.values():
        all_scopes |= scopes
    return MeOut(
        account=AccountOut(id=account.id, email=account.email, display_name=account.display_name)
        if account
        else None,
        app=AppOut(client_id=app.client_id, name=app.name, first_party=app.first_party)
        if app
        else None,
        token_id=principal.token_id,
        scopes=format_scopes(all_scopes).split(),
        shops=await _shops(session, principal),
    )


@router.get("/shops", response_model=ShopList, summary="Shops this token may access")
async def list_shops(session: Session, principal: CurrentPrincipal) -> ShopList:
    return ShopList(items=await _shops(session, principal))

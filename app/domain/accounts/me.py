"""Who a token is: its account, app, shops and scopes (``GET /v1/me``, ``GET /v1/shops``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.principal import Principal
from app.domain.access.scope import ShopScope
from app.domain.access.scopes import format_scopes
from app.domain.accounts.repository import get_account
from app.domain.accounts.schemas import AccountSummary, AppSummary, Me
from app.domain.apps.repository import find_app_by_id
from app.domain.shops.repository import shops_in
from app.domain.shops.schemas import ShopAccess


async def shop_access(session: AsyncSession, principal: Principal) -> list[ShopAccess]:
    shops = await shops_in(session, ShopScope.of(principal.shop_ids))
    return [
        {
            "id": s.id,
            "name": s.name,
            "timezone": s.timezone,
            "scopes": format_scopes(principal.scopes_on(s.id)).split(),
        }
        for s in shops
    ]


async def describe(session: AsyncSession, principal: Principal) -> Me:
    account = await get_account(session, principal.account_id) if principal.account_id else None
    app = await find_app_by_id(session, principal.client_id) if principal.client_id else None
    all_scopes: set[str] = set()
    for scopes in principal.scopes_by_shop.values():
        all_scopes |= scopes
    account_out: AccountSummary | None = None
    if account is not None:
        account_out = {
            "id": account.id,
            "email": account.email,
            "display_name": account.display_name,
        }
    app_out: AppSummary | None = None
    if app is not None:
        app_out = {"client_id": app.client_id, "name": app.name, "first_party": app.first_party}
    return {
        "account": account_out,
        "app": app_out,
        "token_id": principal.token_id,
        "scopes": format_scopes(all_scopes).split(),
        "shops": await shop_access(session, principal),
    }

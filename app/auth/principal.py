"""Bearer token -> Principal: the token's shops, and its effective scopes on each of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, any_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.scopes import effective_scopes
from app.errors import Unauthorized
from app.models import Account, OAuthClient, OAuthGrant, OAuthToken, ShopMember
from app.oauth2.secrets import ACCESS_PREFIX, hash_secret

MAX_TOKEN_LENGTH = 200


@dataclass(frozen=True)
class Principal:
    account_id: int | None
    client_id: int | None
    token_id: int | None
    shop_ids: frozenset[int]
    scopes_by_shop: dict[int, frozenset[str]] = field(hash=False)
    first_party: bool = False
    tier: str = "default"

    def rate_limit_key(self, shop_id: int) -> str:
        """One bucket per (app, shop); the merchant console shares one bucket per account."""
        if self.first_party and self.account_id is not None:
            return f"account:{self.account_id}"
        return f"app:{self.client_id}:shop:{shop_id}"

    def scopes_on(self, shop_id: int) -> frozenset[str]:
        return self.scopes_by_shop.get(shop_id, frozenset())


async def resolve_principal(session: AsyncSession, token: str | None) -> Principal:
    """401 for a missing, malformed, unknown, expired or revoked token (or a deleted app)."""
    if not token:
        raise Unauthorized("A bearer token is required.", error="invalid_request")
    if not token.startswith(ACCESS_PREFIX) or len(token) > MAX_TOKEN_LENGTH:
        raise Unauthorized("The access token is malformed.")
    # One round trip: the token (live, its app and account live) and, one row each, the shops
    # still visible to it: the account is still a member and the app still installed there.
    granted = exists().where(
        and_(
            OAuthGrant.shop_id == ShopMember.shop_id,
            OAuthGrant.client_id == OAuthToken.client_id,
            OAuthGrant.account_id == ShopMember.account_id,
            OAuthGrant.revoked_at.is_(None),
        )
    )
    rows = (
        await session.execute(
            select(
                OAuthToken.id,
                OAuthToken.client_id,
                OAuthToken.account_id,
                OAuthToken.scope,
                OAuthClient.first_party,
                OAuthClient.tier,
                ShopMember.shop_id,
                ShopMember.role,
            )
            .join(OAuthClient, OAuthClient.id == OAuthToken.client_id)
            .join(Account, Account.id == OAuthToken.account_id)
            .outerjoin(
                ShopMember,
                and_(
                    ShopMember.account_id == OAuthToken.account_id,
                    ShopMember.shop_id == any_(OAuthToken.shop_ids),
                    granted,
                ),
            )
            .where(
                OAuthToken.access_token_hash == hash_secret(token),
                OAuthToken.revoked_at.is_(None),
                OAuthToken.access_expires_at > func.now(),
                OAuthClient.deleted_at.is_(None),
                Account.disabled_at.is_(None),
            )
        )
    ).all()
    if not rows:
        raise Unauthorized("The access token is invalid, expired or revoked.")
    row = rows[0]
    granted_scopes = row.scope.split()
    scopes_by_shop = {
        int(m.shop_id): effective_scopes(granted_scopes, str(m.role))
        for m in rows
        if m.shop_id is not None
    }
    return Principal(
        account_id=row.account_id,
        client_id=row.client_id,
        token_id=row.id,
        shop_ids=frozenset(scopes_by_shop),
        scopes_by_shop=scopes_by_shop,
        first_party=bool(row.first_party),
        tier=str(row.tier),
    )

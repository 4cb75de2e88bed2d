"""Bearer token -> Principal: the token's shops, and its effective scopes on each of them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access import repository
from app.domain.access.scopes import effective_scopes
from app.domain.access.secrets import ACCESS_PREFIX, hash_secret
from app.errors import Unauthorized
from app.models import OAuthToken

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


def _principal(rows: Sequence[Row[Any]]) -> Principal:
    """One token's rows (see :func:`_principal_query`) as its principal."""
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


async def resolve_principal(session: AsyncSession, token: str | None) -> Principal:
    """401 for a missing, malformed, unknown, expired or revoked token (or a deleted app)."""
    principal, _ = await resolve_principal_until(session, token)
    return principal


async def resolve_principal_until(
    session: AsyncSession, token: str | None
) -> tuple[Principal, datetime]:
    """:func:`resolve_principal` and the instant the token expires."""
    if not token:
        raise Unauthorized("A bearer token is required.", error="invalid_request")
    if not token.startswith(ACCESS_PREFIX) or len(token) > MAX_TOKEN_LENGTH:
        raise Unauthorized("The access token is malformed.")
    # One round trip: the token and, one row each, the shops still visible to it.
    rows = await repository.token_rows(session, OAuthToken.access_token_hash == hash_secret(token))
    if not rows:
        raise Unauthorized("The access token is invalid, expired or revoked.")
    return _principal(rows), rows[0].access_expires_at


async def live_principals(
    session: AsyncSession, token_ids: Collection[int]
) -> dict[int, Principal]:
    """The principals of those tokens that are still live, by token id, in one query (the same
    checks as :func:`resolve_principal`): a token missing from the answer was revoked, has
    expired, or its app or account is gone."""
    if not token_ids:
        return {}
    by_token: dict[int, list[Row[Any]]] = {}
    for row in await repository.token_rows(session, OAuthToken.id.in_(token_ids)):
        by_token.setdefault(int(row.id), []).append(row)
    return {token_id: _principal(rows) for token_id, rows in by_token.items()}

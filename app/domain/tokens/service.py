"""The token-issuing service: used by the OAuth endpoints, the CLI, the demo and tests.

A token pair is one ``oauth_tokens`` row; only SHA-256 of the access and refresh tokens is
stored. Every pair belongs to a family (one original grant); rotation adds rows to it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.domain.access.scopes import format_scopes, parse_scopes
from app.domain.access.secrets import ACCESS_PREFIX, REFRESH_PREFIX, hash_secret, new_secret
from app.domain.apps.revocation import made_by_third_party_tokens, revoke_private_apps_sync
from app.domain.tokens import repository
from app.errors import BadRequest
from app.kit.clock import utcnow
from app.models import OAuthToken

DEFAULT_ACCESS_TTL_SECONDS = 3600
REFRESH_TTL = timedelta(days=30)


@dataclass(frozen=True)
class IssuedTokens:
    token_id: int
    family_id: str
    access_token: str
    refresh_token: str | None
    expires_in: int
    scope: str
    shop_ids: list[int] = field(default_factory=list)

    def as_response(self) -> dict[str, Any]:
        """The RFC 6749 §5.1 body, plus the shops the token covers."""
        body: dict[str, Any] = {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "scope": self.scope,
            "shop_ids": self.shop_ids,
        }
        if self.refresh_token:
            body["refresh_token"] = self.refresh_token
        return body


async def member_roles(
    session: AsyncSession, account_id: int, shop_ids: Iterable[int]
) -> dict[int, str]:
    return await session.run_sync(repository.member_roles, account_id, list(shop_ids))


def grant_shops_sync(
    session: Session, *, client_id: int, account_id: int, shop_ids: Iterable[int], scope: str
) -> None:
    """Install (or re-install) the app on these shops on behalf of the account."""
    for shop_id in sorted(set(shop_ids)):
        repository.upsert_grant(
            session, shop_id=shop_id, client_id=client_id, account_id=account_id, scope=scope
        )


async def grant_shops(
    session: AsyncSession, *, client_id: int, account_id: int, shop_ids: Iterable[int], scope: str
) -> None:
    await session.run_sync(
        lambda s: grant_shops_sync(
            s, client_id=client_id, account_id=account_id, shop_ids=list(shop_ids), scope=scope
        )
    )


def issue_tokens_sync(
    session: Session,
    *,
    client_id: int,
    account_id: int,
    shop_ids: Iterable[int],
    scope: str | Iterable[str],
    access_ttl_seconds: int = DEFAULT_ACCESS_TTL_SECONDS,
    with_refresh: bool = True,
    install: bool = True,
    family_id: str | None = None,
    authorization_code_id: int | None = None,
    access_token: str | None = None,
    refresh_token: str | None = None,
) -> IssuedTokens:
    """Issue a pair for ``account_id`` on ``shop_ids`` (all must be shops the account belongs to).

    ``install`` records the grants (consent, CLI); a refresh passes False so it can never
    re-install an app the merchant uninstalled. ``access_token``/``refresh_token`` let the
    OAuth grants supply the values (rotation derives them so racing retries get the same pair).
    Sync so that Authlib's callbacks can use it (through ``AsyncSession.run_sync``).
    """
    shops = sorted(set(shop_ids))
    if not shops:
        raise BadRequest("A token needs at least one shop.")
    scopes = format_scopes(parse_scopes(scope if isinstance(scope, str) else list(scope)))
    if not scopes:
        raise BadRequest("A token needs at least one scope.")
    roles = repository.member_roles(session, account_id, shops)
    if any(s not in roles for s in shops):
        raise BadRequest("The account is not a member of every requested shop.")
    if install:
        grant_shops_sync(
            session, client_id=client_id, account_id=account_id, shop_ids=shops, scope=scopes
        )
    now = utcnow()
    access = access_token or new_secret(ACCESS_PREFIX)
    refresh = (refresh_token or new_secret(REFRESH_PREFIX)) if with_refresh else None
    token_id, family = repository.insert_token(
        session,
        family_id=family_id or str(uuid.uuid4()),
        client_id=client_id,
        account_id=account_id,
        authorization_code_id=authorization_code_id,
        access_token_hash=hash_secret(access),
        refresh_token_hash=hash_secret(refresh) if refresh else None,
        scope=scopes,
        shop_ids=shops,
        issued_at=now,
        access_expires_at=now + timedelta(seconds=access_ttl_seconds),
        refresh_expires_at=now + REFRESH_TTL if refresh else None,
    )
    return IssuedTokens(
        token_id=token_id,
        family_id=family,
        access_token=access,
        refresh_token=refresh,
        expires_in=access_ttl_seconds,
        scope=scopes,
        shop_ids=shops,
    )


async def issue_tokens(
    session: AsyncSession,
    *,
    client_id: int,
    account_id: int,
    shop_ids: Iterable[int],
    scope: str | Iterable[str],
    access_ttl_seconds: int = DEFAULT_ACCESS_TTL_SECONDS,
    with_refresh: bool = True,
    install: bool = True,
) -> IssuedTokens:
    """The async entry point (CLI, bootstrap, tests); see :func:`issue_tokens_sync`."""
    return await session.run_sync(
        lambda s: issue_tokens_sync(
            s,
            client_id=client_id,
            account_id=account_id,
            shop_ids=list(shop_ids),
            scope=scope if isinstance(scope, str) else list(scope),
            access_ttl_seconds=access_ttl_seconds,
            with_refresh=with_refresh,
            install=install,
        )
    )


def revoke_tokens_sync(session: Session, which: ColumnElement[bool]) -> list[int]:
    """Revoke the live token rows ``which`` selects, and the private apps a third-party app
    made with them (app/domain/apps/revocation.py)."""
    ids = repository.revoke_token_rows(session, which)
    if ids:
        revoke_private_apps_sync(
            session,
            made_by_third_party_tokens(ids),
            reason="the token that made it was revoked",
        )
    return ids


def revoke_family_sync(session: Session, family_id: str) -> None:
    revoke_tokens_sync(session, OAuthToken.family_id == family_id)

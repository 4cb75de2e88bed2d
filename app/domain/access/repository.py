"""The rows behind a principal: a token with its app, account and the shops still visible."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, any_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Account, OAuthClient, OAuthGrant, OAuthToken, ShopMember


async def token_rows(session: AsyncSession, where: ColumnElement[bool]) -> Sequence[Row[Any]]:
    """One round trip: each live token ``where`` selects, one row per shop still visible to it
    (a token with none left has one row whose shop is NULL)."""
    return (await session.execute(_principal_query(where))).all()


def _principal_query(*where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    """Live tokens matching ``where`` (their app and account live), one row per shop still
    visible to each: the account is still a member there and the app still installed."""
    granted = exists().where(
        and_(
            OAuthGrant.shop_id == ShopMember.shop_id,
            OAuthGrant.client_id == OAuthToken.client_id,
            OAuthGrant.account_id == ShopMember.account_id,
            OAuthGrant.revoked_at.is_(None),
        )
    )
    return (
        select(
            OAuthToken.id,
            OAuthToken.client_id,
            OAuthToken.account_id,
            OAuthToken.scope,
            OAuthToken.access_expires_at,
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
            *where,
            OAuthToken.revoked_at.is_(None),
            OAuthToken.access_expires_at > func.now(),
            OAuthClient.deleted_at.is_(None),
            Account.disabled_at.is_(None),
        )
    )

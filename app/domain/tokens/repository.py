"""Token, authorization-code and grant rows, and the lookups the OAuth server makes.

Synchronous (``Session``): Authlib calls these from its callbacks, which the OAuth routes run
through ``AsyncSession.run_sync``. Only SHA-256 digests of secrets are stored or compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from app.kit.clock import utcnow
from app.models import (
    Account,
    OAuthAuthorizationCode,
    OAuthClient,
    OAuthGrant,
    OAuthToken,
    Shop,
    ShopMember,
)


def member_roles(session: Session, account_id: int, shop_ids: Iterable[int]) -> dict[int, str]:
    """The account's role on each of ``shop_ids`` it belongs to."""
    rows = session.execute(
        select(ShopMember.shop_id, ShopMember.role).where(
            ShopMember.account_id == account_id, ShopMember.shop_id.in_(list(shop_ids))
        )
    )
    return {int(r.shop_id): str(r.role) for r in rows}


def member_shops(session: Session, account_id: int) -> list[tuple[int, str, str]]:
    """(id, name, role) of every shop the account belongs to, by id (the consent page)."""
    rows = session.execute(
        select(Shop.id, Shop.name, ShopMember.role)
        .join(ShopMember, ShopMember.shop_id == Shop.id)
        .where(ShopMember.account_id == account_id)
        .order_by(Shop.id)
    )
    return [(int(i), str(name), str(role)) for i, name, role in rows]


def upsert_grant(
    session: Session, *, shop_id: int, client_id: int, account_id: int, scope: str
) -> None:
    """Installs (or re-installs) the app on the shop on behalf of the account."""
    stmt = pg_insert(OAuthGrant).values(
        shop_id=shop_id, client_id=client_id, account_id=account_id, scope=scope
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["shop_id", "client_id", "account_id"],
            set_={"scope": stmt.excluded.scope, "revoked_at": None},
        )
    )


def insert_token(session: Session, **values: Any) -> tuple[int, str]:
    """A new token row; its id and family."""
    row = session.execute(
        insert(OAuthToken).values(**values).returning(OAuthToken.id, OAuthToken.family_id)
    ).one()
    return int(row.id), str(row.family_id)


def revoke_token_rows(session: Session, which: ColumnElement[bool]) -> list[int]:
    """Marks the live rows ``which`` selects revoked; their ids."""
    return list(
        session.scalars(
            update(OAuthToken)
            .where(which, OAuthToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
            .returning(OAuthToken.id)
        )
    )


def made_from_code(code_id: int) -> ColumnElement[bool]:
    """Token rows of every family an authorization code started."""
    families = select(OAuthToken.family_id).where(OAuthToken.authorization_code_id == code_id)
    return OAuthToken.family_id.in_(families)


def token_by_digest(session: Session, match: ColumnElement[bool]) -> OAuthToken | None:
    return session.execute(select(OAuthToken).where(match)).scalar_one_or_none()


def lock_token_by_refresh_digest(session: Session, digest: str) -> OAuthToken | None:
    """The row, locked: concurrent refreshes of one token serialise here."""
    return session.execute(
        select(OAuthToken).where(OAuthToken.refresh_token_hash == digest).with_for_update()
    ).scalar_one_or_none()


def token_by_id(session: Session, token_id: int | None) -> OAuthToken | None:
    if token_id is None:
        return None
    return session.execute(select(OAuthToken).where(OAuthToken.id == token_id)).scalar_one_or_none()


def mark_rotated(session: Session, token_id: int, replaced_by_id: int) -> None:
    session.execute(
        update(OAuthToken)
        .where(OAuthToken.id == token_id)
        .values(rotated_at=utcnow(), replaced_by_id=replaced_by_id)
    )


def insert_authorization_code(session: Session, **values: Any) -> None:
    session.execute(insert(OAuthAuthorizationCode).values(**values))


def lock_authorization_code(session: Session, digest: str) -> OAuthAuthorizationCode | None:
    return session.execute(
        select(OAuthAuthorizationCode)
        .where(OAuthAuthorizationCode.code_hash == digest)
        .with_for_update()
    ).scalar_one_or_none()


def mark_code_used(session: Session, code_id: int) -> None:
    session.execute(
        update(OAuthAuthorizationCode)
        .where(OAuthAuthorizationCode.id == code_id)
        .values(used_at=utcnow())
    )


def active_account(session: Session, account_id: int) -> Account | None:
    return session.execute(
        select(Account).where(Account.id == account_id, Account.disabled_at.is_(None))
    ).scalar_one_or_none()


def live_client(session: Session, client_id: str) -> OAuthClient | None:
    return session.execute(
        select(OAuthClient).where(
            OAuthClient.client_id == client_id, OAuthClient.deleted_at.is_(None)
        )
    ).scalar_one_or_none()


def client_id_of(session: Session, app_id: int) -> str:
    """The public client id of the app with row id ``app_id``."""
    return str(
        session.execute(select(OAuthClient.client_id).where(OAuthClient.id == app_id)).scalar_one()
    )

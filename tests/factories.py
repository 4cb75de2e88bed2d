"""Test data through the real services: accounts, staff, apps and tokens (stored hashed)."""

from __future__ import annotations

import functools
import itertools
import os

from sqlalchemy import insert, select

from app.db import Database
from app.domain.access.passwords import hash_password
from app.domain.accounts.repository import create_account
from app.domain.apps.repository import find_app_by_name
from app.domain.apps.schemas import ClientType
from app.domain.apps.service import create_app
from app.domain.tokens.service import IssuedTokens, issue_tokens
from app.models import Shop, ShopMember

_unique = itertools.count(1)


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{os.getpid()}-{next(_unique)}-{os.urandom(3).hex()}@example.test"


@functools.cache
def _password_hash(password: str) -> str:
    # argon2 is deliberately slow: hash each test password once per process.
    return hash_password(password)


async def make_account(
    db: Database, *, email: str | None = None, password: str = "pw-123456"
) -> int:
    async with db.transaction() as s:
        return await create_account(
            s,
            email=email or unique_email(),
            password=password,
            password_hash=_password_hash(password),
        )


async def make_shop(db: Database, *, owner_id: int, name: str | None = None) -> int:
    async with db.transaction() as s:
        shop_id: int = (
            await s.execute(
                insert(Shop)
                .values(name=name or f"Shop {next(_unique)}", owner_account_id=owner_id)
                .returning(Shop.id)
            )
        ).scalar_one()
        await s.execute(
            insert(ShopMember).values(shop_id=shop_id, account_id=owner_id, role="owner")
        )
    return shop_id


async def add_staff(db: Database, *, shop_id: int, role: str) -> int:
    account_id = await make_account(db)
    async with db.transaction() as s:
        await s.execute(
            insert(ShopMember).values(shop_id=shop_id, account_id=account_id, role=role)
        )
    return account_id


async def make_app(
    db: Database,
    *,
    owner_id: int,
    name: str = "test-app",
    redirect_uris: list[str] | None = None,
    public: bool = False,
    private_shop_ids: list[int] | None = None,
) -> tuple[int, str, str | None]:
    """A new app: (row id, client_id, client_secret or None)."""
    async with db.transaction() as s:
        created = await create_app(
            s,
            owner_account_id=owner_id,
            name=name,
            redirect_uris=redirect_uris or ["http://127.0.0.1:8765/callback"],
            client_type=ClientType.PUBLIC if public else ClientType.CONFIDENTIAL,
            private_shop_ids=private_shop_ids,
        )
    return created.id, created.client_id, created.client_secret


async def issue_pair(
    db: Database,
    *,
    shop_ids: list[int],
    scopes: str | list[str] = "all",
    account_id: int | None = None,
    client_name: str = "test-app",
) -> IssuedTokens:
    async with db.transaction() as s:
        if account_id is None:
            account_id = (
                await s.execute(select(Shop.owner_account_id).where(Shop.id == shop_ids[0]))
            ).scalar_one()
        client = await find_app_by_name(s, owner_account_id=account_id, name=client_name)
        if client is None:
            created = await create_app(
                s,
                owner_account_id=account_id,
                name=client_name,
                redirect_uris=["http://127.0.0.1:8765/callback"],
            )
            client_row_id = created.id
        else:
            client_row_id = client.id
        return await issue_tokens(
            s, client_id=client_row_id, account_id=account_id, shop_ids=shop_ids, scope=scopes
        )


async def make_token(
    db: Database,
    *,
    shop_ids: list[int],
    scopes: str | list[str] = "all",
    account_id: int | None = None,
    client_name: str = "test-app",
) -> str:
    """An ``oga_`` access token for ``account_id`` (default: owner of the first shop)."""
    pair = await issue_pair(
        db, shop_ids=shop_ids, scopes=scopes, account_id=account_id, client_name=client_name
    )
    return pair.access_token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}

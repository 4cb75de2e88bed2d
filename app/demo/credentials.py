"""``ordergate up``'s demo credentials: one multi-shop owner, one app, a ready token.

Idempotent: a rerun reuses the account (resetting its password to the one printed), joins it to
shops created since, reuses the app and issues a fresh token.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.db import Database
from app.domain.access.passwords import hash_password
from app.domain.access.scopes import ALL_SCOPES
from app.domain.accounts.repository import create_account, find_account_by_email
from app.domain.apps.repository import find_app_by_name
from app.domain.apps.service import create_app
from app.domain.tokens.service import issue_tokens
from app.models import Account, Shop, ShopMember

DEMO_EMAIL = "demo@ordergate.test"
DEMO_APP = "OrderGate Demo"
DEMO_REDIRECT_URI = "http://127.0.0.1:8765/callback"


async def ensure_demo_credentials(db: Database, *, password: str | None) -> dict[str, Any]:
    password = password or secrets.token_urlsafe(12)
    async with db.transaction() as session:
        account = await find_account_by_email(session, DEMO_EMAIL)
        if account is None:
            account_id = await create_account(
                session, email=DEMO_EMAIL, password=password, display_name="Demo owner"
            )
        else:
            account_id = account.id
            await session.execute(
                update(Account)
                .where(Account.id == account_id)
                .values(password_hash=hash_password(password), disabled_at=None)
            )
        shop_ids = list(await session.scalars(select(Shop.id).order_by(Shop.id)))
        if not shop_ids:
            new_shop = await session.execute(
                pg_insert(Shop)
                .values(name="Demo shop", owner_account_id=account_id)
                .returning(Shop.id)
            )
            shop_ids = [new_shop.scalar_one()]
        for shop_id in shop_ids:
            await session.execute(
                pg_insert(ShopMember)
                .values(shop_id=shop_id, account_id=account_id, role="owner")
                .on_conflict_do_update(
                    index_elements=["shop_id", "account_id"], set_={"role": "owner"}
                )
            )
        app = await find_app_by_name(session, owner_account_id=account_id, name=DEMO_APP)
        client_secret = None
        if app is None:
            created = await create_app(
                session,
                owner_account_id=account_id,
                name=DEMO_APP,
                redirect_uris=[DEMO_REDIRECT_URI],
                first_party=True,
            )
            app_id, client_id, client_secret = created.id, created.client_id, created.client_secret
        else:
            app_id, client_id = app.id, app.client_id
        scope = " ".join(ALL_SCOPES)
        issued = await issue_tokens(
            session, client_id=app_id, account_id=account_id, shop_ids=shop_ids, scope=scope
        )
    result: dict[str, Any] = {
        "email": DEMO_EMAIL,
        "password": password,
        "client_id": client_id,
        "access_token": issued.access_token,
        "refresh_token": issued.refresh_token,
    }
    if client_secret:
        result["client_secret"] = client_secret
    return result

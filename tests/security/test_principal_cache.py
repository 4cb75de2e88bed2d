"""The cached token lookup (app/auth/cache.py): a list request costs one statement, and a
rights change is seen by the next request — at once when this process committed it through
the ORM, as soon as its NOTIFY arrives when anyone else wrote it (raw SQL here)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import delete, event, text, update

from app.auth.cache import PrincipalCache
from app.db import Database
from app.domain.access.secrets import hash_secret
from app.models import OAuthToken, ShopMember
from tests.factories import add_staff, bearer, make_token

WAIT_S = 10.0


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        seen.append(sql)

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def invalidation_after(cache: PrincipalCache, generation: int) -> None:
    """Returns once ``cache`` was emptied after ``generation`` (fails after WAIT_S)."""
    async with asyncio.timeout(WAIT_S), cache.invalidated:
        await cache.invalidated.wait_for(lambda: cache.generation > generation)


async def test_a_cached_list_request_is_one_statement(
    client: httpx.AsyncClient, app: Any, db: Database, shop: dict[str, int]
) -> None:
    cache: PrincipalCache = app.state.principal_cache
    async with asyncio.timeout(WAIT_S):
        await cache.connected.wait()
    headers = bearer(await make_token(db, shop_ids=[shop["shop_id"]]))
    url = f"/v1/shops/{shop['shop_id']}/orders"
    assert (await client.get(url, headers=headers)).status_code == 200
    hits = cache.hits
    with statements(db) as seen:
        assert (await client.get(url, headers=headers)).status_code == 200
    assert cache.hits == hits + 1
    assert len(seen) == 1 and "json_agg" in seen[0], seen


async def test_revoked_through_the_orm_is_refused_by_the_next_request(
    client: httpx.AsyncClient, app: Any, db: Database, shop: dict[str, int]
) -> None:
    cache: PrincipalCache = app.state.principal_cache
    async with asyncio.timeout(WAIT_S):
        await cache.connected.wait()
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    url = f"/v1/shops/{shop['shop_id']}/orders"
    for _ in range(2):  # the second one is served from the cache
        assert (await client.get(url, headers=bearer(token))).status_code == 200
    async with db.transaction() as s:
        await s.execute(
            update(OAuthToken)
            .where(OAuthToken.access_token_hash == hash_secret(token))
            .values(revoked_at=text("now()"))
        )
    # No wait: the commit emptied this process's cache.
    assert (await client.get(url, headers=bearer(token))).status_code == 401


async def test_membership_removed_through_the_orm_hides_the_shop_at_once(
    client: httpx.AsyncClient, app: Any, db: Database, shop: dict[str, int]
) -> None:
    staff = await add_staff(db, shop_id=shop["shop_id"], role="viewer")
    token = await make_token(db, shop_ids=[shop["shop_id"]], account_id=staff)
    url = f"/v1/shops/{shop['shop_id']}/orders"
    for _ in range(2):
        assert (await client.get(url, headers=bearer(token))).status_code == 200
    async with db.transaction() as s:
        await s.execute(
            delete(ShopMember).where(
                ShopMember.shop_id == shop["shop_id"], ShopMember.account_id == staff
            )
        )
    assert (await client.get(url, headers=bearer(token))).status_code == 404


async def test_revoked_by_any_writer_is_refused_once_the_notify_arrives(
    client: httpx.AsyncClient, app: Any, db: Database, shop: dict[str, int]
) -> None:
    """Raw SQL (another process, an operator's psql): the trigger's NOTIFY empties the cache."""
    cache: PrincipalCache = app.state.principal_cache
    async with asyncio.timeout(WAIT_S):
        await cache.connected.wait()
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    url = f"/v1/shops/{shop['shop_id']}/orders"
    for _ in range(2):
        assert (await client.get(url, headers=bearer(token))).status_code == 200
    generation = cache.generation
    async with db.transaction() as s:
        await s.execute(
            text("UPDATE oauth_tokens SET revoked_at = now() WHERE access_token_hash = :h"),
            {"h": hash_secret(token)},
        )
    await invalidation_after(cache, generation)
    assert (await client.get(url, headers=bearer(token))).status_code == 401

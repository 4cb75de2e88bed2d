"""Bearer token -> Principal, cached per process for a few seconds, dropped on any rights change.

A list request then costs one statement for its page: the token, its app, account, grants and
memberships are read once (one query,
:func:`app.domain.access.principal.resolve_principal_until`) and reused for
``ORDERGATE_AUTH_CACHE_SECONDS`` (never past the token's own expiry).

Revocation is not waited out. Every change to who may do what (token revoked or expiry moved,
grant revoked, app deleted, membership or role changed, account disabled) fires a statement
trigger that ``NOTIFY ordergate_auth`` in the changing transaction (migration 0015), whoever
writes it; each process LISTENs and empties its cache when the change commits. The process
that commits such a change through the ORM empties its own cache synchronously at commit, so
its next request already sees it; other processes within the notification's delivery (well
under a millisecond on one host). While the LISTEN connection is down nothing is cached, so a
lost notification can never leave a revoked token usable. A lookup that started before an
invalidation does not store its (possibly stale) answer. On Citus nothing is cached: a write to a
reference table is a two-phase commit, which cannot carry a NOTIFY, so ``ordergate distribute``
drops those triggers.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from app.config import plain_database_url
from app.domain.access.principal import MAX_TOKEN_LENGTH, Principal, resolve_principal_until
from app.domain.access.secrets import ACCESS_PREFIX, hash_secret
from app.kit.clock import utcnow
from app.logging import get_logger
from app.models import Account, OAuthClient, OAuthGrant, OAuthToken, ShopMember

log = get_logger(__name__)

CHANNEL = "ordergate_auth"
MAX_ENTRIES = 10_000
RIGHTS_MODELS = (OAuthToken, OAuthGrant, OAuthClient, ShopMember, Account)
_CHANGED = "ordergate_auth_changed"
_CITUS = "SELECT 1 FROM pg_extension WHERE extname = 'citus'"


class PrincipalCache:
    def __init__(self, database_url: str, ttl_seconds: float) -> None:
        self.dsn = plain_database_url(database_url)
        self.ttl = ttl_seconds
        self.generation = 0  # bumped by every invalidation
        self.hits = 0
        self.connected = asyncio.Event()
        self.invalidated = asyncio.Condition()
        self._entries: dict[str, tuple[Principal, float]] = {}
        # Lookups under way, per token: concurrent requests of one token share one (parked
        # long-polls all check their credentials again after a rights change).
        self._pending: dict[str, asyncio.Future[Principal]] = {}
        # Called on every invalidation (parked requests re-check their credentials).
        self._on_change: list[Callable[[], None]] = []
        self._task: asyncio.Task[None] | None = None
        _CACHES.add(self)

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever rights may have changed (the cache was emptied)."""
        self._on_change.append(callback)

    async def resolve(self, session: AsyncSession, token: str | None) -> Principal:
        """The token's principal (401 like :func:`resolve_principal` when it is not live)."""
        cacheable = (
            self.ttl > 0
            and self.connected.is_set()
            and token is not None
            and token.startswith(ACCESS_PREFIX)
            and len(token) <= MAX_TOKEN_LENGTH
        )
        key = hash_secret(token) if cacheable and token else ""
        now = time.monotonic()
        hit = self._entries.get(key) if cacheable else None
        if hit is not None and hit[1] > now:
            self.hits += 1
            return hit[0]
        if not cacheable:
            return (await resolve_principal_until(session, token))[0]
        pending = self._pending.get(key)
        if pending is not None:
            with contextlib.suppress(_Abandoned):
                return await asyncio.shield(pending)
        mine = self._pending[key] = asyncio.get_running_loop().create_future()
        mine.add_done_callback(_retrieved)
        generation = self.generation
        try:
            principal, expires_at = await resolve_principal_until(session, token)
        except Exception as exc:
            mine.set_exception(exc)  # the same answer for whoever waited on this lookup
            raise
        except BaseException:
            mine.set_exception(_Abandoned())  # cancelled: the others look up for themselves
            raise
        finally:
            if self._pending.get(key) is mine:
                del self._pending[key]
        mine.set_result(principal)
        if generation == self.generation and self.connected.is_set():
            self._store(key, principal, now + min(self.ttl, _seconds_until(expires_at)))
        return principal

    def _store(self, key: str, principal: Principal, until: float) -> None:
        if len(self._entries) >= MAX_ENTRIES:
            now = time.monotonic()
            self._entries = {k: v for k, v in self._entries.items() if v[1] > now}
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
        self._entries[key] = (principal, until)

    def invalidate(self) -> None:
        self.generation += 1
        self._entries.clear()
        self._pending.clear()  # a lookup started before this may answer stale rights
        for callback in self._on_change:
            callback()
        asyncio.get_running_loop().create_task(self._announce())

    async def _announce(self) -> None:
        async with self.invalidated:
            self.invalidated.notify_all()

    # -- the LISTEN connection --------------------------------------------------------------

    async def start(self) -> None:
        # Listening even when nothing is cached: parked long-polls hear revocations from it.
        self._task = asyncio.create_task(self._run(), name="ordergate-auth-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.connected.clear()
        self.invalidate()

    async def _run(self) -> None:
        backoff = 0.05
        while True:
            lost = asyncio.Event()
            conn: asyncpg.Connection | None = None
            try:
                conn = await asyncpg.connect(
                    self.dsn, server_settings={"application_name": "ordergate-auth-listener"}
                )
                if await conn.fetchval(_CITUS):
                    # Distributed (docs/scaling.md): the rights tables are reference tables
                    # without the NOTIFY triggers, so nothing is cached: every request reads.
                    log.info("auth_cache_off_on_citus")
                    return
                conn.add_termination_listener(lambda _c, ev=lost: ev.set())
                await conn.add_listener(CHANNEL, lambda *_: self.invalidate())
                self.invalidate()  # changes made while nobody listened
                self.connected.set()
                backoff = 0.05
                await lost.wait()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
                log.warning("auth_listener_lost", error=type(exc).__name__, retry_in=backoff)
            finally:
                self.connected.clear()
                self.invalidate()
                if conn is not None and not conn.is_closed():
                    conn.terminate()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)


class _Abandoned(Exception):
    """A shared lookup's owner was cancelled before it finished."""


def _retrieved(future: asyncio.Future[Principal]) -> None:
    # A failed lookup nobody else waited for is not an unhandled error.
    if not future.cancelled():
        future.exception()


def _seconds_until(instant: datetime) -> float:
    return max((instant - utcnow()).total_seconds(), 0.0)


@contextlib.asynccontextmanager
async def principal_cache(state: Any, database_url: str, ttl: float) -> AsyncIterator[None]:
    """This process's cache for the app's lifetime (``state.principal_cache``)."""
    cache = PrincipalCache(database_url, ttl)
    await cache.start()
    state.principal_cache = cache
    try:
        yield
    finally:
        await cache.stop()


# Every cache of this process (one per app; tests may hold several).
_CACHES: weakref.WeakSet[PrincipalCache] = weakref.WeakSet()


@event.listens_for(Session, "do_orm_execute")
def _statement(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete or state.is_insert) and _touches_rights(state):
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _flush: UOWTransaction) -> None:
    objects = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(o, RIGHTS_MODELS) for o in objects):
        session.info[_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    """A change to the rights tables committed through the ORM here: this process's caches
    forget at once (other processes hear the trigger's NOTIFY)."""
    if session.info.pop(_CHANGED, False):
        for cache in list(_CACHES):
            cache.invalidate()


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def _touches_rights(state: ORMExecuteState) -> bool:
    mapper = state.bind_mapper
    return mapper is not None and issubclass(mapper.class_, RIGHTS_MODELS)

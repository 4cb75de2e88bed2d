"""Engine, session factory and the request-scoped unit of work.

Services never commit: a request (or job) opens one transaction through :func:`unit_of_work`,
every write of that request — entity, change log, audit row, idempotency record — lands in it,
and it commits only when the handler succeeded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from sqlalchemy import Executable, Result, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_

from app.config import Settings, async_database_url
from app.errors import ServiceUnavailable

# PostgreSQL SQLSTATE classes and codes that mean "the server is not there right now", not
# "this statement is wrong": connection exceptions, too many connections, shutting down or
# starting up, crash recovery.
_UNAVAILABLE_SQLSTATE_CLASSES = ("08",)
_UNAVAILABLE_SQLSTATES = frozenset({"53300", "57P01", "57P02", "57P03"})
RETRY_AFTER_S = 2  # what a 503 from the database asks clients to wait


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def create_engine(settings: Settings, url: str, *, pool_size: int | None = None) -> AsyncEngine:
    engine = _create_engine(settings, url, pool_size=pool_size)
    event.listen(engine.sync_engine.pool, "checkout", _ping)
    return engine


def _ping(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """The pre-ping in one round trip: an empty statement outside any transaction block.

    A connection PostgreSQL closed (restart, terminated backend, idle timeout) is refused, so
    the pool replaces it before a request uses it: without waiting for a round trip when its
    socket already saw the EOF (asyncpg knows), else through the empty statement failing (a
    backend terminated a moment ago, its EOF not yet read; CI caught a 503 without it).
    SQLAlchemy's own ``pool_pre_ping`` costs three round trips (BEGIN, a query, ROLLBACK: it
    wraps the ping in a transaction for PgBouncer's sake), as many as a list request's own
    work."""
    driver = dbapi_connection.driver_connection
    if driver.is_closed():
        raise sa_exc.DisconnectionError("connection closed by the server")
    try:
        await_(driver.fetchrow(";"))  # as SQLAlchemy pings, minus its transaction
    except Exception as exc:  # whatever the failure, that connection cannot serve a request
        raise sa_exc.DisconnectionError(f"connection lost: {exc!r}") from exc


def _create_engine(settings: Settings, url: str, *, pool_size: int | None) -> AsyncEngine:
    return create_async_engine(
        async_database_url(url),
        pool_size=pool_size or settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # Pinged at checkout by :func:`_ping` (one round trip, not SQLAlchemy's three).
        pool_pre_ping=False,
        # Bounded: an exhausted pool answers 503 after this, not 500 after SQLAlchemy's 30 s.
        pool_timeout=settings.db_pool_timeout_seconds,
        # Exception texts (and so logs) never carry bound values: password hashes, tokens, PII.
        hide_parameters=True,
        json_serializer=_json_dumps,
        json_deserializer=orjson.loads,
        connect_args={
            "server_settings": {
                "application_name": "ordergate",
                # One stuck client must not hold the change-feed horizon for long.
                "statement_timeout": str(settings.db_statement_timeout_ms),
                "idle_in_transaction_session_timeout": str(
                    settings.db_idle_in_transaction_timeout_ms
                ),
                "timezone": "UTC",
            }
        },
    )


@dataclass
class Database:
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]

    @classmethod
    def connect(cls, settings: Settings, url: str) -> Database:
        engine = create_engine(settings, url)
        return cls(engine, async_sessionmaker(engine, expire_on_commit=False, autoflush=False))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: commits on success, rolls back on any exception."""
        async with self.sessionmaker() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def unit_of_work(request: Request) -> AsyncIterator[AsyncSession]:
    # scope="function" below: the commit happens before the response is sent, so a client
    # never sees a success that was not committed.
    async with get_database(request).transaction() as session:
        yield session


Session = Annotated[AsyncSession, Depends(unit_of_work, scope="function")]


async def execute_alone(session: AsyncSession, statement: Executable) -> Result[*tuple[Any, ...]]:
    """Execute ``statement``, a read that is the last of its unit of work: when the session
    has not touched the database yet, on a connection outside a transaction block (the one
    statement is its own transaction), which spares the BEGIN and COMMIT round trips of a
    list request; else inside the transaction already open, like any statement."""
    transaction = session.sync_session.get_transaction()
    options = {"isolation_level": "AUTOCOMMIT"}
    fresh = transaction is not None and not transaction._connections
    connection = await session.connection(execution_options=options if fresh else None)
    # On the connection (Core): a rendered page has no ORM entities to load.
    return await connection.execute(statement)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [current.__cause__, current.__context__, getattr(current, "orig", None)]


def _raised_by_driver(exc: BaseException) -> bool:
    """An OSError from inside asyncpg or SQLAlchemy is the connection's (refused, reset, no
    socket file); one from our own code (a missing export file) is not an outage."""
    tb = exc.__traceback__
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith(("asyncpg", "sqlalchemy")):
            return True
        tb = tb.tb_next
    return False


def is_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` means the database cannot be reached or used right now (the pool's
    wait ran out, the connection failed or was lost, the server is shutting down or starting):
    the request may succeed later and answers 503, never 500."""
    for cause in _causes(exc):
        if isinstance(cause, sa_exc.TimeoutError) or (
            isinstance(cause, OSError) and _raised_by_driver(cause)
        ):
            return True
        if isinstance(cause, sa_exc.DBAPIError) and cause.connection_invalidated:
            return True
        sqlstate = getattr(cause, "sqlstate", None)
        if isinstance(sqlstate, str) and (
            sqlstate in _UNAVAILABLE_SQLSTATES or sqlstate.startswith(_UNAVAILABLE_SQLSTATE_CLASSES)
        ):
            return True
    return False


def database_unavailable() -> ServiceUnavailable:
    """The 503 every route answers while the database cannot serve it."""
    error = ServiceUnavailable("The database is unavailable or overloaded; retry shortly.")
    error.headers["Retry-After"] = str(RETRY_AFTER_S)
    return error

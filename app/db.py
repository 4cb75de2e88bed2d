"""Engine, session factory and the request-scoped unit of work.

Services never commit: a request (or job) opens one transaction through :func:`unit_of_work`,
every write of that request — entity, change log, audit row, idempotency record — lands in it,
and it commits only when the handler succeeded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.config import Settings, async_database_url


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def create_engine(settings: Settings, url: str, *, pool_size: int | None = None) -> AsyncEngine:
    return create_async_engine(
        async_database_url(url),
        pool_size=pool_size or settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
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
        session.info["request"] = request
        yield session


Session = Annotated[AsyncSession, Depends(unit_of_work, scope="function")]

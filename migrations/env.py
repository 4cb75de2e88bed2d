"""Alembic environment: async (asyncpg) engine, URL from the caller or DATABASE_URL."""

from __future__ import annotations

import asyncio
import os
import warnings
from typing import Any

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import async_database_url
from app.models import Base
from app.models.base import XID8

# SQLAlchemy does not know xid8 when reflecting; the column is typed in the models.
warnings.filterwarnings("ignore", message="Did not recognize type .xid8.")

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url")
    url = url or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("Set DATABASE_URL (or run `ordergate migrate`, which starts embedded PG)")
    return async_database_url(str(url))


def _compare_type(
    ctx: Any, inspected: Any, metadata: Any, inspected_type: Any, metadata_type: Any
) -> bool | None:
    # PostgreSQL reflects xid8 as an unknown type; the column is correct by construction.
    if isinstance(metadata_type, XID8):
        return False
    return None


# Indexes migrations create only where the server has the extension they need (pg_trgm):
# present or absent, the models match (see app/models/orders.py).
OPTIONAL_INDEXES = frozenset({"ix_orders_buyer_note_trgm", "ix_orders_merchant_remark_trgm"})


def _include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (type_ == "index" and reflected and name in OPTIONAL_INDEXES)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=_compare_type,
        include_object=_include_object,
        compare_server_default=False,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_configure)
    await engine.dispose()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    asyncio.run(_run_async(_url()))


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()

"""Wake-ups for the worker jobs (webhooks, exports): a LISTEN connection that sets an event on
a notification. Each job's connection carries its own ``application_name``, so
``pg_stat_activity`` (and an operator terminating one) tells them apart.

Notifications only shorten the wait; the jobs also re-check on a short timer, so a lost
connection or notification delays work by at most that timer.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from app.config import plain_database_url
from app.logging import get_logger

log = get_logger(__name__)

APPLICATION_NAME = "ordergate-webhook-listener"  # the webhook jobs' connections


async def listen(
    database_url: str,
    channels: Sequence[str],
    wake: asyncio.Event,
    stop: asyncio.Event,
    *,
    application_name: str,
) -> None:
    """Set ``wake`` on every notification on ``channels`` until ``stop``; reconnects. The
    connection is named ``application_name`` (required: each job names its own)."""

    def notified(*_: Any) -> None:
        wake.set()

    backoff = 0.5
    while not stop.is_set():
        conn: Any = None
        lost = asyncio.Event()
        try:
            conn = await asyncpg.connect(
                plain_database_url(database_url),
                server_settings={"application_name": application_name},
            )
            # asyncpg raises nothing when an idle connection dies: it tells this listener.
            conn.add_termination_listener(lambda _conn, ev=lost: ev.set())
            for channel in channels:
                await conn.add_listener(channel, notified)
            backoff = 0.5
            wake.set()  # anything sent while disconnected
            await _first_set(stop, lost)
            if not stop.is_set():
                raise ConnectionResetError("the LISTEN connection was closed")
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
            log.warning("listener_lost", application_name=application_name, error=str(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), backoff)
            backoff = min(backoff * 2, 5.0)
        finally:
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close(timeout=2)


async def _first_set(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()

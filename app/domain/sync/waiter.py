"""Long-poll plumbing: one LISTEN connection per process wakes the parked requests of a shop.

Writers ``NOTIFY ordergate_changes, '<shop_id>'`` inside their transaction, so a notification
arrives only after a commit. Waiters hold no database connection: they await an
``asyncio.Event`` per shop, replaced on every notification (a broadcast generation), and re-read
the feed when it fires or when their re-check timeout passes. The same connection probes the
horizon lag every ``tick`` seconds for /metrics; losing it wakes everyone (notifications may have
been missed) and a reconnect loop with backoff brings it back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from app.config import plain_database_url
from app.domain.sync.change_log import NOTIFY_CHANNEL
from app.domain.sync.horizon import HORIZON_LAG_SQL
from app.domain.sync.metrics import (
    HORIZON_LAG_MS,
    LISTENER_CONNECTED,
    NOTIFICATIONS,
    PARKED_REQUESTS,
)
from app.logging import get_logger

log = get_logger(__name__)


class ChangeListener:
    def __init__(self, dsn: str, *, tick: float = 1.0, max_backoff: float = 5.0) -> None:
        self.dsn = dsn
        self.tick = tick
        self.max_backoff = max_backoff
        self.connected = asyncio.Event()
        self.horizon_lag_ms = 0
        self.backend_pid: int | None = None
        self.parked = 0
        self._events: dict[int, asyncio.Event] = {}
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        # Set when the server starts shutting down: parked requests answer at once.
        self.draining = False

    # -- waiters -------------------------------------------------------------------------

    def subscribe(self, shop_id: int) -> asyncio.Event:
        """The event the next notification for ``shop_id`` sets. Take it *before* reading the
        feed, so a commit landing between the read and the wait still wakes the waiter."""
        event = self._events.get(shop_id)
        if event is None:
            event = self._events[shop_id] = asyncio.Event()
        return event

    async def wait(self, event: asyncio.Event, seconds: float) -> bool:
        """True if woken by a notification, False when ``seconds`` passed."""
        PARKED_REQUESTS.inc()
        self.parked += 1
        try:
            async with asyncio.timeout(seconds):
                await event.wait()
            return True
        except TimeoutError:
            return False
        finally:
            self.parked -= 1
            PARKED_REQUESTS.dec()

    def notify(self, shop_id: int) -> None:
        event = self._events.pop(shop_id, None)
        if event is not None:
            event.set()

    def drain(self) -> None:
        """The server is stopping: wake every parked request, and park no new one, so each
        answers its (empty) page now instead of being cut off when the shutdown grace ends."""
        self.draining = True
        self.wake_all()

    def wake_all(self) -> None:
        events, self._events = self._events, {}
        for event in events.values():
            event.set()

    # -- connection ----------------------------------------------------------------------

    async def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="ordergate-change-listener")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.wake_all()

    def _on_notification(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        NOTIFICATIONS.inc()
        try:
            shop_id = int(payload)
        except ValueError:
            return
        self.notify(shop_id)

    async def _run(self) -> None:
        backoff = 0.05
        while not self._stopping.is_set():
            lost = asyncio.Event()
            conn: asyncpg.Connection | None = None
            try:
                conn = await asyncpg.connect(
                    self.dsn, server_settings={"application_name": "ordergate-listener"}
                )
                conn.add_termination_listener(lambda _c, ev=lost: ev.set())
                await conn.add_listener(NOTIFY_CHANNEL, self._on_notification)
                self.backend_pid = conn.get_server_pid()
                self.connected.set()
                LISTENER_CONNECTED.set(1)
                backoff = 0.05
                # Notifications sent while we were away are gone: everyone re-checks.
                self.wake_all()
                while not lost.is_set():
                    self.horizon_lag_ms = int(await conn.fetchval(HORIZON_LAG_SQL, timeout=5))
                    HORIZON_LAG_MS.set(self.horizon_lag_ms)
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self.tick):
                            await lost.wait()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
                log.warning("change_listener_lost", error=type(exc).__name__, retry_in=backoff)
            finally:
                self.connected.clear()
                LISTENER_CONNECTED.set(0)
                self.wake_all()
                if conn is not None and not conn.is_closed():
                    conn.terminate()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(backoff):
                    await self._stopping.wait()
            backoff = min(backoff * 2, self.max_backoff)


@contextlib.asynccontextmanager
async def change_listener(state: Any, database_url: str) -> AsyncIterator[ChangeListener]:
    """This process's LISTEN connection for the app's lifetime (``state.change_listener``)."""
    listener = ChangeListener(plain_database_url(database_url))
    await listener.start()
    state.change_listener = listener
    try:
        yield listener
    finally:
        await listener.stop()

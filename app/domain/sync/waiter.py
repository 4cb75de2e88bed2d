"""Long-poll plumbing: one LISTEN connection per process is the clock of every parked request.

Writers ``NOTIFY ordergate_changes, '<shop_id>'`` inside their transaction, so a notification
arrives only after a commit; it wakes that shop's parked requests (:mod:`parking`). Waiters hold
no database connection and never re-read on their own: the same connection probes the horizon
(``pg_snapshot_xmin``) — often while some shop has committed changes held back behind an older
transaction (on every notification, else with a short backoff), once a second otherwise (the
horizon lag for /metrics) — and wakes, once, each shop whose held-back change became visible.
Losing the connection wakes everyone (notifications may have been missed) and a reconnect loop
with backoff brings it back. The database work is one probe per tick, whatever the number of
parked requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from app.config import plain_database_url
from app.domain.sync.change_log import NOTIFY_CHANNEL
from app.domain.sync.horizon import HORIZON_LAG_SQL, HORIZON_SQL
from app.domain.sync.metrics import (
    HORIZON_LAG_MS,
    LISTENER_CONNECTED,
    NOTIFICATIONS,
    PARKED_REQUESTS,
)
from app.domain.sync.parking import Batch, Parking
from app.logging import get_logger

log = get_logger(__name__)

_XMIN_SQL = f"SELECT {HORIZON_SQL}::text, NULL::bigint"
_XMIN_AND_LAG_SQL = f"SELECT {HORIZON_SQL}::text, ({HORIZON_LAG_SQL})"
# While shops wait for held-back changes, probe the horizon this soon, doubling to the cap
# (notifications — commits — probe at once).
HELD_PROBE_MIN_S = 0.005
HELD_PROBE_MAX_S = 0.1


class ChangeListener:
    def __init__(self, dsn: str, *, tick: float = 1.0, max_backoff: float = 5.0) -> None:
        self.dsn = dsn
        self.tick = tick
        self.max_backoff = max_backoff
        self.connected = asyncio.Event()
        self.horizon_lag_ms = 0
        # The longest lag measured since someone set it to 0 (tests bound wake-up latency by it).
        self.horizon_lag_peak_ms = 0
        self._lag_measured = False  # since the connection was last (re)made
        self.backend_pid: int | None = None
        self.parked = 0
        # Horizon probes this process ran (tests and benchmarks count them).
        self.probes = 0
        self.parking = Parking()
        self._poke = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        # Set when the server starts shutting down: parked requests answer at once.
        self.draining = False

    def kept_lag(self) -> int | None:
        """The horizon lag measured by this connection's last tick (at most ``tick`` old), or
        None while it is not connected (readers then measure it themselves)."""
        return self.horizon_lag_ms if self._lag_measured and self.connected.is_set() else None

    @property
    def running(self) -> bool:
        """The clock runs: parked requests will be woken (else they re-check on a timer)."""
        return self._task is not None

    # -- waiters -------------------------------------------------------------------------

    def subscribe(self, shop_id: int) -> Batch:
        """The batch the next wake-up of ``shop_id`` wakes. Take it *before* reading the feed,
        so a commit landing between the read and the wait still wakes the waiter."""
        return self.parking.batch(shop_id)

    def hold(self, shop_id: int, xid: int) -> None:
        """Wake ``shop_id`` once the horizon passes ``xid`` (a committed, held-back change)."""
        self.parking.hold(shop_id, xid)
        self._poke.set()

    async def wait(self, batch: Batch, seconds: float) -> bool:
        """True if woken, False when ``seconds`` passed."""
        PARKED_REQUESTS.inc()
        self.parked += 1
        try:
            async with asyncio.timeout(seconds):
                await batch.woken.wait()
            return True
        except TimeoutError:
            return False
        finally:
            self.parked -= 1
            PARKED_REQUESTS.dec()

    def notify(self, shop_id: int) -> None:
        self.parking.wake(shop_id)

    def rights_changed(self) -> None:
        """Who may read what changed somewhere (the auth cache was emptied): parked requests
        check their credentials again."""
        self.parking.rights_changed()

    def drain(self) -> None:
        """The server is stopping: wake every parked request, and park no new one, so each
        answers its (empty) page now instead of being cut off when the shutdown grace ends."""
        self.draining = True
        self.wake_all()

    def wake_all(self) -> None:
        self.parking.wake_all()

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
        if self.parking.holding:
            self._poke.set()  # a commit may have moved the horizon past held-back changes

    async def _run(self) -> None:
        backoff = 0.05
        while not self._stopping.is_set():
            lost = asyncio.Event()
            conn: asyncpg.Connection | None = None
            try:
                conn = await asyncpg.connect(
                    self.dsn, server_settings={"application_name": "ordergate-listener"}
                )
                conn.add_termination_listener(lambda _c, ev=lost: self._lost(ev))
                await conn.add_listener(NOTIFY_CHANNEL, self._on_notification)
                self.backend_pid = conn.get_server_pid()
                self.connected.set()
                LISTENER_CONNECTED.set(1)
                backoff = 0.05
                # Notifications sent while we were away are gone: everyone re-checks.
                self.wake_all()
                await self._clock(conn, lost)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
                log.warning("change_listener_lost", error=type(exc).__name__, retry_in=backoff)
            except Exception:
                # Parked requests have no other clock: never let the loop die.
                log.exception("change_listener_failed", retry_in=backoff)
            finally:
                self.connected.clear()
                self._lag_measured = False
                LISTENER_CONNECTED.set(0)
                self.wake_all()
                if conn is not None and not conn.is_closed():
                    conn.terminate()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(backoff):
                    await self._stopping.wait()
            backoff = min(backoff * 2, self.max_backoff)

    def _lost(self, lost: asyncio.Event) -> None:
        lost.set()
        self._poke.set()

    async def _clock(self, conn: asyncpg.Connection, lost: asyncio.Event) -> None:
        """Probe the horizon until the connection is lost: wake the shops whose held-back
        changes it passed, and publish the lag once per ``tick``."""
        lag_due = 0.0
        backoff = HELD_PROBE_MIN_S
        while not lost.is_set():
            self._poke.clear()
            now = time.monotonic()
            with_lag = now >= lag_due
            xmin, lag = await conn.fetchrow(_XMIN_AND_LAG_SQL if with_lag else _XMIN_SQL, timeout=5)
            self.probes += 1
            if with_lag:
                lag_due = now + self.tick
                self.horizon_lag_ms = int(lag)
                self.horizon_lag_peak_ms = max(self.horizon_lag_peak_ms, self.horizon_lag_ms)
                self._lag_measured = True
                HORIZON_LAG_MS.set(self.horizon_lag_ms)
            if self.parking.visible(int(xmin)):
                backoff = HELD_PROBE_MIN_S
            if self.parking.holding:
                timeout, backoff = backoff, min(backoff * 2, HELD_PROBE_MAX_S)
            else:
                timeout, backoff = max(0.0, lag_due - time.monotonic()), HELD_PROBE_MIN_S
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._poke.wait()  # a poke, or the connection lost (pokes too)


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

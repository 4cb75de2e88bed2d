"""Parked long-polls, grouped per shop: who wakes when, and one shared read per wake-up.

A parked request costs an entry in its shop's current :class:`Batch` and an awaited future —
no database connection, no timer of its own beyond its deadline, no periodic re-read. A batch
is woken as a whole (a notification for the shop, the horizon passing the shop's held-back
rows, or a lost listener connection) and its members then share one read of the shop's new
rows, each cutting its own page from it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from app.domain.sync.cursor import FeedPosition
from app.domain.sync.feed import Rows

Fetch = Callable[[FeedPosition, int], Awaitable[Rows]]

# How long a batch keeps the shared read that preceded it: its members' next polls come
# within milliseconds of their answers; past that the memory is not worth it.
PRIOR_KEEP_S = 1.0


class Batch:
    """One generation of a shop's parked requests."""

    __slots__ = ("_limit", "_low", "_read", "prior", "successor", "woken")

    def __init__(self) -> None:
        self.woken = asyncio.Event()
        # Set when the batch was woken because rights changed, not the feed: its members check
        # their credentials and park again in this batch, which already took their place (a
        # commit landing meanwhile wakes it, so none is missed).
        self.successor: Batch | None = None
        self._low: FeedPosition | None = None
        self._limit = 0
        self._read: asyncio.Future[Rows] | None = None
        # A read of the shop's rows (all types) that started after this batch took its place:
        # a request parking here may cut its first page from it instead of reading, since any
        # commit that read does not show wakes this batch. Kept while the batch waits when it
        # found nothing (a few hundred bytes: the next poll after a wait ran out reads
        # nothing), else for PRIOR_KEEP_S.
        self.prior: Rows | None = None

    def join(self, position: FeedPosition, limit: int) -> None:
        """A member parks at ``position`` wanting up to ``limit`` rows."""
        if self._low is None or position < self._low:
            self._low = position
        self._limit = max(self._limit, limit)

    async def shared(self, fetch: Fetch, then: Batch) -> Rows:
        """The batch's one read after waking: from the lowest member position, as many rows
        as the largest member limit. The first member to ask starts it; it runs to the end
        even if that member goes away (a client disconnect cancels only its own wait).
        ``then`` is the shop's batch now (taken before this call): it keeps the read as its
        :attr:`prior`."""
        if self._read is None:
            assert self._low is not None, "join() before shared()"
            self._read = asyncio.ensure_future(fetch(self._low, self._limit))
            self._read.add_done_callback(then._kept)
        return await asyncio.shield(self._read)

    def keep(self, rows: Rows) -> None:
        """``rows`` were read (without a type filter) after this batch took its place."""
        if self.woken.is_set():
            return
        self.prior = rows
        if rows.rows:
            asyncio.get_running_loop().call_later(PRIOR_KEEP_S, self._forget, rows)

    def _kept(self, read: asyncio.Future[Rows]) -> None:
        if not read.cancelled() and read.exception() is None:
            self.keep(read.result())

    def _forget(self, rows: Rows) -> None:
        if self.prior is rows:
            self.prior = None


class Parking:
    """The batches of this process, per shop, and the shops waiting for the horizon."""

    def __init__(self) -> None:
        self._batches: dict[int, Batch] = {}
        # shop -> xid of its oldest committed change still behind the horizon.
        self._held: dict[int, int] = {}
        # Batches woken so far (each costs one shared read): tests and benchmarks count them.
        self.wakeups = 0

    def batch(self, shop_id: int) -> Batch:
        """The batch the next wake-up of ``shop_id`` wakes. Take it *before* reading the feed,
        so a commit landing between the read and the wait still wakes the request."""
        batch = self._batches.get(shop_id)
        if batch is None:
            batch = self._batches[shop_id] = Batch()
        return batch

    def hold(self, shop_id: int, xid: int) -> None:
        """``shop_id`` has a committed change at ``xid`` behind the horizon: wake it when the
        horizon passes it."""
        known = self._held.get(shop_id)
        if known is None or xid < known:
            self._held[shop_id] = xid

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def wake(self, shop_id: int) -> None:
        # Its members read again and report what is still held back.
        self._held.pop(shop_id, None)
        batch = self._batches.pop(shop_id, None)
        if batch is not None:
            self.wakeups += 1
            batch.woken.set()

    def visible(self, xmin: int) -> int:
        """The horizon is now ``xmin``: wake the shops whose held change is below it. Returns
        how many shops were woken."""
        passed = [shop for shop, xid in self._held.items() if xid < xmin]
        for shop_id in passed:
            self.wake(shop_id)
        return len(passed)

    def rights_changed(self) -> None:
        """Someone's rights changed: every member checks its credentials again (a revoked one
        ends), without reading the feed. Each batch is replaced by its successor at once."""
        for shop_id, batch in list(self._batches.items()):
            batch.successor = self._batches[shop_id] = Batch()
            batch.woken.set()

    def wake_all(self) -> None:
        batches, self._batches = self._batches, {}
        self._held.clear()
        self.wakeups += len(batches)
        for batch in batches.values():
            batch.woken.set()

"""Feed use cases behind REST and GraphQL: read a page (optionally long-polling), head, status."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import text

from app.db import Database, is_unavailable
from app.domain.sync.cursor import START, Cursor, CursorCodec
from app.domain.sync.feed import FeedPage, FeedReader, Rows, page_of
from app.domain.sync.parking import Batch
from app.domain.sync.schemas import Change, ChangePage, OldestChange, SyncStatus
from app.domain.sync.waiter import ChangeListener
from app.kit.clock import rfc3339

HEAD = "now"
# Without a running listener (tools, tests of the service alone) a parked request re-checks on
# this timer; in the server the listener wakes it.
RECHECK_S = 1.0

_STATUS_SQL = text(
    """
SELECT
    (SELECT count(*) FROM change_log
     WHERE shop_id = :shop_id AND created_at > now() - interval '1 minute') AS last_minute,
    oldest.id AS oldest_id, oldest.created_at AS oldest_at, oldest.xid::text AS oldest_xid,
    (SELECT pruned_id = 0 FROM feed_state WHERE id = 1) AS never_pruned
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (
    SELECT id, created_at, xid FROM change_log WHERE shop_id = :shop_id
    ORDER BY xid, id LIMIT 1
) AS oldest ON true
"""
)


@dataclass(frozen=True)
class PageRequest:
    shop_id: int
    cursor: Cursor | None
    limit: int
    types: Sequence[str] | None
    wait: float
    pii: bool
    # data as orjson.Fragment (pre-serialised) for callers that only re-serialise it (REST).
    raw_json: bool = False
    # Checks, when rights changed while the request was parked, that its credentials still
    # hold (raising the error a new request would get) and says whether it may read PII now.
    credentials: Callable[[], Awaitable[bool]] | None = None


class FeedService:
    def __init__(
        self, db: Database, codec: CursorCodec, listener: ChangeListener | None = None
    ) -> None:
        self.db = db
        self.codec = codec
        self.reader = FeedReader(db, listener.kept_lag if listener else None)
        self.listener = listener
        # No listener (tools, tests of the service alone): parked requests re-check on a timer.
        self._timer = ChangeListener("")

    @property
    def draining(self) -> bool:
        """The server is shutting down: polls no longer park."""
        return self.listener is not None and self.listener.draining

    def parse_cursor(self, token: str | None, shop_id: int) -> Cursor | None:
        return self.codec.decode(token, shop_id=shop_id) if token else None

    async def head_page(self, shop_id: int) -> ChangePage:
        head = await self.reader.head(shop_id)
        return self._body([], head.cursor, False, head.horizon_lag_ms, not head.held_back)

    async def page(self, req: PageRequest) -> tuple[ChangePage, list[tuple[int, int]]]:
        """The page's body, and the (shop_id, order_id) whose receivers it shows in clear
        (for the caller's ``pii.read`` audit row)."""
        page = await self.poll(req)
        body = self._body(
            page.changes, page.cursor, page.has_more, page.horizon_lag_ms, page.caught_up
        )
        return body, page.receivers_shown

    async def poll(self, req: PageRequest) -> FeedPage:
        """Read once; with ``wait`` > 0 and nothing new, park (no DB connection held, no
        re-read of its own) until the listener wakes the shop — a commit, held-back changes
        passing the horizon, a lost connection — or ``wait`` seconds are over. Requests of a
        shop woken together share one read."""
        if req.wait <= 0:
            return await self._read(req, req.cursor)  # a short poll: one read, nothing else
        loop = asyncio.get_running_loop()
        deadline = loop.time() + req.wait
        listener = self.listener or self._timer
        batch = listener.subscribe(req.shop_id)  # before the read: no commit falls in between
        # Nothing new since the shop's last shared read (this batch was in place before it
        # began, so a later commit wakes it): park without reading. Pages with changes are
        # read afresh, so that caught_up speaks of this request's moment.
        page = self._cut(batch.prior, req, req.cursor)
        if page is None or page.changes:
            page = await self._read(req, req.cursor, keep_in=batch)
        while True:
            remaining = deadline - loop.time()
            if page.changes or remaining <= 0 or listener.draining:
                return page
            if page.held_xid is not None:
                listener.hold(req.shop_id, page.held_xid)
            batch.join(page.cursor.position, req.limit)
            woken = await listener.wait(
                batch, remaining if listener.running else min(RECHECK_S, remaining)
            )
            if woken and batch.successor is not None:
                # Rights changed, not the feed: the page stands, the credentials must too.
                if req.credentials is not None:
                    req = replace(req, pii=await req.credentials())
                batch = batch.successor
                continue
            if not woken and listener.running:
                return page  # nothing came: the empty page (and its cursor) stands
            parked, woken_batch = page, batch
            batch = listener.subscribe(req.shop_id)
            try:
                if woken:
                    page = await self._after_wake(woken_batch, batch, req, parked.cursor)
                else:
                    page = await self._read(req, parked.cursor)
            except Exception as exc:
                # The database went away while this request was parked: answer the empty page
                # (same cursor) it already had, so the client simply polls again.
                if not is_unavailable(exc):
                    raise
                return parked

    async def _after_wake(
        self, batch: Batch, then: Batch, req: PageRequest, cursor: Cursor
    ) -> FeedPage:
        """This request's page from its batch's shared read, or its own read when the shared
        one cannot serve it (it started after this cursor or stopped before its page ends)."""
        rows = await batch.shared(
            lambda start, limit: self.reader.fetch(req.shop_id, start, limit), then
        )
        return self._cut(rows, req, cursor) or await self._read(req, cursor)

    def _cut(self, rows: Rows | None, req: PageRequest, cursor: Cursor | None) -> FeedPage | None:
        if rows is None:
            return None
        return page_of(
            rows, cursor, limit=req.limit, types=req.types, pii=req.pii, raw_json=req.raw_json
        )

    async def _read(
        self, req: PageRequest, cursor: Cursor | None, keep_in: Batch | None = None
    ) -> FeedPage:
        """This request's own read; ``keep_in``: a batch taken before it, which keeps the
        rows for the next request (only unfiltered reads: a filtered one does not show every
        row)."""
        rows = await self.reader.fetch(
            req.shop_id, cursor.position if cursor else START, req.limit, req.types
        )
        if keep_in is not None and not req.types:
            keep_in.keep(rows)
        page = self._cut(rows, req, cursor)
        assert page is not None  # a read cut at its own start and limit always serves it
        return page

    async def status(self, shop_id: int) -> SyncStatus:
        head = await self.reader.head(shop_id)
        async with self.db.engine.connect() as conn:
            row = (await conn.execute(_STATUS_SQL, {"shop_id": shop_id})).one()
        oldest: OldestChange | None = None
        if row.oldest_id is not None:
            oldest = {"id": row.oldest_id, "created_at": rfc3339(row.oldest_at) or ""}
        listener = self.listener
        return {
            "shop_id": shop_id,
            "head_cursor": self.codec.encode(head.cursor),
            "epoch": head.cursor.epoch,
            "oldest_retained_change": oldest,
            "horizon_lag_ms": head.horizon_lag_ms,
            "changes_last_minute": row.last_minute,
            # Retention never removed anything: following the feed from the beginning is a
            # complete snapshot (what `ordergate mirror` uses when it can).
            "feed_complete": bool(row.never_pruned),
            "listener_connected": bool(listener and listener.connected.is_set()),
        }

    def _body(
        self,
        changes: list[Change],
        cursor: Cursor,
        has_more: bool,
        lag_ms: int,
        caught_up: bool,
    ) -> ChangePage:
        return {
            "data": changes,
            "next_cursor": self.codec.encode(cursor),
            "has_more": has_more,
            "horizon_lag_ms": lag_ms,
            # Nothing committed before this read is still to come after next_cursor: a
            # reader that has applied this page is up to date as of the request.
            "caught_up": caught_up,
        }

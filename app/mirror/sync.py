"""Snapshot + feed = mirror.

1. Take the head cursor (``?cursor=now``) *before* copying anything.
2. Copy every order, after-sale and dispute: from the feed's beginning when the feed is still
   complete (``sync-status.feed_complete``: retention never removed anything), else through
   the list API (keyset pages); if neither is possible, the feed from the start of retention.
3. Follow the feed from the head cursor with long-poll, applying each change by
   (entity, entity_id, entity_version) without ever regressing a version, and storing the cursor
   in the same local transaction as the rows.
Changes made during the copy appear both in the copy and after the head cursor; versions make
applying them twice harmless.

With ``parallel`` > 1 the feed copy is cut into slices (``GET /changes/bulk/slices``) streamed
at once, each ``GET /changes/bulk?cursor=&until=``; their batches are stored one at a time
(one local writer), and the plan's ``next_cursor`` is stored with the last write, once every
slice is in: following starts exactly where the slices end.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson

from app.mirror.client import ApiClient, ResyncRequired
from app.mirror.store import MirrorState, MirrorStore, Record

LISTS = (("order", "orders"), ("after_sale", "after-sales"), ("dispute", "disputes"))
BULK_BATCH = 5000  # lines per local transaction during the bulk copy
BULK_AHEAD = 3  # batches read ahead of the one being written
BULK_ATTEMPTS = 3


class IncompleteStream(Exception):
    """The bulk stream ended without its trailer line."""


@dataclass(frozen=True)
class Progress:
    phase: str
    applied: int
    lag_seconds: float | None
    cursor: str | None


class Mirror:
    def __init__(
        self,
        api: ApiClient,
        store: MirrorStore,
        shop_id: int,
        *,
        wait: int = 30,
        page_size: int = 1000,
        list_page_size: int = 100,
        on_progress: Callable[[Progress], None] | None = None,
        snapshot: str = "auto",
        bulk: bool = True,
        parallel: int = 1,
    ) -> None:
        self.api = api
        self.store = store
        self.shop_id = shop_id
        self.wait = wait
        self.page_size = page_size
        self.list_page_size = list_page_size
        self.on_progress = on_progress or (lambda _p: None)
        self.base = f"/v1/shops/{shop_id}"
        self.snapshot = snapshot  # auto | list | feed
        self.bulk = bulk  # copy the feed through GET /changes/bulk (else page by page)
        self.parallel = max(1, parallel)  # slices of the bulk stream copied at once
        self.applied = 0
        self._store_lock = asyncio.Lock()  # one local write at a time, whatever the streams

    async def run(self, *, until_caught_up: bool = False) -> None:
        """Mirror forever; with ``until_caught_up``, return once the server reports a page
        ``caught_up``: every change committed before that read is stored."""
        force = False
        while True:
            try:
                state = await self.store.load_state(self.shop_id)
                if state.phase in ("new", "snapshot"):
                    await self._snapshot(state, force=force)
                    state = await self.store.load_state(self.shop_id)
                force = False
                if await self._follow(state, until_caught_up=until_caught_up):
                    return
            except ResyncRequired:
                # Start over, overwriting rows: after a feed reset, versions may have gone back.
                await self.store.apply(self.shop_id, [], MirrorState(phase="new"))
                force = True

    async def _snapshot(self, state: MirrorState, *, force: bool) -> None:
        if state.phase == "new":
            head = await self.api.get(f"{self.base}/changes", {"cursor": "now"})
            state = MirrorState(phase="snapshot", cursor=head.json()["next_cursor"])
            if await self._copy_through_feed():
                # After a feed reset (force) rows must be overwritten whatever their version:
                # the paged feed does that one page at a time, not a stream of every version.
                if self.bulk and not force and await self._bulk_copy():
                    return
                state = MirrorState(phase="follow", cursor=None)  # the whole feed instead
            await self.store.apply(self.shop_id, [], state)
            if state.phase == "follow":
                return
        while state.list_index < len(LISTS):
            entity, path = LISTS[state.list_index]
            params: dict[str, Any] = {"limit": self.list_page_size}
            if state.list_cursor:
                params["cursor"] = state.list_cursor

            def next_list_page(body: dict[str, Any]) -> dict[str, Any] | None:
                if not (body.get("has_more") and body.get("next_cursor")):
                    return None
                return {"limit": self.list_page_size, "cursor": body["next_cursor"]}

            async for body in self._pages(f"{self.base}/{path}", params, next_list_page):
                records = [Record(entity, d["id"], d["version"], d) for d in body["data"]]
                if next_list_page(body) is not None:
                    state.list_cursor = body["next_cursor"]
                else:
                    state.list_index, state.list_cursor = state.list_index + 1, None
                if state.list_index == len(LISTS):
                    state.phase = "follow"
                await self.store.apply(self.shop_id, records, state, force=force)
                self.applied += len(records)
                self.on_progress(Progress("snapshot", self.applied, None, state.cursor))

    async def _bulk_copy(self) -> bool:
        """The whole feed in one NDJSON stream (``GET /changes/bulk``), stored in batches while
        the next one is read. Until the last batch the stored state stays ``new``: a crash
        starts the copy again (re-applying is harmless); the last batch stores the trailer's
        cursor with ``follow``. False when the server has no bulk stream."""
        if self.parallel > 1:
            plan = await self.api.get(f"{self.base}/changes/bulk/slices", {"slices": self.parallel})
            if plan.is_success:
                return await self._sliced_copy(plan.json())
        return await self._with_retries({}, final=True)

    async def _sliced_copy(self, plan: dict[str, Any]) -> bool:
        """Every slice of the plan at once; then the plan's cursor, stored with ``follow``."""
        async with asyncio.TaskGroup() as group:  # a slice that raises cancels the others
            tasks = [
                group.create_task(self._with_retries(_slice_params(part), final=False))
                for part in plan["data"]
            ]
        if not all(task.result() for task in tasks):
            return False
        state = MirrorState(phase="follow", cursor=plan["next_cursor"])
        async with self._store_lock:
            await self.store.apply_lines(self.shop_id, [], state)
        self.on_progress(Progress("snapshot", self.applied, None, plan["next_cursor"]))
        return True

    async def _with_retries(self, params: dict[str, Any], *, final: bool) -> bool:
        for attempt in range(BULK_ATTEMPTS):
            try:
                return await self._bulk_copy_once(params, final=final)
            except (httpx.TransportError, IncompleteStream):
                await asyncio.sleep(min(0.5 * 2**attempt, 10.0))
        return False  # keeps failing: the paged feed goes page by page

    async def _bulk_copy_once(self, params: dict[str, Any], *, final: bool) -> bool:
        """One stream into the store; ``final``: its last batch stores the trailer's cursor
        with ``follow`` (else every batch keeps the state ``new``)."""
        async with self.api.stream(f"{self.base}/changes/bulk", params) as response:
            if not response.is_success:
                return False
            # Batches are written one after the other while reading goes on, up to
            # BULK_AHEAD batches ahead: the server keeps streaming while SQLite is busy.
            writes: list[asyncio.Task[None]] = []
            batch: list[bytes] = []
            rest = b""
            received = 0

            async def store(lines: list[bytes], state: MirrorState) -> None:
                nonlocal received
                previous = writes[-1] if writes else None
                if len(writes) >= BULK_AHEAD:
                    await writes.pop(0)
                received += len(lines)
                self.applied += len(lines)
                writes.append(asyncio.create_task(self._write_after(previous, lines, state)))

            try:
                async for chunk in response.aiter_bytes():
                    lines = chunk.split(b"\n")
                    lines[0] = rest + lines[0]  # only the line cut by the chunk is joined
                    rest = lines.pop()
                    batch += lines
                    while len(batch) > BULK_BATCH:  # the last line stays: it may be the trailer
                        await store(batch[:BULK_BATCH], MirrorState(phase="new"))
                        batch = batch[BULK_BATCH:]
                trailer = orjson.loads(batch.pop()) if batch and not rest else {}
                if "next_cursor" not in trailer or trailer["count"] != received + len(batch):
                    raise IncompleteStream
                last = MirrorState(phase="follow", cursor=trailer["next_cursor"])
                await store(batch, last if final else MirrorState(phase="new"))
                for write in writes:
                    await write
            finally:
                # A broken stream or a cancel must not leave a batch being written: the retry
                # (or the caller) would start another transaction on the same store meanwhile.
                if unfinished := {w for w in writes if not w.done()}:
                    await asyncio.wait(unfinished)
                for write in writes:  # one failure fails the later batches: report it once
                    if not write.cancelled():
                        write.exception()
            self.on_progress(Progress("snapshot", self.applied, None, trailer["next_cursor"]))
            return True

    async def _write_after(
        self, previous: asyncio.Task[None] | None, lines: list[bytes], state: MirrorState
    ) -> None:
        if previous is not None:
            await previous  # in order; a failed batch fails every later one
        async with self._store_lock:
            await self.store.apply_lines(self.shop_id, lines, state)

    async def _copy_through_feed(self) -> bool:
        """Feed from the beginning when it is complete (1,000 ready-made rows per page) or when
        the list API is not available to this token; else keyset pages of the list API."""
        if self.snapshot == "feed":
            return True
        if self.snapshot == "auto":
            status = await self.api.get(f"{self.base}/sync-status", {})
            if status.is_success and status.json().get("feed_complete"):
                return True
        return not await self._lists_available()

    async def _lists_available(self) -> bool:
        for _entity, path in LISTS:
            r = await self.api.get(f"{self.base}/{path}", {"limit": 1})
            if not r.is_success or not isinstance(r.json().get("data"), list):
                return False
        return True

    async def _follow(self, state: MirrorState, *, until_caught_up: bool) -> bool:
        def params_after(cursor: str | None, wait: float) -> dict[str, Any]:
            params: dict[str, Any] = {"limit": self.page_size, "wait": wait}
            if cursor:
                params["cursor"] = cursor
            return params

        def next_feed_page(body: dict[str, Any]) -> dict[str, Any] | None:
            if not until_caught_up:
                return params_after(body["next_cursor"], self.wait)
            if body["caught_up"]:
                # Every change committed before that read is applied with this page.
                return None
            # Pages still flowing: ask again at once; changes held behind the horizon by an
            # older transaction: long-poll until they pass it.
            return params_after(body["next_cursor"], 0 if body["data"] else self.wait)

        first_wait = 0 if until_caught_up else self.wait
        async for body in self._pages(
            f"{self.base}/changes",
            params_after(state.cursor, first_wait),
            next_feed_page,
            self.wait + 30,
        ):
            changes = body["data"]
            state.cursor = body["next_cursor"]
            records = [
                Record(c["entity"], c["entity_id"], c["entity_version"], c["data"]) for c in changes
            ]
            await self.store.apply(self.shop_id, records, state)
            self.applied += len(records)
            lag = _lag(changes[-1]["created_at"]) if changes else None
            self.on_progress(Progress("follow", self.applied, lag, state.cursor))
        return True

    async def _pages(
        self,
        path: str,
        params: dict[str, Any],
        next_params: Callable[[dict[str, Any]], dict[str, Any] | None],
        read_timeout: float = 30.0,
    ) -> AsyncIterator[dict[str, Any]]:
        """Response bodies, page k+1 already requested while the caller stores page k."""

        async def fetch(p: dict[str, Any]) -> dict[str, Any]:
            response = await self.api.get(path, p, read_timeout=read_timeout)
            body: dict[str, Any] = orjson.loads(response.content)
            return body

        def request(p: dict[str, Any]) -> asyncio.Task[dict[str, Any]]:
            return asyncio.create_task(fetch(p))

        task: asyncio.Task[dict[str, Any]] | None = request(params)
        try:
            while task is not None:
                body = await task
                following = next_params(body)
                task = request(following) if following is not None else None
                yield body
        finally:
            if task is not None:
                task.cancel()


def _slice_params(part: dict[str, Any]) -> dict[str, Any]:
    params = {"until": part["until"]}
    if part["cursor"]:
        params["cursor"] = part["cursor"]
    return params


def _lag(created_at: str) -> float:
    at = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    return max((datetime.now(UTC) - at).total_seconds(), 0.0)

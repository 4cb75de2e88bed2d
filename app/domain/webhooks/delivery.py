"""Delivery workers: claim due deliveries, POST them signed, record every attempt.

Claims use ``FOR UPDATE SKIP LOCKED`` and a lease (``locked_until``): several workers (and
processes) never send the same row at the same time, and a worker killed mid-delivery leaves a
lease that expires, after which another worker sends the row again with the same
``webhook-id`` (at-least-once). At most ``per_endpoint`` requests per endpoint are in flight in
one process, and claims skip endpoints at that cap, so a slow receiver only slows itself.

Throughput: one claim statement takes up to ``CLAIM_BATCH`` rows, the requests go out at once
over kept-alive connections (``http1.Sender``), and successes are recorded in group commits
(one INSERT of attempts and one UPDATE of deliveries per group).

Order: deliveries of one entity to one endpoint are sent one at a time and in change order. A
row is claimable only when no earlier pending delivery of the same entity to the same endpoint
exists (in flight, waiting for a retry, or not due yet): a receiver never sees version 3 of an
order before version 2, and a failing version holds the later ones of that entity back until
it is delivered or given up. Other entities and other endpoints are not held.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.domain.sync.cursor import CursorCodec
from app.domain.webhooks.http1 import Sender, SendError
from app.domain.webhooks.payload import change_body, ping_body, report_body
from app.domain.webhooks.retry import DISABLE_AFTER_SECONDS, RetrySchedule
from app.domain.webhooks.secret_box import SecretBox
from app.domain.webhooks.signing import sign_headers
from app.domain.webhooks.sql import not_receiving, receives_sql
from app.domain.webhooks.urls import AddressRefused, Resolver, resolve
from app.kit.clock import utcnow
from app.logging import get_logger

log = get_logger(__name__)

TIMEOUT_SECONDS = 10.0
USER_AGENT = "OrderGate-Webhooks/1"
CLAIM_COALESCE_SECONDS = 0.01
CLAIM_BATCH = 100  # rows per claim statement

_CLAIM = text(
    f"""
WITH room AS (
    SELECT e.id AS endpoint_id,
           :per_endpoint - coalesce((CAST(:inflight_counts AS int[]))[
               array_position(CAST(:inflight_ids AS bigint[]), e.id)], 0) AS free
    FROM webhook_endpoints e
    WHERE e.enabled AND e.deleted_at IS NULL
      AND (CAST(:only AS bigint[]) IS NULL OR e.id = ANY(CAST(:only AS bigint[])))
), fair AS (
    -- Each endpoint's oldest due rows, at most its free slots: one short index probe per
    -- endpoint, whatever the backlog, and a slow endpoint's backlog never hides another's rows.
    SELECT d.id, d.next_attempt_at FROM room CROSS JOIN LATERAL (
        SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
        WHERE d.endpoint_id = room.endpoint_id AND d.status = 'pending'
          AND d.next_attempt_at <= now()
          AND (d.locked_until IS NULL OR d.locked_until < now())
          -- One entity's deliveries to an endpoint: one at a time, in change order.
          AND (d.entity IS NULL OR NOT EXISTS (
              SELECT 1 FROM webhook_deliveries p
              WHERE p.endpoint_id = d.endpoint_id AND p.status = 'pending'
                AND p.entity = d.entity AND p.entity_id = d.entity_id
                AND (p.change_id, p.id) < (d.change_id, d.id)))
        ORDER BY d.next_attempt_at, d.id
        LIMIT greatest(room.free, 0)
    ) d
), pick AS (
    SELECT d.id FROM webhook_deliveries d
    WHERE d.id IN (SELECT id FROM fair ORDER BY next_attempt_at, id LIMIT :n)
      AND d.status = 'pending' AND (d.locked_until IS NULL OR d.locked_until < now())
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE webhook_deliveries d
    SET locked_until = now() + make_interval(secs => :lease), attempts = d.attempts + 1
    FROM pick WHERE d.id = pick.id
    RETURNING d.id, d.endpoint_id, d.shop_id, d.change_id, d.event_type, d.webhook_id,
              d.attempts, d.created_at
)
SELECT cl.id, cl.endpoint_id, cl.shop_id, cl.change_id, cl.event_type, cl.webhook_id,
       cl.attempts, cl.created_at,
       e.url, e.secret_encrypted, e.previous_secret_encrypted, e.previous_secret_expires_at,
       fs.epoch, c.xid::text AS xid, c.entity, c.entity_id, c.entity_version,
       c.created_at AS change_created_at, c.data, (c.id IS NOT NULL) AS change_found,
       r.data AS report_data, r.created_at AS report_created_at,
       -- Send time: the app may have been uninstalled since the fan-out queued it.
       {receives_sql("cl.shop_id")} AS receives
FROM claimed cl
JOIN webhook_endpoints e ON e.id = cl.endpoint_id
CROSS JOIN feed_state fs
LEFT JOIN change_log c ON c.shop_id = cl.shop_id AND c.id = cl.change_id AND cl.change_id > 0
-- A negative change_id is a scheduled report (report_events.id = -change_id).
LEFT JOIN report_events r ON cl.change_id < 0 AND r.id = -cl.change_id
WHERE fs.id = 1
"""
)

_NEXT_DUE = text(
    "SELECT EXTRACT(EPOCH FROM min(next_attempt_at) - now()) FROM webhook_deliveries "
    "WHERE status = 'pending' AND next_attempt_at > now() AND (CAST(:only AS bigint[]) IS NULL "
    "OR endpoint_id = ANY(CAST(:only AS bigint[])))"
)

_ATTEMPT = text(
    "INSERT INTO webhook_attempts "
    "(shop_id, delivery_id, latency_ms, status_code, response_excerpt, error) "
    "VALUES (:shop_id, :id, :latency_ms, :status_code, :excerpt, :error)"
)
_RETRY = text(
    "UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => :delay), "
    "locked_until = NULL, last_status_code = :status_code, last_error = :error "
    "WHERE id = :id AND status = 'pending'"
)
_GIVE_UP = text(
    "UPDATE webhook_deliveries SET status = :status, locked_until = NULL, "
    "last_status_code = :status_code, last_error = :error WHERE id = :id AND status = 'pending'"
)
# Successful attempts are recorded in groups (one transaction for every success that finished
# while the previous group was committing): at hundreds of deliveries per second a transaction
# per success is what limits a worker.
_ATTEMPTS_OK = text(
    "INSERT INTO webhook_attempts (shop_id, delivery_id, latency_ms, status_code, "
    "response_excerpt) SELECT * FROM unnest(CAST(:shops AS bigint[]), CAST(:ids AS bigint[]), "
    "CAST(:latency AS int[]), CAST(:codes AS int[]), CAST(:excerpts AS text[]))"
)
_DELIVERED_MANY = text(
    "UPDATE webhook_deliveries d SET status = 'delivered', delivered_at = now(), "
    "locked_until = NULL, last_status_code = t.code, last_error = NULL "
    "FROM unnest(CAST(:ids AS bigint[]), CAST(:codes AS int[])) AS t(id, code) "
    "WHERE d.id = t.id AND d.status = 'pending'"
)
_ENDPOINTS_OK = text(
    "UPDATE webhook_endpoints SET failing_since = NULL "
    "WHERE id = ANY(CAST(:endpoint_ids AS bigint[])) AND failing_since IS NOT NULL"
)
_ENDPOINT_FAILING = text(
    "UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()) "
    "WHERE id = :endpoint_id RETURNING failing_since"
)
_DISABLE = text(
    "UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason, "
    "updated_at = now(), version = version + 1 WHERE id = :endpoint_id AND enabled"
)


@dataclass(frozen=True)
class Claimed:
    id: int
    endpoint_id: int
    webhook_id: str
    attempts: int
    url: str
    secrets: list[str]
    body: bytes | None  # None: the change left the log (retention) before it was sent
    shop_id: int = 0
    # False: the endpoint may no longer receive this shop's data (see webhooks/sql.py).
    receives: bool = True


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    latency_ms: int
    excerpt: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        only_endpoints: frozenset[int] | None = None,
        resolver: Resolver = resolve,
    ) -> None:
        self.db = db
        self.schedule = RetrySchedule.parse(settings.webhook_retry_schedule)
        self.lease_seconds = settings.webhook_lease_seconds
        self.per_endpoint = max(1, settings.webhook_concurrency_per_endpoint)
        self.capacity = max(1, settings.webhook_concurrency)
        self.box = SecretBox(settings.secret_key or "")
        self.codec = CursorCodec(settings.secret_key or "")
        # Kept-alive connections per origin, never following redirects (a 3xx is a failed
        # attempt), connecting only to addresses the SSRF rule allows (checked per connection).
        self.sender = Sender(
            settings,
            idle_per_origin=self.per_endpoint,
            timeout=TIMEOUT_SECONDS,
            resolver=resolver,
            user_agent=USER_AGENT,
        )
        self._secrets: dict[str, str] = {}  # sealed -> plain (Fernet costs ~50 µs a row)
        # Tests and sharded deployments restrict a worker to some endpoints.
        self.only_endpoints = only_endpoints
        self._inflight: dict[int, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._slot_freed = asyncio.Event()
        self._ok_queue: list[tuple[Claimed, Outcome, asyncio.Future[None]]] = []
        self._ok_flusher: asyncio.Task[None] | None = None

    # -- claiming ----------------------------------------------------------------------

    async def claim(self, n: int) -> list[Claimed]:
        inflight = sorted(self._inflight.items())
        params = {
            "inflight_ids": [e for e, _ in inflight],
            "inflight_counts": [c for _, c in inflight],
            "only": sorted(self.only_endpoints) if self.only_endpoints is not None else None,
            "per_endpoint": self.per_endpoint,
            "n": n,
            "lease": self.lease_seconds,
        }
        async with self.db.transaction() as session:
            rows = (await session.execute(_CLAIM, params)).all()
        return [self._prepare(row) for row in rows]

    def _open(self, sealed: str) -> str:
        plain = self._secrets.get(sealed)
        if plain is None:
            if len(self._secrets) > 10_000:
                self._secrets.clear()
            plain = self._secrets[sealed] = self.box.open(sealed)
        return plain

    def _prepare(self, row: Any) -> Claimed:
        secrets = [self._open(row.secret_encrypted)]
        expires: datetime | None = row.previous_secret_expires_at
        if row.previous_secret_encrypted and expires is not None and expires > utcnow():
            secrets.append(self._open(row.previous_secret_encrypted))
        body: bytes | None
        if row.change_id == 0:
            body = ping_body(
                webhook_id=row.webhook_id,
                shop_id=row.shop_id,
                endpoint_id=row.endpoint_id,
                created_at=row.created_at,
            )
        elif row.change_id < 0:
            body = (
                report_body(
                    webhook_id=row.webhook_id,
                    event_type=row.event_type,
                    shop_id=row.shop_id,
                    created_at=row.report_created_at,
                    data=row.report_data,
                )
                if row.report_data is not None
                else None
            )
        elif not row.change_found:
            body = None
        else:
            body = change_body(
                self.codec,
                webhook_id=row.webhook_id,
                event_type=row.event_type,
                shop_id=row.shop_id,
                epoch=row.epoch,
                xid=int(row.xid),
                change_id=row.change_id,
                entity=row.entity,
                entity_id=row.entity_id,
                entity_version=row.entity_version,
                created_at=row.change_created_at,
                data=row.data,
            )
        return Claimed(
            row.id,
            row.endpoint_id,
            row.webhook_id,
            row.attempts,
            row.url,
            secrets,
            body,
            shop_id=row.shop_id,
            receives=bool(row.receives),
        )

    # -- sending -----------------------------------------------------------------------

    async def send(self, job: Claimed) -> Outcome:
        assert job.body is not None
        headers = sign_headers(job.secrets, job.webhook_id, job.body)
        headers["content-type"] = "application/json"
        loop = asyncio.get_running_loop()
        started = loop.time()
        status: int | None = None
        excerpt: str | None = None
        error: str | None = None
        try:
            answer = await self.sender.post(job.url, job.body, headers)
            status, excerpt = answer.status, answer.excerpt
        except (AddressRefused, SendError) as exc:  # SSRF (rebinding), or no complete answer
            error = str(exc)[:1000]
        latency = int((loop.time() - started) * 1000)
        return Outcome(status, latency, excerpt, error)

    async def record(self, job: Claimed, outcome: Outcome) -> None:
        if outcome.ok:
            await self._record_ok(job, outcome)
            return
        ids = {"id": job.id, "endpoint_id": job.endpoint_id}
        async with self.db.transaction() as s:
            await s.execute(
                _ATTEMPT,
                {
                    "shop_id": job.shop_id,
                    "id": job.id,
                    "latency_ms": outcome.latency_ms,
                    "status_code": outcome.status_code,
                    "excerpt": outcome.excerpt,
                    "error": outcome.error,
                },
            )
            error = outcome.error or f"HTTP {outcome.status_code}"
            if outcome.status_code == 410:
                reason = "The endpoint answered 410 Gone; it was disabled."
                await s.execute(
                    _GIVE_UP,
                    {**ids, "status": "failed", "status_code": 410, "error": error},
                )
                await s.execute(_DISABLE, {**ids, "reason": reason})
                return
            delay = self.schedule.delay_after(job.attempts)
            if delay is None:
                await s.execute(
                    _GIVE_UP,
                    {
                        **ids,
                        "status": "failed",
                        "status_code": outcome.status_code,
                        "error": error,
                    },
                )
            else:
                await s.execute(
                    _RETRY,
                    {**ids, "delay": delay, "status_code": outcome.status_code, "error": error},
                )
            failing_since = (await s.execute(_ENDPOINT_FAILING, ids)).scalar_one_or_none()
            if failing_since is not None and utcnow() - failing_since > timedelta(
                seconds=DISABLE_AFTER_SECONDS
            ):
                reason = (
                    f"Every delivery failed since {failing_since.isoformat()} (5 days); "
                    f"last error: {error}"
                )
                await s.execute(_DISABLE, {**ids, "reason": reason})
        self._slot_freed.set()  # a later delivery of the same entity may be claimable now

    async def _record_ok(self, job: Claimed, outcome: Outcome) -> None:
        """Returns once the success is committed (with others that finished meanwhile)."""
        done = asyncio.get_running_loop().create_future()
        self._ok_queue.append((job, outcome, done))
        if self._ok_flusher is None or self._ok_flusher.done():
            self._ok_flusher = asyncio.create_task(self._flush_ok())
        await done

    async def _flush_ok(self) -> None:
        while self._ok_queue:
            group, self._ok_queue = self._ok_queue, []
            jobs = [job for job, _, _ in group]
            codes = [outcome.status_code for _, outcome, _ in group]
            try:
                async with self.db.transaction() as s:
                    await s.execute(
                        _ATTEMPTS_OK,
                        {
                            "shops": [job.shop_id for job in jobs],
                            "ids": [job.id for job in jobs],
                            "latency": [outcome.latency_ms for _, outcome, _ in group],
                            "codes": codes,
                            "excerpts": [outcome.excerpt for _, outcome, _ in group],
                        },
                    )
                    await s.execute(
                        _DELIVERED_MANY, {"ids": [job.id for job in jobs], "codes": codes}
                    )
                    endpoint_ids = sorted({job.endpoint_id for job in jobs})
                    await s.execute(_ENDPOINTS_OK, {"endpoint_ids": endpoint_ids})
            except Exception as exc:  # each caller logs it; the leases expire and rows retry
                for _, _, done in group:
                    done.set_exception(exc)
            else:
                for _, _, done in group:
                    done.set_result(None)
                # Later deliveries of these entities are claimable now: claim without waiting.
                self._slot_freed.set()

    async def _cancel(self, job: Claimed, error: str) -> None:
        async with self.db.transaction() as s:
            await s.execute(
                _GIVE_UP, {"id": job.id, "status": "cancelled", "status_code": None, "error": error}
            )

    async def process(self, job: Claimed, *, sent: Callable[[], None] | None = None) -> None:
        """Send and record one delivery; ``sent`` is called once the receiver has answered."""
        if not job.receives:
            await self._cancel(job, not_receiving(job.shop_id))
            return
        if job.body is None:
            await self._cancel(job, "The change left the log (retention) before it was delivered.")
            return
        outcome = await self.send(job)
        if sent is not None:
            sent()
        await self.record(job, outcome)
        log.debug(
            "webhook_attempt",
            delivery_id=job.id,
            endpoint_id=job.endpoint_id,
            status_code=outcome.status_code,
            latency_ms=outcome.latency_ms,
        )

    # -- the loop ----------------------------------------------------------------------

    async def run_once(self) -> int:
        """Claim and send what is due now (waits for the sends); returns how many."""
        jobs = await self.claim(min(self.capacity, CLAIM_BATCH))
        await asyncio.gather(*(self.process(j) for j in jobs))
        return len(jobs)

    def _start(self, job: Claimed) -> None:
        self._inflight[job.endpoint_id] = self._inflight.get(job.endpoint_id, 0) + 1
        released = False

        def release() -> None:
            # The per-endpoint cap bounds requests to the receiver: the slot is free as soon
            # as it has answered, while the attempt is still being recorded.
            nonlocal released
            if released:
                return
            released = True
            left = self._inflight[job.endpoint_id] - 1
            if left:
                self._inflight[job.endpoint_id] = left
            else:
                del self._inflight[job.endpoint_id]
            self._slot_freed.set()

        async def run() -> None:
            try:
                await self.process(job, sent=release)
            except Exception:  # the lease expires and the row is retried
                log.exception("webhook_delivery_error", delivery_id=job.id)
            finally:
                release()
                self._slot_freed.set()

        task = asyncio.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _idle_seconds(self, poll: float) -> float:
        only = sorted(self.only_endpoints) if self.only_endpoints is not None else None
        async with self.db.engine.connect() as conn:
            due_in = (await conn.execute(_NEXT_DUE, {"only": only})).scalar_one_or_none()
        if due_in is None:
            return poll
        return max(0.01, min(poll, float(due_in)))

    async def run_forever(
        self, stop: asyncio.Event, wake: asyncio.Event, *, poll_seconds: float = 1.0
    ) -> None:
        try:
            while not stop.is_set():
                # Cleared before claiming: a wake-up during the claim is not lost.
                self._slot_freed.clear()
                wake.clear()
                free = self.capacity - len(self._tasks)
                claimed = await self.claim(min(free, CLAIM_BATCH)) if free > 0 else []
                for job in claimed:
                    self._start(job)
                if claimed:
                    # Full, or endpoints at their cap: a finished send sets _slot_freed.
                    wait = poll_seconds
                else:
                    # Nothing more claimable now: sleep until the next scheduled retry.
                    wait = await self._idle_seconds(poll_seconds)
                await _first(stop, wake, self._slot_freed, seconds=wait)
                if self._tasks and not stop.is_set():
                    # Sends still in flight will free more slots within milliseconds: one claim
                    # for several of them.
                    await asyncio.sleep(CLAIM_COALESCE_SECONDS)
        finally:
            if self._tasks:
                await asyncio.wait(set(self._tasks), timeout=TIMEOUT_SECONDS + 1)
            await self.sender.aclose()


async def _first(*events: asyncio.Event, seconds: float) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*waiters, return_exceptions=True)

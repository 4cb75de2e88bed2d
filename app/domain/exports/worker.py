"""The export worker: claim a job with ``FOR UPDATE SKIP LOCKED`` and a lease, write the file,
heartbeat the lease with progress, finish or retry. A worker killed mid-job leaves a lease
that expires; the next claim reruns the job (attempt + 1) into a fresh staging file."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.domain.exports.service import query_for
from app.domain.exports.storage import ExportStorage, default_storage
from app.domain.exports.writers import Written, write_csv, write_xlsx
from app.kit.clock import utcnow
from app.logging import get_logger
from app.pg_copy import driver_connection

log = get_logger(__name__)

# A due job: queued and not leased, or running with an expired lease (its worker died).
_DUE = """
    c.attempts < :max_attempts
    AND ((c.status = 'queued' AND (c.locked_until IS NULL OR c.locked_until < now()))
         OR (c.status = 'running' AND c.locked_until < now()))
"""
# The claim is two steps so that each statement stays within what Citus runs (docs/scaling.md):
# a plain read of the oldest due jobs across shops, then a claim of one of them, pinned to its
# shop (a single-shard statement; FOR UPDATE SKIP LOCKED across shards is not supported). Two
# workers reading the same candidate: the loser's SKIP LOCKED finds nothing, it tries the next.
_CANDIDATES = text(
    f"""
    SELECT c.shop_id, c.id FROM export_jobs c
    WHERE {_DUE}
      AND (CAST(:shops AS bigint[]) IS NULL OR c.shop_id = ANY(CAST(:shops AS bigint[])))
    ORDER BY c.created_at, c.id
    LIMIT :n
    """
)
_CLAIM = text(
    f"""
    WITH candidate AS (
        SELECT c.shop_id, c.id FROM export_jobs c
        WHERE c.shop_id = :shop_id AND c.id = :id AND {_DUE}
        FOR UPDATE OF c SKIP LOCKED
    )
    UPDATE export_jobs j
    SET status = 'running', attempts = j.attempts + 1,
        locked_until = now() + make_interval(secs => :lease),
        -- The clock as a parameter: Citus refuses now() inside COALESCE and CASE.
        started_at = coalesce(j.started_at, CAST(:now AS timestamptz))
    FROM candidate
    WHERE j.shop_id = :shop_id AND j.id = :id
      AND j.shop_id = candidate.shop_id AND j.id = candidate.id
    RETURNING j.shop_id, j.id, j.attempts, j.format, j.params
    """
)
_CANDIDATES_PER_CLAIM = 8
_OWNED = "shop_id = :shop_id AND id = :id AND status = 'running' AND attempts = :attempt"


class JobLost(Exception):
    """The job was cancelled, or its lease expired and another worker took it."""


@dataclass(frozen=True)
class ClaimedJob:
    shop_id: int
    id: int
    attempt: int
    format: str
    params: dict[str, Any]

    @property
    def key(self) -> str:
        return self.key_of(self.attempt)

    def key_of(self, attempt: int) -> str:
        return f"{self.shop_id}/{self.id}-{attempt}.{self.format}"

    def ids(self) -> dict[str, int]:
        return {"shop_id": self.shop_id, "id": self.id, "attempt": self.attempt}


@dataclass
class ExportWorker:
    db: Database
    storage: ExportStorage
    ttl_days: int
    lease_seconds: float = 60.0
    heartbeat_seconds: float = 5.0
    max_attempts: int = 3
    statement_timeout_ms: int = 30 * 60 * 1000
    # Only these shops' jobs (sharding workers by shop; tests use it to stay isolated).
    shop_ids: frozenset[int] | None = None

    async def claim(self) -> ClaimedJob | None:
        due = {"max_attempts": self.max_attempts}
        shops = sorted(self.shop_ids) if self.shop_ids is not None else None
        async with self.db.transaction() as s:
            candidates = (
                await s.execute(_CANDIDATES, {**due, "shops": shops, "n": _CANDIDATES_PER_CLAIM})
            ).all()
        lease = {**due, "lease": self.lease_seconds}
        for shop_id, job_id in candidates:
            job = {"shop_id": shop_id, "id": job_id, "now": utcnow()}
            async with self.db.transaction() as s:
                row = (await s.execute(_CLAIM, {**lease, **job})).one_or_none()
            if row is not None:
                return ClaimedJob(int(row[0]), int(row[1]), int(row[2]), str(row[3]), dict(row[4]))
        return None

    async def run_once(self) -> bool:
        """Claim and run one job; False when nothing was due."""
        job = await self.claim()
        if job is None:
            return False
        await self.run(job)
        return True

    async def run(self, job: ClaimedJob) -> None:
        path = self.storage.staging_path(job.key)
        try:
            written = await self._write(job, path)
        except JobLost:
            log.info("export_lost", shop_id=job.shop_id, export_id=job.id)
            self.storage.delete(job.key)
            return
        except Exception as exc:  # any failure of this attempt: retry or fail, never crash
            log.warning("export_failed", shop_id=job.shop_id, export_id=job.id, error=str(exc))
            self.storage.delete(job.key)
            await self._failed(job, f"{type(exc).__name__}: {exc}")
            return
        self.storage.commit(job.key)
        if not await self._finish(job, written):
            self.storage.delete(job.key)  # cancelled at the last moment
            return
        for earlier in range(1, job.attempt):  # staging left by crashed attempts
            self.storage.delete(job.key_of(earlier))

    async def _write(self, job: ClaimedJob, path: Path) -> Written:
        q = query_for(job.shop_id, job.params)
        last_beat = time.monotonic()

        async def progress(rows: int) -> None:
            nonlocal last_beat
            if time.monotonic() - last_beat >= self.heartbeat_seconds:
                last_beat = time.monotonic()
                await self._beat(job, rows_done=rows)

        async with driver_connection(self.db) as apg, apg.transaction():
            # Exports are long by nature; the pool's short statement timeout is for requests.
            await apg.execute(f"SET LOCAL statement_timeout = {int(self.statement_timeout_ms)}")
            # The count reads the matching keys only (no column is rendered): cheap next to
            # the COPY, and it gives progress a total.
            total = await apg.fetchval(q.count_sql, *q.count_args)
            await self._beat(job, rows_done=0, rows_total=int(total))
            if job.format == "xlsx":
                return await write_xlsx(apg, q, path, progress=progress)
            return await write_csv(apg, q, path, bom=bool(job.params["bom"]), progress=progress)

    async def _beat(
        self, job: ClaimedJob, *, rows_done: int, rows_total: int | None = None
    ) -> None:
        async with self.db.transaction() as s:
            owned = await s.scalar(
                text(
                    "UPDATE export_jobs SET rows_done = :rows, "
                    "rows_total = coalesce(:total, rows_total), "
                    f"locked_until = now() + make_interval(secs => :lease) WHERE {_OWNED} "
                    "RETURNING 1"
                ),
                {**job.ids(), "rows": rows_done, "total": rows_total, "lease": self.lease_seconds},
            )
        if owned is None:
            raise JobLost

    async def _finish(self, job: ClaimedJob, written: Written) -> bool:
        async with self.db.transaction() as s:
            done = await s.scalar(
                text(
                    "UPDATE export_jobs SET status = 'succeeded', rows_done = :rows, "
                    "rows_total = :rows, size_bytes = :size, sha256 = :sha, storage_key = :key, "
                    "error = NULL, locked_until = NULL, finished_at = now(), "
                    f"expires_at = now() + make_interval(days => :ttl) WHERE {_OWNED} RETURNING 1"
                ),
                {
                    **job.ids(),
                    "rows": written.rows,
                    "size": written.size_bytes,
                    "sha": written.sha256,
                    "key": job.key,
                    "ttl": self.ttl_days,
                },
            )
        return done is not None

    async def _failed(self, job: ClaimedJob, error: str) -> None:
        """Retry later (backoff by attempt) while attempts remain, else fail for good."""
        now = utcnow()
        async with self.db.transaction() as s:
            await s.execute(
                text(
                    "UPDATE export_jobs SET error = :error, "
                    "status = CASE WHEN attempts < :max THEN 'queued' ELSE 'failed' END, "
                    # Times as parameters: Citus refuses now() (and timestamptz arithmetic)
                    # inside CASE. attempts = job.attempt here (_OWNED).
                    "locked_until = CASE WHEN attempts < :max "
                    "THEN CAST(:retry_at AS timestamptz) END, "
                    "finished_at = CASE WHEN attempts < :max THEN NULL "
                    "ELSE CAST(:now AS timestamptz) END "
                    f"WHERE {_OWNED}"
                ),
                {
                    **job.ids(),
                    "error": error[:2000],
                    "max": self.max_attempts,
                    "now": now,
                    "retry_at": now + timedelta(seconds=10 * job.attempt),
                },
            )

    async def sweep(self) -> int:
        """Expire files past their TTL and give up on jobs whose workers died too often."""
        async with self.db.transaction() as s:
            keys = (
                (
                    await s.execute(
                        text(
                            "UPDATE export_jobs SET status = 'expired' "
                            "WHERE status = 'succeeded' AND expires_at <= now() "
                            "RETURNING storage_key"
                        )
                    )
                )
                .scalars()
                .all()
            )
            await s.execute(
                text(
                    "UPDATE export_jobs SET status = 'failed', finished_at = now(), "
                    "locked_until = NULL, error = coalesce(error, 'worker lost') "
                    "WHERE status = 'running' AND locked_until < now() AND attempts >= :max"
                ),
                {"max": self.max_attempts},
            )
        for key in keys:
            if key:
                self.storage.delete(key)
        return len(keys)

    async def run_forever(
        self, stop: asyncio.Event, *, idle_seconds: float = 1.0, wake: asyncio.Event | None = None
    ) -> None:
        """Work until ``stop`` is set; sweep when idle. ``wake`` (set on a job's NOTIFY)
        cuts the idle wait short."""
        wake = wake or asyncio.Event()
        while not stop.is_set():
            wake.clear()  # a job queued from here on is seen by the next claim
            try:
                if await self.run_once():
                    continue
                await self.sweep()
            except Exception:  # keep the loop alive across DB hiccups
                log.exception("export_worker_error")
            await _first_of(stop, wake, seconds=idle_seconds)


async def _first_of(*events: asyncio.Event, seconds: float) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def export_worker(db: Database, settings: Settings) -> ExportWorker:
    """The worker as configured (storage directory and file TTL from settings)."""
    return ExportWorker(
        db, default_storage(settings.exports_dir), ttl_days=settings.export_ttl_days
    )

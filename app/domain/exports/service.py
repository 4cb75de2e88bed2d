"""Export jobs: create (validated, capped, audited), list, get, cancel/remove, file access,
and the synchronous CSV stream for small ranges. Services never commit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.scope import ShopScope
from app.domain.audit.actor import Actor
from app.domain.audit.pii import record_pii_read
from app.domain.audit.service import record_audit
from app.domain.exports.errors import ExportExpired, ExportLimitReached, ExportNotReady
from app.domain.exports.fields import PII_FIELDS, resolve_fields
from app.domain.exports.query import ExportQuery, build_query, order_ids_query
from app.domain.exports.repository import ACTIVE, ExportJobRepository
from app.domain.exports.schemas import (
    Export,
    ExportCreate,
    ExportFormat,
    ExportStatus,
    OrdersCsvParams,
)
from app.domain.exports.storage import ExportStorage
from app.domain.metrics.ranges import DayRange, day_range
from app.domain.orders.filters import OrderFilter
from app.errors import ValidationFailed, field_error
from app.kit.clock import rfc3339, utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import ExportJob
from app.pg_copy import session_driver

MAX_EXPORT_DAYS = 90
MAX_ACTIVE_PER_SHOP = 3
MAX_SYNC_ROWS = 100_000


def job_public(job: ExportJob) -> Export:
    p = job.params
    status = ExportStatus(job.status)
    if status == "succeeded" and job.expires_at is not None and job.expires_at <= utcnow():
        status = ExportStatus.EXPIRED  # the sweep may not have run yet
    body: Export = {
        "id": job.id,
        "shop_id": job.shop_id,
        "status": status,
        "format": ExportFormat(job.format),
        "fields": p["fields"],
        "filters": p["filters"],
        "created_from": p["created_from"],
        "created_to": p["created_to"],
        "granularity": p["granularity"],
        "locale": p["locale"],
        "bom": p["bom"],
        "pii_masked": p["mask_pii"],
        "progress": {"rows": job.rows_done, "total": job.rows_total},
        "size_bytes": job.size_bytes,
        "sha256": job.sha256,
        "attempts": job.attempts,
        "error": job.error,
        "created_at": rfc3339(job.created_at) or "",
        "started_at": rfc3339(job.started_at),
        "finished_at": rfc3339(job.finished_at),
        "expires_at": rfc3339(job.expires_at),
        "file_url": None,
    }
    if status == "succeeded":
        body["file_url"] = f"/v1/shops/{job.shop_id}/exports/{job.id}/file"
    return body


def query_for(shop_id: int, params: dict[str, Any], *, limit: int | None = None) -> ExportQuery:
    """The SELECT of a job (or of a sync request), from its stored params."""
    rng = DayRange(
        date.fromisoformat(params["created_from"]),
        date.fromisoformat(params["created_to"]),
        params["timezone"],
    )
    return build_query(
        shop_id=shop_id,
        timezone=rng.timezone,
        start=rng.start,
        end=rng.end,
        fields=params["fields"],
        filters=OrderFilter.model_validate(params["filters"]),
        granularity=params["granularity"],
        locale=params["locale"],
        mask_pii=params["mask_pii"],
        limit=limit,
    )


def file_name(job: ExportJob) -> str:
    p = job.params
    return f"orders-{job.shop_id}-{p['created_from']}-{p['created_to']}-{job.id}.{job.format}"


class ExportService:
    def __init__(self, session: AsyncSession, scope: ShopScope, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.jobs = ExportJobRepository(session, scope)

    async def _params(
        self, shop_id: int, data: ExportCreate, *, can_read_pii: bool, where: str
    ) -> dict[str, Any]:
        tz = await self.jobs.timezone_of(shop_id)
        rng = day_range(
            data.created_from,
            data.created_to,
            tz,
            max_days=MAX_EXPORT_DAYS,
            names=("created_from", "created_to"),
            where=where,
        )
        fields = resolve_fields(data.fields, granularity=data.granularity, where=where)
        return {
            "fields": fields,
            "filters": data.filters.model_dump(mode="json", exclude_none=True),
            "created_from": rng.first.isoformat(),
            "created_to": rng.last.isoformat(),
            "granularity": data.granularity,
            "locale": data.locale,
            "bom": data.bom,
            "mask_pii": not can_read_pii and bool(PII_FIELDS & set(fields)),
            "timezone": tz,
        }

    async def create(self, shop_id: int, data: ExportCreate, *, can_read_pii: bool) -> Export:
        params = await self._params(shop_id, data, can_read_pii=can_read_pii, where="body")
        await self.jobs.lock_shop_exports(shop_id)
        if await self.jobs.count_active(shop_id) >= MAX_ACTIVE_PER_SHOP:
            raise ExportLimitReached(MAX_ACTIVE_PER_SHOP)
        job = ExportJob(
            shop_id=shop_id,
            status="queued",
            format=data.format,
            params=params,
            requested_by={
                "type": self.actor.type,
                "account_id": self.actor.account_id,
                "client_id": self.actor.client_id,
                "token_id": self.actor.token_id,
            },
            rows_done=0,
            attempts=0,
            created_at=utcnow(),
        )
        self.jobs.add(job)
        await self.session.flush()
        await record_audit(
            self.session,
            self.actor,
            shop_id=shop_id,
            action="export.created",
            entity="export",
            entity_id=job.id,
            data={
                "format": data.format,
                "fields": params["fields"],
                "mask_pii": params["mask_pii"],
            },
        )
        return job_public(job)

    async def list(
        self, shop_id: int, codec: KeysetCodec, *, limit: int = 50, cursor: str | None = None
    ) -> Page[Export]:
        """Newest first, ``limit`` per page; ``cursor`` is a previous page's ``next_cursor``."""
        return await self.jobs.page(shop_id, codec, limit=limit, cursor=cursor, public=job_public)

    async def get(self, shop_id: int, job_id: int) -> Export:
        return job_public(await self.jobs.get(shop_id, job_id))

    async def delete(self, shop_id: int, job_id: int, storage: ExportStorage) -> str:
        """Cancel a queued/running job (the worker notices), or remove a finished one and its
        file. Returns what happened: ``cancelled`` or ``removed``."""
        job = await self.jobs.get(shop_id, job_id, for_update=True)
        if job.status in ACTIVE:
            job.status = "cancelled"
            job.finished_at = utcnow()
            job.locked_until = None
            outcome = "cancelled"
        else:
            if job.storage_key:
                storage.delete(job.storage_key)
            await self.jobs.remove(shop_id, job_id)
            outcome = "removed"
        await record_audit(
            self.session,
            self.actor,
            shop_id=shop_id,
            action=f"export.{outcome}",
            entity="export",
            entity_id=job_id,
        )
        return outcome

    async def file(self, shop_id: int, job_id: int, storage: ExportStorage) -> tuple[Path, str]:
        job = await self.jobs.get(shop_id, job_id)
        public = job_public(job)
        if public["status"] == "expired":
            raise ExportExpired(f"Export {job_id} expired at {public['expires_at']}.")
        if job.status != "succeeded" or not job.storage_key:
            raise ExportNotReady(f"Export {job_id} is {job.status}.", export_status=job.status)
        path = storage.local_path(job.storage_key)
        if path is None:
            raise ExportExpired(f"The file of export {job_id} is gone.")
        return path, file_name(job)

    # -- synchronous CSV ------------------------------------------------------------------

    async def sync_query(
        self, shop_id: int, params: OrdersCsvParams, *, can_read_pii: bool
    ) -> ExportQuery:
        """Validate a sync request and check it stays within MAX_SYNC_ROWS rows."""
        tz = await self.jobs.timezone_of(shop_id)
        fields = resolve_fields(params.fields, granularity=params.granularity, where="query")

        def build(limit: int | None) -> ExportQuery:
            return build_query(
                shop_id=shop_id,
                timezone=tz,
                start=None,
                end=None,
                fields=fields,
                filters=params.order_filter(),
                granularity=params.granularity,
                locale=params.locale,
                mask_pii=not can_read_pii,
                limit=limit,
            )

        probe = build(MAX_SYNC_ROWS + 1)
        apg = await session_driver(self.session)
        n = await apg.fetchval(f"SELECT count(*) FROM ({probe.sql}) q", *probe.args)
        if n > MAX_SYNC_ROWS:
            raise ValidationFailed(
                f"More than {MAX_SYNC_ROWS} rows match; narrow the filters (e.g. created_from/"
                "created_to) or create an export job.",
                [field_error(["query", "created_from"], f"matches more than {MAX_SYNC_ROWS} rows")],
                max_rows=MAX_SYNC_ROWS,
            )
        if can_read_pii and PII_FIELDS & set(fields):
            await self._audit_pii(shop_id, tz, params.order_filter())
        return build(None)

    async def _audit_pii(self, shop_id: int, timezone: str, filters: OrderFilter) -> None:
        """The receivers the file will show in clear: one ``pii.read`` row with their orders,
        in this request's transaction (the COPY itself runs after it commits)."""
        sql, args = order_ids_query(shop_id=shop_id, timezone=timezone, filters=filters)
        apg = await session_driver(self.session)
        ids = await apg.fetchval(f"SELECT coalesce(array_agg(id), '{{}}') FROM ({sql}) q", *args)
        await record_pii_read(self.session, self.actor, [(shop_id, i) for i in ids])

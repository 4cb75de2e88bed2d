"""Export jobs: create (validated, capped, audited), list, get, cancel/remove, file access,
and the synchronous CSV stream for small ranges. Services never commit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.audit.actor import Actor
from app.domain.audit.pii import record_pii_read
from app.domain.audit.service import record_audit
from app.domain.exports.errors import ExportExpired, ExportLimitReached, ExportNotReady
from app.domain.exports.fields import PII_FIELDS, resolve_fields
from app.domain.exports.query import Bounds, ExportQuery, build_query, order_ids_query
from app.domain.exports.repository import ACTIVE, ExportJobRepository
from app.domain.exports.schemas import (
    Export,
    ExportCreate,
    ExportFormat,
    ExportStatus,
    OrdersCsvParams,
)
from app.domain.exports.storage import ExportStorage
from app.domain.exports.wakeup import notify_export_queued
from app.domain.exports.window import job_days, sync_window
from app.domain.metrics.ranges import DayRange
from app.domain.orders.filters import OrderFilter
from app.errors import ValidationFailed, field_error
from app.kit.clock import rfc3339, utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import ExportJob
from app.pg_copy import session_driver

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
        "shop_ids": p.get("shop_ids", [job.shop_id]),
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


def shops_of(shop_id: int, params: dict[str, Any]) -> dict[int, str]:
    """Shop id → timezone of every shop a job exports (older jobs: the one shop)."""
    if "shops" in params:
        return {int(k): str(v) for k, v in params["shops"].items()}
    return {shop_id: params["timezone"]}


def _coverage(shop_id: int, params: dict[str, Any]) -> tuple[dict[int, str], dict[int, Bounds]]:
    """A job's shops (→ timezone) and each shop's instants, from its stored params."""
    zones = shops_of(shop_id, params)
    first = date.fromisoformat(params["created_from"])
    last = date.fromisoformat(params["created_to"])
    bounds: dict[int, Bounds] = {}
    for sid, tz in zones.items():
        rng = DayRange(first, last, tz)
        bounds[sid] = (rng.start, rng.end)
    return zones, bounds


def query_for(shop_id: int, params: dict[str, Any], *, limit: int | None = None) -> ExportQuery:
    """The SELECT of a job, from its stored params."""
    zones, bounds = _coverage(shop_id, params)
    return build_query(
        zones=zones,
        bounds=bounds,
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
        self, shop_ids: list[int], data: ExportCreate, *, can_read_pii: bool, across: bool
    ) -> dict[str, Any]:
        zones = {sid: await self.jobs.timezone_of(sid) for sid in shop_ids}
        window = job_days(data.created_from, data.created_to, zones, where="body")
        fields = resolve_fields(
            data.fields, granularity=data.granularity, where="body", multi_shop=across
        )
        params: dict[str, Any] = {
            "fields": fields,
            "filters": data.filters.model_dump(mode="json", exclude_none=True),
            "created_from": data.created_from.isoformat(),
            "created_to": data.created_to.isoformat(),
            "granularity": data.granularity,
            "locale": data.locale,
            "bom": data.bom,
            "mask_pii": not can_read_pii and bool(PII_FIELDS & set(fields)),
            "timezone": window[shop_ids[0]].timezone,
        }
        if across:
            params["shops"] = {str(sid): tz for sid, tz in zones.items()}
            params["shop_ids"] = sorted(zones)
        return params

    async def create(self, shop_id: int, data: ExportCreate, *, can_read_pii: bool) -> Export:
        return await self._create([shop_id], data, can_read_pii=can_read_pii, across=False)

    async def create_across(
        self, shop_ids: list[int], data: ExportCreate, *, can_read_pii: bool
    ) -> Export:
        """One job over several shops, its file led by a ``shop_id`` column (the caller
        checked each is granted with the export scope; ``can_read_pii`` must hold on all of
        them). The job belongs to the first shop and is visible only to principals granted
        every one of them; each shop's audit log records it."""
        shops = sorted(set(shop_ids))
        return await self._create(shops, data, can_read_pii=can_read_pii, across=True)

    async def _create(
        self, shop_ids: list[int], data: ExportCreate, *, can_read_pii: bool, across: bool
    ) -> Export:
        params = await self._params(shop_ids, data, can_read_pii=can_read_pii, across=across)
        owner = shop_ids[0]
        await self.jobs.lock_shop_exports(owner)
        if await self.jobs.count_active(owner) >= MAX_ACTIVE_PER_SHOP:
            raise ExportLimitReached(MAX_ACTIVE_PER_SHOP)
        job = ExportJob(
            shop_id=owner,
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
        await notify_export_queued(self.session)
        for sid in shop_ids:
            await record_audit(
                self.session,
                self.actor,
                shop_id=sid,
                action="export.created",
                entity="export",
                entity_id=job.id,
                data={
                    "format": data.format,
                    "fields": params["fields"],
                    "mask_pii": params["mask_pii"],
                    **({"shop_ids": shop_ids} if across else {}),
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
        params = job.params
        if not params["mask_pii"] and PII_FIELDS & set(params["fields"]):
            # Each download shows the receivers again: one pii.read row per download.
            zones, bounds = _coverage(job.shop_id, params)
            await self._audit_pii(zones, bounds, OrderFilter.model_validate(params["filters"]))
        return path, file_name(job)

    # -- synchronous CSV ------------------------------------------------------------------

    async def sync_query(
        self, shop_id: int, params: OrdersCsvParams, *, can_read_pii: bool
    ) -> ExportQuery:
        """Validate a sync request (the export window rules, at most MAX_SYNC_ROWS rows) and
        record ``export.downloaded`` with the fields and the rows it matches."""
        tz = await self.jobs.timezone_of(shop_id)
        filters = params.order_filter()
        start, end = sync_window(shop_id, tz, filters)
        fields = resolve_fields(params.fields, granularity=params.granularity, where="query")
        mask_pii = not can_read_pii and bool(PII_FIELDS & set(fields))

        def build(limit: int | None) -> ExportQuery:
            return build_query(
                zones={shop_id: tz},
                bounds={shop_id: (start, end)},
                fields=fields,
                filters=filters,
                granularity=params.granularity,
                locale=params.locale,
                mask_pii=mask_pii,
                limit=limit,
            )

        probe = build(MAX_SYNC_ROWS + 1)
        apg = await session_driver(self.session)
        n = int(await apg.fetchval(probe.count_sql, *probe.count_args))
        if n > MAX_SYNC_ROWS:
            raise ValidationFailed(
                f"More than {MAX_SYNC_ROWS} rows match; narrow the filters (e.g. created_from/"
                "created_to) or create an export job.",
                [field_error(["query", "created_from"], f"matches more than {MAX_SYNC_ROWS} rows")],
                max_rows=MAX_SYNC_ROWS,
            )
        await record_audit(
            self.session,
            self.actor,
            shop_id=shop_id,
            action="export.downloaded",
            entity="export",
            entity_id=None,
            data={
                "format": "csv",
                "fields": fields,
                "rows": n,
                "mask_pii": mask_pii,
                "created_from": rfc3339(start),
                "created_to": rfc3339(end),
            },
        )
        if not mask_pii and PII_FIELDS & set(fields):
            await self._audit_pii({shop_id: tz}, {shop_id: (start, end)}, filters)
        return build(None)

    async def _audit_pii(
        self, zones: dict[int, str], bounds: dict[int, Bounds], filters: OrderFilter
    ) -> None:
        """The receivers a file shows in clear: one ``pii.read`` row with their orders, in this
        request's transaction (the sync COPY runs after it commits). For a job's file the
        orders are matched again at download: an order whose state left the filters since
        the file was written is missed, one that entered them is named in excess."""
        sql, args = order_ids_query(zones=zones, bounds=bounds, filters=filters)
        apg = await session_driver(self.session)
        rows = await apg.fetch(sql, *args)
        await record_pii_read(self.session, self.actor, [(r[0], r[1]) for r in rows])

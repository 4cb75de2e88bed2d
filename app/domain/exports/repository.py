"""Shop-scoped access to export jobs (API side; the worker's claim lives in worker.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import ColumnElement, delete, func, literal, or_, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.scope import ShopScope
from app.domain.paging import newest_first_page
from app.errors import NotFound
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models import ExportJob, Shop
from app.models.platform import ExportStatus

ACTIVE = (ExportStatus.QUEUED, ExportStatus.RUNNING)
T = TypeVar("T")


class ExportJobRepository:
    def __init__(self, session: AsyncSession, scope: ShopScope) -> None:
        self.session = session
        self.scope = scope

    async def timezone_of(self, shop_id: int) -> str:
        tz = await self.session.scalar(
            select(Shop.timezone).where(Shop.id == self.scope.require(shop_id))
        )
        if tz is None:
            raise NotFound(f"Shop {shop_id} was not found.")
        return tz

    async def lock_shop_exports(self, shop_id: int) -> None:
        """Serialise job creation per shop so the active-jobs cap holds under concurrency."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended('exports:' || :shop, 0))"),
            {"shop": str(self.scope.require(shop_id))},
        )

    async def count_active(self, shop_id: int) -> int:
        n = await self.session.scalar(
            select(func.count())
            .select_from(ExportJob)
            .where(ExportJob.shop_id == self.scope.require(shop_id), ExportJob.status.in_(ACTIVE))
        )
        return int(n or 0)

    def _visible(self) -> ColumnElement[bool]:
        """A job over several shops is visible only to principals granted every one."""
        shops = ExportJob.params["shop_ids"]
        granted = literal(self.scope.sorted_ids(), JSONB)
        return or_(shops.is_(None), shops.contained_by(granted))

    def add(self, job: ExportJob) -> None:
        self.scope.require(job.shop_id)
        self.session.add(job)

    async def get(self, shop_id: int, job_id: int, *, for_update: bool = False) -> ExportJob:
        stmt = select(ExportJob).where(
            ExportJob.shop_id == self.scope.require(shop_id),
            ExportJob.id == job_id,
            self._visible(),
        )
        if for_update:
            stmt = stmt.with_for_update()
        job = (await self.session.execute(stmt)).scalar_one_or_none()
        if job is None:
            raise NotFound(f"Export {job_id} was not found in shop {shop_id}.")
        return job

    async def page(
        self,
        shop_id: int,
        codec: KeysetCodec,
        *,
        limit: int,
        cursor: str | None,
        public: Callable[[ExportJob], T],
    ) -> Page[T]:
        """Newest first by (created_at, id), as ``public`` represents each job."""
        return await newest_first_page(
            self.session,
            select(ExportJob).where(
                ExportJob.shop_id == self.scope.require(shop_id), self._visible()
            ),
            created_at=ExportJob.created_at,
            id_=ExportJob.id,
            listing=f"exports:{shop_id}",
            codec=codec,
            cursor=cursor,
            limit=limit,
            public=public,
        )

    async def remove(self, shop_id: int, job_id: int) -> None:
        await self.session.execute(
            delete(ExportJob).where(
                ExportJob.shop_id == self.scope.require(shop_id), ExportJob.id == job_id
            )
        )

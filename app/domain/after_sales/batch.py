"""Batch after-sale actions: up to 100 entries, run by app/domain/batches.py (each in its own
savepoint; one bad entry rolls back only itself and reports its problem)."""

from __future__ import annotations

from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.after_sales.schemas import AfterSale as AfterSaleOut
from app.domain.after_sales.schemas import AfterSaleBatch, AfterSaleBatchEntry, AfterSaleBatchResult
from app.domain.after_sales.service import AfterSaleService
from app.domain.batches import BatchShape, run_batch

_SHAPE = BatchShape("actions", "after_sale_id", "after_sale", AfterSaleBatchEntry)


async def act_batch(
    session: AsyncSession,
    service: AfterSaleService,
    shop_id: int,
    batch: AfterSaleBatch,
    *,
    request_id: str | None = None,
) -> AfterSaleBatchResult:
    async def act(entry: AfterSaleBatchEntry, _loc: tuple[str | int, ...]) -> AfterSaleOut:
        return await service.act(shop_id, entry.after_sale_id, entry)

    result = await run_batch(session, _SHAPE, batch.actions, act, request_id=request_id)
    return cast(AfterSaleBatchResult, result)

"""Metrics over several shops (scope ``metrics:read`` on each): the aggregate and a
``by_shop`` breakdown, through the same service as the per-shop endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import Field

from app.api.v1.metrics import By, From, Interval, Limit, MetricKeys, SplitBy, To
from app.auth.dependencies import MetricsRead
from app.db import Session
from app.domain.metrics.definitions import TopBuyersBy, TrendInterval
from app.domain.metrics.schemas import (
    ShopsAuthors,
    ShopsFunnel,
    ShopsRegions,
    ShopsSummary,
    ShopsTopBuyers,
    ShopsTrend,
)
from app.domain.metrics.service import MetricsService
from app.errors import InsufficientScope
from app.web.openapi import problems
from app.web.params import MAX_BIGINT
from app.web.responses import json_bytes_response

# 403 when a shop asked for (or every granted shop) lacks metrics:read, 404 an invisible shop.
router = APIRouter(prefix="/v1/metrics", tags=["metrics"], responses=problems(403, 404))

ShopIds = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_BIGINT)]] | None,
    Query(
        alias="shop_id",
        description="Only these shops (repeatable; default every shop the token grants "
        "metrics:read on)",
    ),
]


def _scope(
    session: Session, auth: MetricsRead, shop_id: list[int] | None
) -> tuple[MetricsService, list[int]]:
    """The service and the shops to aggregate (chosen as the multi-shop order list does)."""
    shops = auth.selected_shops(shop_id)
    if not shops:
        raise InsufficientScope("metrics:read", "The token grants metrics:read on no shop.")
    return MetricsService(session, auth.shops), shops


@router.get(
    "/summary", response_model=ShopsSummary, summary="Key figures of several shops, and of each"
)
async def shops_summary(
    session: Session, auth: MetricsRead, first: From, last: To, shop_id: ShopIds = None
) -> Response:
    service, shops = _scope(session, auth, shop_id)
    return json_bytes_response(await service.shops_summary(shops, first, last))


@router.get("/trend", response_model=ShopsTrend, summary="The trend of several shops, and of each")
async def shops_trend(
    session: Session,
    auth: MetricsRead,
    first: From,
    last: To,
    shop_id: ShopIds = None,
    interval: Interval = TrendInterval.DAY,
    group_by: SplitBy = None,
    metric: MetricKeys = None,
) -> Response:
    service, shops = _scope(session, auth, shop_id)
    body = await service.shops_trend(
        shops, first, last, group_by=group_by, metric=metric, interval=interval
    )
    return json_bytes_response(body)


@router.get(
    "/regions", response_model=ShopsRegions, summary="Order density of several shops, and each"
)
async def shops_regions(
    session: Session, auth: MetricsRead, first: From, last: To, shop_id: ShopIds = None
) -> Response:
    service, shops = _scope(session, auth, shop_id)
    return json_bytes_response(await service.shops_regions(shops, first, last))


@router.get(
    "/authors", response_model=ShopsAuthors, summary="Influencers over several shops, and each"
)
async def shops_authors(
    session: Session, auth: MetricsRead, first: From, last: To, shop_id: ShopIds = None
) -> Response:
    service, shops = _scope(session, auth, shop_id)
    return json_bytes_response(await service.shops_authors(shops, first, last))


@router.get(
    "/buyers/top",
    response_model=ShopsTopBuyers,
    summary="High-value buyers over several shops, and per shop",
)
async def shops_top_buyers(
    session: Session,
    auth: MetricsRead,
    first: From,
    last: To,
    shop_id: ShopIds = None,
    by: By = TopBuyersBy.AOV,
    limit: Limit = 20,
) -> Response:
    service, shops = _scope(session, auth, shop_id)
    body = await service.shops_top_buyers(shops, first, last, by=by, limit=limit)
    return json_bytes_response(body)


@router.get("/funnel", response_model=ShopsFunnel, summary="The funnel of several shops, and each")
async def shops_funnel(
    session: Session, auth: MetricsRead, first: From, last: To, shop_id: ShopIds = None
) -> Response:
    service, shops = _scope(session, auth, shop_id)
    return json_bytes_response(await service.shops_funnel(shops, first, last))

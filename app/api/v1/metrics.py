"""Metrics REST endpoints (scope ``metrics:read``): thin adapters over MetricsService."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.auth.dependencies import MetricsRead
from app.db import Session
from app.domain.metrics.csv_files import summary_csv, trend_csv
from app.domain.metrics.definitions import (
    TOP_BUYERS_MAX,
    GroupBy,
    MetricName,
    TopBuyersBy,
    TrendInterval,
)
from app.domain.metrics.schemas import (
    AuthorsReport,
    DailyReport,
    Funnel,
    RegionsReport,
    Summary,
    TopBuyers,
    Trend,
)
from app.domain.metrics.service import MetricsService
from app.web.openapi import file_download, problems
from app.web.params import ShopId
from app.web.responses import json_bytes_response

# 403 without metrics:read, 404 an unknown shop; a range too long or reversed is a 422.
router = APIRouter(
    prefix="/v1/shops/{shop_id}/metrics", tags=["metrics"], responses=problems(403, 404)
)

# The accepted years (app/domain/metrics/ranges.py MIN_DATE..MAX_DATE), stated in the contract.
_YEARS = {"pattern": r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}
From = Annotated[
    date,
    Query(
        alias="from",
        description="First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)",
        json_schema_extra=_YEARS,
    ),
]
To = Annotated[
    date,
    Query(
        alias="to",
        description="Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)",
        json_schema_extra=_YEARS,
    ),
]


Interval = Annotated[
    TrendInterval,
    Query(description="Bucket size: day, or hour (local clock hours, at most 7 days)"),
]
SplitBy = Annotated[GroupBy | None, Query(description="Split each day by")]
MetricKeys = Annotated[
    list[MetricName] | None, Query(description="Repeatable (default: all metrics)")
]
By = Annotated[TopBuyersBy, Query(description="Rank by average order value or by GMV")]
Limit = Annotated[int, Query(ge=1, le=TOP_BUYERS_MAX)]
_CSV = "text/csv"  # declared; the files are sent as UTF-8


def csv_download(body: str, filename: str) -> Response:
    return Response(
        body.encode(),
        media_type=f"{_CSV}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _service(session: Session, auth: MetricsRead) -> MetricsService:
    return MetricsService(session, auth.shops)


@router.get(
    "/summary",
    response_model=Summary,
    summary="Key figures over a date range, with the previous period",
)
async def summary(
    shop_id: ShopId, auth: MetricsRead, session: Session, first: From, last: To
) -> Response:
    return json_bytes_response(await _service(session, auth).summary(shop_id, first, last))


@router.get(
    "/trend",
    response_model=Trend,
    summary="Metrics by day or hour (zero-filled), optionally grouped",
)
async def trend(
    shop_id: ShopId,
    auth: MetricsRead,
    session: Session,
    first: From,
    last: To,
    interval: Interval = TrendInterval.DAY,
    group_by: SplitBy = None,
    metric: MetricKeys = None,
) -> Response:
    body = await _service(session, auth).trend(
        shop_id, first, last, group_by=group_by, metric=metric, interval=interval
    )
    return json_bytes_response(body)


@router.get(
    "/regions",
    response_model=RegionsReport,
    summary="Orders and GMV by province and city (order density)",
)
async def regions(
    shop_id: ShopId, auth: MetricsRead, session: Session, first: From, last: To
) -> Response:
    return json_bytes_response(await _service(session, auth).regions(shop_id, first, last))


@router.get(
    "/authors",
    response_model=AuthorsReport,
    summary="Orders, GMV and commission per influencer, by traffic source and by room/video",
)
async def authors(
    shop_id: ShopId, auth: MetricsRead, session: Session, first: From, last: To
) -> Response:
    return json_bytes_response(await _service(session, auth).authors(shop_id, first, last))


@router.get(
    "/buyers/top",
    response_model=TopBuyers,
    summary="High-value buyers by average order value or GMV",
)
async def top_buyers(
    shop_id: ShopId,
    auth: MetricsRead,
    session: Session,
    first: From,
    last: To,
    by: By = TopBuyersBy.AOV,
    limit: Limit = 20,
) -> Response:
    body = await _service(session, auth).top_buyers(shop_id, first, last, by=by, limit=limit)
    return json_bytes_response(body)


@router.get(
    "/funnel",
    response_model=Funnel,
    summary="Created → paid → shipped → signed → completed; unpaid outcomes",
)
async def funnel(
    shop_id: ShopId, auth: MetricsRead, session: Session, first: From, last: To
) -> Response:
    return json_bytes_response(await _service(session, auth).funnel(shop_id, first, last))


@router.get(
    "/daily-report",
    response_model=DailyReport,
    summary="One day's figures vs the day before and a week before",
)
async def daily_report(
    shop_id: ShopId,
    auth: MetricsRead,
    session: Session,
    day: Annotated[
        date,
        Query(
            alias="date",
            description="YYYY-MM-DD in the shop timezone (years 2000-2999)",
            json_schema_extra=_YEARS,
        ),
    ],
) -> Response:
    return json_bytes_response(await _service(session, auth).daily_report(shop_id, day))


@router.get(
    "/summary.csv",
    summary="The summary as a CSV file (metric, value, previous; money in yuan)",
    response_class=Response,
    responses=file_download(_CSV, description="metric,value,previous lines (UTF-8)"),
)
async def summary_csv_file(
    shop_id: ShopId, auth: MetricsRead, session: Session, first: From, last: To
) -> Response:
    body = await _service(session, auth).summary(shop_id, first, last)
    return csv_download(summary_csv(body), f"summary-{shop_id}-{first}-{last}.csv")


@router.get(
    "/trend.csv",
    summary="The trend as a CSV file (a line per point of each series; money in yuan)",
    response_class=Response,
    responses=file_download(_CSV, description="date[,hour][,key] then metric columns (UTF-8)"),
)
async def trend_csv_file(
    shop_id: ShopId,
    auth: MetricsRead,
    session: Session,
    first: From,
    last: To,
    interval: Interval = TrendInterval.DAY,
    group_by: SplitBy = None,
    metric: MetricKeys = None,
) -> Response:
    body = await _service(session, auth).trend(
        shop_id, first, last, group_by=group_by, metric=metric, interval=interval
    )
    return csv_download(trend_csv(body), f"trend-{shop_id}-{first}-{last}.csv")

"""Liveness, readiness (DB reachable, migrations at head, Redis if configured), metrics."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, NotRequired

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, Gauge
from pydantic import Field
from sqlalchemy import text
from sqlalchemy.pool import QueuePool
from typing_extensions import TypedDict

from app.db import get_database
from app.kit.contract import read_model
from app.prometheus import exposition
from app.ratelimit import limiter_of
from app.web.responses import json_bytes_response

router = APIRouter(tags=["health"])


@read_model
class Liveness(TypedDict):
    status: Annotated[Literal["ok"], Field(description="Always `ok` while the process serves.")]


class ReadyStatus(StrEnum):
    READY = "ready"
    NOT_READY = "not_ready"


Check = Annotated[
    str,
    Field(description="`ok`, or what is wrong (`error: <kind>`, `at <rev>, head is <rev>`)."),
]


@read_model
class ReadinessChecks(TypedDict):
    database: Check
    migrations: NotRequired[Check]  # absent when the database cannot be reached
    redis: NotRequired[Annotated[str, Field(description="Only when REDIS_URL is set.")]]


@read_model
class Readiness(TypedDict):
    """Whether this process can serve: database reachable and migrated, Redis answering."""

    status: ReadyStatus
    checks: ReadinessChecks


DB_POOL = Gauge(
    "ordergate_db_pool_connections",
    "Connections of this process's database pool, by state (read at scrape time)",
    ["state"],
    multiprocess_mode="livesum",
)


@router.get("/healthz", response_model=Liveness, summary="Process is alive")
async def healthz() -> Response:
    return json_bytes_response(Liveness(status="ok"))


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Ready to serve: database reachable and migrated",
    responses={503: {"model": Readiness, "description": "Not ready: `checks` says why"}},
)
async def readyz(request: Request) -> Response:
    checks: ReadinessChecks = {"database": "ok"}
    ready = True
    try:
        async with get_database(request).engine.connect() as conn:
            current = (
                await conn.execute(text("SELECT version_num FROM alembic_version"))
            ).scalar_one_or_none()
        head = request.app.state.migration_head
        checks["database"] = "ok"
        checks["migrations"] = "ok" if current == head else f"at {current}, head is {head}"
        ready = current == head
    except Exception as exc:  # readiness reports, never raises
        checks["database"] = f"error: {type(exc).__name__}"
        ready = False
    if request.app.state.settings.redis_url:
        # The rate-limit store (API throttle and per-IP auth limits). Down, the API still serves
        # when failing open, so readiness reports it but fails only when failing closed.
        redis_ok = await limiter_of(request).check()
        checks["redis"] = "ok" if redis_ok else "error: unreachable"
        ready = ready and (redis_ok or not request.app.state.settings.ratelimit_fail_closed)
    body: Readiness = {
        "status": ReadyStatus.READY if ready else ReadyStatus.NOT_READY,
        "checks": checks,
    }
    return json_bytes_response(body, 200 if ready else 503)


@router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    _observe_pool(request)
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)


def _observe_pool(request: Request) -> None:
    # A pool exhausted by slow requests shows here before latencies explode.
    pool = get_database(request).engine.pool
    if isinstance(pool, QueuePool):
        DB_POOL.labels("checked_out").set(pool.checkedout())
        DB_POOL.labels("idle").set(pool.checkedin())
        DB_POOL.labels("overflow").set(max(pool.overflow(), 0))
        DB_POOL.labels("size").set(pool.size())

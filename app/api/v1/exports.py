"""Exports over REST (scope ``exports``): jobs, their files (Range requests), and the
synchronous ``orders.csv`` stream. Thin adapters over ExportService."""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from starlette.responses import MalformedRangeHeader
from starlette.responses import RangeNotSatisfiable as StarletteRangeNotSatisfiable

from app.auth.dependencies import Authorized, Exports
from app.db import Session, get_database
from app.domain.exports.errors import RangeNotSatisfiable
from app.domain.exports.schemas import (
    Export,
    ExportCreate,
    ExportFormat,
    MultiShopExportCreate,
    OrdersCsvParams,
)
from app.domain.exports.service import ExportService
from app.domain.exports.storage import ExportStorage, default_storage
from app.domain.exports.writers import stream_csv
from app.errors import BadRequest, NotFound
from app.kit.contract import Page
from app.web.listing import Codec
from app.web.openapi import file_download, problem, problems
from app.web.params import MAX_BIGINT, ShopId
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1/shops/{shop_id}", tags=["exports"])
across_shops = APIRouter(tags=["exports"])

ExportId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Export job id")]
MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_CSV = "text/csv"
# 403 without the exports scope, 404 an unknown shop or job.
_JOB_ERRORS = problems(403, 404)
_FILE = file_download(_CSV, MEDIA_TYPES[ExportFormat.XLSX], description="The file")
_WINDOW_ERRORS = problem(
    422,
    "`export_window_too_old` (`created_from` before the oldest exportable day: the last 90 "
    "days of the shop's calendar, `oldest_day`), `export_range_too_long` (more than 90 days, "
    "`max_days`) or `validation_error` naming the failing parameter",
)
_CREATE_ERRORS = {
    **_JOB_ERRORS,
    **_WINDOW_ERRORS,
    **problem(400, "`bad_request`: the body is not JSON"),
    **problem(
        429,
        "`export_limit_reached` (this shop has its maximum of jobs queued or running) or "
        "`rate_limited`; retry after `Retry-After` seconds",
    ),
}


def _service(session: Session, auth: Authorized) -> ExportService:
    return ExportService(session, auth.shops, auth.actor)


def _storage(request: Request) -> ExportStorage:
    return default_storage(request.app.state.settings.exports_dir)


@router.post(
    "/exports",
    status_code=202,
    response_model=Export,
    summary="Queue an export job (≤ 90 days, within the last 90)",
    responses=_CREATE_ERRORS,
)
async def create_export(
    shop_id: ShopId, body: ExportCreate, auth: Exports, session: Session
) -> Response:
    job = await _service(session, auth).create(
        shop_id, body, can_read_pii=auth.can_read_pii(shop_id)
    )
    return _accepted(job)


def _accepted(job: Export) -> Response:
    location = f"/v1/shops/{job['shop_id']}/exports/{job['id']}"
    return json_bytes_response(job, status_code=202, headers={"Location": location})


@across_shops.post(
    "/v1/exports",
    status_code=202,
    response_model=Export,
    summary="Queue one export job over several shops (a `shop_id` column leads the file)",
    responses=_CREATE_ERRORS,
)
async def create_multi_shop_export(
    body: MultiShopExportCreate, auth: Exports, session: Session
) -> Response:
    """Each shop must be granted with the `exports` scope (an unknown or ungranted shop is
    404, one granted without the scope 403), as in `GET /v1/orders`. The job belongs to the
    first shop (`Location`) and is visible only to tokens granted every one of its shops."""
    shops = [auth.require(s) for s in body.shop_ids] if body.shop_ids else auth.shops.sorted_ids()
    if not shops:
        raise NotFound("This token grants no shop with the exports scope.")
    data = ExportCreate.model_validate(body.model_dump(exclude={"shop_ids"}))
    pii = all(auth.can_read_pii(s) for s in shops)
    job = await _service(session, auth).create_across(shops, data, can_read_pii=pii)
    return _accepted(job)


@router.get(
    "/exports",
    response_model=Page[Export],
    summary="Export jobs, newest first",
    responses={**_JOB_ERRORS, **problem(400, "`invalid_cursor`")},
)
async def list_exports(
    shop_id: ShopId,
    auth: Exports,
    session: Session,
    codec: Codec,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[
        str | None,
        Query(
            max_length=512,
            pattern=r"^[A-Za-z0-9_-]+$",
            description="`next_cursor` of the previous page",
        ),
    ] = None,
) -> Response:
    body = await _service(session, auth).list(shop_id, codec, limit=limit, cursor=cursor)
    return json_bytes_response(body)


@router.get(
    "/exports/{export_id}",
    response_model=Export,
    summary="One export job: status, progress, file facts",
    responses=_JOB_ERRORS,
)
async def get_export(
    shop_id: ShopId, export_id: ExportId, auth: Exports, session: Session
) -> Response:
    return json_bytes_response(await _service(session, auth).get(shop_id, export_id))


@router.get(
    "/exports/{export_id}/file",
    summary="Download the file (Range requests supported)",
    response_class=FileResponse,
    responses={
        **_FILE,
        206: {**_FILE[200], "description": "The requested byte range of the file"},
        **_JOB_ERRORS,
        **problem(400, "`bad_request`: a malformed `Range` header"),
        **problem(409, "`export_not_ready`: the job has not succeeded (yet)"),
        **problem(410, "`export_expired`: the file expired or was removed"),
        **problems(416),
    },
)
async def export_file(
    shop_id: ShopId, export_id: ExportId, auth: Exports, session: Session, request: Request
) -> FileResponse:
    path, name = await _service(session, auth).file(shop_id, export_id, _storage(request))
    _check_range(request.headers.get("range"), path)
    fmt = ExportFormat.XLSX if name.endswith(".xlsx") else ExportFormat.CSV
    return FileResponse(path, media_type=MEDIA_TYPES[fmt], filename=name)


def _check_range(header: str | None, path: FsPath) -> None:
    """Reject bad Range headers as problem+json before FileResponse answers them in plain
    text (it parses the same way; this uses its parser so both agree)."""
    if header is None:
        return
    size = path.stat().st_size
    try:
        FileResponse._parse_range_header(header, size)
    except MalformedRangeHeader as exc:
        raise BadRequest(f"Invalid Range header: {exc.content}") from None
    except StarletteRangeNotSatisfiable:
        raise RangeNotSatisfiable(size) from None


@router.delete(
    "/exports/{export_id}",
    status_code=204,
    summary="Cancel a job or remove its file",
    responses=_JOB_ERRORS,
)
async def delete_export(
    shop_id: ShopId, export_id: ExportId, auth: Exports, session: Session, request: Request
) -> Response:
    await _service(session, auth).delete(shop_id, export_id, _storage(request))
    return Response(status_code=204)


@router.get(
    "/orders.csv",
    summary="Stream matching orders as CSV (≤ 100,000 rows; larger sets: export jobs)",
    response_class=StreamingResponse,
    responses={
        **file_download(_CSV, description="The orders as CSV (UTF-8, header line first)"),
        **_JOB_ERRORS,
        **problem(
            422,
            "`export_window_too_old` / `export_range_too_long` (the export window rules), or "
            "`validation_error` naming the failing parameter, or more than 100,000 matching "
            "rows (`max_rows`)",
        ),
    },
)
async def orders_csv(
    shop_id: ShopId,
    params: Annotated[OrdersCsvParams, Query()],
    auth: Exports,
    session: Session,
    request: Request,
) -> StreamingResponse:
    query = await _service(session, auth).sync_query(
        shop_id, params, can_read_pii=auth.can_read_pii(shop_id)
    )
    # The COPY runs on its own pooled connection after this request's unit of work ends.
    return StreamingResponse(
        stream_csv(get_database(request), query, bom=params.bom),
        media_type=MEDIA_TYPES[ExportFormat.CSV],
        headers={"Content-Disposition": f'attachment; filename="orders-{shop_id}.csv"'},
    )

"""Export jobs over GraphQL: the same ExportService and read model as REST's
``/v1/shops/{id}/exports`` (the file itself downloads over REST, at ``fileUrl``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from pydantic import BaseModel, Field
from strawberry.types import Info

from app.domain.exports.schemas import ExportFormat, ExportStatus, Granularity, Locale
from app.domain.exports.service import ExportService
from app.errors import ValidationFailed, field_error
from app.graphql.context import GraphQLContext
from app.graphql.inputs import OrderFilterInput, plain, validated
from app.graphql.paging import keyset_page_info, window
from app.graphql.types.connections import PageInfo
from app.graphql.types.scalars import JSON, DateTime

Ctx = Info[GraphQLContext, None]
Row = dict[str, Any]

strawberry.enum(ExportStatus)
strawberry.enum(ExportFormat)
strawberry.enum(Granularity, name="ExportGranularity")
strawberry.enum(Locale, name="ExportLocale")


@strawberry.type(description="Rows written so far, of how many")
class ExportProgress:
    rows: int
    total: int | None


@strawberry.type(description="An export job (REST `Export`); the file downloads over REST")
class Export:
    @strawberry.field(description="The id used by the REST API")
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    shop_id: int
    shop_ids: list[int] = strawberry.field(description="Every shop whose orders it exports")
    status: ExportStatus
    format: ExportFormat
    fields: list[str]
    filters: JSON = strawberry.field(description="The order-list filters as given")
    created_from: str = strawberry.field(description="First day, YYYY-MM-DD (shop timezone)")
    created_to: str = strawberry.field(description="Last day, inclusive (shop timezone)")
    granularity: Granularity
    locale: Locale
    bom: bool
    pii_masked: bool
    progress: ExportProgress
    size_bytes: int | None
    sha256: str | None
    attempts: int
    error: str | None
    created_at: DateTime
    started_at: DateTime | None
    finished_at: DateTime | None
    expires_at: DateTime | None
    file_url: str | None = strawberry.field(
        description="REST path of the file while the job has succeeded (bearer token needed)"
    )


@strawberry.type(description="A newest-first page of export jobs")
class ExportPage:
    nodes: list[Export]
    page_info: PageInfo


class _Paging(BaseModel):
    first: int = Field(ge=1, le=100)


def exports_service(info: Ctx, shop_id: int) -> ExportService:
    auth = info.context.authorize("exports")
    auth.require(shop_id)
    return ExportService(info.context.session, auth.shops, auth.actor)


async def export_page(info: Ctx, shop_id: int, first: int | None, after: str | None) -> Row:
    win = window(first, after, None, None)
    validated(_Paging, {"first": win.size})
    service = exports_service(info, shop_id)
    page = await info.context.serial(
        service.list(shop_id, info.context.codec, limit=win.size, cursor=win.cursor)
    )
    listing = f"exports:{shop_id}"
    return {
        "nodes": page["data"],
        "page_info": keyset_page_info(info.context.codec, page, win, listing),
    }


async def one_export(info: Ctx, shop_id: int, export_id: int) -> Row:
    service = exports_service(info, shop_id)
    return dict(await info.context.serial(service.get(shop_id, export_id)))


@strawberry.input(description="REST's export body: whole days in the shop timezone, ≤ 90 days")
class CreateExportInput:
    created_from: date
    created_to: date
    format: ExportFormat = ExportFormat.CSV
    fields: list[str] | None = strawberry.field(
        default=None, description="Columns in order; the required ones are always included"
    )
    filters: OrderFilterInput | None = None
    granularity: Granularity = Granularity.ORDER
    locale: Locale = Locale.EN
    bom: bool = False


def export_body(input: CreateExportInput) -> dict[str, Any]:
    body = {k: v for k, v in plain(input).items() if v is not None}
    body["created_from"] = input.created_from.isoformat()
    body["created_to"] = input.created_to.isoformat()
    return body


def export_shops(shop_id: int | None, shop_ids: list[int] | None) -> list[int]:
    """``createExport``'s shops: ``shopId`` or ``shopIds``, exactly one of them."""
    if (shop_id is None) == (not shop_ids):
        raise ValidationFailed(
            "Give either shopId or a non-empty shopIds.",
            [field_error(["shopIds"], "exactly one of shopId and shopIds")],
        )
    return [shop_id] if shop_id is not None else sorted(set(shop_ids or []))

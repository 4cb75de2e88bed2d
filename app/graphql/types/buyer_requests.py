"""Buyers' address-change requests and complaints in GraphQL: types, the shop's lists and
one-by-id reads (the same services and scopes as REST)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from app.domain.address_changes.schemas import AddressChangeListParams
from app.domain.address_changes.service import LISTING as ADDRESS_CHANGES
from app.domain.address_changes.service import AddressChangeService
from app.domain.complaints.schemas import ComplaintListParams
from app.domain.complaints.service import LISTING as COMPLAINTS
from app.domain.complaints.service import ComplaintService
from app.graphql.context import GraphQLContext
from app.graphql.inputs import plain, validated
from app.graphql.paging import Window, keyset_page_info
from app.graphql.types.connections import PageInfo
from app.graphql.types.orders import Receiver, shown_receiver
from app.graphql.types.scalars import (
    AddressChangeStatus,
    ComplaintKind,
    ComplaintStatus,
    DateTime,
    DecidedBy,
)

Ctx = Info[GraphQLContext, None]
Row = dict[str, Any]


@strawberry.type(description="A buyer's request to ship an unshipped order to another receiver")
class AddressChangeRequest:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    shop_id: int
    order_id: int
    status: AddressChangeStatus

    @strawberry.field(description="The receiver asked for; masked without orders:read_pii")
    def receiver(self: Row, info: Ctx) -> Receiver:  # type: ignore[misc]
        return shown_receiver(info, self["shop_id"], self["order_id"], self["receiver"])

    reject_reason: str | None = strawberry.field(
        description="The merchant's reason, or order_shipped / order_closed (platform)"
    )
    decided_by: DecidedBy | None
    auto_approve_at: DateTime
    allowed_actions: list[str]
    created_at: DateTime
    decided_at: DateTime | None
    version: int
    updated_at: DateTime


@strawberry.type(description="A buyer's complaint (投诉) about an order")
class Complaint:
    @strawberry.field
    def database_id(self: Row) -> int:  # type: ignore[misc]
        return int(self["id"])

    shop_id: int
    order_id: int
    kind: ComplaintKind
    status: ComplaintStatus
    description: str
    response: str | None
    allowed_actions: list[str]
    created_at: DateTime
    responded_at: DateTime | None
    version: int
    updated_at: DateTime


@strawberry.type(description="A newest-first page of address-change requests")
class AddressChangeRequestPage:
    nodes: list[AddressChangeRequest]
    page_info: PageInfo


@strawberry.type(description="A newest-first page of complaints")
class ComplaintPage:
    nodes: list[Complaint]
    page_info: PageInfo


@strawberry.input(description="The REST address-change list's filters")
class AddressChangeFilterInput:
    status: list[AddressChangeStatus] | None = None
    order_id: int | None = None
    created_from: DateTime | None = None
    created_to: DateTime | None = None


@strawberry.input(description="The REST complaint list's filters")
class ComplaintFilterInput:
    status: list[ComplaintStatus] | None = None
    kind: list[ComplaintKind] | None = None
    order_id: int | None = None
    created_from: DateTime | None = None
    created_to: DateTime | None = None


def address_change_service(info: Ctx, scope: str, shop_id: int) -> AddressChangeService:
    auth = info.context.authorize(scope)
    auth.require(shop_id)
    return AddressChangeService(info.context.session, auth.shops, auth.actor)


def complaint_service(info: Ctx, scope: str, shop_id: int) -> ComplaintService:
    auth = info.context.authorize(scope)
    auth.require(shop_id)
    return ComplaintService(info.context.session, auth.shops, auth.actor)


async def address_change_page(
    info: Ctx, shop_id: int, filter: AddressChangeFilterInput | None, win: Window
) -> Row:
    service = address_change_service(info, "orders:read", shop_id)
    return await _page(
        info, service, shop_id, AddressChangeListParams, filter, win, ADDRESS_CHANGES
    )


async def complaint_page(
    info: Ctx, shop_id: int, filter: ComplaintFilterInput | None, win: Window
) -> Row:
    service = complaint_service(info, "after_sales:read", shop_id)
    return await _page(info, service, shop_id, ComplaintListParams, filter, win, COMPLAINTS)


async def _page(
    info: Ctx,
    service: AddressChangeService | ComplaintService,
    shop_id: int,
    model: type[AddressChangeListParams] | type[ComplaintListParams],
    filter: Any,
    win: Window,
    listing: str,
) -> Row:
    params: Any = validated(
        model,
        {**(plain(filter) or {}), "limit": win.size, "cursor": win.cursor},
        paging=win.names,
    )
    codec = info.context.codec
    page = await info.context.serial(
        service.list_page(shop_id, params, codec, backward=win.backward)
    )
    return {"nodes": page["data"], "page_info": keyset_page_info(codec, page, win, listing)}


async def one_address_change(info: Ctx, shop_id: int, request_id: int) -> Row:
    service = address_change_service(info, "orders:read", shop_id)
    return dict(await info.context.serial(service.get(shop_id, request_id)))


async def one_complaint(info: Ctx, shop_id: int, complaint_id: int) -> Row:
    service = complaint_service(info, "after_sales:read", shop_id)
    return dict(await info.context.serial(service.get(shop_id, complaint_id)))

"""The change feed for GraphQL: the same FeedService (cursor, horizon, long-poll) as REST."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from strawberry.types import Info

from app.domain.audit.pii import record_pii_read
from app.domain.sync.schemas import Change, ChangePage
from app.domain.sync.service import HEAD, FeedService, PageRequest
from app.errors import AppError, ValidationFailed, field_error
from app.graphql.context import GraphQLContext
from app.graphql.extensions import app_error
from app.web.services import feed_service_of

Ctx = Info[GraphQLContext, None]
MAX_PAGE = 1000
SUBSCRIPTION_WAIT_S = 25.0
MAX_WAIT_S = 60.0


def _service(request: Request) -> FeedService:
    return feed_service_of(request)


def _request(info: Ctx, shop_id: int, after: str | None, first: int, wait: float) -> PageRequest:
    if not 1 <= first <= MAX_PAGE:
        raise ValidationFailed(
            f"first must be between 1 and {MAX_PAGE}.", [field_error(["first"], "1..1000")]
        )
    auth = info.context.authorize("changes:read")
    auth.require(shop_id)
    service = _service(info.context.http_request)
    return PageRequest(
        shop_id=shop_id,
        cursor=service.parse_cursor(after, shop_id),
        limit=first,
        types=None,
        wait=wait,
        pii=auth.can_read_pii(shop_id),
    )


def _graphql_page(body: ChangePage) -> dict[str, Any]:
    return {
        "nodes": body["data"],
        "end_cursor": body["next_cursor"],
        "has_more": body["has_more"],
        "horizon_lag_ms": body["horizon_lag_ms"],
        "caught_up": body["caught_up"],
    }


async def change_page(
    info: Ctx, shop_id: int, after: str | None, first: int, wait: float = 0
) -> Any:
    service = _service(info.context.http_request)
    if after == HEAD:
        info.context.authorize("changes:read").require(shop_id)
        return _graphql_page(await service.head_page(shop_id))
    if not 0 <= wait <= MAX_WAIT_S:
        raise ValidationFailed("wait must be 0..60 seconds.", [field_error(["wait"], "0..60")])
    request = _request(info, shop_id, after, first, wait)
    if wait:
        # A parked request holds no transaction (it would hold the feed's horizon).
        await info.context.serial(info.context.session.commit())
    body, shown = await service.page(request)
    if wait:
        await _audited(info, shown)
    else:
        info.context.operation.pii_shown.update(shown)  # recorded by PiiReadAudit
    return _graphql_page(body)


async def head_cursor(info: Ctx, shop_id: int) -> str:
    info.context.authorize("changes:read").require(shop_id)
    head = await _service(info.context.http_request).head_page(shop_id)
    return str(head["next_cursor"])


async def _audited(info: Ctx, shown: list[tuple[int, int]]) -> None:
    """The ``pii.read`` row of a page read after the operation's transaction ended (a
    long-poll, a subscription's batch): in a short transaction of its own."""
    if not shown:
        return
    actor = info.context.authorize("changes:read").actor
    async with _service(info.context.http_request).db.transaction() as session:
        await record_pii_read(session, actor, shown)


async def follow_changes(info: Ctx, shop_id: int, after: str | None) -> AsyncIterator[Change]:
    """Every change after ``after`` (``now``: the head), as it passes the horizon; long-polls
    between batches. The request's transaction is ended first so a subscription never holds
    the horizon. Domain errors keep their codes (subscriptions bypass the HTTP error hook)."""
    try:
        service = _service(info.context.http_request)
        if after == HEAD:
            after = await head_cursor(info, shop_id)
        request = _request(info, shop_id, after, 200, SUBSCRIPTION_WAIT_S)
        await info.context.serial(info.context.session.commit())
        cursor = request.cursor
        while True:
            page = await service.poll(
                PageRequest(
                    shop_id=shop_id,
                    cursor=cursor,
                    limit=request.limit,
                    types=None,
                    wait=SUBSCRIPTION_WAIT_S,
                    pii=request.pii,
                )
            )
            cursor = page.cursor
            if page.receivers_shown:
                await _audited(info, page.receivers_shown)
            for change in page.changes:
                yield change
            if service.draining:  # the server is stopping: complete instead of spinning
                return
    except AppError as error:
        raise app_error(error) from error

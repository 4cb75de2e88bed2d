"""The change feed over REST: pages, long-poll, head cursor and sync status."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from app.auth.dependencies import ChangesRead, oauth2_scheme, principal_of
from app.db import Session
from app.domain.access.authorized import CHANGES_READ, PII_READ, Authorized, require_scope
from app.domain.audit.actor import Actor
from app.domain.audit.pii import record_pii_read
from app.domain.sync.bulk import MAX_SLICES, bulk_changes, plan_slices
from app.domain.sync.schemas import (
    BulkSlicePlan,
    BulkTrailer,
    Change,
    ChangePage,
    ChangeType,
    SyncStatus,
)
from app.domain.sync.service import HEAD, FeedService, PageRequest
from app.errors import ValidationFailed, field_error
from app.web.openapi import NDJSON, ndjson_stream, problems
from app.web.params import ShopId
from app.web.responses import json_bytes_response
from app.web.services import feed_service_of

router = APIRouter(prefix="/v1/shops/{shop_id}", tags=["changes"])


# What _types accepts, in the contract: comma-separated change types, blanks ignored.
_TYPE = "|".join(re.escape(t) for t in ChangeType)
_TYPES_PATTERN = {"pattern": rf"^\s*({_TYPE})?\s*(,\s*({_TYPE})?\s*)*$"}


def _types(raw: str | None) -> list[str] | None:
    if not raw:
        return None
    names = [t.strip() for t in raw.split(",") if t.strip()]
    unknown = sorted(set(names) - set(ChangeType))
    if unknown:
        raise ValidationFailed(
            f"Unknown change types: {', '.join(unknown)}.",
            [field_error(["query", "types"], f"must be among {', '.join(ChangeType)}")],
        )
    return names or None


# Cursors are base64url (and `now`): anything else is refused by the schema, as a 422.
FeedCursor = Annotated[
    str | None,
    Query(
        max_length=128,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="`next_cursor` of a previous page; omit to start at the beginning of retention",
    ),
]
UntilCursor = Annotated[
    str | None,
    Query(
        max_length=128,
        pattern=r"^[A-Za-z0-9_-]+$",
        description=(
            "A cursor: stop after this position (inclusive), e.g. a slice's `until` from "
            "`GET /changes/bulk/slices`; omit to stream up to the head"
        ),
    ),
]
_TYPES_DOC = f"Comma-separated change types among: {', '.join(ChangeType)}"
# 400 invalid_cursor (tampered, or minted for another shop); 410 cursor_expired (reset epoch or
# pruned by retention: resync); 404 an unknown shop; 403 a token without changes:read.
_FEED_ERRORS = problems(400, 403, 404, 410)


@router.get(
    "/changes",
    response_model=ChangePage,
    responses=_FEED_ERRORS,
    summary="Committed changes after a cursor, in commit order, never skipping one",
    description=(
        "Rows of the shop's change log after `cursor`, oldest first, up to `limit`. Omit the "
        "cursor to start at the beginning of retention; `cursor=now` returns the head cursor "
        "without data. With `wait` > 0 and nothing new, the request is held until a change "
        "arrives or `wait` seconds pass. Loop forever on `next_cursor`."
    ),
)
async def list_changes(
    request: Request,
    shop_id: ShopId,
    auth: ChangesRead,
    session: Session,
    cursor: FeedCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    wait: Annotated[float, Query(ge=0, le=60)] = 0,
    types: Annotated[
        str | None,
        Query(max_length=500, description=_TYPES_DOC, json_schema_extra=_TYPES_PATTERN),
    ] = None,
) -> Response:
    # Authentication ran in the request's unit of work; end it so a parked long-poll holds no
    # connection and no transaction. Feed reads use their own short transactions.
    # (Long-polls are parked below FastAPI, by app/api/v1/changes_parked.py, through the same
    # functions: page_request and changes_response.)
    await session.commit()
    service = feed_service_of(request)
    if cursor == HEAD:
        return json_bytes_response(await service.head_page(shop_id))
    token = await oauth2_scheme(request)
    ask = page_request(service, request.app.state, auth, token, shop_id, cursor, limit, wait, types)
    return await changes_response(service, ask, auth.actor)


def page_request(
    service: FeedService,
    state: Any,
    auth: Authorized,
    token: str | None,
    shop_id: int,
    cursor: str | None,
    limit: int,
    wait: float,
    types: str | None,
) -> PageRequest:
    """A feed request from list_changes' validated parameters (400/422 on a bad cursor or
    type); its credentials are checked again whenever rights change while it is parked."""
    return PageRequest(
        shop_id=shop_id,
        cursor=service.parse_cursor(cursor, shop_id),
        limit=limit,
        types=_types(types),
        wait=wait,
        pii=auth.can_read_pii(shop_id),
        raw_json=True,
        credentials=_still_allowed(state, token, shop_id),
    )


async def changes_response(service: FeedService, ask: PageRequest, actor: Actor) -> Response:
    body, shown = await service.page(ask)
    if shown:  # the request's unit of work has ended: a short transaction of its own
        async with service.db.transaction() as audit:
            await record_pii_read(audit, actor, shown)
    return json_bytes_response(body)


def _still_allowed(state: Any, token: str | None, shop_id: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        """Raises what a new request with this token would get (401, 404, 403); says whether
        it may read PII."""
        async with state.db.sessionmaker() as session:
            principal = await principal_of(state, session, token)
        require_scope(principal, CHANGES_READ, shop_id)
        return PII_READ in principal.scopes_on(shop_id)

    return check


@router.get(
    "/changes/bulk",
    summary="Every change after a cursor up to the head, as one NDJSON stream",
    description=(
        "For initial syncs and long catch-ups: the rows `GET /changes` would return page after "
        "page, one JSON object per line (`application/x-ndjson`), streamed as PostgreSQL "
        "produces them, up to the horizon at the time of the request. In every change line "
        "`data` is the last member, so a client may store the entity's JSON without parsing "
        "it. The last line is "
        '`{"next_cursor": ..., "count": n}`: continue with `GET /changes` from that cursor. A '
        "stream that ends without it is incomplete: request it again. With `until` (a cursor, "
        "e.g. a slice's from `GET /changes/bulk/slices`) the stream stops after that position "
        "and the trailer's `next_cursor` is `until` itself (or the head, if `until` is past it)."
    ),
    response_class=StreamingResponse,
    responses={
        **ndjson_stream(
            "ChangeStreamLine",
            Change | BulkTrailer,
            "Change lines (`Change`), then one `BulkTrailer` line.",
        ),
        **_FEED_ERRORS,
    },
)
async def bulk_changes_ndjson(
    request: Request,
    shop_id: ShopId,
    auth: ChangesRead,
    session: Session,
    cursor: FeedCursor = None,
    until: UntilCursor = None,
    types: Annotated[
        str | None,
        Query(max_length=500, description=_TYPES_DOC, json_schema_extra=_TYPES_PATTERN),
    ] = None,
) -> StreamingResponse:
    await session.commit()  # the stream uses its own connection, not the request's
    for name, value in (("cursor", cursor), ("until", until)):
        if value == HEAD:
            raise ValidationFailed(
                f"{name}=now is not a position: take the head cursor from GET /changes.",
                [field_error(["query", name], "must be a cursor or omitted")],
            )
    service = feed_service_of(request)
    stream = bulk_changes(
        service.db,
        service.codec,
        shop_id,
        service.parse_cursor(cursor, shop_id),
        types=_types(types),
        pii=auth.can_read_pii(shop_id),
        until=service.parse_cursor(until, shop_id),
    )
    await anext(stream)  # checks the cursor: 410 cursor_expired before any line is sent
    return StreamingResponse(stream, media_type=NDJSON)


@router.get(
    "/changes/bulk/slices",
    response_model=BulkSlicePlan,
    responses=_FEED_ERRORS,
    summary="Cut the bulk stream into disjoint slices for a parallel initial copy",
    description=(
        "Up to `slices` consecutive, disjoint ranges covering every change after `cursor` up "
        "to the head, of about the same number of changes (fewer slices when there are fewer "
        "changes). Stream each with `GET /changes/bulk?cursor={cursor}&until={until}` (in "
        "parallel; a slice is final and can be streamed again after a failure), store them "
        "all, then follow `GET /changes` from `next_cursor`: nothing is missed, nothing "
        "repeats."
    ),
)
async def bulk_change_slices(
    request: Request,
    shop_id: ShopId,
    auth: ChangesRead,
    session: Session,
    slices: Annotated[
        int, Query(ge=1, le=MAX_SLICES, description="How many slices to cut (at most).")
    ] = 4,
    cursor: FeedCursor = None,
) -> Response:
    await session.commit()
    if cursor == HEAD:
        raise ValidationFailed(
            "cursor=now has nothing after it: take the head cursor from GET /changes.",
            [field_error(["query", "cursor"], "must be a cursor or omitted")],
        )
    service = feed_service_of(request)
    plan = await plan_slices(
        service.db, service.codec, shop_id, service.parse_cursor(cursor, shop_id), slices
    )
    return json_bytes_response(plan)


@router.get(
    "/sync-status",
    response_model=SyncStatus,
    responses=problems(403, 404),
    summary="Feed health for this shop: head cursor, oldest retained change, horizon lag",
)
async def sync_status(
    request: Request, shop_id: ShopId, auth: ChangesRead, session: Session
) -> Response:
    await session.commit()
    return json_bytes_response(await feed_service_of(request).status(shop_id))

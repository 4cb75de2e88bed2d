"""Read models of the change feed: a change, a page of changes, the bulk stream's trailer and
the shop's sync status (REST ``/changes``, ``/changes/bulk``, ``/sync-status``; GraphQL reads
the same dicts)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field
from typing_extensions import TypedDict

from app.kit.contract import HasMore, Timestamp, read_model
from app.models.feed import ChangeEntity, ChangeType

__all__ = [
    "BulkTrailer",
    "Change",
    "ChangeEntity",
    "ChangePage",
    "ChangeType",
    "OldestChange",
    "SyncStatus",
]

Cursor = Annotated[
    str,
    Field(
        description="Opaque, signed feed cursor: pass it back as `cursor` to read what follows.",
        examples=["AQAAAAEAAAAAAAAAAQAAAAAAAAPoAAAAAAAAAAB3kUWd8bVcvHHxkFvS3s8"],
    ),
]


@read_model
class Change(TypedDict):
    """One committed change of one entity, in commit order. Apply it only if `entity_version`
    is higher than the version you hold (re-delivery after a retry is harmless)."""

    id: Annotated[int, Field(description="Change id (increasing within a shop).", examples=[4211])]
    type: Annotated[ChangeType, Field(description="What happened.", examples=["order.paid"])]
    entity: Annotated[ChangeEntity, Field(description="Kind of entity changed.")]
    entity_id: Annotated[int, Field(description="Id of the changed entity.", examples=[1042])]
    entity_version: Annotated[
        int, Field(description="The entity's `version` after this change.", examples=[3])
    ]
    created_at: Annotated[
        Timestamp,
        Field(
            description="When the change was written (RFC 3339, UTC).",
            examples=["2026-12-07T08:15:00.123456Z"],
        ),
    ]
    data: Annotated[
        dict[str, Any],
        Field(
            description=(
                "The entity as the API represents it at `entity_version` (an order, after-sale "
                "or dispute, as `GET` of that entity returns it; the receiver is masked without "
                "the `pii` scope)."
            )
        ),
    ]


@read_model
class ChangePage(TypedDict):
    """Changes after the cursor, oldest first (the list envelope plus the feed's state). Loop
    forever on `next_cursor` (never null here)."""

    data: list[Change]
    has_more: HasMore
    next_cursor: Cursor

    horizon_lag_ms: Annotated[
        int,
        Field(
            description=(
                "How long the oldest still-running transaction has held the feed's horizon back "
                "(ms): committed changes behind it appear once it ends."
            ),
            examples=[0],
        ),
    ]
    caught_up: Annotated[
        bool,
        Field(
            description=(
                "Nothing committed before this read comes after `next_cursor`: a reader that "
                "applied this page is up to date as of the request."
            )
        ),
    ]


@read_model
class BulkTrailer(TypedDict):
    """The last line of `GET /changes/bulk`: a stream without it is incomplete."""

    next_cursor: Cursor
    count: Annotated[int, Field(description="Change lines in this stream.", examples=[125000])]


@read_model
class BulkSlice(TypedDict):
    """One range of a parallel copy: `GET /changes/bulk?cursor={cursor}&until={until}`."""

    cursor: Annotated[
        str | None,
        Field(
            description=(
                "Where the slice starts (exclusive); null: the beginning of retention "
                "(omit `cursor`)."
            ),
            examples=["AQAAAAEAAAAAAAAAAQAAAAAAAAPoAAAAAAAAAAB3kUWd8bVcvHHxkFvS3s8"],
        ),
    ]
    until: Annotated[
        str,
        Field(
            description="Where the slice ends (inclusive): pass it as `until`.",
            examples=["AQAAAAEAAAAAAAAAAQAAAAAAAAfQAAAAAAAAAADm4aJ1vbcvQ1r0kqB7M2c"],
        ),
    ]
    count: Annotated[
        int, Field(description="Changes in the slice when it was planned.", examples=[41667])
    ]


@read_model
class BulkSlicePlan(TypedDict):
    """Disjoint, consecutive ranges covering every change after the cursor up to the head."""

    data: Annotated[
        list[BulkSlice], Field(description="In feed order; each starts where the previous ends.")
    ]
    next_cursor: Annotated[
        str,
        Field(
            description=(
                "The last slice's `until`: once every slice is stored, follow "
                "`GET /changes` from here."
            ),
            examples=["AQAAAAEAAAAAAAAAAQAAAAAAAAfQAAAAAAAAAADm4aJ1vbcvQ1r0kqB7M2c"],
        ),
    ]
    count: Annotated[int, Field(description="Changes in all the slices.", examples=[125000])]


@read_model
class OldestChange(TypedDict):
    """The oldest change still retained for the shop."""

    id: Annotated[int, Field(description="Change id.", examples=[17])]
    created_at: Annotated[
        Timestamp, Field(description="RFC 3339, UTC.", examples=["2026-09-08T00:00:00Z"])
    ]


@read_model
class SyncStatus(TypedDict):
    """Feed health for one shop: where its head is, what is retained, how far it lags."""

    shop_id: Annotated[int, Field(description="The shop.", examples=[1])]
    head_cursor: Cursor
    epoch: Annotated[
        int,
        Field(
            description="Feed epoch: bumped after a restore (older cursors then answer 410).",
            examples=[1],
        ),
    ]
    oldest_retained_change: Annotated[
        OldestChange | None,
        Field(description="The oldest change retention kept; null when the log is empty."),
    ]
    horizon_lag_ms: Annotated[int, Field(description="As on a feed page (ms).", examples=[0])]
    changes_last_minute: Annotated[
        int, Field(description="Changes written for the shop in the last minute.", examples=[42])
    ]
    feed_complete: Annotated[
        bool,
        Field(
            description=(
                "Retention never removed anything: following the feed from the beginning "
                "rebuilds every entity (no snapshot needed)."
            )
        ),
    ]
    listener_connected: Annotated[
        bool,
        Field(
            description=(
                "This server receives change notifications: long-polls wake at once (otherwise "
                "within about a second)."
            )
        ),
    ]

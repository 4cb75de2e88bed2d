"""The webhook body: ``{id, type, shop_id, created_at, cursor, data}``.

``cursor`` is the shop's feed cursor just after this change (a receiver can resume the feed
from it); ``data`` is the entity's public representation at that version, receiver masked,
with ``entity``, ``entity_id`` and ``entity_version`` so receivers drop stale events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from app.domain.orders.representation import masked
from app.domain.sync.cursor import Cursor, CursorCodec, FeedPosition
from app.kit.clock import rfc3339


def change_body(
    codec: CursorCodec,
    *,
    webhook_id: str,
    event_type: str,
    shop_id: int,
    epoch: int,
    xid: int,
    change_id: int,
    entity: str,
    entity_id: int,
    entity_version: int,
    created_at: datetime,
    data: dict[str, Any],
) -> bytes:
    if isinstance(data.get("receiver"), dict):
        data = masked(data)
    cursor = codec.encode(Cursor(epoch, shop_id, FeedPosition(xid, change_id)))
    return orjson.dumps(
        {
            "id": webhook_id,
            "type": event_type,
            "shop_id": shop_id,
            "created_at": rfc3339(created_at),
            "cursor": cursor,
            "data": {
                **data,
                "entity": entity,
                "entity_id": entity_id,
                "entity_version": entity_version,
            },
        }
    )


def report_body(
    *, webhook_id: str, event_type: str, shop_id: int, created_at: datetime, data: dict[str, Any]
) -> bytes:
    """A scheduled report (``report.daily``): ``data`` is the report as the REST endpoint
    answers it (``GET /v1/shops/{id}/metrics/daily-report``). No feed cursor: not a change."""
    return orjson.dumps(
        {
            "id": webhook_id,
            "type": event_type,
            "shop_id": shop_id,
            "created_at": rfc3339(created_at),
            "data": data,
        }
    )


def ping_body(*, webhook_id: str, shop_id: int, endpoint_id: int, created_at: datetime) -> bytes:
    return orjson.dumps(
        {
            "id": webhook_id,
            "type": "ping",
            "shop_id": shop_id,
            "created_at": rfc3339(created_at),
            "cursor": None,
            "data": {"endpoint_id": endpoint_id},
        }
    )

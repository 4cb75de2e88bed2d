"""``ordergate webhooks listen``: follow a shop's change feed over the API and forward each
change to a local URL as a signed webhook (local development without a public endpoint).

Events have the webhook body shape; ``cursor`` is set on the last event of each feed page
(the feed's ``next_cursor``), which is where a restart with ``--cursor`` resumes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from app.domain.webhooks.signing import sign_headers

FEED_WAIT_SECONDS = 30
FORWARD_ATTEMPTS = 3


@dataclass(frozen=True)
class Forwarded:
    webhook_id: str
    type: str
    status_code: int | None
    error: str | None


def event_body(shop_id: int, change: dict[str, Any], cursor: str | None) -> bytes:
    data = {
        **(change.get("data") or {}),
        "entity": change["entity"],
        "entity_id": change["entity_id"],
        "entity_version": change["entity_version"],
    }
    return orjson.dumps(
        {
            "id": f"msg_{change['id']}",
            "type": change["type"],
            "shop_id": shop_id,
            "created_at": change["created_at"],
            "cursor": cursor,
            "data": data,
        }
    )


async def _forward(
    client: httpx.AsyncClient, url: str, secret: str, msg_id: str, body: bytes
) -> tuple[int | None, str | None]:
    error: str | None = None
    for attempt in range(FORWARD_ATTEMPTS):
        headers = sign_headers([secret], msg_id, body)
        headers["content-type"] = "application/json"
        try:
            response = await client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code < 500:
                return response.status_code, None
            error = f"HTTP {response.status_code}"
        await asyncio.sleep(0.5 * 2**attempt)  # a local receiver restarting: back off briefly
    return None, error


def _params(cursor: str) -> dict[str, str | int]:
    # An empty cursor means the beginning of retention: the parameter is left out.
    params: dict[str, str | int] = {"wait": FEED_WAIT_SECONDS}
    if cursor:
        params["cursor"] = cursor
    return params


async def listen_and_forward(
    *,
    base_url: str,
    token: str,
    shop_id: int,
    forward_to: str,
    secret: str,
    stop: asyncio.Event,
    cursor: str = "now",
    on_event: Callable[[Forwarded], None] | None = None,
) -> str:
    """Forward until ``stop``; returns the last cursor (resume point)."""
    feed_url = f"{base_url.rstrip('/')}/v1/shops/{shop_id}/changes"
    auth = {"authorization": f"Bearer {token}"}
    timeout = httpx.Timeout(10.0, read=FEED_WAIT_SECONDS + 15)
    async with (
        httpx.AsyncClient(timeout=timeout, headers=auth) as api,
        httpx.AsyncClient(timeout=10.0, follow_redirects=False) as local,
    ):
        if cursor == "now":
            head = await api.get(feed_url, params={"cursor": "now"})
            head.raise_for_status()
            cursor = head.json()["next_cursor"]
        while not stop.is_set():
            poll = asyncio.ensure_future(api.get(feed_url, params=_params(cursor)))
            stopped = asyncio.ensure_future(stop.wait())
            await asyncio.wait({poll, stopped}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            if not poll.done():
                poll.cancel()
                break
            page = poll.result()
            page.raise_for_status()
            body = page.json()
            changes = body["data"]
            for i, change in enumerate(changes):
                last = i == len(changes) - 1
                event = event_body(shop_id, change, body["next_cursor"] if last else None)
                msg_id = f"msg_{change['id']}"
                status, error = await _forward(local, forward_to, secret, msg_id, event)
                if on_event is not None:
                    on_event(Forwarded(msg_id, change["type"], status, error))
            cursor = body["next_cursor"]
    return cursor

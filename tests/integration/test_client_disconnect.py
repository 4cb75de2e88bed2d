"""A client that goes away mid-request is not a server error: no 500, no traceback."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.types import Message

from tests.factories import bearer, make_token


@pytest.mark.parametrize("path", ["/graphql", "/v1/shops/{shop_id}/exports"])
async def test_body_cut_short_by_a_disconnect_answers_499(
    app: Any, db: Any, shop: dict[str, int], path: str
) -> None:
    token = await make_token(db, shop_ids=[shop["shop_id"]])
    path = path.format(shop_id=shop["shop_id"])
    incoming: list[Message] = [
        {"type": "http.request", "body": b'{"query": "{ me', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            (b"content-type", b"application/json"),
            (b"content-length", b"400"),
            *((k.lower().encode(), v.encode()) for k, v in bearer(token).items()),
        ],
        "client": ("127.0.0.1", 5555),
        "server": ("test", 80),
        "state": {},
    }
    await app(scope, receive, send)  # raises if the error escapes to the server
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert [m["status"] for m in starts] == [499]

"""Request body caps, enforced before anything parses the body.

``ORDERGATE_MAX_BODY_BYTES`` (default 1 MB) for JSON and forms, ``ORDERGATE_MAX_UPLOAD_BYTES``
(default 10 MB + 64 KB) for ``multipart/form-data`` (dispute evidence). A declared
``Content-Length`` over the cap is refused without reading a byte; a body sent without one
(chunked) is counted as it streams and refused as soon as it passes the cap. Either way the
answer is 413 ``payload_too_large`` problem+json, whatever the route made of the cut body.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PROBLEM_BASE
from app.web.responses import problem_response


class BodyTooLarge(Exception):
    """Raised from ``receive`` once the streamed body passes the cap."""


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_body: int, max_upload: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    def limit_for(self, scope: Scope) -> int:
        content_type = _header(scope, b"content-type").lower()
        return self.max_upload if content_type.startswith(b"multipart/") else self.max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _header(scope, b"content-length")
        if declared.strip().isdigit() and int(declared) > limit:
            await self.refuse(scope, receive, send, limit)
            return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # the route's answer to a cut body is replaced by the 413 below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            await self.refuse(scope, receive, send, limit)

    async def refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        request_id = scope.get("state", {}).get("request_id")
        body: dict[str, object] = {
            "type": PROBLEM_BASE + "payload_too_large",
            "title": "Payload too large",
            "status": 413,
            "detail": f"The request body is limited to {limit} bytes.",
            "code": "payload_too_large",
            "max_bytes": limit,
        }
        if request_id:
            body["request_id"] = str(request_id)
        # The rest of the body is not read: ask the client to close rather than send it.
        response = problem_response(body, 413, {"Connection": "close"})
        await response(scope, receive, send)

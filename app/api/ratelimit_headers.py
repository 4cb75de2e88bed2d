"""Rate-limit response headers, as one pure ASGI middleware (any response, raw ones included).

IETF httpapi ratelimit-headers draft (-10) structured fields, plus the de-facto X- trio:

    RateLimit-Policy: "burst";q=50;w=1, "points";q=1000;w=60
    RateLimit: "burst";r=49;t=1, "points";r=997;t=60
    X-RateLimit-Limit: 1000         (points bucket)
    X-RateLimit-Remaining: 997
    X-RateLimit-Reset: 60           (seconds, not an epoch)
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.ratelimit import POINTS, STATE_KEY, Decision


def rate_limit_headers(decision: Decision) -> list[tuple[bytes, bytes]]:
    if not decision.buckets:  # throttle off, or storage down (failing open): nothing to tell
        return []
    policy = ", ".join(f'"{b.name}";q={b.limit};w={b.window}' for b in decision.buckets)
    current = ", ".join(f'"{b.name}";r={b.remaining};t={b.reset}' for b in decision.buckets)
    headers = [(b"ratelimit-policy", policy.encode()), (b"ratelimit", current.encode())]
    points = decision.bucket(POINTS)
    if points is not None:
        headers += [
            (b"x-ratelimit-limit", str(points.limit).encode()),
            (b"x-ratelimit-remaining", str(points.remaining).encode()),
            (b"x-ratelimit-reset", str(points.reset).encode()),
        ]
    return headers


class RateLimitHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                decision = scope.get("state", {}).get(STATE_KEY)
                if isinstance(decision, Decision):
                    message["headers"] = [
                        *message.get("headers", []),
                        *rate_limit_headers(decision),
                    ]
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""HTTP side of the mirror: feed pages and list pages, with the retry rules every client needs.

429 waits for ``Retry-After``; 5xx and network errors back off exponentially with jitter;
410 ``cursor_expired`` (and 400 ``invalid_cursor``) ask for a resync; anything else is fatal.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx


class ResyncRequired(Exception):
    """The stored cursor can no longer be served: copy everything again."""


class MirrorError(Exception):
    pass


class ApiClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        max_backoff: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "User-Agent": "ordergate-mirror"},
            timeout=httpx.Timeout(30.0),
            transport=transport,
        )
        self.max_backoff = max_backoff

    async def close(self) -> None:
        await self.http.aclose()

    async def get(
        self, path: str, params: dict[str, Any], *, read_timeout: float = 30.0
    ) -> httpx.Response:
        """GET with retries; returns 2xx and 404/403 responses, raises for the rest."""
        backoff = 0.25
        while True:
            try:
                r = await self.http.get(
                    path, params=params, timeout=httpx.Timeout(10.0, read=read_timeout)
                )
            except httpx.TransportError:
                r = None
            if r is not None and _usable(r):
                return r
            await asyncio.sleep(self._delay(r, backoff))
            backoff = min(backoff * 2, self.max_backoff)

    @asynccontextmanager
    async def stream(
        self, path: str, params: dict[str, Any], *, read_timeout: float = 60.0
    ) -> AsyncIterator[httpx.Response]:
        """A streamed GET with the same retry rules until the body starts; an error while the
        caller reads the body is the caller's (the stream is incomplete)."""
        backoff = 0.25
        while True:
            r: httpx.Response | None = None
            try:
                async with self.http.stream(
                    "GET", path, params=params, timeout=httpx.Timeout(10.0, read=read_timeout)
                ) as r:
                    if _usable(r):
                        yield r
                        return
                    await r.aread()
            except httpx.TransportError:
                if r is not None and _usable(r):
                    raise  # broke mid-body
                r = None
            await asyncio.sleep(self._delay(r, backoff))
            backoff = min(backoff * 2, self.max_backoff)

    def _delay(self, r: httpx.Response | None, backoff: float) -> float:
        """How long to wait before retrying ``r`` (None: a network error); raises when a
        retry cannot help."""
        if r is not None and r.status_code == 429:
            return _retry_after(r)
        if r is not None and r.status_code < 500:
            code = _code(r)
            if r.status_code == 410 or code == "invalid_cursor":
                raise ResyncRequired(code)
            raise MirrorError(f"{r.status_code} {code}: {r.text[:300]}")
        return backoff * (0.5 + random.random())


def _usable(r: httpx.Response) -> bool:
    return r.is_success or r.status_code in (403, 404)


def _retry_after(r: httpx.Response) -> float:
    try:
        return max(float(r.headers.get("Retry-After", "1")), 0.05)
    except ValueError:
        return 1.0


def _code(r: httpx.Response) -> str:
    try:
        return str(r.json().get("code", ""))
    except ValueError:
        return ""

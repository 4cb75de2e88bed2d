"""HTTP side of the mirror: feed pages and list pages, with the retry rules every client needs.

429 waits for ``Retry-After``; 5xx and network errors back off exponentially with jitter;
410 ``cursor_expired`` (and 400 ``invalid_cursor``) ask for a resync; anything else is fatal.
"""

from __future__ import annotations

import asyncio
import random
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
            if r is not None and (r.is_success or r.status_code in (403, 404)):
                return r
            if r is not None and r.status_code == 429:
                await asyncio.sleep(_retry_after(r))
                continue
            if r is not None and r.status_code < 500:
                code = _code(r)
                if r.status_code == 410 or code == "invalid_cursor":
                    raise ResyncRequired(code)
                raise MirrorError(f"{r.status_code} {code}: {r.text[:300]}")
            await asyncio.sleep(backoff * (0.5 + random.random()))
            backoff = min(backoff * 2, self.max_backoff)


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

"""An httpx transport that checks, at connect time, the address it is about to connect to.

Creating an endpoint checks its URL, but the name may resolve elsewhere by the time a delivery
is sent (DNS rebinding). Each new connection resolves the host once, applies the same rule as
creation (``urls.refused_address``) to every address, and connects to a checked address itself,
so no second lookup can swap it. The URL keeps the host name: the Host header, TLS SNI and
certificate verification are unchanged.
"""

from __future__ import annotations

import asyncio
import select
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from app.config import Settings
from app.domain.webhooks.urls import AddressRefused, Resolver, refused_address, resolve


class _Stream(httpcore.AsyncNetworkStream):
    """The connected stream, with the raw socket looked up once: httpcore asks every idle
    connection "is it readable?" on each request, and anyio rebuilds its whole attribute map
    (a getpeername() call included) for every such question — most of a busy worker's CPU."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: socket.socket | None = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
    ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "socket":
            return self._socket
        if info == "is_readable":  # what httpcore's own check does, without the lookup
            return _readable(self._socket)
        return self._inner.get_extra_info(info)


def _readable(sock: socket.socket | None) -> bool:
    if sock is None or sock.fileno() < 0:
        return True
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


class _CheckedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, settings: Settings, resolver: Resolver) -> None:
        self._settings = settings
        self._resolver = resolver
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await asyncio.wait_for(self._resolver(host, port), timeout)
        except (OSError, UnicodeError, TimeoutError) as exc:
            raise httpcore.ConnectError(f"{host} does not resolve ({exc})") from exc
        refused = refused_address(host, addresses, self._settings)
        if refused is not None:
            raise AddressRefused(host, refused)
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        error: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:  # next address, like the OS resolver path
                error = exc
            else:
                return _Stream(stream)
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks are never sent over unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class CheckedTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` whose connections go only to addresses the rule allows."""

    def __init__(
        self, settings: Settings, *, limits: httpx.Limits, resolver: Resolver = resolve
    ) -> None:
        super().__init__(limits=limits, trust_env=False)
        # httpx takes no network backend: the pool is rebuilt with ours (same limits, default TLS).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_CheckedBackend(settings, resolver),
        )

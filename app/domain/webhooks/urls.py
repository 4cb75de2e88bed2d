"""Endpoint URL rules: https (http only to loopback when allowed); in production, no host that
resolves to a private, loopback, link-local or otherwise non-public address (SSRF).

One rule (``refused_address``) serves both moments it matters: when an endpoint is created or
updated (422 ``validation_error``) and when a delivery connects (the attempt fails with
``ssrf_refused``), because DNS may answer differently by then (rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from app.config import Settings
from app.errors import ValidationFailed

MAX_URL_LENGTH = 2048
SSRF_REFUSED = "ssrf_refused"

# host, port -> the addresses to connect to; a parameter so tests can play DNS.
Resolver = Callable[[str, int], Awaitable[list[str]]]


class AddressRefused(Exception):
    """A delivery's host resolved to an address webhooks may not reach."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{SSRF_REFUSED}: {host} resolves to a non-public address ({address})")
        self.host = host
        self.address = address


def _invalid(msg: str) -> ValidationFailed:
    errors = [{"loc": ["body", "url"], "msg": msg}]
    return ValidationFailed("The webhook URL is not allowed.", errors=errors)


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _is_public(address: str) -> bool:
    ip = _ip(address)
    return ip.is_global and not ip.is_multicast


def _is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refused_address(host: str, addresses: list[str], settings: Settings) -> str | None:
    """The first of ``host``'s addresses webhooks may not reach (None: all may be reached).

    Development reaches anything; otherwise only public addresses, plus loopback addresses of a
    loopback host (``localhost``, ``127.0.0.1``, ``::1``) when http-to-loopback is allowed.
    """
    if settings.is_development:
        return None
    loopback_ok = _is_loopback_host(host) and settings.allow_http_loopback
    for address in addresses:
        if not (_is_public(address) or (loopback_ok and _ip(address).is_loopback)):
            return address
    return None


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (raises ``socket.gaierror`` when it does not)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def check_url(url: str, settings: Settings, *, resolver: Resolver = resolve) -> str:
    """The URL if it may receive webhooks; 422 ``validation_error`` otherwise."""
    if len(url) > MAX_URL_LENGTH:
        raise _invalid(f"at most {MAX_URL_LENGTH} characters")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise _invalid("must be an absolute https:// URL")
    if parts.username or parts.password:
        raise _invalid("credentials in the URL are not allowed")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise _invalid("invalid port") from exc
    if parts.scheme == "http" and not (_is_loopback_host(host) and settings.allow_http_loopback):
        raise _invalid("must use https (http only to loopback in development)")
    if settings.is_development:
        return url  # development reaches anything: no need for the name to resolve here
    try:
        addresses = await resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise _invalid(f"the host does not resolve ({exc})") from exc
    refused = refused_address(host, addresses, settings)
    if refused is not None:
        raise _invalid(f"the host resolves to a non-public address ({refused})")
    return url

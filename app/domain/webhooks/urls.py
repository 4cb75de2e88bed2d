"""Endpoint URL rules: https (http only to loopback when allowed); in production, no host that
resolves to a private, loopback, link-local or otherwise non-public address (SSRF)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from app.config import Settings
from app.errors import ValidationFailed

MAX_URL_LENGTH = 2048


def _invalid(msg: str) -> ValidationFailed:
    errors = [{"loc": ["body", "url"], "msg": msg}]
    return ValidationFailed("The webhook URL is not allowed.", errors=errors)


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def resolve(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _invalid(f"the host does not resolve ({exc})") from exc
    return sorted({str(info[4][0]) for info in infos})


async def check_url(url: str, settings: Settings) -> str:
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
    loopback = _is_loopback_host(host)
    if parts.scheme == "http" and not (loopback and settings.allow_http_loopback):
        raise _invalid("must use https (http only to loopback in development)")
    if settings.is_development or (loopback and settings.allow_http_loopback):
        return url
    for address in await resolve(host, port):
        if not _is_public(address):
            raise _invalid(f"the host resolves to a non-public address ({address})")
    return url

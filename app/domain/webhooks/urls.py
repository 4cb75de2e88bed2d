"""Endpoint URL rules: https (http only to loopback when allowed); in production, no host that
resolves to a private, loopback, link-local or otherwise non-public address (SSRF), including
the translated ranges (NAT64, 6to4, IPv4-mapped: judged by the IPv4 address they carry) and the
reserved ones ``ipaddress`` does not flag on every Python version (CGNAT, benchmarking, …).

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


# Ranges no webhook may reach although ``ipaddress`` may call them global (it differs between
# Python versions), or that translate to an address we cannot check.
_REFUSED_NETS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network"
        "100.64.0.0/10",  # carrier-grade NAT (RFC 6598)
        "192.0.0.0/24",  # IETF protocol assignments
        "192.88.99.0/24",  # 6to4 relay anycast (deprecated)
        "198.18.0.0/15",  # benchmarking
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, broadcast
        "::/96",  # IPv4-compatible (deprecated) and unspecified
        "::ffff:0:0:0/96",  # IPv4-translated (SIIT, RFC 2765)
        "64:ff9b:1::/48",  # NAT64 local use (RFC 8215): the embedded address cannot be located
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments: Teredo 2001::/32, ORCHID, benchmarking
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation (RFC 9637)
        "5f00::/16",  # SRv6 SIDs (RFC 9602)
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # well-known prefix: the last 32 bits
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")  # bits 16-48


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address a connection really reaches: an IPv4 address mapped into IPv6 (the OS
    connects over IPv4), or carried by NAT64 or 6to4 (the gateway forwards to it), is that
    IPv4 address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if not isinstance(ip, ipaddress.IPv6Address):
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    return ip


def _is_public(address: str) -> bool:
    ip = _ip(address)
    if any(ip in net for net in _REFUSED_NETS if net.version == ip.version):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_private)


def _is_loopback(address: str) -> bool:
    """Loopback as such or IPv4-mapped (the OS connects to it itself), never through a
    translator: ``64:ff9b::7f00:1`` reaches the NAT64 gateway's own loopback."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


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
        if not (_is_public(address) or (loopback_ok and _is_loopback(address))):
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
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # an unbalanced [ or ]: "Invalid IPv6 URL"
        raise _invalid("must be an absolute https:// URL") from exc
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

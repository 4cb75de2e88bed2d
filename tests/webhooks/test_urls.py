"""Endpoint URL rules: https only (http to loopback in development), SSRF refusal in production."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.domain.webhooks.urls import check_url, refused_address
from app.errors import ValidationFailed

pytestmark = pytest.mark.feed


PRODUCTION = Settings(env="production", secret_key="k")
DEVELOPMENT = Settings(env="development", secret_key="k")


@pytest.mark.parametrize(
    "url",
    [
        "https://169.254.169.254/latest/meta-data",
        "https://10.0.0.1/hook",
        "https://192.168.1.5/hook",
        "https://127.0.0.1/hook",
        "https://localhost/hook",  # a name resolving to loopback
        "https://[::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "http://127.0.0.1:9000/hook",
    ],
)
async def test_production_refuses_non_public_addresses(url: str) -> None:
    with pytest.raises(ValidationFailed):
        await check_url(url, PRODUCTION)


@pytest.mark.parametrize(
    "url", ["ftp://example.com/x", "http://example.com/hook", "https://user:pw@example.com/"]
)
async def test_scheme_and_credentials(url: str) -> None:
    with pytest.raises(ValidationFailed):
        await check_url(url, DEVELOPMENT)


@pytest.mark.parametrize("url", ["HtTp://\u00e9\ub37d\u0100]", "https://[::1/hook", "https://a]/"])
async def test_a_url_urlsplit_cannot_parse_is_a_validation_error(url: str) -> None:
    # urlsplit raises ValueError on an unbalanced bracket: it used to escape as a 500.
    with pytest.raises(ValidationFailed):
        await check_url(url, DEVELOPMENT)


async def test_development_allows_http_loopback() -> None:
    assert await check_url("http://127.0.0.1:9000/hook", DEVELOPMENT)
    assert await check_url("http://localhost:9000/hook", DEVELOPMENT)
    no_http = Settings(env="development", secret_key="k", webhook_allow_http_loopback=False)
    with pytest.raises(ValidationFailed):
        await check_url("http://127.0.0.1:9000/hook", no_http)


def test_one_rule_for_creation_and_delivery() -> None:
    loopback_ok = Settings(env="production", secret_key="k", webhook_allow_http_loopback=True)
    assert refused_address("hooks.example.com", ["93.184.216.34"], PRODUCTION) is None
    assert refused_address("hooks.example.com", ["93.184.216.34", "10.0.0.1"], PRODUCTION) == (
        "10.0.0.1"
    )
    assert refused_address("hooks.example.com", ["169.254.169.254"], PRODUCTION)
    assert refused_address("localhost", ["127.0.0.1"], PRODUCTION) == "127.0.0.1"
    assert refused_address("localhost", ["127.0.0.1", "::1"], loopback_ok) is None
    # The loopback exemption is for loopback hosts, not for any name resolving to loopback.
    assert refused_address("rebound.example.com", ["127.0.0.1"], loopback_ok) == "127.0.0.1"
    assert refused_address("localhost", ["10.0.0.1"], loopback_ok) == "10.0.0.1"
    assert refused_address("anything.test", ["10.0.0.1"], DEVELOPMENT) is None


# Translated and reserved ranges (issue 17): each is refused in production, whether the name
# resolves there at creation or at send time (``refused_address`` is the rule of both moments).
REFUSED_ADDRESSES = {
    # NAT64 well-known prefix: the gateway forwards to the embedded IPv4 address.
    "NAT64 to loopback": "64:ff9b::7f00:1",
    "NAT64 to RFC 1918": "64:ff9b::a00:1",
    "NAT64 to metadata": "64:ff9b::a9fe:a9fe",
    "NAT64 to CGNAT": "64:ff9b::6440:1",
    # NAT64 local-use prefix (RFC 8215): the embedded address cannot be located, so all of it.
    "NAT64 local-use": "64:ff9b:1::808:808",
    # 6to4 embeds an IPv4 address in bits 16-48.
    "6to4 embedding RFC 1918": "2002:a00:1::1",
    "6to4 embedding loopback": "2002:7f00:1::1",
    "6to4 embedding metadata": "2002:a9fe:a9fe::1",
    "Teredo": "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "IPv4-mapped private": "::ffff:10.0.0.1",
    "IPv4-mapped loopback": "::ffff:127.0.0.1",
    "IPv4-compatible (deprecated)": "::808:808",
    "IPv4-translated (SIIT)": "::ffff:0:808:808",
    "CGNAT": "100.64.0.1",
    "CGNAT top": "100.127.255.254",
    "this network": "0.1.2.3",
    "unspecified v4": "0.0.0.0",
    "unspecified v6": "::",
    "benchmarking": "198.18.0.1",
    "benchmarking top": "198.19.255.254",
    "IETF protocol assignments": "192.0.0.8",
    "6to4 relay anycast": "192.88.99.1",
    "documentation v4": "203.0.113.5",
    "documentation v6": "2001:db8::1",
    "documentation v6 (RFC 9637)": "3fff::1",
    "multicast v4": "224.0.0.1",
    "multicast v4 global scope": "233.252.0.1",
    "multicast v6": "ff0e::1",
    "reserved class E": "240.0.0.1",
    "broadcast": "255.255.255.255",
    "site-local v6 (deprecated)": "fec0::1",
    "unique local v6": "fd00::1",
    "link-local v6": "fe80::1%eth0",
    "discard-only v6": "100::1",
    "ORCHIDv2": "2001:20::1",
    "SRv6 SIDs": "5f00::1",
}

ALLOWED_ADDRESSES = {
    "public v4": "93.184.216.34",
    "public v6": "2606:2800:220:1:248:1893:25c8:1946",
    # A DNS64 network answers public v4-only hosts with NAT64 addresses: those still work.
    "NAT64 to a public address": "64:ff9b::5db8:d822",
    "6to4 embedding a public address": "2002:5db8:d822::1",
    "IPv4-mapped public": "::ffff:93.184.216.34",
}


@pytest.mark.parametrize("address", REFUSED_ADDRESSES.values(), ids=REFUSED_ADDRESSES.keys())
def test_translated_and_reserved_ranges_are_refused(address: str) -> None:
    assert refused_address("hooks.example.com", [address], PRODUCTION) == address


@pytest.mark.parametrize("address", ALLOWED_ADDRESSES.values(), ids=ALLOWED_ADDRESSES.keys())
def test_public_addresses_and_their_translations_are_allowed(address: str) -> None:
    assert refused_address("hooks.example.com", [address], PRODUCTION) is None


@pytest.mark.parametrize("address", ["64:ff9b::7f00:1", "2002:a00:1::1", "100.64.0.1"])
async def test_creation_refuses_a_name_resolving_to_a_translated_range(address: str) -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return [address]

    with pytest.raises(ValidationFailed) as caught:
        await check_url("https://hooks.example.com/hook", PRODUCTION, resolver=resolver)
    assert address in caught.value.extra["errors"][0]["msg"]


def test_the_loopback_exemption_does_not_extend_to_translated_loopback() -> None:
    loopback_ok = Settings(env="production", secret_key="k", webhook_allow_http_loopback=True)
    assert refused_address("localhost", ["::ffff:127.0.0.1"], loopback_ok) is None
    assert refused_address("localhost", ["64:ff9b::7f00:1"], loopback_ok) == "64:ff9b::7f00:1"

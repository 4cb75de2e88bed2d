"""Endpoint URL rules: https only (http to loopback in development), SSRF refusal in production."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.domain.webhooks.urls import check_url, refused_address
from app.errors import ValidationFailed

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

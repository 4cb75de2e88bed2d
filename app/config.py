"""Settings from the environment only (prefix ``ORDERGATE_``; DATABASE_URL and REDIS_URL bare)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ORDERGATE_", extra="ignore")

    env: Literal["development", "production"] = "production"
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "ORDERGATE_DATABASE_URL")
    )
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "ORDERGATE_REDIS_URL")
    )
    data_dir: Path = Path("./var")
    internal_token: str | None = None
    secret_key: str | None = None

    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_statement_timeout_ms: int = 30_000
    db_idle_in_transaction_timeout_ms: int = 60_000
    # How long a request waits for a pooled connection before answering 503 (not 30 s, then 500).
    db_pool_timeout_seconds: float = 5.0

    feed_retention_days: int = 90
    export_ttl_days: int = 7
    # A buyer's address-change request still pending this long on an unshipped order is approved.
    address_change_auto_approve_hours: float = 12.0
    refresh_grace_seconds: int = 30
    access_token_ttl_seconds: int = 3600

    webhook_allow_http_loopback: bool | None = None
    webhook_retry_schedule: str = "0,5,300,1800,7200,18000,36000,36000"
    webhook_lease_seconds: float = 60.0
    webhook_concurrency_per_endpoint: int = 16
    webhook_concurrency: int = 256

    ratelimit_enabled: bool = True
    ratelimit_points_per_minute: int = 1000
    ratelimit_requests_per_second: int = 50
    # tier -> points per minute; the merchant console's tier (see domain/apps/console_client.py)
    ratelimit_tiers: dict[str, int] = Field(default_factory=lambda: {"console": 6000})
    ratelimit_fail_closed: bool = False
    ratelimit_key_prefix: str = "ordergate:rl"
    auth_attempts_per_minute: int = 10
    # Proxies (comma-separated IPs or CIDRs) whose X-Forwarded-For names the client; none by
    # default, so a client cannot pick the address its per-IP limits are counted under.
    trusted_proxies: str = ""

    # Request bodies: JSON and forms, and multipart uploads (dispute evidence), checked before
    # parsing (413 payload_too_large).
    max_body_bytes: int = 1_048_576
    max_upload_bytes: int = 10 * 1_048_576 + 65_536  # a 10 MB file plus the form's other parts

    # The externally visible base URL (https://api.example.com): the OAuth issuer. Derived from
    # the request only in development.
    public_url: str | None = None

    graphiql: bool | None = None
    graphql_max_cost: int = 1000
    # Selections of a GraphQL document with its fragment spreads expanded; checked in linear
    # time before validation (whose rules walk the expansion).
    graphql_max_selections: int = Field(default=2000, ge=1)
    graphql_introspection: bool = True
    # A token's rights are cached per process this long (never past the token's expiry); any
    # rights change empties the cache at commit (app/auth/cache.py). 0 turns the cache off.
    auth_cache_seconds: float = Field(default=5.0, ge=0, le=60)
    # Open WebSockets: their token's rights are re-read this often (a revoked or expired token,
    # an uninstalled app or a removed staff member closes the socket with 4403).
    graphql_ws_auth_check_seconds: float = Field(default=1.0, gt=0, le=5)
    graphql_max_subscriptions_per_token: int = Field(default=100, ge=1)
    graphql_max_sockets_per_token: int = Field(default=20, ge=1)

    # Extra origins (comma-separated, e.g. https://ops.example.com) whose /console/callback the
    # console's OAuth client may redirect to; loopback origins on any port are always allowed.
    console_origins: str = ""

    demo_password: str | None = None
    log_level: str = "INFO"
    log_json: bool = True

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: str) -> str:
        for entry in (p.strip() for p in value.split(",")):
            if entry:
                ipaddress.ip_network(entry, strict=False)  # ValueError names the bad entry
        return value

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    @property
    def pg_dir(self) -> Path:
        return self.data_dir / "pg"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def graphiql_enabled(self) -> bool:
        return self.is_development if self.graphiql is None else self.graphiql

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def allow_http_loopback(self) -> bool:
        if self.webhook_allow_http_loopback is None:
            return self.is_development
        return self.webhook_allow_http_loopback


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def async_database_url(url: str) -> str:
    """Normalise any PostgreSQL URL to the asyncpg driver SQLAlchemy needs."""
    for prefix in (
        "postgresql+asyncpg://",
        "postgresql+psycopg://",
        "postgresql://",
        "postgres://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def plain_database_url(url: str) -> str:
    """The libpq/asyncpg form of a URL (no SQLAlchemy driver suffix)."""
    return async_database_url(url).replace("postgresql+asyncpg://", "postgresql://", 1)


def database_url_with_name(url: str, name: str) -> str:
    """The same server URL pointing at database ``name`` (query string, e.g. ``host=``, kept)."""
    base, sep, query = url.partition("?")
    scheme, _, rest = base.partition("://")
    authority = rest.split("/", 1)[0]
    return f"{scheme}://{authority}/{name}{sep}{query}"

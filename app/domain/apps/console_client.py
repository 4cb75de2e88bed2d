"""The merchant console's OAuth client: public, first-party, ``client_id=ordergate-console``.

Every server start ensures it exists (idempotent upsert), so any database a server runs on has
it, whether it was made by ``ordergate up``, ``ordergate migrate`` + ``serve`` or restored.
Its stored redirect URIs are ``/console/callback`` on the loopback hosts, any port (RFC 8252
§7.3, see :func:`app.oauth2.models.redirect_uri_matches`). The origins of
``ORDERGATE_CONSOLE_ORIGINS`` are added by the server reading its own settings at each request
(:meth:`app.oauth2.server.OrderGateAuthorizationServer.query_client`), not stored: two
deployments sharing a database with different settings never undo each other.

The client needs an owner row: a disabled system account that can never sign in.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.config import Settings
from app.db import Database
from app.domain.access.scopes import ALL_SCOPES
from app.domain.apps import repository

CONSOLE_CLIENT_ID = "ordergate-console"
# A person clicking through the console reads whole order pages (~120 points each): the
# first-party console gets its own rate-limit tier (ORDERGATE_RATELIMIT_TIERS, default 6000).
CONSOLE_TIER = "console"
CONSOLE_NAME = "OrderGate console"
CALLBACK_PATH = "/console/callback"
SYSTEM_EMAIL = "system@ordergate.invalid"
#: Not an argon2 hash: no password verifies against it.
UNUSABLE_PASSWORD = "!system-account-no-password"  # noqa: S105 - a marker, not a secret
LOOPBACK_ORIGINS = ("http://127.0.0.1", "http://localhost", "http://[::1]")


def parse_origin(value: str) -> str:
    """``scheme://host[:port]`` normalised; https, or http on a loopback host only."""
    parts = urlsplit(value.strip())
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"{value!r} is not an origin (scheme://host[:port], nothing after it)")
    host = parts.hostname
    if not host or parts.scheme not in ("https", "http"):
        raise ValueError(f"{value!r} is not an http(s) origin")
    if parts.scheme == "http" and host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"{value!r} must be https (plain http only on a loopback host)")
    shown = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{shown}{port}"


LOOPBACK_REDIRECT_URIS = tuple(origin + CALLBACK_PATH for origin in LOOPBACK_ORIGINS)


def configured_origins(settings: Settings) -> list[str]:
    """``ORDERGATE_CONSOLE_ORIGINS``, validated and normalised (ValueError when malformed)."""
    found = [parse_origin(v) for v in settings.console_origins.split(",") if v.strip()]
    return list(dict.fromkeys(found))


def configured_redirect_uris(settings: Settings) -> list[str]:
    return [origin + CALLBACK_PATH for origin in configured_origins(settings)]


async def ensure_console_client(db: Database) -> None:
    uris = list(LOOPBACK_REDIRECT_URIS)
    scope = " ".join(ALL_SCOPES)
    async with db.transaction() as session:
        owner = await repository.ensure_system_account(session, SYSTEM_EMAIL, UNUSABLE_PASSWORD)
        values = {
            "name": CONSOLE_NAME,
            "client_type": "public",
            "client_secret_hash": None,
            "redirect_uris": uris,
            "scope": scope,
            "first_party": True,
            "private_shop_ids": None,
        }
        await repository.align_first_party_app(
            session, CONSOLE_CLIENT_ID, owner, CONSOLE_TIER, values
        )

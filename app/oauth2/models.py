"""Authlib's client, code and token mixins over our rows."""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import AuthorizationCodeMixin, ClientMixin, TokenMixin

from app.domain.access.scopes import format_scopes
from app.domain.access.secrets import hash_secret
from app.kit.clock import utcnow
from app.models import Account, OAuthAuthorizationCode, OAuthClient, OAuthToken

SECRET_METHODS = ("client_secret_basic", "client_secret_post")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def redirect_uri_matches(registered: str, requested: str, *, any_loopback_port: bool) -> bool:
    """Exact string match (OAuth 2.1), with one exception for public clients: a registered
    ``http`` loopback URI matches the same URI on any port (RFC 8252 §7.3), because a native
    app or a locally served console gets whatever port is free. Host, path and query must
    still be identical; no userinfo, no fragment.
    """
    if requested == registered:
        return True
    if not any_loopback_port:
        return False
    want, got = urlsplit(registered), urlsplit(requested)
    if want.scheme != "http" or got.scheme != "http" or want.hostname not in LOOPBACK_HOSTS:
        return False
    if want.port is not None or got.username is not None or got.password is not None:
        return False  # a registered port is meant exactly
    try:
        got.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    host = want.netloc  # host as registered, e.g. "[::1]"
    got_host = got.netloc.rsplit(":", 1)[0] if got.port is not None else got.netloc
    return (
        got_host == host
        and got.path == want.path
        and got.query == want.query
        and not got.fragment
        and "#" not in requested
    )


class Client(ClientMixin):  # type: ignore[misc]
    def __init__(self, row: OAuthClient, extra_redirect_uris: Sequence[str] = ()) -> None:
        self.row = row
        self.id = row.id
        # Allowed by this server's settings rather than stored (the console's extra origins).
        self.redirect_uris = [*(row.redirect_uris or []), *extra_redirect_uris]

    @property
    def is_public(self) -> bool:
        return self.row.client_type == "public"

    def get_client_id(self) -> str:
        return self.row.client_id

    def get_default_redirect_uri(self) -> str | None:
        uris = self.row.redirect_uris or []
        return uris[0] if len(uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str:
        allowed = set(self.row.scope.split())
        if not scope:
            return self.row.scope
        return format_scopes(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        # Exact match (no prefix, no normalisation), any port on loopback for public clients.
        return any(
            redirect_uri_matches(uri, redirect_uri, any_loopback_port=self.is_public)
            for uri in self.redirect_uris
        )

    def check_client_secret(self, client_secret: str) -> bool:
        stored = self.row.client_secret_hash
        return bool(stored) and hmac.compare_digest(hash_secret(client_secret), stored or "")

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.is_public:
            return method == "none"
        return method in SECRET_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and bool(self.row.redirect_uris)

    def check_grant_type(self, grant_type: str) -> bool:
        if grant_type == "client_credentials":
            return not self.is_public and bool(self.row.private_shop_ids)
        return grant_type in ("authorization_code", "refresh_token")


@dataclass(frozen=True)
class User:
    id: int
    email: str

    @classmethod
    def of(cls, account: Account) -> User:
        return cls(account.id, account.email)


class AuthorizationCode(AuthorizationCodeMixin):  # type: ignore[misc]
    def __init__(self, row: OAuthAuthorizationCode) -> None:
        self.row = row
        self.code_challenge = row.code_challenge
        self.code_challenge_method = row.code_challenge_method

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope

    def is_expired(self) -> bool:
        return self.row.expires_at <= utcnow()


class Token(TokenMixin):  # type: ignore[misc]
    """A token row seen through the secret that found it (access or refresh)."""

    def __init__(self, row: OAuthToken, kind: str, client_id: str | None = None) -> None:
        self.row = row
        self.kind = kind
        self.client_id = client_id

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.id

    def get_scope(self) -> str:
        return self.row.scope

    def _expires_at(self) -> datetime | None:
        if self.kind == "refresh_token":
            return self.row.refresh_expires_at
        return self.row.access_expires_at

    def get_expires_in(self) -> int:
        expires = self._expires_at()
        return max(int((expires - utcnow()).total_seconds()), 0) if expires else 0

    def is_expired(self) -> bool:
        expires = self._expires_at()
        return expires is None or expires <= utcnow()

    def is_revoked(self) -> bool:
        if self.row.revoked_at is not None:
            return True
        # A rotated refresh token only lives on for racing retries; it is not "active".
        return self.kind == "refresh_token" and self.row.rotated_at is not None

    def get_user(self) -> int | None:
        return self.row.account_id

    def get_client(self) -> None:
        return None

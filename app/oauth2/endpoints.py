"""RFC 7009 revocation and RFC 7662 introspection over our token rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from authlib.oauth2.rfc7009 import RevocationEndpoint as _RevocationEndpoint
from authlib.oauth2.rfc7662 import IntrospectionEndpoint as _IntrospectionEndpoint
from sqlalchemy.orm import Session

from app.domain.access.secrets import ACCESS_PREFIX, REFRESH_PREFIX, hash_secret
from app.domain.tokens import repository as tokens
from app.domain.tokens.service import revoke_family_sync, revoke_tokens_sync
from app.models import OAuthToken
from app.oauth2.grants import ANY_CLIENT_AUTH, MAX_SECRET_LENGTH
from app.oauth2.models import SECRET_METHODS, Client, Token

if TYPE_CHECKING:
    from app.oauth2.server import OrderGateAuthorizationServer


def find_token(session: Session, value: str) -> Token | None:
    """By prefix: ``oga_`` access tokens, ``ogr_`` refresh tokens; anything else is unknown."""
    if len(value) > MAX_SECRET_LENGTH:
        return None
    digest = hash_secret(value)
    if value.startswith(ACCESS_PREFIX):
        kind, match = "access_token", OAuthToken.access_token_hash == digest
    elif value.startswith(REFRESH_PREFIX):
        kind, match = "refresh_token", OAuthToken.refresh_token_hash == digest
    else:
        return None
    row = tokens.token_by_digest(session, match)
    return Token(row, kind) if row else None


class RevocationEndpoint(_RevocationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = ANY_CLIENT_AUTH
    server: OrderGateAuthorizationServer

    def query_token(self, token_string: str, token_type_hint: str | None) -> Token | None:
        return find_token(self.server.session, token_string)

    def authenticate_token(self, request: Any, client: Client) -> Token | None:
        # RFC 7009 §2.2: a token of another client is answered like an unknown one.
        self.check_params(request, client)
        token = self.query_token(request.form["token"], request.form.get("token_type_hint"))
        return token if token and token.check_client(client) else None

    def revoke_token(self, token: Token, request: Any) -> None:
        session = self.server.session
        if token.kind == "refresh_token":
            revoke_family_sync(session, token.row.family_id)
            return
        revoke_tokens_sync(session, OAuthToken.id == token.row.id)


class IntrospectionEndpoint(_IntrospectionEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS: ClassVar[list[str]] = list(SECRET_METHODS)
    server: OrderGateAuthorizationServer

    def query_token(self, token_string: str, token_type_hint: str | None) -> Token | None:
        return find_token(self.server.session, token_string)

    def check_permission(self, token: Token, client: Client, request: Any) -> bool:
        # A client may introspect only its own tokens.
        return bool(token.check_client(client))

    def introspect_token(self, token: Token) -> dict[str, Any]:
        row = token.row
        client_id = tokens.client_id_of(self.server.session, row.client_id)
        expires = row.refresh_expires_at if token.kind == "refresh_token" else row.access_expires_at
        return {
            "active": True,
            "scope": row.scope,
            "client_id": client_id,
            "token_type": "Bearer" if token.kind == "access_token" else "refresh_token",
            "sub": str(row.account_id) if row.account_id is not None else None,
            "exp": int(expires.timestamp()) if expires else None,
            "iat": int(row.issued_at.timestamp()),
            "shop_ids": list(row.shop_ids),
        }

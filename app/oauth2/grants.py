"""Authlib grants over our tables: authorization code (+ S256 PKCE, always), refresh rotation
with a grace window, client credentials for a merchant's private apps.

Authlib is synchronous; these run inside ``AsyncSession.run_sync`` so ``self.server.session``
is a sync Session driving the request's async connection.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import InvalidGrantError, InvalidRequestError, InvalidScopeError
from authlib.oauth2.rfc7636 import CodeChallenge

from app.domain.access.secrets import (
    ACCESS_PREFIX,
    CODE_PREFIX,
    REFRESH_PREFIX,
    derive_secret,
    hash_secret,
    new_secret,
)
from app.domain.tokens import repository as tokens
from app.domain.tokens.service import (
    issue_tokens_sync,
    revoke_family_sync,
    revoke_tokens_sync,
)
from app.kit.clock import utcnow
from app.logging import get_logger
from app.models import OAuthToken
from app.oauth2.models import AuthorizationCode, Client, Token, User

if TYPE_CHECKING:
    from app.oauth2.server import OrderGateAuthorizationServer

log = get_logger(__name__)

CODE_TTL = timedelta(seconds=60)
MAX_SECRET_LENGTH = 200
ANY_CLIENT_AUTH = ["client_secret_basic", "client_secret_post", "none"]


class S256CodeChallenge(CodeChallenge):  # type: ignore[misc]
    """PKCE is required for every client, and only with S256 (no plain, no default)."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar[list[str]] = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: missing 'code_challenge'.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE requires code_challenge_method=S256.")
        super().validate_code_challenge(grant, redirect_uri)

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        if not grant.request.form.get("code_verifier"):
            raise InvalidRequestError("PKCE is required: missing 'code_verifier'.")
        super().validate_code_verifier(grant, result)


def _user(server: OrderGateAuthorizationServer, account_id: int | None) -> User | None:
    if account_id is None:
        return None
    account = tokens.active_account(server.session, account_id)
    return User.of(account) if account else None


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ANY_CLIENT_AUTH
    server: OrderGateAuthorizationServer

    def generate_authorization_code(self) -> str:
        return new_secret(CODE_PREFIX)

    def save_authorization_code(self, code: str, request: Any) -> None:
        if not request.scope:
            raise InvalidScopeError()
        tokens.insert_authorization_code(
            self.server.session,
            code_hash=hash_secret(code),
            client_id=request.client.id,
            account_id=request.user.id,
            # Stored as sent: if the request named a redirect_uri, the token request must too.
            redirect_uri=request.payload.redirect_uri or "",
            scope=request.scope,
            shop_ids=request.shop_ids,
            code_challenge=request.payload.data["code_challenge"],
            code_challenge_method="S256",
            expires_at=utcnow() + CODE_TTL,
        )

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        if len(code) > MAX_SECRET_LENGTH:
            return None
        session = self.server.session
        row = tokens.lock_authorization_code(session, hash_secret(code))
        if row is None or row.client_id != client.id:
            return None
        if row.used_at is not None:
            # A replayed code: whoever holds it may be an attacker; kill what it produced.
            revoke_tokens_sync(session, tokens.made_from_code(row.id))
            log.warning("oauth_code_reused", code_id=row.id, client_id=client.id)
            return None
        wrapped = AuthorizationCode(row)
        return None if wrapped.is_expired() else wrapped

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        tokens.mark_code_used(self.server.session, authorization_code.row.id)

    def authenticate_user(self, authorization_code: AuthorizationCode) -> User | None:
        return _user(self.server, authorization_code.row.account_id)


class RefreshTokenGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    """Rotation: each use returns a new pair derived from the presented refresh token.

    Deriving (HMAC with the server key) instead of storing plaintext lets a retry within the
    grace window receive the *same* new pair; reuse after the window revokes the family.
    """

    TOKEN_ENDPOINT_AUTH_METHODS = ANY_CLIENT_AUTH
    INCLUDE_NEW_REFRESH_TOKEN = True
    server: OrderGateAuthorizationServer

    def authenticate_refresh_token(self, refresh_token: str) -> Token | None:
        if not refresh_token.startswith(REFRESH_PREFIX) or len(refresh_token) > MAX_SECRET_LENGTH:
            return None
        session = self.server.session
        # Row lock: concurrent refreshes of one token serialise here; the later one sees the
        # rotation committed by the first and replays its result.
        row = tokens.lock_token_by_refresh_digest(session, hash_secret(refresh_token))
        now = utcnow()
        if row is None or row.revoked_at is not None:
            return None
        if row.refresh_expires_at is None or row.refresh_expires_at <= now:
            return None
        grace = timedelta(seconds=self.server.settings.refresh_grace_seconds)
        if row.rotated_at is not None and now - row.rotated_at > grace:
            revoke_family_sync(session, row.family_id)
            log.warning("oauth_refresh_reused", token_id=row.id, family_id=row.family_id)
            return None
        return Token(row, "refresh_token")

    def authenticate_user(self, refresh_token: Token) -> User | None:
        return _user(self.server, refresh_token.row.account_id)

    def create_token_response(self) -> tuple[int, dict[str, Any], list[tuple[str, str]]]:
        token: Token = self.request.refresh_token
        presented: str = self.request.form["refresh_token"]
        key = self.server.secret_key
        access = derive_secret(ACCESS_PREFIX, key, "rotate:access", presented)
        refresh = derive_secret(REFRESH_PREFIX, key, "rotate:refresh", presented)
        if token.row.rotated_at is not None:
            body = self._replay(token.row, access, refresh)
        else:
            body = self._rotate(token.row, access, refresh)
        return 200, body, self.TOKEN_RESPONSE_HEADER

    def _replay(self, old: OAuthToken, access: str, refresh: str) -> dict[str, Any]:
        new = tokens.token_by_id(self.server.session, old.replaced_by_id)
        if (
            new is None
            or new.revoked_at is not None
            or new.access_token_hash != hash_secret(access)
        ):
            raise InvalidGrantError()
        return {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": Token(new, "access_token").get_expires_in(),
            "refresh_token": refresh,
            "scope": new.scope,
            "shop_ids": list(new.shop_ids),
        }

    def _rotate(self, old: OAuthToken, access: str, refresh: str) -> dict[str, Any]:
        if old.account_id is None or self.authenticate_user(Token(old, "refresh_token")) is None:
            raise InvalidGrantError("There is no active account for this token.")
        session = self.server.session
        # Shops the account left since are dropped; if none remain the grant is gone.
        shops = sorted(tokens.member_roles(session, old.account_id, old.shop_ids))
        if not shops:
            raise InvalidGrantError("The account no longer has access to any granted shop.")
        issued = issue_tokens_sync(
            session,
            client_id=old.client_id,
            account_id=old.account_id,
            shop_ids=shops,
            scope=self.request.payload.scope or old.scope,
            access_ttl_seconds=self.server.settings.access_token_ttl_seconds,
            install=False,
            family_id=old.family_id,
            authorization_code_id=old.authorization_code_id,
            access_token=access,
            refresh_token=refresh,
        )
        tokens.mark_rotated(session, old.id, issued.token_id)
        return issued.as_response()


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    """A merchant's private (confidential) app, bound to shops its owner chose at creation."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["client_secret_basic", "client_secret_post"]

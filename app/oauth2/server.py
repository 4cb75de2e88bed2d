"""Authlib's AuthorizationServer, subclassed for OrderGate.

One instance per request, bound to a sync Session (``AsyncSession.run_sync``): Authlib's
callbacks are synchronous and must use the request's own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from authlib.oauth2.rfc6749 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidGrantError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.config import Settings
from app.domain.access.scopes import ALL_SCOPES
from app.domain.access.secrets import ACCESS_PREFIX, CLIENT_ID_PREFIX, REFRESH_PREFIX, new_secret
from app.domain.apps.console_client import CONSOLE_CLIENT_ID, configured_redirect_uris
from app.domain.tokens import repository as tokens
from app.domain.tokens.service import issue_tokens_sync
from app.errors import BadRequest
from app.oauth2.endpoints import IntrospectionEndpoint, RevocationEndpoint
from app.oauth2.grants import (
    AuthorizationCodeGrant,
    ClientCredentialsGrant,
    RefreshTokenGrant,
    S256CodeChallenge,
)
from app.oauth2.models import Client

T = TypeVar("T")
Result = tuple[int, Any, list[tuple[str, str]]]


class OrderGateAuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__(scopes_supported=list(ALL_SCOPES))
        self.session = session
        self.settings = settings
        self.secret_key = settings.secret_key or ""
        self.register_token_generator("default", self._generate_token)
        self.register_grant(AuthorizationCodeGrant, [S256CodeChallenge(required=True)])
        self.register_grant(RefreshTokenGrant)
        self.register_grant(ClientCredentialsGrant)
        self.register_endpoint(RevocationEndpoint)
        self.register_endpoint(IntrospectionEndpoint)

    # --- Authlib hooks ---------------------------------------------------------------------

    def query_client(self, client_id: str) -> Client | None:
        if not client_id or len(client_id) > 64:
            return None
        if not client_id.startswith(CLIENT_ID_PREFIX) and client_id != CONSOLE_CLIENT_ID:
            return None
        row = tokens.live_client(self.session, client_id)
        if row is None:
            return None
        if client_id == CONSOLE_CLIENT_ID:
            return Client(row, configured_redirect_uris(self.settings))
        return Client(row)

    def _generate_token(
        self,
        grant_type: str,
        client: Client,
        user: Any = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        token: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": new_secret(ACCESS_PREFIX),
            "expires_in": self.settings.access_token_ttl_seconds,
            "scope": client.get_allowed_scope(scope),
        }
        if include_refresh_token and grant_type != "client_credentials":
            token["refresh_token"] = new_secret(REFRESH_PREFIX)
        return token

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        client: Client = request.client
        code = request.authorization_code
        if code is not None:
            account_id, shop_ids, code_id = code.row.account_id, code.row.shop_ids, code.row.id
        else:  # client_credentials: the owner's shops chosen when the private app was made
            account_id = client.row.owner_account_id
            shop_ids, code_id = client.row.private_shop_ids or [], None
        try:
            issued = issue_tokens_sync(
                self.session,
                client_id=client.id,
                account_id=account_id,
                shop_ids=shop_ids,
                scope=token["scope"],
                access_ttl_seconds=self.settings.access_token_ttl_seconds,
                with_refresh="refresh_token" in token,
                install=False,
                authorization_code_id=code_id,
                access_token=token["access_token"],
                refresh_token=token.get("refresh_token"),
            )
        except BadRequest as exc:
            raise InvalidGrantError(exc.detail.replace("'", "")) from exc
        token.update(scope=issued.scope, shop_ids=issued.shop_ids)

    def create_oauth2_request(self, request: Any) -> Any:
        return request  # already a StarletteOAuth2Request (read before entering Authlib)

    def create_json_request(self, request: Any) -> Any:
        return request

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Result:
        return status, body, list(headers)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None


async def run_authorization_server(
    session: AsyncSession, settings: Settings, call: Callable[[OrderGateAuthorizationServer], T]
) -> T:
    """Run sync Authlib code against this request's transaction."""
    return await session.run_sync(lambda sync: call(OrderGateAuthorizationServer(sync, settings)))

"""The OAuth2 security scheme of the OpenAPI document, and the bearer token it reads.

Documented flows: authorization code (PKCE) for vendor apps and client credentials for a
merchant's private apps, with every scope and its meaning.
"""

from __future__ import annotations

from fastapi.openapi.models import OAuthFlowAuthorizationCode, OAuthFlowClientCredentials
from fastapi.openapi.models import OAuthFlows as OAuthFlowsModel
from fastapi.security import OAuth2
from fastapi.security.utils import get_authorization_scheme_param
from starlette.requests import HTTPConnection

from app.domain.access.scopes import SCOPE_DESCRIPTIONS


class OAuth2Bearer(OAuth2):
    def __init__(self) -> None:
        super().__init__(
            flows=OAuthFlowsModel(
                authorizationCode=OAuthFlowAuthorizationCode(
                    authorizationUrl="/oauth/authorize",
                    tokenUrl="/oauth/token",
                    refreshUrl="/oauth/token",
                    scopes=SCOPE_DESCRIPTIONS,
                ),
                clientCredentials=OAuthFlowClientCredentials(
                    tokenUrl="/oauth/token", scopes=SCOPE_DESCRIPTIONS
                ),
            ),
            scheme_name="OAuth2",
            description="Opaque `oga_` bearer tokens. PKCE (S256) is required for the "
            "authorization code flow; see docs/oauth.md.",
            auto_error=False,
        )

    async def __call__(self, request: HTTPConnection) -> str | None:
        """The bearer token, or None (the principal dependency answers 401)."""
        scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
        if scheme.lower() != "bearer" or not token:
            return None
        return token

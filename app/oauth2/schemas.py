"""The OAuth endpoints' bodies: form requests, token, introspection and metadata responses,
and their errors. OAuth errors are RFC 6749 JSON (``error``, ``error_description``) that also
carry our problem fields; they are documented as what they are, ``OAuthError``, not as
problem+json."""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict

from app.kit.contract import read_model

Scope = Annotated[
    str,
    Field(
        description="Space-separated scopes.",
        examples=["orders:read orders:write changes:read"],
    ),
]
ClientId = Annotated[
    str, Field(description="OAuth client id (or HTTP Basic auth).", examples=["ogc_4kq7w2"])
]
ClientSecret = Annotated[
    str, Field(description="Client secret (client_secret_post; or HTTP Basic auth).")
]


class TokenForm(TypedDict):
    """``application/x-www-form-urlencoded`` body of ``POST /oauth/token``."""

    grant_type: Annotated[
        Literal["authorization_code", "refresh_token", "client_credentials"],
        Field(description="The grant."),
    ]
    code: NotRequired[Annotated[str, Field(description="authorization_code: the code.")]]
    redirect_uri: NotRequired[
        Annotated[str, Field(description="authorization_code: as sent to /oauth/authorize.")]
    ]
    code_verifier: NotRequired[
        Annotated[str, Field(description="authorization_code: the PKCE (S256) verifier.")]
    ]
    refresh_token: NotRequired[
        Annotated[str, Field(description="refresh_token: the refresh token (`ogr_…`).")]
    ]
    scope: NotRequired[Scope]
    client_id: NotRequired[ClientId]
    client_secret: NotRequired[ClientSecret]


class TokenActionForm(TypedDict):
    """``application/x-www-form-urlencoded`` body of ``/oauth/revoke`` and ``/oauth/introspect``."""

    token: Annotated[str, Field(description="An access (`oga_…`) or refresh (`ogr_…`) token.")]
    token_type_hint: NotRequired[
        Annotated[Literal["access_token", "refresh_token"], Field(description="Which kind.")]
    ]
    client_id: NotRequired[ClientId]
    client_secret: NotRequired[ClientSecret]


ShopIds = Annotated[
    list[int], Field(description="The shops the token may touch.", examples=[[1, 2]])
]


@read_model
class TokenResponse(TypedDict):
    """RFC 6749 §5.1 token response (``Cache-Control: no-store``)."""

    access_token: Annotated[
        str, Field(description="Bearer token for the API (`oga_…`).", examples=["oga_…"])
    ]
    token_type: Annotated[Literal["Bearer"], Field(description="Always `Bearer`.")]
    expires_in: Annotated[
        int, Field(description="Seconds the access token lives.", examples=[3600])
    ]
    scope: Scope
    refresh_token: NotRequired[
        Annotated[
            str,
            Field(
                description=(
                    "Rotating refresh token (`ogr_…`); none for client_credentials. Each use "
                    "returns a new one."
                )
            ),
        ]
    ]
    shop_ids: ShopIds


@read_model
class IntrospectionResponse(TypedDict):
    """RFC 7662 introspection response: only ``active`` when the token is not active (unknown,
    expired, revoked or another client's)."""

    active: Annotated[bool, Field(description="The token is valid now.")]
    scope: NotRequired[Scope]
    client_id: NotRequired[ClientId]
    token_type: NotRequired[
        Annotated[
            Literal["Bearer", "refresh_token"],
            Field(description="`Bearer` (access token) or `refresh_token`."),
        ]
    ]
    sub: NotRequired[
        Annotated[
            str | None,
            Field(description="Account id the token acts for; null (client_credentials)."),
        ]
    ]
    exp: NotRequired[Annotated[int | None, Field(description="Expiry (Unix seconds).")]]
    iat: NotRequired[Annotated[int, Field(description="Issued at (Unix seconds).")]]
    shop_ids: NotRequired[ShopIds]


@read_model
class RevocationResponse(TypedDict):
    """RFC 7009: an empty object, also for an unknown token."""


@read_model
class AuthorizationServerMetadata(TypedDict):
    """RFC 8414 authorization server metadata."""

    issuer: Annotated[str, Field(examples=["https://ordergate.example.com"])]
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str
    introspection_endpoint: str
    scopes_supported: list[str]
    response_types_supported: list[str]
    response_modes_supported: list[str]
    grant_types_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    revocation_endpoint_auth_methods_supported: list[str]
    introspection_endpoint_auth_methods_supported: list[str]
    code_challenge_methods_supported: list[str]
    service_documentation: str


@read_model
class OAuthError(TypedDict):
    """RFC 6749 §5.2 error (``application/json``), with OrderGate's problem fields alongside
    (``code`` is the OAuth ``error``)."""

    error: Annotated[
        str,
        Field(
            description=(
                "`invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, "
                "`unsupported_grant_type`, `invalid_scope` or `unsupported_token_type`."
            ),
            examples=["invalid_grant"],
        ),
    ]
    error_description: NotRequired[Annotated[str, Field(description="Human-readable detail.")]]
    error_uri: NotRequired[str]
    state: NotRequired[str]
    type: Annotated[str, Field(examples=["https://ordergate.dev/problems/invalid_grant"])]
    title: Annotated[str, Field(examples=["Bad request"])]
    status: Annotated[int, Field(examples=[400])]
    detail: str
    code: Annotated[str, Field(description="Same as `error`.")]

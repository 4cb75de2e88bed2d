"""Read models of OAuth apps and of their installations (grants) on shops."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field
from typing_extensions import TypedDict

from app.kit.contract import Timestamp, read_model

_TIME = "2026-11-26T22:40:00.123Z"
_SCOPE = Annotated[
    str,
    Field(
        description="Granted scopes, space-separated in canonical order",
        examples=["orders:read orders:write changes:read webhooks:manage"],
    ),
]


class ClientType(StrEnum):
    """OAuth client type: a confidential app keeps a secret (server side), a public one
    (browser, desktop) cannot and uses PKCE only."""

    PUBLIC = "public"
    CONFIDENTIAL = "confidential"


@read_model
class App(TypedDict):
    """An OAuth app (client) of the calling account."""

    id: Annotated[int, Field(description="App id (used in paths; not the client_id)", examples=[5])]
    client_id: Annotated[
        str,
        Field(description="OAuth client_id", examples=["ogc_3Jd8hW2kQm9PzX4rT6vBn1Ls5Yc7"]),
    ]
    name: Annotated[str, Field(description="Shown on the consent page", examples=["My ERP"])]
    client_type: Annotated[ClientType, Field(description="Confidential (has a secret) or public")]
    redirect_uris: Annotated[
        list[str],
        Field(description="Allowed redirect URIs", examples=[["https://erp.example/cb"]]),
    ]
    scope: _SCOPE
    private_shop_ids: Annotated[
        list[int] | None,
        Field(
            description="A private app (client_credentials) is bound to these shops of its "
            "owner; null for an app installed through consent",
            examples=[None, [7]],
        ),
    ]
    created_at: Annotated[Timestamp, Field(description="RFC 3339 UTC", examples=[_TIME])]


@read_model
class AppWithSecret(App):
    """The app just created: the only response that carries its client secret."""

    client_secret: Annotated[
        str | None,
        Field(
            description="Client secret of a confidential app, shown only here (never "
            "stored in clear); null for a public app",
            examples=["ogs_q0Zk8yJ3nVw5Rt2Lp7Hx4Mb9Cd6Fg1Sa"],
        ),
    ]


@read_model
class Grant(TypedDict):
    """An app installed on a shop by an account (consent or private app)."""

    app_id: Annotated[int, Field(description="The app's id", examples=[5])]
    client_id: Annotated[
        str, Field(description="The app's OAuth client_id", examples=["ogc_3Jd8hW2kQm9PzX4rT6vBn1"])
    ]
    app_name: Annotated[str, Field(description="The app's name", examples=["My ERP"])]
    account_id: Annotated[int, Field(description="The account that installed it", examples=[3])]
    scope: _SCOPE
    created_at: Annotated[
        Timestamp, Field(description="Installed at (RFC 3339 UTC)", examples=[_TIME])
    ]

"""Read model of a shop as a token sees it (``GET /v1/shops``, ``GET /v1/me``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from typing_extensions import TypedDict

from app.kit.contract import read_model


@read_model
class ShopAccess(TypedDict):
    """A shop this token may touch, and what it may do there."""

    id: Annotated[int, Field(description="Shop id.", examples=[1])]
    name: Annotated[str, Field(description="Shop name.", examples=["旗舰店"])]
    timezone: Annotated[
        str,
        Field(
            description="IANA timezone of the shop's days (metrics, exports).",
            examples=["Asia/Shanghai"],
        ),
    ]
    scopes: Annotated[
        list[str],
        Field(
            description=(
                "Effective scopes on this shop: the token's grant within the account's role."
            ),
            examples=[["orders:read", "orders:write", "changes:read"]],
        ),
    ]

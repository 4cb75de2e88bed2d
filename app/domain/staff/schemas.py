"""Read model of a shop's staff member (an account with a role on the shop)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field
from typing_extensions import TypedDict

from app.domain.access.scopes import Scope
from app.kit.contract import Timestamp, read_model
from app.models.accounts import Role

# The roles an owner may give: ownership itself is not handed out through the staff API.
StaffRole = Literal[Role.VIEWER, Role.AFTER_SALES, Role.SHIPPING]


@read_model
class StaffMember(TypedDict):
    """An account's membership of the shop."""

    account_id: Annotated[int, Field(description="The account", examples=[42])]
    email: Annotated[str, Field(description="Login email", examples=["clerk@shop.example"])]
    display_name: Annotated[
        str | None, Field(description="Name shown in the console", examples=["Li Wei"])
    ]
    role: Annotated[Role, Field(description="Role on this shop")]
    scopes: Annotated[
        list[Scope],
        Field(
            description="What the role may do on the shop (a token's scopes are further "
            "limited to those its app was granted)",
            examples=[["orders:read", "orders:write", "changes:read", "metrics:read"]],
        ),
    ]
    created_at: Annotated[
        Timestamp,
        Field(description="Member since (RFC 3339 UTC)", examples=["2026-11-26T22:40:00Z"]),
    ]

"""Read model of the operation (audit) log."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field
from typing_extensions import TypedDict

from app.domain.audit.actor import ActorType
from app.kit.contract import Timestamp, read_model


@read_model
class AuditActor(TypedDict):
    """Who performed the operation."""

    type: Annotated[ActorType, Field(description="Kind of actor")]
    account_id: Annotated[
        int | None, Field(description="The person (account), when known", examples=[3])
    ]
    app_id: Annotated[int | None, Field(description="The app the token belongs to", examples=[5])]
    token_id: Annotated[int | None, Field(description="The access token used", examples=[812])]


@read_model
class AuditEntry(TypedDict):
    """One operation on the shop: who did what to which entity, from where."""

    id: Annotated[int, Field(description="Entry id", examples=[10423])]
    created_at: Annotated[
        Timestamp, Field(description="RFC 3339 UTC", examples=["2026-11-26T22:40:00.123Z"])
    ]
    actor: AuditActor
    action: Annotated[
        str,
        Field(
            description="`<entity>.<step>`, e.g. `order.shipped`, `after_sale.approved`, "
            "`staff.role_changed`, `app.installed`, `webhook_endpoint.created`, "
            "`export.created`",
            examples=["order.shipped"],
        ),
    ]
    entity: Annotated[
        str,
        Field(
            description="Kind of entity: `order`, `after_sale`, `dispute`, `staff`, `app`, "
            "`webhook_endpoint`, `export`",
            examples=["order"],
        ),
    ]
    entity_id: Annotated[int | None, Field(description="The entity's id", examples=[901])]
    before_version: Annotated[
        int | None, Field(description="Entity version before the write", examples=[2])
    ]
    after_version: Annotated[
        int | None, Field(description="Entity version after the write", examples=[3])
    ]
    request_id: Annotated[
        str | None,
        Field(description="The request's `X-Request-ID`", examples=["01JDQ6Z7W3M2K8V4"]),
    ]
    ip: Annotated[str | None, Field(description="Client address", examples=["203.0.113.9"])]
    data: Annotated[
        dict[str, Any],
        Field(
            description="What changed (depends on the action)",
            examples=[{"carrier": "SF", "tracking_no": "SF1234567890"}],
        ),
    ]

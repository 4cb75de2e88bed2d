"""Address-change requests: inputs and the read model."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field
from typing_extensions import TypedDict

from app.domain.orders.schemas import Receiver, ReceiverIn
from app.domain.paging import NewestFirstParams, Repeatable
from app.kit.contract import Timestamp, read_model
from app.kit.inputs import StrictModel, VersionedIn
from app.models.buyer_requests import AddressChangeStatus, DecidedBy

__all__ = ["AddressChangeStatus", "DecidedBy"]

# Why the platform rejected a request on its own (``reject_reason`` of an automatic rejection).
ORDER_SHIPPED = "order_shipped"
ORDER_CLOSED = "order_closed"


class AddressChangeCreate(StrictModel):
    receiver: ReceiverIn


class AddressChangeApprove(VersionedIn):
    pass


class AddressChangeReject(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "Already packed", "expected_version": 1}]},
    )

    reason: str = Field(min_length=1, max_length=500, pattern=r"\S")


class AddressChangeListParams(NewestFirstParams):
    status: Repeatable[AddressChangeStatus] = None


@read_model
class AddressChangeRequest(TypedDict):
    """A buyer's request to ship an unshipped order to another receiver."""

    id: Annotated[int, Field(description="Request id (unique within the shop).")]
    shop_id: int
    order_id: Annotated[int, Field(description="The order whose receiver would change.")]
    status: AddressChangeStatus
    receiver: Annotated[
        Receiver,
        Field(description="The receiver asked for; masked like the order's without read_pii."),
    ]
    reject_reason: Annotated[
        str | None,
        Field(
            description="The merchant's reason, or `order_shipped` / `order_closed` when the "
            "platform rejected it; null unless rejected."
        ),
    ]
    decided_by: Annotated[
        DecidedBy | None,
        Field(
            description="`merchant`, or `auto` when the platform settled it; null while pending."
        ),
    ]
    auto_approve_at: Annotated[
        Timestamp,
        Field(description="When a still-pending request on an unshipped order is approved."),
    ]
    allowed_actions: Annotated[
        list[str], Field(description="approve, reject while pending.", examples=[["approve"]])
    ]
    created_at: Timestamp
    decided_at: Annotated[Timestamp | None, Field(description="Null while pending.")]
    version: Annotated[int, Field(description="Bumped by every change (ETag / If-Match).")]
    updated_at: Timestamp

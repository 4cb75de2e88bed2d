"""After-sales: input models and the read model the API returns."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict

from app.domain.orders.filters import MAX_ID, Instant
from app.kit.contract import Timestamp, read_model
from app.kit.inputs import StrictModel
from app.models.after_sales import AfterSaleStatus, AfterSaleType

__all__ = ["AfterSaleStatus", "AfterSaleType"]


class AfterSaleCreate(StrictModel):
    type: AfterSaleType
    reason: str = Field(min_length=1, max_length=500, pattern=r"\S")
    amount: int | None = Field(
        default=None, ge=1, le=2**63 - 1, description="Fen; default the refundable rest"
    )


AfterSaleActionName = Literal[
    "approve",
    "reject",
    "request_return",
    "confirm_return_received",
    "refund",
    "offer_exchange",
    "close",
]


class AfterSaleAction(StrictModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"action": "reject", "reason": "Item was used", "expected_version": 1}]
        },
    )

    action: AfterSaleActionName
    expected_version: int | None = Field(default=None, ge=1, le=2**31 - 1)  # INTEGER columns
    reason: str | None = Field(default=None, min_length=1, max_length=500, pattern=r"\S")


class AfterSaleListParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: list[AfterSaleType] | None = Field(default=None, description="Repeatable")
    status: list[AfterSaleStatus] | None = Field(default=None, description="Repeatable")
    order_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    created_from: Instant | None = Field(default=None, description="Inclusive")
    created_to: Instant | None = Field(default=None, description="Exclusive")
    sort: Literal["-created_at"] = "-created_at"
    limit: int = Field(default=50, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=512)


@read_model
class AfterSale(TypedDict):
    """A buyer's refund, return or exchange request on an order, and where it stands."""

    id: Annotated[int, Field(description="After-sale id (unique within the shop).")]
    shop_id: int
    order_id: Annotated[int, Field(description="The order it is about.")]
    type: AfterSaleType
    status: AfterSaleStatus
    reason: Annotated[str, Field(description="The buyer's reason.", examples=["Wrong size"])]
    amount: Annotated[
        int, Field(description="Amount to refund, in fen (12990 = ¥129.90).", examples=[12990])
    ]
    reject_reason: Annotated[
        str | None, Field(description="The merchant's reason when rejected, else null.")
    ]
    allowed_actions: Annotated[
        list[str],
        Field(
            description="Actions the merchant may take now (POST .../actions): approve, "
            "reject, request_return, confirm_return_received, refund, offer_exchange, close.",
            examples=[["approve", "close", "reject"]],
        ),
    ]
    created_at: Annotated[Timestamp, Field(description="When the buyer opened it.")]
    resolved_at: Annotated[
        Timestamp | None,
        Field(description="When it reached a final state (refunded, rejected, ...), else null."),
    ]
    version: Annotated[int, Field(description="Bumped by every change (ETag / If-Match).")]
    updated_at: Timestamp

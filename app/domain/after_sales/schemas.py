"""After-sales: input models and the read model the API returns."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict

from app.domain.orders.filters import MAX_ID, Instant
from app.errors import Problem
from app.kit.contract import Timestamp, read_model
from app.kit.inputs import StrictModel
from app.models.after_sales import AfterSaleStatus, AfterSaleType, ExchangeOfferStatus

__all__ = ["AfterSaleStatus", "AfterSaleType", "ExchangeOfferStatus"]

ENTRY_PROBLEM = (
    "When not ok: the entry's problem details, the same object an error response carries."
)
MAX_AFTER_SALE_BATCH = 100


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


class ExchangeOfferAnswer(StrictModel):
    """The buyer's answer to an exchange offer (from the commerce core)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"accepted": True}]})

    accepted: bool
    expected_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


class AfterSaleBatchEntry(AfterSaleAction):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    after_sale_id: int = Field(ge=1, le=MAX_ID)


class AfterSaleBatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "actions": [
                        {"after_sale_id": 31, "action": "approve", "expected_version": 1},
                        {"after_sale_id": 32, "action": "reject", "reason": "Item was used"},
                    ]
                }
            ]
        },
    )

    actions: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=MAX_AFTER_SALE_BATCH,
        description="Entries `{after_sale_id, action, expected_version?, reason?}`; each is "
        "validated on its own and answered in `results` at the same position.",
    )


@read_model
class ExchangeOffer(TypedDict):
    """An exchange offered instead of a refund, and the buyer's answer."""

    status: ExchangeOfferStatus
    from_type: Annotated[
        AfterSaleType, Field(description="What the buyer had asked for (refund_only, ...).")
    ]
    offered_at: Timestamp
    answered_at: Annotated[Timestamp | None, Field(description="Null while pending.")]


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
    exchange_offer: Annotated[
        ExchangeOffer | None,
        Field(description="The exchange the merchant offered instead of the refund, if any."),
    ]
    allowed_actions: Annotated[
        list[str],
        Field(
            description="Actions the caller (its role and scopes) may take now (POST "
            ".../actions): approve, reject, request_return, confirm_return_received, refund, "
            "offer_exchange, close.",
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


@read_model
class AfterSaleBatchEntryResult(TypedDict):
    """The outcome of one entry, at the same position as in the request."""

    after_sale_id: Annotated[int | None, Field(description="Null when the entry had no valid id.")]
    ok: bool
    after_sale: NotRequired[
        Annotated[AfterSale, Field(description="The after-sale after the action (when ok).")]
    ]
    error: NotRequired[Annotated[Problem, Field(description=ENTRY_PROBLEM)]]


@read_model
class AfterSaleBatchResult(TypedDict):
    results: list[AfterSaleBatchEntryResult]
    succeeded: Annotated[int, Field(description="Entries done.")]
    failed: Annotated[int, Field(description="Entries refused (each has its error).")]

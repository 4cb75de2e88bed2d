"""Input models of after-sales."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.orders.filters import MAX_ID, AfterSaleStatus, Instant
from app.domain.orders.schemas import StrictModel

AfterSaleType = Literal["refund_only", "return_refund", "exchange"]


class AfterSaleCreate(StrictModel):
    type: AfterSaleType
    reason: str = Field(min_length=1, max_length=500)
    amount: int | None = Field(default=None, ge=1, description="Fen; default the refundable rest")


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
    expected_version: int | None = Field(default=None, ge=1)
    reason: str | None = Field(default=None, min_length=1, max_length=500)


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

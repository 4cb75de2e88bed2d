"""Input models of after-sales."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.domain.orders.schemas import StrictModel

AfterSaleType = Literal["refund_only", "return_refund", "exchange"]


class AfterSaleCreate(StrictModel):
    type: AfterSaleType
    reason: str = Field(min_length=1, max_length=500)
    amount: int | None = Field(default=None, ge=1, description="Fen; default the refundable rest")

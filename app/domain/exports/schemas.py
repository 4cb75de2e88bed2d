"""Export input. Job ranges are whole days in the shop timezone, both ends inclusive; the
filters are the order list's own model (``app.domain.orders.filters.OrderFilter``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from app.domain.orders.filters import OrderFilter
from app.kit.inputs import StrictModel

Granularity = Literal["order", "item"]
Locale = Literal["en", "zh"]


class ExportCreate(StrictModel):
    format: Literal["csv", "xlsx"] = "csv"
    fields: list[str] = Field(default_factory=list, max_length=100)
    filters: OrderFilter = Field(default_factory=OrderFilter)
    created_from: date = Field(description="First day (shop timezone, inclusive)")
    created_to: date = Field(description="Last day (shop timezone, inclusive); ≤ 90 days")
    granularity: Granularity = "order"
    locale: Locale = "en"
    bom: bool = Field(default=False, description="CSV only: start with a UTF-8 BOM for Excel")


class OrdersCsvParams(OrderFilter):
    """Query of the synchronous ``orders.csv``: the order-list filters plus file options."""

    fields: list[str] = Field(default_factory=list, max_length=100)
    granularity: Granularity = "order"
    locale: Locale = "en"
    bom: bool = False

    def order_filter(self) -> OrderFilter:
        return OrderFilter.model_validate(
            self.model_dump(include=set(OrderFilter.model_fields), exclude_none=True)
        )

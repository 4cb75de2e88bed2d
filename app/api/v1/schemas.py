"""Response shapes of the orders, after-sales and disputes routes, for the OpenAPI document.

The routes build plain dicts and serialise them with orjson (no response_model validation on
hot paths); these models only describe them. ``extra="allow"``: clients must ignore new fields.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Buyer(_Open):
    id: str
    nickname: str


class ItemOut(_Open):
    id: int
    product_id: int
    title: str
    sku: str | None
    quantity: int
    unit_price: int


class AfterSaleSummary(_Open):
    count: int
    open: int
    latest_status: str | None


class OrderRow(_Open):
    id: int
    shop_id: int
    order_no: str
    status: str
    pay_status: str
    pay_method: str | None
    created_at: str
    paid_at: str | None
    paid_amount: int
    buyer: Buyer
    items: list[ItemOut]
    tracking_numbers: list[str]
    flagged: bool
    after_sale: AfterSaleSummary
    author_id: int | None
    traffic_source: str
    province: str
    city: str
    version: int
    updated_at: str


class OrderPage(_Open):
    data: list[OrderRow]
    next_cursor: str | None
    has_more: bool


class OrderOut(_Open):
    """The order representation (detail adds timeline, after_sales, disputes, reminders)."""

    id: int
    shop_id: int
    order_no: str
    status: str
    pay_status: str
    paid_amount: int
    refunded_amount: int
    shipping_fee: int
    receiver: dict[str, Any]
    items: list[ItemOut]
    shipments: list[dict[str, Any]]
    flagged: bool
    version: int


class AfterSaleOut(_Open):
    id: int
    shop_id: int
    order_id: int
    type: str
    status: str
    amount: int
    allowed_actions: list[str]
    version: int


class AfterSalePage(_Open):
    data: list[AfterSaleOut]
    next_cursor: str | None
    has_more: bool


class DisputeOut(_Open):
    id: int
    shop_id: int
    order_id: int
    kind: str
    status: str
    allowed_actions: list[str]
    review_due_at: str | None
    version: int


class DisputePage(_Open):
    data: list[DisputeOut]
    next_cursor: str | None
    has_more: bool


class EvidenceOut(_Open):
    id: int
    dispute_id: int
    kind: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str


class EvidenceList(_Open):
    data: list[EvidenceOut]


class BatchEntryResult(_Open):
    order_id: int | None
    ok: bool


class BatchResult(_Open):
    results: list[BatchEntryResult]
    succeeded: int
    failed: int


def ok(model: type[BaseModel], status: int = 200) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": model, "description": "Success"}}

"""Input types mirroring the REST filters; validated by the same pydantic models."""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry
from pydantic import BaseModel, ValidationError

from app.errors import ValidationFailed, field_error
from app.graphql.types.scalars import (
    AfterSaleStatus,
    AfterSaleType,
    DateTime,
    DayRange,
    OrderStatus,
    PayMethod,
    PayStatus,
    TrafficSource,
)

M = TypeVar("M", bound=BaseModel)


@strawberry.input(description="Every filter of the REST order list; combined with AND.")
class OrderFilterInput:
    order_no: str | None = None
    product_id: int | None = None
    buyer_id: str | None = None
    buyer_nickname: str | None = strawberry.field(default=None, description="Prefix, any case")
    status: list[OrderStatus] | None = None
    pay_status: list[PayStatus] | None = None
    pay_method: list[PayMethod] | None = None
    created_from: DateTime | None = None
    created_to: DateTime | None = None
    updated_from: DateTime | None = None
    updated_to: DateTime | None = None
    range: DayRange | None = None
    flagged: bool | None = None
    has_after_sale: bool | None = None
    after_sale_status: list[AfterSaleStatus] | None = None
    author_id: int | None = None
    traffic_source: list[TrafficSource] | None = None
    province: str | None = None
    tracking_no: str | None = None
    min_paid: int | None = None
    max_paid: int | None = None
    buyer_note_contains: str | None = strawberry.field(default=None, description="Any case")
    merchant_remark_contains: str | None = strawberry.field(default=None, description="Any case")


@strawberry.input
class AfterSaleFilterInput:
    type: list[AfterSaleType] | None = None
    status: list[AfterSaleStatus] | None = None
    order_id: int | None = None
    created_from: DateTime | None = None
    created_to: DateTime | None = None


@strawberry.input(description="The REST dispute list's filters (values as in REST)")
class DisputeFilterInput:
    kind: list[str] | None = strawberry.field(
        default=None, description="logistics or malicious_claim"
    )
    status: list[str] | None = strawberry.field(
        default=None, description="open, evidence_submitted, under_review, won or lost"
    )
    order_id: int | None = None


def plain(value: Any) -> Any:
    """Strawberry input/enum values -> plain Python (enum values are the REST strings)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "value") and not hasattr(value, "__dataclass_fields__"):
        return value.value
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {k: plain(getattr(value, k)) for k in fields if getattr(value, k) is not None}
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


# Paging fields of the REST models are top-level GraphQL arguments with Relay names.
_ARGUMENTS = {"limit": "first", "cursor": "after", "sort": "sort"}


def _graphql_loc(loc: tuple[Any, ...], argument: str, names: dict[str, str]) -> list[str | int]:
    head = loc[0] if loc else ""
    if head in names:
        return [names[head], *loc[1:]]
    return [argument, *(_camel(p) if isinstance(p, str) else p for p in loc)]


def validated(
    model: type[M],
    data: dict[str, Any],
    argument: str = "filter",
    paging: dict[str, str] | None = None,
) -> M:
    """Validate with the REST model; failures name the GraphQL argument and field.
    ``paging`` renames the model's paging fields (backward paging: ``last``/``before``)."""
    renames = {**_ARGUMENTS, **(paging or {})}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [
            field_error(_graphql_loc(e["loc"], argument, renames), e["msg"]) for e in exc.errors()
        ]
        names = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
        raise ValidationFailed(f"Invalid input: {names}.", errors) from exc

"""Each enum of orders, after-sales and disputes is one StrEnum: the column reads it back, the
filters and input models validate with it, the read models publish it and GraphQL registers the
same class (so a value added in one place appears in all of them)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, get_type_hints

import pytest
from sqlalchemy import Enum as SqlEnum

from app.domain.after_sales.schemas import AfterSale, AfterSaleCreate, AfterSaleListParams
from app.domain.disputes.schemas import Dispute, DisputeListParams, Evidence, EvidenceIn
from app.domain.orders.filters import DayRangeName, OrderFilter
from app.domain.orders.listing import OrderListParams, OrderSort
from app.domain.orders.schemas import Order, OrderCreate, OrderRow
from app.domain.shipments.schemas import TrackingEvent as TrackingEventOut
from app.domain.shipments.schemas import TrackingEventIn
from app.graphql.schema import schema
from app.models import AfterSale as AfterSaleRow
from app.models import Dispute as DisputeRow
from app.models import DisputeEvidence
from app.models import Order as OrderEntity
from app.models import TrackingEvent as TrackingEventRow
from app.models.after_sales import (
    AfterSaleStatus,
    AfterSaleType,
    DisputeKind,
    DisputeStatus,
    EvidenceKind,
)
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource
from app.models.shipments import ShipmentStatus, TrackingStatus

# (enum, column, read model field, input/filter field)
USES: list[tuple[type[StrEnum], Any, tuple[Any, str], tuple[Any, str]]] = [
    (OrderStatus, OrderEntity.status, (OrderRow, "status"), (OrderFilter, "status")),
    (PayStatus, OrderEntity.pay_status, (Order, "pay_status"), (OrderFilter, "pay_status")),
    (PayMethod, OrderEntity.pay_method, (Order, "pay_method"), (OrderCreate, "pay_method")),
    (
        TrafficSource,
        OrderEntity.traffic_source,
        (OrderRow, "traffic_source"),
        (OrderFilter, "traffic_source"),
    ),
    (AfterSaleType, AfterSaleRow.type, (AfterSale, "type"), (AfterSaleCreate, "type")),
    (AfterSaleStatus, AfterSaleRow.status, (AfterSale, "status"), (AfterSaleListParams, "status")),
    (DisputeKind, DisputeRow.kind, (Dispute, "kind"), (DisputeListParams, "kind")),
    (DisputeStatus, DisputeRow.status, (Dispute, "status"), (DisputeListParams, "status")),
    (EvidenceKind, DisputeEvidence.kind, (Evidence, "kind"), (EvidenceIn, "kind")),
    (
        TrackingStatus,
        TrackingEventRow.status,
        (TrackingEventOut, "status"),
        (TrackingEventIn, "status"),
    ),
]


def _mentions(annotation: Any, enum: type[StrEnum]) -> bool:
    if annotation is enum:
        return True
    return any(_mentions(arg, enum) for arg in getattr(annotation, "__args__", ()))


@pytest.mark.parametrize(("enum", "column", "read", "given"), USES, ids=lambda v: str(v))
def test_one_enum_serves_column_read_model_and_input(
    enum: type[StrEnum], column: Any, read: tuple[Any, str], given: tuple[Any, str]
) -> None:
    kind = column.property.columns[0].type
    assert isinstance(kind, SqlEnum) and kind.enum_class is enum
    model, field = read
    assert _mentions(get_type_hints(model, include_extras=True)[field], enum)
    model, field = given
    assert _mentions(model.model_fields[field].annotation, enum)


@pytest.mark.parametrize(
    "enum",
    [
        OrderStatus,
        PayStatus,
        PayMethod,
        TrafficSource,
        AfterSaleStatus,
        AfterSaleType,
        OrderSort,
        DayRangeName,
        ShipmentStatus,
        TrackingStatus,
    ],
)
def test_graphql_registers_the_same_class(enum: type[StrEnum]) -> None:
    definition = enum.__strawberry_definition__  # type: ignore[attr-defined]
    graphql_type = schema._schema.get_type(definition.name)
    assert graphql_type is not None
    assert {v.value for v in graphql_type.values.values()} == {m.value for m in enum}
    assert OrderListParams.model_fields["sort"].annotation is OrderSort

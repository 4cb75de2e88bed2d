"""The one order filter model: REST list, exports and GraphQL validate and apply this.

:class:`OrderFilter` validates input (every error names its parameter) and
:func:`filter_conditions` turns it into SQL conditions on ``orders``. Intervals are half-open
(``*_from`` inclusive, ``*_to`` exclusive); ``range`` means whole days in each shop's timezone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select

from app.kit.inputs import rfc3339_only
from app.models import AfterSale, Order, OrderItem, Shipment
from app.models.after_sales import AfterSaleStatus
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource

MAX_ID = 2**63 - 1
MAX_FEN = 10**12


class DayRangeName(StrEnum):
    """Whole days in the shop's timezone, today included."""

    TODAY = "today"
    LAST_7_DAYS = "last_7_days"
    LAST_30_DAYS = "last_30_days"


_RANGE_DAYS = {DayRangeName.TODAY: 0, DayRangeName.LAST_7_DAYS: 6, DayRangeName.LAST_30_DAYS: 29}

MIN_INSTANT = datetime(1970, 1, 1, tzinfo=UTC)
MAX_INSTANT = datetime(9000, 1, 1, tzinfo=UTC)


def _bounded(value: datetime) -> datetime:
    # Far-out offsets near year 1 or 9999 overflow once converted to UTC for PostgreSQL.
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("must be between 1970 and 9000") from exc
    if not MIN_INSTANT <= utc < MAX_INSTANT:
        raise ValueError("must be between 1970 and 9000")
    return utc


Instant = Annotated[AwareDatetime, BeforeValidator(rfc3339_only), AfterValidator(_bounded)]
"""An RFC 3339 instant with an offset, normalised to UTC, in a range PostgreSQL can store."""

# No NUL or other control characters: PostgreSQL text cannot hold NUL, so reject it as input.
_TEXT = r"^[^\x00-\x1f\x7f]+$"


Text32 = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=_TEXT)]
Text64 = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=_TEXT)]
Text100 = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=_TEXT)]


class OrderFilter(BaseModel):
    """Every filter of the order list; all optional, combined with AND."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    order_no: Annotated[str | None, Field(pattern=r"^[0-9]{1,19}$")] = Field(
        default=None, description="Exact order number"
    )
    product_id: int | None = Field(default=None, ge=1, le=MAX_ID, description="Has this product")
    buyer_id: Text32 | None = Field(default=None, description="Exact buyer id")
    buyer_nickname: Text100 | None = Field(
        default=None, description="Nickname prefix, case-insensitive"
    )
    status: list[OrderStatus] | None = Field(default=None, description="Repeatable")
    pay_status: list[PayStatus] | None = Field(default=None, description="Repeatable")
    pay_method: list[PayMethod] | None = Field(default=None, description="Repeatable")
    created_from: Instant | None = Field(default=None, description="Inclusive, RFC 3339")
    created_to: Instant | None = Field(default=None, description="Exclusive, RFC 3339")
    updated_from: Instant | None = Field(default=None, description="Inclusive, RFC 3339")
    updated_to: Instant | None = Field(default=None, description="Exclusive, RFC 3339")
    range: DayRangeName | None = Field(
        default=None, description="Created within whole days in the shop's timezone"
    )
    flagged: bool | None = None
    has_after_sale: bool | None = None
    after_sale_status: list[AfterSaleStatus] | None = Field(
        default=None, description="Has an after-sale in one of these states (repeatable)"
    )
    author_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    traffic_source: list[TrafficSource] | None = Field(default=None, description="Repeatable")
    province: Text32 | None = Field(default=None, description="Exact province")
    tracking_no: Text64 | None = Field(
        default=None, description="Has a parcel with this tracking number"
    )
    min_paid: int | None = Field(default=None, ge=0, le=MAX_FEN, description="Fen, inclusive")
    max_paid: int | None = Field(default=None, ge=0, le=MAX_FEN, description="Fen, inclusive")
    buyer_note_contains: Text100 | None = Field(
        default=None, description="The buyer's note contains this text (case-insensitive)"
    )
    merchant_remark_contains: Text100 | None = Field(
        default=None, description="The merchant remark contains this text (case-insensitive)"
    )

    @field_validator("created_to", "updated_to")
    @classmethod
    def _after_start(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        start = info.data.get(info.field_name.replace("_to", "_from")) if info.field_name else None
        if value is not None and start is not None and value <= start:
            raise ValueError("must be later than the matching *_from")
        return value

    @field_validator("max_paid")
    @classmethod
    def _not_below_min(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("min_paid")
        if value is not None and low is not None and value < low:
            raise ValueError("must not be below min_paid")
        return value


def range_start(name: DayRangeName, timezone: str, now: datetime) -> datetime:
    """Local midnight that starts the named range (today counts as one of the days)."""
    days = _RANGE_DAYS[DayRangeName(name)]
    zone = ZoneInfo(timezone)
    local_day = now.astimezone(zone).date() - timedelta(days=days)
    return datetime.combine(local_day, time(0), tzinfo=zone)


def filter_conditions(
    f: OrderFilter, *, timezones: Mapping[int, str], now: datetime
) -> list[ColumnElement[bool]]:
    """SQL conditions on ``orders`` for ``f``. ``timezones`` maps the listed shops to theirs."""
    c: list[ColumnElement[bool]] = []
    if f.order_no is not None:
        c.append(Order.order_no == f.order_no)
    if f.product_id is not None:
        c.append(_child(OrderItem, OrderItem.product_id == f.product_id))
    if f.buyer_id is not None:
        c.append(Order.buyer_id == f.buyer_id)
    if f.buyer_nickname is not None:
        prefix = _like_escaped(f.buyer_nickname.lower())
        c.append(func.lower(Order.buyer_nickname).like(prefix + "%", escape="\\"))
    if f.status:
        c.append(Order.status.in_(f.status))
    if f.pay_status:
        c.append(Order.pay_status.in_(f.pay_status))
    if f.pay_method:
        c.append(Order.pay_method.in_(f.pay_method))
    if f.created_from is not None:
        c.append(Order.created_at >= f.created_from)
    if f.created_to is not None:
        c.append(Order.created_at < f.created_to)
    if f.updated_from is not None:
        c.append(Order.updated_at >= f.updated_from)
    if f.updated_to is not None:
        c.append(Order.updated_at < f.updated_to)
    if f.range is not None:
        c.append(_range_condition(f.range, timezones, now))
    if f.flagged is not None:
        c.append(Order.flagged.is_(f.flagged))
    if f.has_after_sale is not None:
        any_after_sale = _child(AfterSale)
        c.append(any_after_sale if f.has_after_sale else ~any_after_sale)
    if f.after_sale_status:
        c.append(_child(AfterSale, AfterSale.status.in_(f.after_sale_status)))
    if f.author_id is not None:
        c.append(Order.author_id == f.author_id)
    if f.traffic_source:
        c.append(Order.traffic_source.in_(f.traffic_source))
    if f.province is not None:
        c.append(Order.province == f.province)
    if f.tracking_no is not None:
        c.append(_child(Shipment, Shipment.tracking_no == f.tracking_no))
    if f.min_paid is not None:
        c.append(Order.paid_amount >= f.min_paid)
    if f.max_paid is not None:
        c.append(Order.paid_amount <= f.max_paid)
    if f.buyer_note_contains is not None:
        c.append(Order.buyer_note.ilike(_contains(f.buyer_note_contains), escape="\\"))
    if f.merchant_remark_contains is not None:
        c.append(Order.merchant_remark.ilike(_contains(f.merchant_remark_contains), escape="\\"))
    return c


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(text: str) -> str:
    """An ILIKE pattern matching ``text`` anywhere (served by the trigram indexes)."""
    return f"%{_like_escaped(text)}%"


def _child(
    model: type[OrderItem] | type[Shipment] | type[AfterSale],
    *extra: ColumnElement[bool],
) -> ColumnElement[bool]:
    """EXISTS a child row of the order (tenant key first, so the (shop_id, …) index serves)."""
    return exists(
        select(1).where(model.shop_id == Order.shop_id, model.order_id == Order.id, *extra)
    )


def _range_condition(
    name: DayRangeName, timezones: Mapping[int, str], now: datetime
) -> ColumnElement[bool]:
    by_zone: dict[str, list[int]] = defaultdict(list)
    for shop_id, zone in timezones.items():
        by_zone[zone].append(shop_id)
    if len(by_zone) == 1:
        (zone,) = by_zone
        return Order.created_at >= range_start(name, zone, now)
    parts = [
        and_(Order.shop_id.in_(sorted(ids)), Order.created_at >= range_start(name, zone, now))
        for zone, ids in sorted(by_zone.items())
    ]
    return or_(*parts) if parts else false()

"""The order domain's input models (shared by the internal ingest API, REST and GraphQL) and
the read models of everything the order routes return.

Read models are TypedDicts (see app/kit/contract.py): the domain builds them as plain dicts,
REST declares them as ``response_model`` and the tests validate every response against them.
"""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from pydantic import AliasChoices, ConfigDict, Field, model_validator
from typing_extensions import TypedDict

from app.domain.after_sales.schemas import ENTRY_PROBLEM, AfterSale, AfterSaleStatus
from app.domain.disputes.schemas import Dispute
from app.domain.shipments.schemas import (
    CarrierCode,
    ShipmentLine,
    ShipmentLineIn,
    ShipmentStatus,
    TrackingNo,
    unique_items,
)
from app.errors import Problem
from app.kit.contract import Timestamp, read_model
from app.kit.inputs import (
    DateTimeIn,
    StrictModel,
    VersionedIn,
    deprecated_never_null,
    never_null,
)
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource

__all__ = ["OrderStatus", "PayMethod", "PayStatus", "StrictModel", "TrafficSource", "VersionedIn"]


class BuyerIn(StrictModel):
    id: str = Field(min_length=1, max_length=32)
    nickname: str = Field(min_length=1, max_length=100)


class ReceiverIn(StrictModel):
    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(min_length=5, max_length=32, pattern=r"^[0-9+\- ]+$")
    address: str = Field(min_length=1, max_length=500)
    province: str = Field(min_length=1, max_length=32)
    city: str = Field(min_length=1, max_length=64)


class OrderItemIn(StrictModel):
    product_id: int = Field(ge=1, le=2**63 - 1)
    title: str = Field(min_length=1, max_length=200)
    sku: str | None = Field(default=None, max_length=64)
    quantity: int = Field(ge=1, le=9999)
    unit_price: int = Field(ge=0, le=100_000_000, description="Fen")


class OrderCreate(StrictModel):
    order_no: str | None = Field(default=None, pattern=r"^[0-9]{19}$")
    buyer: BuyerIn
    receiver: ReceiverIn
    items: list[OrderItemIn] = Field(min_length=1, max_length=100)
    discount_amount: int = Field(default=0, ge=0, le=2**63 - 1)
    shipping_fee: int = Field(default=0, ge=0, le=1_000_000)
    pay_method: PayMethod | None = None
    traffic_source: TrafficSource = TrafficSource.OTHER
    room_id: str | None = Field(default=None, max_length=32)
    video_id: str | None = Field(default=None, max_length=32)
    author_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    commission_rate_bps: int = Field(default=0, ge=0, le=10_000)
    buyer_note: str | None = Field(default=None, max_length=500)
    created_at: DateTimeIn | None = None


class OrderPay(VersionedIn):
    pay_method: PayMethod
    paid_at: DateTimeIn | None = None


class OrderClose(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "Buyer asked to cancel"}]},
    )

    reason: str = Field(min_length=1, max_length=200, pattern=r"\S")


class OrderShip(VersionedIn):
    """One parcel: ``carrier_code`` + ``tracking_no``, with ``lines`` (default: every unit not
    yet shipped). The deprecated ``carrier`` (a free-text name) and ``items`` (whole lines:
    the rest of each listed line) still work. Send exactly one of ``carrier_code`` and
    ``carrier``, and at most one of ``lines`` and ``items``: otherwise 422 validation_error."""

    # The either/or rules live in this description and in schemathesis.toml, not in an
    # ``anyOf`` of required sets: generators (openapi-python-client) type such a body as Any.

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "carrier_code": "SF",
                    "tracking_no": "SF1234567890",
                    "lines": [{"item_id": 101, "quantity": 1}],
                }
            ],
        },
    )

    carrier_code: CarrierCode | None = Field(default=None, json_schema_extra=never_null)
    carrier: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="Deprecated: a carrier name (SF, 顺丰速运, ...), mapped to its registry "
        "code; send carrier_code.",
        json_schema_extra=deprecated_never_null,
    )
    tracking_no: TrackingNo
    lines: list[ShipmentLineIn] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Units per order line in this parcel (default: everything unshipped)",
    )
    item_ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(
        default=None,
        max_length=100,
        validation_alias=AliasChoices("items", "item_ids"),
        description="Deprecated: whole order lines in this parcel (the rest of each); send lines.",
        json_schema_extra={"deprecated": True},
    )

    @model_validator(mode="after")
    def _one_of_each(self) -> OrderShip:
        if (self.carrier_code is None) == (self.carrier is None):
            raise ValueError("give carrier_code (or the deprecated carrier), not both")
        if self.lines is not None and self.item_ids is not None:
            raise ValueError("give lines (or the deprecated items), not both")
        unique_items(self.lines)
        return self


class OrderSign(VersionedIn):
    signed_at: DateTimeIn | None = None


class OrderComplete(VersionedIn):
    pass


class OrderPatch(VersionedIn):
    """Merchant edits; each field has its own rule (see its description). Send at least
    one of ``shipping_fee``, ``merchant_remark`` and ``receiver``: otherwise 422
    validation_error ("Nothing to change")."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"merchant_remark": "VIP, gift wrap", "expected_version": 3}],
        },
    )

    shipping_fee: int | None = Field(
        default=None, ge=0, le=1_000_000, description="Fen; only before payment"
    )
    merchant_remark: str | None = Field(
        default=None, max_length=500, description="Empty string clears it"
    )
    receiver: ReceiverIn | None = Field(
        default=None, description="Only before shipment", json_schema_extra=never_null
    )


class OrderFlag(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "Receiver address looks fake"}]},
    )

    reason: str = Field(min_length=1, max_length=200, pattern=r"\S")


class PaymentReminderCreate(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"coupon_code": "SAVE5", "message": "Your cart is waiting: 5 yuan off today"}
            ]
        },
    )

    coupon_code: str | None = Field(default=None, min_length=1, max_length=64)
    message: str | None = Field(default=None, min_length=1, max_length=500)


class OrderRefund(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "Out of stock", "expected_version": 2}]},
    )

    reason: str = Field(min_length=1, max_length=200, pattern=r"\S")


class RefundLineIn(StrictModel):
    item_id: int = Field(ge=1, le=2**63 - 1, description="An item of the order")
    quantity: int = Field(ge=1, le=9999, description="Units of that item to refund")


class RefundCreate(VersionedIn):
    """A partial (or the remaining) refund: an ``amount`` in fen, or ``lines`` of items."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"amount": 1500, "reason": "Price protection"},
                {"lines": [{"item_id": 7, "quantity": 1}], "reason": "One item out of stock"},
            ]
        },
    )

    amount: int | None = Field(
        default=None, ge=1, le=2**63 - 1, description="Fen; exactly one of amount and lines"
    )
    lines: list[RefundLineIn] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Items refunded at their paid price (unit price less the order's discount "
        "share); exactly one of amount and lines",
    )
    reason: str = Field(min_length=1, max_length=200, pattern=r"\S")


class BatchShipmentEntry(OrderShip):
    order_id: int = Field(ge=1, le=2**63 - 1)


# -- read models ---------------------------------------------------------------------------

Fen = Annotated[int, Field(description="Money in fen (12990 = ¥129.90).", examples=[12990])]
Version = Annotated[
    int,
    Field(
        description="Bumped by every change; send it back as `If-Match` or `expected_version`.",
        examples=[3],
    ),
]


@read_model
class Buyer(TypedDict):
    id: Annotated[str, Field(description="The platform's buyer id.", examples=["b_20931"])]
    nickname: Annotated[str, Field(description="Display name.", examples=["小鹿"])]


@read_model
class Receiver(TypedDict):
    """Where the parcel goes. Without `orders:read_pii` name, phone and address come masked."""

    name: Annotated[str, Field(examples=["张*"])]
    phone: Annotated[str, Field(examples=["138****5678"])]
    address: Annotated[str, Field(description="Street address.", examples=["西湖区文三路***"])]
    province: Annotated[str, Field(examples=["浙江"])]
    city: Annotated[str, Field(examples=["杭州"])]
    masked: Annotated[
        bool, Field(description="True when name, phone and address are masked (no PII scope).")
    ]


@read_model
class AuthorCommission(TypedDict):
    """The influencer (达人) credited with the sale and their commission on it."""

    id: Annotated[int, Field(description="Author id.")]
    commission_rate_bps: Annotated[
        int, Field(description="Commission rate in basis points (1500 = 15 %).", examples=[1500])
    ]
    commission_amount: Annotated[
        int,
        Field(
            description="Commission in fen: paid_amount x rate, fixed at payment (0 before).",
            examples=[1948],
        ),
    ]


@read_model
class OrderItem(TypedDict):
    id: Annotated[int, Field(description="Item id (use it to ship part of an order).")]
    product_id: int
    title: Annotated[str, Field(examples=["Linen shirt"])]
    sku: Annotated[str | None, Field(examples=["SHIRT-L-WHITE"])]
    quantity: Annotated[int, Field(ge=1, examples=[2])]
    unit_price: Annotated[int, Field(description="Price per unit in fen.", examples=[6495])]


@read_model
class Shipment(TypedDict):
    """One parcel handed to a carrier (an order can ship in several)."""

    id: int
    carrier_code: Annotated[str, Field(description="Registry code (GET /v1/carriers).")]
    carrier: Annotated[
        str,
        Field(
            description="Deprecated: the same as carrier_code.",
            examples=["SF"],
            json_schema_extra={"deprecated": True},
        ),
    ]
    tracking_no: Annotated[str, Field(examples=["SF1234567890"])]
    lines: Annotated[list[ShipmentLine], Field(description="Units of each order line inside.")]
    item_ids: Annotated[
        list[int] | None,
        Field(
            description="Deprecated: the item ids of lines.",
            json_schema_extra={"deprecated": True},
        ),
    ]
    status: ShipmentStatus
    corrections: Annotated[
        int, Field(description="Carrier/tracking corrections so far (at most 3).", ge=0, le=3)
    ]
    shipped_at: Timestamp
    signed_at: Annotated[Timestamp | None, Field(description="Carrier's delivery scan, or null.")]
    updated_at: Timestamp


@read_model
class AfterSaleSummary(TypedDict):
    """The order's after-sales at a glance (details: GET .../after-sales?order_id=)."""

    count: Annotated[int, Field(description="All after-sales ever opened on the order.")]
    open: Annotated[int, Field(description="Those not yet in a final state.")]
    latest_status: Annotated[
        AfterSaleStatus | None, Field(description="Status of the newest one; null when none.")
    ]


@read_model
class OrderRow(TypedDict):
    """An order as the list shows it (no receiver: read the detail for that)."""

    id: int
    shop_id: int
    order_no: Annotated[
        str, Field(description="19-digit order number.", examples=["6926011512345678901"])
    ]
    status: OrderStatus
    pay_status: PayStatus
    pay_method: PayMethod | None
    created_at: Timestamp
    paid_at: Timestamp | None
    paid_amount: Fen
    buyer: Buyer
    items: list[OrderItem]
    tracking_numbers: Annotated[list[str], Field(description="Of every parcel, in order.")]
    flagged: Annotated[bool, Field(description="Marked abnormal by the merchant.")]
    after_sale: AfterSaleSummary
    author_id: Annotated[int | None, Field(description="Credited author, if any.")]
    traffic_source: TrafficSource
    province: str
    city: str
    version: Version
    updated_at: Timestamp


@read_model
class Order(TypedDict):
    """The order's full representation: what writes answer and the change feed carries."""

    id: Annotated[int, Field(description="Order id (unique within the shop).", examples=[101])]
    shop_id: int
    order_no: Annotated[
        str, Field(description="19-digit order number.", examples=["6926011512345678901"])
    ]
    status: OrderStatus
    pay_status: PayStatus
    pay_method: Annotated[PayMethod | None, Field(description="Null until paid.")]
    goods_amount: Annotated[Fen, Field(description="Sum of quantity x unit_price, in fen.")]
    discount_amount: Annotated[Fen, Field(description="Discount in fen.")]
    shipping_fee: Annotated[Fen, Field(description="Shipping fee in fen.")]
    paid_amount: Annotated[
        Fen, Field(description="goods - discount + shipping, in fen; 0 until paid.")
    ]
    refunded_amount: Annotated[Fen, Field(description="Refunded so far, in fen.")]
    refundable_amount: Annotated[
        Fen, Field(description="What may still be refunded: paid_amount - refunded_amount.")
    ]
    buyer: Buyer
    receiver: Receiver
    province: Annotated[str, Field(description="The receiver's province (never masked).")]
    city: Annotated[str, Field(description="The receiver's city (never masked).")]
    traffic_source: TrafficSource
    room_id: Annotated[str | None, Field(description="Live room of the sale, if any.")]
    video_id: Annotated[str | None, Field(description="Short video of the sale, if any.")]
    author: Annotated[
        AuthorCommission | None, Field(description="Credited author and commission, or null.")
    ]
    merchant_remark: Annotated[str | None, Field(description="The merchant's private note.")]
    buyer_note: Annotated[str | None, Field(description="The buyer's note at checkout.")]
    flagged: Annotated[bool, Field(description="Marked abnormal by the merchant.")]
    flag_reason: Annotated[str | None, Field(description="Why it was flagged, while flagged.")]
    items: list[OrderItem]
    shipments: list[Shipment]
    tracking_numbers: Annotated[list[str], Field(description="Of every parcel, in order.")]
    created_at: Timestamp
    paid_at: Timestamp | None
    shipped_at: Annotated[Timestamp | None, Field(description="First parcel shipped.")]
    signed_at: Annotated[Timestamp | None, Field(description="Delivery scan.")]
    completed_at: Timestamp | None
    closed_at: Timestamp | None
    close_reason: Annotated[str | None, Field(examples=["Buyer asked to cancel"])]
    version: Version
    updated_at: Timestamp


@read_model
class TimelineActor(TypedDict):
    type: Annotated[
        str,
        Field(
            description="Who acted: account (merchant staff), app (an OAuth client), internal "
            "(the commerce core's ingest) or system.",
            examples=["account"],
        ),
    ]
    id: Annotated[
        str | None,
        Field(
            description="Their label: account:<id>, app:<client id>, or the type.",
            examples=["account:12"],
        ),
    ]


@read_model
class TimelineEvent(TypedDict):
    """One step of the order's story, oldest first."""

    kind: Annotated[
        str,
        Field(
            description="What happened: the order's own steps read bare (created, paid, "
            "shipped, flagged, ...), its after-sales' and disputes' carry their entity "
            "(after_sale.approved, dispute.submitted, ...).",
            examples=["shipped"],
        ),
    ]
    actor: TimelineActor
    data: Annotated[
        dict[str, Any],
        Field(
            description="The step's details (free-form, by kind).",
            examples=[{"carrier": "SF", "tracking_no": "SF1234567890"}],
        ),
    ]
    at: Timestamp


@read_model
class PaymentReminder(TypedDict):
    id: int
    coupon_code: Annotated[str | None, Field(examples=["SAVE5"])]
    message: Annotated[str | None, Field(examples=["Your cart is waiting: 5 yuan off today"])]
    actor: Annotated[
        str | None, Field(description="Who sent it (account:<id> or app:<client id>).")
    ]
    created_at: Timestamp


@read_model
class RefundLine(TypedDict):
    item_id: int
    quantity: int
    amount: Annotated[Fen, Field(description="What these units refunded, in fen.")]


@read_model
class Refund(TypedDict):
    """Money returned to the buyer: one row of the order's refund ledger."""

    id: int
    order_id: int
    after_sale_id: Annotated[
        int | None, Field(description="The refund after-sale it completed, else null.")
    ]
    amount: Fen
    reason: str
    lines: Annotated[
        list[RefundLine] | None, Field(description="The items refunded, when refunded by lines.")
    ]
    actor: Annotated[str | None, Field(description="Who refunded (account:<id>, app:<id>).")]
    created_at: Timestamp


@read_model
class OrderDetail(Order):
    """The order with its whole story (GET one order)."""

    timeline: list[TimelineEvent]
    after_sales: list[AfterSale]
    disputes: list[Dispute]
    payment_reminders: list[PaymentReminder]
    refunds: Annotated[list[Refund], Field(description="The refund ledger, oldest first.")]
    allowed_actions: Annotated[
        list[str],
        Field(
            description="Order actions the caller (its role and scopes) may take now: close "
            "(unpaid), ship, refund; edits such as flag or remark are always possible. The "
            "commerce core's steps (pay, sign, complete) are never listed.",
            examples=[["refund", "ship"]],
        ),
    ]


@read_model
class BatchShipEntry(TypedDict):
    """The outcome of one entry, at the same position as in the request."""

    order_id: Annotated[int | None, Field(description="Null when the entry had no valid id.")]
    ok: bool
    order: NotRequired[Annotated[Order, Field(description="The shipped order (when ok).")]]
    error: NotRequired[Annotated[Problem, Field(description=ENTRY_PROBLEM)]]


@read_model
class BatchShipResult(TypedDict):
    results: list[BatchShipEntry]
    succeeded: Annotated[int, Field(description="Entries shipped.")]
    failed: Annotated[int, Field(description="Entries refused (each has its error).")]
